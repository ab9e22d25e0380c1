// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {HandlerBase} from "../utils/HandlerBase.sol";
import {ICreditNetwork} from "../../contracts/credit/ICreditNetwork.sol";

/// @notice Ghost model of CreditNetwork for its invariant handler: balances, limits, offers, obligations, net
/// positions, totals and nonces, the call counters, the revert predictors of every action, and the planning of
/// clearing batches (valid and invalid) from the ghost obligations.
abstract contract CreditNetworkModel is HandlerBase {
    // ------------------------------------------------------------------------------------------- fixtures

    uint256 public constant N = 6;
    uint256 public constant MAX_AMOUNT = 1_000;
    /// @dev Recording stops at this many obligations (keeps long handler runs and the invariant checks fast).
    uint256 public constant MAX_OBLIGATIONS = 96;
    address[N] public actors;

    // ----------------------------------------------------------------------------------------- ghost state

    int256[N][N] internal _claim; // claim of i on j (positive: j owes i)
    uint256[N][N] internal _limit; // limit of the line giver -> receiver
    uint256[N][N] internal _offer; // pending offer giver -> receiver
    uint256[N][N] internal _debtAtCut; // receiver's debt when the giver last cut the line below it (CN-2)
    bool[N] public ghostSuspended;
    bool[N] public ghostClearing;
    bool[N] public ghostLiquidity;
    uint256[N][N] public ghostNonce; // signer's sequence towards the counterparty (the nonce key)

    struct GhostObligation {
        uint8 debtor;
        uint8 creditor;
        uint8 proposer;
        uint8 cancelBits;
        ICreditNetwork.ObligationStatus status;
        uint256 amount;
        uint256 remaining;
    }

    GhostObligation[] internal _obligations; // index = id - 1
    int256[N] internal _net; // obligation net positions
    uint256 public ghostOutstanding;
    uint256 public ghostOpened; // sum of the amounts of obligations that became Open
    uint256 public ghostCleared; // sum of set-offs
    uint256 public ghostPaid; // sum of obligation payments
    uint256 public ghostCancelled; // sum of the remaining amounts of cancelled Open obligations
    uint256 public ghostMoved; // sum of credit moves
    uint256 public ghostEpochs;

    // ---------------------------------------------------------------------------------------- call counters

    uint256 public nOffers;
    uint256 public nRaises;
    uint256 public nCutsBelowDebt;
    uint256 public nPayments;
    uint256 public nPathPayments;
    uint256 public nRefusedPayments;
    uint256 public nRecorded;
    uint256 public nSigned;
    uint256 public nSignedRefused;
    uint256 public nNonceCancelled;
    uint256 public nAccepted;
    uint256 public nCancelRequests;
    uint256 public nCancelled;
    uint256 public nObligationPayments;
    uint256 public nClearings;
    uint256 public nTwoCycleClearings;
    uint256 public nClearingsWithMoves;
    uint256 public nRefusedClearings; // valid-shaped batches refused for consent, liquidity or line reasons
    uint256 public nInvalidBatches;
    uint256 public nSplitParts; // parts of split clearings applied (CN-9)
    uint256 public nSplitClearings; // split clearings completed to their last part
    uint256 public nSuspensions;
    uint256 public nReinstatements;
    uint256 public nConsentChanges;
    uint256 public nPositionChecks; // CN-3 comparisons made

    // ======================================================================================= views for tests

    function claim(uint256 i, uint256 j) external view returns (int256) {
        return _claim[i][j];
    }

    function limit(uint256 giver, uint256 receiver) external view returns (uint256) {
        return _limit[giver][receiver];
    }

    function pendingOffer(uint256 giver, uint256 receiver) external view returns (uint256) {
        return _offer[giver][receiver];
    }

    function debtAtCut(uint256 giver, uint256 receiver) external view returns (uint256) {
        return _debtAtCut[giver][receiver];
    }

    function net(uint256 i) external view returns (int256) {
        return _net[i];
    }

    function obligationCount() external view returns (uint256) {
        return _obligations.length;
    }

    function ghostObligation(uint256 id) external view returns (GhostObligation memory) {
        return _obligations[id - 1];
    }

    function actorList() external view returns (address[N] memory) {
        return actors;
    }

    // ============================================================================================= internals

    struct Move {
        uint256 payer;
        uint256 payee;
        uint256 amount;
    }

    /// @dev A chain payer -> b -> payee of Open obligations and a random amount to move onto the line the payee
    /// gives the payer (usually within that line's room, one time in four anywhere up to the obligations).
    function _planMove(
        uint256 seed,
        uint256 amountSeed
    ) internal view returns (bool found, ICreditNetwork.SetOff[] memory setOffs, Move memory m) {
        uint256[N][N] memory edge = _edges(new uint256[](_obligations.length + 1));
        uint256 b;
        (found, m.payer, b, m.payee) = _findChain(edge, seed);
        if (!found) return (false, setOffs, m);
        uint256 idAB = edge[m.payer][b];
        uint256 idBC = edge[b][m.payee];
        uint256 most = Math.min(_obligations[idAB - 1].remaining, _obligations[idBC - 1].remaining);
        int256 room = _claim[m.payer][m.payee] + int256(_limit[m.payee][m.payer]);
        if (room > 0 && amountSeed % 4 != 0) most = Math.min(most, uint256(room));
        m.amount = bound(amountSeed >> 2, 1, most);
        uint256[] memory planned = new uint256[](_obligations.length + 1);
        planned[idAB] = m.amount;
        planned[idBC] = m.amount;
        setOffs = _collect(planned);
    }

    function _pair(uint256 aSeed, uint256 bSeed) internal pure returns (uint256 a, uint256 b) {
        a = aSeed % N;
        b = (a + 1 + (bSeed % (N - 1))) % N;
    }

    /// @dev Revert data of giver `g` offering receiver `r` the limit `newLimit` (empty: it must succeed). A cut
    /// applies whatever the parties' standing, but needs an existing line; a raise needs both active.
    function _offerError(uint256 g, uint256 r, uint256 newLimit) internal view returns (bytes memory err) {
        if (newLimit <= _limit[g][r]) {
            if (_limit[g][r] == 0) {
                err = abi.encodeWithSelector(ICreditNetwork.NoCreditLine.selector, actors[g], actors[r]);
            }
        } else {
            err = _activeErr(g);
            if (err.length == 0) err = _activeErr(r);
        }
    }

    /// @dev Revert data of recording an obligation of debtor `d` to creditor `c` (empty: it must succeed).
    function _recordError(uint256 d, uint256 c) internal view returns (bytes memory err) {
        err = _activeErr(d);
        if (err.length == 0) err = _activeErr(c);
    }

    /// @dev Revert data of `other` recording terms `t` signed by `signer` in the handler's `mode` (nonce key `key`;
    /// empty: it must succeed).
    function _recordSignedError(
        uint256 d,
        uint256 c,
        uint256 signer,
        uint256 other,
        uint256 key,
        uint256 mode,
        ICreditNetwork.ObligationTerms memory t
    ) internal view returns (bytes memory err) {
        if (mode == 1)
            err = abi.encodeWithSelector(ICreditNetwork.SignatureExpired.selector, t.deadline, block.timestamp);
        else if (mode == 2) err = abi.encodeWithSelector(ICreditNetwork.InvalidSignature.selector, actors[signer]);
        else if (mode == 3) {
            err = _usedNonceError(signer, other, key);
        } else if (mode == 4) {
            err = abi.encodeWithSelector(
                ICreditNetwork.NonceKeyMismatch.selector,
                actors[signer],
                actors[other],
                t.nonce
            );
        } else {
            err = _recordError(d, c);
        }
    }

    /// @dev Revert data of signed terms whose nonce (key `key`) is not `signer`'s current one towards `other`.
    function _usedNonceError(uint256 signer, uint256 other, uint256 key) internal view returns (bytes memory) {
        return
            abi.encodeWithSelector(
                Nonces.InvalidAccountNonce.selector,
                actors[signer],
                key | ghostNonce[signer][other]
            );
    }

    /// @dev `signer`'s next nonce towards `other`, keyed by `other`.
    function _nextNonce(uint256 signer, uint256 other) internal view returns (uint256) {
        return (uint256(uint160(actors[other])) << 64) | ghostNonce[signer][other];
    }

    /// @dev Revert data of `signer` cancelling `nonce` towards `other` (empty: it must succeed).
    function _cancelNonceError(uint256 signer, uint256 other, uint256 nonce) internal view returns (bytes memory err) {
        uint256 next = _nextNonce(signer, other);
        if (nonce != next) {
            err = abi.encodeWithSelector(
                ICreditNetwork.NonceNotNext.selector,
                actors[signer],
                actors[other],
                nonce,
                next
            );
        }
    }

    /// @dev Revert data of receiver `r` accepting giver `g`'s pending offer at `accepted` (empty: it must succeed).
    function _acceptLineError(uint256 g, uint256 r, uint256 accepted) internal view returns (bytes memory err) {
        uint256 offered = _offer[g][r];
        err = _activeErr(r);
        if (err.length == 0) err = _activeErr(g);
        if (err.length == 0 && (offered == 0 || offered != accepted)) {
            err = abi.encodeWithSelector(
                ICreditNetwork.CreditOfferMismatch.selector,
                actors[g],
                actors[r],
                offered,
                accepted
            );
        }
    }

    /// @dev Revert data of `acceptor` accepting the Proposed obligation `id` (empty: it must succeed).
    function _acceptObligationError(uint256 id, uint256 acceptor) internal view returns (bytes memory err) {
        GhostObligation storage o = _obligations[id - 1];
        if (acceptor == o.proposer) {
            err = abi.encodeWithSelector(ICreditNetwork.ProposerCannotAccept.selector, id, actors[o.proposer]);
        } else {
            err = _activeErr(o.debtor);
            if (err.length == 0) err = _activeErr(o.creditor);
        }
    }

    /// @dev Revert data of `party` (cancel bit `bit`) agreeing to cancel obligation `id` (empty: it must succeed).
    function _cancelError(uint256 id, uint256 party, uint8 bit) internal view returns (bytes memory err) {
        GhostObligation storage o = _obligations[id - 1];
        if (o.status == ICreditNetwork.ObligationStatus.Open) {
            if (o.cancelBits & bit != 0) {
                err = abi.encodeWithSelector(ICreditNetwork.CancelAlreadyRequested.selector, id, actors[party]);
            }
        } else if (o.status != ICreditNetwork.ObligationStatus.Proposed) {
            err = abi.encodeWithSelector(
                ICreditNetwork.WrongObligationStatus.selector,
                id,
                o.status,
                ICreditNetwork.ObligationStatus.Open
            );
        }
    }

    /// @dev Revert data of the batch `setOffs` with the credit move `m`, applying the move to `cl` (empty: it must
    /// succeed): consent, the payee's liquidity, then the move as a payment.
    function _clearWithMoveError(
        int256[N][N] memory cl,
        ICreditNetwork.SetOff[] memory setOffs,
        Move memory m
    ) internal view returns (bytes memory err) {
        err = _consentErr(setOffs);
        if (err.length == 0 && !ghostLiquidity[m.payee]) {
            err = abi.encodeWithSelector(ICreditNetwork.LiquidityNotOffered.selector, actors[m.payee]);
        }
        if (err.length == 0) {
            bool settleOnly = ghostSuspended[m.payer] || ghostSuspended[m.payee];
            err = _modelHop(cl, 0, m.payer, m.payee, m.amount, settleOnly);
        }
    }

    /// @dev An invalid batch of kind `mode` (see the handler's `clearInvalid`) built from the ghost obligations, and
    /// its exact revert data; `found` is false when no obligation fits the kind.
    function _clearInvalidError(
        uint256 seed,
        uint256 mode
    )
        internal
        view
        returns (
            bool found,
            ICreditNetwork.SetOff[] memory s,
            ICreditNetwork.CreditMove[] memory moves,
            bytes memory err
        )
    {
        mode = mode % 11;
        uint256 n = _obligations.length;
        s = new ICreditNetwork.SetOff[](
            mode == 0
                ? 0
                : mode == 1 || mode == 2
                    ? 2
                    : 1
        );
        moves = new ICreditNetwork.CreditMove[](mode == 8 || mode == 9 ? 1 : 0);
        if (mode == 0) {
            err = abi.encodeWithSelector(ICreditNetwork.EmptyBatch.selector);
        } else if (mode == 5) {
            uint256 id = n + 1 + (seed % 5);
            s[0] = ICreditNetwork.SetOff(id, 1);
            err = abi.encodeWithSelector(ICreditNetwork.UnknownObligation.selector, id);
        } else if (mode == 7) {
            uint256 id = _findNotOpen(seed);
            if (id == 0) return (false, s, moves, err);
            s[0] = ICreditNetwork.SetOff(id, 1);
            err = abi.encodeWithSelector(
                ICreditNetwork.WrongObligationStatus.selector,
                id,
                _obligations[id - 1].status,
                ICreditNetwork.ObligationStatus.Open
            );
        } else if (mode == 10) {
            uint256 id = _findOpenConsent(seed, false);
            if (id == 0) return (false, s, moves, err);
            s[0] = ICreditNetwork.SetOff(id, 1);
            err = _consentErr(s);
        } else {
            uint256 id = _findOpenConsent(seed, true);
            if (id == 0 || (mode == 2 && id == 1)) return (false, s, moves, err);
            GhostObligation storage o = _obligations[id - 1];
            uint256 amount = bound(seed >> 8, 1, o.remaining);
            s[0] = ICreditNetwork.SetOff(id, amount);
            if (mode == 1) {
                s[1] = ICreditNetwork.SetOff(id, amount);
                err = abi.encodeWithSelector(ICreditNetwork.DuplicateEdge.selector, 1, id);
            } else if (mode == 2) {
                uint256 earlier = 1 + ((seed >> 16) % (id - 1));
                s[1] = ICreditNetwork.SetOff(earlier, 1);
                err = abi.encodeWithSelector(ICreditNetwork.EdgesNotSorted.selector, 1, earlier);
            } else if (mode == 3) {
                s[0].amount = o.remaining + 1 + ((seed >> 16) % MAX_AMOUNT);
                err = abi.encodeWithSelector(
                    ICreditNetwork.SetOffExceedsRemaining.selector,
                    id,
                    o.remaining,
                    s[0].amount
                );
            } else if (mode == 4) {
                err = abi.encodeWithSelector(ICreditNetwork.VertexNotConserved.selector, actors[o.debtor], amount);
            } else if (mode == 6) {
                s[0].amount = 0;
                err = abi.encodeWithSelector(ICreditNetwork.ZeroAmount.selector);
            } else if (mode == 8) {
                uint256 payee = _findNoLiquidity(seed);
                if (payee == N) return (false, s, moves, err);
                moves[0] = ICreditNetwork.CreditMove(actors[o.debtor], actors[payee], 1);
                err = abi.encodeWithSelector(ICreditNetwork.LiquidityNotOffered.selector, actors[payee]);
            } else {
                err = abi.encodeWithSelector(ICreditNetwork.CreditMovesNotSorted.selector, 0, address(0), address(0));
            }
        }
        found = true;
    }

    function _activeErr(uint256 a) internal view returns (bytes memory) {
        if (ghostSuspended[a]) return abi.encodeWithSelector(ICreditNetwork.MemberIsSuspended.selector, actors[a]);
        return "";
    }

    /// @dev One hop of the reference model on `c`: empty on success, else the contract's exact revert data.
    function _modelHop(
        int256[N][N] memory c,
        uint256 hop,
        uint256 a,
        uint256 b,
        uint256 amount,
        bool settleOnly
    ) internal view returns (bytes memory) {
        if (a == b) return abi.encodeWithSelector(ICreditNetwork.SelfDealing.selector, actors[a]);
        int256 after_ = c[a][b] - int256(amount);
        if (after_ < 0) {
            if (settleOnly) {
                return
                    abi.encodeWithSelector(
                        ICreditNetwork.MemberIsSuspended.selector,
                        ghostSuspended[a] ? actors[a] : actors[b]
                    );
            }
            uint256 lim = _limit[b][a];
            if (uint256(-after_) > lim) {
                if (lim == 0) {
                    return abi.encodeWithSelector(ICreditNetwork.CreditLineNotAccepted.selector, actors[b], actors[a]);
                }
                return
                    abi.encodeWithSelector(
                        ICreditNetwork.CreditLimitExceeded.selector,
                        hop,
                        actors[a],
                        actors[b],
                        lim,
                        uint256(-after_)
                    );
            }
        }
        c[a][b] = after_;
        c[b][a] = -after_;
        return "";
    }

    /// @dev A path payment in the model: the payer may only settle while suspended, intermediaries must be
    /// active, the receiver may only settle while suspended.
    function _modelPath(
        int256[N][N] memory c,
        uint256 from,
        uint256[] memory path,
        uint256 amount
    ) internal view returns (bytes memory err) {
        uint256 a = from;
        uint256 last = path.length - 1;
        for (uint256 i = 0; i < path.length; ++i) {
            uint256 b = path[i];
            bool settleOnly = i == 0 && ghostSuspended[from];
            if (i == last) settleOnly = settleOnly || ghostSuspended[b];
            else if (ghostSuspended[b])
                return abi.encodeWithSelector(ICreditNetwork.MemberIsSuspended.selector, actors[b]);
            err = _modelHop(c, i, a, b, amount, settleOnly);
            if (err.length != 0) return err;
            a = b;
        }
    }

    function _open(uint256 d, uint256 c, uint256 amount) internal {
        ghostOutstanding += amount;
        ghostOpened += amount;
        _net[d] -= int256(amount);
        _net[c] += int256(amount);
    }

    function _close(uint256 d, uint256 c, uint256 amount) internal {
        ghostOutstanding -= amount;
        _net[d] += int256(amount);
        _net[c] -= int256(amount);
    }

    /// @dev The first member (in the order the batch touches them) without clearing consent, as revert data.
    function _consentErr(ICreditNetwork.SetOff[] memory setOffs) internal view returns (bytes memory) {
        for (uint256 i = 0; i < setOffs.length; ++i) {
            GhostObligation storage o = _obligations[setOffs[i].obligationId - 1];
            if (!ghostClearing[o.debtor]) {
                return abi.encodeWithSelector(ICreditNetwork.ClearingNotConsented.selector, actors[o.debtor]);
            }
            if (!ghostClearing[o.creditor]) {
                return abi.encodeWithSelector(ICreditNetwork.ClearingNotConsented.selector, actors[o.creditor]);
            }
        }
        return "";
    }

    /// @dev For each (debtor, creditor), the Open obligation with the most left after `planned` (0: none).
    function _edges(uint256[] memory planned) internal view returns (uint256[N][N] memory edge) {
        uint256[N][N] memory best;
        for (uint256 i = 0; i < _obligations.length; ++i) {
            GhostObligation storage o = _obligations[i];
            if (o.status != ICreditNetwork.ObligationStatus.Open) continue;
            uint256 left = o.remaining - planned[i + 1];
            if (left > best[o.debtor][o.creditor]) {
                best[o.debtor][o.creditor] = left;
                edge[o.debtor][o.creditor] = i + 1;
            }
        }
    }

    /// @dev Finds a cycle from a seeded start among what is left after `planned`, and plans a random set-off on it.
    function _planCycle(uint256[] memory planned, uint256 seed, uint256 amountSeed) internal view returns (bool) {
        uint256[N][N] memory edge = _edges(planned);
        uint256[N] memory path;
        path[0] = seed % N;
        (bool found, uint256 len) = _dfs(edge, path, 1, 1 << path[0], (seed >> 8) % N);
        if (!found) return false;
        uint256 most = type(uint256).max;
        for (uint256 i = 0; i < len; ++i) {
            uint256 id = edge[path[i]][path[(i + 1) % len]];
            most = Math.min(most, _obligations[id - 1].remaining - planned[id]);
        }
        uint256 amount = bound(amountSeed, 1, most);
        for (uint256 i = 0; i < len; ++i) planned[edge[path[i]][path[(i + 1) % len]]] += amount;
        return true;
    }

    function _dfs(
        uint256[N][N] memory edge,
        uint256[N] memory path,
        uint256 depth,
        uint256 visited,
        uint256 rot
    ) internal pure returns (bool, uint256) {
        uint256 v = path[depth - 1];
        for (uint256 k = 0; k < N; ++k) {
            uint256 w = (k + rot) % N;
            if (edge[v][w] == 0) continue;
            if (w == path[0]) return (true, depth);
            if (visited & (1 << w) != 0) continue;
            path[depth] = w;
            (bool found, uint256 len) = _dfs(edge, path, depth + 1, visited | (1 << w), rot);
            if (found) return (true, len);
        }
        return (false, 0);
    }

    /// @dev A chain a -> b -> c (a != c) of Open obligations, from a seeded start.
    function _findChain(
        uint256[N][N] memory edge,
        uint256 seed
    ) internal pure returns (bool, uint256, uint256, uint256) {
        for (uint256 i = 0; i < N; ++i) {
            uint256 a = (seed + i) % N;
            for (uint256 j = 0; j < N; ++j) {
                uint256 b = ((seed >> 8) + j) % N;
                if (edge[a][b] == 0) continue;
                for (uint256 k = 0; k < N; ++k) {
                    uint256 c = ((seed >> 16) + k) % N;
                    if (c != a && edge[b][c] != 0) return (true, a, b, c);
                }
            }
        }
        return (false, 0, 0, 0);
    }

    /// @dev Set-offs of the planned amounts, ascending by id.
    function _collect(uint256[] memory planned) internal pure returns (ICreditNetwork.SetOff[] memory s) {
        uint256 count;
        for (uint256 id = 1; id < planned.length; ++id) if (planned[id] > 0) ++count;
        s = new ICreditNetwork.SetOff[](count);
        count = 0;
        for (uint256 id = 1; id < planned.length; ++id) {
            if (planned[id] > 0) s[count++] = ICreditNetwork.SetOff(id, planned[id]);
        }
    }

    function _findFrom(uint256 seed, ICreditNetwork.ObligationStatus status) internal view returns (uint256) {
        uint256 n = _obligations.length;
        for (uint256 j = 0; j < n; ++j) {
            uint256 id = ((seed + j) % n) + 1;
            if (_obligations[id - 1].status == status) return id;
        }
        return 0;
    }

    function _findNotOpen(uint256 seed) internal view returns (uint256) {
        uint256 n = _obligations.length;
        for (uint256 j = 0; j < n; ++j) {
            uint256 id = ((seed + j) % n) + 1;
            if (_obligations[id - 1].status != ICreditNetwork.ObligationStatus.Open) return id;
        }
        return 0;
    }

    /// @dev An Open obligation whose parties both consent to clearing (`consenting`) or not both.
    function _findOpenConsent(uint256 seed, bool consenting) internal view returns (uint256) {
        uint256 n = _obligations.length;
        for (uint256 j = 0; j < n; ++j) {
            uint256 id = ((seed + j) % n) + 1;
            GhostObligation storage o = _obligations[id - 1];
            if (o.status != ICreditNetwork.ObligationStatus.Open) continue;
            if ((ghostClearing[o.debtor] && ghostClearing[o.creditor]) == consenting) return id;
        }
        return 0;
    }

    function _findNoLiquidity(uint256 seed) internal view returns (uint256) {
        for (uint256 j = 0; j < N; ++j) {
            uint256 a = (seed + j) % N;
            if (!ghostLiquidity[a]) return a;
        }
        return N;
    }
}
