// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IContributionLedger} from "../contribution/IContributionLedger.sol";

/// @title Open design commons with CopyFair (Commons-Based Reciprocity) licences
/// @notice A design (an open hardware, product or process design) is the work of a {ContributionLedger} project: its
/// licence income is that project's income, shared by contribution points. Downloading and non-commercial use are
/// never gated: this contract records reciprocity, it does not make knowledge scarce. Commercial use takes a licence:
/// - commons-oriented entities (accredited by the council's timelock, the owner) and the design's own contributors
///   (points in its project) take it at no cost, and it is recorded, so the open books show who produces what;
/// - any other licensee pays the design's terms: a fee per unit produced ({reportProduction}) and/or per period of
///   use ({payPeriods}), in ETH or an ERC-20 the project accepts as income.
/// A licence is a non-transferable ERC-721 (ERC-5192 locked) with an expiry, and keeps the terms version it was taken
/// under. Terms are versioned ({setTerms}); a derivative design names its parent designs and records, when it is
/// registered, every ancestor up its chain (at most {MAX_ANCESTORS}) with the share of its fees each ancestor's terms
/// ask of derivatives then (together at most {MAX_ANCESTOR_SHARE_BPS}).
///
/// Where a fee goes, in the call that pays it ({FeeSplit}): each ancestor's share (`fee × share / 10000`, rounded
/// down) is credited to the ancestor's project and held here until anyone {release}s it into the ledger; the rest,
/// with every rounding remainder (rounding favours the design's own contributors), is deposited at once as the
/// design's project's income (`depositIncome` / `depositIncomeToken`), or held for the project while it has no point
/// holders yet. Contributors claim their income from the ledger by their points, as any income.
/// @dev Invariants (IDs refer to docs/invariants.md):
/// - DC-1 per currency, the fees paid = the ancestors' shares + the design projects' shares, and = what was deposited
///   into the ledger + what is held, to the wei; this contract's balance of the currency equals what it holds (ETH
///   forced in without a call, e.g. by SELFDESTRUCT, is neither counted nor moved).
/// - DC-2 a fee is split once: each payment credits its shares once, and a held amount is released once.
/// - DC-3 a commons licence (an accredited entity or a contributor with points when it was taken) never pays.
/// - DC-4 an expired licence cannot report production or pay periods, and no period paid starts at or after its
///   licence's expiry.
/// - DC-5 a content hash is registered once; an ancestor's recorded share never changes; at most MAX_ANCESTORS
///   ancestors with shares summing to at most MAX_ANCESTOR_SHARE_BPS.
/// - DC-6 a report operator's report is counted once and its fee is never lost: each report the licensee's approved
///   operator makes adds its units to the licence once and `units × feePerUnit` to what the licence owes; a licence's
///   fees owed only ever fall by the licensee's payments of them ({payOwed}), split as any fee; a report that cannot
///   be made (operator not approved, no licence, not commercial, expired) changes nothing.
interface IDesignCommons {
    // ------------------------------------------------------------------------------------------------ types

    /// @notice How a licence was taken.
    /// @dev `None` marks a licence id that does not exist.
    enum Tier {
        None,
        Commons,
        Commercial
    }

    /// @notice One version of a design's licence terms.
    /// @param currency What fees are paid in: address(0) for ETH, or an ERC-20 the design's project (and every
    /// ancestor's project) accepts as income.
    /// @param feePerUnit Fee per unit produced, in the currency's smallest unit (0: none).
    /// @param feePerPeriod Fee per period of use (0: none).
    /// @param periodLength The period of `feePerPeriod`, in seconds (> 0 when `feePerPeriod` is).
    /// @param licenceDuration How long a licence lasts from when it is taken, in seconds (> 0).
    /// @param derivativeShareBps The share of each fee of a derivative registered under this version that this design
    /// asks, in basis points (at most MAX_ANCESTOR_SHARE_BPS).
    struct Terms {
        address currency;
        uint96 feePerUnit;
        uint96 feePerPeriod;
        uint32 periodLength;
        uint32 licenceDuration;
        uint16 derivativeShareBps;
    }

