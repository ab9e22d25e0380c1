// Shared fixtures of the ClusterExchange tests: the credit network of test/credit (a steward, five members) with a
// contribution ledger and a design commons holding two designs, the exchange that members approved as their obligation
// operator, intent terms placed around Bologna, and the order records rebuilt from the events alone.
import type { ContractTransactionResponse, EventLog } from "ethers";
import type { ClusterExchange, IClusterExchange } from "../../types/ethers-contracts/index.ts";
import { distanceMetres } from "../../sdk/src/cluster/geo.ts";
import { DAY, deployWithMembers, ethers, latest, networkHelpers, type Signer, u } from "../credit/fixtures.ts";

export { conn, DAY, ethers, latest, networkHelpers, ObligationStatus, openObligation, u } from "../credit/fixtures.ts";
export type { Signer } from "../credit/fixtures.ts";

export const Side = { Offer: 0, Need: 1 } as const;
export const OrderState = {
  None: 0n,
  Matched: 1n,
  Accepted: 2n,
  InProduction: 3n,
  Shipped: 4n,
  Delivered: 5n,
  Cancelled: 6n,
  Disputed: 7n,
} as const;
export const ACCEPT_WINDOW = 7n * BigInt(DAY);
export const LATE_GRACE = 7n * BigInt(DAY);
export const CONFIRM_WINDOW = 14n * BigInt(DAY);
/** Bologna's Piazza Maggiore, in microdegrees. */
export const CITY = { lat: 44_493_700, lon: 11_343_000 } as const;
export const CATEGORY = 7;

/** An ASCII unit as the contract's bytes8. */
export const unit = (text: string) => ethers.hexlify(ethers.toUtf8Bytes(text.padEnd(8, "\0")).slice(0, 8));
export const spec = (text: string) => ethers.id(`spec ${text}`);

/** An intent's terms in plain values (what postIntent takes and the events carry). */
export interface Terms {
  owner: string;
  side: number;
  category: number;
  unit: string;
  designId: bigint;
  spec: string;
  quantity: bigint;
  price: bigint;
  start: bigint;
  end: bigint;
  lat: number;
  lon: number;
  maxDistance: number;
}

/** An order record in plain values (IClusterExchange.Order). */
export interface Order {
  offerId: bigint;
  needId: bigint;
  producer: string;
  buyer: string;
  designId: bigint;
  quantity: bigint;
  price: bigint;
  matchedAt: bigint;
  dueBy: bigint;
  promisedAt: bigint;
  shippedAt: bigint;
  state: bigint;
}

/** A member (alice and carol produce, bob and dave buy) who approved the exchange; erin is a member who did not. */
export async function deployCluster() {
  const base = await deployWithMembers();
  const { network, admin, alice, bob, carol, dave, rest } = base;
  const designer = rest[0];
  const ledger = await ethers.deployContract("ContributionLedger");
  await ledger
    .connect(admin)
    .createProject(
      "Open Hardware Lab",
      "ipfs://lab",
      { quorum: 1, evaluationWindow: DAY, minScore: 1 },
      ["Design"],
      [10],
    );
  await ledger.connect(admin).grantRole(1n, designer.address, 1);
  const designs = await ethers.deployContract("DesignCommons", [await ledger.getAddress(), admin.address]);
  const licence = {
    currency: ethers.ZeroAddress,
    feePerUnit: 0n,
    feePerPeriod: 0n,
    periodLength: 0,
    licenceDuration: 365 * DAY,
    derivativeShareBps: 0,
  };
  for (const name of ["stool", "shelf"]) {
    await designs.connect(designer).registerDesign(ethers.id(name), `ipfs://${name}`, 1n, licence, []);
  }
  const exchange = await ethers.deployContract("ClusterExchange", [
    await network.getAddress(),
    await designs.getAddress(),
  ]);
  for (const m of [alice, bob, carol, dave]) await approve(exchange, network, m);
  return { ...base, ledger, designs, exchange, designer, producers: [alice, carol], buyers: [bob, dave] };
}

export type Cluster = Awaited<ReturnType<typeof deployCluster>>;
type Network = Cluster["network"];

/** `member` approves (or withdraws, `approved` false) the exchange as its obligation operator on the credit network. */
export async function approve(exchange: ClusterExchange, network: Network, member: Signer, approved = true) {
  return network.connect(member).setObligationOperator(await exchange.getAddress(), approved);
}

