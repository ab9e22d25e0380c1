// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Resource-cap registry ("Fishcoin")
/// @notice Living resources (e.g. fish stocks) traded only within what the ecosystem renews. The thresholds council
/// (its TimelockController) registers a resource with its harvest control rule and quota policy, accredits science
/// bodies and registers buyers. Before each season an accredited science body posts the assessed biomass; the
/// contract computes the season's cap from the rule, bounded by the maximum step change, so no one sets a cap by
/// hand. Rights come in two layers: permanent quota shares (ERC-1155, token id = resource id, fixed total) and each
/// season's entitlement = shares x allocation per share. Entitlement moves between holders within a season
/// (recipient-side concentration cap, never in a closed period) and is burned by landings that registered buyers
/// record. Unused entitlement carries over up to a set percentage of the holder's own allocation; the rest is
/// "left in the sea" and reported when the season closes.
/// @dev Units. Biomass, caps and entitlement are amounts of the resource's unit with 18 decimals. Rates and shares of
/// a total are in basis points except the target fishing rate (WAD, 1e18 = the whole biomass per season).
/// Seasons are numbered from 1: season n runs [firstSeasonStart + (n-1) * seasonLength, + seasonLength).
/// Carry-over is part of the cap: when season n opens, the carry-over from n-1 (C) is taken out of cap n and the
/// rest is allocated per share, allocationPerShare = floor((cap - C) / totalShares). If C > cap (a deep cut, or no
/// assessment) the carry-over is void and the whole cap is allocated. Each holder's carry into n+1 is
/// min(unused, seasonShares x carryLimitPerShare(n)), with carryLimitPerShare = floor(allocationPerShare x
/// carryOverBps / 10000).
/// Lazy accounting (rollover costs O(1) whatever the number of holders): a holder's entitlement is settled into
/// the current season the first time it is touched in it. A holder untouched during a season has unused >= its
/// carry limit, so its carry is exactly seasonShares x carryLimitPerShare; the contract keeps the season's total
/// carry as T x carryLimitPerShare minus every touched holder's shortfall (updated in O(1) on each change), so the
/// closing report (landed, carried over, left in the sea) is exact without visiting holders.
/// Invariants (IDs refer to docs/invariants.md):
/// - RC-1 the landed total of a season never exceeds its cap: sum of entitlements + landed + unallocated = cap
///   during the season, with unallocated = cap - carriedIn - totalShares x allocationPerShare (rounding, < T units).
/// - RC-2 a season closes with landed + carriedOver + leftInSea = cap, and carriedOver is exactly the sum of the
///   holders' carries into the next season.
/// - RC-3 no transfer leaves its recipient holding (entitlement + landed this season) above the concentration cap,
///   or more shares than the same percentage of all shares; a holder's own allocation is never taken away.
/// - RC-4 a cap is the rule's value for the assessed biomass, clamped to at most maxRiseBps above and maxCutBps below
///   the previous season's cap when that was non-zero; the rule is continuous, piecewise linear, non-decreasing.
/// - RC-5 no entitlement moves and nothing is landed during a closed period; shares are fixed in total.
/// - TC-4 the council role only ever passes to a TimelockController that accepted it: `proposeCouncil` refuses
///   anything that does not answer `getMinDelay()`, and only the pending council's own `acceptCouncil` moves it.
interface IResourceRegistry {
    // ------------------------------------------------------------------------------------------------ types

    /// @notice Harvest control rule ("hockey stick"): cap = targetRate x biomass at or above the precautionary level;
    /// between the limit and precautionary levels the cap falls linearly to zero; at or below the limit it is zero.
    /// @param targetRate Target fishing rate F, WAD (0.2e18 = 20 % of the biomass per season); at most 1e18.
    /// @param precautionaryBiomass Bpa (18 decimals); must be above `limitBiomass`.
    /// @param limitBiomass Blim (18 decimals).
    /// @param maxRiseBps Largest increase of the cap from one season to the next, in basis points (at most 10000).
    /// @param maxCutBps Largest decrease, in basis points (at most 10000; 10000 lets the rule close the fishery
    /// in one season).
    struct HarvestRule {
        uint64 targetRate;
        uint96 precautionaryBiomass;
        uint96 limitBiomass;
        uint16 maxRiseBps;
        uint16 maxCutBps;
    }

