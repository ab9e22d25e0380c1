// Browser end-to-end test of the mutual-credit module: a local Hardhat node with demo data (which already holds a
// clearable cycle Bea → Cyrus → Dara → Bea), the dApp built against it, Debian's Chromium driven by playwright-core.
// Story: Ada (steward) admits Eli, Fay and Gus; they opt in to clearing, open credit lines (offer + accept), pay
// directly and along a path (shown before signing), hit the credit limit (decoded error in the toast), record a
// 3-cycle of obligations (creditor records, debtor accepts), clear it with the solver running in the browser,
// and exchange signed terms. Every step is asserted in the UI and cross-checked on chain.
//
// Run from the repository root: `node web/e2e/credit.e2e.ts` (Node 24). Screenshots: test-results/credit-*.png.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, http, parseEventLogs, parseUnits, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { creditNetworkAbi } from "../../sdk/src/generated/abis.ts";
import type { Stack } from "../../scripts/lib/stack.ts";
import { assert, buildAndServe, closeServer, E2E, freePort, num, root, UI_TIMEOUT } from "./harness.ts";

process.chdir(root);
const { startStack } = await import("../../scripts/lib/stack.ts");

// Hardhat's public test accounts (sdk LOCAL_ACCOUNT_NAMES): #0 Ada (steward), #1-#3 demo members, #5-#7 ours.
const MNEMONIC = "test test test test test test test test test test test junk";
const account = (i: number) => mnemonicToAccount(MNEMONIC, { addressIndex: i }).address;
const ADA = { index: 0, address: account(0), name: "Ada" };
const ELI = { index: 5, address: account(5), name: "Eli" };
const FAY = { index: 6, address: account(6), name: "Fay" };
const GUS = { index: 7, address: account(7), name: "Gus" };
type Person = typeof ADA;

const e2e = new E2E("credit");
const step = e2e.step.bind(e2e);
let stack: Stack | undefined;
let server: Server | undefined;
const tmp = mkdtempSync(join(tmpdir(), "cosmolocal-credit-e2e-"));
const page = () => e2e.page!;

// ------------------------------------------------------------------------------------------------ helpers

async function as(p: Person) {
  await e2e.useAccount(p.index, p.address);
}

async function openTab(tab: "mine" | "pay" | "obligations" | "clearing" | "members") {
  await page().getByTestId(`credit-tab-${tab}`).click();
  await page().locator(`[data-testid="credit-tab-${tab}"][aria-selected="true"]`).waitFor({ timeout: UI_TIMEOUT });
}

async function closeToasts() {
  await page().evaluate(() => document.querySelectorAll<HTMLButtonElement>(".toast-close").forEach((b) => b.click()));
}

/** Waits for the success toast of the transaction titled `title`; fails fast on its error toast. */
async function confirmed(title: string) {
  const p = page();
  const ok = p.locator('[data-testid="toast"][data-stage="success"]', { hasText: title }).first();
  const bad = p.locator('[data-testid="toast"][data-stage="error"]', { hasText: title }).first();
  await Promise.race([
    ok.waitFor({ timeout: UI_TIMEOUT }),
    bad.waitFor({ timeout: UI_TIMEOUT }).then(async () => {
      throw new Error(`"${title}" failed: ${await bad.textContent()}`);
    }),
  ]);
}

// --------------------------------------------------------------------------------------------------- run

