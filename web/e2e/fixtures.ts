// Fixtures of the browser e2e stories: `stack` (the shared local chain, reverted after each story), `as(person)` (the
// page acting as a demo persona through the local test wallet), `ui` (waits and screenshots on that page), and the
// automatic `rpcCalls` check of every story's JSON-RPC traffic through the public-RPC proxy.
import { join } from "node:path";
import { expect, test as base, type BrowserContext, type Locator, type Page } from "@playwright/test";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  type Address,
  type PublicClient,
} from "viem";
import { LOCAL_ACCOUNT_NAMES } from "../../sdk/src/local.ts";
import { READ_SOURCE_KEY, type ReadSource } from "../src/shared/data/sourceKey.ts";
import type { RpcProxyStats } from "./rpc-proxy.ts";
import { decodeStack, type StackInfo } from "./stack.ts";

export { expect };

/** A demo persona: a Hardhat test account the local test wallet can act as. */
export interface Person {
  index: number;
  /** First word of its SDK name: "Ada", "Bea", … "Funder", … "Jon". */
  name: string;
  address: Address;
}

export interface E2EStack extends StackInfo {
  /** Reads from the local node, for the on-chain cross-checks. */
  client: PublicClient;
  /** The port the dApp sends its JSON-RPC calls to: the public-RPC proxy's (a story can intercept them there). */
  dappRpcPort: number;
  person(name: string): Person;
  /** A wallet client sending as `who` (the node holds the test accounts' keys). */
  walletOf(who: Person): Wallet;
}

const walletClient = (rpcUrl: string, who: Person) =>
  createWalletClient({ account: who.address, transport: http(rpcUrl) });
type Wallet = ReturnType<typeof walletClient>;

export interface UI {
  /** Clicks the tab `testId` and waits until it is selected. */
  openTab(testId: string): Promise<void>;
  /** Waits until the first `testId` (inside `scope`) shows a text `predicate` accepts; returns that text. */
  waitForText(testId: string, predicate: (text: string) => boolean, what: string, scope?: Locator): Promise<string>;
  /** Waits until the first `testId` (inside `scope`) has `attr` = `value`. */
  waitForAttr(testId: string, attr: string, value: string, what: string, scope?: Locator): Promise<void>;
  /** Closes every toast (so the next transaction's toast is the only one with its title). */
  closeToasts(): Promise<void>;
  /** Waits for the success toast of the transaction titled `title`; fails fast on its error toast. */
  confirmed(title: string): Promise<void>;
  /** Waits for the error toast of the transaction titled `title` and returns its text. */
  refused(title: string): Promise<string>;
  /** Screenshots the whole page (or `opts.page`) to test-results/`file`, closing the toasts first unless `keepToasts`. */
  screenshot(file: string, opts?: { keepToasts?: boolean; page?: Page }): Promise<void>;
}

/** Parses a figure the dApp renders ("1,234.5678", "−40 CMC", "+1,250 CMC") into a number. */
export const num = (s: string | null) =>
  Number(
    (s ?? "")
      .replace(/[^\d.−-]/g, "")
      .replace("−", "-")
      .trim(),
  );

/** The custom error (name and arguments) a simulated call (`simulation`) reverts with; fails if it does not revert. */
export async function revertOf(simulation: Promise<unknown>) {
  const err = await simulation.then(
    () => undefined,
    (e: unknown) => e,
  );
  const reverted = err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null;
  expect(reverted instanceof ContractFunctionRevertedError, `the call did not revert: ${err}`).toBe(true);
  const data = (reverted as ContractFunctionRevertedError).data;
  return { name: data?.errorName, args: (data?.args ?? []) as readonly unknown[] };
}

/** Connects `page`'s local test wallet (connecting it first if needed) as `who`; resolves once the wallet shows it. */
export async function actAs(page: Page, who: Person): Promise<Page> {
  const account = page.getByTestId("burner-account");
  await account.or(page.getByTestId("connect-burner")).first().waitFor();
  if (!(await account.isVisible())) await page.getByTestId("connect-burner").click();
  await account.selectOption(String(who.index));
  await page.locator(`[data-testid="wallet"][data-address="${who.address}"]`).waitFor();
  return page;
}

const toast = (page: Page, stage: "success" | "error", title: string) =>
  page.locator(`[data-testid="toast"][data-stage="${stage}"]`, { hasText: title }).first();

/**
 * Makes every page of `context` read from `source`, as a person's choice in the dApp's footer does: the dApp is built
 * with the readers story's indexer (global-setup.ts), which runs only during that story, so every other page reads the
 * chain.
 */
export async function readFrom(context: BrowserContext, source: ReadSource): Promise<BrowserContext> {
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [READ_SOURCE_KEY, source] as const);
  return context;
}

/** A step of a story: `test.step`, then a screenshot of the page as the step left it. */
export type Step = <T>(title: string, body: () => Promise<T>) => Promise<T>;

