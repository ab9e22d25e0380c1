// Shared fixtures of the ContributionLedger tests: one connection to the in-process Hardhat network, a deployed
// ledger, a project with three kinds and four members, and helpers to sign, submit and settle contributions.
import { network } from "hardhat";
import { contributionTypesMutable, contributionDomain } from "../../sdk/src/eip712.ts";

export const conn = await network.create();
export const { ethers, networkHelpers } = conn;

export const MEMBER = 1;
export const COORDINATOR = 2;
export const DAY = 24 * 3600;
export const POLICY = { quorum: 2, evaluationWindow: 7 * DAY, minScore: 5 };
export const Status = { None: 0n, Pending: 1n, Accepted: 2n, Rejected: 3n, Expired: 4n } as const;
export const ETH = ethers.ZeroAddress;

export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

export async function deployLedger() {
  const ledger = await ethers.deployContract("ContributionLedger");
  const [coordinator, alice, bob, carol, dave, outsider, funder] = await ethers.getSigners();
  return { ledger, coordinator, alice, bob, carol, dave, outsider, funder };
}

/** A ledger with project 1: kinds "Code" (weight 10), "Design" (weight 5), "Retired" (inactive); members alice, bob, carol, dave. */
export async function deployWithProject() {
  const base = await deployLedger();
  const { ledger, coordinator, alice, bob, carol, dave } = base;
  await ledger
    .connect(coordinator)
    .createProject("Open Hardware Lab", "ipfs://lab", POLICY, ["Code", "Design", "Retired"], [10, 5, 1]);
  await ledger.connect(coordinator).setKindActive(1, 2, false);
  for (const m of [alice, bob, carol, dave]) await ledger.connect(coordinator).grantRole(1, m.address, MEMBER);
  const token = await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6]);
  return { ...base, token, projectId: 1n };
}

export function input(
  overrides: Partial<{
    projectId: bigint;
    kindId: number;
    quantity: bigint;
    evidenceHash: string;
    evidenceURI: string;
  }> = {},
) {
  return {
    projectId: 1n,
    kindId: 0,
    quantity: 3n,
    evidenceHash: ethers.keccak256(ethers.toUtf8Bytes(overrides.evidenceURI ?? "ipfs://evidence")),
    evidenceURI: "ipfs://evidence",
    ...overrides,
  };
}

export async function signContribution(
  ledgerAddress: string,
  signer: Signer,
  data: ReturnType<typeof input>,
  nonce: bigint,
  deadline: bigint,
  chainId?: bigint,
) {
  const id = chainId ?? (await ethers.provider.getNetwork()).chainId;
  const domain = contributionDomain(id, ledgerAddress as `0x${string}`);
  return signer.signTypedData(domain, contributionTypesMutable, {
    ...data,
    contributor: signer.address,
    nonce,
    deadline,
  });
}

export async function latest(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

type Ledger = Awaited<ReturnType<typeof deployLedger>>["ledger"];

/** Submits a contribution directly and returns its id. */
export async function submitAs(ledger: Ledger, who: Signer, data = input()): Promise<bigint> {
  await ledger.connect(who).submit(data);
  return ledger.contributionCount();
}

/** Submits and settles (two evaluations) a contribution, returning its id. */
export async function acceptedContribution(
  ledger: Ledger,
  who: Signer,
  evaluators: Signer[],
  scores: number[],
  data = input(),
) {
  const id = await submitAs(ledger, who, data);
  for (let i = 0; i < scores.length; i++) await ledger.connect(evaluators[i]).evaluate(id, scores[i], ethers.ZeroHash);
  return id;
}
