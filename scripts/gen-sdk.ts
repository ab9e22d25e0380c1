// Generates the shared SDK's ABIs, contract constants and enums, and per-chain addresses from Hardhat artifacts
// (ABIs, compiled ASTs) and Ignition deployments. Never hand-copy an ABI, a role id, an enum or an address.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { keccak256, toUtf8Bytes } from "ethers";
import { readDeployments, type DeployedContract } from "./lib/deployments.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Contracts whose ABIs the SDK exports: artifact path (under artifacts/contracts) and export name. */
export const CONTRACTS = [
  { name: "ContributionLedger", source: "contribution/ContributionLedger.sol" },
  { name: "CreditNetwork", source: "credit/CreditNetwork.sol" },
  { name: "ThresholdsCouncil", source: "council/ThresholdsCouncil.sol" },
  { name: "CouncilSeat", source: "council/CouncilSeat.sol" },
  { name: "CouncilTimelock", source: "council/CouncilTimelock.sol" },
  { name: "ResourceRegistry", source: "resource/ResourceRegistry.sol" },
  { name: "ImpactRegistry", source: "impact/ImpactRegistry.sol" },
  { name: "ImpactMarket", source: "impact/ImpactMarket.sol" },
  { name: "RetirementCertificates", source: "impact/RetirementCertificates.sol" },
  { name: "MembersPaymaster", source: "sponsorship/MembersPaymaster.sol" },
  { name: "DesignCommons", source: "commons/DesignCommons.sol" },
  { name: "ClusterExchange", source: "cluster/ClusterExchange.sol" },
  { name: "Commonfare", source: "commonfare/Commonfare.sol" },
  { name: "MockERC20", source: "mocks/MockERC20.sol" },
] as const;

/** A Solidity AST node, as much of it as the constant reader needs. */
interface AstNode {
  nodeType: string;
  id?: number;
  name?: string;
  nodes?: AstNode[];
  members?: AstNode[];
  constant?: boolean;
  value?: AstNode | string | null;
  kind?: string;
  subdenomination?: string | null;
  expression?: AstNode;
  arguments?: AstNode[];
  memberName?: string;
  typeName?: AstNode;
  linearizedBaseContracts?: number[];
  typeDescriptions?: { typeString?: string };
}

const SUBDENOMINATIONS: Record<string, bigint> = {
  wei: 1n,
  gwei: 10n ** 9n,
  ether: 10n ** 18n,
  seconds: 1n,
  minutes: 60n,
  hours: 3600n,
  days: 86400n,
  weeks: 604800n,
};

/** Value of a constant's initializer: number literals (with units), `keccak256("…")` and `type(uintN).max`. */
function evaluate(node: AstNode): bigint | string | undefined {
  if (node.nodeType === "Literal" && node.kind === "number" && typeof node.value === "string") {
    const text = node.value.replaceAll("_", "");
    const [mantissa, exponent] = text.startsWith("0x") ? [text, undefined] : text.split(/e/i);
    if (mantissa.includes(".")) return undefined;
    const base = BigInt(mantissa) * 10n ** BigInt(exponent ?? 0);
    return base * (SUBDENOMINATIONS[node.subdenomination ?? "wei"] ?? 1n);
  }
  if (node.nodeType === "FunctionCall" && node.expression?.name === "keccak256" && node.arguments?.length === 1) {
    const arg = node.arguments[0];
    if (arg.nodeType === "Literal" && arg.kind === "string" && typeof arg.value === "string")
      return keccak256(toUtf8Bytes(arg.value));
  }
  if (node.nodeType === "MemberAccess" && node.memberName === "max") {
    const m = /^uint(\d+)$/.exec(node.expression?.arguments?.[0]?.typeName?.name ?? "");
    if (m) return (1n << BigInt(m[1])) - 1n;
  }
  return undefined;
}

/** Public and private constants and enums of a contract and of every contract, interface and library it inherits. */
export interface ContractConstants {
  constants: Record<string, bigint | string>;
  enums: Record<string, string[]>;
}

/** The ASTs of a Hardhat build info's sources, and its contract definitions by AST id (read once per build). */
const buildInfos = new Map<string, { sources: Record<string, { ast: AstNode }>; byId: Map<number, AstNode> }>();

function buildInfo(id: string) {
  let info = buildInfos.get(id);
  if (!info) {
    const { output } = JSON.parse(readFileSync(join(root, "artifacts/build-info", `${id}.output.json`), "utf8")) as {
      output: { sources: Record<string, { ast: AstNode }> };
    };
    const byId = new Map<number, AstNode>();
    for (const { ast } of Object.values(output.sources)) {
      for (const node of ast.nodes ?? []) if (node.nodeType === "ContractDefinition") byId.set(node.id!, node);
    }
    info = { sources: output.sources, byId };
    buildInfos.set(id, info);
  }
  return info;
}

