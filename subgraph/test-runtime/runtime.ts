// A small stand-in for graph-node (and Matchstick, whose binary cannot be downloaded here): loads a built
// subgraph (build/subgraph.yaml, the compiled mapping WASM, schema.graphql), and runs event handlers on
// triggers the way graph-node does: a fresh WASM instance per trigger (`_start` first, as graph-cli compiles
// with --explicitStart), the event built in WASM memory, entities kept in an in-memory store.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Interface, id as eventTopic, type Log } from "ethers";
import { AscMemory, type AscExports } from "./asc.ts";
import { EventSource, writeEvent, type EthEvent, type RpcProvider } from "./ethereum.ts";
import { hostFunctions, importsFor, MappingError, type LogEntry } from "./host.ts";
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
      abiName: field(/^\s*abi:\s*(.+)$/m),
      wasmFile: join(dir, field(/^\s*file:\s*(.+\.wasm)\s*$/m)),
      abis,
      eventHandlers,
    });
  }
  return { schemaFile, dataSources };
}

export interface RuntimeOptions {
  /** Path to the built manifest (default: subgraph/build/subgraph.yaml). */
  manifest?: string;
  /** Data source to run (default: the first). */
  dataSource?: string;
  /** Address the data source listens to (overrides the manifest's, e.g. a freshly deployed contract). */
  address?: string;
  /** Print every mapping log line. */
  verbose?: boolean;
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
  private readonly module: WebAssembly.Module;
  private readonly verbose: boolean;
  private lastBlock = -1n;
  private lastLogIndex = -1n;

  constructor(options: RuntimeOptions = {}) {
    const manifest = options.manifest ?? join(import.meta.dirname, "../build/subgraph.yaml");
    const { schemaFile, dataSources } = parseManifest(manifest);
    const ds = options.dataSource ? dataSources.find((d) => d.name === options.dataSource) : dataSources[0];
    if (!ds) throw new Error(`test runtime: no data source ${options.dataSource ?? ""} in ${manifest}`);
    this.dataSource = { ...ds, address: options.address ?? ds.address };
    this.abi = new Interface(JSON.parse(readFileSync(ds.abis.get(ds.abiName)!, "utf8")));
    this.module = new WebAssembly.Module(readFileSync(ds.wasmFile));
    this.store = new EntityStore(parseSchema(readFileSync(schemaFile, "utf8")));
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
    });
    const instance = new WebAssembly.Instance(this.module, importsFor(this.module, fns));
    const exports = instance.exports as unknown as AscExports;
    asc = new AscMemory(exports);
    exports._start?.();
    return { asc, exports };
  }

  /** Runs `handler` on an event (a fresh instance, like graph-node per trigger). */
  runHandler(handler: string, event: EthEvent): void {
    const { asc, exports } = this.instantiate();
    const fn = exports[handler];
    if (typeof fn !== "function") throw new Error(`test runtime: the mapping exports no handler ${handler}`);
    this.store.startBlock(event.block.number);
    const ptr = writeEvent(asc, event);
    (fn as (p: number) => void)(ptr);
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
  async processLogs(provider: RpcProvider, logs: readonly Log[]): Promise<HandledEvent[]> {
    const source = new EventSource(provider);
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
      this.runHandler(def.handler, decoded.event);
      const h = { name: decoded.name, handler: def.handler, blockNumber: b, logIndex: i };
      this.handled.push(h);
      done.push(h);
    }
    return done;
  }
}
