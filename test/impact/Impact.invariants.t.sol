// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ImpactRegistry} from "../../contracts/impact/ImpactRegistry.sol";
import {ImpactMarket} from "../../contracts/impact/ImpactMarket.sol";
import {IImpactRegistry} from "../../contracts/impact/IImpactRegistry.sol";
import {IImpactMarket} from "../../contracts/impact/IImpactMarket.sol";
import {IRetirementCertificates} from "../../contracts/impact/IRetirementCertificates.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";

/// @notice Invariant-test handler of the impact module (ImpactRegistry, RetirementCertificates, ImpactMarket) with a
/// ghost model.
/// @dev Four EOA actors (claimants, buyers, round owners; actor 0 is also an accredited verifier), three voters that
/// are accredited verifiers (voter 0 = actor 0) and one that is not, methodologies 1..3 with k = 1..3 and an inactive
/// methodology 4, ETH and a MockERC20 as currencies. The registry's admin is an OpenZeppelin TimelockController whose
/// only proposer and executor is this handler (no delay). The ghost keeps every claim (status, k, votes, running
/// minimum, revoked, frozen, retired), every balance of every claim's units, every listing, round, certificate and
/// used nonce, and the funds that entered and left the market per currency, computed from the interfaces'
/// definitions without reading the contracts' state. Each action predicts its outcome, down to the exact revert data;
/// a call that must succeed but reverts, must revert but succeeds, or reverts with other data is recorded in
/// `violations`.
/// Defined in this test file on purpose: Hardhat writes artifacts only for root source files, and the invariant
/// fuzzer needs the handler's artifact.
contract ImpactHandler is CommonBase, StdCheats, StdUtils {
    uint256 public constant N = 4;
    uint256 public constant V = 3;
    uint256 public constant MAX_CLAIMS = 24;
    uint256 public constant MAX_ROUNDS = 10;
    uint256 public constant BPS = 10_000;
    uint8 internal constant NONE = 0;
    uint8 internal constant SUBMITTED = 1;
    uint8 internal constant VERIFIED = 2;
    uint8 internal constant REJECTED = 3;
    uint8 internal constant REVOKED = 4;

    TimelockController public immutable timelock;
    ImpactRegistry public immutable registry;
    ImpactMarket public immutable market;
    IRetirementCertificates public immutable certificates;
    MockERC20 public immutable token;

    address[N] public actors;
    /// @dev voters[0..V-1] are accredited (voters[0] = actors[0]); voters[V] is not.
    address[V + 1] public voters;
    uint256[V + 1] internal _voterKeys;

    // ----------------------------------------------------------------------------------------- ghost state

    struct GClaim {
        address claimant;
        uint8 methodologyId;
        uint8 status;
        uint8 k;
        uint8 approvals;
        uint8 rejections;
        uint256 claimed;
        uint256 verified;
        uint256 revoked;
        uint256 frozen;
        uint256 retired;
        uint256 minted;
        bytes32 evidence;
        string serial;
    }

    struct GListing {
        address seller;
        uint256 remaining;
        address currency;
        uint256 price;
        uint256 proceeds;
        uint256 sold;
    }

    struct GRound {
        address owner;
        address currency;
        uint256 bps;
        uint256 end;
        uint256 maxPrice;
        uint256 capClaim;
        uint256 capBuyer;
        uint256 mask;
        uint256 remaining;
        uint256 deposited;
        uint256 matchedUnits;
        uint256 matchedCost;
        uint256 reclaimed;
    }

    struct GCertificate {
        address owner;
        uint256 claimId;
        uint256 units;
    }

    uint256 public gClaimCount;
    mapping(uint256 claimId => GClaim) internal _claims;
    mapping(uint256 claimId => mapping(uint256 voter => bool)) public gVoted;
    mapping(uint256 claimId => mapping(address holder => uint256)) public gBalance;
    mapping(uint256 claimId => GListing) internal _listings;
    uint256 public gRoundCount;
    mapping(uint256 roundId => GRound) internal _rounds;
    mapping(uint256 roundId => mapping(uint256 claimId => uint256)) public gSpentOnClaim;
    mapping(uint256 roundId => mapping(address buyer => uint256)) public gSpentOnBuyer;
    uint256 public gCertificateCount;
    mapping(uint256 certificateId => GCertificate) internal _certificates;
    mapping(uint256 voter => mapping(uint256 nonce => bool)) public gNonceUsed;
    mapping(uint256 voter => uint256[]) internal _usedNonces;
    uint256[] internal _serialClaims;
    /// @dev Per currency (0 = ETH, 1 = token): funds in (purchases + deposits), withdrawn proceeds, reclaimed rounds.
    uint256[2] public gIn;
    uint256[2] public gWithdrawn;
    uint256[2] public gReclaimed;

    uint256 internal _evidenceNonce;
    uint256 internal _serialNonce;
    uint256 internal _nonceNonce;
    uint256 internal _salt;

    uint256 public violations;
    string public lastViolation;

    // ---------------------------------------------------------------------------------------- call counters

    uint256 public nSubmits;
    uint256 public nRefusedSubmits;
    uint256 public nDuplicates;
    uint256 public nApprovals;
    uint256 public nSignedApprovals;
    uint256 public nRefusedSignatures;
    uint256 public nInvalidatedNonces;
    uint256 public nVerified;
    uint256 public nRejections;
    uint256 public nRejected;
    uint256 public nRefusedVotes;
    uint256 public nClaimantVotes;
    uint256 public nRevocations;
    uint256 public nFullRevocations;
    uint256 public nRefusedRevocations;
    uint256 public nListings;
    uint256 public nRefusedListings;
    uint256 public nDelists;
    uint256 public nBuys;
    uint256 public nTokenBuys;
    uint256 public nRefusedBuys;
    uint256 public nFrozenRefusals;
    uint256 public nMatchedBuys;
    uint256 public nUnmatchedRoundBuys;
    uint256 public nRefusedMatchedBuys;
    uint256 public nCappedMatches;
    uint256 public nWithdrawals;
    uint256 public nRefusedWithdrawals;
    uint256 public nRounds;
    uint256 public nRefusedRounds;
    uint256 public nFundings;
    uint256 public nRefusedFundings;
    uint256 public nReclaims;
    uint256 public nRefusedReclaims;
    uint256 public nRetirements;
    uint256 public nRefusedRetirements;
    uint256 public nTransfers;
    uint256 public nBatchTransfers;
    uint256 public nRefusedTransfers;
    uint256 public nWarps;

    constructor() {
        address[] memory self = new address[](1);
        self[0] = address(this);
        timelock = new TimelockController(0, self, self, address(0));
        registry = new ImpactRegistry(address(timelock), "");
        certificates = IRetirementCertificates(registry.certificates());
        market = new ImpactMarket(address(registry));
        token = new MockERC20("Demo Euro", "dEUR", 6);
        vm.deal(address(this), 1e30);
        for (uint256 i = 0; i < N; ++i) {
            (address a, uint256 key) = makeAddrAndKey(string.concat("actor", vm.toString(i)));
            actors[i] = a;
            if (i == 0) (voters[0], _voterKeys[0]) = (a, key);
            vm.deal(a, 1e30);
            token.mint(a, 1e30);
            vm.startPrank(a);
            token.approve(address(market), type(uint256).max);
            registry.setApprovalForAll(address(market), true);
            vm.stopPrank();
        }
        (voters[1], _voterKeys[1]) = makeAddrAndKey("verifier1");
        (voters[2], _voterKeys[2]) = makeAddrAndKey("verifier2");
        (voters[3], _voterKeys[3]) = makeAddrAndKey("outsider");
        bytes32 role = registry.VERIFIER_ROLE();
        for (uint256 v = 0; v < V; ++v) _gov(abi.encodeCall(IAccessControl.grantRole, (role, voters[v])));
        for (uint8 m = 1; m <= 4; ++m) {
            _gov(abi.encodeCall(IImpactRegistry.setMethodology, (m, m == 4 ? 1 : m, m != 4, "Methodology")));
        }
    }

    // ============================================================================================= actions

    /// @notice A claim by a random actor: one in 16 claims 0 units, one in 4 uses the inactive methodology 4, one
    /// in 6 reuses an earlier claim's evidence hash, and a quarter give a serial (an eighth reuse one).
    function submit(uint256 actorSeed, uint256 unitsSeed, uint256 methodSeed, uint256 evidenceSeed) public {
        if (gClaimCount >= MAX_CLAIMS) return;
        uint256 units = unitsSeed % 16 == 0 ? 0 : _bound(unitsSeed, 1, 5_000);
        uint256 dupEvidence = gClaimCount != 0 && evidenceSeed % 6 == 0 ? 1 + ((evidenceSeed >> 8) % gClaimCount) : 0;
        uint256 serialMode = (evidenceSeed >> 16) % 8;
        uint256 dupSerial =
            serialMode == 1 && _serialClaims.length != 0
                ? _serialClaims[(evidenceSeed >> 24) % _serialClaims.length]
                : 0;
        _submit(actorSeed % N, units, uint8(1 + (methodSeed % 4)), dupEvidence, dupSerial, serialMode < 3);
    }

    /// @notice A vote by a random voter (the outsider is not accredited) on a random claim (one in 16 unknown):
    /// direct approvals, signed approvals (valid, expired, replayed or invalidated nonce, wrong signer) and
    /// rejections; one approval in eight is above the claimed amount.
    function vote(uint256 voterSeed, uint256 claimSeed, uint256 unitsSeed, uint256 modeSeed) public {
        uint256 vi = _pickVoter(voterSeed);
        uint256 id = _pickPending(claimSeed);
        uint256 claimed = _claims[id].claimed;
        uint256 units = unitsSeed % 8 == 0 ? claimed + 1 : _bound(unitsSeed, (claimed * 3) / 4, claimed);
        uint256 mode = modeSeed % 12;
        if (mode < 6) _vote(vi, id, true, units, bytes32(modeSeed));
        else if (mode < 9) _signedVote(vi, id, units, modeSeed >> 8);
        else _vote(vi, id, false, 0, bytes32(modeSeed));
    }

    /// @notice A revocation by a random voter: one in 8 of 0 units, one in 8 of everything left, one in 8 of one
    /// unit more than is left.
    function revoke(uint256 voterSeed, uint256 claimSeed, uint256 unitsSeed) public {
        uint256 vi = _pickVoter(voterSeed);
        uint256 id = _pickWithUnits(claimSeed);
        GClaim storage c = _claims[id];
        uint256 left = c.verified - c.revoked;
        uint256 mode = unitsSeed % 8;
        uint256 units =
            mode == 0
                ? 0
                : mode == 1
                    ? left + 1
                    : mode == 2
                        ? left
                        : _bound(unitsSeed, 1, left / 3 + 1);
        bytes memory err;
        if (vi == V) err = abi.encodeWithSelector(IImpactRegistry.NotVerifier.selector, voters[vi]);
        else if (c.status != VERIFIED && c.status != REVOKED) {
            err = abi.encodeWithSelector(IImpactRegistry.ClaimNotVerified.selector, id, c.status);
        } else if (c.claimant == voters[vi]) {
            err = abi.encodeWithSelector(IImpactRegistry.VerifierIsClaimant.selector, id, voters[vi]);
        } else if (units == 0) err = abi.encodeWithSelector(IImpactRegistry.ZeroUnits.selector);
        else if (c.revoked + units > c.verified) {
            err = abi.encodeWithSelector(
                IImpactRegistry.RevocationExceedsVerified.selector,
                id,
                c.verified,
                c.revoked + units
            );
        }
        vm.prank(voters[vi]);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(IImpactRegistry.revoke, (id, units, bytes32(unitsSeed)))
        );
        if (!_outcome(ok, ret, err, "revoke")) {
            ++nRefusedRevocations;
            return;
        }
        c.revoked += units;
        c.frozen = _min(c.revoked, gBalance[id][c.claimant]);
        c.status = REVOKED;
        ++nRevocations;
        if (c.revoked == c.verified) ++nFullRevocations;
    }

    /// @notice A listing, usually by the claimant (one in 8 by a random actor), in ETH or (one in 3) the token;
    /// one in 16 has price 0, one in 16 zero units.
    function list(uint256 callerSeed, uint256 claimSeed, uint256 priceSeed, uint256 unitsSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        GClaim storage c = _claims[id];
        address caller = _caller(callerSeed, c.claimant);
        address currency = priceSeed % 3 == 0 ? address(token) : address(0);
        uint256 price = priceSeed % 16 == 1 ? 0 : _bound(priceSeed >> 8, 1, 1e12);
        // mostly at most what the claimant can sell; one in 4 any amount (a listing may exceed the balance)
        uint256 held = gBalance[id][c.claimant];
        uint256 sellable = held > c.frozen ? held - c.frozen : 0;
        uint256 units =
            unitsSeed % 16 == 0
                ? 0
                : unitsSeed % 4 == 1
                    ? _bound(unitsSeed >> 4, 1, 6_000)
                    : _bound(unitsSeed >> 4, 1, sellable + 1);
        _list(caller, id, currency, price, units);
    }

    /// @notice Delisting, usually by the seller.
    function delist(uint256 callerSeed, uint256 claimSeed) public {
        uint256 id = _pickListed(claimSeed);
        GListing storage l = _listings[id];
        address caller = _caller(callerSeed, l.seller);
        bytes memory err;
        if (l.seller != caller) err = abi.encodeWithSelector(IImpactMarket.NotClaimant.selector, id, caller);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(market).call(abi.encodeCall(IImpactMarket.delist, (id)));
        if (!_outcome(ok, ret, err, "delist")) return;
        l.remaining = 0;
        ++nDelists;
    }

    /// @notice A plain purchase by a random actor (see `_units`), one in 8 with a maximum below the price, one in 16
    /// with a wrong payment.
    function buy(uint256 buyerSeed, uint256 claimSeed, uint256 unitsSeed, uint256 priceSeed) public {
        uint256 id = _pickListed(claimSeed);
        GListing storage l = _listings[id];
        address b = actors[buyerSeed % N];
        uint256 units = _units(unitsSeed, l.remaining);
        uint256 maxPrice = priceSeed % 8 == 0 && l.price != 0 ? l.price - 1 : l.price + (priceSeed % 3);
        uint256 cost = units * l.price;
        uint256 value = (l.currency == address(0) ? cost : 0) + (priceSeed % 16 == 1 ? 1 : 0);
        bytes memory err = _takeError(id, units, maxPrice, units);
        if (err.length == 0) err = _collectError(l.currency, cost, value);
        if (err.length == 0) err = _moveError(id, l.seller, units, gBalance[id][l.seller]);
        vm.prank(b);
        (bool ok, bytes memory ret) = address(market).call{value: value}(
            abi.encodeCall(IImpactMarket.buy, (id, units, maxPrice))
        );
        if (!_outcome(ok, ret, err, "buy")) {
            ++nRefusedBuys;
            if (bytes4(err) == IImpactRegistry.UnitsFrozen.selector) ++nFrozenRefusals;
            return;
        }
        _sell(id, b, units, cost);
        ++nBuys;
        if (l.currency == address(token)) ++nTokenBuys;
    }

    /// @notice A purchase through a random round (one in 16 unknown); the minimum asked is 0, exactly the match
    /// or (one in 4) one unit more than the match.
    function buyMatched(uint256 buyerSeed, uint256 roundSeed, uint256 claimSeed, uint256 unitsSeed) public {
        uint256 roundId = _pickOpenRound(roundSeed);
        // three times in four a claim listed in the round's currency, by a buyer other than its claimant
        uint256 id =
            claimSeed % 4 == 0 ? _pickListed(claimSeed >> 2) : _pickListedIn(claimSeed >> 2, _rounds[roundId].currency);
        GListing storage l = _listings[id];
        address b = actors[buyerSeed % N];
        if (b == _claims[id].claimant && (buyerSeed >> 8) % 4 != 0) b = actors[(buyerSeed + 1) % N];
        // one in 8 takes the rest of the listing: nothing is left to match
        uint256 units = (unitsSeed >> 24) % 8 == 0 ? l.remaining : _units(unitsSeed, l.remaining);
        (bytes memory err, uint256 m) = _matchError(roundId, id, b, units);
        uint256 minMatched =
            (unitsSeed >> 8) % 4 == 0
                ? m + 1
                : (unitsSeed >> 8) % 4 == 1
                    ? m
                    : 0;
        if (err.length == 0 && m < minMatched) {
            err = abi.encodeWithSelector(IImpactMarket.MatchBelowMinimum.selector, roundId, m, minMatched);
        }
        uint256 maxPrice = (unitsSeed >> 16) % 16 == 0 && l.price != 0 ? l.price - 1 : l.price;
        if (err.length == 0) err = _takeError(id, units + m, maxPrice, units);
        uint256 cost = units * l.price;
        uint256 value = l.currency == address(0) ? cost : 0;
        if (err.length == 0) err = _collectError(l.currency, cost, value);
        if (err.length == 0) err = _matchedMoveError(id, l.seller, units, m);
        vm.prank(b);
        (bool ok, bytes memory ret) = address(market).call{value: value}(
            abi.encodeCall(IImpactMarket.buyMatched, (roundId, id, units, maxPrice, minMatched))
        );
        if (!_outcome(ok, ret, err, "buyMatched")) {
            ++nRefusedMatchedBuys;
            if (bytes4(err) == IImpactRegistry.UnitsFrozen.selector) ++nFrozenRefusals;
            return;
        }
        _applyMatch(roundId, id, b, units, m);
    }

    /// @notice The seller (one in 8: a random actor) withdraws a listing's proceeds.
    function withdraw(uint256 callerSeed, uint256 claimSeed) public {
        uint256 id = _pickListed(claimSeed);
        _withdraw(_caller(callerSeed, _listings[id].seller), id);
    }

    /// @notice A new round with random rules (each invalid rule one time in 16), funded with a random deposit (one in
    /// 16 with a wrong payment).
    function createRound(uint256 ownerSeed, uint256 ruleSeed, uint256 capSeed, uint256 depositSeed) public {
        if (gRoundCount >= MAX_ROUNDS) return;
        IImpactMarket.RoundConfig memory cfg;
        cfg.currency = ruleSeed % 3 == 0 ? address(token) : address(0);
        uint256 bpsMode = (ruleSeed >> 8) % 16;
        uint256 bps =
            bpsMode == 0
                ? 0
                : bpsMode == 1
                    ? 50_001
                    : bpsMode < 8
                        ? [2_500, 5_000, 10_000, 20_000, 50_000, 3_333][bpsMode - 2]
                        : _bound(ruleSeed >> 16, 1, 50_000);
        cfg.matchBps = uint16(bps);
        cfg.endTime = uint40(
            (ruleSeed >> 32) % 16 == 0 ? block.timestamp : block.timestamp + _bound(ruleSeed >> 40, 1 days, 40 days)
        );
        cfg.methodologyMask = (ruleSeed >> 80) % 4 == 0 ? ((ruleSeed >> 82) % 8) << 1 : 14;
        cfg.maxPricePerUnit = uint96(
            (ruleSeed >> 88) % 16 == 0 ? 0 : ((ruleSeed >> 92) % 4 == 0 ? _bound(ruleSeed >> 96, 1, 1e12) : 1e12)
        );
        cfg.capPerClaim = uint128(_bound(capSeed, 0, 5e15));
        cfg.capPerBuyer = uint128(_bound(capSeed >> 128, 0, 5e15));
        cfg.name = string.concat("Round ", vm.toString(gRoundCount + 1));
        uint256 deposit = depositSeed % 8 == 0 ? 0 : _bound(depositSeed, 1, 1e16);
        uint256 value = (cfg.currency == address(0) ? deposit : 0) + (depositSeed % 16 == 1 ? 1 : 0);
        _createRound(actors[ownerSeed % N], cfg, bps, deposit, value);
    }

    /// @notice Anyone adds to a random round (one in 16 unknown, one in 8 adds nothing, one in 16 pays wrongly).
    function fundRound(uint256 funderSeed, uint256 roundSeed, uint256 amountSeed) public {
        uint256 roundId = _pickRound(roundSeed);
        GRound storage r = _rounds[roundId];
        uint256 amount = amountSeed % 8 == 0 ? 0 : _bound(amountSeed, 1, 1e16);
        uint256 value = (r.currency == address(0) ? amount : 0) + (amountSeed % 16 == 1 ? 1 : 0);
        bytes memory err;
        if (r.owner == address(0)) err = abi.encodeWithSelector(IImpactMarket.UnknownRound.selector, roundId);
        else if (block.timestamp >= r.end) {
            err = abi.encodeWithSelector(IImpactMarket.RoundEnded.selector, roundId, r.end);
        } else if (amount == 0) {
            if (value != 0) err = abi.encodeWithSelector(IImpactMarket.IncorrectPayment.selector, 0, value);
        } else err = _collectError(r.currency, amount, value);
        vm.prank(actors[funderSeed % N]);
        (bool ok, bytes memory ret) = address(market).call{value: value}(
            abi.encodeCall(IImpactMarket.fundRound, (roundId, amount))
        );
        if (!_outcome(ok, ret, err, "fundRound")) {
            ++nRefusedFundings;
            return;
        }
        r.remaining += amount;
        r.deposited += amount;
        gIn[_cur(r.currency)] += amount;
        if (amount != 0) ++nFundings;
    }

    /// @notice The owner (one in 4: a random actor) reclaims a random round.
    function reclaim(uint256 callerSeed, uint256 roundSeed) public {
        uint256 roundId = _pickRound(roundSeed);
        _reclaim(_caller(callerSeed >> 1, _rounds[roundId].owner), roundId);
    }

    /// @notice A holder (usually one with units of the claim) retires units: one in 16 zero, one in 4 one more than it holds, one in 16 with an empty
    /// beneficiary.
    function retire(uint256 holderSeed, uint256 claimSeed, uint256 unitsSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        address h = _holder(holderSeed, id);
        uint256 balance = gBalance[id][h];
        uint256 units =
            unitsSeed % 16 == 0
                ? 0
                : unitsSeed % 4 == 1
                    ? balance + 1
                    : _bound(unitsSeed, 1, balance / 2 + 1);
        string memory beneficiary = (unitsSeed >> 8) % 16 == 0 ? "" : "Harbour Festival";
        GClaim storage c = _claims[id];
        bytes memory err;
        if (units == 0) err = abi.encodeWithSelector(IImpactRegistry.ZeroUnits.selector);
        else if (bytes(beneficiary).length == 0) {
            err = abi.encodeWithSelector(IImpactRegistry.InvalidBeneficiary.selector, 0, 128);
        } else if (c.revoked != 0 && c.revoked == c.verified) {
            err = abi.encodeWithSelector(IImpactRegistry.ClaimFullyRevoked.selector, id);
        } else err = _moveError(id, h, units, balance);
        vm.prank(h);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(IImpactRegistry.retire, (id, units, beneficiary, "invariant"))
        );
        if (!_outcome(ok, ret, err, "retire")) {
            ++nRefusedRetirements;
            if (bytes4(err) == IImpactRegistry.UnitsFrozen.selector) ++nFrozenRefusals;
            return;
        }
        if (abi.decode(ret, (uint256)) != gCertificateCount + 1) _violation("retire: certificate id");
        gBalance[id][h] = balance - units;
        c.retired += units;
        _certify(h, id, units);
        ++nRetirements;
    }

    /// @notice A holder (usually one with units of the claim) moves units to another actor, as a single transfer or as a batch listing the id twice;
    /// one in 4 moves one unit more than it holds.
    function transfer(uint256 fromSeed, uint256 toSeed, uint256 claimSeed, uint256 unitsSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        address f = _holder(fromSeed, id);
        address t = actors[toSeed % N];
        uint256 balance = gBalance[id][f];
        uint256 units = unitsSeed % 4 == 0 ? balance + 1 : _bound(unitsSeed, 0, balance);
        bool batch = (unitsSeed >> 8) % 2 == 0;
        uint256 a = batch ? _bound(unitsSeed >> 16, 0, units) : units;
        bytes memory err;
        GClaim storage c = _claims[id];
        if (c.status == REVOKED && c.claimant == f && (balance < c.frozen || balance - c.frozen < units)) {
            err = abi.encodeWithSelector(IImpactRegistry.UnitsFrozen.selector, id, f, c.frozen, balance, units);
        } else if (balance < a) {
            err = abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, f, balance, a, id);
        } else if (batch && (f == t ? balance : balance - a) < units - a) {
            // ERC-1155 moves the entries in turn: a self-transfer gives the first entry back before the second
            err = abi.encodeWithSelector(
                IERC1155Errors.ERC1155InsufficientBalance.selector,
                f,
                f == t ? balance : balance - a,
                units - a,
                id
            );
        }
        bytes memory data;
        if (batch) {
            uint256[] memory ids = new uint256[](2);
            uint256[] memory values = new uint256[](2);
            (ids[0], ids[1], values[0], values[1]) = (id, id, a, units - a);
            data = abi.encodeCall(IERC1155.safeBatchTransferFrom, (f, t, ids, values, ""));
        } else data = abi.encodeCall(IERC1155.safeTransferFrom, (f, t, id, units, ""));
        vm.prank(f);
        (bool ok, bytes memory ret) = address(registry).call(data);
        if (!_outcome(ok, ret, err, batch ? "safeBatchTransferFrom" : "safeTransferFrom")) {
            ++nRefusedTransfers;
            if (bytes4(err) == IImpactRegistry.UnitsFrozen.selector) ++nFrozenRefusals;
            return;
        }
        if (f != t) {
            gBalance[id][f] -= units;
            gBalance[id][t] += units;
        }
        if (batch) ++nBatchTransfers;
        else ++nTransfers;
    }

    /// @notice Moves the clock 1 hour to 3 days (rounds end, deadlines pass).
    function warp(uint256 seed) public {
        vm.warp(block.timestamp + _bound(seed, 1 hours, 3 days));
        ++nWarps;
    }

    // ===================================================================================== setup and teardown

    /// @notice Verified claims, listings in both currencies and two rounds, so that every path is reachable from
    /// the first fuzzed call.
    function bootstrap() external {
        _submit(1, 4_000, 1, 0, 0, true);
        _submit(2, 3_000, 2, 0, 0, false);
        _submit(3, 2_000, 1, 0, 0, true);
        _submit(0, 2_500, 2, 0, 0, false);
        _vote(1, 1, true, 3_900, "r");
        _vote(1, 2, true, 2_950, "r");
        _vote(2, 2, true, 2_900, "r");
        _vote(0, 3, true, 2_000, "r");
        _vote(1, 4, true, 2_500, "r");
        _vote(2, 4, true, 2_400, "r");
        _list(actors[1], 1, address(0), 1e9, 3_000);
        _list(actors[2], 2, address(token), 1e6, 2_000);
        _list(actors[3], 3, address(0), 2e9, 2_000);
        _list(actors[0], 4, address(0), 5e8, 2_400);
        IImpactMarket.RoundConfig memory cfg = IImpactMarket.RoundConfig({
            currency: address(0),
            matchBps: 10_000,
            endTime: uint40(block.timestamp + 10 days),
            maxPricePerUnit: 1e10,
            capPerClaim: 1e12,
            capPerBuyer: 5e11,
            methodologyMask: 14,
            name: "ETH round"
        });
        _createRound(actors[0], cfg, 10_000, 2e12, 2e12);
        cfg.currency = address(token);
        cfg.matchBps = 5_000;
        cfg.maxPricePerUnit = 1e7;
        cfg.name = "Token round";
        _createRound(actors[3], cfg, 5_000, 1e9, 0);
        if (violations != 0) revert(lastViolation);
    }

    /// @notice After every round ended: every seller withdraws, every round owner reclaims (IM-4 then says the
    /// market is empty).
    function settleAll() external {
        uint256 end = block.timestamp;
        for (uint256 r = 1; r <= gRoundCount; ++r) end = _rounds[r].end > end ? _rounds[r].end : end;
        vm.warp(end);
        for (uint256 id = 1; id <= gClaimCount; ++id) {
            if (_listings[id].proceeds != 0) _withdraw(_listings[id].seller, id);
        }
        for (uint256 r = 1; r <= gRoundCount; ++r) {
            if (_rounds[r].remaining != 0) _reclaim(_rounds[r].owner, r);
        }
    }

    // ================================================================================================ views

    function claimOf(uint256 id) external view returns (GClaim memory) {
        return _claims[id];
    }

    function listingOf(uint256 id) external view returns (GListing memory) {
        return _listings[id];
    }

    function roundOf(uint256 id) external view returns (GRound memory) {
        return _rounds[id];
    }

    function certificateOf(uint256 id) external view returns (GCertificate memory) {
        return _certificates[id];
    }

    function actorList() external view returns (address[N] memory) {
        return actors;
    }

    function voterList() external view returns (address[V + 1] memory) {
        return voters;
    }

    function actionSelectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](14);
        s[0] = this.submit.selector;
        s[1] = this.vote.selector;
        s[2] = this.revoke.selector;
        s[3] = this.list.selector;
        s[4] = this.delist.selector;
        s[5] = this.buy.selector;
        s[6] = this.buyMatched.selector;
        s[7] = this.withdraw.selector;
        s[8] = this.createRound.selector;
        s[9] = this.fundRound.selector;
        s[10] = this.reclaim.selector;
        s[11] = this.retire.selector;
        s[12] = this.transfer.selector;
        s[13] = this.warp.selector;
    }

    // ============================================================================================ internals

    function _gov(bytes memory data) internal {
        bytes32 s = bytes32(++_salt);
        timelock.schedule(address(registry), 0, data, bytes32(0), s, 0);
        timelock.execute(address(registry), 0, data, bytes32(0), s);
    }

    function _submit(uint256 a, uint256 units, uint8 m, uint256 dupEvidence, uint256 dupSerial, bool serial) internal {
        uint24 today = uint24(block.timestamp / 1 days);
        IImpactRegistry.ClaimInput memory input = IImpactRegistry.ClaimInput({
            units: uint48(units),
            methodologyId: m,
            startDay: today - 30,
            endDay: today - 1,
            jurisdiction: bytes8("NL-ZH"),
            evidenceHash: dupEvidence != 0
                ? _claims[dupEvidence].evidence
                : keccak256(abi.encode("evidence", ++_evidenceNonce)),
            evidenceURI: "ipfs://evidence",
            externalSerial: dupSerial != 0
                ? _claims[dupSerial].serial
                : serial
                    ? string.concat("S-", vm.toString(++_serialNonce))
                    : ""
        });
        bytes memory err;
        if (units == 0) err = abi.encodeWithSelector(IImpactRegistry.ZeroUnits.selector);
        else if (m == 4) err = abi.encodeWithSelector(IImpactRegistry.UnknownMethodology.selector, m);
        else if (dupEvidence != 0) {
            err = abi.encodeWithSelector(IImpactRegistry.DuplicateEvidence.selector, input.evidenceHash, dupEvidence);
        } else if (dupSerial != 0) {
            err = abi.encodeWithSelector(IImpactRegistry.DuplicateSerial.selector, input.externalSerial, dupSerial);
        }
        vm.prank(actors[a]);
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(IImpactRegistry.submitClaim, (input)));
        if (!_outcome(ok, ret, err, "submitClaim")) {
            ++nRefusedSubmits;
            if (dupEvidence != 0 || dupSerial != 0) ++nDuplicates;
            return;
        }
        uint256 id = ++gClaimCount;
        if (abi.decode(ret, (uint256)) != id) _violation("submitClaim: claim id");
        GClaim storage c = _claims[id];
        (c.claimant, c.methodologyId, c.status, c.k, c.claimed) = (actors[a], m, SUBMITTED, m, units);
        (c.evidence, c.serial) = (input.evidenceHash, input.externalSerial);
        if (bytes(input.externalSerial).length != 0) _serialClaims.push(id);
        ++nSubmits;
    }

    /// @dev Revert data of a vote (empty if valid): an approval of at least one unit, accredited, claim Submitted, not the claimant, first vote, at
    /// most the claimed amount.
    function _voteError(uint256 vi, uint256 id, bool approve, uint256 units) internal view returns (bytes memory) {
        address voter = voters[vi];
        if (approve && units == 0) return abi.encodeWithSelector(IImpactRegistry.ZeroUnits.selector);
        if (vi == V) return abi.encodeWithSelector(IImpactRegistry.NotVerifier.selector, voter);
        GClaim storage c = _claims[id];
        if (c.status == NONE) return abi.encodeWithSelector(IImpactRegistry.UnknownClaim.selector, id);
        if (c.status != SUBMITTED) {
            return abi.encodeWithSelector(IImpactRegistry.ClaimNotPending.selector, id, c.status);
        }
        if (c.claimant == voter) return abi.encodeWithSelector(IImpactRegistry.VerifierIsClaimant.selector, id, voter);
        if (gVoted[id][vi]) return abi.encodeWithSelector(IImpactRegistry.AlreadyVoted.selector, id, voter);
        if (approve && units > c.claimed) {
            return abi.encodeWithSelector(IImpactRegistry.AttestedAboveClaimed.selector, id, c.claimed, units);
        }
        return "";
    }

    function _vote(uint256 vi, uint256 id, bool approve, uint256 units, bytes32 report) internal {
        bytes memory err = _voteError(vi, id, approve, units);
        vm.prank(voters[vi]);
        (bool ok, bytes memory ret) = approve
            ? address(registry).call(abi.encodeCall(IImpactRegistry.attest, (id, units, report)))
            : address(registry).call(abi.encodeCall(IImpactRegistry.reject, (id, report)));
        if (!_outcome(ok, ret, err, approve ? "attest" : "reject")) {
            ++nRefusedVotes;
            if (bytes4(err) == IImpactRegistry.VerifierIsClaimant.selector) ++nClaimantVotes;
            return;
        }
        _applyVote(vi, id, approve, units);
    }

    /// @dev A signed approval relayed by a random actor: kinds 0-2 valid, 3 expired, 4 replayed (or invalidated)
    /// nonce, 5 signed by another voter.
    function _signedVote(uint256 vi, uint256 id, uint256 units, uint256 seed) internal {
        IImpactRegistry.Attestation memory a = IImpactRegistry.Attestation({
            verifier: voters[vi],
            claimId: id,
            verifiedUnits: units,
            reportHash: bytes32(seed),
            nonce: uint256(keccak256(abi.encode("nonce", ++_nonceNonce))),
            deadline: block.timestamp + 1 hours
        });
        uint256 kind = seed % 6;
        uint256 key = _voterKeys[vi];
        bytes memory err = _voteError(vi, id, true, units);
        if (kind == 3) {
            a.deadline = block.timestamp - 1;
            err = abi.encodeWithSelector(IImpactRegistry.SignatureExpired.selector, a.deadline, block.timestamp);
        } else if (kind == 4) {
            uint256[] storage used = _usedNonces[vi];
            if (used.length != 0) a.nonce = used[(seed >> 8) % used.length];
            else {
                vm.prank(voters[vi]);
                registry.invalidateNonce(a.nonce);
                gNonceUsed[vi][a.nonce] = true;
                used.push(a.nonce);
                ++nInvalidatedNonces;
            }
            err = abi.encodeWithSelector(IImpactRegistry.NonceAlreadyUsed.selector, voters[vi], a.nonce);
        } else if (kind == 5) {
            key = _voterKeys[(vi + 1) % (V + 1)];
            err = abi.encodeWithSelector(IImpactRegistry.InvalidSignature.selector, voters[vi]);
        }
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, registry.attestationDigest(a));
        vm.prank(actors[seed % N]);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(IImpactRegistry.attestBySig, (a, abi.encodePacked(r, s, v)))
        );
        if (!_outcome(ok, ret, err, "attestBySig")) {
            if (kind >= 3) ++nRefusedSignatures;
            else ++nRefusedVotes;
            return;
        }
        gNonceUsed[vi][a.nonce] = true;
        _usedNonces[vi].push(a.nonce);
        ++nSignedApprovals;
        _applyVote(vi, id, true, units);
    }

    function _applyVote(uint256 vi, uint256 id, bool approve, uint256 units) internal {
        GClaim storage c = _claims[id];
        gVoted[id][vi] = true;
        if (!approve) {
            ++nRejections;
            if (++c.rejections == c.k) {
                c.status = REJECTED;
                ++nRejected;
            }
            return;
        }
        c.verified = c.approvals == 0 ? units : _min(c.verified, units);
        ++nApprovals;
        if (++c.approvals == c.k) {
            c.status = VERIFIED;
            c.minted = c.verified;
            gBalance[id][c.claimant] += c.verified;
            ++nVerified;
        }
    }

    function _list(address caller, uint256 id, address currency, uint256 price, uint256 units) internal {
        GClaim storage c = _claims[id];
        GListing storage l = _listings[id];
        bytes memory err;
        if (caller != c.claimant) err = abi.encodeWithSelector(IImpactMarket.NotClaimant.selector, id, caller);
        else if (c.status == REJECTED || (c.status == REVOKED && c.revoked == c.verified)) {
            err = abi.encodeWithSelector(IImpactMarket.ClaimNotForSale.selector, id, c.status);
        } else if (price == 0) err = abi.encodeWithSelector(IImpactMarket.ZeroPrice.selector);
        else if (units == 0) err = abi.encodeWithSelector(IImpactMarket.ZeroUnits.selector);
        else if (l.proceeds != 0 && l.currency != currency) {
            err = abi.encodeWithSelector(IImpactMarket.CurrencyChangeWithProceeds.selector, id, l.proceeds);
        }
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(market).call(
            abi.encodeCall(IImpactMarket.list, (id, currency, uint96(price), uint48(units)))
        );
        if (!_outcome(ok, ret, err, "list")) {
            ++nRefusedListings;
            return;
        }
        (l.seller, l.remaining, l.currency, l.price) = (caller, units, currency, price);
        ++nListings;
    }

    /// @dev Revert data of taking `taken` units (`bought` paid by the buyer) off the listing (`_take`).
    function _takeError(
        uint256 id,
        uint256 taken,
        uint256 maxPrice,
        uint256 bought
    ) internal view returns (bytes memory) {
        GListing storage l = _listings[id];
        if (bought == 0) return abi.encodeWithSelector(IImpactMarket.ZeroUnits.selector);
        if (l.seller == address(0)) return abi.encodeWithSelector(IImpactMarket.NotListed.selector, id);
        if (l.price > maxPrice)
            return abi.encodeWithSelector(IImpactMarket.PriceAboveMax.selector, id, l.price, maxPrice);
        if (taken > l.remaining) {
            return abi.encodeWithSelector(IImpactMarket.ExceedsListing.selector, id, l.remaining, taken);
        }
        return "";
    }

    /// @dev Revert data of collecting `amount` with `value` wei sent (`_collect`; the token always delivers).
    function _collectError(address currency, uint256 amount, uint256 value) internal pure returns (bytes memory) {
        if (currency == address(0)) {
            if (value != amount) return abi.encodeWithSelector(IImpactMarket.IncorrectPayment.selector, amount, value);
        } else if (value != 0) return abi.encodeWithSelector(IImpactMarket.IncorrectPayment.selector, 0, value);
        return "";
    }

    /// @dev Revert data of moving (or burning) `amount` of `from`'s `balance` units of `id` (the registry's
    /// `_update`: frozen units first, then the balance).
    function _moveError(
        uint256 id,
        address from,
        uint256 amount,
        uint256 balance
    ) internal view returns (bytes memory) {
        GClaim storage c = _claims[id];
        if (c.status == REVOKED && c.claimant == from && (balance < c.frozen || balance - c.frozen < amount)) {
            return abi.encodeWithSelector(IImpactRegistry.UnitsFrozen.selector, id, from, c.frozen, balance, amount);
        }
        if (balance < amount) {
            return
                abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, from, balance, amount, id);
        }
        return "";
    }

    /// @dev A matched purchase moves `units` to the buyer, then retires `m` more of the seller's (`retireFrom`).
    function _matchedMoveError(
        uint256 id,
        address seller,
        uint256 units,
        uint256 m
    ) internal view returns (bytes memory) {
        uint256 balance = gBalance[id][seller];
        bytes memory err = _moveError(id, seller, units, balance);
        if (err.length != 0 || m == 0) return err;
        GClaim storage c = _claims[id];
        if (c.revoked != 0 && c.revoked == c.verified) {
            return abi.encodeWithSelector(IImpactRegistry.ClaimFullyRevoked.selector, id);
        }
        return _moveError(id, seller, m, balance - units);
    }

    /// @dev Revert data and match of `_match`: the round's rules, then the match cut to the ratio, the budget and
    /// what the listing has left after the buyer's units (each rounded down).
    function _matchError(
        uint256 roundId,
        uint256 id,
        address b,
        uint256 units
    ) internal view returns (bytes memory err, uint256 m) {
        err = _roundRuleError(roundId, id, b);
        if (err.length == 0) m = _matchUnits(roundId, id, b, units);
    }

    function _roundRuleError(uint256 roundId, uint256 id, address b) internal view returns (bytes memory) {
        GRound storage r = _rounds[roundId];
        GClaim storage c = _claims[id];
        GListing storage l = _listings[id];
        if (r.owner == address(0)) return abi.encodeWithSelector(IImpactMarket.UnknownRound.selector, roundId);
        if (block.timestamp >= r.end) return abi.encodeWithSelector(IImpactMarket.RoundEnded.selector, roundId, r.end);
        if ((r.mask >> c.methodologyId) & 1 == 0) {
            return abi.encodeWithSelector(IImpactMarket.MethodologyNotEligible.selector, roundId, c.methodologyId);
        }
        if (b == c.claimant) return abi.encodeWithSelector(IImpactMarket.SelfMatch.selector, roundId, b);
        if (l.price == 0) return abi.encodeWithSelector(IImpactMarket.NotListed.selector, id);
        if (l.currency != r.currency) {
            return abi.encodeWithSelector(IImpactMarket.CurrencyMismatch.selector, roundId, r.currency, l.currency);
        }
        if (l.price > r.maxPrice) {
            return abi.encodeWithSelector(IImpactMarket.PriceAboveRoundLimit.selector, roundId, l.price, r.maxPrice);
        }
        return "";
    }

    function _matchUnits(uint256 roundId, uint256 id, address b, uint256 units) internal view returns (uint256 m) {
        GRound storage r = _rounds[roundId];
        uint256 forClaim = _left(r.capClaim, gSpentOnClaim[roundId][id]);
        uint256 budget = _min(r.remaining, _min(forClaim, _left(r.capBuyer, gSpentOnBuyer[roundId][b])));
        uint256 remaining = _listings[id].remaining;
        m = _min((units * r.bps) / BPS, budget / _listings[id].price);
        m = _min(m, remaining > units ? remaining - units : 0);
    }

    function _applyMatch(uint256 roundId, uint256 id, address b, uint256 units, uint256 m) internal {
        GListing storage l = _listings[id];
        GRound storage r = _rounds[roundId];
        uint256 cost = units * l.price;
        uint256 matchedCost = m * l.price;
        _sell(id, b, units, cost);
        l.remaining -= m;
        l.proceeds += matchedCost;
        l.sold += m;
        r.remaining -= matchedCost;
        r.matchedUnits += m;
        r.matchedCost += matchedCost;
        gSpentOnClaim[roundId][id] += matchedCost;
        gSpentOnBuyer[roundId][b] += matchedCost;
        if (m == 0) {
            ++nUnmatchedRoundBuys;
            return;
        }
        gBalance[id][l.seller] -= m;
        _claims[id].retired += m;
        _certify(r.owner, id, m);
        ++nMatchedBuys;
        if (m < (units * r.bps) / BPS) ++nCappedMatches;
        // IM-8: the round's units were retired at once, for its owner.
        IRetirementCertificates.Certificate memory cert = certificates.getCertificate(gCertificateCount);
        if (
            cert.units != m ||
            cert.claimId != id ||
            IERC721(address(certificates)).ownerOf(gCertificateCount) != r.owner
        ) {
            _violation("IM-8: matched units not retired for the round's owner");
        }
    }

    /// @dev A purchase of `units` for `cost`: off the listing, into its proceeds, from the seller to the buyer.
    function _sell(uint256 id, address b, uint256 units, uint256 cost) internal {
        GListing storage l = _listings[id];
        l.remaining -= units;
        l.proceeds += cost;
        l.sold += units;
        gIn[_cur(l.currency)] += cost;
        gBalance[id][l.seller] -= units;
        gBalance[id][b] += units;
    }

    function _withdraw(address caller, uint256 id) internal {
        GListing storage l = _listings[id];
        bytes memory err;
        if (l.seller != caller) err = abi.encodeWithSelector(IImpactMarket.NotClaimant.selector, id, caller);
        else if (l.proceeds == 0) err = abi.encodeWithSelector(IImpactMarket.NothingToWithdraw.selector);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(market).call(
            abi.encodeCall(IImpactMarket.withdrawProceeds, (id, caller))
        );
        if (!_outcome(ok, ret, err, "withdrawProceeds")) {
            ++nRefusedWithdrawals;
            return;
        }
        gWithdrawn[_cur(l.currency)] += l.proceeds;
        l.proceeds = 0;
        ++nWithdrawals;
    }

    function _createRound(
        address owner,
        IImpactMarket.RoundConfig memory cfg,
        uint256 bps,
        uint256 deposit,
        uint256 value
    ) internal {
        bytes memory err;
        if (bps == 0 || bps > 50_000) err = abi.encodeWithSelector(IImpactMarket.InvalidMatchRatio.selector, bps);
        else if (cfg.endTime <= block.timestamp) {
            err = abi.encodeWithSelector(IImpactMarket.EndTimeInPast.selector, cfg.endTime, block.timestamp);
        } else if (cfg.methodologyMask == 0) err = abi.encodeWithSelector(IImpactMarket.NoEligibleMethodology.selector);
        else if (cfg.maxPricePerUnit == 0) err = abi.encodeWithSelector(IImpactMarket.ZeroPrice.selector);
        else if (deposit == 0) {
            if (value != 0) err = abi.encodeWithSelector(IImpactMarket.IncorrectPayment.selector, 0, value);
        } else err = _collectError(cfg.currency, deposit, value);
        vm.prank(owner);
        (bool ok, bytes memory ret) = address(market).call{value: value}(
            abi.encodeCall(IImpactMarket.createRound, (cfg, deposit))
        );
        if (!_outcome(ok, ret, err, "createRound")) {
            ++nRefusedRounds;
            return;
        }
        uint256 roundId = ++gRoundCount;
        if (abi.decode(ret, (uint256)) != roundId) _violation("createRound: round id");
        GRound storage r = _rounds[roundId];
        (r.owner, r.currency, r.bps, r.end, r.maxPrice) = (owner, cfg.currency, bps, cfg.endTime, cfg.maxPricePerUnit);
        (r.capClaim, r.capBuyer, r.mask, r.remaining, r.deposited) = (
            cfg.capPerClaim,
            cfg.capPerBuyer,
            cfg.methodologyMask,
            deposit,
            deposit
        );
        gIn[_cur(cfg.currency)] += deposit;
        ++nRounds;
    }

    function _reclaim(address caller, uint256 roundId) internal {
        GRound storage r = _rounds[roundId];
        bytes memory err;
        if (r.owner == address(0)) err = abi.encodeWithSelector(IImpactMarket.UnknownRound.selector, roundId);
        else if (r.owner != caller) err = abi.encodeWithSelector(IImpactMarket.NotRoundOwner.selector, roundId, caller);
        else if (block.timestamp < r.end) {
            err = abi.encodeWithSelector(IImpactMarket.RoundNotEnded.selector, roundId, r.end);
        } else if (r.remaining == 0) err = abi.encodeWithSelector(IImpactMarket.NothingToWithdraw.selector);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(market).call(abi.encodeCall(IImpactMarket.reclaimRound, (roundId)));
        if (!_outcome(ok, ret, err, "reclaimRound")) {
            ++nRefusedReclaims;
            return;
        }
        gReclaimed[_cur(r.currency)] += r.remaining;
        r.reclaimed += r.remaining;
        r.remaining = 0;
        ++nReclaims;
    }

    function _certify(address owner, uint256 id, uint256 units) internal {
        _certificates[++gCertificateCount] = GCertificate({owner: owner, claimId: id, units: units});
    }

    /// @dev Units for a purchase: one in 16 zero, one in 16 exactly what is listed, one in 8 one more, else up to
    /// what is listed.
    function _units(uint256 seed, uint256 remaining) internal pure returns (uint256) {
        uint256 mode = seed % 16;
        if (mode == 0) return 0;
        if (mode == 1) return remaining;
        if (mode < 4) return remaining + 1;
        return _bound(seed >> 4, 1, remaining > 1 ? remaining : 1);
    }

    /// @dev Three times in four an actor holding units of `id` (if any), else a random actor.
    function _holder(uint256 seed, uint256 id) internal view returns (address) {
        if (seed % 4 != 0) {
            for (uint256 i = 0; i < N; ++i) {
                address a = actors[(seed + i) % N];
                if (gBalance[id][a] != 0) return a;
            }
        }
        return actors[seed % N];
    }

    /// @dev `preferred` (when set) seven times in eight, else a random actor.
    function _caller(uint256 seed, address preferred) internal view returns (address) {
        return seed % 8 == 0 || preferred == address(0) ? actors[(seed >> 8) % N] : preferred;
    }

    /// @dev A known claim, or (one in 16) the next, unknown, id.
    function _pickClaim(uint256 seed) internal view returns (uint256) {
        if (gClaimCount == 0 || seed % 16 == 0) return gClaimCount + 1;
        return 1 + ((seed >> 4) % gClaimCount);
    }

    /// @dev An accredited voter seven times in eight, else the outsider.
    function _pickVoter(uint256 seed) internal pure returns (uint256) {
        return seed % 8 == 0 ? V : (seed >> 3) % V;
    }

    /// @dev Three times in four a claim still Submitted (if any), else any claim.
    function _pickPending(uint256 seed) internal view returns (uint256) {
        return _pickWhere(seed, 0);
    }

    /// @dev Three times in four a claim that has units (Verified or Revoked), else any claim.
    function _pickWithUnits(uint256 seed) internal view returns (uint256) {
        return _pickWhere(seed, 1);
    }

    /// @dev Three times in four a claim listed with units left, else any claim.
    function _pickListed(uint256 seed) internal view returns (uint256) {
        return _pickWhere(seed, 2);
    }

    function _pickWhere(uint256 seed, uint256 kind) internal view returns (uint256) {
        if (seed % 4 == 0) return _pickClaim(seed >> 2);
        uint256[] memory ids = new uint256[](gClaimCount);
        uint256 n;
        for (uint256 id = 1; id <= gClaimCount; ++id) {
            uint8 status = _claims[id].status;
            bool match_ =
                kind == 0
                    ? status == SUBMITTED
                    : kind == 1
                        ? status == VERIFIED || status == REVOKED
                        : _listings[id].seller != address(0) && _listings[id].remaining != 0;
            if (match_) ids[n++] = id;
        }
        return n == 0 ? _pickClaim(seed >> 2) : ids[(seed >> 2) % n];
    }

    /// @dev A claim listed in `currency` with units left (if any), else any listed claim.
    function _pickListedIn(uint256 seed, address currency) internal view returns (uint256) {
        uint256[] memory ids = new uint256[](gClaimCount);
        uint256 n;
        for (uint256 id = 1; id <= gClaimCount; ++id) {
            GListing storage l = _listings[id];
            if (l.seller != address(0) && l.currency == currency && l.remaining != 0) ids[n++] = id;
        }
        return n == 0 ? _pickListed(seed) : ids[seed % n];
    }

    /// @dev Three times in four a round still running (if any), else any round or the next, unknown, id.
    function _pickOpenRound(uint256 seed) internal view returns (uint256) {
        if (seed % 4 != 0) {
            uint256[] memory ids = new uint256[](gRoundCount);
            uint256 n;
            for (uint256 r = 1; r <= gRoundCount; ++r) if (_rounds[r].end > block.timestamp) ids[n++] = r;
            if (n != 0) return ids[(seed >> 2) % n];
        }
        return _pickRound(seed >> 2);
    }

    function _pickRound(uint256 seed) internal view returns (uint256) {
        if (gRoundCount == 0 || seed % 16 == 0) return gRoundCount + 1;
        return 1 + ((seed >> 4) % gRoundCount);
    }

    function _cur(address currency) internal view returns (uint256) {
        return currency == address(token) ? 1 : 0;
    }

    /// @dev True if the call succeeded as predicted (`expected` empty); records a violation on any mismatch.
    function _outcome(bool ok, bytes memory ret, bytes memory expected, string memory what) internal returns (bool) {
        if (expected.length == 0) {
            if (!ok) _violation(string.concat(what, ": refused a valid call"));
            return ok;
        }
        if (ok) _violation(string.concat(what, ": accepted an invalid call"));
        else if (keccak256(ret) != keccak256(expected)) _violation(string.concat(what, ": unexpected revert data"));
        return false;
    }

    function _violation(string memory what) internal {
        ++violations;
        lastViolation = what;
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }

    function _left(uint256 cap, uint256 spent) internal pure returns (uint256) {
        return cap > spent ? cap - spent : 0;
    }
}