    /// @notice What became of a report by an operator ({reportProductionAsOperator}).
    /// @dev `Reported` when the units were counted (and their fee owed); otherwise why nothing changed: the licensee
    /// does not approve the caller as its report operator, holds no licence on the design, holds a commons one (the
    /// operator reports only to commercial licences), or its licence has expired.
    enum ReportOutcome {
        Reported,
        OperatorNotApproved,
        NoLicence,
        NotCommercial,
        Expired
    }

    /// @notice A design as stored.
    /// @param projectId The contribution project whose contributors made it (its income is the design's).
    /// @param termsVersion The latest terms version (the first is 1); new licences take it.
    /// @param ancestorCount How many ancestors it records.
    /// @param ancestorShareBps The sum of its ancestors' shares.
    /// @param registeredAt When it was registered.
    struct Design {
        uint64 projectId;
        uint32 termsVersion;
        uint8 ancestorCount;
        uint16 ancestorShareBps;
        uint40 registeredAt;
    }

    /// @notice An ancestor of a design, with the share of the design's fees it receives.
    /// @param designId The ancestor design.
    /// @param projectId The ancestor's project, which receives the share.
    /// @param shareBps Its share of each fee, in basis points (its terms' `derivativeShareBps` when the derivative was
    /// registered).
    struct Ancestor {
        uint64 designId;
        uint64 projectId;
        uint16 shareBps;
    }

    /// @notice A licence as stored (its licensee is the ERC-721 owner of its id).
    /// @param designId The design licensed.
    /// @param termsVersion The terms it was taken under (kept for its whole life).
    /// @param tier Commons (no fee) or Commercial.
    /// @param takenAt When it was taken.
    /// @param expiresAt The end of its validity: it reports and pays only before.
    /// @param paidUntil Per-period fees are paid up to this time (`takenAt` until a first payment).
    /// @param unitsReported Units of production reported under it.
    /// @param feesPaid Fees paid under it, in the terms' currency.
    struct Licence {
        uint64 designId;
        uint32 termsVersion;
        Tier tier;
        uint40 takenAt;
        uint40 expiresAt;
        uint40 paidUntil;
        uint128 unitsReported;
        uint128 feesPaid;
    }

    // ------------------------------------------------------------------------------------------------ events

    /// @notice `registrant`, a member of project `projectId`, registered design `designId` with the files hashed to
    /// `contentHash` and its metadata at `metadataURI`, a derivative of `parents` (empty for an original).
    event DesignRegistered(
        uint64 indexed designId,
        uint64 indexed projectId,
        address indexed registrant,
        bytes32 contentHash,
        string metadataURI,
        uint64[] parents
    );
    /// @notice Design `designId` records `ancestorId` (of project `ancestorProjectId`) as an ancestor owed `shareBps`
    /// of each of its fees.
    event AncestorRecorded(
        uint64 indexed designId,
        uint64 indexed ancestorId,
        uint64 indexed ancestorProjectId,
        uint16 shareBps
    );
    /// @notice Version `version` of design `designId`'s terms was set by `by` (its registrant for version 1, then a
    /// coordinator of its project).
    event TermsSet(uint64 indexed designId, uint32 indexed version, Terms terms, address indexed by);
    /// @notice The owner accredited `entity` as commons-oriented (an open co-op, a non-profit), described at `uri`.
    event CommonsEntityAccredited(address indexed entity, string uri);
    /// @notice The owner withdrew `entity`'s accreditation: its later licences are commercial.
    event CommonsEntityRevoked(address indexed entity);
    /// @notice `licensee` took licence `licenceId` on design `designId` in `tier`, under terms version `termsVersion`,
    /// valid until `expiresAt`.
    event LicenceTaken(
        uint256 indexed licenceId,
        uint64 indexed designId,
        address indexed licensee,
        Tier tier,
        uint32 termsVersion,
        uint40 expiresAt
    );
    /// @notice Licence `licenceId`'s licensee reported `units` produced and paid `fee` (0 for a commons licence).
    event ProductionReported(uint256 indexed licenceId, uint64 indexed designId, uint128 units, uint256 fee);
    /// @notice `licensee` approved (`approved`) or withdrew its approval of `operator` to report production on its
    /// licences ({reportProductionAsOperator}).
    event ReportOperatorSet(address indexed licensee, address indexed operator, bool approved);
    /// @notice `operator`, approved by licence `licenceId`'s licensee, reported `units` produced under it for `ref` (the
    /// operator's reference, e.g. an order id); `fee` (units × the terms' fee per unit) is now owed by the licensee,
    /// `owed` in all.
    event ProductionReportedByOperator(
        uint256 indexed licenceId,
        uint64 indexed designId,
        address indexed operator,
        uint128 units,
        uint256 fee,
        uint256 owed,
        bytes32 ref
    );
    /// @notice Licence `licenceId`'s licensee paid `fee` of what its operators' reports made it owe; `owed` is left.
    event OwedFeesPaid(uint256 indexed licenceId, uint64 indexed designId, uint256 fee, uint256 owed);
    /// @notice Licence `licenceId`'s licensee paid `fee` for `periods` periods of use, now paid until `paidUntil`.
    event PeriodsPaid(
        uint256 indexed licenceId,
        uint64 indexed designId,
        uint32 periods,
        uint40 paidUntil,
        uint256 fee
    );
    /// @notice Of a fee paid for design `designId`, `amount` of `currency` was credited to ancestor `ancestorId`'s
    /// project `projectId` (held until released).
    event AncestorShareCredited(
        uint64 indexed designId,
        uint64 indexed ancestorId,
        uint64 indexed projectId,
        address currency,
        uint256 amount
    );
    /// @notice Of a fee paid for design `designId`, `amount` of `currency` went to the design's project `projectId`:
    /// deposited as its income, or held (`held`) while it has no point holders.
    event ProjectShareCredited(
        uint64 indexed designId,
        uint64 indexed projectId,
        address currency,
        uint256 amount,
        bool held
    );
    /// @notice `amount` of `currency` held for project `projectId` was deposited into the ledger as its income.
    event HeldReleased(uint64 indexed projectId, address indexed currency, uint256 amount, address indexed by);

