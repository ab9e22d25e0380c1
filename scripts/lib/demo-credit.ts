// Demo data of the mutual-credit network: four enterprises, credit lines, payments, one past clearing epoch and open
// obligations with a clearable cycle, all through the public contract API.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { creditDomain, obligationTypesMutable } from "../../sdk/src/eip712.ts";
import { noGap, type Gap } from "./spread.ts";

export interface CreditDemoSummary {
  network: string;
  members: number;
  openObligations: number;
  clearable: bigint;
}

export async function seedCreditDemo(
  ethers: HardhatEthers,
  networkAddress: string,
  gap: Gap = noGap,
): Promise<CreditDemoSummary> {
  const [ada, bea, cyrus, dara] = await ethers.getSigners();
  const network = await ethers.getContractAt("CreditNetwork", networkAddress);
  const unit = 10n ** BigInt(await network.decimals());
  const u = (n: number) => BigInt(n) * unit;
  const members = [ada, bea, cyrus, dara];
  for (const m of members) {
    await (await network.connect(ada).admitMember(m.address)).wait();
    await (await network.connect(m).setClearingConsent(true, m !== dara)).wait();
  }

  // Credit lines: a ring plus Ada's makerspace backing everyone (giver offers, receiver accepts).
  await gap();
  const lines: [typeof ada, typeof ada, number][] = [
    [ada, bea, 1000],
    [ada, cyrus, 1000],
    [ada, dara, 500],
    [bea, cyrus, 800],
    [cyrus, dara, 800],
    [dara, bea, 600],
    [cyrus, bea, 400],
  ];
  for (const [giver, receiver, limit] of lines) {
    await (await network.connect(giver).offerCreditLine(receiver.address, u(limit))).wait();
    await (await network.connect(receiver).acceptCreditLine(giver.address, u(limit))).wait();
  }
  // A pending offer, so the "offers" list is not empty.
  await (await network.connect(bea).offerCreditLine(dara.address, u(300))).wait();

  // Trade on credit: direct payments and one along a path (Bea -> Cyrus -> Dara).
  await gap();
  const memo = (text: string) => ethers.encodeBytes32String(text);
  await (await network.connect(bea).pay(ada.address, u(120), memo("laser cutting"))).wait();
  await (await network.connect(cyrus).pay(bea.address, u(75), memo("sensor boards"))).wait();
  await (await network.connect(dara).pay(cyrus.address, u(60), memo("bike repair"))).wait();
  await (await network.connect(bea).payAlong([cyrus.address, dara.address], u(40), memo("design consult"))).wait();

  // Obligations (invoices). An earlier pair that was already cleared in epoch 1.
  await gap();
  const due = BigInt(Math.floor(Date.now() / 1000) + 30 * 86400);
  // An invoice number is short text in the bytes32 reference, as the dApp writes it (and shows it back as text).
  const ref = (text: string) => ethers.encodeBytes32String(text);
  async function invoice(creditor: typeof ada, debtor: typeof ada, amount: number, text: string) {
    await (
      await network.connect(creditor).recordObligation(debtor.address, creditor.address, u(amount), due, ref(text))
    ).wait();
    const id = await network.obligationCount();
    await (await network.connect(debtor).acceptObligation(id)).wait();
    return id;
  }
  const e1 = await invoice(bea, ada, 90, "INV-0001 workshop space");
  const e2 = await invoice(ada, bea, 70, "INV-0002 prototype run");
  await (
    await network.clear(
      ethers.id("demo-epoch-1"),
      [
        { obligationId: e1, amount: u(70) },
        { obligationId: e2, amount: u(70) },
      ],
      [],
    )
  ).wait();

  await gap();
  // The open, clearable set: a 3-cycle Bea -> Cyrus -> Dara -> Bea (debtor -> creditor), one invoice signed off
  // chain by the debtor and submitted by the creditor, one still waiting for acceptance, and a peripheral debt.
  await invoice(cyrus, bea, 300, "INV-0103 CNC parts");
  await invoice(dara, cyrus, 250, "INV-0104 assembly");
  const { chainId } = await ethers.provider.getNetwork();
  const terms = {
    debtor: dara.address as `0x${string}`,
    creditor: bea.address as `0x${string}`,
    amount: u(200),
    dueDate: due,
    ref: ref("INV-0105 enclosure design") as `0x${string}`,
    nonce: await network.signatureNonce(dara.address, bea.address), // keyed by bea, who records the terms
    deadline: BigInt(Math.floor(Date.now() / 1000) + 86400),
  };
  const signature = await dara.signTypedData(
    creditDomain(chainId, networkAddress as `0x${string}`),
    obligationTypesMutable,
    terms,
  );
  await (await network.connect(bea).recordSignedObligation(terms, signature)).wait();
  await invoice(bea, ada, 150, "INV-0106 training");
  await (
    await network.connect(cyrus).recordObligation(cyrus.address, ada.address, u(45), due, ref("INV-0107 tools"))
  ).wait();

  return { network: networkAddress, members: members.length, openObligations: 5, clearable: u(600) };
}
