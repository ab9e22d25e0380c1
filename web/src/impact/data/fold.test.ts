// The impact fold on its own: each event's effect on the folded state (methodologies, verifiers, claims, votes,
// balances, listings, purchases, rounds, certificates), a real encoded log through the merged ABI, and the views the
// chain reader derives from the state.
import { impactRegistryAbi } from "@cosmolocal/sdk";
import { getAddress, keccak256, stringToHex, type Address, type Hex } from "viem";
import { beforeEach, describe, expect, it } from "vitest";
import { decodedLog, decodeLogs, encodeLog, hash32 } from "../../shared/data/testing";
import {
  certificatesOf,
  certificateView,
  claimDetail,
  claimListed,
  claimPage,
  holdings,
  marketPage,
  myVotes,
  roundView,
  verifierQueue,
} from "./chain";
import { impactAbi, impactFold, type ImpactLog, type ImpactState } from "./fold";
import { historyText, VERIFIER_ROLE } from "./format";
import { IMPACT_PAGE } from "./types";

const REG = getAddress("0x00000000000000000000000000000000000000aa");
const ALICE = getAddress("0x00000000000000000000000000000000000000a1");
const BOB = getAddress("0x00000000000000000000000000000000000000b2");
const VER1 = getAddress("0x00000000000000000000000000000000000000c3");
const VER2 = getAddress("0x00000000000000000000000000000000000000d4");
const FUNDER = getAddress("0x00000000000000000000000000000000000000e5");
const ZERO: Address = "0x0000000000000000000000000000000000000000";
const TOKEN = { address: ZERO, symbol: "ETH", decimals: 18 };
const token = () => TOKEN;
const NL_ZH = stringToHex("NL-ZH", { size: 8 });
const BE = stringToHex("BE", { size: 8 });

let index = 0;
type Args<N extends ImpactLog["eventName"]> = Extract<ImpactLog, { eventName: N }>["args"];

/** A decoded log of `eventName` in `block` (with the block's time when `time` is given). */
function ev<N extends ImpactLog["eventName"]>(eventName: N, args: Args<N>, block = 10n, time?: number): ImpactLog {
  index++;
  return decodedLog<ImpactLog>(eventName, args, {
    address: REG,
    block,
    logIndex: index,
    transactionHash: hash32(index),
    blockTimestamp: time,
  });
}

function fold(...logs: ImpactLog[]): ImpactState {
  const state = impactFold.initial();
  impactFold.apply(state, logs);
  return state;
}

const methodology = (id = 1, threshold = 2) =>
  ev("MethodologySet", { methodologyId: id, threshold, active: true, name: `Method ${id}` });

const submit = (claimId: bigint, claimant = ALICE, units = 40_000, jurisdiction: Hex = NL_ZH, methodologyId = 1) =>
  ev("ClaimSubmitted", {
    claimId,
    claimant,
    methodologyId,
    units,
    startDay: 20_000,
    endDay: 20_100,
    jurisdiction,
    evidenceHash: keccak256(stringToHex(`evidence ${claimId}`)),
    evidenceURI: `ipfs://evidence-${claimId}`,
    externalSerial: claimId === 1n ? "VCS-1" : "",
  });

const attest = (claimId: bigint, verifier: Address, units: number, approvals: number, bySignature = false) =>
  ev("ClaimAttested", {
    claimId,
    verifier,
    verifiedUnits: units,
    reportHash: keccak256(stringToHex(`report ${verifier}`)),
    approvals,
    bySignature,
  });

const mint = (claimId: bigint, to: Address, value: bigint) =>
  ev("TransferSingle", { operator: to, from: ZERO, to, id: claimId, value });

/** Claim 1 by Alice, 40 t, verified at 35 t (k = 2) and minted to her. */
function verifiedClaim(): ImpactLog[] {
  return [
    methodology(1, 2),
    submit(1n),
    attest(1n, VER1, 38_000, 1),
    attest(1n, VER2, 35_000, 2, true),
    ev("ClaimVerified", { claimId: 1n, claimant: ALICE, units: 35_000 }),
    mint(1n, ALICE, 35_000n),
  ];
}

