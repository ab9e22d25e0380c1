// Browser e2e story of the open design commons: Bea registers a design for the lab and Eli a derivative for Solar
// Makers (their files hashed in the browser), the council accredits Ines's co-op, which takes a free licence; Hal's
// company takes a commercial one, reports 10 units and pays; the fee splits by the terms (the ancestor's share held for
// the lab, the rest paid into Solar Makers), the lab's share is released, and a contributor of each project claims
// exactly points × income, in the UI and on chain.
import { createHash } from "node:crypto";
import { erc20Abi, parseAbi, type Address, type Hex } from "viem";
import { contributionLedgerAbi, designCommonsAbi, thresholdsCouncilAbi } from "../../sdk/src/generated/abis.ts";
import { contentHashOf, type DesignFile } from "../src/designs/metadata.ts";
import { expect, num, test, type Person } from "./fixtures.ts";

/** dEUR has 6 decimals. */
const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));
const COMMONS = 1;
const COMMERCIAL = 2;

/** A design's files as the browser receives them, and as the dApp hashes them. */
function designFiles(files: Record<string, string>) {
  const payloads = Object.entries(files).map(([name, text]) => ({
    name,
    mimeType: "application/octet-stream",
    buffer: Buffer.from(text),
  }));
  const hashed: DesignFile[] = payloads.map((p) => ({
    name: p.name,
    size: p.buffer.length,
    sha256: createHash("sha256").update(p.buffer).digest("hex"),
  }));
  return { payloads, hash: () => contentHashOf(hashed) };
}