    // ------------------------------------------------------------------------------------------------ errors

    /// @notice Thrown when a licensee names itself or the zero address as its report operator.
    error InvalidReportOperator(address operator);
    /// @notice Thrown when licence `licenceId`'s licensee pays `amount` of its fees owed, `owed`: zero, or more than is
    /// owed.
    error InvalidOwedPayment(uint256 licenceId, uint256 amount, uint256 owed);

    /// @notice Thrown when a design's content hash is zero.
    error EmptyContentHash();
    /// @notice Thrown when content hash `contentHash` is already design `designId`.
    error ContentAlreadyRegistered(bytes32 contentHash, uint64 designId);
    /// @notice Thrown when `account` registers a design for project `projectId` without being its member.
    error NotProjectMember(uint64 projectId, address account);
    /// @notice Thrown when `account`, not a coordinator of project `projectId`, sets the terms of one of its designs.
    error NotProjectCoordinator(uint64 projectId, address account);
    /// @notice Thrown when design `designId` does not exist.
    error UnknownDesign(uint64 designId);
    /// @notice Thrown when a derivative names parent `parentId` twice.
    error DuplicateParent(uint64 parentId);
    /// @notice Thrown when a derivative would record `count` ancestors, more than `max`.
    error TooManyAncestors(uint256 count, uint256 max);
    /// @notice Thrown when a derivative's ancestors would ask `shareBps` of its fees in all, more than `max`.
    error AncestorSharesTooHigh(uint256 shareBps, uint256 max);
    /// @notice Thrown when terms ask `shareBps` of derivatives, more than `max`.
    error DerivativeShareTooHigh(uint16 shareBps, uint256 max);
    /// @notice Thrown when terms give a licence duration of 0, or a per-period fee with a period length of 0.
    error InvalidDuration(uint32 licenceDuration, uint32 periodLength);
    /// @notice Thrown when project `projectId` (the design's or an ancestor's) does not accept `currency` as income.
    error CurrencyNotAccepted(uint64 projectId, address currency);
    /// @notice Thrown when the owner accredits address 0.
    error InvalidEntity(address entity);
    /// @notice Thrown when `licensee` takes a second licence on design `designId` while licence `licenceId` is valid.
    error LicenceStillValid(uint64 designId, address licensee, uint256 licenceId);
    /// @notice Thrown when licence `licenceId` does not exist.
    error UnknownLicence(uint256 licenceId);
    /// @notice Thrown when `account`, not its licensee, reports or pays under licence `licenceId`.
    error NotLicensee(uint256 licenceId, address account);
    /// @notice Thrown when licence `licenceId` expired at `expiresAt` (it no longer reports or pays).
    error LicenceExpired(uint256 licenceId, uint40 expiresAt);
    /// @notice Thrown when a licence would be transferred: licences are non-transferable (ERC-5192 locked).
    error LicenceNotTransferable(uint256 licenceId);
    /// @notice Thrown when production of 0 units, or 0 periods, is reported.
    error ZeroQuantity();
    /// @notice Thrown when a payment would pay for a period of licence `licenceId` that starts at or after its expiry
    /// `expiresAt` (a period it could not use).
    error PeriodsBeyondExpiry(uint256 licenceId, uint40 expiresAt);
    /// @notice Thrown when periods are paid under licence `licenceId`, which owes no per-period fee (a commons licence,
    /// or terms without one).
    error NoPeriodFee(uint256 licenceId);
    /// @notice Thrown when a payment of `expected` (ETH) came with `sent`, or ETH came with an ERC-20 fee.
    error IncorrectPayment(uint256 expected, uint256 sent);
    /// @notice Thrown when `currency` delivered `received` of a fee of `expected` (fee-on-transfer tokens are refused).
    error TransferAmountMismatch(address token, uint256 expected, uint256 received);
    /// @notice Thrown when nothing of `currency` is held for project `projectId`.
    error NothingHeld(uint64 projectId, address currency);
    /// @notice Thrown when an amount or a counter would reach `amount`, above `max`, the most its stored width holds.
    error AmountTooLarge(uint256 amount, uint256 max);

