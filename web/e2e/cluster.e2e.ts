// Browser e2e story of the micro-cluster exchange, in a new category (4200, dried apricots by the kg) around Bologna:
// Ada admits Eli's and Fay's workshops to the credit network; three makers (Bea, Cyrus, Eli) post offers and two
// buyers (Dara and Fay) post needs, each new trader first asked to allow the exchange; the matcher in the browser finds the batch the SDK's matcher finds from the chain (65 kg, where
// nearest-first reaches 40), and Ada submits it; Cyrus accepts his order, produces and ships it, Dara confirms the
// delivery and owes him 220 CMC on the credit network; that obligation clears in a clearing batch with the cluster's
// other invoices; and a match by hand at a price outside the terms, and one farther than a buyer accepts, show the
// decoded errors. A second story: Bea takes a commercial licence on the e-assist frame and lets the exchange report her
// deliveries; her order of three is delivered, reported to her licence (36 dEUR owed), and she pays it from the
// design's page, split as any fee. Every step is checked on chain.
import { distanceMetres, matchIntents, type Intent } from "@cosmolocal/sdk";
import { hexToString, parseAbi, type Address } from "viem";
import { clusterExchangeAbi, creditNetworkAbi, designCommonsAbi } from "../../sdk/src/generated/abis.ts";
import { expect, num, revertOf, test, type Person } from "./fixtures.ts";

const CATEGORY = 4200;
const LAT = 44.4949;
/** Microdegrees of a place at the story's latitude and `lon` degrees. */
const at = (lon: number) => ({ lat: Math.round(LAT * 1e6), lon: Math.round(lon * 1e6) });