beforeEach(() => {
  index = 0;
});

describe("impact fold: registry events", () => {
  it("MethodologySet records the methodology; a claim takes its k when submitted", () => {
    const s = fold(methodology(1, 2), submit(1n), methodology(1, 3), submit(2n, BOB));
    expect(s.methodologies.get(1)).toEqual({ id: 1, threshold: 3, active: true, name: "Method 1" });
    expect(s.claims.get(1n)!.threshold).toBe(2);
    expect(s.claims.get(2n)!.threshold).toBe(3);
  });

  it("ClaimSubmitted records the claim, its evidence and the first line of its history", () => {
    const c = fold(methodology(), submit(1n)).claims.get(1n)!;
    expect(c).toMatchObject({
      claimant: ALICE,
      status: 1,
      claimedUnits: 40_000n,
      verifiedUnits: 0n,
      startDay: 20_000,
      endDay: 20_100,
      jurisdiction: NL_ZH,
      evidenceURI: "ipfs://evidence-1",
      externalSerial: "VCS-1",
      submittedBlock: 10n,
    });
    expect(historyText(c.history[0], token)).toBe("Submitted: 40 t claimed");
  });

  it("RoleGranted / RoleRevoked of VERIFIER_ROLE accredit and withdraw; VerifierSlotAssigned sets the first claim", () => {
    const other = keccak256(stringToHex("OTHER_ROLE"));
    const s = fold(
      ev("RoleGranted", { role: VERIFIER_ROLE, account: VER1, sender: REG }),
      ev("VerifierSlotAssigned", { verifier: VER1, slot: 0, firstClaimId: 0n }),
      ev("RoleGranted", { role: VERIFIER_ROLE, account: VER2, sender: REG }),
      ev("VerifierSlotAssigned", { verifier: VER2, slot: 1, firstClaimId: 4n }),
      ev("RoleRevoked", { role: VERIFIER_ROLE, account: VER1, sender: REG }),
      ev("RoleGranted", { role: other, account: BOB, sender: REG }),
    );
    expect(s.verifiers.get(VER1)).toEqual({ account: VER1, accredited: false, firstClaimId: 0n });
    expect(s.verifiers.get(VER2)).toEqual({ account: VER2, accredited: true, firstClaimId: 4n });
    expect(s.verifiers.has(BOB)).toBe(false);
  });

  it("ClaimAttested keeps the lowest approval; ClaimVerified mints it; TransferSingle from 0 credits the claimant", () => {
    const s = fold(...verifiedClaim());
    const c = s.claims.get(1n)!;
    expect(c.approvals).toBe(2);
    expect(c.attestedMin).toBe(35_000n);
    expect(c.status).toBe(2);
    expect(c.verifiedUnits).toBe(35_000n);
    expect(c.attestations.map((a) => [a.verifier, a.units, a.bySignature])).toEqual([
      [VER1, 38_000n, false],
      [VER2, 35_000n, true],
    ]);
    expect(c.balances.get(ALICE)).toBe(35_000n);
    expect([...s.held.get(ALICE)!]).toEqual([1n]);
    expect(c.history.map((h) => historyText(h, token))).toEqual([
      "Submitted: 40 t claimed",
      "Attested 38 t — approval 1",
      "Attested 35 t (signed off-chain, submitted by another account) — approval 2",
      "Verified: 35 t minted to the claimant",
    ]);
  });

  it("ClaimRejectionRecorded counts rejections; ClaimRejected rejects", () => {
    const reason = stringToHex("no meter data", { size: 32 });
    const c = fold(
      methodology(1, 2),
      submit(1n),
      ev("ClaimRejectionRecorded", { claimId: 1n, verifier: VER1, reasonHash: reason, rejections: 1 }),
      ev("ClaimRejectionRecorded", { claimId: 1n, verifier: VER2, reasonHash: reason, rejections: 2 }),
      ev("ClaimRejected", { claimId: 1n }),
    ).claims.get(1n)!;
    expect(c.status).toBe(3);
    expect(c.rejections).toBe(2);
    expect(c.rejectedBy.map((r) => r.verifier)).toEqual([VER1, VER2]);
    expect(historyText(c.history.at(-1)!, token)).toBe("Rejected");
  });

  it("RevocationVoteRecorded opens a vote; ClaimRevoked decides it with the published reason; UnitsRefrozen", () => {
    const reason = "meter readings were doubled";
    const hash = keccak256(stringToHex(reason));
    const open = fold(
      ...verifiedClaim(),
      ev("RevocationVoteRecorded", {
        claimId: 1n,
        verifier: VER1,
        units: 10_000,
        reasonHash: hash,
        votes: 1,
        threshold: 2,
        reason,
      }),
    );
    expect(open.claims.get(1n)!.openRevocation.map((v) => [v.verifier, v.units, v.votes])).toEqual([
      [VER1, 10_000n, 1],
    ]);
    expect(open.claims.get(1n)!.status).toBe(2);

    const s = fold(
      ...verifiedClaim(),
      ev("RevocationVoteRecorded", {
        claimId: 1n,
        verifier: VER1,
        units: 10_000,
        reasonHash: hash,
        votes: 1,
        threshold: 2,
        reason,
      }),
      ev("RevocationVoteRecorded", {
        claimId: 1n,
        verifier: VER2,
        units: 8_000,
        reasonHash: hash,
        votes: 2,
        threshold: 2,
        reason: "",
      }),
      ev("ClaimRevoked", {
        claimId: 1n,
        verifier: VER2,
        units: 8_000,
        totalRevoked: 8_000,
        frozenUnits: 8_000,
        reasonHash: hash,
      }),
      ev("UnitsRefrozen", { claimId: 1n, claimant: ALICE, frozenUnits: 8_000 }),
    );
    const c = s.claims.get(1n)!;
    expect(c.status).toBe(4);
    expect(c.revokedUnits).toBe(8_000n);
    expect(c.frozenUnits).toBe(8_000n);
    expect(c.openRevocation).toEqual([]);
    expect(c.revocationVotes).toHaveLength(2);
    expect(c.revocations).toHaveLength(1);
    expect(c.revocations[0]).toMatchObject({ units: 8_000n, totalRevoked: 8_000n, frozen: 8_000n, reasonText: reason });
    expect(historyText(c.history.at(-2)!, token)).toBe("Revoked 8 t (8 t in all; 8 t of the claimant's units frozen)");
    expect(historyText(c.history.at(-1)!, token)).toBe("Units came back to the claimant: 8 t of them frozen");
  });

  it("UnitsRetired burns into a certificate with the block's time; TransferBatch moves several claims", () => {
    const s = fold(
      ...verifiedClaim(),
      methodology(2, 1),
      submit(2n, ALICE, 5_000, BE, 2),
      attest(2n, VER1, 5_000, 1),
      ev("ClaimVerified", { claimId: 2n, claimant: ALICE, units: 5_000 }),
      mint(2n, ALICE, 5_000n),
      ev("TransferBatch", { operator: ALICE, from: ALICE, to: BOB, ids: [1n, 2n], values: [5_000n, 5_000n] }),
      ev("TransferSingle", { operator: BOB, from: BOB, to: ZERO, id: 1n, value: 2_000n }, 20n, 1_750_000_000),
      ev(
        "UnitsRetired",
        {
          claimId: 1n,
          holder: BOB,
          certificateId: 1n,
          certificateOwner: BOB,
          units: 2_000,
          beneficiary: "Harbour Festival",
          message: "our travel",
        },
        20n,
        1_750_000_000,
      ),
    );
    const c1 = s.claims.get(1n)!;
    expect(c1.balances.get(ALICE)).toBe(30_000n);
    expect(c1.balances.get(BOB)).toBe(3_000n);
    expect(c1.retiredUnits).toBe(2_000n);
    expect(s.claims.get(2n)!.balances.has(ALICE)).toBe(false);
    expect([...s.held.get(ALICE)!]).toEqual([1n]);
    expect([...s.held.get(BOB)!].sort()).toEqual([1n, 2n]);
    expect(s.certificates.get(1n)).toMatchObject({
      claimId: 1n,
      units: 2_000n,
      owner: BOB,
      retiredBy: BOB,
      beneficiary: "Harbour Festival",
      message: "our travel",
      retiredAt: 1_750_000_000,
      block: 20n,
    });
    expect(s.owned.get(BOB)).toEqual([1n]);
  });
});

