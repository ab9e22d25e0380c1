/**
 * The demo personas that `npm start` seeds on the local chain, by Hardhat test-account index, with the roles the seed
 * gives each of them (scripts/lib/demo-*.ts and the local deployment parameters in scripts/lib/stack.ts). The local
 * test wallet and `npm start` show them so a person can tell who they are acting as and what they may try.
 */

/** The roles a persona can hold, by module, in the words the dApp uses. */
export const PERSONA_ROLES = {
  council: ["council seat"],
  contribution: ["project coordinator", "project member", "project client"],
  credit: ["credit steward", "credit member"],
  resource: ["assessor", "quota holder", "registered buyer"],
  impact: ["verifier", "claimant", "impact buyer", "round funder"],
  designs: ["designer", "commons entity", "licensee"],
  cluster: ["cluster maker", "cluster buyer"],
  commonfare: ["circle board member", "circle member"],
} as const;
export type PersonaRole = (typeof PERSONA_ROLES)[keyof typeof PERSONA_ROLES][number];

export interface LocalPersona {
  /** First name: how the dApp names the account on the local chain. */
  name: string;
  /** The body the persona acts for, when it is not itself. */
  org?: string;
  /** In module order: council, contribution, credit, resource, impact, designs, cluster, commonfare. */
  roles: readonly PersonaRole[];
  /** Holds 0 ETH: every write goes as an ERC-4337 operation whose gas the co-op's paymaster pays (if it sponsors). */
  noEth?: true;
}

// Where each role comes from: council seats are the Council founders of `localParameters` (stack.ts), which also makes
// Ada the credit steward; project roles: seedContributionDemo (Ada creates "Open Hardware Lab" and admits Bea, Cyrus
// and Dara; the funder pays its income); credit members: seedCreditDemo; assessor, quota holders and the registered
// buyer: seedResourceDemo's first council decision; verifiers: seedImpactGovernance; claimants, buyers and the
// matching round: seedImpactDemo; the members without ETH: seedSponsorshipDemo; Eli's project "Solar Makers", the
// designs, their licences and Jon's accreditation as a commons entity: seedDesignsDemo and seedDesignsGovernance;
// the cluster's makers and buyers and their order: seedClusterDemo; the solidarity circle "Broodfonds Oost" (Bea founds
// it, Bea and Cyrus are its board, 12 personas and 8 other accounts its members, Kim's past claim): seedCommonfareDemo.
export const LOCAL_PERSONAS: readonly LocalPersona[] = [
  {
    name: "Ada",
    roles: [
      "council seat",
      "project coordinator",
      "credit steward",
      "credit member",
      "claimant",
      "cluster maker",
      "circle member",
    ],
  },
  {
    name: "Bea",
    roles: [
      "council seat",
      "project member",
      "credit member",
      "designer",
      "cluster buyer",
      "circle board member",
      "circle member",
    ],
  },
  {
    name: "Cyrus",
    roles: [
      "council seat",
      "project member",
      "credit member",
      "licensee",
      "cluster maker",
      "circle board member",
      "circle member",
    ],
  },
  {
    name: "Dara",
    org: "Marine Institute",
    roles: ["project member", "credit member", "assessor", "verifier", "circle member"],
  },
  { name: "Funder", roles: ["project client", "impact buyer", "licensee"] },
  { name: "Eli", roles: ["project coordinator", "quota holder", "claimant", "designer", "circle member"] },
  { name: "Fay", roles: ["project member", "quota holder", "claimant", "circle member"] },
  { name: "Gus", roles: ["quota holder", "claimant", "circle member"] },
  { name: "Hal", org: "harbour", roles: ["registered buyer", "impact buyer", "circle member"] },
  { name: "Ines", org: "Climate Audit Co-op", roles: ["verifier", "circle member"] },
  { name: "Jon", org: "Energy Auditors Guild", roles: ["verifier", "commons entity", "circle member"] },
  { name: "Kim", org: "Ghent Climate Fund", roles: ["round funder", "circle member"] },
  // Members without ETH (scripts/lib/demo-sponsorship.ts): Lena joined the lab and the credit network, has an accepted
  // contribution and income to claim, and is in the solidarity circle; Noor is no member, so the co-op does not pay for
  // her.
  { name: "Lena", roles: ["project member", "credit member", "circle member"], noEth: true },
  { name: "Noor", roles: [], noEth: true },
];

/** The personas' first names, by test-account index. */
export const LOCAL_ACCOUNT_NAMES: readonly string[] = LOCAL_PERSONAS.map((p) => p.name);

/** "Dara (Marine Institute) — project member · credit member · assessor · verifier"; "Noor — no role · 0 ETH". */
export function personaLabel(p: LocalPersona): string {
  const said = [...(p.roles.length ? p.roles : ["no role"]), ...(p.noEth ? ["0 ETH"] : [])];
  return `${p.name}${p.org ? ` (${p.org})` : ""} — ${said.join(" · ")}`;
}
