// Mapping tests of the mutual-credit module: a story emitting every event of CreditNetwork, fed to the compiled
// mapping and compared field by field with the contract's views.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { creditDomain, obligationTypesMutable } from "../../sdk/src/eip712.ts";
import {
  decimalDividedBy,
  decimalFromString,
  decimalToString,
  type PlainEntity,
  type SubgraphRuntime,
} from "@cosmolocal/graph-test-runtime";
import { assertAbiCovered, assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import { chainLogs, connect, lower, parsedEvents, send, subgraphRuntime, type Log } from "./setup.ts";
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { parseEventLogs, type Hex, type Log as ViemLog } from "viem";
import { claimIn, creditFold, membersOf, summaryOf } from "../../web/src/credit/data/fold.ts";

const DATA_SOURCE = "CreditNetwork";
const MEMBER_STATUS = ["None", "Active", "Suspended"];
const OBLIGATION_STATUS = ["None", "Proposed", "Open", "Settled", "Cancelled"];
/** Events of the ABI the contract never emits: no _setRoleAdmin call, and the EIP-712 domain is fixed. */
const NEVER_EMITTED = ["RoleAdminChanged", "EIP712DomainChanged"];
/** Entity type(s) each event creates or updates. */
const EVENT_ENTITIES: Record<string, string[]> = {
  RoleGranted: ["CreditNetwork", "CreditRoleChange"],
  RoleRevoked: ["CreditRoleChange"],
  MemberAdmitted: ["CreditMember", "CreditMemberChange"],
  MemberSuspended: ["CreditMemberChange"],
  MemberReinstated: ["CreditMemberChange"],
  ClearingConsentSet: ["CreditMemberChange"],
  CreditLineOffered: ["CreditLine", "CreditPair", "CreditLineChange"],
  CreditOfferCancelled: ["CreditLineChange"],
  CreditLineUpdated: ["CreditLineChange"],
  CreditLineClosed: ["CreditLineChange"],
  BalanceUpdated: ["CreditBalanceChange"],
  Paid: ["Payment"],
  ObligationRecorded: ["Obligation"],
  ObligationAccepted: ["Obligation"],
  ObligationCancelRequested: ["Obligation"],
  ObligationCancelled: ["Obligation"],
  ObligationPaid: ["ObligationPayment"],
  ObligationCleared: ["SetOffEntry"],
  ClearingCompleted: ["ClearingEpoch"],
  NonceCancelled: ["ObligationNonceCancellation"],
  ObligationOperatorSet: ["ObligationOperator"],
};
const DUE = 1_900_000_000n;

const u = (n: number | bigint) => BigInt(n) * 10n ** 18n; // the Ignition module's default: 18 decimals
const max0 = (x: bigint) => (x > 0n ? x : 0n);
const abs = (x: bigint) => (x < 0n ? -x : x);
const lineId = (giver: string, receiver: string) => `${lower(giver)}-${lower(receiver)}`;
const pairId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? lineId(a, b) : lineId(b, a));

const conn = await connect();
const { ethers, networkHelpers } = conn;
type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
const getNetwork = (address: string) => ethers.getContractAt("CreditNetwork", address);

