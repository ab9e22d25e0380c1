// The impact module's reads from the chain: registry and market events folded in the browser, then the views at the
// same block (views win); "today" is the latest block's day. Also the account's balance and allowance in a currency.
import { contractConstants, impactMarketAbi, impactRegistryAbi, retirementCertificatesAbi } from "@cosmolocal/sdk";
import { useQuery } from "@tanstack/react-query";
import {
  erc20Abi,
  getAddress,
  hexToString,
  stringToHex,
  type Address,
  type ContractFunctionReturnType,
  type Hex,
  type PublicClient,
} from "viem";
import { useBalance, usePublicClient, useReadContract } from "wagmi";
import { demoTokenAddress, targetChain } from "../shared/config";
import { certificatesAddress, impactMarketAddress, impactRegistryAddress, impactStartBlock } from "./contracts";
import { tokenInfo } from "../shared/data/tokens";
import type { TokenInfo } from "../shared/data/tokens";
import { isEth, sameAddress } from "../shared/format";

export const DAY = 86_400;
export const { VERIFIER_ROLE } = contractConstants.ImpactRegistry.constants;
export const ETH_CURRENCY = "0x0000000000000000000000000000000000000000" as Address;

type ClaimView = ContractFunctionReturnType<typeof impactRegistryAbi, "view", "getClaim">;
type ListingView = ContractFunctionReturnType<typeof impactMarketAbi, "view", "getListing">;
type RoundView = ContractFunctionReturnType<typeof impactMarketAbi, "view", "getRound">;
type CertificateView = ContractFunctionReturnType<typeof retirementCertificatesAbi, "view", "getCertificate">;

export interface Methodology {
  id: number;
  /** k: approvals (or rejections) a claim submitted now needs. */
  threshold: number;
  active: boolean;
  name: string;
}

export interface Verifier {
  account: Address;
  accredited: boolean;
  /** The first claim it may vote on: a verifier given another's attester slot (or a second slot of its own) votes
   * only on claims submitted after that. */
  firstClaimId: bigint;
}

interface Logged {
  block: bigint;
  logIndex: number;
  tx: Hex;
}

export interface AttestationRecord extends Logged {
  verifier: Address;
  units: bigint;
  reportHash: Hex;
  approvals: number;
  bySignature: boolean;
}

export interface RejectionRecord extends Logged {
  verifier: Address;
  reasonHash: Hex;
  rejections: number;
}

export interface RevocationRecord extends Logged {
  verifier: Address;
  units: bigint;
  totalRevoked: bigint;
  frozen: bigint;
  reasonHash: Hex;
  /** The reason's text, when a verifier who voted for this revocation published it. */
  reasonText?: string;
}

/** One verifier's vote to revoke: k of them (the claim's k) revoke the smallest amount voted. */
export interface RevocationVoteRecord extends Logged {
  verifier: Address;
  units: bigint;
  reasonHash: Hex;
  /** The published reason, or "" when only its hash was given. */
  reason: string;
  votes: number;
  threshold: number;
}

export interface RetirementRecord extends Logged {
  claimId: bigint;
  holder: Address;
  certificateId: bigint;
  certificateOwner: Address;
  units: bigint;
  beneficiary: string;
  message: string;
}

export interface PurchaseRecord extends Logged {
  claimId: bigint;
  buyer: Address;
  roundId: bigint;
  units: bigint;
  pricePerUnit: bigint;
  cost: bigint;
  matchedUnits: bigint;
  matchedCost: bigint;
  certificateId: bigint;
}

/** One line of a claim's history, in chain order. */
export interface ClaimEvent extends Logged {
  text: string;
  actor?: Address;
}

export interface Listing extends ListingView {
  token: TokenInfo;
  /** Units a buyer can get now: the listing's remaining units, cut to what the claimant can still sell and to the
   * claim's verified units less its revoked and sold ones (the market's limit). */
  available: bigint;
}

export interface Claim extends ClaimView {
  id: bigint;
  /** The lowest approval so far while the claim waits for more (the view's `verifiedUnits` holds it; here that is
   * 0 until the claim is verified, so no figure reads as verified before it is). */
  attestedMin: bigint;
  evidenceHash: Hex;
  evidenceURI: string;
  externalSerial: string;
  jurisdictionCode: string;
  submittedBlock: bigint;
  attestations: AttestationRecord[];
  /** Rejections recorded (the view's `rejections` counts them). */
  rejectedBy: RejectionRecord[];
  revocations: RevocationRecord[];
  /** Votes of the revocation not yet decided (fewer than k so far). */
  openRevocation: RevocationVoteRecord[];
  retirements: RetirementRecord[];
  purchases: PurchaseRecord[];
  /** The market listing, when the claimant ever listed it. */
  listing?: Listing;
  /** Units the claimant can still sell, transfer or retire (balance minus frozen). */
  sellable: bigint;
  /** Who holds the claim's units now (non-zero balances). */
  holders: { account: Address; balance: bigint }[];
  history: ClaimEvent[];
}