export const test = base.extend<{
  stack: E2EStack;
  as: (who: Person) => Promise<Page>;
  ui: UI;
  step: Step;
  rpcCalls: void;
}>({
  context: async ({ context }, use) => use(await readFrom(context, "chain")),

  // The browser's console errors are attached to a failed story.
  page: async ({ page }, use, testInfo) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && errors.length)
      await testInfo.attach("browser console errors", {
        body: errors.slice(-10).join("\n"),
        contentType: "text/plain",
      });
  },

  baseURL: async ({}, use) => use(decodeStack(process.env.E2E_STACK).webUrl),

  // Every story reads the chain through the public-RPC proxy, counted from zero: at its end (the page closed), the
  // calls are logged and attached, and none may have been refused for its block range or result size. Refusals for
  // the rate (HTTP 429) are allowed: the dApp backs off and retries, as it must on a public endpoint.
  rpcCalls: [
    async ({}, use, testInfo) => {
      const { rpcProxy } = decodeStack(process.env.E2E_STACK);
      await fetch(rpcProxy.resetUrl, { method: "POST" });
      await use();
      const stats = (await (await fetch(rpcProxy.statsUrl)).json()) as RpcProxyStats;
      const byCount = (counts: Record<string, number>) =>
        Object.entries(counts)
          .sort(([, a], [, b]) => b - a)
          .map(([m, n]) => `${m} ${n}`)
          .join(", ") || "none";
      console.log(
        `rpc-proxy: "${testInfo.title}": ${stats.total} JSON-RPC calls in ${stats.httpRequests} HTTP requests ` +
          `(refused: range ${stats.refused.range}, results ${stats.refused.results}, rate ${stats.refused.rate}); ` +
          `${byCount(stats.byMethod)}; rate-limited: ${byCount(stats.rateLimitedByMethod)}`,
      );
      await testInfo.attach("rpc-proxy stats", {
        body: JSON.stringify(stats, null, 2),
        contentType: "application/json",
      });
      expect(stats.total, "the dApp read the chain through the proxy").toBeGreaterThan(0);
      const asked = JSON.stringify(stats.logRefusals);
      expect(stats.refused.range, `eth_getLogs refused by the proxy for its block range: ${asked}`).toBe(0);
      expect(stats.refused.results, `eth_getLogs refused by the proxy for its result size: ${asked}`).toBe(0);
    },
    { auto: true },
  ],

  // Every story starts from the seeded chain: a snapshot before, a revert after (the resource story moves the clock).
  stack: async ({}, use) => {
    const info = decodeStack(process.env.E2E_STACK);
    const transport = http(info.rpcUrl);
    const node = createTestClient({ mode: "hardhat", transport });
    const people = info.accounts.map((address, index) => ({
      index,
      name: LOCAL_ACCOUNT_NAMES[index].split(" ")[0],
      address: address as Address,
    }));
    const id = await node.snapshot();
    await use({
      ...info,
      client: createPublicClient({ transport }),
      dappRpcPort: Number(new URL(info.rpcProxy.url).port),
      person(name) {
        const p = people.find((x) => x.name === name);
        if (!p) throw new Error(`no demo persona named ${name}`);
        return p;
      },
      walletOf: (who) => walletClient(info.rpcUrl, who),
    });
    await node.revert({ id });
  },

  as: async ({ page }, use) => {
    await use((who) => actAs(page, who));
  },

  ui: async ({ page }, use, testInfo) => {
    const closeToastsOn = (p: Page) =>
      p.evaluate(() => document.querySelectorAll<HTMLButtonElement>(".toast-close").forEach((b) => b.click()));
    await use({
      async openTab(testId) {
        await page.getByTestId(testId).click();
        await page.locator(`[data-testid="${testId}"][aria-selected="true"]`).waitFor();
      },
      async waitForText(testId, predicate, what, scope) {
        const loc = (scope ?? page).getByTestId(testId).first();
        const text = async () => ((await loc.textContent({ timeout: 1_000 }).catch(() => "")) ?? "").trim();
        let last = "";
        // Polls to `true`; a failure shows the last text received.
        await expect
          .poll(async () => predicate((last = await text())) || last, { message: `${what}: "${testId}"` })
          .toBe(true);
        return last;
      },
      async waitForAttr(testId, attr, value, what, scope) {
        const loc = (scope ?? page).getByTestId(testId).first();
        await expect(loc, `${what}: "${testId}" ${attr}`).toHaveAttribute(attr, value);
      },
      closeToasts: () => closeToastsOn(page),
      async confirmed(title) {
        const ok = toast(page, "success", title);
        const bad = toast(page, "error", title);
        await ok.or(bad).first().waitFor();
        if (!(await ok.isVisible())) throw new Error(`"${title}" failed: ${await bad.textContent()}`);
      },
      async refused(title) {
        const bad = toast(page, "error", title);
        await bad.waitFor();
        return (await bad.textContent()) ?? "";
      },
      async screenshot(file, opts) {
        const target = opts?.page ?? page;
        if (!opts?.keepToasts) await closeToastsOn(target);
        await target.screenshot({ path: join(testInfo.project.outputDir, file), fullPage: true });
      },
    });
  },

  // test-results/steps/<file>-<nn>.png: one screenshot per step (toasts kept: they show the step's transactions).
  step: async ({ page }, use, testInfo) => {
    const story = testInfo.file
      .split("/")
      .pop()!
      .replace(/\.e2e\.ts$/, "");
    let n = 0;
    await use((title, body) =>
      base.step(title, async () => {
        const result = await body();
        const file = `${story}-${String(++n).padStart(2, "0")}.png`;
        await page.screenshot({ path: join(testInfo.project.outputDir, "steps", file), fullPage: true });
        return result;
      }),
    );
  },
});
