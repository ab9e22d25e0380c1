/**
 * Names of the demo personas that `npm start` seeds on the local chain, by Hardhat test-account index. The local
 * test wallet shows them so a person can tell who they are acting as.
 */
export const LOCAL_ACCOUNT_NAMES: readonly string[] = [
  "Ada (coordinator, credit steward, council)",
  "Bea (council)",
  "Cyrus (council)",
  "Dara (marine institute)",
  "Funder (client)",
  "Eli (fisher)",
  "Fay (fisher)",
  "Gus (fisher)",
  "Hal (harbour buyer)",
  "Ines (verifier, Climate Audit Co-op)",
  "Jon (verifier, Energy Auditors Guild)",
  "Kim (city climate fund)",
];
