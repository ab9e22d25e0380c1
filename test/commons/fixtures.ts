// Shared fixtures of the DesignCommons tests: a contribution ledger with three projects (the lab, with points; the
// studio, with points; the new collective, without points yet), a demo token both point-holding projects accept, and
// the commons contract owned by a stand-in for the council's timelock.
import { network } from "hardhat";

export const conn = await network.create();
export const { ethers, networkHelpers } = conn;

export const MEMBER = 1;
export const COORDINATOR = 2;
export const DAY = 24 * 3600;
export const YEAR = 365 * DAY;
export const ETH = ethers.ZeroAddress;
export const Tier = { None: 0n, Commons: 1n, Commercial: 2n } as const;
const POLICY = { quorum: 2, evaluationWindow: 7 * DAY, minScore: 5 };

export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/** Licence terms with the defaults of the tests: ETH, 0.01 per unit, no period fee, a year, 10 % of derivatives. */
export function terms(
  overrides: Partial<{
    currency: string;
    feePerUnit: bigint;
    feePerPeriod: bigint;
    periodLength: number;
    licenceDuration: number;
    derivativeShareBps: number;
  }> = {},
) {
  return {
    currency: ETH,
    feePerUnit: ethers.parseEther("0.01"),
    feePerPeriod: 0n,
    periodLength: 0,
    licenceDuration: YEAR,
    derivativeShareBps: 1_000,
    ...overrides,
  };
}

/** A content hash for the files named `name`. */
export const content = (name: string) => ethers.keccak256(ethers.toUtf8Bytes(`files of ${name}`));

export async function deployCommons() {
  const [coordinator, designer, maker, evaluator1, evaluator2, council, company, coop, outsider, designer2] =
    await ethers.getSigners();
  const ledger = await ethers.deployContract("ContributionLedger");
  const token = await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6]);
  // Projects 1 (the lab), 2 (the studio) and 3 (the new collective, no points yet).
  for (const name of ["Open Hardware Lab", "Derivative Studio", "New Collective"]) {
    await ledger.connect(coordinator).createProject(name, `ipfs://${name}`, POLICY, ["Design"], [10]);
  }
  for (const projectId of [1n, 2n, 3n]) {
    for (const m of [designer, designer2, maker, evaluator1, evaluator2]) {
      await ledger.connect(coordinator).grantRole(projectId, m.address, MEMBER);
    }
  }
  await ledger.connect(coordinator).addIncomeToken(1n, await token.getAddress());
  await ledger.connect(coordinator).addIncomeToken(2n, await token.getAddress());
  // Points (quantity × weight 10 × score 10): the designer in the lab (300), the designer and designer2 in the studio
  // (300 and 600).
  await givePoints(ledger, 1n, designer, 3n, [evaluator1, evaluator2]);
  await givePoints(ledger, 2n, designer, 3n, [evaluator1, evaluator2]);
  await givePoints(ledger, 2n, designer2, 6n, [evaluator1, evaluator2]);
  const commons = await ethers.deployContract("DesignCommons", [await ledger.getAddress(), council.address]);
  for (const who of [company, coop, outsider]) await token.mint(who.address, 10n ** 12n);
  return {
    ledger,
    token,
    commons,
    coordinator,
    designer,
    designer2,
    maker,
    evaluator1,
    evaluator2,
    council,
    company,
    coop,
    outsider,
  };
}

export type Commons = Awaited<ReturnType<typeof deployCommons>>;
type Ledger = Commons["ledger"];

/** An accepted contribution of `quantity` by `who` (weight 10, scored 10 by each evaluator: `quantity × 100` points). */
export async function givePoints(
  ledger: Ledger,
  projectId: bigint,
  who: Signer,
  quantity: bigint,
  evaluators: Signer[],
) {
  const evidence = ethers.keccak256(ethers.toUtf8Bytes(`evidence ${projectId} ${who.address} ${quantity}`));
  await ledger.connect(who).submit({ projectId, kindId: 0, quantity, evidenceHash: evidence, evidenceURI: "ipfs://e" });
  const id = await ledger.contributionCount();
  for (const e of evaluators) await ledger.connect(e).evaluate(id, 10, ethers.ZeroHash);
  return id;
}

/** Registers design `name` of `projectId` by `who` and returns its id. */
export async function register(
  s: Commons,
  name: string,
  projectId: bigint,
  parents: bigint[] = [],
  t = terms(),
  who: Signer = s.designer,
) {
  await s.commons.connect(who).registerDesign(content(name), `ipfs://${name}`, projectId, t, parents);
  return s.commons.designCount();
}

/** The lab's original (1, asks 10 % of derivatives), the studio's derivative of it (2, asks 5 %), and the studio's
 * derivative of that (3): design 3's ancestors are 2 (5 %) and 1 (10 %). */
export async function deployChain() {
  const s = await deployCommons();
  const original = await register(s, "original", 1n, [], terms({ derivativeShareBps: 1_000 }));
  const derivative = await register(s, "derivative", 2n, [original], terms({ derivativeShareBps: 500 }));
  const grandchild = await register(s, "grandchild", 2n, [derivative], terms({ feePerUnit: ethers.parseEther("0.1") }));
  return { ...s, original, derivative, grandchild };
}

/** The licence `who` takes on `designId`, with its id. */
export async function takeLicence(s: Commons, who: Signer, designId: bigint) {
  await s.commons.connect(who).takeLicence(designId);
  return s.commons.licenceOf(designId, who.address);
}

/** The income a project received in the ledger, in ETH or a token. */
export async function incomeOf(s: Commons, projectId: bigint, token = ETH): Promise<bigint> {
  const [received] = await s.ledger.incomeStats(projectId, token);
  return received;
}
