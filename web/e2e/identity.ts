// The e2e side of the identity check: no address shows on screen except through the identity component
// (`[data-identity]`, shared/Who.tsx and the account pickers); a hash display is marked `[data-hash]`.
import { expect, type Page } from "@playwright/test";

/** What a raw account looks like on screen: all 40 hex digits, or the short "0x1234…abcd". */
const FULL = /(?<![0-9a-f])0x[0-9a-f]{40}(?![0-9a-f])/i;
const SHORT = /0x[0-9a-f]{4}(?:…|\.\.\.)[0-9a-f]{4}(?![0-9a-f])/i;

/** The visible texts of the page that show an address outside the identity component, with where they are. */
export async function rawAddressesOn(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ full, short }) => {
      const patterns = [new RegExp(full, "i"), new RegExp(short, "i")];
      const where = (el: Element) => {
        const id = el.closest("[data-testid]")?.getAttribute("data-testid");
        return `<${el.tagName.toLowerCase()}>${id ? ` in [data-testid=${id}]` : ""}`;
      };
      const found: string[] = [];
      // Each element's own text, its text children joined: React splits `{a.slice(0, 6)}…{a.slice(-4)}` in three.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node as Element;
        const text = Array.from(el.childNodes, (c) => (c.nodeType === Node.TEXT_NODE ? c.textContent : "")).join("");
        if (!patterns.some((p) => p.test(text))) continue;
        if (el.closest("[data-identity], [data-hash], script, style, title")) continue;
        // A closed <select>'s options are not checkVisibility()'s business: the select is what shows.
        const shown = el.closest("select") ?? el;
        if (!shown.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        found.push(`${JSON.stringify(text.trim().slice(0, 120))} ${where(el)}`);
      }
      return found;
    },
    { full: FULL.source, short: SHORT.source },
  );
}

/** Fails when the page shows a raw address outside the identity component. */
export async function expectNoRawAddresses(page: Page): Promise<void> {
  const raw = await rawAddressesOn(page);
  expect(raw, "addresses shown outside the identity component (shared/Who.tsx)").toEqual([]);
}
