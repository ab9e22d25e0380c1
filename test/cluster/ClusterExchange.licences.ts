// Licence reporting on delivery (CX-5, DC-6): an order naming a design reports its delivered units to the producer's
// commercial licence of it, through the exchange as the report operator the producer approved on the design commons;
// the fee is owed by the producer, and the buyer's confirmation never fails for the licence's state.
import { expect } from "chai";
import {
  type Cluster,
  CONFIRM_WINDOW,
  deployCluster,
  ethers,
  matchedOrder,
  networkHelpers,
  orderRecord,
} from "./fixtures.ts";

const Outcome = { Reported: 0n, OperatorNotApproved: 1n, NoLicence: 2n, NotCommercial: 3n, Expired: 4n } as const;
const FEE = ethers.parseEther("0.001"); // per unit of the lamp

/** The cluster with a third design, the lamp (0.001 ETH per unit); alice (a producer) holds a commercial licence on
 * it and approves the exchange as her report operator. */
async function withLicence() {
  const s = await deployCluster();
  const licenceTerms = {
    currency: ethers.ZeroAddress,
    feePerUnit: FEE,
    feePerPeriod: 0n,
    periodLength: 0,
    licenceDuration: 365 * 86_400,
    derivativeShareBps: 0,
  };
  await s.designs.connect(s.designer).registerDesign(ethers.id("lamp"), "ipfs://lamp", 1n, licenceTerms, []);
  const lamp = await s.designs.designCount();
  await s.designs.connect(s.alice).takeLicence(lamp);
  const licenceId = await s.designs.licenceOf(lamp, s.alice.address);
  await s.designs.connect(s.alice).setReportOperator(await s.exchange.getAddress(), true);
  return { ...s, lamp, licenceId };
}

/** An order of `quantity` of alice's offer of `designId` for bob's need, accepted and shipped by alice. */
async function shipped(s: Cluster, designId: bigint, quantity = 40n) {
  const m = await matchedOrder(s, { offer: { designId }, quantity });
  await s.exchange.connect(s.alice).acceptOrder(m.orderId, m.order, m.order.dueBy);
  await s.exchange.connect(s.alice).shipOrder(m.orderId, await orderRecord(s.exchange, m.orderId));
  return { orderId: m.orderId, order: await orderRecord(s.exchange, m.orderId) };
}

const ref = (orderId: bigint) => ethers.zeroPadValue(ethers.toBeHex(orderId), 32);

