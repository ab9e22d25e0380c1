// Preloaded by the clearing bench into the processes it measures (`node --import <this file> …`): on exit, writes the
// process's own peak resident set size to stderr as `peak-rss-kb <n>`, so the figure is the child's and not the bench's.
// Synchronous write: it runs in the `exit` handler, after which nothing asynchronous happens.
import { writeSync } from "node:fs";

process.on("exit", () => writeSync(2, `\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`));
