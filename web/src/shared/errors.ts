// Turns anything a wallet, the node or a contract throws into one plain sentence: walks viem's error chain and words
// a contract's custom error with the module wording passed in, else with the table registered for the reverting address.
import {
  contributionLedgerAbi,
  councilSeatAbi,
  councilTimelockAbi,
  creditNetworkAbi,
  impactMarketAbi,
  impactRegistryAbi,
  mockERC20Abi,
  resourceRegistryAbi,
  retirementCertificatesAbi,
  thresholdsCouncilAbi,
} from "@cosmolocal/sdk";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  HttpRequestError,
  InsufficientFundsError,
  UserRejectedRequestError,
  type AbiParameter,
  type Hex,
} from "viem";
import { contributionErrors } from "../contribution/errors";
import { councilErrors } from "../council/errors";
import { creditErrors } from "../credit/errors";
import { impactErrors } from "../impact/errors";
import { resourceErrors } from "../resource/errors";
import { demoTokenAddress } from "./config";
import { certificatesAddress, impactMarketAddress, impactRegistryAddress } from "../impact/contracts";
import { councilAddress, seatAddress, timelockAddress } from "../council/contracts";
import { creditAddress } from "../credit/contracts";
import { ledgerAddress } from "../contribution/contracts";
import { registryAddress } from "../resource/contracts";
import { tokenErrors } from "./data/tokenErrors";
import { baseUnits, wordWith, type WordContext, type Wording } from "./errorWords";
import { sameAddress } from "./format";
import { nameOf } from "./names";

export interface DecodedError {
  /** The custom error's name when a contract reverted with one (or UserRejected, Network, InsufficientFunds). */
  name?: string;
  message: string;
}

const ALL_ABIS = [
  ...contributionLedgerAbi,
  ...mockERC20Abi,
  ...creditNetworkAbi,
  ...resourceRegistryAbi,
  ...thresholdsCouncilAbi,
  ...councilSeatAbi,
  ...councilTimelockAbi,
  ...impactRegistryAbi,
  ...impactMarketAbi,
  ...retirementCertificatesAbi,
];

/** How a contract's errors read when no module says otherwise: accounts by name, amounts in base units. */
const PLAIN: WordContext & { resource: (resourceId: bigint) => string } = {
  name: nameOf,
  amount: baseUnits,
  resource: (resourceId) => `resource ${resourceId}`,
};

/** The wording of each deployed contract's errors, by address. */
function registry(): [string | undefined, Wording[]][] {
  const resource = wordWith(resourceErrors, PLAIN);
  const impact = wordWith(impactErrors, PLAIN);
  // A proposal's execution bubbles up the governed contract's error, so the council also words the registries'.
  const council = [wordWith(councilErrors, PLAIN), resource, impact];
  return [
    [ledgerAddress, [wordWith(contributionErrors, undefined)]],
    [creditAddress, [wordWith(creditErrors, PLAIN)]],
    [registryAddress, [resource]],
    [councilAddress, council],
    [seatAddress, council],
    [timelockAddress, council],
    [impactRegistryAddress, [impact]],
    [impactMarketAddress, [impact]],
    [certificatesAddress, [impact]],
    [demoTokenAddress, [wordWith(tokenErrors, PLAIN)]],
  ];
}

/**
 * The plain sentence for `err`. A contract's custom error is worded by the first of `wordings` (the calling module's
 * tables, bound to its unit and names) that knows it, else by the tables of the contract that reverted.
 */
export function explainError(err: unknown, wordings: readonly Wording[] = []): DecodedError {
  if (!(err instanceof BaseError)) return { message: err instanceof Error ? err.message : String(err) };
  if (err.walk((e) => e instanceof UserRejectedRequestError))
    return { name: "UserRejected", message: "You declined the request in your wallet." };
  const execution = err.walk((e) => e instanceof ContractFunctionExecutionError);
  const address = execution instanceof ContractFunctionExecutionError ? execution.contractAddress : undefined;
  const word = (decoded: Decoded): DecodedError => {
    const byAddress = registry().find(([a]) => sameAddress(a, address))?.[1] ?? [];
    for (const wording of [...wordings, ...byAddress]) {
      const message = wording(decoded.name, decoded.args);
      if (message !== undefined) return { name: decoded.name, message };
    }
    return { name: decoded.name, message: `The contract refused: ${decoded.name}.` };
  };

  const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    const item = reverted.data?.abiItem;
    const decoded = reverted.data
      ? named(reverted.data.errorName, item && "inputs" in item ? item.inputs : [], reverted.data.args)
      : reverted.raw && tryDecode(reverted.raw);
    if (decoded) return word(decoded);
    if (reverted.reason) return { message: `The contract refused: ${reverted.reason}.` };
  }
  if (err.walk((e) => e instanceof HttpRequestError))
    return { name: "Network", message: "The network node could not be reached. Try again in a moment." };
  if (err.walk((e) => e instanceof InsufficientFundsError))
    return {
      name: "InsufficientFunds",
      message: "Your account does not hold enough ETH for this amount plus the network fee.",
    };
  // Raw revert data somewhere in the chain (e.g. from a wallet that wraps the RPC error).
  const withData = err.walk((e) => hasHexData(e));
  const decoded = hasHexData(withData) ? tryDecode(withData.data) : undefined;
  if (decoded) return word(decoded);
  return { message: err.shortMessage || err.message };
}

interface Decoded {
  name: string;
  args: Record<string, unknown>;
}

/** A decoded error's arguments by input name (`arg<i>` for an unnamed input, as the tables' type has it). */
function named(name: string, inputs: readonly AbiParameter[], args: readonly unknown[] | undefined): Decoded {
  return { name, args: Object.fromEntries(inputs.map((input, i) => [input.name || `arg${i}`, args?.[i]])) };
}

function hasHexData(e: unknown): e is { data: Hex } {
  return typeof e === "object" && e !== null && "data" in e && typeof e.data === "string" && e.data.startsWith("0x");
}

function tryDecode(data: Hex): Decoded | undefined {
  try {
    const r = decodeErrorResult({ abi: ALL_ABIS, data });
    return named(r.errorName, r.abiItem.inputs, r.args);
  } catch {
    return undefined;
  }
}
