import { expect } from "chai";
import {
  combinedPosition,
  creditPosition,
  deployWithMembers,
  MAX_HOPS,
  MAX_LIMIT,
  memo,
  networkHelpers,
  openLine,
  u,
} from "./fixtures.ts";

/** alice..dave with lines bob -> alice 100, carol -> bob 50, dave -> carol 80 (alice can pay along alice-bob-carol-dave). */
async function withChain() {
  const base = await deployWithMembers();
  const { network, alice, bob, carol, dave } = base;
  await openLine(network, bob, alice, u(100));
  await openLine(network, carol, bob, u(50));
  await openLine(network, dave, carol, u(80));
  return base;
}

describe("CreditNetwork · payments", () => {
  it("a direct payment moves the balance within the line, with exact events", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(withChain);
    const tx = network.connect(alice).pay(bob.address, u(40), memo("laser cutting"));
    await expect(tx).to.emit(network, "Paid").withArgs(alice.address, bob.address, u(40), 1, memo("laser cutting"));
    await expect(tx).to.emit(network, "BalanceUpdated").withArgs(alice.address, bob.address, -u(40));
    expect(await network.balance(alice.address, bob.address)).to.equal(-u(40));
    expect(await network.balance(bob.address, alice.address)).to.equal(u(40));
    expect(await network.balance(alice.address, alice.address)).to.equal(0n);
    expect(await network.payCapacity(alice.address, bob.address)).to.equal(u(60));
    expect(await network.payCapacity(bob.address, alice.address)).to.equal(u(40)); // its claim, no line
    expect(await network.payCapacity(alice.address, alice.address)).to.equal(0n);

    // bob pays alice back: no line needed, it only reduces alice's debt
    await expect(network.connect(bob).pay(alice.address, u(40), memo("refund")))
      .to.emit(network, "BalanceUpdated")
      .withArgs(bob.address, alice.address, 0);
    expect(await network.balance(alice.address, bob.address)).to.equal(0n);
  });

  it("a payment exactly at payCapacity passes, one unit more names the line's limit", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(withChain);
    await network.connect(alice).pay(bob.address, u(30), memo("a"));
    const cap = await network.payCapacity(alice.address, bob.address);
    expect(cap).to.equal(u(70));
    await expect(network.connect(alice).pay(bob.address, cap + 1n, memo("b")))
      .to.be.revertedWithCustomError(network, "CreditLimitExceeded")
      .withArgs(0, alice.address, bob.address, u(100), u(100) + 1n);
    await network.connect(alice).pay(bob.address, cap, memo("c"));
    expect(await network.balance(alice.address, bob.address)).to.equal(-u(100));
    expect(await network.payCapacity(alice.address, bob.address)).to.equal(0n);
  });

  it("paying without an accepted line is refused (a pending offer is not a line)", async () => {
    const { network, alice, carol, dave } = await networkHelpers.loadFixture(withChain);
    await expect(network.connect(alice).pay(carol.address, 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
      .withArgs(carol.address, alice.address);
    await network.connect(dave).offerCreditLine(alice.address, u(10));
    await expect(network.connect(alice).pay(dave.address, 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
      .withArgs(dave.address, alice.address);
  });

  it("spending a claim needs no line; overspending it needs one", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(withChain);
    await network.connect(alice).pay(bob.address, u(40), memo("a"));
    await network.connect(bob).pay(alice.address, u(40), memo("b"));
    await network.connect(alice).pay(bob.address, u(10), memo("c"));
    await expect(network.connect(bob).pay(alice.address, u(10) + 1n, memo("d")))
      .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
      .withArgs(alice.address, bob.address);
  });

  it("a path payment checks every hop; intermediaries' positions do not change", async () => {
    const { network, alice, bob, carol, dave, members } = await networkHelpers.loadFixture(withChain);
    const before = await Promise.all([bob, carol].map((m) => creditPosition(network, m, members)));
    const tx = network.connect(alice).payAlong([bob.address, carol.address, dave.address], u(30), memo("design"));
    await expect(tx).to.emit(network, "Paid").withArgs(alice.address, dave.address, u(30), 3, memo("design"));
    await expect(tx).to.emit(network, "BalanceUpdated").withArgs(alice.address, bob.address, -u(30));
    await expect(tx).to.emit(network, "BalanceUpdated").withArgs(bob.address, carol.address, -u(30));
    await expect(tx).to.emit(network, "BalanceUpdated").withArgs(carol.address, dave.address, -u(30));
    const after = await Promise.all([bob, carol].map((m) => creditPosition(network, m, members)));
    expect(after).to.deep.equal(before);
    expect(await creditPosition(network, alice, members)).to.equal(-u(30));
    expect(await creditPosition(network, dave, members)).to.equal(u(30));
    // a one-element path is a direct payment
    await expect(network.connect(alice).payAlong([bob.address], u(5), memo("direct")))
      .to.emit(network, "Paid")
      .withArgs(alice.address, bob.address, u(5), 1, memo("direct"));
  });

  it("names the hop whose line is exceeded, and nothing moves", async () => {
    const { network, alice, bob, carol, dave } = await networkHelpers.loadFixture(withChain);
    // the carol -> bob line (50) is the bottleneck: hop 1 (bob -> carol)
    await expect(network.connect(alice).payAlong([bob.address, carol.address, dave.address], u(60), memo("x")))
      .to.be.revertedWithCustomError(network, "CreditLimitExceeded")
      .withArgs(1, bob.address, carol.address, u(50), u(60));
    await network.connect(carol).pay(dave.address, u(75), memo("use dave's line"));
    await expect(network.connect(alice).payAlong([bob.address, carol.address, dave.address], u(10), memo("x")))
      .to.be.revertedWithCustomError(network, "CreditLimitExceeded")
      .withArgs(2, carol.address, dave.address, u(80), u(85));
    await expect(network.connect(alice).payAlong([bob.address, carol.address, dave.address], u(101), memo("x")))
      .to.be.revertedWithCustomError(network, "CreditLimitExceeded")
      .withArgs(0, alice.address, bob.address, u(100), u(101));
    // a hop without a line
    await expect(network.connect(alice).payAlong([bob.address, dave.address], u(1), memo("x")))
      .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
      .withArgs(dave.address, bob.address);
    expect(await network.balance(alice.address, bob.address)).to.equal(0n);
    expect(await network.balance(bob.address, carol.address)).to.equal(0n);
  });

  it("a hop may spend the intermediary's claim instead of a line", async () => {
    const { network, alice, bob, carol, members } = await networkHelpers.loadFixture(withChain);
    await openLine(network, bob, carol, u(30));
    await network.connect(carol).pay(bob.address, u(30), memo("carol owes bob 30"));
    await network.connect(carol).closeCreditLine(carol.address, bob.address); // bob owes carol nothing
    await expect(network.connect(alice).payAlong([bob.address, carol.address], u(30) + 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
      .withArgs(carol.address, bob.address);
    const combined = await combinedPosition(network, bob, members);
    await network.connect(alice).payAlong([bob.address, carol.address], u(30), memo("on bob's claim"));
    expect(await combinedPosition(network, bob, members)).to.equal(combined);
    expect(await network.balance(bob.address, carol.address)).to.equal(0n);
  });

  it("paying down a debt is always allowed, even above a lowered limit; more debt is not", async () => {
    const { network, alice, bob, carol } = await networkHelpers.loadFixture(withChain);
    await network.connect(alice).pay(bob.address, u(80), memo("a"));
    await network.connect(bob).offerCreditLine(alice.address, u(30)); // cut below alice's debt of 80
    await expect(network.connect(bob).pay(alice.address, u(20), memo("paydown")))
      .to.emit(network, "BalanceUpdated")
      .withArgs(bob.address, alice.address, u(60));
    expect(await network.balance(alice.address, bob.address)).to.equal(-u(60)); // still above the limit of 30
    await expect(network.connect(alice).pay(bob.address, 1n, memo("more")))
      .to.be.revertedWithCustomError(network, "CreditLimitExceeded")
      .withArgs(0, alice.address, bob.address, u(30), u(60) + 1n);
    // the paydown may arrive along a path too: carol spends her claim on bob, bob pays down alice's debt
    await network.connect(bob).pay(carol.address, u(10), memo("bob owes carol")); // on the line carol -> bob
    await network.connect(carol).payAlong([bob.address, alice.address], u(10), memo("paydown along"));
    expect(await network.balance(alice.address, bob.address)).to.equal(-u(50));
  });

  it("a suspended member may only settle: spend claims and receive payments of its debts", async () => {
    const { network, steward, alice, bob, carol, dave } = await networkHelpers.loadFixture(withChain);
    await openLine(network, alice, carol, u(100));
    await network.connect(alice).pay(bob.address, u(40), memo("alice owes bob 40"));
    await network.connect(carol).pay(alice.address, u(25), memo("carol owes alice 25"));
    await network.connect(steward).suspendMember(alice.address);

    await expect(network.connect(alice).pay(bob.address, 1n, memo("more debt")))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    await expect(network.connect(alice).pay(carol.address, u(25) + 1n, memo("overspend")))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    await network.connect(alice).pay(carol.address, u(10), memo("spends a claim"));
    // others pay down alice's debt, but may not give her a larger claim
    await network.connect(bob).pay(alice.address, u(15), memo("paydown"));
    await expect(network.connect(bob).pay(alice.address, u(25) + 1n, memo("too much")))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    await expect(network.connect(carol).pay(alice.address, 1n, memo("new claim")))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    // she may spend her claim on carol along a path, but not route payments nor receive them beyond her debt
    await network.connect(alice).payAlong([carol.address, dave.address], u(15), memo("spend along"));
    expect(await network.balance(alice.address, carol.address)).to.equal(0n);
    await expect(network.connect(carol).payAlong([bob.address, alice.address], 1n, memo("route")))
      .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
      .withArgs(bob.address, carol.address);
    await openLine(network, bob, carol, u(50));
    await expect(network.connect(dave).payAlong([alice.address, bob.address], 1n, memo("through alice")))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    await network.connect(carol).payAlong([bob.address, alice.address], u(5), memo("paydown along"));
    await expect(network.connect(carol).payAlong([bob.address, alice.address], u(20) + 1n, memo("too much")))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(alice.address);
    expect(await network.balance(alice.address, bob.address)).to.equal(-u(20));
    await network.connect(steward).reinstateMember(alice.address);
    await network.connect(alice).pay(bob.address, 1n, memo("trading again"));
  });

  it("refuses empty and too long paths; a path of MAX_HOPS hops works", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(withChain);
    await openLine(network, alice, bob, u(100));
    await expect(network.connect(alice).payAlong([], u(1), memo("x")))
      .to.be.revertedWithCustomError(network, "InvalidPathLength")
      .withArgs(0, MAX_HOPS);
    const bounce = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? bob.address : alice.address));
    await expect(network.connect(alice).payAlong(bounce(33), u(1), memo("x")))
      .to.be.revertedWithCustomError(network, "InvalidPathLength")
      .withArgs(33, MAX_HOPS);
    await expect(network.connect(alice).payAlong(bounce(32), u(1), memo("x")))
      .to.emit(network, "Paid")
      .withArgs(alice.address, alice.address, u(1), MAX_HOPS, memo("x"));
    expect(await network.balance(alice.address, bob.address)).to.equal(0n);
  });

  it("refuses zero and too large amounts, self-payments and non-members", async () => {
    const { network, alice, bob, carol, outsider } = await networkHelpers.loadFixture(withChain);
    await expect(network.connect(alice).pay(bob.address, 0, memo("x"))).to.be.revertedWithCustomError(
      network,
      "ZeroAmount",
    );
    await expect(network.connect(alice).payAlong([bob.address], 0, memo("x"))).to.be.revertedWithCustomError(
      network,
      "ZeroAmount",
    );
    await expect(network.connect(alice).pay(bob.address, MAX_LIMIT + 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "AmountTooLarge")
      .withArgs(MAX_LIMIT + 1n, MAX_LIMIT);
    await expect(network.connect(alice).payAlong([bob.address, carol.address], MAX_LIMIT + 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "AmountTooLarge")
      .withArgs(MAX_LIMIT + 1n, MAX_LIMIT);
    await expect(network.connect(alice).pay(alice.address, 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "SelfDealing")
      .withArgs(alice.address);
    await expect(network.connect(alice).payAlong([bob.address, bob.address], 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "SelfDealing")
      .withArgs(bob.address);
    await expect(network.connect(alice).pay(outsider.address, 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(outsider).pay(alice.address, 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(alice).payAlong([outsider.address, bob.address], 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(alice).payAlong([bob.address, outsider.address], 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(outsider).payAlong([alice.address], 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
  });

  it("stays zero-sum under a random payment sequence (CN-1)", async () => {
    const { network, members } = await networkHelpers.loadFixture(withChain);
    // everyone gives everyone a line of 50
    for (const g of members)
      for (const r of members)
        if (g !== r && (await network.creditLimit(g.address, r.address)) === 0n) {
          await openLine(network, g, r, u(50));
        }
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let ok = 0;
    for (let i = 0; i < 60; i++) {
      const from = members[rand(5)];
      const path = [members[rand(5)], members[rand(5)]].slice(0, 1 + rand(2));
      const amount = u(1 + rand(40));
      try {
        await network.connect(from).payAlong(
          path.map((p) => p.address),
          amount,
          memo(`p${i}`),
        );
        ok++;
      } catch {
        // refused payments change nothing
      }
    }
    expect(ok).to.be.greaterThan(20);
    let total = 0n;
    for (const a of members) {
      for (const b of members) {
        const ab = await network.balance(a.address, b.address);
        expect(ab).to.equal(-(await network.balance(b.address, a.address)));
        total += ab;
        if (ab < 0n) expect(-ab).to.be.lte(await network.creditLimit(b.address, a.address)); // CN-2
      }
    }
    expect(total).to.equal(0n);
  });
});
