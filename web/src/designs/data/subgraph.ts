// The design commons' subgraph reader: each screen need answered by the queries of ./queries.ts (every list a page by
// an id cursor), mapped onto the same views as the chain reader. No view calls.
import { getAddress, zeroAddress, type Address, type Hash, type Hex } from "viem";
import { graphqlAll, graphqlQuery } from "../../shared/data/graphql.ts";
import { graphqlPage, idBefore, mapPage } from "../../shared/data/pages.ts";
import { normalSearch } from "../metadata.ts";
import * as Q from "./queries.ts";
import {
  DESIGNS_PAGE,
  type Ancestor,
  type CommonsEntity,
  type Design,
  type DesignSummary,
  type DesignsReader,
  type Licence,
  type LicencePayment,
  type Terms,
} from "./types.ts";

type Num = string | number;
interface GqlTerms {
  version: Num;
  currency: string;
  feePerUnit: Num;
  feePerPeriod: Num;
  periodLength: Num;
  licenceDuration: Num;
  derivativeShareBps: Num;
  setBy: string;
  blockNumber: Num;
}
interface GqlDesign {
  designId: Num;
  projectId: Num;
  registrant: string;
  contentHash: string;
  metadataURI: string;
  name: string;
  tags: string[];
  parentIds: Num[];
  currentTerms: GqlTerms;
  ancestorCount: Num;
  ancestorShareBps: Num;
  derivativeCount: Num;
  licenceCount: Num;
  commonsLicenceCount: Num;
  commercialLicenceCount: Num;
  unitsReported: Num;
  registeredAt: Num;
  registeredAtBlock: Num;
  registeredTransaction: string;
}
interface GqlDesignPage extends GqlDesign {
  ancestors: {
    ancestor: { designId: Num; projectId: Num; name: string; parentIds: Num[] };
    ancestorProjectId: Num;
    shareBps: Num;
    direct: boolean;
  }[];
}
interface GqlLicence {
  licenceId: Num;
  design: { designId: Num };
  licensee: string;
  tier: "Commons" | "Commercial";
  termsVersion: Num;
  currency: string;
  takenAt: Num;
  expiresAt: Num;
  paidUntil: Num;
  unitsReported: Num;
  feesPaid: Num;
  reportCount: Num;
  periodPaymentCount: Num;
  feesOwed: Num;
  operatorReportCount: Num;
  owedPaymentCount: Num;
  transactionHash: string;
}
interface GqlPayment {
  id: string;
  licence: { licenceId: Num };
  licensee: string;
  units?: Num;
  periods?: Num;
  operator?: string;
  ref?: string;
  fee: Num;
  currency: string;
  blockNumber: Num;
  transactionHash: string;
}
interface GqlEntity {
  id: string;
  entity: string;
  accredited: boolean;
  uri: string;
  accreditedAt: Num;
  revokedAt: Num | null;
}
interface GqlAmounts {
  id: string;
  currency: string;
  [amount: string]: Num | unknown;
}

/** Above every event-log id (12 bytes): the `$before` of the first page newest first. */
const ABOVE_EVERY_LOG_ID = `0x${"ff".repeat(12)}`;

const terms = (t: GqlTerms): Terms => ({
  version: Number(t.version),
  currency: getAddress(t.currency),
  feePerUnit: BigInt(t.feePerUnit),
  feePerPeriod: BigInt(t.feePerPeriod),
  periodLength: Number(t.periodLength),
  licenceDuration: Number(t.licenceDuration),
  derivativeShareBps: Number(t.derivativeShareBps),
  setBy: getAddress(t.setBy),
  blockNumber: BigInt(t.blockNumber),
});

const summary = (d: GqlDesign): DesignSummary => ({
  id: BigInt(d.designId),
  projectId: BigInt(d.projectId),
  registrant: getAddress(d.registrant),
  contentHash: d.contentHash as Hex,
  metadataURI: d.metadataURI,
  name: d.name,
  tags: d.tags,
  parents: d.parentIds.map(BigInt),
  terms: terms(d.currentTerms),
  ancestorCount: Number(d.ancestorCount),
  ancestorShareBps: Number(d.ancestorShareBps),
  derivativeCount: Number(d.derivativeCount),
  licenceCount: Number(d.licenceCount),
  commonsLicenceCount: Number(d.commonsLicenceCount),
  commercialLicenceCount: Number(d.commercialLicenceCount),
  unitsReported: BigInt(d.unitsReported),
  registeredAt: Number(d.registeredAt),
  blockNumber: BigInt(d.registeredAtBlock),
  txHash: d.registeredTransaction as Hash,
});

