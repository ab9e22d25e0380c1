// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {CreditNetwork} from "../../contracts/credit/CreditNetwork.sol";
import {ICreditNetwork} from "../../contracts/credit/ICreditNetwork.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {CreditNetworkModel} from "./CreditNetworkModel.sol";

/// @notice Invariant-test handler of CreditNetwork (ghost accounting with a reference model).
/// @dev Six fixed EOA members (indices 0..5) with known keys; the handler deploys the network and is its admin and
/// steward. Every action is bounded and predicts its outcome from the ghost state, down to the exact revert data
/// (limit, hop and amount needed; vertex and imbalance; nonce; ...): a call that must succeed but reverts, must
/// revert but succeeds, or reverts with other data is recorded in `violations` (a revert inside a handler would be
/// swallowed by the fuzzer, so nothing here reverts on purpose). The ghost keeps its own copy of every balance,
/// limit, pending offer, obligation, net position, total and nonce, and the debt each line carried when its giver
/// last cut it below that debt (CN-2). Clearing batches are built by the handler from its own ghost obligations:
/// one or two random cycles (possibly sharing obligations) or a chain moved onto a credit line; invalid batches of
/// every kind are built too and must be refused with the exact error. Around every payment and batch the handler
/// compares the members' positions read from the network before and after (CN-3). The ghost state, the revert
/// predictors and the batch planning are in {CreditNetworkModel}.
/// Defined in this test file on purpose: Hardhat writes artifacts only for root source files, and the invariant
/// fuzzer needs the handler's artifact ("address does not have an associated contract" otherwise).
contract CreditNetworkHandler is CreditNetworkModel {
    CreditNetwork public immutable network;
    bytes32 internal immutable _domainSeparator;
    uint256[N] internal _pks;

    constructor() {
        address[] memory stewards = new address[](1);
        stewards[0] = address(this);
        CreditNetwork deployed = new CreditNetwork("Invariant Credit", "INV", 6, address(this), stewards);
        network = deployed;
        _domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Cosmolocal Credit"),
                keccak256("1"),
                block.chainid,
                address(deployed)
            )
        );
        for (uint256 i = 0; i < N; ++i) {
            _pks[i] = (uint256(keccak256(abi.encode("cosmolocal credit actor", i))) % (2 ** 255)) + 1;
            actors[i] = vm.addr(_pks[i]);
            vm.label(actors[i], string.concat("member", vm.toString(i)));
            deployed.admitMember(actors[i]);
            bool liquidity = i % 2 == 0;
            vm.prank(actors[i]);
            deployed.setClearingConsent(true, liquidity);
            ghostClearing[i] = true;
            ghostLiquidity[i] = liquidity;
        }
    }

    // ============================================================================================= actions

    /// @notice The giver offers a limit: a raise waits for acceptance, a limit at or below the current one applies
    /// at once (even below the receiver's debt).
    function offer(uint256 giverSeed, uint256 receiverSeed, uint256 limitSeed) public {
        (uint256 g, uint256 r) = _pair(giverSeed, receiverSeed);
        _offerAs(g, r, bound(limitSeed, 0, MAX_AMOUNT));
    }

    /// @notice The giver cuts a line to `percent` of its limit (often below the receiver's debt).
    function lower(uint256 giverSeed, uint256 receiverSeed, uint256 percent) public {
        (uint256 g, uint256 r) = _pair(giverSeed, receiverSeed);
        _offerAs(g, r, (_limit[g][r] * (percent % 101)) / 100);
    }

    /// @notice The receiver accepts the pending offer (one call in four with a wrong limit, which must fail).
    function accept(uint256 giverSeed, uint256 receiverSeed, uint256 mode) public {
        (uint256 g, uint256 r) = _pair(giverSeed, receiverSeed);
        uint256 offered = _offer[g][r];
        uint256 accepted = mode % 4 == 0 ? offered + 1 : offered;
        bytes memory err = _acceptLineError(g, r, accepted);
        vm.prank(actors[r]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.acceptCreditLine, (actors[g], accepted))
        );
        if (_outcome(ok, ret, err, "acceptCreditLine")) {
            _offer[g][r] = 0;
            _limit[g][r] = accepted;
            ++nRaises;
        }
    }

    /// @notice A direct payment, predicted by the model (limit, suspension, self-dealing). One call in four pays
    /// exactly the room the line leaves, or one unit more (the boundary of CN-2).
    function pay(uint256 fromSeed, uint256 toSeed, uint256 amountSeed) public {
        uint256 from = fromSeed % N;
        uint256 to = toSeed % N;
        uint256 amount = bound(amountSeed, 1, MAX_AMOUNT);
        int256 room = _claim[from][to] + int256(_limit[to][from]);
        if (amountSeed % 4 == 0 && room > 0) amount = uint256(room) + ((amountSeed >> 2) % 2);
        int256[N][N] memory c = _claim;
        bytes memory err = _modelHop(c, 0, from, to, amount, ghostSuspended[from] || ghostSuspended[to]);
        vm.prank(actors[from]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.pay, (actors[to], amount, bytes32(amountSeed)))
        );
        if (_outcome(ok, ret, err, "pay")) {
            _claim = c;
            ++nPayments;
        } else if (err.length != 0) {
            ++nRefusedPayments;
        }
    }

    /// @notice A payment along a random path of 1..3 hops; intermediaries' positions must not change (CN-3).
    function payAlong(uint256 fromSeed, uint256 pathSeed, uint256 amountSeed) public {
        uint256 from = fromSeed % N;
        uint256 hops = 1 + (pathSeed % 3);
        uint256[] memory path = new uint256[](hops);
        address[] memory addrs = new address[](hops);
        for (uint256 i = 0; i < hops; ++i) {
            path[i] = (pathSeed >> (8 * (i + 1))) % N;
            addrs[i] = actors[path[i]];
        }
        uint256 amount = bound(amountSeed, 1, MAX_AMOUNT);
        int256[N][N] memory c = _claim;
        bytes memory err = _modelPath(c, from, path, amount);
        int256[N] memory before = _creditPositions();
        vm.prank(actors[from]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.payAlong, (addrs, amount, bytes32(amountSeed)))
        );
        if (!_outcome(ok, ret, err, "payAlong")) {
            if (err.length != 0) ++nRefusedPayments;
            return;
        }
        _claim = c;
        ++nPathPayments;
        int256[N] memory afterwards = _creditPositions();
        for (uint256 v = 0; v < N; ++v) {
            if (v == from || v == path[hops - 1]) continue;
            ++nPositionChecks;
            if (afterwards[v] != before[v]) _violation("CN-3: a path payment changed an intermediary's position");
        }
    }

    /// @notice One party records an obligation (Proposed until the other accepts).
    function record(uint256 debtorSeed, uint256 creditorSeed, uint256 amountSeed, bool byDebtor) public {
        if (_obligations.length >= MAX_OBLIGATIONS) return;
        (uint256 d, uint256 c) = _pair(debtorSeed, creditorSeed);
        uint256 amount = bound(amountSeed, 1, MAX_AMOUNT);
        uint256 proposer = byDebtor ? d : c;
        bytes memory err = _recordError(d, c);
        vm.prank(actors[proposer]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.recordObligation, (actors[d], actors[c], amount, 0, bytes32(amountSeed)))
        );
        if (!_outcome(ok, ret, err, "recordObligation")) return;
        if (abi.decode(ret, (uint256)) != _obligations.length + 1) _violation("unexpected obligation id");
        _obligations.push(
            GhostObligation(
                uint8(d),
                uint8(c),
                uint8(proposer),
                0,
                ICreditNetwork.ObligationStatus.Proposed,
                amount,
                amount
            )
        );
        ++nRecorded;
    }

    /// @notice One party signs terms (EIP-712), the other records them. mode 0: valid (then the replay must fail);
    /// 1: deadline passed; 2: signed by someone else; 3: nonce skipping ahead; 4: nonce keyed to the signer itself
    /// instead of the recording party (finding 9).
    function recordSigned(
        uint256 debtorSeed,
        uint256 creditorSeed,
        uint256 amountSeed,
        bool debtorSigns,
        uint256 mode
    ) public {
        if (_obligations.length >= MAX_OBLIGATIONS) return;
        (uint256 d, uint256 c) = _pair(debtorSeed, creditorSeed);
        mode = mode % 5;
        if (mode == 1 && block.timestamp < 2) vm.warp(2); // room for a deadline in the past
        uint256 signer = debtorSigns ? d : c;
        uint256 other = debtorSigns ? c : d;
        uint256 key = uint256(uint160(actors[mode == 4 ? signer : other])) << 64;
        ICreditNetwork.ObligationTerms memory t = ICreditNetwork.ObligationTerms({
            debtor: actors[d],
            creditor: actors[c],
            amount: bound(amountSeed, 1, MAX_AMOUNT),
            dueDate: block.timestamp + 30 days,
            ref: bytes32(amountSeed),
            nonce: key | (ghostNonce[signer][other] + (mode == 3 ? 1 : 0)),
            deadline: mode == 1 ? block.timestamp - 1 : block.timestamp + 1 hours
        });
        bytes memory sig = _sign(mode == 2 ? _pks[(signer + 1) % N] : _pks[signer], t);

        bytes memory err = _recordSignedError(d, c, signer, other, key, mode, t);
        address submitter = actors[other];
        vm.prank(submitter);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.recordSignedObligation, (t, sig))
        );
        if (!_outcome(ok, ret, err, "recordSignedObligation")) {
            if (mode != 0) ++nSignedRefused;
            return;
        }
        _obligations.push(
            GhostObligation(
                uint8(d),
                uint8(c),
                uint8(signer),
                0,
                ICreditNetwork.ObligationStatus.Open,
                t.amount,
                t.amount
            )
        );
        _open(d, c, t.amount);
        ++ghostNonce[signer][other];
        ++nSigned;
        // CN-6: the very same signed terms cannot be recorded twice
        vm.prank(submitter);
        (ok, ret) = address(network).call(abi.encodeCall(ICreditNetwork.recordSignedObligation, (t, sig)));
        _outcome(ok, ret, _usedNonceError(signer, other, key), "CN-6: signed terms replayed");
        ++nSignedRefused;
    }

    /// @notice Finding 9: a signer cancels its next nonce towards a counterparty (one call in four a nonce that is not
    /// the next one, which must fail with NonceNotNext).
    function cancelNonce(uint256 signerSeed, uint256 counterpartySeed, uint256 mode) public {
        (uint256 signer, uint256 other) = _pair(signerSeed, counterpartySeed);
        uint256 next = _nextNonce(signer, other);
        uint256 nonce = mode % 4 == 0 ? next + 1 : next;
        bytes memory err = _cancelNonceError(signer, other, nonce);
        vm.prank(actors[signer]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.cancelNonce, (actors[other], nonce))
        );
        if (_outcome(ok, ret, err, "cancelNonce")) {
            ++ghostNonce[signer][other];
            ++nNonceCancelled;
        }
    }

    /// @notice The counterparty accepts the first Proposed obligation from `idSeed` on (one call in four the
    /// proposer tries, which must fail).
    function acceptObligation(uint256 idSeed, uint256 mode) public {
        uint256 id = _findFrom(idSeed, ICreditNetwork.ObligationStatus.Proposed);
        if (id == 0) return;
        GhostObligation storage o = _obligations[id - 1];
        uint256 other = o.proposer == o.debtor ? o.creditor : o.debtor;
        uint256 acceptor = mode % 4 == 0 ? o.proposer : other;
        bytes memory err = _acceptObligationError(id, acceptor);
        vm.prank(actors[acceptor]);
        (bool ok, bytes memory ret) = address(network).call(abi.encodeCall(ICreditNetwork.acceptObligation, (id)));
        if (!_outcome(ok, ret, err, "acceptObligation")) return;
        o.status = ICreditNetwork.ObligationStatus.Open;
        _open(o.debtor, o.creditor, o.amount);
        ++nAccepted;
    }

    /// @notice A party agrees to cancel an obligation: a Proposed one goes at once, an Open one when both agreed;
    /// settled and cancelled ones, and a second request by the same party, must be refused. One call in three
    /// completes a half-agreed cancellation.
    function cancel(uint256 idSeed, uint256 partySeed) public {
        uint256 n = _obligations.length;
        if (n == 0) return;
        uint256 id = (idSeed % n) + 1;
        if (partySeed % 3 == 0) {
            for (uint256 j = 0; j < n; ++j) {
                uint256 k = ((idSeed + j) % n) + 1;
                GhostObligation storage h = _obligations[k - 1];
                if (h.status == ICreditNetwork.ObligationStatus.Open && h.cancelBits != 0) {
                    id = k;
                    partySeed = h.cancelBits == 1 ? 1 : 0; // the other party
                    break;
                }
            }
        }
        GhostObligation storage o = _obligations[id - 1];
        uint256 party = partySeed % 2 == 0 ? o.debtor : o.creditor;
        uint8 bit = party == o.debtor ? 1 : 2;
        bytes memory err = _cancelError(id, party, bit);
        vm.prank(actors[party]);
        (bool ok, bytes memory ret) = address(network).call(abi.encodeCall(ICreditNetwork.cancelObligation, (id)));
        if (!_outcome(ok, ret, err, "cancelObligation")) return;
        if (o.status == ICreditNetwork.ObligationStatus.Proposed) {
            o.status = ICreditNetwork.ObligationStatus.Cancelled;
            ++nCancelled;
            return;
        }
        o.cancelBits |= bit;
        ++nCancelRequests;
        if (o.cancelBits == 3) {
            o.status = ICreditNetwork.ObligationStatus.Cancelled;
            _close(o.debtor, o.creditor, o.remaining);
            ghostCancelled += o.remaining;
            ++nCancelled;
        }
    }

    /// @notice The debtor pays part of the first Open obligation from `idSeed` on, directly to its creditor.
    function payObligation(uint256 idSeed, uint256 amountSeed) public {
        uint256 id = _findFrom(idSeed, ICreditNetwork.ObligationStatus.Open);
        if (id == 0) return;
        GhostObligation storage o = _obligations[id - 1];
        uint256 amount = bound(amountSeed, 1, o.remaining);
        int256[N][N] memory c = _claim;
        bool settleOnly = ghostSuspended[o.debtor] || ghostSuspended[o.creditor];
        bytes memory err = _modelHop(c, 0, o.debtor, o.creditor, amount, settleOnly);
        address[] memory path = new address[](1);
        path[0] = actors[o.creditor];
        vm.prank(actors[o.debtor]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.payObligation, (id, amount, path))
        );
        if (!_outcome(ok, ret, err, "payObligation")) return;
        _claim = c;
        o.remaining -= amount;
        if (o.remaining == 0) o.status = ICreditNetwork.ObligationStatus.Settled;
        _close(o.debtor, o.creditor, amount);
        ghostPaid += amount;
        ++nObligationPayments;
    }

    /// @notice Clears one or two random cycles found in the ghost obligations (possibly sharing obligations), by
    /// random amounts up to what is left; refused exactly when a touched member did not consent to clearing.
    function clearCycles(uint256 seed, uint256 amountSeed, bool twoCycles) public {
        uint256 n = _obligations.length;
        uint256[] memory planned = new uint256[](n + 1);
        if (!_planCycle(planned, seed, amountSeed)) return;
        bool second = twoCycles && _planCycle(planned, seed >> 16, amountSeed >> 128);
        ICreditNetwork.SetOff[] memory setOffs = _collect(planned);
        bytes memory err = _consentErr(setOffs);
        if (_clear(seed, setOffs, new ICreditNetwork.CreditMove[](0), err) && second) ++nTwoCycleClearings;
    }

    /// @notice Moves a chain A owes B, B owes C onto the credit line C gives A: set-offs on both obligations and a
    /// credit move A -> C, refused exactly when consent, liquidity, the line or a suspension forbids it.
    function clearWithMove(uint256 seed, uint256 amountSeed) public {
        (bool found, ICreditNetwork.SetOff[] memory setOffs, Move memory m) = _planMove(seed, amountSeed);
        if (!found) return;
        ICreditNetwork.CreditMove[] memory moves = new ICreditNetwork.CreditMove[](1);
        moves[0] = ICreditNetwork.CreditMove(actors[m.payer], actors[m.payee], m.amount);
        int256[N][N] memory cl = _claim;
        bytes memory err = _clearWithMoveError(cl, setOffs, m);
        if (!_clear(seed, setOffs, moves, err)) return;
        _claim = cl; // the set-offs (applied by _clear) moved the payer's net position up, the payee's down
        ghostMoved += m.amount;
        ++nClearingsWithMoves;
    }

    /// @notice An invalid batch of each kind must be refused with its exact error. mode: 0 empty, 1 repeated
    /// edge, 2 unsorted edges, 3 set-off above remaining, 4 unbalanced, 5 unknown id, 6 zero set-off, 7 obligation
    /// not Open, 8 move to a payee without liquidity, 9 unsorted move, 10 member without clearing consent.
    function clearInvalid(uint256 seed, uint256 mode) public {
        (bool found, ICreditNetwork.SetOff[] memory s, ICreditNetwork.CreditMove[] memory moves, bytes memory err) = (
            _clearInvalidError(seed, mode)
        );
        if (!found) return;
        vm.prank(actors[seed % N]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.clear, (bytes32(seed), s, moves))
        );
        _outcome(ok, ret, err, "invalid clearing batch");
        if (!ok) ++nInvalidBatches;
    }

    /// @notice Clears one random cycle split into parts, one set-off each (the steward's clearPart): part j sets off
    /// the cycle's arc j and the bridge part j - 1 left, and leaves the bridge "the cycle's first member owes the
    /// head of arc j" (none after the last arc). Each part conserves every position (CN-3, CN-9); the bridge the
    /// contract keeps for the solution is the ghost's. A part refused for a member's consent or suspension, predicted
    /// exactly, ends the split there: the bridge left open stays an ordinary open obligation that later actions pay,
    /// cancel or clear.
    function clearSplit(uint256 seed, uint256 amountSeed) public {
        uint256[N][N] memory edge = _edges(new uint256[](_obligations.length + 1));
        uint256[N] memory path;
        path[0] = seed % N;
        (bool found, uint256 len) = _dfs(edge, path, 1, 1 << path[0], (seed >> 8) % N);
        if (!found || _obligations.length + len > MAX_OBLIGATIONS) return;
        uint256 most = type(uint256).max;
        for (uint256 i = 0; i < len; ++i) {
            most = Math.min(most, _obligations[edge[path[i]][path[(i + 1) % len]] - 1].remaining);
        }
        uint256 amount = bound(amountSeed, 1, most);
        bytes32 solution = keccak256(abi.encode("split", seed, nSplitParts));
        uint256 bridge; // the ghost's open bridge of the solution (an obligation id)
        for (uint256 j = 0; j < len; ++j) {
            uint256 head = path[(j + 1) % len];
            ICreditNetwork.Bridge memory b;
            if (j + 1 < len) b = ICreditNetwork.Bridge(actors[path[0]], actors[head], amount);
            bytes memory err = _splitPartError(path[0], path[j], head, j + 1 < len);
            uint256 id = edge[path[j]][head];
            (bool ok, uint256 left) = _clearPart(solution, id, amount, bridge, b, err);
            if (!ok) return;
            if (left != network.openBridge(solution)) _violation("CN-9: open bridge != ghost");
            bridge = left;
        }
        if (network.openBridge(solution) != 0) _violation("CN-9: a bridge left after the last part");
        ++nSplitClearings;
    }

    /// @notice A member changes its consents (clearing on four calls in five, liquidity on one in two).
    function setConsent(uint256 actorSeed, uint256 seed) public {
        uint256 a = actorSeed % N;
        bool clearing = seed % 5 != 0;
        bool liquidity = (seed >> 8) % 2 == 0;
        vm.prank(actors[a]);
        network.setClearingConsent(clearing, liquidity);
        ghostClearing[a] = clearing;
        ghostLiquidity[a] = liquidity;
        ++nConsentChanges;
    }

    /// @notice The steward suspends an active member (one call in three) or reinstates a suspended one.
    function setStanding(uint256 actorSeed, uint256 seed) public {
        uint256 a = actorSeed % N;
        if (ghostSuspended[a]) {
            if (seed % 3 == 0) return;
            network.reinstateMember(actors[a]);
            ghostSuspended[a] = false;
            ++nReinstatements;
        } else {
            if (seed % 3 != 0) return;
            network.suspendMember(actors[a]);
            ghostSuspended[a] = true;
            ++nSuspensions;
        }
    }

    /// @notice Selectors of the fuzzed actions (for targetSelector).
    function actionSelectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](18);
        s[0] = this.offer.selector;
        s[1] = this.lower.selector;
        s[2] = this.accept.selector;
        s[3] = this.pay.selector;
        s[4] = this.payAlong.selector;
        s[5] = this.record.selector;
        s[6] = this.recordSigned.selector;
        s[7] = this.acceptObligation.selector;
        s[8] = this.cancel.selector;
        s[9] = this.payObligation.selector;
        s[10] = this.clearCycles.selector;
        s[11] = this.clearWithMove.selector;
        s[12] = this.clearInvalid.selector;
        s[13] = this.setConsent.selector;
        s[14] = this.setStanding.selector;
        s[15] = this.clearCycles.selector; // clearing twice as likely: it needs cycles that other actions build
        s[16] = this.cancelNonce.selector;
        s[17] = this.clearSplit.selector;
    }

    function _offerAs(uint256 g, uint256 r, uint256 newLimit) internal {
        bytes memory err = _offerError(g, r, newLimit);
        vm.prank(actors[g]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.offerCreditLine, (actors[r], newLimit))
        );
        if (!_outcome(ok, ret, err, "offerCreditLine")) return;
        if (newLimit > _limit[g][r]) {
            _offer[g][r] = newLimit;
            ++nOffers;
            return;
        }
        _limit[g][r] = newLimit;
        _offer[g][r] = 0;
        if (_claim[g][r] > int256(newLimit)) {
            _debtAtCut[g][r] = uint256(_claim[g][r]);
            ++nCutsBelowDebt;
        }
    }

    /// @dev Submits a batch predicted to fail with `err` (or succeed if empty); on success applies the set-offs to
    /// the ghost and checks that no member's combined position changed (CN-3).
    function _clear(
        uint256 seed,
        ICreditNetwork.SetOff[] memory setOffs,
        ICreditNetwork.CreditMove[] memory moves,
        bytes memory err
    ) internal returns (bool) {
        int256[N] memory before = _combinedPositions();
        vm.prank(actors[seed % N]);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.clear, (bytes32(seed), setOffs, moves))
        );
        if (!_outcome(ok, ret, err, moves.length == 0 ? "clear (cycles)" : "clear (credit move)")) {
            if (err.length != 0) ++nRefusedClearings;
            return false;
        }
        if (abi.decode(ret, (uint256)) != ghostEpochs + 1) _violation("unexpected epoch");
        ++ghostEpochs;
        ++nClearings;
        for (uint256 i = 0; i < setOffs.length; ++i) _setOffGhost(setOffs[i].obligationId, setOffs[i].amount);
        int256[N] memory afterwards = _combinedPositions();
        for (uint256 v = 0; v < N; ++v) {
            ++nPositionChecks;
            if (afterwards[v] != before[v]) _violation("CN-3: clearing changed a combined position");
            if (moves.length == 0 && network.netPosition(actors[v]) != _net[v]) {
                _violation("CN-3: clearing without moves changed a net position");
            }
        }
        return true;
    }

    /// @dev The revert data of a split part that sets off arc `tail -> head` of a cycle from `first` (and the bridge
    /// from `first` to `tail` the part before left, unless `tail == first`), leaving a bridge `first -> head` when
    /// `bridging`: the first member touched without consent, in the contract's order (the set-off's debtor and
    /// creditor, then the settled bridge's), then a suspended party of the new bridge.
    function _splitPartError(
        uint256 first,
        uint256 tail,
        uint256 head,
        bool bridging
    ) internal view returns (bytes memory) {
        uint256[3] memory touched = [tail, head, first];
        for (uint256 i = 0; i < 3; ++i) {
            if (!ghostClearing[touched[i]]) {
                return abi.encodeWithSelector(ICreditNetwork.ClearingNotConsented.selector, actors[touched[i]]);
            }
        }
        if (bridging) {
            uint256[2] memory parties = [first, head];
            for (uint256 i = 0; i < 2; ++i) {
                if (ghostSuspended[parties[i]]) {
                    return abi.encodeWithSelector(ICreditNetwork.MemberIsSuspended.selector, actors[parties[i]]);
                }
            }
        }
        return "";
    }

    /// @dev Submits one split part (set-off `amount` on obligation `id`, the solution's bridge `settled` set off in
    /// full when not 0, bridge `b` left) predicted to fail with `err` (or succeed if empty); on success applies it to
    /// the ghost, checks that no member's combined or net position moved (CN-3, CN-9) and returns the new bridge's id.
    function _clearPart(
        bytes32 solution,
        uint256 id,
        uint256 amount,
        uint256 settled,
        ICreditNetwork.Bridge memory b,
        bytes memory err
    ) internal returns (bool, uint256) {
        int256[N] memory before = _combinedPositions();
        ICreditNetwork.SetOff[] memory setOffs = new ICreditNetwork.SetOff[](1);
        setOffs[0] = ICreditNetwork.SetOff(id, amount);
        (bool ok, bytes memory ret) = address(network).call(
            abi.encodeCall(ICreditNetwork.clearPart, (solution, setOffs, new ICreditNetwork.CreditMove[](0), b))
        );
        if (!_outcome(ok, ret, err, "clearPart")) {
            if (err.length != 0) ++nRefusedClearings;
            return (false, 0);
        }
        (uint256 epoch, uint256 bridgeId) = abi.decode(ret, (uint256, uint256));
        if (epoch != ghostEpochs + 1) _violation("unexpected epoch");
        ++ghostEpochs;
        ++nSplitParts;
        _setOffGhost(id, amount);
        if (settled != 0) _setOffGhost(settled, _obligations[settled - 1].remaining);
        if (b.amount != 0) {
            if (bridgeId != _obligations.length + 1) _violation("CN-9: unexpected bridge id");
            uint256 d = _actorIndex(b.debtor);
            uint256 c = _actorIndex(b.creditor);
            _obligations.push(
                GhostObligation(
                    uint8(d),
                    uint8(c),
                    uint8(d),
                    0,
                    ICreditNetwork.ObligationStatus.Open,
                    b.amount,
                    b.amount
                )
            );
            _open(d, c, b.amount);
        } else if (bridgeId != 0) {
            _violation("CN-9: a bridge without an amount");
        }
        int256[N] memory afterwards = _combinedPositions();
        for (uint256 v = 0; v < N; ++v) {
            ++nPositionChecks;
            if (afterwards[v] != before[v]) _violation("CN-9: a split part changed a combined position");
            if (network.netPosition(actors[v]) != _net[v]) _violation("CN-9: a split part changed a net position");
        }
        return (true, bridgeId);
    }

    /// @dev The ghost side of a set-off of `amount` on obligation `id`.
    function _setOffGhost(uint256 id, uint256 amount) internal {
        GhostObligation storage o = _obligations[id - 1];
        o.remaining -= amount;
        if (o.remaining == 0) o.status = ICreditNetwork.ObligationStatus.Settled;
        ghostOutstanding -= amount;
        ghostCleared += amount;
        _net[o.debtor] += int256(amount);
        _net[o.creditor] -= int256(amount);
    }

    function _actorIndex(address a) internal view returns (uint256 i) {
        while (actors[i] != a) ++i;
    }

    function _creditPositions() internal view returns (int256[N] memory p) {
        for (uint256 i = 0; i < N; ++i) {
            for (uint256 j = 0; j < N; ++j) p[i] += network.balance(actors[i], actors[j]);
        }
    }

    function _combinedPositions() internal view returns (int256[N] memory p) {
        p = _creditPositions();
        for (uint256 i = 0; i < N; ++i) p[i] += network.netPosition(actors[i]);
    }

    function _sign(uint256 pk, ICreditNetwork.ObligationTerms memory t) internal view returns (bytes memory) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "ObligationTerms(address debtor,address creditor,uint256 amount,uint256 dueDate,bytes32 ref,uint256 nonce,uint256 deadline)"
                ),
                t.debtor,
                t.creditor,
                t.amount,
                t.dueDate,
                t.ref,
                t.nonce,
                t.deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            pk,
            keccak256(abi.encodePacked("\x19\x01", _domainSeparator, structHash))
        );
        return abi.encodePacked(r, s, v);
    }
}

