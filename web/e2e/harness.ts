// Shared harness of the browser e2e tests: free ports, the dApp built against a local node and served statically,
// Debian's Chromium driven by playwright-core, named steps with timings (a failure screenshots the page and skips
// the rest), and small UI helpers (test-wallet account switch, waiting for a text).
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const webDir = join(root, "web");
export const resultsDir = join(root, "test-results");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const UI_TIMEOUT = 20_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}\n${out}`)),
    );
  });
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".map": "application/json",
};

export function serveStatic(dir: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, "index.html");
    res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

/** Builds the dApp against the local node (chain reads, no subgraph) into `dist` and serves it on `port`. */
export async function buildAndServe(rpcUrl: string, dist: string, port: number): Promise<Server> {
  await run(
    join(root, "node_modules/.bin/vite"),
    ["build", "--outDir", dist, "--emptyOutDir", "--logLevel", "warn"],
    webDir,
    { VITE_RPC_URL: rpcUrl, VITE_CHAIN_ID: "31337", VITE_SUBGRAPH_URL: "" },
  );
  return serveStatic(dist, port);
}

export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((r) => (server ? server.close(() => r()) : r()));
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Parses a figure the dApp renders ("1,234.5678", "−40 CMC", "+1,250 CMC") into a number. */
export const num = (s: string | null) =>
  Number(
    (s ?? "")
      .replace(/[^\d.−-]/g, "")
      .replace("−", "-")
      .trim(),
  );

interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/** One e2e run: its steps, its browser page, and the helpers that act on that page. */
export class E2E {
  readonly started = Date.now();
  readonly results: StepResult[] = [];
  readonly consoleErrors: string[] = [];
  context?: BrowserContext;
  page?: Page;

  /** Prefix of the failure screenshots (`test-results/<name>-failure-<n>.png`) and of the summary. */
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  get failed() {
    return this.results.some((r) => !r.ok);
  }

  async step(name: string, fn: () => Promise<void>) {
    if (this.failed) {
      this.results.push({ name, ok: false, ms: 0, error: "skipped after an earlier failure" });
      console.log(`  - ${name} (skipped)`);
      return;
    }
    const t = Date.now();
    try {
      await fn();
      this.results.push({ name, ok: true, ms: Date.now() - t });
      console.log(`  ✔ ${name} (${Date.now() - t} ms)`);
    } catch (err) {
      this.results.push({ name, ok: false, ms: Date.now() - t, error: (err as Error).stack ?? String(err) });
      console.log(
        `  ✘ ${name}\n    ${String((err as Error).message)
          .split("\n")
          .join("\n    ")}`,
      );
      if (this.page) {
        mkdirSync(resultsDir, { recursive: true });
        const shot = join(resultsDir, `${this.name}-failure-${this.results.length}.png`);
        await this.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
        console.log(`    screenshot: ${shot}`);
      }
    }
  }

  /** Starts headless Chromium with a fresh profile in `profileDir` and opens `url`. */
  async launch(profileDir: string, url: string): Promise<Page> {
    this.context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1280, height: 900 },
    });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page = page;
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on("console", (m) => m.type() === "error" && this.consoleErrors.push(m.text()));
    page.on("pageerror", (e) => this.consoleErrors.push(String(e)));
    await page.goto(url);
    return page;
  }

  /** Switches the local test wallet to Hardhat account `index` and waits until the dApp shows it. */
  async useAccount(index: number, address: string) {
    const p = this.page!;
    await p.getByTestId("burner-account").selectOption(String(index));
    await p.locator(`[data-testid="wallet"][data-address="${address}"]`).waitFor({ timeout: UI_TIMEOUT });
  }

  /** Waits until the first element with `testId` (inside `scope`, if given) shows a text `predicate` accepts. */
  async waitForText(testId: string, predicate: (text: string) => boolean, what: string, scope?: Locator) {
    const p = this.page!;
    const loc = (scope ?? p).getByTestId(testId).first();
    const deadline = Date.now() + UI_TIMEOUT;
    let last = "";
    while (Date.now() < deadline) {
      last = ((await loc.textContent({ timeout: UI_TIMEOUT }).catch(() => "")) ?? "").trim();
      if (predicate(last)) return last;
      await p.waitForTimeout(200);
    }
    throw new Error(`${what}: "${testId}" still shows "${last}"`);
  }

  /** Closes every toast (so the next transaction's toast is the only one with its title). */
  async closeToasts() {
    await this.page!.evaluate(() =>
      document.querySelectorAll<HTMLButtonElement>(".toast-close").forEach((b) => b.click()),
    );
  }

  /** Waits for the success toast of the transaction titled `title`; fails fast on its error toast. */
  async confirmed(title: string) {
    const p = this.page!;
    const ok = p.locator('[data-testid="toast"][data-stage="success"]', { hasText: title }).first();
    const bad = p.locator('[data-testid="toast"][data-stage="error"]', { hasText: title }).first();
    await Promise.race([
      ok.waitFor({ timeout: UI_TIMEOUT }),
      bad.waitFor({ timeout: UI_TIMEOUT }).then(async () => {
        throw new Error(`"${title}" failed: ${await bad.textContent()}`);
      }),
    ]);
  }

  /** Waits for the error toast of the transaction titled `title` and returns its text. */
  async refused(title: string): Promise<string> {
    const bad = this.page!.locator('[data-testid="toast"][data-stage="error"]', { hasText: title }).first();
    await bad.waitFor({ timeout: UI_TIMEOUT });
    return (await bad.textContent()) ?? "";
  }

  /** Closes the toasts, then screenshots the whole page to test-results/<file>. */
  async screenshot(file: string) {
    const p = this.page!;
    mkdirSync(resultsDir, { recursive: true });
    await p.evaluate(() => document.querySelectorAll<HTMLButtonElement>(".toast-close").forEach((b) => b.click()));
    await p.screenshot({ path: join(resultsDir, file), fullPage: true });
  }

  async closeBrowser() {
    await this.context?.close().catch(() => undefined);
  }

  /** Prints the summary (and the browser's console errors after a failure); returns the process exit code. */
  report(): number {
    const failed = this.results.filter((r) => !r.ok).length;
    if (failed && this.consoleErrors.length)
      console.log(`\nbrowser console errors:\n  ${this.consoleErrors.slice(-10).join("\n  ")}`);
    console.log(
      `\n${this.name} e2e: ${this.results.length - failed} passed, ${failed} failed (${((Date.now() - this.started) / 1000).toFixed(1)} s)`,
    );
    return failed ? 1 : 0;
  }
}