export interface RoundPoint {
  block: bigint;
  time: number;
  kind: "created" | "funded" | "matched" | "reclaimed";
  amount: bigint;
  matchedUnits: bigint;
  /** The round's funds left after this event. */
  remaining: bigint;
  /** Spent on matches so far, this event included. */
  spent: bigint;
  claimId?: bigint;
  buyer?: Address;
}

export interface Round extends RoundView {
  id: bigint;
  /** The owner's choice per claim id: 1 allowed, 2 excluded (absent: the round's rules decide). */
  eligibility: Map<string, number>;
  token: TokenInfo;
  /** Methodology ids of the mask. */
  methodologies: number[];
  spent: bigint;
  matchedUnits: bigint;
  reclaimed: bigint;
  createdBlock: bigint;
  /** Its funds over time (creation, fundings, matched purchases, reclaim). */
  points: RoundPoint[];
}

export interface Certificate {
  id: bigint;
  claimId: bigint;
  units: bigint;
  retiredAt: number;
  beneficiary: string;
  owner: Address;
  flagged: boolean;
  /** Whose units were burned (a matched purchase's round retires the claimant's units in its name). */
  retiredBy?: Address;
  message?: string;
  roundId?: bigint;
}

export interface ImpactSnapshot {
  block: bigint;
  time: number;
  /** The chain's day (days since 1970-01-01 UTC): a claim's period may not end after it. */
  today: number;
  methodologies: Methodology[];
  verifiers: Verifier[];
  /** Newest first. */
  claims: Claim[];
  rounds: Round[];
  certificates: Certificate[];
  purchases: PurchaseRecord[];
  /** Currencies a listing or round may use: ETH and, where deployed, the demo token. */
  currencies: TokenInfo[];
}

// ------------------------------------------------------------------------------------------------ units and codes

/** Impact units are kg CO2e: "116 t", "17.005 t". */
export function fmtT(kg: bigint): string {
  const neg = kg < 0n;
  const v = neg ? -kg : kg;
  const whole = (v / 1000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (v % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return `${neg ? "−" : ""}${whole}${frac ? `.${frac}` : ""} t`;
}

/** Tonnes typed by a person (up to 3 decimals = whole kg) as kg, or a plain-language error. */
export function parseTonnes(text: string): { value: bigint } | { error: string } {
  const t = text.trim().replace(/,/g, "");
  if (!t) return { error: "Enter an amount in tonnes." };
  if (!/^\d+(\.\d{1,3})?$/.test(t)) return { error: "Enter tonnes as a number with at most 3 decimals (1 kg)." };
  const [w, f = ""] = t.split(".");
  const value = BigInt(w) * 1000n + BigInt(f.padEnd(3, "0"));
  if (value === 0n) return { error: "The amount must be greater than zero." };
  return { value };
}

/** A bytes8 ISO 3166 code ("NL-ZH") as text. */
export function jurisdictionText(code: Hex): string {
  try {
    return hexToString(code).replace(/\0+$/, "");
  } catch {
    return code;
  }
}

/** "NL", "BE-VOV", "US-CA": an ISO 3166-1 alpha-2 code, optionally with a subdivision, at most 8 bytes. */
export function parseJurisdiction(text: string): { value: Hex } | { error: string } {
  const t = text.trim().toUpperCase();
  if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(t))
    return { error: "Enter an ISO 3166 code: a country (NL) or a subdivision (NL-ZH, BE-VOV)." };
  return { value: stringToHex(t, { size: 8 }) };
}

/** A day number (days since 1970-01-01 UTC) as "2025-03-01". */
export function dayToIso(day: number): string {
  return new Date(day * DAY * 1000).toISOString().slice(0, 10);
}

/** "2025-03-01" (an <input type="date"> value) as a day number, or undefined. */
export function isoToDay(iso: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 1000 / DAY) : undefined;
}

/** "1 Mar 2025 – 30 Nov 2025" */
export function periodText(startDay: number, endDay: number): string {
  const f = (d: number) =>
    new Date(d * DAY * 1000).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });
  return startDay === endDay ? f(startDay) : `${f(startDay)} – ${f(endDay)}`;
}

/** The methodology ids set in a round's mask. */
export function maskIds(mask: bigint): number[] {
  const ids: number[] = [];
  for (let i = 1; i < 256; i++) if ((mask >> BigInt(i)) & 1n) ids.push(i);
  return ids;
}

