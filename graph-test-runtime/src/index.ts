// Test runtime for subgraph mappings: runs the compiled mapping WASM on real chain logs, without graph-node.
export {
  SubgraphRuntime,
  parseManifest,
  processLogsAcross,
  type RuntimeOptions,
  type HandledEvent,
  type DataSourceDef,
} from "./runtime.ts";
export {
  EntityStore,
  StoreError,
  parseSchema,
  plainEntity,
  type PlainEntity,
  type PlainValue,
  type StoreValue,
} from "./store.ts";
export { MappingError, PendingEthCall, type EthCallRequest, type LogEntry } from "./host.ts";
export { EventSource, encodeEthValue, ethValue, type EthEvent, type EthValue } from "./ethereum.ts";
export * from "./numbers.ts";
export {
  SubgraphGraphQL,
  buildApiSchema,
  collectionFieldName,
  entityFieldName,
  DEFAULT_MAX_FIRST,
  DEFAULT_MAX_SKIP,
  type BuiltApiSchema,
  type GraphQLOptions,
  type MetaBlock,
  type SubgraphMeta,
} from "./graphql.ts";
export { startLocalIndexer, MAX_LOG_CHUNK, type LocalIndexer, type LocalIndexerOptions } from "./indexer.ts";
