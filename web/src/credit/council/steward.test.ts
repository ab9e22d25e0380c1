// The council's credit-steward actions: a draft becomes a grantRole / revokeRole(STEWARD_ROLE, account) call to the
// credit network, worded as the proposal shows it; a draft without an account says what is missing.
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { decodeFunctionData, getAddress } from "viem";
import { describe, expect, it } from "vitest";
import type { ProposalContext } from "../../council/actions/action";
import { roleCalls } from "../../council/actions/role";
import { creditNetwork, STEWARD_ROLE } from "./calls";

const NETWORK = getAddress("0x0000000000000000000000000000000000000c00");
const FAY = getAddress("0x00000000000000000000000000000000000000f4");
const ctx = { before: [] } as unknown as ProposalContext;
const deployed = { ...creditNetwork, address: NETWORK };
const change = (functionName: "grantRole" | "revokeRole") => ({
  label: functionName === "grantRole" ? "Appoint credit steward" : "Remove credit steward",
  contract: deployed,
  role: STEWARD_ROLE,
  functionName,
});

describe("credit steward council actions", () => {
  it("appoint: one grantRole(STEWARD_ROLE, account) call to the network, in plain words", () => {
    const parsed = roleCalls(change("grantRole"), FAY, ctx);
    if (!("value" in parsed)) throw new Error(parsed.error);
    expect(parsed.value).toHaveLength(1);
    const [call] = parsed.value;
    expect(call.target).toBe(NETWORK);
    const decoded = decodeFunctionData({ abi: creditNetworkAbi, data: call.data });
    expect(decoded).toEqual({ functionName: "grantRole", args: [STEWARD_ROLE, FAY] });
    expect(call.summary).toMatch(/^Appoint .* as a credit steward$/);
  });

  it("a draft without an account says what is missing", () => {
    expect(roleCalls(change("revokeRole"), "", ctx)).toEqual({ error: "Remove credit steward: choose the account." });
    expect(roleCalls(change("revokeRole"), "0x12", ctx)).toEqual({
      error: "Remove credit steward: “0x12” is not a valid address (0x and 40 hexadecimal digits).",
    });
  });

  it("reads a removal and a role other than the steward's in plain words", () => {
    const revoke = "0xd547741f" as const; // revokeRole(bytes32,address)
    expect(creditNetwork.describe(`${revoke}${STEWARD_ROLE.slice(2)}${FAY.slice(2).padStart(64, "0")}`, ctx)).toMatch(
      /^Remove .* as a credit steward$/,
    );
    const admin = `0x${"00".repeat(32)}`;
    expect(creditNetwork.describe(`${revoke}${admin.slice(2)}${FAY.slice(2).padStart(64, "0")}`, ctx)).toMatch(
      /^Revoke role .+ of the credit network from /,
    );
  });
});
