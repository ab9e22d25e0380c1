// Playwright configuration of the dApp's browser e2e stories (web/e2e/*.e2e.ts): Debian's Chromium, one worker, one
// local stack and one dApp build for the whole run (e2e/global-setup.ts). Run: `npx playwright test -c web/playwright.config.ts`.
import { defineConfig } from "@playwright/test";

const UI_TIMEOUT = 20_000;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "*.e2e.ts",
  outputDir: "../test-results",
  globalSetup: "./e2e/global-setup.ts",
  // The stories share one chain (each starts from the seeded state, see the `stack` fixture): one at a time.
  workers: 1,
  forbidOnly: !!process.env.CI,
  timeout: 180_000,
  expect: { timeout: UI_TIMEOUT },
  reporter: [["list", { printSteps: true }]],
  use: {
    browserName: "chromium",
    // Playwright's browser download does not work here: Debian's Chromium.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu"],
    },
    viewport: { width: 1280, height: 900 },
    actionTimeout: UI_TIMEOUT,
    navigationTimeout: UI_TIMEOUT,
    screenshot: "only-on-failure",
  },
});
