// Who holds which power over a deployment of the whole system, read from the chain: every AccessControl role's holders
// (the accounts its role events in the deployment's blocks name, plus those the deployment involves, each confirmed
// by hasRole), the seat token's owner, the resource registry's council and the governor's timelock; and what must
// hold after `npm run deploy`.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress, id, Interface, ZeroAddress } from "ethers";

/** The deployed system's addresses (`npm run deploy`'s Commons module). */
export interface CommonsAddresses {
  timelock: string;
  seats: string;
  governor: string;
  resources: string;
  impactRegistry: string;
  impactMarket: string;
  certificates: string;
  credit: string;
  ledger: string;
  designs: string;
  commonfare: string;
  paymaster: string;
}

/** One power and who holds it. */
export interface Holding {
  contract: string;
  power: string;
  holder: string;
}

const ACCESS_CONTROL = new Interface([
  "event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)",
  "event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)",
  "function hasRole(bytes32 role, address account) view returns (bool)",
]);
const VIEWS = new Interface([
  "function owner() view returns (address)",
  "function council() view returns (address)",
  "function pendingCouncil() view returns (address)",
  "function pendingOwner() view returns (address)",
  "function timelock() view returns (address)",
]);

/** The roles of each AccessControl contract of the system, by name. */
const ROLES: Record<string, string[]> = {
  CouncilTimelock: ["DEFAULT_ADMIN_ROLE", "PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"],
  ImpactRegistry: ["DEFAULT_ADMIN_ROLE", "VERIFIER_ROLE"],
  CreditNetwork: ["DEFAULT_ADMIN_ROLE", "STEWARD_ROLE"],
};
const roleId = (name: string) => (name === "DEFAULT_ADMIN_ROLE" ? `0x${"00".repeat(32)}` : id(name));

/** Blocks per eth_getLogs: within every public endpoint's range limit. */
const LOG_CHUNK = 1_000;

/**
 * Every power over the deployment at `addresses`, now: role holders (each confirmed by `hasRole` at the head; an
 * EXECUTOR_ROLE held by the zero address means anyone may execute), the seat token's owner, the registry's council and
 * pending council, the governor's timelock. The accounts checked for roles are those the role events of the
 * deployment's own blocks (`fromBlock`..`toBlock`) name, plus `accounts`: reading only the deployment's blocks keeps
 * the check cheap however long ago it ran (later role changes are council decisions, which the subgraph lists).
 */
export async function readPowers(
  ethers: HardhatEthers,
  addresses: CommonsAddresses,
  blocks: { fromBlock: number; toBlock: number },
  accounts: readonly string[],
): Promise<Holding[]> {
  const { provider } = ethers;
  const { fromBlock, toBlock } = blocks;
  const call = async (address: string, fn: string, args: unknown[] = [], iface = VIEWS) =>
    iface.decodeFunctionResult(fn, await provider.call({ to: address, data: iface.encodeFunctionData(fn, args) }))[0];
  const out: Holding[] = [];
  const contracts: [string, string][] = [
    ["CouncilTimelock", addresses.timelock],
    ["ImpactRegistry", addresses.impactRegistry],
    ["CreditNetwork", addresses.credit],
  ];
  for (const [contract, address] of contracts) {
    const candidates = new Set<string>([ZeroAddress, ...accounts].map((a) => getAddress(a)));
    for (let from = fromBlock; from <= toBlock; from += LOG_CHUNK) {
      const logs = await provider.getLogs({
        address,
        fromBlock: from,
        toBlock: Math.min(from + LOG_CHUNK - 1, toBlock),
        topics: [
          [ACCESS_CONTROL.getEvent("RoleGranted")!.topicHash, ACCESS_CONTROL.getEvent("RoleRevoked")!.topicHash],
        ],
      });
      for (const log of logs) candidates.add(getAddress(`0x${log.topics[2].slice(26)}`));
    }
    for (const power of ROLES[contract]) {
      for (const holder of candidates)
        if (await call(address, "hasRole", [roleId(power), holder], ACCESS_CONTROL))
          out.push({ contract, power, holder: holder === ZeroAddress ? "anyone (the zero address)" : holder });
    }
  }
  out.push({
    contract: "CouncilSeat",
    power: "owner (seats and unseats members)",
    holder: await call(addresses.seats, "owner"),
  });
  out.push({ contract: "ResourceRegistry", power: "council", holder: await call(addresses.resources, "council") });
  // Two-step (Ownable2Step) owners: the owner, and the account ownership was offered to, if any.
  const ownable = async (contract: string, address: string, power: string) => {
    out.push({ contract, power: `owner (${power})`, holder: await call(address, "owner") });
    const pendingOwner = (await call(address, "pendingOwner")) as string;
    if (pendingOwner !== ZeroAddress) out.push({ contract, power: "pending owner", holder: pendingOwner });
  };
  await ownable("MembersPaymaster", addresses.paymaster, "rules, budgets, deposit withdrawal, stake");
  await ownable("DesignCommons", addresses.designs, "accredits commons entities");
  await ownable("Commonfare", addresses.commonfare, "accepts the circles' currencies");
  const pending = (await call(addresses.resources, "pendingCouncil")) as string;
  if (pending !== ZeroAddress) out.push({ contract: "ResourceRegistry", power: "pending council", holder: pending });
  out.push({
    contract: "ThresholdsCouncil",
    power: "timelock (executes its decisions)",
    holder: await call(addresses.governor, "timelock"),
  });
  return out.map((h) => ({ ...h, holder: h.holder.startsWith("0x") ? getAddress(h.holder) : h.holder }));
}

