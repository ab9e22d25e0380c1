// The ResourceRegistry's custom errors in plain sentences, from their named arguments: amounts in the resource's unit,
// accounts and resources by name.
import type { resourceRegistryAbi } from "@cosmolocal/sdk";
import { zeroAddress } from "viem";
import type { ErrorTable, WordContext } from "../shared/errorWords";
import { formatDate, formatInt, sameAddress } from "../shared/format";

export interface ResourceWordContext extends WordContext {
  /** A resource's name by id. */
  resource: (resourceId: bigint) => string;
}

const day = (seconds: number) => Math.round(seconds / 86400);
const pct = (bps: bigint) => `${Number(bps) / 100} %`;

export const resourceErrors: ErrorTable<typeof resourceRegistryAbi, ResourceWordContext> = {
  CallerNotCouncil: ({ caller }, { name }) =>
    `${name(caller)} is not the council: parameters and accreditations change only through a council proposal (its timelock).`,
  UnknownResource: ({ resourceId }) => `Resource ${resourceId} does not exist.`,
  RuleOutOfOrder: ({ limitBiomass, precautionaryBiomass }, { amount }) =>
    `The limit biomass Blim (${amount(limitBiomass)}) must be below the precautionary biomass Bpa (${amount(precautionaryBiomass)}).`,
  TargetRateTooHigh: ({ targetRate }) =>
    `A target fishing rate F of ${Number(targetRate) / 1e18} is above 1 (the whole biomass).`,
  BasisPointsOutOfRange: ({ bps }) => `${pct(bps)} is above 100 %.`,
  ZeroConcentrationCap: () => "The concentration cap must be above 0 %.",
  ZeroSeasonLength: () => "A season must last longer than 0 days.",
  FirstSeasonInPast: ({ firstSeasonStart, timestamp }) =>
    `Season 1 would open on ${formatDate(Number(firstSeasonStart))}, which is not after the chain's time (${formatDate(Number(timestamp))}). Choose a later first season start.`,
  TooManyClosedPeriods: ({ count, max }) => `${count} closed periods are too many: at most ${max}.`,
  ClosedPeriodOutOfOrder: ({ index, start, end }) =>
    `Closed period ${index + 1n} (days ${day(start)}–${day(end)}) is empty, overlaps the one before, or ends after the season.`,
  InvalidInitialHolders: () => "Every initial holder needs an account (listed once) and at least one quota share.",
  InvalidTotalShares: ({ totalShares }) => `${totalShares} quota shares in total is out of range (1 to 4,294,967,295).`,
  UnaccreditedAssessor: ({ resourceId, account }, { name, resource }) =>
    `${name(account)} is not an accredited science body for ${resource(resourceId)}; the council accredits science bodies.`,
  StaleSeason: ({ resourceId, season, expectedSeason }, { resource }) =>
    `Assessments are posted for the next season only, before it opens: season ${expectedSeason} of ${resource(resourceId)}, not season ${season}.`,
  AlreadyAssessed: ({ resourceId, season }, { resource }) =>
    `Season ${season} of ${resource(resourceId)} is already assessed.`,
  BiomassTooLarge: ({ biomass }, { amount }) => `A biomass of ${amount(biomass)} is too large to record.`,
  UnregisteredBuyer: ({ resourceId, account }, { name, resource }) =>
    `${name(account)} is not a registered buyer for ${resource(resourceId)}; the council registers buyers and ports.`,
  BuyerNotApproved: ({ resourceId, holder, buyer }, { name, resource }) =>
    `${name(holder)} has not allowed ${name(buyer)} to record their landings of ${resource(resourceId)}. The holder approves buyers under "My quota".`,
  NoOpenSeason: ({ resourceId, opensAt }, { resource }) =>
    `No season of ${resource(resourceId)} is open yet: season 1 opens on ${formatDate(Number(opensAt))}.`,
  ClosedPeriodActive: ({ resourceId, from, until }, { resource }) =>
    `${resource(resourceId)} is in a closed period from ${formatDate(Number(from))} to ${formatDate(Number(until))}: no entitlement moves and nothing is landed.`,
  ConcentrationCapExceeded: ({ resourceId, recipient, maxHolding, wouldHold }, { name, amount, resource }) =>
    `${name(recipient)} would hold ${amount(wouldHold)} of ${resource(resourceId)} this season (entitlement + landed), above the concentration cap of ${amount(maxHolding)}.`,
  ShareCapExceeded: ({ resourceId, recipient, maxShares, wouldHold }, { name, resource }) =>
    `${name(recipient)} would hold ${formatInt(wouldHold)} quota shares of ${resource(resourceId)}, above the cap of ${formatInt(maxShares)}.`,
  InsufficientEntitlement: ({ holder, entitlement, amount: moved }, { name, amount }) =>
    `${name(holder)} holds ${amount(entitlement)} of this season's entitlement, less than the ${amount(moved)} to transfer.`,
  LandingExceedsEntitlement: ({ holder, entitlement, amount: landed }, { name, amount }) =>
    `${name(holder)} has ${amount(entitlement)} of this season's entitlement left, less than the ${amount(landed)} landed: the quota is used up.`,
  ZeroAmount: () => "The amount must be greater than zero.",
  InvalidRecipient: ({ recipient }, { name }) =>
    `${name(recipient)} cannot receive this entitlement (nobody, or the sender).`,
  NothingToRollOver: ({ resourceId, season }, { resource }) =>
    `Season ${season} of ${resource(resourceId)} is already open: there is nothing to roll over.`,
  InvalidCouncil: () => "The council cannot be the zero address.",
  CouncilNotTimelock: ({ account }, { name }) =>
    `${name(account)} is not a timelock: the council role can only go to a TimelockController, so every change stays behind a vote and a delay.`,
  CallerNotPendingCouncil: ({ caller, pendingCouncil }, { name }) =>
    sameAddress(pendingCouncil, zeroAddress)
      ? `${name(caller)} cannot accept the council role: nobody has been offered it.`
      : `${name(caller)} cannot accept the council role: it was offered to ${name(pendingCouncil)}.`,
  NoCouncilHandover: () => "There is no pending offer of the council role to withdraw.",
  ERC1155InsufficientBalance: ({ sender, balance, needed }, { name }) =>
    `${name(sender)} holds ${formatInt(balance)} quota shares, fewer than the ${formatInt(needed)} to transfer.`,
  ERC1155MissingApprovalForAll: ({ operator, owner }, { name }) =>
    `${name(owner)} has not allowed ${name(operator)} to move their quota shares.`,
  ERC1155InvalidReceiver: ({ receiver }, { name }) => `${name(receiver)} cannot receive quota shares.`,
  ERC1155InvalidSender: ({ sender }, { name }) => `${name(sender)} cannot send quota shares.`,
  ERC1155InvalidApprover: ({ approver }, { name }) => `${name(approver)} cannot approve an operator.`,
  ERC1155InvalidOperator: ({ operator }, { name }) => `${name(operator)} cannot be approved as an operator.`,
  ERC1155InvalidArrayLength: () => "Every quota share id needs an amount.",
};