describe("subgraph · credit mapping on real CreditNetwork events", () => {
  let credit: Awaited<ReturnType<typeof getNetwork>>;
  let creditAddress: string;
  let walletAddress: string;
  let signers: Signer[];
  let members: Signer[];
  let rt: SubgraphRuntime;
  let logs: Log[];
  let clear2Block: number;
  /** Members' combined positions before and after the block of clearing epoch 2, and the members then. */
  const aroundClear2 = {
    before: new Map<string, bigint>(),
    after: new Map<string, bigint>(),
    members: [] as PlainEntity[],
  };

  before(async () => {
    // The network alone, with the deployer as its admin (in the deployment the council's timelock is): this story
    // appoints and removes a steward directly.
    const [deployer] = await ethers.getSigners();
    const deployed = await ethers.deployContract("CreditNetwork", [
      "Commons Credit",
      "CMC",
      18,
      deployer.address,
      [deployer.address],
    ]);
    creditAddress = await deployed.getAddress();
    // A contract without name() / symbol() / decimals(), for the reverted-call test.
    walletAddress = await (await ethers.deployContract("MockERC1271Wallet", [deployer.address])).getAddress();
    credit = await getNetwork(creditAddress);
    signers = await ethers.getSigners();
    const [ada, bea, cyrus, dara, eli, fay, gus] = signers;
    members = [ada, bea, cyrus, dara, eli];
    const { chainId } = await ethers.provider.getNetwork();
    const domain = creditDomain(chainId, creditAddress as `0x${string}`);
    const memo = (text: string) => ethers.encodeBytes32String(text);
    const ref = (text: string) => ethers.id(text);
    const steward = await credit.STEWARD_ROLE();

    // Stewards: ada (admin and steward from the deployment) appoints fay, who admits eli, then is removed.
    await send(credit.connect(ada).grantRole(steward, fay.address));
    for (const m of [ada, bea, cyrus, dara]) await send(credit.connect(ada).admitMember(m.address));
    await send(credit.connect(fay).admitMember(eli.address));
    await send(credit.connect(ada).revokeRole(steward, fay.address));

    // Clearing consents: everyone clears, ada also lends her lines as liquidity; bea changes her mind once.
    await send(credit.connect(ada).setClearingConsent(true, true));
    await send(credit.connect(bea).setClearingConsent(true, true));
    await send(credit.connect(bea).setClearingConsent(true, false));
    for (const m of [cyrus, dara, eli]) await send(credit.connect(m).setClearingConsent(true, false));

    // Credit lines: offered and accepted, declined, withdrawn, raised-then-cut, closed, left pending.
    const open = async (giver: Signer, receiver: Signer, limit: bigint) => {
      await send(credit.connect(giver).offerCreditLine(receiver.address, limit));
      await send(credit.connect(receiver).acceptCreditLine(giver.address, limit));
    };
    await open(ada, bea, u(1000));
    await open(bea, cyrus, u(500));
    await open(cyrus, ada, u(800));
    await send(credit.connect(ada).offerCreditLine(cyrus.address, u(300)));
    await send(credit.connect(cyrus).cancelCreditOffer(ada.address, cyrus.address)); // declined
    await send(credit.connect(dara).offerCreditLine(eli.address, u(200)));
    await send(credit.connect(dara).cancelCreditOffer(dara.address, eli.address)); // withdrawn
    await send(credit.connect(ada).offerCreditLine(bea.address, u(2000))); // a raise, pending
    await send(credit.connect(ada).offerCreditLine(bea.address, u(700))); // a cut: at once, drops the raise
    await open(eli, dara, u(100));
    await open(ada, dara, u(500));
    await send(credit.connect(ada).offerCreditLine(eli.address, u(50))); // left pending

    // Payments: direct, along a path, and a suspended member's debt paid down.
    await send(credit.connect(bea).pay(ada.address, u(300), memo("bread")));
    await send(credit.connect(cyrus).payAlong([bea.address, ada.address], u(200), memo("repairs")));
    await send(credit.connect(ada).pay(cyrus.address, u(100), memo("tools")));
    await send(credit.connect(dara).pay(eli.address, u(50), memo("seeds")));
    await send(credit.connect(ada).suspendMember(dara.address));
    await send(credit.connect(eli).pay(dara.address, u(50), memo("settle"))); // settles dara's debt to eli
    await send(credit.connect(ada).reinstateMember(dara.address));
    await send(credit.connect(eli).closeCreditLine(eli.address, dara.address));
    // never offered: nothing to close, the contract refuses (no event, no entity)
    await assert.rejects(credit.connect(gus).closeCreditLine(gus.address, ada.address), /NoCreditLine/);

    // Obligations: two-step both ways and signed (EIP-712), then a cycle bea -> cyrus -> ada -> bea.
    const sign = async (signer: Signer, terms: { debtor: string; creditor: string; amount: bigint; ref: string }) => {
      const counterparty = signer.address === terms.debtor ? terms.creditor : terms.debtor;
      const message = {
        ...terms,
        dueDate: DUE,
        nonce: await credit.signatureNonce(signer.address, counterparty),
        deadline: BigInt((await networkHelpers.time.latest()) + 3600),
      };
      return { message, signature: await signer.signTypedData(domain, obligationTypesMutable, message) };
    };
    await send(credit.connect(bea).recordObligation(bea.address, cyrus.address, u(400), DUE, ref("INV-1")));
    await send(credit.connect(cyrus).acceptObligation(1));
    await send(credit.connect(ada).recordObligation(cyrus.address, ada.address, u(300), DUE + 1n, ref("INV-2")));
    await send(credit.connect(cyrus).acceptObligation(2));
    const o3 = await sign(ada, { debtor: ada.address, creditor: bea.address, amount: u(350), ref: ref("INV-3") });
    await send(credit.connect(bea).recordSignedObligation(o3.message, o3.signature)); // signed by the debtor
    // ada signs terms for cyrus, who holds them back; ada cancels them (finding 9), and gus (no member) cancels one
    const withheld = await sign(ada, { debtor: cyrus.address, creditor: ada.address, amount: u(5), ref: ref("INV-X") });
    await send(credit.connect(ada).cancelNonce(cyrus.address, withheld.message.nonce));
    await assert.rejects(credit.connect(cyrus).recordSignedObligation(withheld.message, withheld.signature));
    await send(credit.connect(gus).cancelNonce(ada.address, await credit.signatureNonce(gus.address, ada.address)));

    // Clearing epoch 1 (by a non-member operator): the cycle, 300 each, no credit moves.
    await send(
      credit.connect(gus).clear(
        ethers.id("solution-1"),
        [
          { obligationId: 1, amount: u(300) },
          { obligationId: 2, amount: u(300) },
          { obligationId: 3, amount: u(300) },
        ],
        [],
      ),
    );

    // The rest of obligation 1 paid on the credit network: directly, then along a path.
    await send(credit.connect(bea).payObligation(1, u(60), [cyrus.address]));
    await send(credit.connect(bea).payObligation(1, u(40), [ada.address, cyrus.address]));

    // Cancelled by both parties; a proposal declined.
    await send(credit.connect(dara).recordObligation(dara.address, eli.address, u(100), DUE, ref("INV-4")));
    await send(credit.connect(eli).acceptObligation(4));
    await send(credit.connect(dara).cancelObligation(4));
    await send(credit.connect(eli).cancelObligation(4));
    await send(credit.connect(eli).recordObligation(dara.address, eli.address, u(70), DUE, ref("INV-5")));
    await send(credit.connect(dara).cancelObligation(5));

    // dara -> eli -> ada, closed by a credit move dara -> ada on the line ada gives dara (ada lends liquidity).
    await send(credit.connect(eli).recordObligation(dara.address, eli.address, u(120), DUE, ref("INV-6")));
    await send(credit.connect(dara).acceptObligation(6));
    const o7 = await sign(ada, { debtor: eli.address, creditor: ada.address, amount: u(120), ref: ref("INV-7") });
    await send(credit.connect(eli).recordSignedObligation(o7.message, o7.signature)); // signed by the creditor
    const receipt = (await (
      await credit.connect(ada).clear(
        ethers.ZeroHash,
        [
          { obligationId: 6, amount: u(120) },
          { obligationId: 7, amount: u(120) },
        ],
        [{ payer: dara.address, payee: ada.address, amount: u(120) }],
      )
    ).wait())!;
    clear2Block = receipt.blockNumber;

    // Left open with one cancel request; left proposed; eli suspended at the end.
    await send(credit.connect(dara).recordObligation(cyrus.address, dara.address, u(90), DUE, ref("INV-8")));
    await send(credit.connect(cyrus).acceptObligation(8));
    await send(credit.connect(cyrus).cancelObligation(8));
    await send(credit.connect(bea).recordObligation(ada.address, bea.address, u(25), DUE, ref("INV-9")));
    // Bea and Cyrus approve Gus as their obligation operator (as traders approve the cluster exchange); Gus records
    // that Cyrus owes Bea 40 for an agreement made then, open at once; Cyrus then withdraws the approval, so an
    // agreement made after that cannot be recorded.
    await send(credit.connect(bea).setObligationOperator(gus.address, true));
    await send(credit.connect(cyrus).setObligationOperator(gus.address, true));
    const agreedAt = (await ethers.provider.getBlock("latest"))!.timestamp;
    await send(
      credit.connect(gus).recordObligationAsOperator(cyrus.address, bea.address, u(40), DUE, ref("ORDER-1"), agreedAt),
    );
    await send(credit.connect(cyrus).setObligationOperator(gus.address, false));
    // An agreement made the second after the withdrawal (the withdrawal's own second still counts).
    const later = (await ethers.provider.getBlock("latest"))!.timestamp + 1;
    await assert.rejects(
      credit.connect(gus).recordObligationAsOperator(cyrus.address, bea.address, u(1), DUE, ref("ORDER-2"), later),
    );
    await send(credit.connect(ada).suspendMember(eli.address));

    // Index every log of the network in chain order, in three runs around clearing epoch 2 to look at it.
    logs = await chainLogs(ethers.provider, [creditAddress]);
    rt = subgraphRuntime(DATA_SOURCE, creditAddress);
    const combined = () =>
      new Map(rt.store.all("CreditMember").map((m) => [m.id as string, m.combinedPosition as bigint]));
    await rt.processLogs(
      ethers.provider,
      logs.filter((l) => l.blockNumber < clear2Block),
    );
    aroundClear2.before = combined();
    await rt.processLogs(
      ethers.provider,
      logs.filter((l) => l.blockNumber === clear2Block),
    );
    aroundClear2.after = combined();
    aroundClear2.members = rt.store.all("CreditMember");
    await rt.processLogs(
      ethers.provider,
      logs.filter((l) => l.blockNumber > clear2Block),
    );
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);
  const parsed = (name: string) => parsedEvents(logs, name, { [creditAddress]: credit.interface });

  it("every event of the ABI has a handler in the manifest, exported by the WASM", () => {
    assertAbiCovered(rt, "CreditNetwork", NEVER_EMITTED);
  });

  it("handles every log of the network, every event type the contract emits, without errors", () => {
    assert.equal(rt.handled.length, logs.length, "every network log had a handler");
    const names = new Set(rt.handled.map((h) => h.name));
    assert.deepEqual([...names].sort(), Object.keys(EVENT_ENTITIES).sort());
    assertEntitiesAndNoErrors(rt, EVENT_ENTITIES);
  });

  it("the network: name, symbol, decimals by eth_call; roles; totals equal the contract's views", async () => {
    const [ada, , , , , fay] = signers;
    const n = entity("CreditNetwork", creditAddress);
    assert.deepEqual(
      [n.address, n.name, n.symbol, n.decimals],
      [lower(creditAddress), await credit.name(), await credit.symbol(), Number(await credit.decimals())],
    );
    assert.deepEqual([n.name, n.symbol, n.decimals], ["Commons Credit", "CMC", 18]);
    // Three calls, once each, at the deployment block (the first event: the constructor's RoleGranted).
    assert.equal(rt.calls.length, 3);
    assert.ok(rt.calls.every((c) => c.blockNumber === BigInt(logs[0].blockNumber) && !c.reverted));
    assert.equal(n.createdAtBlock, BigInt(logs[0].blockNumber));

    assert.deepEqual(n.admins, [lower(ada.address)]);
    assert.deepEqual(n.stewards, [lower(ada.address)]);
    assert.equal(await credit.hasRole(await credit.STEWARD_ROLE(), fay.address), false);
    const roles = rt.store.all("CreditRoleChange").map((r) => [r.roleName, r.account, r.granted, r.sender]);
    assert.deepEqual(roles, [
      ["DEFAULT_ADMIN", lower(ada.address), true, lower(ada.address)],
      ["STEWARD", lower(ada.address), true, lower(ada.address)],
      ["STEWARD", lower(fay.address), true, lower(ada.address)],
      ["STEWARD", lower(fay.address), false, lower(ada.address)],
    ]);

    assert.equal(n.outstanding, await credit.outstanding());
    assert.equal(n.netInternalDebt, await credit.netInternalDebt());
    assert.equal(n.obligationCount, Number(await credit.obligationCount()));
    assert.equal(n.epochCount, Number(await credit.epochCount()));
    let open = 0;
    for (let id = 1n; id <= (await credit.obligationCount()); id++)
      if (Number((await credit.obligation(id)).status) === 2) open++; // ObligationStatus.Open
    assert.equal(n.openObligationCount, open);
    assert.ok(open > 0 && open < 10, "some obligations are open, some settled or cancelled");
    // 140 left after the story's clearing and payments, plus the 40 Gus recorded as Bea's and Cyrus's operator.
    assert.deepEqual([n.outstanding, n.netInternalDebt, n.obligationCount, n.epochCount], [u(180), u(180), 10, 2]);

    let active = 0;
    let suspended = 0;
    let totalLimit = 0n;
    let openLines = 0;
    let inUse = 0n;
    for (const a of signers) {
      const status = Number((await credit.member(a.address)).status);
      if (status === 1) active++;
      if (status === 2) suspended++;
      for (const b of signers) {
        if (a === b) continue;
        const limit = await credit.creditLimit(a.address, b.address);
        totalLimit += limit;
        if (limit > 0n) openLines++;
        if (BigInt(a.address) < BigInt(b.address)) inUse += abs(await credit.balance(a.address, b.address));
      }
    }
    assert.deepEqual([n.memberCount, n.activeMemberCount, n.suspendedMemberCount], [5, active, suspended]);
    assert.deepEqual([active, suspended], [4, 1]);
    assert.equal(n.totalCreditLimit, totalLimit);
    assert.equal(n.openLineCount, openLines);
    assert.equal(n.lineCount, rt.store.count("CreditLine"));
    assert.equal(n.pairCount, rt.store.count("CreditPair"));
    assert.equal(n.creditInUse, inUse);

    const paid = parsed("Paid");
    assert.equal(n.paymentCount, paid.length);
    assert.equal(
      n.paymentVolume,
      paid.reduce((s, p) => s + (p.args.amount as bigint), 0n),
    );
    assert.equal(n.obligationsPaidTotal, u(100));
    assert.equal(n.obligationsCancelledTotal, u(100)); // obligation 4; the declined proposal 5 never opened
    assert.equal(n.clearedTotal, u(900 + 240));
    assert.equal(n.movedToCreditTotal, u(120));
  });

  it("members: status, consents, positions and limit totals equal member / netPosition / balance / creditLimit", async () => {
    const [, , , , , fay, gus] = signers;
    // Remaining amounts of open obligations from the contract, per member.
    const payable = new Map<string, bigint>();
    const receivable = new Map<string, bigint>();
    for (let id = 1n; id <= (await credit.obligationCount()); id++) {
      const o = await credit.obligation(id);
      if (Number(o.status) !== 2) continue;
      payable.set(lower(o.debtor), (payable.get(lower(o.debtor)) ?? 0n) + o.remaining);
      receivable.set(lower(o.creditor), (receivable.get(lower(o.creditor)) ?? 0n) + o.remaining);
    }
    const paid = parsed("Paid");
    let sumCredit = 0n;
    let positiveNet = 0n;
    for (const s of signers) {
      const m = await credit.member(s.address);
      const e = rt.store.entity("CreditMember", lower(s.address));
      if (!e) {
        assert.equal(Number(m.status), 0, `${s.address} is not a member`);
        continue;
      }
      assert.equal(e.account, lower(s.address));
      assert.equal(e.status, MEMBER_STATUS[Number(m.status)]);
      assert.equal(e.clearingConsent, m.clearing);
      assert.equal(e.liquidityConsent, m.liquidity);
      assert.equal(e.netPosition, await credit.netPosition(s.address));
      assert.equal(e.obligationsPayable, payable.get(lower(s.address)) ?? 0n);
      assert.equal(e.obligationsReceivable, receivable.get(lower(s.address)) ?? 0n);
      let claims = 0n;
      let given = 0n;
      let received = 0n;
      for (const o of signers) {
        if (o === s) continue;
        claims += await credit.balance(s.address, o.address);
        given += await credit.creditLimit(s.address, o.address);
        received += await credit.creditLimit(o.address, s.address);
      }
      assert.equal(e.creditPosition, claims);
      assert.equal(e.combinedPosition, claims + (await credit.netPosition(s.address)));
      assert.equal(e.creditLimitGiven, given);
      assert.equal(e.creditLimitReceived, received);
      const sent = paid.filter((p) => lower(p.args.from) === lower(s.address));
      const got = paid.filter((p) => lower(p.args.to) === lower(s.address));
      assert.equal(
        e.totalPaid,
        sent.reduce((x, p) => x + (p.args.amount as bigint), 0n),
      );
      assert.equal(
        e.totalReceived,
        got.reduce((x, p) => x + (p.args.amount as bigint), 0n),
      );
      assert.equal(e.paymentsSentCount, sent.length);
      assert.equal(e.paymentsReceivedCount, got.length);
      sumCredit += e.creditPosition as bigint;
      positiveNet += max0(e.netPosition as bigint);
    }
    assert.equal(rt.store.count("CreditMember"), members.length, "no entity for fay (ex-steward) or gus (outsider)");
    assert.equal(rt.store.entity("CreditMember", lower(fay.address)), null);
    assert.equal(rt.store.entity("CreditMember", lower(gus.address)), null);
    assert.equal(sumCredit, 0n, "CN-1: credit positions sum to zero");
    assert.equal(positiveNet, await credit.netInternalDebt(), "CN-5: NID = sum of positive net positions");

    const [ada, , , dara, eli] = signers;
    assert.equal(entity("CreditMember", lower(eli.address)).admittedBy, lower(fay.address));
    assert.equal(entity("CreditMember", lower(ada.address)).admittedBy, lower(ada.address));
    const kinds = (who: Signer) =>
      rt.store
        .all("CreditMemberChange")
        .filter((c) => c.member === lower(who.address))
        .map((c) => [c.kind, c.status, c.by]);
    assert.deepEqual(kinds(dara), [
      ["Admitted", "Active", lower(ada.address)],
      ["ConsentSet", "Active", lower(dara.address)],
      ["Suspended", "Suspended", lower(ada.address)],
      ["Reinstated", "Active", lower(ada.address)],
    ]);
    assert.deepEqual(kinds(eli).at(-1), ["Suspended", "Suspended", lower(ada.address)]);
    const bea = signers[1];
    assert.deepEqual(
      rt.store
        .all("CreditMemberChange")
        .filter((c) => c.member === lower(bea.address) && c.kind === "ConsentSet")
        .map((c) => [c.clearingConsent, c.liquidityConsent]),
      [
        [true, true],
        [true, false],
      ],
    );
  });

  it("credit lines: limit, pending offer, used, available and status equal creditLimit / creditOffer / balance", async () => {
    let lines = 0;
    for (const g of signers) {
      for (const r of signers) {
        if (g === r) continue;
        const limit = await credit.creditLimit(g.address, r.address);
        const offer = await credit.creditOffer(g.address, r.address);
        const e = rt.store.entity("CreditLine", lineId(g.address, r.address));
        if (!e) {
          assert.deepEqual([limit, offer], [0n, 0n], `no line ${g.address} -> ${r.address}`);
          continue;
        }
        lines++;
        const used = max0(await credit.balance(g.address, r.address));
        assert.equal(e.giver, lower(g.address));
        assert.equal(e.receiver, lower(r.address));
        assert.equal(e.pair, pairId(g.address, r.address));
        assert.equal(e.limit, limit);
        assert.equal(e.pendingOffer, offer);
        assert.equal(e.used, used);
        assert.equal(e.available, max0(limit - used));
        assert.equal(e.status, limit > 0n ? "Open" : offer > 0n ? "Offered" : "Closed");
      }
    }
    assert.equal(rt.store.count("CreditLine"), lines);

    const [ada, bea, cyrus, dara, eli, , gus] = signers;
    const line = (g: Signer, r: Signer) => entity("CreditLine", lineId(g.address, r.address));
    assert.deepEqual([line(ada, bea).status, line(ada, bea).limit, line(ada, bea).used], ["Open", u(700), u(540)]);
    assert.deepEqual([line(ada, cyrus).status, line(dara, eli).status], ["Closed", "Closed"]);
    assert.deepEqual([line(ada, eli).status, line(ada, eli).pendingOffer], ["Offered", u(50)]);
    assert.deepEqual([line(ada, dara).used, line(ada, dara).available], [u(120), u(380)]);
    const closed = line(eli, dara);
    assert.deepEqual([closed.status, closed.closedBy, closed.limit], ["Closed", lower(eli.address), 0n]);
    assert.ok(closed.openedAtTimestamp && closed.closedAtTimestamp);
    assert.equal(rt.store.entity("CreditLine", lineId(gus.address, ada.address)), null, "closing nothing is ignored");

    const changes = (g: Signer, r: Signer) =>
      rt.store
        .all("CreditLineChange")
        .filter((c) => c.line === lineId(g.address, r.address))
        .map((c) => [c.kind, c.limit, c.by]);
    assert.deepEqual(changes(ada, bea), [
      ["Offered", u(1000), lower(ada.address)],
      ["Updated", u(1000), lower(bea.address)],
      ["Offered", u(2000), lower(ada.address)],
      ["Updated", u(700), lower(ada.address)],
    ]);
    assert.deepEqual(changes(ada, cyrus), [
      ["Offered", u(300), lower(ada.address)],
      ["OfferCancelled", 0n, lower(cyrus.address)],
    ]);
    assert.deepEqual(changes(dara, eli).at(-1), ["OfferCancelled", 0n, lower(dara.address)]);
    assert.deepEqual(changes(eli, dara).at(-1), ["Closed", 0n, lower(eli.address)]);
  });

  it("pairs: the balance of low on high equals balance(low, high) = -balance(high, low) (CN-1)", async () => {
    let pairs = 0;
    for (const a of signers) {
      for (const b of signers) {
        if (BigInt(a.address) >= BigInt(b.address)) continue;
        const balance = await credit.balance(a.address, b.address);
        assert.equal(await credit.balance(b.address, a.address), -balance);
        const e = rt.store.entity("CreditPair", pairId(a.address, b.address));
        if (!e) {
          assert.equal(balance, 0n);
          continue;
        }
        pairs++;
        assert.deepEqual([e.low, e.high, e.balance], [lower(a.address), lower(b.address), balance]);
        const changes = rt.store.all("CreditBalanceChange").filter((c) => c.pair === e.id);
        assert.equal(e.changeCount, changes.length);
        if (changes.length > 0) assert.equal(changes.at(-1)!.pairBalance, balance);
      }
    }
    assert.equal(rt.store.count("CreditPair"), pairs);
  });

  it("balance changes: one per BalanceUpdated, each a hop of exactly one payment or a credit move of an epoch", () => {
    const updates = parsed("BalanceUpdated");
    const changes = rt.store.all("CreditBalanceChange");
    assert.equal(changes.length, updates.length);
    changes.forEach((c, i) => {
      assert.equal(c.payer, lower(updates[i].args.payer));
      assert.equal(c.payee, lower(updates[i].args.payee));
      assert.equal(c.balance, updates[i].args.balance);
      assert.ok((c.amount as bigint) > 0n, "every hop moves a positive amount");
      assert.equal(
        BigInt(c.payer as string) < BigInt(c.payee as string) ? c.balance : -(c.balance as bigint),
        c.pairBalance,
      );
      assert.ok((c.payment == null) !== (c.epoch == null), "a payment hop or a clearing move, not both");
      assert.equal(c.hopIndex == null, c.payment == null);
      assert.equal(c.moveIndex == null, c.epoch == null);
    });
    const moves = changes.filter((c) => c.epoch != null);
    const [ada, , , dara] = signers;
    assert.deepEqual(
      moves.map((m) => [m.epoch, m.moveIndex, m.payer, m.payee, m.amount, m.balance]),
      [["2", 0, lower(dara.address), lower(ada.address), u(120), -u(120)]],
    );
  });

  it("finding 9: cancelled obligation nonces are indexed with signer, counterparty, nonce and sequence", async () => {
    const cancelled = parsed("NonceCancelled");
    const entries = rt.store.all("ObligationNonceCancellation");
    assert.equal(entries.length, 2);
    entries.forEach((e, i) => {
      const args = cancelled[i].args;
      assert.deepEqual(
        [e.signer, e.counterparty, e.nonce, e.sequence],
        [lower(args.signer), lower(args.counterparty), args.nonce, args.nonce & ((1n << 64n) - 1n)],
      );
      assert.equal(BigInt(args.nonce) >> 64n, BigInt(args.counterparty), "keyed by the counterparty");
    });
    const [ada, , cyrus] = signers;
    assert.equal(await credit.signatureNonce(ada.address, cyrus.address), (BigInt(cyrus.address) << 64n) | 1n);
  });

  it("obligation operators: each approval as isObligationOperator says; an operator's obligation is open at once", async () => {
    const [, bea, cyrus] = signers;
    const gus = signers[6];
    const set = parsed("ObligationOperatorSet");
    assert.equal(set.length, 3);
    const entries = rt.store.all("ObligationOperator");
    assert.equal(entries.length, 2);
    for (const e of entries) {
      assert.equal(e.approved, await credit.isObligationOperator(e.member as string, e.operator as string));
      assert.equal(e.operator, lower(gus.address));
    }
    assert.deepEqual(
      entries.map((e) => [e.member, e.changes]).sort(),
      [
        [lower(bea.address), 1],
        [lower(cyrus.address), 2],
      ].sort(),
    );
    for (const e of entries) {
      const [since, until] = await credit.obligationOperatorApproval(e.member as string, e.operator as string);
      assert.deepEqual([e.approvedSince, e.withdrawnAt ?? 0n], [since, until]);
    }
    const id = (await credit.obligationCount()).toString();
    const o = entity("Obligation", id);
    const onChain = await credit.obligation(id);
    assert.deepEqual(
      [o.status, o.debtor, o.creditor, o.amount],
      ["Open", lower(onChain.debtor), lower(onChain.creditor), onChain.amount],
    );
    assert.equal(onChain.debtor, cyrus.address);
  });

  it("payments: one per Paid log, with hops chained from payer to payee, each moving the amount", () => {
    const paid = parsed("Paid");
    const payments = rt.store.all("Payment");
    assert.equal(payments.length, paid.length);
    const changes = rt.store.all("CreditBalanceChange");
    payments.forEach((p, i) => {
      const args = paid[i].args;
      assert.deepEqual(
        [p.from, p.to, p.amount, p.hopCount, p.memo],
        [lower(args.from), lower(args.to), args.amount, Number(args.hops), args.memo],
      );
      const hops = changes
        .filter((c) => c.payment === p.id)
        .sort((a, b) => (a.hopIndex as number) - (b.hopIndex as number));
      assert.equal(hops.length, p.hopCount);
      assert.deepEqual(
        hops.map((h) => h.hopIndex),
        hops.map((_, k) => k),
      );
      assert.equal(hops[0].payer, p.from);
      assert.equal(hops.at(-1)!.payee, p.to);
      for (let k = 1; k < hops.length; k++) assert.equal(hops[k].payer, hops[k - 1].payee);
      for (const h of hops) {
        assert.equal(h.amount, p.amount);
        assert.equal(h.transactionHash, p.transactionHash);
      }
    });
    assert.deepEqual(
      payments.map((p) => p.hopCount),
      [1, 2, 1, 1, 1, 1, 2],
    );
  });

  it("obligations: every field equals obligation(id); set-offs and payments add up", async () => {
    const count = await credit.obligationCount();
    assert.equal(rt.store.count("Obligation"), Number(count));
    for (let id = 1n; id <= count; id++) {
      const o = await credit.obligation(id);
      const e = entity("Obligation", id.toString());
      const status = OBLIGATION_STATUS[Number(o.status)];
      assert.equal(e.obligationId, id);
      assert.equal(e.debtor, lower(o.debtor));
      assert.equal(e.creditor, lower(o.creditor));
      assert.equal(e.amount, o.amount);
      assert.equal(e.remaining, o.remaining);
      assert.equal(e.dueDate, o.dueDate);
      assert.equal(e.status, status);
      assert.equal(e.cancelRequestedBy, Number(o.cancelRequestedBy));
      if (status === "Proposed") assert.equal(e.proposer, lower(o.proposer)); // the view clears it once accepted
      const setOffs = rt.store.all("SetOffEntry").filter((s) => s.obligation === e.id);
      const payments = rt.store.all("ObligationPayment").filter((p) => p.obligation === e.id);
      assert.equal(
        e.clearedTotal,
        setOffs.reduce((x, s) => x + (s.amount as bigint), 0n),
      );
      assert.equal(
        e.paidTotal,
        payments.reduce((x, p) => x + (p.amount as bigint), 0n),
      );
      if (status !== "Cancelled") {
        assert.equal((e.clearedTotal as bigint) + (e.paidTotal as bigint), o.amount - o.remaining, "CN-4");
      }
    }
    for (const l of logs) {
      const r = credit.interface.parseLog(l);
      if (r?.name !== "ObligationRecorded") continue;
      const e = entity("Obligation", r.args.id.toString());
      assert.deepEqual(
        [e.ref, e.proposer, e.createdTransaction, e.createdAtBlock],
        [r.args.ref, lower(r.args.proposer), l.transactionHash, BigInt(l.blockNumber)],
      );
    }
    const [ada, bea, cyrus] = signers;
    const o = (id: number) => entity("Obligation", String(id));
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => [o(id).status, o(id).signed]),
      [
        ["Settled", false],
        ["Settled", false],
        ["Open", true],
        ["Cancelled", false],
        ["Cancelled", false],
        ["Settled", false],
        ["Settled", true],
        ["Open", false],
        ["Proposed", false],
      ],
    );
    assert.deepEqual([o(1).clearedTotal, o(1).paidTotal, o(1).remaining], [u(300), u(100), 0n]);
    assert.deepEqual([o(3).proposer, o(3).acceptedBy], [lower(ada.address), lower(ada.address)], "signer");
    assert.deepEqual([o(7).proposer, o(7).acceptedBy], [lower(ada.address), lower(ada.address)], "signer");
    assert.deepEqual([o(2).proposer, o(2).acceptedBy], [lower(ada.address), lower(cyrus.address)]);
    assert.deepEqual([o(4).cancelRequestedBy, o(4).cancelledRemaining], [3, u(100)]);
    assert.deepEqual([o(5).cancelRequestedBy, o(5).cancelledRemaining, o(5).acceptedBy], [0, u(70), undefined]);
    assert.equal(o(8).cancelRequestedBy, 1, "the debtor (cyrus) asked to cancel");
    assert.deepEqual(
      [o(9).proposer, o(9).debtor, o(9).creditor],
      [lower(bea.address), lower(ada.address), lower(bea.address)],
    );
    assert.ok(o(1).closedAtTimestamp && o(4).closedAtTimestamp && !o(8).closedAtTimestamp);
  });

  it("obligation payments link the Paid log of payObligation (memo = obligation id)", () => {
    const payments = rt.store.all("ObligationPayment");
    assert.deepEqual(
      payments.map((p) => [p.obligation, p.amount, p.remaining]),
      [
        ["1", u(60), u(40)],
        ["1", u(40), 0n],
      ],
    );
    for (const p of payments) {
      const payment = entity("Payment", p.payment as string);
      assert.deepEqual([payment.amount, payment.memo], [p.amount, ethers.zeroPadValue("0x01", 32)]);
      assert.equal(payment.transactionHash, p.transactionHash);
    }
  });

  it("clearing epochs equal the ClearingCompleted logs and epochCount; set-offs add up; clearedRatio", async () => {
    const completed = parsed("ClearingCompleted");
    assert.equal(rt.store.count("ClearingEpoch"), Number(await credit.epochCount()));
    for (const c of completed) {
      const e = entity("ClearingEpoch", c.args.epoch.toString());
      assert.deepEqual(
        [e.epoch, e.operator, e.solutionId, e.obligationsBefore, e.cleared, e.movedToCredit, e.netInternalDebt],
        [
          c.args.epoch,
          lower(c.args.operator),
          c.args.solutionId,
          c.args.obligationsBefore,
          c.args.cleared,
          c.args.movedToCredit,
          c.args.netInternalDebt,
        ],
      );
      assert.equal(e.setOffCount, Number(c.args.setOffs));
      assert.equal(e.outstandingAfter, (c.args.obligationsBefore as bigint) - (c.args.cleared as bigint));
      const setOffs = rt.store.all("SetOffEntry").filter((s) => s.epoch === e.id);
      assert.equal(setOffs.length, e.setOffCount);
      assert.equal(
        setOffs.reduce((x, s) => x + (s.amount as bigint), 0n),
        e.cleared,
      );
      const moves = rt.store.all("CreditBalanceChange").filter((m) => m.epoch === e.id);
      assert.equal(moves.length, e.creditMoveCount);
      assert.equal(
        moves.reduce((x, m) => x + (m.amount as bigint), 0n),
        e.movedToCredit,
      );
      const ratio = decimalDividedBy(
        decimalFromString(String(c.args.cleared)),
        decimalFromString(String(c.args.obligationsBefore)),
      );
      assert.equal(e.clearedRatio, decimalToString(ratio));
    }
    const [ada, , , , , , gus] = signers;
    const e1 = entity("ClearingEpoch", "1");
    const e2 = entity("ClearingEpoch", "2");
    assert.deepEqual(
      [e1.operator, e1.solutionId, e1.obligationsBefore, e1.cleared, e1.setOffCount, e1.creditMoveCount],
      [lower(gus.address), ethers.id("solution-1"), u(1050), u(900), 3, 0],
    );
    assert.equal(e1.clearedRatio, "0.8571428571428571428571428571428571"); // 900 / 1050, 34 significant digits
    assert.deepEqual(
      [e2.operator, e2.solutionId, e2.obligationsBefore, e2.cleared, e2.movedToCredit, e2.creditMoveCount],
      [lower(ada.address), ethers.ZeroHash, u(290), u(240), u(120), 1],
    );
    assert.deepEqual(
      rt.store.all("SetOffEntry").map((s) => [s.epoch, s.obligation, s.amount, s.remaining]),
      [
        ["1", "1", u(300), u(100)],
        ["1", "2", u(300), 0n],
        ["1", "3", u(300), u(50)],
        ["2", "6", u(120), 0n],
        ["2", "7", u(120), 0n],
      ],
    );
  });

  it("a clearing batch with a credit move keeps every member's combined position (CN-3); positions match then", async () => {
    assert.equal(aroundClear2.after.size, members.length);
    assert.deepEqual(aroundClear2.after, aroundClear2.before);
    const atClear = { blockTag: clear2Block };
    for (const m of aroundClear2.members) {
      const account = m.account as string;
      assert.equal(m.netPosition, await credit.netPosition(account, atClear), `net position of ${account}`);
      let claims = 0n;
      for (const o of signers) {
        if (lower(o.address) !== account) claims += await credit.balance(account, o.address, atClear);
      }
      assert.equal(m.creditPosition, claims, `credit position of ${account}`);
    }
    // The move shifted net positions: dara's debt went onto the credit line ada gives her.
    const dara = signers[3];
    const at = (who: Signer) => aroundClear2.members.find((m) => m.account === lower(who.address))!;
    assert.deepEqual([at(dara).netPosition, at(dara).creditPosition], [0n, -u(120)]);
    assert.equal(entity("ClearingEpoch", "2").netInternalDebt, await credit.netInternalDebt(atClear));
  });

  it("the dApp's chain fold (web/src/credit/data/fold.ts) over the same logs equals the views and the entities", async () => {
    // The chain reader derives every per-member, per-pair and per-obligation figure from these events alone.
    const raw: ViemLog[] = logs.map((l) => ({
      address: l.address as Hex,
      topics: [...l.topics] as [Hex, ...Hex[]],
      data: l.data as Hex,
      blockNumber: BigInt(l.blockNumber),
      blockHash: l.blockHash as Hex,
      logIndex: l.index,
      transactionHash: l.transactionHash as Hex,
      transactionIndex: l.transactionIndex,
      removed: false,
    }));
    const decoded = parseEventLogs({ abi: creditNetworkAbi, logs: raw, strict: true });
    const state = creditFold.initial();
    // Folded in two refreshes, split at clearing epoch 2, as the incremental reader would.
    creditFold.apply(
      state,
      decoded.filter((l) => l.blockNumber < BigInt(clear2Block)),
    );
    creditFold.apply(
      state,
      decoded.filter((l) => l.blockNumber >= BigInt(clear2Block)),
    );

    const summary = summaryOf(state);
    assert.deepEqual(
      [summary.outstanding, summary.nid, summary.obligationCount, summary.epochCount],
      [
        await credit.outstanding(),
        await credit.netInternalDebt(),
        await credit.obligationCount(),
        await credit.epochCount(),
      ],
    );
    assert.deepEqual(summary.stewards.map(lower), [lower(signers[0].address)]);
    // The same headline figures as the subgraph's CreditNetwork.
    const n = entity("CreditNetwork", creditAddress);
    assert.deepEqual(
      [summary.activeMembers, summary.suspendedMembers, summary.openLines, summary.creditLimit, summary.creditInUse],
      [n.activeMemberCount, n.suspendedMemberCount, n.openLineCount, n.totalCreditLimit, n.creditInUse],
    );
    assert.equal(summary.openObligations, n.openObligationCount);

    const folded = new Map(membersOf(state).map((m) => [lower(m.account), m]));
    assert.equal(folded.size, 5);
    for (const a of signers) {
      const view = await credit.member(a.address);
      const m = folded.get(lower(a.address));
      if (Number(view.status) === 0) {
        assert.equal(m, undefined, `${a.address} is not a member`);
        continue;
      }
      assert.ok(m);
      assert.deepEqual(
        [m.status, m.clearing, m.liquidity, m.netPosition],
        [MEMBER_STATUS[Number(view.status)], view.clearing, view.liquidity, await credit.netPosition(a.address)],
      );
      const e = entity("CreditMember", lower(a.address));
      assert.deepEqual(
        [m.creditPosition, m.creditGiven, m.creditReceived],
        [e.creditPosition, e.creditLimitGiven, e.creditLimitReceived],
      );
      let position = 0n;
      for (const b of signers) {
        if (a === b) continue;
        const balance = await credit.balance(a.address, b.address);
        position += balance;
        assert.equal(claimIn(state, a.address, b.address), balance);
        const line = state.lines.get(`${lower(a.address)}|${lower(b.address)}`);
        assert.deepEqual(
          [line?.limit ?? 0n, line?.offer ?? 0n],
          [await credit.creditLimit(a.address, b.address), await credit.creditOffer(a.address, b.address)],
        );
      }
      assert.equal(m.creditPosition, position);
    }

    const count = await credit.obligationCount();
    assert.equal(BigInt(state.obligations.size), count);
    for (let id = 1n; id <= count; id++) {
      const view = await credit.obligation(id);
      const o = state.obligations.get(id)!;
      assert.deepEqual(
        [o.status, o.remaining, o.cancelRequestedBy, lower(o.proposer), o.amount],
        [
          OBLIGATION_STATUS[Number(view.status)],
          view.remaining,
          Number(view.cancelRequestedBy),
          lower(view.proposer),
          view.amount,
        ],
        `obligation ${id}`,
      );
      const e = entity("Obligation", id.toString());
      assert.deepEqual([o.cleared, o.paid], [e.clearedTotal, e.paidTotal], `obligation ${id}`);
    }

    // Payments with their routes; an obligation payment names its obligation; credit moves are no payment.
    assert.equal(state.payments.length, parsed("Paid").length);
    const [ada, bea, cyrus] = signers;
    const repairs = state.payments.find((p) => p.amount === u(200))!;
    assert.deepEqual(
      repairs.route.map(lower),
      [cyrus, bea, ada].map((x) => lower(x.address)),
    );
    assert.deepEqual(
      state.payments.filter((p) => p.obligationId !== undefined).map((p) => [p.obligationId, p.route.length]),
      [
        [1n, 2],
        [1n, 3],
      ],
    );
    assert.equal(state.epochs.length, 2);
    assert.deepEqual(
      state.epochs.map((x) => x.movedToCredit),
      [0n, u(120)],
    );
  });

  it("a network whose name() cannot be read gets empty metadata and a warning, like a reverted call on graph-node", async () => {
    // The last log, replayed as if emitted by an account without code (eth_call answers "0x") and by a contract
    // without name(), symbol() and decimals() (the call reverts).
    const cases = [
      { what: "no code", address: signers[9].address },
      { what: "reverting contract", address: walletAddress },
    ];
    for (const { what, address } of cases) {
      const fake = { ...logs.at(-1)!, address } as Log;
      const fresh = subgraphRuntime(DATA_SOURCE, address);
      await fresh.processLogs(ethers.provider, [fake]);
      const n = fresh.store.entity("CreditNetwork", lower(address));
      assert.ok(n, what);
      assert.deepEqual([n.name, n.symbol, n.decimals], ["", "", 0], what);
      assert.equal(fresh.calls.length, 3, what);
      assert.ok(
        fresh.calls.every((c) => c.reverted),
        what,
      );
      assert.equal(fresh.logs.filter((l) => l.level === "WARNING").length, 1, what);
    }
  });
});
