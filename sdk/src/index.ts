export * from "./generated/abis.ts";
export * from "./generated/addresses.ts";
export * from "./generated/constants.ts";
export * from "./eip712.ts";
export * from "./constants.ts";
export * from "./local.ts";
export * from "./clearing/index.ts";