/// @notice Invariants IM-1..IM-8 of the impact module under random submissions, votes (direct and signed),
/// revocations, listings, purchases (plain and matched), withdrawals, rounds, retirements and transfers (see
/// {ImpactHandler}).
contract ImpactInvariantTest is Test {
    ImpactHandler internal handler;
    ImpactRegistry internal registry;
    ImpactMarket internal market;
    IRetirementCertificates internal certificates;
    MockERC20 internal token;
    uint256 internal constant N = 4;
    uint256 internal constant V = 3;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new ImpactHandler();
        registry = handler.registry();
        market = handler.market();
        certificates = handler.certificates();
        token = handler.token();
        handler.bootstrap();
        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: handler.actionSelectors()}));
    }

    // ============================================================================================ invariants

    /// @notice Every call succeeded or failed exactly as the ghost model predicted (exact revert data); every
    /// matched purchase's units were retired for the round's owner (IM-8).
    function invariant_noViolations() public view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice IM-1: a Verified or Revoked claim's units ever minted (held by anyone + retired) equal its verified
    /// amount, which the ghost minted once at the k-th approval; any other claim has no units at all.
    function invariant_IM1_mintedEqualsVerified() public view {
        uint256 count = handler.gClaimCount();
        assertEq(registry.claimCount(), count, "claim count != ghost");
        address[N] memory a = handler.actorList();
        for (uint256 id = 1; id <= count + 1; ++id) {
            ImpactHandler.GClaim memory g = handler.claimOf(id);
            uint256 held;
            for (uint256 i = 0; i < N; ++i) held += registry.balanceOf(a[i], id);
            (IImpactRegistry.ClaimStatus status, , ) = registry.statusOf(id);
            assertEq(uint8(status), g.status, "status != ghost");
            if (g.status == 2 || g.status == 4) {
                IImpactRegistry.Claim memory c = registry.getClaim(id);
                assertEq(c.verifiedUnits, g.minted, "IM-1: verified != minted");
                assertEq(held + c.retiredUnits, c.verifiedUnits, "IM-1: units != verified");
            } else {
                assertEq(held, 0, "IM-1: units of a claim that is not verified");
                assertEq(g.minted, 0, "IM-1: ghost minted without verification");
                if (id <= count) assertEq(registry.getClaim(id).retiredUnits, 0, "IM-1: retired without units");
            }
        }
    }

    /// @notice IM-2: for every claim, retired + outstanding = minted, every balance equals the ghost's, and the
    /// certificates of the claim add up to its retired units.
    function invariant_IM2_retiredPlusOutstanding() public view {
        uint256 count = handler.gClaimCount();
        address[N] memory a = handler.actorList();
        uint256[] memory certified = new uint256[](count + 1);
        for (uint256 cid = 1; cid <= handler.gCertificateCount(); ++cid) {
            certified[certificates.getCertificate(cid).claimId] += certificates.getCertificate(cid).units;
        }
        for (uint256 id = 1; id <= count; ++id) {
            uint256 held;
            for (uint256 i = 0; i < N; ++i) {
                uint256 b = registry.balanceOf(a[i], id);
                assertEq(b, handler.gBalance(id, a[i]), "IM-2: balance != ghost");
                held += b;
            }
            IImpactRegistry.Claim memory c = registry.getClaim(id);
            ImpactHandler.GClaim memory g = handler.claimOf(id);
            assertEq(c.retiredUnits, g.retired, "IM-2: retired != ghost");
            assertEq(c.retiredUnits + held, g.minted, "IM-2: retired + outstanding != minted");
            assertEq(certified[id], c.retiredUnits, "IM-2: certificates != retired");
        }
    }

    /// @notice IM-3: every claim's evidence hash (and serial, when given) maps to it and to no other claim.
    function invariant_IM3_evidenceUnique() public view {
        uint256 count = handler.gClaimCount();
        for (uint256 id = 1; id <= count; ++id) {
            ImpactHandler.GClaim memory g = handler.claimOf(id);
            assertEq(registry.claimOfEvidence(g.evidence), id, "IM-3: evidence does not map to its claim");
            if (bytes(g.serial).length != 0) {
                assertEq(registry.claimOfSerial(g.serial), id, "IM-3: serial does not map to its claim");
            }
            for (uint256 j = id + 1; j <= count; ++j) {
                assertTrue(handler.claimOf(j).evidence != g.evidence, "IM-3: evidence used twice");
            }
        }
    }

    /// @notice IM-4: per currency, funds in = withdrawn + reclaimed + withdrawable proceeds + round remainders, and
    /// the market holds exactly withdrawable + remainders; every listing and round equals the ghost's.
    function invariant_IM4_fundsConserved() public view {
        uint256[2] memory owed;
        for (uint256 id = 1; id <= handler.gClaimCount() + 1; ++id) {
            IImpactMarket.Listing memory l = market.getListing(id);
            ImpactHandler.GListing memory g = handler.listingOf(id);
            assertEq(l.seller, g.seller, "seller != ghost");
            assertEq(l.remaining, g.remaining, "remaining != ghost");
            assertEq(l.proceeds, g.proceeds, "IM-4: proceeds != ghost");
            assertEq(l.unitsSold, g.sold, "units sold != ghost");
            if (g.seller != address(0)) {
                assertEq(l.currency, g.currency, "currency != ghost");
                assertEq(l.pricePerUnit, g.price, "price != ghost");
            }
            owed[l.currency == address(token) ? 1 : 0] += l.proceeds;
        }
        for (uint256 r = 1; r <= handler.gRoundCount(); ++r) {
            IImpactMarket.Round memory round = market.getRound(r);
            ImpactHandler.GRound memory g = handler.roundOf(r);
            assertEq(round.remaining, g.remaining, "IM-4: round remaining != ghost");
            assertEq(round.deposited, g.deposited, "IM-4: round deposited != ghost");
            owed[round.currency == address(token) ? 1 : 0] += round.remaining;
        }
        assertEq(address(market).balance, owed[0], "IM-4: ETH held != owed");
        assertEq(token.balanceOf(address(market)), owed[1], "IM-4: tokens held != owed");
        for (uint256 c = 0; c < 2; ++c) {
            assertEq(
                handler.gIn(c),
                handler.gWithdrawn(c) + handler.gReclaimed(c) + owed[c],
                "IM-4: funds in != paid out + owed"
            );
        }
    }

    /// @notice IM-5: the verified amount is the minimum of the approvals (ghost), at most the claimed amount, from
    /// the ghost's distinct accredited voters, never the claimant; revoked <= verified.
    function invariant_IM5_verifiedIsMinOfApprovals() public view {
        address[V + 1] memory voters = handler.voterList();
        for (uint256 id = 1; id <= handler.gClaimCount(); ++id) {
            IImpactRegistry.Claim memory c = registry.getClaim(id);
            ImpactHandler.GClaim memory g = handler.claimOf(id);
            assertEq(c.verifiedUnits, g.verified, "IM-5: verified != minimum of approvals");
            assertLe(c.verifiedUnits, c.claimedUnits, "IM-5: verified above claimed");
            assertEq(c.approvals, g.approvals, "approvals != ghost");
            assertEq(c.rejections, g.rejections, "rejections != ghost");
            assertLe(c.approvals, c.threshold, "more approvals than k");
            assertLe(c.rejections, c.threshold, "more rejections than k");
            assertLe(c.revokedUnits, c.verifiedUnits, "IM-5: revoked above verified");
            assertEq(c.revokedUnits, g.revoked, "revoked != ghost");
            uint256 votes;
            for (uint256 v = 0; v <= V; ++v) {
                bool voted = registry.hasVoted(id, voters[v]);
                assertEq(voted, handler.gVoted(id, v), "voter != ghost");
                if (voted) ++votes;
            }
            assertEq(votes, uint256(c.approvals) + c.rejections, "votes != approvals + rejections");
            assertFalse(registry.hasVoted(id, c.claimant), "IM-5: the claimant voted");
        }
    }

    /// @notice IM-6: frozen units equal the ghost's min(revoked, balance at revocation), stay with the claimant,
    /// and are excluded from the sellable units.
    function invariant_IM6_frozenUnitsStay() public view {
        for (uint256 id = 1; id <= handler.gClaimCount(); ++id) {
            IImpactRegistry.Claim memory c = registry.getClaim(id);
            assertEq(c.frozenUnits, handler.claimOf(id).frozen, "IM-6: frozen != ghost");
            assertLe(c.frozenUnits, c.revokedUnits, "IM-6: frozen above revoked");
            uint256 balance = registry.balanceOf(c.claimant, id);
            assertGe(balance, c.frozenUnits, "IM-6: frozen units left the claimant");
            assertEq(registry.sellableUnits(id), balance - c.frozenUnits, "IM-6: sellable");
        }
    }

    /// @notice IM-7: certificates never move (owner = ghost owner at minting) and are flagged iff their claim has
    /// revoked units.
    function invariant_IM7_certificates() public view {
        uint256 count = handler.gCertificateCount();
        assertEq(certificates.count(), count, "certificate count != ghost");
        for (uint256 cid = 1; cid <= count; ++cid) {
            ImpactHandler.GCertificate memory g = handler.certificateOf(cid);
            IRetirementCertificates.Certificate memory c = certificates.getCertificate(cid);
            assertEq(IERC721(address(certificates)).ownerOf(cid), g.owner, "IM-7: certificate moved");
            assertEq(c.claimId, g.claimId, "certificate claim");
            assertEq(c.units, g.units, "certificate units");
            assertEq(certificates.flagged(cid), handler.claimOf(g.claimId).revoked != 0, "IM-7: flagged");
        }
    }

    /// @notice IM-8: a round never spends more than its deposits, its cap for a claim or a buyer, or above its
    /// price limit; what it spent (deposited - remaining - reclaimed) equals its matched units at their prices, all
    /// retired (each matched purchase's certificate is checked by the handler).
    function invariant_IM8_roundsWithinRules() public view {
        address[N] memory a = handler.actorList();
        for (uint256 r = 1; r <= handler.gRoundCount(); ++r) {
            IImpactMarket.Round memory round = market.getRound(r);
            ImpactHandler.GRound memory g = handler.roundOf(r);
            uint256 spent = round.deposited - round.remaining - g.reclaimed;
            assertEq(spent, g.matchedCost, "IM-8: spent != matched cost");
            uint256 byClaims;
            for (uint256 id = 1; id <= handler.gClaimCount(); ++id) {
                (uint256 forClaim, ) = market.matchedSpend(r, id, address(0));
                assertLe(forClaim, round.capPerClaim, "IM-8: claim cap exceeded");
                assertEq(forClaim, handler.gSpentOnClaim(r, id), "spent on claim != ghost");
                byClaims += forClaim;
            }
            uint256 byBuyers;
            for (uint256 i = 0; i < N; ++i) {
                (, uint256 forBuyer) = market.matchedSpend(r, 0, a[i]);
                assertLe(forBuyer, round.capPerBuyer, "IM-8: buyer cap exceeded");
                assertEq(forBuyer, handler.gSpentOnBuyer(r, a[i]), "spent on buyer != ghost");
                byBuyers += forBuyer;
            }
            assertEq(byClaims, spent, "IM-8: spent on claims != spent");
            assertEq(byBuyers, spent, "IM-8: spent on buyers != spent");
            assertLe(spent, g.matchedUnits * round.maxPricePerUnit, "IM-8: paid above the round's price limit");
        }
    }

    /// @notice At the end of every run every round has ended, every seller withdrew and every owner reclaimed: the
    /// market holds nothing, and everything that came in went out.
    function afterInvariant() public {
        handler.settleAll();
        invariant_noViolations();
        invariant_IM4_fundsConserved();
        assertEq(address(market).balance, 0, "IM-4: ETH left in the market");
        assertEq(token.balanceOf(address(market)), 0, "IM-4: tokens left in the market");
        for (uint256 c = 0; c < 2; ++c) {
            assertEq(handler.gIn(c), handler.gWithdrawn(c) + handler.gReclaimed(c), "IM-4: funds in != paid out");
        }
    }

    // ================================================================================ coverage of the handler

    /// @notice A long pseudo-random action sequence drives every path of the handler and every invariant holds
    /// along the way and at the end: the invariant runs are not vacuous.
    function test_handlerExercisesEveryPath() public {
        for (uint256 i = 0; i < 900; ++i) {
            uint256 r = uint256(keccak256(abi.encode("impact coverage", i)));
            uint256 r1 = uint256(keccak256(abi.encode(r, 1)));
            uint256 r2 = uint256(keccak256(abi.encode(r, 2)));
            uint256 r3 = uint256(keccak256(abi.encode(r, 3)));
            uint256 r4 = uint256(keccak256(abi.encode(r, 4)));
            uint256 action = r % 32;
            if (action < 3) handler.submit(r1, r2, r3, r4);
            else if (action < 8) handler.vote(r1, r2, r3, r4);
            else if (action < 9) handler.revoke(r1, r2, r3);
            else if (action < 11) handler.list(r1, r2, r3, r4);
            else if (action < 12) handler.delist(r1, r2);
            else if (action < 16) handler.buy(r1, r2, r3, r4);
            else if (action < 20) handler.buyMatched(r1, r2, r3, r4);
            else if (action < 21) handler.withdraw(r1, r2);
            else if (action < 23) handler.createRound(r1, r2, r3, r4);
            else if (action < 24) handler.fundRound(r1, r2, r3);
            else if (action < 25) handler.reclaim(r1, r2);
            else if (action < 28) handler.retire(r1, r2, r3);
            else if (action < 31) handler.transfer(r1, r2, r3, r4);
            else handler.warp(r1);
            if (i % 100 == 0) _checkAll();
        }
        assertGt(handler.nSubmits(), 0, "no submission");
        assertGt(handler.nRefusedSubmits(), 0, "no refused submission");
        assertGt(handler.nDuplicates(), 0, "no duplicate evidence or serial");
        assertGt(handler.nApprovals(), 0, "no approval");
        assertGt(handler.nSignedApprovals(), 0, "no signed approval");
        assertGt(handler.nRefusedSignatures(), 0, "no refused signature");
        assertGt(handler.nInvalidatedNonces(), 0, "no invalidated nonce");
        assertGt(handler.nVerified(), 4, "too few verified claims");
        assertGt(handler.nRejections(), 0, "no rejection");
        assertGt(handler.nRejected(), 0, "no rejected claim");
        assertGt(handler.nRefusedVotes(), 0, "no refused vote");
        assertGt(handler.nClaimantVotes(), 0, "no vote by the claimant");
        assertGt(handler.nRevocations(), 0, "no revocation");
        assertGt(handler.nFullRevocations(), 0, "no full revocation");
        assertGt(handler.nRefusedRevocations(), 0, "no refused revocation");
        assertGt(handler.nListings(), 4, "too few listings");
        assertGt(handler.nRefusedListings(), 0, "no refused listing");
        assertGt(handler.nDelists(), 0, "no delisting");
        assertGt(handler.nBuys(), 0, "no purchase");
        assertGt(handler.nTokenBuys(), 0, "no token purchase");
        assertGt(handler.nRefusedBuys(), 0, "no refused purchase");
        assertGt(handler.nFrozenRefusals(), 0, "no frozen-units refusal");
        assertGt(handler.nMatchedBuys(), 0, "no matched purchase");
        assertGt(handler.nCappedMatches(), 0, "no match cut by caps, funds or listing");
        assertGt(handler.nUnmatchedRoundBuys(), 0, "no round purchase matching nothing");
        assertGt(handler.nRefusedMatchedBuys(), 0, "no refused matched purchase");
        assertGt(handler.nWithdrawals(), 0, "no withdrawal");
        assertGt(handler.nRefusedWithdrawals(), 0, "no refused withdrawal");
        assertGt(handler.nRounds(), 2, "no round created");
        assertGt(handler.nRefusedRounds(), 0, "no refused round");
        assertGt(handler.nFundings(), 0, "no funding");
        assertGt(handler.nRefusedFundings(), 0, "no refused funding");
        assertGt(handler.nReclaims(), 0, "no reclaim");
        assertGt(handler.nRefusedReclaims(), 0, "no refused reclaim");
        assertGt(handler.nRetirements(), 0, "no retirement");
        assertGt(handler.nRefusedRetirements(), 0, "no refused retirement");
        assertGt(handler.nTransfers(), 0, "no transfer");
        assertGt(handler.nBatchTransfers(), 0, "no batch transfer");
        assertGt(handler.nRefusedTransfers(), 0, "no refused transfer");
        assertGt(handler.nWarps(), 0, "no warp");
        _checkAll();
        afterInvariant();
    }

    function _checkAll() internal view {
        invariant_noViolations();
        invariant_IM1_mintedEqualsVerified();
        invariant_IM2_retiredPlusOutstanding();
        invariant_IM3_evidenceUnique();
        invariant_IM4_fundsConserved();
        invariant_IM5_verifiedIsMinOfApprovals();
        invariant_IM6_frozenUnitsStay();
        invariant_IM7_certificates();
        invariant_IM8_roundsWithinRules();
    }
}
