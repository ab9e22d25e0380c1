// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {ContributionLedger} from "../../contracts/contribution/ContributionLedger.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {ReentrantClaimer} from "../../contracts/mocks/ReentrantClaimer.sol";
import {ContributionLedgerModel} from "./ContributionLedgerModel.sol";

/// @notice Invariant-test handler of ContributionLedger (Solady-style ghost accounting).
/// @dev Fixed actors: 6 EOA members (indices 0..5), the coordinator (6, also a member) and a contract member that
/// re-enters `claim` from its ETH callback (7, ReentrantClaimer). Two projects, income in ETH and one ERC-20.
/// Every action is bounded and predicts its own outcome from the ghost state: a call that must succeed but reverts,
/// or must revert but succeeds, is recorded in `violations` (a revert inside a handler would be swallowed by the
/// fuzzer, so nothing here reverts on purpose). The ghost state (points, statuses, scores, deposits, claims,
/// nonces) is computed independently of the ledger (own sort-based median) and compared by the invariants.
/// Time is kept in `currentTime` and re-applied by every action, so warps persist across fuzzer calls. The ghost
/// state and its updates are in {ContributionLedgerModel}.
/// Defined in this test file on purpose: Hardhat writes artifacts only for root source files, and the invariant
/// fuzzer needs the handler's artifact ("address does not have an associated contract" otherwise).
contract ContributionLedgerHandler is ContributionLedgerModel {
    ContributionLedger public immutable ledger;
    MockERC20 public immutable token;
    ReentrantClaimer public immutable claimer;
    address public immutable funder;

    constructor(ContributionLedger ledger_, MockERC20 token_) {
        ledger = ledger_;
        token = token_;
        claimer = new ReentrantClaimer(ledger_);
        claimer.setReenter(true); // every ETH claim of the contract member attempts a re-entrant claim
        funder = makeAddr("funder");
        currentTime = block.timestamp;
        for (uint256 i = 0; i < N_EOA; ++i) {
            _pks[i] = uint256(keccak256(abi.encode("cosmolocal actor", i))) % (2 ** 255);
            actors[i] = vm.addr(_pks[i]);
            vm.label(actors[i], i == COORD ? "coordinator" : string.concat("member", vm.toString(i)));
        }
        actors[CLAIMER] = address(claimer);
        vm.label(address(claimer), "reentrantClaimer");
        tokens[0] = address(0);
        tokens[1] = address(token_);

        _weights[0].push(1);
        _weights[0].push(5);
        _weights[0].push(100);
        _weights[1].push(3);
        _weights[1].push(40);
        uint8[N_PROJECTS] memory quorums = [uint8(1), 3];
        uint8[N_PROJECTS] memory minScores = [uint8(4), 5];
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            string[] memory names = new string[](_weights[p].length);
            for (uint256 k = 0; k < names.length; ++k) names[k] = string.concat("kind", vm.toString(k));
            vm.startPrank(actors[COORD]);
            uint64 projectId = ledger.createProject(
                string.concat("project", vm.toString(p)),
                "ipfs://meta",
                IContributionLedger.EvaluationPolicy(quorums[p], 1 days, minScores[p]),
                names,
                _weights[p]
            );
            ledger.addIncomeToken(projectId, address(token_));
            for (uint256 a = 0; a < N_ACTORS; ++a) {
                if (a != COORD) ledger.grantRole(projectId, actors[a], 1);
                ghostIsMember[projectId][actors[a]] = true;
            }
            vm.stopPrank();
            projects[p] = projectId;
            ghostQuorum[projectId] = quorums[p];
            ghostMinScore[projectId] = minScores[p];
            ghostWindow[projectId] = 1 days;
        }
    }

    modifier useTime() {
        vm.warp(currentTime);
        _;
    }

    // ============================================================================================= actions

    /// @notice A member (or not, then it must be refused) submits a contribution directly.
    function submit(uint256 actorSeed, uint256 projectSeed, uint256 kindSeed, uint256 quantity) public useTime {
        uint256 a = actorSeed % N_ACTORS;
        uint64 projectId = projects[projectSeed % N_PROJECTS];
        IContributionLedger.ContributionInput memory input = _input(projectId, kindSeed, quantity);
        bool ok;
        uint256 id;
        if (a == CLAIMER) {
            try claimer.submit(input) returns (uint256 i) {
                (ok, id) = (true, i);
            } catch {}
        } else {
            vm.prank(actors[a]);
            try ledger.submit(input) returns (uint256 i) {
                (ok, id) = (true, i);
            } catch {}
        }
        _afterSubmit(ok, id, actors[a], input);
        if (ok) ++nSubmits;
    }

    /// @notice A relayer submits a message signed by an EOA member. mode 0: valid (then the replay must fail);
    /// 1: deadline passed; 2: signed by someone else; 3: nonce skipping ahead.
    function submitSigned(
        uint256 actorSeed,
        uint256 relayerSeed,
        uint256 projectSeed,
        uint256 kindSeed,
        uint256 quantity,
        uint256 mode
    ) public useTime {
        uint256 a = actorSeed % N_EOA;
        address signer = actors[a];
        address relayer = actors[relayerSeed % N_ACTORS];
        uint64 projectId = projects[projectSeed % N_PROJECTS];
        IContributionLedger.ContributionInput memory input = _input(projectId, kindSeed, quantity);
        mode = mode % 4;
        uint64 nonce = ghostNonce[projectId][signer] + (mode == 3 ? 1 : 0);
        uint64 deadline = mode == 1 ? uint64(currentTime - 1) : uint64(currentTime + 1 hours);
        uint256 pk = mode == 2 ? _pks[(a + 1) % N_EOA] : _pks[a];
        bytes32 digest = ledger.contributionDigest(input, signer, nonce, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        bytes memory sig = abi.encodePacked(r, s, v);

        vm.prank(relayer);
        try ledger.submitSigned(input, signer, nonce, deadline, sig) returns (uint256 id) {
            if (mode != 0) _violation("CL-5: invalid signed message accepted");
            _afterSubmit(true, id, signer, input);
            ghostNonce[projectId][signer] = nonce + 1;
            ++nSignedSubmits;
            // replay of the very same message must fail
            vm.prank(relayer);
            try ledger.submitSigned(input, signer, nonce, deadline, sig) {
                _violation("CL-5: signed message replayed");
            } catch {
                ++nSignedRefused;
            }
        } catch {
            if (mode == 0)
                _afterSubmit(false, 0, signer, input); // refused: only allowed for a non-member
            else ++nSignedRefused;
        }
    }

    /// @notice Finding 9: a member voids its next 1..3 nonces in a project; one call in four asks for a nonce already
    /// used (or the last one), which must be refused with InvalidNonceCancellation.
    function cancelSignatures(uint256 actorSeed, uint256 projectSeed, uint256 skip, uint256 mode) public useTime {
        address signer = actors[actorSeed % N_EOA];
        uint64 projectId = projects[projectSeed % N_PROJECTS];
        uint64 next = ghostNonce[projectId][signer];
        bool invalid = mode % 4 == 0;
        uint64 upTo = invalid ? (next == 0 ? type(uint64).max : next - 1) : next + uint64(skip % 3);
        vm.prank(signer);
        try ledger.cancelSignatures(projectId, upTo) {
            if (invalid) _violation("CL-5: invalid cancellation accepted");
            ghostNonce[projectId][signer] = upTo + 1;
            nCancelledNonces += upTo + 1 - next;
        } catch (bytes memory err) {
            bytes memory expected = abi.encodeWithSelector(
                IContributionLedger.InvalidNonceCancellation.selector,
                projectId,
                signer,
                upTo,
                next
            );
            if (!invalid || keccak256(err) != keccak256(expected)) _violation("CL-5: cancellation refused wrongly");
            ++nRefusedCancellations;
        }
    }

    /// @notice A valid evaluation: the first eligible evaluator (from actorSeed on) of the first open pending
    /// contribution (from idSeed on). Settlement is predicted with a sort-based median.
    function evaluate(uint256 actorSeed, uint256 idSeed, uint256 score) public useTime {
        uint256 n = _contributions.length;
        if (n == 0) return;
        score = score % 11;
        for (uint256 j = 0; j < n; ++j) {
            uint256 id = ((idSeed + j) % n) + 1;
            GhostContribution storage g = _contributions[id - 1];
            if (g.status != IContributionLedger.Status.Pending || currentTime > g.closesAt) continue;
            for (uint256 k = 0; k < N_ACTORS; ++k) {
                uint256 a = (actorSeed + k) % N_ACTORS;
                address ev = actors[a];
                if (ev == g.contributor || ghostEvaluated[id][ev] || !ghostIsMember[g.projectId][ev]) continue;
                if (!_evaluateAs(a, id, uint8(score))) {
                    _violation("valid evaluation refused");
                    return;
                }
                ++nEvaluations;
                ghostEvaluated[id][ev] = true;
                g.scores.push(uint8(score));
                if (g.scores.length == g.quorum) _ghostSettle(id);
                return;
            }
        }
    }

    /// @notice Up to `count` (1..4) valid evaluations in one call, so that contributions under larger quorums
    /// settle within the fuzzer's depth.
    function evaluateMany(uint256 actorSeed, uint256 idSeed, uint256 scoreSeed, uint256 count) public {
        count = bound(count, 1, 4);
        for (uint256 i = 0; i < count; ++i) {
            evaluate(actorSeed + i, idSeed, uint256(keccak256(abi.encode(scoreSeed, i))));
        }
    }

    /// @notice An evaluation that must be refused. mode 0: self-evaluation; 1: second evaluation by the same
    /// member; 2: evaluation of a settled contribution; 3: evaluation after the window; 4: by a non-member;
    /// 5: score out of range.
    function evaluateInvalid(uint256 actorSeed, uint256 idSeed, uint256 score, uint256 mode) public useTime {
        uint256 n = _contributions.length;
        if (n == 0) return;
        mode = mode % 6;
        uint256 id = (idSeed % n) + 1;
        GhostContribution storage g = _contributions[id - 1];
        uint8 s = mode == 5 ? uint8(bound(score, 11, 255)) : uint8(score % 11);
        uint256 a = type(uint256).max;
        if (mode == 0) {
            a = _actorIndex(g.contributor);
        } else if (mode == 1) {
            for (uint256 k = 0; k < N_ACTORS; ++k) if (ghostEvaluated[id][actors[k]]) a = k;
        } else if (mode == 2) {
            if (g.status != IContributionLedger.Status.Pending) a = actorSeed % N_ACTORS;
        } else if (mode == 3) {
            if (currentTime > g.closesAt) a = actorSeed % N_ACTORS;
        } else if (mode == 4) {
            for (uint256 k = 0; k < N_ACTORS; ++k) if (!ghostIsMember[g.projectId][actors[k]]) a = k;
        } else {
            a = actorSeed % N_ACTORS;
        }
        if (a == type(uint256).max) return;
        if (_evaluateAs(a, id, s)) {
            _violation(
                mode == 0
                    ? "CL-6: self-evaluation accepted"
                    : mode == 1
                        ? "CL-6: double evaluation accepted"
                        : mode == 2
                            ? "CL-3: settled contribution evaluated"
                            : "invalid evaluation accepted"
            );
        } else {
            ++nRefusedEvaluations;
        }
    }

    /// @notice Expires the first pending contribution (from idSeed on) whose window closed; an open one must be
    /// refused, a settled one too.
    function expire(uint256 idSeed, uint256 warpBy) public useTime {
        uint256 n = _contributions.length;
        if (n == 0) return;
        _warp(bound(warpBy, 0, 1 days));
        for (uint256 j = 0; j < n; ++j) {
            uint256 id = ((idSeed + j) % n) + 1;
            GhostContribution storage g = _contributions[id - 1];
            bool shouldWork = g.status == IContributionLedger.Status.Pending && currentTime > g.closesAt;
            if (j + 1 < n && !shouldWork) continue;
            try ledger.expire(id) {
                if (!shouldWork) _violation("CL-3: expire of an open or settled contribution accepted");
                g.status = IContributionLedger.Status.Expired;
                ++nExpired;
            } catch {
                if (shouldWork) _violation("expire refused");
            }
            return;
        }
    }

    /// @notice Lets time pass.
    function warp(uint256 secs) public useTime {
        _warp(bound(secs, 1, 18 hours));
    }

    function depositEth(uint256 projectSeed, uint256 amount) public useTime {
        uint64 projectId = projects[projectSeed % N_PROJECTS];
        amount = bound(amount, 1, 1e24);
        vm.deal(funder, amount);
        vm.prank(funder);
        try ledger.depositIncome{value: amount}(projectId) {
            _afterDeposit(projectId, address(0), amount, true);
            ++nDepositsEth;
        } catch {
            _afterDeposit(projectId, address(0), amount, false);
        }
    }

    function depositToken(uint256 projectSeed, uint256 amount) public useTime {
        uint64 projectId = projects[projectSeed % N_PROJECTS];
        amount = bound(amount, 1, 1e30);
        token.mint(funder, amount);
        vm.prank(funder);
        token.approve(address(ledger), amount);
        vm.prank(funder);
        try ledger.depositIncomeToken(projectId, address(token), amount) {
            _afterDeposit(projectId, address(token), amount, true);
            ++nDepositsToken;
        } catch {
            _afterDeposit(projectId, address(token), amount, false);
        }
    }

    /// @notice A member (possibly the re-entrant contract) claims everything owed in one token. Usually the first
    /// actor (from actorSeed on) that is owed something claims; one call in eight (or when nobody is owed anything)
    /// a random actor tries, which must fail with nothing owed.
    function claim(uint256 actorSeed, uint256 projectSeed, uint256 tokenSeed) public useTime {
        uint64 projectId = projects[projectSeed % N_PROJECTS];
        address tok = tokens[tokenSeed % N_TOKENS];
        uint256 a = actorSeed % N_ACTORS;
        if (uint256(keccak256(abi.encode(actorSeed, projectSeed, tokenSeed))) % 8 != 0) {
            for (uint256 k = 0; k < N_ACTORS; ++k) {
                uint256 b = (actorSeed + k) % N_ACTORS;
                if (ledger.claimable(projectId, tok, actors[b]) > 0) {
                    a = b;
                    break;
                }
            }
        }
        address who = actors[a];
        uint256 owed = ledger.claimable(projectId, tok, who);
        uint256 before = _balanceOf(tok, who);
        bool ok;
        uint256 amount;
        if (a == CLAIMER) {
            if (tok == address(0)) {
                try claimer.claim(projectId) returns (uint256 x) {
                    (ok, amount) = (true, x);
                    ++nClaimerClaims;
                } catch {}
            } else {
                try claimer.claimToken(projectId, tok) returns (uint256 x) {
                    (ok, amount) = (true, x);
                } catch {}
            }
        } else {
            vm.prank(who);
            try ledger.claim(projectId, tok) returns (uint256 x) {
                (ok, amount) = (true, x);
            } catch {}
        }
        if (ok != (owed > 0)) _violation(ok ? "claim with nothing owed" : "claim of owed income refused");
        if (!ok) return;
        if (amount != owed) _violation("claim paid other than claimable()");
        if (_balanceOf(tok, who) - before != amount) _violation("claimant received other than the claim");
        ghostClaimed[projectId][tok] += amount;
        ghostPaid[projectId][tok][who] += amount;
        if (tok == address(0)) ++nClaimsEth;
        else ++nClaimsToken;
    }

    /// @notice The coordinator revokes or grants the member role of a non-coordinator actor.
    function setMembership(uint256 actorSeed, uint256 projectSeed, bool member) public useTime {
        uint256 a = actorSeed % N_ACTORS;
        if (a == COORD) return;
        uint64 projectId = projects[projectSeed % N_PROJECTS];
        vm.prank(actors[COORD]);
        if (member) ledger.grantRole(projectId, actors[a], 1);
        else ledger.revokeRole(projectId, actors[a], 1);
        ghostIsMember[projectId][actors[a]] = member;
        ++nRoleChanges;
    }

    /// @notice The coordinator changes the evaluation policy (applies to later contributions only).
    function updatePolicy(uint256 projectSeed, uint256 quorum, uint256 window, uint256 minScore) public useTime {
        uint64 projectId = projects[projectSeed % N_PROJECTS];
        IContributionLedger.EvaluationPolicy memory policy = IContributionLedger.EvaluationPolicy(
            uint8(bound(quorum, 1, 4)),
            uint32(bound(window, 1 hours, 2 days)),
            uint8(bound(minScore, 1, 10))
        );
        vm.prank(actors[COORD]);
        ledger.updateProject(projectId, "ipfs://meta", policy);
        ghostQuorum[projectId] = policy.quorum;
        ghostWindow[projectId] = policy.evaluationWindow;
        ghostMinScore[projectId] = policy.minScore;
        ++nPolicyUpdates;
    }

    /// @notice Selectors of the fuzzed actions (for targetSelector).
    function actionSelectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](13);
        s[0] = this.submit.selector;
        s[1] = this.submitSigned.selector;
        s[2] = this.evaluate.selector;
        s[3] = this.evaluateInvalid.selector;
        s[4] = this.expire.selector;
        s[5] = this.warp.selector;
        s[6] = this.depositEth.selector;
        s[7] = this.depositToken.selector;
        s[8] = this.claim.selector;
        s[9] = this.setMembership.selector;
        s[10] = this.updatePolicy.selector;
        s[11] = this.evaluateMany.selector;
        s[12] = this.cancelSignatures.selector;
    }

    // ============================================================================================= internals

    function _input(
        uint64 projectId,
        uint256 kindSeed,
        uint256 quantity
    ) internal view returns (IContributionLedger.ContributionInput memory) {
        uint256 p = projectId == projects[0] ? 0 : 1;
        return
            IContributionLedger.ContributionInput({
                projectId: projectId,
                kindId: uint16(kindSeed % _weights[p].length),
                quantity: uint64(bound(quantity, 1, 1000)),
                evidenceHash: keccak256(abi.encode(kindSeed, quantity)),
                evidenceURI: "ipfs://evidence"
            });
    }

    function _evaluateAs(uint256 a, uint256 id, uint8 score) internal returns (bool ok) {
        if (a == CLAIMER) {
            try claimer.evaluate(id, score, bytes32(id)) {
                ok = true;
            } catch {}
        } else {
            vm.prank(actors[a]);
            try ledger.evaluate(id, score, bytes32(id)) {
                ok = true;
            } catch {}
        }
    }

    function _balanceOf(address tok, address who) internal view returns (uint256) {
        return tok == address(0) ? who.balance : token.balanceOf(who);
    }

    function _warp(uint256 secs) internal {
        currentTime += secs;
        vm.warp(currentTime);
    }
}