/** A currency amount: "0.03 ETH", "25 dEUR". */
export function fmtMoney(value: bigint, token: TokenInfo, maxDecimals = 6): string {
  const neg = value < 0n;
  const v = neg ? -value : value;
  const base = 10n ** BigInt(token.decimals);
  const whole = (v / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (v % base).toString().padStart(token.decimals, "0").slice(0, maxDecimals).replace(/0+$/, "");
  const text = frac ? `${whole}.${frac}` : whole;
  return `${neg ? "−" : ""}${text === "0" && v > 0n ? `< 0.${"0".repeat(maxDecimals - 1)}1` : text} ${token.symbol}`;
}

/** A price per kg shown per tonne: "0.03 ETH/t". */
export function fmtPricePerTonne(pricePerUnit: bigint, token: TokenInfo): string {
  return `${fmtMoney(pricePerUnit * 1000n, token)}/t`;
}

/** A currency amount typed by a person, or a plain-language error. */
export function parseMoney(text: string, token: TokenInfo): { value: bigint } | { error: string } {
  const t = text.trim().replace(/,/g, "");
  if (!t) return { error: `Enter an amount in ${token.symbol}.` };
  const re = token.decimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${token.decimals}})?$`) : /^\d+$/;
  if (!re.test(t)) return { error: `Enter ${token.symbol} as a number with at most ${token.decimals} decimals.` };
  const [w, f = ""] = t.split(".");
  return { value: BigInt(w) * 10n ** BigInt(token.decimals) + BigInt(f.padEnd(token.decimals, "0") || "0") };
}

/** A price per tonne typed by a person as the contract's price per kg (it must divide into whole base units). */
export function parsePricePerTonne(text: string, token: TokenInfo): { value: bigint } | { error: string } {
  const m = parseMoney(text, token);
  if ("error" in m) return m;
  if (m.value === 0n) return { error: "The price must be greater than zero." };
  if (m.value % 1000n !== 0n)
    return {
      error: `The price is per kg on chain: a price per tonne needs at most ${Math.max(0, token.decimals - 3)} decimals of ${token.symbol}.`,
    };
  return { value: m.value / 1000n };
}

// ------------------------------------------------------------------------------------------------ the snapshot

const lower = (a: string) => a.toLowerCase();

/** A certificate from its view, with who retired it (and the message) and the round that bought it, if any. */
function certificateOf(
  id: bigint,
  c: CertificateView,
  flagged: boolean,
  owner: Address,
  r?: { holder?: Address; message?: string },
  p?: { roundId?: bigint },
): Certificate {
  return {
    id,
    claimId: c.claimId,
    units: BigInt(c.units),
    retiredAt: Number(c.retiredAt),
    beneficiary: c.beneficiary,
    owner,
    flagged,
    retiredBy: r?.holder,
    message: r?.message,
    roundId: p?.roundId,
  };
}
const timestamps = new Map<bigint, number>();

async function blockTimes(client: PublicClient, blocks: bigint[]): Promise<Map<bigint, number>> {
  const missing = [...new Set(blocks)].filter((b) => !timestamps.has(b));
  await Promise.all(
    missing.map(async (b) => {
      const block = await client.getBlock({ blockNumber: b });
      timestamps.set(b, Number(block.timestamp));
    }),
  );
  return timestamps;
}

export async function loadImpact(
  client: PublicClient,
  addresses: { registry: Address; market: Address; certificates: Address },
  fromBlock = 0n,
): Promise<ImpactSnapshot> {
  const latest = await client.getBlock({ blockTag: "latest" });
  const block = latest.number;
  const time = Number(latest.timestamp);
  const reg = { address: addresses.registry, abi: impactRegistryAbi, blockNumber: block } as const;
  const mkt = { address: addresses.market, abi: impactMarketAbi, blockNumber: block } as const;
  const cert = { address: addresses.certificates, abi: retirementCertificatesAbi, blockNumber: block } as const;
  const [regLogs, mktLogs, claimCount, roundCount, certificateCount] = await Promise.all([
    client.getContractEvents({ address: addresses.registry, abi: impactRegistryAbi, fromBlock, toBlock: block }),
    client.getContractEvents({ address: addresses.market, abi: impactMarketAbi, fromBlock, toBlock: block }),
    client.readContract({ ...reg, functionName: "claimCount" }),
    client.readContract({ ...mkt, functionName: "roundCount" }),
    client.readContract({ ...cert, functionName: "count" }),
  ]);

  const methodologyIds = new Set<number>();
  const verifierSet = new Map<string, Address>();
  const submitted = new Map<
    bigint,
    { evidenceHash: Hex; evidenceURI: string; externalSerial: string; block: bigint }
  >();
  const attestations = new Map<bigint, AttestationRecord[]>();
  const rejections = new Map<bigint, RejectionRecord[]>();
  const revocations = new Map<bigint, RevocationRecord[]>();
  const revocationVotes = new Map<bigint, RevocationVoteRecord[]>();
  const openVotes = new Map<bigint, RevocationVoteRecord[]>();
  const firstClaim = new Map<string, bigint>();
  const retirements: RetirementRecord[] = [];
  const holders = new Map<bigint, Set<string>>();
  const history = new Map<bigint, ClaimEvent[]>();
  const push = <T>(m: Map<bigint, T[]>, k: bigint, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
  const logged = (log: { blockNumber: bigint | null; logIndex: number | null; transactionHash: Hex | null }) => ({
    block: log.blockNumber ?? 0n,
    logIndex: log.logIndex ?? 0,
    tx: log.transactionHash ?? ("0x" as Hex),
  });
  const hold = (id: bigint, a?: Address) => {
    if (!a || /^0x0{40}$/i.test(a)) return;
    const s = holders.get(id) ?? new Set<string>();
    s.add(getAddress(a));
    holders.set(id, s);
  };

  for (const log of regLogs) {
    const at = logged(log);
    switch (log.eventName) {
      case "MethodologySet":
        methodologyIds.add(log.args.methodologyId!);
        break;
      case "RoleGranted":
      case "RoleRevoked":
        if (log.args.role === VERIFIER_ROLE) verifierSet.set(lower(log.args.account!), getAddress(log.args.account!));
        break;
      case "ClaimSubmitted": {
        const a = log.args;
        submitted.set(a.claimId!, {
          evidenceHash: a.evidenceHash!,
          evidenceURI: a.evidenceURI!,
          externalSerial: a.externalSerial!,
          block: at.block,
        });
        push(history, a.claimId!, {
          ...at,
          actor: a.claimant,
          text: `Submitted: ${fmtT(BigInt(a.units!))} claimed`,
        });
        break;
      }
      case "ClaimAttested": {
        const a = log.args;
        const rec: AttestationRecord = {
          ...at,
          verifier: a.verifier!,
          units: BigInt(a.verifiedUnits!),
          reportHash: a.reportHash!,
          approvals: a.approvals!,
          bySignature: a.bySignature!,
        };
        push(attestations, a.claimId!, rec);
        push(history, a.claimId!, {
          ...at,
          actor: a.verifier,
          text: `Attested ${fmtT(rec.units)}${rec.bySignature ? " (signed off-chain, submitted by another account)" : ""} — approval ${rec.approvals}`,
        });
        break;
      }
      case "ClaimRejectionRecorded": {
        const a = log.args;
        push(rejections, a.claimId!, {
          ...at,
          verifier: a.verifier!,
          reasonHash: a.reasonHash!,
          rejections: a.rejections!,
        });
        push(history, a.claimId!, { ...at, actor: a.verifier, text: `Rejection ${a.rejections} recorded` });
        break;
      }
      case "ClaimVerified":
        push(history, log.args.claimId!, {
          ...at,
          text: `Verified: ${fmtT(BigInt(log.args.units!))} minted to the claimant`,
        });
        break;
      case "ClaimRejected":
        push(history, log.args.claimId!, { ...at, text: "Rejected" });
        break;
      case "VerifierSlotAssigned":
        firstClaim.set(lower(log.args.verifier!), log.args.firstClaimId!);
        break;
      case "RevocationVoteRecorded": {
        const a = log.args;
        const rec: RevocationVoteRecord = {
          ...at,
          verifier: a.verifier!,
          units: BigInt(a.units!),
          reasonHash: a.reasonHash!,
          reason: a.reason!,
          votes: a.votes!,
          threshold: a.threshold!,
        };
        push(revocationVotes, a.claimId!, rec);
        push(openVotes, a.claimId!, rec);
        push(history, a.claimId!, {
          ...at,
          actor: a.verifier,
          text: `Voted to revoke ${fmtT(rec.units)} (${rec.votes} of ${rec.threshold})${rec.reason ? `: “${rec.reason}”` : ""}`,
        });
        break;
      }
      case "UnitsRefrozen":
        push(history, log.args.claimId!, {
          ...at,
          actor: log.args.claimant,
          text: `Units came back to the claimant: ${fmtT(BigInt(log.args.frozenUnits!))} of them frozen`,
        });
        break;
      case "ClaimRevoked": {
        const a = log.args;
        openVotes.delete(a.claimId!);
        push(revocations, a.claimId!, {
          ...at,
          verifier: a.verifier!,
          units: BigInt(a.units!),
          totalRevoked: BigInt(a.totalRevoked!),
          frozen: BigInt(a.frozenUnits!),
          reasonHash: a.reasonHash!,
        });
        push(history, a.claimId!, {
          ...at,
          actor: a.verifier,
          text: `Revoked ${fmtT(BigInt(a.units!))} (${fmtT(BigInt(a.totalRevoked!))} in all; ${fmtT(BigInt(a.frozenUnits!))} of the claimant's units frozen)`,
        });
        break;
      }
      case "UnitsRetired": {
        const a = log.args;
        const rec: RetirementRecord = {
          ...at,
          claimId: a.claimId!,
          holder: a.holder!,
          certificateId: a.certificateId!,
          certificateOwner: a.certificateOwner!,
          units: BigInt(a.units!),
          beneficiary: a.beneficiary!,
          message: a.message!,
        };
        retirements.push(rec);
        push(history, a.claimId!, {
          ...at,
          actor: a.holder,
          text: `Retired ${fmtT(rec.units)} for ${rec.beneficiary} (certificate #${rec.certificateId})`,
        });
        break;
      }
      case "TransferSingle":
        hold(log.args.id!, log.args.to);
        break;
      case "TransferBatch":
        for (const id of log.args.ids ?? []) hold(id, log.args.to);
        break;
    }
  }

  const purchases: PurchaseRecord[] = [];
  const roundEvents: {
    roundId: bigint;
    at: Logged;
    kind: RoundPoint["kind"];
    amount: bigint;
    matchedUnits: bigint;
    claimId?: bigint;
    buyer?: Address;
  }[] = [];
  const roundCreated = new Map<bigint, bigint>();
  const listed: { at: Logged; claimId: bigint; seller: Address; currency: Address; price: bigint; units: bigint }[] =
    [];
  const eligibility = new Map<bigint, Map<string, number>>();
  for (const log of mktLogs) {
    const at = logged(log);
    switch (log.eventName) {
      case "Listed":
        listed.push({
          at,
          claimId: log.args.claimId!,
          seller: log.args.seller!,
          currency: log.args.currency!,
          price: log.args.pricePerUnit!,
          units: BigInt(log.args.units!),
        });
        break;
      case "RoundClaimEligibilitySet": {
        const m = eligibility.get(log.args.roundId!) ?? new Map<string, number>();
        m.set(log.args.claimId!.toString(), log.args.eligibility!);
        eligibility.set(log.args.roundId!, m);
        break;
      }
      case "Delisted":
        push(history, log.args.claimId!, { ...at, text: "Taken off sale" });
        break;
      case "Purchased": {
        const a = log.args;
        const rec: PurchaseRecord = {
          ...at,
          claimId: a.claimId!,
          buyer: a.buyer!,
          roundId: a.roundId!,
          units: BigInt(a.units!),
          pricePerUnit: a.pricePerUnit!,
          cost: a.cost!,
          matchedUnits: BigInt(a.matchedUnits!),
          matchedCost: a.matchedCost!,
          certificateId: a.certificateId!,
        };
        purchases.push(rec);
        push(history, rec.claimId, {
          ...at,
          actor: rec.buyer,
          text: `Bought ${fmtT(rec.units)}${rec.matchedUnits > 0n ? `, ${fmtT(rec.matchedUnits)} more matched by round ${rec.roundId}` : ""}`,
        });
        if (rec.roundId > 0n)
          roundEvents.push({
            roundId: rec.roundId,
            at,
            kind: "matched",
            amount: rec.matchedCost,
            matchedUnits: rec.matchedUnits,
            claimId: rec.claimId,
            buyer: rec.buyer,
          });
        break;
      }
      case "ProceedsWithdrawn":
        push(history, log.args.claimId!, { ...at, actor: log.args.seller, text: "Proceeds withdrawn" });
        break;
      case "RoundCreated":
        roundCreated.set(log.args.roundId!, at.block);
        roundEvents.push({ roundId: log.args.roundId!, at, kind: "created", amount: 0n, matchedUnits: 0n });
        break;
      case "RoundFunded":
        roundEvents.push({
          roundId: log.args.roundId!,
          at,
          kind: "funded",
          amount: log.args.amount!,
          matchedUnits: 0n,
          buyer: log.args.funder,
        });
        break;
      case "RoundReclaimed":
        roundEvents.push({
          roundId: log.args.roundId!,
          at,
          kind: "reclaimed",
          amount: log.args.amount!,
          matchedUnits: 0n,
        });
        break;
    }
  }
  const times = await blockTimes(
    client,
    roundEvents.map((e) => e.at.block),
  );

  // Views at the same block.
  const claimIds = Array.from({ length: Number(claimCount) }, (_, i) => BigInt(i + 1));
  const roundIds = Array.from({ length: Number(roundCount) }, (_, i) => BigInt(i + 1));
  const certIds = Array.from({ length: Number(certificateCount) }, (_, i) => BigInt(i + 1));
  const verifierList = [...verifierSet.values()];
  const pairs = claimIds.flatMap((id) => [...(holders.get(id) ?? [])].map((a) => ({ id, account: a as Address })));
  const [methodologyViews, verifierViews, claimViews, listingViews, sellables, balances, roundViews, certViews] =
    await Promise.all([
      Promise.all(
        [...methodologyIds].map((id) => client.readContract({ ...reg, functionName: "getMethodology", args: [id] })),
      ),
      Promise.all(
        verifierList.map((a) => client.readContract({ ...reg, functionName: "hasRole", args: [VERIFIER_ROLE, a] })),
      ),
      Promise.all(claimIds.map((id) => client.readContract({ ...reg, functionName: "getClaim", args: [id] }))),
      Promise.all(claimIds.map((id) => client.readContract({ ...mkt, functionName: "getListing", args: [id] }))),
      Promise.all(claimIds.map((id) => client.readContract({ ...reg, functionName: "sellableUnits", args: [id] }))),
      pairs.length
        ? client.readContract({
            ...reg,
            functionName: "balanceOfBatch",
            args: [pairs.map((p) => p.account), pairs.map((p) => p.id)],
          })
        : Promise.resolve([] as readonly bigint[]),
      Promise.all(roundIds.map((id) => client.readContract({ ...mkt, functionName: "getRound", args: [id] }))),
      Promise.all(
        certIds.map((id) =>
          Promise.all([
            client.readContract({ ...cert, functionName: "getCertificate", args: [id] }),
            client.readContract({ ...cert, functionName: "flagged", args: [id] }),
            client.readContract({ ...cert, functionName: "ownerOf", args: [id] }),
          ]),
        ),
      ),
    ]);

  // Currencies: ETH, the demo token, and any other token a listing or round uses.
  const currencyAddresses = new Map<string, Address>([[ETH_CURRENCY, ETH_CURRENCY]]);
  if (demoTokenAddress) currencyAddresses.set(lower(demoTokenAddress), demoTokenAddress);
  for (const l of listed) currencyAddresses.set(lower(l.currency), l.currency);
  for (const r of roundViews) currencyAddresses.set(lower(r.currency), r.currency);
  const currencies = await Promise.all([...currencyAddresses.values()].map((a) => tokenInfo(client, a)));
  const token = (a: Address) => currencies.find((c) => sameAddress(c.address, a)) ?? currencies[0];
  for (const l of listed)
    push(history, l.claimId, {
      ...l.at,
      actor: l.seller,
      text: `Listed ${fmtT(l.units)} at ${fmtPricePerTonne(l.price, token(l.currency))}`,
    });

  const methodologies = [...methodologyIds]
    .map((id, i): Methodology => {
      const [threshold, active, name] = methodologyViews[i];
      return { id, threshold, active, name };
    })
    .sort((a, b) => a.id - b.id);

  const claims = claimIds.map((id, i): Claim => {
    const v = claimViews[i];
    const s = submitted.get(id);
    const l = listingViews[i];
    const sellable = sellables[i];
    const own = pairs
      .map((p, j) => ({ ...p, balance: balances[j] }))
      .filter((p) => p.id === id && p.balance > 0n)
      .map((p) => ({ account: p.account, balance: p.balance }));
    const verified = v.status === 2 || v.status === 4;
    // The market sells at most verified - revoked - sold units of a claim, whoever holds the rest.
    const marketLeft = verified
      ? BigInt(v.verifiedUnits) - BigInt(v.revokedUnits) - BigInt(l.unitsSold) > 0n
        ? BigInt(v.verifiedUnits) - BigInt(v.revokedUnits) - BigInt(l.unitsSold)
        : 0n
      : 0n;
    const texts = new Map(
      (revocationVotes.get(id) ?? []).filter((x) => x.reason).map((x) => [x.reasonHash, x.reason] as const),
    );
    return {
      ...v,
      verifiedUnits: verified ? v.verifiedUnits : 0,
      attestedMin: v.approvals > 0 ? BigInt(v.verifiedUnits) : 0n,
      id,
      evidenceHash: s?.evidenceHash ?? ("0x" as Hex),
      evidenceURI: s?.evidenceURI ?? "",
      externalSerial: s?.externalSerial ?? "",
      jurisdictionCode: jurisdictionText(v.jurisdiction),
      submittedBlock: s?.block ?? 0n,
      attestations: attestations.get(id) ?? [],
      rejectedBy: rejections.get(id) ?? [],
      revocations: (revocations.get(id) ?? []).map((r) => ({ ...r, reasonText: texts.get(r.reasonHash) })),
      openRevocation: openVotes.get(id) ?? [],
      retirements: retirements.filter((r) => r.claimId === id),
      purchases: purchases.filter((p) => p.claimId === id),
      listing:
        l.seller !== ETH_CURRENCY
          ? {
              ...l,
              token: token(l.currency),
              available: [BigInt(l.remaining), sellable, marketLeft].reduce((a, b) => (a < b ? a : b)),
            }
          : undefined,
      sellable,
      holders: own,
      history: (history.get(id) ?? []).sort((a, b) =>
        a.block === b.block ? a.logIndex - b.logIndex : a.block < b.block ? -1 : 1,
      ),
    };
  });

  const rounds = roundIds.map((id, i): Round => {
    const v = roundViews[i];
    const events = roundEvents
      .filter((e) => e.roundId === id)
      .sort((a, b) => (a.at.block === b.at.block ? a.at.logIndex - b.at.logIndex : a.at.block < b.at.block ? -1 : 1));
    let remaining = 0n;
    let spent = 0n;
    let matchedUnits = 0n;
    let reclaimed = 0n;
    const points = events.map((e): RoundPoint => {
      if (e.kind === "funded") remaining += e.amount;
      if (e.kind === "matched") {
        remaining -= e.amount;
        spent += e.amount;
        matchedUnits += e.matchedUnits;
      }
      if (e.kind === "reclaimed") {
        remaining -= e.amount;
        reclaimed += e.amount;
      }
      return {
        block: e.at.block,
        time: times.get(e.at.block) ?? 0,
        kind: e.kind,
        amount: e.amount,
        matchedUnits: e.matchedUnits,
        remaining,
        spent,
        claimId: e.claimId,
        buyer: e.buyer,
      };
    });
    return {
      ...v,
      id,
      eligibility: eligibility.get(id) ?? new Map(),
      token: token(v.currency),
      methodologies: maskIds(v.methodologyMask),
      spent,
      matchedUnits,
      reclaimed,
      createdBlock: roundCreated.get(id) ?? 0n,
      points,
    };
  });

  const certificates = certIds.map((id, i): Certificate => {
    const [c, flagged, owner] = certViews[i];
    const r = retirements.find((x) => x.certificateId === id);
    const p = purchases.find((x) => x.certificateId === id);
    return certificateOf(id, c, flagged, owner, r, p);
  });

  return {
    block,
    time,
    today: Math.floor(time / DAY),
    methodologies,
    verifiers: verifierList.map((account, i) => ({
      account,
      accredited: verifierViews[i],
      firstClaimId: firstClaim.get(lower(account)) ?? 0n,
    })),
    claims: claims.reverse(),
    rounds,
    certificates,
    purchases,
    currencies,
  };
}

