// Every write of the resource module, typed by the ResourceRegistry's ABI and sent through the shared write, its
// errors worded in the resource's unit, with accounts and resources by name (and a form's known reverts in the same
// words).
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address, Hex } from "viem";
import { registryAddress } from "./contracts";
import { baseUnits, knownRevert, wordWith } from "../shared/errorWords";
import { nameOf } from "../shared/names";
import { useWrite, type WriteCall, type WriteName } from "../shared/tx";
import type { Resource } from "./data";
import { resourceErrors } from "./errors";

type Abi = typeof resourceRegistryAbi;

export function useResourceWrites(r: Resource | undefined, names: (id: bigint) => string) {
  const fmt = useMemo(() => (r ? r.unit.fmt : baseUnits), [r]);
  const ctx = useMemo(() => ({ name: nameOf, amount: fmt, resource: names }), [fmt, names]);
  const wordings = useMemo(() => [wordWith(resourceErrors, ctx)], [ctx]);
  const write = useWrite({ abi: resourceRegistryAbi, address: registryAddress }, wordings);

  return useMemo(() => {
    const call = <F extends WriteName<Abi>>(title: string, functionName: F, args: WriteCall<Abi, F>["args"]) =>
      write(title, { functionName, args });
    const id = r?.id ?? 0n;
    const name = r?.info.name ?? "";

    return {
      /** A revert a form knows before sending, in the words its decoded revert has. */
      refusal: knownRevert(resourceErrors, ctx),
      rollover: (season: number) => call(`Roll over ${name} to season ${season}`, "rollover", [id]),
      postAssessment: (season: number, biomass: bigint, reportHash: Hex) =>
        call(`Post the assessment of ${name}, season ${season}`, "postAssessment", [
          id,
          BigInt(season),
          biomass,
          reportHash,
        ]),
      transfer: (to: Address, amount: bigint) =>
        call(`Transfer ${fmt(amount)} of ${name} to ${nameOf(to)}`, "transferEntitlement", [id, to, amount]),
      approveBuyer: (buyer: Address, approved: boolean) =>
        call(`${approved ? "Approve" : "Stop approving"} ${nameOf(buyer)} as buyer`, "approveBuyer", [
          id,
          buyer,
          approved,
        ]),
      recordLanding: (holder: Address, amount: bigint, ticket: Hex) =>
        call(`Record a landing of ${fmt(amount)} by ${nameOf(holder)}`, "recordLanding", [id, holder, amount, ticket]),
    };
  }, [write, fmt, r, ctx]);
}
