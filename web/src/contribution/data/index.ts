// The contribution module's read interface for its screens: `useContributionReader()` picks the subgraph reader
// when VITE_SUBGRAPH_URL is set, otherwise the chain reader (one per client, its folded state kept), and the hooks
// below ask it for what each screen shows. They refresh per new block (LiveBlocks) and after the user's own writes.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { readerHook } from "../../shared/data/reader";
import { contributionStartBlock, ledgerAddress } from "../contracts";
import { createChainReader } from "./chain";
import { createSubgraphReader } from "./subgraph";
import type { ContributionReader } from "./types";

export * from "./types";

/** The ledger's reader (undefined until the client is ready or where the ledger is not deployed). */
export const useContributionReader = readerHook(ledgerAddress, (ledger) => ({
  subgraph: (url, client): ContributionReader => createSubgraphReader(url, client),
  chain: (client): ContributionReader => createChainReader(client, ledger, contributionStartBlock),
}));

/** The first `first` projects by id. */
export function useProjects(first: number) {
  const reader = useContributionReader();
  return useQuery({
    queryKey: ["contribution", reader?.source, "projects", first],
    queryFn: () => reader!.projects(first),
    enabled: !!reader,
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: bigint) {
  const reader = useContributionReader();
  return useQuery({
    queryKey: ["contribution", reader?.source, "project", id.toString()],
    queryFn: async () => (await reader!.project(id)) ?? null,
    enabled: !!reader,
  });
}

/** The connected account's roles, points and claims in a project. */
export function useMe(projectId: bigint, account: Address | undefined) {
  const reader = useContributionReader();
  return useQuery({
    queryKey: ["contribution", reader?.source, "me", projectId.toString(), account?.toLowerCase()],
    queryFn: () => reader!.me(projectId, account!),
    enabled: !!reader && !!account,
  });
}

/** The `first` members with the most points. */
export function useMembers(projectId: bigint, first: number) {
  const reader = useContributionReader();
  return useQuery({
    queryKey: ["contribution", reader?.source, "members", projectId.toString(), first],
    queryFn: () => reader!.members(projectId, first),
    enabled: !!reader,
    placeholderData: keepPreviousData,
  });
}

/** The newest `first` contributions. */
export function useContributions(projectId: bigint, first: number) {
  const reader = useContributionReader();
  return useQuery({
    queryKey: ["contribution", reader?.source, "contributions", projectId.toString(), first],
    queryFn: () => reader!.contributions(projectId, first),
    enabled: !!reader,
    placeholderData: keepPreviousData,
  });
}

/** The newest `first` contributions of `contributor` (none until an account is connected). */
export function useContributionsOf(projectId: bigint, contributor: Address | undefined, first: number) {
  const reader = useContributionReader();
  return useQuery({
    queryKey: [
      "contribution",
      reader?.source,
      "contributionsOf",
      projectId.toString(),
      contributor?.toLowerCase(),
      first,
    ],
    queryFn: () => reader!.contributions(projectId, first, contributor),
    enabled: !!reader && !!contributor,
    placeholderData: keepPreviousData,
  });
}

/** Every pending contribution of a project, oldest first. */
export function usePending(projectId: bigint) {
  const reader = useContributionReader();
  return useQuery({
    queryKey: ["contribution", reader?.source, "pending", projectId.toString()],
    queryFn: () => reader!.pending(projectId),
    enabled: !!reader,
  });
}

/** The newest `first` payments in and out of a project. */
export function usePayments(projectId: bigint, first: number) {
  const reader = useContributionReader();
  return useQuery({
    queryKey: ["contribution", reader?.source, "payments", projectId.toString(), first],
    queryFn: () => reader!.payments(projectId, first),
    enabled: !!reader,
  });
}