    // ------------------------------------------------------------------------------------------------ constants

    /// @notice The most ancestors a derivative records (8).
    function MAX_ANCESTORS() external view returns (uint256);

    /// @notice The most the ancestors together receive of a derivative's fees, in basis points (5000: 50 %).
    function MAX_ANCESTOR_SHARE_BPS() external view returns (uint256);

    /// @notice The contribution ledger whose projects make the designs and receive their income.
    function LEDGER() external view returns (IContributionLedger);

    // ------------------------------------------------------------------------------------------------ designs

    /// @notice Registers a design of project `projectId` (the caller must be its member) with its first terms; a
    /// derivative names its `parents` and records, from them, every ancestor with the share its latest terms ask.
    /// @param contentHash The hash of the design's files (registered once).
    /// @param metadataURI Where its description and files are (evented, not stored).
    /// @param projectId The contribution project whose contributors made it.
    /// @param terms Its first licence terms (version 1).
    /// @param parents The designs it derives from (empty for an original), each named once.
    /// @return designId The new design's id (the first is 1).
    function registerDesign(
        bytes32 contentHash,
        string calldata metadataURI,
        uint64 projectId,
        Terms calldata terms,
        uint64[] calldata parents
    ) external returns (uint64 designId);

    /// @notice Sets a new version of design `designId`'s terms (a coordinator of its project):
    /// licences taken from now on take it; existing licences and derivatives keep theirs.
    /// @return version The new version.
    function setTerms(uint64 designId, Terms calldata terms) external returns (uint32 version);

    // ------------------------------------------------------------------------------------------------ entities

    /// @notice Accredits `entity` as a commons-oriented entity (owner: the council's timelock); `uri` describes it.
    function accreditCommonsEntity(address entity, string calldata uri) external;

    /// @notice Withdraws `entity`'s accreditation (owner). Licences it holds keep their tier.
    function revokeCommonsEntity(address entity) external;

    // ------------------------------------------------------------------------------------------------ licences

    /// @notice Takes a licence on design `designId` under its latest terms: Commons (no fee) for an accredited entity or
    /// a contributor with points in the design's project, Commercial otherwise. One valid licence per licensee and
    /// design.
    /// @return licenceId The licence (an ERC-721 id owned by the caller, non-transferable).
    function takeLicence(uint64 designId) external returns (uint256 licenceId);

    /// @notice Reports `units` produced under licence `licenceId` (its licensee, before it expires) and pays
    /// `units × feePerUnit` of its terms (nothing under a commons licence): send the ETH, or approve the ERC-20.
    /// @return fee What was paid.
    function reportProduction(uint256 licenceId, uint128 units) external payable returns (uint256 fee);