/// @notice Invariants CL-1..CL-6 and solvency of ContributionLedger (IDs: docs/invariants.md), checked after every
/// call of random action sequences driven through {ContributionLedgerHandler}.
contract ContributionLedgerInvariantTest is Test {
    ContributionLedger internal ledger;
    MockERC20 internal token;
    ContributionLedgerHandler internal handler;

    uint256 internal constant N_ACTORS = 8;
    uint256 internal constant N_PROJECTS = 2;

    function setUp() public {
        ledger = new ContributionLedger();
        token = new MockERC20("Test USD", "TUSD", 6);
        handler = new ContributionLedgerHandler(ledger, token);

        // Bootstrap: accepted contributions in both projects and income in both tokens, so that deposits and
        // claims are reachable from the first fuzzed call. Driven through the handler so that the ghosts track it.
        for (uint256 a = 0; a < 3; ++a) {
            handler.submit(a, 0, a, 10 + a); // project 0 (quorum 1, minScore 4)
            handler.evaluate(a + 1, a, 8);
        }
        for (uint256 a = 3; a < 5; ++a) {
            handler.submit(a, 1, a, 10 + a); // project 1 (quorum 3, minScore 5)
            handler.evaluateMany(a + 1, a, 7, 3);
            handler.evaluate(a + 1, a, 9);
            handler.evaluate(a + 2, a, 9);
        }
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            handler.depositEth(p, 1 ether + p);
            handler.depositToken(p, 1e9 + p);
        }
        require(handler.nAccepted() >= 3 && handler.violations() == 0, "bootstrap failed");

        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: handler.actionSelectors()}));
    }

    // ============================================================================================ invariants

    /// @notice The handler saw no refused valid call and no accepted invalid one (self / double / late
    /// evaluation, replayed / expired / forged signature, claim with nothing owed, ...).
    function invariant_noViolations() public view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice CL-1: for every (project, token): received = ghost deposits, claimed = ghost claims,
    /// claimed + sum of claimable <= received, and the dust (the rest) is bounded by one wei per member, one per
    /// mint, plus the carry (< totalPoints / 1e18 wei).
    function invariant_CL1_receivedEqualsClaimedPlusClaimablePlusDust() public view {
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            uint64 projectId = handler.projects(p);
            (, , , , uint256 totalPoints) = ledger.getProject(projectId);
            for (uint256 t = 0; t < 2; ++t) {
                address tok = handler.tokens(t);
                (uint256 received, uint256 claimed, ) = ledger.incomeStats(projectId, tok);
                assertEq(received, handler.ghostDeposited(projectId, tok), "CL-1: received != deposits");
                assertEq(claimed, handler.ghostClaimed(projectId, tok), "CL-1: claimed != claims");
                uint256 owed;
                for (uint256 a = 0; a < N_ACTORS; ++a) owed += ledger.claimable(projectId, tok, handler.actors(a));
                assertLe(claimed + owed, received, "CL-1: claimed + claimable > received");
                uint256 dust = received - claimed - owed;
                assertLe(dust, N_ACTORS + handler.ghostMints(projectId) + totalPoints / 1e18 + 1, "CL-1: dust");
            }
        }
    }

    /// @notice CL-1 (pro rata): every member's claimed + claimable is within a few wei of the exact pro-rata share
    /// of the income that arrived while they held points.
    function invariant_CL1_eachMemberGetsProRataShare() public view {
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            uint64 projectId = handler.projects(p);
            for (uint256 t = 0; t < 2; ++t) {
                address tok = handler.tokens(t);
                uint256 deposits = handler.ghostDepositCount(projectId, tok);
                for (uint256 a = 0; a < N_ACTORS; ++a) {
                    address m = handler.actors(a);
                    uint256 got = handler.ghostPaid(projectId, tok, m) + ledger.claimable(projectId, tok, m);
                    uint256 ref = handler.ghostRef(projectId, tok, m); // exact share in [ref, ref + deposits)
                    assertLe(got, ref + deposits + 1, "CL-1: member owed more than its share");
                    assertGe(got + handler.ghostMintsOf(projectId, m) + 2, ref, "CL-1: member owed less than share");
                }
            }
        }
    }

    /// @notice CL-2: every member's points equal the ghost, which only grows when that member's own contribution
    /// is accepted (by the reference median); accounts that never contributed hold nothing.
    function invariant_CL2_pointsOnlyFromOwnAcceptedContributions() public view {
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            uint64 projectId = handler.projects(p);
            for (uint256 a = 0; a < N_ACTORS; ++a) {
                address m = handler.actors(a);
                assertEq(ledger.pointsOf(projectId, m), handler.ghostPoints(projectId, m), "CL-2: points != ghost");
            }
            assertEq(ledger.pointsOf(projectId, handler.funder()), 0, "CL-2: funder has points");
            assertEq(ledger.pointsOf(projectId, address(handler)), 0, "CL-2: handler has points");
        }
    }

    /// @notice CL-3: every contribution's status, evaluation count and scores equal the ghost snapshot (taken when
    /// it settled); settled ones never change again.
    function invariant_CL3_settledContributionsNeverChange() public view {
        uint256 n = handler.contributionCount();
        assertEq(ledger.contributionCount(), n, "CL-3: contribution count");
        for (uint256 id = 1; id <= n; ++id) {
            ContributionLedgerHandler.GhostContribution memory g = handler.ghostContribution(id);
            IContributionLedger.Contribution memory c = ledger.getContribution(id);
            assertEq(uint8(c.status), uint8(g.status), "CL-3: status != ghost");
            assertEq(c.contributor, g.contributor, "CL-3: contributor");
            assertEq(c.quantity, g.quantity, "CL-3: quantity");
            assertEq(c.kindId, g.kindId, "CL-3: kind");
            assertEq(c.quorum, g.quorum, "CL-3: quorum (policy at submission)");
            assertEq(c.minScore, g.minScore, "CL-3: minScore (policy at submission)");
            assertEq(c.closesAt, g.closesAt, "CL-3: closesAt");
            assertEq(c.evaluationCount, g.scores.length, "CL-3: evaluation count");
            if (g.status != IContributionLedger.Status.Pending) {
                uint8[] memory s = ledger.scoresOf(id);
                assertEq(keccak256(abi.encodePacked(s)), keccak256(abi.encodePacked(g.scores)), "CL-3: scores");
            }
        }
    }

    /// @notice CL-4: totalPoints = sum of the members' points, for every project.
    function invariant_CL4_totalPointsIsSumOfMemberPoints() public view {
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            uint64 projectId = handler.projects(p);
            (, , , , uint256 totalPoints) = ledger.getProject(projectId);
            uint256 sum;
            for (uint256 a = 0; a < N_ACTORS; ++a) sum += ledger.pointsOf(projectId, handler.actors(a));
            assertEq(totalPoints, sum, "CL-4: totalPoints != sum of points");
            assertEq(totalPoints, handler.ghostTotalPoints(projectId), "CL-4: totalPoints != ghost");
        }
    }

    /// @notice CL-5: nonces equal the number of signed contributions accepted plus the nonces cancelled for each
    /// (project, signer); the handler's replays, expired messages, forged signatures, skipped nonces and invalid
    /// cancellations were all refused.
    function invariant_CL5_signedContributionsOnceAndBeforeDeadline() public view {
        uint256 sum;
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            uint64 projectId = handler.projects(p);
            for (uint256 a = 0; a < N_ACTORS; ++a) {
                address m = handler.actors(a);
                uint64 nonce = ledger.nonces(projectId, m);
                assertEq(nonce, handler.ghostNonce(projectId, m), "CL-5: nonce != accepted + cancelled");
                sum += nonce;
            }
        }
        assertEq(
            sum,
            handler.nSignedSubmits() + handler.nCancelledNonces(),
            "CL-5: nonces != signed submissions + cancelled"
        );
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice CL-6: no contributor appears among the evaluators of their contribution, evaluation counts never
    /// exceed the quorum, and each evaluation came from a distinct member (ghost evaluators = count).
    function invariant_CL6_noSelfOrDoubleEvaluation() public view {
        uint256 n = handler.contributionCount();
        address[N_ACTORS] memory actors = handler.actorList();
        for (uint256 id = 1; id <= n; ++id) {
            IContributionLedger.Contribution memory c = ledger.getContribution(id);
            assertFalse(ledger.hasEvaluated(id, c.contributor), "CL-6: self-evaluation");
            assertLe(c.evaluationCount, c.quorum, "CL-6: more evaluations than the quorum");
            uint256 distinct;
            for (uint256 a = 0; a < N_ACTORS; ++a) {
                bool e = ledger.hasEvaluated(id, actors[a]);
                assertEq(e, handler.ghostEvaluated(id, actors[a]), "CL-6: evaluator set != ghost");
                if (e) ++distinct;
            }
            assertEq(distinct, c.evaluationCount, "CL-6: evaluations != distinct evaluators");
        }
    }

    /// @notice Solvency: the ledger holds at least sum over projects of (received - claimed), in ETH and in each
    /// ERC-20 (exactly that much here: income is the only way in), and the re-entrant member never got a second
    /// payment inside a claim.
    function invariant_solvency_balancesCoverUnclaimedIncome() public view {
        for (uint256 t = 0; t < 2; ++t) {
            address tok = handler.tokens(t);
            uint256 unclaimed;
            for (uint256 p = 0; p < N_PROJECTS; ++p) {
                (uint256 received, uint256 claimed, ) = ledger.incomeStats(handler.projects(p), tok);
                unclaimed += received - claimed;
            }
            uint256 balance = tok == address(0) ? address(ledger).balance : token.balanceOf(address(ledger));
            assertGe(balance, unclaimed, "solvency: balance < received - claimed");
            assertEq(balance, unclaimed, "solvency: balance != received - claimed");
        }
        ReentrantClaimer claimer = handler.claimer();
        assertEq(claimer.reentrySuccesses(), 0, "re-entrant claim succeeded");
    }

    /// @notice After each run: every member claims everything; then CL-1 holds with nothing claimable left, the
    /// dust is within bound, and the ledger keeps exactly the dust.
    function afterInvariant() public {
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            for (uint256 t = 0; t < 2; ++t) {
                for (uint256 a = 0; a < N_ACTORS; ++a) handler.claim(a, p, t);
            }
        }
        invariant_noViolations();
        invariant_CL1_receivedEqualsClaimedPlusClaimablePlusDust();
        invariant_CL1_eachMemberGetsProRataShare();
        invariant_solvency_balancesCoverUnclaimedIncome();
        for (uint256 p = 0; p < N_PROJECTS; ++p) {
            for (uint256 t = 0; t < 2; ++t) {
                for (uint256 a = 0; a < N_ACTORS; ++a) {
                    assertEq(ledger.claimable(handler.projects(p), handler.tokens(t), handler.actors(a)), 0);
                }
            }
        }
    }

    // ================================================================================ coverage of the handler

    /// @notice A long pseudo-random action sequence drives every path of the handler (accepted, rejected and
    /// expired contributions, signed submissions, refused invalid calls, deposits and claims in ETH and ERC-20,
    /// re-entrant claims) and every invariant holds at the end: the invariant runs are not vacuous.
    function test_handlerExercisesEveryPath() public {
        for (uint256 i = 0; i < 600; ++i) {
            uint256 r = uint256(keccak256(abi.encode("coverage", i)));
            uint256 action = r % 12;
            uint256 r1 = uint256(keccak256(abi.encode(r, 1)));
            uint256 r2 = uint256(keccak256(abi.encode(r, 2)));
            uint256 r3 = uint256(keccak256(abi.encode(r, 3)));
            if (action == 0) handler.submit(r1, r2, r3, r);
            else if (action == 1) handler.submitSigned(r1, r2, r3, r, r1 >> 128, r2 >> 128);
            else if (action == 2) handler.evaluate(r1, r2, r3);
            else if (action == 3) handler.evaluateInvalid(r1, r2, r3, r);
            else if (action == 4) handler.expire(r1, r2);
            else if (action == 5) handler.warp(r1);
            else if (action == 6) handler.depositEth(r1, r2);
            else if (action == 7) handler.depositToken(r1, r2);
            else if (action == 8 || action == 11) handler.claim(r1, r2, r3);
            else if (action == 9) handler.setMembership(r1, r2, r3 % 4 != 0);
            else handler.evaluateMany(r1, r2, r3, r);
            if (i % 150 == 149) handler.updatePolicy(r1, r2, r3, r);
            if (i % 30 == 7) handler.cancelSignatures(r1, r2, r3, r);
        }
        assertGt(handler.nSubmits(), 0, "no submit");
        assertGt(handler.nSignedSubmits(), 0, "no signed submit");
        assertGt(handler.nSignedRefused(), 0, "no refused signed message");
        assertGt(handler.nCancelledNonces(), 0, "no cancelled signature");
        assertGt(handler.nRefusedCancellations(), 0, "no refused cancellation");
        assertGt(handler.nAccepted(), 1, "no accepted contribution");
        assertGt(handler.nRejected(), 0, "no rejected contribution");
        assertGt(handler.nExpired(), 0, "no expired contribution");
        assertGt(handler.nRefusedEvaluations(), 0, "no refused evaluation");
        assertGt(handler.nDepositsEth(), 1, "no ETH deposit");
        assertGt(handler.nDepositsToken(), 1, "no token deposit");
        assertGt(handler.nClaimsEth(), 0, "no ETH claim");
        assertGt(handler.nClaimsToken(), 0, "no token claim");
        assertGt(handler.nClaimerClaims(), 0, "no re-entrant claim attempt");
        assertGt(handler.claimer().reentryAttempts(), 0, "no re-entry attempted");
        assertGt(handler.nRoleChanges(), 0, "no role change");
        invariant_noViolations();
        invariant_CL1_receivedEqualsClaimedPlusClaimablePlusDust();
        invariant_CL1_eachMemberGetsProRataShare();
        invariant_CL2_pointsOnlyFromOwnAcceptedContributions();
        invariant_CL3_settledContributionsNeverChange();
        invariant_CL4_totalPointsIsSumOfMemberPoints();
        invariant_CL5_signedContributionsOnceAndBeforeDeadline();
        invariant_CL6_noSelfOrDoubleEvaluation();
        invariant_solvency_balancesCoverUnclaimedIncome();
        afterInvariant();
    }
}
