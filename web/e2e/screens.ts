// The main screens of every module, each as the persona who uses it (the browser e2e visits them all: readers.e2e.ts
// compares both readers on them, screens.e2e.ts checks their layout and accessibility), and how a story opens one.
import type { Page } from "@playwright/test";
import { actAs, type E2EStack } from "./fixtures.ts";

export interface Screen {
  /** What the step says. */
  title: string;
  /** The route after `#/`. */
  route: string;
  /** The persona the wallet acts as (none: the public view, no wallet connected). */
  as?: string;
}

export function screens(stack: E2EStack): Screen[] {
  const project = stack.contributionDemo?.projectId ?? 1n;
  const resource = stack.resourceDemo?.resourceId ?? 1n;
  const claim = stack.impactDemo?.claims[0]?.id ?? 1n;
  const certificate = stack.impactDemo?.certificateId ?? 1n;
  const derivative = stack.designsDemo?.derivativeId ?? 2n;
  const circle = stack.commonfareDemo?.circleId ?? 1n;
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
    { title: "designs: the library", route: "designs" },
    { title: "designs: a derivative's page, its genealogy and fees", route: `designs/d/${derivative}`, as: "Funder" },
    { title: "designs: the Funder's licences", route: "designs/mine", as: "Funder" },
    { title: "designs: the commons entities", route: "designs/entities", as: "Jon" },
    { title: "local exchange: open offers and needs", route: "cluster/near" },
    { title: "local exchange: Bea's intents", route: "cluster/post", as: "Bea" },
    { title: "local exchange: Cyrus's orders", route: "cluster/orders", as: "Cyrus" },
    { title: "local exchange: the production board", route: "cluster/board" },
    {
      title: "local exchange: an order's page and its steps",
      route: `cluster/order/${stack.clusterDemo?.orderId ?? 1n}`,
    },
    { title: "solidarity: every circle", route: "solidarity" },
    { title: "solidarity: a circle's open books, cover chart and balances", route: `solidarity/${circle}/circle` },
    {
      title: "solidarity: the Funder asks to join, candidates listed",
      route: `solidarity/${circle}/join`,
      as: "Funder",
    },
    { title: "solidarity: Hal's deposit and his cap", route: `solidarity/${circle}/deposit`, as: "Hal" },
    { title: "solidarity: Kim's account", route: `solidarity/${circle}/account`, as: "Kim" },
    { title: "solidarity: claims, Kim's past claim among them", route: `solidarity/${circle}/claims`, as: "Kim" },
    { title: "sponsored gas: the coordinators' view", route: "gas", as: "Ada" },
  ];
}

/** The forms of each module, each as the persona who fills it in (layout and accessibility only). */
export function formScreens(stack: E2EStack): Screen[] {
  const project = stack.contributionDemo?.projectId ?? 1n;
  return [
    { title: "contributions: a new project", route: "new", as: "Ada" },
    { title: "contributions: record a contribution", route: `project/${project}/record`, as: "Bea" },
    { title: "council: a new proposal", route: "council/new", as: "Ada" },
    { title: "designs: register a derivative", route: `designs/new/${stack.designsDemo?.frameId ?? 1n}`, as: "Eli" },
    { title: "local exchange: Dara posts, asked to allow the exchange first", route: "cluster/post", as: "Dara" },
    { title: "local exchange: find matches", route: "cluster/match", as: "Ada" },
  ];
}

/** The screen's text, one trimmed line per rendered line, empty lines dropped. */
export const screenLines = async (page: Page) =>
  (await page.locator("main").innerText())
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "");

/** Still loading: a "Loading…" line, or nothing rendered yet. */
export const loading = (lines: string[]) => lines.length === 0 || lines.some((l) => /^Loading\b|Loading…$/.test(l));

/** Opens `url` on `page`, acting as the persona `who` (or with whatever wallet state the page has, for public views). */
export async function open(page: Page, url: string, stack: E2EStack, who?: string) {
  await page.goto(url);
  if (who) await actAs(page, stack.person(who));
}