    /// @notice A closed period (e.g. spawning weeks), as seconds from the start of every season: [start, end).
    struct ClosedPeriod {
        uint32 start;
        uint32 end;
    }

    /// @notice Everything the council decides when registering a resource.
    /// @param name e.g. "North Sea plaice".
    /// @param unit e.g. "t" (amounts carry 18 decimals of it).
    /// @param firstSeasonStart Unix time season 1 opens; must be in the future (its assessment comes first).
    /// @param seasonLength Seconds per season (e.g. 365 days); fixed for the resource's life.
    /// @param rule The harvest control rule.
    /// @param carryOverBps Unused entitlement carried to the next season, as a share of the holder's allocation.
    /// @param concentrationCapBps Most a recipient may hold or land in a season, as a share of the season's cap;
    /// the same share of all quota shares bounds share transfers.
    /// @param closedPeriods Up to 4, sorted, non-overlapping, within the season.
    struct ResourceConfig {
        string name;
        string unit;
        uint64 firstSeasonStart;
        uint32 seasonLength;
        HarvestRule rule;
        uint16 carryOverBps;
        uint16 concentrationCapBps;
        ClosedPeriod[] closedPeriods;
    }

    /// @notice A resource as seen from outside.
    struct ResourceInfo {
        string name;
        string unit;
        uint64 firstSeasonStart;
        uint32 seasonLength;
        uint32 totalShares;
        uint32 openedSeason;
        uint32 lastAssessedSeason;
        HarvestRule rule;
        uint16 carryOverBps;
        uint16 concentrationCapBps;
        ClosedPeriod[] closedPeriods;
    }

    /// @notice A season as seen from outside. Fields after `reportHash` are set when the season opens; the last two
    /// when it closes (the next season opens).
    /// @param assessed An assessment was posted (otherwise the cap is 0: no fishing without science).
    /// @param biomass Assessed biomass.
    /// @param ruleCap The rule's value for `biomass`, before the step bound.
    /// @param cap The season's cap (total allowable landing).
    /// @param reportHash Hash of the science body's report.
    /// @param opened The season has opened (allocations fixed).
    /// @param carryVoided The carry-over from the previous season did not fit in this cap and was void.
    /// @param carriedIn Carry-over taken into this season (inside the cap).
    /// @param allocationPerShare Fresh entitlement per quota share.
    /// @param carryLimitPerShare Most a holder can carry into the next season, per quota share it held.
    /// @param landed Landed so far.
    /// @param carryForward While open: the carry the next season would receive if the season ended now.
    /// @param closed The season closed (the next one opened).
    /// @param leftInSea cap - landed - carried over, once closed.
    struct SeasonInfo {
        bool assessed;
        uint256 biomass;
        uint256 ruleCap;
        uint256 cap;
        bytes32 reportHash;
        bool opened;
        bool carryVoided;
        uint256 carriedIn;
        uint256 allocationPerShare;
        uint256 carryLimitPerShare;
        uint256 landed;
        uint256 carryForward;
        bool closed;
        uint256 leftInSea;
    }

    /// @notice A holder's position in the current season (computed lazily for holders not yet touched in it).
    /// @param season Current season (0 before season 1 opens).
    /// @param shares Quota shares held now.
    /// @param seasonShares Shares the season's allocation was computed from (held when the season opened).
    /// @param settled The holder was touched this season (its position is stored); the carry-over it received is in
    /// its {EntitlementSettled} event.
    /// @param allocated Fresh allocation this season (seasonShares x allocationPerShare).
    /// @param pendingCarryIn Not settled yet: the carry-over it will receive from the previous season (counted in
    /// `entitlement`); 0 once settled.
    /// @param entitlement Entitlement held now (allocated + carry-over + received - sent - landed).
    /// @param landed Landed this season.
    /// @param carryLimit Most that can carry into the next season (seasonShares x carryLimitPerShare).
    struct Holding {
        uint256 season;
        uint256 shares;
        uint256 seasonShares;
        bool settled;
        uint256 allocated;
        uint256 pendingCarryIn;
        uint256 entitlement;
        uint256 landed;
        uint256 carryLimit;
    }