export const impactDeployed = !!impactRegistryAddress && !!impactMarketAddress && !!certificatesAddress;

/** The whole impact module's state, refreshed every few seconds (and after every confirmed transaction). */
export function useImpact() {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  return useQuery({
    queryKey: ["impact", "chain", "snapshot"],
    queryFn: () =>
      loadImpact(
        client!,
        { registry: impactRegistryAddress!, market: impactMarketAddress!, certificates: certificatesAddress! },
        impactStartBlock,
      ),
    enabled: !!client && impactDeployed,
  });
}

export function methodologyName(snap: ImpactSnapshot, id: number): string {
  return snap.methodologies.find((m) => m.id === id)?.name ?? `methodology ${id}`;
}

export function isVerifier(snap: ImpactSnapshot, account?: string): boolean {
  return !!account && snap.verifiers.some((v) => v.accredited && sameAddress(v.account, account));
}

export function hasVoted(c: Claim, account?: string): boolean {
  return (
    !!account &&
    (c.attestations.some((a) => sameAddress(a.verifier, account)) ||
      c.rejectedBy.some((r) => sameAddress(r.verifier, account)))
  );
}

export function balanceOf(c: Claim, account?: string): bigint {
  return c.holders.find((h) => sameAddress(h.account, account))?.balance ?? 0n;
}

