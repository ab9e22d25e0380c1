// The registry's council role moves in two steps, only to a TimelockController that accepts it (TC-4, finding 8).
import { expect } from "chai";
import { deployRegistry, ethers, networkHelpers } from "./fixtures.ts";

/** A TimelockController (no roles) and a signer that sends from its address. */
async function timelock() {
  const contract = await ethers.deployContract("CouncilTimelock", [2 * 86_400, [], [], ethers.ZeroAddress]);
  const address = await contract.getAddress();
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, 10n ** 18n);
  return { address, signer: await ethers.getSigner(address) };
}

describe("ResourceRegistry · council handover (TC-4)", () => {
  it("finding 8: the council role cannot be offered to an account that is not a timelock", async () => {
    const { registry, council, eli } = await networkHelpers.loadFixture(deployRegistry);
    // An account (e.g. the key of one council member), the registry itself, a token: none answers getMinDelay().
    const token = await ethers.deployContract("MockERC20", ["Token", "TOK", 18]);
    for (const account of [eli.address, council.address, await registry.getAddress(), await token.getAddress()]) {
      await expect(registry.proposeCouncil(account))
        .to.be.revertedWithCustomError(registry, "CouncilNotTimelock")
        .withArgs(account);
    }
    await expect(registry.proposeCouncil(ethers.ZeroAddress)).to.be.revertedWithCustomError(registry, "InvalidCouncil");
    expect(await registry.council()).to.equal(council.address);
    expect(await registry.pendingCouncil()).to.equal(ethers.ZeroAddress);
  });

  it("finding 8: handing the council role over takes two steps: the new timelock must accept it", async () => {
    const { registry, council, outsider } = await networkHelpers.loadFixture(deployRegistry);
    const next = await timelock();
    await expect(registry.proposeCouncil(next.address))
      .to.emit(registry, "CouncilHandoverProposed")
      .withArgs(council.address, next.address);
    // Nothing changes until the new council accepts: the old one keeps the role.
    expect(await registry.council()).to.equal(council.address);
    expect(await registry.pendingCouncil()).to.equal(next.address);
    for (const who of [outsider, council]) {
      await expect(registry.connect(who).acceptCouncil())
        .to.be.revertedWithCustomError(registry, "CallerNotPendingCouncil")
        .withArgs(who.address, next.address);
    }
    await expect(registry.connect(next.signer).acceptCouncil())
      .to.emit(registry, "CouncilChanged")
      .withArgs(council.address, next.address);
    expect(await registry.council()).to.equal(next.address);
    expect(await registry.pendingCouncil()).to.equal(ethers.ZeroAddress);
    // The old council has lost the role; the new one cannot accept twice.
    await expect(registry.connect(council).proposeCouncil(next.address))
      .to.be.revertedWithCustomError(registry, "CallerNotCouncil")
      .withArgs(council.address, next.address);
    await expect(registry.connect(next.signer).acceptCouncil())
      .to.be.revertedWithCustomError(registry, "CallerNotPendingCouncil")
      .withArgs(next.address, ethers.ZeroAddress);
  });

  it("the council replaces or withdraws a pending handover; nobody else can", async () => {
    const { registry, council, outsider } = await networkHelpers.loadFixture(deployRegistry);
    const first = await timelock();
    const second = await timelock();
    await expect(registry.cancelCouncilHandover()).to.be.revertedWithCustomError(registry, "NoCouncilHandover");
    await registry.proposeCouncil(first.address);
    await expect(registry.proposeCouncil(second.address))
      .to.emit(registry, "CouncilHandoverProposed")
      .withArgs(council.address, second.address);
    await expect(registry.connect(first.signer).acceptCouncil())
      .to.be.revertedWithCustomError(registry, "CallerNotPendingCouncil")
      .withArgs(first.address, second.address);
    await expect(registry.connect(outsider).cancelCouncilHandover())
      .to.be.revertedWithCustomError(registry, "CallerNotCouncil")
      .withArgs(outsider.address, council.address);
    await expect(registry.cancelCouncilHandover())
      .to.emit(registry, "CouncilHandoverCancelled")
      .withArgs(council.address, second.address);
    expect(await registry.pendingCouncil()).to.equal(ethers.ZeroAddress);
    await expect(registry.connect(second.signer).acceptCouncil())
      .to.be.revertedWithCustomError(registry, "CallerNotPendingCouncil")
      .withArgs(second.address, ethers.ZeroAddress);
    expect(await registry.council()).to.equal(council.address);
  });
});