try {
  console.log("credit e2e");
  const rpcPort = Number(process.env.E2E_RPC_PORT ?? (await freePort()));
  const webPort = await freePort();

  await step("local stack: Hardhat node, Ignition deploy, demo data", async () => {
    stack = await startStack({ port: rpcPort, seed: true });
    assert(stack.creditDemo, "credit demo data was not seeded");
  });

  await step("build the dApp against the local node", async () => {
    server = await buildAndServe(stack!.rpcUrl, join(tmp, "dist"), webPort);
  });

  const client = createPublicClient({ transport: http(stack?.rpcUrl ?? `http://127.0.0.1:${rpcPort}`) });
  const credit = stack?.credit as Address;
  const read = {
    member: (a: Address) =>
      client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "member", args: [a] }),
    limit: (g: Address, r: Address) =>
      client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "creditLimit", args: [g, r] }),
    balance: (a: Address, b: Address) =>
      client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "balance", args: [a, b] }),
    obligation: (id: bigint) =>
      client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "obligation", args: [id] }),
    obligationCount: () =>
      client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "obligationCount" }),
    netPosition: (a: Address) =>
      client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "netPosition", args: [a] }),
    epochCount: () => client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "epochCount" }),
    signatureNonce: (signer: Address, counterparty: Address) =>
      client.readContract({
        address: credit,
        abi: creditNetworkAbi,
        functionName: "signatureNonce",
        args: [signer, counterparty],
      }),
  };
  let unit = 10n ** 18n;
  const u = (n: number) => BigInt(n) * unit;

  await step("open the credit module from the top navigation; connect the test wallet as Ada (steward)", async () => {
    const p = await e2e.launch(join(tmp, "profile"), `http://127.0.0.1:${webPort}/#/`);
    unit =
      10n ** BigInt(await client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "decimals" }));
    await p.getByTestId("nav-credit").click();
    await e2e.waitForText("credit-name", (t) => t.startsWith("Commons Credit"), "network name");
    await p.getByTestId("connect-burner").click();
    await as(ADA);
    await e2e.waitForText("credit-me-status", (t) => t.includes("steward"), "Ada's standing");
    // The demo's network summary: four members, outstanding invoices, NID.
    await e2e.waitForText("summary-members", (t) => t.startsWith("4"), "members in the summary");
    const [outstanding, nid] = await Promise.all([
      client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "outstanding" }),
      client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "netInternalDebt" }),
    ]);
    await e2e.waitForText(
      "summary-outstanding",
      (t) => num(t.split("CMC")[0]) === Number(outstanding / unit),
      "outstanding",
    );
    await e2e.waitForText("summary-nid", (t) => num(t) === Number(nid / unit), "NID");
  });

  await step("Ada admits Eli, Fay and Gus on the Members screen", async () => {
    const p = page();
    await openTab("members");
    for (const who of [ELI, FAY, GUS]) {
      await closeToasts();
      await p.getByTestId("admit-address").fill(who.address);
      await p.getByTestId("admit-submit").click();
      await confirmed(`Admit ${who.name}`);
      await p
        .getByTestId(`credit-member-${who.address}`)
        .getByTestId("member-status")
        .filter({ hasText: "Active" })
        .waitFor();
      const m = await read.member(who.address);
      assert(m.status === 1, `${who.name} is not an active member on chain (status ${m.status})`);
    }
    // Admitting twice is explained before anything is sent.
    await p.getByTestId("admit-address").fill(ELI.address);
    await p.getByTestId("admit-submit").click();
    await p.getByText("Eli is already a member (active).").waitFor();
    await e2e.screenshot("credit-1-members.png");
  });

  await step("Eli, Fay and Gus each opt in to clearing", async () => {
    const p = page();
    for (const who of [ELI, FAY, GUS]) {
      await as(who);
      await openTab("clearing");
      await closeToasts();
      await e2e.waitForText("consent-now", (t) => t.includes("clearing off"), `${who.name}'s consent before`);
      await p.getByTestId("consent-clearing").check();
      await p.getByTestId("consent-save").click();
      await confirmed("Save clearing consent");
      await e2e.waitForText("consent-now", (t) => t.includes("clearing on"), `${who.name}'s consent after`);
      const m = await read.member(who.address);
      assert(m.clearing && !m.liquidity, `${who.name}'s consent on chain: ${JSON.stringify(m)}`);
    }
  });

  async function offerAndAccept(giver: Person, receiver: Person, limit: number) {
    const p = page();
    await as(giver);
    await openTab("mine");
    await closeToasts();
    await p.getByTestId("offer-receiver").selectOption(receiver.address);
    await p.getByTestId("offer-limit").fill(String(limit));
    await p.getByTestId("offer-submit").click();
    await confirmed(`Offer ${receiver.name} a line of ${limit} CMC`);
    await p.getByTestId(`offer-to-${receiver.address}`).waitFor();

    await as(receiver);
    const offer = p.getByTestId(`offer-from-${giver.address}`);
    await offer.getByText(`offers you a line of ${limit} CMC`).waitFor();
    await offer.getByTestId("accept-offer").click();
    await confirmed(`Accept ${giver.name}'s line of ${limit} CMC`);
    const row = p.getByTestId(`line-${giver.address}-${receiver.address}`);
    await e2e.waitForText("line-limit", (t) => t === `${limit} CMC`, "line limit", row);
    await e2e.waitForText("line-available", (t) => t === `${limit} CMC`, "line available", row);
    assert((await read.limit(giver.address, receiver.address)) === u(limit), "the limit on chain differs");
  }

  await step("credit lines: Fay offers Eli 500, Gus offers Fay 400; each receiver accepts", async () => {
    await offerAndAccept(FAY, ELI, 500);
    await offerAndAccept(GUS, FAY, 400);
    await e2e.screenshot("credit-2-lines.png");
  });

  await step("Eli pays Fay 100 directly (route and fee shown before signing)", async () => {
    const p = page();
    await as(ELI);
    await openTab("pay");
    await closeToasts();
    await p.getByTestId("pay-to").selectOption(FAY.address);
    await p.getByTestId("pay-amount").fill("100");
    await p.getByTestId("pay-memo").fill("e2e: sensor boards");
    await e2e.waitForText("route-path", (t) => t === "Eli → Fay", "direct route");
    await e2e.waitForText("hop-capacity", (t) => t === "500 CMC", "direct capacity");
    await e2e.waitForText(
      "route-fee",
      (t) => t.startsWith("Fee: none — intermediaries' positions don't change"),
      "fee",
    );
    await p.getByTestId("pay-submit").click();
    await confirmed("Pay Fay 100 CMC");
    await e2e.waitForText("pay-done", (t) => t === "Paid Fay 100 CMC.", "payment done");
    assert((await read.balance(ELI.address, FAY.address)) === -u(100), "Eli should owe Fay 100 on chain");
    await p.getByTestId("payments-table").getByText("e2e: sensor boards").waitFor();
  });

  await step("Eli pays Gus 150 along Eli → Fay → Gus; Fay's position does not change", async () => {
    const p = page();
    const fayBefore = (await read.balance(FAY.address, ELI.address)) + (await read.balance(FAY.address, GUS.address));
    await closeToasts();
    await p.getByTestId("pay-to").selectOption(GUS.address);
    await p.getByTestId("pay-amount").fill("150");
    await p.getByTestId("pay-memo").fill("e2e: through Fay");
    await e2e.waitForText("route-path", (t) => t === "Eli → Fay → Gus", "route through Fay");
    const hops = p.getByTestId("pay-route");
    await e2e.waitForText("hop-capacity", (t) => t === "400 CMC", "hop 1 capacity", hops.getByTestId("route-hop-0"));
    await e2e.waitForText("hop-capacity", (t) => t === "400 CMC", "hop 2 capacity", hops.getByTestId("route-hop-1"));
    await hops.getByText("confirmed on chain").first().waitFor();
    await e2e.waitForText("route-fee", (t) => t.includes("Fee: none") && t.includes("Fay receive"), "fee");
    const label = (await p.getByTestId("pay-submit").textContent())?.trim();
    assert(label === "Pay Gus 150 CMC via Fay", `the pay button says "${label}"`);
    await e2e.screenshot("credit-3-pay-path.png");
    await p.getByTestId("pay-submit").click();
    await confirmed("Pay Gus 150 CMC via Fay");
    assert((await read.balance(ELI.address, FAY.address)) === -u(250), "Eli should owe Fay 250");
    assert((await read.balance(FAY.address, GUS.address)) === -u(150), "Fay should owe Gus 150");
    const fayAfter = (await read.balance(FAY.address, ELI.address)) + (await read.balance(FAY.address, GUS.address));
    assert(fayAfter === fayBefore, `Fay's position changed: ${fayBefore} → ${fayAfter}`);
    await p.getByTestId("payments-table").getByText("Eli → Fay → Gus").waitFor();
    // My credit: the line Fay gives Eli is used 250 of 500 (chart and table).
    await openTab("mine");
    const line = p.getByTestId(`line-${FAY.address}-${ELI.address}`);
    await e2e.waitForText("line-used", (t) => t === "250 CMC", "line used", line);
    await e2e.waitForText("line-available", (t) => t === "250 CMC", "line available", line);
    await e2e.waitForText(
      "balance-value",
      (t) => t === "−250 CMC",
      "Eli's balance with Fay",
      p.getByTestId(`balance-${FAY.address}`),
    );
    await e2e.screenshot("credit-4-my-credit.png");
    await openTab("pay");
  });

  await step(
    "over the limit: no path can carry 1,000; sending directly shows the decoded CreditLimitExceeded",
    async () => {
      const p = page();
      await closeToasts();
      await p.getByTestId("pay-to").selectOption(FAY.address);
      await p.getByTestId("pay-amount").fill("1000");
      await p.getByTestId("pay-memo").fill("");
      await e2e.waitForText(
        "route-none",
        (t) => t.includes("No path can carry that amount") && t.includes("(Eli → Fay) carries at most 250 CMC"),
        "no route",
      );
      assert(await p.getByTestId("pay-submit").isDisabled(), "Pay should be disabled without a route");
      await p.getByTestId("pay-direct").click();
      const message = "Hop 1: Eli would owe Fay 1,250 CMC but the line allows 500 CMC.";
      await p
        .locator('[data-testid="toast"][data-stage="error"]', { hasText: "Pay Fay 1,000 CMC" })
        .getByText(message)
        .waitFor();
      await e2e.waitForText("pay-error", (t) => t === message, "error under the form");
      await p.screenshot({ path: join(root, "test-results", "credit-5-limit-exceeded.png"), fullPage: true });
      assert((await read.balance(ELI.address, FAY.address)) === -u(250), "the refused payment changed a balance");
    },
  );

  const cycle: { creditor: Person; debtor: Person; amount: number; ref: string; id: bigint }[] = [
    { creditor: FAY, debtor: ELI, amount: 300, ref: "E2E-1 Eli owes Fay", id: 0n },
    { creditor: GUS, debtor: FAY, amount: 250, ref: "E2E-2 Fay owes Gus", id: 0n },
    { creditor: ELI, debtor: GUS, amount: 200, ref: "E2E-3 Gus owes Eli", id: 0n },
  ];

  await step("a 3-cycle of obligations Eli → Fay → Gus → Eli: each creditor records, each debtor accepts", async () => {
    const p = page();
    for (const o of cycle) {
      await as(o.creditor);
      await openTab("obligations");
      await closeToasts();
      await p.getByTestId("record-role").selectOption("creditor");
      await p.getByTestId("record-other").selectOption(o.debtor.address);
      await p.getByTestId("record-amount").fill(String(o.amount));
      await p.getByTestId("record-ref").fill(o.ref);
      await p.getByTestId("record-submit").click();
      await confirmed(`Record: ${o.debtor.name} owes ${o.creditor.name} ${o.amount} CMC`);
      o.id = await read.obligationCount();
      const row = p.getByTestId(`obligation-${o.id}`);
      await row.getByText(o.ref).waitFor();
      await e2e.waitForText("obligation-status", (t) => t === "Proposed", "proposed", row);

      await as(o.debtor);
      await closeToasts();
      await row.getByTestId("accept-obligation").click();
      await confirmed(`Accept obligation #${o.id}`);
      await e2e.waitForText("obligation-status", (t) => t === "Open", "open", row);
      const onChain = await read.obligation(o.id);
      assert(
        onChain.status === 2 && onChain.remaining === u(o.amount) && onChain.debtor === o.debtor.address,
        `obligation #${o.id} on chain: status ${onChain.status}, remaining ${onChain.remaining}`,
      );
    }
    await e2e.screenshot("credit-6-obligations.png");
  });

  const everyone = [ADA.address, account(1), account(2), account(3), ELI.address, FAY.address, GUS.address];
  const ours = [ELI.address, FAY.address, GUS.address];
  /** Obligation net position plus credit position (sum of balances): what no clearing batch may change (CN-3). */
  const combined = async (a: Address) => {
    let total = await read.netPosition(a);
    for (const b of everyone) if (b !== a) total += await read.balance(a, b);
    return total;
  };
  const netBefore = new Map<Address, bigint>();
  const combinedBefore = new Map<Address, bigint>();
  let epochsBefore = 0n;

  await step("Clearing: the solver runs in the browser; before/after graphs and totals show", async () => {
    const p = page();
    for (const a of everyone) {
      netBefore.set(a, await read.netPosition(a));
      combinedBefore.set(a, await combined(a));
    }
    epochsBefore = await read.epochCount();
    await as(GUS);
    await openTab("clearing");
    await p.getByTestId("clearing-solve").click();
    const result = p.getByTestId("clearing-result");
    await result.waitFor();
    await result.getByTestId("graph-before").waitFor();
    await result.getByTestId("graph-after").waitFor();
    await result.getByTestId("clearing-verified").waitFor();
    for (const o of cycle)
      await e2e.waitForText(
        "setoff-amount",
        (t) => t === "200 CMC",
        `set-off of #${o.id}`,
        result.getByTestId(`setoff-${o.id}`),
      );
    const cleared = num(await result.getByTestId("clearing-cleared").textContent());
    const before = num(await result.getByTestId("clearing-before").textContent());
    const after = num(await result.getByTestId("clearing-after").textContent());
    const pct = num(await result.getByTestId("clearing-pct").textContent());
    // Ours (3 × 200) and the demo's own cycle (Bea → Cyrus → Dara → Bea, at least 3 × 200) clear together.
    assert(cleared >= 1200, `cleared ${cleared}, expected at least 1,200 (two 3-cycles of >= 200)`);
    assert(after === before - cleared, `after ${after} != before ${before} - cleared ${cleared}`);
    assert(Math.abs(pct - (cleared / before) * 100) < 0.01, `cleared share ${pct}%`);
    await e2e.screenshot("credit-7-clearing-solved.png");
  });

  await step("submit the batch: each obligation of the cycle drops by 200, net positions unchanged", async () => {
    const p = page();
    await closeToasts();
    await p.getByTestId("clearing-submit").click();
    await confirmed("Submit clearing batch");
    await e2e.waitForText("clearing-submitted", (t) => t.startsWith("Cleared "), "submitted");
    for (const o of cycle) {
      const ob = await read.obligation(o.id);
      assert(
        ob.remaining === u(o.amount - 200),
        `#${o.id} remaining on chain ${ob.remaining}, expected ${o.amount - 200}`,
      );
    }
    // Our members' obligation net positions are untouched (no credit moves among them); every member's combined
    // position is untouched (the demo's members lend liquidity, so part of their invoices may move onto lines).
    for (const a of ours) {
      const now = await read.netPosition(a);
      assert(now === netBefore.get(a), `net position of ${a} changed: ${netBefore.get(a)} → ${now}`);
    }
    for (const a of everyone) {
      const now = await combined(a);
      assert(now === combinedBefore.get(a), `combined position of ${a} changed: ${combinedBefore.get(a)} → ${now}`);
    }
    const epoch = await read.epochCount();
    assert(epoch === epochsBefore + 1n, `epochs ${epochsBefore} → ${epoch}`);
    const logs = parseEventLogs({
      abi: creditNetworkAbi,
      eventName: "ClearingCompleted",
      logs: await client.getLogs({ address: credit, fromBlock: 0n }),
    });
    const last = logs[logs.length - 1].args;
    assert(last.epoch === epoch && last.cleared >= u(600), `epoch ${last.epoch} cleared ${last.cleared}`);
    assert(last.operator === GUS.address, `the batch was submitted by ${last.operator}`);

    // The epochs chart and table show it; so do Gus's obligations.
    const row = p.getByTestId(`epoch-${epoch}`);
    await e2e.waitForText("epoch-cleared", (t) => num(t) === Number(last.cleared / unit), "epoch cleared", row);
    await e2e.screenshot("credit-8-cleared.png");
    await openTab("obligations");
    for (const o of cycle.filter((x) => x.creditor === GUS || x.debtor === GUS)) {
      const r = p.getByTestId(`obligation-${o.id}`);
      await e2e.waitForText("obligation-remaining", (t) => t === `${o.amount - 200} CMC`, `#${o.id} remaining`, r);
      await e2e.waitForText("obligation-cleared", (t) => t.startsWith("200 CMC"), `#${o.id} cleared`, r);
    }
    await e2e.waitForText(
      "obligation-status",
      (t) => t === "Settled",
      "the 200 obligation is settled",
      p.getByTestId(`obligation-${cycle[2].id}`),
    );
  });

  await step("signed terms: Gus signs off-chain (EIP-712), Eli submits them; open at once", async () => {
    const p = page();
    await openTab("obligations");
    await closeToasts();
    await p.getByTestId("record-role").selectOption("debtor");
    await p.getByTestId("record-other").selectOption(ELI.address);
    await p.getByTestId("record-amount").fill("5");
    await p.getByTestId("record-ref").fill("E2E-4 signed terms");
    await p.getByTestId("record-sign").click();
    const output = p.getByTestId("signed-terms-output");
    await output.waitFor();
    const json = await output.inputValue();
    const signed = JSON.parse(json) as { signer: Address; signature: Hex };
    assert(signed.signer === GUS.address, `signed by ${signed.signer}`);

    await as(ELI);
    await closeToasts();
    await p.getByTestId("signed-terms-input").fill(json);
    await e2e.waitForText("signed-terms-preview", (t) => t.startsWith("Gus owes Eli 5 CMC"), "preview");
    const count = await read.obligationCount();
    await p.getByTestId("signed-terms-submit").click();
    await confirmed("Record signed obligation: Gus owes Eli");
    const id = count + 1n;
    assert((await read.obligationCount()) === id, "no obligation was recorded");
    const ob = await read.obligation(id);
    assert(ob.status === 2 && ob.remaining === u(5) && ob.debtor === GUS.address, `signed obligation #${id} on chain`);
    await e2e.waitForText(
      "obligation-status",
      (t) => t === "Open",
      "signed obligation open",
      p.getByTestId(`obligation-${id}`),
    );
    await e2e.screenshot("credit-9-signed.png");
  });

  await step(
    "finding 9: Gus signs terms for Fay, then cancels them; Fay's paste is refused in plain words",
    async () => {
      const p = page();
      await as(GUS);
      await openTab("obligations");
      await closeToasts();
      await p.getByTestId("record-role").selectOption("debtor");
      await p.getByTestId("record-other").selectOption(FAY.address);
      await p.getByTestId("record-amount").fill("3");
      await p.getByTestId("record-ref").fill("E2E-5 withdrawn");
      await p.getByTestId("record-sign").click();
      const output = p.getByTestId("signed-terms-output");
      await output.waitFor();
      const json = await output.inputValue();
      const nonce = BigInt((JSON.parse(json) as { terms: { nonce: string } }).terms.nonce);
      assert(nonce === BigInt(FAY.address) << 64n, `the nonce is keyed by Fay: ${nonce}`);
      await e2e.waitForText("signed-terms-state", (t) => t.includes("outstanding"), "the terms are outstanding");
      await p.getByTestId("signed-terms-cancel").click();
      await confirmed("Cancel signed terms for Fay");
      assert((await read.signatureNonce(GUS.address, FAY.address)) === nonce + 1n, "Gus's nonce towards Fay moved on");
      await e2e.waitForText("signed-terms-state", (t) => t.includes("used"), "the terms are used up");

      await as(FAY);
      await closeToasts();
      const count = await read.obligationCount();
      await p.getByTestId("signed-terms-input").fill(json);
      await e2e.waitForText("signed-terms-preview", (t) => t.startsWith("Gus owes Fay 3 CMC"), "preview");
      await p.getByTestId("signed-terms-submit").click();
      await e2e.waitForText(
        "signed-terms-error",
        (t) => t.includes("already recorded or cancelled by Gus"),
        "the cancelled terms are refused in plain words",
      );
      assert((await read.obligationCount()) === count, "no obligation was recorded");
      await p.getByTestId("signed-terms-input").fill("");
      await as(ELI);
      await openTab("obligations");
    },
  );

  await step("Eli pays the rest of his obligation to Fay on credit (payObligation along the found path)", async () => {
    const p = page();
    const o = cycle[0];
    const row = p.getByTestId(`obligation-${o.id}`);
    await e2e.waitForText("obligation-remaining", (t) => t === "100 CMC", "remaining before", row);
    await closeToasts();
    await row.getByTestId("pay-obligation").click();
    const panel = p.getByTestId("pay-obligation-panel");
    assert(
      (await panel.getByTestId("pay-obligation-amount").inputValue()) === "100",
      "the amount is not the remaining",
    );
    await e2e.waitForText(
      "pay-obligation-route",
      (t) => t.startsWith("Path: Eli → Fay (250 CMC capacity)"),
      "path",
      panel,
    );
    await panel.getByTestId("pay-obligation-submit").click();
    await confirmed(`Pay 100 CMC of obligation #${o.id}`);
    await e2e.waitForText("obligation-status", (t) => t === "Settled", "settled by payment", row);
    const ob = await read.obligation(o.id);
    assert(ob.remaining === 0n && ob.status === 3, `#${o.id} on chain: remaining ${ob.remaining}, status ${ob.status}`);
    assert((await read.balance(ELI.address, FAY.address)) === -u(350), "Eli should now owe Fay 350 on the line");
    await e2e.screenshot("credit-10-obligation-paid.png");
  });
} finally {
  await e2e.closeBrowser();
  await closeServer(server);
  await stack?.close().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}

process.exit(e2e.report());
