// Both readers render the same screens: the dApp reading the chain (bounded eth_getLogs through the public-RPC proxy)
// and the same build reading the subgraph (the compiled mappings, run by the test-grade local indexer on the same
// chain's events) open every module's main screens side by side, as the same persona; each screen's text must be the
// same, line for line, once both have loaded.
import type { Page } from "@playwright/test";
import { startCommonsIndexer } from "../../subgraph/scripts/local-indexer.ts";
import { actAs, expect, readFrom, test, type E2EStack } from "./fixtures.ts";

interface Screen {
  /** What the step says. */
  title: string;
  /** The route after `#/`. */
  route: string;
  /** The persona the wallet acts as (none: the public view, no wallet connected). */
  as?: string;
}

function screens(stack: E2EStack): Screen[] {
  const project = stack.contributionDemo?.projectId ?? 1n;
  const resource = stack.resourceDemo?.resourceId ?? 1n;
  const claim = stack.impactDemo?.claims[0]?.id ?? 1n;
  const certificate = stack.impactDemo?.certificateId ?? 1n;
  return [
    { title: "contributions: the project list, without a wallet", route: "" },
    { title: "contributions: open books", route: `project/${project}/overview`, as: "Bea" },
    { title: "contributions: Cyrus's evaluation queue", route: `project/${project}/evaluate`, as: "Cyrus" },
    { title: "contributions: income and claimable shares", route: `project/${project}/income`, as: "Bea" },
    { title: "contributions: members and points", route: `project/${project}/members`, as: "Ada" },
    { title: "credit: Bea's credit", route: "credit/mine", as: "Bea" },
    { title: "credit: payments", route: "credit/pay", as: "Bea" },
    { title: "credit: obligations", route: "credit/obligations", as: "Cyrus" },
    { title: "credit: the clearing set and its solution", route: "credit/clearing", as: "Ada" },
    { title: "credit: members", route: "credit/members", as: "Ada" },
    { title: "council: proposals", route: "council/proposals", as: "Ada" },
    { title: "council: seats", route: "council/seats", as: "Bea" },
    { title: "Fishcoin: the public view of the stock", route: `resources/${resource}/overview` },
    { title: "Fishcoin: Eli's quota", route: `resources/${resource}/quota`, as: "Eli" },
    { title: "Fishcoin: the science screen", route: `resources/${resource}/science`, as: "Dara" },
    { title: "Fishcoin: the buyer's screen", route: `resources/${resource}/buyer`, as: "Hal" },
    { title: "climate claims: every claim", route: "impact/claims" },
    { title: "climate claims: one claim's page", route: `impact/claim/${claim}` },
    { title: "climate claims: Fay's claims", route: "impact/claimant", as: "Fay" },
    { title: "climate claims: Ines's queue", route: "impact/verifier", as: "Ines" },
    { title: "climate claims: the marketplace", route: "impact/market", as: "Funder" },
    { title: "climate claims: matching rounds", route: "impact/rounds", as: "Kim" },
    { title: "climate claims: the Funder's units to retire", route: "impact/retire", as: "Funder" },
    { title: "climate claims: a certificate", route: `impact/certificate/${certificate}` },
  ];
}

/** The screen's text, one trimmed line per rendered line, empty lines dropped. */
const screenLines = async (page: Page) =>
  (await page.locator("main").innerText())
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "");

/** Still loading: a "Loading…" line, or nothing rendered yet. */
const loading = (lines: string[]) => lines.length === 0 || lines.some((l) => /^Loading\b|Loading…$/.test(l));

/** The first difference between two screens, with the lines around it; "" when they are the same. */
function firstDifference(chain: string[], subgraph: string[]): string {
  const n = Math.max(chain.length, subgraph.length);
  for (let i = 0; i < n; i++) {
    if (chain[i] === subgraph[i]) continue;
    const around = (lines: string[]) => lines.slice(Math.max(0, i - 2), i + 3).join(" ⏎ ");
    return `line ${i + 1} of ${chain.length} (chain) / ${subgraph.length} (subgraph):\n  chain:    ${around(chain)}\n  subgraph: ${around(subgraph)}`;
  }
  return "";
}

/** Opens `url` on `page`, acting as the persona `who` (or with whatever wallet state the page has, for public views). */
async function open(page: Page, url: string, stack: E2EStack, who?: string) {
  await page.goto(url);
  if (who) await actAs(page, stack.person(who));
}

test.describe("one read path, two sources", () => {
  test("the subgraph reader and the chain reader show the same figures on every module's main screens", async ({
    stack,
    page,
    browser,
    step,
    ui,
  }) => {
    test.setTimeout(300_000);
    const indexer = await startCommonsIndexer({ rpcUrl: stack.rpcUrl, port: stack.indexerPort });
    const context = await readFrom(await browser.newContext({ viewport: { width: 1280, height: 900 } }), "subgraph");
    try {
      const fromSubgraph = await context.newPage();

      await step("the local indexer catches up with the seeded chain (compiled mappings, real events)", async () => {
        const head = Number(await stack.client.getBlockNumber());
        await indexer.waitForBlock(head, 120_000);
        expect(indexer.block().number).toBeGreaterThanOrEqual(head);
        const store = indexer.store;
        const entities = store.types().reduce((n, type) => n + store.count(type), 0);
        expect(entities, "entities the mappings wrote from the seeded demo's events").toBeGreaterThan(100);
        console.log(`readers: the local indexer reached block ${head} with ${entities} entities`);
      });

      for (const screen of screens(stack)) {
        await step(screen.title, async () => {
          await open(page, `${stack.webUrl}#/${screen.route}`, stack, screen.as);
          await open(fromSubgraph, `${stack.webUrl}#/${screen.route}`, stack, screen.as);
          // Both loaded, the same, and still the same half a second later (a list still filling in is not a match).
          let last = "";
          let agreedOnce = false;
          await expect
            .poll(
              async () => {
                const [a, b] = await Promise.all([screenLines(page), screenLines(fromSubgraph)]);
                if (loading(a) || loading(b)) {
                  agreedOnce = false;
                  return (last = `still loading (chain: ${loading(a)}, subgraph: ${loading(b)})`);
                }
                const failed = [...a, ...b].find((l) => l.startsWith("Could not read"));
                if (failed) return (last = `a reader failed: ${failed}`);
                last = firstDifference(a, b);
                if (last !== "") agreedOnce = false;
                else if (!agreedOnce) {
                  agreedOnce = true;
                  return "agreed once; checking again";
                }
                return last;
              },
              {
                message: `"${screen.title}" (#/${screen.route}): chain vs subgraph`,
                intervals: [500],
                timeout: 30_000,
              },
            )
            .toBe("");
          expect(last).toBe("");
          await ui.screenshot(`readers-${screen.route.replace(/\W+/g, "-") || "home"}-subgraph.png`, {
            page: fromSubgraph,
          });
        });
      }
    } finally {
      await context.close();
      await indexer.close();
    }
  });
});