describe("ClusterExchange · licence reporting on delivery (CX-5)", () => {
  it("the buyer's confirmation reports the units to the producer's commercial licence, once; the fee is owed", async () => {
    const s = await networkHelpers.loadFixture(withLicence);
    const { exchange, designs, alice, bob, lamp, licenceId } = s;
    const { orderId, order } = await shipped(s, lamp);
    const tx = exchange.connect(bob).confirmDelivery(orderId, order);
    await expect(tx).to.emit(exchange, "OrderDelivered");
    await expect(tx)
      .to.emit(designs, "ProductionReportedByOperator")
      .withArgs(licenceId, lamp, await exchange.getAddress(), 40n, 40n * FEE, 40n * FEE, ref(orderId));
    await expect(tx).not.to.emit(exchange, "ProductionReportSkipped");
    await expect(tx).to.changeEtherBalances(ethers, [alice, bob, designs], [0n, 0n, 0n]);
    expect((await designs.licence(licenceId)).unitsReported).to.equal(40n);
    expect(await designs.feesOwed(licenceId)).to.equal(40n * FEE);
    // delivered is final: the same order cannot report again
    await expect(
      exchange.connect(bob).confirmDelivery(orderId, await orderRecord(exchange, orderId)),
    ).to.be.revertedWithCustomError(exchange, "WrongOrderState");
    // a second order adds its own units; alice pays what she owes
    const second = await shipped(s, lamp, 10n);
    await exchange.connect(bob).confirmDelivery(second.orderId, second.order);
    expect((await designs.licence(licenceId)).unitsReported).to.equal(50n);
    await expect(designs.connect(alice).payOwed(licenceId, 50n * FEE, { value: 50n * FEE }))
      .to.emit(designs, "OwedFeesPaid")
      .withArgs(licenceId, lamp, 50n * FEE, 0n);
    expect((await designs.licence(licenceId)).feesPaid).to.equal(50n * FEE);
  });

  it("a delivery the commons cannot count still settles, with the reason: not approved, no licence, commons, expired", async () => {
    const s = await networkHelpers.loadFixture(withLicence);
    const { exchange, network, designs, admin, alice, bob, lamp, licenceId } = s;
    const deliver = async (designId: bigint, outcome: bigint) => {
      const { orderId, order } = await shipped(s, designId);
      const before = await network.obligationCount();
      const tx = exchange.connect(bob).confirmDelivery(orderId, order);
      await expect(tx).to.emit(exchange, "OrderDelivered");
      await expect(tx).to.emit(exchange, "ProductionReportSkipped").withArgs(orderId, designId, alice.address, outcome);
      await expect(tx).not.to.emit(designs, "ProductionReportedByOperator");
      expect(await network.obligationCount()).to.equal(before + 1n);
    };
    // the stool: alice holds no licence on it
    await deliver(1n, Outcome.NoLicence);
    // alice withdraws her approval of the exchange on the commons
    await designs.connect(alice).setReportOperator(await exchange.getAddress(), false);
    await deliver(lamp, Outcome.OperatorNotApproved);
    await designs.connect(alice).setReportOperator(await exchange.getAddress(), true);
    // the lamp's licence expired (a year): production after it is not counted on it
    const { expiresAt } = await designs.licence(licenceId);
    const { orderId, order } = await shipped(s, lamp);
    await networkHelpers.time.setNextBlockTimestamp(expiresAt);
    await expect(exchange.connect(bob).confirmDelivery(orderId, order))
      .to.emit(exchange, "ProductionReportSkipped")
      .withArgs(orderId, lamp, alice.address, Outcome.Expired);
    // accredited as a commons entity, alice's new licence is a commons one: not reported by the exchange
    await designs.connect(admin).accreditCommonsEntity(alice.address, "ipfs://alice");
    await designs.connect(alice).takeLicence(lamp);
    await deliver(lamp, Outcome.NotCommercial);
    expect((await designs.licence(licenceId)).unitsReported).to.equal(0n);
    expect(await designs.feesOwed(licenceId)).to.equal(0n);
  });

  it("an order without a design reports nothing; deemed and partial deliveries report what was delivered", async () => {
    const s = await networkHelpers.loadFixture(withLicence);
    const { exchange, designs, steward, alice, bob, lamp, licenceId } = s;
    const plain = await shipped(s, 0n);
    const tx = exchange.connect(bob).confirmDelivery(plain.orderId, plain.order);
    await expect(tx).to.emit(exchange, "OrderDelivered");
    await expect(tx).not.to.emit(exchange, "ProductionReportSkipped");
    await expect(tx).not.to.emit(designs, "ProductionReportedByOperator");
    // deemed delivered after the confirmation window: the whole quantity
    const deemed = await shipped(s, lamp, 7n);
    await networkHelpers.time.increase(CONFIRM_WINDOW + 1n);
    await expect(exchange.connect(alice).settleUnconfirmed(deemed.orderId, deemed.order))
      .to.emit(designs, "ProductionReportedByOperator")
      .withArgs(licenceId, lamp, await exchange.getAddress(), 7n, 7n * FEE, 7n * FEE, ref(deemed.orderId));
    // a dispute resolved to 3 of 40 delivered: 3 reported; resolved to none: nothing
    const disputed = await shipped(s, lamp);
    await exchange.connect(bob).disputeOrder(disputed.orderId, disputed.order, ethers.id("short"));
    await expect(
      exchange.connect(steward).resolveDispute(disputed.orderId, await orderRecord(exchange, disputed.orderId), 3n),
    )
      .to.emit(designs, "ProductionReportedByOperator")
      .withArgs(licenceId, lamp, await exchange.getAddress(), 3n, 3n * FEE, 10n * FEE, ref(disputed.orderId));
    const refused = await shipped(s, lamp);
    await exchange.connect(bob).disputeOrder(refused.orderId, refused.order, ethers.id("never came"));
    const cancel = exchange
      .connect(steward)
      .resolveDispute(refused.orderId, await orderRecord(exchange, refused.orderId), 0n);
    await expect(cancel).to.emit(exchange, "OrderCancelled");
    await expect(cancel).not.to.emit(designs, "ProductionReportedByOperator");
    expect((await designs.licence(licenceId)).unitsReported).to.equal(10n);
  });
});
