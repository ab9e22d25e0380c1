// Gas of the contribution ledger's operations (see scripts/bench.ts for how it is run).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { contributionDomain, contributionTypesMutable } from "../../sdk/src/eip712.ts";

/** Targets from the issue; an operation over its target fails the bench (exit code 1). */
export const CONTRIBUTION_TARGETS: Record<string, number> = {
  "contribution.submitSigned": 110_000,
  "contribution.evaluate": 70_000,
  "contribution.claim@10": 60_000,
  "contribution.claim@1000": 60_000,
};

type Receipt = { wait(): Promise<{ gasUsed: bigint } | null> };
async function gasOf(txPromise: Promise<Receipt>): Promise<number> {
  const receipt = await (await txPromise).wait();
  return Number(receipt!.gasUsed);
}

export async function benchContribution(ethers: HardhatEthers): Promise<Record<string, number>> {
  const ETH = ethers.ZeroAddress;
  const results: Record<string, number> = {};
  const signers = await ethers.getSigners();
  const [coordinator, alice, bob, carol, funder] = signers;

  /** A fresh ledger with project 1 (one kind "Code", weight 10) that accepts ETH and a dEUR token as income. */
  async function deployProject(quorum: number, minScore: number) {
    const ledger = await ethers.deployContract("ContributionLedger");
    const token = await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6]);
    const policy = { quorum, evaluationWindow: 7 * 86400, minScore };
    await (await ledger.createProject("Bench", "ipfs://bench", policy, ["Code"], [10])).wait();
    await (await ledger.addIncomeToken(1, await token.getAddress())).wait();
    return { ledger, token };
  }

  /** A project with `members` point holders (quorum 1 so each member needs one evaluation) and ETH + dEUR income. */
  async function setup(members: number) {
    const { ledger, token } = await deployProject(1, 1);
    const wallets = [];
    for (let i = 0; i < members; i++) {
      const w = ethers.Wallet.createRandom().connect(ethers.provider);
      wallets.push(w);
      await (await coordinator.sendTransaction({ to: w.address, value: ethers.parseEther("0.05") })).wait();
      await (await ledger.grantRole(1, w.address, 1)).wait();
      await (
        await ledger
          .connect(w)
          .submit({ projectId: 1, kindId: 0, quantity: 1 + (i % 7), evidenceHash: ethers.ZeroHash, evidenceURI: "" })
      ).wait();
      await (await ledger.evaluate(await ledger.contributionCount(), 7, ethers.ZeroHash)).wait();
    }
    await (await ledger.connect(funder).depositIncome(1, { value: ethers.parseEther("10") })).wait();
    return { ledger, token, wallets };
  }

  // --- submission, evaluation, settlement (project with quorum 2, ETH + one ERC-20 accepted) -----------------
  {
    const { ledger, token } = await deployProject(2, 5);
    for (const m of [alice, bob, carol]) await (await ledger.grantRole(1, m.address, 1)).wait();
    const { chainId } = await ethers.provider.getNetwork();
    const domain = contributionDomain(chainId, (await ledger.getAddress()) as `0x${string}`);
    const input = {
      projectId: 1n,
      kindId: 0,
      quantity: 8n,
      evidenceHash: ethers.keccak256(ethers.toUtf8Bytes("evidence")),
      evidenceURI: "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
    };
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 86400 * 365);
    const sign = async (nonce: bigint) =>
      alice.signTypedData(domain, contributionTypesMutable, { ...input, contributor: alice.address, nonce, deadline });
    // Warm-up: the contract's very first contribution also initialises the global contribution counter (+17k once).
    await (await ledger.connect(carol).submit(input)).wait();
    results["contribution.submitSigned"] = await gasOf(
      ledger.connect(bob).submitSigned(input, alice.address, 0, deadline, await sign(0n)),
    );
    results["contribution.submitSigned.next"] = await gasOf(
      ledger.connect(bob).submitSigned(input, alice.address, 1, deadline, await sign(1n)),
    );
    results["contribution.submit"] = await gasOf(ledger.connect(alice).submit(input));
    // contribution 2 is alice's first signed one; 3 her second
    results["contribution.evaluate"] = await gasOf(ledger.connect(bob).evaluate(2, 8, ethers.ZeroHash));
    results["contribution.settle"] = await gasOf(ledger.connect(carol).evaluate(2, 7, ethers.ZeroHash));
    await (await ledger.connect(bob).evaluate(3, 8, ethers.ZeroHash)).wait();
    results["contribution.settle.rejected"] = await gasOf(ledger.connect(carol).evaluate(3, 1, ethers.ZeroHash));
    await (await ledger.connect(funder).depositIncome(1, { value: 1000n })).wait();
    results["contribution.depositIncome"] = await gasOf(
      ledger.connect(funder).depositIncome(1, { value: ethers.parseEther("1") }),
    );
    await (await token.mint(funder.address, 10n ** 12n)).wait();
    await (await token.connect(funder).approve(await ledger.getAddress(), 10n ** 12n)).wait();
    await (await ledger.connect(funder).depositIncomeToken(1, await token.getAddress(), 1000n)).wait();
    results["contribution.depositIncomeToken"] = await gasOf(
      ledger.connect(funder).depositIncomeToken(1, await token.getAddress(), 10n ** 9n),
    );
    results["contribution.claimToken"] = await gasOf(ledger.connect(alice).claim(1, await token.getAddress()));
  }

  // --- claims at 10 and 1,000 members: a member's first ETH claim -------------------------------------------
  for (const n of [10, 1000]) {
    process.stdout.write(`bench: setting up ${n} members…\n`);
    const { ledger, wallets } = await setup(n);
    results[`contribution.claim@${n}`] = await gasOf(ledger.connect(wallets[n - 1]).claim(1, ETH));
    results[`contribution.depositIncome@${n}`] = await gasOf(
      ledger.connect(funder).depositIncome(1, { value: ethers.parseEther("1") }),
    );
  }
  return results;
}
