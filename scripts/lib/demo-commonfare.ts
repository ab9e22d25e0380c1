// Demo data of the solidarity circles (docs/commonfare.md): the council accepts the Demo Euro for new circles
// (`seedCommonfareGovernance`), then "Broodfonds Oost", a circle of 20 independent workers, lives through its first six
// months (`seedCommonfareDemo`): Bea founds it with Cyrus on its board, the board admits 18 candidates and three
// members admit the last one; each member makes a starting deposit of six months, then a deposit every month. In the
// fourth month Kim falls ill: her buddy Ines and Cyrus confirm, she collects two months of gifts from the others'
// accounts, and recovers. Both run while the chain is still in the past: the second moves the clock forward by
// COMMONFARE_HISTORY_SECONDS (the local stack starts the chain that much earlier), so every member's waiting period
// has long passed when the chain reaches the present. All through the public contract API; the transactions of each
// step go in one block (the members' deposits of a month, the board's admissions).
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer, TransactionResponse } from "ethers";
import { LOCAL_PERSONAS } from "../../sdk/src/local.ts";
import { chainTime, decide, warpTo } from "./council.ts";
import { noGap, type Gap } from "./spread.ts";

const DAY = 86_400;
/** The contract's gift month. */
const MONTH = 30 * DAY;
/** dEUR has 6 decimals. */
const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));

/** How far the circle's history moves the chain's clock: the local stack starts the chain that much earlier. */
export const COMMONFARE_HISTORY_SECONDS = 180 * DAY;

/** The circle's name in the demo (the contract keeps none: circles are numbered). */
export const DEMO_CIRCLE_NAME = "Broodfonds Oost";

/** The circle's rules (its currency is the demo's dEUR), Broodfonds-like (docs/commonfare.md). */
export const DEMO_CIRCLE_RULES = {
  capMonths: 36,
  floorMonths: 6,
  maxGiftMonths: 24,
  minMembers: 20,
  maxMembers: 50,
  waitingPeriod: 90 * DAY,
  levelChangeGap: 180 * DAY,
  admissionVotes: 3,
  boardConfirmations: 1,
};

/** The circle's levels: a monthly deposit of 35, 70 or 105 dEUR buys a monthly benefit of 750, 1,500 or 2,250. */
export const DEMO_CIRCLE_LEVELS = [
  { monthlyDeposit: dEUR(35), monthlyBenefit: dEUR(750) },
  { monthlyDeposit: dEUR(70), monthlyBenefit: dEUR(1_500) },
  { monthlyDeposit: dEUR(105), monthlyBenefit: dEUR(2_250) },
];

/** The personas in the circle, founder first, with their levels (indexes into DEMO_CIRCLE_LEVELS). */
const PERSONA_MEMBERS: [name: string, level: number][] = [
  ["Bea", 2],
  ["Ada", 1],
  ["Cyrus", 1],
  ["Dara", 0],
  ["Eli", 1],
  ["Fay", 1],
  ["Gus", 0],
  ["Hal", 2],
  ["Ines", 1],
  ["Jon", 0],
  ["Kim", 1],
  ["Lena", 0],
];
/** The levels of the other eight members: accounts of fixed keys, not personas of the local test wallet. */
const OTHER_LEVELS = [1, 0, 2, 1, 1, 0, 1, 2];
/** The board (Bea founds the circle), the past claim and the three members who admit the last candidate. */
const BOARD = ["Bea", "Cyrus"];
const PAST_CLAIM = { claimant: "Kim", buddy: "Ines", board: "Cyrus", months: 2 };
const VOTERS = ["Ada", "Eli", "Fay"];
/** The starting deposit, in months of the member's level; then one month's deposit every month. */
const STARTING_MONTHS = 6n;
/** What each member allows the contract to pull, in months of its level (several months, never unlimited). */
const ALLOWANCE_MONTHS = 24n;
/** dEUR minted to each persona of the circle (enough to try a deposit above the cap in the dApp). */
const PERSONA_DEUR = dEUR(5_000);

export interface CommonfareDemoMember {
  /** The persona's name; none for the members that are not personas of the local test wallet. */
  name?: string;
  address: string;
  /** Index into DEMO_CIRCLE_LEVELS. */
  level: number;
}

export interface CommonfareDemoSummary {
  commonfare: string;
  circleId: bigint;
  name: string;
  founder: string;
  /** The board's addresses (Bea, Cyrus). */
  board: string[];
  /** The 20 members, founder first: 12 personas, then 8 accounts of fixed keys. */
  members: CommonfareDemoMember[];
  /** The claim that ran in the past: Kim's, confirmed by her buddy Ines and by Cyrus, two months collected. */
  pastClaim: { claimant: string; buddy: string; confirmedBy: string; months: number };
  /** The circle's pool after the seed. */
  pool: bigint;
}

