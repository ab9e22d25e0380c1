// The credit chain reader over a stand-in RPC serving real, ABI-encoded CreditNetwork logs: it reads from the
// deployment block, in chunks, then only the new blocks; its views come from the folded events; the only view calls
// are name, symbol and decimals, once.
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { getAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { IncrementalLogReader } from "../../shared/data/logs";
import { encodeLog, fakeChain, hash32 } from "../../shared/data/testing";
import { createCreditChainReader } from "./chain";
import { creditFold } from "./fold";
import { MEMBERS_PAGE } from "./types";

const NETWORK = getAddress("0x0000000000000000000000000000000000000c00");
const A = getAddress("0x00000000000000000000000000000000000000a1");
const B = getAddress("0x00000000000000000000000000000000000000b2");
const C = getAddress("0x00000000000000000000000000000000000000c3");
const MEMO = `0x${"00".repeat(32)}` as const;

let logIndex = 0;
/** A CreditNetwork log of `eventName` with `args`, ABI-encoded as a node returns it. */
const log = (eventName: string, args: Record<string, unknown>, block: bigint, tx: number) =>
  encodeLog(creditNetworkAbi, eventName, args, {
    address: NETWORK,
    block,
    logIndex: logIndex++,
    transactionHash: hash32(tx),
  });

/** A node at `head` serving its logs and the network's name, symbol and decimals; counts every request by method. */
const node = (head: bigint) => fakeChain({ head, views: { name: "Commons Credit", symbol: "CMC", decimals: 18 } });

const admit = (member: Address, block: bigint, tx: number) => log("MemberAdmitted", { member, steward: A }, block, tx);

describe("credit chain reader", () => {
  it("folds from the deployment block in chunks, then reads only new blocks; no view call per item", async () => {
    const deployed = 10_000n;
    const { chain: state, client } = node(deployed + 5_000n);
    state.logs.push(
      admit(A, deployed, 1),
      admit(B, deployed + 1n, 2),
      admit(C, deployed + 1n, 3),
      log("CreditLineUpdated", { giver: B, receiver: A, limit: 500n }, deployed + 2n, 4),
      log("CreditLineUpdated", { giver: C, receiver: B, limit: 500n }, deployed + 2n, 5),
      log("BalanceUpdated", { payer: A, payee: B, balance: -100n }, deployed + 3_000n, 6),
      log("Paid", { from: A, to: B, amount: 100n, hops: 1n, memo: MEMO }, deployed + 3_000n, 6),
      log(
        "ObligationRecorded",
        { id: 1n, debtor: A, creditor: C, amount: 70n, dueDate: 2_000_000_000n, ref: MEMO, proposer: C },
        deployed + 4_000n,
        7,
      ),
      log("ObligationAccepted", { id: 1n, by: A }, deployed + 4_000n, 8),
    );
    const events = new IncrementalLogReader({
      client,
      abi: creditNetworkAbi,
      addresses: [NETWORK],
      fromBlock: deployed,
      fold: creditFold,
      maxRange: 2_000n,
      reorgDepth: 12n, // as on a public chain: every sync reads the last 12 blocks again
    });
    const reader = createCreditChainReader(client, NETWORK, events);

    const [info, mine] = await Promise.all([reader.info(), reader.mine(A)]);
    const getLogs = state.calls.filter((c) => c === "eth_getLogs").length;
    expect(state.calls.filter((c) => c === "eth_getBlockByNumber")).toHaveLength(1);
    // 5,001 blocks in ranges of at most 2,000.
    expect(getLogs).toBe(3);
    expect(state.calls.filter((c) => c.startsWith("eth_call"))).toEqual([
      "eth_call name",
      "eth_call symbol",
      "eth_call decimals",
    ]);
    expect(state.calls.length).toBe(7);
    expect(info).toMatchObject({
      name: "Commons Credit",
      symbol: "CMC",
      decimals: 18,
      maxHops: 32,
      activeMembers: 3,
      openLines: 2,
      creditLimit: 1_000n,
      creditInUse: 100n,
      outstanding: 70n,
      nid: 70n,
      openObligations: 1,
      block: deployed + 5_000n,
    });
    expect(mine.member).toMatchObject({ creditPosition: -100n, netPosition: -70n });
    expect(mine.lines).toEqual([{ giver: B, receiver: A, limit: 500n, offer: 0n, used: 100n }]);
    expect(mine.obligations.map((o) => [o.id, o.status, o.remaining])).toEqual([[1n, "Open", 70n]]);

    // One new block with a payment along A -> B -> C: a refresh of the screen reads that block only.
    state.head += 1n;
    state.logs.push(
      log("BalanceUpdated", { payer: A, payee: B, balance: -130n }, state.head, 9),
      log("BalanceUpdated", { payer: B, payee: C, balance: -30n }, state.head, 9),
      log("Paid", { from: A, to: C, amount: 30n, hops: 2n, memo: MEMO }, state.head, 9),
    );
    state.calls = [];
    const [again, page] = await Promise.all([reader.info(), reader.payments({ account: A, first: 10 })]);
    expect(state.calls.sort()).toEqual(["eth_getBlockByNumber", "eth_getLogs"]);
    expect(again.creditInUse).toBe(160n);
    expect(page.items.map((p) => [p.amount, p.route])).toEqual([
      [30n, [A, B, C]],
      [100n, [A, B]],
    ]);
    const graph = await reader.graph();
    expect(graph.claims.get(`${C}|${B}`.toLowerCase())).toBe(30n);
  });

  it("pages the members by address: each page after the last address shown, none after the last page", async () => {
    const { chain: state, client } = node(100n);
    // Admitted in the opposite order of their addresses: the pages follow the addresses.
    const members = Array.from({ length: MEMBERS_PAGE + 2 }, (_, i) =>
      getAddress(`0x${(0x1000 + i).toString(16).padStart(40, "0")}`),
    );
    members.forEach((m, i) => state.logs.push(admit(m, 100n - BigInt(i), i + 1)));
    const events = new IncrementalLogReader({
      client,
      abi: creditNetworkAbi,
      addresses: [NETWORK],
      fromBlock: 1n,
      fold: creditFold,
      maxRange: 2_000n,
      reorgDepth: 12n,
    });
    const reader = createCreditChainReader(client, NETWORK, events);
    const first = await reader.memberPage();
    expect(first.items.map((m) => m.account)).toEqual(members.slice(0, MEMBERS_PAGE));
    expect(first.next).toBe(members[MEMBERS_PAGE - 1].toLowerCase());
    const last = await reader.memberPage(first.next);
    expect(last.items.map((m) => m.account)).toEqual(members.slice(MEMBERS_PAGE));
    expect(last.next).toBeUndefined();
  });
});
