// The credit chain reader: the network's events from its deployment block, read in chunks and folded once
// (./fold.ts, by the event reader it is given); each call reads only the blocks since the last one and derives its view from the folded state.
// Calls made together share one request for the latest block, and calls at the same block one sync.
// View calls: name, symbol and decimals, once per reader (MAX_HOPS and STEWARD_ROLE are SDK constants).
import { contractConstants, creditNetworkAbi } from "@cosmolocal/sdk";
import type { Address, PublicClient } from "viem";
import type { IncrementalLogReader } from "../../shared/data/logs.ts";
import {
  clearingOf,
  epochsOf,
  graphOf,
  membersOf,
  myCreditOf,
  paymentsOf,
  summaryOf,
  type CreditState,
} from "./fold.ts";
import { pageOf } from "../../shared/data/pages.ts";
import { MEMBERS_PAGE, type CreditReader } from "./types.ts";

const { MAX_HOPS, STEWARD_ROLE } = contractConstants.CreditNetwork.constants;

/**
 * The chain reader of the network at `address`; `reader` folds its events with `creditFold` from its deployment
 * block (./index.ts makes it with the target chain's chunk size and re-org window) and keeps the state.
 */
export function createCreditChainReader(
  client: PublicClient,
  address: Address,
  reader: Pick<IncrementalLogReader<typeof creditNetworkAbi, CreditState>, "latest">,
): CreditReader {
  let constants: Promise<[string, string, number]> | undefined;
  // The reads a new block sets off at once share one refresh (IncrementalLogReader.latest).
  const sync = () => reader.latest();

  return {
    source: "chain",
    async info() {
      constants ??= Promise.all([
        client.readContract({ address, abi: creditNetworkAbi, functionName: "name" }),
        client.readContract({ address, abi: creditNetworkAbi, functionName: "symbol" }),
        client.readContract({ address, abi: creditNetworkAbi, functionName: "decimals" }),
      ]).catch((err: unknown) => {
        constants = undefined;
        throw err;
      });
      const [[name, symbol, decimals], { state, block }] = await Promise.all([constants, sync()]);
      return {
        address,
        name,
        symbol,
        decimals,
        maxHops: MAX_HOPS,
        stewardRole: STEWARD_ROLE,
        ...summaryOf(state),
        block,
      };
    },
    async mine(account) {
      return myCreditOf((await sync()).state, account);
    },
    async members() {
      return membersOf((await sync()).state);
    },
    async memberPage(after) {
      return pageOf(
        membersOf((await sync()).state),
        MEMBERS_PAGE,
        after,
        (m) => m.account.toLowerCase(),
        (m, cursor) => m.account.toLowerCase() > cursor,
      );
    },
    async graph() {
      return graphOf((await sync()).state, MAX_HOPS);
    },
    async clearing() {
      return clearingOf((await sync()).state);
    },
    async epochs(first) {
      return epochsOf((await sync()).state, first);
    },
    async payments(query) {
      return paymentsOf((await sync()).state, query);
    },
  };
}
