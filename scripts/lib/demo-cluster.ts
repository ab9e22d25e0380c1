// Demo data of the micro-cluster exchange, around Bologna, among the credit network's members: Ada, Bea and Cyrus allow
// the exchange to record their orders' obligations (Dara does not yet: she is asked when she first posts). Cyrus
// offers the lab's open cargo-bike frame (the design commons' frame, which he builds under a licence) and Bea needs
// four: Ada submits the match, Cyrus accepts it and starts production, so the production board shows it. Ada's
// makerspace offers laser-cut panels that no one needs yet, and Bea needs cable that no one offers. All through the
// public contract API.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { noGap, type Gap } from "./spread.ts";

export interface ClusterDemoSummary {
  cluster: string;
  /** The intents posted (ids from 1), and the order matched and in production. */
  intents: number;
  orderId: bigint;
  /** The frame's offer and need, matched as the order. */
  frameOfferId: bigint;
  frameNeedId: bigint;
}

const DAY = 86_400;
/** Bologna, microdegrees. */
export const BOLOGNA = { lat: 44_494_900, lon: 11_342_600 };

export async function seedClusterDemo(
  ethers: HardhatEthers,
  addresses: { cluster: string; credit: string; frameId: bigint },
  gap: Gap = noGap,
): Promise<ClusterDemoSummary> {
  const s = await ethers.getSigners();
  const [ada, bea, cyrus] = s;
  const credit = await ethers.getContractAt("CreditNetwork", addresses.credit);
  const exchange = await ethers.getContractAt("ClusterExchange", addresses.cluster);
  const unit = 10n ** BigInt(await credit.decimals());
  const u = (n: number) => BigInt(Math.round(n * 100)) * (unit / 100n);

  for (const m of [ada, bea, cyrus])
    await (await credit.connect(m).setObligationOperator(addresses.cluster, true)).wait();

  await gap();
  const now = Number((await ethers.provider.getBlock("latest"))!.timestamp);
  const bytes8 = (text: string) => ethers.hexlify(ethers.toUtf8Bytes(text.padEnd(8, "\0")));
  type Signer = typeof ada;
  let posted = 0;
  async function post(
    who: Signer,
    side: 0 | 1,
    what: { category: number; unit: string; designId?: bigint; quantity: number; price: number; days: number },
    place: { lat: number; lon: number },
    maxKm: number,
  ) {
    const terms = {
      owner: who.address,
      side,
      category: what.category,
      unit: bytes8(what.unit),
      designId: what.designId ?? 0n,
      spec: ethers.ZeroHash,
      quantity: BigInt(what.quantity),
      price: u(what.price),
      start: now - DAY,
      end: now + what.days * DAY,
      lat: place.lat,
      lon: place.lon,
      maxDistance: maxKm * 1000,
    };
    await (await exchange.connect(who).postIntent(terms)).wait();
    posted++;
    return { id: await exchange.intentCount(), terms };
  }
  // Cyrus's workshop in Bolognina, the lab in the centre (about 1.5 km apart).
  const frames = { category: 3101, unit: "pcs", designId: addresses.frameId };
  const frameOffer = await post(
    cyrus,
    0,
    { ...frames, quantity: 12, price: 300, days: 60 },
    { lat: 44_507_500, lon: 11_351_400 },
    30,
  );
  const frameNeed = await post(bea, 1, { ...frames, quantity: 4, price: 340, days: 45 }, BOLOGNA, 20);
  await post(
    ada,
    0,
    { category: 2210, unit: "m2", quantity: 50, price: 8, days: 30 },
    { lat: 44_482_000, lon: 11_370_000 },
    25,
  );
  await post(
    bea,
    1,
    { category: 1204, unit: "m", quantity: 100, price: 2.5, days: 30 },
    { lat: 44_500_000, lon: 11_320_000 },
    40,
  );

  await gap();
  // Ada matches the frames (anyone may): four at Cyrus's asking price; Cyrus accepts, promising them in 20 days, and
  // starts building.
  const matched = await (
    await exchange.connect(ada).submitMatches(
      [
        { id: frameOffer.id, terms: frameOffer.terms },
        { id: frameNeed.id, terms: frameNeed.terms },
      ],
      [{ offer: 0, need: 1, quantity: 4n, price: frameOffer.terms.price }],
    )
  ).wait();
  const orderId = await exchange.orderCount();
  const matchedAt = Number((await ethers.provider.getBlock(matched!.blockNumber))!.timestamp);
  const record = {
    offerId: frameOffer.id,
    needId: frameNeed.id,
    producer: cyrus.address,
    buyer: bea.address,
    designId: addresses.frameId,
    quantity: 4n,
    price: frameOffer.terms.price,
    matchedAt,
    dueBy: frameNeed.terms.end,
    promisedAt: 0,
    shippedAt: 0,
    state: 1,
  };
  const promisedAt = matchedAt + 20 * DAY;
  await (await exchange.connect(cyrus).acceptOrder(orderId, record, promisedAt)).wait();
  await (await exchange.connect(cyrus).startProduction(orderId, { ...record, promisedAt, state: 2 })).wait();

  return {
    cluster: addresses.cluster,
    intents: posted,
    orderId,
    frameOfferId: frameOffer.id,
    frameNeedId: frameNeed.id,
  };
}
