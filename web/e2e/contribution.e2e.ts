// Browser e2e story of the contribution dApp: Bea signs and submits a contribution, Cyrus and Dara evaluate it, a
// funder pays ETH income, Bea claims it; stored signatures survive failed sends, relays and cancellation.
import { decodeFunctionData, formatEther, parseEther, type Address, type Hex } from "viem";
import { contributionLedgerAbi } from "../../sdk/src/generated/abis.ts";
import { expect, num, test } from "./fixtures.ts";

const ETH = "0x0000000000000000000000000000000000000000" as const;
const DAY = 86_400n;
/** How long the dApp lets a signed contribution wait, from chain time at signing (SIGNATURE_VALIDITY_SECONDS). */
const SIGNATURE_VALIDITY = 7n * DAY;

test.describe.serial("contribution", () => {
  test("a contribution recorded, accepted, paid for and claimed", async ({ page, stack, as, ui, step }) => {
    const { client } = stack;
    const ledger = stack.ledger as Address;
    const [ada, bea, cyrus, dara, funder] = ["Ada", "Bea", "Cyrus", "Dara", "Funder"].map(stack.person);
    const projectId = stack.contributionDemo?.projectId ?? 1n;
    const description = `E2E: calibrated the laser cutter (${new Date().toISOString()})`;
    let contributionId = 0n;
    let beaPointsBefore = 0n;
    const openTab = (tab: "overview" | "record" | "evaluate" | "income" | "members") => ui.openTab(`tab-${tab}`);

    await step("open the project and connect the local test wallet as Bea", async () => {
      expect(stack.contributionDemo, "demo data was not seeded").toBeTruthy();
      await page.goto(`/#/project/${projectId}/record`);
      await ui.waitForText("project-name", (t) => t === "Open Hardware Lab", "project name");
      await as(bea);
      await ui.waitForText("me-box", (t) => t.includes("Member"), "Bea's role");
      beaPointsBefore = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "pointsOf",
        args: [projectId, bea.address],
      });
    });

    await step("Bea records a contribution: signs EIP-712, then submits; it shows pending", async () => {
      // The form explains mistakes before anything is signed.
      await page.getByTestId("quantity").fill("1.5");
      await page.getByTestId("sign-submit").click();
      await page.getByText("The quantity must be a whole number").waitFor();
      await page.getByText("Describe the work so other members can evaluate it.").waitFor();

      const countBefore = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "contributionCount",
      });
      await page.getByTestId("kind").selectOption("0");
      await page.getByTestId("quantity").fill("5");
      await page.getByTestId("description").fill(description);
      await page.getByTestId("sign-submit").click();
      const row = page.locator("tr", { hasText: description });
      await row.getByTestId("status").filter({ hasText: "Pending" }).waitFor();
      await page.locator('[data-testid="toast"][data-stage="success"]', { hasText: "Submit contribution" }).waitFor();
      expect(
        await page.getByTestId("signed-pending").count(),
        "the signed contribution is still listed as not submitted",
      ).toBe(0);

      contributionId = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "contributionCount",
      });
      expect(contributionId, `expected one new contribution, count ${countBefore} → ${contributionId}`).toBe(
        countBefore + 1n,
      );
      const c = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "getContribution",
        args: [contributionId],
      });
      expect(c.contributor, `contributor on chain is ${c.contributor}`).toBe(bea.address);
      expect(
        c.status === 1 && c.quantity === 5n && c.kindId === 0,
        `unexpected contribution on chain: ${JSON.stringify(c, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
      ).toBeTruthy();
      expect(
        (await row.locator("td").first().textContent())?.trim() === contributionId.toString(),
        "the row shows another id",
      ).toBeTruthy();
    });

    await step("Cyrus evaluates it (score 8)", async () => {
      await as(cyrus);
      await openTab("evaluate");
      const item = page.getByTestId(`evaluate-${contributionId}`);
      await item.getByText(description).waitFor();
      // Plain-language validation before sending.
      await page.getByTestId(`score-${contributionId}`).fill("11");
      await page.getByTestId(`evaluate-btn-${contributionId}`).click();
      await item.getByText("Give a whole-number score from 0 to 10.").waitFor();
      await page.getByTestId(`score-${contributionId}`).fill("8");
      await page.getByTestId(`evaluate-btn-${contributionId}`).click();
      await item.waitFor({ state: "detached" });
      const done = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "hasEvaluated",
        args: [contributionId, cyrus.address],
      });
      expect(done, "Cyrus's evaluation is not on chain").toBeTruthy();
    });

    await step("Dara evaluates it (score 9); it shows accepted with points", async () => {
      await as(dara);
      const item = page.getByTestId(`evaluate-${contributionId}`);
      await item.getByText(description).waitFor();
      await page.getByTestId(`score-${contributionId}`).fill("9");
      await page.getByTestId(`evaluate-btn-${contributionId}`).click();
      await item.waitFor({ state: "detached" });

      await openTab("overview");
      const row = page.getByTestId(`contribution-${contributionId}`);
      await row.getByTestId("status").filter({ hasText: "Accepted" }).waitFor();
      // 5 units × weight 10 × median 8.5 = 425 points
      const shown = num(await row.getByTestId("points").textContent());
      expect(shown, `the row shows ${shown} points, expected 425`).toBe(425);
      const c = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "getContribution",
        args: [contributionId],
      });
      expect(c.status, `status on chain is ${c.status}, expected Accepted (2)`).toBe(2);
      const points = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "pointsOf",
        args: [projectId, bea.address],
      });
      expect(points, `Bea's points on chain: ${beaPointsBefore} → ${points}`).toBe(beaPointsBefore + 425n);
    });

    let receivedBefore = 0n;
    await step("the funder pays 2 ETH income into the project", async () => {
      await as(funder);
      [receivedBefore] = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "incomeStats",
        args: [projectId, ETH],
      });
      const shownBefore = num(await page.getByTestId("received-ETH").textContent());
      expect(shownBefore, `books show ${shownBefore} ETH paid in, chain ${formatEther(receivedBefore)}`).toBe(
        Number(formatEther(receivedBefore)),
      );
      await openTab("income");
      await page.getByTestId("pay-token").selectOption({ label: "ETH" });
      await page.getByTestId("pay-amount").fill("2");
      await page.getByTestId("pay-submit").click();
      await page.locator('[data-testid="toast"][data-stage="success"]', { hasText: "Pay ETH income" }).waitFor();
      const [received] = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "incomeStats",
        args: [projectId, ETH],
      });
      expect(received, `income on chain ${formatEther(receivedBefore)} → ${formatEther(received)}`).toBe(
        receivedBefore + parseEther("2"),
      );
      await openTab("overview");
      await ui.waitForText("received-ETH", (t) => num(t) === Number(formatEther(received)), "ETH paid in");
    });

    await step("Bea sees an amount claimable, claims it; claimable goes to 0 and paid out grows", async () => {
      await as(bea);
      const [, claimedBefore] = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "incomeStats",
        args: [projectId, ETH],
      });
      await ui.waitForText(
        "claimed-ETH",
        (t) => num(t) === Number(formatEther(claimedBefore)),
        "ETH paid out before the claim",
      );
      await openTab("income");
      const owed = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "claimable",
        args: [projectId, ETH, bea.address],
      });
      expect(owed > 0n, "nothing is claimable on chain").toBeTruthy();
      const shown = num(await ui.waitForText("claimable-ETH", (t) => num(t) > 0, "claimable ETH"));
      expect(
        Math.abs(shown - Number(formatEther(owed))) < 1e-6,
        `claimable shows ${shown}, chain ${formatEther(owed)}`,
      ).toBeTruthy();
      const balanceBefore = await client.getBalance({ address: bea.address });

      await page.getByTestId("claim-ETH").click();
      await page.locator('[data-testid="toast"][data-stage="success"]', { hasText: "Claim ETH" }).waitFor();
      await ui.waitForText("claimable-ETH", (t) => t === "0", "claimable ETH after claiming");
      await ui.waitForText(
        "my-claimed-ETH",
        (t) => Math.abs(num(t) - Number(formatEther(owed))) < 1e-6,
        "Bea's claimed total",
      );
      expect(
        await page.getByTestId("claim-ETH").isDisabled(),
        "the claim button is still enabled with nothing to claim",
      ).toBeTruthy();

      const after = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "claimable",
        args: [projectId, ETH, bea.address],
      });
      expect(after, `claimable on chain after claiming: ${after}`).toBe(0n);
      const balanceAfter = await client.getBalance({ address: bea.address });
      expect(
        balanceAfter > balanceBefore && balanceAfter - balanceBefore > owed - parseEther("0.01"),
        `Bea's balance ${formatEther(balanceBefore)} → ${formatEther(balanceAfter)}`,
      ).toBeTruthy();
      const [, claimedAfter] = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "incomeStats",
        args: [projectId, ETH],
      });
      expect(claimedAfter, "paid-out total on chain did not grow by the claim").toBe(claimedBefore + owed);

      await openTab("overview");
      await ui.waitForText(
        "claimed-ETH",
        (t) => Math.abs(num(t) - Number(formatEther(claimedAfter))) < 1e-4,
        "ETH paid out after the claim",
      );
      await ui.screenshot("contribution-e2e.png");
    });

    const signedCount = () => page.getByTestId("signed-item").count();
    /** The contribution the retry step records (left pending: its window closes when the clock jumps). */
    let retriedId = 0n;
    const rpcPortOf = (url: URL) => url.port === String(stack.dappRpcPort);

    await step("a signature survives a failed send and a reload; Retry submits it", async () => {
      await openTab("record");
      // The node refuses raw transactions: signing works, sending fails.
      await page.route(rpcPortOf, (route) =>
        route.request().postData()?.includes("eth_sendRawTransaction")
          ? route.abort("connectionrefused")
          : route.continue(),
      );
      const text = `E2E: survives a failed send (${Date.now()})`;
      await page.getByTestId("kind").selectOption("2");
      await page.getByTestId("quantity").fill("3");
      await page.getByTestId("description").fill(text);
      await page.getByTestId("sign-submit").click();
      await page.locator('[data-testid="toast"][data-stage="error"]', { hasText: "Submit contribution" }).waitFor();
      await page.getByTestId("signed-item").filter({ hasText: text }).getByText("Last attempt:").waitFor();
      await page.unroute(rpcPortOf);

      await page.reload();
      const item = page.getByTestId("signed-item").filter({ hasText: text });
      await item.waitFor();
      const before = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "contributionCount",
      });
      await item.getByTestId("signed-retry").click();
      await page.locator("tr", { hasText: text }).getByTestId("status").filter({ hasText: "Pending" }).waitFor();
      // The row can show before the retry's write has finished (a new block refreshes the list); the signature goes
      // once it has.
      await expect.poll(signedCount, { message: "the signature is still listed after a successful retry" }).toBe(0);
      const after = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "contributionCount",
      });
      expect(after, "Retry did not record the contribution").toBe(before + 1n);
      retriedId = after;
    });

    /** Signs a contribution of `quantity` described by `text` while sends fail (the RPC refuses raw transactions), so
     * the signature stays stored in the browser; returns its list item and the stored payload. */
    async function signWithoutSending(quantity: string, text: string) {
      await page.route(rpcPortOf, (route) =>
        route.request().postData()?.includes("eth_sendRawTransaction")
          ? route.abort("connectionrefused")
          : route.continue(),
      );
      await page.getByTestId("quantity").fill(quantity);
      await page.getByTestId("description").fill(text);
      await page.getByTestId("sign-submit").click();
      const item = page.getByTestId("signed-item").filter({ hasText: text });
      await item.getByText("Last attempt:").waitFor();
      await page.unroute(rpcPortOf);
      const stored = JSON.parse(
        (await page.evaluate(() => localStorage.getItem("cosmolocal.signedContributions.v1"))) ?? "[]",
      ) as {
        signature: Hex;
        contributor: Address;
        nonce: string;
        deadline: string;
        input: { projectId: string; kindId: number; quantity: string; evidenceHash: Hex; evidenceURI: string };
      }[];
      return { item, s: stored.find((x) => x.input.evidenceURI.includes(encodeURIComponent(text))) };
    }

    /** Ada (account 0) relays a stored signed contribution with `submitSigned`; returns the transaction hash. */
    function relaySigned(s: NonNullable<Awaited<ReturnType<typeof signWithoutSending>>["s"]>) {
      return stack.walletOf(ada).writeContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "submitSigned",
        chain: null,
        args: [
          { ...s.input, projectId: BigInt(s.input.projectId), quantity: BigInt(s.input.quantity) },
          s.contributor,
          BigInt(s.nonce),
          BigInt(s.deadline),
          s.signature,
        ],
      });
    }

    await step("a signature relayed by someone else: Retry explains the used nonce; Discard removes it", async () => {
      const text = `E2E: relayed by the coordinator (${Date.now()})`;
      const { item, s } = await signWithoutSending("2", text);
      // Ada relays Bea's stored signature (anyone may submit a signed contribution).
      if (!s) throw new Error("the signed contribution is not in localStorage");
      const hash = await relaySigned(s);
      await client.waitForTransactionReceipt({ hash });

      await item.getByTestId("signed-retry").click();
      await page
        .locator('[data-testid="toast"][data-stage="error"]', { hasText: "Submit contribution" })
        .getByText("already recorded")
        .waitFor();
      await ui.screenshot("contribution-e2e-retry.png", { keepToasts: true });
      await item.getByRole("button", { name: "Discard" }).click();
      await item.waitFor({ state: "detached" });
      await page.locator("tr", { hasText: text }).getByTestId("status").filter({ hasText: "Pending" }).waitFor();
    });

    await step("finding 9: a stored signature is cancelled on chain; nobody can submit it any more", async () => {
      const text = `E2E: withdrawn signature (${Date.now()})`;
      const { item, s } = await signWithoutSending("1", text);
      if (!s) throw new Error("the signed contribution is not in localStorage");

      await item.getByTestId("signed-cancel").click();
      await page
        .locator('[data-testid="toast"][data-stage="success"]', {
          hasText: `Cancel signed contributions up to nonce ${s.nonce}`,
        })
        .waitFor();
      await item.waitFor({ state: "detached" });
      const next = await client.readContract({
        address: ledger,
        abi: contributionLedgerAbi,
        functionName: "nonces",
        args: [BigInt(s.input.projectId), s.contributor],
      });
      expect(next, `the nonce did not move past the cancelled signature: ${next}`).toBe(BigInt(s.nonce) + 1n);
      let refused = false;
      try {
        await relaySigned(s);
      } catch (err) {
        refused = String(err).includes("InvalidNonce");
      }
      expect(refused, "the cancelled signature was not refused with InvalidNonce").toBeTruthy();
    });

    const lc = { address: ledger, abi: contributionLedgerAbi } as const;
    /** The ledger's state the steps after the clock jump check. */
    const read = {
      count: () => client.readContract({ ...lc, functionName: "contributionCount" }),
      contribution: (id: bigint) => client.readContract({ ...lc, functionName: "getContribution", args: [id] }),
      points: (who: Address) => client.readContract({ ...lc, functionName: "pointsOf", args: [projectId, who] }),
      evaluated: (id: bigint, who: Address) =>
        client.readContract({ ...lc, functionName: "hasEvaluated", args: [id, who] }),
      scores: (id: bigint) => client.readContract({ ...lc, functionName: "scoresOf", args: [id] }),
      policy: async () => (await client.readContract({ ...lc, functionName: "getProject", args: [projectId] }))[2],
    };
    const chainTimeShown = async () => BigInt((await page.getByTestId("chain-time").getAttribute("data-ts")) ?? "0");
    let jumpedTo = 0n;

    await step("the dev clock moves 30 days: a window closes, Evaluate is no longer offered", async () => {
      await as(cyrus);
      await openTab("evaluate");
      const item = page.getByTestId(`evaluate-${retriedId}`);
      await item.waitFor();
      const before = (await client.getBlock()).timestamp;
      const open = await read.contribution(retriedId);
      expect(BigInt(open.closesAt) > before, "the retried contribution's window is open").toBe(true);

      // The dev clock is in the app shell, on this page too; its steps are buttons a keyboard reaches.
      const jump = page.getByTestId("dev-clock").getByRole("button", { name: "+30 days", exact: true });
      await jump.focus();
      await page.keyboard.press("Enter");
      await expect
        .poll(chainTimeShown, { message: "the dApp does not show the chain time 30 days on" })
        .toBeGreaterThanOrEqual(before + 30n * DAY);
      jumpedTo = (await client.getBlock()).timestamp;
      expect(jumpedTo >= before + 30n * DAY, `chain time ${before} → ${jumpedTo}`).toBe(true);

      // Its window closed by chain time: not offered for evaluation, listed as closed without quorum.
      await item.waitFor({ state: "detached" });
      const closed = page.locator("section", {
        has: page.getByRole("heading", { name: "Windows closed without quorum" }),
      });
      await closed.getByText(`#${retriedId}`, { exact: true }).waitFor();
      const c = await read.contribution(retriedId);
      expect(
        c.status === 1 && BigInt(c.closesAt) < jumpedTo,
        `on chain: status ${c.status}, closes ${c.closesAt}`,
      ).toBe(true);
      await openTab("overview");
      await ui.waitForText(
        "status",
        (t) => t === "Window closed",
        "the retried contribution's status",
        page.getByTestId(`contribution-${retriedId}`),
      );
    });

    let jumpedId = 0n;
    const jumpedText = `E2E: signed 30 days on (${Date.now()})`;
    await step("after the jump Bea signs and submits a contribution: its deadline counts from chain time", async () => {
      await as(bea);
      await openTab("record");
      await ui.closeToasts();
      const countBefore = await read.count();
      await page.getByTestId("kind").selectOption("0");
      await page.getByTestId("quantity").fill("4");
      await page.getByTestId("description").fill(jumpedText);
      await page.getByTestId("sign-submit").click();
      await ui.confirmed("Submit contribution");
      await page.locator("tr", { hasText: jumpedText }).getByTestId("status").filter({ hasText: "Pending" }).waitFor();
      await expect.poll(signedCount, { message: "the signature is still listed after submitting" }).toBe(0);

      jumpedId = await read.count();
      expect(jumpedId, "expected one new contribution").toBe(countBefore + 1n);
      const c = await read.contribution(jumpedId);
      expect(
        c.contributor === bea.address && c.status === 1 && c.quantity === 4n && c.kindId === 0,
        `unexpected contribution on chain: ${JSON.stringify(c, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
      ).toBe(true);
      // Recorded after the jump: submitted at closesAt − the project's window.
      const policy = await read.policy();
      const submittedAt = BigInt(c.closesAt) - BigInt(policy.evaluationWindow);
      expect(submittedAt >= jumpedTo, `submitted at ${submittedAt}, before the jump to ${jumpedTo}`).toBe(true);

      // The signature's deadline is chain time at signing + its validity (the browser's clock is 30 days behind).
      const [event] = await client.getContractEvents({
        address: ledger,
        abi: contributionLedgerAbi,
        eventName: "ContributionSubmitted",
        args: { contributionId: jumpedId },
        fromBlock: 0n,
      });
      const tx = await client.getTransaction({ hash: event.transactionHash });
      const call = decodeFunctionData({ abi: contributionLedgerAbi, data: tx.input });
      if (call.functionName !== "submitSigned") throw new Error(`submitted with ${call.functionName}, not a signature`);
      const deadline = call.args[3];
      const minedAt = (await client.getBlock({ blockNumber: event.blockNumber })).timestamp;
      expect(
        deadline >= jumpedTo + SIGNATURE_VALIDITY && deadline <= minedAt + SIGNATURE_VALIDITY,
        `deadline ${deadline}: expected chain time at signing (${jumpedTo}…${minedAt}) + 7 days`,
      ).toBe(true);
    });

    await step("Cyrus (7) and Dara (9) evaluate it within its window by chain time; it is accepted", async () => {
      const pointsBefore = await read.points(bea.address);
      for (const [who, score] of [
        [cyrus, "7"],
        [dara, "9"],
      ] as const) {
        await as(who);
        await openTab("evaluate");
        const item = page.getByTestId(`evaluate-${jumpedId}`);
        await item.getByText(jumpedText).waitFor();
        // The window's countdown runs on chain time: 7 days from the submission, not 37 by the browser's clock.
        await expect(item).toContainText(/\(in (6 d 23 h|7 d 0 h)\)/);
        await ui.closeToasts();
        await page.getByTestId(`score-${jumpedId}`).fill(score);
        await page.getByTestId(`evaluate-btn-${jumpedId}`).click();
        await ui.confirmed(`Evaluate contribution #${jumpedId}`);
        await item.waitFor({ state: "detached" });
        expect(await read.evaluated(jumpedId, who.address), `${who.name}'s evaluation is not on chain`).toBe(true);
      }

      await openTab("overview");
      const row = page.getByTestId(`contribution-${jumpedId}`);
      await row.getByTestId("status").filter({ hasText: "Accepted" }).waitFor();
      // 4 units × weight 10 × median 8 = 320 points
      const shown = num(await row.getByTestId("points").textContent());
      expect(shown, `the row shows ${shown} points, expected 320`).toBe(320);
      const c = await read.contribution(jumpedId);
      expect(c.status, `status on chain is ${c.status}, expected Accepted (2)`).toBe(2);
      expect([...(await read.scores(jumpedId))], "the scores on chain").toEqual([7, 9]);
      const points = await read.points(bea.address);
      expect(points, `Bea's points on chain: ${pointsBefore} → ${points}`).toBe(pointsBefore + 320n);
    });
  });
});