describe("impact fold: market events", () => {
  const listed = (units = 20_000, price = 10n ** 12n, version = 1) =>
    ev("Listed", { claimId: 1n, seller: ALICE, currency: ZERO, pricePerUnit: price, units, version });

  it("marketPage: for sale without a revocation newest first, then with one, a page at a time; waiting apart", () => {
    const s = fold(...verifiedClaim(), listed());
    // Claims 2..6 as claim 1 (verified, listed); 2 and 5 with a revocation, 6 waiting for verification, 4 sold out.
    for (const id of [2n, 3n, 4n, 5n, 6n]) {
      const c = { ...structuredClone(s.claims.get(1n)!), id };
      if (id === 2n || id === 5n) c.revokedUnits = 1_000n;
      if (id === 6n) c.status = 1;
      s.claims.set(id, c);
      s.listings.set(id, { ...s.listings.get(1n)!, remaining: id === 4n ? 0n : 20_000n });
    }
    const ids = (p: { items: { id: bigint }[] }) => p.items.map((c) => c.id);
    const first = marketPage(s, {}, undefined, token, 2);
    expect([ids(first), first.next]).toEqual([[3n, 1n], "sound:1"]);
    const second = marketPage(s, {}, first.next, token, 2);
    expect([ids(second), second.next]).toEqual([[5n, 2n], undefined]);
    expect(ids(marketPage(s, {}, "revoked:5", token, 2))).toEqual([2n]);
    expect(ids(marketPage(s, { upcoming: true }, undefined, token))).toEqual([6n]);
    expect(ids(marketPage(s, { place: "BE" }, undefined, token))).toEqual([]);
  });

  it("Listed, Purchased, ProceedsWithdrawn and Delisted keep the listing as the market's getListing", () => {
    const s = fold(
      ...verifiedClaim(),
      listed(),
      ev("Purchased", {
        claimId: 1n,
        buyer: BOB,
        roundId: 0n,
        units: 3_000,
        pricePerUnit: 10n ** 12n,
        cost: 3n * 10n ** 15n,
        matchedUnits: 0,
        matchedCost: 0n,
        certificateId: 0n,
      }),
      ev("TransferSingle", { operator: REG, from: ALICE, to: BOB, id: 1n, value: 3_000n }),
    );
    expect(s.listings.get(1n)).toEqual({
      seller: ALICE,
      currency: ZERO,
      pricePerUnit: 10n ** 12n,
      remaining: 17_000n,
      version: 1,
      proceeds: 3n * 10n ** 15n,
      unitsSold: 3_000n,
    });
    const view = claimListed(s, s.claims.get(1n)!, token);
    expect(view.sellable).toBe(32_000n);
    // min(listed 17 t, sellable 32 t, verified 35 - revoked 0 - sold 3 = 32 t)
    expect(view.listing!.available).toBe(17_000n);

    impactFold.apply(s, [
      ev("ProceedsWithdrawn", { claimId: 1n, seller: ALICE, to: ALICE, amount: 3n * 10n ** 15n }),
      listed(33_000, 2n * 10n ** 12n, 2),
    ]);
    expect(s.listings.get(1n)).toMatchObject({ proceeds: 0n, remaining: 33_000n, version: 2, unitsSold: 3_000n });
    // Relisted above what the market may still sell: min(listed 33 t, sellable 32 t, verified 35 t - sold 3 t).
    expect(claimListed(s, s.claims.get(1n)!, token).listing!.available).toBe(32_000n);
    impactFold.apply(s, [ev("Delisted", { claimId: 1n })]);
    expect(s.listings.get(1n)!.remaining).toBe(0n);
    expect(
      s.claims
        .get(1n)!
        .history.slice(-5)
        .map((h) => historyText(h, token)),
    ).toEqual([
      "Listed 20 t at 0.001 ETH/t",
      "Bought 3 t",
      "Proceeds withdrawn",
      "Listed 33 t at 0.002 ETH/t",
      "Taken off sale",
    ]);
  });

  it("a listing before verification has nothing available until the claim is verified", () => {
    const s = fold(methodology(), submit(1n), listed());
    expect(claimListed(s, s.claims.get(1n)!, token).listing!.available).toBe(0n);
  });

  it("rounds: created, rules, eligibility, funded, matched purchase (with its certificate), reclaimed", () => {
    const s = fold(
      ...verifiedClaim(),
      listed(),
      ev(
        "RoundCreated",
        {
          roundId: 1n,
          owner: FUNDER,
          currency: ZERO,
          matchBps: 5_000,
          endTime: 1_800_000_000,
          maxPricePerUnit: 2n * 10n ** 12n,
          capPerClaim: 10n ** 17n,
          capPerBuyer: 10n ** 17n,
          methodologyMask: 0b110n,
          name: "City fund",
        },
        11n,
        1_700_000_000,
      ),
      ev("RoundClaimRulesSet", { roundId: 1n, allowListOnly: true, acceptsRevokedClaims: false }, 11n),
      ev("RoundFunded", { roundId: 1n, funder: FUNDER, amount: 10n ** 17n, remaining: 10n ** 17n }, 11n),
      ev("RoundClaimEligibilitySet", { roundId: 1n, claimId: 1n, eligibility: 1 }, 12n),
      ev("RoundClaimEligibilitySet", { roundId: 1n, claimId: 7n, eligibility: 2 }, 12n),
      ev("TransferSingle", { operator: REG, from: ALICE, to: BOB, id: 1n, value: 2_000n }, 13n),
      ev("TransferSingle", { operator: REG, from: ALICE, to: ZERO, id: 1n, value: 1_000n }, 13n),
      ev(
        "UnitsRetired",
        {
          claimId: 1n,
          holder: ALICE,
          certificateId: 1n,
          certificateOwner: FUNDER,
          units: 1_000,
          beneficiary: "City fund",
          message: "Matched purchase",
        },
        13n,
      ),
      ev(
        "Purchased",
        {
          claimId: 1n,
          buyer: BOB,
          roundId: 1n,
          units: 2_000,
          pricePerUnit: 10n ** 12n,
          cost: 2n * 10n ** 15n,
          matchedUnits: 1_000,
          matchedCost: 10n ** 15n,
          certificateId: 1n,
        },
        13n,
      ),
      ev("RoundReclaimed", { roundId: 1n, owner: FUNDER, amount: 99n * 10n ** 15n }, 14n),
    );
    const r = s.rounds.get(1n)!;
    expect(r).toMatchObject({
      owner: FUNDER,
      name: "City fund",
      matchBps: 5_000,
      allowListOnly: true,
      acceptsRevokedClaims: false,
      deposited: 10n ** 17n,
      remaining: 0n,
      spent: 10n ** 15n,
      matchedUnits: 1_000n,
      reclaimed: 99n * 10n ** 15n,
      createdBlock: 11n,
    });
    expect([...r.eligibility]).toEqual([
      ["1", 1],
      ["7", 2],
    ]);
    expect(r.points.map((p) => [p.kind, p.amount, p.remaining, p.spent])).toEqual([
      ["created", 0n, 0n, 0n],
      ["funded", 10n ** 17n, 10n ** 17n, 0n],
      ["matched", 10n ** 15n, 99n * 10n ** 15n, 10n ** 15n],
      ["reclaimed", 99n * 10n ** 15n, 0n, 10n ** 15n],
    ]);
    expect(r.points[0].time).toBe(1_700_000_000);
    const view = roundView(r, token);
    expect(view.methodologies).toEqual([1, 2]);
    expect(s.listings.get(1n)).toMatchObject({ remaining: 17_000n, unitsSold: 3_000n, proceeds: 3n * 10n ** 15n });
    expect(s.certificates.get(1n)).toMatchObject({ roundId: 1n, owner: FUNDER, retiredBy: ALICE });
    expect(s.claims.get(1n)!.retiredUnits).toBe(1_000n);
    expect(historyText(s.claims.get(1n)!.history.at(-1)!, token)).toBe("Bought 2 t, 1 t more matched by round 1");
  });
});

