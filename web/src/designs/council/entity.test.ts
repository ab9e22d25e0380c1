// The council's design-commons action and calls: every owner call of DesignCommons read in plain words, and the
// accredit / revoke draft parsed into its call or into what is wrong (an invalid or zero address, no description,
// an entity already in that state as read, or as the proposal's earlier calls leave it).
import { designCommonsAbi } from "@cosmolocal/sdk";
import { decodeFunctionData, encodeFunctionData, getAddress, zeroAddress, type Hex } from "viem";
import { describe, expect, it, vi } from "vitest";
import type { Call, ProposalContext } from "../../council/actions/action";
import { parseDraft } from "../../council/actions/testing";
import { ACTIONS, GOVERNED } from "../../council/actions";
import type { CouncilOverview } from "../../council/data";
import { describeCalls } from "../../council/decode";
import { nameOf } from "../../shared/names";
import { designCommons } from "./calls";
import { accreditedAfter, commonsEntity } from "./entity";

const { COMMONS } = vi.hoisted(() => ({ COMMONS: "0x00000000000000000000000000000000000000dC" }) as const);
const FAY = getAddress("0x00000000000000000000000000000000000000F4");
const OTHER = getAddress("0x0000000000000000000000000000000000000aBc");
const URI = "https://example.org/open-coop/statutes";

// The chain's deployment: the design commons.
vi.mock("../../shared/config", async (original) => ({
  ...(await original<typeof import("../../shared/config")>()),
  deployed: { DesignCommons: { address: COMMONS, startBlock: 1 } },
}));

const council = { time: 1_000_000, votingDelay: 1, votingPeriod: 1, timelockDelay: 1 } as CouncilOverview;
const ctxOf = (before: Call[] = []): ProposalContext => ({ council, before });
const call = (functionName: string, args: readonly unknown[] = []) =>
  encodeFunctionData({ abi: designCommonsAbi, functionName, args } as never) as Hex;
const words = (data: Hex) => designCommons.describe(data, ctxOf());

const problem = (patch: object, ctx = ctxOf()) => {
  const parsed = parseDraft(commonsEntity, patch, ctx);
  return "error" in parsed ? parsed.error : undefined;
};
/** The one call a draft parses into, decoded (failing the test with its problem otherwise). */
function parsedCall(patch: object, ctx = ctxOf()) {
  const parsed = parseDraft(commonsEntity, patch, ctx);
  if ("error" in parsed) throw new Error(parsed.error);
  expect(parsed.value).toHaveLength(1);
  const [c] = parsed.value;
  expect(c.target).toBe(COMMONS);
  expect(c.value).toBeUndefined();
  return { ...c, decoded: decodeFunctionData({ abi: designCommonsAbi, data: c.data }) };
}

describe("the design commons' calls in plain words", () => {
  it("words the accreditations and the ownership, and reads only its own ABI", () => {
    expect(words(call("accreditCommonsEntity", [FAY, URI]))).toBe(
      `Accredit ${nameOf(FAY)} as a commons entity (described at ${URI}): the licences it takes from then on are free`,
    );
    expect(words(call("accreditCommonsEntity", [FAY, ""]))).toBe(
      `Accredit ${nameOf(FAY)} as a commons entity: the licences it takes from then on are free`,
    );
    expect(words(call("revokeCommonsEntity", [FAY]))).toBe(
      `Withdraw ${nameOf(FAY)}'s accreditation as a commons entity: the licences it takes from then on pay the designs' terms (those it holds keep their tier)`,
    );
    expect(words(call("transferOwnership", [OTHER]))).toBe(
      `Offer the ownership of the design commons to ${nameOf(OTHER)} (it must accept)`,
    );
    expect(words(call("acceptOwnership"))).toBe("Accept the ownership of the design commons");
    expect(words(call("renounceOwnership"))).toMatch(/^Give up the ownership of the design commons: no one could/);
    expect(words(call("takeLicence", [3n]))).toBe("Design commons: takeLicence");
    expect(() => words("0x12345678")).toThrow();
  });

  it("is offered and read back by the council", () => {
    expect(GOVERNED).toContain(designCommons);
    expect(ACTIONS.map((a) => a.kind)).toContain("designsEntity");
    expect(describeCalls([COMMONS], [call("revokeCommonsEntity", [FAY])], [0n], ctxOf())[0]).toMatch(
      /^Withdraw .*'s accreditation as a commons entity/,
    );
  });
});

describe("the accredit / revoke action", () => {
  it("accredits: one call with the entity and its description, in the proposal's words", () => {
    const c = parsedCall({ entity: FAY.toLowerCase(), uri: `  ${URI} ` });
    expect(c.decoded).toEqual({ functionName: "accreditCommonsEntity", args: [FAY, URI] });
    expect(c.summary).toBe(words(call("accreditCommonsEntity", [FAY, URI])));
  });

  it("revokes: one call with the entity, no description needed", () => {
    expect(parsedCall({ accredit: false, entity: FAY }).decoded).toEqual({
      functionName: "revokeCommonsEntity",
      args: [FAY],
    });
  });

  it("says what is missing or invalid, the zero address in the contract's words", () => {
    expect(problem({})).toBe("Accredit a commons entity / revoke: choose the entity's account.");
    expect(problem({ entity: "0x12", uri: URI })).toBe(
      "Accredit a commons entity / revoke: “0x12” is not a valid address (0x and 40 hexadecimal digits).",
    );
    expect(problem({ entity: zeroAddress, uri: URI })).toBe(
      "The zero address cannot be accredited as a commons entity: choose the entity's account.",
    );
    expect(problem({ entity: FAY, uri: "  " })).toBe(
      "Accredit a commons entity / revoke: give the link where the entity is described (its statutes or its page).",
    );
  });

  it("refuses a change to the state the entity is in, as read for that account", () => {
    const accredited = { read: { entity: FAY, accredited: true } };
    expect(problem({ entity: FAY, uri: URI, ...accredited })).toBe(
      `${nameOf(FAY)} is accredited as a commons entity already.`,
    );
    expect(problem({ accredit: false, entity: FAY, read: { entity: FAY, accredited: false } })).toBe(
      `${nameOf(FAY)} is not accredited as a commons entity, so there is no accreditation to withdraw.`,
    );
    expect(parsedCall({ accredit: false, entity: FAY, ...accredited }).decoded.functionName).toBe(
      "revokeCommonsEntity",
    );
    // A reading for another account does not count.
    expect(parsedCall({ entity: OTHER, uri: URI, ...accredited }).decoded.args).toEqual([OTHER, URI]);
  });

  it("counts the proposal's earlier calls to the design commons", () => {
    const accrediting = [{ target: COMMONS, data: call("accreditCommonsEntity", [FAY, URI]) }];
    expect(problem({ entity: FAY, uri: URI }, ctxOf(accrediting))).toMatch(/is accredited as a commons entity already/);
    expect(parsedCall({ accredit: false, entity: FAY }, ctxOf(accrediting)).decoded.functionName).toBe(
      "revokeCommonsEntity",
    );
    const revoking = [...accrediting, { target: COMMONS, data: call("revokeCommonsEntity", [FAY]) }];
    expect(problem({ accredit: false, entity: FAY }, ctxOf(revoking))).toMatch(/no accreditation to withdraw/);
    // Calls to another contract, or about another entity, change nothing.
    expect(accreditedAfter(FAY, undefined, [{ target: OTHER, data: accrediting[0].data }])).toBeUndefined();
    expect(accreditedAfter(OTHER, false, accrediting)).toBe(false);
    expect(accreditedAfter(FAY, false, accrediting)).toBe(true);
  });
});
