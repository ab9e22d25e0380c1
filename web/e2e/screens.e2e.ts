// Every module's main screens and forms on phones (360, 390 px), a tablet (768 px) and a desktop (1280 px): a
// screenshot of each, no sideways scroll (the page is no wider than the window), no serious or critical axe-core
// violation (WCAG 2.1 A and AA, colour contrast included), and no account shown outside the identity component.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { rawAddressesOn } from "./identity.ts";
import { formScreens, loading, open, screenLines, screens } from "./screens.ts";

/** The widths every screen must fit; axe-core runs at 390 and 1280 px (the layouts either side of the phone break). */
const WIDTHS = [
  { width: 360, height: 780, axe: false },
  { width: 390, height: 844, axe: true },
  { width: 768, height: 1024, axe: false },
  { width: 1280, height: 900, axe: true },
] as const;

/** The page's width against the window's, and the elements reaching past the window's right edge (the culprits). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const inner = window.innerWidth;
    const wide = Array.from(document.querySelectorAll<HTMLElement>("body *"))
      .filter((el) => el.getBoundingClientRect().right > inner + 0.5 && el.getClientRects().length > 0)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= inner + 0.5)
      .slice(0, 5)
      .map((el) => {
        const id = el.getAttribute("data-testid");
        const cls = typeof el.className === "string" && el.className ? `.${el.className.split(" ").join(".")}` : "";
        return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : cls} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: inner, wide };
  });

/** Serious and critical axe-core findings on the page (WCAG 2.1 A and AA), one line each with where they are. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ""}`,
    );
}

test.describe("every main screen on phones, a tablet and a desktop", () => {
  test("no sideways scroll from 360 to 1280 px, no serious accessibility problem, no raw address", async ({
    stack,
    page,
    ui,
  }) => {
    const all = [...screens(stack), ...formScreens(stack)];
    test.setTimeout(60_000 + all.length * WIDTHS.length * 8_000);
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const screen of all) {
        await test.step(`${size.width} px: ${screen.title}`, async () => {
          await open(page, `${stack.webUrl}#/${screen.route}`, stack, screen.as);
          await expect
            .poll(async () => !loading(await screenLines(page)), { message: `"${screen.title}" loads` })
            .toBe(true);
          const slug = screen.route.replace(/\W+/g, "-") || "home";
          await ui.screenshot(`screens/${slug}-${size.width}.png`);
          const fit = await overflow(page);
          // Soft: the story goes on through every screen and lists every problem at the end.
          expect
            .soft(
              fit.scrollWidth,
              `"${screen.title}" at ${size.width} px scrolls sideways: ${fit.scrollWidth} px wide; past the edge: ${fit.wide.join(", ")}`,
            )
            .toBeLessThanOrEqual(fit.innerWidth);
          if (size.axe)
            expect
              .soft(await accessibilityProblems(page), `"${screen.title}" at ${size.width} px: axe-core`)
              .toEqual([]);
          expect
            .soft(await rawAddressesOn(page), `"${screen.title}" at ${size.width} px: addresses outside shared/Who.tsx`)
            .toEqual([]);
        });
      }
    }
  });

  test("on a phone, the module menu and a module's tabs work from the keyboard alone", async ({ stack, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.webUrl}#/`);
    const toggle = page.getByTestId("menu-toggle");
    await expect(page.getByTestId("nav-credit"), "the modules are folded into the menu").toBeHidden();
    /** Presses Tab until `target` has the focus (at most `limit` times). */
    const tabTo = async (target: ReturnType<Page["getByTestId"]>, what: string, limit = 15) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press("Tab");
        if (await target.evaluate((el) => el === document.activeElement)) return;
      }
      throw new Error(`${what} is not reachable with Tab (${limit} presses)`);
    };
    await tabTo(toggle, "the menu button");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await tabTo(page.getByTestId("nav-credit"), "Credit in the menu");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#\/credit$/);
    await expect(page.getByTestId("nav-credit"), "the menu folds again after a choice").toBeHidden();
    await tabTo(page.getByTestId("credit-tab-pay"), "the Pay tab", 30);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#\/credit\/pay$/);
  });
});