test.describe.serial("micro-cluster exchange", () => {
  test("offers and needs matched in the browser, an order delivered and its obligation cleared", async ({
    page,
    stack,
    as,
    ui,
    step,
  }) => {
    test.setTimeout(480_000);
    const { client } = stack;
    const [ADA, BEA, CYRUS, DARA, ELI, FAY] = ["Ada", "Bea", "Cyrus", "Dara", "Eli", "Fay"].map(stack.person);
    expect(stack.clusterDemo, "cluster demo data was not seeded").toBeTruthy();
    const ex = { address: stack.cluster as Address, abi: clusterExchangeAbi } as const;
    const cn = { address: stack.credit as Address, abi: creditNetworkAbi } as const;
    const decimals = await client.readContract({ ...cn, functionName: "decimals" });
    const cmc = (n: number) => BigInt(Math.round(n * 100)) * 10n ** BigInt(decimals - 2);
    const read = {
      intentCount: () => client.readContract({ ...ex, functionName: "intentCount" }),
      orderCount: () => client.readContract({ ...ex, functionName: "orderCount" }),
      intent: (id: bigint) => client.readContract({ ...ex, functionName: "intent", args: [id] }),
      orderHash: (id: bigint) => client.readContract({ ...ex, functionName: "orderHash", args: [id] }),
      obligation: (id: bigint) => client.readContract({ ...cn, functionName: "obligation", args: [id] }),
      approved: (who: Person) =>
        client.readContract({ ...cn, functionName: "isObligationOperator", args: [who.address, ex.address] }),
    };
    /** The terms of intent `id` as posted (its IntentPosted event). */
    async function postedTerms(id: bigint) {
      const [log] = await client.getContractEvents({
        ...ex,
        eventName: "IntentPosted",
        args: { intentId: id },
        fromBlock: 0n,
        strict: true,
      });
      return log.args.terms;
    }

    const posts = [
      { who: BEA, side: "offer", quantity: 30, price: "10", lon: 11.32, km: "20" },
      { who: CYRUS, side: "offer", quantity: 20, price: "11", lon: 11.36, km: "20" },
      { who: ELI, side: "offer", quantity: 25, price: "9", lon: 11.38, km: "20" },
      { who: DARA, side: "need", quantity: 40, price: "12", lon: 11.385, km: "20" },
      { who: FAY, side: "need", quantity: 30, price: "12", lon: 11.4, km: "3" },
    ] as const;
    const ids = new Map<string, bigint>();

    await step("Ada admits Eli's and Fay's workshops to the credit network", async () => {
      await page.goto("/#/credit/members");
      await as(ADA);
      for (const who of [ELI, FAY]) {
        await ui.closeToasts();
        await page.getByTestId("admit-address").fill(who.address);
        await page.getByTestId("admit-submit").click();
        await ui.confirmed(`Admit ${who.name}`);
        expect((await client.readContract({ ...cn, functionName: "member", args: [who.address] })).status).toBe(1);
      }
    });

    await step(
      "three makers post offers and two buyers post needs; each new trader first allows the exchange",
      async () => {
        await page.goto("/#/cluster/post");
        await ui.waitForText("cluster-title", (x) => x === "Local exchange", "the cluster module");
        for (const p of posts) {
          await as(p.who);
          if (!(await read.approved(p.who))) {
            // Posting is refused until the member allows the exchange: the form says why, and the approval is one click.
            await ui.waitForText("intent-submit-blocked", (x) => x.includes("has not allowed the exchange"), "refusal");
            await ui.closeToasts();
            await page.getByTestId("cluster-approve").click();
            await ui.confirmed("Allow the cluster exchange to record my orders' obligations");
            expect(await read.approved(p.who), `${p.who.name}'s approval on chain`).toBe(true);
            await page.getByTestId("cluster-unapprove").waitFor();
          }
          await page.getByTestId("intent-side").selectOption(p.side);
          await page.getByTestId("intent-category").fill(String(CATEGORY));
          await page.getByTestId("intent-unit").fill("kg");
          await page.getByTestId("intent-quantity").fill(String(p.quantity));
          await page.getByTestId("intent-price").fill(p.price);
          await page.getByTestId("intent-km").fill(p.km);
          await page.getByTestId("intent-place-lat").fill(String(LAT));
          await page.getByTestId("intent-place-lon").fill(String(p.lon));
          await ui.closeToasts();
          await page.getByTestId("intent-submit").click();
          await ui.confirmed(
            `Post ${p.side === "offer" ? "an offer" : "a need"} of ${p.quantity} kg (category ${CATEGORY})`,
          );
          const id = await read.intentCount();
          ids.set(p.who.name, id);
          const t = await postedTerms(id);
          const place = at(p.lon);
          expect(
            t.owner === p.who.address &&
              t.side === (p.side === "offer" ? 0 : 1) &&
              t.category === CATEGORY &&
              hexToString(t.unit).replace(/\0+$/, "") === "kg" &&
              t.quantity === BigInt(p.quantity) &&
              t.price === cmc(Number(p.price)) &&
              t.lat === place.lat &&
              t.lon === place.lon &&
              t.maxDistance === Number(p.km) * 1000 &&
              t.end > t.start,
            `${p.who.name}'s intent #${id} on chain: ${JSON.stringify(t, (_, v) => (typeof v === "bigint" ? `${v}` : v))}`,
          ).toBeTruthy();
          const [hash, matched] = await read.intent(id);
          expect(/^0x0+$/.test(hash) || matched !== 0n, `intent #${id} stored unmatched`).toBe(false);
          await page.getByTestId(`my-intent-${id}`).waitFor();
        }
        await ui.screenshot("cluster-1-posted.png");
      },
    );

    await step("Dara sees the offers near her, with the contract's distances", async () => {
      await page.goto("/#/cluster/near");
      await page.getByTestId("near-place-lat").fill(String(LAT));
      await page.getByTestId("near-place-lon").fill("11.385");
      await page.getByTestId("near-set-place").click();
      await page.getByTestId("near-side").selectOption("offer");
      await page.getByTestId("near-category").fill(String(CATEGORY));
      for (const p of posts.filter((x) => x.side === "offer")) {
        const row = page.getByTestId(`near-row-${ids.get(p.who.name)}`);
        await row.waitFor();
        const a = at(11.385);
        const b = at(p.lon);
        const metres = distanceMetres(a.lat, a.lon, b.lat, b.lon);
        const shown = await row.getByTestId("near-distance").textContent();
        const expected = metres < 1000 ? `${metres} m` : `${(metres / 1000).toFixed(1)} km`;
        expect(shown?.startsWith(expected), `${p.who.name}'s offer at ${shown}, the contract says ${metres} m`).toBe(
          true,
        );
      }
      // Nearest first: Eli's (395 m), Cyrus's (about 2 km), Bea's (about 5.1 km).
      const order = await page
        .locator('[data-testid^="near-row-"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")));
      expect(order, "sorted by distance").toEqual(["Eli", "Cyrus", "Bea"].map((n) => `near-row-${ids.get(n)}`));
      await ui.screenshot("cluster-2-near.png");
    });

    const expected = [
      { maker: "Bea", buyer: "Dara", quantity: 20n, price: cmc(10) },
      { maker: "Cyrus", buyer: "Dara", quantity: 20n, price: cmc(11) },
      { maker: "Eli", buyer: "Fay", quantity: 25n, price: cmc(9) },
    ];
    let firstOrder = 0n;
    await step(
      "the matcher in the browser finds the expected matches (65 kg; nearest-first 40) and Ada submits them",
      async () => {
        // What the SDK's matcher finds from the chain's intents, as the contract holds them.
        const intents: Intent[] = [];
        for (const p of posts) {
          const id = ids.get(p.who.name)!;
          const t = await postedTerms(id);
          intents.push({
            id,
            owner: t.owner,
            side: t.side === 0 ? "offer" : "need",
            category: t.category,
            unit: "kg",
            designId: t.designId,
            spec: t.spec,
            remaining: t.quantity,
            price: t.price,
            start: t.start,
            end: t.end,
            lat: t.lat,
            lon: t.lon,
            maxDistance: t.maxDistance,
          });
        }
        const sdk = matchIntents(intents, { costPerUnitKm: cmc(0.5) });
        expect(
          sdk.matches.map((m) => [m.offerId, m.needId, m.quantity, m.price]),
          "the SDK's batch from the chain",
        ).toEqual(expected.map((e) => [ids.get(e.maker), ids.get(e.buyer), e.quantity, e.price]));

        await page.goto("/#/cluster/match");
        await as(ADA);
        await page.getByTestId("match-category").fill(String(CATEGORY));
        await page.getByTestId("match-cost").fill("0.5");
        await page.getByTestId("match-find").click();
        const result = page.getByTestId("match-result");
        await result.waitFor();
        await ui.waitForText("match-quantity", (x) => x.startsWith("65 units in 3 matches"), "the optimal quantity");
        await ui.waitForText("match-read", (x) => x.includes("Every match passes the exchange's checks"), "checked");
        for (const e of expected) {
          const row = page.getByTestId(`match-${ids.get(e.maker)}-${ids.get(e.buyer)}`);
          expect(num(await row.locator("td").nth(3).textContent()), `${e.maker} → ${e.buyer}`).toBe(Number(e.quantity));
        }
        await expect(page.getByTestId("match-list").locator("tbody tr")).toHaveCount(3);
        await ui.screenshot("cluster-3-matches.png");
        firstOrder = (await read.orderCount()) + 1n;
        await ui.closeToasts();
        await page.getByTestId("match-submit").click();
        await ui.confirmed("Submit 3 matches");
        await ui.waitForText("match-done", (x) => x.startsWith("Submitted 3 matches"), "submitted");
        expect(await read.orderCount(), "three new orders").toBe(firstOrder + 2n);
        const matched = async (name: string) => (await read.intent(ids.get(name)!))[1];
        expect(
          [
            await matched("Bea"),
            await matched("Cyrus"),
            await matched("Eli"),
            await matched("Dara"),
            await matched("Fay"),
          ],
          "matched per intent on chain",
        ).toEqual([20n, 20n, 25n, 40n, 25n]);
      },
    );

    const cyrusOrder = () => firstOrder + 1n;
    let obligationId = 0n;
    await step("Cyrus accepts his order, produces and ships it; Dara confirms: she owes him 220 CMC", async () => {
      const id = cyrusOrder();
      await page.goto("/#/cluster/orders");
      await as(CYRUS);
      const row = page.getByTestId(`order-${id}`);
      await row.waitFor();
      await ui.closeToasts();
      await page.getByTestId(`order-${id}-accept`).click();
      await page.getByTestId(`order-${id}-accept-send`).click();
      await ui.confirmed(`Accept order #${id}`);
      await ui.waitForText("order-state", (x) => x === "Accepted", "accepted", row);
      await page.getByTestId(`order-${id}-start`).click();
      await ui.confirmed(`Start producing order #${id}`);
      await ui.waitForText("order-state", (x) => x === "In production", "in production", row);
      // The public board shows it, made in Cyrus's workshop.
      await page.goto("/#/cluster/board");
      await page.getByTestId(`board-${id}`).waitFor();
      await ui.screenshot("cluster-4-board.png");
      await page.goto("/#/cluster/orders");
      await ui.closeToasts();
      await page.getByTestId(`order-${id}-ship`).click();
      await ui.confirmed(`Ship order #${id}`);
      await ui.waitForText("order-state", (x) => x === "Shipped", "shipped", row);

      await as(DARA);
      await page.getByTestId("orders-buyer").click();
      await ui.closeToasts();
      await page.getByTestId(`order-${id}-confirm`).click();
      await ui.confirmed(`Confirm the delivery of order #${id}`);
      await ui.waitForText("order-state", (x) => x === "Delivered", "delivered", page.getByTestId(`order-${id}`));
      const [delivered] = await client.getContractEvents({
        ...ex,
        eventName: "OrderDelivered",
        args: { orderId: id },
        fromBlock: 0n,
        strict: true,
      });
      obligationId = delivered.args.obligationId;
      const o = await read.obligation(obligationId);
      expect(
        o.debtor === DARA.address && o.creditor === CYRUS.address && o.amount === cmc(220) && o.status === 2,
        `obligation #${obligationId} on chain: ${o.debtor} owes ${o.creditor} ${o.amount} (status ${o.status})`,
      ).toBeTruthy();
      expect(/^0x0+$/.test(await read.orderHash(id)), "the order's record is kept").toBe(false);
      await ui.waitForText("order-obligation", (x) => x.startsWith(`Obligation #${obligationId}: 220 CMC`), "shown");
      await ui.screenshot("cluster-5-delivered.png");
      // Its public page: every step with its time and who took it.
      await page.getByTestId(`order-link-${id}`).click();
      await page.getByTestId("order-view").waitFor();
      await expect(page.getByTestId("order-steps").locator("tbody tr td:first-child")).toHaveText([
        "Matched",
        "Accepted",
        "In production",
        "Shipped",
        "Delivered",
      ]);
      await ui.waitForText("order-view-obligation", (x) => x === `#${obligationId}: 220 CMC`, "the obligation");
      // A second delivery is refused: the record (passed as it now is) is Delivered (CX-2).
      const again = await revertOf(
        client.simulateContract({
          ...ex,
          account: DARA.address,
          functionName: "confirmDelivery",
          args: [id, await currentRecord(id)],
        }),
      );
      expect(again.name, "a double delivery reverts").toBe("WrongOrderState");
    });

    /** Order `id`'s record as the dApp passes it, rebuilt from its events. */
    async function currentRecord(id: bigint) {
      const [m] = await client.getContractEvents({
        ...ex,
        eventName: "OrderMatched",
        args: { orderId: id },
        fromBlock: 0n,
        strict: true,
      });
      const offer = await postedTerms(m.args.offerId);
      const need = await postedTerms(m.args.needId);
      const [acc] = await client.getContractEvents({
        ...ex,
        eventName: "OrderAccepted",
        args: { orderId: id },
        fromBlock: 0n,
        strict: true,
      });
      const [ship] = await client.getContractEvents({
        ...ex,
        eventName: "OrderShipped",
        args: { orderId: id },
        fromBlock: 0n,
        strict: true,
      });
      const block = await client.getBlock({ blockNumber: m.blockNumber });
      return {
        offerId: m.args.offerId,
        needId: m.args.needId,
        producer: offer.owner,
        buyer: need.owner,
        designId: offer.designId,
        quantity: m.args.quantity,
        price: m.args.price,
        matchedAt: Number(block.timestamp),
        dueBy: need.end,
        promisedAt: acc?.args.promisedAt ?? 0,
        shippedAt: ship?.args.at ?? 0,
        state: 5,
      };
    }

    await step("the delivery's obligation clears in a clearing batch with the cluster's other invoices", async () => {
      const before = await read.obligation(obligationId);
      await page.goto("/#/credit/clearing");
      await as(ADA);
      await page.getByTestId("clearing-solve").click();
      const result = page.getByTestId("clearing-result");
      await result.waitFor();
      await result.getByTestId("clearing-verified").waitFor();
      const ours = page.getByTestId(`setoff-${obligationId}`);
      await ours.waitFor();
      const setOffs = await page.locator('[data-testid^="setoff-"]').count();
      expect(setOffs, "the batch sets off other invoices too").toBeGreaterThan(1);
      await ui.screenshot("cluster-6-clearing.png");
      await ui.closeToasts();
      await page.getByTestId("clearing-submit").click();
      await ui.confirmed("Submit clearing batch");
      const after = await read.obligation(obligationId);
      expect(
        after.remaining < before.remaining,
        `obligation #${obligationId}: ${before.remaining} owed before, ${after.remaining} after`,
      ).toBe(true);
    });

    await step("a match by hand outside the terms shows the decoded errors", async () => {
      await page.goto("/#/cluster/match");
      await as(ADA);
      const hand = async (offer: string, need: string, quantity: string, price: string) => {
        await page.getByTestId("hand-offer").fill(ids.get(offer)!.toString());
        await page.getByTestId("hand-need").fill(ids.get(need)!.toString());
        await page.getByTestId("hand-quantity").fill(quantity);
        await page.getByTestId("hand-price").fill(price);
        await ui.closeToasts();
        await page.getByTestId("hand-submit").click();
        return ui.waitForText("hand-error", (x) => x.length > 0, "the decoded error");
      };
      // Bea's offer (10 kg left) for Dara's need at 13 CMC: above Dara's highest, 12 CMC.
      const price = await hand("Bea", "Dara", "5", "13");
      expect(price, "PriceOutsideTerms, worded").toContain(
        "A price of 13 CMC per unit lies outside the terms: it must be at least the offer's 10 CMC and at most the need's 12 CMC.",
      );
      await ui.refused(`Submit 1 match`);
      // Bea's offer for Fay's need: 6.3 km apart, and Fay accepts 3 km.
      const far = await hand("Bea", "Fay", "5", "10");
      expect(far, "TooFar, worded").toContain(
        "The two places are 6.3 km apart, farther than the 3 km one of the two owners accepts.",
      );
      await ui.screenshot("cluster-7-refused.png", { keepToasts: true });
    });
  });

  test("a licensed design's delivery is reported to the maker's licence, and the fee owed is paid later", async ({
    page,
    stack,
    as,
    ui,
    step,
  }) => {
    test.setTimeout(300_000);
    const { client } = stack;
    const [ADA, BEA, CYRUS] = ["Ada", "Bea", "Cyrus"].map(stack.person);
    const ex = { address: stack.cluster as Address, abi: clusterExchangeAbi } as const;
    const dc = { address: stack.designs as Address, abi: designCommonsAbi } as const;
    const token = stack.token as Address;
    const design = stack.designsDemo!.derivativeId;
    const lab = stack.contributionDemo!.projectId;
    const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));
    let licence = 0n;

    await step(
      "Bea takes a commercial licence on the e-assist frame and lets the exchange report her deliveries",
      async () => {
        await page.goto(`/#/designs/d/${design}`);
        await as(BEA);
        await ui.waitForText("licence-offer", (x) => x.includes("commercial licence"), "the commercial offer");
        await ui.closeToasts();
        await page.getByTestId("take-licence").click();
        await ui.confirmed("Take a licence on Cargo bike frame, e-assist");
        licence = await client.readContract({ ...dc, functionName: "licenceOf", args: [design, BEA.address] });
        expect(
          (await client.readContract({ ...dc, functionName: "licence", args: [licence] })).tier,
          "commercial",
        ).toBe(2);
        await ui.closeToasts();
        await page.getByTestId("report-operator-toggle").click();
        await ui.confirmed("Let the local exchange report my production of licensed designs");
        expect(
          await client.readContract({ ...dc, functionName: "isReportOperator", args: [BEA.address, ex.address] }),
          "the exchange approved as Bea's report operator",
        ).toBe(true);
      },
    );

    const ids: bigint[] = [];
    await step("Bea offers three e-assist frames and Cyrus needs three; Ada matches them by hand", async () => {
      await page.goto("/#/cluster/post");
      const post = async (side: "offer" | "need", price: string, lon: string) => {
        await page.getByTestId("intent-side").selectOption(side);
        await page.getByTestId("intent-category").fill("3102");
        await page.getByTestId("intent-unit").fill("pcs");
        await page.getByTestId("intent-quantity").fill("3");
        await page.getByTestId("intent-price").fill(price);
        await page.getByTestId("intent-place-lat").fill("44.4949");
        await page.getByTestId("intent-place-lon").fill(lon);
        await page.getByTestId("intent-more").click();
        await page.getByTestId("intent-design").fill(design.toString());
        if (side === "offer")
          await ui.waitForText("intent-licence", (x) => x.includes(`reported to your licence #${licence}`), "the note");
        await ui.closeToasts();
        await page.getByTestId("intent-submit").click();
        await ui.confirmed(`Post ${side === "offer" ? "an offer" : "a need"} of 3 pcs (category 3102)`);
        ids.push(await client.readContract({ ...ex, functionName: "intentCount" }));
      };
      await as(BEA);
      await post("offer", "900", "11.34");
      await page.reload();
      await as(CYRUS);
      await post("need", "1000", "11.35");
      await page.goto("/#/cluster/match");
      await as(ADA);
      await page.getByTestId("hand-offer").fill(ids[0].toString());
      await page.getByTestId("hand-need").fill(ids[1].toString());
      await page.getByTestId("hand-quantity").fill("3");
      await page.getByTestId("hand-price").fill("900");
      await ui.closeToasts();
      await page.getByTestId("hand-submit").click();
      await ui.confirmed("Submit 1 match");
    });

    await step(
      "Bea accepts and ships; Cyrus confirms: the 3 units are reported to Bea's licence, 36 dEUR owed",
      async () => {
        const id = await client.readContract({ ...ex, functionName: "orderCount" });
        await page.goto("/#/cluster/orders");
        await as(BEA);
        await page.getByTestId(`order-${id}-accept`).click();
        await ui.closeToasts();
        await page.getByTestId(`order-${id}-accept-send`).click();
        await ui.confirmed(`Accept order #${id}`);
        await ui.closeToasts();
        await page.getByTestId(`order-${id}-ship`).click();
        await ui.confirmed(`Ship order #${id}`);
        await as(CYRUS);
        await page.getByTestId("orders-buyer").click();
        await ui.closeToasts();
        await page.getByTestId(`order-${id}-confirm`).click();
        await ui.confirmed(`Confirm the delivery of order #${id}`);
        expect(await client.readContract({ ...dc, functionName: "feesOwed", args: [licence] }), "owed on chain").toBe(
          dEUR(36),
        );
        await page.goto(`/#/cluster/order/${id}`);
        await ui.waitForText(
          "order-view-licence",
          (x) => x.startsWith(`Units reported to the producer's commercial licence of design #${design}`),
          "the licence report",
        );
        await ui.screenshot("cluster-8-licensed.png");
      },
    );

    await step(
      "Bea pays the 36 dEUR owed: 10 % held for the frame's lab, the rest to the e-assist makers",
      async () => {
        await stack.walletOf(BEA).writeContract({
          address: token,
          abi: parseAbi(["function mint(address to, uint256 amount)"]),
          functionName: "mint",
          args: [BEA.address, dEUR(100)],
          chain: null,
        });
        const heldBefore = await client.readContract({ ...dc, functionName: "heldFor", args: [lab, token] });
        await page.goto(`/#/designs/d/${design}`);
        await as(BEA);
        await ui.waitForText("fees-owed", (x) => x === "You owe 36 dEUR for reported production.", "what Bea owes");
        await ui.closeToasts();
        await page.getByTestId("pay-owed").click();
        await ui.confirmed("Pay 36 dEUR owed for reported production of Cargo bike frame, e-assist");
        expect(await client.readContract({ ...dc, functionName: "feesOwed", args: [licence] }), "nothing owed").toBe(
          0n,
        );
        const heldAfter = await client.readContract({ ...dc, functionName: "heldFor", args: [lab, token] });
        expect(heldAfter - heldBefore, "the frame's 10 % held for the lab").toBe(dEUR(3.6));
        await ui.waitForText("operator-reports-done", (x) => x.startsWith("Paid 36 dEUR"), "paid");
      },
    );
  });
});