/** Units `account` may retire or transfer of claim `c` (the claimant's frozen units excluded). */
export function retirable(c: Claim, account?: string): bigint {
  const b = balanceOf(c, account);
  if (!sameAddress(c.claimant, account)) return b;
  const frozen = BigInt(c.frozenUnits);
  return b > frozen ? b - frozen : 0n;
}

/** Whether a round can match purchases now (running and funded). */
/** Whether round `r` would match a purchase of claim `c` now, and if not, why (in words). */
export function roundCovers(r: Round, c: Claim, time: number): { ok: true } | { ok: false; why: string } {
  const l = c.listing;
  const choice = r.eligibility.get(c.id.toString()) ?? 0;
  if (!roundOpen(r, time)) return { ok: false, why: "it has ended or has no funds left" };
  if (!l) return { ok: false, why: "the claim is not listed" };
  if (!r.methodologies.includes(c.methodologyId)) return { ok: false, why: "it does not fund this methodology" };
  if (!sameAddress(r.currency, l.currency)) return { ok: false, why: "it pays in another currency" };
  if (l.pricePerUnit > r.maxPricePerUnit) return { ok: false, why: "the listing's price is above its limit" };
  if (choice === 2) return { ok: false, why: "its owner excluded this claim" };
  if (r.allowListOnly && choice !== 1) return { ok: false, why: "it funds only claims its owner chose" };
  if (c.revokedUnits > 0 && !r.acceptsRevokedClaims)
    return { ok: false, why: "it does not fund claims with a revocation" };
  return { ok: true };
}

