// Browser e2e story of the mutual-credit module: Ada admits Eli, Fay and Gus; they opt in to clearing, open credit
// lines, pay directly and along a path, hit the limit, record and clear a 3-cycle, and exchange signed terms.
import { parseEventLogs, type Address, type Hex } from "viem";
import { creditNetworkAbi } from "../../sdk/src/generated/abis.ts";
import { expect, num, test, type Person } from "./fixtures.ts";
import { expectNoRawAddresses } from "./identity.ts";

test.describe.serial("credit", () => {
  test("lines, payments along a path, a cleared 3-cycle, signed terms", async ({ page, stack, as, ui, step }) => {
    const { client } = stack;
    const credit = stack.credit as Address;
    // #0 Ada (steward), #1-#3 demo members, #5-#7 ours.
    const [ADA, ELI, FAY, GUS] = ["Ada", "Eli", "Fay", "Gus"].map(stack.person);
    const openTab = (tab: "mine" | "pay" | "obligations" | "clearing" | "members") => ui.openTab(`credit-tab-${tab}`);
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
      expect(stack.creditDemo, "credit demo data was not seeded").toBeTruthy();
      await page.goto("/#/");
      unit =
        10n ** BigInt(await client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "decimals" }));
      await page.getByTestId("nav-credit").click();
      await ui.waitForText("credit-name", (t) => t.startsWith("Commons Credit"), "network name");
      await as(ADA);
      await ui.waitForText("credit-me-status", (t) => t.includes("steward"), "Ada's standing");
      // The demo's network summary: its members (the four enterprises, and Lena of the members' gas demo), outstanding
      // invoices, NID.
      const members = stack.creditDemo!.members + (stack.sponsorshipDemo ? 1 : 0);
      await ui.waitForText("summary-members", (t) => t.startsWith(String(members)), "members in the summary");
      const [outstanding, nid] = await Promise.all([
        client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "outstanding" }),
        client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "netInternalDebt" }),
      ]);
      await ui.waitForText(
        "summary-outstanding",
        (t) => num(t.split("CMC")[0]) === Number(outstanding / unit),
        "outstanding",
      );
      await ui.waitForText("summary-nid", (t) => num(t) === Number(nid / unit), "NID");
    });

    await step("Ada admits Eli, Fay and Gus on the Members screen", async () => {
      await openTab("members");
      for (const who of [ELI, FAY, GUS]) {
        await ui.closeToasts();
        await page.getByTestId("admit-address").fill(who.address);
        await page.getByTestId("admit-submit").click();
        await ui.confirmed(`Admit ${who.name}`);
        await page
          .getByTestId(`credit-member-${who.address}`)
          .getByTestId("member-status")
          .filter({ hasText: "Active" })
          .waitFor();
        const m = await read.member(who.address);
        expect(m.status, `${who.name} is not an active member on chain (status ${m.status})`).toBe(1);
      }
      // Admitting twice is explained before anything is sent, in the words of the network's AlreadyMember revert.
      await page.getByTestId("admit-address").fill(ELI.address);
      await ui.waitForText(
        "admit-submit-blocked",
        (x) => x === "Eli is already a member of the credit network.",
        "the reason beside Admit",
      );
      await expect(page.getByTestId("admit-submit")).toBeDisabled();
      await ui.screenshot("credit-1-members.png");
    });

    await step("Eli, Fay and Gus each opt in to clearing", async () => {
      for (const who of [ELI, FAY, GUS]) {
        await as(who);
        await openTab("clearing");
        await ui.closeToasts();
        await ui.waitForText("consent-now", (t) => t.includes("clearing off"), `${who.name}'s consent before`);
        await page.getByTestId("consent-clearing").check();
        await page.getByTestId("consent-save").click();
        await ui.confirmed("Save clearing consent");
        await ui.waitForText("consent-now", (t) => t.includes("clearing on"), `${who.name}'s consent after`);
        const m = await read.member(who.address);
        expect(m.clearing && !m.liquidity, `${who.name}'s consent on chain: ${JSON.stringify(m)}`).toBeTruthy();
      }
    });

    async function offerAndAccept(giver: Person, receiver: Person, limit: number) {
      await as(giver);
      await openTab("mine");
      await ui.closeToasts();
      await page.getByTestId("offer-receiver").selectOption(receiver.address);
      await page.getByTestId("offer-limit").fill(String(limit));
      await page.getByTestId("offer-submit").click();
      await ui.confirmed(`Offer ${receiver.name} a line of ${limit} CMC`);
      await page.getByTestId(`offer-to-${receiver.address}`).waitFor();

      await as(receiver);
      const offer = page.getByTestId(`offer-from-${giver.address}`);
      await offer.getByText(`offers you a line of ${limit} CMC`).waitFor();
      await offer.getByTestId("accept-offer").click();
      await ui.confirmed(`Accept ${giver.name}'s line of ${limit} CMC`);
      const row = page.getByTestId(`line-${giver.address}-${receiver.address}`);
      await ui.waitForText("line-limit", (t) => t === `${limit} CMC`, "line limit", row);
      await ui.waitForText("line-available", (t) => t === `${limit} CMC`, "line available", row);
      expect(await read.limit(giver.address, receiver.address), "the limit on chain differs").toBe(u(limit));
    }

    await step("credit lines: Fay offers Eli 500, Gus offers Fay 400; each receiver accepts", async () => {
      await offerAndAccept(FAY, ELI, 500);
      await offerAndAccept(GUS, FAY, 400);
      await ui.screenshot("credit-2-lines.png");
    });

    await step("Eli pays Fay 100 directly (route and fee shown before signing)", async () => {
      await as(ELI);
      await openTab("pay");
      await ui.closeToasts();
      await page.getByTestId("pay-to").selectOption(FAY.address);
      await page.getByTestId("pay-amount").fill("100");
      await page.getByTestId("pay-memo").fill("e2e: sensor boards");
      await ui.waitForText("route-path", (t) => t === "Eli → Fay", "direct route");
      await ui.waitForText("hop-capacity", (t) => t === "500 CMC", "direct capacity");
      await ui.waitForText(
        "route-fee",
        (t) => t.startsWith("Fee: none — intermediaries' positions don't change"),
        "fee",
      );
      await page.getByTestId("pay-submit").click();
      await ui.confirmed("Pay Fay 100 CMC");
      await ui.waitForText("pay-done", (t) => t === "Paid Fay 100 CMC.", "payment done");
      expect(await read.balance(ELI.address, FAY.address), "Eli should owe Fay 100 on chain").toBe(-u(100));
      await page.getByTestId("payments-table").getByText("e2e: sensor boards").waitFor();
    });

    await step("Eli pays Gus 150 along Eli → Fay → Gus; Fay's position does not change", async () => {
      const fayBefore = (await read.balance(FAY.address, ELI.address)) + (await read.balance(FAY.address, GUS.address));
      await ui.closeToasts();
      await page.getByTestId("pay-to").selectOption(GUS.address);
      await page.getByTestId("pay-amount").fill("150");
      await page.getByTestId("pay-memo").fill("e2e: through Fay");
      await ui.waitForText("route-path", (t) => t === "Eli → Fay → Gus", "route through Fay");
      const hops = page.getByTestId("pay-route");
      await ui.waitForText("hop-capacity", (t) => t === "400 CMC", "hop 1 capacity", hops.getByTestId("route-hop-0"));
      await ui.waitForText("hop-capacity", (t) => t === "400 CMC", "hop 2 capacity", hops.getByTestId("route-hop-1"));
      await hops.getByText("confirmed on chain").first().waitFor();
      await ui.waitForText("route-fee", (t) => t.includes("Fee: none") && t.includes("Fay receive"), "fee");
      const label = (await page.getByTestId("pay-submit").textContent())?.trim();
      expect(label, `the pay button says "${label}"`).toBe("Pay Gus 150 CMC via Fay");
      await ui.screenshot("credit-3-pay-path.png");
      await page.getByTestId("pay-submit").click();
      await ui.confirmed("Pay Gus 150 CMC via Fay");
      expect(await read.balance(ELI.address, FAY.address), "Eli should owe Fay 250").toBe(-u(250));
      expect(await read.balance(FAY.address, GUS.address), "Fay should owe Gus 150").toBe(-u(150));
      const fayAfter = (await read.balance(FAY.address, ELI.address)) + (await read.balance(FAY.address, GUS.address));
      expect(fayAfter, `Fay's position changed: ${fayBefore} → ${fayAfter}`).toBe(fayBefore);
      await page.getByTestId("payments-table").getByText("Eli → Fay → Gus").waitFor();
      // My credit: the line Fay gives Eli is used 250 of 500 (chart and table).
      await openTab("mine");
      const line = page.getByTestId(`line-${FAY.address}-${ELI.address}`);
      await ui.waitForText("line-used", (t) => t === "250 CMC", "line used", line);
      await ui.waitForText("line-available", (t) => t === "250 CMC", "line available", line);
      await ui.waitForText(
        "balance-value",
        (t) => t === "−250 CMC",
        "Eli's balance with Fay",
        page.getByTestId(`balance-${FAY.address}`),
      );
      await ui.screenshot("credit-4-my-credit.png");
      await openTab("pay");
    });

    await step(
      "over the limit: no path can carry 1,000; sending directly shows the decoded CreditLimitExceeded",
      async () => {
        await ui.closeToasts();
        await page.getByTestId("pay-to").selectOption(FAY.address);
        await page.getByTestId("pay-amount").fill("1000");
        await page.getByTestId("pay-memo").fill("");
        await ui.waitForText(
          "route-none",
          (t) => t.includes("No path can carry that amount") && t.includes("(Eli → Fay) carries at most 250 CMC"),
          "no route",
        );
        expect(
          await page.getByTestId("pay-submit").isDisabled(),
          "Pay should be disabled without a route",
        ).toBeTruthy();
        await page.getByTestId("pay-direct").click();
        const message = "Hop 1: Eli would owe Fay 1,250 CMC but the line allows 500 CMC.";
        await page
          .locator('[data-testid="toast"][data-stage="error"]', { hasText: "Pay Fay 1,000 CMC" })
          .getByText(message)
          .waitFor();
        await ui.waitForText("pay-error", (t) => t === message, "error under the form");
        await ui.screenshot("credit-5-limit-exceeded.png", { keepToasts: true });
        expect(await read.balance(ELI.address, FAY.address), "the refused payment changed a balance").toBe(-u(250));
      },
    );

    /** Fills the obligation form: the connected member is the `role` towards `other`. */
    async function fillObligation(role: "creditor" | "debtor", other: Person, amount: number, ref: string) {
      await openTab("obligations");
      await ui.closeToasts();
      await page.getByTestId("record-role").selectOption(role);
      await page.getByTestId("record-other").selectOption(other.address);
      await page.getByTestId("record-amount").fill(String(amount));
      await page.getByTestId("record-ref").fill(ref);
    }

    /** The connected member signs off-chain that they owe `creditor` `amount`; returns the payload to share. */
    async function signTerms(creditor: Person, amount: number, ref: string) {
      await fillObligation("debtor", creditor, amount, ref);
      await page.getByTestId("record-sign").click();
      const output = page.getByTestId("signed-terms-output");
      await output.waitFor();
      return output.inputValue();
    }

    const cycle: { creditor: Person; debtor: Person; amount: number; ref: string; id: bigint }[] = [
      { creditor: FAY, debtor: ELI, amount: 300, ref: "E2E-1 Eli owes Fay", id: 0n },
      { creditor: GUS, debtor: FAY, amount: 250, ref: "E2E-2 Fay owes Gus", id: 0n },
      { creditor: ELI, debtor: GUS, amount: 200, ref: "E2E-3 Gus owes Eli", id: 0n },
    ];

    await step(
      "a 3-cycle of obligations Eli → Fay → Gus → Eli: each creditor records, each debtor accepts",
      async () => {
        for (const o of cycle) {
          await as(o.creditor);
          await fillObligation("creditor", o.debtor, o.amount, o.ref);
          await page.getByTestId("record-submit").click();
          await ui.confirmed(`Record: ${o.debtor.name} owes ${o.creditor.name} ${o.amount} CMC`);
          o.id = await read.obligationCount();
          const row = page.getByTestId(`obligation-${o.id}`);
          await row.getByText(o.ref).waitFor();
          await ui.waitForText("obligation-status", (t) => t === "Proposed", "proposed", row);

          await as(o.debtor);
          await ui.closeToasts();
          await row.getByTestId("accept-obligation").click();
          await ui.confirmed(`Accept obligation #${o.id}`);
          await ui.waitForText("obligation-status", (t) => t === "Open", "open", row);
          const onChain = await read.obligation(o.id);
          expect(
            onChain.status === 2 && onChain.remaining === u(o.amount) && onChain.debtor === o.debtor.address,
            `obligation #${o.id} on chain: status ${onChain.status}, remaining ${onChain.remaining}`,
          ).toBeTruthy();
        }
        await ui.screenshot("credit-6-obligations.png");
      },
    );

    const everyone = [ADA, ...["Bea", "Cyrus", "Dara"].map(stack.person), ELI, FAY, GUS].map((x) => x.address);
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
      for (const a of everyone) {
        netBefore.set(a, await read.netPosition(a));
        combinedBefore.set(a, await combined(a));
      }
      epochsBefore = await read.epochCount();
      await as(GUS);
      await openTab("clearing");
      await page.getByTestId("clearing-solve").click();
      const result = page.getByTestId("clearing-result");
      await result.waitFor();
      await result.getByTestId("graph-before").waitFor();
      await result.getByTestId("graph-after").waitFor();
      await result.getByTestId("clearing-verified").waitFor();
      for (const o of cycle)
        await ui.waitForText(
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
      expect(cleared >= 1200, `cleared ${cleared}, expected at least 1,200 (two 3-cycles of >= 200)`).toBeTruthy();
      expect(after, `after ${after} != before ${before} - cleared ${cleared}`).toBe(before - cleared);
      expect(Math.abs(pct - (cleared / before) * 100) < 0.01, `cleared share ${pct}%`).toBeTruthy();
      await ui.screenshot("credit-7-clearing-solved.png");
      await expectNoRawAddresses(page);
    });

    await step("submit the batch: each obligation of the cycle drops by 200, net positions unchanged", async () => {
      await ui.closeToasts();
      await page.getByTestId("clearing-submit").click();
      await ui.confirmed("Submit clearing batch");
      await ui.waitForText("clearing-submitted", (t) => t.startsWith("Cleared "), "submitted");
      for (const o of cycle) {
        const ob = await read.obligation(o.id);
        expect(ob.remaining, `#${o.id} remaining on chain ${ob.remaining}, expected ${o.amount - 200}`).toBe(
          u(o.amount - 200),
        );
      }
      // Our members' obligation net positions are untouched (no credit moves among them); every member's combined
      // position is untouched (the demo's members lend liquidity, so part of their invoices may move onto lines).
      for (const a of ours) {
        const now = await read.netPosition(a);
        expect(now, `net position of ${a} changed: ${netBefore.get(a)} → ${now}`).toBe(netBefore.get(a));
      }
      for (const a of everyone) {
        const now = await combined(a);
        expect(now, `combined position of ${a} changed: ${combinedBefore.get(a)} → ${now}`).toBe(combinedBefore.get(a));
      }
      const epoch = await read.epochCount();
      expect(epoch, `epochs ${epochsBefore} → ${epoch}`).toBe(epochsBefore + 1n);
      const logs = parseEventLogs({
        abi: creditNetworkAbi,
        eventName: "ClearingCompleted",
        logs: await client.getLogs({ address: credit, fromBlock: 0n }),
      });
      const last = logs[logs.length - 1].args;
      expect(
        last.epoch === epoch && last.cleared >= u(600),
        `epoch ${last.epoch} cleared ${last.cleared}`,
      ).toBeTruthy();
      expect(last.operator, `the batch was submitted by ${last.operator}`).toBe(GUS.address);

      // The epochs chart and table show it; so do Gus's obligations.
      const row = page.getByTestId(`epoch-${epoch}`);
      await ui.waitForText("epoch-cleared", (t) => num(t) === Number(last.cleared / unit), "epoch cleared", row);
      await ui.screenshot("credit-8-cleared.png");
      await openTab("obligations");
      for (const o of cycle.filter((x) => x.creditor === GUS || x.debtor === GUS)) {
        const r = page.getByTestId(`obligation-${o.id}`);
        await ui.waitForText("obligation-remaining", (t) => t === `${o.amount - 200} CMC`, `#${o.id} remaining`, r);
        await ui.waitForText("obligation-cleared", (t) => t.startsWith("200 CMC"), `#${o.id} cleared`, r);
      }
      await ui.waitForText(
        "obligation-status",
        (t) => t === "Settled",
        "the 200 obligation is settled",
        page.getByTestId(`obligation-${cycle[2].id}`),
      );
    });

    await step("signed terms: Gus signs off-chain (EIP-712), Eli submits them; open at once", async () => {
      const json = await signTerms(ELI, 5, "E2E-4 signed terms");
      const signed = JSON.parse(json) as { signer: Address; signature: Hex };
      expect(signed.signer, `signed by ${signed.signer}`).toBe(GUS.address);

      await as(ELI);
      await ui.closeToasts();
      await page.getByTestId("signed-terms-input").fill(json);
      await ui.waitForText("signed-terms-preview", (t) => t.startsWith("Gus owes Eli 5 CMC"), "preview");
      const count = await read.obligationCount();
      await page.getByTestId("signed-terms-submit").click();
      await ui.confirmed("Record signed obligation: Gus owes Eli");
      const id = count + 1n;
      expect(await read.obligationCount(), "no obligation was recorded").toBe(id);
      const ob = await read.obligation(id);
      expect(
        ob.status === 2 && ob.remaining === u(5) && ob.debtor === GUS.address,
        `signed obligation #${id} on chain`,
      ).toBeTruthy();
      await ui.waitForText(
        "obligation-status",
        (t) => t === "Open",
        "signed obligation open",
        page.getByTestId(`obligation-${id}`),
      );
      await ui.screenshot("credit-9-signed.png");
    });

    await step(
      "finding 9: Gus signs terms for Fay, then cancels them; Fay's paste is refused in plain words",
      async () => {
        await as(GUS);
        const json = await signTerms(FAY, 3, "E2E-5 withdrawn");
        const nonce = BigInt((JSON.parse(json) as { terms: { nonce: string } }).terms.nonce);
        expect(nonce, `the nonce is keyed by Fay: ${nonce}`).toBe(BigInt(FAY.address) << 64n);
        await ui.waitForText("signed-terms-state", (t) => t.includes("outstanding"), "the terms are outstanding");
        await page.getByTestId("signed-terms-cancel").click();
        await ui.confirmed("Cancel signed terms for Fay");
        expect(await read.signatureNonce(GUS.address, FAY.address), "Gus's nonce towards Fay moved on").toBe(
          nonce + 1n,
        );
        await ui.waitForText("signed-terms-state", (t) => t.includes("used"), "the terms are used up");

        await as(FAY);
        await ui.closeToasts();
        const count = await read.obligationCount();
        await page.getByTestId("signed-terms-input").fill(json);
        await ui.waitForText("signed-terms-preview", (t) => t.startsWith("Gus owes Fay 3 CMC"), "preview");
        await page.getByTestId("signed-terms-submit").click();
        await ui.waitForText(
          "signed-terms-error",
          (t) => t.includes("already recorded or cancelled by Gus"),
          "the cancelled terms are refused in plain words",
        );
        expect(await read.obligationCount(), "no obligation was recorded").toBe(count);
        await page.getByTestId("signed-terms-input").fill("");
        await as(ELI);
        await openTab("obligations");
      },
    );

    await step(
      "Eli pays the rest of his obligation to Fay on credit (payObligation along the found path)",
      async () => {
        const o = cycle[0];
        const row = page.getByTestId(`obligation-${o.id}`);
        await ui.waitForText("obligation-remaining", (t) => t === "100 CMC", "remaining before", row);
        await ui.closeToasts();
        await row.getByTestId("pay-obligation").click();
        const panel = page.getByTestId("pay-obligation-panel");
        expect(await panel.getByTestId("pay-obligation-amount").inputValue(), "the amount is not the remaining").toBe(
          "100",
        );
        await ui.waitForText(
          "pay-obligation-route",
          (t) => t.startsWith("Path: Eli → Fay (250 CMC capacity)"),
          "path",
          panel,
        );
        await panel.getByTestId("pay-obligation-submit").click();
        await ui.confirmed(`Pay 100 CMC of obligation #${o.id}`);
        await ui.waitForText("obligation-status", (t) => t === "Settled", "settled by payment", row);
        const ob = await read.obligation(o.id);
        expect(
          ob.remaining === 0n && ob.status === 3,
          `#${o.id} on chain: remaining ${ob.remaining}, status ${ob.status}`,
        ).toBeTruthy();
        expect(await read.balance(ELI.address, FAY.address), "Eli should now owe Fay 350 on the line").toBe(-u(350));
        await ui.screenshot("credit-10-obligation-paid.png");
      },
    );
  });
});
