// Browser end-to-end test of the contribution dApp: a local Hardhat node with demo data, the dApp built against
// it, Debian's Chromium driven by playwright-core. Story: Bea signs and submits a contribution, Cyrus and Dara
// evaluate it, a funder pays ETH income, Bea claims and sees her claimable go to zero. Every step is asserted
// in the UI (text content) and cross-checked on chain.
//
// Run from the repository root: `node web/e2e/contribution.e2e.ts` (Node 24). Screenshots go to test-results/.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, createWalletClient, formatEther, http, parseEther, type Address, type Hex } from "viem";
import { contributionLedgerAbi } from "../../sdk/src/generated/abis.ts";
import type { Stack } from "../../scripts/lib/stack.ts";
import type { Page } from "playwright-core";
import { assert, buildAndServe, closeServer, E2E, freePort, num, resultsDir, root, UI_TIMEOUT } from "./harness.ts";

const ETH = "0x0000000000000000000000000000000000000000" as const;

// Hardhat finds its config from the working directory: load the stack from the repository root.
process.chdir(root);
const { startStack } = await import("../../scripts/lib/stack.ts");

// Demo accounts (scripts/lib/demo.ts): #0 Ada (coordinator), #1 Bea, #2 Cyrus, #3 Dara, #4 funder.
const ACCOUNT = { bea: 1, cyrus: 2, dara: 3, funder: 4 } as const;

// ------------------------------------------------------------------------------------------------ setup

const e2e = new E2E("contribution");
const step = e2e.step.bind(e2e);
let stack: Stack | undefined;
let server: Server | undefined;
let page: E2E["page"];
const tmp = mkdtempSync(join(tmpdir(), "cosmolocal-e2e-"));

// ------------------------------------------------------------------------------------------------ helpers

const useAccount = (index: number, address: string) => e2e.useAccount(index, address);
const waitForText = (testId: string, predicate: (text: string) => boolean, what: string) =>
  e2e.waitForText(testId, predicate, what);

async function openTab(tab: "overview" | "record" | "evaluate" | "income" | "members") {
  await page!.getByTestId(`tab-${tab}`).click();
  await page!.locator(`[data-testid="tab-${tab}"][aria-selected="true"]`).waitFor({ timeout: UI_TIMEOUT });
}

// --------------------------------------------------------------------------------------------------- run

