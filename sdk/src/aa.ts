/**
 * ERC-4337 v0.8, at the canonical addresses every chain shares (deployed through the deterministic deployer from
 * @account-abstraction/contracts 0.8.0): the EntryPoint and the EIP-7702 account members delegate to. No generated
 * import: the Ignition modules and the stack scripts read it before the SDK is generated.
 */
export const ENTRY_POINT_V08 = "0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108" as const;
export const SIMPLE_7702_ACCOUNT_V08 = "0xe6Cae83BdE06E4c305530e199D7217f42808555B" as const;