export function roundOpen(r: Round, time: number): boolean {
  return time < r.endTime && r.remaining > 0n;
}

// ------------------------------------------------------------------------------------------------ one certificate

export interface CertificatePage extends Certificate {
  claim: ClaimView;
  jurisdictionCode: string;
  methodology: string;
  tx?: Hex;
  roundName?: string;
  /** The chain's time when read. */
  time: number;
}

/**
 * One certificate, read on its own so its shareable page opens fast without a wallet: the certificate's record,
 * flag and owner, its claim and methodology, and the retirement event (who retired, the message, the transaction).
 * Resolves to null for an id that was never issued.
 */
export async function loadCertificate(
  client: PublicClient,
  addresses: { registry: Address; market: Address; certificates: Address },
  id: bigint,
  fromBlock = 0n,
): Promise<CertificatePage | null> {
  const latest = await client.getBlock({ blockTag: "latest" });
  const cert = { address: addresses.certificates, abi: retirementCertificatesAbi, blockNumber: latest.number } as const;
  const reg = { address: addresses.registry, abi: impactRegistryAbi, blockNumber: latest.number } as const;
  const count = await client.readContract({ ...cert, functionName: "count" });
  if (id < 1n || id > count) return null;
  const [c, flagged, owner] = await Promise.all([
    client.readContract({ ...cert, functionName: "getCertificate", args: [id] }),
    client.readContract({ ...cert, functionName: "flagged", args: [id] }),
    client.readContract({ ...cert, functionName: "ownerOf", args: [id] }),
  ]);
  const [claim, retired, purchased] = await Promise.all([
    client.readContract({ ...reg, functionName: "getClaim", args: [c.claimId] }),
    client.getContractEvents({
      address: addresses.registry,
      abi: impactRegistryAbi,
      eventName: "UnitsRetired",
      args: { certificateId: id },
      fromBlock,
      toBlock: latest.number,
    }),
    client.getContractEvents({
      address: addresses.market,
      abi: impactMarketAbi,
      eventName: "Purchased",
      args: { claimId: c.claimId },
      fromBlock,
      toBlock: latest.number,
    }),
  ]);
  const [, , methodology] = await client.readContract({
    ...reg,
    functionName: "getMethodology",
    args: [claim.methodologyId],
  });
  const r = retired[0]?.args;
  const p = purchased.find((x) => x.args.certificateId === id)?.args;
  let roundName: string | undefined;
  if (p?.roundId)
    roundName = (
      await client.readContract({
        address: addresses.market,
        abi: impactMarketAbi,
        functionName: "getRound",
        args: [p.roundId],
      })
    ).name;
  return {
    ...certificateOf(id, c, flagged, owner, r, p),
    roundName,
    claim,
    jurisdictionCode: jurisdictionText(claim.jurisdiction),
    methodology: methodology || `methodology ${claim.methodologyId}`,
    tx: retired[0]?.transactionHash ?? undefined,
    time: Number(latest.timestamp),
  };
}

