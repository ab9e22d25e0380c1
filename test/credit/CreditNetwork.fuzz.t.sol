// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {CreditNetwork} from "../../contracts/credit/CreditNetwork.sol";
import {ICreditNetwork} from "../../contracts/credit/ICreditNetwork.sol";
import {FuzzBase} from "../utils/FuzzBase.sol";

/// @notice Fuzz tests of CreditNetwork: payment hops against a reference model of limits and balances, lowered
/// limits, path payments, clearing of random cycles (conservation, set-off bounds, exact imbalance), credit moves,
/// EIP-712 signed obligations and input bounds. Invariant IDs (CN-1..CN-7) refer to docs/invariants.md.
contract CreditNetworkFuzzTest is FuzzBase {
    CreditNetwork internal network;

    uint256 internal constant N = 8;
    uint256 internal constant MAX_LIMIT = type(uint128).max;
    uint256 internal constant MAX_OBLIGATION = type(uint96).max;
    address[N] internal members;

    bytes32 internal constant OBLIGATION_TYPEHASH = keccak256(
        "ObligationTerms(address debtor,address creditor,uint256 amount,uint256 dueDate,bytes32 ref,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    // Reference model of the credit lines (indices into `members`).
    int256[N][N] internal claimOf; // claim of i on j (positive: j owes i)
    uint256[N][N] internal limitOf; // limit of the line giver -> receiver
    bool[N][N] internal cutBelowDebt; // giver cut the line below the receiver's debt, and the debt has not fit since
    uint256[N][N] internal debtSinceCut; // receiver's debt when last seen above the limit

    function setUp() public {
        address[] memory stewards = new address[](1);
        stewards[0] = address(this);
        network = new CreditNetwork("Fuzz Credit", "FZC", 6, address(this), stewards);
        for (uint256 i = 0; i < N; ++i) {
            members[i] = makeAddr(string.concat("member", vm.toString(i)));
            network.admitMember(members[i]);
            vm.prank(members[i]);
            network.setClearingConsent(true, true);
        }
    }

    // ================================================================================================ helpers

    function _rand(uint256 seed, uint256 salt) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, salt)));
    }

    function _openLine(uint256 giver, uint256 receiver, uint256 limit) internal {
        vm.prank(members[giver]);
        network.offerCreditLine(members[receiver], limit);
        vm.prank(members[receiver]);
        network.acceptCreditLine(members[giver], limit);
        limitOf[giver][receiver] = limit;
    }

    function _openObligation(uint256 debtor, uint256 creditor, uint256 amount) internal returns (uint256 id) {
        vm.prank(members[creditor]);
        id = network.recordObligation(members[debtor], members[creditor], amount, 0, bytes32(0));
        vm.prank(members[debtor]);
        network.acceptObligation(id);
    }

    /// @dev One hop of the reference model on `c`: empty on success, else the exact revert data of the contract.
    function _modelHop(
        int256[N][N] memory c,
        uint256 hop,
        uint256 a,
        uint256 b,
        uint256 amount
    ) internal view returns (bytes memory) {
        if (a == b) return abi.encodeWithSelector(ICreditNetwork.SelfDealing.selector, members[a]);
        int256 claim = c[a][b] - int256(amount);
        uint256 limit = limitOf[b][a];
        if (claim < 0 && uint256(-claim) > limit) {
            if (limit == 0) {
                return abi.encodeWithSelector(ICreditNetwork.CreditLineNotAccepted.selector, members[b], members[a]);
            }
            return
                abi.encodeWithSelector(
                    ICreditNetwork.CreditLimitExceeded.selector,
                    hop,
                    members[a],
                    members[b],
                    limit,
                    uint256(-claim)
                );
        }
        c[a][b] = claim;
        c[b][a] = -claim;
        return "";
    }

    /// @dev Pays along `path` (indices) in the contract and the model; a refusal must match the model's exactly.
    function _payModel(uint256 from, uint256[] memory path, uint256 amount) internal returns (bool ok) {
        int256[N][N] memory c = claimOf;
        bytes memory err;
        uint256 a = from;
        for (uint256 i = 0; i < path.length && err.length == 0; ++i) {
            err = _modelHop(c, i, a, path[i], amount);
            a = path[i];
        }
        address[] memory addrs = new address[](path.length);
        for (uint256 i = 0; i < path.length; ++i) addrs[i] = members[path[i]];
        if (err.length != 0) vm.expectRevert(err);
        vm.prank(members[from]);
        if (path.length == 1 && amount % 2 == 0) network.pay(addrs[0], amount, bytes32(amount));
        else network.payAlong(addrs, amount, bytes32(amount));
        if (err.length == 0) {
            claimOf = c;
            ok = true;
        }
    }

    /// @dev Balances, limits and capacities of the first `k` members equal the model; CN-1 and CN-2 hold.
    function _checkModel(uint256 k) internal {
        int256 total;
        for (uint256 i = 0; i < k; ++i) {
            for (uint256 j = 0; j < k; ++j) {
                int256 b = network.balance(members[i], members[j]);
                assertEq(b, claimOf[i][j], "balance != model");
                assertEq(b, -network.balance(members[j], members[i]), "CN-1: balance not antisymmetric");
                total += b;
                assertEq(network.creditLimit(members[i], members[j]), limitOf[i][j], "limit != model");
                int256 room = claimOf[i][j] + int256(limitOf[j][i]);
                assertEq(network.payCapacity(members[i], members[j]), room > 0 ? uint256(room) : 0, "payCapacity");
                // CN-2: j's debt to i above the limit i gives j only after a cut, and only ever shrinking
                uint256 debt = b > 0 ? uint256(b) : 0;
                if (debt > limitOf[i][j]) {
                    assertTrue(cutBelowDebt[i][j], "CN-2: debt above limit without a cut");
                    assertLe(debt, debtSinceCut[i][j], "CN-2: debt above limit grew");
                    debtSinceCut[i][j] = debt;
                } else {
                    cutBelowDebt[i][j] = false;
                }
            }
        }
        assertEq(total, 0, "CN-1: balances do not sum to zero");
    }

    function _positions() internal view returns (int256[N] memory p) {
        for (uint256 i = 0; i < N; ++i) p[i] = network.netPosition(members[i]);
    }

    function _creditPosition(address account) internal view returns (int256 sum) {
        for (uint256 i = 0; i < N; ++i) sum += network.balance(account, members[i]);
    }

    /// @dev A random permutation of 0..N-1.
    function _permutation(uint256 seed) internal pure returns (uint256[N] memory p) {
        for (uint256 i = 0; i < N; ++i) p[i] = i;
        for (uint256 i = N - 1; i > 0; --i) {
            uint256 j = _rand(seed, i) % (i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
    }

    struct Cycle {
        uint256 k;
        uint256[N] vertices; // v0 -> v1 -> ... -> v(k-1) -> v0 (debtor -> creditor)
        uint256[] ids; // ids[i]: v(i) owes v(i+1), ascending
        uint256[] amounts;
        uint256 min;
    }

    /// @dev A few random background obligations, then a k-cycle of random amounts in [1, maxAmount].
    function _cycle(uint256 seed, uint256 k, uint256 maxAmount) internal returns (Cycle memory cy) {
        for (uint256 b = 0; b < 4; ++b) {
            uint256 r = _rand(seed, 100 + b);
            uint256 d = r % N;
            uint256 c = (d + 1 + ((r >> 8) % (N - 1))) % N;
            _openObligation(d, c, 1 + ((r >> 16) % maxAmount));
        }
        cy.k = k;
        cy.vertices = _permutation(seed);
        cy.ids = new uint256[](k);
        cy.amounts = new uint256[](k);
        cy.min = type(uint256).max;
        for (uint256 i = 0; i < k; ++i) {
            uint256 amount = 1 + (_rand(seed, 200 + i) % maxAmount);
            cy.amounts[i] = amount;
            cy.ids[i] = _openObligation(cy.vertices[i], cy.vertices[(i + 1) % k], amount);
            if (amount < cy.min) cy.min = amount;
        }
    }

    function _uniform(Cycle memory cy, uint256 amount) internal pure returns (ICreditNetwork.SetOff[] memory s) {
        s = new ICreditNetwork.SetOff[](cy.k);
        for (uint256 i = 0; i < cy.k; ++i) s[i] = ICreditNetwork.SetOff(cy.ids[i], amount);
    }

    function _noMoves() internal pure returns (ICreditNetwork.CreditMove[] memory) {
        return new ICreditNetwork.CreditMove[](0);
    }

    function _digest(ICreditNetwork.ObligationTerms memory t) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Cosmolocal Credit"), keccak256("1"), block.chainid, address(network))
        );
        bytes32 structHash = keccak256(
            abi.encode(OBLIGATION_TYPEHASH, t.debtor, t.creditor, t.amount, t.dueDate, t.ref, t.nonce, t.deadline)
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    /// @dev A member signer for `pk` (distinct from the fixed members), and terms it owes members[0].
    function _signedSetup(
        uint256 pk,
        uint256 amount,
        uint256 deadline
    ) internal returns (address signer, ICreditNetwork.ObligationTerms memory t) {
        signer = vm.addr(pk);
        for (uint256 i = 0; i < N; ++i) vm.assume(signer != members[i]);
        network.admitMember(signer);
        t = ICreditNetwork.ObligationTerms({
            debtor: signer,
            creditor: members[0],
            amount: amount,
            dueDate: 1_900_000_000,
            ref: keccak256(abi.encode(pk)),
            nonce: network.signatureNonce(signer, members[0]),
            deadline: deadline
        });
    }

    // ============================================================================== hops (CN-1, CN-2, CN-3)

    /// @notice A random sequence of direct and path payments, limit raises and cuts among 4 members matches the
    /// reference model exactly: every refusal with the model's error (limit, hop, needed), every balance, limit and
    /// payCapacity; balances stay antisymmetric and zero-sum; a debt above its limit exists only after a cut and
    /// only shrinks.
    function testFuzz_HopsMatchReferenceModel(uint256 seed) public {
        _runHops(seed);
    }

    /// @notice The model run is not vacuous: over a few fixed seeds, payments both pass and are refused.
    function test_HopModelRunsAreNotVacuous() public {
        uint256 paid;
        uint256 refused;
        for (uint256 seed = 0; seed < 6; ++seed) {
            (uint256 p, uint256 r) = _runHops(seed);
            paid += p;
            refused += r;
            setUp(); // a fresh network and model for the next seed
            delete claimOf;
            delete limitOf;
            delete cutBelowDebt;
            delete debtSinceCut;
        }
        assertGt(paid, 20, "too few payments passed");
        assertGt(refused, 20, "too few payments refused");
    }

    function _runHops(uint256 seed) internal returns (uint256 paid, uint256 refused) {
        uint256 k = 4;
        for (uint256 g = 0; g < k; ++g) {
            for (uint256 r = 0; r < k; ++r) {
                if (g == r) continue;
                uint256 x = _rand(seed, g * N + r);
                if (x % 4 != 0) _openLine(g, r, 1 + ((x >> 8) % 1000));
            }
        }
        for (uint256 step = 0; step < 32; ++step) {
            uint256 x = _rand(seed, 1000 + step);
            uint256 op = x % 8;
            uint256 a = (x >> 8) % k;
            uint256 b = (x >> 16) % k;
            uint256 c = (x >> 24) % k;
            uint256 amount = 1 + ((x >> 32) % 1200);
            if (op < 6) {
                uint256[] memory path = new uint256[](op < 3 ? 1 : 2);
                path[0] = b;
                if (op >= 3) path[1] = c;
                if (_payModel(a, path, amount)) ++paid;
                else ++refused;
            } else if (a != b) {
                uint256 limit = limitOf[a][b];
                if (op == 6 && limit == 0) {
                    // nothing to cut
                    vm.expectRevert(
                        abi.encodeWithSelector(ICreditNetwork.NoCreditLine.selector, members[a], members[b])
                    );
                    vm.prank(members[a]);
                    network.offerCreditLine(members[b], 0);
                } else if (op == 6) {
                    // a cut applies at once, even below the debt
                    uint256 newLimit = (limit * ((x >> 40) % 100)) / 100;
                    vm.prank(members[a]);
                    network.offerCreditLine(members[b], newLimit);
                    limitOf[a][b] = newLimit;
                    if (claimOf[a][b] > int256(newLimit)) {
                        cutBelowDebt[a][b] = true;
                        debtSinceCut[a][b] = uint256(claimOf[a][b]);
                    }
                } else {
                    _openLine(a, b, limit + 1 + ((x >> 40) % 500)); // a raise, accepted
                }
            }
            _checkModel(k);
        }
    }

    /// @notice After the giver cuts a line below the receiver's debt, the receiver cannot owe more (the exact
    /// limit and amount needed are named), while paying the debt down works at any size.
    function testFuzz_LoweredLimitDebtOnlyShrinks(
        uint256 limit,
        uint256 debt,
        uint256 newLimit,
        uint256 more,
        uint256 paydown
    ) public {
        limit = bound(limit, 2, MAX_LIMIT);
        debt = bound(debt, 2, limit);
        newLimit = bound(newLimit, 0, debt - 1);
        more = bound(more, 1, MAX_LIMIT);
        paydown = bound(paydown, 1, debt);
        (address g, address r) = (members[0], members[1]);
        _openLine(0, 1, limit);
        vm.prank(r);
        network.pay(g, debt, "debt");
        vm.expectEmit(address(network));
        emit ICreditNetwork.CreditLineUpdated(g, r, newLimit);
        vm.prank(g);
        network.offerCreditLine(r, newLimit);
        assertEq(network.balance(g, r), int256(debt), "cut leaves the debt");
        assertEq(network.payCapacity(r, g), 0, "no room above a cut");

        vm.expectRevert(
            newLimit == 0
                ? abi.encodeWithSelector(ICreditNetwork.CreditLineNotAccepted.selector, g, r)
                : abi.encodeWithSelector(ICreditNetwork.CreditLimitExceeded.selector, 0, r, g, newLimit, debt + more)
        );
        vm.prank(r);
        network.pay(g, more, "more");

        vm.prank(g);
        network.pay(r, paydown, "paydown"); // the giver pays the receiver: its claim shrinks
        uint256 left = debt - paydown;
        assertEq(network.balance(r, g), -int256(left));
        assertEq(network.payCapacity(r, g), left < newLimit ? newLimit - left : 0, "room once the debt fits");
    }

    /// @notice A path payment moves `amount` from the payer to the receiver and leaves every intermediary's
    /// credit position unchanged (CN-3), whatever the path length and the balances the intermediaries held.
    function testFuzz_PathLeavesIntermediariesUnchanged(uint256 seed, uint256 hops, uint256 amount) public {
        hops = bound(hops, 1, N - 1);
        amount = bound(amount, 1, 1e30);
        // line i+1 -> i with room for the payment, and random earlier trade on it
        for (uint256 i = 0; i < hops; ++i) {
            uint256 pre = _rand(seed, i) % 1e30;
            _openLine(i + 1, i, amount + pre);
            if (pre > 0) {
                vm.prank(members[i]);
                network.pay(members[i + 1], pre, "earlier");
            }
        }
        int256[N] memory before;
        for (uint256 i = 0; i < N; ++i) before[i] = _creditPosition(members[i]);
        address[] memory path = new address[](hops);
        for (uint256 i = 0; i < hops; ++i) path[i] = members[i + 1];
        vm.expectEmit(address(network));
        emit ICreditNetwork.Paid(members[0], members[hops], amount, hops, bytes32(seed));
        vm.prank(members[0]);
        network.payAlong(path, amount, bytes32(seed));
        int256 total;
        for (uint256 i = 0; i < N; ++i) {
            int256 p = _creditPosition(members[i]);
            total += p;
            int256 expected = before[i];
            if (i == 0) expected -= int256(amount);
            else if (i == hops) expected += int256(amount);
            assertEq(p, expected, "CN-3: position of a path member");
        }
        assertEq(total, 0, "CN-1");
    }

    // ================================================================================ clearing (CN-3, CN-4, CN-5)

    /// @notice Setting off a random cycle (length 2..8, random amounts, among background obligations) by any
    /// amount up to its smallest obligation leaves every net position and NID unchanged and lowers the
    /// outstanding total by exactly k * setOff.
    function testFuzz_ClearingRandomCycleConservesNetPositions(uint256 seed, uint256 len, uint256 setOff) public {
        uint256 k = bound(len, 2, N);
        Cycle memory cy = _cycle(seed, k, 1e24);
        setOff = bound(setOff, 1, cy.min);
        int256[N] memory before = _positions();
        uint256 nid = network.netInternalDebt();
        uint256 outstanding = network.outstanding();

        vm.expectEmit(address(network));
        emit ICreditNetwork.ClearingCompleted(1, address(this), bytes32(seed), outstanding, k * setOff, 0, nid, k);
        assertEq(network.clear(bytes32(seed), _uniform(cy, setOff), _noMoves()), 1);

        int256[N] memory afterwards = _positions();
        int256 sum;
        uint256 positive;
        for (uint256 i = 0; i < N; ++i) {
            assertEq(afterwards[i], before[i], "CN-3: net position changed by clearing");
            sum += afterwards[i];
            if (afterwards[i] > 0) positive += uint256(afterwards[i]);
        }
        assertEq(sum, 0, "net positions sum to zero");
        assertEq(network.netInternalDebt(), nid, "NID changed without credit moves");
        assertEq(network.netInternalDebt(), positive, "CN-5: NID != sum of positive positions");
        assertEq(network.outstanding(), outstanding - k * setOff, "CN-4: outstanding");
        assertLe(network.netInternalDebt(), network.outstanding(), "CN-5: NID > outstanding");
        for (uint256 i = 0; i < k; ++i) {
            ICreditNetwork.Obligation memory o = network.obligation(cy.ids[i]);
            assertEq(o.remaining, cy.amounts[i] - setOff, "CN-4: remaining");
            assertEq(
                uint8(o.status),
                uint8(o.remaining == 0 ? ICreditNetwork.ObligationStatus.Settled : ICreditNetwork.ObligationStatus.Open)
            );
        }
    }

    /// @notice Two successive clearings of the same cycle: the second is refused, naming the first obligation
    /// whose remaining it exceeds, exactly when it asks for more than is left (CN-4: set-offs never exceed the
    /// remaining amount, which never grows).
    function testFuzz_SetOffsNeverExceedRemaining(uint256 seed, uint256 len, uint256 first, uint256 second) public {
        uint256 k = bound(len, 2, N);
        Cycle memory cy = _cycle(seed, k, 1e18);
        first = bound(first, 1, cy.min);
        second = bound(second, 1, cy.min + 1e18);
        network.clear(bytes32(0), _uniform(cy, first), _noMoves());
        uint256 failAt = type(uint256).max;
        for (uint256 i = 0; i < k && failAt == type(uint256).max; ++i) {
            if (cy.amounts[i] - first == 0) {
                failAt = i;
                vm.expectRevert(
                    abi.encodeWithSelector(
                        ICreditNetwork.WrongObligationStatus.selector,
                        cy.ids[i],
                        ICreditNetwork.ObligationStatus.Settled,
                        ICreditNetwork.ObligationStatus.Open
                    )
                );
            } else if (cy.amounts[i] - first < second) {
                failAt = i;
                vm.expectRevert(
                    abi.encodeWithSelector(
                        ICreditNetwork.SetOffExceedsRemaining.selector,
                        cy.ids[i],
                        cy.amounts[i] - first,
                        second
                    )
                );
            }
        }
        network.clear(bytes32(uint256(1)), _uniform(cy, second), _noMoves());
        uint256 cleared = first + (failAt == type(uint256).max ? second : 0);
        for (uint256 i = 0; i < k; ++i) {
            ICreditNetwork.Obligation memory o = network.obligation(cy.ids[i]);
            assertEq(o.remaining, cy.amounts[i] - cleared, "CN-4: remaining");
            assertLe(o.remaining, o.amount, "CN-4: remaining > amount");
        }
        assertEq(network.epochCount(), failAt == type(uint256).max ? 2 : 1);
    }

    /// @notice A batch that sets off one edge of a cycle by `d` less than the others is refused, naming the first
    /// vertex (in the order the batch touches them) and its exact imbalance.
    function testFuzz_NonConservingBatchReverts(uint256 seed, uint256 len, uint256 s, uint256 j, uint256 d) public {
        uint256 k = bound(len, 2, N);
        Cycle memory cy = _cycle(seed, k, 1e24);
        s = bound(s, 2, cy.min < 2 ? 2 : cy.min);
        vm.assume(s <= cy.min);
        j = bound(j, 0, k - 1);
        d = bound(d, 1, s - 1);
        ICreditNetwork.SetOff[] memory batch = _uniform(cy, s);
        batch[j].amount = s - d;
        // vertex v(i) changes by setOff(i) - setOff(i - 1): v(j) by -d, v(j + 1) by +d
        if (j + 1 < k) {
            vm.expectRevert(
                abi.encodeWithSelector(ICreditNetwork.VertexNotConserved.selector, members[cy.vertices[j]], -int256(d))
            );
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(ICreditNetwork.VertexNotConserved.selector, members[cy.vertices[0]], int256(d))
            );
        }
        network.clear(bytes32(0), batch, _noMoves());
    }

    /// @notice A credit move (A owes B, B owes C; A pays C on the line C gives A) succeeds exactly when it fits
    /// the line; then every member's combined position (obligation net position + credit position) is unchanged
    /// (CN-3), the debt moved onto the line, and NID equals the sum of positive net positions (CN-5).
    function testFuzz_CreditMoveConservesCombinedPositions(uint256 x, uint256 y, uint256 limit, uint256 t) public {
        x = bound(x, 1, MAX_OBLIGATION);
        y = bound(y, 1, MAX_OBLIGATION);
        limit = bound(limit, 0, MAX_OBLIGATION);
        t = bound(t, 1, x < y ? x : y);
        // members[0] owes members[1] x, members[1] owes members[2] y; members[2] gives members[0] a line
        (ICreditNetwork.SetOff[] memory s, ICreditNetwork.CreditMove[] memory moves) = _chain(x, y, limit, t);
        int256[3] memory combined;
        for (uint256 i = 0; i < 3; ++i) combined[i] = network.netPosition(members[i]) + _creditPosition(members[i]);
        if (t > limit) {
            vm.expectRevert(
                limit == 0
                    ? abi.encodeWithSelector(ICreditNetwork.CreditLineNotAccepted.selector, members[2], members[0])
                    : abi.encodeWithSelector(
                        ICreditNetwork.CreditLimitExceeded.selector,
                        0,
                        members[0],
                        members[2],
                        limit,
                        t
                    )
            );
            network.clear(bytes32(0), s, moves);
            return;
        }
        // net positions after: members[0] t - x, members[1] x - y, members[2] y - t
        uint256 nid = (x > y ? x - y : 0) + (y - t);
        vm.expectEmit(address(network));
        emit ICreditNetwork.ClearingCompleted(1, address(this), bytes32(0), x + y, 2 * t, t, nid, 2);
        network.clear(bytes32(0), s, moves);

        assertEq(network.balance(members[0], members[2]), -int256(t), "debt moved onto the line");
        assertEq(network.netPosition(members[0]), int256(t) - int256(x));
        assertEq(network.netPosition(members[1]), int256(x) - int256(y));
        assertEq(network.netPosition(members[2]), int256(y) - int256(t));
        assertEq(network.netInternalDebt(), nid, "CN-5");
        assertEq(network.outstanding(), x + y - 2 * t, "CN-4");
        for (uint256 i = 0; i < 3; ++i) {
            assertEq(
                network.netPosition(members[i]) + _creditPosition(members[i]),
                combined[i],
                "CN-3: combined position changed"
            );
        }
    }

    function _chain(
        uint256 x,
        uint256 y,
        uint256 limit,
        uint256 t
    ) internal returns (ICreditNetwork.SetOff[] memory s, ICreditNetwork.CreditMove[] memory moves) {
        s = new ICreditNetwork.SetOff[](2);
        s[0] = ICreditNetwork.SetOff(_openObligation(0, 1, x), t);
        s[1] = ICreditNetwork.SetOff(_openObligation(1, 2, y), t);
        if (limit > 0) _openLine(2, 0, limit);
        moves = new ICreditNetwork.CreditMove[](1);
        moves[0] = ICreditNetwork.CreditMove(members[0], members[2], t);
    }

    // ======================================================================================= signatures (CN-6)

    /// @notice Terms signed by the debtor (digest computed independently here) are recorded Open by the creditor
    /// until the deadline inclusive, once: the replay fails on the used nonce, the next nonce works.
    function testFuzz_SignedObligationOnceBeforeDeadline(
        uint256 pk,
        uint256 amount,
        uint32 ttl,
        uint32 elapsed
    ) public {
        pk = _boundPk(pk);
        amount = bound(amount, 1, MAX_OBLIGATION);
        (address signer, ICreditNetwork.ObligationTerms memory t) = _signedSetup(pk, amount, block.timestamp + ttl);
        bytes memory sig = _sign(pk, _digest(t));
        vm.warp(block.timestamp + bound(elapsed, 0, ttl));
        vm.expectEmit(address(network));
        emit ICreditNetwork.ObligationAccepted(1, signer);
        vm.prank(members[0]);
        assertEq(network.recordSignedObligation(t, sig), 1);
        uint256 key = uint256(uint160(members[0])) << 64; // nonces are keyed by the recording party
        assertEq(t.nonce, key);
        assertEq(network.signatureNonce(signer, members[0]), key | 1);
        assertEq(network.netPosition(signer), -int256(amount));
        assertEq(network.outstanding(), amount);

        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, key | 1));
        vm.prank(members[0]);
        network.recordSignedObligation(t, sig);

        t.nonce = key | 1;
        vm.prank(members[0]);
        network.recordSignedObligation(t, _sign(pk, _digest(t)));
        assertEq(network.signatureNonce(signer, members[0]), key | 2);
        assertEq(network.obligationCount(), 2);
    }

    /// @notice After the deadline, signed terms are refused.
    function testFuzz_SignedObligationExpired(uint256 pk, uint32 ttl, uint32 late) public {
        pk = _boundPk(pk);
        uint256 deadline = block.timestamp + ttl;
        (, ICreditNetwork.ObligationTerms memory t) = _signedSetup(pk, 5, deadline);
        bytes memory sig = _sign(pk, _digest(t));
        vm.warp(deadline + bound(late, 1, type(uint32).max));
        vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.SignatureExpired.selector, deadline, block.timestamp));
        vm.prank(members[0]);
        network.recordSignedObligation(t, sig);
    }

    /// @notice A signature by anyone but the other party, or over other terms, is refused.
    function testFuzz_SignedObligationWrongSignerOrTerms(uint256 pk, uint256 otherPk, uint256 amount) public {
        pk = _boundPk(pk);
        otherPk = _boundPk(otherPk);
        vm.assume(pk != otherPk);
        amount = bound(amount, 1, MAX_OBLIGATION);
        (address signer, ICreditNetwork.ObligationTerms memory t) = _signedSetup(pk, amount, block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.InvalidSignature.selector, signer));
        vm.prank(members[0]);
        network.recordSignedObligation(t, _sign(otherPk, _digest(t)));

        bytes memory sig = _sign(pk, _digest(t));
        t.amount = amount == 1 ? 2 : amount - 1;
        vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.InvalidSignature.selector, signer));
        vm.prank(members[0]);
        network.recordSignedObligation(t, sig);
        assertEq(network.signatureNonce(signer, members[0]), uint256(uint160(members[0])) << 64);
    }

    /// @notice Finding 9: the signer cancels `cancels` outstanding nonces towards members[0] one by one; every terms
    /// signed with a cancelled nonce are refused, terms with the next nonce are recorded, and the signer's nonces
    /// towards another member are untouched.
    function testFuzz_Finding9_CancelledNoncesVoidSignedTerms(uint256 pk, uint8 cancels) public {
        pk = _boundPk(pk);
        cancels = uint8(bound(cancels, 1, 8));
        (address signer, ICreditNetwork.ObligationTerms memory t) = _signedSetup(pk, 7, block.timestamp + 1);
        uint256 key = uint256(uint160(members[0])) << 64;
        bytes memory first = _sign(pk, _digest(t));
        for (uint256 i = 0; i < cancels; ++i) {
            vm.expectEmit(address(network));
            emit ICreditNetwork.NonceCancelled(signer, members[0], key | i);
            vm.prank(signer);
            network.cancelNonce(members[0], key | i);
        }
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, key | cancels));
        vm.prank(members[0]);
        network.recordSignedObligation(t, first);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditNetwork.NonceNotNext.selector, signer, members[0], key, key | cancels)
        );
        vm.prank(signer);
        network.cancelNonce(members[0], key);

        t.nonce = key | cancels;
        vm.prank(members[0]);
        assertEq(network.recordSignedObligation(t, _sign(pk, _digest(t))), 1);
        assertEq(network.signatureNonce(signer, members[1]), uint256(uint160(members[1])) << 64);
    }

    // ============================================================================================ input bounds

    /// @notice Amounts above MAX_LIMIT (payments, limits, credit moves) and MAX_OBLIGATION (obligations) are
    /// refused with the bound named; amounts at the bounds are accepted.
    function testFuzz_AmountBounds(uint256 amount) public {
        (address a, address b) = (members[0], members[1]);
        uint256 tooLarge = bound(amount, MAX_LIMIT + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.AmountTooLarge.selector, tooLarge, MAX_LIMIT));
        vm.prank(a);
        network.pay(b, tooLarge, "");
        vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.AmountTooLarge.selector, tooLarge, MAX_LIMIT));
        vm.prank(a);
        network.offerCreditLine(b, tooLarge);

        uint256 obligationTooLarge = bound(amount, MAX_OBLIGATION + 1, type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditNetwork.AmountTooLarge.selector, obligationTooLarge, MAX_OBLIGATION)
        );
        vm.prank(a);
        network.recordObligation(a, b, obligationTooLarge, 0, bytes32(0));

        uint256 fits = bound(amount, 1, MAX_OBLIGATION);
        vm.prank(a);
        uint256 id = network.recordObligation(a, b, fits, 0, bytes32(0));
        vm.prank(b);
        network.acceptObligation(id);
        assertEq(network.outstanding(), fits);
    }
}
