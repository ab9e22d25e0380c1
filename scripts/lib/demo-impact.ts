// Demo data of verified decarbonisation claims: methodologies, verifiers, claims in every state, a listing, a round and
// retirements. `seedImpactGovernance` warps over the council delays (while the chain is in the past); `seedImpactDemo` not.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { chainTime, decide } from "./council.ts";
import { noGap, type Gap } from "./spread.ts";

const DAY = 86_400;
const TONNE = 1000n; // impact units are kg CO2e

/** Methodologies of the demo: id, k (approvals or rejections needed), name. */
export const DEMO_METHODOLOGIES = [
  { id: 1, threshold: 2, name: "Building heat-pump retrofit v1" },
  { id: 2, threshold: 2, name: "Fishing-fleet electrification v1" },
  { id: 3, threshold: 3, name: "Biochar in soils v1" },
] as const;

export interface ImpactDemoSummary {
  registry: string;
  market: string;
  certificates: string;
  claims: { id: bigint; title: string; status: string }[];
  roundId: bigint;
  certificateId: bigint;
}

/** The council (Ada proposes; Ada, Bea and Cyrus vote) sets the methodologies and accredits Ines, Jon and Dara. */
export async function seedImpactGovernance(
  ethers: HardhatEthers,
  addresses: { registry: string; governor: string },
): Promise<void> {
  const s = await ethers.getSigners();
  const [ada, bea, cyrus, dara] = s;
  const [ines, jon] = [s[9], s[10]];
  const registry = await ethers.getContractAt("ImpactRegistry", addresses.registry);
  const governor = await ethers.getContractAt("ThresholdsCouncil", addresses.governor);
  const role = await registry.VERIFIER_ROLE();
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
      ...DEMO_METHODOLOGIES.map((m) => call("setMethodology", [m.id, m.threshold, true, m.name])),
      ...[ines, jon, dara].map((v) => call("grantRole", [role, v.address])),
    ],
    "Impact claims: methodologies heat-pump retrofit (k = 2), fleet electrification (k = 2), biochar (k = 3); " +
      "accredit the Climate Audit Co-op (Ines), the Energy Auditors Guild (Jon) and the Marine Institute (Dara)",
  );
}

