// Browser e2e story of the solidarity circles, on the seeded circle of 20 ("Broodfonds Oost", scripts/lib/
// demo-commonfare.ts): Fay falls ill and reports it with a private note (only its salted hash goes on chain), her buddy
// Eli and Bea (board) confirm, and she collects three months of gifts across the dev clock's 30-day jumps; every other
// member's account has fallen by its pro-rata share, ceil(d × Δindex / 1e18), in the circle's books and on chain; Ines
// reports a claim too and tries to collect before anyone confirmed it (ClaimNotStarted, worded); Gus leaves with his
// balance (his wallet rises by exactly it); and Hal's deposit above his cap is refused (DepositOverCap, worded to the
// last unit) before any approval is sent. Every step is checked on chain with viem reads.
import { encodePacked, erc20Abi, formatUnits, keccak256, type Address, type Hex } from "viem";
import { commonfareAbi } from "../../sdk/src/generated/abis.ts";
import { expect, revertOf, test, type Person } from "./fixtures.ts";

const SCALE = 10n ** 18n;
/** ceil(a × b / d), as GiftMath rounds. */
const mulDivCeil = (a: bigint, b: bigint, d: bigint) => (a * b + d - 1n) / d;
/** dEUR has 6 decimals. */
const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));
/** An amount as the module shows it: every decimal of dEUR, trailing zeros trimmed, thousands grouped. */
function fmt(value: bigint): string {
  const [int, frac = ""] = formatUnits(value < 0n ? -value : value, 6).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cut = frac.replace(/0+$/, "");
  return `${value < 0n ? "−" : ""}${cut ? `${grouped}.${cut}` : grouped} dEUR`;
}