/** The council accepts the demo's dEUR for new circles (the contract's owner is its timelock); once per chain. */
export async function seedCommonfareGovernance(
  ethers: HardhatEthers,
  addresses: { commonfare: string; token: string; governor: string },
): Promise<void> {
  const [ada, bea, cyrus] = await ethers.getSigners();
  const commonfare = await ethers.getContractAt("Commonfare", addresses.commonfare);
  if (await commonfare.isCurrency(addresses.token)) return;
  const governor = await ethers.getContractAt("ThresholdsCouncil", addresses.governor);
  await decide(
    ethers,
    governor,
    ada,
    [ada, bea, cyrus],
    [
      {
        target: addresses.commonfare,
        data: commonfare.interface.encodeFunctionData("setCurrency", [addresses.token, true]),
      },
    ],
    "Solidarity circles: accept the Demo Euro (dEUR) for new circles",
  );
}

/** The accounts of the eight members that are not personas (fixed keys: the same addresses on every run). */
function otherMembers(ethers: HardhatEthers) {
  return OTHER_LEVELS.map((_, i) => new ethers.Wallet(ethers.id(`cosmolocal.demo.commonfare.member.${i + 1}`)));
}

/**
 * Sends every transaction of `sends` with automine off, then mines them together (one block while they fit in it) and
 * checks each receipt. Transactions of one burst must not depend on each other, except by the same sender's order.
 */
async function burst(ethers: HardhatEthers, sends: [what: string, send: () => Promise<TransactionResponse>][]) {
  const provider = ethers.provider;
  const sent: TransactionResponse[] = [];
  await provider.send("evm_setAutomine", [false]);
  try {
    for (const [, send] of sends) sent.push(await send());
    const pending = async () =>
      ((await provider.send("eth_getBlockByNumber", ["pending", false])) as { transactions: string[] }).transactions;
    for (let blocks = 0; (await pending()).length > 0; blocks++) {
      if (blocks === sends.length) throw new Error("commonfare demo: the node does not mine a burst's transactions");
      await provider.send("evm_mine", []);
    }
  } finally {
    await provider.send("evm_setAutomine", [true]);
  }
  for (const [i, tx] of sent.entries()) {
    const receipt = await provider.getTransactionReceipt(tx.hash);
    if (receipt?.status !== 1) throw new Error(`commonfare demo: ${sends[i][0]} reverted (${tx.hash})`);
  }
}

/** No estimate: a burst's transactions are sent before the ones they follow are mined. */
const GAS = { gasLimit: 400_000n };

/**
 * Seeds the circle while the chain is in the past, moving the clock forward by COMMONFARE_HISTORY_SECONDS. Run again
 * on a chain that has the circle, it sends nothing and returns its summary.
 */