const licence = (l: GqlLicence): Licence => ({
  id: BigInt(l.licenceId),
  designId: BigInt(l.design.designId),
  licensee: getAddress(l.licensee),
  tier: l.tier === "Commons" ? "commons" : "commercial",
  termsVersion: Number(l.termsVersion),
  currency: getAddress(l.currency),
  takenAt: Number(l.takenAt),
  expiresAt: Number(l.expiresAt),
  paidUntil: Number(l.paidUntil),
  unitsReported: BigInt(l.unitsReported),
  feesPaid: BigInt(l.feesPaid),
  reportCount: Number(l.reportCount),
  periodPaymentCount: Number(l.periodPaymentCount),
  feesOwed: BigInt(l.feesOwed),
  operatorReportCount: Number(l.operatorReportCount),
  owedPaymentCount: Number(l.owedPaymentCount),
  txHash: l.transactionHash as Hash,
});

const entity = (e: GqlEntity): CommonsEntity => ({
  entity: getAddress(e.entity),
  accredited: e.accredited,
  uri: e.uri,
  accreditedAt: Number(e.accreditedAt),
  ...(e.revokedAt !== null && e.revokedAt !== undefined ? { revokedAt: Number(e.revokedAt) } : {}),
});

/** The named amounts of a row, as bigints. */
const amounts = <K extends string>(row: GqlAmounts, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, BigInt(row[k] as Num)])) as Record<K, bigint>;

