// The council's own contracts (the seat token, the Governor, the timelock) as its proposals' calls to them read.
import { councilSeatAbi, councilTimelockAbi, thresholdsCouncilAbi } from "@cosmolocal/sdk";
import { decodeFunctionData } from "viem";
import { councilAddress, seatAddress, timelockAddress } from "../contracts";
import { formatDuration } from "../../shared/format";
import { nameOf } from "../../shared/names";
import type { GovernedContract } from "./action";

export const councilSeats: GovernedContract = {
  name: "The seat token",
  address: seatAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: councilSeatAbi, data });
    if (c.functionName === "seat") return `Seat ${nameOf(c.args[0])} on the council for ${c.args[1]}`;
    if (c.functionName === "unseat") return `Unseat ${nameOf(c.args[0])} from the council`;
    return `Council seats: ${c.functionName}`;
  },
};

export const governor: GovernedContract = {
  name: "The council",
  address: councilAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: thresholdsCouncilAbi, data });
    if (c.functionName === "setVotingDelay") return `Set the voting delay to ${formatDuration(Number(c.args[0]))}`;
    if (c.functionName === "setVotingPeriod") return `Set the voting period to ${formatDuration(Number(c.args[0]))}`;
    if (c.functionName === "updateQuorumNumerator") return `Set the quorum to ${c.args[0]} % of the seats`;
    if (c.functionName === "setProposalThreshold") return `Set the proposal threshold to ${c.args[0]} seat(s)`;
    return `Council: ${c.functionName}`;
  },
};

export const timelock: GovernedContract = {
  name: "The timelock",
  address: timelockAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: councilTimelockAbi, data });
    if (c.functionName === "updateDelay") return `Set the timelock delay to ${formatDuration(Number(c.args[0]))}`;
    return `Timelock: ${c.functionName}`;
  },
};
