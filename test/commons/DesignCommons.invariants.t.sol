// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ContributionLedger} from "../../contracts/contribution/ContributionLedger.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {DesignCommons} from "../../contracts/commons/DesignCommons.sol";
import {IDesignCommons} from "../../contracts/commons/IDesignCommons.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {DesignCommonsModel} from "./DesignCommonsModel.sol";

/// @notice Invariant-test handler of DesignCommons on a real ContributionLedger, with the ghost model of
/// {DesignCommonsModel}. The handler creates the three projects (it is their coordinator and a member, and evaluates
/// contributions) and owns the commons (the timelock's stand-in). Every actor holds ETH and two tokens with standing
/// approvals; the attacker's two addresses register designs, take licences, report under each other's licences, pay
/// the wrong amounts and release what is not held. Each action predicts its outcome down to the exact revert data; a
/// mismatch is recorded in `violations`. After every payment the whole ghost ledger (held and deposited, per project
/// and currency) is compared with the chain, so a split that credits twice, misses a part or rounds the other way is
/// caught by the invariant that names it. Defined in this test file on purpose: Hardhat writes artifacts only for
/// root source files, and the invariant fuzzer needs the handler's artifact.
contract DesignCommonsHandler is DesignCommonsModel {
    ContributionLedger public immutable ledger;
    DesignCommons public immutable commons;
    uint256 internal _contentNonce;
    uint256 internal _lastOwing; // the licence an operator's report last made owe (payOwed picks it half the time)

    constructor() {
        ledger = new ContributionLedger();
        commons = new DesignCommons(ledger, address(this));
        MockERC20 tokenA = new MockERC20("Demo Euro", "dEUR", 6);
        MockERC20 tokenB = new MockERC20("Demo Pound", "dGBP", 18);
        currencies = [address(0), address(tokenA), address(tokenB)];
        string[] memory kinds = new string[](1);
        kinds[0] = "Design";
        uint32[] memory weights = new uint32[](1);
        weights[0] = 10;
        for (uint64 p = 1; p <= PROJECTS; ++p) {
            ledger.createProject("Project", "", IContributionLedger.EvaluationPolicy(1, 1 days, 1), kinds, weights);
            ledger.grantRole(p, address(this), MEMBER);
            ledger.addIncomeToken(p, address(tokenA));
            _gAccepts[p][0] = _gAccepts[p][1] = true;
            if (p != 3) {
                ledger.addIncomeToken(p, address(tokenB));
                _gAccepts[p][2] = true;
            }
        }
        for (uint256 i = 0; i < N; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            vm.deal(actors[i], 1e30);
            tokenA.mint(actors[i], 1e30);
            tokenB.mint(actors[i], 1e30);
            vm.startPrank(actors[i]);
            tokenA.approve(address(commons), type(uint256).max);
            tokenB.approve(address(commons), type(uint256).max);
            vm.stopPrank();
            if (i < MEMBERS) for (uint64 p = 1; p <= PROJECTS; ++p) ledger.grantRole(p, actors[i], MEMBER);
        }
        _points(1, 0);
        _points(2, 1);
        _points(2, 2);
    }

    uint8 internal constant MEMBER = 1;

    function actionSelectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](12);
        s[0] = this.registerDesign.selector;
        s[1] = this.setTerms.selector;
        s[2] = this.takeLicence.selector;
        s[3] = this.reportProduction.selector;
        s[4] = this.payPeriods.selector;
        s[5] = this.release.selector;
        s[6] = this.accredit.selector;
        s[7] = this.givePoints.selector;
        s[8] = this.warp.selector;
        s[9] = this.setReportOperator.selector;
        s[10] = this.reportAsOperator.selector;
        s[11] = this.payOwed.selector;
    }

    // ============================================================================================= actions

    /// @notice A design by a random actor (outsiders are refused) of a random project, with 0..3 parents drawn from
    /// the designs so far (one more than exist: unknown; repeats happen), random terms (some invalid), and one in ten
    /// reusing a registered content hash.
    function registerDesign(
        uint256 actorSeed,
        uint256 projectSeed,
        uint256 parentsSeed,
        uint256 termsSeed,
        uint256 hashSeed
    ) external {
        if (gDesignCount >= MAX_DESIGNS) return;
        uint256 actor = actorSeed % N;
        uint64 projectId = uint64(1 + (projectSeed % PROJECTS));
        bytes32 hash = keccak256(abi.encode("design", ++_contentNonce));
        if (hashSeed % 32 == 0) hash = bytes32(0);
        else if (hashSeed % 10 == 1 && gDesignCount != 0) {
            hash = _gDesigns[uint64(1 + ((hashSeed >> 8) % gDesignCount))].contentHash;
        }
        uint64[] memory parents = new uint64[](parentsSeed % 4);
        for (uint256 i = 0; i < parents.length; ++i) {
            parents[i] = uint64(1 + ((parentsSeed >> (8 + 8 * i)) % (gDesignCount + 1)));
        }
        GTerms memory t = _terms(termsSeed);
        bytes memory expected = _predictRegister(actor, projectId, hash, t, parents);

        vm.prank(actors[actor]);
        (bool ok, bytes memory ret) = address(commons).call(
            abi.encodeCall(IDesignCommons.registerDesign, (hash, "ipfs://design", projectId, _toTerms(t), parents))
        );
        if (!_outcome(ok, ret, expected, "registerDesign")) {
            if (!ok) ++nRegisterRefused;
            return;
        }
        uint64 id = ++gDesignCount;
        if (abi.decode(ret, (uint64)) != id) _violation("registerDesign: unexpected id");
        (uint64[] memory ids, uint256 n, ) = _lineage(parents);
        GDesign storage d = _gDesigns[id];
        (d.projectId, d.version, d.contentHash) = (projectId, 1, hash);
        for (uint256 i = 0; i < n; ++i) {
            GDesign storage a = _gDesigns[ids[i]];
            d.ancestors.push(ids[i]);
            d.shares.push(_gTerms[ids[i]][a.version].shareBps);
            d.ancestorProjects.push(a.projectId);
        }
        _gTerms[id][1] = t;
        ++nRegistered;
        if (n != 0) ++nDerivatives;
    }

    /// @notice New terms for a design, by the projects' coordinator (this handler) or, one in four, by an actor (who
    /// is no coordinator).
    function setTerms(uint256 callerSeed, uint256 designSeed, uint256 termsSeed) external {
        uint64 designId = uint64(1 + (designSeed % (gDesignCount + 1)));
        GTerms memory t = _terms(termsSeed);
        address caller = callerSeed % 4 == 0 ? actors[callerSeed % N] : address(this);
        bytes memory expected;
        if (designId > gDesignCount) {
            expected = abi.encodeWithSelector(IDesignCommons.UnknownDesign.selector, designId);
        } else if (caller != address(this)) {
            expected = abi.encodeWithSelector(
                IDesignCommons.NotProjectCoordinator.selector,
                _gDesigns[designId].projectId,
                caller
            );
        } else {
            expected = _termsRefusal(t);
            if (expected.length == 0) expected = _currencyRefusal(designId, _gDesigns[designId].projectId, t.currency);
        }
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(commons).call(
            abi.encodeCall(IDesignCommons.setTerms, (designId, _toTerms(t)))
        );
        if (!_outcome(ok, ret, expected, "setTerms")) return;
        uint32 version = ++_gDesigns[designId].version;
        _gTerms[designId][version] = t;
        ++nTermsSet;
    }

    /// @notice A licence on a random design (one more than exist: unknown) by a random actor.
    function takeLicence(uint256 actorSeed, uint256 designSeed) external {
        uint256 actor = actorSeed % N;
        uint64 designId = uint64(1 + (designSeed % (gDesignCount + 1)));
        bytes memory expected;
        uint256 current = _gLicenceOf[designId][actor];
        if (designId > gDesignCount) {
            expected = abi.encodeWithSelector(IDesignCommons.UnknownDesign.selector, designId);
        } else if (current != 0 && block.timestamp < _gLicences[current].expiresAt) {
            expected = abi.encodeWithSelector(
                IDesignCommons.LicenceStillValid.selector,
                designId,
                actors[actor],
                current
            );
        }
        vm.prank(actors[actor]);
        (bool ok, bytes memory ret) = address(commons).call(abi.encodeCall(IDesignCommons.takeLicence, (designId)));
        if (!_outcome(ok, ret, expected, "takeLicence")) return;
        uint256 id = ++gLicenceCount;
        if (abi.decode(ret, (uint256)) != id) _violation("takeLicence: unexpected id");
        GDesign storage d = _gDesigns[designId];
        bool free = _isCommons(d.projectId, actor);
        _gLicences[id] = GLicence({
            designId: designId,
            version: d.version,
            tier: free ? 1 : 2,
            holder: actor,
            expiresAt: uint40(block.timestamp + _gTerms[designId][d.version].licenceDuration),
            paidUntil: uint40(block.timestamp),
            units: 0,
            fees: 0
        });
        _gLicenceOf[designId][actor] = id;
        ++nLicences;
        if (free) ++nCommonsLicences;
    }

    /// @notice Production reported under a random licence (one more than exist: unknown), by its licensee or, one in
    /// four, another actor; one in eight pays the wrong amount.
    function reportProduction(uint256 actorSeed, uint256 licenceSeed, uint256 unitsSeed, uint256 paySeed) external {
        (uint256 id, uint256 actor) = _pickLicence(actorSeed, licenceSeed);
        uint256 units = unitsSeed % 16 == 0 ? 0 : 1 + (unitsSeed % 1_000);
        GLicence storage l = _gLicences[id];
        bytes memory expected = _licenceRefusal(id, actor);
        uint256 fee;
        uint256 c;
        if (expected.length == 0 && units == 0) expected = abi.encodeWithSelector(IDesignCommons.ZeroQuantity.selector);
        if (l.tier != 0) {
            GTerms storage t = _gTerms[l.designId][l.version];
            c = t.currency;
            if (l.tier == 2) fee = units * t.feePerUnit;
        }
        (uint256 value, bytes memory payRefusal) = _payment(c, fee, paySeed);
        if (expected.length == 0) expected = payRefusal;
        _pay(
            actor,
            id,
            c,
            value,
            expected,
            abi.encodeCall(IDesignCommons.reportProduction, (id, uint128(units))),
            "reportProduction"
        );
        if (expected.length != 0) return;
        l.units += units;
        l.fees += fee;
        ++nReports;
        if (fee != 0) ++nPaidReports;
        _afterPayment(id, c, fee);
    }

    /// @notice A random actor approves or withdraws another (itself one in eight: refused) as its report operator.
    function setReportOperator(uint256 actorSeed, uint256 operatorSeed, bool approved) external {
        uint256 actor = actorSeed % N;
        uint256 operator = operatorSeed % 8 == 0 ? actor : (operatorSeed >> 8) % N;
        bytes memory expected =
            operator == actor
                ? abi.encodeWithSelector(IDesignCommons.InvalidReportOperator.selector, actors[actor])
                : bytes("");
        vm.prank(actors[actor]);
        (bool ok, bytes memory ret) = address(commons).call(
            abi.encodeCall(IDesignCommons.setReportOperator, (actors[operator], approved))
        );
        if (!_outcome(ok, ret, expected, "setReportOperator")) return;
        gReportOperator[actor][operator] = approved;
        if (commons.isReportOperator(actors[actor], actors[operator]) != approved) ++operatorMismatches;
    }

    /// @notice A random actor reports, as an operator, production of a random design (one more than exist) for a
    /// random licensee: mostly the licensee's approved operator, else an attacker reporting on someone else's licence;
    /// one in sixteen reports zero units (refused). The outcome and the licence's units and owed fee must be the
    /// model's (DC-6); a report that cannot be made must change nothing.
    function reportAsOperator(
        uint256 operatorSeed,
        uint256 designSeed,
        uint256 licenseeSeed,
        uint256 unitsSeed
    ) external {
        uint256 operator = operatorSeed % N;
        uint256 licensee = licenseeSeed % N;
        uint64 designId = uint64(1 + (designSeed % (gDesignCount + 1)));
        uint256 units = unitsSeed % 16 == 0 ? 0 : 1 + (unitsSeed % 1_000);
        (IDesignCommons.ReportOutcome outcome, uint256 id) = _predictReport(operator, designId, licensee);
        uint256 before = id == 0 ? 0 : commons.licence(id).unitsReported;
        vm.prank(actors[operator]);
        (bool ok, bytes memory ret) = address(commons).call(
            abi.encodeCall(
                IDesignCommons.reportProductionAsOperator,
                (designId, actors[licensee], uint128(units), bytes32(unitsSeed))
            )
        );
        bytes memory expected = units == 0 ? abi.encodeWithSelector(IDesignCommons.ZeroQuantity.selector) : bytes("");
        if (!_outcome(ok, ret, expected, "reportProductionAsOperator")) return;
        _checkReport(outcome, id, before, units, ret);
    }

    /// @dev After an operator's report of `units` predicted as `outcome` on licence `id` (which had `before` units):
    /// the model updated, the returned values and the licence's units and fees owed compared with it (DC-6).
    function _checkReport(
        IDesignCommons.ReportOutcome outcome,
        uint256 id,
        uint256 before,
        uint256 units,
        bytes memory ret
    ) internal {
        (IDesignCommons.ReportOutcome got, uint256 gotId, uint256 gotFee) = abi.decode(
            ret,
            (IDesignCommons.ReportOutcome, uint256, uint256)
        );
        uint256 fee;
        uint256 added;
        if (outcome == IDesignCommons.ReportOutcome.Reported) {
            GLicence storage l = _gLicences[id];
            GTerms storage t = _gTerms[l.designId][l.version];
            fee = units * t.feePerUnit;
            added = units;
            l.units += units;
            gOwed[id] += fee;
            gOwedRecorded[t.currency] += fee;
            ++nOperatorReports;
            if (fee != 0) _lastOwing = id;
        } else {
            ++nOperatorSkips;
        }
        if (got != outcome || gotId != id || gotFee != fee) ++operatorMismatches;
        if (id != 0 && commons.licence(id).unitsReported != before + added) ++operatorMismatches;
        if (id != 0 && commons.feesOwed(id) != gOwed[id]) ++operatorMismatches;
    }

    /// @notice What is owed under a random licence paid by its licensee or, one in four, another actor: the whole, a
    /// part, nothing or more than is owed (refused); one in eight sends the wrong ETH. Allowed after the expiry.
    function payOwed(uint256 actorSeed, uint256 licenceSeed, uint256 amountSeed, uint256 paySeed) external {
        (uint256 id, uint256 actor) = _pickLicence(actorSeed, licenceSeed);
        if (licenceSeed % 2 == 0 && _lastOwing != 0) {
            id = _lastOwing; // half the time the licence an operator's report last made owe
            actor = actorSeed % 4 == 0 ? (actorSeed >> 8) % N : _gLicences[id].holder;
        }
        GLicence storage l = _gLicences[id];
        uint256 owed = gOwed[id];
        uint256 amount =
            amountSeed % 8 == 0
                ? 0
                : amountSeed % 8 == 1
                    ? owed + 1
                    : owed == 0
                        ? 1
                        : amountSeed % 2 == 0
                            ? owed
                            : 1 + ((amountSeed >> 8) % owed);
        bytes memory expected;
        if (l.tier == 0) expected = abi.encodeWithSelector(IDesignCommons.UnknownLicence.selector, id);
        else if (l.holder != actor) {
            expected = abi.encodeWithSelector(IDesignCommons.NotLicensee.selector, id, actors[actor]);
        } else if (amount == 0 || amount > owed) {
            expected = abi.encodeWithSelector(IDesignCommons.InvalidOwedPayment.selector, id, amount, owed);
        }
        uint256 c = l.tier == 0 ? 0 : _gTerms[l.designId][l.version].currency;
        (uint256 value, bytes memory payRefusal) = _payment(c, amount, paySeed);
        if (expected.length == 0) expected = payRefusal;
        vm.prank(actors[actor]);
        (bool ok, bytes memory ret) = address(commons).call{value: value}(
            abi.encodeCall(IDesignCommons.payOwed, (id, amount))
        );
        if (!_outcome(ok, ret, expected, "payOwed")) return;
        gOwed[id] = owed - amount;
        gOwedPaid[c] += amount;
        l.fees += amount;
        ++nOwedPayments;
        if (abi.decode(ret, (uint256)) != owed - amount) ++operatorMismatches;
        _afterPayment(id, c, amount);
    }

    /// @dev What a report by `operator` for `licensee` on `designId` becomes, by the rules of DC-6, and its licence.
    function _predictReport(
        uint256 operator,
        uint64 designId,
        uint256 licensee
    ) internal view returns (IDesignCommons.ReportOutcome, uint256 id) {
        if (!gReportOperator[licensee][operator]) return (IDesignCommons.ReportOutcome.OperatorNotApproved, 0);
        id = _gLicenceOf[designId][licensee];
        if (id == 0) return (IDesignCommons.ReportOutcome.NoLicence, 0);
        GLicence storage l = _gLicences[id];
        if (l.tier != 2) return (IDesignCommons.ReportOutcome.NotCommercial, id);
        if (block.timestamp >= l.expiresAt) return (IDesignCommons.ReportOutcome.Expired, id);
        return (IDesignCommons.ReportOutcome.Reported, id);
    }

    /// @notice Periods paid under a random licence, like {reportProduction}.
    function payPeriods(uint256 actorSeed, uint256 licenceSeed, uint256 periodsSeed, uint256 paySeed) external {
        (uint256 id, uint256 actor) = _pickLicence(actorSeed, licenceSeed);
        // One in sixteen pays 0 periods, one in eight up to 40 (mostly beyond the licence's expiry), the rest 1..3.
        uint32 periods = uint32(
            periodsSeed % 16 == 0
                ? 0
                : (periodsSeed >> 8) % 8 == 0
                    ? 1 + ((periodsSeed >> 16) % 40)
                    : 1 + (periodsSeed % 3)
        );
        GLicence storage l = _gLicences[id];
        bytes memory expected = _licenceRefusal(id, actor);
        if (expected.length == 0 && periods == 0) {
            expected = abi.encodeWithSelector(IDesignCommons.ZeroQuantity.selector);
        }
        uint256 fee;
        uint256 c;
        uint256 paidUntil;
        if (l.tier != 0) {
            GTerms storage t = _gTerms[l.designId][l.version];
            c = t.currency;
            if (expected.length == 0 && (l.tier != 2 || t.feePerPeriod == 0)) {
                expected = abi.encodeWithSelector(IDesignCommons.NoPeriodFee.selector, id);
            }
            fee = uint256(periods) * t.feePerPeriod;
            uint256 from = l.paidUntil > block.timestamp ? l.paidUntil : block.timestamp;
            paidUntil = from + uint256(periods) * t.periodLength;
            if (expected.length == 0 && periods != 0 && paidUntil - t.periodLength >= l.expiresAt) {
                expected = abi.encodeWithSelector(IDesignCommons.PeriodsBeyondExpiry.selector, id, l.expiresAt);
                ++nBeyondExpiryRefused;
            }
        }
        (uint256 value, bytes memory payRefusal) = _payment(c, fee, paySeed);
        if (expected.length == 0) expected = payRefusal;
        _pay(actor, id, c, value, expected, abi.encodeCall(IDesignCommons.payPeriods, (id, periods)), "payPeriods");
        if (expected.length != 0) return;
        l.paidUntil = uint40(paidUntil);
        l.fees += fee;
        ++nPeriodPayments;
        _afterPayment(id, c, fee);
    }

    /// @notice Anyone releases what is held for a random project in a random currency.
    function release(uint256 callerSeed, uint256 projectSeed, uint256 currencySeed) external {
        uint64 projectId = uint64(1 + (projectSeed % PROJECTS));
        uint256 c = currencySeed % C;
        uint256 amount = gHeld[projectId][c];
        bytes memory expected;
        if (amount == 0) {
            expected = abi.encodeWithSelector(IDesignCommons.NothingHeld.selector, projectId, currencies[c]);
        } else if (!gProjectHasPoints[projectId]) {
            expected = abi.encodeWithSelector(IContributionLedger.NoPointHolders.selector, projectId);
        }
        vm.prank(actors[callerSeed % N]);
        (bool ok, bytes memory ret) = address(commons).call(
            abi.encodeCall(IDesignCommons.release, (projectId, currencies[c]))
        );
        if (!_outcome(ok, ret, expected, "release")) return;
        if (abi.decode(ret, (uint256)) != amount) _violation("release: released another amount than held");
        gHeld[projectId][c] = 0;
        gDeposited[projectId][c] += amount;
        ++nReleases;
        _compareBooks();
    }

    /// @notice The owner accredits or revokes a random actor (revoking one not accredited is refused).
    function accredit(uint256 actorSeed, bool on) external {
        uint256 actor = actorSeed % N;
        bytes memory expected;
        if (!on && !gAccredited[actor]) {
            expected = abi.encodeWithSelector(IDesignCommons.InvalidEntity.selector, actors[actor]);
        }
        (bool ok, bytes memory ret) = address(commons).call(
            on
                ? abi.encodeCall(IDesignCommons.accreditCommonsEntity, (actors[actor], "ipfs://entity"))
                : abi.encodeCall(IDesignCommons.revokeCommonsEntity, (actors[actor]))
        );
        if (_outcome(ok, ret, expected, "accredit")) gAccredited[actor] = on;
    }

    /// @notice A member earns points in project 3 (which starts with none).
    function givePoints(uint256 actorSeed) external {
        _points(3, actorSeed % MEMBERS);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % 20 days));
    }

    // ============================================================================================= private

    function _points(uint64 projectId, uint256 actor) internal {
        vm.prank(actors[actor]);
        uint256 id = ledger.submit(IContributionLedger.ContributionInput(projectId, 0, 1, keccak256("work"), ""));
        ledger.evaluate(id, 5, bytes32(0));
        gHasPoints[projectId][actor] = true;
        gProjectHasPoints[projectId] = true;
    }

    function _terms(uint256 seed) internal pure returns (GTerms memory t) {
        t.currency = seed % C;
        t.feePerUnit = uint96(t.currency == 0 ? (seed >> 8) % 1e16 : (seed >> 8) % 1e8);
        if ((seed >> 72) % 2 == 0) {
            t.feePerPeriod = uint96(1 + ((seed >> 80) % 1e12));
            t.periodLength = (seed >> 120) % 16 == 0 ? 0 : uint32(1 days + ((seed >> 128) % 10 days));
        }
        t.licenceDuration = (seed >> 160) % 16 == 0 ? 0 : uint32(1 days + ((seed >> 168) % 60 days));
        t.shareBps = uint16((seed >> 200) % 16 == 0 ? 5_001 + ((seed >> 208) % 100) : (seed >> 208) % 3_001);
    }

    function _toTerms(GTerms memory t) internal view returns (IDesignCommons.Terms memory) {
        return
            IDesignCommons.Terms({
                currency: currencies[t.currency],
                feePerUnit: t.feePerUnit,
                feePerPeriod: t.feePerPeriod,
                periodLength: t.periodLength,
                licenceDuration: t.licenceDuration,
                derivativeShareBps: t.shareBps
            });
    }

    function _termsRefusal(GTerms memory t) internal pure returns (bytes memory) {
        if (t.licenceDuration == 0 || (t.feePerPeriod != 0 && t.periodLength == 0)) {
            return abi.encodeWithSelector(IDesignCommons.InvalidDuration.selector, t.licenceDuration, t.periodLength);
        }
        if (t.shareBps > MAX_SHARE) {
            return abi.encodeWithSelector(IDesignCommons.DerivativeShareTooHigh.selector, t.shareBps, MAX_SHARE);
        }
        return "";
    }

    function _predictRegister(
        uint256 actor,
        uint64 projectId,
        bytes32 hash,
        GTerms memory t,
        uint64[] memory parents
    ) internal view returns (bytes memory) {
        if (hash == bytes32(0)) return abi.encodeWithSelector(IDesignCommons.EmptyContentHash.selector);
        for (uint64 i = 1; i <= gDesignCount; ++i) {
            if (_gDesigns[i].contentHash == hash) {
                return abi.encodeWithSelector(IDesignCommons.ContentAlreadyRegistered.selector, hash, i);
            }
        }
        if (actor >= MEMBERS) {
            return abi.encodeWithSelector(IDesignCommons.NotProjectMember.selector, projectId, actors[actor]);
        }
        bytes memory refusal = _termsRefusal(t);
        if (refusal.length != 0) return refusal;
        (uint64[] memory ids, uint256 n, bytes memory lineageRefusal) = _lineage(parents);
        if (lineageRefusal.length != 0) return lineageRefusal;
        uint256 total;
        for (uint256 i = 0; i < n; ++i) total += _gTerms[ids[i]][_gDesigns[ids[i]].version].shareBps;
        if (total > MAX_SHARE) {
            return abi.encodeWithSelector(IDesignCommons.AncestorSharesTooHigh.selector, total, MAX_SHARE);
        }
        if (t.currency == 0) return "";
        if (!_gAccepts[projectId][t.currency]) return _notAccepted(projectId, t.currency);
        for (uint256 i = 0; i < n; ++i) {
            uint64 p = _gDesigns[ids[i]].projectId;
            if (!_gAccepts[p][t.currency]) return _notAccepted(p, t.currency);
        }
        return "";
    }

    function _currencyRefusal(uint64 designId, uint64 projectId, uint256 c) internal view returns (bytes memory) {
        if (c == 0) return "";
        if (!_gAccepts[projectId][c]) return _notAccepted(projectId, c);
        GDesign storage d = _gDesigns[designId];
        for (uint256 i = 0; i < d.ancestorProjects.length; ++i) {
            if (!_gAccepts[d.ancestorProjects[i]][c]) return _notAccepted(d.ancestorProjects[i], c);
        }
        return "";
    }

    function _notAccepted(uint64 projectId, uint256 c) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IDesignCommons.CurrencyNotAccepted.selector, projectId, currencies[c]);
    }

    /// @dev A licence id (one more than exist: unknown) and who acts: its licensee, or one in four a random actor.
    function _pickLicence(uint256 actorSeed, uint256 licenceSeed) internal view returns (uint256 id, uint256 actor) {
        id = 1 + (licenceSeed % (gLicenceCount + 1));
        actor = actorSeed % 4 == 0 || id > gLicenceCount ? (actorSeed >> 8) % N : _gLicences[id].holder;
    }

    function _licenceRefusal(uint256 id, uint256 actor) internal view returns (bytes memory) {
        GLicence storage l = _gLicences[id];
        if (l.tier == 0) return abi.encodeWithSelector(IDesignCommons.UnknownLicence.selector, id);
        if (l.holder != actor) return abi.encodeWithSelector(IDesignCommons.NotLicensee.selector, id, actors[actor]);
        if (block.timestamp >= l.expiresAt) {
            return abi.encodeWithSelector(IDesignCommons.LicenceExpired.selector, id, l.expiresAt);
        }
        return "";
    }

    /// @dev The ETH to send with a fee of `fee` in currency `c` (the fee in ETH, nothing with a token) and, one in
    /// eight, one wei more; with the refusal that brings.
    function _payment(uint256 c, uint256 fee, uint256 seed) internal pure returns (uint256 value, bytes memory) {
        uint256 right = c == 0 ? fee : 0;
        value = seed % 8 == 0 ? right + 1 : right;
        if (value == right) return (value, "");
        return (value, abi.encodeWithSelector(IDesignCommons.IncorrectPayment.selector, right, value));
    }

    /// @dev Sends a payment call from `actor` and checks its outcome; on success, checks DC-3 (a commons licence moved
    /// nothing of the licensee's) and DC-4 (the licence had not expired).
    function _pay(
        uint256 actor,
        uint256 id,
        uint256 c,
        uint256 value,
        bytes memory expected,
        bytes memory data,
        string memory what
    ) internal {
        address who = actors[actor];
        uint256 before = _balance(c, who) + who.balance;
        vm.prank(who);
        (bool ok, bytes memory ret) = address(commons).call{value: value}(data);
        if (!ok && ret.length >= 4 && bytes4(ret) == IDesignCommons.LicenceExpired.selector) ++nExpiredRefused;
        if (!_outcome(ok, ret, expected, what)) return;
        GLicence storage l = _gLicences[id];
        if (l.tier == 1 && _balance(c, who) + who.balance != before) ++commonsPaid;
        if (block.timestamp >= l.expiresAt) ++expiredAccepted;
    }

    function _afterPayment(uint256 id, uint256 c, uint256 fee) internal {
        _ghostSplit(_gLicences[id].designId, c, fee);
        if (fee != 0 && c != 0) ++nTokenFees;
        _compareBooks();
    }

    /// @dev DC-2: the chain's held and deposited amounts, per project and currency, equal the ghost's after each
    /// payment and release (a part credited twice, missed or rounded the other way shows here).
    function _compareBooks() internal {
        for (uint64 p = 1; p <= PROJECTS; ++p) {
            for (uint256 c = 0; c < C; ++c) {
                (uint256 received, , ) = ledger.incomeStats(p, currencies[c]);
                if (commons.heldFor(p, currencies[c]) != gHeld[p][c] || received != gDeposited[p][c]) {
                    ++splitMismatches;
                }
            }
        }
    }

    function _balance(uint256 c, address who) internal view returns (uint256) {
        return c == 0 ? 0 : IERC20(currencies[c]).balanceOf(who);
    }
}