try {
  console.log("contribution e2e");
  const rpcPort = Number(process.env.E2E_RPC_PORT ?? (await freePort()));
  const webPort = await freePort();

  await step("local stack: Hardhat node, Ignition deploy, demo data", async () => {
    stack = await startStack({ port: rpcPort, seed: true });
    assert(stack.demo, "demo data was not seeded");
  });

  await step("build the dApp against the local node", async () => {
    server = await buildAndServe(stack!.rpcUrl, join(tmp, "dist"), webPort);
  });

  const client = createPublicClient({ transport: http(stack?.rpcUrl ?? `http://127.0.0.1:${rpcPort}`) });
  const ledger = stack?.ledger as Address;
  const members = stack?.demo?.members ?? [];
  const addr = (i: number) => members[i]?.address as Address;
  const projectId = stack?.demo?.projectId ?? 1n;
  const description = `E2E: calibrated the laser cutter (${new Date().toISOString()})`;
  let contributionId = 0n;
  let beaPointsBefore = 0n;

  await step("open the project and connect the local test wallet as Bea", async () => {
    page = await e2e.launch(join(tmp, "profile"), `http://127.0.0.1:${webPort}/#/project/${projectId}/record`);
    await waitForText("project-name", (t) => t === "Open Hardware Lab", "project name");
    await page.getByTestId("connect-burner").click();
    await useAccount(ACCOUNT.bea, addr(ACCOUNT.bea));
    await waitForText("me-box", (t) => t.includes("Member"), "Bea's role");
    beaPointsBefore = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "pointsOf",
      args: [projectId, addr(ACCOUNT.bea)],
    });
  });

  await step("Bea records a contribution: signs EIP-712, then submits; it shows pending", async () => {
    const p = page!;
    // The form explains mistakes before anything is signed.
    await p.getByTestId("quantity").fill("1.5");
    await p.getByTestId("sign-submit").click();
    await p.getByText("The quantity must be a whole number").waitFor();
    await p.getByText("Describe the work so other members can evaluate it.").waitFor();

    const countBefore = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "contributionCount",
    });
    await p.getByTestId("kind").selectOption("0");
    await p.getByTestId("quantity").fill("5");
    await p.getByTestId("description").fill(description);
    await p.getByTestId("sign-submit").click();
    const row = p.locator("tr", { hasText: description });
    await row.getByTestId("status").filter({ hasText: "Pending" }).waitFor();
    await p.locator('[data-testid="toast"][data-stage="success"]', { hasText: "Submit contribution" }).waitFor();
    assert(
      (await p.getByTestId("signed-pending").count()) === 0,
      "the signed contribution is still listed as not submitted",
    );

    contributionId = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "contributionCount",
    });
    assert(
      contributionId === countBefore + 1n,
      `expected one new contribution, count ${countBefore} → ${contributionId}`,
    );
    const c = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "getContribution",
      args: [contributionId],
    });
    assert(c.contributor === addr(ACCOUNT.bea), `contributor on chain is ${c.contributor}`);
    assert(
      c.status === 1 && c.quantity === 5n && c.kindId === 0,
      `unexpected contribution on chain: ${JSON.stringify(c, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
    );
    assert(
      (await row.locator("td").first().textContent())?.trim() === contributionId.toString(),
      "the row shows another id",
    );
  });

  await step("Cyrus evaluates it (score 8)", async () => {
    const p = page!;
    await useAccount(ACCOUNT.cyrus, addr(ACCOUNT.cyrus));
    await openTab("evaluate");
    const item = p.getByTestId(`evaluate-${contributionId}`);
    await item.getByText(description).waitFor();
    // Plain-language validation before sending.
    await p.getByTestId(`score-${contributionId}`).fill("11");
    await p.getByTestId(`evaluate-btn-${contributionId}`).click();
    await item.getByText("Give a whole-number score from 0 to 10.").waitFor();
    await p.getByTestId(`score-${contributionId}`).fill("8");
    await p.getByTestId(`evaluate-btn-${contributionId}`).click();
    await item.waitFor({ state: "detached" });
    const done = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "hasEvaluated",
      args: [contributionId, addr(ACCOUNT.cyrus)],
    });
    assert(done, "Cyrus's evaluation is not on chain");
  });

  await step("Dara evaluates it (score 9); it shows accepted with points", async () => {
    const p = page!;
    await useAccount(ACCOUNT.dara, addr(ACCOUNT.dara));
    const item = p.getByTestId(`evaluate-${contributionId}`);
    await item.getByText(description).waitFor();
    await p.getByTestId(`score-${contributionId}`).fill("9");
    await p.getByTestId(`evaluate-btn-${contributionId}`).click();
    await item.waitFor({ state: "detached" });

    await openTab("overview");
    const row = p.getByTestId(`contribution-${contributionId}`);
    await row.getByTestId("status").filter({ hasText: "Accepted" }).waitFor();
    // 5 units × weight 10 × median 8.5 = 425 points
    const shown = num(await row.getByTestId("points").textContent());
    assert(shown === 425, `the row shows ${shown} points, expected 425`);
    const c = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "getContribution",
      args: [contributionId],
    });
    assert(c.status === 2, `status on chain is ${c.status}, expected Accepted (2)`);
    const points = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "pointsOf",
      args: [projectId, addr(ACCOUNT.bea)],
    });
    assert(points === beaPointsBefore + 425n, `Bea's points on chain: ${beaPointsBefore} → ${points}`);
  });

  let receivedBefore = 0n;
  await step("the funder pays 2 ETH income into the project", async () => {
    const p = page!;
    await useAccount(ACCOUNT.funder, addr(ACCOUNT.funder));
    [receivedBefore] = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "incomeStats",
      args: [projectId, ETH],
    });
    const shownBefore = num(await p.getByTestId("received-ETH").textContent());
    assert(
      shownBefore === Number(formatEther(receivedBefore)),
      `books show ${shownBefore} ETH paid in, chain ${formatEther(receivedBefore)}`,
    );
    await openTab("income");
    await p.getByTestId("pay-token").selectOption({ label: "ETH" });
    await p.getByTestId("pay-amount").fill("2");
    await p.getByTestId("pay-submit").click();
    await p.locator('[data-testid="toast"][data-stage="success"]', { hasText: "Pay ETH income" }).waitFor();
    const [received] = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "incomeStats",
      args: [projectId, ETH],
    });
    assert(
      received === receivedBefore + parseEther("2"),
      `income on chain ${formatEther(receivedBefore)} → ${formatEther(received)}`,
    );
    await openTab("overview");
    await waitForText("received-ETH", (t) => num(t) === Number(formatEther(received)), "ETH paid in");
  });

  await step("Bea sees an amount claimable, claims it; claimable goes to 0 and paid out grows", async () => {
    const p = page!;
    const bea = addr(ACCOUNT.bea);
    await useAccount(ACCOUNT.bea, bea);
    const [, claimedBefore] = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "incomeStats",
      args: [projectId, ETH],
    });
    await waitForText(
      "claimed-ETH",
      (t) => num(t) === Number(formatEther(claimedBefore)),
      "ETH paid out before the claim",
    );
    await openTab("income");
    const owed = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "claimable",
      args: [projectId, ETH, bea],
    });
    assert(owed > 0n, "nothing is claimable on chain");
    const shown = num(await waitForText("claimable-ETH", (t) => num(t) > 0, "claimable ETH"));
    assert(Math.abs(shown - Number(formatEther(owed))) < 1e-6, `claimable shows ${shown}, chain ${formatEther(owed)}`);
    const balanceBefore = await client.getBalance({ address: bea });

    await p.getByTestId("claim-ETH").click();
    await p.locator('[data-testid="toast"][data-stage="success"]', { hasText: "Claim ETH" }).waitFor();
    await waitForText("claimable-ETH", (t) => t === "0", "claimable ETH after claiming");
    await waitForText(
      "my-claimed-ETH",
      (t) => Math.abs(num(t) - Number(formatEther(owed))) < 1e-6,
      "Bea's claimed total",
    );
    assert(await p.getByTestId("claim-ETH").isDisabled(), "the claim button is still enabled with nothing to claim");

    const after = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "claimable",
      args: [projectId, ETH, bea],
    });
    assert(after === 0n, `claimable on chain after claiming: ${after}`);
    const balanceAfter = await client.getBalance({ address: bea });
    assert(
      balanceAfter > balanceBefore && balanceAfter - balanceBefore > owed - parseEther("0.01"),
      `Bea's balance ${formatEther(balanceBefore)} → ${formatEther(balanceAfter)}`,
    );
    const [, claimedAfter] = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "incomeStats",
      args: [projectId, ETH],
    });
    assert(claimedAfter === claimedBefore + owed, "paid-out total on chain did not grow by the claim");

    await openTab("overview");
    await waitForText(
      "claimed-ETH",
      (t) => Math.abs(num(t) - Number(formatEther(claimedAfter))) < 1e-4,
      "ETH paid out after the claim",
    );
    await e2e.screenshot("contribution-e2e.png");
  });

  const signedCount = () => page!.getByTestId("signed-item").count();
  const rpcPortOf = (url: URL) => url.port === String(rpcPort);

  await step("a signature survives a failed send and a reload; Retry submits it", async () => {
    const p = page!;
    await openTab("record");
    // The node refuses raw transactions: signing works, sending fails.
    await p.route(rpcPortOf, (route) =>
      route.request().postData()?.includes("eth_sendRawTransaction")
        ? route.abort("connectionrefused")
        : route.continue(),
    );
    const text = `E2E: survives a failed send (${Date.now()})`;
    await p.getByTestId("kind").selectOption("2");
    await p.getByTestId("quantity").fill("3");
    await p.getByTestId("description").fill(text);
    await p.getByTestId("sign-submit").click();
    await p.locator('[data-testid="toast"][data-stage="error"]', { hasText: "Submit contribution" }).waitFor();
    await p.getByTestId("signed-item").filter({ hasText: text }).getByText("Last attempt:").waitFor();
    await p.unroute(rpcPortOf);

    await p.reload();
    const item = p.getByTestId("signed-item").filter({ hasText: text });
    await item.waitFor();
    const before = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "contributionCount",
    });
    await item.getByTestId("signed-retry").click();
    await p.locator("tr", { hasText: text }).getByTestId("status").filter({ hasText: "Pending" }).waitFor();
    assert((await signedCount()) === 0, "the signature is still listed after a successful retry");
    const after = await client.readContract({
      address: ledger,
      abi: contributionLedgerAbi,
      functionName: "contributionCount",
    });
    assert(after === before + 1n, "Retry did not record the contribution");
  });

  /** Signs a contribution of `quantity` described by `text` while sends fail (the RPC refuses raw transactions), so
   * the signature stays stored in the browser; returns its list item and the stored payload. */
  async function signWithoutSending(p: Page, quantity: string, text: string) {
    await p.route(rpcPortOf, (route) =>
      route.request().postData()?.includes("eth_sendRawTransaction")
        ? route.abort("connectionrefused")
        : route.continue(),
    );
    await p.getByTestId("quantity").fill(quantity);
    await p.getByTestId("description").fill(text);
    await p.getByTestId("sign-submit").click();
    const item = p.getByTestId("signed-item").filter({ hasText: text });
    await item.getByText("Last attempt:").waitFor();
    await p.unroute(rpcPortOf);
    const stored = JSON.parse(
      (await p.evaluate(() => localStorage.getItem("cosmolocal.signedContributions.v1"))) ?? "[]",
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
    const relayer = createWalletClient({ account: addr(0), transport: http(stack!.rpcUrl) });
    return relayer.writeContract({
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
    const p = page!;
    const text = `E2E: relayed by the coordinator (${Date.now()})`;
    const { item, s } = await signWithoutSending(p, "2", text);
    // Ada relays Bea's stored signature (anyone may submit a signed contribution).
    assert(s, "the signed contribution is not in localStorage");
    const hash = await relaySigned(s);
    await client.waitForTransactionReceipt({ hash });

    await item.getByTestId("signed-retry").click();
    await p
      .locator('[data-testid="toast"][data-stage="error"]', { hasText: "Submit contribution" })
      .getByText("already recorded")
      .waitFor();
    await p.screenshot({ path: join(resultsDir, "contribution-e2e-retry.png"), fullPage: true });
    await item.getByRole("button", { name: "Discard" }).click();
    await item.waitFor({ state: "detached" });
    await p.locator("tr", { hasText: text }).getByTestId("status").filter({ hasText: "Pending" }).waitFor();
  });

  await step("finding 9: a stored signature is cancelled on chain; nobody can submit it any more", async () => {
    const p = page!;
    const text = `E2E: withdrawn signature (${Date.now()})`;
    const { item, s } = await signWithoutSending(p, "1", text);
    assert(s, "the signed contribution is not in localStorage");

    await item.getByTestId("signed-cancel").click();
    await p
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
    assert(next === BigInt(s.nonce) + 1n, `the nonce did not move past the cancelled signature: ${next}`);
    let refused = false;
    try {
      await relaySigned(s);
    } catch (err) {
      refused = String(err).includes("InvalidNonce");
    }
    assert(refused, "the cancelled signature was not refused with InvalidNonce");
  });
} finally {
  await e2e.closeBrowser();
  await closeServer(server);
  await stack?.close().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}

process.exit(e2e.report());
