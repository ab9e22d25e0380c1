// Finding 8 of the hardening issue, end to end: even a passed decision cannot hand the resource registry to a
// member's key, and a handover to a new timelock completes only when that timelock accepts it (TC-4).
import { expect } from "chai";
import { decide } from "../../scripts/lib/council.ts";
import { DAY, deployThree, ethers, networkHelpers } from "./fixtures.ts";

describe("ThresholdsCouncil · handing the registry to a new council (TC-4)", () => {
  it("finding 8: a passed proposal to give the registry to a member's own address cannot be executed", async () => {
    const { governor, registry, timelock, onRegistry, ada, bea } = await networkHelpers.loadFixture(deployThree);
    const id = await decide(
      ethers,
      governor,
      ada,
      [ada, bea],
      [onRegistry("proposeCouncil", [ada.address])],
      "Give ada the registry",
      "queued",
    );
    await networkHelpers.time.increase(2 * DAY + 1);
    await expect(governor["execute(uint256)"](id))
      .to.be.revertedWithCustomError(registry, "CouncilNotTimelock")
      .withArgs(ada.address);
    expect(await registry.council()).to.equal(await timelock.getAddress());
  });

  it("finding 8: the council offers the registry to a new timelock, which takes it only by accepting", async () => {
    const { governor, registry, timelock, onRegistry, ada, bea, deployer } =
      await networkHelpers.loadFixture(deployThree);
    // A successor timelock run by the deployer (e.g. a new council's), delay one day.
    const next = await ethers.deployContract("CouncilTimelock", [
      DAY,
      [deployer.address],
      [deployer.address],
      ethers.ZeroAddress,
    ]);
    const nextAddress = await next.getAddress();
    await decide(ethers, governor, ada, [ada, bea], [onRegistry("proposeCouncil", [nextAddress])], "offer");
    expect(await registry.pendingCouncil()).to.equal(nextAddress);
    expect(await registry.council()).to.equal(await timelock.getAddress());
    const accept = registry.interface.encodeFunctionData("acceptCouncil");
    const target = await registry.getAddress();
    await next.schedule(target, 0, accept, ethers.ZeroHash, ethers.ZeroHash, DAY);
    await networkHelpers.time.increase(DAY);
    await expect(next.execute(target, 0, accept, ethers.ZeroHash, ethers.ZeroHash))
      .to.emit(registry, "CouncilChanged")
      .withArgs(await timelock.getAddress(), nextAddress);
    expect(await registry.council()).to.equal(nextAddress);
    expect(await registry.pendingCouncil()).to.equal(ethers.ZeroAddress);
  });
});