    // ------------------------------------------------------------------------------------------------ events

    /// @notice The council role passed from `previousCouncil` to `newCouncil` (at deployment, or when a proposed
    /// council accepted it).
    event CouncilChanged(address indexed previousCouncil, address indexed newCouncil);
    /// @notice `council` proposed to hand its role to `pendingCouncil`, which must accept it (`acceptCouncil`).
    event CouncilHandoverProposed(address indexed council, address indexed pendingCouncil);
    /// @notice `council` withdrew its proposal to hand its role to `pendingCouncil`.
    event CouncilHandoverCancelled(address indexed council, address indexed pendingCouncil);
    /// @notice Resource `resourceId` was registered with `totalShares` quota shares (minted to the initial holders).
    event ResourceRegistered(
        uint256 indexed resourceId,
        string name,
        string unit,
        uint64 firstSeasonStart,
        uint32 seasonLength,
        uint32 totalShares
    );
    /// @notice The harvest control rule of `resourceId` is now `rule` (applies from the next assessment).
    event HarvestRuleSet(uint256 indexed resourceId, HarvestRule rule);
    /// @notice The quota policy of `resourceId` changed (carry-over applies to seasons opening from now on).
    event QuotaPolicySet(uint256 indexed resourceId, uint16 carryOverBps, uint16 concentrationCapBps);
    /// @notice The closed periods of `resourceId` are now `periods`.
    event ClosedPeriodsSet(uint256 indexed resourceId, ClosedPeriod[] periods);
    /// @notice `assessor` was accredited (or its accreditation withdrawn) as a science body for `resourceId`.
    event AssessorAccreditationSet(uint256 indexed resourceId, address indexed assessor, bool accredited);
    /// @notice `buyer` was registered (or deregistered) as a buyer / port that records landings of `resourceId`.
    event BuyerRegistrationSet(uint256 indexed resourceId, address indexed buyer, bool registered);
    /// @notice `holder` allowed (or stopped allowing) `buyer` to record its landings of `resourceId`.
    event BuyerApprovalSet(uint256 indexed resourceId, address indexed holder, address indexed buyer, bool approved);
    /// @notice `assessor` posted the assessment of `season`; the rule gave `ruleCap`, the step bound made it `cap`.
    event AssessmentPosted(
        uint256 indexed resourceId,
        uint256 indexed season,
        address indexed assessor,
        uint256 biomass,
        bytes32 reportHash,
        uint256 ruleCap,
        uint256 cap
    );
    /// @notice `season` opened: `carriedIn` came from the previous season (0 and `carryVoided` if it did not fit).
    event SeasonOpened(
        uint256 indexed resourceId,
        uint256 indexed season,
        uint256 cap,
        uint256 carriedIn,
        bool carryVoided,
        uint256 allocationPerShare,
        uint256 carryLimitPerShare
    );
    /// @notice `season` closed: of its cap, `landed` was landed, `carriedOver` went to the next season and
    /// `leftInSea` expired.
    event SeasonClosed(
        uint256 indexed resourceId,
        uint256 indexed season,
        uint256 cap,
        uint256 landed,
        uint256 carriedOver,
        uint256 leftInSea
    );
    /// @notice `holder`'s entitlement was settled into `season` (first touch in it): `allocated` fresh from its
    /// shares plus `carriedIn` from the previous season.
    event EntitlementSettled(
        uint256 indexed resourceId,
        uint256 indexed season,
        address indexed holder,
        uint256 allocated,
        uint256 carriedIn
    );
    /// @notice `from` transferred `amount` of `season`'s entitlement to `to`.
    event EntitlementTransferred(
        uint256 indexed resourceId,
        address indexed from,
        address indexed to,
        uint256 season,
        uint256 amount
    );
    /// @notice `buyer` recorded a landing of `amount` by `holder` (fish ticket `ticket`), burning entitlement.
    event Landed(
        uint256 indexed resourceId,
        address indexed holder,
        address indexed buyer,
        uint256 season,
        uint256 amount,
        bytes32 ticket
    );