test.describe.serial("open design commons", () => {
  test("a design and a derivative, a co-op accredited, free and commercial licences, fees split and claimed", async ({
    page,
    stack,
    as,
    ui,
    step,
  }) => {
    test.setTimeout(420_000);
    const { client } = stack;
    const [ADA, BEA, ELI, FAY, HAL, INES] = ["Ada", "Bea", "Eli", "Fay", "Hal", "Ines"].map(stack.person);
    expect(stack.designsDemo, "designs demo data was not seeded").toBeTruthy();
    const designs = stack.designs as Address;
    const token = stack.token as Address;
    const lab = stack.contributionDemo!.projectId;
    const makers = stack.designsDemo!.makersProjectId;
    const dc = { address: designs, abi: designCommonsAbi } as const;
    const ledger = { address: stack.ledger as Address, abi: contributionLedgerAbi } as const;
    const read = {
      designOf: (hash: Hex) => client.readContract({ ...dc, functionName: "designOfContent", args: [hash] }),
      terms: (id: bigint) => client.readContract({ ...dc, functionName: "terms", args: [id, 1] }),
      ancestors: (id: bigint) => client.readContract({ ...dc, functionName: "ancestorsOf", args: [id] }),
      licenceOf: (id: bigint, who: Person) =>
        client.readContract({ ...dc, functionName: "licenceOf", args: [id, who.address] }),
      licence: (id: bigint) => client.readContract({ ...dc, functionName: "licence", args: [id] }),
      held: (projectId: bigint) => client.readContract({ ...dc, functionName: "heldFor", args: [projectId, token] }),
      isCommons: (who: Person) => client.readContract({ ...dc, functionName: "isCommonsEntity", args: [who.address] }),
      received: async (projectId: bigint) =>
        (await client.readContract({ ...ledger, functionName: "incomeStats", args: [projectId, token] }))[0],
      points: (projectId: bigint, who: Person) =>
        client.readContract({ ...ledger, functionName: "pointsOf", args: [projectId, who.address] }),
      totalPoints: async (projectId: bigint) =>
        (await client.readContract({ ...ledger, functionName: "getProject", args: [projectId] }))[4],
      claimable: (projectId: bigint, who: Person) =>
        client.readContract({ ...ledger, functionName: "claimable", args: [projectId, token, who.address] }),
      balance: (who: Person) =>
        client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [who.address] }),
    };
    let dryer = 0n;
    let xl = 0n;

    /** Fills the registration form (on `#/designs/new…`) and registers; returns the new design's id. */
    async function register(d: {
      project: bigint;
      name: string;
      tags: string;
      files: ReturnType<typeof designFiles>;
      perUnit: string;
      sharePct: string;
    }) {
      await page.getByTestId("design-project-id").fill(d.project.toString());
      await ui.waitForText("design-project-name", (x) => x.includes("you are a member"), "the registrant's project");
      await page.getByTestId("design-name-input").fill(d.name);
      await page.getByTestId("design-description-input").fill(`${d.name}: an open design, made to be made locally.`);
      await page.getByTestId("design-tags").fill(d.tags);
      await page.getByTestId("design-files").setInputFiles(d.files.payloads);
      const hash = await d.files.hash();
      await ui.waitForText(
        "design-content-hash-preview",
        (x) => x === hash,
        "the content hash, computed in the browser",
      );
      await page.getByTestId("terms-currency").selectOption(token);
      await page.getByTestId("terms-per-unit").fill(d.perUnit);
      await page.getByTestId("terms-share").fill(d.sharePct);
      await ui.closeToasts();
      await page.getByTestId("register-submit").click();
      await ui.confirmed(`Register the design “${d.name}”`);
      await ui.waitForText("design-name", (x) => x === d.name, "the new design's page");
      const id = await read.designOf(hash);
      expect(id, `${d.name} registered under its content hash`).toBeGreaterThan(0n);
      // Its name and tags, as the library searches them, in the registration's metadata on chain: the tags as typed,
      // lower-case, spaces as hyphens ("co-op kitchen" is stored "co-op-kitchen").
      const [registered] = await client.getContractEvents({
        ...dc,
        eventName: "DesignRegistered",
        args: { designId: id },
        fromBlock: (await client.getBlockNumber()) - 5n,
      });
      const meta = JSON.parse(registered.args.metadataURI!.replace(/^data:application\/json;utf8,/, ""));
      expect([meta.name, meta.tags], "the name and tags on chain").toEqual([
        d.name,
        d.tags.split(",").map((t) => t.trim().toLowerCase().replace(/\s+/g, "-")),
      ]);
      expect(page.url().endsWith(`#/designs/d/${id}`), `the design's page: ${page.url()}`).toBeTruthy();
      return id;
    }

    await step("Bea registers the Solar food dryer for the lab: its files are hashed in the browser", async () => {
      await page.goto("/#/designs");
      await ui.waitForText("designs-title", (x) => x === "Open designs", "the designs module");
      await as(BEA);
      await ui.openTab("designs-tab-new");
      dryer = await register({
        project: lab,
        name: "Solar food dryer",
        tags: "solar, food, drying",
        files: designFiles({ "dryer.step": "solar dryer STEP v1", "BOM.csv": "part,qty\npanel,2\n" }),
        perUnit: "5",
        sharePct: "10",
      });
      const terms = await read.terms(dryer);
      expect(
        terms.feePerUnit === dEUR(5) && terms.derivativeShareBps === 1_000 && terms.currency === token,
        `the dryer's terms on chain: ${terms.feePerUnit} per unit, ${terms.derivativeShareBps} bps`,
      ).toBeTruthy();
      await ui.waitForText("terms-fee", (x) => x === "5 dEUR per unit made", "the terms in words");
    });

    await step("Eli registers the XL derivative for Solar Makers: the dryer takes 10 % of its fees", async () => {
      await as(ELI);
      await page.getByTestId("derive").click();
      await expect(page.getByTestId("design-parents")).toHaveValue(dryer.toString());
      xl = await register({
        project: makers,
        name: "Solar food dryer XL",
        tags: "solar, food, co-op kitchen",
        files: designFiles({ "xl.step": "solar dryer XL STEP", "manual.md": "# Build the XL\n" }),
        perUnit: "20",
        sharePct: "5",
      });
      const ancestors = await read.ancestors(xl);
      expect(
        ancestors.length === 1 &&
          ancestors[0].designId === dryer &&
          ancestors[0].projectId === lab &&
          ancestors[0].shareBps === 1_000,
        `the XL's ancestors on chain: ${JSON.stringify(ancestors, (_, v) => (typeof v === "bigint" ? `${v}` : v))}`,
      ).toBeTruthy();
      await page.getByTestId(`ancestor-${dryer}`).waitFor();
      await ui.waitForText("terms-ancestors", (x) => x === "10 % of each fee", "the ancestors' share");
      // The library finds it by a tag.
      await ui.openTab("designs-tab-library");
      // The list keeps the last result while the search runs: the dryer leaves it once the search has answered.
      await page.getByTestId("designs-search").fill("co-op kitchen");
      await expect(page.getByTestId(`design-card-${dryer}`)).toHaveCount(0);
      await page.getByTestId(`design-card-${xl}`).waitFor();
      await ui.screenshot("commons-1-library.png");
    });

    await step("the council accredits Ines's Climate Audit Co-op as a commons entity", async () => {
      await accredit(INES);
      expect(await read.isCommons(INES), "Ines accredited on chain").toBe(true);
      await page.goto("/#/designs/entities");
      await page.getByTestId(`entity-${INES.address.toLowerCase()}`).waitFor();
    });

    await step("Ines's co-op takes a free commons licence on the XL and reports 4 units, paying nothing", async () => {
      await page.goto(`/#/designs/d/${xl}`);
      await as(INES);
      await ui.waitForText("licence-offer", (x) => x.includes("free"), "the commons offer");
      await ui.closeToasts();
      await page.getByTestId("take-licence").click();
      await ui.confirmed("Take a licence on Solar food dryer XL");
      await page.getByTestId("my-licence").waitFor();
      const id = await read.licenceOf(xl, INES);
      expect((await read.licence(id)).tier, "a commons licence on chain").toBe(COMMONS);
      await page.getByTestId("report-units").fill("4");
      await expect(page.getByTestId("fee-split")).toHaveCount(0);
      await ui.closeToasts();
      await page.getByTestId("report-submit").click();
      await ui.confirmed("Report 4 units of Solar food dryer XL");
      const l = await read.licence(id);
      expect(l.unitsReported === 4n && l.feesPaid === 0n, `units ${l.unitsReported}, fees ${l.feesPaid}`).toBeTruthy();
    });

    let heldBefore = 0n;
    let makersBefore = 0n;
    let fayBefore = 0n;
    await step("Hal's company takes a commercial licence, reports 10 units and pays 200 dEUR", async () => {
      // Hal's company holds dEUR (the demo token mints to anyone).
      await stack.walletOf(HAL).writeContract({
        address: token,
        abi: parseAbi(["function mint(address to, uint256 amount)"]),
        functionName: "mint",
        args: [HAL.address, dEUR(1_000)],
        chain: null,
      });
      [heldBefore, makersBefore, fayBefore] = await Promise.all([
        read.held(lab),
        read.received(makers),
        read.claimable(makers, FAY),
      ]);
      await as(HAL);
      await ui.waitForText("licence-offer", (x) => x.includes("20 dEUR per unit made"), "the commercial offer");
      await ui.closeToasts();
      await page.getByTestId("take-licence").click();
      await ui.confirmed("Take a licence on Solar food dryer XL");
      const id = await read.licenceOf(xl, HAL);
      expect((await read.licence(id)).tier, "a commercial licence on chain").toBe(COMMERCIAL);
      await page.getByTestId("report-units").fill("10");
      await ui.waitForText(
        "fee-split",
        (x) =>
          x.includes("You pay 200 dEUR") && x.includes("20 dEUR to Solar food dryer (10 %)") && x.includes("180 dEUR"),
        "where the fee goes, before paying",
      );
      await ui.closeToasts();
      await page.getByTestId("report-submit").click();
      await ui.confirmed("Report 10 units of Solar food dryer XL");
      const l = await read.licence(id);
      expect(l.unitsReported === 10n && l.feesPaid === dEUR(200), `units ${l.unitsReported}, fees ${l.feesPaid}`).toBe(
        true,
      );
    });

    await step("the fee split by the terms: 20 dEUR held for the lab, 180 dEUR paid into Solar Makers", async () => {
      expect((await read.held(lab)) - heldBefore, "the dryer's 10 % held for the lab").toBe(dEUR(20));
      expect((await read.received(makers)) - makersBefore, "the rest paid into Solar Makers").toBe(dEUR(180));
      const fees = page.getByTestId("fees-dEUR");
      await ui.waitForText("fees-paid-dEUR", (x) => x === "200 dEUR", "fees paid", fees);
      await ui.waitForText("fees-ancestors-dEUR", (x) => x === "20 dEUR", "to ancestors", fees);
      await ui.waitForText("fees-project-dEUR", (x) => x === "180 dEUR", "to its contributors", fees);
      await ui.screenshot("commons-2-fees.png");
      await page.goto(`/#/designs/d/${dryer}`);
      await ui.waitForText("fees-from-derivatives-dEUR", (x) => x === "20 dEUR", "the dryer's share of the XL's fees");
    });

    await step("Fay, a Solar Makers contributor, claims exactly her points × the 180 dEUR", async () => {
      const [points, total] = await Promise.all([read.points(makers, FAY), read.totalPoints(makers)]);
      await expectClaim(FAY, makers, fayBefore, (dEUR(180) * points) / total);
    });

    await step("anyone releases the lab's held shares; Bea, a lab contributor, claims her points × them", async () => {
      const bea = await read.claimable(lab, BEA);
      const held = await read.held(lab);
      await page.goto(`/#/project/${lab}/overview`);
      await as(ADA);
      const row = page.getByTestId("licence-income-dEUR");
      await ui.waitForText("licence-held-dEUR", (x) => num(x) * 1e6 === Number(held), "held for the lab", row);
      await ui.closeToasts();
      await row.getByTestId("release-dEUR").click();
      await ui.confirmed("Release");
      expect(await read.held(lab), "nothing held for the lab after the release").toBe(0n);
      await ui.waitForText("licence-received-dEUR", (x) => num(x) * 1e6 >= Number(held), "licence income's own figure");
      await ui.screenshot("commons-3-project-licence-income.png");
      const [points, total] = await Promise.all([read.points(lab, BEA), read.totalPoints(lab)]);
      await expectClaim(BEA, lab, bea, (held * points) / total);
    });

    /**
     * As `who`, on the project's income tab: the claimable dEUR the dApp shows equals the ledger's, which grew from
     * `before` by `expected` (points × income / total points; the ledger's accumulator may round it down by one unit);
     * claiming it moves exactly that to the wallet.
     */
    async function expectClaim(who: Person, projectId: bigint, before: bigint, expected: bigint) {
      await page.goto(`/#/project/${projectId}/income`);
      await as(who);
      const onChain = await read.claimable(projectId, who);
      expect(
        expected - (onChain - before),
        `${who.name}'s new share: ${onChain - before}, points × income ${expected}`,
      ).toBeGreaterThanOrEqual(0n);
      expect(expected - (onChain - before), `${who.name}'s share rounds down by at most one unit`).toBeLessThanOrEqual(
        1n,
      );
      await ui.waitForText(
        "claimable-dEUR",
        (x) => BigInt(Math.round(num(x) * 1e6)) === onChain,
        `${who.name}'s claimable dEUR as the ledger has it`,
      );
      const wallet = await read.balance(who);
      await ui.closeToasts();
      await page.getByTestId("claim-dEUR").click();
      await ui.confirmed("Claim dEUR");
      expect((await read.balance(who)) - wallet, `${who.name} received the claimable amount`).toBe(onChain);
      expect(await read.claimable(projectId, who), "nothing left to claim").toBe(0n);
    }

    /** The council accredits `entity`: Ada proposes, Ada and Bea vote, the dev clock moves over the delays. */
    async function accredit(entity: Person) {
      const governor = stack.council.governor as Address;
      const number =
        Number(
          await client.readContract({ address: governor, abi: thresholdsCouncilAbi, functionName: "proposalCount" }),
        ) + 1;
      const proposal = () => page.getByTestId(`proposal-${number}`);
      const moveClock = async (label: string) => {
        const time = async () => Number(await page.getByTestId("chain-time").getAttribute("data-ts"));
        const before = await time();
        await page.getByTestId("dev-clock").getByRole("button", { name: label, exact: true }).click();
        await expect.poll(time, { message: `the dev clock did not move (${label})` }).toBeGreaterThan(before);
      };
      await page.goto("/#/council/new");
      await as(ADA);
      await page.getByTestId("action-choose-designsEntity").click();
      const a = page.getByTestId("action-0");
      await a.getByTestId("action-account").selectOption(entity.address);
      await a.getByTestId("action-uri").fill("https://climate-audit.example/statutes");
      await page.getByTestId("proposal-preview").getByText(`Accredit ${entity.name}`, { exact: false }).waitFor();
      await page.getByTestId("proposal-description-input").fill(`Accredit ${entity.name}'s co-op: free licences`);
      await ui.closeToasts();
      await page.getByTestId("propose-submit").click();
      await ui.confirmed("Propose:");
      await ui.waitForText("proposal-state", (x) => x === "Pending", "the proposal pending", proposal());
      await moveClock(`to the start of voting (${number})`);
      for (const who of [ADA, BEA]) {
        await as(who);
        await ui.closeToasts();
        await proposal().getByTestId("vote-for").click();
        await ui.confirmed(`Vote for proposal ${number}`);
      }
      await moveClock(`past the end of voting (${number})`);
      await ui.waitForText("proposal-state", (x) => x === "Succeeded", "passed", proposal());
      await ui.closeToasts();
      await proposal().getByTestId("proposal-queue").click();
      await ui.confirmed(`Queue proposal ${number}`);
      await moveClock(`past the ETA (${number})`);
      await ui.closeToasts();
      await proposal().locator('[data-testid="proposal-execute"]:not([disabled])').click();
      await ui.confirmed(`Execute proposal ${number}`);
      await ui.waitForText("proposal-state", (x) => x === "Executed", "executed", proposal());
    }
  });
});
