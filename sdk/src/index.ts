// The SDK's public surface: generated ABIs, contract constants and addresses, EIP-712 types, the named contract
// limits, local-chain helpers, the clearing solver and the cluster exchange's matcher.
export * from "./generated/abis.ts";
export * from "./generated/addresses.ts";
export * from "./generated/constants.ts";
export * from "./eip712.ts";
export * from "./constants.ts";
export * from "./local.ts";
export * from "./clearing/index.ts";
export * from "./cluster/index.ts";
