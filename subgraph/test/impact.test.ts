// Mapping tests of the impact module: a story emitting every event of ImpactRegistry, RetirementCertificates and
// ImpactMarket, fed to the compiled mapping and compared with the contracts' views.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import DemoTokenModule from "../../ignition/modules/DemoToken.ts";
import ImpactModule from "../../ignition/modules/Impact.ts";
import { chainTime, decide, warp, warpTo } from "../../scripts/lib/council.ts";
import { seedImpactDemo, seedImpactGovernance } from "../../scripts/lib/demo-impact.ts";
import { attestationTypesMutable, impactDomain } from "../../sdk/src/eip712.ts";
import { processLogsAcross, type PlainEntity, type SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import { assertAbiCovered, assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import {
  chainLogs,
  connect,
  councilParameters,
  lower,
  send,
  subgraphRuntime,
  ZERO,
  parsedEvents,
  type Log,
} from "./setup.ts";

/** Events of the registry's ABI that it never emits: no role admin is changed, the EIP-712 domain and the units'
 * URI are fixed at deployment (ERC-1155's constructor emits no URI). The market's ABI is indexed in full. The
 * RetirementCertificates contract is no data source: it only ever emits the mint's Transfer, and the registry's
 * UnitsRetired of the same call carries all of it (certificate id, owner, claim, units, beneficiary). */
const NOT_INDEXED = ["EIP712DomainChanged", "RoleAdminChanged", "URI"];
/** Entity type(s) each event creates or updates, per data source. */
const REGISTRY_EVENTS: Record<string, string[]> = {
  RoleGranted: ["ImpactRegistry", "ImpactRoleChange", "Verifier"],
  RoleRevoked: ["ImpactRoleChange"],
  VerifierSlotAssigned: ["Verifier", "VerifierSlotChange"],
  VerifierSlotReleased: ["VerifierSlotChange"],
  MethodologySet: ["Methodology", "MethodologyChange"],
  ClaimSubmitted: ["Claim"],
  ClaimAttested: ["Attestation"],
  ClaimRejectionRecorded: ["Attestation"],
  ClaimVerified: ["Claim"],
  ClaimRejected: ["Claim"],
  RevocationVoteRecorded: ["RevocationVote"],
  ClaimRevoked: ["Revocation"],
  UnitsRefrozen: ["UnitsRefreeze"],
  UnitsRetired: ["Certificate"],
  NonceInvalidated: ["NonceInvalidation"],
  TransferSingle: ["ImpactHolding", "ImpactTransfer"],
  TransferBatch: ["ImpactTransfer"],
  ApprovalForAll: ["ImpactOperatorApproval"],
};
const MARKET_EVENTS: Record<string, string[]> = {
  Listed: ["ImpactMarket", "Listing", "ListingChange"],
  Delisted: ["Listing", "ListingChange"],
  Purchased: ["Purchase", "RoundClaimSpend", "RoundBuyerSpend", "RoundUsageDay"],
  ProceedsWithdrawn: ["ProceedsWithdrawal"],
  RoundCreated: ["MatchingRound", "MarketCurrencyTotal"],
  RoundClaimRulesSet: ["MatchingRound"],
  RoundClaimEligibilitySet: ["RoundClaimEligibility"],
  RoundFunded: ["RoundFunding", "RoundUsageDay"],
  RoundReclaimed: ["MatchingRound"],
};
/** IImpactRegistry.ClaimStatus */
const STATUS = ["None", "Submitted", "Verified", "Rejected", "Revoked"];
/** IImpactMarket.ClaimEligibility */
const ELIGIBILITY = ["Default", "Allowed", "Excluded"];
const DAY = 86_400;
const TONNE = 1000n;
const DEFAULT_ADMIN_ROLE = "0x" + "00".repeat(32);
const sum = (xs: readonly PlainEntity[], field: string) => xs.reduce((s, x) => s + (x[field] as bigint), 0n);

const conn = await connect();
const { ethers } = conn;
type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
const getRegistry = (address: string) => ethers.getContractAt("ImpactRegistry", address);
const getMarket = (address: string) => ethers.getContractAt("ImpactMarket", address);
const getCertificates = (address: string) => ethers.getContractAt("RetirementCertificates", address);
const getToken = (address: string) => ethers.getContractAt("MockERC20", address);

describe("subgraph · impact mapping on real ImpactRegistry and ImpactMarket events", () => {
  let registry: Awaited<ReturnType<typeof getRegistry>>;
  let market: Awaited<ReturnType<typeof getMarket>>;
  let certificates: Awaited<ReturnType<typeof getCertificates>>;
  let token: Awaited<ReturnType<typeof getToken>>;
  let addresses: { registry: string; market: string; certificates: string; timelock: string; token: string };
  let signers: Signer[];
  let registryRt: SubgraphRuntime;
  let marketRt: SubgraphRuntime;
  let logs: Log[];
  let certificateLogs: Log[];
  let verifierRole: string;
  /** Claim ids of the story. */
  const claim = { heat: 1n, boats: 2n, ice: 3n, biochar: 4n, recovery: 5n, insulation: 6n, bikes: 7n };

  before(async () => {
    signers = await ethers.getSigners();
    const [ada, bea, cyrus, dara, funder, eli, fay, gus, hal] = signers;
    const [ines, jon, kim, lea] = [signers[9], signers[10], signers[11], signers[12]];
    const deployed = await conn.ignition.deploy(ImpactModule, {
      displayUi: false,
      // The registry refuses an admin timelock under MIN_ADMIN_DELAY (1 hour); decide() waits it out.
      parameters: councilParameters([ada, bea, cyrus], 3600),
    });
    const { token: tokenContract } = await conn.ignition.deploy(DemoTokenModule, { displayUi: false });
    addresses = {
      registry: await deployed.registry.getAddress(),
      market: await deployed.market.getAddress(),
      certificates: await deployed.certificates.getAddress(),
      timelock: await deployed.timelock.getAddress(),
      token: await tokenContract.getAddress(),
    };
    registry = await getRegistry(addresses.registry);
    market = await getMarket(addresses.market);
    certificates = await getCertificates(addresses.certificates);
    token = await getToken(addresses.token);
    const governor = await ethers.getContractAt("ThresholdsCouncil", await deployed.governor.getAddress());
    verifierRole = await registry.VERIFIER_ROLE();
    const eth = (x: string) => ethers.parseEther(x);
    // What a buyer names (BuyTerms): the listing's currency and version as it reads them, and the most it pays.
    const terms = async (claimId: bigint, units: bigint) => {
      const l = await market.getListing(claimId);
      return { currency: l.currency, listingVersion: l.version, maxCost: units * l.pricePerUnit };
    };

    // 1. The demo: methodologies 1-3 and verifiers ines, jon, dara (one council decision); claims 1-5 (heat
    // verified, listed, sold plain and matched, retired; boats with one approval of two; ice submitted and listed in
    // dEUR; biochar rejected by all three; recovery verified, sold, retired, then 15 t revoked by jon and ines, jon
    // publishing the reason); round 1 in ETH.
    await seedImpactGovernance(ethers, { registry: addresses.registry, governor: await governor.getAddress() });
    await seedImpactDemo(ethers, { registry: addresses.registry, market: addresses.market, token: addresses.token });
    const price = eth("0.00003");
    const boatsPrice = eth("0.00004");

    // 2. A day later: dara signs the second approval of the boats (16 t, below ines's 17 t) and hal relays it; jon
    // voids a nonce; gus relists the boats at the verified amount.
    await warp(ethers, DAY);
    const now = await chainTime(ethers);
    const { chainId } = await ethers.provider.getNetwork();
    const attestation = {
      verifier: dara.address as `0x${string}`,
      claimId: claim.boats,
      verifiedUnits: 16n * TONNE,
      reportHash: ethers.id("Dara: fuel logs, signed off-line") as `0x${string}`,
      nonce: 42n,
      deadline: BigInt(now + 3600),
    };
    const signature = await dara.signTypedData(
      impactDomain(chainId, addresses.registry as `0x${string}`),
      attestationTypesMutable,
      attestation,
    );
    await send(registry.connect(hal).attestBySig(attestation, signature));
    await send(registry.connect(jon).invalidateNonce(7));
    await send(market.connect(gus).list(claim.boats, ethers.ZeroAddress, boatsPrice, 16n * TONNE));

    // 3. The funder tops up round 1; eli buys 3 t of boats matched one for one; hal buys 20 t of heat matched, held
    // to 14 t by the round's 0.6 ETH cap per buyer (he had 0.18 ETH of it).
    await send(market.connect(funder).fundRound(1, eth("0.5"), { value: eth("0.5") }));
    await send(
      market.connect(eli).buyMatched(1, claim.boats, 3n * TONNE, await terms(claim.boats, 3n * TONNE), 1n, {
        value: boatsPrice * 3n * TONNE,
      }),
    );
    await send(
      market.connect(hal).buyMatched(1, claim.heat, 20n * TONNE, await terms(claim.heat, 20n * TONNE), 1n, {
        value: price * 20n * TONNE,
      }),
    );

    // 4. The next day: the ice plant is verified (29 t), the funder buys 10 t in dEUR; bea opens a dEUR round (no
    // opening deposit, half a unit per unit, 100 dEUR per claim, allowed claims only) that the funder funds; she
    // allows the ice plant, the boats and a claim id nobody submitted (9), excludes the heat pumps and resets the
    // boats; hal buys twice through it, the second time held by the cap per claim.
    await warp(ethers, DAY);
    await send(registry.connect(ines).attest(claim.ice, 30n * TONNE, ethers.id("Ines: compressor logs")));
    await send(registry.connect(jon).attest(claim.ice, 29n * TONNE, ethers.id("Jon: grid export data")));
    const dEUR = (n: bigint) => n * 10n ** 6n;
    for (const buyer of [funder, hal]) {
      await send(token.mint(buyer.address, dEUR(10_000n)));
      await send(token.connect(buyer).approve(addresses.market, dEUR(10_000n)));
    }
    await send(market.connect(funder).buy(claim.ice, 10n * TONNE, await terms(claim.ice, 10n * TONNE)));
    await send(
      market.connect(bea).createRound(
        {
          currency: addresses.token,
          matchBps: 5_000,
          endTime: (await chainTime(ethers)) + 30 * DAY,
          maxPricePerUnit: 30_000n,
          capPerClaim: dEUR(100n),
          capPerBuyer: dEUR(1_000n),
          methodologyMask: 1n << 2n,
          name: "Harbour Ice Fund",
          allowListOnly: true,
          acceptsRevokedClaims: false,
        },
        0n,
      ),
    );
    await send(market.connect(funder).fundRound(2, dEUR(500n)));
    await send(market.connect(bea).setRoundClaims(2, [claim.ice, claim.boats, 9n], 1));
    await send(market.connect(bea).setRoundClaims(2, [claim.heat], 2));
    await send(market.connect(bea).setRoundClaims(2, [claim.boats], 0));
    await send(market.connect(hal).buyMatched(2, claim.ice, 4n * TONNE, await terms(claim.ice, 4n * TONNE), 1n));
    await send(market.connect(hal).buyMatched(2, claim.ice, 10n * TONNE, await terms(claim.ice, 10n * TONNE), 1n));

    // 5. Proceeds: fay's dEUR to lea, ada's ETH to herself. The funder gives eli some heat and ice units (a batch).
    await send(market.connect(fay).withdrawProceeds(claim.ice, lea.address));
    await send(market.connect(ada).withdrawProceeds(claim.heat, ada.address));
    await send(
      registry
        .connect(funder)
        .safeBatchTransferFrom(funder.address, eli.address, [claim.heat, claim.ice], [1n * TONNE, 2n * TONNE], "0x"),
    );

    // 6. Heat (k = 2): dara votes to revoke 20 t, publishing her reason, and ines 22 t with the same reason's hash
    // only: 20 t revoked (its three certificates are flagged, 20 t of ada's frozen); eli retires 1 t afterwards
    // (flagged at once); ines (hash only) and jon (published) vote 6 t and 5 t more: 5 t revoked. Dara opens a vote
    // on 3 t more of the recovery, left open. Kim's round 1 opts in to claims with a revocation.
    const doubleCounted = "Double-counted homes";
    const twoMore = "Two more homes";
    await send(registry.connect(dara).revoke(claim.heat, 20n * TONNE, ethers.id(doubleCounted), doubleCounted));
    await send(registry.connect(ines).revoke(claim.heat, 22n * TONNE, ethers.id(doubleCounted), ""));
    await send(registry.connect(eli).retire(claim.heat, 1n * TONNE, "Eli's bakery", "Ovens, 2025"));
    await send(registry.connect(ines).revoke(claim.heat, 6n * TONNE, ethers.id(twoMore), ""));
    await send(registry.connect(jon).revoke(claim.heat, 5n * TONNE, ethers.id(twoMore), twoMore));
    await send(registry.connect(dara).revoke(claim.recovery, 3n * TONNE, ethers.id("Meter swap"), "Meter swap"));
    await send(market.connect(kim).setRoundClaimRules(1, false, true));

    // 7. Hal's insulation claim: one rejection (ines) and one approval (jon), still pending.
    const today = Math.floor((await chainTime(ethers)) / DAY);
    const input = (title: string, tonnes: bigint, methodologyId: number, jurisdiction: string) => ({
      units: tonnes * TONNE,
      methodologyId,
      startDay: today - 200,
      endDay: today - 10,
      jurisdiction: ethers.hexlify(ethers.toUtf8Bytes(jurisdiction.padEnd(8, "\0"))),
      evidenceHash: ethers.id(`${title}: evidence`),
      evidenceURI: `ipfs://evidence/${title}`,
      externalSerial: "",
    });
    await send(registry.connect(hal).submitClaim(input("Insulation of the harbour office", 8n, 1, "NL-ZH")));
    await send(registry.connect(ines).reject(claim.insulation, ethers.id("Baseline year missing")));
    await send(registry.connect(jon).attest(claim.insulation, 8n * TONNE, ethers.id("Jon: invoices")));

    // 8. A council decision: jon's accreditation withdrawn (slot 1 released), lea accredited (into slot 1, for claims
    // from 7 on), dara withdrawn and accredited again (her own slot 2 back, every claim), biochar closed to new claims,
    // a k = 1 methodology; fay's cargo bikes are verified by lea alone. Fay gives kim 1.5 t, lea revokes 1 t (k = 1:
    // one vote; 0.5 t of fay's frozen); kim sends 1 t back (refrozen to 1 t), then 0.5 t (already 1 t: no refreeze).
    const iface: { encodeFunctionData(fn: string, args: readonly unknown[]): string } = registry.interface;
    const call = (fn: string, args: unknown[]) => ({
      target: addresses.registry,
      data: iface.encodeFunctionData(fn, args),
    });
    await decide(
      ethers,
      governor,
      ada,
      [ada, bea, cyrus],
      [
        call("revokeRole", [verifierRole, jon.address]),
        call("revokeRole", [verifierRole, dara.address]),
        call("grantRole", [verifierRole, lea.address]),
        call("grantRole", [verifierRole, dara.address]),
        call("setMethodology", [3, 3, false, "Biochar in soils v1"]),
        call("setMethodology", [4, 1, true, "Cargo bikes v1"]),
      ],
      "Withdraw the Energy Auditors Guild; accredit Lea; close biochar; cargo bikes (k = 1)",
    );
    await send(registry.connect(fay).submitClaim(input("Cargo bikes for the market", 2n, 4, "BE-BRU")));
    await send(registry.connect(lea).attest(claim.bikes, 2n * TONNE, ethers.id("Lea: delivery logs")));
    await send(registry.connect(fay).safeTransferFrom(fay.address, kim.address, claim.bikes, 1500n, "0x"));
    const bikesReason = "Bikes also claimed by the city's fleet programme";
    await send(registry.connect(lea).revoke(claim.bikes, 1n * TONNE, ethers.id(bikesReason), bikesReason));
    await send(registry.connect(kim).safeTransferFrom(kim.address, fay.address, claim.bikes, 1000n, "0x"));
    await send(registry.connect(kim).safeTransferFrom(kim.address, fay.address, claim.bikes, 500n, "0x"));

    // 9. Gus takes the boats off sale; both rounds end and their owners reclaim what is left.
    await send(market.connect(gus).delist(claim.boats));
    await warpTo(ethers, Number((await market.getRound(2)).endTime) + 1);
    await send(market.connect(bea).reclaimRound(2));
    await warpTo(ethers, Number((await market.getRound(1)).endTime) + 1);
    await send(market.connect(kim).reclaimRound(1));

    logs = await chainLogs(ethers.provider, [addresses.registry, addresses.market]);
    certificateLogs = await chainLogs(ethers.provider, [addresses.certificates]);
    registryRt = subgraphRuntime("ImpactRegistry", addresses.registry);
    marketRt = subgraphRuntime("ImpactMarket", addresses.market, registryRt.store);
    await processLogsAcross(ethers.provider, [registryRt, marketRt], logs);
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => registryRt);
  const all = (type: string) => registryRt.store.all(type);
  const parsed = (name: string) =>
    parsedEvents(logs, name, { [addresses.registry]: registry.interface, [addresses.market]: market.interface });
  const holdingOf = (claimId: bigint, holder: string) =>
    (registryRt.store.entity("ImpactHolding", `${claimId}-${lower(holder)}`)?.balance as bigint | undefined) ?? 0n;

  it("every event of both ABIs has a handler (but the three never emitted); the certificates contract only mints", async () => {
    assertAbiCovered(registryRt, "ImpactRegistry", NOT_INDEXED);
    assertAbiCovered(marketRt, "ImpactMarket", []);
    const transfer = certificates.interface.getEvent("Transfer")!.topicHash;
    assert.ok(certificateLogs.every((l) => l.topics[0] === transfer && BigInt(l.topics[1]) === 0n));
    assert.equal(certificateLogs.length, Number(await certificates.count()));
    assert.equal(registryRt.store.count("Certificate"), certificateLogs.length);
  });

  it("handles every log of both contracts, every event type, without errors; one eth_call (certificates())", () => {
    assert.equal(registryRt.handled.length + marketRt.handled.length, logs.length, "every log had a handler");
    assert.deepEqual([...new Set(registryRt.handled.map((h) => h.name))].sort(), Object.keys(REGISTRY_EVENTS).sort());
    assert.deepEqual([...new Set(marketRt.handled.map((h) => h.name))].sort(), Object.keys(MARKET_EVENTS).sort());
    assertEntitiesAndNoErrors(registryRt, REGISTRY_EVENTS);
    assertEntitiesAndNoErrors(marketRt, MARKET_EVENTS);
    assert.equal(registryRt.calls.length, 1);
    assert.equal(marketRt.calls.length, 0);
  });

  it("claims equal getClaim: status, votes, amounts, period, jurisdiction; evidence, serial, sellable units and units for sale", async () => {
    const claims = all("Claim");
    assert.equal(claims.length, Number(await registry.claimCount()));
    for (const c of claims) {
      const id = c.claimId as bigint;
      const info = await registry.getClaim(id);
      const where = `claim ${id}`;
      assert.deepEqual(
        [c.claimant, c.methodologyId, c.methodology, c.status, c.threshold, c.approvals, c.rejections],
        [
          lower(info.claimant),
          Number(info.methodologyId),
          String(info.methodologyId),
          STATUS[Number(info.status)],
          Number(info.threshold),
          Number(info.approvals),
          Number(info.rejections),
        ],
        where,
      );
      assert.deepEqual(
        [c.claimedUnits, c.verifiedUnits, c.retiredUnits, c.revokedUnits, c.frozenUnits],
        [info.claimedUnits, info.verifiedUnits, info.retiredUnits, info.revokedUnits, info.frozenUnits],
        where,
      );
      assert.deepEqual([c.startDay, c.endDay], [Number(info.startDay), Number(info.endDay)], where);
      assert.equal(c.periodDays, Number(info.endDay - info.startDay) + 1);
      assert.equal(c.periodStart, info.startDay * BigInt(DAY));
      assert.equal(c.periodEnd, (info.endDay + 1n) * BigInt(DAY));
      assert.equal(c.jurisdictionCode, lower(info.jurisdiction));
      assert.equal(c.jurisdiction, ethers.toUtf8String(info.jurisdiction).replace(/\0+$/, ""), where);
      assert.equal(c.jurisdictionCountry, (c.jurisdiction as string).split("-")[0]);
      assert.equal(await registry.claimOfEvidence(c.evidenceHash as string), id, where);
      if (c.externalSerial != null) assert.equal(await registry.claimOfSerial(c.externalSerial as string), id);
      // Units: minted once (= verified), outstanding = minted - retired = the sum of all balances (IM-1, IM-2).
      const verified = info.status === 2n || info.status === 4n;
      assert.equal(c.mintedUnits, verified ? info.verifiedUnits : 0n, where);
      assert.equal(c.outstandingUnits, (c.mintedUnits as bigint) - info.retiredUnits, where);
      let outstanding = 0n;
      let holders = 0;
      for (const s of signers) {
        const balance = await registry.balanceOf(s.address, id);
        outstanding += balance;
        if (balance > 0n) holders++;
      }
      assert.equal(c.outstandingUnits, outstanding, where);
      assert.equal(c.holderCount, holders, where);
      assert.equal(c.sellableUnits, await registry.sellableUnits(id), where);
      assert.equal(c.unitsForSale, await market.unitsForSale(id), where);
      assert.equal(c.listing ?? null, (await market.getListing(id)).seller === ZERO ? null : String(id), where);
    }
    const heat = entity("Claim", "1");
    assert.deepEqual(
      [heat.status, heat.jurisdiction, heat.jurisdictionCountry, heat.externalSerial],
      ["Revoked", "BE-VOV", "BE", "CLA-2025-0001"],
    );
    assert.deepEqual(
      [heat.revokedUnits, heat.frozenUnits, heat.verifiedUnits],
      [25n * TONNE, 25n * TONNE, 116n * TONNE],
    );
    assert.ok((heat.firstRevokedAt as bigint) < (heat.lastRevokedAt as bigint));
    assert.deepEqual([entity("Claim", "2").status, entity("Claim", "2").verifiedUnits], ["Verified", 16n * TONNE]);
    assert.deepEqual(
      [entity("Claim", "4").status, entity("Claim", "4").rejections, entity("Claim", "4").rejectedAt != null],
      ["Rejected", 3, true],
    );
    assert.deepEqual(
      [entity("Claim", "6").status, entity("Claim", "6").approvals, entity("Claim", "6").rejections],
      ["Submitted", 1, 1],
    );
    assert.equal(entity("Claim", "6").externalSerial ?? null, null);
    assert.deepEqual([entity("Claim", "7").threshold, entity("Claim", "7").status], [1, "Revoked"]);
    // Heat: 116 t verified, 25 t revoked, 56 t sold (matched units included): 35 t left for the market.
    assert.equal(heat.unitsForSale, 35n * TONNE);
  });

  it("revocation votes equal RevocationVoteRecorded; each revocation has its votes, reason hash and published text; the open vote equals revocationVote() and hasVotedToRevoke", async () => {
    const [, , , dara, , , , , , ines, jon] = signers;
    const lea = signers[12];
    const votes = all("RevocationVote");
    const events = parsed("RevocationVoteRecorded");
    assert.equal(votes.length, events.length);
    votes.forEach((v, i) => {
      const a = events[i].args;
      assert.deepEqual(
        [v.claim, v.verifier, v.units, v.reasonHash, v.reason ?? "", v.votes, v.threshold, v.decisive],
        [
          String(a.claimId),
          lower(a.verifier),
          a.units,
          a.reasonHash,
          a.reason,
          Number(a.votes),
          Number(a.threshold),
          a.votes === a.threshold,
        ],
        `vote ${i}`,
      );
    });
    // Each revocation: its votes (those of its number, in order, the last one decisive, cast by its verifier); the
    // units are the smallest amount voted.
    const revocations = all("Revocation");
    assert.equal(revocations.length, parsed("ClaimRevoked").length);
    for (const r of revocations) {
      const mine = votes.filter((v) => v.claim === r.claim && v.revocationNumber === r.number);
      assert.deepEqual(
        r.votes,
        mine.map((v) => v.id),
        `revocation ${r.claim}#${r.number}`,
      );
      assert.deepEqual(
        mine.map((v) => v.decisive),
        mine.map((_, i) => i === mine.length - 1),
      );
      assert.equal(r.verifier, mine.at(-1)!.verifier);
      assert.equal(
        r.units,
        mine.reduce((m, v) => ((v.units as bigint) < m ? (v.units as bigint) : m), mine[0].units as bigint),
      );
      assert.equal(r.reasonHash, mine.at(-1)!.reasonHash);
    }
    const byClaim = (id: string) =>
      revocations
        .filter((r) => r.claim === id)
        .map((r) => [
          r.number,
          r.units,
          r.reason ?? null,
          (r.votes as string[]).map((v) => {
            const vote = entity("RevocationVote", v);
            return [vote.verifier, vote.units, vote.reason ?? null];
          }),
        ]);
    const ets = "Heat also counted in the plant operator's EU ETS report";
    // The recovery: jon published the reason, ines (deciding) gave only its hash; the revocation shows jon's text.
    assert.deepEqual(byClaim("5"), [
      [
        1,
        15n * TONNE,
        ets,
        [
          [lower(jon.address), 15n * TONNE, ets],
          [lower(ines.address), 16n * TONNE, null],
        ],
      ],
    ]);
    assert.deepEqual(byClaim("1"), [
      [
        1,
        20n * TONNE,
        "Double-counted homes",
        [
          [lower(dara.address), 20n * TONNE, "Double-counted homes"],
          [lower(ines.address), 22n * TONNE, null],
        ],
      ],
      [
        2,
        5n * TONNE,
        "Two more homes",
        [
          [lower(ines.address), 6n * TONNE, null],
          [lower(jon.address), 5n * TONNE, "Two more homes"],
        ],
      ],
    ]);
    const bikesReason = "Bikes also claimed by the city's fleet programme";
    assert.deepEqual(byClaim("7"), [[1, 1n * TONNE, bikesReason, [[lower(lea.address), 1n * TONNE, bikesReason]]]]);
    // The open vote of every claim (= revocationVote, hasVotedToRevoke); only the recovery's (dara, 3 t) is open.
    for (const c of all("Claim")) {
      const id = c.claimId as bigint;
      const [units, count, threshold] = await registry.revocationVote(id);
      assert.deepEqual(
        [c.openRevocationUnits, c.openRevocationVoteCount, c.threshold],
        [units, Number(count), Number(threshold)],
        `claim ${id}`,
      );
      const voters = (c.openRevocationVotes as string[]).map((v) => entity("RevocationVote", v).verifier);
      for (const s of signers) {
        assert.equal(voters.includes(lower(s.address)), await registry.hasVotedToRevoke(id, s.address));
      }
      assert.equal(c.revocationCount, revocations.filter((r) => r.claim === c.id).length);
    }
    const recovery = entity("Claim", "5");
    assert.deepEqual(
      [recovery.openRevocationVoteCount, recovery.openRevocationUnits, recovery.revocationCount],
      [1, 3n * TONNE, 1],
    );
    const open = entity("RevocationVote", (recovery.openRevocationVotes as string[])[0]);
    assert.deepEqual(
      [open.verifier, open.revocationNumber, open.reason, open.decisive],
      [lower(dara.address), 2, "Meter swap", false],
    );
    for (const v of all("Verifier")) {
      assert.equal(
        v.revocationVoteCount,
        events.filter((e) => lower(e.args.verifier) === v.id).length,
        `votes of ${v.id}`,
      );
    }
  });

  it("units that come back to the claimant are frozen again (UnitsRefrozen): frozen and sellable units equal getClaim and sellableUnits", async () => {
    const fay = signers[6];
    const refreezes = all("UnitsRefreeze");
    assert.deepEqual(
      refreezes.map((r) => [r.claim, r.claimant, r.previousFrozenUnits, r.frozenUnits]),
      [["7", lower(fay.address), 500n, 1000n]],
    );
    assert.deepEqual(
      parsed("UnitsRefrozen").map((p) => [String(p.args.claimId), lower(p.args.claimant), p.args.frozenUnits]),
      [["7", lower(fay.address), 1000n]],
    );
    const bikes = entity("Claim", "7");
    const info = await registry.getClaim(7n);
    assert.deepEqual(
      [bikes.frozenUnits, bikes.revokedUnits, bikes.sellableUnits, bikes.refreezeCount],
      [info.frozenUnits, info.revokedUnits, await registry.sellableUnits(7n), 1],
    );
    // Fay holds all 2 t again; 1 t (the revoked amount) is frozen, the second return changed nothing.
    assert.deepEqual([info.frozenUnits, await registry.balanceOf(fay.address, 7n)], [1000n, 2000n]);
    assert.equal(all("Revocation").find((r) => r.claim === "7")!.frozenUnits, 500n);
  });

  it("attestations: one per vote (= hasVoted), approvals and rejections, the signed one relayed; verifiers' queues", async () => {
    const [, , , dara, , , , , hal] = signers;
    const ines = signers[9];
    const claims = all("Claim");
    // hasVoted follows each verifier's tenure of its slot (Jon's released slot 1 is lea's now: on claims from lea's
    // firstClaimId on, the bit is lea's vote, not Jon's), so it equals the subgraph's attestations for everyone.
    for (const c of claims) {
      const id = c.claimId as bigint;
      for (const s of signers) {
        const account = lower(s.address);
        const voted = await registry.hasVoted(id, s.address);
        const a = registryRt.store.entity("Attestation", `${id}-${account}`);
        assert.equal(a !== null, voted, `claim ${id}, ${s.address}`);
        assert.equal((c.voters as string[]).includes(account), voted);
      }
    }
    const attestations = all("Attestation");
    assert.equal(attestations.filter((a) => a.kind === "Approval").length, parsed("ClaimAttested").length);
    assert.equal(attestations.filter((a) => a.kind === "Rejection").length, parsed("ClaimRejectionRecorded").length);
    for (const p of parsed("ClaimAttested")) {
      const a = entity("Attestation", `${p.args.claimId}-${lower(p.args.verifier)}`);
      assert.deepEqual(
        [a.verifiedUnits, a.reportHash, a.bySignature, a.count, a.reasonHash ?? null],
        [p.args.verifiedUnits, p.args.reportHash, p.args.bySignature, Number(p.args.approvals), null],
      );
    }
    const signed = entity("Attestation", `2-${lower(dara.address)}`);
    assert.deepEqual(
      [signed.kind, signed.bySignature, signed.submittedBy, signed.verifiedUnits, signed.decisive],
      ["Approval", true, lower(hal.address), 16n * TONNE, true],
    );
    assert.equal(entity("Attestation", `2-${lower(ines.address)}`).decisive, false);
    const biochar = attestations
      .filter((a) => a.claim === "4")
      .sort((x, y) => (x.count as number) - (y.count as number));
    assert.deepEqual(
      biochar.map((a) => [a.kind, a.count, a.decisive, a.reasonHash]),
      [1, 2, 3].map((n) => ["Rejection", n, n === 3, ethers.id("No baseline soil sampling")]),
    );
    // A verifier's queue (README query): pending claims from its firstClaimId on that it did not submit and has not
    // voted on (an older claim would revert with ClaimPredatesVerifier).
    for (const v of all("Verifier").filter((x) => x.slotActive)) {
      const account = v.account as string;
      const queue = claims
        .filter(
          (c) =>
            c.status === "Submitted" &&
            (c.claimId as bigint) >= (v.firstClaimId as bigint) &&
            c.claimant !== account &&
            !(c.voters as string[]).includes(account),
        )
        .map((c) => c.id);
      const expected: string[] = [];
      const [, , , firstClaimId] = await registry.verifierSlot(account);
      for (let id = firstClaimId > 1n ? firstClaimId : 1n; id <= (await registry.claimCount()); id++) {
        const [status, claimant] = await registry.statusOf(id);
        if (status === 1n && lower(claimant) !== account && !(await registry.hasVoted(id, account)))
          expected.push(String(id));
      }
      assert.deepEqual(queue.sort(), expected.sort(), `queue of ${account}`);
    }
    // Lea got jon's released slot when 6 claims existed: the pending insulation claim (6) is not hers to vote on.
    const lea = entity("Verifier", lower(signers[12].address));
    assert.equal(lea.firstClaimId, 7n);
    assert.deepEqual(
      claims
        .filter((c) => c.status === "Submitted" && (c.claimId as bigint) >= (lea.firstClaimId as bigint))
        .map((c) => c.id),
      [],
    );
    assert.equal(entity("Claim", "6").status, "Submitted");
    const daraQueue = claims.filter(
      (c) =>
        c.status === "Submitted" &&
        c.claimant !== lower(dara.address) &&
        !(c.voters as string[]).includes(lower(dara.address)),
    );
    assert.deepEqual(
      daraQueue.map((c) => c.id),
      ["6"],
    );
  });

  it("methodologies, verifiers and the registry equal getMethodology, hasRole, nonceUsed and the claims", async () => {
    const [, , , dara, , , , , , ines, jon] = signers;
    const lea = signers[12];
    const claims = all("Claim");
    for (const m of all("Methodology")) {
      const [threshold, active, name] = await registry.getMethodology(m.methodologyId as number);
      assert.deepEqual([m.threshold, m.active, m.name], [Number(threshold), active, name], `methodology ${m.id}`);
      const mine = claims.filter((c) => c.methodology === m.id);
      assert.equal(m.claimCount, mine.length);
      assert.deepEqual(
        [m.claimedUnits, m.retiredUnits, m.revokedUnits],
        [sum(mine, "claimedUnits"), sum(mine, "retiredUnits"), sum(mine, "revokedUnits")],
      );
      assert.equal(m.verifiedUnits, sum(mine, "mintedUnits"));
    }
    assert.equal(all("Methodology").length, 4);
    const biochar = all("MethodologyChange").filter((c) => c.methodology === "3");
    assert.deepEqual(
      biochar.map((c) => [c.threshold, c.active, c.previousThreshold ?? null, c.previousActive ?? null]),
      [
        [3, true, null, null],
        [3, false, 3, true],
      ],
    );

    for (const v of all("Verifier")) {
      assert.equal(v.accredited, await registry.hasRole(verifierRole, v.account as string), v.id as string);
      const approvals = parsed("ClaimAttested").filter((p) => lower(p.args.verifier) === v.id);
      assert.deepEqual(
        [v.approvalCount, v.signedApprovalCount, v.approvedUnits],
        [
          approvals.length,
          approvals.filter((p) => p.args.bySignature).length,
          approvals.reduce((s, p) => s + p.args.verifiedUnits, 0n),
        ],
      );
      assert.equal(
        v.rejectionCount,
        parsed("ClaimRejectionRecorded").filter((p) => lower(p.args.verifier) === v.id).length,
      );
      const revocations = parsed("ClaimRevoked").filter((p) => lower(p.args.verifier) === v.id);
      assert.deepEqual(
        [v.revocationCount, v.revokedUnits],
        [revocations.length, revocations.reduce((s, p) => s + p.args.units, 0n)],
      );
    }
    // Slots (= verifierSlot): jon released slot 1 and lea got it, for claims from 7 on; dara was withdrawn and
    // accredited again in the same decision and got her own slot back (every claim, as before).
    for (const v of all("Verifier")) {
      const [assigned, slot, active, firstClaimId] = await registry.verifierSlot(v.account as string);
      assert.deepEqual(
        [v.slot != null, v.slot ?? 0, v.slotActive, v.firstClaimId ?? 0n],
        [assigned, Number(slot), active, firstClaimId],
        `slot of ${v.id}`,
      );
      assert.equal(v.slotActive, v.accredited);
    }
    const slot = (s: Signer) => {
      const v = entity("Verifier", lower(s.address));
      return [v.slot, v.slotActive, v.firstClaimId, v.slotAssignmentCount, v.slotReleaseCount];
    };
    assert.deepEqual([ines, jon, dara, lea].map(slot), [
      [0, true, 0n, 1, 0],
      [1, false, 0n, 1, 1],
      [2, true, 0n, 2, 1],
      [1, true, 7n, 1, 0],
    ]);
    const changes = all("VerifierSlotChange");
    assert.equal(changes.length, parsed("VerifierSlotAssigned").length + parsed("VerifierSlotReleased").length);
    // The council's second decision, in call order: jon and dara released, lea and dara assigned.
    assert.deepEqual(
      changes.slice(-4).map((c) => [c.verifier, c.kind, c.slot, c.firstClaimId ?? null]),
      [
        [lower(jon.address), "Released", 1, null],
        [lower(dara.address), "Released", 2, null],
        [lower(lea.address), "Assigned", 1, 7n],
        [lower(dara.address), "Assigned", 2, 0n],
      ],
    );
    const jonV = entity("Verifier", lower(jon.address));
    assert.deepEqual([jonV.accredited, jonV.deaccreditedAt != null, jonV.invalidatedNonceCount], [false, true, 1]);
    assert.equal(await registry.nonceUsed(jon.address, 7), true);
    assert.equal(await registry.nonceUsed(dara.address, 42), true);
    assert.deepEqual(
      all("NonceInvalidation").map((n) => [n.account, n.nonce]),
      [[lower(jon.address), 7n]],
    );

    const r = entity("ImpactRegistry", lower(addresses.registry));
    assert.equal(r.certificates, lower(await registry.certificates()));
    assert.deepEqual(r.admins, [lower(addresses.timelock)]);
    assert.equal(await registry.hasRole(DEFAULT_ADMIN_ROLE, addresses.timelock), true);
    assert.equal(r.verifierCount, all("Verifier").filter((v) => v.accredited).length);
    assert.equal(r.verifierCount, 3);
    assert.equal(r.claimCount, Number(await registry.claimCount()));
    const count = (status: string) => claims.filter((c) => c.status === status).length;
    assert.deepEqual(
      [r.submittedClaimCount, r.verifiedClaimCount, r.rejectedClaimCount, r.revokedClaimCount],
      [count("Submitted"), count("Verified"), count("Rejected"), count("Revoked")],
    );
    assert.deepEqual(
      [r.claimedUnits, r.verifiedUnits, r.retiredUnits, r.revokedUnits, r.frozenUnits],
      [
        sum(claims, "claimedUnits"),
        sum(claims, "mintedUnits"),
        sum(claims, "retiredUnits"),
        sum(claims, "revokedUnits"),
        sum(claims, "frozenUnits"),
      ],
    );
    assert.equal(r.certificateCount, Number(await certificates.count()));
    const roles = all("ImpactRoleChange").map((c) => [c.roleName, c.account, c.granted]);
    assert.deepEqual(roles[0], ["Admin", lower(addresses.timelock), true]);
    assert.deepEqual(roles.slice(-4), [
      ["Verifier", lower(jon.address), false],
      ["Verifier", lower(dara.address), false],
      ["Verifier", lower(lea.address), true],
      ["Verifier", lower(dara.address), true],
    ]);
  });

  it("holdings equal balanceOf for every account and claim; mints, transfers, a batch and burns; operator approvals", async () => {
    const [ada, , , , funder, eli, fay, gus] = signers;
    for (const c of all("Claim")) {
      const id = c.claimId as bigint;
      for (const s of signers) {
        assert.equal(holdingOf(id, s.address), await registry.balanceOf(s.address, id), `claim ${id}, ${s.address}`);
      }
      const holdings = all("ImpactHolding").filter((h) => h.claim === c.id);
      assert.equal(sum(holdings, "balance"), c.outstandingUnits);
      for (const h of holdings) assert.equal(h.isClaimant, h.holder === c.claimant);
    }
    const transfers = all("ImpactTransfer");
    const mints = transfers.filter((t) => t.kind === "Mint");
    // One mint per verified claim, in its verification transaction, of all its units, to its claimant (IM-1).
    const verified = all("Claim").filter((c) => c.verifiedAt != null);
    assert.deepEqual(
      mints.map((t) => [t.claim, t.to, t.units, t.transactionHash]).sort(),
      verified.map((c) => [c.id, c.claimant, c.mintedUnits, c.verifiedTransaction]).sort(),
    );
    assert.deepEqual(verified.map((c) => c.id).sort(), ["1", "2", "3", "5", "7"]);
    const burns = transfers.filter((t) => t.kind === "Burn");
    assert.equal(burns.length, all("Certificate").length);
    assert.equal(sum(burns, "units"), sum(all("Claim"), "retiredUnits"));
    const batch = transfers.filter((t) => t.batchIndex != null);
    assert.deepEqual(
      batch.map((t) => [t.claim, t.from, t.to, t.units, t.batchIndex]),
      [
        ["1", lower(funder.address), lower(eli.address), 1n * TONNE, 0],
        ["3", lower(funder.address), lower(eli.address), 2n * TONNE, 1],
      ],
    );
    // Purchases move units with the market as the operator; the other single transfers are holders' own (bikes).
    const singles = transfers.filter((t) => t.kind === "Transfer" && t.batchIndex == null);
    assert.ok(singles.every((t) => t.operator === lower(addresses.market) || t.operator === t.from));
    assert.equal(
      singles.filter((t) => t.operator === lower(addresses.market)).length,
      all("Purchase").length,
      "one transfer to the buyer per purchase (a round's units are burned from the seller)",
    );
    assert.deepEqual(
      singles.filter((t) => t.operator !== lower(addresses.market)).map((t) => [t.claim, t.from, t.to, t.units]),
      [
        ["7", lower(fay.address), lower(signers[11].address), 1500n],
        ["7", lower(signers[11].address), lower(fay.address), 1000n],
        ["7", lower(signers[11].address), lower(fay.address), 500n],
      ],
    );
    for (const a of all("ImpactOperatorApproval")) {
      assert.equal(a.approved, await registry.isApprovedForAll(a.holder as string, a.operator as string));
    }
    assert.deepEqual(
      all("ImpactOperatorApproval").map((a) => a.holder),
      [ada, fay, gus].map((s) => lower(s.address)),
    );
  });

  it("certificates equal getCertificate, ownerOf and flagged; a revocation flags every certificate of its claim", async () => {
    const [, , , , funder, eli] = signers;
    const kim = signers[11];
    const certs = all("Certificate");
    assert.equal(certs.length, Number(await certificates.count()));
    for (const c of certs) {
      const id = c.certificateId as bigint;
      const info = await certificates.getCertificate(id);
      assert.deepEqual(
        [c.claim, c.units, c.retiredAt, c.beneficiary],
        [String(info.claimId), info.units, info.retiredAt, info.beneficiary],
        `certificate ${id}`,
      );
      assert.equal(c.owner, lower(await certificates.ownerOf(id)));
      assert.equal(c.flagged, await certificates.flagged(id), `certificate ${id} flagged`);
      assert.equal(c.flaggedAt != null, c.flagged);
      const retired = parsed("UnitsRetired").find((p) => p.args.certificateId === id)!;
      assert.deepEqual([c.holder, c.message], [lower(retired.args.holder), retired.args.message]);
    }
    // Heat: three certificates before the first revocation, flagged by it; eli's, after it, flagged at once.
    const revocations = all("Revocation").map((r) => [
      r.claim,
      r.units,
      r.totalRevoked,
      r.frozenUnits,
      r.certificatesFlagged,
    ]);
    assert.deepEqual(revocations, [
      ["5", 15n * TONNE, 15n * TONNE, 15n * TONNE, 1],
      ["1", 20n * TONNE, 20n * TONNE, 20n * TONNE, 3],
      ["1", 5n * TONNE, 25n * TONNE, 25n * TONNE, 0],
      ["7", 1n * TONNE, 1n * TONNE, 500n, 0],
    ]);
    const heat = certs.filter((c) => c.claim === "1");
    assert.ok(heat.every((c) => c.flagged));
    const eliCert = heat.find((c) => c.holder === lower(eli.address))!;
    assert.deepEqual([eliCert.flaggedAt, eliCert.beneficiary], [eliCert.retiredAt, "Eli's bakery"]);
    const firstRevocation = all("Revocation")[1];
    assert.deepEqual(
      heat.filter((c) => c !== eliCert).map((c) => c.flaggedAt),
      [firstRevocation.timestamp, firstRevocation.timestamp, firstRevocation.timestamp],
    );
    assert.ok(certs.filter((c) => c.claim === "2" || c.claim === "3").every((c) => !c.flagged));
    assert.equal(certs.filter((c) => c.holder === lower(funder.address)).length, 2);
    // Matched retirements: burned from the seller, certificate to the round's owner, linked to the purchase.
    for (const c of certs.filter((x) => x.purchase != null)) {
      const purchase = all("Purchase").find((p) => p.id === c.purchase)!;
      const round = entity("MatchingRound", c.round as string);
      assert.deepEqual(
        [c.owner, c.beneficiary, c.units, c.holder, purchase.certificate, c.message],
        [
          round.owner,
          round.name,
          purchase.matchedUnits,
          entity("Claim", c.claim as string).claimant,
          c.id,
          "Matched purchase",
        ],
      );
    }
    assert.equal(certs.filter((c) => c.owner === lower(kim.address)).length, 3);
    assert.equal(
      certs.filter((c) => c.round != null).length,
      parsed("Purchased").filter((p) => p.args.certificateId > 0n).length,
    );
  });

  it("listings equal getListing (version included); purchases record cost, listing version, round, match and certificate; withdrawals", async () => {
    const listings = all("Listing");
    for (const l of listings) {
      const info = await market.getListing(BigInt(l.id as string));
      assert.deepEqual(
        [l.seller, l.remaining, l.version, l.currency, l.pricePerUnit, l.proceeds, l.unitsSold, l.listedAt],
        [
          lower(info.seller),
          info.remaining,
          Number(info.version),
          lower(info.currency),
          info.pricePerUnit,
          info.proceeds,
          info.unitsSold,
          info.listedAt,
        ],
        `listing ${l.id}`,
      );
      assert.equal(l.version, l.listCount, "one version per Listed");
      assert.equal(l.active, info.remaining > 0n);
      const purchases = all("Purchase").filter((p) => p.listing === l.id);
      assert.equal(l.purchaseCount, purchases.length);
      assert.equal(l.matchedUnitsSold, sum(purchases, "matchedUnits"));
      assert.equal(l.totalProceeds, sum(purchases, "cost") + sum(purchases, "matchedCost"));
      const withdrawals = all("ProceedsWithdrawal").filter((w) => w.listing === l.id);
      assert.equal(l.withdrawn, sum(withdrawals, "amount"));
      assert.equal(l.proceeds, (l.totalProceeds as bigint) - (l.withdrawn as bigint));
    }
    // Every Listed and Delisted is a ListingChange of its claim, with the terms listed.
    const marketEvents = logs
      .filter((l) => lower(l.address) === lower(addresses.market))
      .map((l) => ({ log: l, event: market.interface.parseLog(l) }))
      .filter((x) => x.event?.name === "Listed" || x.event?.name === "Delisted");
    const changes = all("ListingChange");
    assert.equal(changes.length, marketEvents.length);
    assert.ok(changes.some((c) => c.kind === "Delisted"));
    for (const { log, event } of marketEvents) {
      const c = changes.find((x) => x.transactionHash === log.transactionHash && x.kind === event!.name)!;
      const a = event!.args;
      assert.ok(c, `a ListingChange for ${event!.name} of claim ${a.claimId}`);
      assert.deepEqual(
        [
          c.claim,
          c.listing,
          c.blockNumber,
          c.currency ?? null,
          c.pricePerUnit ?? null,
          c.units ?? null,
          c.version ?? null,
        ],
        event!.name === "Listed"
          ? [
              String(a.claimId),
              String(a.claimId),
              BigInt(log.blockNumber),
              lower(a.currency),
              a.pricePerUnit,
              a.units,
              Number(a.version),
            ]
          : [String(a.claimId), String(a.claimId), BigInt(log.blockNumber), null, null, null, null],
        `${event!.name} of claim ${a.claimId}`,
      );
      assert.equal(c.seller, entity("Listing", String(a.claimId)).seller);
    }
    const boats = entity("Listing", "2");
    assert.deepEqual(
      [boats.delisted, boats.active, boats.listCount, boats.version, boats.remaining],
      [true, false, 2, 2, 0n],
    );
    // Each purchase was made at the version of the claim's last Listed before it (the buyer's BuyTerms).
    const listed = logs
      .filter((l) => lower(l.address) === lower(addresses.market))
      .map((l) => ({ log: l, event: market.interface.parseLog(l) }))
      .filter((x) => x.event?.name === "Listed");
    for (const p of all("Purchase")) {
      const before = listed.filter(
        (x) => String(x.event!.args.claimId) === p.claim && x.log.blockNumber <= Number(p.blockNumber),
      );
      assert.equal(p.listingVersion, Number(before.at(-1)!.event!.args.version), `purchase of ${p.claim}`);
    }
    assert.deepEqual(
      all("Purchase")
        .filter((p) => p.claim === "2")
        .map((p) => p.listingVersion),
      [2],
    );
    assert.equal(entity("Listing", "3").currency, lower(addresses.token));

    const purchases = all("Purchase");
    assert.equal(purchases.length, parsed("Purchased").length);
    for (const p of purchases) {
      assert.equal(p.cost, (p.units as bigint) * (p.pricePerUnit as bigint));
      assert.equal(p.matchedCost, (p.matchedUnits as bigint) * (p.pricePerUnit as bigint));
      assert.equal(p.round == null, p.roundRemaining == null);
      assert.equal(p.round == null, p.certificate == null, "every matched purchase here matched something");
      assert.equal(p.currency, entity("Listing", p.listing as string).currency);
    }
    // hal's 20 t of heat: matched 14 t, what was left of the 0.6 ETH cap per buyer.
    const hal = lower(signers[8].address);
    const heatMatched = purchases
      .filter((p) => p.buyer === hal && p.claim === "1")
      .map((p) => [p.units, p.matchedUnits]);
    assert.deepEqual(heatMatched, [
      [6n * TONNE, 6n * TONNE],
      [20n * TONNE, 14n * TONNE],
    ]);
    const iceMatched = purchases
      .filter((p) => p.claim === "3" && p.round != null)
      .map((p) => [p.units, p.matchedUnits]);
    assert.deepEqual(iceMatched, [
      [4n * TONNE, 2n * TONNE],
      [10n * TONNE, 2n * TONNE],
    ]);
    const withdrawals = all("ProceedsWithdrawal").map((w) => [w.claim, w.seller, w.to, w.currency]);
    assert.deepEqual(withdrawals, [
      ["3", lower(signers[6].address), lower(signers[12].address), lower(addresses.token)],
      ["1", lower(signers[0].address), lower(signers[0].address), ZERO],
    ]);
    const m = entity("ImpactMarket", lower(addresses.market));
    assert.deepEqual(
      [m.listingCount, m.purchaseCount, m.matchedPurchaseCount, m.roundCount],
      [
        listings.length,
        purchases.length,
        purchases.filter((p) => p.round != null).length,
        Number(await market.roundCount()),
      ],
    );
    assert.deepEqual([m.unitsBought, m.unitsMatched], [sum(purchases, "units"), sum(purchases, "matchedUnits")]);
  });

  it("matching rounds equal getRound and matchedSpend; fundings, daily usage and reclaims add up", async () => {
    const rounds = all("MatchingRound");
    assert.equal(rounds.length, Number(await market.roundCount()));
    for (const r of rounds) {
      const id = r.roundId as bigint;
      const info = await market.getRound(id);
      assert.deepEqual(
        [r.owner, r.matchBps, r.endTime, r.currency, r.maxPricePerUnit, r.remaining, r.deposited],
        [
          lower(info.owner),
          Number(info.matchBps),
          info.endTime,
          lower(info.currency),
          info.maxPricePerUnit,
          info.remaining,
          info.deposited,
        ],
        `round ${id}`,
      );
      assert.deepEqual(
        [r.capPerClaim, r.capPerBuyer, r.methodologyMask, r.name, r.allowListOnly, r.acceptsRevokedClaims],
        [
          info.capPerClaim,
          info.capPerBuyer,
          info.methodologyMask,
          info.name,
          info.allowListOnly,
          info.acceptsRevokedClaims,
        ],
      );
      // The owner's choice for every claim id (and one nobody submitted) = roundClaimEligibility.
      for (let claimId = 1n; claimId <= 9n; claimId++) {
        const e = registryRt.store.entity("RoundClaimEligibility", `${id}-${claimId}`);
        const eligibility = ELIGIBILITY[Number(await market.roundClaimEligibility(id, claimId))];
        assert.equal(e?.eligibility ?? "Default", eligibility, `round ${id}, claim ${claimId}`);
        if (e) assert.deepEqual([e.round, e.claim, e.claimId], [r.id, String(claimId), claimId]);
      }
      assert.deepEqual(
        r.eligibleMethodologies,
        [...Array(256).keys()].filter((i) => ((info.methodologyMask >> BigInt(i)) & 1n) === 1n),
      );
      // Spend per claim and per buyer (the caps' counters).
      for (const c of all("Claim")) {
        for (const s of signers) {
          const [forClaim, forBuyer] = await market.matchedSpend(id, c.claimId as bigint, s.address);
          const claimSpend = registryRt.store.entity("RoundClaimSpend", `${id}-${c.id}`);
          const buyerSpend = registryRt.store.entity("RoundBuyerSpend", `${id}-${lower(s.address)}`);
          assert.equal(claimSpend?.spent ?? 0n, forClaim, `round ${id}, claim ${c.id}`);
          assert.equal(buyerSpend?.spent ?? 0n, forBuyer, `round ${id}, buyer ${s.address}`);
        }
      }
      const purchases = all("Purchase").filter((p) => p.round === r.id);
      assert.deepEqual(
        [r.spent, r.matchedUnits, r.purchaseCount],
        [sum(purchases, "matchedCost"), sum(purchases, "matchedUnits"), purchases.length],
      );
      const fundings = all("RoundFunding").filter((f) => f.round === r.id);
      assert.deepEqual([r.deposited, r.fundingCount], [sum(fundings, "amount"), fundings.length]);
      assert.equal(r.deposited, (r.spent as bigint) + (r.reclaimed as bigint) + (r.remaining as bigint));
      assert.ok(r.reclaimedAt != null && (r.reclaimed as bigint) > 0n && r.remaining === 0n);
      // The blocks of its creation and of its reclaim (a chart's points are ordered by them).
      const roundLogs = logs
        .filter((l) => lower(l.address) === lower(addresses.market))
        .map((l) => ({ log: l, event: market.interface.parseLog(l) }))
        .filter((x) => x.event?.args.roundId === id);
      const blockOf = (name: string) => BigInt(roundLogs.find((x) => x.event!.name === name)!.log.blockNumber);
      assert.deepEqual([r.createdAtBlock, r.reclaimedAtBlock], [blockOf("RoundCreated"), blockOf("RoundReclaimed")]);
      // Daily usage: the days add up to the round's totals; running totals end at them.
      const days = all("RoundUsageDay")
        .filter((d) => d.round === r.id)
        .sort((a, b) => (a.day as number) - (b.day as number));
      assert.deepEqual(
        [sum(days, "spent"), sum(days, "matchedUnits"), sum(days, "funded"), sum(days, "reclaimed")],
        [r.spent, r.matchedUnits, r.deposited, r.reclaimed],
      );
      assert.equal(
        days.reduce((n, d) => n + (d.purchaseCount as number), 0),
        r.purchaseCount,
      );
      const last = days.at(-1)!;
      assert.deepEqual(
        [last.remaining, last.cumulativeSpent, last.cumulativeMatchedUnits, last.cumulativeDeposited],
        [r.remaining, r.spent, r.matchedUnits, r.deposited],
      );
      for (const d of days) assert.equal(d.date, BigInt(d.day as number) * BigInt(DAY));
      for (const p of purchases) {
        const day = days.find((d) => d.day === Number((p.timestamp as bigint) / BigInt(DAY)))!;
        assert.ok(day && (day.purchaseCount as number) > 0);
      }
    }
    const [, bea, , , funder] = signers;
    const kim = signers[11];
    const hal = signers[8];
    assert.deepEqual(entity("MatchingRound", "1").eligibleMethodologies, [1, 2]);
    // Claim rules: round 2 allowed claims only from its creation; round 1 opted in to revoked claims later.
    assert.deepEqual(
      ["1", "2"].map((id) => {
        const r = entity("MatchingRound", id);
        return [r.allowListOnly, r.acceptsRevokedClaims, r.claimRulesChangeCount];
      }),
      [
        [false, true, 1],
        [true, false, 1],
      ],
    );
    assert.deepEqual(
      all("RoundClaimEligibility").map((e) => [e.id, e.eligibility, e.changeCount]),
      [
        ["2-3", "Allowed", 1],
        ["2-2", "Default", 2],
        ["2-9", "Allowed", 1],
        ["2-1", "Excluded", 1],
      ],
    );
    assert.equal(registryRt.store.entity("Claim", "9"), null, "claim 9 was never submitted");
    assert.deepEqual(entity("MatchingRound", "2").eligibleMethodologies, [2]);
    assert.equal(entity("RoundBuyerSpend", `1-${lower(hal.address)}`).spent, ethers.parseEther("0.6"), "cap per buyer");
    assert.equal(entity("RoundClaimSpend", "2-3").spent, 100n * 10n ** 6n, "cap per claim");
    assert.deepEqual(
      all("RoundFunding").map((f) => [f.round, f.funder, f.initial]),
      [
        ["1", lower(kim.address), true],
        ["1", lower(funder.address), false],
        ["2", lower(funder.address), false],
      ],
    );
    assert.equal(entity("MatchingRound", "2").owner, lower(bea.address));
    assert.ok(all("RoundUsageDay").filter((d) => d.round === "1").length >= 3, "round 1 used on several days");
  });

  it("per-currency books equal the market's ETH and token balances (IM-4)", async () => {
    const totals = all("MarketCurrencyTotal");
    assert.deepEqual(totals.map((t) => t.currency).sort(), [ZERO, lower(addresses.token)].sort());
    for (const t of totals) {
      const balance =
        t.currency === ZERO
          ? await ethers.provider.getBalance(addresses.market)
          : await token.balanceOf(addresses.market);
      assert.equal(t.held, balance, `currency ${t.currency}`);
      assert.equal(
        t.held,
        (t.purchaseVolume as bigint) +
          (t.roundDeposits as bigint) -
          (t.proceedsWithdrawn as bigint) -
          (t.roundsReclaimed as bigint),
      );
      const listings = all("Listing").filter((l) => l.currency === t.currency);
      assert.equal(t.withdrawable, sum(listings, "proceeds"));
      assert.equal(
        t.roundRemaining,
        sum(
          all("MatchingRound").filter((r) => r.currency === t.currency),
          "remaining",
        ),
      );
    }
  });
});