/** A place `north` and `east` microdegrees from the city centre. */
export const near = (north = 0, east = 0) => ({ lat: CITY.lat + north, lon: CITY.lon + east });

/** The distance in metres between two intents' places, as GeoMath computes it (the SDK's exact mirror). */
export const apart = (a: Pick<Terms, "lat" | "lon">, b: Pick<Terms, "lat" | "lon">) =>
  distanceMetres(a.lat, a.lon, b.lat, b.lon);

/** Offer terms of `owner`: 100 pcs of category 7 at 10 a piece, open 30 days from now, at the city centre, 20 km. */
export async function offerTerms(owner: Signer, overrides: Partial<Terms> = {}): Promise<Terms> {
  const now = await latest();
  return {
    owner: owner.address,
    side: Side.Offer,
    category: CATEGORY,
    unit: unit("pcs"),
    designId: 0n,
    spec: ethers.ZeroHash,
    quantity: 100n,
    price: u(10),
    start: now,
    end: now + 30n * BigInt(DAY),
    ...CITY,
    maxDistance: 20_000,
    ...overrides,
  };
}

/** Need terms of `owner`: 60 pcs of category 7 at most 12 a piece, due in 20 days, about 1.8 km north-east, 20 km. */
export async function needTerms(owner: Signer, overrides: Partial<Terms> = {}): Promise<Terms> {
  const now = await latest();
  return {
    ...(await offerTerms(owner)),
    side: Side.Need,
    quantity: 60n,
    price: u(12),
    end: now + 20n * BigInt(DAY),
    ...near(12_000, 15_000),
    ...overrides,
  };
}

/** Terms as plain values, from an event's struct (or a call result). */
export function termsOf(t: IClusterExchange.IntentTermsStructOutput): Terms {
  return {
    owner: t.owner,
    side: Number(t.side),
    category: Number(t.category),
    unit: t.unit,
    designId: t.designId,
    spec: t.spec,
    quantity: t.quantity,
    price: t.price,
    start: t.start,
    end: t.end,
    lat: Number(t.lat),
    lon: Number(t.lon),
    maxDistance: Number(t.maxDistance),
  };
}

const TERMS_TYPE =
  "tuple(address owner,uint8 side,uint32 category,bytes8 unit,uint64 designId,bytes32 spec,uint96 quantity," +
  "uint96 price,uint40 start,uint40 end,int32 lat,int32 lon,uint32 maxDistance)";
const ORDER_TYPE =
  "tuple(uint64 offerId,uint64 needId,address producer,address buyer,uint64 designId,uint96 quantity,uint96 price," +
  "uint40 matchedAt,uint40 dueBy,uint40 promisedAt,uint40 shippedAt,uint8 state)";
const coder = ethers.AbiCoder.defaultAbiCoder();

/** The stored hash of terms, computed here: the top 160 bits of keccak256(abi.encode(terms)). */
export const termsHash = (t: Terms) => ethers.dataSlice(ethers.keccak256(coder.encode([TERMS_TYPE], [t])), 0, 20);
/** The stored hash of an order record, computed here: keccak256(abi.encode(order)). */
export const orderHash = (o: Order) => ethers.keccak256(coder.encode([ORDER_TYPE], [o]));

/** Posts `terms` as their owner; returns the intent's id. */
export async function post(exchange: ClusterExchange, owner: Signer, terms: Terms): Promise<bigint> {
  await exchange.connect(owner).postIntent(terms);
  return exchange.intentCount();
}

/** An intent as a batch names it. */
export type Ref = { id: bigint; terms: Terms };
/** A match between positions of the batch's intents. */
export type MatchIn = { offer: number; need: number; quantity: bigint; price: bigint };

/** Submits `matches` between `intents` (sorted here by id) from `matcher`. */
export function submit(exchange: ClusterExchange, matcher: Signer, intents: Ref[], matches: MatchIn[]) {
  return exchange.connect(matcher).submitMatches(intents, matches);
}

/** Posts an offer and a need and matches `quantity` of them at `price`; returns the ids and the order's record. */
export async function matchedOrder(
  s: Cluster,
  o: { offer?: Partial<Terms>; need?: Partial<Terms>; quantity?: bigint; price?: bigint } = {},
) {
  const { exchange, alice, bob, outsider } = s;
  const offer = await offerTerms(alice, o.offer);
  const need = await needTerms(bob, o.need);
  const offerId = await post(exchange, alice, offer);
  const needId = await post(exchange, bob, need);
  const quantity = o.quantity ?? 40n;
  const price = o.price ?? u(11);
  await submit(
    exchange,
    outsider,
    [
      { id: offerId, terms: offer },
      { id: needId, terms: need },
    ],
    [{ offer: 0, need: 1, quantity, price }],
  );
  const orderId = await exchange.orderCount();
  return { offer, need, offerId, needId, orderId, order: await orderRecord(exchange, orderId) };
}