    // ------------------------------------------------------------------------------------------------ errors

    /// @notice Thrown when `caller` is not `council` (the council's timelock) but calls a council function: registering
    /// a resource, changing its rule, quota policy or closed periods, accrediting assessors and buyers, or handing the
    /// council role over. Parameter changes and accreditations wait out the timelock.
    error CallerNotCouncil(address caller, address council);
    /// @notice Thrown when no resource `resourceId` is registered (ids start at 1).
    error UnknownResource(uint256 resourceId);
    /// @notice Thrown when a harvest rule's `limitBiomass` (Blim) is not below its `precautionaryBiomass` (Bpa).
    error RuleOutOfOrder(uint256 limitBiomass, uint256 precautionaryBiomass);
    /// @notice Thrown when a harvest rule's `targetRate` is above 1e18 (fishing more than the whole biomass).
    error TargetRateTooHigh(uint256 targetRate);
    /// @notice Thrown when a basis-point parameter (`maxRiseBps` or `maxCutBps` of a rule, `carryOverBps` or
    /// `concentrationCapBps` of a quota policy) is `bps`, above 10000.
    error BasisPointsOutOfRange(uint256 bps);
    /// @notice Thrown when a quota policy's `concentrationCapBps` is 0 (nobody could hold anything).
    error ZeroConcentrationCap();
    /// @notice Thrown when a resource is registered with a season length of 0.
    error ZeroSeasonLength();
    /// @notice Thrown when a resource is registered with season 1 opening at `firstSeasonStart`, not after
    /// `timestamp` (the block's time): season 1 must open in the future, so its assessment can be posted first.
    error FirstSeasonInPast(uint256 firstSeasonStart, uint256 timestamp);
    /// @notice Thrown when `count` closed periods are set, more than `max` (4).
    error TooManyClosedPeriods(uint256 count, uint256 max);
    /// @notice Thrown when closed period `index` (counting from 0), `start`..`end` seconds into the season, is empty
    /// (`start >= end`), starts before the previous one ends, or ends after the season.
    error ClosedPeriodOutOfOrder(uint256 index, uint32 start, uint32 end);
    /// @notice Thrown when a resource is registered with no initial holders, with `holders` and `shares` of different
    /// lengths, or with a holder that is address(0), has 0 shares or is listed twice.
    error InvalidInitialHolders();
    /// @notice Thrown when the initial quota shares total `totalShares`, above 2^32 - 1.
    error InvalidTotalShares(uint256 totalShares);
    /// @notice Thrown when `account` posts an assessment for `resourceId` without being an accredited science body of
    /// it.
    error UnaccreditedAssessor(uint256 resourceId, address account);
    /// @notice Thrown when an assessment is posted for `season` but only the next season, `expectedSeason`, can be
    /// assessed (before it opens).
    error StaleSeason(uint256 resourceId, uint256 season, uint256 expectedSeason);
    /// @notice Thrown when an assessment is posted for `season`, which already has one.
    error AlreadyAssessed(uint256 resourceId, uint256 season);
    /// @notice Thrown when an assessment or a cap preview is given a `biomass` above 2^96 - 1 (the registry's amounts).
    error BiomassTooLarge(uint256 biomass);
    /// @notice Thrown when `account` records a landing of `resourceId` without being a registered buyer of it.
    error UnregisteredBuyer(uint256 resourceId, address account);
    /// @notice Thrown when `buyer` records a landing of `holder`, which has not approved it as its buyer.
    error BuyerNotApproved(uint256 resourceId, address holder, address buyer);
    /// @notice Thrown when entitlement is transferred or landed before season 1 opens at `opensAt` (unix time).
    error NoOpenSeason(uint256 resourceId, uint256 opensAt);
    /// @notice Thrown when entitlement is transferred or landed during a closed period, which runs from `from` to
    /// `until` (unix times).
    error ClosedPeriodActive(uint256 resourceId, uint256 from, uint256 until);
    /// @notice Thrown when an entitlement transfer would give `recipient` `wouldHold` (entitlement + landed this
    /// season), above `maxHolding` (the season's cap x the concentration cap).
    error ConcentrationCapExceeded(uint256 resourceId, address recipient, uint256 maxHolding, uint256 wouldHold);
    /// @notice Thrown when a share transfer or an initial allocation would give `recipient` `wouldHold` quota shares,
    /// above `maxShares` (the total shares x the concentration cap).
    error ShareCapExceeded(uint256 resourceId, address recipient, uint256 maxShares, uint256 wouldHold);
    /// @notice Thrown when `holder` transfers `amount` of entitlement but holds only `entitlement`.
    error InsufficientEntitlement(uint256 resourceId, address holder, uint256 entitlement, uint256 amount);
    /// @notice Thrown when a landing of `amount` is recorded for `holder`, which holds only `entitlement`.
    error LandingExceedsEntitlement(uint256 resourceId, address holder, uint256 entitlement, uint256 amount);
    /// @notice Thrown when an entitlement transfer or a landing is of 0.
    error ZeroAmount();
    /// @notice Thrown when entitlement is transferred to `recipient` that is address(0) or the sender itself.
    error InvalidRecipient(address recipient);
    /// @notice Thrown when {rollover} is called but the current season, `season`, is already open.
    error NothingToRollOver(uint256 resourceId, uint256 season);
    /// @notice Thrown when address(0) is given as the council (at deployment or in a handover).
    error InvalidCouncil();
    /// @notice Thrown when the council role is offered to `account`, which is not a TimelockController (it has no
    /// code or does not answer `getMinDelay()`): the role must stay behind a vote and a delay.
    error CouncilNotTimelock(address account);
    /// @notice Thrown when `caller` accepts the council role but `pendingCouncil` is the account it was offered to
    /// (address(0): no handover is pending).
    error CallerNotPendingCouncil(address caller, address pendingCouncil);
    /// @notice Thrown when the council withdraws a handover but none is pending.
    error NoCouncilHandover();

