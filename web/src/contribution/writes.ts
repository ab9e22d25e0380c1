// Every write of the contribution module, typed by the ContributionLedger's ABI (and ERC-20's for income tokens) and
// sent through the shared write; contributions are signed here (EIP-712) and relayed by a member.
import { contributionLedgerAbi, contributionDomain, contributionTypes, COORDINATOR_ROLE } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address, Hex } from "viem";
import { useConfig } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { chainDeadline } from "../shared/chainTime";
import { targetChain } from "../shared/config";
import { ledgerAddress } from "./contracts";
import { tokenErrors } from "../shared/data/tokenErrors";
import { knownRevert, wordWith } from "../shared/errorWords";
import { sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { useApproval } from "../shared/approval";
import { useWrite } from "../shared/tx";
import { contributionErrors } from "./errors";
import { signedStore, type SignedContribution } from "./signed";

export interface ContributionDraft {
  projectId: bigint;
  kindId: number;
  quantity: bigint;
  evidenceHash: Hex;
  evidenceURI: string;
}

/** How long a signed contribution may wait for submission, counted from chain time at signing. */
export const SIGNATURE_VALIDITY_SECONDS = 7 * 24 * 3600;

const WORDINGS = [wordWith(contributionErrors, undefined), wordWith(tokenErrors, { name: nameOf })];

export function useContributionWrites() {
  const config = useConfig();
  const ledger = useWrite({ abi: contributionLedgerAbi, address: ledgerAddress }, WORDINGS);
  const approve = useApproval(WORDINGS);

  return useMemo(() => {
    async function submitSigned(s: SignedContribution) {
      const outcome = await ledger("Submit contribution", {
        functionName: "submitSigned",
        args: [
          {
            projectId: BigInt(s.input.projectId),
            kindId: s.input.kindId,
            quantity: BigInt(s.input.quantity),
            evidenceHash: s.input.evidenceHash,
            evidenceURI: s.input.evidenceURI,
          },
          s.contributor,
          BigInt(s.nonce),
          BigInt(s.deadline),
          s.signature,
        ],
      });
      if (outcome.ok) signedStore.remove(s.signature);
      else signedStore.update(s.signature, { lastError: outcome.error });
      return outcome;
    }

    return {
      /** A revert a form knows before sending, in the words its decoded revert has. */
      refusal: knownRevert(contributionErrors, undefined),
      /** Signs the EIP-712 message in the wallet, stores it locally, then submits it (the member relays it). */
      async signAndSubmit(contributor: Address, draft: ContributionDraft) {
        const nonce = await readContract(config, {
          address: ledgerAddress!,
          abi: contributionLedgerAbi,
          chainId: targetChain.id,
          functionName: "nonces",
          args: [draft.projectId, contributor],
        });
        const deadline = await chainDeadline(config, SIGNATURE_VALIDITY_SECONDS);
        const message = { ...draft, contributor, nonce, deadline };
        const signature = await signTypedData(config, {
          domain: contributionDomain(targetChain.id, ledgerAddress!),
          types: contributionTypes,
          primaryType: "Contribution",
          message,
        });
        const signed: SignedContribution = {
          signature,
          chainId: targetChain.id,
          ledger: ledgerAddress!,
          contributor,
          input: {
            projectId: draft.projectId.toString(),
            kindId: draft.kindId,
            quantity: draft.quantity.toString(),
            evidenceHash: draft.evidenceHash,
            evidenceURI: draft.evidenceURI,
          },
          nonce: nonce.toString(),
          deadline: deadline.toString(),
          createdAt: Date.now(),
        };
        signedStore.add(signed);
        return submitSigned(signed);
      },
      submitSigned,
      /**
       * Voids the contributor's unsubmitted signed contributions to the project up to `upToNonce` (its nonce moves
       * past them), then forgets the stored signatures it voided.
       */
      async cancelSignatures(contributor: Address, projectId: bigint, upToNonce: bigint) {
        const outcome = await ledger(`Cancel signed contributions up to nonce ${upToNonce}`, {
          functionName: "cancelSignatures",
          args: [projectId, upToNonce],
        });
        if (outcome.ok) {
          for (const s of signedStore.list()) {
            if (
              sameAddress(s.contributor, contributor) &&
              BigInt(s.input.projectId) === projectId &&
              BigInt(s.nonce) <= upToNonce
            )
              signedStore.remove(s.signature);
          }
        }
        return outcome;
      },
      evaluate: (contributionId: bigint, score: number, commentHash: Hex) =>
        ledger(`Evaluate contribution #${contributionId}`, {
          functionName: "evaluate",
          args: [contributionId, score, commentHash],
        }),
      expire: (contributionId: bigint) =>
        ledger(`Close contribution #${contributionId}`, { functionName: "expire", args: [contributionId] }),
      claim: (projectId: bigint, tokenAddress: Address, symbol: string) =>
        ledger(`Claim ${symbol}`, { functionName: "claim", args: [projectId, tokenAddress] }),
      depositEth: (projectId: bigint, value: bigint) =>
        ledger("Pay ETH income", { functionName: "depositIncome", args: [projectId], value }),
      async depositToken(projectId: bigint, tokenAddress: Address, amount: bigint, symbol: string, owner: Address) {
        const approved = await approve(`Allow the ledger to take ${symbol}`, {
          token: tokenAddress,
          owner,
          spender: ledgerAddress!,
          amount,
        });
        if (!approved.ok) return approved;
        return ledger(`Pay ${symbol} income`, {
          functionName: "depositIncomeToken",
          args: [projectId, tokenAddress, amount],
        });
      },
      grantRole: (projectId: bigint, account: Address, role: number) =>
        ledger(role === COORDINATOR_ROLE ? "Make coordinator" : "Add member", {
          functionName: "grantRole",
          args: [projectId, account, role],
        }),
      revokeRole: (projectId: bigint, account: Address, role: number) =>
        ledger(role === COORDINATOR_ROLE ? "Remove coordinator role" : "Remove member", {
          functionName: "revokeRole",
          args: [projectId, account, role],
        }),
      addKind: (projectId: bigint, name: string, weight: number) =>
        ledger(`Add kind “${name}”`, { functionName: "addKind", args: [projectId, name, weight] }),
      addIncomeToken: (projectId: bigint, tokenAddress: Address) =>
        ledger("Accept income token", { functionName: "addIncomeToken", args: [projectId, tokenAddress] }),
      createProject: (
        name: string,
        metadataURI: string,
        policy: { quorum: number; evaluationWindow: number; minScore: number },
        kinds: { name: string; weight: number }[],
      ) =>
        ledger(`Create project “${name}”`, {
          functionName: "createProject",
          args: [name, metadataURI, policy, kinds.map((k) => k.name), kinds.map((k) => k.weight)],
        }),
    };
  }, [config, ledger, approve]);
}
