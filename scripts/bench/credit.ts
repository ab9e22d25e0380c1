// Gas of the mutual-credit network's operations (see scripts/bench.ts for how it is run).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { creditDomain, obligationTypesMutable } from "../../sdk/src/eip712.ts";

export const CREDIT_TARGETS: Record<string, number> = {
  "credit.pay.direct": 45_000,
  "credit.clear.cycle3": 80_000,
};
/** Per-step targets: each extra hop <= 20,000 over direct; each extra cycle edge <= 15,000. */
export const CREDIT_STEP_TARGETS = { hop: 20_000, edge: 15_000 };

type Receipt = { wait(): Promise<{ gasUsed: bigint } | null> };
async function gasOf(tx: Promise<Receipt>): Promise<number> {
  return Number((await (await tx).wait())!.gasUsed);
}

export async function benchCredit(ethers: HardhatEthers): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const signers = await ethers.getSigners();
  const steward = signers[0];
  const people = signers.slice(1, 16);
  const unit = 10n ** 18n;
  const network = await ethers.deployContract("CreditNetwork", [
    "Bench Credit",
    "BEN",
    18,
    steward.address,
    [steward.address],
  ]);
  for (const p of people) {
    await (await network.admitMember(p.address)).wait();
    await (await network.connect(p).setClearingConsent(true, true)).wait();
  }
  const as = (i: number) => network.connect(people[i]);
  /** `giver` gives `receiver` a line of 1,000,000 units. */
  async function line(giver: number, receiver: number) {
    await (await as(giver).offerCreditLine(people[receiver].address, 1_000_000n * unit)).wait();
    await (await as(receiver).acceptCreditLine(people[giver].address, 1_000_000n * unit)).wait();
  }

  // Direct payment, steady state: the pair's balance is non-zero before and after (as for every payment but the
  // very first on a line).
  await line(1, 0);
  await (await as(0).pay(people[1].address, 5n * unit, ethers.ZeroHash)).wait();
  results["credit.pay.direct"] = await gasOf(as(0).pay(people[1].address, 7n * unit, ethers.ZeroHash));

  // Paths 0 -> 2 -> 3 -> 4 -> 5: 1..3 intermediaries; every line used once before measuring.
  for (const [g, r] of [
    [2, 0],
    [3, 2],
    [4, 3],
    [5, 4],
  ])
    await line(g, r);
  const chain = [2, 3, 4, 5].map((i) => people[i].address);
  for (let hops = 2; hops <= 4; hops++) {
    await (await as(0).payAlong(chain.slice(0, hops), unit, ethers.ZeroHash)).wait();
  }
  for (let hops = 2; hops <= 4; hops++) {
    results[`credit.pay.hop${hops - 1}`] = await gasOf(as(0).payAlong(chain.slice(0, hops), unit, ethers.ZeroHash));
  }
  results["credit.pay.path1"] = await gasOf(as(0).payAlong([people[2].address], unit, ethers.ZeroHash));

  // Clearing a cycle of n obligations among n members (each obligation recorded by the creditor and accepted).
  async function cycle(n: number, offset: number): Promise<number> {
    const first = Number(await network.obligationCount()) + 1;
    for (let i = 0; i < n; i++) {
      const debtor = people[offset + i];
      const creditor = people[offset + ((i + 1) % n)];
      await (
        await as(offset + ((i + 1) % n)).recordObligation(
          debtor.address,
          creditor.address,
          (100n + BigInt(i)) * unit,
          0,
          ethers.ZeroHash,
        )
      ).wait();
      await (await network.connect(debtor).acceptObligation(first + i)).wait();
    }
    const setOffs = Array.from({ length: n }, (_, i) => ({ obligationId: first + i, amount: 100n * unit }));
    return gasOf(network.clear(ethers.id(`cycle${n}`), setOffs, []));
  }
  // A first epoch so that the measured ones are not the contract's first (steady state of the epoch counter).
  await cycle(3, 0);
  results["credit.clear.cycle3"] = await cycle(3, 3);
  results["credit.clear.cycle10"] = await cycle(10, 5);

  // The same ring of 10 again, cleared in two parts by the steward (clearPart): the first sets off 5 edges and leaves
  // the bridge "first member owes the sixth", the second sets off that bridge and the other 5 edges.
  {
    const first = Number(await network.obligationCount()) + 1;
    for (let i = 0; i < 10; i++) {
      const debtor = people[5 + i];
      const creditor = people[5 + ((i + 1) % 10)];
      await (
        await as(5 + ((i + 1) % 10)).recordObligation(debtor.address, creditor.address, 100n * unit, 0, ethers.ZeroHash)
      ).wait();
      await (await network.connect(debtor).acceptObligation(first + i)).wait();
    }
    const solution = ethers.id("ring10 in parts");
    const setOffs = (from: number) =>
      Array.from({ length: 5 }, (_, i) => ({ obligationId: first + from + i, amount: 100n * unit }));
    const bridge = { debtor: people[5].address, creditor: people[10].address, amount: 100n * unit };
    const none = { debtor: ethers.ZeroAddress, creditor: ethers.ZeroAddress, amount: 0n };
    results["credit.clearPart.first5"] = await gasOf(network.clearPart(solution, setOffs(0), [], bridge));
    results["credit.clearPart.last5"] = await gasOf(network.clearPart(solution, setOffs(5), [], none));
  }

  // Signed obligation terms (EIP-712): person 1 signs, person 0 records. The first signature towards a
  // counterparty starts a nonce slot (zero to non-zero write); the next one only bumps it.
  const { chainId } = await ethers.provider.getNetwork();
  const domain = creditDomain(chainId, (await network.getAddress()) as `0x${string}`);
  const signed = async (signer: number, recorder: number) => {
    const nonce = await network.signatureNonce(people[signer].address, people[recorder].address);
    const terms = {
      debtor: people[signer].address,
      creditor: people[recorder].address,
      amount: 25n * unit,
      dueDate: 1_900_000_000n,
      ref: ethers.id("INV-bench"),
      nonce,
      deadline: 4_000_000_000n,
    };
    const signature = await people[signer].signTypedData(domain, obligationTypesMutable, terms);
    return gasOf(as(recorder).recordSignedObligation(terms, signature));
  };
  results["credit.obligation.signed"] = await signed(1, 0);
  results["credit.obligation.signed.next"] = await signed(1, 0);
  return results;
}