export async function seedCommonfareDemo(
  ethers: HardhatEthers,
  addresses: { commonfare: string; token: string },
  gap: Gap = noGap,
): Promise<CommonfareDemoSummary> {
  const signers = await ethers.getSigners();
  const persona = (name: string) => {
    const i = LOCAL_PERSONAS.findIndex((p) => p.name === name);
    if (i < 0) throw new Error(`commonfare demo: no persona ${name}`);
    return signers[i];
  };
  const others = otherMembers(ethers).map((w) => w.connect(ethers.provider));
  type Member = { name?: string; signer: HardhatEthersSigner | (typeof others)[number]; level: number };
  const members: Member[] = [
    ...PERSONA_MEMBERS.map(([name, level]) => ({ name, signer: persona(name), level })),
    ...others.map((signer, i) => ({ signer, level: OTHER_LEVELS[i] })),
  ];
  const byName = (name: string) => members.find((m) => m.name === name)!;
  const founder = members[0];
  const board = BOARD.map((n) => persona(n));
  const commonfare = await ethers.getContractAt("Commonfare", addresses.commonfare);
  const token = await ethers.getContractAt("MockERC20", addresses.token);
  const deposit = (m: Member) => DEMO_CIRCLE_LEVELS[m.level].monthlyDeposit;
  const as = (s: Signer) => commonfare.connect(s);

  const summary = async (circleId: bigint): Promise<CommonfareDemoSummary> => ({
    commonfare: addresses.commonfare,
    circleId,
    name: DEMO_CIRCLE_NAME,
    founder: founder.signer.address,
    board: board.map((b) => b.address),
    members: members.map((m) => ({ ...(m.name ? { name: m.name } : {}), address: m.signer.address, level: m.level })),
    pastClaim: {
      claimant: byName(PAST_CLAIM.claimant).signer.address,
      buddy: byName(PAST_CLAIM.buddy).signer.address,
      confirmedBy: persona(PAST_CLAIM.board).address,
      months: PAST_CLAIM.months,
    },
    pool: (await commonfare.circleOf(circleId)).pool,
  });

  // Once per chain: a circle Bea founded in dEUR with every member admitted is this demo's.
  for (const event of await commonfare.queryFilter(
    commonfare.filters.CircleFounded(undefined, founder.signer.address),
  )) {
    const circleId = event.args.circleId;
    if ((await commonfare.rulesOf(circleId)).currency.toLowerCase() !== addresses.token.toLowerCase()) continue;
    if ((await commonfare.circleOf(circleId)).members < BigInt(members.length))
      throw new Error(`commonfare demo: circle #${circleId} was seeded only in part; seed a fresh chain`);
    return summary(circleId);
  }
  const start = await chainTime(ethers);

  // The eight members that are not personas get gas; every member gets dEUR and allows the contract 24 months.
  await burst(
    ethers,
    others.map((o) => [`ETH for ${o.address}`, () => signers[0].sendTransaction({ to: o.address, value: 10n ** 18n })]),
  );
  await burst(
    ethers,
    members.map((m) => [
      `dEUR for ${m.name ?? m.signer.address}`,
      () => token.mint(m.signer.address, m.name ? PERSONA_DEUR : (ALLOWANCE_MONTHS + 1n) * deposit(m), GAS),
    ]),
  );
  await burst(
    ethers,
    members.map((m) => [
      `${m.name ?? m.signer.address} approves`,
      () => token.connect(m.signer).approve(addresses.commonfare, ALLOWANCE_MONTHS * deposit(m), GAS),
    ]),
  );

  // Bea founds the circle; the others ask to join; the board (Bea) admits all but the last, whom three members admit.
  await gap();
  await (
    await as(founder.signer).foundCircle(
      { currency: addresses.token, ...DEMO_CIRCLE_RULES },
      DEMO_CIRCLE_LEVELS,
      board.map((b) => b.address),
      founder.level,
    )
  ).wait();
  const circleId = await commonfare.circleCount();
  const candidates = members.slice(1);
  await burst(
    ethers,
    candidates.map((m) => [
      `${m.name ?? m.signer.address} asks to join`,
      () => as(m.signer).requestJoin(circleId, m.level, GAS),
    ]),
  );
  const last = candidates[candidates.length - 1];
  await burst(
    ethers,
    candidates
      .slice(0, -1)
      .map((m) => [
        `Bea admits ${m.name ?? m.signer.address}`,
        () => as(founder.signer).approveCandidate(circleId, m.signer.address, GAS),
      ]),
  );
  await burst(
    ethers,
    VOTERS.map((name) => [
      `${name} approves ${last.signer.address}`,
      () => as(persona(name)).approveCandidate(circleId, last.signer.address, GAS),
    ]),
  );

  // Month 0: the starting deposits. Months 1 to 5: each member's monthly deposit (Kim's claim runs in months 3-4).
  const t1 = await chainTime(ethers);
  const kim = byName(PAST_CLAIM.claimant);
  const deposits = (who: Member[], months = 1n) =>
    burst(
      ethers,
      who.map((m) => [
        `${m.name ?? m.signer.address} deposits`,
        () => as(m.signer).deposit(circleId, months * deposit(m), GAS),
      ]),
    );
  await deposits(members, STARTING_MONTHS);
  let claimStartedAt = 0;
  for (let month = 1; month <= 5; month++) {
    await gap();
    // Kim's second month of gifts begins a month after her claim started.
    const at = month === 4 ? Math.max(t1 + month * MONTH, claimStartedAt + MONTH) : t1 + month * MONTH;
    await warpTo(ethers, Math.max(at, (await chainTime(ethers)) + 1));
    await deposits(month === 4 ? members.filter((m) => m !== kim) : members);
    if (month === 3) {
      // Kim cannot work: her buddy Ines and Cyrus (board) confirm, and she collects her first month at once.
      await (
        await as(kim.signer).reportClaim(
          circleId,
          byName(PAST_CLAIM.buddy).signer.address,
          ethers.id("Kim: note kept by her buddy"),
        )
      ).wait();
      await (await as(byName(PAST_CLAIM.buddy).signer).confirmClaim(circleId, kim.signer.address)).wait();
      await (await as(persona(PAST_CLAIM.board)).confirmClaim(circleId, kim.signer.address)).wait();
      claimStartedAt = Number((await commonfare.claimOf(circleId, kim.signer.address)).startedAt);
      await (await as(kim.signer).collectGift(circleId)).wait();
    }
    if (month === 4) {
      // Her second month, then she is back at work.
      await (await as(kim.signer).collectGift(circleId)).wait();
      await (await as(kim.signer).recover(circleId)).wait();
    }
  }
  // The history takes COMMONFARE_HISTORY_SECONDS of the chain's clock, whatever the gaps took.
  if ((await chainTime(ethers)) < start + COMMONFARE_HISTORY_SECONDS)
    await warpTo(ethers, start + COMMONFARE_HISTORY_SECONDS);
  return summary(circleId);
}
