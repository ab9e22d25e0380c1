// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ImpactRegistry} from "../../contracts/impact/ImpactRegistry.sol";
import {ImpactMarket} from "../../contracts/impact/ImpactMarket.sol";
import {IImpactRegistry} from "../../contracts/impact/IImpactRegistry.sol";
import {IImpactMarket} from "../../contracts/impact/IImpactMarket.sol";
import {IRetirementCertificates} from "../../contracts/impact/IRetirementCertificates.sol";
import {FeeOnTransferERC20} from "../../contracts/mocks/FeeOnTransferERC20.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {FuzzBase} from "../utils/FuzzBase.sol";

/// @notice Fuzz tests of the impact module against reference computations written here: the verified amount is the
/// minimum of k approvals and at most the claim (IM-1, IM-5), votes settle at the k-th approval or rejection, the
/// EIP-712 digest and signed approvals (expired, replayed, wrong signer), the unordered nonce bitmap, frozen units
/// after revocations (IM-6, also through batches listing an id twice), retirement conservation (IM-2), the matching
/// math of rounds (never above the ratio, the round's funds, its caps or the listing; rounded toward the pool; the
/// largest such match: IM-8), purchase accounting (IM-4), fee-on-transfer refusal and input bounds. The registry's
/// admin is an OpenZeppelin TimelockController with this contract as proposer and executor and no delay. Invariant
/// IDs (IM-1..IM-8) refer to docs/invariants.md.
contract ImpactFuzzTest is FuzzBase {
    uint256 internal constant K_MAX = 16;
    uint256 internal constant BPS = 10_000;
    uint48 internal constant MAX_UNITS = type(uint48).max;
    bytes32 internal constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(address verifier,uint256 claimId,uint256 verifiedUnits,bytes32 reportHash,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    TimelockController internal timelock;
    ImpactRegistry internal registry;
    ImpactMarket internal market;
    IRetirementCertificates internal certificates;
    bytes32 internal verifierRole;
    address[K_MAX] internal verifiers;
    uint256[K_MAX] internal keys;
    address internal claimant;
    address internal buyer;
    address internal funder;
    uint24 internal today;
    uint256 internal salt;
    uint256 internal evidence;

    function setUp() public {
        vm.warp(1_750_000_000);
        address[] memory self = new address[](1);
        self[0] = address(this);
        timelock = new TimelockController(1 hours, self, self, address(0));
        registry = new ImpactRegistry(address(timelock), "");
        market = new ImpactMarket(address(registry));
        certificates = IRetirementCertificates(registry.certificates());
        verifierRole = registry.VERIFIER_ROLE();
        for (uint256 i = 0; i < K_MAX; ++i) {
            (verifiers[i], keys[i]) = makeAddrAndKey(string.concat("verifier", vm.toString(i)));
            _gov(abi.encodeCall(IAccessControl.grantRole, (verifierRole, verifiers[i])));
            // methodology k has threshold k
            _gov(abi.encodeCall(IImpactRegistry.setMethodology, (uint8(i + 1), uint8(i + 1), true, "m")));
        }
        claimant = makeAddr("claimant");
        buyer = makeAddr("buyer");
        funder = makeAddr("funder");
        vm.prank(claimant);
        registry.setApprovalForAll(address(market), true);
        today = uint24(block.timestamp / 1 days); // after the governance calls have waited out the timelock
    }

    // ================================================================================================ helpers

    /// @dev Runs `data` on the registry through the timelock (schedule, wait out the delay, execute).
    function _gov(bytes memory data) internal {
        bytes32 s = _schedule(data);
        timelock.execute(address(registry), 0, data, bytes32(0), s);
    }

    function _schedule(bytes memory data) internal returns (bytes32 s) {
        s = bytes32(++salt);
        timelock.schedule(address(registry), 0, data, bytes32(0), s, 1 hours);
        vm.warp(block.timestamp + 1 hours);
    }

    /// @dev What a buyer names for `units` of `id` at `price` each: the listing's currency and current version.
    function _terms(
        uint256 id,
        address currency,
        uint256 maxCost
    ) internal view returns (IImpactMarket.BuyTerms memory) {
        return IImpactMarket.BuyTerms(currency, market.getListing(id).version, maxCost);
    }

    function _input(uint48 units, uint8 methodologyId) internal returns (IImpactRegistry.ClaimInput memory) {
        return
            IImpactRegistry.ClaimInput({
                units: units,
                methodologyId: methodologyId,
                startDay: today - 30,
                endDay: today - 1,
                jurisdiction: bytes8("NL"),
                evidenceHash: keccak256(abi.encode("evidence", ++evidence)),
                evidenceURI: "ipfs://evidence",
                externalSerial: ""
            });
    }

    function _submit(uint48 units, uint8 methodologyId) internal returns (uint256 id) {
        vm.prank(claimant);
        id = registry.submitClaim(_input(units, methodologyId));
    }

    /// @dev A claim of the claimant verified (k = 1) at `units`.
    function _verified(uint48 units) internal returns (uint256 id) {
        id = _submit(units, 1);
        vm.prank(verifiers[0]);
        registry.attest(id, units, bytes32(0));
    }

    function _digest(IImpactRegistry.Attestation memory a) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256("Cosmolocal ImpactRegistry"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(ATTESTATION_TYPEHASH, a.verifier, a.claimId, a.verifiedUnits, a.reportHash, a.nonce, a.deadline)
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    // ================================================================================= attestations (IM-1, IM-5)

    /// @notice For every k in 1..16 and random approvals <= claimed, the verified amount is their running minimum,
    /// nothing is minted before the k-th, and the k-th mints exactly the minimum to the claimant.
    function testFuzz_VerifiedIsMinOfApprovals(uint256 kSeed, uint48 claimedSeed, uint256[K_MAX] memory units) public {
        uint256 k = bound(kSeed, 1, K_MAX);
        uint48 claimed = uint48(bound(claimedSeed, 1, MAX_UNITS));
        uint256 id = _submit(claimed, uint8(k));
        uint256 min = type(uint256).max;
        for (uint256 i = 0; i < k; ++i) {
            uint256 u = bound(units[i], 1, claimed);
            min = Math.min(min, u);
            vm.prank(verifiers[i]);
            registry.attest(id, u, bytes32(i));
            IImpactRegistry.Claim memory c = registry.getClaim(id);
            assertEq(c.verifiedUnits, min, "IM-5: verified != running minimum");
            assertEq(c.approvals, i + 1, "approvals");
            if (i + 1 < k) {
                assertEq(uint8(c.status), uint8(IImpactRegistry.ClaimStatus.Submitted), "settled early");
                assertEq(registry.balanceOf(claimant, id), 0, "IM-1: units before verification");
            }
        }
        IImpactRegistry.Claim memory f = registry.getClaim(id);
        assertEq(uint8(f.status), uint8(IImpactRegistry.ClaimStatus.Verified), "not verified at k");
        assertLe(f.verifiedUnits, f.claimedUnits, "IM-5: verified above claimed");
        assertEq(registry.balanceOf(claimant, id), min, "IM-1: minted != verified");
        if (k < K_MAX) {
            vm.prank(verifiers[k]);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IImpactRegistry.ClaimNotPending.selector,
                    id,
                    IImpactRegistry.ClaimStatus.Verified
                )
            );
            registry.attest(id, 1, bytes32(0));
        }
    }

    /// @notice An approval above the claimed amount is refused with the exact amounts; at the claim it passes.
    function testFuzz_AttestAboveClaimedReverts(uint48 claimedSeed, uint256 units) public {
        uint48 claimed = uint48(bound(claimedSeed, 1, MAX_UNITS));
        units = bound(units, uint256(claimed) + 1, type(uint256).max);
        uint256 id = _submit(claimed, 2);
        vm.prank(verifiers[0]);
        vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.AttestedAboveClaimed.selector, id, claimed, units));
        registry.attest(id, units, bytes32(0));
        vm.prank(verifiers[0]);
        registry.attest(id, claimed, bytes32(0));
        assertEq(registry.getClaim(id).verifiedUnits, claimed);
    }

    /// @notice A random sequence of approvals and rejections by distinct verifiers settles at whichever reaches k
    /// first, and every later vote is refused with ClaimNotPending.
    function testFuzz_VotesSettleAtK(uint256 kSeed, uint256 pattern) public {
        uint256 k = bound(kSeed, 1, 8);
        uint256 id = _submit(1000, uint8(k));
        uint256 approvals;
        uint256 rejections;
        IImpactRegistry.ClaimStatus expected = IImpactRegistry.ClaimStatus.Submitted;
        for (uint256 i = 0; i < K_MAX; ++i) {
            bool approve = (pattern >> i) & 1 == 1;
            vm.prank(verifiers[i]);
            if (expected != IImpactRegistry.ClaimStatus.Submitted) {
                vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.ClaimNotPending.selector, id, expected));
            }
            if (approve) registry.attest(id, 1000 - i, bytes32(0));
            else registry.reject(id, bytes32(0));
            if (expected != IImpactRegistry.ClaimStatus.Submitted) continue;
            if (approve && ++approvals == k) expected = IImpactRegistry.ClaimStatus.Verified;
            if (!approve && ++rejections == k) expected = IImpactRegistry.ClaimStatus.Rejected;
            assertEq(uint8(registry.getClaim(id).status), uint8(expected), "status");
        }
        IImpactRegistry.Claim memory c = registry.getClaim(id);
        assertEq(c.approvals, approvals, "approvals");
        assertEq(c.rejections, rejections, "rejections");
        uint256 minted = registry.balanceOf(claimant, id);
        if (expected == IImpactRegistry.ClaimStatus.Verified) assertEq(minted, c.verifiedUnits, "IM-1");
        else assertEq(minted, 0, "IM-1: units without verification");
    }

    // ========================================================================================= signatures

    /// @notice The contract's digest equals an independent EIP-712 computation; a signed approval passes once
    /// (replay: NonceAlreadyUsed), and is refused after its deadline or when signed by someone else.
    function testFuzz_SignedAttestation(
        uint256 nonce,
        uint256 ttl,
        uint48 unitsSeed,
        bytes32 report,
        uint256 otherKey
    ) public {
        uint256 id = _submit(MAX_UNITS, 2);
        ttl = bound(ttl, 0, 365 days);
        IImpactRegistry.Attestation memory a = IImpactRegistry.Attestation({
            verifier: verifiers[1],
            claimId: id,
            verifiedUnits: bound(unitsSeed, 1, MAX_UNITS),
            reportHash: report,
            nonce: nonce,
            deadline: block.timestamp + ttl
        });
        bytes32 digest = _digest(a);
        assertEq(registry.attestationDigest(a), digest, "digest");
        // wrong signer
        otherKey = bound(otherKey, 1, 2 ** 128);
        vm.assume(otherKey != keys[1]);
        vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.InvalidSignature.selector, verifiers[1]));
        registry.attestBySig(a, _sign(otherKey, digest));
        // expired: the same approval with a deadline before now
        IImpactRegistry.Attestation memory e = IImpactRegistry.Attestation({
            verifier: a.verifier,
            claimId: a.claimId,
            verifiedUnits: a.verifiedUnits,
            reportHash: a.reportHash,
            nonce: a.nonce,
            deadline: block.timestamp - 1 - ttl
        });
        vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.SignatureExpired.selector, e.deadline, block.timestamp));
        registry.attestBySig(e, _sign(keys[1], _digest(e)));
        assertFalse(registry.nonceUsed(verifiers[1], nonce), "refused approval used the nonce");
        // valid at the deadline, once
        vm.warp(a.deadline);
        registry.attestBySig(a, _sign(keys[1], digest));
        assertTrue(registry.nonceUsed(verifiers[1], nonce), "nonce not used");
        assertTrue(registry.hasVoted(id, verifiers[1]), "vote not recorded");
        assertEq(registry.getClaim(id).verifiedUnits, a.verifiedUnits, "units");
        vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.NonceAlreadyUsed.selector, verifiers[1], nonce));
        registry.attestBySig(a, _sign(keys[1], digest));
    }

    /// @notice Nonces are independent bits: using one marks only it, for only its verifier.
    function testFuzz_NonceBitmap(uint256 n1, uint256 n2) public {
        vm.prank(verifiers[2]);
        registry.invalidateNonce(n1);
        assertTrue(registry.nonceUsed(verifiers[2], n1));
        assertFalse(registry.nonceUsed(verifiers[3], n1), "other verifier");
        if (n2 != n1) {
            assertFalse(registry.nonceUsed(verifiers[2], n2), "neighbour marked");
            vm.prank(verifiers[2]);
            registry.invalidateNonce(n2);
            assertTrue(registry.nonceUsed(verifiers[2], n2));
        }
        vm.prank(verifiers[2]);
        vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.NonceAlreadyUsed.selector, verifiers[2], n1));
        registry.invalidateNonce(n1);
    }

    // ============================================================================================ frozen (IM-6)

    /// @notice After random sales and two revocations, frozen = min(total revoked, claimant balance at the last
    /// revocation), never decreasing; a move (single, or a batch listing the id twice) passes iff it leaves the
    /// frozen units behind, else reverts UnitsFrozen with the exact amounts.
    function testFuzz_FrozenMath(
        uint48 verifiedSeed,
        uint256 sold,
        uint256 r1,
        uint256 r2,
        uint256 back,
        uint256 x,
        uint256 y
    ) public {
        uint48 verified = uint48(bound(verifiedSeed, 2, MAX_UNITS));
        uint256 id = _verified(verified);
        sold = bound(sold, 0, verified);
        vm.prank(claimant);
        registry.safeTransferFrom(claimant, buyer, id, sold, "");
        r1 = bound(r1, 1, verified - 1);
        vm.prank(verifiers[1]);
        registry.revoke(id, r1, bytes32(0), "");
        uint256 frozen = Math.min(r1, verified - sold);
        assertEq(registry.getClaim(id).frozenUnits, frozen, "frozen after first revocation");
        // the buyer sends some units back; then a second revocation
        back = bound(back, 0, sold);
        vm.prank(buyer);
        registry.safeTransferFrom(buyer, claimant, id, back, "");
        uint256 balance = verified - sold + back;
        // finding 2: units that come back are frozen again, up to the revoked amount
        assertEq(registry.getClaim(id).frozenUnits, Math.min(r1, balance), "refrozen on return");
        r2 = bound(r2, 1, verified - r1);
        vm.prank(verifiers[2]);
        registry.revoke(id, r2, bytes32(0), "");
        uint256 frozen2 = Math.min(r1 + r2, balance);
        assertGe(frozen2, frozen, "frozen decreased");
        assertEq(registry.getClaim(id).frozenUnits, frozen2, "frozen after second revocation");
        assertEq(registry.sellableUnits(id), balance - frozen2, "sellable");
        _moveTwice(id, balance, frozen2, bound(x, 0, balance), bound(y, 0, balance));
        assertGe(registry.balanceOf(claimant, id), frozen2, "IM-6: frozen units left the claimant");
        assertEq(registry.balanceOf(claimant, id) + registry.balanceOf(buyer, id), verified, "units conserved");
    }

    /// @dev A batch listing `id` twice (x, then y): it must fit in the sellable units as a whole.
    function _moveTwice(uint256 id, uint256 balance, uint256 frozen, uint256 x, uint256 y) internal {
        uint256[] memory ids = new uint256[](2);
        uint256[] memory values = new uint256[](2);
        (ids[0], ids[1], values[0], values[1]) = (id, id, x, y);
        if (x + y > balance - frozen) {
            vm.expectRevert(
                abi.encodeWithSelector(IImpactRegistry.UnitsFrozen.selector, id, claimant, frozen, balance, x + y)
            );
        }
        vm.prank(claimant);
        registry.safeBatchTransferFrom(claimant, buyer, ids, values, "");
    }

    // ======================================================================================= retirement (IM-2)

    /// @notice Retirements burn exactly what they certify: balances + retired = verified after each; retiring more
    /// than held reverts ERC1155InsufficientBalance with the exact amounts.
    function testFuzz_RetireConserves(uint48 verifiedSeed, uint256 sold, uint256 a, uint256 b, uint256 over) public {
        uint48 verified = uint48(bound(verifiedSeed, 1, MAX_UNITS));
        uint256 id = _verified(verified);
        sold = bound(sold, 0, verified);
        vm.prank(claimant);
        registry.safeTransferFrom(claimant, buyer, id, sold, "");
        a = bound(a, 1, verified);
        b = bound(b, 1, verified);
        uint256 retired;
        (address[2] memory who, uint256[2] memory amounts) = ([claimant, buyer], [a, b]);
        for (uint256 i = 0; i < 2; ++i) {
            uint256 held = registry.balanceOf(who[i], id);
            vm.prank(who[i]);
            if (amounts[i] > held) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IERC1155Errors.ERC1155InsufficientBalance.selector,
                        who[i],
                        held,
                        amounts[i],
                        id
                    )
                );
                registry.retire(id, amounts[i], "Fuzz", "");
                continue;
            }
            uint256 certificateId = registry.retire(id, amounts[i], "Fuzz", "");
            retired += amounts[i];
            IRetirementCertificates.Certificate memory c = certificates.getCertificate(certificateId);
            assertEq(c.units, amounts[i], "certificate units");
            assertEq(c.claimId, id, "certificate claim");
            assertEq(
                registry.balanceOf(claimant, id) + registry.balanceOf(buyer, id) + registry.getClaim(id).retiredUnits,
                verified,
                "IM-2: retired + outstanding != minted"
            );
        }
        assertEq(registry.getClaim(id).retiredUnits, retired, "retired");
        uint256 left = registry.balanceOf(buyer, id);
        over = bound(over, left + 1, type(uint256).max);
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, buyer, left, over, id)
        );
        registry.retire(id, over, "Fuzz", "");
    }

    /// @notice A beneficiary is valid iff it has 1..128 bytes.
    function testFuzz_BeneficiaryLength(uint256 len) public {
        len = bound(len, 0, 300);
        uint256 id = _verified(1000);
        bytes memory name = new bytes(len);
        for (uint256 i = 0; i < len; ++i) name[i] = "a";
        vm.prank(claimant);
        if (len == 0 || len > 128) {
            vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.InvalidBeneficiary.selector, len, 128));
        }
        registry.retire(id, 1, string(name), "");
    }

    /// @notice A period is valid iff startDay <= endDay <= today.
    function testFuzz_PeriodValidation(uint24 startDay, uint24 endDay) public {
        IImpactRegistry.ClaimInput memory input = _input(1000, 1);
        (input.startDay, input.endDay) = (startDay, endDay);
        vm.prank(claimant);
        if (startDay > endDay || endDay > today) {
            vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.InvalidPeriod.selector, startDay, endDay, today));
        }
        registry.submitClaim(input);
    }

    // =========================================================================================== market (IM-4, IM-8)

    struct MatchCase {
        uint256 price;
        uint256 bps;
        uint256 listed;
        uint256 deposit;
        uint256 capClaim;
        uint256 capBuyer;
    }

    /// @dev What the test expects of the listing and the round between purchases.
    struct MatchState {
        uint256 id;
        uint256 roundId;
        uint256 remaining;
        uint256 roundLeft;
        uint256 spent;
        uint256 proceeds;
    }

    /// @dev The round's budget for the buyer: its funds, cut to what is left of both caps (one buyer here).
    function _budget(MatchCase memory c, MatchState memory st) internal pure returns (uint256) {
        uint256 forClaim = c.capClaim > st.spent ? c.capClaim - st.spent : 0;
        uint256 forBuyer = c.capBuyer > st.spent ? c.capBuyer - st.spent : 0;
        return Math.min(st.roundLeft, Math.min(forClaim, forBuyer));
    }

    /// @notice Two matched purchases: the match equals the reference (ratio, funds, caps, listing; every division
    /// rounded down), is the largest whole number of units within all bounds, never pays above the ratio, the
    /// round's funds or a cap, and the market holds exactly the proceeds plus the round's remainder.
    function testFuzz_MatchMath(
        uint256 priceSeed,
        uint256 bpsSeed,
        uint256 listedSeed,
        uint256 depositSeed,
        uint256 capClaimSeed,
        uint256 capBuyerSeed,
        uint256 u1,
        uint256 u2
    ) public {
        MatchCase memory c = MatchCase({
            price: bound(priceSeed, 1, 1e15),
            bps: bound(bpsSeed, 1, 50_000),
            listed: bound(listedSeed, 1, 1e9),
            deposit: 0,
            capClaim: 0,
            capBuyer: 0
        });
        c.deposit = bound(depositSeed, 0, c.price * c.listed * 2);
        c.capClaim = bound(capClaimSeed, 0, c.price * c.listed * 2);
        c.capBuyer = bound(capBuyerSeed, 0, c.price * c.listed * 2);
        MatchState memory st;
        st.id = _verified(uint48(c.listed));
        vm.prank(claimant);
        market.list(st.id, address(0), uint96(c.price), uint48(c.listed));
        vm.deal(funder, c.deposit);
        vm.prank(funder);
        st.roundId = market.createRound{value: c.deposit}(
            IImpactMarket.RoundConfig({
                currency: address(0),
                matchBps: uint16(c.bps),
                endTime: uint40(block.timestamp + 1 days),
                maxPricePerUnit: uint96(c.price),
                capPerClaim: uint128(c.capClaim),
                capPerBuyer: uint128(c.capBuyer),
                methodologyMask: 1 << 1,
                name: "Fuzz round",
                allowListOnly: false,
                acceptsRevokedClaims: false
            }),
            c.deposit
        );
        (st.remaining, st.roundLeft) = (c.listed, c.deposit);
        _matchedPurchase(c, st, bound(u1, 1, c.listed));
        _matchedPurchase(c, st, bound(u2, 1, c.listed));
        // every unit the round paid for was retired (IM-8), every unit sold is held or retired (IM-2)
        uint256 retired = registry.getClaim(st.id).retiredUnits;
        assertEq(retired * c.price, st.spent, "IM-8: paid units not retired");
        assertEq(registry.balanceOf(buyer, st.id) + registry.balanceOf(claimant, st.id) + retired, c.listed, "IM-2");
    }

    function _matchedPurchase(MatchCase memory c, MatchState memory st, uint256 u) internal {
        if (u > st.remaining) return;
        uint256 budget = _budget(c, st);
        uint256 m = Math.min(Math.min((u * c.bps) / BPS, budget / c.price), st.remaining > u ? st.remaining - u : 0);
        (uint256 qu, uint256 qc) = market.quoteMatch(st.roundId, st.id, buyer, u);
        assertEq(qu, m, "IM-8: match != reference");
        assertEq(qc, m * c.price, "match cost");
        // never above the ratio (rounded toward the pool) or the budget; maximal: one more unit breaks a bound
        assertLe(m * BPS, u * c.bps, "IM-8: above the ratio");
        assertLe(m * c.price, budget, "IM-8: above the round's funds or a cap");
        assertTrue(
            (m + 1) * BPS > u * c.bps || (m + 1) * c.price > budget || m + 1 + u > st.remaining,
            "match not maximal"
        );
        vm.deal(buyer, u * c.price);
        IImpactMarket.BuyTerms memory terms = _terms(st.id, address(0), u * c.price);
        vm.prank(buyer);
        market.buyMatched{value: u * c.price}(st.roundId, st.id, u, terms, m);
        st.remaining -= u + m;
        st.roundLeft -= m * c.price;
        st.spent += m * c.price;
        st.proceeds += (u + m) * c.price;
        (uint256 forClaim, uint256 forBuyer) = market.matchedSpend(st.roundId, st.id, buyer);
        assertEq(forClaim, st.spent, "spent on claim");
        assertEq(forBuyer, st.spent, "spent on buyer");
        assertLe(forClaim, c.capClaim, "IM-8: claim cap exceeded");
        assertLe(forBuyer, c.capBuyer, "IM-8: buyer cap exceeded");
        assertEq(market.getRound(st.roundId).remaining, st.roundLeft, "round remaining");
        assertEq(market.getListing(st.id).remaining, st.remaining, "listing remaining");
        assertEq(market.getListing(st.id).proceeds, st.proceeds, "proceeds");
        assertEq(address(market).balance, st.proceeds + st.roundLeft, "IM-4: market balance");
    }

    /// @notice A plain purchase moves exactly units x price into the listing's proceeds; the withdrawal empties the
    /// market (IM-4); a cost above the buyer's maximum and more than listed are refused with exact data (IM-9).
    function testFuzz_PurchaseAccounting(uint256 priceSeed, uint256 listedSeed, uint256 u, uint256 maxCost) public {
        uint256 price = bound(priceSeed, 1, type(uint96).max);
        uint256 listed = bound(listedSeed, 1, 1e6);
        uint256 id = _verified(uint48(listed));
        vm.prank(claimant);
        market.list(id, address(0), uint96(price), uint48(listed));
        u = bound(u, 1, listed + 5);
        maxCost = bound(maxCost, 0, u * price * 2);
        vm.deal(buyer, u * price);
        IImpactMarket.BuyTerms memory terms = _terms(id, address(0), maxCost);
        vm.prank(buyer);
        if (u > listed) {
            vm.expectRevert(abi.encodeWithSelector(IImpactMarket.ExceedsListing.selector, id, listed, u));
        } else if (maxCost < u * price) {
            vm.expectRevert(abi.encodeWithSelector(IImpactMarket.CostAboveMax.selector, id, u * price, maxCost));
        }
        market.buy{value: u * price}(id, u, terms);
        if (maxCost < u * price || u > listed) return;
        assertEq(market.getListing(id).proceeds, u * price, "proceeds");
        assertEq(address(market).balance, u * price, "IM-4");
        assertEq(registry.balanceOf(buyer, id), u, "units");
        vm.prank(claimant);
        market.withdrawProceeds(id, claimant);
        assertEq(address(market).balance, 0, "IM-4 after withdrawal");
        assertEq(claimant.balance, u * price, "paid");
    }

    /// @notice Finding 1, against a buyer with standing approvals for two tokens: whatever the seller relists to
    /// (either token, any price, any number of times) between the buyer's quote and its purchase, the buyer pays only
    /// if the listing is still the version it saw, in the currency it named, within the total it named (IM-9); a
    /// refused purchase moves nothing in either token.
    function testFuzz_RelistBetweenQuoteAndBuy(
        uint256 priceA,
        uint256 priceB,
        uint8 relists,
        bool toB,
        uint256 u,
        uint256 slack
    ) public {
        MockERC20[2] memory tokens = [new MockERC20("Cheap", "CHP", 6), new MockERC20("Dear", "DEAR", 18)];
        priceA = bound(priceA, 1, 1e12);
        priceB = bound(priceB, 1, 1e24);
        u = bound(u, 1, 1_000);
        uint256 id = _verified(1_000);
        for (uint256 i = 0; i < 2; ++i) {
            tokens[i].mint(buyer, type(uint128).max);
            vm.prank(buyer);
            tokens[i].approve(address(market), type(uint256).max);
        }
        vm.prank(claimant);
        market.list(id, address(tokens[0]), uint96(priceA), 1_000);
        IImpactMarket.BuyTerms memory seen = _terms(id, address(tokens[0]), u * priceA + bound(slack, 0, 1));
        relists = uint8(bound(relists, 0, 3));
        address now_ = address(tokens[0]);
        uint256 priceNow = priceA;
        for (uint256 i = 0; i < relists; ++i) {
            (now_, priceNow) = toB == (i % 2 == 0) ? (address(tokens[1]), priceB) : (address(tokens[0]), priceA);
            vm.prank(claimant);
            market.list(id, now_, uint96(priceNow), 1_000);
        }
        uint256[2] memory before = [tokens[0].balanceOf(buyer), tokens[1].balanceOf(buyer)];
        vm.prank(buyer);
        if (relists != 0) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IImpactMarket.ListingVersionMismatch.selector,
                    id,
                    uint32(1),
                    uint32(1 + relists)
                )
            );
        }
        market.buy(id, u, seen);
        uint256[2] memory paid = [before[0] - tokens[0].balanceOf(buyer), before[1] - tokens[1].balanceOf(buyer)];
        assertEq(paid[1], 0, "IM-9: paid in a currency it did not name");
        assertEq(paid[0], relists == 0 ? u * priceA : 0, "IM-9: paid other than the named terms");
        assertLe(paid[0], seen.maxCost, "IM-9: paid above the named total");
        // Naming the new version with the old currency is refused with both currencies named.
        if (relists != 0 && now_ != address(tokens[0])) {
            seen.listingVersion = 1 + relists;
            vm.prank(buyer);
            vm.expectRevert(
                abi.encodeWithSelector(IImpactMarket.ListingCurrencyMismatch.selector, id, address(tokens[0]), now_)
            );
            market.buy(id, u, seen);
        }
    }

    /// @notice Findings 2 and 5, against a claimant with several addresses: however it spreads its units over its
    /// parking addresses before a k = 2 revocation and brings them back after, the market never sells more of the
    /// claim than verified - revoked (IM-10), returned units are frozen again up to the revoked amount, and its
    /// frozen units never leave it.
    function testFuzz_ParkedUnitsCannotSellRevoked(
        uint48 verifiedSeed,
        uint256[3] memory parked,
        uint256 revokedSeed,
        uint256 soldSeed,
        uint256 attempt
    ) public {
        uint48 verified = uint48(bound(verifiedSeed, 10, MAX_UNITS));
        uint256 id = _submit(verified, 2); // k = 2
        vm.prank(verifiers[0]);
        registry.attest(id, verified, bytes32(0));
        vm.prank(verifiers[1]);
        registry.attest(id, verified, bytes32(0));
        vm.prank(claimant);
        market.list(id, address(0), 1, verified);
        uint256 sold = bound(soldSeed, 0, verified / 2);
        if (sold != 0) _buyEth(id, sold);
        address[3] memory parking = [makeAddr("park0"), makeAddr("park1"), makeAddr("park2")];
        uint256 left = verified - sold;
        for (uint256 i = 0; i < 3; ++i) {
            parked[i] = bound(parked[i], 0, left);
            left -= parked[i];
            vm.prank(claimant);
            registry.safeTransferFrom(claimant, parking[i], id, parked[i], "");
        }
        uint256 revoked = bound(revokedSeed, 1, verified);
        vm.prank(verifiers[2]);
        registry.revoke(id, revoked, bytes32(0), "");
        assertEq(registry.getClaim(id).revokedUnits, 0, "finding 5: one vote of two revoked");
        vm.prank(verifiers[0]);
        registry.revoke(id, revoked, bytes32(0), "");
        assertEq(registry.getClaim(id).frozenUnits, Math.min(revoked, left), "frozen at the revocation");
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(parking[i]);
            registry.safeTransferFrom(parking[i], claimant, id, parked[i], "");
        }
        uint256 balance = verified - sold;
        assertEq(registry.getClaim(id).frozenUnits, Math.min(revoked, balance), "finding 2: refrozen on return");
        // The market sells at most verified - revoked - sold; the registry at most balance - frozen.
        uint256 available = verified > revoked + sold ? verified - revoked - sold : 0;
        assertEq(market.unitsForSale(id), available, "unitsForSale");
        attempt = bound(attempt, 1, verified);
        if (revoked == verified) return; // fully revoked: the listing stays, but nothing sells
        vm.deal(buyer, attempt);
        IImpactMarket.BuyTerms memory terms = _terms(id, address(0), attempt);
        vm.prank(buyer);
        if (attempt > verified - sold) {
            vm.expectRevert(
                abi.encodeWithSelector(IImpactMarket.ExceedsListing.selector, id, verified - sold, attempt)
            );
        } else if (attempt > available) {
            vm.expectRevert(abi.encodeWithSelector(IImpactMarket.ExceedsUnitsForSale.selector, id, available, attempt));
        }
        market.buy{value: attempt}(id, attempt, terms);
        assertLe(market.getListing(id).unitsSold, verified - revoked + sold, "IM-10");
        assertLe(market.getListing(id).unitsSold - sold, available, "IM-10: revoked tonnes sold");
        assertGe(registry.balanceOf(claimant, id), registry.getClaim(id).frozenUnits, "IM-6");
    }

    function _buyEth(uint256 id, uint256 units) internal {
        vm.deal(funder, units);
        IImpactMarket.BuyTerms memory terms = _terms(id, address(0), units);
        vm.prank(funder);
        market.buy{value: units}(id, units, terms);
    }

    /// @notice A fee-on-transfer token is refused with the exact shortfall whenever the fee is non-zero.
    function testFuzz_FeeOnTransferRefused(uint256 amount) public {
        FeeOnTransferERC20 fee = new FeeOnTransferERC20("Fee", "FEE");
        amount = bound(amount, 1, type(uint128).max);
        fee.mint(funder, amount);
        vm.startPrank(funder);
        fee.approve(address(market), amount);
        uint256 cut = fee.feeOf(amount);
        if (cut != 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IImpactMarket.TokenShortfall.selector, address(fee), amount, amount - cut)
            );
        }
        market.createRound(
            IImpactMarket.RoundConfig(
                address(fee),
                10_000,
                uint40(block.timestamp + 1),
                1,
                1,
                1,
                2,
                "Fee round",
                false,
                false
            ),
            amount
        );
        vm.stopPrank();
        assertEq(fee.balanceOf(address(market)), cut == 0 ? amount : 0, "market balance");
    }

    // ========================================================================================== governance

    /// @notice The 193rd verifier accredited at once gets no slot (VerifierSlotsExhausted, bubbled through the
    /// timelock); an account other than the timelock cannot accredit at all.
    function test_VerifierSlotsExhausted() public {
        for (uint256 i = K_MAX; i < 192; ++i) {
            _gov(abi.encodeCall(IAccessControl.grantRole, (verifierRole, address(uint160(0x1000 + i)))));
        }
        bytes memory data = abi.encodeCall(IAccessControl.grantRole, (verifierRole, address(0xBEEF)));
        bytes32 s = _schedule(data);
        vm.expectRevert(abi.encodeWithSelector(IImpactRegistry.VerifierSlotsExhausted.selector, 192));
        timelock.execute(address(registry), 0, data, bytes32(0), s);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(this), bytes32(0))
        );
        registry.grantRole(verifierRole, address(0xBEEF));
    }
}