    /// @notice Approves (`approved` true) or withdraws `operator` as the caller's report operator: a contract that
    /// reports production on the caller's licences as it happens (e.g. the cluster exchange, when an order naming a
    /// design the caller produces is delivered). Its reports are counted at once and their fees owed, paid later by the
    /// caller ({payOwed}). Evented every time; never the caller itself or the zero address.
    function setReportOperator(address operator, bool approved) external;

    /// @notice As a report operator of `licensee`, reports `units` produced of design `designId` for `ref` (the
    /// operator's reference): counted on `licensee`'s licence of the design, whose fee `units × feePerUnit` (of the
    /// licence's terms) the licensee then owes. Never reverts for the licence's state, so that the operator's own step
    /// (a delivery) never fails for it: when the licensee does not approve the caller, holds no licence on the design,
    /// holds a commons one, or it has expired, nothing changes and `outcome` says why. Reverts only for zero units.
    /// @return outcome Reported, or why not.
    /// @return licenceId The licence reported to (0 when the licensee holds none, or the caller is not approved).
    /// @return fee What the report made the licensee owe.
    function reportProductionAsOperator(
        uint64 designId,
        address licensee,
        uint128 units,
        bytes32 ref
    ) external returns (ReportOutcome outcome, uint256 licenceId, uint256 fee);

    /// @notice Pays `amount` of what licence `licenceId` owes for its operators' reports (its licensee; expired or
    /// not): send the ETH, or approve the ERC-20. Split exactly as a fee paid with {reportProduction}.
    /// @return owed What the licence still owes after it.
    function payOwed(uint256 licenceId, uint256 amount) external payable returns (uint256 owed);

    /// @notice Pays `periods × feePerPeriod` of licence `licenceId`'s terms (its licensee, before it expires, a
    /// commercial licence whose terms have a per-period fee): paid time extends from the later of `paidUntil` and now,
    /// and every period paid must start before the licence expires.
    /// @return fee What was paid.
    function payPeriods(uint256 licenceId, uint32 periods) external payable returns (uint256 fee);

    /// @notice Deposits everything held for project `projectId` in `currency` into the ledger as its income (anyone;
    /// the project must have point holders).
    /// @return amount What was released.
    function release(uint64 projectId, address currency) external returns (uint256 amount);

    // ------------------------------------------------------------------------------------------------ views

    /// @notice How many designs exist (ids 1..designCount).
    function designCount() external view returns (uint64);

    /// @notice Design `designId` (reverts for an unknown id).
    function design(uint64 designId) external view returns (Design memory);

    /// @notice The design registered with `contentHash` (0: none).
    function designOfContent(bytes32 contentHash) external view returns (uint64);

    /// @notice Version `version` of design `designId`'s terms (reverts for an unknown design; zero for an unknown
    /// version).
    function terms(uint64 designId, uint32 version) external view returns (Terms memory);

    /// @notice Design `designId`'s ancestors, nearest parents first, with their shares.
    function ancestorsOf(uint64 designId) external view returns (Ancestor[] memory);

    /// @notice Whether `entity` is accredited as commons-oriented now.
    function isCommonsEntity(address entity) external view returns (bool);

    /// @notice Whether `account` would take a commons licence on design `designId` now.
    function isCommonsFor(uint64 designId, address account) external view returns (bool);

    /// @notice How many licences were taken (ids 1..licenceCount).
    function licenceCount() external view returns (uint256);

    /// @notice Licence `licenceId` (tier None for an unknown id).
    function licence(uint256 licenceId) external view returns (Licence memory);

    /// @notice The latest licence `licensee` took on design `designId` (0: none).
    function licenceOf(uint64 designId, address licensee) external view returns (uint256);

    /// @notice Whether `licensee` approves `operator` now to report production on its licences.
    function isReportOperator(address licensee, address operator) external view returns (bool);

    /// @notice What licence `licenceId` owes for its operators' reports, in its terms' currency ({payOwed}).
    function feesOwed(uint256 licenceId) external view returns (uint256);

    /// @notice What is held here for project `projectId` in `currency`, waiting for {release}.
    function heldFor(uint64 projectId, address currency) external view returns (uint256);
}
