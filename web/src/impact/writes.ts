// Every write of the impact module (registry, market, currency tokens), typed by their ABIs and sent through the shared
// write, errors worded in tonnes and the listing's or round's currency; attestations are signed here (EIP-712).
import {
  attestationTypes,
  impactDomain,
  impactMarketAbi,
  impactRegistryAbi,
  type AttestationMessage,
} from "@cosmolocal/sdk";
import { useMemo } from "react";
import {
  decodeEventLog,
  erc20Abi,
  keccak256,
  stringToHex,
  type Address,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";
import { targetChain } from "../shared/config";
import { impactMarketAddress, impactRegistryAddress } from "./contracts";
import { tokenErrors } from "../shared/data/tokenErrors";
import type { TokenInfo } from "../shared/data/tokens";
import { baseUnits, knownRevert, wordWith, type WordContext } from "../shared/errorWords";
import { isEth } from "../shared/format";
import { nameOf } from "../shared/names";
import { useWrite } from "../shared/tx";
import { fmtMoney, fmtT } from "./data";
import { impactErrors } from "./errors";

/** How long a signed attestation may wait for someone to submit it. */
export const ATTESTATION_VALIDITY_SECONDS = 7 * 86_400;

export interface ClaimDraft {
  units: bigint;
  methodologyId: number;
  startDay: number;
  endDay: number;
  jurisdiction: Hex;
  evidenceHash: Hex;
  evidenceURI: string;
  externalSerial: string;
}

export interface RoundDraft {
  currency: Address;
  matchBps: number;
  endTime: number;
  maxPricePerUnit: bigint;
  capPerClaim: bigint;
  capPerBuyer: bigint;
  methodologyMask: bigint;
  name: string;
  /** Match only the claims the owner allows. */
  allowListOnly: boolean;
  /** Match claims with a revocation too (their matched certificates are flagged). */
  acceptsRevokedClaims: boolean;
}

/** What a buyer agrees to: the listing's currency and version it saw, and the most it pays in total. */
export interface BuyTerms {
  currency: Address;
  listingVersion: number;
  maxCost: bigint;
}

/** A round owner's choice for a claim (the market's ClaimEligibility). */
export const Eligibility = { Default: 0, Allowed: 1, Excluded: 2 } as const;

/** A random unordered nonce (the registry keeps a bitmap of used ones, as Permit2 does). */
export function randomNonce(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** The id in the first `eventName` log of the registry or market in a receipt (a new claim's, a certificate's). */
export function idFromReceipt(
  receipt: TransactionReceipt | undefined,
  eventName: "ClaimSubmitted" | "UnitsRetired",
): bigint | undefined {
  for (const log of receipt?.logs ?? []) {
    try {
      const e = decodeEventLog({ abi: impactRegistryAbi, data: log.data, topics: log.topics });
      if (e.eventName === "ClaimSubmitted" && eventName === "ClaimSubmitted") return e.args.claimId;
      if (e.eventName === "UnitsRetired" && eventName === "UnitsRetired") return e.args.certificateId;
    } catch {
      // another contract's or another event's log
    }
  }
  return undefined;
}

/** How the impact module words: accounts by name, amounts in `token` (base units when the call moves no currency). */
const impactContext = (token?: TokenInfo): WordContext => ({
  name: nameOf,
  amount: token ? (v: bigint) => fmtMoney(v, token) : baseUnits,
});

/** The impact module's wording, with amounts in `token` (base units when the call moves no currency). */
export function impactWordings(token?: TokenInfo) {
  const ctx = impactContext(token);
  return [wordWith(impactErrors, ctx), wordWith(tokenErrors, ctx)];
}

export function useImpactWrites() {
  const config = useConfig();
  const wordings = useMemo(() => impactWordings(), []);
  const registry = useWrite({ abi: impactRegistryAbi, address: impactRegistryAddress }, wordings);
  const market = useWrite({ abi: impactMarketAbi, address: impactMarketAddress }, wordings);
  const erc20 = useWrite({ abi: erc20Abi }, wordings);

  return useMemo(
    () => ({
      /** A revert a form knows before sending, in the words its decoded revert has (amounts in base units). */
      refusal: knownRevert(impactErrors, impactContext()),
      /** As `refusal`, with amounts in `token` (a listing's or round's currency), as the call in it words its revert. */
      refusalIn: (token: TokenInfo) => knownRevert(impactErrors, impactContext(token)),
      submitClaim: (d: ClaimDraft) =>
        registry(`Submit a claim of ${fmtT(d.units)}`, {
          functionName: "submitClaim",
          args: [{ ...d, units: Number(d.units) }],
        }),
      approveMarket: () =>
        registry("Approve the market to sell my impact units", {
          functionName: "setApprovalForAll",
          args: [impactMarketAddress!, true],
        }),
      list: (claimId: bigint, token: TokenInfo, pricePerUnit: bigint, units: bigint) =>
        market(
          `List ${fmtT(units)} of claim #${claimId} at ${fmtMoney(pricePerUnit * 1000n, token)}/t`,
          { functionName: "list", args: [claimId, token.address, pricePerUnit, Number(units)] },
          impactWordings(token),
        ),
      delist: (claimId: bigint) =>
        market(`Take claim #${claimId} off sale`, { functionName: "delist", args: [claimId] }),
      withdraw: (claimId: bigint, to: Address, amount: bigint, token: TokenInfo) =>
        market(
          `Withdraw ${fmtMoney(amount, token)} of proceeds of claim #${claimId}`,
          { functionName: "withdrawProceeds", args: [claimId, to] },
          impactWordings(token),
        ),

      attest: (claimId: bigint, units: bigint, reportHash: Hex) =>
        registry(`Attest claim #${claimId} at ${fmtT(units)}`, {
          functionName: "attest",
          args: [claimId, units, reportHash],
        }),
      /** Signs an approval off-chain (EIP-712) in the wallet; anyone then submits it with `attestBySig`. */
      async signAttestation(
        verifier: Address,
        draft: Pick<AttestationMessage, "claimId" | "verifiedUnits" | "reportHash">,
        chainTime: number,
      ): Promise<{ attestation: AttestationMessage; signature: Hex }> {
        const attestation: AttestationMessage = {
          verifier,
          ...draft,
          nonce: randomNonce(),
          deadline: BigInt(chainTime + ATTESTATION_VALIDITY_SECONDS),
        };
        const signature = await signTypedData(config, {
          account: verifier,
          domain: impactDomain(targetChain.id, impactRegistryAddress!),
          types: attestationTypes,
          primaryType: "Attestation",
          message: attestation,
        });
        return { attestation, signature };
      },
      attestBySig: (attestation: AttestationMessage, signature: Hex) =>
        registry(`Submit ${nameOf(attestation.verifier)}'s signed attestation of claim #${attestation.claimId}`, {
          functionName: "attestBySig",
          args: [attestation, signature],
        }),
      reject: (claimId: bigint, reasonHash: Hex) =>
        registry(`Reject claim #${claimId}`, { functionName: "reject", args: [claimId, reasonHash] }),
      /** Votes to revoke; `reason` is published with the vote when `publish` is set (else only its hash). */
      revoke: (claimId: bigint, units: bigint, reason: string, publish: boolean) =>
        registry(`Vote to revoke ${fmtT(units)} of claim #${claimId}`, {
          functionName: "revoke",
          args: [claimId, units, keccak256(stringToHex(reason)), publish ? reason : ""],
        }),
      invalidateNonce: (nonce: bigint) =>
        registry("Void a signed attestation", { functionName: "invalidateNonce", args: [nonce] }),

      /** Lets the market take `amount` of `token` (ERC-20 currencies only). */
      approveToken: (token: TokenInfo, amount: bigint) =>
        erc20(
          `Approve the market to take ${fmtMoney(amount, token)}`,
          { address: token.address, functionName: "approve", args: [impactMarketAddress!, amount] },
          impactWordings(token),
        ),
      /** Buys on the terms the buyer saw; a relisting since (other currency, price or units) is refused. */
      buy: (claimId: bigint, units: bigint, terms: BuyTerms, token: TokenInfo) =>
        market(
          `Buy ${fmtT(units)} of claim #${claimId}`,
          { functionName: "buy", args: [claimId, units, terms], value: isEth(token.address) ? terms.maxCost : 0n },
          impactWordings(token),
        ),
      buyMatched: (
        roundId: bigint,
        claimId: bigint,
        units: bigint,
        terms: BuyTerms,
        minMatchedUnits: bigint,
        token: TokenInfo,
      ) =>
        market(
          `Buy ${fmtT(units)} of claim #${claimId}${minMatchedUnits > 0n ? `, ${fmtT(minMatchedUnits)} matched` : ""} by round ${roundId}`,
          {
            functionName: "buyMatched",
            args: [roundId, claimId, units, terms, minMatchedUnits],
            value: isEth(token.address) ? terms.maxCost : 0n,
          },
          impactWordings(token),
        ),

      createRound: (r: RoundDraft, deposit: bigint, token: TokenInfo) =>
        market(
          `Open the matching round “${r.name}” with ${fmtMoney(deposit, token)}`,
          { functionName: "createRound", args: [r, deposit], value: isEth(token.address) ? deposit : 0n },
          impactWordings(token),
        ),
      fundRound: (roundId: bigint, amount: bigint, token: TokenInfo) =>
        market(
          `Add ${fmtMoney(amount, token)} to round ${roundId}`,
          { functionName: "fundRound", args: [roundId, amount], value: isEth(token.address) ? amount : 0n },
          impactWordings(token),
        ),
      setRoundClaims: (roundId: bigint, claimIds: bigint[], eligibility: number) =>
        market(
          `${["Reset", "Allow", "Exclude"][eligibility]} claim${claimIds.length === 1 ? "" : "s"} ${claimIds.map((id) => `#${id}`).join(", ")} in round ${roundId}`,
          { functionName: "setRoundClaims", args: [roundId, claimIds, eligibility] },
        ),
      setRoundClaimRules: (roundId: bigint, allowListOnly: boolean, acceptsRevokedClaims: boolean) =>
        market(`Change which claims round ${roundId} matches`, {
          functionName: "setRoundClaimRules",
          args: [roundId, allowListOnly, acceptsRevokedClaims],
        }),
      reclaimRound: (roundId: bigint, amount: bigint, token: TokenInfo) =>
        market(
          `Reclaim ${fmtMoney(amount, token)} from round ${roundId}`,
          { functionName: "reclaimRound", args: [roundId] },
          impactWordings(token),
        ),

      retire: (claimId: bigint, units: bigint, beneficiary: string, message: string) =>
        registry(`Retire ${fmtT(units)} of claim #${claimId} for ${beneficiary}`, {
          functionName: "retire",
          args: [claimId, units, beneficiary, message],
        }),
    }),
    [config, registry, market, erc20],
  );
}

export type ImpactWrites = ReturnType<typeof useImpactWrites>;