/// @notice The invariants DC-1..DC-6 of docs/invariants.md over the handler's random sequences.
contract DesignCommonsInvariantTest is Test {
    DesignCommonsHandler internal handler;
    DesignCommons internal commons;
    ContributionLedger internal ledger;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        handler = new DesignCommonsHandler();
        commons = handler.commons();
        ledger = handler.ledger();
        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: handler.actionSelectors()}));
    }

    /// @notice Every call succeeded or failed exactly as the ghost model predicted (exact revert data).
    function invariant_noViolations() public view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice DC-1: per currency, the fees paid = the ancestors' shares + the design projects' shares = what the
    /// ledger received + what is held, to the wei; the contract's balance of each currency is what it holds.
    function invariant_DC1_feesAccounted() public view {
        for (uint256 c = 0; c < 3; ++c) {
            address currency = handler.currencies(c);
            uint256 held;
            uint256 received;
            for (uint64 p = 1; p <= 3; ++p) {
                held += commons.heldFor(p, currency);
                (uint256 r, , ) = ledger.incomeStats(p, currency);
                received += r;
            }
            uint256 feesIn = handler.gFeesIn(c);
            assertEq(feesIn, handler.gAncestorShares(c) + handler.gProjectShares(c), "fees != the parts of the split");
            assertEq(feesIn, received + held, "fees != deposited + held");
            uint256 balance = c == 0 ? address(commons).balance : IERC20(currency).balanceOf(address(commons));
            assertEq(balance, held, "the contract's balance != what it holds");
        }
    }

    /// @notice DC-2: each payment credited its shares once and each held amount was released once (the books
    /// compared after every payment and release).
    function invariant_DC2_splitOnce() public view {
        assertEq(handler.splitMismatches(), 0, "a payment or release changed the books otherwise than once");
    }

    /// @notice DC-3: a commons licence never paid: nothing left its licensee, and it records no fee.
    function invariant_DC3_commonsNeverPays() public view {
        assertEq(handler.commonsPaid(), 0, "a commons licensee paid");
        for (uint256 id = 1; id <= handler.gLicenceCount(); ++id) {
            IDesignCommons.Licence memory l = commons.licence(id);
            if (l.tier == IDesignCommons.Tier.Commons) assertEq(l.feesPaid, 0, "a commons licence records a fee");
            assertEq(uint8(l.tier), handler.licenceGhost(id).tier, "a licence's tier != the model's");
            assertEq(l.feesPaid, handler.licenceGhost(id).fees, "a licence's fees != the model's");
            assertEq(l.unitsReported, handler.licenceGhost(id).units, "a licence's units != the model's");
        }
    }

    /// @notice DC-4: no report or payment was accepted at or after its licence's expiry.
    function invariant_DC4_expiredNeverReports() public view {
        assertEq(handler.expiredAccepted(), 0, "an expired licence reported or paid");
    }

    /// @notice DC-5: each content hash names its one design; every design's lineage is the model's (at most 8
    /// ancestors, shares at most 50 % in all), never changed since its registration.
    function invariant_DC5_lineageFixed() public view {
        assertEq(commons.designCount(), handler.gDesignCount(), "design count");
        for (uint64 id = 1; id <= handler.gDesignCount(); ++id) {
            assertEq(commons.designOfContent(handler.designContent(id)), id, "a content hash names another design");
            (uint64[] memory ids, uint16[] memory shares) = handler.designAncestors(id);
            IDesignCommons.Ancestor[] memory onChain = commons.ancestorsOf(id);
            assertEq(onChain.length, ids.length, "ancestor count");
            assertLe(onChain.length, 8, "more than 8 ancestors");
            uint256 total;
            for (uint256 i = 0; i < ids.length; ++i) {
                assertEq(onChain[i].designId, ids[i], "ancestor id");
                assertEq(onChain[i].shareBps, shares[i], "ancestor share");
                total += shares[i];
            }
            assertLe(total, 5_000, "ancestors' shares above 50 %");
            assertEq(commons.design(id).ancestorShareBps, total, "the design's recorded share total");
        }
    }

    /// @notice DC-6: each operator report counted its units once and its fee as owed (the handler compares every
    /// report's outcome and effect with the model's); per currency, what operators' reports made owed = what was paid
    /// of it + what every licence still owes, to the wei; each licence owes what the model says.
    function invariant_DC6_operatorReportsCountedOnce() public view {
        assertEq(handler.operatorMismatches(), 0, "an operator's report or payment differed from the model's");
        uint256[3] memory owed;
        for (uint256 id = 1; id <= handler.gLicenceCount(); ++id) {
            uint256 o = commons.feesOwed(id);
            assertEq(o, handler.gOwed(id), "a licence's fees owed != the model's");
            IDesignCommons.Licence memory l = commons.licence(id);
            address currency = commons.terms(l.designId, l.termsVersion).currency;
            for (uint256 c = 0; c < 3; ++c) if (handler.currencies(c) == currency) owed[c] += o;
        }
        for (uint256 c = 0; c < 3; ++c) {
            assertEq(handler.gOwedRecorded(c), handler.gOwedPaid(c) + owed[c], "fees owed lost or made up");
        }
    }

    /// @notice The handler reached every path: derivatives, refusals, both tiers, paid and free reports, token fees,
    /// held project shares, period payments, releases and expired licences refused, operator reports counted and
    /// skipped, and fees owed paid.
    function test_handlerExercisesEveryPath() public {
        for (uint256 i = 0; i < 1_400; ++i) {
            uint256[5] memory a;
            for (uint256 k = 0; k < 5; ++k) a[k] = uint256(keccak256(abi.encode("paths", i, k)));
            // the first 900 draw the original nine actions; the operators' three join after
            uint256 action = i < 40 ? 0 : a[0] % (i < 900 ? 9 : 12);
            if (action == 0) handler.registerDesign(a[1], a[2], a[3], a[4], a[0] >> 8);
            else if (action == 1) handler.setTerms(a[1], a[2], a[3]);
            else if (action == 2 || action == 3) handler.takeLicence(a[1], a[2]);
            else if (action == 4) handler.reportProduction(a[1], a[2], a[3], a[4]);
            else if (action == 5) handler.payPeriods(a[1], a[2], a[3], a[4]);
            else if (action == 6) handler.release(a[1], a[2], a[3]);
            else if (action == 7) handler.accredit(a[1], a[2] % 3 == 0);
            else if (action == 8) handler.warp(a[1] % 8 == 0 ? a[2] : a[2] % 1 days);
            else if (action == 9) handler.setReportOperator(a[1], a[2], a[3] % 4 != 0);
            else if (action == 10) handler.reportAsOperator(a[1], a[2], a[3], a[4]);
            else handler.payOwed(a[1], a[2], a[3], a[4]);
            if (i == 450) handler.givePoints(a[1]);
        }
        invariant_noViolations();
        invariant_DC1_feesAccounted();
        invariant_DC2_splitOnce();
        invariant_DC3_commonsNeverPays();
        invariant_DC4_expiredNeverReports();
        invariant_DC5_lineageFixed();
        invariant_DC6_operatorReportsCountedOnce();
        assertGt(handler.nOperatorReports(), 0, "no operator report counted");
        assertGt(handler.nOperatorSkips(), 0, "no operator report skipped");
        assertGt(handler.nOwedPayments(), 0, "no fee owed paid");
        assertGt(handler.nRegistered(), 0, "no design");
        assertGt(handler.nDerivatives(), 0, "no derivative");
        assertGt(handler.nRegisterRefused(), 0, "no refused registration");
        assertGt(handler.nTermsSet(), 0, "no terms change");
        assertGt(handler.nCommonsLicences(), 0, "no commons licence");
        assertGt(handler.nLicences(), handler.nCommonsLicences(), "no commercial licence");
        assertGt(handler.nReports(), handler.nPaidReports(), "no free report");
        assertGt(handler.nPaidReports(), 0, "no paid report");
        assertGt(handler.nTokenFees(), 0, "no token fee");
        assertGt(handler.nHeldProjectShares(), 0, "no project share held for want of points");
        assertGt(handler.nPeriodPayments(), 0, "no period payment");
        assertGt(handler.nReleases(), 0, "no release");
        assertGt(handler.nExpiredRefused(), 0, "no expired licence refused");
        assertGt(handler.nBeyondExpiryRefused(), 0, "no period beyond the expiry refused");
    }
}
