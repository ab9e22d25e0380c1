// Both readers render the same screens: the dApp reading the chain (bounded eth_getLogs through the public-RPC proxy)
// and the same build reading the subgraph (the compiled mappings, run by the test-grade local indexer on the same
// chain's events) open every module's main screens side by side, as the same persona; each screen's text must be the
// same, line for line, once both have loaded.
import { startCommonsIndexer } from "../../subgraph/scripts/local-indexer.ts";
import { expect, readFrom, test } from "./fixtures.ts";
import { loading, open, screenLines, screens } from "./screens.ts";

/**
 * A line as both readers must show it: a countdown's seconds ("executable in 56 min 57 s") tick from the moment each page
 * read the head block, so two pages opened a moment apart may be a second apart; the minutes and everything else must
 * agree.
 */
const steady = (line: string | undefined) => line?.replace(/\b(\d+ min) \d+ s\b/g, "$1 … s");

/** The first difference between two screens, with the lines around it; "" when they are the same. */
function firstDifference(chain: string[], subgraph: string[]): string {
  const n = Math.max(chain.length, subgraph.length);
  for (let i = 0; i < n; i++) {
    if (steady(chain[i]) === steady(subgraph[i])) continue;
    const around = (lines: string[]) => lines.slice(Math.max(0, i - 2), i + 3).join(" ⏎ ");
    return `line ${i + 1} of ${chain.length} (chain) / ${subgraph.length} (subgraph):\n  chain:    ${around(chain)}\n  subgraph: ${around(subgraph)}`;
  }
  return "";
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