/** Reads a contract's constants and enums from the AST in its Hardhat build info (bases first, so overrides win). */
function readConstants(artifact: { buildInfoId: string; inputSourceName: string; contractName: string }) {
  const { sources, byId } = buildInfo(artifact.buildInfoId);
  const contract = (sources[artifact.inputSourceName].ast.nodes ?? []).find(
    (n) => n.nodeType === "ContractDefinition" && n.name === artifact.contractName,
  );
  if (!contract) throw new Error(`gen-sdk: no AST for ${artifact.contractName} in ${artifact.inputSourceName}`);
  const result: ContractConstants = { constants: {}, enums: {} };
  for (const baseId of [...contract.linearizedBaseContracts!].reverse()) {
    for (const node of byId.get(baseId)?.nodes ?? []) {
      if (node.nodeType === "EnumDefinition") result.enums[node.name!] = node.members!.map((m) => m.name!);
      if (node.nodeType !== "VariableDeclaration" || !node.constant || typeof node.value !== "object" || !node.value)
        continue;
      let value = evaluate(node.value);
      if (value === undefined) continue;
      if (typeof value === "bigint" && /^bytes32$/.test(node.typeDescriptions?.typeString ?? ""))
        value = "0x" + value.toString(16).padStart(64, "0");
      result.constants[node.name!] = value;
    }
  }
  return result;
}

/** TypeScript source of a value: numbers that fit a double exactly stay numbers, larger ones are bigints. */
function tsValue(value: unknown, indent = ""): string {
  if (typeof value === "bigint") return value <= BigInt(Number.MAX_SAFE_INTEGER) ? String(value) : `${value}n`;
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => tsValue(v)).join(", ")}]`;
  if (Object.keys(value as object).length === 0) return "{}";
  const inner = indent + "  ";
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${inner}${k}: ${tsValue(v, inner)},`,
  );
  return `{\n${entries.join("\n")}\n${indent}}`;
}

function lowerFirst(s: string): string {
  return s[0].toLowerCase() + s.slice(1);
}

export function generateSdk(): void {
  const outDir = join(root, "sdk/src/generated");
  const jsonDir = join(root, "sdk/abis");
  mkdirSync(outDir, { recursive: true });
  mkdirSync(jsonDir, { recursive: true });

  let abis = "// Generated by scripts/gen-sdk.ts from Hardhat artifacts. Do not edit.\n";
  const constants: Record<string, ContractConstants> = {};
  for (const c of CONTRACTS) {
    const artifactPath = join(root, "artifacts/contracts", c.source, `${c.name}.json`);
    if (!existsSync(artifactPath)) throw new Error(`gen-sdk: missing ${artifactPath}; run \`npx hardhat build\` first`);
    const artifact = JSON.parse(readFileSync(artifactPath, "utf8"));
    abis += `export const ${lowerFirst(c.name)}Abi = ${JSON.stringify(artifact.abi, null, 2)} as const;\n\n`;
    writeFileSync(join(jsonDir, `${c.name}.json`), JSON.stringify(artifact.abi, null, 2) + "\n");
    constants[c.name] = readConstants(artifact);
  }
  writeFileSync(join(outDir, "abis.ts"), abis);
  writeFileSync(
    join(outDir, "constants.ts"),
    "// Generated by scripts/gen-sdk.ts from the contracts' compiled ASTs (with their bases). Do not edit.\n" +
      "/** Per contract: constants (role ids, limits, basis points; bytes32 as hex) and enums (member names in order). */\n" +
      `export const contractConstants = ${tsValue(constants)} as const;\n`,
  );

  // Addresses: every Ignition deployment under ignition/deployments/chain-<id>/, each contract (future id
  // "<Module>#<Contract>") as { [chainId]: { Contract: { address, startBlock } } }.
  const deployments: Record<number, Record<string, DeployedContract>> = {};
  for (const [chainId, contracts] of Object.entries(readDeployments(root))) {
    deployments[Number(chainId)] = Object.fromEntries(
      Object.entries(contracts).map(([futureId, c]) => [futureId.split("#")[1], c]),
    );
  }
  writeFileSync(
    join(outDir, "addresses.ts"),
    "// Generated by scripts/gen-sdk.ts from ignition/deployments. Do not edit.\n" +
      "/** A deployed contract: its address and the block of its deployment (where event reads start). */\n" +
      "export interface DeployedContract {\n  address: `0x${string}`;\n  startBlock: number;\n}\n" +
      "/** The contracts deployed on each chain, by chain id and contract name. */\n" +
      `export const deployments: Record<number, Partial<Record<DeployedName, DeployedContract>>> = ${JSON.stringify(deployments, null, 2)};\n` +
      "/** The names of the contracts the SDK knows. */\n" +
      `export type DeployedName = ${CONTRACTS.map((c) => JSON.stringify(c.name)).join(" | ")};\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  generateSdk();
  console.log("gen-sdk: wrote sdk/src/generated/{abis,constants,addresses}.ts and sdk/abis/*.json");
}
