// Gas of the solidarity circles (issue 20; see scripts/bench.ts for how it is run), in circles of exactly 20 and 50
// members, every member funded (a starting deposit of 12 months, then the month's deposit once the waiting period has
// passed), at levels 35/750, 70/1,500 and 105/2,250 (a Broodfonds-like circle, docs/commonfare.md):
// - `commonfare.collectGift@20` and `@50`: a claimant collects one month of gifts, its second (not its first, which
//   starts its token balance, nor its last, which ends the claim), taken from the other 19 or 49 accounts through the
//   gift index; the two must be within 5 % of each other (no loop over members);
// - `commonfare.deposit`: a member's monthly deposit, pulled under an allowance it gave earlier for several months
//   (not unlimited, and not spent to zero by this deposit), after gifts moved the index since its last settlement;
// - `commonfare.reportClaim` (a member's first claim), `commonfare.confirmClaim` (the confirmation that starts the
//   claim: the board member's, after the buddy's), `commonfare.withdraw` (one month's deposit, above the floor) and
//   `commonfare.leave` (a member takes its whole balance).
// The members' keys are fixed, so their addresses (and so the gas) are the same on every run.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

export const COMMONFARE_TARGETS: Record<string, number> = {
  "commonfare.collectGift@20": 80_000,
  "commonfare.collectGift@50": 80_000,
  "commonfare.deposit": 60_000,
};

type Receipt = { wait(): Promise<{ gasUsed: bigint } | null> };
async function gasOf(tx: Promise<Receipt>): Promise<number> {
  return Number((await (await tx).wait())!.gasUsed);
}

const DAY = 86_400;
const MONTH = 30 * DAY;
/** The bench currency has 6 decimals, as a euro stablecoin. */
const eur = (n: number) => BigInt(n) * 1_000_000n;
const LEVELS = [
  { monthlyDeposit: eur(35), monthlyBenefit: eur(750) },
  { monthlyDeposit: eur(70), monthlyBenefit: eur(1_500) },
  { monthlyDeposit: eur(105), monthlyBenefit: eur(2_250) },
];

export async function benchCommonfare(ethers: HardhatEthers): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const [owner, board] = await ethers.getSigners();
  const token = await ethers.deployContract("MockERC20", ["Bench Euro", "bEUR", 6]);
  const commonfare = await ethers.deployContract("Commonfare", [owner.address]);
  const address = await commonfare.getAddress();
  await (await commonfare.setCurrency(await token.getAddress(), true)).wait();
  const rules = {
    currency: await token.getAddress(),
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
  const warp = async (seconds: number) => {
    await ethers.provider.send("evm_increaseTime", [seconds]);
    await ethers.provider.send("evm_mine", []);
  };

  /**
   * A circle of `size` members (member i at level i % 3; member 0 founds it, the board admits the others), each with
   * a starting deposit of 12 months under an allowance of 24 months. Returns its id and members.
   */
  async function circle(size: number) {
    process.stdout.write(`bench: setting up a circle of ${size} members…\n`);
    const members = Array.from({ length: size }, (_, i) =>
      new ethers.Wallet(ethers.id(`commonfare bench member ${size}.${i}`)).connect(ethers.provider),
    );
    const level = (i: number) => i % 3;
    for (const [i, m] of members.entries()) {
      await (await owner.sendTransaction({ to: m.address, value: ethers.parseEther("1") })).wait();
      await (await token.mint(m.address, 60n * LEVELS[level(i)].monthlyDeposit)).wait();
      await (await token.connect(m).approve(address, 24n * LEVELS[level(i)].monthlyDeposit)).wait();
    }
    await (await commonfare.connect(members[0]).foundCircle(rules, LEVELS, [board.address], level(0))).wait();
    const id = await commonfare.circleCount();
    for (const [i, m] of members.entries()) {
      if (i > 0) {
        await (await commonfare.connect(m).requestJoin(id, level(i))).wait();
        await (await commonfare.connect(board).approveCandidate(id, m.address)).wait();
      }
      await (await commonfare.connect(m).deposit(id, 12n * LEVELS[level(i)].monthlyDeposit)).wait();
    }
    return { id, members, level };
  }

  const small = await circle(20);
  const large = await circle(50);
  // Past the waiting period; every member pays the month's deposit.
  await warp(90 * DAY + 1);
  for (const c of [small, large])
    for (const [i, m] of c.members.entries())
      await (await commonfare.connect(m).deposit(c.id, LEVELS[c.level(i)].monthlyDeposit)).wait();

  // Member 1 (level 70/1,500) falls ill; member 2 is its buddy, then the board confirms and the claim starts. Its
  // first month is collected at once; the second, measured, a month later.
  for (const c of [small, large]) {
    const [claimant, buddy] = [c.members[1], c.members[2]];
    const report = commonfare.connect(claimant).reportClaim(c.id, buddy.address, ethers.id("note"));
    if (c === small) results["commonfare.reportClaim"] = await gasOf(report);
    else await (await report).wait();
    await (await commonfare.connect(buddy).confirmClaim(c.id, claimant.address)).wait();
    const start = commonfare.connect(board).confirmClaim(c.id, claimant.address);
    if (c === small) results["commonfare.confirmClaim"] = await gasOf(start);
    else await (await start).wait();
    await (await commonfare.connect(claimant).collectGift(c.id)).wait();
  }
  await warp(MONTH);
  for (const c of [small, large])
    results[`commonfare.collectGift@${c.members.length}`] = await gasOf(
      commonfare.connect(c.members[1]).collectGift(c.id),
    );

  // In the circle of 20, after those gifts: member 3's monthly deposit (13 of the 24 months it approved spent before
  // it), member 4 withdraws one month's deposit (its balance is above the floor), and member 5 leaves with its balance.
  const [m3, m4, m5] = small.members.slice(3, 6);
  results["commonfare.deposit"] = await gasOf(
    commonfare.connect(m3).deposit(small.id, LEVELS[small.level(3)].monthlyDeposit),
  );
  results["commonfare.withdraw"] = await gasOf(
    commonfare.connect(m4).withdraw(small.id, LEVELS[small.level(4)].monthlyDeposit),
  );
  results["commonfare.leave"] = await gasOf(commonfare.connect(m5).leave(small.id));
  return results;
}
