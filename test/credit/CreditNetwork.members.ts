import { expect } from "chai";
import { TypedDataEncoder } from "ethers";
import { obligationTypesMutable } from "../../sdk/src/eip712.ts";
import {
  DECIMALS,
  deployNetwork,
  deployWithMembers,
  ethers,
  MAX_HOPS,
  MAX_LIMIT,
  MAX_OBLIGATION,
  MemberStatus,
  networkHelpers,
  STEWARD_ROLE,
  u,
} from "./fixtures.ts";

describe("CreditNetwork · stewards and members", () => {
  it("is deployed with its currency, constants and roles", async () => {
    const { network, admin, steward, outsider } = await networkHelpers.loadFixture(deployNetwork);
    expect(await network.name()).to.equal("Test Commons Credit");
    expect(await network.symbol()).to.equal("TCC");
    expect(await network.decimals()).to.equal(DECIMALS);
    expect(await network.MAX_LIMIT()).to.equal(MAX_LIMIT);
    expect(await network.MAX_OBLIGATION()).to.equal(MAX_OBLIGATION);
    expect(await network.MAX_HOPS()).to.equal(MAX_HOPS);
    expect(await network.STEWARD_ROLE()).to.equal(STEWARD_ROLE);
    expect(await network.OBLIGATION_TYPEHASH()).to.equal(
      ethers.id(TypedDataEncoder.from(obligationTypesMutable).encodeType("ObligationTerms")),
    );
    expect(await network.hasRole(await network.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
    expect(await network.hasRole(STEWARD_ROLE, steward.address)).to.equal(true);
    expect(await network.hasRole(STEWARD_ROLE, admin.address)).to.equal(false);
    expect(await network.hasRole(STEWARD_ROLE, outsider.address)).to.equal(false);
    expect(await network.obligationCount()).to.equal(0n);
    expect(await network.epochCount()).to.equal(0n);
    expect(await network.outstanding()).to.equal(0n);
    expect(await network.netInternalDebt()).to.equal(0n);
    expect(await network.member(outsider.address)).to.deep.equal([MemberStatus.None, false, false]);
  });

  it("can be deployed with several stewards or none", async () => {
    const [admin, s1, s2] = await ethers.getSigners();
    const two = await ethers.deployContract("CreditNetwork", ["A", "A", 18, admin.address, [s1.address, s2.address]]);
    expect(await two.hasRole(STEWARD_ROLE, s1.address)).to.equal(true);
    expect(await two.hasRole(STEWARD_ROLE, s2.address)).to.equal(true);
    const none = await ethers.deployContract("CreditNetwork", ["B", "B", 0, admin.address, []]);
    expect(await none.decimals()).to.equal(0n);
    await expect(none.connect(admin).admitMember(s1.address))
      .to.be.revertedWithCustomError(none, "AccessControlUnauthorizedAccount")
      .withArgs(admin.address, STEWARD_ROLE);
  });

  it("a steward admits members, once", async () => {
    const { network, steward, alice } = await networkHelpers.loadFixture(deployNetwork);
    await expect(network.connect(steward).admitMember(alice.address))
      .to.emit(network, "MemberAdmitted")
      .withArgs(alice.address, steward.address);
    expect(await network.member(alice.address)).to.deep.equal([MemberStatus.Active, false, false]);
    await expect(network.connect(steward).admitMember(alice.address))
      .to.be.revertedWithCustomError(network, "AlreadyMember")
      .withArgs(alice.address);
  });

  it("only stewards admit, suspend and reinstate (not even the admin)", async () => {
    const { network, admin, alice, bob, outsider } = await networkHelpers.loadFixture(deployWithMembers);
    for (const caller of [outsider, alice, admin]) {
      await expect(network.connect(caller).admitMember(outsider.address))
        .to.be.revertedWithCustomError(network, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, STEWARD_ROLE);
      await expect(network.connect(caller).suspendMember(bob.address))
        .to.be.revertedWithCustomError(network, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, STEWARD_ROLE);
      await expect(network.connect(caller).reinstateMember(bob.address))
        .to.be.revertedWithCustomError(network, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, STEWARD_ROLE);
    }
  });

  it("the admin grants and revokes the steward role", async () => {
    const { network, admin, steward, alice, outsider } = await networkHelpers.loadFixture(deployWithMembers);
    await expect(network.connect(steward).grantRole(STEWARD_ROLE, alice.address))
      .to.be.revertedWithCustomError(network, "AccessControlUnauthorizedAccount")
      .withArgs(steward.address, await network.DEFAULT_ADMIN_ROLE());
    await network.connect(admin).grantRole(STEWARD_ROLE, alice.address);
    await expect(network.connect(alice).admitMember(outsider.address))
      .to.emit(network, "MemberAdmitted")
      .withArgs(outsider.address, alice.address);
    await network.connect(admin).revokeRole(STEWARD_ROLE, alice.address);
    await expect(network.connect(alice).suspendMember(outsider.address))
      .to.be.revertedWithCustomError(network, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, STEWARD_ROLE);
  });

  it("a steward suspends an active member and reinstates a suspended one", async () => {
    const { network, steward, alice, outsider } = await networkHelpers.loadFixture(deployWithMembers);
    await expect(network.connect(steward).suspendMember(alice.address))
      .to.emit(network, "MemberSuspended")
      .withArgs(alice.address, steward.address);
    expect((await network.member(alice.address)).status).to.equal(MemberStatus.Suspended);
    // consents survive suspension
    expect(await network.member(alice.address)).to.deep.equal([MemberStatus.Suspended, true, false]);
    await expect(network.connect(steward).suspendMember(alice.address))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    await expect(network.connect(steward).admitMember(alice.address))
      .to.be.revertedWithCustomError(network, "AlreadyMember")
      .withArgs(alice.address);

    await expect(network.connect(steward).reinstateMember(alice.address))
      .to.emit(network, "MemberReinstated")
      .withArgs(alice.address, steward.address);
    expect(await network.member(alice.address)).to.deep.equal([MemberStatus.Active, true, false]);
    await expect(network.connect(steward).reinstateMember(alice.address))
      .to.be.revertedWithCustomError(network, "MemberNotSuspended")
      .withArgs(alice.address);

    await expect(network.connect(steward).suspendMember(outsider.address))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(steward).reinstateMember(outsider.address))
      .to.be.revertedWithCustomError(network, "MemberNotSuspended")
      .withArgs(outsider.address);
  });

  it("members set their clearing and liquidity consents; non-members cannot", async () => {
    const { network, steward, erin, outsider } = await networkHelpers.loadFixture(deployWithMembers);
    expect(await network.member(erin.address)).to.deep.equal([MemberStatus.Active, false, false]);
    await expect(network.connect(erin).setClearingConsent(true, true))
      .to.emit(network, "ClearingConsentSet")
      .withArgs(erin.address, true, true);
    expect(await network.member(erin.address)).to.deep.equal([MemberStatus.Active, true, true]);
    await expect(network.connect(erin).setClearingConsent(false, true))
      .to.emit(network, "ClearingConsentSet")
      .withArgs(erin.address, false, true);
    expect(await network.member(erin.address)).to.deep.equal([MemberStatus.Active, false, true]);
    // a suspended member may still change its consents (withdrawing them only narrows what others can do)
    await network.connect(steward).suspendMember(erin.address);
    await expect(network.connect(erin).setClearingConsent(false, false))
      .to.emit(network, "ClearingConsentSet")
      .withArgs(erin.address, false, false);
    await expect(network.connect(outsider).setClearingConsent(true, true))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
  });

  it("a suspended member can neither extend nor take new credit, nor enter obligations", async () => {
    const { network, steward, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
    await network.connect(bob).offerCreditLine(alice.address, u(100));
    await network.connect(steward).suspendMember(alice.address);
    await expect(network.connect(alice).offerCreditLine(bob.address, u(10)))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    await expect(network.connect(bob).offerCreditLine(alice.address, u(200)))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    await expect(network.connect(alice).acceptCreditLine(bob.address, u(100)))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    await expect(network.connect(bob).recordObligation(alice.address, bob.address, u(5), 0, ethers.ZeroHash))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    // reinstated, everything works again
    await network.connect(steward).reinstateMember(alice.address);
    await expect(network.connect(alice).acceptCreditLine(bob.address, u(100)))
      .to.emit(network, "CreditLineUpdated")
      .withArgs(bob.address, alice.address, u(100));
  });
});
