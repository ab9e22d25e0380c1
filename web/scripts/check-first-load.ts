// The JavaScript a browser loads before the first screen (the entry script of dist/index.html and every module it
// preloads, i.e. its static imports), gzipped, must stay within the budget. Run after `vite build`.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 350;
const dist = join(dirname(fileURLToPath(import.meta.url)), "../dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const files = [
  ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
].map((m) => m[1]);
if (files.length === 0) throw new Error("check-first-load: no entry script in dist/index.html; run the build first");

let total = 0;
for (const file of files) {
  const kb = gzipSync(readFileSync(join(dist, file))).length / 1000;
  total += kb;
  console.log(`  ${file}: ${kb.toFixed(1)} kB gzipped`);
}
console.log(
  `first-screen JavaScript: ${total.toFixed(1)} kB gzipped in ${files.length} files (budget ${BUDGET_KB} kB)`,
);
if (total > BUDGET_KB) {
  console.error(`check-first-load: ${total.toFixed(1)} kB is over the ${BUDGET_KB} kB budget`);
  process.exit(1);
}
