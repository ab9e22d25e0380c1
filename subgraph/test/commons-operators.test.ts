// Mapping test of the design commons' report operators (DC-6): a story on real contracts (test/commons' fixtures) in
// which licensees approve and withdraw operators, operators report (counted, and refused without a trace: not
// approved, no licence, commons licence, expired), and licensees pay what they owe in parts, in ETH through two
// ancestors and in a token; its logs fed to the compiled mappings, the store compared with the views.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { PlainEntity, SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import { processLogsAcross } from "@cosmolocal/graph-test-runtime";
import {
  conn,
  deployChain,
  ETH,
  ethers,
  networkHelpers,
  register,
  takeLicence,
  terms,
  YEAR,
} from "../../test/commons/fixtures.ts";
import { assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import { chainLogs, lower, parsedEvents, send, subgraphRuntime, type Log } from "./setup.ts";

const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe("subgraph · design commons report operators (DC-6) on real DesignCommons events", () => {
  let s: Awaited<ReturnType<typeof deployChain>>;
  let commons: string;
  let rt: SubgraphRuntime;
  let commonsLogs: Log[];
  let operator: Awaited<ReturnType<typeof ethers.getSigners>>[number];

  before(async () => {
    s = await deployChain();
    const { company, designer, outsider, grandchild, original, token } = s;
    operator = (await ethers.getSigners())[12];
    const c = s.commons;
    const [ledger, tokenAddress] = await Promise.all([s.ledger.getAddress(), token.getAddress()]);
    commons = lower(await c.getAddress());
    const ref = (n: number) => ethers.zeroPadValue(ethers.toBeHex(n), 32);
    const report = (designId: bigint, licensee: string, units: bigint, n: number) =>
      send(c.connect(operator).reportProductionAsOperator(designId, licensee, units, ref(n)));

    // The company's commercial licences: the grandchild (0.1 ETH per unit, two ancestors) and a token design.
    const grandchildLicence = await takeLicence(s, company, grandchild);
    const tokenDesign = await register(s, "token design", 1n, [], terms({ currency: tokenAddress, feePerUnit: 250n }));
    const tokenLicence = await takeLicence(s, company, tokenDesign);
    // The company approves the operator (twice: the second changes nothing), the designer approves then withdraws.
    await send(c.connect(company).setReportOperator(operator.address, true));
    await send(c.connect(company).setReportOperator(operator.address, true));
    await send(c.connect(designer).setReportOperator(operator.address, true));
    await send(c.connect(designer).setReportOperator(operator.address, false));
    // Counted: 10 and 5 units of the grandchild, 4 of the token design.
    await report(grandchild, company.address, 10n, 1);
    await report(grandchild, company.address, 5n, 2);
    await report(tokenDesign, company.address, 4n, 3);
    // Not counted, no event: the designer withdrew; no licence on the original; the outsider is not an operator.
    await report(grandchild, designer.address, 3n, 4);
    await report(original, company.address, 3n, 5);
    await send(c.connect(outsider).reportProductionAsOperator(grandchild, company.address, 3n, ref(6)));
    // The company pays 0.6 ETH of its 1.5 now, the token fee in full, and the rest after its licences expired.
    await send(
      c.connect(company).payOwed(grandchildLicence, ethers.parseEther("0.6"), { value: ethers.parseEther("0.6") }),
    );
    await send(token.connect(company).approve(commons, 1000n));
    await send(c.connect(company).payOwed(tokenLicence, 1000n));
    await networkHelpers.time.increase(YEAR + 1);
    await report(grandchild, company.address, 1n, 7); // expired: not counted
    await send(
      c.connect(company).payOwed(grandchildLicence, ethers.parseEther("0.9"), { value: ethers.parseEther("0.9") }),
    );
    // A last report on a new licence, left owed.
    await takeLicence(s, company, grandchild);
    await report(grandchild, company.address, 2n, 8);

    const logs = await chainLogs(ethers.provider, [ledger, commons]);
    commonsLogs = logs.filter((l) => lower(l.address) === commons);
    const ledgerRt = subgraphRuntime("ContributionLedger", lower(ledger));
    rt = subgraphRuntime("DesignCommons", commons, ledgerRt.store);
    await processLogsAcross(ethers.provider, [ledgerRt, rt], logs);
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);
  const events = (name: string) => parsedEvents(commonsLogs, name, { [commons]: s.commons.interface });
  const rows = (type: string, where: (e: PlainEntity) => boolean = () => true) => rt.store.all(type).filter(where);

  it("every log handled without errors; each new event made its entities", () => {
    assert.equal(rt.handled.length, commonsLogs.length, "every commons log had a handler");
    assertEntitiesAndNoErrors(rt, {
      ReportOperatorSet: ["ReportOperatorApproval"],
      ProductionReportedByOperator: ["OperatorProductionReport"],
      OwedFeesPaid: ["OwedFeesPayment", "FeeShare"],
    });
  });

  it("approvals equal isReportOperator, with the count of their changes", async () => {
    const approvals = rows("ReportOperatorApproval");
    assert.equal(approvals.length, 2);
    for (const a of approvals) {
      assert.equal(a.approved, await s.commons.isReportOperator(a.licensee as string, a.operator as string));
      assert.equal(a.id, `${a.licensee}-${a.operator}`);
      assert.equal(a.changeCount, 2);
    }
    assert.deepEqual(
      approvals.map((a) => [a.licensee, a.approved]).sort(),
      [
        [lower(s.company.address), true],
        [lower(s.designer.address), false],
      ].sort(),
    );
  });

  it("each licence's units, fees paid and fees owed equal licence() and feesOwed(); reports and payments = events", async () => {
    const count = await s.commons.licenceCount();
    for (let id = 1n; id <= count; id++) {
      const l = entity("Licence", String(id));
      const v = await s.commons.licence(id);
      assert.deepEqual(
        [l.unitsReported, l.feesPaid, l.feesOwed],
        [v.unitsReported, v.feesPaid, await s.commons.feesOwed(id)],
        `licence ${id}`,
      );
      const reports = events("ProductionReportedByOperator").filter((e) => e.args.licenceId === id);
      const payments = events("OwedFeesPaid").filter((e) => e.args.licenceId === id);
      assert.deepEqual([l.operatorReportCount, l.owedPaymentCount], [reports.length, payments.length]);
    }
    assert.deepEqual(
      rows("OperatorProductionReport").map((r) => [r.licence, r.design, r.operator, r.units, r.fee, r.owed, r.ref]),
      events("ProductionReportedByOperator").map((e) => [
        String(e.args.licenceId),
        String(e.args.designId),
        lower(e.args.operator),
        e.args.units,
        e.args.fee,
        e.args.owed,
        e.args.ref,
      ]),
    );
    assert.equal(rows("OperatorProductionReport").length, 4); // the refused ones left nothing
    assert.deepEqual(
      rows("OwedFeesPayment").map((r) => [r.licence, r.fee, r.owed, r.currency]),
      events("OwedFeesPaid").map((e) => [
        String(e.args.licenceId),
        e.args.fee,
        e.args.owed,
        entity("Licence", String(e.args.licenceId)).currency,
      ]),
    );
    // the grandchild's units: 15 by the operator on the first licence, 2 on the second
    assert.equal(entity("Design", String(s.grandchild)).unitsReported, 17n);
    const registry = entity("CommonsRegistry", commons);
    assert.deepEqual([registry.operatorReportCount, registry.owedPaymentCount], [4, 3]);
  });

  it("payments of fees owed split as any fee: their shares point at them; the books hold (DC-1)", async () => {
    for (const p of rows("OwedFeesPayment")) {
      const shares = rows("FeeShare", (f) => f.payment === p.id);
      assert.ok(shares.length > 0, `payment ${p.id} has its shares`);
      assert.equal(sum(shares.map((f) => f.amount as bigint)), p.fee);
    }
    for (const currency of [ETH, lower(await s.token.getAddress())]) {
      const t = entity("CommonsCurrencyTotal", currency);
      assert.equal(
        t.feesPaid,
        sum(
          events("OwedFeesPaid")
            .filter((e) => entity("Licence", String(e.args.licenceId)).currency === currency)
            .map((e) => e.args.fee as bigint),
        ),
      );
      assert.equal(t.feesPaid, (t.ancestorShares as bigint) + (t.projectShares as bigint));
      const held = [1n, 2n, 3n].map((p) => s.commons.heldFor(p, currency));
      assert.equal(t.held, sum(await Promise.all(held)));
    }
  });
});