export function useCertificate(id: bigint | undefined) {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  return useQuery({
    queryKey: ["impact", "chain", "certificate", id?.toString()],
    queryFn: () =>
      loadCertificate(
        client!,
        { registry: impactRegistryAddress!, market: impactMarketAddress!, certificates: certificatesAddress! },
        id!,
        impactStartBlock,
      ),
    enabled: !!client && impactDeployed && id !== undefined,
  });
}

/** Timestamps of some blocks (a claim's history), read once each. */
export function useBlockTimes(blocks: bigint[]) {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  const key = [...new Set(blocks.map(String))].sort();
  return useQuery({
    queryKey: ["impact", "chain", "blockTimes", key.join(",")],
    queryFn: () => blockTimes(client!, blocks),
    enabled: !!client && blocks.length > 0,
    staleTime: Infinity,
  });
}

/** `me`'s balance in `token` (ETH or an ERC-20), polled. */
export function useCurrencyBalance(token: TokenInfo | undefined, me?: Address): bigint | undefined {
  const erc20 = !!token && !isEth(token.address);
  const eth = useBalance({
    address: me,
    chainId: targetChain.id,
    query: { enabled: !!me && !erc20 },
  });
  const tok = useReadContract({
    address: erc20 ? token!.address : undefined,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: me ? [me] : undefined,
    chainId: targetChain.id,
    query: { enabled: erc20 && !!me },
  });
  return erc20 ? tok.data : eth.data?.value;
}

/** The allowance `me` gave the market in `token` (ERC-20 only), polled. */
export function useAllowance(token: TokenInfo | undefined, me?: Address) {
  const erc20 = !!token && !isEth(token.address);
  return useReadContract({
    address: erc20 ? token!.address : undefined,
    abi: erc20Abi,
    functionName: "allowance",
    args: me ? [me, impactMarketAddress!] : undefined,
    chainId: targetChain.id,
    query: { enabled: erc20 && !!me },
  });
}
