// Turns anything a wallet, the node or a contract throws into one plain sentence: walks viem's error chain and words
// a contract's custom error with the module wording passed in, else with the table registered for the reverting address.
import {
  contributionLedgerAbi,
  councilSeatAbi,
  councilTimelockAbi,
  creditNetworkAbi,
  clusterExchangeAbi,
  commonfareAbi,
  designCommonsAbi,
  impactMarketAbi,
  impactRegistryAbi,
  membersPaymasterAbi,
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
  type Abi,
  type AbiParameter,
  type Hex,
} from "viem";
import { contributionErrors } from "../contribution/errors";
import { councilErrors } from "../council/errors";
import { creditErrors } from "../credit/errors";
import { designsContext, designsErrors } from "../designs/errors";
import { impactErrors } from "../impact/errors";
import { resourceErrors } from "../resource/errors";
import { sponsorshipErrors } from "../sponsorship/errors";
import { paymasterAddress } from "../sponsorship/contracts";
import { demoTokenAddress } from "./config";
import { certificatesAddress, impactMarketAddress, impactRegistryAddress } from "../impact/contracts";
import { councilAddress, seatAddress, timelockAddress } from "../council/contracts";
import { creditAddress } from "../credit/contracts";
import { designsAddress } from "../designs/contracts";
import { clusterAddress } from "../cluster/contracts";
import { clusterContext, clusterErrors } from "../cluster/errors";
import { commonfareAddress } from "../commonfare/contracts";
import { commonfareContext, commonfareErrors } from "../commonfare/errors";
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

/** Every deployed contract's ABI, for decoding raw revert data (typed as a plain Abi: the union is too large to infer). */
const ALL_ABIS: Abi = (
  [
    contributionLedgerAbi,
    mockERC20Abi,
    creditNetworkAbi,
    resourceRegistryAbi,
    thresholdsCouncilAbi,
    councilSeatAbi,
    councilTimelockAbi,
    impactRegistryAbi,
    impactMarketAbi,
    retirementCertificatesAbi,
    membersPaymasterAbi,
    designCommonsAbi,
    clusterExchangeAbi,
    commonfareAbi,
  ] satisfies readonly Abi[]
).flat();

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
  const designs = wordWith(designsErrors, designsContext());
  // A proposal's execution bubbles up the governed contract's error, so the council also words the registries' and
  // the design commons'.
  const council = [wordWith(councilErrors, PLAIN), resource, impact, designs];
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
    [paymasterAddress, [wordWith(sponsorshipErrors, PLAIN)]],
    [designsAddress, [designs]],
    [clusterAddress, [wordWith(clusterErrors, clusterContext())]],
    [commonfareAddress, [wordWith(commonfareErrors, commonfareContext())]],
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
  // A bundler's refusal of a sponsored operation: the paymaster's (AA3x) or the account's (AA2x) revert data is in
  // the bundler's message ("AA33 reverted 0x…"); the paymaster's errors are worded by its table.
  const fromBundler = bundlerRevert(err);
  if (fromBundler) {
    const wording = registry().find(([a]) => sameAddress(a, paymasterAddress))?.[1] ?? [];
    for (const w of [...wordings, ...wording]) {
      const message = w(fromBundler.name, fromBundler.args);
      if (message !== undefined) return { name: fromBundler.name, message };
    }
    return word(fromBundler);
  }
  const code = bundlerCode(err);
  if (code) return { name: code, message: BUNDLER_WORDS[code] ?? `The bundler refused the operation (${code}).` };
  return { message: err.shortMessage || err.message };
}

/** The ERC-4337 EntryPoint's refusal codes a person can act on, in plain words. */
const BUNDLER_WORDS: Record<string, string> = {
  AA21: "The account cannot pay for this operation and no paymaster pays for it.",
  AA22: "The operation's time window has passed or not begun. Try again.",
  AA23: "Your account refused the operation (its signature check reverted).",
  AA24: "The operation's signature does not match your account.",
  AA25: "The operation's nonce is out of order: another operation of yours is pending. Try again in a moment.",
  AA31: "The co-op's paymaster has run out of deposit: a coordinator has to top it up.",
  AA32: "The co-op's paymaster's time window has passed or not begun. Try again.",
  AA33: "The co-op's paymaster refused to pay for this operation.",
  AA34: "The co-op's paymaster refused the operation's signature.",
};

/** The error a bundler's message carries as revert data ("AA33 reverted 0x…"), decoded. */
function bundlerRevert(err: BaseError): Decoded | undefined {
  let found: Decoded | undefined;
  err.walk((e) => {
    const text = e instanceof BaseError ? `${e.details ?? ""} ${e.shortMessage}` : e instanceof Error ? e.message : "";
    for (const m of text.matchAll(/AA[0-9]{2} reverted:? (0x[0-9a-fA-F]{8,})/g)) {
      found ??= tryDecode(m[1] as Hex);
    }
    return !!found;
  });
  return found;
}

/** The EntryPoint's refusal code (AA21, AA33, …) in a bundler's message, if any. */
function bundlerCode(err: BaseError): string | undefined {
  let code: string | undefined;
  err.walk((e) => {
    const text = e instanceof BaseError ? `${e.details ?? ""} ${e.shortMessage}` : e instanceof Error ? e.message : "";
    code ??= /\b(AA[0-9]{2})\b/.exec(text)?.[1];
    return !!code;
  });
  return code;
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
    return named(r.errorName, "inputs" in r.abiItem ? r.abiItem.inputs : [], r.args);
  } catch {
    return undefined;
  }
}
