// The council's action registry: every kind of action a proposal can hold (each defined beside the module it
// governs), and every contract whose calls a proposal is read against.
import { commonfare } from "../../commonfare/council/calls";
import { creditNetwork } from "../../credit/council/calls";
import { stewardOff, stewardOn } from "../../credit/council/steward";
import { designCommons } from "../../designs/council/calls";
import { commonsEntity } from "../../designs/council/entity";
import { impactRegistry } from "../../impact/council/calls";
import { methodology } from "../../impact/council/methodology";
import { verifierOff, verifierOn } from "../../impact/council/verifier";
import { resourceRegistry } from "../../resource/council/calls";
import { closed } from "../../resource/council/closed";
import { quota } from "../../resource/council/quota";
import { register } from "../../resource/council/register";
import { assessor, buyer } from "../../resource/council/roles";
import { rule } from "../../resource/council/rule";
import { coordinatorCap, defaultBudget, memberBudget } from "../../sponsorship/council/budgets";
import { membersPaymaster } from "../../sponsorship/council/calls";
import { withdrawDeposit } from "../../sponsorship/council/deposit";
import { stake, unlockStake, withdrawStake } from "../../sponsorship/council/stake";
import { callTarget } from "../../sponsorship/council/targets";
import type { ActionKind, GovernedContract } from "./action";
import { councilSeats, governor, timelock } from "./contracts";
import { seat } from "./seat";

/** The kinds offered on this chain (those whose contract is deployed), in the picker's order. */
export const ACTIONS: readonly ActionKind[] = [
  register,
  rule,
  quota,
  closed,
  assessor,
  buyer,
  seat,
  verifierOn,
  verifierOff,
  methodology,
  stewardOn,
  stewardOff,
  defaultBudget,
  coordinatorCap,
  memberBudget,
  callTarget,
  withdrawDeposit,
  stake,
  unlockStake,
  withdrawStake,
  commonsEntity,
].filter((a) => a.available);

export const GOVERNED: readonly GovernedContract[] = [
  resourceRegistry,
  impactRegistry,
  creditNetwork,
  membersPaymaster,
  designCommons,
  commonfare,
  councilSeats,
  governor,
  timelock,
];
