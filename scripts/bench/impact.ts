// Gas of verified decarbonisation claims: submission to minted units, the market and retirement (see scripts/bench.ts).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import { attestationTypesMutable, impactDomain } from "../../sdk/src/eip712.ts";

export const IMPACT_TARGETS: Record<string, number> = {
  "impact.submitToMinted.k2": 250_000,
  "impact.buy": 90_000,
  "impact.retire": 150_000,
};

type Receipt = { wait(): Promise<{ gasUsed: bigint } | null> };
async function gasOf(tx: Promise<Receipt>): Promise<number> {
  return Number((await (await tx).wait())!.gasUsed);
}

const DAY = 86_400;
const TONNE = 1000n; // units are kg CO2e

/** The registry's MIN_ADMIN_DELAY: its admin timelock waits at least this long. */
const ADMIN_DELAY = 3_600;

/** Runs `data` on `target` through a TimelockController whose only proposer and executor is `admin`. */
async function viaTimelock(ethers: HardhatEthers, timelock: BaseContract, target: string, data: string): Promise<void> {
  const t = timelock as BaseContract & {
    schedule(...a: unknown[]): Promise<ContractTransactionResponse>;
    execute(...a: unknown[]): Promise<ContractTransactionResponse>;
  };
  const zero = "0x" + "00".repeat(32);
  await (await t.schedule(target, 0, data, zero, zero, ADMIN_DELAY)).wait();
  await ethers.provider.send("evm_increaseTime", [ADMIN_DELAY]);
  await (await t.execute(target, 0, data, zero, zero)).wait();
}

