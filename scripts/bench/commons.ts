// Gas of the design commons (issue 18; see scripts/bench.ts for how it is run): registering a design, a commercial
// licensee's per-unit fee through a chain of 3 ancestors, and the same fee into projects of 10 and 1,000 contributors.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

export const COMMONS_TARGETS: Record<string, number> = {
  "commons.payFee.ancestors3": 120_000,
  "commons.registerDesign": 150_000,
};

type Receipt = { wait(): Promise<{ gasUsed: bigint } | null> };
async function gasOf(tx: Promise<Receipt>): Promise<number> {
  return Number((await (await tx).wait())!.gasUsed);
}

export async function benchCommons(ethers: HardhatEthers): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const [coordinator, designer, evaluator, company, council] = await ethers.getSigners();
  const ledger = await ethers.deployContract("ContributionLedger");
  const commons = await ethers.deployContract("DesignCommons", [await ledger.getAddress(), council.address]);
  const policy = { quorum: 1, evaluationWindow: 7 * 86400, minScore: 1 };
  let contributions = 0n;

  /** A project whose `contributors` (the designer first) each hold points, and its id. */
  async function project(contributors: number): Promise<bigint> {
    await (await ledger.createProject("Bench", "ipfs://bench", policy, ["Design"], [10])).wait();
    const id = await ledger.projectCount();
    await (await ledger.grantRole(id, evaluator.address, 1)).wait();
    for (let i = 0; i < contributors; i++) {
      const who = i === 0 ? designer : ethers.Wallet.createRandom().connect(ethers.provider);
      if (i > 0)
        await (await coordinator.sendTransaction({ to: who.address, value: ethers.parseEther("0.01") })).wait();
      await (await ledger.grantRole(id, who.address, 1)).wait();
      const input = { projectId: id, kindId: 0, quantity: 1 + (i % 7), evidenceHash: ethers.ZeroHash, evidenceURI: "" };
      await (await ledger.connect(who).submit(input)).wait();
      contributions++;
      await (await ledger.connect(evaluator).evaluate(contributions, 7, ethers.ZeroHash)).wait();
    }
    return id;
  }
  const terms = (derivativeShareBps: number) => ({
    currency: ethers.ZeroAddress,
    feePerUnit: ethers.parseEther("0.001"),
    feePerPeriod: 0n,
    periodLength: 0,
    licenceDuration: 365 * 86400,
    derivativeShareBps,
  });
  let designs = 0;
  const register = (projectId: bigint, parents: bigint[], share = 1_000) =>
    commons
      .connect(designer)
      .registerDesign(
        ethers.keccak256(ethers.toUtf8Bytes(`design ${++designs}`)),
        "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
        projectId,
        terms(share),
        parents,
      );

  // --- a chain of four designs in four projects: D derives from C, C from B, B from A (A asks 10 %, B and C 5 %) --
  const projects: bigint[] = [];
  for (let i = 0; i < 4; i++) projects.push(await project(2));
  // The contract's first design (A, 1) also initialises the design counter (+17k once); then an original (2).
  results["commons.registerDesign.first"] = await gasOf(register(projects[0], []));
  results["commons.registerDesign"] = await gasOf(register(projects[1], []));
  results["commons.registerDesign.derivative1"] = await gasOf(register(projects[1], [1n], 500)); // B, 3
  await (await register(projects[2], [3n], 500)).wait(); // C, 4: ancestors B and A
  results["commons.registerDesign.derivative3"] = await gasOf(register(projects[3], [4n], 0)); // D, 5: C, B and A
  await (await commons.connect(company).takeLicence(5n)).wait();
  const licenceId = await commons.licenceOf(5n, company.address);
  const fee = ethers.parseEther("0.01");
  // The first payment to each ancestor's project writes its held slot from zero (+17k each, once).
  results["commons.payFee.ancestors3.first"] = await gasOf(
    commons.connect(company).reportProduction(licenceId, 10n, { value: fee }),
  );
  results["commons.payFee.ancestors3"] = await gasOf(
    commons.connect(company).reportProduction(licenceId, 10n, { value: fee }),
  );
  results["commons.takeLicence"] = await gasOf(commons.connect(evaluator).takeLicence(5n));

  // --- the same fee for an original whose project has 10 or 1,000 contributors ------------------------------
  for (const n of [10, 1000]) {
    process.stdout.write(`bench: setting up a design of ${n} contributors…\n`);
    const id = await project(n);
    await (await register(id, [])).wait();
    const designId = await commons.designCount();
    await (await commons.connect(company).takeLicence(designId)).wait();
    const licence = await commons.licenceOf(designId, company.address);
    await (await commons.connect(company).reportProduction(licence, 10n, { value: fee })).wait();
    results[`commons.payFee@${n}`] = await gasOf(
      commons.connect(company).reportProduction(licence, 10n, { value: fee }),
    );
  }
  return results;
}
