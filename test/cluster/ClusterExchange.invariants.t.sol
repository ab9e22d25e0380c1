// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {ClusterExchange} from "../../contracts/cluster/ClusterExchange.sol";
import {IClusterExchange} from "../../contracts/cluster/IClusterExchange.sol";
import {DesignCommons} from "../../contracts/commons/DesignCommons.sol";
import {IDesignCommons} from "../../contracts/commons/IDesignCommons.sol";
import {ContributionLedger} from "../../contracts/contribution/ContributionLedger.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {CreditNetwork} from "../../contracts/credit/CreditNetwork.sol";
import {ICreditNetwork} from "../../contracts/credit/ICreditNetwork.sol";
import {ClusterExchangeModel} from "./ClusterExchangeModel.sol";

/// @notice Invariant-test handler of ClusterExchange on a real CreditNetwork (the handler is its admin and steward)
/// and a real design commons holding two designs, with the ghost model of {ClusterExchangeModel}. Seven actors post
/// offers and needs (some malformed, some by a member who has not approved the exchange or an outsider), update and
/// withdraw them (with forged terms and by strangers), submit batches of one to three matches (valid, and invalid in
/// every way: unsorted or repeated intents, forged or withdrawn ones, indices out of range, every term broken, more
/// than remains), and move orders through every step with time warps, by their parties and by others, with the current
/// record, a forged one or the one before the last step (a replay). Members withdraw and give their approval of the
/// exchange (so batches naming one who withdrew are refused, while the orders it agreed to before still settle: CN-8)
/// and are suspended and reinstated (so deliveries are sometimes refused by the credit network). Each call's
/// outcome is predicted to the exact revert data; a mismatch is recorded in `violations`. Defined in this test file on
/// purpose: Hardhat writes artifacts only for root source files, and the invariant fuzzer needs the handler's artifact.
contract ClusterExchangeHandler is ClusterExchangeModel {
    CreditNetwork public immutable credit;
    ClusterExchange public immutable exchange;

    constructor() {
        address[] memory stewards = new address[](1);
        stewards[0] = address(this);
        credit = new CreditNetwork("Cluster Credit", "CLC", 6, address(this), stewards);
        ContributionLedger ledger = new ContributionLedger();
        string[] memory kinds = new string[](1);
        kinds[0] = "Design";
        uint32[] memory weights = new uint32[](1);
        weights[0] = 10;
        ledger.createProject("Lab", "", IContributionLedger.EvaluationPolicy(1, 1 days, 1), kinds, weights);
        ledger.grantRole(1, address(this), 1);
        DesignCommons designs = new DesignCommons(ledger, address(this));
        for (uint256 i = 0; i < DESIGNS; ++i) {
            designs.registerDesign(
                keccak256(abi.encode("design", i)),
                "ipfs://design",
                1,
                IDesignCommons.Terms(address(0), LICENCE_FEE, 0, 0, 365 days, 0),
                new uint64[](0)
            );
        }
        exchange = new ClusterExchange(credit, designs);
        _exchangeAddress = address(exchange);
        for (uint256 i = 0; i < N; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            _actorOf[actors[i]] = i + 1;
            if (i >= MEMBERS) continue;
            credit.admitMember(actors[i]);
            gStatus[i] = ICreditNetwork.MemberStatus.Active;
            if (i == MEMBERS - 1) continue;
            vm.prank(actors[i]);
            credit.setObligationOperator(address(exchange), true);
            _setApproval(i, true);
        }
        // CX-5: actors 0..2 hold a commercial licence on design 1 (a year long); 0 and 1 approve the exchange as their
        // report operator on the commons, 2 does not; the others hold no licence.
        for (uint256 i = 0; i < LICENSED; ++i) {
            vm.startPrank(actors[i]);
            licenceOfActor[i] = designs.takeLicence(1);
            if (i != LICENSED - 1) designs.setReportOperator(address(exchange), true);
            vm.stopPrank();
        }
        licenceExpiry = block.timestamp + 365 days;
    }

    uint64 internal constant LICENCE_FEE = 7; // wei per unit, every design
    uint256 internal constant LICENSED = 3;
    /// @dev CX-5: each licensed actor's licence on design 1, when they expire, and the units the model expects on each.
    mapping(uint256 actor => uint256 licenceId) public licenceOfActor;
    uint256 public licenceExpiry;
    mapping(uint256 licenceId => uint256 units) public gLicenceUnits;
    uint256 public nLicenceReports;
    uint256 public nLicenceSkips;

    function actionSelectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](15);
        s[0] = this.postIntent.selector;
        s[1] = this.updateIntent.selector;
        s[2] = this.withdrawIntent.selector;
        s[3] = this.submitMatches.selector;
        s[4] = this.acceptOrder.selector;
        s[5] = this.startProduction.selector;
        s[6] = this.shipOrder.selector;
        s[7] = this.confirmDelivery.selector;
        s[8] = this.settleUnconfirmed.selector;
        s[9] = this.cancelOrder.selector;
        s[10] = this.disputeOrder.selector;
        s[11] = this.resolveDispute.selector;
        s[12] = this.setApproval.selector;
        s[13] = this.setStanding.selector;
        s[14] = this.warp.selector;
    }

    // ============================================================================================= intents

    /// @notice An intent by a random actor (the outsider and a member without approval are refused), with random
    /// terms (some malformed), one in sixteen naming another owner.
    function postIntent(uint256 actorSeed, uint256 termsSeed) external {
        if (gIntentCount >= MAX_INTENTS) return;
        // mostly the members who approved the exchange (0..4)
        uint256 actor = actorSeed % 4 == 0 ? (actorSeed >> 2) % N : (actorSeed >> 2) % (MEMBERS - 1);
        IClusterExchange.Side side = IClusterExchange.Side(termsSeed % 2);
        IClusterExchange.IntentTerms memory t = _genTerms(
            (actorSeed >> 8) % 16 == 0 ? (actor + 1) % N : actor,
            side,
            termsSeed >> 1
        );
        bytes memory expected;
        if (t.owner != actors[actor]) {
            expected = abi.encodeWithSelector(IClusterExchange.NotIntentOwner.selector, uint64(0), actors[actor]);
        } else expected = _termsRefusal(t);
        if (expected.length == 0 && gStatus[actor] != ICreditNetwork.MemberStatus.Active) {
            expected = abi.encodeWithSelector(IClusterExchange.NotActiveMember.selector, actors[actor]);
        }
        if (expected.length == 0 && !_approvedNow(actor)) {
            expected = abi.encodeWithSelector(IClusterExchange.ExchangeNotApproved.selector, actors[actor]);
        }
        vm.prank(actors[actor]);
        (bool ok, bytes memory ret) = address(exchange).call(abi.encodeCall(IClusterExchange.postIntent, (t)));
        if (!_outcome(ok, ret, expected, "postIntent")) {
            ++nPostRefused;
            return;
        }
        uint64 id = ++gIntentCount;
        if (abi.decode(ret, (uint64)) != id) _violation("postIntent: unexpected id");
        GIntent storage g = _gIntents[id];
        g.terms = t;
        g.active = true;
        ++nPosted;
    }

    /// @notice New terms for a random intent (one more than exist: unknown) by its owner or, one in four, another
    /// actor; one in eight passes forged current terms, one in eight changes the owner or side, and the quantity is
    /// drawn around what was matched.
    function updateIntent(uint256 actorSeed, uint256 intentSeed, uint256 termsSeed, uint256 modeSeed) external {
        uint64 id = uint64(1 + (intentSeed % (gIntentCount + 1)));
        GIntent storage g = _gIntents[id];
        uint256 owner = id > gIntentCount ? actorSeed % N : _actorOf[g.terms.owner] - 1;
        uint256 actor = actorSeed % 4 == 0 ? (actorSeed >> 8) % N : owner;
        IClusterExchange.IntentTerms memory current = g.terms;
        if (modeSeed % 8 == 0) current.price += 1;
        IClusterExchange.IntentTerms memory next = _genTerms(owner, g.terms.side, termsSeed);
        if ((modeSeed >> 8) % 8 == 0) next.side = IClusterExchange.Side(1 - uint8(next.side));
        if (next.quantity != 0 && (modeSeed >> 16) % 2 == 0) {
            // around what was matched: one in four just below it
            uint256 q = uint256(g.matched) + ((modeSeed >> 24) % 8);
            if ((modeSeed >> 32) % 4 == 0 && q > 1) q -= 1;
            next.quantity = uint96(q == 0 ? 1 : q);
        }
        bytes memory expected;
        if (!g.active) expected = abi.encodeWithSelector(IClusterExchange.IntentNotActive.selector, id);
        else if (_hash(current) != _hash(g.terms)) {
            expected = abi.encodeWithSelector(IClusterExchange.IntentTermsMismatch.selector, id);
        } else if (current.owner != actors[actor]) {
            expected = abi.encodeWithSelector(IClusterExchange.NotIntentOwner.selector, id, actors[actor]);
        } else if (next.owner != current.owner || next.side != current.side) {
            expected = abi.encodeWithSelector(IClusterExchange.OwnerOrSideChanged.selector, id);
        } else {
            expected = _termsRefusal(next);
            if (expected.length == 0 && next.quantity < g.matched) {
                expected = abi.encodeWithSelector(
                    IClusterExchange.QuantityBelowMatched.selector,
                    id,
                    next.quantity,
                    g.matched
                );
            }
        }
        vm.prank(actors[actor]);
        (bool ok, bytes memory ret) = address(exchange).call(
            abi.encodeCall(IClusterExchange.updateIntent, (id, current, next))
        );
        if (!_outcome(ok, ret, expected, "updateIntent")) return;
        g.terms = next;
        ++nUpdated;
    }

    /// @notice A random intent withdrawn by its owner or, one in four, another actor; one in eight with forged terms.
    function withdrawIntent(uint256 actorSeed, uint256 intentSeed, uint256 modeSeed) external {
        uint64 id = uint64(1 + (intentSeed % (gIntentCount + 1)));
        GIntent storage g = _gIntents[id];
        uint256 actor = actorSeed % 4 == 0 || id > gIntentCount ? (actorSeed >> 8) % N : _actorOf[g.terms.owner] - 1;
        IClusterExchange.IntentTerms memory current = g.terms;
        if (modeSeed % 8 == 0) current.maxDistance += 1;
        bytes memory expected;
        if (!g.active) expected = abi.encodeWithSelector(IClusterExchange.IntentNotActive.selector, id);
        else if (_hash(current) != _hash(g.terms)) {
            expected = abi.encodeWithSelector(IClusterExchange.IntentTermsMismatch.selector, id);
        } else if (current.owner != actors[actor]) {
            expected = abi.encodeWithSelector(IClusterExchange.NotIntentOwner.selector, id, actors[actor]);
        }
        vm.prank(actors[actor]);
        (bool ok, bytes memory ret) = address(exchange).call(
            abi.encodeCall(IClusterExchange.withdrawIntent, (id, current))
        );
        if (!_outcome(ok, ret, expected, "withdrawIntent")) return;
        if (ret.length != 0) _violation("withdrawIntent: returned data");
        g.active = false;
        ++nWithdrawn;
    }

    // ============================================================================================= matching

    /// @notice A batch of one to three matches among an offer, a need and sometimes a third intent (drawn among the
    /// active ones, else any id up to one beyond the last), submitted by a random actor; prices and quantities mostly
    /// within the terms, and one batch in eight malformed (unsorted or repeated intents, forged terms, an index out of
    /// range, no match).
    function submitMatches(uint256 seed, uint256 priceSeed, uint256 quantitySeed) external {
        if (gOrderCount >= MAX_ORDERS || gIntentCount < 2) return;
        uint64 offer = _pickIntent(seed, IClusterExchange.Side.Offer);
        uint64[3] memory picks = [
            offer,
            _pickPartner(seed >> 16, offer),
            _pickIntent(seed >> 32, IClusterExchange.Side(uint8((seed >> 48) % 2)))
        ];
        uint256 n = (seed >> 56) % 4 == 0 ? 3 : 2;
        IClusterExchange.IntentRef[] memory refs = new IClusterExchange.IntentRef[](n);
        for (uint256 i = 0; i < n; ++i) refs[i] = IClusterExchange.IntentRef(picks[i], _gIntents[picks[i]].terms);
        _sortRefs(refs);
        uint256 flaw = (seed >> 64) % 64;
        if (flaw == 0) (refs[0], refs[1]) = (refs[1], refs[0]);
        else if (flaw == 1) refs[1] = refs[0];
        else if (flaw == 2) refs[(seed >> 72) % n].terms.quantity += 5;
        IClusterExchange.Match[] memory ms = _genMatches(
            refs,
            flaw == 3 ? 0 : 1 + ((seed >> 80) % 3),
            priceSeed,
            quantitySeed
        );
        if (flaw == 4 && ms.length != 0) ms[0].need = uint16(n);

        (bytes memory expected, uint96[] memory run) = _predictBatch(refs, ms);
        vm.prank(actors[(seed >> 96) % N]);
        (bool ok, bytes memory ret) = address(exchange).call(
            abi.encodeCall(IClusterExchange.submitMatches, (refs, ms))
        );
        if (!ok && ret.length >= 4) {
            if (bytes4(ret) == IClusterExchange.TooFar.selector) ++nTooFar;
            if (bytes4(ret) == IClusterExchange.QuantityExceedsRemaining.selector) ++nQuantityRefused;
            if (bytes4(ret) == IClusterExchange.ExchangeNotApproved.selector) ++nMatchUnapproved;
        }
        if (!_outcome(ok, ret, expected, "submitMatches")) {
            if (!ok) ++nBatchRefused;
            return;
        }
        if (abi.decode(ret, (uint64)) != gOrderCount + 1) _violation("submitMatches: unexpected first order id");
        for (uint256 k = 0; k < ms.length; ++k) _recordOrder(refs, ms[k]);
        for (uint256 i = 0; i < n; ++i) _gIntents[refs[i].id].matched = run[i];
        ++nBatches;
        if (ms.length > 1) ++nMultiMatchBatches;
    }

    // ============================================================================================= orders

    /// @notice The producer (or, one in eight, another actor) accepts an order, promising a date drawn within the due
    /// date (one in sixteen before now or after the due date).
    function acceptOrder(uint256 callerSeed, uint256 orderSeed, uint256 promiseSeed, uint256 recordSeed) external {
        uint64 id = _pickOrder(orderSeed, IClusterExchange.OrderState.Matched);
        if (orderSeed % 2 == 0) id = _pickAcceptable(orderSeed, id);
        GOrder storage g = _gOrders[id];
        (IClusterExchange.Order memory rec, address caller, bytes memory expected) = _party(
            id,
            callerSeed,
            recordSeed,
            false,
            IClusterExchange.OrderState.Matched
        );
        uint40 now_ = uint40(block.timestamp);
        uint40 promised = g.rec.dueBy >= now_ ? now_ + uint40(promiseSeed % (g.rec.dueBy - now_ + 1)) : now_;
        if ((promiseSeed >> 64) % 32 == 0) promised = now_ - 1;
        else if ((promiseSeed >> 64) % 32 == 1) promised = g.rec.dueBy + 1;
        if (expected.length == 0) {
            if (block.timestamp > rec.matchedAt + ACCEPT_WINDOW) {
                expected = abi.encodeWithSelector(
                    IClusterExchange.AcceptWindowClosed.selector,
                    id,
                    rec.matchedAt + ACCEPT_WINDOW
                );
            } else if (promised < block.timestamp || promised > rec.dueBy) {
                expected = abi.encodeWithSelector(IClusterExchange.InvalidPromise.selector, promised, rec.dueBy);
            }
        }
        if (!_step(id, caller, abi.encodeCall(IClusterExchange.acceptOrder, (id, rec, promised)), expected, "accept")) {
            return;
        }
        g.rec.promisedAt = promised;
        _moveTo(id, IClusterExchange.OrderState.Accepted);
        ++nAccepted;
    }

    /// @notice The producer (or another actor) starts producing an order.
    function startProduction(uint256 callerSeed, uint256 orderSeed, uint256 recordSeed) external {
        uint64 id = _pickOrder(orderSeed, IClusterExchange.OrderState.Accepted);
        (IClusterExchange.Order memory rec, address caller, bytes memory expected) = _party(
            id,
            callerSeed,
            recordSeed,
            false,
            IClusterExchange.OrderState.Accepted
        );
        if (!_step(id, caller, abi.encodeCall(IClusterExchange.startProduction, (id, rec)), expected, "produce")) {
            return;
        }
        _moveTo(id, IClusterExchange.OrderState.InProduction);
        ++nProduced;
    }

    /// @notice The producer (or another actor) ships an accepted or producing order.
    function shipOrder(uint256 callerSeed, uint256 orderSeed, uint256 recordSeed) external {
        uint64 id = _pickOrder(
            orderSeed,
            (orderSeed >> 8) % 2 == 0 ? IClusterExchange.OrderState.Accepted : IClusterExchange.OrderState.InProduction
        );
        IClusterExchange.Order memory rec = _pickRecord(id, recordSeed);
        address caller = _pickCaller(callerSeed, _gOrders[id].rec.producer);
        bytes memory expected = _recordRefusal(id, rec, IClusterExchange.OrderState.None);
        if (
            expected.length == 0 &&
            rec.state != IClusterExchange.OrderState.Accepted &&
            rec.state != IClusterExchange.OrderState.InProduction
        ) expected = abi.encodeWithSelector(IClusterExchange.WrongOrderState.selector, id, rec.state);
        if (expected.length == 0 && caller != rec.producer) expected = _notAllowed(id, caller);
        if (!_step(id, caller, abi.encodeCall(IClusterExchange.shipOrder, (id, rec)), expected, "ship")) return;
        _gOrders[id].rec.shippedAt = uint40(block.timestamp);
        _moveTo(id, IClusterExchange.OrderState.Shipped);
        ++nShipped;
    }

    /// @notice The buyer (or another actor) confirms a shipped order's delivery.
    function confirmDelivery(uint256 callerSeed, uint256 orderSeed, uint256 recordSeed) external {
        uint64 id = _pickOrder(orderSeed, IClusterExchange.OrderState.Shipped);
        (IClusterExchange.Order memory rec, address caller, bytes memory expected) = _party(
            id,
            callerSeed,
            recordSeed,
            true,
            IClusterExchange.OrderState.Shipped
        );
        if (expected.length == 0) expected = _deliveryRefusal(rec);
        bytes memory data = abi.encodeCall(IClusterExchange.confirmDelivery, (id, rec));
        (bool done, bytes memory ret) = _call(id, caller, data, expected, "confirm");
        if (!done) return;
        _delivered(id, rec.quantity, ret);
        ++nConfirmed;
    }

    /// @notice The producer (or another actor) settles a shipped order after the confirmation window.
    function settleUnconfirmed(uint256 callerSeed, uint256 orderSeed, uint256 recordSeed) external {
        uint64 id = _pickUnconfirmed(orderSeed);
        (IClusterExchange.Order memory rec, address caller, bytes memory expected) = _party(
            id,
            callerSeed,
            recordSeed,
            false,
            IClusterExchange.OrderState.Shipped
        );
        if (expected.length == 0 && block.timestamp <= rec.shippedAt + CONFIRM_WINDOW) {
            expected = abi.encodeWithSelector(
                IClusterExchange.TooEarly.selector,
                id,
                rec.shippedAt + CONFIRM_WINDOW + 1
            );
        }
        if (expected.length == 0) expected = _deliveryRefusal(rec);
        bytes memory data = abi.encodeCall(IClusterExchange.settleUnconfirmed, (id, rec));
        (bool done, bytes memory ret) = _call(id, caller, data, expected, "settle");
        if (!done) return;
        _delivered(id, rec.quantity, ret);
        ++nSettled;
    }

    /// @notice The producer, the buyer (after its waiting time) or another actor cancels an order.
    function cancelOrder(uint256 callerSeed, uint256 orderSeed, uint256 recordSeed) external {
        uint64 id = _pickOrder(orderSeed, IClusterExchange.OrderState(((orderSeed >> 8) % 3) + 1));
        IClusterExchange.Order memory rec = _pickRecord(id, recordSeed);
        GOrder storage g = _gOrders[id];
        address caller = _pickCaller(callerSeed >> 1, callerSeed % 2 == 0 ? g.rec.producer : g.rec.buyer);
        bytes memory expected = _recordRefusal(id, rec, IClusterExchange.OrderState.None);
        IClusterExchange.OrderState s = rec.state;
        if (
            expected.length == 0 &&
            s != IClusterExchange.OrderState.Matched &&
            s != IClusterExchange.OrderState.Accepted &&
            s != IClusterExchange.OrderState.InProduction
        ) expected = abi.encodeWithSelector(IClusterExchange.WrongOrderState.selector, id, s);
        if (expected.length == 0 && caller == rec.buyer) {
            uint40 from =
                s == IClusterExchange.OrderState.Matched ? rec.matchedAt + ACCEPT_WINDOW : rec.promisedAt + LATE_GRACE;
            if (block.timestamp <= from) {
                expected = abi.encodeWithSelector(IClusterExchange.TooEarly.selector, id, from + 1);
            }
        } else if (expected.length == 0 && caller != rec.producer) expected = _notAllowed(id, caller);
        if (!_step(id, caller, abi.encodeCall(IClusterExchange.cancelOrder, (id, rec)), expected, "cancel")) return;
        _moveTo(id, IClusterExchange.OrderState.Cancelled);
        g.returned = true;
        _gIntents[rec.offerId].matched -= rec.quantity;
        _gIntents[rec.needId].matched -= rec.quantity;
        if (!_gIntents[rec.offerId].active || !_gIntents[rec.needId].active) ++nCancelledIntoWithdrawn;
        if (caller == rec.buyer) ++nCancelledByBuyer;
        else ++nCancelledByProducer;
    }

    /// @notice The buyer (or another actor) disputes a shipped order.
    function disputeOrder(uint256 callerSeed, uint256 orderSeed, uint256 recordSeed) external {
        uint64 id = _pickOrder(orderSeed, IClusterExchange.OrderState.Shipped);
        (IClusterExchange.Order memory rec, address caller, bytes memory expected) = _party(
            id,
            callerSeed,
            recordSeed,
            true,
            IClusterExchange.OrderState.Shipped
        );
        if (expected.length == 0 && block.timestamp > rec.shippedAt + CONFIRM_WINDOW) {
            expected = abi.encodeWithSelector(
                IClusterExchange.ConfirmWindowClosed.selector,
                id,
                rec.shippedAt + CONFIRM_WINDOW
            );
        }
        bytes memory data = abi.encodeCall(IClusterExchange.disputeOrder, (id, rec, bytes32(callerSeed)));
        if (!_step(id, caller, data, expected, "dispute")) return;
        _moveTo(id, IClusterExchange.OrderState.Disputed);
        ++nDisputed;
    }

    /// @notice A steward (the handler; one in four times another actor) resolves a dispute: a quantity up to the
    /// order's (one in eight above it; one in four none: cancelled).
    function resolveDispute(uint256 callerSeed, uint256 orderSeed, uint256 quantitySeed, uint256 recordSeed) external {
        uint64 id = _pickOrder(orderSeed, IClusterExchange.OrderState.Disputed);
        IClusterExchange.Order memory rec = _pickRecord(id, recordSeed);
        address caller = callerSeed % 4 == 0 ? actors[(callerSeed >> 8) % N] : address(this);
        uint96 q = _gOrders[id].rec.quantity;
        uint96 delivered = quantitySeed % 4 == 0 ? 0 : uint96(1 + ((quantitySeed >> 8) % (q == 0 ? 1 : q)));
        if ((quantitySeed >> 40) % 8 == 0) delivered = q + 1;
        bytes memory expected = _recordRefusal(id, rec, IClusterExchange.OrderState.Disputed);
        if (expected.length == 0 && caller != address(this)) expected = _notAllowed(id, caller);
        if (expected.length == 0 && delivered > rec.quantity) {
            expected = abi.encodeWithSelector(
                IClusterExchange.DeliveredQuantityTooLarge.selector,
                delivered,
                rec.quantity
            );
        }
        if (expected.length == 0 && delivered > 0) expected = _deliveryRefusal(rec);
        bytes memory data = abi.encodeCall(IClusterExchange.resolveDispute, (id, rec, delivered));
        (bool done, bytes memory ret) = _call(id, caller, data, expected, "resolve");
        if (!done) return;
        if (delivered > 0) {
            _delivered(id, delivered, ret);
            ++nResolvedPartly;
        } else {
            if (abi.decode(ret, (uint256)) != 0) _violation("resolve: cancelled with an obligation id");
            _moveTo(id, IClusterExchange.OrderState.Cancelled);
            ++nResolvedCancelled;
        }
    }

    // ============================================================================================= standing and time

    /// @notice A member (or the outsider) withdraws or gives its approval of the exchange as its obligation operator;
    /// the network keeps every approval period ([since, until]), the latest checked against the model's after every call.
    function setApproval(uint256 actorSeed, bool approved) external {
        uint256 actor = actorSeed % N;
        vm.prank(actors[actor]);
        credit.setObligationOperator(address(exchange), approved);
        if (_approvedNow(actor) && !approved) ++nApprovalsWithdrawn;
        _setApproval(actor, approved);
    }

    /// @notice The steward suspends an active member when none is suspended, else reinstates the suspended one (at most
    /// one at a time, so that most batches can still be matched).
    function setStanding(uint256 actorSeed) external {
        for (uint256 i = 0; i < MEMBERS; ++i) {
            if (gStatus[i] != ICreditNetwork.MemberStatus.Suspended) continue;
            credit.reinstateMember(actors[i]);
            gStatus[i] = ICreditNetwork.MemberStatus.Active;
            return;
        }
        uint256 actor = actorSeed % MEMBERS;
        credit.suspendMember(actors[actor]);
        gStatus[actor] = ICreditNetwork.MemberStatus.Suspended;
        ++nSuspensions;
    }

    /// @notice Time passes: mostly up to six hours, one in eight up to 20 days (past every order window).
    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % 8 == 0 ? seconds_ % 20 days : seconds_ % 6 hours));
    }

    // ============================================================================================= private

    /// @dev Whether `actor` may be matched now: an active member approving the exchange.
    function _mayTrade(uint256 actor) internal view returns (bool) {
        return gStatus[actor] == ICreditNetwork.MemberStatus.Active && _approvedNow(actor);
    }

    /// @dev An intent on `side`: seven times in eight an active one still open with some quantity left, of an active
    /// member approving the exchange (from a random start), else any id up to one beyond the last.
    function _pickIntent(uint256 seed, IClusterExchange.Side side) internal view returns (uint64) {
        uint64 count = gIntentCount;
        if (seed % 8 != 0) {
            uint64 start = uint64((seed >> 3) % count);
            for (uint64 k = 0; k < count; ++k) {
                uint64 id = 1 + ((start + k) % count);
                GIntent storage g = _gIntents[id];
                if (
                    g.active &&
                    g.terms.side == side &&
                    g.terms.end >= block.timestamp &&
                    g.matched < g.terms.quantity &&
                    _mayTrade(_actorOf[g.terms.owner] - 1)
                ) return id;
            }
        }
        return uint64(1 + ((seed >> 2) % (count + 1)));
    }

    /// @dev A need for offer `offerId`: seven times in eight one that could trade with it (active, open, not filled, another
    /// owner who is an active member approving the exchange, same category and unit, the offer's design and specification if it names any,
    /// a highest price at least the ask; from a random start), else as {_pickIntent}.
    function _pickPartner(uint256 seed, uint64 offerId) internal view returns (uint64) {
        IClusterExchange.IntentTerms storage o = _gIntents[offerId].terms;
        uint64 count = gIntentCount;
        if (seed % 8 != 0) {
            uint64 start = uint64((seed >> 3) % count);
            for (uint64 k = 0; k < count; ++k) {
                uint64 id = 1 + ((start + k) % count);
                GIntent storage g = _gIntents[id];
                if (
                    g.active &&
                    g.terms.side == IClusterExchange.Side.Need &&
                    g.terms.owner != o.owner &&
                    g.terms.category == o.category &&
                    g.terms.unit == o.unit &&
                    (g.terms.designId == 0 || g.terms.designId == o.designId) &&
                    (g.terms.spec == bytes32(0) || g.terms.spec == o.spec) &&
                    g.terms.price >= o.price &&
                    g.terms.end >= block.timestamp &&
                    g.matched < g.terms.quantity &&
                    _mayTrade(_actorOf[g.terms.owner] - 1)
                ) return id;
            }
        }
        return _pickIntent(seed, IClusterExchange.Side.Need);
    }

    function _sortRefs(IClusterExchange.IntentRef[] memory refs) internal pure {
        for (uint256 i = 1; i < refs.length; ++i) {
            for (uint256 j = i; j > 0 && refs[j - 1].id > refs[j].id; --j) {
                (refs[j - 1], refs[j]) = (refs[j], refs[j - 1]);
            }
        }
    }

    /// @dev `count` matches among `refs` ({_genMatch}), each drawing on what the earlier ones left.
    function _genMatches(
        IClusterExchange.IntentRef[] memory refs,
        uint256 count,
        uint256 priceSeed,
        uint256 quantitySeed
    ) internal view returns (IClusterExchange.Match[] memory ms) {
        ms = new IClusterExchange.Match[](count);
        uint96[] memory taken = new uint96[](refs.length);
        for (uint256 k = 0; k < count; ++k) {
            ms[k] = _genMatch(refs, taken, priceSeed >> (k * 80), quantitySeed >> (k * 80));
        }
    }

    /// @dev A match between an offer and a need of the batch (else random positions): the price within both terms
    /// (one in eight a unit outside), the quantity within what remains of both after the batch's earlier matches
    /// (`taken`; one in eight more, one in sixteen zero).
    function _genMatch(
        IClusterExchange.IntentRef[] memory refs,
        uint96[] memory taken,
        uint256 priceSeed,
        uint256 quantitySeed
    ) internal view returns (IClusterExchange.Match memory m) {
        (m.offer, m.need) = (uint16(priceSeed % refs.length), uint16((priceSeed >> 4) % refs.length));
        for (uint256 k = 0; k < refs.length; ++k) {
            uint256 i = (k + (priceSeed >> 50)) % refs.length;
            if (refs[i].terms.side == IClusterExchange.Side.Offer) m.offer = uint16(i);
            else m.need = uint16(i);
        }
        m.price = _genPrice(refs[m.offer].terms.price, refs[m.need].terms.price, priceSeed);
        uint96 left = _left(refs[m.offer], taken[m.offer]);
        uint96 needLeft = _left(refs[m.need], taken[m.need]);
        if (needLeft < left) left = needLeft;
        m.quantity = left == 0 ? 1 : uint96(1 + (quantitySeed % left));
        if ((quantitySeed >> 32) % 8 == 0) m.quantity = left + 1;
        else if ((quantitySeed >> 32) % 16 == 1) m.quantity = 0;
        if (m.quantity <= left && m.offer != m.need) {
            taken[m.offer] += m.quantity;
            taken[m.need] += m.quantity;
        }
    }

    /// @dev A price within `ask` and `max` (one in eight a unit outside).
    function _genPrice(uint96 ask, uint96 max, uint256 seed) internal pure returns (uint96 price) {
        price = ask;
        if (max > ask) price = ask + uint96(((seed >> 8) % (max - ask + 1)));
        if ((seed >> 40) % 8 == 0) price = (seed >> 44) % 2 == 0 && ask > 0 ? ask - 1 : max + 1;
    }

    function _left(IClusterExchange.IntentRef memory r, uint96 taken) internal view returns (uint96) {
        uint256 used = uint256(_gIntents[r.id].matched) + taken;
        return r.terms.quantity > used ? uint96(r.terms.quantity - used) : 0;
    }

    /// @dev The batch's refusal as the interface orders its checks, and the intents' matched parts after it.
    function _predictBatch(
        IClusterExchange.IntentRef[] memory refs,
        IClusterExchange.Match[] memory ms
    ) internal view returns (bytes memory, uint96[] memory run) {
        run = new uint96[](refs.length);
        if (ms.length == 0) return (_err(IClusterExchange.EmptyBatch.selector), run);
        uint64 previous;
        for (uint256 i = 0; i < refs.length; ++i) {
            uint64 id = refs[i].id;
            if (id <= previous) return (abi.encodeWithSelector(IClusterExchange.IntentsNotSorted.selector, i, id), run);
            previous = id;
            GIntent storage g = _gIntents[id];
            if (!g.active) return (abi.encodeWithSelector(IClusterExchange.IntentNotActive.selector, id), run);
            if (_hash(refs[i].terms) != _hash(g.terms)) {
                return (abi.encodeWithSelector(IClusterExchange.IntentTermsMismatch.selector, id), run);
            }
            run[i] = g.matched;
        }
        // then the owners' standing, in the intents' order (one call to the network for the whole batch)
        for (uint256 i = 0; i < refs.length; ++i) {
            address owner = _gIntents[refs[i].id].terms.owner;
            if (gStatus[_actorOf[owner] - 1] != ICreditNetwork.MemberStatus.Active) {
                return (abi.encodeWithSelector(IClusterExchange.NotActiveMember.selector, owner), run);
            }
            if (!_approvedNow(_actorOf[owner] - 1)) {
                return (abi.encodeWithSelector(IClusterExchange.ExchangeNotApproved.selector, owner), run);
            }
        }
        for (uint256 k = 0; k < ms.length; ++k) {
            IClusterExchange.Match memory m = ms[k];
            if (m.offer >= refs.length) {
                return (abi.encodeWithSelector(IClusterExchange.IntentIndexOutOfRange.selector, m.offer), run);
            }
            if (m.need >= refs.length) {
                return (abi.encodeWithSelector(IClusterExchange.IntentIndexOutOfRange.selector, m.need), run);
            }
            IClusterExchange.IntentRef memory o = refs[m.offer];
            IClusterExchange.IntentRef memory n = refs[m.need];
            bytes memory refusal = _matchRefusal(o.id, o.terms, n.id, n.terms, m.price, block.timestamp);
            if (refusal.length != 0) return (refusal, run);
            if (m.quantity == 0) return (_err(IClusterExchange.ZeroQuantity.selector), run);
            refusal = _take(run, m.offer, o.id, o.terms.quantity, m.quantity);
            if (refusal.length == 0) refusal = _take(run, m.need, n.id, n.terms.quantity, m.quantity);
            if (refusal.length != 0) return (refusal, run);
        }
        return ("", run);
    }

    function _take(
        uint96[] memory run,
        uint256 i,
        uint64 id,
        uint96 quantity,
        uint96 q
    ) internal pure returns (bytes memory) {
        uint96 remaining = quantity - run[i];
        if (q > remaining) {
            return abi.encodeWithSelector(IClusterExchange.QuantityExceedsRemaining.selector, id, q, remaining);
        }
        run[i] += q;
        return "";
    }

    /// @dev A new ghost order for match `m`, with the terms both intents had and the time (CX-4).
    function _recordOrder(IClusterExchange.IntentRef[] memory refs, IClusterExchange.Match memory m) internal {
        IClusterExchange.IntentTerms memory o = refs[m.offer].terms;
        IClusterExchange.IntentTerms memory n = refs[m.need].terms;
        GOrder storage g = _gOrders[++gOrderCount];
        g.rec = IClusterExchange.Order({
            offerId: refs[m.offer].id,
            needId: refs[m.need].id,
            producer: o.owner,
            buyer: n.owner,
            designId: o.designId,
            quantity: m.quantity,
            price: m.price,
            matchedAt: uint40(block.timestamp),
            dueBy: n.end,
            promisedAt: 0,
            shippedAt: 0,
            state: IClusterExchange.OrderState.Matched
        });
        g.offer = o;
        g.need = n;
        g.ownersActive =
            gStatus[_actorOf[o.owner] - 1] == ICreditNetwork.MemberStatus.Active &&
            gStatus[_actorOf[n.owner] - 1] == ICreditNetwork.MemberStatus.Active;
        g.ownersApproved = _approvedNow(_actorOf[o.owner] - 1) && _approvedNow(_actorOf[n.owner] - 1);
    }

    /// @dev An order id: seven times in eight one in state `wanted` (from a random start), else any id up to one
    /// beyond the last.
    function _pickOrder(uint256 seed, IClusterExchange.OrderState wanted) internal view returns (uint64) {
        uint64 count = gOrderCount;
        if (seed % 8 != 0 && count != 0) {
            uint64 start = uint64((seed >> 16) % count);
            for (uint64 k = 0; k < count; ++k) {
                uint64 id = 1 + ((start + k) % count);
                if (_gOrders[id].rec.state == wanted) return id;
            }
        }
        return uint64(1 + ((seed >> 16) % (count + 1)));
    }

    /// @dev A matched order still within its acceptance window, if any (from a random start), else `otherwise`.
    function _pickAcceptable(uint256 seed, uint64 otherwise) internal view returns (uint64) {
        uint64 count = gOrderCount;
        for (uint64 k = 0; k < count; ++k) {
            uint64 id = 1 + ((uint64(seed >> 16) + k) % count);
            IClusterExchange.Order storage r = _gOrders[id].rec;
            if (r.state == IClusterExchange.OrderState.Matched && block.timestamp <= r.matchedAt + ACCEPT_WINDOW) {
                return id;
            }
        }
        return otherwise;
    }

    /// @dev A shipped order whose confirmation window has passed, if any (from a random start), else as {_pickOrder}.
    function _pickUnconfirmed(uint256 seed) internal view returns (uint64) {
        uint64 count = gOrderCount;
        for (uint64 k = 0; k < count && seed % 4 != 0; ++k) {
            uint64 id = 1 + ((uint64(seed >> 16) + k) % count);
            IClusterExchange.Order storage r = _gOrders[id].rec;
            if (r.state == IClusterExchange.OrderState.Shipped && block.timestamp > r.shippedAt + CONFIRM_WINDOW) {
                return id;
            }
        }
        return _pickOrder(seed, IClusterExchange.OrderState.Shipped);
    }

    /// @dev The record passed for order `id`: its current one, or one in 32 a forged one (another price), or one in 32
    /// the one before its last step (a replay).
    function _pickRecord(uint64 id, uint256 seed) internal view returns (IClusterExchange.Order memory rec) {
        GOrder storage g = _gOrders[id];
        rec = g.rec;
        if (seed % 32 == 0) rec.price += 1;
        else if (seed % 32 == 1 && g.prev.state != IClusterExchange.OrderState.None) rec = g.prev;
    }

    /// @dev `party` seven times in eight, else a random actor.
    function _pickCaller(uint256 seed, address party) internal view returns (address) {
        return seed % 8 != 0 && party != address(0) ? party : actors[(seed >> 8) % N];
    }

    /// @dev For a step of order `id` that its buyer (`buyer`) or producer takes in `state`: the record passed
    /// ({_pickRecord}), the caller (that party, else another actor) and the refusal of the record, state and caller.
    function _party(
        uint64 id,
        uint256 callerSeed,
        uint256 recordSeed,
        bool buyer,
        IClusterExchange.OrderState state
    ) internal view returns (IClusterExchange.Order memory rec, address caller, bytes memory expected) {
        rec = _pickRecord(id, recordSeed);
        IClusterExchange.Order storage current = _gOrders[id].rec;
        caller = _pickCaller(callerSeed, buyer ? current.buyer : current.producer);
        expected = _recordRefusal(id, rec, state);
        if (expected.length == 0 && caller != (buyer ? rec.buyer : rec.producer)) expected = _notAllowed(id, caller);
    }

    function _notAllowed(uint64 id, address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IClusterExchange.NotAllowed.selector, id, caller);
    }

    /// @dev The credit network's refusal of the obligation a delivery of `rec` records, agreed when it was matched.
    function _deliveryRefusal(IClusterExchange.Order memory rec) internal view returns (bytes memory refusal) {
        refusal = _creditRefusal(rec.buyer, rec.producer, rec.matchedAt);
    }

    function _step(
        uint64 id,
        address caller,
        bytes memory data,
        bytes memory expected,
        string memory what
    ) internal returns (bool done) {
        (done, ) = _call(id, caller, data, expected, what);
    }

    /// @dev Sends a step of order `id` from `caller` and checks its outcome; a step accepted on a final order is CX-2's.
    function _call(
        uint64 id,
        address caller,
        bytes memory data,
        bytes memory expected,
        string memory what
    ) internal returns (bool done, bytes memory ret) {
        IClusterExchange.OrderState before = _gOrders[id].rec.state;
        vm.prank(caller);
        bool ok;
        (ok, ret) = address(exchange).call(data);
        if (!ok && ret.length >= 4) {
            bytes4 sel = bytes4(ret);
            if (sel == IClusterExchange.OrderRecordMismatch.selector) ++nRecordRefused;
            if (sel == IClusterExchange.TooEarly.selector) ++nTooEarly;
            if (
                sel == ICreditNetwork.OperatorNotApproved.selector || sel == ICreditNetwork.MemberIsSuspended.selector
            ) {
                ++nDeliveryBlocked;
            }
        }
        done = _outcome(ok, ret, expected, what);
        if (ok && (before == IClusterExchange.OrderState.Delivered || before == IClusterExchange.OrderState.Cancelled))
            ++finalMoved;
    }

    function _moveTo(uint64 id, IClusterExchange.OrderState state) internal {
        GOrder storage g = _gOrders[id];
        g.prev = g.rec;
        g.prev.state = g.rec.state;
        g.rec.state = state;
    }

    /// @dev Books the delivery of `quantity` of order `id`, whose call returned `ret` (the obligation's id).
    function _delivered(uint64 id, uint96 quantity, bytes memory ret) internal {
        uint256 obligationId = abi.decode(ret, (uint256));
        if (obligationId != ++gObligations) _violation("delivery: unexpected obligation id");
        GOrder storage g = _gOrders[id];
        if (!_approvedNow(_actorOf[g.rec.buyer] - 1) || !_approvedNow(_actorOf[g.rec.producer] - 1)) {
            ++nSettledAfterWithdrawal;
        }
        // CX-5: a delivery naming design 1 by a licensed producer approving the exchange, before the expiry, counts
        // its quantity on the producer's licence; any other delivery naming a design is skipped (and still settled)
        uint256 producer = _actorOf[g.rec.producer] - 1;
        if (g.rec.designId == 1 && producer < LICENSED - 1 && block.timestamp < licenceExpiry) {
            gLicenceUnits[licenceOfActor[producer]] += quantity;
            ++nLicenceReports;
        } else if (g.rec.designId != 0) {
            ++nLicenceSkips;
        }
        g.prev = g.rec;
        g.rec.state = IClusterExchange.OrderState.Delivered;
        g.delivered = quantity;
        g.obligationId = obligationId;
        ++g.deliveries;
        gOrderOfObligation[obligationId] = id;
    }
}

