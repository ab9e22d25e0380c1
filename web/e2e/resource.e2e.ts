// Browser e2e story of the thresholds council and the resource-cap registry ("Fishcoin"): the council registers
// Baltic herring and vetoes a queued proposal, Dara assesses, holders trade, Hal lands until the cap, season 1 rolls over.
import type { Locator } from "@playwright/test";
import { formatUnits, parseUnits, stringToHex, type Address } from "viem";
import { resourceRegistryAbi, thresholdsCouncilAbi } from "../../sdk/src/generated/abis.ts";
import { expect, revertOf, test, type Person } from "./fixtures.ts";

const t = (n: number | string) => parseUnits(String(n), 18);
const TOTAL_SHARES = 7_000n;
const BIOMASS = 200_000;

test.describe.serial("council and resource caps", () => {
  test("a stock registered, assessed, traded, landed and rolled over", async ({ page, stack, as, ui, step }) => {
    const { client } = stack;
    const [ADA, BEA, CYRUS, DARA, ELI, FAY, GUS, HAL] = ["Ada", "Bea", "Cyrus", "Dara", "Eli", "Fay", "Gus", "Hal"].map(
      stack.person,
    );
    const SHARES = [
      { who: ELI, shares: 3_000n },
      { who: FAY, shares: 2_500n },
      { who: GUS, shares: 1_500n },
    ];
    const registry = stack.resources as Address;
    const governor = stack.council.governor as Address;
    const openTab = (module: "council" | "resource", tab: string) => ui.openTab(`${module}-tab-${tab}`);

    /** Clicks the dev clock's shortcut labelled `label` and waits until the dApp shows the moved chain time. */
    async function moveClock(label: string) {
      const time = async () => Number(await page.getByTestId("chain-time").getAttribute("data-ts"));
      const before = await time();
      await page.getByTestId("dev-clock").getByRole("button", { name: label, exact: true }).click();
      await expect
        .poll(time, { message: `the dev clock did not move the chain's time (${label})` })
        .toBeGreaterThan(before);
    }

    /** The exact amount (18 decimals) an <Amount> element shows. */
    async function wei(testId: string, scope: Locator = page.locator("body")): Promise<bigint> {
      return BigInt((await scope.getByTestId(testId).first().getAttribute("data-wei")) ?? "-1");
    }

    /** Waits until the <Amount> `testId` (in `scope`) shows exactly `value`. */
    const waitForWei = (testId: string, value: bigint, what: string, scope?: Locator) =>
      ui.waitForAttr(testId, "data-wei", value.toString(), what, scope);

    const reg = { address: registry, abi: resourceRegistryAbi } as const;
    const read = {
      count: () => client.readContract({ ...reg, functionName: "resourceCount" }),
      resource: (id: bigint) => client.readContract({ ...reg, functionName: "getResource", args: [id] }),
      season: (id: bigint, s: number) =>
        client.readContract({ ...reg, functionName: "getSeason", args: [id, BigInt(s)] }),
      holding: (id: bigint, a: Address) => client.readContract({ ...reg, functionName: "holdingOf", args: [id, a] }),
      preview: (id: bigint, s: number, b: bigint) =>
        client.readContract({ ...reg, functionName: "previewCap", args: [id, BigInt(s), b] }),
      proposalCount: () =>
        client.readContract({ address: governor, abi: thresholdsCouncilAbi, functionName: "proposalCount" }),
    };
    let herring = 0n;
    let number = 0;
    let seeded = 0;
    const proposal = () => page.getByTestId(`proposal-${number}`);

    await step("open the Council from the top navigation as Ada; the seeded proposals are listed", async () => {
      expect(stack.resourceDemo, "resource demo data was not seeded").toBeTruthy();
      await page.goto("/#/");
      await page.getByTestId("nav-council").click();
      await ui.waitForText("council-name", (x) => x === "Thresholds Council", "council name");
      await as(ADA);
      await ui.waitForText("council-me", (x) => x.includes("Council member"), "Ada's seat");
      seeded = Number(await read.proposalCount());
      // The seed's second decision (a closed period) waits in the timelock; its call is worded.
      const queued = page.getByTestId(`proposal-${seeded}`);
      await ui.waitForText("proposal-state", (x) => x === "Queued", "seeded proposal state", queued);
      await ui.waitForText(
        "proposal-call",
        (x) => x === "Set the closed periods of North Sea plaice: days 60–120, 200–230",
        "decoded call",
        queued,
      );
      number = seeded + 1;
    });

    await step(
      "Ada proposes to register Baltic herring (holders Eli, Fay, Gus; Dara accredited; Hal buyer)",
      async () => {
        await openTab("council", "new");
        await page.getByTestId("action-choose-register").click();
        const a = page.getByTestId("action-0");
        await a.getByTestId("reg-name").fill("Baltic herring");
        await a.getByTestId("reg-closed").fill("200-230");
        for (let i = 0; i < SHARES.length; i++) {
          if (i > 0) await a.getByTestId("reg-holder-add").click();
          await a.getByTestId(`reg-holder-${i}`).selectOption(SHARES[i].who.address);
          await a.getByTestId(`reg-shares-${i}`).fill(String(SHARES[i].shares));
        }
        await a.getByTestId("reg-assessor").selectOption(DARA.address);
        await a.getByTestId("reg-buyer").selectOption(HAL.address);
        const preview = page.getByTestId("proposal-preview");
        await preview.getByText("Register Baltic herring (t)", { exact: false }).waitFor();
        await preview.getByText("Accredit Dara as a science body for Baltic herring").waitFor();
        await preview.getByText("Register Hal as a buyer for Baltic herring").waitFor();
        const words = (await preview.textContent()) ?? "";
        expect(
          words.includes("F = 0.2, Bpa 100,000 t, Blim 40,000 t, max rise 20 %, max cut 30 %") &&
            words.includes("closed days 200–230") &&
            words.includes("quota shares Eli 3,000, Fay 2,500, Gus 1,500"),
          `plain words: ${words}`,
        ).toBeTruthy();
        await page.getByTestId("proposal-description-input").fill("Register Baltic herring with the fishers' co-op");
        await ui.closeToasts();
        await page.getByTestId("propose-submit").click();
        await ui.confirmed("Propose: Register Baltic herring");
        await ui.waitForText("proposal-state", (x) => x === "Pending", "new proposal pending", proposal());
        expect(Number(await read.proposalCount()), "the proposal count on chain did not grow").toBe(number);
        await ui.waitForText(
          "proposal-reason",
          (x) => x.startsWith("Voting has not opened yet"),
          "why no vote",
          proposal(),
        );
        await ui.screenshot("resource-1-proposed.png");
      },
    );

    await step("the dev clock opens voting; Ada and Bea vote for", async () => {
      await moveClock(`to the start of voting (${number})`);
      await ui.waitForText("proposal-state", (x) => x === "Active", "voting open", proposal());
      for (const who of [ADA, BEA]) {
        await as(who);
        await ui.closeToasts();
        await proposal().getByTestId("vote-for").click();
        await ui.confirmed(`Vote for proposal ${number}`);
        await ui.waitForText("proposal-reason", (x) => x === "You voted for.", `${who.name}'s vote`, proposal());
      }
      await ui.waitForText("votes-for", (x) => x === "2", "two votes for", proposal());
      await page.getByTestId("dev-clock").waitFor();
    });

    await step("past the end of voting: Succeeded; queued with its ETA; executed after the timelock", async () => {
      await moveClock(`past the end of voting (${number})`);
      await ui.waitForText("proposal-state", (x) => x === "Succeeded", "passed", proposal());
      await ui.closeToasts();
      await proposal().getByTestId("proposal-queue").click();
      await ui.confirmed(`Queue proposal ${number}`);
      await ui.waitForText("proposal-state", (x) => x === "Queued", "queued", proposal());
      await ui.waitForText("proposal-timing", (x) => x.includes("executable in"), "ETA countdown", proposal());
      expect(
        await proposal().getByTestId("proposal-execute").isDisabled(),
        "Execute should wait for the ETA",
      ).toBeTruthy();
      await ui.waitForText("proposal-reason", (x) => x.startsWith("The timelock holds it until"), "why", proposal());
      await ui.screenshot("resource-2-queued.png");
      await moveClock(`past the ETA (${number})`);
      await ui.closeToasts();
      await proposal().locator('[data-testid="proposal-execute"]:not([disabled])').click();
      await ui.confirmed(`Execute proposal ${number}`);
      await ui.waitForText("proposal-state", (x) => x === "Executed", "executed", proposal());
      herring = await read.count();
      const info = await read.resource(herring);
      expect(
        info.name === "Baltic herring" && info.totalShares === Number(TOTAL_SHARES),
        `registered ${info.name}`,
      ).toBeTruthy();
      const [assessor, buyer] = await Promise.all([
        client.readContract({ ...reg, functionName: "isAssessor", args: [herring, DARA.address] }),
        client.readContract({ ...reg, functionName: "isBuyer", args: [herring, HAL.address] }),
      ]);
      expect(assessor && buyer, "Dara accredited / Hal registered on chain").toBeTruthy();
      for (const s of SHARES) {
        const h = await read.holding(herring, s.who.address);
        expect(h.shares, `${s.who.name} holds ${h.shares} shares`).toBe(s.shares);
      }
      await ui.screenshot("resource-3-executed.png");
      await page.getByTestId("nav-resources").waitFor();
    });

    await step(
      "Bea and Cyrus veto the seeded proposal waiting in the timelock: a majority of seats cancels it",
      async () => {
        const queued = page.getByTestId(`proposal-${seeded}`);
        await ui.waitForText("proposal-state", (x) => x === "Queued", "seeded proposal still queued", queued);
        await ui.waitForText("proposal-vetoes", (x) => x === "0 of 2", "no veto yet", queued);
        for (const [who, after] of [
          [BEA, "1 of 2"],
          [CYRUS, "2 of 2"],
        ] as const) {
          await as(who);
          await ui.closeToasts();
          await queued.locator('[data-testid="proposal-veto"]:not([disabled])').click();
          await ui.confirmed(`Veto proposal ${seeded}`);
          await ui.waitForText("proposal-vetoes", (x) => x === after, `${who.name}'s veto`, queued);
        }
        await ui.waitForText("proposal-state", (x) => x === "Canceled", "vetoed", queued);
        await ui.waitForText("proposal-timing", (x) => x.includes("vetoed by a majority"), "why", queued);
        await ui.screenshot("resource-3b-vetoed.png");
        const [id] = await client.readContract({
          address: governor,
          abi: thresholdsCouncilAbi,
          functionName: "proposalDetailsAt",
          args: [BigInt(seeded - 1)],
        });
        const state = await client.readContract({
          address: governor,
          abi: thresholdsCouncilAbi,
          functionName: "state",
          args: [id],
        });
        expect(state, `the vetoed proposal is ${state} on chain, expected 2 (Canceled)`).toBe(2);
      },
    );

    let cap = 0n;
    await step("Dara assesses season 1: the cap previewed before sending is the cap on chain", async () => {
      await as(DARA);
      await page.getByTestId("nav-resources").click();
      await page.getByTestId("resource-select").selectOption(herring.toString());
      await ui.waitForText("resource-name", (x) => x.startsWith("Baltic herring"), "resource page");
      await openTab("resource", "science");
      await page.getByTestId("assess-biomass").fill(String(BIOMASS));
      await page.getByTestId("assess-report").fill("Baltic herring stock assessment, season 1 (e2e)");
      await page.getByTestId("assess-hash").waitFor();
      await page.getByTestId("assess-preview").waitFor();
      const previewed = await wei("preview-cap");
      const [ruleCap, expected] = await read.preview(herring, 1, t(BIOMASS));
      expect(
        previewed === expected && ruleCap === expected,
        `previewed ${previewed}, previewCap ${expected}`,
      ).toBeTruthy();
      expect(previewed, `F = 0.2 of ${BIOMASS} t should be ${BIOMASS / 5} t, not ${previewed}`).toBe(t(BIOMASS / 5));
      await page.getByTestId("rule-chart").locator("circle.rule-point").waitFor();
      await ui.screenshot("resource-4-assessment-preview.png");
      await ui.closeToasts();
      await page.getByTestId("assess-submit").click();
      await ui.confirmed("Post the assessment of Baltic herring, season 1");
      const s1 = await read.season(herring, 1);
      expect(s1.assessed && s1.cap === previewed, `cap on chain ${s1.cap}, previewed ${previewed}`).toBeTruthy();
      await waitForWei("assessed-cap", previewed, "assessed cap");
      cap = s1.cap;
    });

    /** A holder's fresh allocation in season 1: its shares x floor(cap / total shares) (nothing carried in). */
    const allocation = (who: Person) => SHARES.find((s) => s.who === who)!.shares * (cap / TOTAL_SHARES);
    const moved = t(2_000);

    await step("season 1 opens (dev clock); Eli transfers 2,000 t to Fay, her room shown before signing", async () => {
      await openTab("resource", "overview");
      await moveClock("to the opening of season 1");
      await ui.waitForText("season-now", (x) => x.startsWith("Season 1:"), "season 1 running");
      await as(ELI);
      await openTab("resource", "quota");
      await waitForWei("my-allocated", allocation(ELI), "Eli's allocation");
      await page.getByTestId("transfer-to").selectOption(FAY.address);
      await page.getByTestId("transfer-amount").fill("2000");
      const maxHolding = (cap * 4_500n) / 10_000n;
      await waitForWei("transfer-max", maxHolding, "max holding");
      await waitForWei("transfer-held", allocation(FAY), "Fay's holding");
      await waitForWei("transfer-max-receive", maxHolding - allocation(FAY), "Fay's room");
      await ui.closeToasts();
      await page.getByTestId("transfer-submit").click();
      await ui.confirmed("Transfer 2,000 t of Baltic herring to Fay");
      await waitForWei("my-entitlement", allocation(ELI) - moved, "Eli's entitlement");
      await waitForWei("my-sent", moved, "Eli's sent");
      const [eli, fay] = await Promise.all([read.holding(herring, ELI.address), read.holding(herring, FAY.address)]);
      expect(eli.entitlement, `Eli's entitlement on chain ${eli.entitlement}`).toBe(allocation(ELI) - moved);
      expect(fay.entitlement, `Fay's entitlement on chain ${fay.entitlement}`).toBe(allocation(FAY) + moved);
      await ui.screenshot("resource-5-transfer.png");
    });

    await step(
      "another 2,000 t would put Fay over the concentration cap: Transfer is disabled with the ConcentrationCapExceeded words",
      async () => {
        await page.getByTestId("transfer-to").selectOption(FAY.address);
        await page.getByTestId("transfer-amount").fill("2000");
        const message =
          "Fay would hold 18,285.71 t of Baltic herring this season (entitlement + landed), above the concentration cap of 18,000 t.";
        await ui.waitForText("transfer-submit-blocked", (x) => x === message, "the reason beside Transfer");
        await expect(page.getByTestId("transfer-submit")).toBeDisabled();
        // The words are the revert's: the same call, sent by Eli now, reverts with the numbers they state.
        const fay = await read.holding(herring, FAY.address);
        const revert = await revertOf(
          client.simulateContract({
            ...reg,
            functionName: "transferEntitlement",
            args: [herring, FAY.address, t(2000)],
            account: ELI.address,
          }),
        );
        expect(revert.name, "the registry's error").toBe("ConcentrationCapExceeded");
        const [, recipient, maxHolding, wouldHold] = revert.args as [bigint, Address, bigint, bigint];
        expect(recipient, "the recipient in the revert").toBe(FAY.address);
        expect(maxHolding, "maxHolding: the form's max holding").toBe(await wei("transfer-max"));
        expect(maxHolding, "maxHolding: 18,000 t").toBe(t(18_000));
        expect(wouldHold, "wouldHold: Fay's entitlement + landed + 2,000 t").toBe(
          fay.entitlement + fay.landed + t(2000),
        );
        expect(wouldHold, "wouldHold: what the form adds").toBe((await wei("transfer-held")) + t(2000));
        expect(Number(formatUnits(wouldHold, 18)).toFixed(2), "wouldHold in the words").toBe("18285.71");
        expect(fay.entitlement, "nothing moved").toBe(allocation(FAY) + moved);
        await ui.screenshot("resource-6-concentration-cap.png");
      },
    );

    await step("Eli, Fay and Gus allow Hal (the harbour) to record their landings", async () => {
      for (const who of [ELI, FAY, GUS]) {
        await as(who);
        await openTab("resource", "quota");
        const row = page.getByTestId(`buyer-${HAL.address}`);
        await ui.waitForText("buyer-approved", (x) => x === "not allowed", `${who.name} before`, row);
        await ui.closeToasts();
        await row.getByTestId("buyer-toggle").click();
        await ui.confirmed("Approve Hal as buyer");
        await ui.waitForText("buyer-approved", (x) => x === "allowed", `${who.name} after`, row);
      }
    });

    await step(
      "Hal lands Eli's whole quota and part of Fay's and Gus's; the cap blocks Eli's next landing",
      async () => {
        await as(HAL);
        await openTab("resource", "buyer");
        let n = 0;
        let landed = 0n;
        for (const who of [ELI, FAY, GUS]) {
          const left = (await read.holding(herring, who.address)).entitlement;
          await page.getByTestId("landing-holder").selectOption(who.address);
          await waitForWei("landing-holder-left", left, `${who.name}'s entitlement left`);
          // Eli lands all he holds; Fay and Gus leave a third at sea, part of which carries over.
          const amount = who === ELI ? left : (left * 2n) / 3n;
          if (who === ELI) await page.getByTestId("landing-all").click();
          else await page.getByTestId("landing-amount-input").fill(formatUnits(amount, 18));
          await page.getByTestId("landing-ticket-input").fill(`BH-${String(++n).padStart(4, "0")}`);
          await ui.closeToasts();
          await page.getByTestId("landing-submit").click();
          await ui.confirmed(`by ${who.name}`);
          await waitForWei("landing-holder-left", left - amount, `${who.name}'s entitlement after landing`);
          landed += amount;
        }
        const s1 = await read.season(herring, 1);
        expect(s1.landed, `landed on chain ${s1.landed} != ${landed}`).toBe(landed);
        expect(s1.landed < s1.cap, `landed ${s1.landed} must stay below the cap ${s1.cap}`).toBeTruthy();
        // One tonne more for Eli: the season's quota is used up.
        await page.getByTestId("landing-holder").selectOption(ELI.address);
        await waitForWei("landing-holder-left", 0n, "Eli has nothing left");
        await page.getByTestId("landing-amount-input").fill("1");
        await page.getByTestId("landing-ticket-input").fill("BH-0004");
        const message =
          "Eli has 0 t of this season's entitlement left, less than the 1 t landed: the quota is used up.";
        await ui.waitForText("landing-submit-blocked", (x) => x === message, "the reason beside Record");
        await expect(page.getByTestId("landing-submit")).toBeDisabled();
        // The same landing, recorded by Hal now, reverts with LandingExceedsEntitlement and these numbers.
        const revert = await revertOf(
          client.simulateContract({
            ...reg,
            functionName: "recordLanding",
            args: [herring, ELI.address, t(1), stringToHex("BH-0004", { size: 32 })],
            account: HAL.address,
          }),
        );
        expect(revert.name, "the registry's error").toBe("LandingExceedsEntitlement");
        expect(revert.args.slice(1), "holder, entitlement left, amount").toEqual([ELI.address, 0n, t(1)]);
        expect((await read.season(herring, 1)).landed, "the refused landing landed something").toBe(s1.landed);
        await ui.waitForText("buyer-landings", (x) => x.includes("BH-0003"), "landings table");
        await openTab("resource", "overview");
        await waitForWei("now-landed", s1.landed, "landed in the public view");
        // Newest first: the last landing (Gus's, BH-0003) heads the public list; Eli's transfer is listed.
        await ui.waitForText("landing-ticket", (x) => x === "BH-0003", "newest landing first");
        await waitForWei("transfer-row-amount", moved, "Eli's transfer in the transfers list");
        await ui.screenshot("resource-7-landed.png");
      },
    );

    await step("Dara assesses season 2 before it opens (90 % of the biomass, within the step bound)", async () => {
      await as(DARA);
      await openTab("resource", "science");
      const biomass = t((BIOMASS * 9) / 10);
      await page.getByTestId("assess-biomass").fill(String((BIOMASS * 9) / 10));
      await page.getByTestId("assess-report").fill("Baltic herring stock assessment, season 2 (e2e)");
      const [, expected] = await read.preview(herring, 2, biomass);
      expect(expected, `season 2 cap ${expected} should be 90 % of ${cap}`).toBe((cap * 9n) / 10n);
      await waitForWei("preview-cap", expected, "season 2 previewed cap");
      await ui.closeToasts();
      await page.getByTestId("assess-submit").click();
      await ui.confirmed("Post the assessment of Baltic herring, season 2");
      const s2 = await read.season(herring, 2);
      expect(s2.assessed && s2.cap === expected, `season 2 cap on chain ${s2.cap}, previewed ${expected}`).toBeTruthy();
      await openTab("resource", "overview");
    });

    await step("the clock moves to season 2; Roll over closes season 1 with a report that balances", async () => {
      await moveClock("to the next season (2)");
      await page.getByTestId("rollover-panel").waitFor();
      await ui.closeToasts();
      await page.getByTestId("rollover").click();
      await ui.confirmed("Roll over Baltic herring to season 2");
      await page.getByTestId("rollover-panel").waitFor({ state: "detached" });
      const s1 = await read.season(herring, 1);
      expect(s1.closed, "season 1 is not closed on chain").toBeTruthy();
      const s2 = await read.season(herring, 2);
      const carried = s1.cap - s1.landed - s1.leftInSea;
      expect(carried, `carried over ${carried} != season 2 carried in ${s2.carriedIn}`).toBe(s2.carriedIn);
      expect(carried > 0n, "Fay and Gus left entitlement unused: some of it must carry over").toBeTruthy();
      let holderCarries = 0n;
      for (const s of SHARES) holderCarries += (await read.holding(herring, s.who.address)).pendingCarryIn;
      expect(holderCarries, `holders' carries ${holderCarries} != carried over ${carried}`).toBe(carried);
      expect(s1.landed + carried + s1.leftInSea, "the closing report does not balance on chain").toBe(s1.cap);
      const row = page.getByTestId("season-1");
      await waitForWei("season-cap", s1.cap, "season 1 cap", row);
      await waitForWei("season-landed", s1.landed, "season 1 landed", row);
      await waitForWei("season-carried", carried, "season 1 carried over", row);
      await waitForWei("season-left", s1.leftInSea, "season 1 left in the sea", row);
      await ui.waitForText("season-balance", (x) => x === "balances", "landed + carried + left = cap", row);
      // Every holder's carry into season 2, as the contract computes it, is what the holders table shows.
      for (const s of SHARES) {
        const h = await read.holding(herring, s.who.address);
        await waitForWei(
          "holder-carried-in",
          h.pendingCarryIn,
          `${s.who.name}'s carry-in`,
          page.getByTestId(`holder-${s.who.address}`),
        );
      }
      await ui.screenshot("resource-8-rolled-over.png");
    });

    await step(
      "the public view of North Sea plaice: season 1's report (with carry-over) matches getSeason",
      async () => {
        await page.getByTestId("resource-select").selectOption("1");
        await ui.waitForText("resource-name", (x) => x.startsWith("North Sea plaice"), "plaice page");
        const s1 = await read.season(1n, 1);
        const carried = s1.cap - s1.landed - s1.leftInSea;
        expect(
          carried > 0n && s1.leftInSea > 0n,
          "the seeded season 1 should carry over and leave fish in the sea",
        ).toBeTruthy();
        const row = page.getByTestId("season-1");
        await waitForWei("season-landed", s1.landed, "plaice landed", row);
        await waitForWei("season-carried", carried, "plaice carried over", row);
        await waitForWei("season-left", s1.leftInSea, "plaice left in the sea", row);
        await ui.waitForText("season-balance", (x) => x === "balances", "plaice balances", row);
        // Every season and every holder shown, folded from events in the browser, equals getSeason / holdingOf.
        const plaice = await read.resource(1n);
        const now = Number((await client.getBlock()).timestamp);
        const current = Math.floor((now - Number(plaice.firstSeasonStart)) / plaice.seasonLength) + 1;
        for (let n = 1; n <= Math.max(current, plaice.lastAssessedSeason); n++) {
          const s = await read.season(1n, n);
          const at = page.getByTestId(`season-${n}`);
          await waitForWei("season-cap", s.cap, `plaice season ${n} cap`, at);
          await waitForWei("season-landed", s.landed, `plaice season ${n} landed`, at);
        }
        const rows = page.getByTestId("holders-table").locator('[data-testid^="holder-0x"]');
        await expect.poll(() => rows.count(), { message: "plaice holders listed" }).toBeGreaterThan(0);
        for (const id of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid") ?? ""))) {
          const h = await read.holding(1n, id.slice("holder-".length) as Address);
          const at = page.getByTestId(id);
          await waitForWei("holder-entitlement", h.entitlement, `${id} entitlement (holdingOf)`, at);
          await waitForWei("holder-landed", h.landed, `${id} landed (holdingOf)`, at);
        }
        await page.getByTestId("season-strip").waitFor();
        await ui.screenshot("resource-9-plaice.png");
      },
    );
  });
});
