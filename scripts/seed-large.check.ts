// `node scripts/seed-large.check.ts`: runs the large-data seed at 1 % of its volume (on a chain of its own, any free
// port) and checks every count of its summary against the chain: view functions, statuses and event logs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Contract, Interface, JsonRpcProvider, type InterfaceAbi, type Log } from "ethers";
import {
  contributionLedgerAbi,
  creditNetworkAbi,
  impactMarketAbi,
  impactRegistryAbi,
  resourceRegistryAbi,
  retirementCertificatesAbi,
} from "../sdk/src/index.ts";
import { seedLarge } from "./seed-large.ts";

test("seed:large --scale 0.01: the summary's counts are the chain's", { timeout: 120_000 }, async () => {
  const { summary: s, close } = await seedLarge({ scale: 0.01, port: 0 });
  try {
    const provider = new JsonRpcProvider(s.rpcUrl, undefined, { batchMaxCount: 100 });
    const { deployment: d } = s;
    const at = (address: string, abi: unknown) => new Contract(address, abi as InterfaceAbi, provider);
    const ledger = at(d.ledger, contributionLedgerAbi);
    const credit = at(d.credit, creditNetworkAbi);
    const registry = at(d.impact.registry, impactRegistryAbi);
    const market = at(d.impact.market, impactMarketAbi);
    const certificates = at(d.impact.certificates, retirementCertificatesAbi);
    const resources = at(d.resources, resourceRegistryAbi);

    // The history's extent.
    assert.equal(await provider.getBlockNumber(), s.lastBlock);
    assert.equal(s.blocks, s.lastBlock - s.firstBlock + 1);
    assert.ok(s.blocks >= 1_000, `${s.blocks} blocks`);

    /** Events of `contract` since the deployment, read in ranges of 10,000 blocks, by name. */
    const events = async (contract: Contract) => {
      const iface = contract.interface as Interface;
      const out = new Map<string, ReturnType<Interface["parseLog"]>[]>();
      let total = 0;
      for (let from = s.firstBlock; from <= s.lastBlock; from += 10_000) {
        const logs: Log[] = await provider.getLogs({
          address: await contract.getAddress(),
          fromBlock: from,
          toBlock: Math.min(s.lastBlock, from + 9_999),
        });
        for (const l of logs) {
          const ev = iface.parseLog(l);
          assert.ok(ev, `an undecodable log of ${await contract.getAddress()}`);
          out.set(ev.name, [...(out.get(ev.name) ?? []), ev]);
          total++;
        }
      }
      return { count: (name: string) => out.get(name)?.length ?? 0, of: (name: string) => out.get(name) ?? [], total };
    };
    const statuses = async (contract: Contract, fn: string, count: bigint) => {
      const tally = new Map<number, number>();
      const rows = await Promise.all(Array.from({ length: Number(count) }, (_, i) => contract[fn](i + 1)));
      for (const r of rows) tally.set(Number(r.status), (tally.get(Number(r.status)) ?? 0) + 1);
      return (status: number) => tally.get(status) ?? 0;
    };

    // Contribution: projects, memberships, contributions and their fate, income.
    const c = s.contribution;
    const ledgerEvents = await events(ledger);
    assert.equal(Number(await ledger.projectCount()), c.projects);
    assert.equal(ledgerEvents.count("ProjectCreated"), c.projects);
    assert.equal(ledgerEvents.count("ProjectRoleGranted"), c.projects + c.memberships);
    const contributionCount = await ledger.contributionCount();
    assert.equal(Number(contributionCount), c.contributions);
    assert.equal(ledgerEvents.count("ContributionSubmitted"), c.contributions);
    assert.equal(
      ledgerEvents.of("ContributionSubmitted").filter((e) => e!.args.submitter !== e!.args.contributor).length,
      c.signed,
    );
    assert.equal(ledgerEvents.count("ContributionEvaluated"), c.evaluations);
    const contributionStatus = await statuses(ledger, "getContribution", contributionCount);
    assert.deepEqual(
      [1, 2, 3, 4].map(contributionStatus),
      [c.pending, c.accepted, c.rejected, c.expired],
      "pending, accepted, rejected, expired",
    );
    assert.equal(ledgerEvents.count("ContributionSettled"), c.accepted + c.rejected + c.expired);
    assert.equal(ledgerEvents.count("IncomeDeposited"), c.incomeDeposits);
    assert.equal(ledgerEvents.count("IncomeClaimed"), c.incomeClaims);
    assert.ok(c.contributions >= 50 && c.accepted > 0 && c.rejected > 0 && c.expired > 0 && c.incomeClaims > 0);

    // Credit: members, lines, payments, obligations in every state, clearing epochs.
    const k = s.credit;
    const creditEvents = await events(credit);
    assert.equal(creditEvents.count("MemberAdmitted"), k.members);
    assert.equal(creditEvents.count("CreditLineOffered"), k.lines + k.pendingOffers);
    assert.equal(creditEvents.count("CreditLineUpdated"), k.lines);
    assert.equal(creditEvents.count("Paid"), k.payments + k.obligationPayments);
    assert.equal(creditEvents.of("Paid").filter((e) => e!.args.hops === 2n).length, k.paymentsAlongPaths);
    const obligationCount = await credit.obligationCount();
    assert.equal(Number(obligationCount), k.obligations);
    assert.equal(creditEvents.count("ObligationRecorded"), k.obligations);
    const obligationStatus = await statuses(credit, "obligation", obligationCount);
    assert.equal(obligationStatus(1), k.proposedObligations, "proposed");
    assert.equal(obligationStatus(4), k.cancelledObligations, "cancelled");
    assert.equal(
      obligationStatus(2) + obligationStatus(3),
      k.obligations - k.proposedObligations - k.cancelledObligations,
    );
    assert.equal(creditEvents.count("ObligationPaid"), k.obligationPayments);
    assert.equal(Number(await credit.epochCount()), k.clearingEpochs);
    assert.equal(creditEvents.count("ClearingCompleted"), k.clearingEpochs);
    assert.equal(creditEvents.count("ObligationCleared"), k.setOffs);
    assert.equal(
      String(creditEvents.of("ObligationCleared").reduce((sum, e) => sum + (e!.args.amount as bigint), 0n)),
      k.cleared,
    );
    assert.ok(k.payments + k.obligations >= 200 && k.clearingEpochs > 0 && k.signedObligations > 0);

    // Impact: claims, attestations, verdicts, listings, purchases, rounds, retirements.
    const m = s.impact;
    const registryEvents = await events(registry);
    const marketEvents = await events(market);
    const claimCount = await registry.claimCount();
    assert.equal(Number(claimCount), m.claims);
    assert.equal(registryEvents.count("ClaimSubmitted"), m.claims);
    assert.equal(registryEvents.count("MethodologySet"), m.methodologies);
    assert.equal(registryEvents.count("VerifierSlotAssigned"), m.verifiers);
    assert.equal(registryEvents.count("ClaimAttested"), m.attestations);
    assert.equal(
      registryEvents.of("ClaimAttested").filter((e) => e!.args.bySignature).length,
      m.attestationsBySignature,
    );
    assert.equal(registryEvents.count("ClaimRejectionRecorded"), m.rejections);
    const claimStatus = await statuses(registry, "getClaim", claimCount);
    assert.equal(claimStatus(2), m.verified, "verified");
    assert.equal(claimStatus(3), m.rejected, "rejected");
    assert.equal(marketEvents.count("Listed"), m.listings);
    assert.equal(marketEvents.count("Purchased"), m.purchases);
    assert.equal(marketEvents.of("Purchased").filter((e) => e!.args.roundId !== 0n).length, m.matchedPurchases);
    assert.equal(marketEvents.count("RoundCreated"), m.rounds);
    assert.equal(registryEvents.count("UnitsRetired"), m.certificates);
    assert.equal(Number(await certificates.count()), m.certificates);
    assert.equal(
      m.certificates,
      m.retirements + marketEvents.of("Purchased").filter((e) => e!.args.matchedUnits > 0n).length,
    );
    assert.ok(m.claims >= 20 && m.verified > 0 && m.purchases > 0 && m.retirements > 0);

    // Resources: three stocks, ten seasons each, assessments, transfers and landings.
    const r = s.resource;
    const resourceEvents = await events(resources);
    assert.equal(Number(await resources.resourceCount()), r.resources);
    assert.equal(r.resources, 3);
    assert.equal(resourceEvents.count("AssessmentPosted"), r.assessments);
    assert.equal(resourceEvents.count("SeasonOpened"), r.seasons);
    assert.equal(r.seasons, 30);
    for (let id = 1n; id <= 3n; id++) assert.equal(Number((await resources.getSeason(id, 10)).cap) > 0, true);
    assert.equal(resourceEvents.count("EntitlementTransferred"), r.transfers);
    assert.equal(resourceEvents.count("Landed"), r.landings);

    // The summary's log counts are the chain's.
    for (const [name, contract] of [
      ["ledger", ledger],
      ["credit", credit],
      ["registry", registry],
      ["market", market],
      ["resources", resources],
    ] as const) {
      const e =
        name === "ledger"
          ? ledgerEvents
          : name === "credit"
            ? creditEvents
            : name === "registry"
              ? registryEvents
              : name === "market"
                ? marketEvents
                : resourceEvents;
      assert.equal(s.logs[name].total, e.total, `logs of ${name} (${await contract.getAddress()})`);
    }
    provider.destroy();
  } finally {
    await close();
  }
});
