// The design commons' read path: one interface (`DesignsReader` in ./types.ts, a method per screen need), the reader
// chosen once (the subgraph when this page load reads one, else the chain reader on the target chain's event reader
// from DesignCommons' deployment block, one per client so its folded state lives on), and the hooks the screens use.
// Queries refresh when a new block arrives (shared/data/live.tsx) and after the user's own transactions.
import { designCommonsAbi } from "@cosmolocal/sdk";
import type { Address } from "viem";
import { eventReader } from "../../shared/data/events";
import { readerHook, readerPages, readerQuery } from "../../shared/data/reader";
import { designsAddress, designsStartBlock } from "../contracts";
import { createDesignsChainReader } from "./chain";
import { designsFold } from "./fold";
import { createDesignsSubgraphReader } from "./subgraph";
import type { DesignsReader } from "./types";

export * from "./types";

/** The design commons' reader (undefined until the client is ready, or where it is not deployed). */
export const useDesignsReader = readerHook(designsAddress, (designs) => ({
  subgraph: (url): DesignsReader => createDesignsSubgraphReader(url, designs),
  chain: (client): DesignsReader =>
    createDesignsChainReader(eventReader(client, designCommonsAbi, [designs], designsStartBlock, designsFold), client),
}));

const useDesignsQuery = readerQuery("designs", useDesignsReader);
const useDesignsPages = readerPages("designs", useDesignsReader);

/** The registry's settings, counts and books per currency. */
export const useCommonsInfo = () => useDesignsQuery(["info"], (r) => r.info());

/** Designs whose name or a tag holds `search` ("" for all), newest first, a page at a time (the last list kept). */
export const useDesignPages = (search: string) =>
  useDesignsPages(["designs", search], (r, after) => r.designs(search, after), true, true);

/** One design's page (undefined: no such design). */
export const useDesign = (id: bigint | undefined) =>
  useDesignsQuery(["design", id?.toString()], (r) => r.design(id!), id !== undefined);

/** The designs naming `id` as a parent, newest first, a page at a time. */
export const useDerivativePages = (id: bigint | undefined) =>
  useDesignsPages(["derivatives", id?.toString()], (r, after) => r.derivatives(id!, after), id !== undefined);

/** A contribution project's designs, newest first, a page at a time. */
export const useProjectDesignPages = (projectId: bigint | undefined) =>
  useDesignsPages(
    ["projectDesigns", projectId?.toString()],
    (r, after) => r.projectDesigns(projectId!, after),
    projectId !== undefined,
  );

/** The licences on a design, newest first, a page at a time. */
export const useLicencePages = (designId: bigint | undefined) =>
  useDesignsPages(
    ["licences", designId?.toString()],
    (r, after) => r.licences(designId!, after),
    designId !== undefined,
  );

/** One account's licences, newest first, a page at a time (none until the account is known). */
export const useMyLicencePages = (account: Address | undefined) =>
  useDesignsPages(
    ["licencesOf", account?.toLowerCase()],
    (r, after) => r.licencesOf(account!, after),
    account !== undefined,
  );

/** One licence (undefined: no such licence); off while `enabled` is false. */
export const useLicence = (id: bigint | undefined, enabled = true) =>
  useDesignsQuery(["licence", id?.toString()], (r) => r.licence(id!), id !== undefined && enabled);

/** A design's production reports, period payments, operators' reports and owed-fee payments, newest first, a page
 * at a time. */
export const usePaymentPages = (designId: bigint | undefined) =>
  useDesignsPages(
    ["payments", designId?.toString()],
    (r, after) => r.payments(designId!, after),
    designId !== undefined,
  );

/** The accredited commons entities, by address, a page at a time. */
export const useEntityPages = () => useDesignsPages(["entities"], (r, after) => r.entities(after));

/** An account's accreditation (undefined: never accredited). */
export const useEntity = (account: Address | undefined) =>
  useDesignsQuery(["entity", account?.toLowerCase()], (r) => r.entity(account!), account !== undefined);

/** A project's licence income, one row per currency. */
export const useProjectLicenceIncome = (projectId: bigint | undefined) =>
  useDesignsQuery(
    ["projectIncome", projectId?.toString()],
    (r) => r.projectIncome(projectId!),
    projectId !== undefined,
  );
