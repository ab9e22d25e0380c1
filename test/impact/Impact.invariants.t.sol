// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ImpactRegistry} from "../../contracts/impact/ImpactRegistry.sol";
import {ImpactMarket} from "../../contracts/impact/ImpactMarket.sol";
import {IImpactRegistry} from "../../contracts/impact/IImpactRegistry.sol";
import {IImpactMarket} from "../../contracts/impact/IImpactMarket.sol";
import {IRetirementCertificates} from "../../contracts/impact/IRetirementCertificates.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {ImpactModel} from "./ImpactModel.sol";

/// @notice Invariant-test handler of the impact module (ImpactRegistry, RetirementCertificates, ImpactMarket) with a
/// ghost model and an attacker model.
/// @dev Four principals (claimants, buyers, round owners), each controlling three addresses: its claimant address
/// (`actors[i]`, principal 0's is also an accredited verifier) and two parking addresses. Every one of the twelve
/// addresses holds ETH and two MockERC20s (6 and 18 decimals, priced on different scales) with standing approvals
/// to the market. Five verifier candidates: voters 0..3 accredited at the start (voter 0 = actor 0), voter 4 not;
/// the accreditation handler de-accredits and re-accredits them through the registry's admin, an OpenZeppelin
/// TimelockController with a 1 hour delay whose only proposer and executor is this handler (schedule, warp past the
/// delay, execute), so attester slots are released and reused. Methodologies 1..3 with k = 1..3 and an inactive
/// methodology 4. The ghost keeps every claim (status, k, voters, running minimum, the open revocation vote and its
/// ballots, revoked, frozen, retired), every verifier's slot, every balance of every claim's units at every address,
/// every listing (with its version), round (with its claim rules and allow/exclude choices), certificate and used
/// nonce, and the funds that entered and left the market per currency, computed from the interfaces' definitions
/// without reading the contracts' state. Each action predicts its outcome, down to the exact revert data; a call
/// that must succeed but reverts, must revert but succeeds, or reverts with other data is recorded in `violations`.
/// Independently of the prediction, every purchase that went through is recorded from the chain (the terms the
/// buyer named, the listing version, what left the buyer and reached the market in each currency: IM-9), every
/// sale is checked against the claim's verified - revoked units at that moment (IM-10), every return of units to
/// a claimant with a revocation is checked to refreeze them (IM-10), and every matched purchase against the round's
/// claim rules (IM-8), so a broken contract fails the invariant that names the property, not only the model. The
/// ghost state, the revert predictors and the picks are in {ImpactModel}.
/// Defined in this test file on purpose: Hardhat writes artifacts only for root source files, and the invariant
/// fuzzer needs the handler's artifact.
contract ImpactHandler is ImpactModel {
    TimelockController public immutable timelock;
    ImpactRegistry public immutable registry;
    ImpactMarket public immutable market;
    IRetirementCertificates public immutable certificates;
    /// @dev 6 decimals, prices up to 1e6 a unit.
    MockERC20 public immutable token;
    /// @dev 18 decimals, prices up to 1e15 a unit.
    MockERC20 public immutable token2;

    uint256[W] internal _voterKeys;

    constructor() {
        address[] memory self = new address[](1);
        self[0] = address(this);
        timelock = new TimelockController(1 hours, self, self, address(0));
        registry = new ImpactRegistry(address(timelock), "");
        certificates = IRetirementCertificates(registry.certificates());
        market = new ImpactMarket(address(registry));
        token = new MockERC20("Demo Euro", "dEUR", 6);
        token2 = new MockERC20("Demo Pound", "dGBP", 18);
        currencies = [address(0), address(token), address(token2)];
        _priceScale = [uint256(1e12), 1e6, 1e15];
        vm.deal(address(this), 1e30);
        for (uint256 i = 0; i < A; ++i) {
            string memory name = string.concat("actor", vm.toString(i / P));
            if (i % P != 0) name = string.concat(name, "-parking", vm.toString(i % P));
            (address a, uint256 key) = makeAddrAndKey(name);
            accounts[i] = a;
            _principalPlusOne[a] = i / P + 1;
            if (i % P == 0) actors[i / P] = a;
            if (i == 0) (voters[0], _voterKeys[0]) = (a, key);
            vm.deal(a, 1e30);
            token.mint(a, 1e30);
            token2.mint(a, 1e30);
            vm.startPrank(a);
            token.approve(address(market), type(uint256).max);
            token2.approve(address(market), type(uint256).max);
            registry.setApprovalForAll(address(market), true);
            vm.stopPrank();
        }
        (voters[1], _voterKeys[1]) = makeAddrAndKey("verifier1");
        (voters[2], _voterKeys[2]) = makeAddrAndKey("verifier2");
        (voters[3], _voterKeys[3]) = makeAddrAndKey("verifier3");
        for (uint256 v = V; v < W; ++v) {
            (voters[v], _voterKeys[v]) = makeAddrAndKey(string.concat("outsider", vm.toString(v - V)));
        }
        // one delayed batch: accredit voters 0..V-1, set methodologies 1..4
        address[] memory targets = new address[](V + 4);
        uint256[] memory values = new uint256[](V + 4);
        bytes[] memory payloads = new bytes[](V + 4);
        for (uint256 v = 0; v < V; ++v) {
            (targets[v], payloads[v]) = (
                address(registry),
                abi.encodeCall(IAccessControl.grantRole, (VERIFIER_ROLE, voters[v]))
            );
        }
        for (uint8 m = 1; m <= 4; ++m) {
            (targets[V + m - 1], payloads[V + m - 1]) = (
                address(registry),
                abi.encodeCall(IImpactRegistry.setMethodology, (m, m == 4 ? 1 : m, m != 4, "Methodology"))
            );
        }
        timelock.scheduleBatch(targets, values, payloads, bytes32(0), bytes32(0), 1 hours);
        vm.warp(block.timestamp + 1 hours);
        timelock.executeBatch(targets, values, payloads, bytes32(0), bytes32(0));
        for (uint256 v = 0; v < V; ++v) _ghostGrant(v);
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

    /// @notice A vote by a random voter (the outsider is not accredited unless the accreditation handler made it
    /// so) on a random claim (one in 16 unknown): direct approvals, signed approvals (valid, expired, replayed or
    /// invalidated nonce, wrong signer) and rejections; one approval in eight is above the claimed amount.
    function vote(uint256 voterSeed, uint256 claimSeed, uint256 unitsSeed, uint256 modeSeed) public {
        uint256 vi = _pickVoter(voterSeed);
        // one in 8 a verifier in a reused (or second) slot, if any: claims before its slot are not its to vote on
        uint256 id = _pickPending(claimSeed);
        if ((voterSeed >> 20) % 8 == 0) (vi, id) = (_lateVerifier(vi), _oldestPending(id));
        uint256 claimed = _claims[id].claimed;
        uint256 units = unitsSeed % 8 == 0 ? claimed + 1 : _bound(unitsSeed, (claimed * 3) / 4, claimed);
        uint256 mode = modeSeed % 12;
        if (mode < 6) _vote(vi, id, true, units, bytes32(modeSeed));
        else if (mode < 9) _signedVote(vi, id, units, modeSeed >> 8);
        else _vote(vi, id, false, 0, bytes32(modeSeed));
    }

    /// @notice A vote to revoke by a random voter (half the time one that may still vote on the claim's open
    /// revocation, one in 4 one that voted on it already): one in 8 of 0 units, one in 4 of everything left, one in
    /// 8 of one unit more than is left; the claim's k-th distinct vote revokes the smallest amount voted.
    function revoke(uint256 voterSeed, uint256 claimSeed, uint256 unitsSeed) public {
        uint256 vi = _pickVoter(voterSeed);
        uint256 id = _pickWithUnits(claimSeed);
        // half the time a voter that has not voted on the open revocation yet (if any), one in 4 one that has
        uint256 pick = (voterSeed >> 16) % 4;
        if (pick < 2) vi = _nextRevoker(id, vi);
        else if (pick == 2) (vi, id) = _pastRevoker(_openRevocation(id), vi);
        GClaim storage c = _claims[id];
        uint256 left = c.verified - c.revoked;
        uint256 mode = unitsSeed % 8;
        uint256 units =
            mode == 0
                ? 0
                : mode == 1
                    ? left + 1
                    : mode < 4
                        ? left
                        : _bound(unitsSeed, 1, left / 3 + 1);
        _revokeVote(vi, id, units, bytes32(unitsSeed));
    }

    /// @notice Accreditation through the timelock: a random candidate verifier loses its accreditation (while at
    /// least three stay accredited) or gets it (back), taking back its own slot, a released slot of another
    /// verifier (one in 4 after another verifier left in the same call), or a new one; one in 8 re-grants an
    /// accredited verifier (nothing changes).
    function accredit(uint256 voterSeed, uint256 modeSeed) public {
        uint256 vi = voterSeed % W;
        bool rotate = (modeSeed >> 16) % 4 == 0;
        // a rotation: an inactive candidate (if any) is accredited after another verifier left, so it may get
        // the released slot
        for (uint256 j = 0; rotate && j < W && _verifiers[vi].active; ++j) vi = (vi + 1) % W;
        GVerifier storage g = _verifiers[vi];
        if (rotate && !g.active && _activeVerifiers() >= 3) {
            uint256 other = (vi + 1 + ((voterSeed >> 8) % (W - 1))) % W;
            if (_verifiers[other].active) _accredit(other, false);
        }
        _accredit(vi, !g.active || modeSeed % 8 == 0 || _activeVerifiers() <= 3 + ((modeSeed >> 8) % 2));
    }

    function _accredit(uint256 vi, bool grant) internal {
        GVerifier storage g = _verifiers[vi];
        bytes memory data = abi.encodeWithSelector(
            grant ? IAccessControl.grantRole.selector : IAccessControl.revokeRole.selector,
            VERIFIER_ROLE,
            voters[vi]
        );
        bytes32 s = bytes32(++_salt);
        timelock.schedule(address(registry), 0, data, bytes32(0), s, 1 hours);
        vm.warp(block.timestamp + 1 hours);
        (bool ok, bytes memory ret) = address(timelock).call(
            abi.encodeCall(TimelockController.execute, (address(registry), 0, data, bytes32(0), s))
        );
        if (!_outcome(ok, ret, "", grant ? "grantRole" : "revokeRole")) return;
        if (!grant) {
            _ghostRevoke(vi);
            ++nDeaccreditations;
        } else if (g.active) ++nRedundantGrants;
        else _ghostGrant(vi);
        (bool assigned, uint8 slot, bool active, uint256 first) = registry.verifierSlot(voters[vi]);
        if (assigned != g.assigned || slot != g.slot || active != g.active || first != g.first) {
            _violation("IM-11: verifier slot != ghost");
        }
    }

    /// @notice A listing, usually by the claimant (one in 8 by a random actor), in ETH, the token or the second
    /// token; one in 16 has price 0, one in 16 zero units.
    function list(uint256 callerSeed, uint256 claimSeed, uint256 priceSeed, uint256 unitsSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        GClaim storage c = _claims[id];
        address caller = _caller(callerSeed, c.claimant);
        uint256 ci = priceSeed % C;
        uint256 price = priceSeed % 16 == 1 ? 0 : _bound(priceSeed >> 8, 1, _priceScale[ci]);
        // mostly at most what the claimant can sell; one in 4 any amount (a listing may exceed the balance)
        uint256 held = gBalance[id][c.claimant];
        uint256 sellable = held > c.frozen ? held - c.frozen : 0;
        uint256 units =
            unitsSeed % 16 == 0
                ? 0
                : unitsSeed % 4 == 1
                    ? _bound(unitsSeed >> 4, 1, 6_000)
                    : _bound(unitsSeed >> 4, 1, sellable + 1);
        _list(caller, id, currencies[ci], price, units);
    }

    /// @notice The seller relists a listed claim in another currency (half the time withdrawing its proceeds
    /// first, which a currency change needs) or at another price: a new version of the listing. Between a buyer's
    /// `quote` and its purchase this is the relisting the buyer's terms must survive.
    function relist(uint256 claimSeed, uint256 termsSeed) public {
        _relist(_pickListed(claimSeed), termsSeed);
    }

    /// @notice Delisting, usually by the seller.
    function delist(uint256 callerSeed, uint256 claimSeed) public {
        uint256 id = _pickListed(claimSeed);
        GListing storage l = _listings[id];
        address caller = _caller(callerSeed, l.seller);
        bytes memory err = _delistError(id, caller);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(market).call(abi.encodeCall(IImpactMarket.delist, (id)));
        if (!_outcome(ok, ret, err, "delist")) return;
        l.remaining = 0;
        ++nDelists;
    }

    /// @notice A buyer (any of the twelve addresses) reads a listing and keeps the terms it saw (currency,
    /// version, units, at most their cost or a little more); a later `buy` may use them, after a `relist` or not.
    function quote(uint256 buyerSeed, uint256 claimSeed, uint256 unitsSeed) public {
        _quotes[accounts[buyerSeed % A]] = _quote(_pickListed(claimSeed), unitsSeed);
        ++nQuotes;
    }

    /// @notice A plain purchase by any of the twelve addresses, naming terms: one in 4 the buyer's kept quote
    /// (if any), else fresh terms of which one in 16 names another currency, one in 16 a total one below the cost,
    /// one in 16 another version, and one in 16 is front-run by the seller relisting between the quote and the
    /// purchase; one in 32 pays wrongly.
    function buy(uint256 buyerSeed, uint256 claimSeed, uint256 unitsSeed, uint256 termsSeed) public {
        address b = accounts[buyerSeed % A];
        uint256 mode = termsSeed % 16;
        Quote memory q;
        bool frontRun;
        if (mode < 4 && _quotes[b].id != 0) {
            q = _quotes[b];
            delete _quotes[b];
        } else {
            q = _quote(_pickListed(claimSeed), unitsSeed);
            if (mode == 3) q.currency = currencies[(_cur(q.currency) + 1 + ((termsSeed >> 4) % 2)) % C];
            else if (mode == 4 && q.units * q.price != 0) q.maxCost = q.units * q.price - 1;
            else if (mode == 5) q.version = q.version == 0 ? 1 : q.version - 1;
            else if (mode == 6) frontRun = _relist(q.id, termsSeed >> 8);
        }
        bytes memory err = _buy(b, q, (termsSeed >> 4) % 32 == 1);
        if (mode < 4 && err.length == 0) ++nQuotedBuys;
        if (frontRun && bytes4(err) == IImpactMarket.ListingVersionMismatch.selector) ++nFrontRunRefusals;
    }

    /// @notice A purchase through a random round (one in 16 unknown) by a buyer of another principal, or (one in
    /// 16) the claimant itself, or (one in 8) one of the claimant's parking addresses; the minimum asked is 0,
    /// exactly the match or (one in 4) one unit more than the match; one in 16 names a total below the cost, one in
    /// 16 another version, one in 16 another currency.
    function buyMatched(uint256 buyerSeed, uint256 roundSeed, uint256 claimSeed, uint256 unitsSeed) public {
        uint256 roundId = _pickOpenRound(roundSeed);
        // three times in four a claim listed in the round's currency, half of those one the round's rules accept
        uint256 id =
            claimSeed % 4 == 0
                ? _pickListed(claimSeed >> 2)
                : claimSeed % 4 == 1
                    ? _pickListedIn(claimSeed >> 2, _rounds[roundId].currency)
                    : _pickMatchable(claimSeed >> 2, roundId);
        _buyMatched(_matchBuyer(buyerSeed, id), roundId, id, unitsSeed);
    }

    /// @notice The seller (one in 8: a random actor) withdraws a listing's proceeds.
    function withdraw(uint256 callerSeed, uint256 claimSeed) public {
        uint256 id = _pickListed(claimSeed);
        _withdraw(_caller(callerSeed, _listings[id].seller), id);
    }

    /// @notice A new round with random rules (each invalid rule one time in 16; one in 4 matches only allowed
    /// claims, one in 4 accepts claims with a revocation), funded with a random deposit (one in 16 with a wrong
    /// payment).
    function createRound(uint256 ownerSeed, uint256 ruleSeed, uint256 capSeed, uint256 depositSeed) public {
        if (gRoundCount >= MAX_ROUNDS) return;
        IImpactMarket.RoundConfig memory cfg;
        uint256 ci = ruleSeed % C;
        cfg.currency = currencies[ci];
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
            (ruleSeed >> 88) % 16 == 0
                ? 0
                : ((ruleSeed >> 92) % 4 == 0 ? _bound(ruleSeed >> 96, 1, _priceScale[ci]) : _priceScale[ci])
        );
        cfg.capPerClaim = uint128(_bound(capSeed, 0, _priceScale[ci] * 5_000));
        cfg.capPerBuyer = uint128(_bound(capSeed >> 128, 0, _priceScale[ci] * 5_000));
        cfg.name = string.concat("Round ", vm.toString(gRoundCount + 1));
        cfg.allowListOnly = (ruleSeed >> 200) % 4 == 0;
        cfg.acceptsRevokedClaims = (ruleSeed >> 204) % 4 == 0;
        uint256 deposit = depositSeed % 8 == 0 ? 0 : _bound(depositSeed, 1, _priceScale[ci] * 10_000);
        uint256 value = (ci == 0 ? deposit : 0) + (depositSeed % 16 == 1 ? 1 : 0);
        _createRound(actors[ownerSeed % N], cfg, bps, deposit, value);
    }

    /// @notice Anyone adds to a random round (one in 16 unknown, one in 8 adds nothing, one in 16 pays wrongly).
    function fundRound(uint256 funderSeed, uint256 roundSeed, uint256 amountSeed) public {
        uint256 roundId = _pickRound(roundSeed);
        GRound storage r = _rounds[roundId];
        uint256 amount = amountSeed % 8 == 0 ? 0 : _bound(amountSeed, 1, _priceScale[_cur(r.currency)] * 10_000);
        uint256 value = (r.currency == address(0) ? amount : 0) + (amountSeed % 16 == 1 ? 1 : 0);
        bytes memory err = _fundRoundError(roundId, amount, value);
        _afford(accounts[funderSeed % A], value);
        vm.prank(accounts[funderSeed % A]);
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

    /// @notice The round's owner (one in 8: a random actor) allows, excludes or resets one to three claims (mostly
    /// listed ones) for a round (one in 16 unknown).
    function setRoundClaims(uint256 callerSeed, uint256 roundSeed, uint256 claimSeed, uint256 choiceSeed) public {
        uint256 roundId = _pickRound(roundSeed);
        address caller = _caller(callerSeed, _rounds[roundId].owner);
        uint256[] memory ids = new uint256[](1 + (claimSeed % 3));
        for (uint256 i = 0; i < ids.length; ++i) ids[i] = _pickListed(claimSeed >> (8 + 32 * i));
        // allowed or excluded more often than reset
        _setRoundClaims(
            caller,
            roundId,
            ids,
            uint8(
                choiceSeed % 5 == 0
                    ? DEFAULT
                    : choiceSeed % 5 < 3
                        ? ALLOWED
                        : EXCLUDED
            )
        );
    }

    /// @notice The round's owner (one in 8: a random actor) changes its claim rules (allow-list only, claims with
    /// a revocation accepted); refused after the end.
    function setRoundClaimRules(uint256 callerSeed, uint256 roundSeed, uint256 ruleSeed) public {
        uint256 roundId = _pickRound(roundSeed);
        GRound storage r = _rounds[roundId];
        address caller = _caller(callerSeed, r.owner);
        (bool allowListOnly, bool acceptsRevoked) = (ruleSeed % 3 == 0, (ruleSeed >> 2) % 2 == 0);
        bytes memory err = _setRoundClaimRulesError(roundId, caller);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(market).call(
            abi.encodeCall(IImpactMarket.setRoundClaimRules, (roundId, allowListOnly, acceptsRevoked))
        );
        if (!_outcome(ok, ret, err, "setRoundClaimRules")) {
            ++nRefusedRoundSettings;
            return;
        }
        (r.allowListOnly, r.acceptsRevoked) = (allowListOnly, acceptsRevoked);
        ++nRuleChanges;
    }

    /// @notice A holder (usually one with units of the claim, at any of the twelve addresses) retires units: one in
    /// 16 zero, one in 4 one more than it holds, one in 16 with an empty beneficiary.
    function retire(uint256 holderSeed, uint256 claimSeed, uint256 unitsSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        address h = _holder(holderSeed, id);
        _retire(h, id, _retireUnits(unitsSeed, gBalance[id][h]), (unitsSeed >> 8) % 16 == 0);
    }

    /// @notice A holder (usually one with units of the claim) moves units to any of the twelve addresses, as a
    /// single transfer or as a batch listing the id twice; one in 4 moves one unit more than it holds.
    function transfer(uint256 fromSeed, uint256 toSeed, uint256 claimSeed, uint256 unitsSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        address f = _holder(fromSeed, id);
        uint256 balance = gBalance[id][f];
        uint256 units = unitsSeed % 4 == 0 ? balance + 1 : _bound(unitsSeed, 0, balance);
        bool batch = (unitsSeed >> 8) % 2 == 0;
        _move(f, accounts[toSeed % A], id, units, batch ? _bound(unitsSeed >> 16, 0, units) : units, batch);
    }

    /// @notice A claimant parks units of its claim at one of its parking addresses: mostly at most its sellable
    /// units, one in 8 one unit more (frozen units must stay).
    function park(uint256 claimSeed, uint256 unitsSeed, uint256 parkSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        GClaim storage c = _claims[id];
        if (c.claimant == address(0)) return;
        uint256 held = gBalance[id][c.claimant];
        uint256 sellable = held > c.frozen ? held - c.frozen : 0;
        uint256 units = unitsSeed % 8 == 0 ? sellable + 1 : _bound(unitsSeed >> 3, 1, sellable > 1 ? sellable : 1);
        if (_move(c.claimant, _parking(c.claimant, parkSeed), id, units, units, false)) ++nParks;
    }

    /// @notice A claimant brings parked units back from one of its parking addresses (a single transfer or a
    /// batch): if the claim has a revocation they are frozen again, up to the revoked amount.
    function unpark(uint256 claimSeed, uint256 unitsSeed, uint256 parkSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        GClaim storage c = _claims[id];
        if (c.claimant == address(0)) return;
        _unpark(id, _parkingWithUnits(id, parkSeed), unitsSeed);
    }

    /// @notice A parking address acts on its principal's claim: retires units (mode 0), tries to list it (mode 1,
    /// refused: only the claimant lists), buys it through a round (mode 2: a self-match the market cannot tell from
    /// another buyer) or washes it (mode 3: buys what the claimant can deliver, brings it back, the claimant
    /// relists it, twice; the market's sales limit counts every such sale).
    function parkedAct(uint256 claimSeed, uint256 modeSeed, uint256 unitsSeed, uint256 roundSeed) public {
        uint256 id = _pickListed(claimSeed);
        GClaim storage c = _claims[id];
        if (c.claimant == address(0)) return;
        address p = _parkingWithUnits(id, modeSeed >> 4);
        uint256 mode = modeSeed % 4;
        if (mode == 0) {
            if (_retire(p, id, _retireUnits(unitsSeed, gBalance[id][p]), false)) ++nParkedRetirements;
        } else if (mode == 1) {
            _list(p, id, _listings[id].currency, _bound(unitsSeed, 1, 1e6), _bound(unitsSeed >> 32, 1, 1_000));
            ++nParkedListRefusals;
        } else if (mode == 2) {
            _buyMatched(p, _pickOpenRound(roundSeed), id, unitsSeed);
        } else _washSale(id, p);
    }

    /// @dev Twice: parking address `p` buys what its claimant can deliver of the listing, brings it back to the
    /// claimant, which relists it at the same terms. The market's sales limit (verified - revoked) ends it.
    function _washSale(uint256 id, address p) internal {
        GClaim storage c = _claims[id];
        for (uint256 k = 0; k < 2; ++k) {
            GListing storage l = _listings[id];
            uint256 held = gBalance[id][c.claimant];
            uint256 units = Math.min(l.remaining, held > c.frozen ? held - c.frozen : 0);
            if (units == 0) return;
            Quote memory q = Quote(id, units, l.currency, l.version, l.price, units * l.price);
            if (_buy(p, q, false).length != 0) return;
            ++nParkedBuys;
            if (!_move(p, c.claimant, id, units, units, false)) return;
            _list(c.claimant, id, l.currency, l.price, units);
        }
    }

    /// @notice A claimant parks units right before a revocation vote completes: the claim's open vote is brought
    /// to k - 1 votes, the claimant parks (part of) its sellable units, the k-th vote revokes; half the time the
    /// parked units then come back (and are frozen again up to the revoked amount).
    function parkThenRevoke(uint256 claimSeed, uint256 voterSeed, uint256 unitsSeed, uint256 parkSeed) public {
        uint256 id = _pickWithUnits(claimSeed);
        GClaim storage c = _claims[id];
        if (c.status != VERIFIED && c.status != REVOKED) return;
        uint256 left = c.verified - c.revoked;
        if (left == 0) return;
        uint256 units = _bound(unitsSeed, 1, left / 4 + 1);
        for (uint256 j = 0; j < W && c.revVotes + 1 < c.k; ++j) {
            uint256 vi = _nextRevoker(id, voterSeed + j);
            if (!_revocable(id, vi)) break;
            _revokeVote(vi, id, units, "before parking");
        }
        if (c.revVotes + 1 != c.k) return;
        address p = _parking(c.claimant, parkSeed);
        uint256 held = gBalance[id][c.claimant];
        uint256 sellable = held > c.frozen ? held - c.frozen : 0;
        if (sellable != 0) _move(c.claimant, p, id, sellable, sellable, false);
        uint256 revoked = c.revoked;
        uint256 last = _nextRevoker(id, voterSeed >> 8);
        if (!_revocable(id, last)) return;
        _revokeVote(last, id, _bound(unitsSeed >> 64, units, left / 4 + 1), "parked");
        if (c.revoked == revoked) return;
        ++nParkedBeforeRevocation;
        if ((parkSeed >> 8) % 2 == 0) _unpark(id, p, parkSeed >> 16);
    }

    /// @notice Moves the clock 1 hour to 3 days (rounds end, deadlines pass).
    function warp(uint256 seed) public {
        vm.warp(block.timestamp + _bound(seed, 1 hours, 3 days));
        ++nWarps;
    }

    // ===================================================================================== setup and teardown

    /// @notice Verified claims, listings in the three currencies and three rounds (one matching only allowed
    /// claims and accepting claims with a revocation), so that every path is reachable from the first fuzzed call.
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
        _list(actors[3], 3, address(token2), 2e14, 2_000);
        _list(actors[0], 4, address(0), 5e8, 2_400);
        IImpactMarket.RoundConfig memory cfg = IImpactMarket.RoundConfig({
            currency: address(0),
            matchBps: 10_000,
            endTime: uint40(block.timestamp + 10 days),
            maxPricePerUnit: 1e10,
            capPerClaim: 1e12,
            capPerBuyer: 5e11,
            methodologyMask: 14,
            name: "ETH round",
            allowListOnly: false,
            acceptsRevokedClaims: false
        });
        _createRound(actors[0], cfg, 10_000, 2e12, 2e12);
        cfg.currency = address(token);
        cfg.matchBps = 5_000;
        cfg.maxPricePerUnit = 1e7;
        cfg.capPerBuyer = 3e7;
        cfg.name = "Token round";
        _createRound(actors[3], cfg, 5_000, 1e9, 0);
        cfg.currency = address(0);
        cfg.maxPricePerUnit = 1e12;
        cfg.capPerClaim = 1e15;
        cfg.capPerBuyer = 1e15;
        cfg.name = "Allow-list round";
        cfg.endTime = uint40(block.timestamp + 30 days);
        cfg.allowListOnly = true;
        cfg.acceptsRevokedClaims = true;
        _createRound(actors[1], cfg, 5_000, 1e16, 1e16);
        uint256[] memory ids = new uint256[](4);
        (ids[0], ids[1], ids[2], ids[3]) = (1, 2, 3, 4);
        _setRoundClaims(actors[1], 3, ids, ALLOWED);
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

    function actionSelectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](23);
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
        s[14] = this.accredit.selector;
        s[15] = this.relist.selector;
        s[16] = this.quote.selector;
        s[17] = this.setRoundClaims.selector;
        s[18] = this.setRoundClaimRules.selector;
        s[19] = this.park.selector;
        s[20] = this.unpark.selector;
        s[21] = this.parkedAct.selector;
        s[22] = this.parkThenRevoke.selector;
    }

    // ============================================================================================ internals

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
        bytes memory err = _submitError(units, m, dupEvidence, dupSerial, input);
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

    function _vote(uint256 vi, uint256 id, bool approve, uint256 units, bytes32 report) internal {
        bytes memory err = _voteError(vi, id, approve, units);
        vm.prank(voters[vi]);
        (bool ok, bytes memory ret) = approve
            ? address(registry).call(abi.encodeCall(IImpactRegistry.attest, (id, units, report)))
            : address(registry).call(abi.encodeCall(IImpactRegistry.reject, (id, report)));
        if (!_outcome(ok, ret, err, approve ? "attest" : "reject")) {
            ++nRefusedVotes;
            if (bytes4(err) == IImpactRegistry.VerifierIsClaimant.selector) ++nClaimantVotes;
            if (bytes4(err) == IImpactRegistry.ClaimPredatesVerifier.selector) ++nPredatesRefusals;
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
        if (kind == 3) {
            a.deadline = block.timestamp - 1;
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
        } else if (kind == 5) {
            key = _voterKeys[(vi + 1) % W];
        }
        bytes memory err = _signedVoteError(vi, id, units, kind, a);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, registry.attestationDigest(a));
        vm.prank(accounts[seed % A]);
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

    /// @dev Voter `vi` votes to revoke `units` of `id`; the k-th distinct vote revokes the smallest amount voted,
    /// freezes min(revoked, the claimant's balance) and opens a new vote.
    function _revokeVote(uint256 vi, uint256 id, uint256 units, bytes32 reason) internal returns (bool) {
        bytes memory err = _revokeError(vi, id, units);
        vm.prank(voters[vi]);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(IImpactRegistry.revoke, (id, units, reason, ""))
        );
        if (!_outcome(ok, ret, err, "revoke")) {
            ++nRefusedRevocations;
            if (bytes4(err) == IImpactRegistry.AlreadyVotedToRevoke.selector) ++nDoubleRevocationVotes;
            return false;
        }
        GClaim storage c = _claims[id];
        _revBallot[id][c.revRound][vi] = true;
        c.revUnits = c.revVotes == 0 ? units : Math.min(c.revUnits, units);
        ++c.revVotes;
        ++nRevocationVotes;
        if (c.revVotes < c.k) return true;
        c.revoked += c.revUnits;
        c.frozen = Math.min(c.revoked, gBalance[id][c.claimant]);
        c.status = REVOKED;
        (c.revVotes, c.revUnits) = (0, 0);
        ++c.revRound;
        gSoldAtRevocation[id] = market.getListing(id).unitsSold;
        ++nRevocations;
        if (c.revoked == c.verified) ++nFullRevocations;
        return true;
    }

    function _list(address caller, uint256 id, address currency, uint256 price, uint256 units) internal returns (bool) {
        GListing storage l = _listings[id];
        bytes memory err = _listError(caller, id, currency, price, units);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(market).call(
            abi.encodeCall(IImpactMarket.list, (id, currency, uint96(price), uint48(units)))
        );
        if (!_outcome(ok, ret, err, "list")) {
            ++nRefusedListings;
            return false;
        }
        (l.seller, l.remaining, l.currency, l.price) = (caller, units, currency, price);
        ++l.version;
        ++nListings;
        return true;
    }

    /// @dev The seller relists `id` in another currency (seed even; half the time withdrawing first) or at another
    /// price, keeping the units left (or a new amount): a new version.
    function _relist(uint256 id, uint256 seed) internal returns (bool) {
        GListing storage l = _listings[id];
        if (l.seller == address(0)) return false;
        address old = l.currency;
        uint256 ci = _cur(old);
        if (seed % 2 == 0) {
            ci = (ci + 1 + ((seed >> 1) % 2)) % C;
            if (l.proceeds != 0 && (seed >> 2) % 2 == 0) _withdraw(l.seller, id);
        }
        uint256 units = l.remaining != 0 ? l.remaining : _bound(seed >> 16, 1, 1_000);
        if (!_list(l.seller, id, currencies[ci], _bound(seed >> 8, 1, _priceScale[ci]), units)) return false;
        ++nRelists;
        if (currencies[ci] != old) ++nCurrencyRelists;
        return true;
    }

    /// @dev A plain purchase on the terms `q` (paying the quoted cost in ETH when the buyer named ETH); returns the
    /// predicted revert data (empty: it went through).
    function _buy(address b, Quote memory q, bool wrongPay) internal returns (bytes memory err) {
        GListing storage l = _listings[q.id];
        IImpactMarket.BuyTerms memory t = IImpactMarket.BuyTerms(q.currency, uint32(q.version), q.maxCost);
        uint256 value = (q.currency == address(0) ? q.units * q.price : 0) + (wrongPay ? 1 : 0);
        uint256 cost = q.units * l.price;
        err = _buyError(q, t, value);
        _afford(b, value);
        Snapshot memory s = _snap(b, q.id);
        vm.prank(b);
        (bool ok, bytes memory ret) = address(market).call{value: value}(
            abi.encodeCall(IImpactMarket.buy, (q.id, q.units, t))
        );
        if (ok) _observePurchase(b, q.id, t, s);
        if (!_outcome(ok, ret, err, "buy")) {
            ++nRefusedBuys;
            _countRefusal(err);
            return err.length == 0 ? bytes("refused") : err;
        }
        _sell(q.id, b, q.units, cost);
        ++nBuys;
        if (l.currency == address(token)) ++nTokenBuys;
        if (l.currency == address(token2)) ++nToken2Buys;
    }

    /// @dev A purchase of `id` through round `roundId` by `b`; returns the predicted revert data (empty: it went
    /// through).
    function _buyMatched(address b, uint256 roundId, uint256 id, uint256 unitsSeed) internal returns (bytes memory) {
        Order memory o;
        (o.buyer, o.roundId, o.id) = (b, roundId, id);
        GListing storage l = _listings[id];
        // one in 8 takes the rest of the listing: nothing is left to match; else mostly a tenth of it at most, so
        // that the match fits
        o.units =
            (unitsSeed >> 24) % 8 == 0
                ? l.remaining
                : (unitsSeed >> 28) % 4 == 0
                    ? _units(unitsSeed, l.remaining)
                    : _bound(unitsSeed >> 4, 1, l.remaining / 10 + 1);
        (o.err, o.m) = _matchError(roundId, id, b, o.units);
        uint256 mode = (unitsSeed >> 8) % 4;
        o.minMatched =
            mode == 0
                ? o.m + 1
                : mode == 1
                    ? o.m
                    : 0;
        o.cost = o.units * l.price;
        o.terms = IImpactMarket.BuyTerms(l.currency, uint32(l.version), o.cost + ((unitsSeed >> 40) % 2) * l.price);
        mode = (unitsSeed >> 16) % 16;
        if (mode == 0 && o.cost != 0) o.terms.maxCost = o.cost - 1;
        else if (mode == 1) o.terms.listingVersion += 1;
        else if (mode == 2) o.terms.currency = currencies[(_cur(l.currency) + 1) % C];
        o.value = o.terms.currency == address(0) ? o.cost : 0;
        o.err = _buyMatchedError(o);
        return _sendMatched(o);
    }

    function _sendMatched(Order memory o) internal returns (bytes memory) {
        _afford(o.buyer, o.value);
        Snapshot memory s = _snap(o.buyer, o.id);
        vm.prank(o.buyer);
        (bool ok, bytes memory ret) = address(market).call{value: o.value}(
            abi.encodeCall(IImpactMarket.buyMatched, (o.roundId, o.id, o.units, o.terms, o.minMatched))
        );
        if (ok) {
            _observePurchase(o.buyer, o.id, o.terms, s);
            _observeRoundRules(o.roundId, o.id);
        }
        if (!_outcome(ok, ret, o.err, "buyMatched")) {
            ++nRefusedMatchedBuys;
            _countRefusal(o.err);
            return o.err.length == 0 ? bytes("refused") : o.err;
        }
        _applyMatch(o.roundId, o.id, o.buyer, o.units, o.m);
        return "";
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
        if (_principalPlusOne[b] == _principalPlusOne[_claims[id].claimant]) ++nParkedSelfMatches;
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

    /// @dev What `b` holds in each currency (ETH: with this handler's, which may pay for the pranked call) and what
    /// the market holds, and the listing's version and currency, before a purchase.
    function _snap(address b, uint256 id) internal view returns (Snapshot memory s) {
        for (uint256 c = 0; c < C; ++c) {
            s.buyer[c] = _holding(c, b) + (c == 0 ? address(this).balance : 0);
            s.market[c] = _holding(c, address(market));
        }
        IImpactMarket.Listing memory l = market.getListing(id);
        (s.version, s.currency) = (l.version, l.currency);
    }

    /// @dev IM-9 and IM-10: records a purchase that went through, as the chain saw it, and checks the claim's
    /// market sales against verified - revoked right after it.
    function _observePurchase(address b, uint256 id, IImpactMarket.BuyTerms memory t, Snapshot memory s) internal {
        GPurchase storage p = _purchases.push();
        (p.claimId, p.buyer, p.namedCurrency, p.namedVersion, p.maxCost) = (
            id,
            b,
            t.currency,
            t.listingVersion,
            t.maxCost
        );
        (p.version, p.currency) = (s.version, s.currency);
        for (uint256 c = 0; c < C; ++c) {
            uint256 held = _holding(c, b) + (c == 0 ? address(this).balance : 0);
            p.buyerOut[c] = s.buyer[c] > held ? s.buyer[c] - held : 0;
            p.marketIn[c] = _holding(c, address(market)) - s.market[c];
        }
        uint256 sold = market.getListing(id).unitsSold;
        (uint256 verified, uint256 revoked) = registry.verifiedAndRevoked(id);
        if (revoked != 0) ++nSalesAfterRevocation;
        if (sold + revoked > verified) {
            ++saleBreaches;
            lastBreach = "IM-10: a sale took the claim's market sales past verified - revoked";
        }
    }

    /// @dev IM-8: a matched purchase that went through met the round's claim rules, as the chain states them.
    function _observeRoundRules(uint256 roundId, uint256 id) internal {
        IImpactMarket.Round memory r = market.getRound(roundId);
        IImpactMarket.ClaimEligibility choice = market.roundClaimEligibility(roundId, id);
        (IImpactRegistry.ClaimStatus status, , ) = registry.statusOf(id);
        bool revoked = status == IImpactRegistry.ClaimStatus.Revoked;
        if (
            choice == IImpactMarket.ClaimEligibility.Excluded ||
            (r.allowListOnly && choice != IImpactMarket.ClaimEligibility.Allowed) ||
            (revoked && !r.acceptsRevokedClaims)
        ) {
            ++roundRuleBreaches;
            lastBreach = "IM-8: a round matched a claim its rules refuse";
        }
        if (r.allowListOnly) ++nAllowListMatches;
        if (revoked) ++nRevokedClaimMatches;
    }

    /// @dev IM-10: after units reached the claimant of a claim with a revocation, frozen = min(revoked, balance).
    function _observeReturn(uint256 id) internal {
        (IImpactRegistry.ClaimStatus status, address claimant, ) = registry.statusOf(id);
        if (status != IImpactRegistry.ClaimStatus.Revoked) return;
        IImpactRegistry.Claim memory c = registry.getClaim(id);
        if (c.frozenUnits != Math.min(c.revokedUnits, registry.balanceOf(claimant, id))) {
            ++refreezeBreaches;
            lastBreach = "IM-10: units returned to the claimant were not frozen again";
        }
    }

    function _holding(uint256 c, address who) internal view returns (uint256) {
        return c == 0 ? who.balance : MockERC20(currencies[c]).balanceOf(who);
    }

    /// @dev Moves `units` of `id` from `f` to `t` (a batch of `a` and `units - a` when `batch`); units reaching the
    /// claimant of a claim with a revocation are frozen again up to the revoked amount.
    function _move(address f, address t, uint256 id, uint256 units, uint256 a, bool batch) internal returns (bool) {
        bytes memory err = _transferError(f, t, id, units, a, batch);
        bytes memory data;
        if (batch) {
            uint256[] memory ids = new uint256[](2);
            uint256[] memory values = new uint256[](2);
            (ids[0], ids[1], values[0], values[1]) = (id, id, a, units - a);
            data = abi.encodeCall(IERC1155.safeBatchTransferFrom, (f, t, ids, values, ""));
        } else data = abi.encodeCall(IERC1155.safeTransferFrom, (f, t, id, units, ""));
        vm.prank(f);
        (bool ok, bytes memory ret) = address(registry).call(data);
        if (ok && f != t && t == _claims[id].claimant) _observeReturn(id);
        if (!_outcome(ok, ret, err, batch ? "safeBatchTransferFrom" : "safeTransferFrom")) {
            ++nRefusedTransfers;
            _countRefusal(err);
            return false;
        }
        if (f != t) _applyMove(f, t, id, units);
        if (batch) ++nBatchTransfers;
        else ++nTransfers;
        return true;
    }

    /// @dev Brings units of `id` back from parking address `p` to the claimant: one in 8 one more than parked, one
    /// in 8 all of them; one in 4 as a batch.
    function _unpark(uint256 id, address p, uint256 seed) internal {
        uint256 held = gBalance[id][p];
        uint256 units =
            seed % 8 == 0
                ? held + 1
                : seed % 8 == 1
                    ? held
                    : _bound(seed >> 3, 1, held > 1 ? held : 1);
        bool batch = (seed >> 8) % 4 == 0;
        if (_move(p, _claims[id].claimant, id, units, batch ? _bound(seed >> 16, 0, units) : units, batch)) {
            ++nUnparks;
        }
    }

    function _retire(address h, uint256 id, uint256 units, bool noBeneficiary) internal returns (bool) {
        uint256 balance = gBalance[id][h];
        string memory beneficiary = noBeneficiary ? "" : "Harbour Festival";
        GClaim storage c = _claims[id];
        bytes memory err = _retireError(h, id, units, noBeneficiary);
        vm.prank(h);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(IImpactRegistry.retire, (id, units, beneficiary, "invariant"))
        );
        if (!_outcome(ok, ret, err, "retire")) {
            ++nRefusedRetirements;
            _countRefusal(err);
            return false;
        }
        if (abi.decode(ret, (uint256)) != gCertificateCount + 1) _violation("retire: certificate id");
        gBalance[id][h] = balance - units;
        c.retired += units;
        _certify(h, id, units);
        ++nRetirements;
        return true;
    }

    function _withdraw(address caller, uint256 id) internal {
        GListing storage l = _listings[id];
        bytes memory err = _withdrawError(caller, id);
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

    /// @dev Gives `who` and this handler the ETH a pranked call sends (`value`) where they hold less (which of the two
    /// pays for a pranked call is the test runner's choice; _snap counts both): a CALL whose payer cannot pay its value
    /// fails before the market runs, with no revert data, which is the EVM refusing and not the market. The fuzzer
    /// reaches it with prices and quantities whose cost passes the actors' 1e30 wei.
    function _afford(address who, uint256 value) internal {
        if (who.balance < value) vm.deal(who, value);
        if (address(this).balance < value) vm.deal(address(this), value);
    }

    function _createRound(
        address owner,
        IImpactMarket.RoundConfig memory cfg,
        uint256 bps,
        uint256 deposit,
        uint256 value
    ) internal {
        bytes memory err = _createRoundError(cfg, bps, deposit, value);
        _afford(owner, value);
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
        (r.allowListOnly, r.acceptsRevoked) = (cfg.allowListOnly, cfg.acceptsRevokedClaims);
        gIn[_cur(cfg.currency)] += deposit;
        ++nRounds;
    }

    function _setRoundClaims(address caller, uint256 roundId, uint256[] memory ids, uint8 choice) internal {
        bytes memory err = _ownedRoundError(roundId, caller);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(market).call(
            abi.encodeCall(IImpactMarket.setRoundClaims, (roundId, ids, IImpactMarket.ClaimEligibility(choice)))
        );
        if (!_outcome(ok, ret, err, "setRoundClaims")) {
            ++nRefusedRoundSettings;
            return;
        }
        for (uint256 i = 0; i < ids.length; ++i) gEligibility[roundId][ids[i]] = choice;
        ++nEligibilitySets;
    }

    function _reclaim(address caller, uint256 roundId) internal {
        GRound storage r = _rounds[roundId];
        bytes memory err = _reclaimError(caller, roundId);
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
}
/// @notice Invariants IM-1..IM-11 of the impact module under random submissions, votes (direct and signed),
/// revocation votes, accreditation changes through the timelock (slot reuse), listings and relistings, quotes and
/// purchases (plain and matched) on named terms, withdrawals, rounds and their claim rules, retirements, transfers,
/// and claimants parking units at their other addresses (see {ImpactHandler}).
contract ImpactInvariantTest is Test {
    ImpactHandler internal handler;
    ImpactRegistry internal registry;
    ImpactMarket internal market;
    IRetirementCertificates internal certificates;
    MockERC20 internal token;
    MockERC20 internal token2;
    uint256 internal constant A = 12;
    uint256 internal constant V = 4;
    uint256 internal constant W = 7;
    uint256 internal constant C = 3;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new ImpactHandler();
        registry = handler.registry();
        market = handler.market();
        certificates = handler.certificates();
        token = handler.token();
        token2 = handler.token2();
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
        address[A] memory a = handler.accountList();
        for (uint256 id = 1; id <= count + 1; ++id) {
            ImpactHandler.GClaim memory g = handler.claimOf(id);
            uint256 held;
            for (uint256 i = 0; i < A; ++i) held += registry.balanceOf(a[i], id);
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
        address[A] memory a = handler.accountList();
        uint256[] memory certified = new uint256[](count + 1);
        for (uint256 cid = 1; cid <= handler.gCertificateCount(); ++cid) {
            certified[certificates.getCertificate(cid).claimId] += certificates.getCertificate(cid).units;
        }
        for (uint256 id = 1; id <= count; ++id) {
            uint256 held;
            for (uint256 i = 0; i < A; ++i) {
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

    /// @notice IM-4: per currency (ETH and two tokens), funds in = withdrawn + reclaimed + withdrawable proceeds +
    /// round remainders, and the market holds exactly withdrawable + remainders; every listing and round equals the
    /// ghost's.
    function invariant_IM4_fundsConserved() public view {
        uint256[C] memory owed;
        for (uint256 id = 1; id <= handler.gClaimCount() + 1; ++id) {
            IImpactMarket.Listing memory l = market.getListing(id);
            ImpactHandler.GListing memory g = handler.listingOf(id);
            assertEq(l.seller, g.seller, "seller != ghost");
            assertEq(l.remaining, g.remaining, "remaining != ghost");
            assertEq(l.version, g.version, "version != ghost");
            assertEq(l.proceeds, g.proceeds, "IM-4: proceeds != ghost");
            assertEq(l.unitsSold, g.sold, "units sold != ghost");
            if (g.seller != address(0)) {
                assertEq(l.currency, g.currency, "currency != ghost");
                assertEq(l.pricePerUnit, g.price, "price != ghost");
            }
            owed[handler.currencyIndex(l.currency)] += l.proceeds;
        }
        for (uint256 r = 1; r <= handler.gRoundCount(); ++r) {
            IImpactMarket.Round memory round = market.getRound(r);
            ImpactHandler.GRound memory g = handler.roundOf(r);
            assertEq(round.remaining, g.remaining, "IM-4: round remaining != ghost");
            assertEq(round.deposited, g.deposited, "IM-4: round deposited != ghost");
            owed[handler.currencyIndex(round.currency)] += round.remaining;
        }
        assertEq(address(market).balance, owed[0], "IM-4: ETH held != owed");
        assertEq(token.balanceOf(address(market)), owed[1], "IM-4: tokens held != owed");
        assertEq(token2.balanceOf(address(market)), owed[2], "IM-4: second tokens held != owed");
        for (uint256 c = 0; c < C; ++c) {
            assertEq(
                handler.gIn(c),
                handler.gWithdrawn(c) + handler.gReclaimed(c) + owed[c],
                "IM-4: funds in != paid out + owed"
            );
        }
    }

    /// @notice IM-5: the verified amount is the minimum of the approvals (ghost), at most the claimed amount, from
    /// the ghost's distinct accredited voters, never the claimant; revoked <= verified. A verifier's vote shows
    /// (`hasVoted`) on the claims from its slot's first claim on; before that nothing shows for it.
    function invariant_IM5_verifiedIsMinOfApprovals() public view {
        address[W] memory voters = handler.voterList();
        ImpactHandler.GVerifier[W] memory gv;
        for (uint256 v = 0; v < W; ++v) gv[v] = handler.verifierOf(v);
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
            for (uint256 v = 0; v < W; ++v) {
                _checkVoted(id, v, voters[v], gv[v]);
                if (handler.gVoted(id, v)) ++votes;
            }
            assertEq(votes, uint256(c.approvals) + c.rejections, "votes != approvals + rejections");
            // the claimant never voted, and hasVoted agrees
            for (uint256 v = 0; v < W; ++v) {
                if (voters[v] == c.claimant) assertFalse(handler.gVoted(id, v), "IM-5: the claimant voted");
            }
            assertFalse(registry.hasVoted(id, c.claimant), "IM-5: the claimant voted");
        }
    }

    /// @notice IM-6: frozen units equal the ghost's min(revoked, balance) taken at each revocation and each return
    /// of units to the claimant, stay with the claimant, and are excluded from the sellable units.
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
        address[A] memory a = handler.accountList();
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
            for (uint256 i = 0; i < A; ++i) {
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

    /// @notice IM-8 (claim rules): a round never matched a claim with a revocation unless it accepts such claims,
    /// never a claim its owner excluded, and with `allowListOnly` only claims its owner allowed (every matched
    /// purchase that went through is checked against the rules as the chain stated them); the rules and the
    /// owner's choices equal the ghost's.
    function invariant_IM8_roundClaimRules() public view {
        assertEq(handler.roundRuleBreaches(), 0, handler.lastBreach());
        for (uint256 r = 1; r <= handler.gRoundCount(); ++r) {
            IImpactMarket.Round memory round = market.getRound(r);
            ImpactHandler.GRound memory g = handler.roundOf(r);
            assertEq(round.allowListOnly, g.allowListOnly, "round allow-list rule != ghost");
            assertEq(round.acceptsRevokedClaims, g.acceptsRevoked, "round revoked-claims rule != ghost");
            for (uint256 id = 1; id <= handler.gClaimCount(); ++id) {
                assertEq(
                    uint8(market.roundClaimEligibility(r, id)),
                    handler.gEligibility(r, id),
                    "round claim choice != ghost"
                );
            }
        }
    }

    /// @notice IM-9: no buyer ever paid in a currency, against a listing version, or a total it did not name: every
    /// purchase that went through (plain or matched, by any address) was of the listing version and in the listing
    /// currency the buyer named, nothing left the buyer or reached the market in any other currency, and what left
    /// the buyer and what reached the market in the named currency is at most the total the buyer named.
    function invariant_IM9_buyerPaysOnlyNamedTerms() public view {
        address[C] memory currencies = handler.currencyList();
        for (uint256 i = 0; i < handler.purchaseCount(); ++i) {
            ImpactHandler.GPurchase memory p = handler.purchaseOf(i);
            assertEq(p.version, p.namedVersion, "IM-9: bought a listing version the buyer did not name");
            assertEq(p.currency, p.namedCurrency, "IM-9: bought a listing in a currency the buyer did not name");
            for (uint256 c = 0; c < C; ++c) {
                if (currencies[c] == p.namedCurrency) {
                    assertLe(p.buyerOut[c], p.maxCost, "IM-9: the buyer paid more than the total it named");
                    assertLe(p.marketIn[c], p.maxCost, "IM-9: the market took more than the total named");
                } else {
                    assertEq(p.buyerOut[c], 0, "IM-9: the buyer paid in a currency it did not name");
                    assertEq(p.marketIn[c], 0, "IM-9: the market took a currency the buyer did not name");
                }
            }
        }
    }

    /// @notice IM-10: no unit of a revoked tonne is ever sold by its claimant, from whatever address it parked
    /// units at: after every sale that went through, the claim's market sales (matched units included) were within
    /// verified - revoked at that moment; a claim whose market sales grew since its last revocation has sold at
    /// most verified - revoked. A claimant's frozen units never leave it (frozen <= its balance), and units that
    /// come back to it from its other addresses (or anyone) are frozen again: after every return, frozen =
    /// min(revoked, its balance).
    function invariant_IM10_revokedUnitsNeverSold() public view {
        assertEq(handler.saleBreaches(), 0, handler.lastBreach());
        assertEq(handler.refreezeBreaches(), 0, handler.lastBreach());
        for (uint256 id = 1; id <= handler.gClaimCount(); ++id) {
            uint256 sold = market.getListing(id).unitsSold;
            (uint256 verified, uint256 revoked) = registry.verifiedAndRevoked(id);
            if (sold > handler.gSoldAtRevocation(id)) {
                assertLe(sold + revoked, verified, "IM-10: sales grew past verified - revoked since the revocation");
            }
            assertEq(market.unitsForSale(id), verified > revoked + sold ? verified - revoked - sold : 0, "for sale");
            IImpactRegistry.Claim memory c = registry.getClaim(id);
            assertGe(registry.balanceOf(c.claimant, id), c.frozenUnits, "IM-10: frozen units left the claimant");
            assertLe(c.frozenUnits, c.revokedUnits, "IM-10: frozen above revoked");
        }
    }

    /// @notice IM-11: an attester slot is held by one verifier at a time, and no verifier's approval counts twice
    /// on a claim nor does any verifier inherit another's vote: every verifier's slot equals the ghost's (slots are
    /// released and reused as the registry specifies), no two accredited verifiers share a slot, `hasVoted` agrees
    /// with the ghost's per-claim set of voters for every verifier whose first claim is at or before the claim (and
    /// is false otherwise), approvals and rejections equal the sizes of the ghost's sets, and the open revocation
    /// vote's count, amount and ballots equal the ghost's distinct voters.
    function invariant_IM11_oneVotePerVerifier() public view {
        address[W] memory voters = handler.voterList();
        ImpactHandler.GVerifier[W] memory gv;
        uint256 taken;
        for (uint256 v = 0; v < W; ++v) {
            gv[v] = handler.verifierOf(v);
            (bool assigned, uint8 slot, bool active, uint256 first) = registry.verifierSlot(voters[v]);
            assertEq(assigned, gv[v].assigned, "IM-11: slot assigned != ghost");
            assertEq(slot, gv[v].slot, "IM-11: slot != ghost");
            assertEq(active, gv[v].active, "IM-11: accreditation != ghost");
            assertEq(first, gv[v].first, "IM-11: first claim != ghost");
            if (active) {
                assertEq((taken >> slot) & 1, 0, "IM-11: two accredited verifiers share a slot");
                taken |= uint256(1) << slot;
            }
        }
        for (uint256 id = 1; id <= handler.gClaimCount(); ++id) {
            IImpactRegistry.Claim memory c = registry.getClaim(id);
            (uint256 approvers, uint256 rejecters) = _checkVoters(id, voters, gv);
            assertEq(c.approvals, approvers, "IM-11: approvals != distinct approving verifiers");
            assertEq(c.rejections, rejecters, "IM-11: rejections != distinct rejecting verifiers");
            _checkRevocationVote(id, voters);
        }
    }

    function _checkRevocationVote(uint256 id, address[W] memory voters) internal view {
        ImpactHandler.GClaim memory g = handler.claimOf(id);
        (uint48 units, uint8 votes, uint8 k) = registry.revocationVote(id);
        assertEq(votes, g.revVotes, "IM-11: revocation votes != ghost");
        assertEq(units, g.revUnits, "IM-11: revocation amount != minimum voted");
        assertLt(votes, k, "IM-11: a complete revocation vote stayed open");
        uint256 ballots;
        for (uint256 v = 0; v < W; ++v) {
            bool ballot = registry.hasVotedToRevoke(id, voters[v]);
            assertEq(ballot, handler.revBallot(id, v), "IM-11: revocation ballot != ghost");
            if (ballot) ++ballots;
        }
        assertEq(ballots, votes, "IM-11: revocation votes != distinct voters");
    }

    /// @dev `hasVoted` of voter `v` on claim `id` agrees with the ghost's set of voters when `v` holds its slot
    /// and the claim is from its first claim on, and is false before its first claim. A verifier whose released
    /// slot was given to another verifier never shows another verifier's vote: only its own, cast through that slot
    /// during its tenure of it.
    function _checkVoted(uint256 id, uint256 v, address voter, ImpactHandler.GVerifier memory g) internal view {
        bool voted = registry.hasVoted(id, voter);
        if (!g.assigned || id < g.first) {
            assertFalse(voted, "IM-11: a verifier inherited a vote on a claim that predates its slot");
        } else if (handler.slotHolderOf(g.slot) == v + 1) {
            assertEq(voted, handler.gVoted(id, v), "IM-11: hasVoted != the ghost's set of voters");
        } else if (voted) {
            assertTrue(handler.gVoted(id, v), "IM-11: hasVoted shows a vote the verifier did not cast");
        }
    }

    function _checkVoters(
        uint256 id,
        address[W] memory voters,
        ImpactHandler.GVerifier[W] memory gv
    ) internal view returns (uint256 approvers, uint256 rejecters) {
        for (uint256 v = 0; v < W; ++v) {
            if (handler.gApproved(id, v)) ++approvers;
            if (handler.gRejected(id, v)) ++rejecters;
            _checkVoted(id, v, voters[v], gv[v]);
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
        assertEq(token2.balanceOf(address(market)), 0, "IM-4: second tokens left in the market");
        for (uint256 c = 0; c < C; ++c) {
            assertEq(handler.gIn(c), handler.gWithdrawn(c) + handler.gReclaimed(c), "IM-4: funds in != paid out");
        }
    }

    // ================================================================================ coverage of the handler

    /// @notice A long pseudo-random action sequence drives every path of the handler and every invariant holds
    /// along the way and at the end: the invariant runs are not vacuous.
    function test_handlerExercisesEveryPath() public {
        for (uint256 i = 0; i < 1_500; ++i) {
            uint256 r = uint256(keccak256(abi.encode("impact coverage", i)));
            uint256 r1 = uint256(keccak256(abi.encode(r, 1)));
            uint256 r2 = uint256(keccak256(abi.encode(r, 2)));
            uint256 r3 = uint256(keccak256(abi.encode(r, 3)));
            uint256 r4 = uint256(keccak256(abi.encode(r, 4)));
            _act(r % 48, r1, r2, r3, r4);
            if (i % 100 == 0) _checkAll();
        }
        _assertEveryPath();
        _checkAll();
        afterInvariant();
    }

    function _act(uint256 action, uint256 r1, uint256 r2, uint256 r3, uint256 r4) internal {
        if (action < 3) handler.submit(r1, r2, r3, r4);
        else if (action < 8) handler.vote(r1, r2, r3, r4);
        else if (action < 9) handler.revoke(r1, r2, r3);
        else if (action < 11) handler.accredit(r1, r2);
        else if (action < 13) handler.list(r1, r2, r3, r4);
        else if (action < 14) handler.relist(r1, r2);
        else if (action < 15) handler.delist(r1, r2);
        else if (action < 17) handler.quote(r1, r2, r3);
        else if (action < 21) handler.buy(r1, r2, r3, r4);
        else if (action < 26) handler.buyMatched(r1, r2, r3, r4);
        else if (action < 27) handler.withdraw(r1, r2);
        else if (action < 29) handler.createRound(r1, r2, r3, r4);
        else if (action < 30) handler.fundRound(r1, r2, r3);
        else if (action < 31) handler.reclaim(r1, r2);
        else if (action < 32) handler.setRoundClaims(r1, r2, r3, r4);
        else if (action < 33) handler.setRoundClaimRules(r1, r2, r3);
        else if (action < 35) handler.retire(r1, r2, r3);
        else if (action < 38) handler.transfer(r1, r2, r3, r4);
        else if (action < 40) handler.park(r1, r2, r3);
        else if (action < 42) handler.unpark(r1, r2, r3);
        else if (action < 44) handler.parkedAct(r1, r2, r3, r4);
        else if (action < 45) handler.parkThenRevoke(r1, r2, r3, r4);
        else if (action < 47) handler.vote(r1, r2, r3, r4);
        else handler.warp(r1);
    }

    function _assertEveryPath() internal view {
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
        assertGt(handler.nPredatesRefusals(), 0, "no vote refused on a claim predating the verifier's slot");
        assertGt(handler.nRevocationVotes(), 0, "no revocation vote");
        assertGt(handler.nRevocations(), 0, "no revocation");
        assertGt(handler.nFullRevocations(), 0, "no full revocation");
        assertGt(handler.nRefusedRevocations(), 0, "no refused revocation vote");
        assertGt(handler.nDoubleRevocationVotes(), 0, "no second revocation vote refused");
        assertGt(handler.nAccreditations(), V, "no accreditation");
        assertGt(handler.nDeaccreditations(), 0, "no de-accreditation");
        assertGt(handler.nRedundantGrants(), 0, "no re-grant to an accredited verifier");
        assertGt(handler.nInheritedSlots(), 0, "no slot reused by another verifier or a second slot");
        assertGt(handler.nSlotTakebacks(), 0, "no verifier taking back its own slot");
        assertGt(handler.nListings(), 4, "too few listings");
        assertGt(handler.nRefusedListings(), 0, "no refused listing");
        assertGt(handler.nRelists(), 0, "no relisting");
        assertGt(handler.nCurrencyRelists(), 0, "no relisting in another currency");
        assertGt(handler.nDelists(), 0, "no delisting");
        assertGt(handler.nQuotes(), 0, "no quote");
        assertGt(handler.nBuys(), 0, "no purchase");
        assertGt(handler.nTokenBuys(), 0, "no token purchase");
        assertGt(handler.nToken2Buys(), 0, "no second-token purchase");
        assertGt(handler.nQuotedBuys(), 0, "no purchase on a kept quote");
        assertGt(handler.nRefusedBuys(), 0, "no refused purchase");
        assertGt(handler.nVersionRefusals(), 0, "no purchase refused for its listing version");
        assertGt(handler.nFrontRunRefusals(), 0, "no purchase refused after a relisting between quote and purchase");
        assertGt(handler.nCurrencyRefusals(), 0, "no purchase refused for its currency");
        assertGt(handler.nCostRefusals(), 0, "no purchase refused for its total");
        assertGt(handler.nRevokedUnitsRefusals(), 0, "no sale refused past verified - revoked");
        assertGt(handler.nSalesAfterRevocation(), 0, "no sale of a claim with a revocation");
        assertGt(handler.nFrozenRefusals(), 0, "no frozen-units refusal");
        assertGt(handler.nMatchedBuys(), 0, "no matched purchase");
        assertGt(handler.nCappedMatches(), 0, "no match cut by caps, funds or listing");
        assertGt(handler.nUnmatchedRoundBuys(), 0, "no round purchase matching nothing");
        assertGt(handler.nRefusedMatchedBuys(), 0, "no refused matched purchase");
        assertGt(handler.nSelfMatchRefusals(), 0, "no self-match refused");
        assertGt(handler.nParkedSelfMatches(), 0, "no round purchase by the claimant's parking address");
        assertGt(handler.nExcludedRefusals(), 0, "no match refused for an excluded claim");
        assertGt(handler.nNotAllowedRefusals(), 0, "no match refused by an allow-list");
        assertGt(handler.nRevocationRefusals(), 0, "no match refused for a revocation");
        assertGt(handler.nAllowListMatches(), 0, "no purchase through an allow-list round");
        assertGt(handler.nRevokedClaimMatches(), 0, "no purchase of a claim with a revocation through a round");
        assertGt(handler.nWithdrawals(), 0, "no withdrawal");
        assertGt(handler.nRefusedWithdrawals(), 0, "no refused withdrawal");
        assertGt(handler.nRounds(), 3, "no round created");
        assertGt(handler.nRefusedRounds(), 0, "no refused round");
        assertGt(handler.nFundings(), 0, "no funding");
        assertGt(handler.nRefusedFundings(), 0, "no refused funding");
        assertGt(handler.nReclaims(), 0, "no reclaim");
        assertGt(handler.nRefusedReclaims(), 0, "no refused reclaim");
        assertGt(handler.nEligibilitySets(), 1, "no claim allowed or excluded");
        assertGt(handler.nRuleChanges(), 0, "no round rule change");
        assertGt(handler.nRefusedRoundSettings(), 0, "no refused round setting");
        assertGt(handler.nRetirements(), 0, "no retirement");
        assertGt(handler.nRefusedRetirements(), 0, "no refused retirement");
        assertGt(handler.nParkedRetirements(), 0, "no retirement from a parking address");
        assertGt(handler.nParkedListRefusals(), 0, "no listing attempt from a parking address");
        assertGt(handler.nParkedBuys(), 0, "no purchase by the claimant's parking address");
        assertGt(handler.nTransfers(), 0, "no transfer");
        assertGt(handler.nBatchTransfers(), 0, "no batch transfer");
        assertGt(handler.nRefusedTransfers(), 0, "no refused transfer");
        assertGt(handler.nParks(), 0, "no parking");
        assertGt(handler.nUnparks(), 0, "no return from parking");
        assertGt(handler.nRefreezes(), 0, "no units frozen again on return");
        assertGt(handler.nParkedBeforeRevocation(), 0, "no parking right before a revocation");
        assertGt(handler.purchaseCount(), 0, "no purchase recorded (IM-9)");
        assertGt(handler.nWarps(), 0, "no warp");
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
        invariant_IM8_roundClaimRules();
        invariant_IM9_buyerPaysOnlyNamedTerms();
        invariant_IM10_revokedUnitsNeverSold();
        invariant_IM11_oneVotePerVerifier();
    }
}
