// Every write of the impact module: simulated first (a revert is explained before the wallet opens), then sent
// through the shared transaction runner (a toast per stage), with the registry's, market's and certificates' custom
// errors worded in tonnes and the listing's or round's currency, accounts by name. Off-chain attestations are signed
// here too (EIP-712, `attestationTypes` of the SDK) and submitted by anyone with `attestBySig`.
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
import { signTypedData, type simulateContract } from "wagmi/actions";
import { impactMarketAddress, impactRegistryAddress, targetChain } from "../shared/config";
import type { TokenInfo } from "../shared/data/types";
import type { ErrorContext } from "../shared/errors";
import { isEth } from "../shared/format";
import { nameOf } from "../shared/names";
import { simulateThenWrite, useTransactor, type TxOutcome } from "../shared/tx";
import { fmtMoney, fmtT } from "./data";

type SimulateRequest = Parameters<typeof simulateContract>[1];

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

export function useImpactActions() {
  const config = useConfig();
  const run = useTransactor();

  return useMemo(() => {
    const registry = { address: impactRegistryAddress!, abi: impactRegistryAbi, chainId: targetChain.id } as const;
    const market = { address: impactMarketAddress!, abi: impactMarketAbi, chainId: targetChain.id } as const;
    const explain = (token?: TokenInfo): ErrorContext => ({
      contract: "impact",
      name: nameOf,
      amount: token ? (v) => fmtMoney(v, token) : undefined,
    });
    // Each request is typed where it is built (address, abi, function name, args); the runner takes any of them.
    const send = (title: string, request: object, token?: TokenInfo): Promise<TxOutcome> =>
      run(title, simulateThenWrite(config, { ...request, chainId: targetChain.id } as SimulateRequest), explain(token));

    return {
      submitClaim: (d: ClaimDraft) =>
        send(`Submit a claim of ${fmtT(d.units)}`, {
          ...registry,
          functionName: "submitClaim",
          args: [d],
        }),
      approveMarket: () =>
        send("Approve the market to sell my impact units", {
          ...registry,
          functionName: "setApprovalForAll",
          args: [impactMarketAddress!, true],
        }),
      list: (claimId: bigint, token: TokenInfo, pricePerUnit: bigint, units: bigint) =>
        send(
          `List ${fmtT(units)} of claim #${claimId} at ${fmtMoney(pricePerUnit * 1000n, token)}/t`,
          { ...market, functionName: "list", args: [claimId, token.address, pricePerUnit, Number(units)] },
          token,
        ),
      delist: (claimId: bigint) =>
        send(`Take claim #${claimId} off sale`, { ...market, functionName: "delist", args: [claimId] }),
      withdraw: (claimId: bigint, to: Address, amount: bigint, token: TokenInfo) =>
        send(
          `Withdraw ${fmtMoney(amount, token)} of proceeds of claim #${claimId}`,
          { ...market, functionName: "withdrawProceeds", args: [claimId, to] },
          token,
        ),

      attest: (claimId: bigint, units: bigint, reportHash: Hex) =>
        send(`Attest claim #${claimId} at ${fmtT(units)}`, {
          ...registry,
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
        send(`Submit ${nameOf(attestation.verifier)}'s signed attestation of claim #${attestation.claimId}`, {
          ...registry,
          functionName: "attestBySig",
          args: [attestation, signature],
        }),
      reject: (claimId: bigint, reasonHash: Hex) =>
        send(`Reject claim #${claimId}`, { ...registry, functionName: "reject", args: [claimId, reasonHash] }),
      /** Votes to revoke; `reason` is published with the vote when `publish` is set (else only its hash). */
      revoke: (claimId: bigint, units: bigint, reason: string, publish: boolean) =>
        send(`Vote to revoke ${fmtT(units)} of claim #${claimId}`, {
          ...registry,
          functionName: "revoke",
          args: [claimId, units, keccak256(stringToHex(reason)), publish ? reason : ""],
        }),
      invalidateNonce: (nonce: bigint) =>
        send("Void a signed attestation", { ...registry, functionName: "invalidateNonce", args: [nonce] }),

      /** Lets the market take `amount` of `token` (ERC-20 currencies only). */
      approveToken: (token: TokenInfo, amount: bigint) =>
        send(
          `Approve the market to take ${fmtMoney(amount, token)}`,
          {
            address: token.address,
            abi: erc20Abi,
            functionName: "approve",
            args: [impactMarketAddress!, amount],
          },
          token,
        ),
      /** Buys on the terms the buyer saw; a relisting since (other currency, price or units) is refused. */
      buy: (claimId: bigint, units: bigint, terms: BuyTerms, token: TokenInfo) =>
        send(
          `Buy ${fmtT(units)} of claim #${claimId}`,
          {
            ...market,
            functionName: "buy",
            args: [claimId, units, terms],
            value: isEth(token.address) ? terms.maxCost : 0n,
          },
          token,
        ),
      buyMatched: (
        roundId: bigint,
        claimId: bigint,
        units: bigint,
        terms: BuyTerms,
        minMatchedUnits: bigint,
        token: TokenInfo,
      ) =>
        send(
          `Buy ${fmtT(units)} of claim #${claimId}${minMatchedUnits > 0n ? `, ${fmtT(minMatchedUnits)} matched` : ""} by round ${roundId}`,
          {
            ...market,
            functionName: "buyMatched",
            args: [roundId, claimId, units, terms, minMatchedUnits],
            value: isEth(token.address) ? terms.maxCost : 0n,
          },
          token,
        ),

      createRound: (r: RoundDraft, deposit: bigint, token: TokenInfo) =>
        send(
          `Open the matching round “${r.name}” with ${fmtMoney(deposit, token)}`,
          {
            ...market,
            functionName: "createRound",
            args: [r, deposit],
            value: isEth(token.address) ? deposit : 0n,
          },
          token,
        ),
      fundRound: (roundId: bigint, amount: bigint, token: TokenInfo) =>
        send(
          `Add ${fmtMoney(amount, token)} to round ${roundId}`,
          {
            ...market,
            functionName: "fundRound",
            args: [roundId, amount],
            value: isEth(token.address) ? amount : 0n,
          },
          token,
        ),
      setRoundClaims: (roundId: bigint, claimIds: bigint[], eligibility: number) =>
        send(
          `${["Reset", "Allow", "Exclude"][eligibility]} claim${claimIds.length === 1 ? "" : "s"} ${claimIds.map((id) => `#${id}`).join(", ")} in round ${roundId}`,
          { ...market, functionName: "setRoundClaims", args: [roundId, claimIds, eligibility] },
        ),
      setRoundClaimRules: (roundId: bigint, allowListOnly: boolean, acceptsRevokedClaims: boolean) =>
        send(`Change which claims round ${roundId} matches`, {
          ...market,
          functionName: "setRoundClaimRules",
          args: [roundId, allowListOnly, acceptsRevokedClaims],
        }),
      reclaimRound: (roundId: bigint, amount: bigint, token: TokenInfo) =>
        send(
          `Reclaim ${fmtMoney(amount, token)} from round ${roundId}`,
          { ...market, functionName: "reclaimRound", args: [roundId] },
          token,
        ),

      retire: (claimId: bigint, units: bigint, beneficiary: string, message: string) =>
        send(`Retire ${fmtT(units)} of claim #${claimId} for ${beneficiary}`, {
          ...registry,
          functionName: "retire",
          args: [claimId, units, beneficiary, message],
        }),
    };
  }, [config, run]);
}

export type ImpactActions = ReturnType<typeof useImpactActions>;
