// Gas of the micro-cluster exchange (issue 19; see scripts/bench.ts for how it is run): posting an intent, a match in a
// batch of 20 (`cluster.match`: 20 offers of 20 makers against 20 needs of 20 buyers, every intent in one match, the
// costliest shape; `cluster.match.split`: 10 offers and 10 needs, each in two matches), each order
// transition, and a delivery with the obligation it records on the credit network: `cluster.deliver` between traders
// who already hold obligation positions (a cluster's usual case), `cluster.deliver.first` for the very first obligation
// of the network and of both traders (every slot it writes is new), `cluster.deliver.licensed` for an order naming a
// design the producer holds a commercial licence on (the delivered units are reported to it, their fee owed).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

export const CLUSTER_GAS_TARGETS: Record<string, number> = {
  "cluster.postIntent": 90_000,
  "cluster.match": 60_000,
  "cluster.accept": 40_000,
  "cluster.startProduction": 40_000,
  "cluster.ship": 40_000,
  "cluster.deliver": 150_000,
};

type Receipt = { wait(): Promise<{ gasUsed: bigint; blockNumber: number } | null> };
async function mined(tx: Promise<Receipt>) {
  return (await (await tx).wait())!;
}

const DAY = 86_400;
const BATCH = 20;

export async function benchClusterGas(ethers: HardhatEthers): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const signers = await ethers.getSigners();
  const [steward] = signers;
  const credit = await ethers.deployContract("CreditNetwork", [
    "Bench Credit",
    "BC",
    18,
    steward.address,
    [steward.address],
  ]);
  const ledger = await ethers.deployContract("ContributionLedger");
  const designs = await ethers.deployContract("DesignCommons", [await ledger.getAddress(), steward.address]);
  const exchange = await ethers.deployContract("ClusterExchange", [
    await credit.getAddress(),
    await designs.getAddress(),
  ]);
  const exchangeAddress = await exchange.getAddress();
  // 20 makers and 20 buyers (fixed keys: their addresses, and so the gas, are the same each run), each an active
  // member who approved the exchange as its obligation operator.
  const traders = Array.from({ length: 2 * BATCH }, (_, i) =>
    new ethers.Wallet(ethers.id(`cluster bench trader ${i}`)).connect(ethers.provider),
  );
  for (const t of traders) {
    await mined(steward.sendTransaction({ to: t.address, value: ethers.parseEther("1") }));
    await mined(credit.admitMember(t.address));
    await mined(credit.connect(t).setObligationOperator(exchangeAddress, true));
  }
  const now = Number((await ethers.provider.getBlock("latest"))!.timestamp);
  const unit = ethers.encodeBytes32String("pcs").slice(0, 18);
  // Around Bologna: makers spread over ~10 km, each buyer ~2 km from its maker.
  const terms = (owner: string, side: 0 | 1, i: number) => ({
    owner,
    side,
    category: 1_001,
    unit,
    designId: 0,
    spec: ethers.ZeroHash,
    quantity: 100n,
    price: ethers.parseEther(side === 0 ? "10" : "12"),
    start: now,
    end: now + 60 * DAY,
    lat: 44_494_900 + i * 4_000 + side * 9_000,
    lon: 11_342_600 + i * 5_000 + side * 11_000,
    maxDistance: 20_000,
  });
  const offers = traders.slice(0, BATCH).map((t, i) => terms(t.address, 0, i));
  const needs = traders.slice(BATCH).map((t, i) => terms(t.address, 1, i));

  // Posting: the first intent pays for the counters' slot; the figure is a later one.
  const posted: bigint[] = [];
  let postGas = 0;
  for (const [k, t] of [...offers, ...needs].entries()) {
    const r = await mined(exchange.connect(traders[k]).postIntent(t));
    posted.push(await exchange.intentCount());
    if (k === 1) postGas = Number(r.gasUsed);
  }
  results["cluster.postIntent"] = postGas;

  // One batch of 20 matches, each offer i with need i, 30 units at the ask.
  const refs = [...offers, ...needs].map((t, k) => ({ id: posted[k], terms: t }));
  const matches = offers.map((o, i) => ({ offer: i, need: BATCH + i, quantity: 30n, price: o.price }));
  const batch = await mined(exchange.connect(steward).submitMatches(refs, matches));
  results["cluster.match.batch20"] = Number(batch.gasUsed);
  results["cluster.match"] = Math.round(Number(batch.gasUsed) / BATCH);

  // The same size of batch where intents are split, as an optimal batch often splits them: 10 offers and 10 needs,
  // each in two matches (offer i with needs i and i + 1), so each intent's checks and write are shared by two.
  const HALF = BATCH / 2;
  const split: { id: bigint; terms: ReturnType<typeof terms> }[] = [];
  for (const [k, t] of [...offers.slice(0, HALF), ...needs.slice(0, HALF)].entries()) {
    const owner = traders[k < HALF ? k : BATCH + k - HALF];
    await mined(exchange.connect(owner).postIntent(t));
    split.push({ id: await exchange.intentCount(), terms: t });
  }
  const pairs = Array.from({ length: BATCH }, (_, k) => ({
    offer: k % HALF,
    need: HALF + ((Math.floor(k / 2) + (k % 2)) % HALF),
    quantity: 10n,
    price: offers[0].price,
  }));
  const shared = await mined(exchange.connect(steward).submitMatches(split, pairs));
  results["cluster.match.split"] = Math.round(Number(shared.gasUsed) / BATCH);

  // Orders 1 and 2 through their lives: accept, start production, ship, confirm delivery (the obligation is recorded).
  const matchedAt = Number((await ethers.provider.getBlock(batch.blockNumber))!.timestamp);
  const orderOf = (i: number) => ({
    offerId: posted[i],
    needId: posted[BATCH + i],
    producer: offers[i].owner,
    buyer: needs[i].owner,
    designId: 0n,
    quantity: 30n,
    price: offers[i].price,
    matchedAt,
    dueBy: needs[i].end,
    promisedAt: 0,
    shippedAt: 0,
    state: 1,
  });
  const promisedAt = matchedAt + 20 * DAY;
  async function run(i: number) {
    const producer = traders[i];
    const buyer = traders[BATCH + i];
    const order = orderOf(i);
    const accepted = await mined(exchange.connect(producer).acceptOrder(i + 1, order, promisedAt));
    const afterAccept = { ...order, promisedAt, state: 2 };
    const started = await mined(exchange.connect(producer).startProduction(i + 1, afterAccept));
    const inProduction = { ...afterAccept, state: 3 };
    const shipped = await mined(exchange.connect(producer).shipOrder(i + 1, inProduction));
    const shippedAt = Number((await ethers.provider.getBlock(shipped.blockNumber))!.timestamp);
    const delivered = await mined(
      exchange.connect(buyer).confirmDelivery(i + 1, { ...inProduction, shippedAt, state: 4 }),
    );
    return { accepted, started, shipped, delivered };
  }
  const first = await run(0);
  results["cluster.deliver.first"] = Number(first.delivered.gasUsed);
  // Order 2's traders already owe and are owed: an invoice between them, recorded and accepted directly.
  const [producer2, buyer2] = [traders[1], traders[BATCH + 1]];
  await mined(
    credit.connect(producer2).recordObligation(buyer2.address, producer2.address, 5n, now + 90 * DAY, ethers.ZeroHash),
  );
  await mined(credit.connect(buyer2).acceptObligation(await credit.obligationCount()));
  const second = await run(1);
  results["cluster.accept"] = Number(second.accepted.gasUsed);
  results["cluster.startProduction"] = Number(second.started.gasUsed);
  results["cluster.ship"] = Number(second.shipped.gasUsed);
  results["cluster.deliver"] = Number(second.delivered.gasUsed);
  if ((await credit.obligationCount()) !== 3n) throw new Error("the deliveries did not record their obligations");

  // `cluster.deliver.licensed`: as `cluster.deliver` (order 2's traders), for an order naming a design the producer
  // holds a commercial licence on (0.001 ETH per unit) and approves the exchange to report on: the delivery also counts
  // the units on the licence and adds their fee to what it owes. Measured on the licence's second such delivery (what
  // it owes is already non-zero, as between traders who already hold positions).
  await mined(
    ledger.createProject(
      "Bench Lab",
      "ipfs://lab",
      { quorum: 1, evaluationWindow: DAY, minScore: 1 },
      ["Design"],
      [10],
    ),
  );
  await mined(ledger.grantRole(1n, steward.address, 1));
  const licenceTerms = {
    currency: ethers.ZeroAddress,
    feePerUnit: ethers.parseEther("0.001"),
    feePerPeriod: 0n,
    periodLength: 0,
    licenceDuration: 365 * DAY,
    derivativeShareBps: 0,
  };
  await mined(designs.registerDesign(ethers.id("bench lamp"), "ipfs://lamp", 1n, licenceTerms, []));
  const designId = await designs.designCount();
  await mined(designs.connect(producer2).takeLicence(designId));
  await mined(designs.connect(producer2).setReportOperator(exchangeAddress, true));
  const licensedOffer = { ...offers[1], designId };
  const licensed = [
    { id: 0n, terms: licensedOffer },
    { id: 0n, terms: needs[1] },
  ];
  await mined(exchange.connect(producer2).postIntent(licensedOffer));
  licensed[0].id = await exchange.intentCount();
  await mined(exchange.connect(buyer2).postIntent(needs[1]));
  licensed[1].id = await exchange.intentCount();
  const twice = [0, 1].map(() => ({ offer: 0, need: 1, quantity: 5n, price: offers[1].price }));
  const pairBatch = await mined(exchange.connect(steward).submitMatches(licensed, twice));
  const pairAt = Number((await ethers.provider.getBlock(pairBatch.blockNumber))!.timestamp);
  const firstLicensed = await exchange.orderCount(); // the batch's second order; the first is one before
  let licensedGas = 0;
  for (const orderId of [firstLicensed - 1n, firstLicensed]) {
    const order = {
      offerId: licensed[0].id,
      needId: licensed[1].id,
      producer: producer2.address,
      buyer: buyer2.address,
      designId,
      quantity: 5n,
      price: offers[1].price,
      matchedAt: pairAt,
      dueBy: needs[1].end,
      promisedAt: pairAt + 20 * DAY,
      shippedAt: 0,
      state: 2,
    };
    await mined(
      exchange.connect(producer2).acceptOrder(orderId, { ...order, promisedAt: 0, state: 1 }, order.promisedAt),
    );
    const shippedTx = await mined(exchange.connect(producer2).shipOrder(orderId, order));
    const shippedAt = Number((await ethers.provider.getBlock(shippedTx.blockNumber))!.timestamp);
    const done = await mined(exchange.connect(buyer2).confirmDelivery(orderId, { ...order, shippedAt, state: 4 }));
    licensedGas = Number(done.gasUsed);
  }
  const licenceId = await designs.licenceOf(designId, producer2.address);
  if ((await designs.licence(licenceId)).unitsReported !== 10n) throw new Error("the deliveries were not reported");
  results["cluster.deliver.licensed"] = licensedGas;
  return results;
}