/**
 * What a fresh deployment must look like: the timelock administers everything governed and itself, the governor
 * alone proposes and cancels, anyone executes, the stewards steward, and `deployer` holds nothing. Returns the
 * violations (empty when the deployment is as it should be).
 */
export function checkPowers(
  powers: readonly Holding[],
  addresses: CommonsAddresses,
  expected: { deployer: string; stewards: readonly string[] },
): string[] {
  const problems: string[] = [];
  const holders = (contract: string, power: string) =>
    powers.filter((p) => p.contract === contract && p.power.startsWith(power)).map((p) => p.holder);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const exactly = (contract: string, power: string, want: readonly string[]) => {
    const got = holders(contract, power);
    const ok = got.length === want.length && want.every((w) => got.some((g) => same(g, w)));
    if (!ok) problems.push(`${contract} ${power}: held by [${got.join(", ")}], expected [${want.join(", ")}]`);
  };
  exactly("CouncilTimelock", "DEFAULT_ADMIN_ROLE", [addresses.timelock]);
  exactly("CouncilTimelock", "PROPOSER_ROLE", [addresses.governor]);
  exactly("CouncilTimelock", "CANCELLER_ROLE", [addresses.governor]);
  exactly("CouncilTimelock", "EXECUTOR_ROLE", ["anyone (the zero address)"]);
  exactly("ImpactRegistry", "DEFAULT_ADMIN_ROLE", [addresses.timelock]);
  exactly("CreditNetwork", "DEFAULT_ADMIN_ROLE", [addresses.timelock]);
  exactly("CreditNetwork", "STEWARD_ROLE", expected.stewards);
  exactly("CouncilSeat", "owner", [addresses.timelock]);
  exactly("ResourceRegistry", "council", [addresses.timelock]);
  exactly("ThresholdsCouncil", "timelock", [addresses.timelock]);
  exactly("MembersPaymaster", "owner", [addresses.timelock]);
  if (holders("MembersPaymaster", "pending owner").length > 0) problems.push("MembersPaymaster has a pending owner");
  exactly("DesignCommons", "owner", [addresses.timelock]);
  if (holders("DesignCommons", "pending owner").length > 0) problems.push("DesignCommons has a pending owner");
  exactly("Commonfare", "owner", [addresses.timelock]);
  if (holders("Commonfare", "pending owner").length > 0) problems.push("Commonfare has a pending owner");
  if (holders("ResourceRegistry", "pending council").length > 0)
    problems.push("ResourceRegistry has a pending council");
  for (const p of powers)
    if (same(p.holder, expected.deployer)) problems.push(`the deployer holds ${p.contract} ${p.power}`);
  return problems;
}