describe("impact fold: a real log through the merged ABI", () => {
  it("decodes an encoded ClaimSubmitted and folds it", () => {
    const rpc = encodeLog(
      impactRegistryAbi,
      "ClaimSubmitted",
      {
        claimId: 3n,
        claimant: BOB,
        methodologyId: 1,
        units: 12_345,
        startDay: 20_000,
        endDay: 20_010,
        jurisdiction: BE,
        evidenceHash: keccak256(stringToHex("e")),
        evidenceURI: "https://example.org/e.pdf",
        externalSerial: "",
      },
      { address: REG, block: 0x20, transactionHash: hash32(1) },
    );
    const logs = decodeLogs(impactAbi, [rpc]) as ImpactLog[];
    const s = fold(methodology(1, 3), ...logs);
    expect(s.claims.get(3n)).toMatchObject({
      claimant: BOB,
      claimedUnits: 12_345n,
      threshold: 3,
      jurisdiction: BE,
      evidenceURI: "https://example.org/e.pdf",
      submittedBlock: 32n,
    });
  });
});

describe("views derived from the fold", () => {
  function market(): ImpactState {
    return fold(
      ...verifiedClaim(),
      methodology(2, 1),
      submit(2n, BOB, 7_000, BE, 2),
      submit(3n, BOB, 9_000, NL_ZH, 1),
      attest(3n, VER1, 9_000, 1),
      ev("TransferSingle", { operator: ALICE, from: ALICE, to: BOB, id: 1n, value: 5_000n }),
      ev("RevocationVoteRecorded", {
        claimId: 1n,
        verifier: VER1,
        units: 1_000,
        reasonHash: keccak256(stringToHex("x")),
        votes: 1,
        threshold: 2,
        reason: "x",
      }),
    );
  }

  it("claimPage: newest first, filtered, with the registry's (or the methodology's) totals", () => {
    const s = market();
    const all = claimPage(s, {}, 2);
    expect(all.claims.map((c) => c.id)).toEqual([3n, 2n]);
    expect(all.more).toBe(true);
    expect(all.totals).toEqual({ count: 3, claimed: 56_000n, verified: 35_000n, retired: 0n, revoked: 0n });
    expect(claimPage(s, { place: "NL" }, 10).claims.map((c) => c.id)).toEqual([3n, 1n]);
    expect(claimPage(s, { place: "NL-ZH" }, 10).claims.map((c) => c.id)).toEqual([3n, 1n]);
    expect(claimPage(s, { place: "N" }, 10).claims).toEqual([]);
    expect(claimPage(s, { status: 2 }, 10).claims.map((c) => c.id)).toEqual([1n]);
    expect(claimPage(s, { claimant: BOB }, 10).claims.map((c) => c.id)).toEqual([3n, 2n]);
    const m2 = claimPage(s, { methodologyId: 2 }, 10);
    expect(m2.totals).toEqual({ count: 1, claimed: 7_000n, verified: 0n, retired: 0n, revoked: 0n });
    expect(all.claims[0]).toMatchObject({ jurisdictionCode: "NL-ZH", attestedMin: 9_000n, verifiedUnits: 0n });
  });

  it("verifierQueue and myVotes: the queue leaves out own claims, claims voted on and claims before the verifier's slot", () => {
    const s = market();
    impactFold.apply(s, [ev("VerifierSlotAssigned", { verifier: VER2, slot: 1, firstClaimId: 3n })]);
    const queue = (v: Address) => verifierQueue(s, v, undefined).items.map((c) => c.id);
    expect(queue(VER1)).toEqual([2n]);
    expect(queue(VER2)).toEqual([3n]);
    expect(queue(BOB)).toEqual([]);
    // A claim to revoke: the claimant's units and the open vote.
    const revocable = claimDetail(s, s.claims.get(1n)!, token);
    expect([revocable.claimantBalance, revocable.openRevocation.length]).toEqual([30_000n, 1]);
    const votes = myVotes(s, VER1, undefined);
    expect(votes.items.map((v) => [v.claim.id, v.approve, v.units])).toEqual([
      [3n, true, 9_000n],
      [1n, true, 38_000n],
    ]);
    expect(votes.next).toBeUndefined();
    // The page after claim 3: the older vote only.
    expect(myVotes(s, VER1, "3").items.map((v) => v.claim.id)).toEqual([1n]);
  });

  it("holdings, claimDetail and certificateView (flagged once the claim has revoked units)", () => {
    const s = market();
    impactFold.apply(s, [
      ev("TransferSingle", { operator: BOB, from: BOB, to: ZERO, id: 1n, value: 1_000n }),
      ev("UnitsRetired", {
        claimId: 1n,
        holder: BOB,
        certificateId: 1n,
        certificateOwner: BOB,
        units: 1_000,
        beneficiary: "School",
        message: "",
      }),
    ]);
    const h = holdings(s, BOB);
    expect(h.items.map((u) => [u.claim.id, u.balance, u.retirable])).toEqual([[1n, 4_000n, 4_000n]]);
    expect(certificatesOf(s, BOB, undefined).items.map((c) => [c.id, c.flagged])).toEqual([[1n, false]]);
    expect(holdings(s, ALICE).items.map((u) => [u.claim.id, u.balance])).toEqual([[1n, 30_000n]]);
    const d = claimDetail(s, s.claims.get(1n)!, token);
    expect(d.holders).toEqual([
      { account: ALICE, balance: 30_000n },
      { account: BOB, balance: 4_000n },
    ]);
    expect(d.retirements.map((r) => r.certificateId)).toEqual([1n]);
    impactFold.apply(s, [
      ev("ClaimRevoked", {
        claimId: 1n,
        verifier: VER2,
        units: 1_000,
        totalRevoked: 1_000,
        frozenUnits: 1_000,
        reasonHash: keccak256(stringToHex("x")),
      }),
    ]);
    expect(certificateView(s, 1n)!.flagged).toBe(true);
    expect(certificateView(s, 2n)).toBeUndefined();
    expect(holdings(s, ALICE).items[0].retirable).toBe(29_000n);
    // More certificates than a page: newest first, the next page after the last id shown, none after the last.
    impactFold.apply(
      s,
      Array.from({ length: IMPACT_PAGE }, (_, i) =>
        ev("UnitsRetired", {
          claimId: 1n,
          holder: BOB,
          certificateId: BigInt(i + 2),
          certificateOwner: BOB,
          units: 1,
          beneficiary: "School",
          message: "",
        }),
      ),
    );
    const first = certificatesOf(s, BOB, undefined);
    expect(first.items.map((c) => Number(c.id))).toEqual(
      Array.from({ length: IMPACT_PAGE }, (_, i) => IMPACT_PAGE + 1 - i),
    );
    expect(first.next).toBe("2");
    expect(certificatesOf(s, BOB, first.next)).toMatchObject({ items: [{ id: 1n, flagged: true }], next: undefined });
  });
});
