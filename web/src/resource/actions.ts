// Every write of the resource module: simulated first (a revert is explained before the wallet opens), then sent
// through the shared transaction runner (a toast per stage), with the ResourceRegistry's custom errors worded in the
// resource's unit, with accounts and resources by name.
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address, ContractFunctionArgs, ContractFunctionName, Hex } from "viem";
import { useConfig } from "wagmi";
import type { simulateContract } from "wagmi/actions";
import { registryAddress, targetChain } from "../shared/config";
import type { ErrorContext } from "../shared/errors";
import { nameOf } from "../shared/names";
import { simulateThenWrite, useTransactor } from "../shared/tx";
import type { Resource } from "./data";

type Abi = typeof resourceRegistryAbi;
type Write = ContractFunctionName<Abi, "nonpayable">;
type SimulateRequest = Parameters<typeof simulateContract>[1];

export function useResourceActions(r: Resource | undefined, names: (id: bigint) => string) {
  const config = useConfig();
  const run = useTransactor();

  return useMemo(() => {
    const base = { address: registryAddress!, abi: resourceRegistryAbi, chainId: targetChain.id } as const;
    const explain: ErrorContext = { contract: "resource", amount: r?.unit.fmt, name: nameOf, resource: names };
    const fmt = (v: bigint) => (r ? r.unit.fmt(v) : v.toString());
    const call = <F extends Write>(title: string, functionName: F, args: ContractFunctionArgs<Abi, "nonpayable", F>) =>
      run(title, simulateThenWrite(config, { ...base, functionName, args } as SimulateRequest), explain);
    const id = r?.id ?? 0n;
    const name = r?.info.name ?? "";

    return {
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
  }, [config, run, r, names]);
}