    // ------------------------------------------------------------------------------------------------ council

    /// @notice The council: the only account that may change parameters and accreditations (a TimelockController).
    function council() external view returns (address);

    /// @notice The account the council role was offered to and that has not accepted it yet (address(0): none).
    function pendingCouncil() external view returns (address);

    /// @notice Step 1 of handing the council role over: offer it to `newCouncil`, a TimelockController, which must
    /// then call `acceptCouncil`. Replaces any earlier offer. Only the council.
    /// @dev Reverts with CouncilNotTimelock unless `newCouncil` has code and answers `getMinDelay()`.
    function proposeCouncil(address newCouncil) external;

    /// @notice Step 2: the pending council takes the council role. Only the pending council.
    function acceptCouncil() external;

    /// @notice Withdraw the pending offer of the council role. Only the council.
    function cancelCouncilHandover() external;

    /// @notice Register a resource and mint its quota shares to the initial holders. Only the council.
    /// @dev Reverts unless the rule is ordered, basis points are at most 10000, season 1 starts in the future, the
    /// closed periods are valid, and no initial holder exceeds the share concentration cap.
    /// @return resourceId The new resource's id (1, 2, ...), also its quota-share token id.
    function registerResource(
        ResourceConfig calldata config,
        address[] calldata holders,
        uint32[] calldata shares
    ) external returns (uint256 resourceId);

    /// @notice Replace the harvest control rule; it applies from the next assessment. Only the council.
    function setHarvestRule(uint256 resourceId, HarvestRule calldata rule) external;

    /// @notice Change carry-over (for seasons opening from now on) and the concentration cap (for transfers from
    /// now on). Only the council.
    function setQuotaPolicy(uint256 resourceId, uint16 carryOverBps, uint16 concentrationCapBps) external;