type Log = EventLog & { args: Record<string, unknown> & unknown[] };
const position = (l: Log) => [l.blockNumber, l.index] as const;
const before = (a: Log, b: Log) =>
  position(a)[0] < position(b)[0] || (a.blockNumber === b.blockNumber && a.index < b.index);

/** The terms of intent `intentId` in force just before `at` (a log; the latest terms without it), from the events. */
export async function termsFromEvents(exchange: ClusterExchange, intentId: bigint, at?: Log): Promise<Terms> {
  const logs = [
    ...(await exchange.queryFilter(exchange.filters.IntentPosted(intentId))),
    ...(await exchange.queryFilter(exchange.filters.IntentUpdated(intentId))),
  ] as unknown as Log[];
  const earlier = logs.filter((l) => at === undefined || before(l, at)).sort((a, b) => (before(a, b) ? -1 : 1));
  const last = earlier.at(-1);
  if (last === undefined) throw new Error(`no terms of intent ${intentId}`);
  return termsOf(last.args.terms as IClusterExchange.IntentTermsStructOutput);
}

/**
 * Order `orderId`'s record rebuilt from the events alone: OrderMatched gives the intents, quantity, price and time (the
 * block's), the intents' terms then give the parties, the offer's design and the need's due date; every later event
 * moves its state (and sets promisedAt and shippedAt).
 */
export async function orderRecord(exchange: ClusterExchange, orderId: bigint): Promise<Order> {
  const [matched] = (await exchange.queryFilter(exchange.filters.OrderMatched(orderId))) as unknown as Log[];
  if (matched === undefined) throw new Error(`order ${orderId} was never matched`);
  const { offerId, needId, quantity, price } = matched.args as unknown as Record<string, bigint>;
  const offer = await termsFromEvents(exchange, offerId, matched);
  const need = await termsFromEvents(exchange, needId, matched);
  const block = await ethers.provider.getBlock(matched.blockNumber);
  const o: Order = {
    offerId,
    needId,
    producer: offer.owner,
    buyer: need.owner,
    designId: offer.designId,
    quantity,
    price,
    matchedAt: BigInt(block!.timestamp),
    dueBy: need.end,
    promisedAt: 0n,
    shippedAt: 0n,
    state: OrderState.Matched,
  };
  const f = exchange.filters;
  const steps = (
    await Promise.all(
      [
        f.OrderAccepted(orderId),
        f.OrderInProduction(orderId),
        f.OrderShipped(orderId),
        f.OrderDelivered(orderId),
        f.OrderCancelled(orderId),
        f.OrderDisputed(orderId),
      ].map((filter) => exchange.queryFilter(filter as Parameters<typeof exchange.queryFilter>[0])),
    )
  )
    .flat()
    .map((l) => l as unknown as Log)
    .sort((a, b) => (before(a, b) ? -1 : 1));
  for (const l of steps) {
    const a = l.args as unknown as Record<string, bigint>;
    if (l.eventName === "OrderAccepted") [o.promisedAt, o.state] = [a.promisedAt, OrderState.Accepted];
    else if (l.eventName === "OrderInProduction") o.state = OrderState.InProduction;
    // `at` is read by position: on an ethers Result the name is shadowed by Array.prototype.at
    else if (l.eventName === "OrderShipped") [o.shippedAt, o.state] = [l.args[1] as bigint, OrderState.Shipped];
    else if (l.eventName === "OrderDelivered") o.state = OrderState.Delivered;
    else if (l.eventName === "OrderCancelled") o.state = OrderState.Cancelled;
    else o.state = OrderState.Disputed;
  }
  return o;
}

/** The matched part of intent `intentId`. */
export const matchedOf = async (exchange: ClusterExchange, intentId: bigint) => (await exchange.intent(intentId))[1];

/** The block timestamp of a transaction. */
export async function timeOf(tx: ContractTransactionResponse | Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  const block = await ethers.provider.getBlock(receipt!.blockNumber);
  return BigInt(block!.timestamp);
}

/** Moves the clock so that the next block is mined at `t`. */
export const at = (t: bigint) => networkHelpers.time.setNextBlockTimestamp(t);