/// @notice The invariants CX-1..CX-5 of docs/invariants.md over the handler's random sequences.
contract ClusterExchangeInvariantTest is Test {
    ClusterExchangeHandler internal handler;
    ClusterExchange internal exchange;
    CreditNetwork internal credit;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        handler = new ClusterExchangeHandler();
        exchange = handler.exchange();
        credit = handler.credit();
        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: handler.actionSelectors()}));
    }

    /// @notice Every call succeeded or failed exactly as the ghost model predicted (exact revert data).
    function invariant_noViolations() public view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice CX-1: every intent's matched part (on chain = the model's) never exceeds its quantity, and equals the
    /// quantities of its orders not cancelled before shipping; its stored hash is its current terms' (0 withdrawn).
    function invariant_CX1_matchedWithinQuantity() public view {
        assertEq(exchange.intentCount(), handler.gIntentCount(), "intent count");
        for (uint64 id = 1; id <= handler.gIntentCount(); ++id) {
            ClusterExchangeHandler.GIntent memory g = handler.intentGhost(id);
            (bytes20 hash, uint96 matched) = exchange.intent(id);
            assertEq(matched, g.matched, "matched != the model's");
            assertLe(matched, g.terms.quantity, "matched above the intent's quantity");
            assertEq(matched, handler.matchedByOrders(id), "matched != the sum of its orders");
            assertEq(hash, g.active ? bytes20(keccak256(abi.encode(g.terms))) : bytes20(0), "terms hash");
        }
    }

    /// @notice CX-2: every order's stored record is the model's; a delivered order was delivered exactly once, every
    /// other never; nothing moved an order in a final state.
    function invariant_CX2_settlesOnce() public view {
        assertEq(exchange.orderCount(), handler.gOrderCount(), "order count");
        assertEq(handler.finalMoved(), 0, "a final order moved");
        for (uint64 id = 1; id <= handler.gOrderCount(); ++id) {
            ClusterExchangeHandler.GOrder memory g = handler.orderGhost(id);
            assertEq(exchange.orderHash(id), keccak256(abi.encode(g.rec)), "order record != the model's");
            bool delivered = g.rec.state == IClusterExchange.OrderState.Delivered;
            assertEq(g.deliveries, delivered ? 1 : 0, "deliveries of an order");
        }
    }

    /// @notice CX-3: the credit network's obligations are exactly the deliveries, one each: for a delivered order, an
    /// obligation of delivered × price from its buyer to its producer, recorded Open.
    function invariant_CX3_oneObligationPerDelivery() public view {
        assertEq(credit.obligationCount(), handler.gObligations(), "obligations != deliveries");
        uint256 deliveredOrders;
        for (uint64 id = 1; id <= handler.gOrderCount(); ++id) {
            ClusterExchangeHandler.GOrder memory g = handler.orderGhost(id);
            if (g.rec.state != IClusterExchange.OrderState.Delivered) continue;
            ++deliveredOrders;
            assertEq(handler.gOrderOfObligation(g.obligationId), id, "an obligation of two orders");
            ICreditNetwork.Obligation memory ob = credit.obligation(g.obligationId);
            assertEq(ob.debtor, g.rec.buyer, "debtor");
            assertEq(ob.creditor, g.rec.producer, "creditor");
            assertEq(ob.amount, uint256(g.delivered) * g.rec.price, "amount");
            assertLe(g.delivered, g.rec.quantity, "delivered above the order");
            assertEq(uint8(ob.status), uint8(ICreditNetwork.ObligationStatus.Open), "status");
        }
        assertEq(deliveredOrders, handler.gObligations(), "delivered orders != obligations");
    }

    /// @notice CX-3 (and CN-8): an order shipped (or disputed) between two parties who are still active members can
    /// settle, whatever either did to its approval of the exchange after the match: both approvals on the network cover
    /// the match's time, so the delivery's obligation is recorded. The network's approvals are the model's.
    function invariant_CX3_shippedOrdersCanSettle() public view {
        for (uint256 i = 0; i < handler.N(); ++i) {
            (uint40 since, uint40 until) = credit.obligationOperatorApproval(handler.actors(i), address(exchange));
            assertEq(since, handler.gSince(i), "approval since != the model's");
            assertEq(until, handler.gUntil(i), "approval until != the model's");
        }
        for (uint64 id = 1; id <= handler.gOrderCount(); ++id) {
            IClusterExchange.Order memory rec = handler.orderGhost(id).rec;
            if (rec.state != IClusterExchange.OrderState.Shipped && rec.state != IClusterExchange.OrderState.Disputed) {
                continue;
            }
            if (!_active(rec.buyer) || !_active(rec.producer)) continue;
            assertTrue(_covers(rec.buyer, rec.matchedAt), "a shipped order its buyer's approval no longer covers");
            assertTrue(
                _covers(rec.producer, rec.matchedAt),
                "a shipped order its producer's approval no longer covers"
            );
        }
    }

    function _active(address account) internal view returns (bool) {
        return credit.member(account).status == ICreditNetwork.MemberStatus.Active;
    }

    /// @dev Whether `account`'s approval of the exchange on the network covers an agreement made at `at` (CN-8).
    function _covers(address account, uint40 at) internal view returns (bool) {
        return credit.obligationOperatorApprovedAt(account, address(exchange), at);
    }

    /// @notice CX-5: each licence on design 1 counts exactly the quantities of the deliveries the model reported to it
    /// (once each), and owes their fee; skipped deliveries (no licence, no approval, expired) count nothing, and every
    /// delivery was still settled (no delivery refused otherwise than the model predicted: invariant_noViolations).
    function invariant_CX5_deliveriesReportedOnce() public view {
        IDesignCommons designs = exchange.DESIGNS();
        for (uint256 i = 0; i < 3; ++i) {
            uint256 licenceId = handler.licenceOfActor(i);
            uint256 units = handler.gLicenceUnits(licenceId);
            assertEq(designs.licence(licenceId).unitsReported, units, "a licence's units != the deliveries reported");
            assertEq(designs.feesOwed(licenceId), units * 7, "a licence's fees owed != its units x the fee");
        }
    }

    /// @notice CX-4: every order's match satisfied both intents' terms when it was made (both owners active members
    /// approving the exchange then), by the model's own check.
    function invariant_CX4_matchesWithinTerms() public view {
        for (uint64 id = 1; id <= handler.gOrderCount(); ++id) {
            assertEq(handler.matchRefusalOf(id), "", "an order outside its intents' terms");
        }
    }

    /// @notice The handler reached every path: posts and refusals, updates and withdrawals, single and multi-match
    /// batches, refused batches (too far, too much), every order step, cancellations by both parties and into withdrawn
    /// intents, disputes resolved both ways, deliveries the credit network refused, batches refused for a withdrawn
    /// approval, deliveries settled after one, forged or replayed records.
    function test_handlerExercisesEveryPath() public {
        for (uint256 i = 0; i < 2_000; ++i) {
            uint256[5] memory a;
            for (uint256 k = 0; k < 5; ++k) a[k] = uint256(keccak256(abi.encode("paths-1", i, k)));
            // weights out of 32: post 4, update 1, withdraw 2, match 5, accept 3, produce 1, ship 3, confirm 1,
            // settle 2, cancel 2, dispute 1, resolve 2, approval 1, standing 1, warp 3
            uint256 action = i < 24 ? 0 : a[0] % 32;
            if (action < 4) handler.postIntent(a[1], a[2]);
            else if (action == 4) handler.updateIntent(a[1], a[2], a[3], a[4]);
            else if (action < 7) handler.withdrawIntent(a[1], a[2], a[3]);
            else if (action < 12) handler.submitMatches(a[1], a[2], a[3]);
            else if (action < 15) handler.acceptOrder(a[1], a[2], a[3], a[4]);
            else if (action == 15) handler.startProduction(a[1], a[2], a[3]);
            else if (action < 19) handler.shipOrder(a[1], a[2], a[3]);
            else if (action == 19) handler.confirmDelivery(a[1], a[2], a[3]);
            else if (action < 22) handler.settleUnconfirmed(a[1], a[2], a[3]);
            else if (action < 24) handler.cancelOrder(a[1], a[2], a[3]);
            else if (action == 24) handler.disputeOrder(a[1], a[2], a[3]);
            else if (action < 27) handler.resolveDispute(a[1], a[2], a[3], a[4]);
            else if (action == 27) handler.setApproval(a[2], a[3] % 4 != 0);
            else if (action == 28) handler.setStanding(a[2]);
            else handler.warp(a[1]);
        }
        invariant_noViolations();
        invariant_CX1_matchedWithinQuantity();
        invariant_CX2_settlesOnce();
        invariant_CX3_oneObligationPerDelivery();
        invariant_CX3_shippedOrdersCanSettle();
        invariant_CX4_matchesWithinTerms();
        invariant_CX5_deliveriesReportedOnce();
        assertGt(handler.nLicenceReports(), 0, "no delivery reported to a licence");
        assertGt(handler.nLicenceSkips(), 0, "no delivery's report skipped");
        assertGt(handler.nPosted(), 0, "no intent");
        assertGt(handler.nPostRefused(), 0, "no refused intent");
        assertGt(handler.nUpdated(), 0, "no update");
        assertGt(handler.nWithdrawn(), 0, "no withdrawal");
        assertGt(handler.nBatches(), 0, "no batch");
        assertGt(handler.nMultiMatchBatches(), 0, "no batch of several matches");
        assertGt(handler.nBatchRefused(), 0, "no refused batch");
        assertGt(handler.nTooFar(), 0, "no match too far");
        assertGt(handler.nQuantityRefused(), 0, "no match beyond the remaining quantity");
        assertGt(handler.nAccepted(), 0, "no acceptance");
        assertGt(handler.nProduced(), 0, "no production");
        assertGt(handler.nShipped(), 0, "no shipping");
        assertGt(handler.nConfirmed(), 0, "no confirmed delivery");
        assertGt(handler.nSettled(), 0, "no settlement after the window");
        assertGt(handler.nCancelledByProducer(), 0, "no cancellation by the producer");
        assertGt(handler.nCancelledByBuyer(), 0, "no cancellation by the buyer");
        assertGt(handler.nCancelledIntoWithdrawn(), 0, "no quantity returned to a withdrawn intent");
        assertGt(handler.nDisputed(), 0, "no dispute");
        assertGt(handler.nResolvedPartly(), 0, "no dispute resolved to a delivery");
        assertGt(handler.nResolvedCancelled(), 0, "no dispute resolved to a cancellation");
        assertGt(handler.nDeliveryBlocked(), 0, "no delivery refused by the credit network");
        assertGt(handler.nRecordRefused(), 0, "no forged or replayed record");
        assertGt(handler.nTooEarly(), 0, "no step too early");
        assertGt(handler.nApprovalsWithdrawn(), 0, "no approval withdrawn");
        assertGt(handler.nMatchUnapproved(), 0, "no batch refused for an owner who withdrew its approval");
        assertGt(handler.nSettledAfterWithdrawal(), 0, "no delivery settled after a party withdrew its approval");
        assertGt(handler.nSuspensions(), 0, "no suspension");
    }
}
