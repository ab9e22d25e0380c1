// A small stand-in for graph-node: loads a built subgraph and runs its event handlers on triggers as graph-node does
// (a fresh WASM instance per trigger, entities in an in-memory store, contract calls at the trigger's block).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Interface, id as eventTopic, type FunctionFragment, type Log } from "ethers";
import { AscMemory, type AscExports } from "./asc.ts";
import {
  abiValue,
  ethValue,
  EventSource,
  writeEvent,
  type EthEvent,
  type EthValue,
  type RpcProvider,
} from "./ethereum.ts";
import { hostFunctions, importsFor, MappingError, PendingEthCall, type EthCallRequest, type LogEntry } from "./host.ts";
import { EntityStore, parseSchema } from "./store.ts";

export interface EventHandlerDef {
  /** Signature as in the manifest, e.g. `Transfer(indexed address,indexed address,uint256)`. */
  event: string;
  handler: string;
  topic0: string;
}

export interface DataSourceDef {
  name: string;
  network: string;
  address: string;
  /** The first block the data source indexes (`source.startBlock`, 0 when absent). */
  startBlock: number;
  wasmFile: string;
  abis: Map<string, string>;
  abiName: string;
  eventHandlers: EventHandlerDef[];
}

/** Reads the parts of a built manifest (graph build's build/subgraph.yaml) the runtime needs. */
export function parseManifest(path: string): { schemaFile: string; dataSources: DataSourceDef[] } {
  const dir = dirname(path);
  // Unfold plain scalars that the YAML writer wrapped onto continuation lines.
  const lines: string[] = [];
  for (const raw of readFileSync(path, "utf8").split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").replace(/^\s*#.*$/, "");
    if (!line.trim()) continue;
    const t = line.trim();
    if (lines.length > 0 && !t.startsWith("- ") && !/^[\w.-]+:/.test(t)) lines[lines.length - 1] += " " + t;
    else lines.push(line);
  }
  const text = lines.join("\n") + "\n";
  const unquote = (s: string) => s.trim().replace(/^["']|["']$/g, "");
  const schemaFile = join(dir, unquote(/^schema:\s*\n\s+file:\s*(.+)$/m.exec(text)![1]));
  const dataSources: DataSourceDef[] = [];
  const dsText = /\ndataSources:\n([\s\S]*?)(?=\n\S|$)/.exec(text)?.[1] ?? "";
  for (const block of dsText.split(/^\s*- kind:.*$/m).slice(1)) {
    const field = (re: RegExp) => {
      const m = re.exec(block);
      return m ? unquote(m[1]) : "";
    };
    const abis = new Map<string, string>();
    const abisText =
      /\n\s+abis:\s*\n([\s\S]*?)(?=\n\s+(?:eventHandlers|callHandlers|blockHandlers):|$)/.exec(block)?.[1] ?? "";
    for (const m of abisText.matchAll(/- name:\s*(\S+)\s*\n\s+file:\s*(.+)/g))
      abis.set(unquote(m[1]), join(dir, unquote(m[2])));
    const eventHandlers: EventHandlerDef[] = [];
    for (const m of block.matchAll(/- event:\s*(.+)\n\s+handler:\s*(\w+)/g)) {
      const event = unquote(m[1]).replace(/\s+/g, " ");
      const canonical = event.replace(/\bindexed /g, "").replace(/\s+/g, "");
      eventHandlers.push({ event, handler: m[2], topic0: eventTopic(canonical) });
    }
    dataSources.push({
      name: field(/^\s*name:\s*(.+)$/m),
      network: field(/^\s*network:\s*(.+)$/m),
      address: field(/^\s*address:\s*(.+)$/m),
      startBlock: Number(field(/^\s*startBlock:\s*(.+)$/m) || "0"),
      abiName: field(/^\s*abi:\s*(.+)$/m),
      wasmFile: join(dir, field(/^\s*file:\s*(.+\.wasm)\s*$/m)),
      abis,
      eventHandlers,
    });
  }
  return { schemaFile, dataSources };
}

export interface RuntimeOptions {
  /** Path to the built manifest (graph build's `build/subgraph.yaml`). */
  manifest: string;
  /** Data source to run (default: the first). */
  dataSource?: string;
  /** Address the data source listens to (overrides the manifest's, e.g. a freshly deployed contract). */
  address?: string;
  /** Print every mapping log line. */
  verbose?: boolean;
  /**
   * The entity store, to share one between the runtimes of several data sources of the subgraph (graph-node has one
   * store per subgraph); see `processLogsAcross`. Default: a new store for this runtime.
   */
  store?: EntityStore;
}

export interface HandledEvent {
  name: string;
  handler: string;
  blockNumber: bigint;
  logIndex: bigint;
}

export class SubgraphRuntime {
  readonly store: EntityStore;
  readonly logs: LogEntry[] = [];
  readonly dataSource: DataSourceDef;
  readonly abi: Interface;
  readonly handled: HandledEvent[] = [];
  /** Every `ethereum.call` made (at most once per block, address and calldata), in order; `reverted` also
   * when the response was empty ("0x"), which graph-node treats as a revert. */
  readonly calls: { to: string; data: string; blockNumber: bigint; reverted: boolean }[] = [];
  private readonly module: WebAssembly.Module;
  private readonly verbose: boolean;
  private readonly interfaces = new Map<string, Interface>();
  /** `ethereum.call` results by block, address and calldata: return data, or null when the call reverted. */
  private readonly callResults = new Map<string, string | null>();
  private currentBlock = 0n;
  private lastBlock = -1n;
  private lastLogIndex = -1n;

  constructor(options: RuntimeOptions) {
    const manifest = options.manifest;
    const { schemaFile, dataSources } = parseManifest(manifest);
    const ds = options.dataSource ? dataSources.find((d) => d.name === options.dataSource) : dataSources[0];
    if (!ds) throw new Error(`test runtime: no data source ${options.dataSource ?? ""} in ${manifest}`);
    this.dataSource = { ...ds, address: options.address ?? ds.address };
    for (const [name, file] of ds.abis)
      this.interfaces.set(name, new Interface(JSON.parse(readFileSync(file, "utf8"))));
    this.abi = this.interfaces.get(ds.abiName)!;
    this.module = new WebAssembly.Module(readFileSync(ds.wasmFile));
    this.store = options.store ?? new EntityStore(parseSchema(readFileSync(schemaFile, "utf8")));
    this.verbose = options.verbose ?? false;
  }

  /** Names of the handlers the module exports. */
  exportedFunctions(): string[] {
    return WebAssembly.Module.exports(this.module)
      .filter((e) => e.kind === "function")
      .map((e) => e.name);
  }

  /** Host functions the module imports (what a host must provide). */
  importedFunctions(): string[] {
    return WebAssembly.Module.imports(this.module).map((i) => i.name);
  }

  /** Host functions the module imports that this runtime does not implement (should be empty). */
  missingHostFunctions(): string[] {
    const fns = hostFunctions({
      asc: () => {
        throw new Error("unused");
      },
      store: this.store,
      logs: [],
      verbose: false,
      dataSource: this.dataSource,
    });
    return this.importedFunctions().filter((name) => !(name in fns));
  }

  private instantiate(): { asc: AscMemory; exports: AscExports } {
    let asc: AscMemory | null = null;
    const fns = hostFunctions({
      asc: () => {
        if (!asc) throw new MappingError("host function called before the instance was ready");
        return asc;
      },
      store: this.store,
      logs: this.logs,
      verbose: this.verbose,
      dataSource: { address: this.dataSource.address, network: this.dataSource.network },
      ethCall: (request) => this.ethCall(request),
    });
    const instance = new WebAssembly.Instance(this.module, importsFor(this.module, fns));
    const exports = instance.exports as unknown as AscExports;
    asc = new AscMemory(exports);
    exports._start?.();
    return { asc, exports };
  }

  /** The ABI function an `ethereum.call` names (by name; by signature when the name is overloaded). */
  private callFunction(request: EthCallRequest): { iface: Interface; fragment: FunctionFragment } {
    const iface = this.interfaces.get(request.contractName);
    if (!iface) throw new MappingError(`ethereum.call: no ABI ${request.contractName} in the data source`);
    const candidates: FunctionFragment[] = [];
    iface.forEachFunction((f) => {
      if (f.name === request.functionName) candidates.push(f);
    });
    const inputs = request.functionSignature.split(":")[0];
    const fragment = candidates.length === 1 ? candidates[0] : candidates.find((f) => f.format("sighash") === inputs);
    if (!fragment) throw new MappingError(`ethereum.call: ${request.contractName} has no function ${inputs}`);
    return { iface, fragment };
  }

  /** Answers an `ethereum.call` from the cache, or throws `PendingEthCall` (see `processLogs`). */
  private ethCall(request: EthCallRequest): EthValue[] | null {
    const { iface, fragment } = this.callFunction(request);
    const data = iface.encodeFunctionData(fragment, request.params.map(abiValue));
    const to = request.address.toLowerCase();
    const key = `${this.currentBlock}:${to}:${data}`;
    if (!this.callResults.has(key)) throw new PendingEthCall({ to, data, blockNumber: this.currentBlock, key });
    // As graph-node: a revert, an empty response ("0x") and output that does not decode all count as reverts.
    const result = this.callResults.get(key)!;
    if (result === null || result === "0x") return null;
    let decoded;
    try {
      decoded = iface.decodeFunctionResult(fragment, result);
    } catch {
      return null;
    }
    return fragment.outputs.map((output, i) => ethValue(output, decoded[i]));
  }

  /**
   * Makes a pending call at its block; a revert is cached as null (graph-ts `try_…` gives `reverted`). Like
   * graph-node, an error whose message contains "revert" is a revert; any other error fails the trigger.
   */
  private async makeCall(provider: RpcProvider, call: PendingEthCall["call"]): Promise<void> {
    let result: string | null;
    try {
      result = (await provider.send("eth_call", [
        { to: call.to, data: call.data },
        "0x" + call.blockNumber.toString(16),
      ])) as string;
    } catch (e) {
      const message = String((e as Error).message ?? e);
      if (!/revert/i.test(message)) throw e; // not a revert (an RPC failure): graph-node would retry, fail here
      result = null;
    }
    this.callResults.set(call.key, result);
    const reverted = result === null || result === "0x";
    this.calls.push({ to: call.to, data: call.data, blockNumber: call.blockNumber, reverted });
  }

  /**
   * Runs `handler` on an event (a fresh instance, like graph-node per trigger). A contract call whose result is
   * not cached throws `PendingEthCall`; `processLogs` handles that, so prefer it when the mapping makes calls.
   */
  runHandler(handler: string, event: EthEvent): void {
    const { asc, exports } = this.instantiate();
    const fn = exports[handler];
    if (typeof fn !== "function") throw new Error(`test runtime: the mapping exports no handler ${handler}`);
    this.store.startBlock(event.block.number);
    this.currentBlock = event.block.number;
    const ptr = writeEvent(asc, event);
    (fn as (p: number) => void)(ptr);
  }

  /** Runs a trigger to completion: each contract call it needs is made, then the trigger runs again. */
  private async runTrigger(provider: RpcProvider, handler: string, event: EthEvent): Promise<void> {
    for (;;) {
      const logCount = this.logs.length;
      this.store.begin();
      try {
        this.runHandler(handler, event);
        this.store.commit();
        return;
      } catch (e) {
        this.store.rollback();
        if (!(e instanceof PendingEthCall)) throw e;
        this.logs.length = logCount;
        await this.makeCall(provider, e.call);
      }
    }
  }

  /** Handler for a log of the data source, by topic0, or null when the manifest has none. */
  handlerFor(log: Log): EventHandlerDef | null {
    if (log.address.toLowerCase() !== this.dataSource.address.toLowerCase()) return null;
    return this.dataSource.eventHandlers.find((h) => h.topic0 === log.topics[0]) ?? null;
  }

  /**
   * Feeds logs, which must be in chain order, to their handlers; logs of other contracts or without a handler
   * are skipped. Returns the events handled.
   */
  async processLogs(
    provider: RpcProvider,
    logs: readonly Log[],
    source: EventSource = new EventSource(provider),
  ): Promise<HandledEvent[]> {
    const done: HandledEvent[] = [];
    for (const log of logs) {
      const b = BigInt(log.blockNumber);
      const i = BigInt(log.index);
      if (b < this.lastBlock || (b === this.lastBlock && i <= this.lastLogIndex)) {
        throw new Error(`test runtime: logs out of order at block ${b}, log ${i}`);
      }
      this.lastBlock = b;
      this.lastLogIndex = i;
      const def = this.handlerFor(log);
      if (!def) continue;
      const decoded = await source.event(this.abi, log);
      if (!decoded) continue;
      await this.runTrigger(provider, def.handler, decoded.event);
      const h = { name: decoded.name, handler: def.handler, blockNumber: b, logIndex: i };
      this.handled.push(h);
      done.push(h);
    }
    return done;
  }
}

/**
 * Feeds logs of several data sources, in chain order, each to the runtime whose data source listens to the log's
 * address (as graph-node runs the triggers of a block across data sources in log order). The runtimes should share
 * one store (`RuntimeOptions.store`). Logs no runtime listens to are skipped. Returns the events handled.
 */
export async function processLogsAcross(
  provider: RpcProvider,
  runtimes: readonly SubgraphRuntime[],
  logs: readonly Log[],
): Promise<HandledEvent[]> {
  const source = new EventSource(provider);
  const done: HandledEvent[] = [];
  for (const log of logs) {
    const rt = runtimes.find((r) => r.dataSource.address.toLowerCase() === log.address.toLowerCase());
    if (rt) done.push(...(await rt.processLogs(provider, [log], source)));
  }
  return done;
}
