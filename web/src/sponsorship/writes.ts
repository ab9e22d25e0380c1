// Every write of the coordinators' sponsored-gas screen, typed by the MembersPaymaster's ABI and sent through the
// shared write (refusals worded by the module's table: members by name, amounts in ETH).
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address } from "viem";
import { knownRevert, wordWith } from "../shared/errorWords";
import { nameOf } from "../shared/names";
import { useWrite } from "../shared/tx";
import { paymasterAddress } from "./contracts";
import { eth, sponsorshipErrors } from "./errors";

const ctx = { name: nameOf, amount: eth };
const wordings = [wordWith(sponsorshipErrors, ctx)];

export function useSponsorshipWrites() {
  const write = useWrite({ abi: membersPaymasterAbi, address: paymasterAddress }, wordings);
  return useMemo(
    () => ({
      /** A revert a form knows before sending, in the words its decoded revert has. */
      refusal: knownRevert(sponsorshipErrors, ctx),
      topUp: (value: bigint) =>
        write(`Top up the gas deposit with ${eth(value)}`, { functionName: "deposit", args: [], value }),
      setBudget: (member: Address, amount: bigint) =>
        write(`Give ${nameOf(member)} a gas budget of ${eth(amount)} per period`, {
          functionName: "setMemberBudget",
          args: [member, amount],
        }),
      clearBudget: (member: Address) =>
        write(`Put ${nameOf(member)} back on the default gas budget`, {
          functionName: "clearMemberBudget",
          args: [member],
        }),
    }),
    [write],
  );
}
