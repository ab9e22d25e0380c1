// The contribution module's demo data for the local stack: an open hardware project, five members, signed and
// evaluated contributions, and income paid in ETH and in a demo stablecoin. Every step goes through the public API.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import {
  contributionTypesMutable,
  CONTRIBUTION_DOMAIN_NAME,
  CONTRIBUTION_DOMAIN_VERSION,
} from "../../sdk/src/eip712.ts";
import { LOCAL_ACCOUNT_NAMES } from "../../sdk/src/local.ts";
import { noGap, type Gap } from "./spread.ts";

export interface ContributionDemoSummary {
  projectId: bigint;
  members: { name: string; address: string }[];
  contributions: number;
}

export async function seedContributionDemo(
  ethers: HardhatEthers,
  ledgerAddress: string,
  tokenAddress: string,
  gap: Gap = noGap,
): Promise<ContributionDemoSummary> {
  const [ada, bea, cyrus, dara, funder] = await ethers.getSigners();
  const ledger = await ethers.getContractAt("ContributionLedger", ledgerAddress);
  const token = await ethers.getContractAt("MockERC20", tokenAddress);
  const { chainId } = await ethers.provider.getNetwork();

  await (
    await ledger
      .connect(ada)
      .createProject(
        "Open Hardware Lab",
        "ipfs://bafkreib6demo/open-hardware-lab.json",
        { quorum: 2, evaluationWindow: 7 * 24 * 3600, minScore: 5 },
        ["Design (hours)", "Fabrication (hours)", "Documentation (pages)"],
        [10, 8, 5],
      )
  ).wait();
  const projectId = await ledger.projectCount();
  for (const m of [bea, cyrus, dara]) await (await ledger.connect(ada).grantRole(projectId, m.address, 1)).wait();
  await (await ledger.connect(ada).addIncomeToken(projectId, tokenAddress)).wait();

  // Contributions signed off-chain by the member and relayed by the coordinator.
  await gap();
  const work: [typeof ada, number, number, string][] = [
    [bea, 0, 12, "CNC spindle mount, rev B"],
    [cyrus, 1, 20, "Printed 40 enclosure parts"],
    [dara, 2, 6, "Assembly guide"],
    [ada, 0, 8, "Project kickoff design review"],
  ];
  const domain = {
    name: CONTRIBUTION_DOMAIN_NAME,
    version: CONTRIBUTION_DOMAIN_VERSION,
    chainId,
    verifyingContract: ledgerAddress,
  };
  const ids: bigint[] = [];
  for (const [who, kindId, quantity, text] of work) {
    const input = {
      projectId,
      kindId,
      quantity: BigInt(quantity),
      evidenceHash: ethers.keccak256(ethers.toUtf8Bytes(text)),
      evidenceURI: `data:text/plain,${encodeURIComponent(text)}`,
    };
    const nonce = await ledger.nonces(projectId, who.address);
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
    const signature = await who.signTypedData(domain, contributionTypesMutable, {
      ...input,
      contributor: who.address,
      nonce,
      deadline,
    });
    await (await ledger.connect(ada).submitSigned(input, who.address, nonce, deadline, signature)).wait();
    ids.push(await ledger.contributionCount());
  }
  // Peer evaluation: two evaluators each (quorum 2); the first three are accepted, the last stays pending.
  await gap();
  const evals: [bigint, typeof ada, number][] = [
    [ids[0], cyrus, 8],
    [ids[0], dara, 7],
    [ids[1], bea, 6],
    [ids[1], ada, 7],
    [ids[2], bea, 9],
    [ids[2], cyrus, 8],
    [ids[3], dara, 7],
  ];
  for (const [id, who, score] of evals) await (await ledger.connect(who).evaluate(id, score, ethers.ZeroHash)).wait();

  // Income: a client pays 1.5 ETH and 2,400 dEUR.
  await gap();
  await (await ledger.connect(funder).depositIncome(projectId, { value: ethers.parseEther("1.5") })).wait();
  await (await token.mint(funder.address, 10_000_000_000n)).wait();
  await (await token.connect(funder).approve(ledgerAddress, 2_400_000_000n)).wait();
  await (await ledger.connect(funder).depositIncomeToken(projectId, tokenAddress, 2_400_000_000n)).wait();

  const signers = [ada, bea, cyrus, dara, funder];
  return {
    projectId,
    members: signers.map((s, i) => ({ name: LOCAL_ACCOUNT_NAMES[i], address: s.address })),
    contributions: ids.length,
  };
}