    /// @notice Replace the closed periods. Only the council.
    function setClosedPeriods(uint256 resourceId, ClosedPeriod[] calldata periods) external;

    /// @notice Accredit a science body for `resourceId`, or withdraw its accreditation. Only the council.
    function setAssessor(uint256 resourceId, address assessor, bool accredited) external;

    /// @notice Register a buyer / port for `resourceId`, or deregister it. Only the council.
    function setBuyer(uint256 resourceId, address buyer, bool registered) external;

    // ------------------------------------------------------------------------------------------------ science

    /// @notice Post the assessed biomass for the next season (before it opens), with the report's hash. The cap is
    /// computed from the harvest rule and bounded by the step limits. Only an accredited science body.
    /// @return cap The season's cap.
    function postAssessment(
        uint256 resourceId,
        uint256 season,
        uint256 biomass,
        bytes32 reportHash
    ) external returns (uint256 cap);

    /// @notice The cap that `postAssessment(resourceId, season, biomass, ...)` would set now.
    /// @return ruleCap The rule's value for `biomass`.
    /// @return cap After the step bound relative to the previous season's cap.
    function previewCap(
        uint256 resourceId,
        uint256 season,
        uint256 biomass
    ) external view returns (uint256 ruleCap, uint256 cap);

    // ------------------------------------------------------------------------------------------------ seasons

    /// @notice Open the current season (closing the previous one with its report). Anyone; costs O(1) per season
    /// whatever the number of holders. Every other state change does this first when needed.
    function rollover(uint256 resourceId) external;

    // ------------------------------------------------------------------------------------------------ holders

    /// @notice Transfer `amount` of this season's entitlement to `to`. Not in a closed period; the recipient's
    /// entitlement + landed this season must stay within the concentration cap.
    function transferEntitlement(uint256 resourceId, address to, uint256 amount) external;

    /// @notice Allow (or stop allowing) `buyer` to record your landings of `resourceId`.
    function approveBuyer(uint256 resourceId, address buyer, bool approved) external;

    /// @notice Record a landing of `amount` by `holder`, burning that much of its entitlement. Only a registered
    /// buyer the holder has approved; not in a closed period.
    function recordLanding(uint256 resourceId, address holder, uint256 amount, bytes32 ticket) external;

    // ------------------------------------------------------------------------------------------------ views

    /// @notice Number of resources registered; ids are 1..resourceCount().
    function resourceCount() external view returns (uint256);

    /// @notice A resource's configuration and progress.
    function getResource(uint256 resourceId) external view returns (ResourceInfo memory);

    /// @notice A season's assessment, allocation and report.
    function getSeason(uint256 resourceId, uint256 season) external view returns (SeasonInfo memory);

    /// @notice The season running at `timestamp` (0 before season 1).
    function seasonAt(uint256 resourceId, uint256 timestamp) external view returns (uint256);

    /// @notice The season running now (0 before season 1).
    function currentSeason(uint256 resourceId) external view returns (uint256);

    /// @notice `holder`'s position in the current season, as if settled now.
    function holdingOf(uint256 resourceId, address holder) external view returns (Holding memory);

    /// @notice `holder`'s entitlement in the current season.
    function entitlementOf(uint256 resourceId, address holder) external view returns (uint256);

    /// @notice Most a recipient may hold or land in the current season (concentration cap x cap).
    function maxHolding(uint256 resourceId) external view returns (uint256);

    /// @notice Whether `timestamp` falls in a closed period, and that period's bounds (unix times).
    function closedPeriodAt(
        uint256 resourceId,
        uint256 timestamp
    ) external view returns (bool closed, uint256 from, uint256 until);

    /// @notice Whether `account` is an accredited science body for `resourceId`.
    function isAssessor(uint256 resourceId, address account) external view returns (bool);

    /// @notice Whether `account` is a registered buyer for `resourceId`.
    function isBuyer(uint256 resourceId, address account) external view returns (bool);

    /// @notice Whether `holder` allows `buyer` to record its landings of `resourceId`.
    function isBuyerApproved(uint256 resourceId, address holder, address buyer) external view returns (bool);
}
