// The contribution module's read interface for its screens: `useContributionReader()` picks the subgraph reader
// when VITE_SUBGRAPH_URL is set, otherwise the chain reader (one per client, its folded state kept), and the hooks
// below ask it for what each screen shows. They refresh per new block (LiveBlocks) and after the user's own writes.
import type { Address } from "viem";
import { readerHook, readerQuery } from "../../shared/data/reader";
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
const useContributionQuery = readerQuery("contribution", useContributionReader);

/** The first `first` projects by id. */
export function useProjects(first: number) {
  return useContributionQuery(["projects", first], (r) => r.projects(first), true, true);
}

export function useProject(id: bigint) {
  return useContributionQuery(["project", id.toString()], async (r) => (await r.project(id)) ?? null);
}

/** The connected account's roles, points and claims in a project. */
export function useMe(projectId: bigint, account: Address | undefined) {
  return useContributionQuery(
    ["me", projectId.toString(), account?.toLowerCase()],
    (r) => r.me(projectId, account!),
    !!account,
  );
}

/** The `first` members with the most points. */
export function useMembers(projectId: bigint, first: number) {
  return useContributionQuery(["members", projectId.toString(), first], (r) => r.members(projectId, first), true, true);
}

/** The newest `first` contributions. */
export function useContributions(projectId: bigint, first: number) {
  return useContributionQuery(
    ["contributions", projectId.toString(), first],
    (r) => r.contributions(projectId, first),
    true,
    true,
  );
}

/** The newest `first` contributions of `contributor` (none until an account is connected). */
export function useContributionsOf(projectId: bigint, contributor: Address | undefined, first: number) {
  return useContributionQuery(
    ["contributionsOf", projectId.toString(), contributor?.toLowerCase(), first],
    (r) => r.contributions(projectId, first, contributor),
    !!contributor,
    true,
  );
}

/** Every pending contribution of a project, oldest first. */
export function usePending(projectId: bigint) {
  return useContributionQuery(["pending", projectId.toString()], (r) => r.pending(projectId));
}

/** The newest `first` payments in and out of a project. */
export function usePayments(projectId: bigint, first: number) {
  return useContributionQuery(["payments", projectId.toString(), first], (r) => r.payments(projectId, first));
}
