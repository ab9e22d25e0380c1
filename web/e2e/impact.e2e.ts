// Browser e2e story of verified decarbonisation claims: Fay submits and lists a claim, Ines and Jon attest (on chain,
// signed off-chain), the Funder buys through the Ghent round and retires for a beneficiary, Fay withdraws proceeds.
import { keccak256, toHex, type Address } from "viem";
import { impactMarketAbi, impactRegistryAbi, retirementCertificatesAbi } from "../../sdk/src/generated/abis.ts";
import { expect, readFrom, revertOf, test } from "./fixtures.ts";

const DAY = 86_400;
const PRICE = 30_000_000_000_000n; // 0.03 ETH per tonne = 3e13 wei per kg
const BENEFICIARY = "Harbour School Climate Club";
const FLEET = 2; // "Fishing-fleet electrification v1", k = 2, eligible in the Ghent round
const GHENT = 1n;

const iso = (day: number) => new Date(day * DAY * 1000).toISOString().slice(0, 10);

test.describe.serial("impact claims", () => {
  test("a claim attested twice, bought with matching, retired", async ({ page, browser, stack, as, ui, step }) => {
    const { client } = stack;
    const [FUNDER, FAY, INES, JON] = ["Funder", "Fay", "Ines", "Jon"].map(stack.person);
    const reg = { address: stack.impact.registry as Address, abi: impactRegistryAbi } as const;
    const mkt = { address: stack.impact.market as Address, abi: impactMarketAbi } as const;
    const cert = { address: stack.impact.certificates as Address, abi: retirementCertificatesAbi } as const;
    const openTab = (tab: string) => ui.openTab(`impact-tab-${tab}`);
    const waitForAttr = ui.waitForAttr;

    const read = {
      claimCount: () => client.readContract({ ...reg, functionName: "claimCount" }),
      claim: (id: bigint) => client.readContract({ ...reg, functionName: "getClaim", args: [id] }),
      balance: (a: Address, id: bigint) => client.readContract({ ...reg, functionName: "balanceOf", args: [a, id] }),
      listing: (id: bigint) => client.readContract({ ...mkt, functionName: "getListing", args: [id] }),
      round: (id: bigint) => client.readContract({ ...mkt, functionName: "getRound", args: [id] }),
      certificate: (id: bigint) => client.readContract({ ...cert, functionName: "getCertificate", args: [id] }),
    };
    let claimId = 0n;
    const evidence = Buffer.from(
      `Solar ice machine at the Den Helder harbour: metered consumption 2025-2026, grid invoices (e2e ${Date.now()})\n`,
    );

    await step("without a wallet: Climate claims lists every claim on chain with its status", async () => {
      expect(stack.impactDemo?.roundId === GHENT, "the Ghent matching round was not seeded as round 1").toBeTruthy();
      await page.goto("/#/");
      await page.getByTestId("nav-impact").click();
      await ui.waitForText("impact-title", (x) => x === "Climate claims", "module title");
      const count = await read.claimCount();
      await ui.waitForText("claims-count", (x) => x === count.toString(), "claims listed");
      // The seeded heat recovery claim (#5) was revoked in part after verification.
      const revoked = page.getByTestId("claim-row-5");
      await waitForAttr("claim-status", "data-status", "Revoked", "seeded revoked claim", revoked);
      await waitForAttr("claim-revoked", "data-kg", "15000", "15 t revoked", revoked);
      await ui.screenshot("impact-1-claims.png");
    });

    await step("Fay submits a claim with an evidence file (hashed in the browser) and lists it at once", async () => {
      await as(FAY);
      await openTab("claimant");
      const today = Math.floor(Number((await client.getBlock()).timestamp) / DAY);
      await page.getByTestId("claim-file").setInputFiles({
        name: "ice-plant-metering.txt",
        mimeType: "text/plain",
        buffer: evidence,
      });
      await ui.waitForText(
        "claim-evidence-hash",
        (x) => x === keccak256(evidence),
        "the evidence hash is keccak-256 of the file",
      );
      await page
        .getByTestId("claim-uri")
        .fill("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/ice.txt");
      await page.getByTestId("claim-tonnes").fill("24");
      await page.getByTestId("claim-methodology").selectOption(String(FLEET));
      await page.getByTestId("claim-start").fill(iso(today - 200));
      await page.getByTestId("claim-end").fill(iso(today - 10));
      await page.getByTestId("claim-jurisdiction").fill("NL-NH");
      await page.getByTestId("claim-list").check();
      await page.getByTestId("claim-price").fill("0.03");
      await page.getByTestId("claim-currency").selectOption({ label: "ETH" });
      await ui.closeToasts();
      await page.getByTestId("claim-submit").click();
      await ui.confirmed("Submit a claim of 24 t");
      claimId = await read.claimCount();
      await ui.confirmed(`List 24 t of claim #${claimId} at 0.03 ETH/t`);
      await waitForAttr("claim-done", "data-claim", claimId.toString(), "the new claim's id");
      const c = await read.claim(claimId);
      expect(
        c.claimant === FAY.address && c.status === 1,
        `claim ${claimId}: ${c.claimant}, status ${c.status}`,
      ).toBeTruthy();
      expect(
        c.claimedUnits === 24_000 && c.methodologyId === FLEET && c.threshold === 2,
        "claimed 24 t, fleet, k = 2",
      ).toBeTruthy();
      expect(c.startDay === today - 200 && c.endDay === today - 10, `period ${c.startDay}-${c.endDay}`).toBeTruthy();
      const byEvidence = await client.readContract({
        ...reg,
        functionName: "claimOfEvidence",
        args: [keccak256(evidence)],
      });
      expect(byEvidence, "the evidence hash on chain is the file's keccak-256").toBe(claimId);
      const l = await read.listing(claimId);
      expect(
        l.seller === FAY.address && l.remaining === 24_000 && l.pricePerUnit === PRICE,
        "listed 24 t at 0.03/t",
      ).toBeTruthy();
      const row = page.getByTestId(`my-claim-${claimId}`);
      await waitForAttr("claim-status", "data-status", "Submitted", "my claim is submitted", row);
      await ui.waitForText("my-claim-listing", (x) => x === "24 t at 0.03 ETH/t", "my listing", row);
      await ui.screenshot("impact-2-submitted.png");
    });

    await step(
      "Ines types 25 t (more than claimed): Attest is disabled with the AttestedAboveClaimed words; then 24 t on-chain",
      async () => {
        await as(INES);
        await openTab("verifier");
        const item = page.getByTestId(`queue-${claimId}`);
        await item.waitFor();
        await item.getByTestId("attest-tonnes").fill("25");
        await item.getByTestId("attest-report-text").fill("Ines: site visit, ice machine meter and grid invoices");
        const message = `An attestation of 25 t is more than the 24 t claimed in claim #${claimId}: a verifier stands behind at most the claimed amount.`;
        await ui.waitForText("attest-above", (x) => x === message, "the reason beside Attest", item);
        await expect(item.getByTestId("attest-onchain")).toBeDisabled();
        await expect(item.getByTestId("attest-sign")).toBeDisabled();
        // The words are the revert's: the same attestation, sent by Ines now, reverts with these numbers.
        const revert = await revertOf(
          client.simulateContract({
            ...reg,
            functionName: "attest",
            args: [claimId, 25_000n, keccak256(toHex("Ines: site visit"))],
            account: INES.address,
          }),
        );
        expect(revert.name, "the registry's error").toBe("AttestedAboveClaimed");
        expect(revert.args, "claim, claimed kg, attested kg").toEqual([claimId, 24_000n, 25_000n]);
        expect((await read.claim(claimId)).approvals, "an attestation was recorded").toBe(0);
        await item.getByTestId("attest-tonnes").fill("24");
        await ui.closeToasts();
        await item.getByTestId("attest-onchain").click();
        await ui.confirmed(`Attest claim #${claimId} at 24 t`);
        await item.waitFor({ state: "detached" });
        const c = await read.claim(claimId);
        expect(
          c.approvals === 1 && c.status === 1,
          `after Ines: ${c.approvals} approvals, status ${c.status}`,
        ).toBeTruthy();
        await ui.screenshot("impact-3-attested.png");
      },
    );

    let signed = "";
    await step("Jon signs 23.5 t off-chain (EIP-712): a payload to share, nothing on chain yet", async () => {
      await as(JON);
      await openTab("verifier");
      const item = page.getByTestId(`queue-${claimId}`);
      await item.getByTestId("attest-tonnes").fill("23.5");
      await item.getByTestId("attest-report-text").fill("Jon: desk review; 0.5 t of the grid mix not evidenced");
      await item.getByTestId("attest-sign").click();
      const payload = item.getByTestId("signed-payload");
      await payload.waitFor();
      signed = await payload.inputValue();
      const json = JSON.parse(signed) as { attestation: Record<string, string>; registry: string; chainId: number };
      expect(json.attestation.verifier, `signed by ${json.attestation.verifier}`).toBe(JON.address);
      expect(
        json.attestation.claimId === claimId.toString() && json.attestation.verifiedUnits === "23500",
        signed,
      ).toBeTruthy();
      expect(json.registry === stack.impact.registry && json.chainId === 31337, "domain of the signature").toBeTruthy();
      const used = await client.readContract({
        ...reg,
        functionName: "nonceUsed",
        args: [JON.address, BigInt(json.attestation.nonce)],
      });
      expect(!used && (await read.claim(claimId)).approvals === 1, "signing must not touch the chain").toBeTruthy();
      await ui.screenshot("impact-4-signed.png");
    });

    await step(
      "Fay submits Jon's signed attestation: Verified at the minimum (23.5 t), minted and on sale",
      async () => {
        await as(FAY);
        await openTab("verifier");
        await page.getByTestId("not-verifier").waitFor();
        await page.getByTestId("signed-input").fill(signed);
        const summary = page.getByTestId("signed-summary");
        await waitForAttr("signed-units", "data-kg", "23500", "signed amount", summary);
        await ui.waitForText("signed-summary", (x) => x.includes("Jon"), "the signer");
        await ui.closeToasts();
        await page.getByTestId("signed-submit").click();
        await ui.confirmed(`Submit Jon's signed attestation of claim #${claimId}`);
        await page.getByTestId("signed-done").waitFor();
        const c = await read.claim(claimId);
        expect(c.status === 2 && c.approvals === 2, `status ${c.status}, approvals ${c.approvals}`).toBeTruthy();
        expect(c.verifiedUnits, `verified ${c.verifiedUnits}: the lower of 24 t and 23.5 t`).toBe(23_500);
        expect(await read.balance(FAY.address, claimId), "23.5 t minted to Fay").toBe(23_500n);
        await page.goto(`/#/impact/claim/${claimId}`);
        const detail = page.getByTestId("claim-detail");
        await waitForAttr("claim-status", "data-status", "Verified", "claim page status", detail);
        await waitForAttr("detail-verified", "data-kg", "23500", "verified on the claim page");
        await waitForAttr("detail-listed", "data-kg", "24000", "listed before verification");
        await waitForAttr("detail-available", "data-kg", "23500", "for sale now: only what was minted");
        const hows = await page.getByTestId("attestation-how").allTextContents();
        expect(hows.join("|"), `attestations: ${hows.join("|")}`).toBe("on-chain|signed off-chain");
        await ui.screenshot("impact-5-verified.png");
      },
    );

    const matchedCost = 2_000n * PRICE;
    await step(
      "the Funder buys 2 t through the Ghent round: the 2 t matched shown first is what is retired",
      async () => {
        await as(FUNDER);
        await page.getByTestId("impact-tab-market").click();
        const row = page.getByTestId(`listing-${claimId}`);
        await waitForAttr("listing-available", "data-kg", "23500", "for sale in the market", row);
        await row.getByTestId("listing-buy").click();
        const panel = page.getByTestId("buy-panel");
        await waitForAttr("buy-price", "data-price", PRICE.toString(), "the price shown", panel);
        await panel.getByTestId("buy-tonnes").fill("2");
        // The open round that covers the claim is preselected.
        expect(
          await panel.getByTestId("buy-round").inputValue(),
          "the Ghent round should be preselected for a sound claim of an eligible methodology",
        ).toBe(GHENT.toString());
        const [previewUnits, previewCost] = await client.readContract({
          ...mkt,
          functionName: "previewMatch",
          args: [GHENT, claimId, FUNDER.address, 2_000n],
        });
        expect(
          previewUnits === 2_000n && previewCost === matchedCost,
          `previewMatch ${previewUnits} / ${previewCost}`,
        ).toBeTruthy();
        await waitForAttr(
          "buy-matched",
          "data-kg",
          previewUnits.toString(),
          "matched tonnes shown before buying",
          panel,
        );
        await waitForAttr("buy-cost", "data-wei", (2_000n * PRICE).toString(), "the cost shown", panel);
        await ui.screenshot("impact-6-match-preview.png");
        const roundBefore = await read.round(GHENT);
        const certificatesBefore = await client.readContract({ ...cert, functionName: "count" });
        await ui.closeToasts();
        await panel.getByTestId("buy-submit").click();
        await ui.confirmed(`Buy 2 t of claim #${claimId}, 2 t matched by round 1`);
        await panel.getByTestId("buy-done").waitFor();
        expect(await read.balance(FUNDER.address, claimId), "the Funder holds 2 t").toBe(2_000n);
        const c = await read.claim(claimId);
        expect(c.retiredUnits, `the round retired ${c.retiredUnits} kg, expected the 2 t previewed`).toBe(2_000);
        const roundAfter = await read.round(GHENT);
        expect(roundBefore.remaining - roundAfter.remaining, "the round paid the previewed cost").toBe(matchedCost);
        const kimsCertificate = certificatesBefore + 1n;
        const matched = await read.certificate(kimsCertificate);
        expect(
          matched.claimId === claimId && matched.units === 2_000 && matched.beneficiary === "Ghent Climate Fund 2026",
          `matched certificate: ${matched.beneficiary} ${matched.units}`,
        ).toBeTruthy();
        expect((await read.listing(claimId)).remaining, "24 t listed − 2 t bought − 2 t matched").toBe(20_000);
        await openTab("rounds");
        await waitForAttr(
          "round-matched",
          "data-kg",
          "8000",
          "Ghent matched 6 t (seed) + 2 t",
          page.getByTestId("round-1"),
        );
      },
    );

    await step("buying 30 t when 20 t are listed: Buy is disabled with the ExceedsListing words", async () => {
      await page.goto(`/#/impact/market/${claimId}`);
      const panel = page.getByTestId("buy-panel");
      await panel.getByTestId("buy-round").selectOption("");
      await panel.getByTestId("buy-tonnes").fill("30");
      const message = `Claim #${claimId} has 20 t for sale, less than the 30 t asked for (matched units included).`;
      await ui.waitForText("buy-too-much", (x) => x === message, "the reason beside Buy", panel);
      await expect(panel.getByTestId("buy-submit")).toBeDisabled();
      // The words are the revert's: the same purchase, sent by the Funder now, reverts with these numbers.
      const listing = await read.listing(claimId);
      const revert = await revertOf(
        client.simulateContract({
          ...mkt,
          functionName: "buy",
          args: [
            claimId,
            30_000n,
            { currency: listing.currency, listingVersion: listing.version, maxCost: 30_000n * PRICE },
          ],
          value: 30_000n * PRICE,
          account: FUNDER.address,
        }),
      );
      expect(revert.name, "the market's error").toBe("ExceedsListing");
      expect(revert.args, "claim, remaining kg, requested kg").toEqual([claimId, 20_000n, 30_000n]);
      expect(await read.balance(FUNDER.address, claimId), "units moved").toBe(2_000n);
      await ui.screenshot("impact-7-exceeds-listing.png");
    });

    const REVOKED = 5n; // the seeded heat recovery claim: 40 t verified, 15 t revoked by two verifiers, reason published
    await step(
      "finding (dApp): a claim with a revocation is listed last, says what was revoked and why, and needs an explicit confirmation",
      async () => {
        await page.goto(`/#/impact/market`);
        const rows = page.getByTestId("market-table").locator("tbody tr");
        await page.getByTestId(`listing-${REVOKED}`).waitFor();
        const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-testid")));
        expect(ids.at(-1), `the revoked claim should come last, rows: ${ids.join(", ")}`).toBe(`listing-${REVOKED}`);
        const row = page.getByTestId(`listing-${REVOKED}`);
        await ui.waitForText("listing-revoked", (x) => x === "15 t of 40 t revoked", "the row's warning", row);
        await waitForAttr("listing-available", "data-kg", "20000", "40 t − 15 t revoked − 5 t sold", row);
        const onChainForSale = await client.readContract({ ...mkt, functionName: "unitsForSale", args: [REVOKED] });
        expect(onChainForSale, `unitsForSale ${onChainForSale}`).toBe(20_000n);
        await ui.screenshot("impact-7b-revoked-last.png");
        await row.getByTestId("listing-buy").click();
        const panel = page.getByTestId("buy-panel");
        await ui.waitForText(
          "revocation-reason-text",
          (x) => x === "“Heat also counted in the plant operator's EU ETS report”",
          "the published reason",
          panel,
        );
        // The Ghent round does not match claims with a revocation: it is not preselected, and the hint says why.
        expect(await panel.getByTestId("buy-round").inputValue(), "no round preselected for a revoked claim").toBe("");
        await ui.waitForText(
          "buy-rounds-hint",
          (x) => x.includes("does not fund claims with a revocation"),
          "why the round does not match",
          panel,
        );
        await panel.getByTestId("buy-tonnes").fill("1");
        await waitForAttr("buy-cost", "data-wei", (1_000n * PRICE).toString(), "the cost shown", panel);
        expect(
          await panel.getByTestId("buy-submit").isDisabled(),
          "buying must wait for the explicit confirmation",
        ).toBeTruthy();
        await panel.getByTestId("buy-confirm-revoked").locator("input").check();
        await ui.screenshot("impact-7c-revoked-confirm.png");
        await ui.closeToasts();
        await panel.getByTestId("buy-submit").click();
        await ui.confirmed(`Buy 1 t of claim #${REVOKED}`);
        expect(await read.balance(FUNDER.address, REVOKED), "the Funder holds 1 t of the revoked claim").toBe(1_000n);
        const left = await client.readContract({ ...mkt, functionName: "unitsForSale", args: [REVOKED] });
        expect(left, `unitsForSale after the purchase: ${left}`).toBe(19_000n);
      },
    );

    let certificateId = 0n;
    await step("the Funder retires 1.5 t for a named beneficiary and gets a certificate", async () => {
      await openTab("retire");
      await page.getByTestId("retire-claim").selectOption(claimId.toString());
      await waitForAttr("retire-max", "data-kg", "2000", "retirable");
      await page.getByTestId("retire-tonnes").fill("1.5");
      await page.getByTestId("retire-beneficiary").fill(BENEFICIARY);
      await page.getByTestId("retire-message").fill("Our school's ice for the fish market, one winter");
      await ui.closeToasts();
      await page.getByTestId("retire-submit").click();
      await ui.confirmed(`Retire 1.5 t of claim #${claimId} for ${BENEFICIARY}`);
      const link = page.getByTestId("retire-certificate-link");
      certificateId = BigInt((await link.getAttribute("data-certificate")) ?? "0");
      const c = await read.certificate(certificateId);
      expect(
        c.claimId === claimId && c.units === 1_500 && c.beneficiary === BENEFICIARY,
        `certificate ${c.beneficiary}`,
      ).toBeTruthy();
      const owner = await client.readContract({ ...cert, functionName: "ownerOf", args: [certificateId] });
      expect(owner, `certificate owner ${owner}`).toBe(FUNDER.address);
      expect(await read.balance(FUNDER.address, claimId), "1.5 t burned of the Funder's 2 t").toBe(500n);
      await page.getByTestId("my-certificates").getByText(`Certificate #${certificateId}`).waitFor();
    });

    await step("the certificate page, opened by URL in a fresh browser without a wallet", async () => {
      const context = await readFrom(
        await browser.newContext({ baseURL: stack.webUrl, viewport: { width: 1100, height: 900 } }),
        "chain",
      );
      try {
        const fresh = await context.newPage();
        await fresh.goto(`/#/impact/certificate/${certificateId}`);
        const card = fresh.getByTestId("certificate");
        await card.waitFor();
        await fresh.getByTestId("connect-burner").waitFor(); // no wallet connected
        expect(
          (await fresh.getByTestId("certificate-beneficiary").textContent())?.trim() === BENEFICIARY,
          "beneficiary",
        ).toBeTruthy();
        expect(await fresh.getByTestId("certificate-tonnes").getAttribute("data-kg"), "tonnes").toBe("1500");
        expect(await fresh.getByTestId("certificate-tonnes").textContent(), "1.5 t shown").toBe("1.5 t");
        const claimLink = fresh.getByTestId("certificate-claim");
        expect(await claimLink.textContent(), "claim link text").toBe(`Claim #${claimId}`);
        expect(await claimLink.getAttribute("href"), "claim link").toBe(`#/impact/claim/${claimId}`);
        expect(await fresh.getByTestId("certificate-methodology").textContent(), "methodology").toBe(
          "Fishing-fleet electrification v1",
        );
        expect(
          (await fresh.getByTestId("certificate-retired-by").textContent())?.includes("Funder"),
          "retired by",
        ).toBeTruthy();
        expect(await fresh.getByTestId("certificate-flagged").count(), "a sound claim's certificate is flagged").toBe(
          0,
        );
        await ui.screenshot("impact-8-certificate.png", { page: fresh });
        // The claim behind it, from the link, also without a wallet.
        await claimLink.click();
        await fresh.locator(`[data-testid="claim-detail"][data-claim="${claimId}"]`).waitFor();
        // A seeded certificate of the partly revoked claim carries the flag.
        const flaggedId = stack.impactDemo!.certificateId + 1n;
        expect(
          await client.readContract({ ...cert, functionName: "flagged", args: [flaggedId] }),
          `seeded certificate ${flaggedId} should be flagged`,
        ).toBeTruthy();
        await fresh.goto(`/#/impact/certificate/${flaggedId}`);
        await fresh.getByTestId("certificate-flagged").waitFor();
        await ui.screenshot("impact-9-flagged.png", { page: fresh });
      } finally {
        await context.close();
      }
    });

    await step("Fay sees 4 t sold and withdraws her proceeds", async () => {
      await as(FAY);
      await openTab("claimant");
      const row = page.getByTestId(`my-claim-${claimId}`);
      await waitForAttr("my-claim-sold", "data-kg", "4000", "sold (2 t bought + 2 t matched)", row);
      const proceeds = 4_000n * PRICE;
      await waitForAttr("my-claim-proceeds", "data-wei", proceeds.toString(), "proceeds", row);
      const before = await client.getBalance({ address: FAY.address });
      await ui.closeToasts();
      await row.getByTestId("my-claim-withdraw").click();
      await ui.confirmed(`Withdraw 0.12 ETH of proceeds of claim #${claimId}`);
      await waitForAttr("my-claim-proceeds", "data-wei", "0", "proceeds after the withdrawal", row);
      expect((await read.listing(claimId)).proceeds, "proceeds left on chain").toBe(0n);
      const gained = (await client.getBalance({ address: FAY.address })) - before;
      expect(gained > proceeds - 10n ** 15n && gained <= proceeds, `Fay received ${gained} wei`).toBeTruthy();
      await ui.screenshot("impact-10-withdrawn.png");
    });
  });
});
