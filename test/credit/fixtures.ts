// Shared fixtures of the CreditNetwork tests: one connection to the in-process Hardhat network, a deployed network
// with a steward and five members, and helpers to open credit lines, record obligations and sign obligation terms.
import { network } from "hardhat";
import { creditDomain, obligationTypesMutable } from "../../sdk/src/eip712.ts";

export const conn = await network.create();
export const { ethers, networkHelpers } = conn;

export const MemberStatus = { None: 0n, Active: 1n, Suspended: 2n } as const;
export const ObligationStatus = { None: 0n, Proposed: 1n, Open: 2n, Settled: 3n, Cancelled: 4n } as const;
export const MAX_LIMIT = 2n ** 128n - 1n;
export const MAX_OBLIGATION = 2n ** 96n - 1n;
export const MAX_HOPS = 32n;
export const DECIMALS = 6n;
export const DAY = 24 * 3600;
export const STEWARD_ROLE = ethers.id("STEWARD_ROLE");

/** `n` whole units of the network's currency (6 decimals). */
export const u = (n: number | bigint) => BigInt(n) * 10n ** DECIMALS;
export const memo = (text: string) => ethers.encodeBytes32String(text);
export const ref = (text: string) => ethers.id(text);

export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
type Account = { address: string };

export async function deployNetwork() {
  const [admin, steward, alice, bob, carol, dave, erin, outsider, ...rest] = await ethers.getSigners();
  const network = await ethers.deployContract("CreditNetwork", [
    "Test Commons Credit",
    "TCC",
    Number(DECIMALS),
    admin.address,
    [steward.address],
  ]);
  return { network, admin, steward, alice, bob, carol, dave, erin, outsider, rest };
}

export type Network = Awaited<ReturnType<typeof deployNetwork>>["network"];

/**
 * A network whose steward admitted alice, bob, carol, dave and erin. alice..dave consent to clearing (not to
 * lending their lines as liquidity); erin consents to nothing.
 */
export async function deployWithMembers() {
  const base = await deployNetwork();
  const { network, steward, alice, bob, carol, dave, erin } = base;
  const members = [alice, bob, carol, dave, erin];
  for (const m of members) await network.connect(steward).admitMember(m.address);
  for (const m of [alice, bob, carol, dave]) await network.connect(m).setClearingConsent(true, false);
  return { ...base, members };
}

/** Opens (offer + accept) the credit line `giver -> receiver` with `limit`: the receiver may owe the giver `limit`. */
export async function openLine(network: Network, giver: Signer, receiver: Signer, limit: bigint) {
  await network.connect(giver).offerCreditLine(receiver.address, limit);
  await network.connect(receiver).acceptCreditLine(giver.address, limit);
}

/** Records (by the creditor) and accepts (by the debtor) an obligation; returns its id. */
export async function openObligation(
  network: Network,
  debtor: Signer,
  creditor: Signer,
  amount: bigint,
  dueDate = 0n,
  reference = ethers.ZeroHash,
): Promise<bigint> {
  await network.connect(creditor).recordObligation(debtor.address, creditor.address, amount, dueDate, reference);
  const id = await network.obligationCount();
  await network.connect(debtor).acceptObligation(id);
  return id;
}

export interface Terms {
  debtor: string;
  creditor: string;
  amount: bigint;
  dueDate: bigint;
  ref: string;
  nonce: bigint;
  deadline: bigint;
}

export async function latest(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

/**
 * Keyed nonce of signed terms (CN-6): the key (upper 192 bits) is the address of the counterparty that records
 * the terms, the lower 64 bits count the signer's signatures to it.
 */
export function keyedNonce(counterparty: string, sequence: bigint): bigint {
  return (BigInt(counterparty) << 64n) | sequence;
}

/**
 * Terms of `amount` owed by `debtor` to `creditor`, with the signer's next nonce towards the other party (the one that
 * records them) and a deadline in an hour.
 */
export async function termsFor(
  network: Network,
  debtor: Account,
  creditor: Account,
  amount: bigint,
  signer: Account,
  overrides: Partial<Terms> = {},
): Promise<Terms> {
  return {
    debtor: debtor.address,
    creditor: creditor.address,
    amount,
    dueDate: 1_900_000_000n,
    ref: ref("INV-1"),
    nonce: await network.signatureNonce(
      signer.address,
      signer.address === debtor.address ? creditor.address : debtor.address,
    ),
    deadline: (await latest()) + 3600n,
    ...overrides,
  };
}

export async function domainOf(network: Network) {
  const { chainId } = await ethers.provider.getNetwork();
  return creditDomain(chainId, (await network.getAddress()) as `0x${string}`);
}

/** EIP-712 signature of `terms` by `signer`, built with the SDK's domain and types. */
export async function signTerms(network: Network, signer: Signer, terms: Terms): Promise<string> {
  return signer.signTypedData(await domainOf(network), obligationTypesMutable, terms);
}

/** Credit position of `account`: the sum of its claims on `others` (positive: they owe it). */
export async function creditPosition(network: Network, account: Account, others: readonly Account[]) {
  let sum = 0n;
  for (const o of others) if (o.address !== account.address) sum += await network.balance(account.address, o.address);
  return sum;
}

/** Combined position (CN-3): obligation net position + credit position over `others`. */
export async function combinedPosition(network: Network, account: Account, others: readonly Account[]) {
  return (await network.netPosition(account.address)) + (await creditPosition(network, account, others));
}

/** Obligation net positions of `accounts`, in order. */
export async function netPositions(network: Network, accounts: readonly Account[]): Promise<bigint[]> {
  return Promise.all(accounts.map((a) => network.netPosition(a.address)));
}

/** Set-off list in the contract's shape. */
export function setOffs(...pairs: [bigint, bigint][]) {
  return pairs.map(([obligationId, amount]) => ({ obligationId, amount }));
}