export async function benchImpact(ethers: HardhatEthers): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const [admin, claimant, v1, v2, funder, funder2, city, holder] = await ethers.getSigners();
  const timelock = await ethers.deployContract("CouncilTimelock", [
    ADMIN_DELAY,
    [admin.address],
    [admin.address],
    admin.address,
  ]);
  const registry = await ethers.deployContract("ImpactRegistry", [await timelock.getAddress(), ""]);
  const market = await ethers.deployContract("ImpactMarket", [await registry.getAddress()]);
  const token = await ethers.deployContract("MockERC20", ["Euro stable", "EURS", 6]);
  const registryAddress = await registry.getAddress();
  const role = await registry.VERIFIER_ROLE();
  for (const v of [v1, v2]) {
    await viaTimelock(
      ethers,
      timelock,
      registryAddress,
      registry.interface.encodeFunctionData("grantRole", [role, v.address]),
    );
  }
  await viaTimelock(
    ethers,
    timelock,
    registryAddress,
    registry.interface.encodeFunctionData("setMethodology", [1, 2, true, "Heat-pump retrofit v1"]),
  );
  const today = Math.floor(Number((await ethers.provider.getBlock("latest"))!.timestamp) / DAY);
  let evidence = 0;
  const input = (tonnes: bigint) => ({
    units: tonnes * TONNE,
    methodologyId: 1,
    startDay: today - 365,
    endDay: today - 1,
    jurisdiction: ethers.encodeBytes32String("BE-VOV").slice(0, 18),
    evidenceHash: ethers.id(`evidence ${++evidence}`),
    evidenceURI: `ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/${evidence}.pdf`,
    externalSerial: "",
  });
  const c = registry.connect(claimant);

  // Submission to minted units, k = 2, on a registry that has claims already (the first claim ever also pays the
  // claim counter's first write, +17,100). The claimant is an EOA: the mint's acceptance check is a code-size read.
  await (await registry.connect(holder).submitClaim(input(1n))).wait();
  results["impact.submitClaim"] = await gasOf(c.submitClaim(input(120n)));
  const id = await registry.claimCount();
  results["impact.attest"] = await gasOf(registry.connect(v1).attest(id, 118n * TONNE, ethers.id("report A")));
  results["impact.verifyAndMint"] = await gasOf(registry.connect(v2).attest(id, 115n * TONNE, ethers.id("report B")));
  results["impact.submitToMinted.k2"] =
    results["impact.submitClaim"] + results["impact.attest"] + results["impact.verifyAndMint"];

  // The same path with the k-th approval signed off-chain and sent by someone else.
  await (await c.submitClaim(input(50n))).wait();
  const id2 = await registry.claimCount();
  await (await registry.connect(v1).attest(id2, 50n * TONNE, ethers.id("report C"))).wait();
  const att = {
    verifier: v2.address,
    claimId: id2,
    verifiedUnits: 49n * TONNE,
    reportHash: ethers.id("report D"),
    nonce: 7n,
    deadline: BigInt(today + 30) * BigInt(DAY),
  };
  const { chainId } = await ethers.provider.getNetwork();
  const signature = await v2.signTypedData(
    impactDomain(chainId, registryAddress as `0x${string}`),
    attestationTypesMutable,
    att,
  );
  results["impact.verifyAndMint.bySig"] = await gasOf(registry.connect(funder).attestBySig(att, signature));

  // Market: list, buy (a funder's first units of the claim), ERC-20 buy, matched buy, withdraw.
  await (await c.setApprovalForAll(await market.getAddress(), true)).wait();
  const price = ethers.parseEther("0.00002"); // per kg = 20 milli-ETH per tonne
  results["impact.list"] = await gasOf(market.connect(claimant).list(id, ethers.ZeroAddress, price, 115n * TONNE));
  // What a buyer names: the listing's currency and version it read, and the most it pays in total.
  const terms = async (claimId: bigint, units: bigint, pricePerUnit: bigint) => {
    const l = await market.getListing(claimId);
    return { currency: l.currency, listingVersion: l.version, maxCost: units * pricePerUnit };
  };
  await (
    await market.connect(funder2).buy(id, 1n * TONNE, await terms(id, TONNE, price), { value: price * TONNE })
  ).wait();
  results["impact.buy"] = await gasOf(
    market.connect(funder).buy(id, 10n * TONNE, await terms(id, 10n * TONNE, price), { value: price * 10n * TONNE }),
  );

  const endTime = BigInt(today + 60) * BigInt(DAY);
  results["impact.createRound"] = await gasOf(
    market.connect(city).createRound(
      {
        currency: ethers.ZeroAddress,
        matchBps: 10_000,
        endTime,
        maxPricePerUnit: price,
        capPerClaim: ethers.parseEther("1"),
        capPerBuyer: ethers.parseEther("0.5"),
        methodologyMask: 1n << 1n,
        name: "City of Ghent climate fund",
        allowListOnly: false,
        acceptsRevokedClaims: false,
      },
      ethers.parseEther("2"),
      { value: ethers.parseEther("2") },
    ),
  );
  results["impact.buyMatched"] = await gasOf(
    market
      .connect(holder)
      .buyMatched(1, id, 5n * TONNE, await terms(id, 5n * TONNE, price), 5n * TONNE, { value: price * 5n * TONNE }),
  );

  const pricePerUnitEurs = 25_000n; // 25 EURS per tonne, 6 decimals, per kg
  await (await market.connect(claimant).list(id2, await token.getAddress(), pricePerUnitEurs, 49n * TONNE)).wait();
  await (await token.mint(funder.address, 10n ** 12n)).wait();
  await (await token.connect(funder).approve(await market.getAddress(), 10n ** 12n)).wait();
  results["impact.buy.erc20"] = await gasOf(
    market.connect(funder).buy(id2, 10n * TONNE, await terms(id2, 10n * TONNE, pricePerUnitEurs)),
  );
  results["impact.withdrawProceeds"] = await gasOf(market.connect(claimant).withdrawProceeds(id, claimant.address));

  // Retirement: the funder's first certificate (a new ERC-721 balance: the dearest case).
  results["impact.retire"] = await gasOf(
    registry.connect(funder).retire(id, 4n * TONNE, "Municipality of Ghent", "Heat pumps, school district 3"),
  );
  results["impact.retire.again"] = await gasOf(
    registry.connect(funder).retire(id, 1n * TONNE, "Municipality of Ghent", "Second tranche"),
  );
  return results;
}
