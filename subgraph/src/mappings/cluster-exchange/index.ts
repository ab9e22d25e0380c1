// Mapping of the ClusterExchange data source: every event of IClusterExchange (intents, matches, order steps), computed
// from events, no eth_call; the stored hashes (terms, order records) recomputed with ethereum.encode as the contract.
export { handleIntentPosted, handleIntentUpdated, handleIntentWithdrawn } from "./intents";
export {
  handleOrderMatched,
  handleOrderAccepted,
  handleOrderInProduction,
  handleOrderShipped,
  handleOrderDelivered,
  handleOrderCancelled,
  handleOrderDisputed,
  handleProductionReportSkipped,
} from "./orders";
