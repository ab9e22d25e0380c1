// Demo data of the members' gas sponsorship: the co-op funds its paymaster's deposit at the EntryPoint, and two personas
// hold 0 ETH. Lena joins the lab (her contribution is signed by her and relayed by Ada, then accepted) and the credit
// network (with a line from Ada), and has dEUR income to claim; Noor is no member. Everything Lena does from here goes through
// the bundler, paid by the paymaster (docs/sponsorship.md).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import {
  CONTRIBUTION_DOMAIN_NAME,
  CONTRIBUTION_DOMAIN_VERSION,
  contributionTypesMutable,
} from "../../sdk/src/eip712.ts";
import { LOCAL_PERSONAS } from "../../sdk/src/local.ts";
import { decide } from "./council.ts";
import { noGap, type Gap } from "./spread.ts";

export interface SponsorshipDemoSummary {
  paymaster: string;
  /** The paymaster's deposit at the EntryPoint after the demo (wei). */
  deposit: bigint;
  /** The personas holding 0 ETH, by name. */
  noEth: { name: string; address: string }[];
}

/** What the co-op deposits for its members' gas on the local chain. */
export const DEMO_PAYMASTER_DEPOSIT = 5n * 10n ** 18n;
/** The paymaster's stake at the EntryPoint and its unstake delay (what public bundlers ask of a paymaster). */
export const DEMO_PAYMASTER_STAKE = 10n ** 18n;
export const DEMO_UNSTAKE_DELAY = 86_400;

/**
 * The council stakes the co-op's paymaster (its owner is the council's timelock): the treasury, the timelock, receives
 * the stake from Ada, then one council decision calls `addStake`. Runs while the chain is still in the past (the
 * decision moves the clock over the council's delays).
 */
export async function seedSponsorshipGovernance(
  ethers: HardhatEthers,
  addresses: { paymaster: string; governor: string; timelock: string },
): Promise<void> {
  const [ada, bea, cyrus] = await ethers.getSigners();
  const paymaster = await ethers.getContractAt("MembersPaymaster", addresses.paymaster);
  const governor = await ethers.getContractAt("ThresholdsCouncil", addresses.governor);
  await (await ada.sendTransaction({ to: addresses.timelock, value: DEMO_PAYMASTER_STAKE })).wait();
  await decide(
    ethers,
    governor,
    ada,
    [ada, bea, cyrus],
    [
      {
        target: addresses.paymaster,
        data: paymaster.interface.encodeFunctionData("addStake", [DEMO_UNSTAKE_DELAY]),
        value: DEMO_PAYMASTER_STAKE,
      },
    ],
    "Members' gas: stake the co-op's paymaster with 1 ETH (unstake delay 1 day), as public bundlers require",
  );
}

export async function seedSponsorshipDemo(
  ethers: HardhatEthers,
  addresses: { paymaster: string; ledger: string; credit: string; token: string; projectId: bigint },
  gap: Gap = noGap,
): Promise<SponsorshipDemoSummary> {
  const signers = await ethers.getSigners();
  const [ada, bea, cyrus, , funder] = signers;
  const index = (name: string) => LOCAL_PERSONAS.findIndex((p) => p.name === name);
  const lena = signers[index("Lena")];
  const noor = signers[index("Noor")];
  const paymaster = await ethers.getContractAt("MembersPaymaster", addresses.paymaster);
  const ledger = await ethers.getContractAt("ContributionLedger", addresses.ledger);
  const credit = await ethers.getContractAt("CreditNetwork", addresses.credit);
  const { projectId } = addresses;

  // The co-op tops up its paymaster's deposit (anyone may; only the council's timelock withdraws).
  await (await paymaster.connect(ada).deposit({ value: DEMO_PAYMASTER_DEPOSIT })).wait();

  // Lena joins the lab; her first contribution is signed by her and relayed by the coordinator, then accepted.
  await gap();
  await (await ledger.connect(ada).grantRole(projectId, lena.address, 1)).wait();
  const text = "Laser-cut enclosure panels";
  const input = {
    projectId,
    kindId: 1,
    quantity: 4n,
    evidenceHash: ethers.keccak256(ethers.toUtf8Bytes(text)),
    evidenceURI: `data:text/plain,${encodeURIComponent(text)}`,
  };
  const { chainId } = await ethers.provider.getNetwork();
  const domain = {
    name: CONTRIBUTION_DOMAIN_NAME,
    version: CONTRIBUTION_DOMAIN_VERSION,
    chainId,
    verifyingContract: addresses.ledger,
  };
  const nonce = await ledger.nonces(projectId, lena.address);
  const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
  const signature = await lena.signTypedData(domain, contributionTypesMutable, {
    ...input,
    contributor: lena.address,
    nonce,
    deadline,
  });
  await (await ledger.connect(ada).submitSigned(input, lena.address, nonce, deadline, signature)).wait();
  const id = await ledger.contributionCount();
  for (const [who, score] of [
    [bea, 8],
    [cyrus, 7],
  ] as const)
    await (await ledger.connect(who).evaluate(id, score, ethers.ZeroHash)).wait();
  // A client pays 400 dEUR after Lena's points: she has a share of it to claim (in dEUR, so that claiming it leaves her
  // ETH balance at 0).
  const token = await ethers.getContractAt("MockERC20", addresses.token);
  await (await token.connect(funder).approve(addresses.ledger, 400_000_000n)).wait();
  await (await ledger.connect(funder).depositIncomeToken(projectId, addresses.token, 400_000_000n)).wait();

  // Lena joins the credit network; Ada's makerspace gives her a line, which she accepted while she still held ETH.
  await gap();
  await (await credit.connect(ada).admitMember(lena.address)).wait();
  const limit = 300n * 10n ** BigInt(await credit.decimals());
  await (await credit.connect(ada).offerCreditLine(lena.address, limit)).wait();
  await (await credit.connect(lena).acceptCreditLine(ada.address, limit)).wait();

  // From here on, Lena and Noor hold nothing to pay gas with.
  for (const who of [lena, noor]) await ethers.provider.send("hardhat_setBalance", [who.address, "0x0"]);
  return {
    paymaster: addresses.paymaster,
    deposit: await paymaster.getDeposit(),
    noEth: [
      { name: "Lena", address: lena.address },
      { name: "Noor", address: noor.address },
    ],
  };
}
