// Which contributions a member is offered to evaluate, decided by chain time (never the browser's clock).
import { MEMBER_ROLE } from "@cosmolocal/sdk";
import { describe, expect, it } from "vitest";
import type { Address } from "viem";
import { windowOpen } from "./bits";
import type { Contribution, Me } from "./data";
import { evaluationQueue } from "./EvaluationQueue";

const BEA = "0x00000000000000000000000000000000000000b0" as Address;
const CYRUS = "0x00000000000000000000000000000000000000c0" as Address;
const NOW = 1_800_000_000;

const contribution = (id: bigint, closesAt: number, patch: Partial<Contribution> = {}): Contribution => ({
  id,
  projectId: 1n,
  contributor: BEA,
  submitter: BEA,
  kindId: 0,
  quantity: 5n,
  evidenceHash: "0x00",
  evidenceURI: `ipfs://work-${id}`,
  closesAt,
  quorum: 2,
  minScore: 5,
  status: "Pending",
  evaluations: [],
  medianScoreX2: 0,
  points: 0n,
  ...patch,
});
const cyrus: Me = { account: CYRUS, roles: MEMBER_ROLE, points: 0n, income: {} };

describe("the evaluation window by chain time", () => {
  it("is open up to and including closesAt, closed after (as the ledger decides)", () => {
    expect(windowOpen({ closesAt: NOW }, NOW)).toBe(true);
    expect(windowOpen({ closesAt: NOW }, NOW + 1)).toBe(false);
  });

  it("offers the open contributions, soonest closing first; none whose window closed by chain time", () => {
    const pending = [contribution(1n, NOW + 100), contribution(2n, NOW - 1), contribution(3n, NOW + 10)];
    expect(evaluationQueue(pending, cyrus, NOW).map((c) => c.id)).toEqual([3n, 1n]);
    // After the dev clock moves 30 days, nothing is offered.
    expect(evaluationQueue(pending, cyrus, NOW + 30 * 86_400)).toEqual([]);
  });

  it("offers nothing before chain time is read, to a non-member, of one's own work, or already evaluated", () => {
    const open = contribution(1n, NOW + 100);
    expect(evaluationQueue([open], cyrus, undefined)).toEqual([]);
    expect(evaluationQueue([open], { ...cyrus, roles: 0 }, NOW)).toEqual([]);
    expect(evaluationQueue([contribution(2n, NOW + 100, { contributor: CYRUS })], cyrus, NOW)).toEqual([]);
    const scored = contribution(3n, NOW + 100, { evaluations: [{ evaluator: CYRUS, score: 8, commentHash: "0x00" }] });
    expect(evaluationQueue([scored], cyrus, NOW)).toEqual([]);
  });
});