/** The subgraph reader of the DesignCommons at `designs` (its registry's id is the lower-case address). */
export function createDesignsSubgraphReader(url: string, designs: Address): DesignsReader {
  /** A page of `query`'s collection `key`, newest first before an id (`id` of a row), after the id `after`. */
  const newestPage = async <R, T>(
    query: string,
    key: string,
    variables: Record<string, unknown>,
    after: string | undefined,
    id: (row: R) => Num,
    view: (row: R) => T,
  ) =>
    mapPage(
      await graphqlPage<R, Record<string, R[]>>(
        url,
        query,
        (d) => d[key],
        { ...variables, before: idBefore(after) },
        DESIGNS_PAGE,
        (r) => String(id(r)),
      ),
      view,
    );
  const designPage = (query: string, variables: Record<string, unknown>, after: string | undefined) =>
    newestPage(query, "designs", variables, after, (d: GqlDesign) => d.designId, summary);
  const licencePage = (query: string, variables: Record<string, unknown>, after: string | undefined) =>
    newestPage(query, "licences", variables, after, (l: GqlLicence) => l.licenceId, licence);
  /** Every row of a design's collection (`key` in the answer), by id. */
  const allOf = <T extends { id: string }>(query: string, key: string, design: string) =>
    graphqlAll<T, Record<string, T[]>>(url, query, (d) => d[key], { design });

  return {
    source: "subgraph",

    async info() {
      const [{ commonsRegistry: r }, currencies] = await Promise.all([
        graphqlQuery<{
          commonsRegistry: {
            owner: string;
            pendingOwner: string | null;
            designCount: Num;
            derivativeCount: Num;
            licenceCount: Num;
            commonsLicenceCount: Num;
            commercialLicenceCount: Num;
            accreditedCount: Num;
          } | null;
        }>(url, Q.REGISTRY_QUERY, { registry: designs.toLowerCase() }),
        graphqlAll<GqlAmounts, { commonsCurrencyTotals: GqlAmounts[] }>(
          url,
          Q.CURRENCIES_QUERY,
          (d) => d.commonsCurrencyTotals,
        ),
      ]);
      if (!r)
        throw new Error("The subgraph holds no design commons at this address yet: has it indexed its deployment?");
      return {
        owner: getAddress(r.owner),
        ...(r.pendingOwner && r.pendingOwner !== zeroAddress ? { pendingOwner: getAddress(r.pendingOwner) } : {}),
        designCount: Number(r.designCount),
        derivativeCount: Number(r.derivativeCount),
        licenceCount: Number(r.licenceCount),
        commonsLicenceCount: Number(r.commonsLicenceCount),
        commercialLicenceCount: Number(r.commercialLicenceCount),
        accreditedCount: Number(r.accreditedCount),
        currencies: currencies.map((c) => ({
          currency: getAddress(c.currency),
          ...amounts(c, ["feesPaid", "ancestorShares", "projectShares", "held", "released", "deposited"] as const),
        })),
      };
    },

    designs: (search, after) => designPage(Q.DESIGNS_QUERY, { search: normalSearch(search) }, after),

    async design(id): Promise<Design | undefined> {
      const key = id.toString();
      const [{ design: d }, versions, fees, shares] = await Promise.all([
        graphqlQuery<{ design: GqlDesignPage | null }>(url, Q.DESIGN_QUERY, { id: key }),
        allOf<GqlTerms & { id: string }>(Q.TERMS_QUERY, "designTermsVersions", key),
        allOf<GqlAmounts>(Q.FEES_QUERY, "designFeeTotals", key),
        allOf<GqlAmounts & { ancestor: { designId: Num }; amount: Num }>(
          Q.ANCESTOR_SHARES_QUERY,
          "ancestorShareTotals",
          key,
        ),
      ]);
      if (!d) return undefined;
      const ancestors: Ancestor[] = d.ancestors.map((a) => ({
        designId: BigInt(a.ancestor.designId),
        projectId: BigInt(a.ancestorProjectId),
        shareBps: Number(a.shareBps),
        direct: a.direct,
        name: a.ancestor.name,
        parents: a.ancestor.parentIds.map(BigInt),
      }));
      /** What ancestor `ancestor` received of this design's fees in `currency` (0: never credited). */
      const shareOf = (ancestor: bigint, currency: string) =>
        BigInt(shares.find((s) => BigInt(s.ancestor.designId) === ancestor && s.currency === currency)?.amount ?? 0);
      return {
        ...summary(d),
        termsVersions: versions.map(terms).sort((a, b) => a.version - b.version),
        ancestors,
        fees: fees.map((f) => ({
          currency: getAddress(f.currency),
          ...amounts(f, ["feesPaid", "ancestorShares", "projectShares", "fromDerivatives"] as const),
          byAncestor: ancestors.map((a) => ({
            designId: a.designId,
            projectId: a.projectId,
            amount: shareOf(a.designId, f.currency),
          })),
        })),
      };
    },

    derivatives: (id, after) => designPage(Q.DERIVATIVES_QUERY, { parent: id.toString() }, after),

    projectDesigns: (projectId, after) =>
      designPage(Q.PROJECT_DESIGNS_QUERY, { projectId: projectId.toString() }, after),

    licences: (designId, after) => licencePage(Q.LICENCES_QUERY, { design: designId.toString() }, after),

    licencesOf: (licensee, after) => licencePage(Q.LICENCES_OF_QUERY, { licensee: licensee.toLowerCase() }, after),

    async licence(id) {
      const { licence: l } = await graphqlQuery<{ licence: GqlLicence | null }>(url, Q.LICENCE_QUERY, {
        id: id.toString(),
      });
      return l ? licence(l) : undefined;
    },

    async payments(designId, after) {
      // The newest DESIGNS_PAGE + 1 of each kind before the cursor hold the newest DESIGNS_PAGE + 1 of all four.
      const { productionReports, periodPayments, operatorProductionReports, owedFeesPayments } = await graphqlQuery<{
        productionReports: GqlPayment[];
        periodPayments: GqlPayment[];
        operatorProductionReports: GqlPayment[];
        owedFeesPayments: GqlPayment[];
      }>(url, Q.PAYMENTS_QUERY, {
        design: designId.toString(),
        before: after ?? ABOVE_EVERY_LOG_ID,
        first: DESIGNS_PAGE + 1,
      });
      const quantity = (p: GqlPayment, kind: LicencePayment["kind"]) =>
        kind === "owed" ? 0n : BigInt((kind === "periods" ? p.periods : p.units)!);
      const view = (p: GqlPayment, kind: LicencePayment["kind"]): LicencePayment => ({
        id: p.id as Hex,
        licenceId: BigInt(p.licence.licenceId),
        designId,
        licensee: getAddress(p.licensee),
        kind,
        quantity: quantity(p, kind),
        fee: BigInt(p.fee),
        ...(kind === "reported" ? { operator: getAddress(p.operator!), ref: p.ref as Hex } : {}),
        currency: getAddress(p.currency),
        blockNumber: BigInt(p.blockNumber),
        txHash: p.transactionHash as Hash,
      });
      const merged = [
        ...productionReports.map((p) => view(p, "units")),
        ...periodPayments.map((p) => view(p, "periods")),
        ...operatorProductionReports.map((p) => view(p, "reported")),
        ...owedFeesPayments.map((p) => view(p, "owed")),
      ].sort((a, b) => (a.id < b.id ? 1 : -1));
      const items = merged.slice(0, DESIGNS_PAGE);
      return { items, next: merged.length > DESIGNS_PAGE ? items[items.length - 1].id : undefined };
    },

    async entities(after) {
      const page = await graphqlPage<GqlEntity, { commonsEntities: GqlEntity[] }>(
        url,
        Q.ENTITIES_QUERY,
        (d) => d.commonsEntities,
        { after: after ?? "" },
        DESIGNS_PAGE,
        (e) => e.id,
      );
      return mapPage(page, entity);
    },

    async entity(account) {
      const { commonsEntity: e } = await graphqlQuery<{ commonsEntity: GqlEntity | null }>(url, Q.ENTITY_QUERY, {
        id: account.toLowerCase(),
      });
      return e ? entity(e) : undefined;
    },

    async projectIncome(projectId) {
      const rows = await graphqlAll<GqlAmounts, { projectLicenceIncomes: GqlAmounts[] }>(
        url,
        Q.PROJECT_INCOME_QUERY,
        (d) => d.projectLicenceIncomes,
        { projectId: projectId.toString() },
      );
      return rows.map((r) => ({
        projectId,
        currency: getAddress(r.currency),
        ...amounts(r, ["fromOwnDesigns", "fromDerivatives", "deposited", "held"] as const),
      }));
    },
  };
}