/** Claims in every state, a listing with sales, an active matching round, retirements (one certificate flagged). */
export async function seedImpactDemo(
  ethers: HardhatEthers,
  addresses: { registry: string; market: string; token: string },
  gap: Gap = noGap,
): Promise<ImpactDemoSummary> {
  const s = await ethers.getSigners();
  const [ada, , , dara, funder, eli, fay, gus, hal] = s;
  const [ines, jon, kim] = [s[9], s[10], s[11]];
  const registry = await ethers.getContractAt("ImpactRegistry", addresses.registry);
  const market = await ethers.getContractAt("ImpactMarket", addresses.market);
  const certificates = await ethers.getContractAt("RetirementCertificates", await registry.certificates());
  const today = Math.floor((await chainTime(ethers)) / DAY);
  const eth = (x: string) => ethers.parseEther(x);
  const claims: ImpactDemoSummary["claims"] = [];

  async function submit(
    who: HardhatEthersSigner,
    title: string,
    tonnes: bigint,
    methodologyId: number,
    days: [number, number],
    jurisdiction: string,
    externalSerial = "",
  ): Promise<bigint> {
    const input = {
      units: tonnes * TONNE,
      methodologyId,
      startDay: today - days[0],
      endDay: today - days[1],
      jurisdiction: ethers.hexlify(ethers.toUtf8Bytes(jurisdiction.padEnd(8, "\0"))),
      evidenceHash: ethers.id(`${title}: metered data and invoices`),
      evidenceURI: `ipfs://bafybeie5gq4jxvzmsym6hjlwxej4rwdoxt7wadqvmmwbqi7r27fclha2va/${title.toLowerCase().replace(/\W+/g, "-")}.pdf`,
      externalSerial,
    };
    await (await registry.connect(who).submitClaim(input)).wait();
    const id = await registry.claimCount();
    claims.push({ id, title, status: "Submitted" });
    return id;
  }
  const attest = async (v: HardhatEthersSigner, id: bigint, tonnes: bigint, report: string) =>
    (await registry.connect(v).attest(id, tonnes * TONNE, ethers.id(report))).wait();
  const setStatus = (id: bigint, status: string) => (claims.find((c) => c.id === id)!.status = status);
  for (const who of [ada, fay, gus]) {
    await (await registry.connect(who).setApprovalForAll(addresses.market, true)).wait();
  }
  const price = eth("0.00003"); // per kg: 0.03 ETH per tonne
  // What a buyer names: the listing's currency and version it read, and the most it pays in total.
  const terms = async (claimId: bigint, units: bigint) => {
    const l = await market.getListing(claimId);
    return { currency: l.currency, listingVersion: l.version, maxCost: units * l.pricePerUnit };
  };

  // 1. Ada's co-op: heat pumps in 48 homes, 120 t claimed, verified at 116 t (the lower approval), listed.
  const heat = await submit(ada, "Heat pumps for 48 co-op homes", 120n, 1, [395, 31], "BE-VOV", "CLA-2025-0001");
  await (await market.connect(ada).list(heat, ethers.ZeroAddress, price, 116n * TONNE)).wait();
  await attest(ines, heat, 118n, "Ines: site visits, 12 meters read");
  await attest(jon, heat, 116n, "Jon: desk review, gas bills 2024 vs 2025");
  setStatus(heat, "Verified");

  await gap();
  // 2. The city's matching round: one for one, up to 1.5 ETH per claim and 0.6 ETH per buyer, heat pumps and fleet
  // electrification, for 60 days.
  const roundTx = await market.connect(kim).createRound(
    {
      currency: ethers.ZeroAddress,
      matchBps: 10_000,
      endTime: (today + 60) * DAY,
      maxPricePerUnit: eth("0.00005"),
      capPerClaim: eth("1.5"),
      capPerBuyer: eth("0.6"),
      methodologyMask: (1n << 1n) | (1n << 2n),
      name: "Ghent Climate Fund 2026",
      allowListOnly: false,
      acceptsRevokedClaims: false,
    },
    eth("4"),
    { value: eth("4") },
  );
  await roundTx.wait();
  const roundId = await market.roundCount();

  await gap();
  // 3. Purchases: the funder buys 10 t plain, Hal 6 t matched (6 t more retired for the city), the funder retires 4 t.
  await (
    await market.connect(funder).buy(heat, 10n * TONNE, await terms(heat, 10n * TONNE), { value: price * 10n * TONNE })
  ).wait();
  await (
    await market
      .connect(hal)
      .buyMatched(roundId, heat, 6n * TONNE, await terms(heat, 6n * TONNE), 1n, { value: price * 6n * TONNE })
  ).wait();
  await (
    await registry
      .connect(funder)
      .retire(heat, 4n * TONNE, "Cosmolocal Commons Fund", "Offsetting our 2025 travel, with thanks to the co-op")
  ).wait();
  const certificateId = await certificates.count();

  await gap();
  // 4. Gus's electric outboards: one approval of two (waiting for Jon or Dara), listed straight away.
  const boats = await submit(gus, "Electric outboards for 6 boats", 18n, 2, [200, 20], "NL-ZH");
  await attest(ines, boats, 17n, "Ines: fuel logs and battery telemetry");
  await (await market.connect(gus).list(boats, ethers.ZeroAddress, eth("0.00004"), 18n * TONNE)).wait();

  // 5. Fay's solar ice plant: submitted, no attestation yet, listed in dEUR (25 dEUR per tonne).
  const ice = await submit(fay, "Solar ice plant at the harbour", 30n, 2, [300, 5], "NL-NH");
  await (await market.connect(fay).list(ice, addresses.token, 25_000n, 30n * TONNE)).wait();

  await gap();
  // 6. Eli's biochar (k = 3): rejected by all three verifiers (no baseline sampling).
  const biochar = await submit(eli, "Biochar on the allotments", 12n, 3, [500, 140], "BE-VOV");
  for (const v of [ines, jon, dara]) {
    await (await registry.connect(v).reject(biochar, ethers.id("No baseline soil sampling"))).wait();
  }
  setStatus(biochar, "Rejected");

  await gap();
  // 7. Gus's ice-plant heat recovery: verified at 40 t, 5 t sold and retired, then 15 t revoked by two verifiers (k = 2;
  // the same heat was counted in the plant operator's EU ETS report, and Jon publishes that reason): 15 of Gus's 35
  // unsold tonnes frozen, the certificate flagged.
  const recovery = await submit(gus, "Heat recovery from the ice plant", 40n, 1, [420, 60], "NL-ZH");
  await attest(ines, recovery, 40n, "Ines: heat meter readings");
  await attest(dara, recovery, 40n, "Dara: plant logbook");
  await (await market.connect(gus).list(recovery, ethers.ZeroAddress, price, 40n * TONNE)).wait();
  await (
    await market
      .connect(funder)
      .buy(recovery, 5n * TONNE, await terms(recovery, 5n * TONNE), { value: price * 5n * TONNE })
  ).wait();
  await (
    await registry.connect(funder).retire(recovery, 5n * TONNE, "Harbour Festival 2025", "Stage power, one year")
  ).wait();
  const reason = "Heat also counted in the plant operator's EU ETS report";
  await (await registry.connect(jon).revoke(recovery, 15n * TONNE, ethers.id(reason), reason)).wait();
  await (await registry.connect(ines).revoke(recovery, 16n * TONNE, ethers.id(reason), "")).wait();
  setStatus(recovery, "Revoked (15 of 40 t)");

  return {
    registry: addresses.registry,
    market: addresses.market,
    certificates: await certificates.getAddress(),
    claims,
    roundId,
    certificateId,
  };
}