/// @notice Invariants CN-1..CN-6 of CreditNetwork (IDs: docs/invariants.md), checked after every call of random
/// action sequences driven through {CreditNetworkHandler}. CN-7 (the solver's batches verify on-chain) is checked
/// by test/credit/CreditNetwork.solver.ts.
contract CreditNetworkInvariantTest is Test {
    CreditNetworkHandler internal handler;
    CreditNetwork internal network;

    uint256 internal constant N = 6;

    function setUp() public {
        handler = new CreditNetworkHandler();
        network = handler.network();

        // Bootstrap through the handler (so that the ghosts track it): lines of 300 between everybody, and
        // obligations forming two 3-cycles joined by a 2-cycle, so that clearing is reachable from the first call.
        for (uint256 g = 0; g < N; ++g) {
            for (uint256 k = 0; k < N - 1; ++k) {
                uint256 r = (g + 1 + k) % N;
                handler.offer(g, k, 300);
                handler.accept(g, k, 1);
                require(handler.limit(g, r) == 300, "bootstrap line");
            }
        }
        uint8[2][8] memory edges = [[0, 1], [1, 2], [2, 0], [3, 4], [4, 5], [5, 3], [0, 3], [3, 0]];
        for (uint256 e = 0; e < edges.length; ++e) {
            (uint256 d, uint256 c) = (edges[e][0], edges[e][1]);
            handler.record(d, (c + N - d - 1) % N, 100 + 10 * e, e % 2 == 0);
            handler.acceptObligation(handler.obligationCount() - 1, 1);
        }
        require(handler.nAccepted() == edges.length && handler.violations() == 0, "bootstrap failed");

        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: handler.actionSelectors()}));
    }

    // ============================================================================================ invariants

    /// @notice The handler saw no refused valid call, no accepted invalid one and no other error than predicted
    /// (limits and hops, suspensions, offers, obligations, signatures, invalid batches), and no payment or batch
    /// changed a position it must not change (CN-3).
    function invariant_noViolations() public view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice CN-1: balance(a, b) == -balance(b, a) == the ghost's, and all credit positions sum to zero.
    function invariant_CN1_zeroSum() public view {
        address[N] memory a = handler.actorList();
        int256 total;
        for (uint256 i = 0; i < N; ++i) {
            for (uint256 j = 0; j < N; ++j) {
                int256 b = network.balance(a[i], a[j]);
                assertEq(b, handler.claim(i, j), "CN-1: balance != ghost");
                if (j > i) assertEq(b, -network.balance(a[j], a[i]), "CN-1: balance not antisymmetric");
                total += b;
            }
        }
        assertEq(total, 0, "CN-1: credit positions do not sum to zero");
    }

    /// @notice CN-2: limits and pending offers equal the ghost's; a receiver owes its giver more than the limit
    /// only after the giver cut the line below the debt, and no more than it owed then.
    function invariant_CN2_debtWithinLimitUnlessCut() public view {
        address[N] memory a = handler.actorList();
        for (uint256 g = 0; g < N; ++g) {
            for (uint256 r = 0; r < N; ++r) {
                if (g == r) continue;
                uint256 lim = network.creditLimit(a[g], a[r]);
                assertEq(lim, handler.limit(g, r), "CN-2: limit != ghost");
                assertEq(network.creditOffer(a[g], a[r]), handler.pendingOffer(g, r), "offer != ghost");
                int256 b = network.balance(a[g], a[r]);
                if (b > 0 && uint256(b) > lim) {
                    assertLe(uint256(b), handler.debtAtCut(g, r), "CN-2: debt above the limit without a cut");
                }
            }
        }
    }

    /// @notice CN-3: every member's obligation net position equals the ghost's (built from its own obligations,
    /// set-offs and credit moves); combined positions sum to zero.
    function invariant_CN3_positions() public view {
        address[N] memory a = handler.actorList();
        int256 total;
        for (uint256 i = 0; i < N; ++i) {
            int256 p = network.netPosition(a[i]);
            assertEq(p, handler.net(i), "CN-3: net position != ghost");
            total += p;
        }
        assertEq(total, 0, "net positions do not sum to zero");
    }

    /// @notice CN-4: every obligation's status, amount and remaining equal the ghost's, remaining <= amount,
    /// `outstanding` is the sum of the remaining amounts of open obligations, and what was opened is exactly what
    /// is outstanding, cleared, paid or cancelled.
    function invariant_CN4_outstandingIsSumOfRemaining() public view {
        uint256 n = handler.obligationCount();
        assertEq(network.obligationCount(), n, "obligation count");
        uint256 sum;
        for (uint256 id = 1; id <= n; ++id) {
            ICreditNetwork.Obligation memory o = network.obligation(id);
            CreditNetworkHandler.GhostObligation memory g = handler.ghostObligation(id);
            assertEq(uint8(o.status), uint8(g.status), "CN-4: status != ghost");
            assertEq(o.remaining, g.remaining, "CN-4: remaining != ghost");
            assertEq(o.amount, g.amount, "CN-4: amount != ghost");
            assertLe(o.remaining, o.amount, "CN-4: remaining > amount");
            assertEq(o.cancelRequestedBy, g.cancelBits, "cancel requests != ghost");
            if (o.status == ICreditNetwork.ObligationStatus.Open) sum += o.remaining;
        }
        uint256 outstanding = network.outstanding();
        assertEq(outstanding, sum, "CN-4: outstanding != sum of remaining");
        assertEq(outstanding, handler.ghostOutstanding(), "CN-4: outstanding != ghost");
        assertEq(
            handler.ghostOpened(),
            outstanding + handler.ghostCleared() + handler.ghostPaid() + handler.ghostCancelled(),
            "CN-4: opened != outstanding + cleared + paid + cancelled"
        );
        assertEq(network.epochCount(), handler.ghostEpochs(), "epoch count");
    }

    /// @notice CN-5: NID is the sum of the positive net positions and never exceeds `outstanding`.
    function invariant_CN5_netInternalDebt() public view {
        address[N] memory a = handler.actorList();
        uint256 positive;
        for (uint256 i = 0; i < N; ++i) {
            int256 p = network.netPosition(a[i]);
            if (p > 0) positive += uint256(p);
        }
        assertEq(network.netInternalDebt(), positive, "CN-5: NID != sum of positive net positions");
        assertLe(network.netInternalDebt(), network.outstanding(), "CN-5: NID > outstanding");
    }

    /// @notice CN-6: each signer's nonce towards each counterparty is keyed by the counterparty and counts the signed
    /// obligations that counterparty recorded plus the nonces the signer cancelled towards it; replays, expired,
    /// forged, skipped-nonce and wrongly keyed terms and cancellations of a nonce that is not the next one were all
    /// refused (counted by the handler, checked in noViolations).
    function invariant_CN6_signedObligationsOnce() public view {
        address[N] memory a = handler.actorList();
        uint256 sum;
        for (uint256 i = 0; i < N; ++i) {
            for (uint256 j = 0; j < N; ++j) {
                uint256 sequence = handler.ghostNonce(i, j);
                assertEq(
                    network.signatureNonce(a[i], a[j]),
                    (uint256(uint160(a[j])) << 64) | sequence,
                    "CN-6: keyed nonce != recorded signed obligations + cancelled nonces"
                );
                sum += sequence;
            }
        }
        assertEq(sum, handler.nSigned() + handler.nNonceCancelled(), "CN-6: nonces != signed + cancelled");
    }

    // ================================================================================ coverage of the handler

    /// @notice A long pseudo-random action sequence drives every path of the handler and every invariant holds
    /// at the end: the invariant runs are not vacuous.
    function test_handlerExercisesEveryPath() public {
        for (uint256 i = 0; i < 600; ++i) {
            uint256 r = uint256(keccak256(abi.encode("credit coverage", i)));
            uint256 r1 = uint256(keccak256(abi.encode(r, 1)));
            uint256 r2 = uint256(keccak256(abi.encode(r, 2)));
            uint256 r3 = uint256(keccak256(abi.encode(r, 3)));
            if (i % 25 == 0) handler.cancelNonce(r1, r2, r3);
            if (i % 7 == 0) handler.clearSplit(r2, r3);
            uint256 action = r % 16;
            if (action == 0) handler.offer(r1, r2, r3);
            else if (action == 1) handler.lower(r1, r2, r3);
            else if (action == 2) handler.accept(r1, r2, r3);
            else if (action == 3) handler.pay(r1, r2, r3);
            else if (action == 4) handler.payAlong(r1, r2, r3);
            else if (action == 5) handler.record(r1, r2, r3, r % 2 == 0);
            else if (action == 6) handler.recordSigned(r1, r2, r3, r % 2 == 0, r >> 128);
            else if (action == 7) handler.acceptObligation(r1, r2);
            else if (action == 8) handler.cancel(r1, r2);
            else if (action == 9) handler.payObligation(r1, r2);
            else if (action == 10 || action == 15) handler.clearCycles(r1, r2, r % 2 == 0);
            else if (action == 11) handler.clearWithMove(r1, r2);
            else if (action == 12) handler.clearInvalid(r1, r2);
            else if (action == 13) handler.setConsent(r1, r2);
            else handler.setStanding(r1, r2);
        }
        assertGt(handler.nOffers(), 0, "no pending offer");
        assertGt(handler.nRaises(), 0, "no accepted raise");
        assertGt(handler.nCutsBelowDebt(), 0, "no cut below a debt");
        assertGt(handler.nPayments(), 0, "no payment");
        assertGt(handler.nPathPayments(), 0, "no path payment");
        assertGt(handler.nRefusedPayments(), 0, "no refused payment");
        assertGt(handler.nRecorded(), 0, "no recorded obligation");
        assertGt(handler.nSigned(), 0, "no signed obligation");
        assertGt(handler.nSignedRefused(), 0, "no refused signed terms");
        assertGt(handler.nNonceCancelled(), 0, "no cancelled nonce");
        assertGt(handler.nAccepted(), 8, "no accepted obligation");
        assertGt(handler.nCancelRequests(), 0, "no cancel request");
        assertGt(handler.nCancelled(), 0, "no cancellation");
        assertGt(handler.nObligationPayments(), 0, "no obligation payment");
        assertGt(handler.nClearings(), 1, "no clearing");
        assertGt(handler.nTwoCycleClearings(), 0, "no two-cycle clearing");
        assertGt(handler.nClearingsWithMoves(), 0, "no clearing with a credit move");
        assertGt(handler.nRefusedClearings(), 0, "no refused clearing");
        assertGt(handler.nInvalidBatches(), 5, "no invalid batch");
        assertGt(handler.nSplitClearings(), 0, "no complete split clearing");
        assertGt(handler.nSplitParts(), handler.nSplitClearings() * 2, "no split of more than one part");
        assertGt(handler.nSuspensions(), 0, "no suspension");
        assertGt(handler.nReinstatements(), 0, "no reinstatement");
        assertGt(handler.nPositionChecks(), 0, "no CN-3 check");
        invariant_noViolations();
        invariant_CN1_zeroSum();
        invariant_CN2_debtWithinLimitUnlessCut();
        invariant_CN3_positions();
        invariant_CN4_outstandingIsSumOfRemaining();
        invariant_CN5_netInternalDebt();
        invariant_CN6_signedObligationsOnce();
    }
}
