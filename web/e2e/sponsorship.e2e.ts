// Browser e2e story of members without ETH (issue 22): Lena holds exactly 0 ETH before and after; through the real
// bundler (Alto, started by the global setup) and the co-op's paymaster she records a contribution, evaluates Ada's,
// claims her dEUR income and pays Ada in credit; the paymaster's deposit falls by exactly the operations' actual costs
// (the EntryPoint's UserOperationEvent). Noor, no member, is refused in plain words. Ada, a coordinator, sees the
// deposit and Lena's spending on the "Sponsored gas" page, tops the deposit up and cuts Lena's budget there; Lena's next
// payment is refused in plain words.
import { formatEther, isAddressEqual, parseAbiItem, parseEther, type Address } from "viem";
import { ENTRY_POINT_V08 } from "../../sdk/src/aa.ts";
import {
  contributionLedgerAbi,
  creditNetworkAbi,
  membersPaymasterAbi,
  mockERC20Abi,
} from "../../sdk/src/generated/abis.ts";
import { expect, num, test } from "./fixtures.ts";

const USER_OPERATION_EVENT = parseAbiItem(
  "event UserOperationEvent(bytes32 indexed userOpHash, address indexed sender, address indexed paymaster, uint256 nonce, bool success, uint256 actualGasCost, uint256 actualGasUsed)",
);
const PENDING = 1;

