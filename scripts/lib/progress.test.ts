// Unit test of `npm start`'s stage report (scripts/lib/progress.ts): durations, the printed lines, and the timing of a
// stage that succeeds or fails. Run: node --test scripts/lib/progress.test.ts
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatDuration, stageLine, timeStage, type StageEvent } from "./progress.ts";

test("durations: tenths of a second under a minute, minutes and seconds from there", () => {
  assert.equal(formatDuration(0), "0.0 s");
  assert.equal(formatDuration(420), "0.4 s");
  assert.equal(formatDuration(52_340), "52.3 s");
  assert.equal(formatDuration(59_940), "59.9 s");
  // 59.96 s would read "60.0 s": it is a minute.
  assert.equal(formatDuration(59_960), "1 min 00 s");
  assert.equal(formatDuration(125_400), "2 min 05 s");
  assert.equal(formatDuration(-3), "0.0 s");
});

test("lines: a start names what the stage does; an end gives its time in one column, and says when it failed", () => {
  assert.equal(stageLine({ stage: "compile", phase: "start" }), "→ compile    contracts (Hardhat build)…");
  const done = stageLine({ stage: "compile", phase: "done", ms: 52_340 });
  const long = stageLine({ stage: "demo data", phase: "done", ms: 125_400 });
  const failed = stageLine({ stage: "node", phase: "failed", ms: 120 });
  assert.equal(done, "✓ compile         52.3 s");
  assert.equal(long, "✓ demo data   2 min 05 s");
  assert.equal(failed, "✗ node             0.1 s  failed");
  // Times end in the same column, whatever the stage's name or the duration's form.
  assert.equal(done.length, long.length);
  assert.equal(failed.indexOf("0.1 s") + "0.1 s".length, done.length);
  // One plain line each: nothing that moves the cursor or rewrites a line in a CI log.
  for (const line of [done, long, failed]) assert.doesNotMatch(line, /[\r\n\x1b]/);
});

test("timeStage reports the start, then the end with the time the work took, and returns its result", async () => {
  const events: StageEvent[] = [];
  const clock = [1_000, 3_500];
  const result = await timeStage(
    "deploy",
    (e) => events.push(e),
    async () => 42,
    () => clock.shift()!,
  );
  assert.equal(result, 42);
  assert.deepEqual(events, [
    { stage: "deploy", phase: "start" },
    { stage: "deploy", phase: "done", ms: 2_500 },
  ]);
});

test("timeStage reports a failed stage with its time and rethrows its error", async () => {
  const events: StageEvent[] = [];
  const clock = [0, 80];
  const busy = new Error("listen EADDRINUSE: address already in use 127.0.0.1:8545");
  await assert.rejects(
    timeStage(
      "node",
      (e) => events.push(e),
      () => Promise.reject(busy),
      () => clock.shift()!,
    ),
    (err) => err === busy,
  );
  assert.deepEqual(events, [
    { stage: "node", phase: "start" },
    { stage: "node", phase: "failed", ms: 80 },
  ]);
});

test("timeStage without a listener (the e2e setup, seed:large) only runs the work", async () => {
  assert.equal(await timeStage("compile", undefined, async () => "built"), "built");
});
