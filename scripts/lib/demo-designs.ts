// Demo data of the open design commons: Eli's "Solar Makers" project (Eli and Fay earn points), Bea registers the lab's
// open cargo-bike frame, Eli its e-assist derivative (10 % of its fees go up to the frame), Cyrus produces the frame
// under a free contributor's licence, and the Funder's company produces the derivative commercially and pays. The
// council accredits Jon's Energy Auditors Guild as a commons entity (`seedDesignsGovernance`, while the chain is in
// the past). The metadata and content hashes are the dApp's own format (web/src/designs/metadata.ts).
import { createHash } from "node:crypto";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { contentHashOf, metadataURI, type DesignFile } from "../../web/src/designs/metadata.ts";
import { decide } from "./council.ts";
import { noGap, type Gap } from "./spread.ts";

export interface DesignsDemoSummary {
  designs: string;
  /** Eli's project, whose contributors made the derivative. */
  makersProjectId: bigint;
  /** The lab's original design and Eli's derivative. */
  frameId: bigint;
  derivativeId: bigint;
  /** The commons entity the council accredited (Jon's guild). */
  accredited: string;
}

const DAY = 86_400;
/** dEUR has 6 decimals. */
const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));

/** Files of a demo design, hashed as the dApp hashes them. */
const file = (name: string, text: string): DesignFile => ({
  name,
  size: Buffer.byteLength(text),
  sha256: createHash("sha256").update(text).digest("hex"),
});

/** The council accredits Jon's Energy Auditors Guild (account #10) as commons-oriented. */
export async function seedDesignsGovernance(
  ethers: HardhatEthers,
  addresses: { designs: string; governor: string },
): Promise<void> {
  const s = await ethers.getSigners();
  const [ada, bea, cyrus] = s;
  const jon = s[10];
  const designs = await ethers.getContractAt("DesignCommons", addresses.designs);
  const governor = await ethers.getContractAt("ThresholdsCouncil", addresses.governor);
  await decide(
    ethers,
    governor,
    ada,
    [ada, bea, cyrus],
    [
      {
        target: addresses.designs,
        data: designs.interface.encodeFunctionData("accreditCommonsEntity", [
          jon.address,
          "https://energy-auditors.example/guild",
        ]),
      },
    ],
    "Open designs: accredit the Energy Auditors Guild as a commons entity (free licences)",
  );
}

export async function seedDesignsDemo(
  ethers: HardhatEthers,
  addresses: { designs: string; ledger: string; token: string; labProjectId: bigint },
  gap: Gap = noGap,
): Promise<DesignsDemoSummary> {
  const s = await ethers.getSigners();
  const [, bea, cyrus, , funder] = s;
  const [eli, fay, jon] = [s[5], s[6], s[10]];
  const ledger = await ethers.getContractAt("ContributionLedger", addresses.ledger);
  const designs = await ethers.getContractAt("DesignCommons", addresses.designs);
  const token = await ethers.getContractAt("MockERC20", addresses.token);

  // Eli's project: Fay designs 10 hours, Eli 20, each accepted by the other at 10/10 (quorum 1): 1,000 and 2,000 points.
  await (
    await ledger
      .connect(eli)
      .createProject(
        "Solar Makers",
        "data:text/plain,A makerspace building solar and e-assist hardware",
        { quorum: 1, evaluationWindow: 7 * DAY, minScore: 5 },
        ["Design (hours)"],
        [10],
      )
  ).wait();
  const makers = await ledger.projectCount();
  await (await ledger.connect(eli).grantRole(makers, fay.address, 1)).wait();
  await (await ledger.connect(eli).addIncomeToken(makers, addresses.token)).wait();
  for (const [who, evaluator, hours, text] of [
    [fay, eli, 10, "Battery mount and wiring harness"],
    [eli, fay, 20, "Motor integration and frame adapter"],
  ] as const) {
    await (
      await ledger.connect(who).submit({
        projectId: makers,
        kindId: 0,
        quantity: BigInt(hours),
        evidenceHash: ethers.keccak256(ethers.toUtf8Bytes(text)),
        evidenceURI: `data:text/plain,${encodeURIComponent(text)}`,
      })
    ).wait();
    await (await ledger.connect(evaluator).evaluate(await ledger.contributionCount(), 10, ethers.ZeroHash)).wait();
  }

  // Bea registers the lab's frame; Eli its e-assist derivative. Both in dEUR, which both projects accept.
  await gap();
  const terms = (perUnit: number, shareBps: number) => ({
    currency: addresses.token,
    feePerUnit: dEUR(perUnit),
    feePerPeriod: 0n,
    periodLength: 0,
    licenceDuration: 365 * DAY,
    derivativeShareBps: shareBps,
  });
  const frameFiles = [file("frame.step", "cargo bike frame v3 STEP"), file("README.md", "Welded steel frame, 2 m")];
  await (
    await designs.connect(bea).registerDesign(
      await contentHashOf(frameFiles),
      metadataURI({
        name: "Open cargo bike frame",
        description: "A welded steel cargo-bike frame for 100 kg loads, made with a jig any workshop can build.",
        tags: ["bike", "cargo", "steel"],
        link: "https://open-hardware-lab.example/cargo-frame",
        files: frameFiles,
      }),
      addresses.labProjectId,
      terms(4, 1_000),
      [],
    )
  ).wait();
  const frameId = await designs.designCount();
  const eFiles = [file("adapter.step", "e-assist motor adapter STEP"), file("wiring.pdf", "wiring harness")];
  await (
    await designs.connect(eli).registerDesign(
      await contentHashOf(eFiles),
      metadataURI({
        name: "Cargo bike frame, e-assist",
        description: "The open cargo frame with a mid-drive motor mount, battery cradle and wiring harness.",
        tags: ["bike", "cargo", "e-assist", "solar"],
        files: eFiles,
      }),
      makers,
      terms(12, 500),
      [frameId],
    )
  ).wait();
  const derivativeId = await designs.designCount();

  // Cyrus, a contributor of the lab, builds 3 frames under a free licence; the Funder's company builds 5 e-assist
  // bikes and pays 60 dEUR: 6 held for the lab (the frame's 10 %), 54 paid into Solar Makers.
  await gap();
  await (await designs.connect(cyrus).takeLicence(frameId)).wait();
  await (await designs.connect(cyrus).reportProduction(await designs.licenceCount(), 3)).wait();
  await (await designs.connect(funder).takeLicence(derivativeId)).wait();
  const licence = await designs.licenceCount();
  await (await token.mint(funder.address, dEUR(1_000))).wait();
  await (await token.connect(funder).approve(addresses.designs, dEUR(60))).wait();
  await (await designs.connect(funder).reportProduction(licence, 5)).wait();
  return { designs: addresses.designs, makersProjectId: makers, frameId, derivativeId, accredited: jon.address };
}