test.describe.serial("sponsorship", () => {
  test("a member with 0 ETH contributes, evaluates, claims and pays; the co-op pays exactly the gas", async ({
    page,
    stack,
    as,
    ui,
    step,
  }) => {
    const { client } = stack;
    const ledger = stack.ledger as Address;
    const credit = stack.credit as Address;
    const paymaster = stack.paymaster as Address;
    const token = stack.token as Address;
    const [ada, lena, noor] = ["Ada", "Lena", "Noor"].map(stack.person);
    const projectId = stack.contributionDemo?.projectId ?? 1n;
    const deposit = () =>
      client.readContract({ address: paymaster, abi: membersPaymasterAbi, functionName: "getDeposit" });
    const ethOf = (who: Address) => client.getBalance({ address: who });
    const costs: bigint[] = [];
    const description = `E2E sponsored: soldered 12 sensor boards (${new Date().toISOString()})`;
    let depositBefore = 0n;
    let fromBlock = 0n;

    /** Waits for the success toast of `title`, which says what the co-op paid. */
    const sponsoredOk = async (title: string) => {
      await ui.confirmed(title);
      await expect(
        page.locator('[data-testid="toast"][data-stage="success"]', { hasText: title }).first(),
      ).toContainText("The co-op paid");
    };

    await step("Lena holds exactly 0 ETH; the dApp says the co-op pays her gas, and her budget left", async () => {
      expect(stack.bundlerUrl, "the global setup started no bundler").toBeTruthy();
      expect(await ethOf(lena.address), "Lena's ETH before").toBe(0n);
      depositBefore = await deposit();
      fromBlock = (await client.getBlockNumber()) + 1n;
      await page.goto(`/#/project/${projectId}/record`);
      await as(lena);
      await ui.waitForAttr("gas-payer", "data-payer", "coop", "the co-op pays Lena's gas");
      await ui.waitForText(
        "gas-payer-said",
        (t) => /the co-op pays · .+ ETH of .+ ETH left this period/.test(t),
        "budget",
      );
      await ui.screenshot("sponsorship-1-gas-payer.png");
    });

    await step("Lena records a contribution: signed, then sent as a sponsored operation", async () => {
      const countBefore = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "contributionCount",
      });
      await page.getByTestId("kind").selectOption("1");
      await page.getByTestId("quantity").fill("3");
      await page.getByTestId("description").fill(description);
      await page.getByTestId("sign-submit").click();
      await sponsoredOk("Submit contribution");
      const id = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "contributionCount",
      });
      expect(id, "one new contribution").toBe(countBefore + 1n);
      const c = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "getContribution",
        args: [id],
      });
      expect(c.contributor, "the contributor on chain").toBe(lena.address);
      await page.locator("tr", { hasText: description }).getByTestId("status").filter({ hasText: "Pending" }).waitFor();
    });

    await step("Lena evaluates Ada's pending contribution", async () => {
      const count = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "contributionCount",
      });
      let target = 0n;
      for (let id = count; id >= 1n && target === 0n; id--) {
        const c = await client.readContract({
          address: ledger,
          abi: contributionLedgerAbi,
          functionName: "getContribution",
          args: [id],
        });
        if (c.contributor === ada.address && c.status === PENDING) target = id;
      }
      expect(target, "the demo leaves one of Ada's contributions pending").toBeGreaterThan(0n);
      await ui.openTab("tab-evaluate");
      await page.getByTestId(`score-${target}`).fill("7");
      await page.getByTestId(`evaluate-btn-${target}`).click();
      await sponsoredOk(`Evaluate contribution #${target}`);
      const done = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "hasEvaluated",
        args: [target, lena.address],
      });
      expect(done, "Lena's evaluation is on chain").toBe(true);
    });

    await step("Lena claims her dEUR income", async () => {
      const owed = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "claimable",
        args: [projectId, token, lena.address],
      });
      expect(owed, "the demo owes Lena dEUR").toBeGreaterThan(0n);
      const before = await client.readContract({
        address: token,
        abi: mockERC20Abi,
        functionName: "balanceOf",
        args: [lena.address],
      });
      await ui.openTab("tab-income");
      await page.getByTestId("claim-dEUR").click();
      await sponsoredOk("Claim dEUR");
      const after = await client.readContract({
        address: token,
        abi: mockERC20Abi,
        functionName: "balanceOf",
        args: [lena.address],
      });
      expect(after - before, "dEUR paid to Lena").toBe(owed);
    });

    await step("Lena pays Ada 25 CMC in credit", async () => {
      await page.goto("/#/credit");
      await ui.openTab("credit-tab-pay");
      await page.getByTestId("pay-to").selectOption(ada.address);
      await page.getByTestId("pay-amount").fill("25");
      await page.getByTestId("pay-memo").fill("e2e: sponsored");
      await ui.waitForText("route-path", (t) => t === "Lena → Ada", "direct route");
      await page.getByTestId("pay-submit").click();
      await sponsoredOk("Pay Ada 25 CMC");
      const decimals = await client.readContract({ address: credit, abi: creditNetworkAbi, functionName: "decimals" });
      const balance = await client.readContract({
        address: credit,
        abi: creditNetworkAbi,
        functionName: "balance",
        args: [lena.address, ada.address],
      });
      expect(balance, "Lena owes Ada 25 on chain").toBe(-25n * 10n ** BigInt(decimals));
      await ui.screenshot("sponsorship-2-paid.png");
    });

    await step("the deposit fell by exactly the four operations' actual costs; Lena still holds 0 ETH", async () => {
      const events = await client.getLogs({
        address: ENTRY_POINT_V08,
        event: USER_OPERATION_EVENT,
        args: { paymaster },
        fromBlock,
        toBlock: "latest",
      });
      for (const e of events) {
        expect(e.args.sender, "every sponsored operation was Lena's").toBe(lena.address);
        expect(e.args.success, "every operation's call succeeded").toBe(true);
        costs.push(e.args.actualGasCost!);
      }
      expect(costs.length, "four sponsored operations").toBe(4);
      const spent = depositBefore - (await deposit());
      expect(spent, `deposit fell by ${spent}, the operations cost ${costs.join(" + ")}`).toBe(
        costs.reduce((a, b) => a + b, 0n),
      );
      expect(await ethOf(lena.address), "Lena's ETH after").toBe(0n);
      const code = await client.getCode({ address: lena.address });
      expect(code?.toLowerCase(), "Lena's address delegates to Simple7702Account").toBe(
        "0xef0100e6cae83bde06e4c305530e199d7217f42808555b",
      );
    });

    await step("Noor, no member, is refused in plain words; the deposit does not move", async () => {
      const before = await deposit();
      await page.goto("/#/new");
      await as(noor);
      await ui.waitForAttr("gas-payer", "data-payer", "coop", "Noor has no ETH: the co-op would pay");
      await ui.waitForText("gas-payer-said", (t) => t.includes("not one"), "the panel says Noor is no member");
      await page.getByTestId("project-name-input").fill("Noor's repair café");
      await page.getByLabel("Name (with unit)").first().fill("Repairs (items)");
      await page.getByTestId("project-create").click();
      const said = await ui.refused("Create project");
      expect(said).toContain("The co-op pays gas only for its members, and Noor is not one");
      expect(await deposit(), "the deposit after a refusal").toBe(before);
      expect(await ethOf(noor.address)).toBe(0n);
      await ui.screenshot("sponsorship-3-not-member.png", { keepToasts: true });
    });

    await step(
      "Ada, a coordinator, sees the deposit and Lena's spending, tops the deposit up, cuts Lena's budget",
      async () => {
        // GasSponsored indexes nothing (see IMembersPaymaster): the paymaster's events since the story began, Lena's.
        const sponsored = (
          await client.getContractEvents({
            address: paymaster,
            abi: membersPaymasterAbi,
            eventName: "GasSponsored",
            fromBlock,
          })
        ).filter((e) => isAddressEqual(e.args.member!, lena.address));
        expect(sponsored.length, "four GasSponsored events name Lena").toBe(4);
        const charged = sponsored.reduce((sum, e) => sum + e.args.cost!, 0n);
        await page.goto("/#/gas");
        await as(ada);
        const shownDeposit = await ui.waitForText("gas-deposit", (t) => /\d/.test(t), "the deposit");
        expect(num(shownDeposit.split("·")[0]), "the deposit shown").toBeCloseTo(
          Number(formatEther(await deposit())),
          5,
        );
        const row = page.getByTestId(`gas-spending-${lena.address}`);
        await row.waitFor();
        const cells = (await row.locator("td").allTextContents()).map((t) => t.trim());
        expect(cells[1], "Lena's operations this period").toBe("4");
        expect(num(cells[2]), "what the co-op paid for Lena this period").toBeCloseTo(Number(formatEther(charged)), 5);
        await ui.screenshot("sponsorship-4-coordinators-view.png");

        const before = await deposit();
        await page.getByTestId("gas-topup-amount").fill("0.5");
        await page.getByTestId("gas-topup-submit").click();
        await ui.confirmed("Top up the gas deposit with 0.5 ETH");
        expect((await deposit()) - before, "the top-up reached the deposit").toBe(parseEther("0.5"));

        await page.getByTestId("gas-budget-member").fill(lena.address);
        await page.getByTestId("gas-budget-amount").fill("0.0001");
        await page.getByTestId("gas-budget-submit").click();
        await ui.confirmed("Give Lena a gas budget of 0.0001 ETH per period");
        const [amount, own] = await client.readContract({
          address: paymaster,
          abi: membersPaymasterAbi,
          functionName: "budgetOf",
          args: [lena.address],
        });
        expect([amount, own], "Lena's own budget on chain").toEqual([parseEther("0.0001"), true]);
        await page.getByTestId(`gas-budget-${lena.address}`).waitFor();
      },
    );

    await step("Lena, over her budget, is refused in plain words", async () => {
      await page.goto("/#/credit");
      await as(lena);
      await ui.openTab("credit-tab-pay");
      await page.getByTestId("pay-to").selectOption(ada.address);
      await page.getByTestId("pay-amount").fill("5");
      await page.getByTestId("pay-memo").fill("e2e: over budget");
      await page.getByTestId("pay-submit").click();
      const said = await ui.refused("Pay Ada 5 CMC");
      expect(said).toContain("Lena's gas budget for this period is spent.");
      expect(await ethOf(lena.address)).toBe(0n);
      await ui.screenshot("sponsorship-5-over-budget.png", { keepToasts: true });
    });
  });
});
