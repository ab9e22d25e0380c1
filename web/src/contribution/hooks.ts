// Typed ledger hooks (generated ABI from @cosmolocal/sdk): live reads for the connected account and every write
// the module makes, each simulated before the wallet is asked.
import {
  contributionLedgerAbi,
  contributionDomain,
  contributionTypes,
  MEMBER_ROLE,
  COORDINATOR_ROLE,
} from "@cosmolocal/sdk";
import { useMemo } from "react";
import { erc20Abi, type Address, type Hex } from "viem";
import { useConfig, useReadContract, useReadContracts } from "wagmi";
import { readContract, signTypedData, simulateContract, writeContract } from "wagmi/actions";
import { ledgerAddress, targetChain } from "../shared/config";
import { sameAddress } from "../shared/format";
import { useTransactor } from "../shared/tx";
import { signedStore, type SignedContribution } from "./signed";

const REFRESH = { refetchInterval: 4_000 } as const;

export function useRoles(projectId: bigint, account: Address | undefined) {
  const q = useReadContract({
    address: ledgerAddress,
    abi: contributionLedgerAbi,
    functionName: "rolesOf",
    args: account ? [projectId, account] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!account && !!ledgerAddress, ...REFRESH },
  });
  const roles = q.data ?? 0;
  return {
    roles,
    isMember: (roles & MEMBER_ROLE) !== 0,
    isCoordinator: (roles & COORDINATOR_ROLE) !== 0,
    isLoading: q.isLoading,
  };
}

/** Income owed to `account` in each token (same order as `tokens`). */
export function useClaimable(projectId: bigint, tokens: Address[], account: Address | undefined) {
  return useReadContracts({
    contracts: tokens.map((token) => ({
      address: ledgerAddress,
      abi: contributionLedgerAbi,
      functionName: "claimable",
      args: [projectId, token, account!],
      chainId: targetChain.id,
    })) as {
      address: Address;
      abi: typeof contributionLedgerAbi;
      functionName: "claimable";
      args: [bigint, Address, Address];
      chainId: number;
    }[],
    query: { enabled: !!account && !!ledgerAddress && tokens.length > 0, ...REFRESH },
  });
}

export function useTokenBalance(token: Address | undefined, account: Address | undefined) {
  return useReadContract({
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: account ? [account] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!token && !!account, ...REFRESH },
  });
}

export interface ContributionDraft {
  projectId: bigint;
  kindId: number;
  quantity: bigint;
  evidenceHash: Hex;
  evidenceURI: string;
}

/** How long a signed contribution may wait for submission. */
export const SIGNATURE_VALIDITY_SECONDS = 7 * 24 * 3600;

export function useLedgerActions() {
  const config = useConfig();
  const run = useTransactor();

  return useMemo(() => {
    const ledger = ledgerAddress!;
    const base = { address: ledger, abi: contributionLedgerAbi, chainId: targetChain.id } as const;

    async function submitSigned(s: SignedContribution) {
      const outcome = await run("Submit contribution", async () => {
        const { request } = await simulateContract(config, {
          ...base,
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
        return writeContract(config, request);
      });
      if (outcome.ok) signedStore.remove(s.signature);
      else signedStore.update(s.signature, { lastError: outcome.error });
      return outcome;
    }

    return {
      /** Signs the EIP-712 message in the wallet, stores it locally, then submits it (the member relays it). */
      async signAndSubmit(contributor: Address, draft: ContributionDraft) {
        const nonce = await readContract(config, {
          ...base,
          functionName: "nonces",
          args: [draft.projectId, contributor],
        });
        const deadline = BigInt(Math.floor(Date.now() / 1000) + SIGNATURE_VALIDITY_SECONDS);
        const message = { ...draft, contributor, nonce, deadline };
        const signature = await signTypedData(config, {
          domain: contributionDomain(targetChain.id, ledger),
          types: contributionTypes,
          primaryType: "Contribution",
          message,
        });
        const signed: SignedContribution = {
          signature,
          chainId: targetChain.id,
          ledger,
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
        const outcome = await run(`Cancel signed contributions up to nonce ${upToNonce}`, async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "cancelSignatures",
            args: [projectId, upToNonce],
          });
          return writeContract(config, request);
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
        run(`Evaluate contribution #${contributionId}`, async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "evaluate",
            args: [contributionId, score, commentHash],
          });
          return writeContract(config, request);
        }),
      expire: (contributionId: bigint) =>
        run(`Close contribution #${contributionId}`, async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "expire",
            args: [contributionId],
          });
          return writeContract(config, request);
        }),
      claim: (projectId: bigint, token: Address, symbol: string) =>
        run(`Claim ${symbol}`, async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "claim",
            args: [projectId, token],
          });
          return writeContract(config, request);
        }),
      depositEth: (projectId: bigint, value: bigint) =>
        run("Pay ETH income", async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "depositIncome",
            args: [projectId],
            value,
          });
          return writeContract(config, request);
        }),
      async depositToken(projectId: bigint, token: Address, amount: bigint, symbol: string, owner: Address) {
        const allowance = await readContract(config, {
          address: token,
          abi: erc20Abi,
          functionName: "allowance",
          args: [owner, ledger],
          chainId: targetChain.id,
        });
        if (allowance < amount) {
          const approved = await run(`Allow the ledger to take ${symbol}`, async () => {
            const { request } = await simulateContract(config, {
              address: token,
              abi: erc20Abi,
              functionName: "approve",
              args: [ledger, amount],
              chainId: targetChain.id,
            });
            return writeContract(config, request);
          });
          if (!approved.ok) return approved;
        }
        return run(`Pay ${symbol} income`, async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "depositIncomeToken",
            args: [projectId, token, amount],
          });
          return writeContract(config, request);
        });
      },
      grantRole: (projectId: bigint, account: Address, role: number) =>
        run(role === COORDINATOR_ROLE ? "Make coordinator" : "Add member", async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "grantRole",
            args: [projectId, account, role],
          });
          return writeContract(config, request);
        }),
      revokeRole: (projectId: bigint, account: Address, role: number) =>
        run(role === COORDINATOR_ROLE ? "Remove coordinator role" : "Remove member", async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "revokeRole",
            args: [projectId, account, role],
          });
          return writeContract(config, request);
        }),
      addKind: (projectId: bigint, name: string, weight: number) =>
        run(`Add kind “${name}”`, async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "addKind",
            args: [projectId, name, weight],
          });
          return writeContract(config, request);
        }),
      addIncomeToken: (projectId: bigint, token: Address) =>
        run("Accept income token", async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "addIncomeToken",
            args: [projectId, token],
          });
          return writeContract(config, request);
        }),
      createProject: (
        name: string,
        metadataURI: string,
        policy: { quorum: number; evaluationWindow: number; minScore: number },
        kinds: { name: string; weight: number }[],
      ) =>
        run(`Create project “${name}”`, async () => {
          const { request } = await simulateContract(config, {
            ...base,
            functionName: "createProject",
            args: [name, metadataURI, policy, kinds.map((k) => k.name), kinds.map((k) => k.weight)],
          });
          return writeContract(config, request);
        }),
    };
  }, [config, run]);
}