test.describe.serial("solidarity circles", () => {
  test("a member falls ill and is carried for three months; another leaves; refusals in the contract's words", async ({
    page,
    stack,
    as,
    ui,
    step,
  }) => {
    test.setTimeout(480_000);
    const { client } = stack;
    const demo = stack.commonfareDemo;
    expect(demo, "the solidarity circle was not seeded").toBeTruthy();
    const circleId = demo!.circleId;
    const cf = { address: stack.commonfare as Address, abi: commonfareAbi } as const;
    const token = { address: stack.token as Address, abi: erc20Abi } as const;
    const [FAY, ELI, BEA, INES, KIM, GUS, HAL] = ["Fay", "Eli", "Bea", "Ines", "Kim", "Gus", "Hal"].map(stack.person);
    const read = {
      circle: () => client.readContract({ ...cf, functionName: "circleOf", args: [circleId] }),
      account: (who: Address) => client.readContract({ ...cf, functionName: "accountOf", args: [circleId, who] }),
      balance: (who: Address) => client.readContract({ ...cf, functionName: "balanceOf", args: [circleId, who] }),
      claim: (who: Address) => client.readContract({ ...cf, functionName: "claimOf", args: [circleId, who] }),
      levels: () => client.readContract({ ...cf, functionName: "levelsOf", args: [circleId] }),
      wallet: (who: Address) => client.readContract({ ...token, functionName: "balanceOf", args: [who] }),
    };
    const levels = await read.levels();
    const members = demo!.members.map((m) => ({ ...m, address: m.address as Address }));
    const route = (tab: string) => `/#/solidarity/${circleId}/${tab}`;
    /** Clicks the dev clock's `label` button and waits until the dApp shows the moved chain time. */
    async function moveClock(label: string) {
      const time = async () => Number(await page.getByTestId("chain-time").getAttribute("data-ts"));
      const before = await time();
      await page.getByTestId("dev-clock").getByRole("button", { name: label, exact: true }).click();
      await expect.poll(time, { message: `the dev clock did not move (${label})` }).toBeGreaterThan(before);
    }
    /** The exact amount a <Money> element shows (`testId`, or the one inside it, within `scope`), in base units. */
    async function wei(testId: string, scope = page.locator("body")): Promise<bigint> {
      const el = scope.getByTestId(testId).first();
      const own = await el.getAttribute("data-wei");
      return BigInt(own ?? (await el.locator("[data-wei]").first().getAttribute("data-wei")) ?? "-1");
    }
    /** Waits until the amount `testId` (within `scope`) shows exactly `value`. */
    const waitForWei = (testId: string, value: bigint, what: string, scope?: ReturnType<typeof page.locator>) =>
      expect.poll(() => wei(testId, scope), { message: what }).toBe(value);
    /** Every gift the circle paid, from its events. */
    async function giftsPaid() {
      const logs = await client.getContractEvents({
        ...cf,
        eventName: "GiftCollected",
        args: { circleId },
        fromBlock: 0n,
        strict: true,
      });
      return logs.reduce((s, l) => s + l.args.amount, 0n);
    }

    /** What an account gave to others' gifts since it joined: its deposits less its balance and withdrawals. */
    async function givenOf(who: Address) {
      const sum = async (eventName: "Deposited" | "Withdrawn") =>
        (
          await client.getContractEvents({
            ...cf,
            eventName,
            args: { circleId, member: who },
            fromBlock: 0n,
            strict: true,
          })
        ).reduce((s, l) => s + l.args.amount, 0n);
      return (await sum("Deposited")) - (await sum("Withdrawn")) - (await read.balance(who));
    }

    const openTab = async (who: Person, tab: string) => {
      await page.goto(route(tab));
      await as(who);
      await page.locator(`[data-testid="solidarity-tab-${tab}"][aria-selected="true"]`).waitFor();
    };

    await step("the seeded circle of 20: its books, cover chart and each member's balance bar", async () => {
      const c = await read.circle();
      expect([c.members, c.claimants, c.burn], "20 members, no claim running").toEqual([20, 0, 0n]);
      await openTab(FAY, "circle");
      await ui.waitForText("circle-facts", (x) => x.includes("20 · 0 claiming"), "twenty members");
      await waitForWei("books-pool", c.pool, "the pool");
      await page.getByTestId("cover-chart").waitFor();
      await page.getByTestId("balance-bars").locator("svg").waitFor();
      await expect(page.getByTestId("members").locator("tbody tr")).toHaveCount(20);
      for (const m of members)
        expect(await wei("member-balance", page.getByTestId(`member-${m.address}`)), `${m.name ?? m.address}`).toBe(
          await read.balance(m.address),
        );
      await ui.screenshot("commonfare-1-circle.png");
    });

    const note = "Hospital from Monday, back in about three months. Eli has the letter.";
    let claimId = 0n;
    await step(
      "Fay falls ill: she reports with Eli as buddy and a private note, of which only a hash goes on chain",
      async () => {
        await openTab(FAY, "claims");
        await page.getByTestId("report-buddy").selectOption(ELI.address);
        await page.getByTestId("report-note").fill(note);
        const salt = (await page.getByTestId("report-salt").getAttribute("data-salt")) as Hex;
        await ui.closeToasts();
        await page.getByTestId("report-submit").click();
        await ui.confirmed("Report that I cannot work, with Eli as buddy");
        const claim = await read.claim(FAY.address);
        claimId = claim.id;
        expect([claim.buddy, claim.startedAt, claim.benefit]).toEqual([ELI.address, 0, levels[1].monthlyBenefit]);
        const [reported] = await client.getContractEvents({
          ...cf,
          eventName: "ClaimReported",
          args: { claimId },
          fromBlock: 0n,
          strict: true,
        });
        expect(reported.args.noteHash, "the salted hash of the note, computed in the browser").toBe(
          keccak256(encodePacked(["bytes32", "string"], [salt, note])),
        );
        await ui.waitForText("my-claim-waiting", (x) => x.includes("your buddy's confirmation"), "waiting");
      },
    );

    await step("Eli confirms as her buddy, then Bea as a board member: the claim starts", async () => {
      for (const [who, as_] of [
        [ELI, "buddy"],
        [BEA, "board member"],
      ] as const) {
        await openTab(who, "claims");
        await ui.closeToasts();
        await page.getByTestId(`confirm-${claimId}-send`).click();
        await ui.confirmed(`Confirm Fay's claim as ${as_}`);
      }
      const claim = await read.claim(FAY.address);
      expect(claim.buddyConfirmed && claim.boardConfirmations === 1 && claim.startedAt > 0, "started").toBe(true);
      expect((await read.account(FAY.address)).status, "Fay's account frozen while she claims").toBe(3);
    });

    const others = members.filter((m) => m.address !== FAY.address);
    const before = new Map<Address, bigint>();
    let indexBefore = 0n;
    const fayWallet = await read.wallet(FAY.address);
    await step("Fay collects three months of gifts, the dev clock moving 30 days between them", async () => {
      indexBefore = (await read.circle()).index;
      for (const m of others) before.set(m.address, await read.balance(m.address));
      await openTab(FAY, "claims");
      for (let month = 1; month <= 3; month++) {
        if (month > 1) await moveClock("+30 days");
        await ui.waitForText("my-claim-due", (x) => x === "1", `month ${month} due`);
        await ui.waitForText("my-claim-paid", (x) => x.startsWith(`${month - 1} of at most 24`), "months paid");
        await ui.closeToasts();
        await page.getByTestId("claim-collect").click();
        await ui.confirmed("Collect 1 month of gifts");
        expect((await read.claim(FAY.address)).monthsPaid, `month ${month} paid`).toBe(month);
        await ui.waitForText("my-claim-paid", (x) => x.startsWith(`${month} of at most 24`), "months paid");
      }
      const benefit = levels[1].monthlyBenefit;
      expect((await read.wallet(FAY.address)) - fayWallet, "three months of gifts in Fay's wallet").toBe(3n * benefit);
      await ui.waitForText("my-claim-next", (x) => x.includes("in "), "the next month's date");
      await ui.screenshot("commonfare-2-gifts.png");
    });

    await step("every other member's account fell by its pro-rata share, on chain and in the books", async () => {
      const c = await read.circle();
      const rise = c.index - indexBefore;
      expect(rise > 0n).toBe(true);
      await openTab(FAY, "circle");
      await ui.waitForText("circle-facts", (x) => x.includes("20 · 1 claiming"), "Fay claiming");
      let total = 0n;
      for (const m of others) {
        const d = levels[m.level].monthlyDeposit;
        const share = mulDivCeil(d, rise, SCALE);
        const now = await read.balance(m.address);
        expect(before.get(m.address)! - now, `${m.name ?? m.address}: ceil(${d} × ${rise} / 1e18)`).toBe(share);
        const row = page.getByTestId(`member-${m.address}`);
        await waitForWei("member-balance", now, `${m.name ?? m.address} in the books`, row);
        total += share;
      }
      // The shares cover the three months; what they give beyond them is the rounding the pool holds.
      expect(total >= 3n * levels[1].monthlyBenefit).toBe(true);
      expect(await wei("member-balance", page.getByTestId(`member-${FAY.address}`)), "Fay's frozen account").toBe(
        await read.balance(FAY.address),
      );
      expect(await wei("books-gifts"), "gifts paid, from the events").toBe(await giftsPaid());
      await ui.screenshot("commonfare-3-books.png");
    });

    await step(
      "Ines reports a claim too; collecting before anyone confirmed it is refused: ClaimNotStarted",
      async () => {
        await openTab(INES, "claims");
        await page.getByTestId("report-buddy").selectOption(KIM.address);
        await ui.closeToasts();
        await page.getByTestId("report-submit").click();
        await ui.confirmed("Report that I cannot work, with Kim as buddy");
        const id = (await read.claim(INES.address)).id;
        expect(id).toBe(claimId + 1n);
        const expected = `Claim #${id} has not started: it needs its buddy's and the board's confirmations before any gift is collected.`;
        const reverted = await revertOf(
          client.simulateContract({ ...cf, functionName: "collectGift", args: [circleId], account: INES.address }),
        );
        expect(reverted).toEqual({ name: "ClaimNotStarted", args: [circleId, id] });
        await ui.closeToasts();
        await page.getByTestId("claim-collect").click();
        expect(await ui.refused("Collect my gifts")).toContain(expected);
        await expect(page.getByTestId("claim-error")).toHaveText(expected);
        await ui.screenshot("commonfare-4-not-started.png", { keepToasts: true });
      },
    );

    await step("Gus leaves with his whole balance: his wallet rises by exactly it", async () => {
      const balance = await read.balance(GUS.address);
      expect(balance > 0n).toBe(true);
      const wallet = await read.wallet(GUS.address);
      await openTab(GUS, "account");
      await waitForWei("account-balance", balance, "Gus's balance");
      expect(await wei("account-gifted"), "gifted to others: deposits less the balance").toBe(
        await givenOf(GUS.address),
      );
      await page.getByTestId("leave-start").click();
      expect(await wei("leave-amount")).toBe(balance);
      await ui.closeToasts();
      await page.getByTestId("leave-confirm").click();
      await ui.confirmed(`Leave circle #${circleId} with ${fmt(balance)}`);
      expect((await read.wallet(GUS.address)) - wallet, "the whole balance, to the unit").toBe(balance);
      expect((await read.account(GUS.address)).status, "an outsider now").toBe(0);
      expect((await read.circle()).members).toBe(19);
      await ui.waitForText("account-left", (x) => x.startsWith("Left on"), "left");
    });

    await step("Hal's deposit above his cap is refused in the contract's words, before any approval", async () => {
      const account = await read.account(HAL.address);
      const amount = dEUR(3_500);
      const balanceAfter = account.balance + amount;
      expect(balanceAfter > BigInt(account.cap), "over the cap").toBe(true);
      const reverted = await revertOf(
        client.simulateContract({ ...cf, functionName: "deposit", args: [circleId, amount], account: HAL.address }),
      );
      expect(reverted).toEqual({ name: "DepositOverCap", args: [circleId, HAL.address, account.cap, balanceAfter] });
      const expected = `This deposit would take Hal's account to ${fmt(balanceAfter)}, above its cap of ${fmt(account.cap)}: deposit ${fmt(balanceAfter - account.cap)} less.`;
      await openTab(HAL, "deposit");
      expect(await wei("deposit-cap")).toBe(account.cap);
      await waitForWei("deposit-room", account.cap - account.balance, "the room under Hal's cap");
      const allowance = await client.readContract({
        ...token,
        functionName: "allowance",
        args: [HAL.address, cf.address],
      });
      const head = await client.getBlockNumber();
      await page.getByTestId("deposit-amount").fill("3500");
      await ui.closeToasts();
      await page.getByTestId("deposit-submit").click();
      expect(await ui.refused("Deposit 3,500 dEUR into my account")).toContain(expected);
      await expect(page.getByTestId("deposit-error")).toHaveText(expected);
      expect(await client.getBlockNumber(), "nothing was sent: no approval, no deposit").toBe(head);
      expect(await client.readContract({ ...token, functionName: "allowance", args: [HAL.address, cf.address] })).toBe(
        allowance,
      );
      await ui.screenshot("commonfare-5-over-cap.png", { keepToasts: true });
    });
  });
});
