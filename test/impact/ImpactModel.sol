// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {HandlerBase} from "../utils/HandlerBase.sol";
import {IImpactRegistry} from "../../contracts/impact/IImpactRegistry.sol";
import {IImpactMarket} from "../../contracts/impact/IImpactMarket.sol";

/// @notice Ghost model of the impact module (ImpactRegistry, RetirementCertificates, ImpactMarket) for its invariant
/// handler: claims, votes, verifier slots, balances, listings, rounds, certificates, nonces and funds per currency,
/// the call and breach counters, the revert predictors of every action, and the picks of claims, voters and rounds.
abstract contract ImpactModel is HandlerBase {
    uint256 public constant N = 4;
    uint256 public constant P = 3;
    uint256 public constant A = N * P;
    uint256 public constant V = 4;
    uint256 public constant W = 7;
    uint256 public constant C = 3;
    uint256 public constant MAX_CLAIMS = 24;
    uint256 public constant MAX_ROUNDS = 10;
    uint256 public constant BPS = 10_000;
    uint8 internal constant NONE = 0;
    uint8 internal constant SUBMITTED = 1;
    uint8 internal constant VERIFIED = 2;
    uint8 internal constant REJECTED = 3;
    uint8 internal constant REVOKED = 4;
    uint8 internal constant DEFAULT = 0;
    uint8 internal constant ALLOWED = 1;
    uint8 internal constant EXCLUDED = 2;
    bytes32 internal constant VERIFIER_ROLE = keccak256("VERIFIER_ROLE");

    /// @dev currencies[0] = ETH (address(0)), [1] = token, [2] = token2; prices are drawn up to _priceScale[c].
    address[C] public currencies;
    uint256[C] internal _priceScale;
    /// @dev accounts[i * P] = actors[i] (principal i's claimant address); accounts[i * P + 1..P - 1] its parking
    /// addresses.
    address[A] public accounts;
    address[N] public actors;
    mapping(address => uint256) internal _principalPlusOne;
    /// @dev voters[0..V-1] are accredited at the start (voters[0] = actors[0]); voters[V..W-1] are not.
    address[W] public voters;

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
        uint256 revVotes;
        uint256 revUnits;
        uint256 revRound;
        bytes32 evidence;
        string serial;
    }

    struct GListing {
        address seller;
        uint256 remaining;
        uint256 version;
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
        bool allowListOnly;
        bool acceptsRevoked;
    }

    struct GCertificate {
        address owner;
        uint256 claimId;
        uint256 units;
    }

    struct GVerifier {
        bool assigned;
        uint8 slot;
        bool active;
        uint256 first;
    }

    /// @dev IM-9: one purchase that went through, as observed on chain: what the buyer named, the listing's version
    /// and currency when it bought, and what left the buyer (ETH: the buyer and this handler, which may fund the
    /// call) and reached the market in each currency during the call.
    struct GPurchase {
        uint256 claimId;
        address buyer;
        address namedCurrency;
        uint256 namedVersion;
        uint256 maxCost;
        uint256 version;
        address currency;
        uint256[C] buyerOut;
        uint256[C] marketIn;
    }

    /// @dev Terms a buyer saw: the listing's currency and version, the units and the most it will pay.
    struct Quote {
        uint256 id;
        uint256 units;
        address currency;
        uint256 version;
        uint256 price;
        uint256 maxCost;
    }

    /// @dev A matched purchase being prepared (keeps the stack small).
    struct Order {
        address buyer;
        uint256 roundId;
        uint256 id;
        uint256 units;
        uint256 m;
        uint256 minMatched;
        uint256 cost;
        uint256 value;
        IImpactMarket.BuyTerms terms;
        bytes err;
    }

    /// @dev Balances before a purchase (IM-9).
    struct Snapshot {
        uint256[C] buyer;
        uint256[C] market;
        uint256 version;
        address currency;
    }

    uint256 public gClaimCount;
    mapping(uint256 claimId => GClaim) internal _claims;
    /// @dev gVoted: approved or rejected; gApproved / gRejected: the ghost sets of approving / rejecting voters.
    mapping(uint256 claimId => mapping(uint256 voter => bool)) public gVoted;
    mapping(uint256 claimId => mapping(uint256 voter => bool)) public gApproved;
    mapping(uint256 claimId => mapping(uint256 voter => bool)) public gRejected;
    mapping(uint256 claimId => mapping(uint256 round => mapping(uint256 voter => bool))) internal _revBallot;
    mapping(uint256 claimId => mapping(address holder => uint256)) public gBalance;
    mapping(uint256 claimId => GListing) internal _listings;
    uint256 public gRoundCount;
    mapping(uint256 roundId => GRound) internal _rounds;
    mapping(uint256 roundId => mapping(uint256 claimId => uint8)) public gEligibility;
    mapping(uint256 roundId => mapping(uint256 claimId => uint256)) public gSpentOnClaim;
    mapping(uint256 roundId => mapping(address buyer => uint256)) public gSpentOnBuyer;
    uint256 public gCertificateCount;
    mapping(uint256 certificateId => GCertificate) internal _certificates;
    mapping(uint256 voter => mapping(uint256 nonce => bool)) public gNonceUsed;
    mapping(uint256 voter => uint256[]) internal _usedNonces;
    uint256[] internal _serialClaims;
    mapping(uint256 voter => GVerifier) internal _verifiers;
    mapping(uint256 slot => uint256 voterPlusOne) internal _slotHolder;
    uint256 internal _freeSlots;
    uint256 internal _slotCount;
    mapping(address buyer => Quote) internal _quotes;
    /// @dev Per currency (0 = ETH, 1 = token, 2 = token2): funds in (purchases + deposits), withdrawn proceeds,
    /// reclaimed rounds.
    uint256[C] public gIn;
    uint256[C] public gWithdrawn;
    uint256[C] public gReclaimed;

    /// @dev IM-9 log of every purchase that went through.
    GPurchase[] internal _purchases;
    /// @dev IM-10: the market's units sold of a claim when its last revocation took effect (read from the chain).
    mapping(uint256 claimId => uint256) public gSoldAtRevocation;
    /// @dev IM-10: sales that took a claim's market sales past verified - revoked; returns to a claimant with a
    /// revocation that did not refreeze min(revoked, balance). IM-8: matched purchases against the round's rules.
    uint256 public saleBreaches;
    uint256 public refreezeBreaches;
    uint256 public roundRuleBreaches;
    string public lastBreach;

    uint256 internal _evidenceNonce;
    uint256 internal _serialNonce;
    uint256 internal _nonceNonce;
    uint256 internal _salt;

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
    uint256 public nPredatesRefusals;
    uint256 public nRevocationVotes;
    uint256 public nRevocations;
    uint256 public nFullRevocations;
    uint256 public nRefusedRevocations;
    uint256 public nDoubleRevocationVotes;
    uint256 public nListings;
    uint256 public nRefusedListings;
    uint256 public nRelists;
    uint256 public nCurrencyRelists;
    uint256 public nDelists;
    uint256 public nQuotes;
    uint256 public nBuys;
    uint256 public nTokenBuys;
    uint256 public nToken2Buys;
    uint256 public nQuotedBuys;
    uint256 public nRefusedBuys;
    uint256 public nVersionRefusals;
    uint256 public nFrontRunRefusals;
    uint256 public nCurrencyRefusals;
    uint256 public nCostRefusals;
    uint256 public nRevokedUnitsRefusals;
    uint256 public nSalesAfterRevocation;
    uint256 public nFrozenRefusals;
    uint256 public nMatchedBuys;
    uint256 public nUnmatchedRoundBuys;
    uint256 public nRefusedMatchedBuys;
    uint256 public nCappedMatches;
    uint256 public nSelfMatchRefusals;
    uint256 public nParkedSelfMatches;
    uint256 public nExcludedRefusals;
    uint256 public nNotAllowedRefusals;
    uint256 public nRevocationRefusals;
    uint256 public nAllowListMatches;
    uint256 public nRevokedClaimMatches;
    uint256 public nWithdrawals;
    uint256 public nRefusedWithdrawals;
    uint256 public nRounds;
    uint256 public nRefusedRounds;
    uint256 public nFundings;
    uint256 public nRefusedFundings;
    uint256 public nReclaims;
    uint256 public nRefusedReclaims;
    uint256 public nEligibilitySets;
    uint256 public nRuleChanges;
    uint256 public nRefusedRoundSettings;
    uint256 public nRetirements;
    uint256 public nRefusedRetirements;
    uint256 public nParkedRetirements;
    uint256 public nParkedListRefusals;
    uint256 public nParkedBuys;
    uint256 public nTransfers;
    uint256 public nBatchTransfers;
    uint256 public nRefusedTransfers;
    uint256 public nParks;
    uint256 public nUnparks;
    uint256 public nRefreezes;
    uint256 public nParkedBeforeRevocation;
    uint256 public nAccreditations;
    uint256 public nDeaccreditations;
    uint256 public nRedundantGrants;
    uint256 public nInheritedSlots;
    uint256 public nSlotTakebacks;
    uint256 public nWarps;

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

    function verifierOf(uint256 vi) external view returns (GVerifier memory) {
        return _verifiers[vi];
    }

    /// @notice The voter holding attester slot `slot` (its index + 1), or 0 if none ever did.
    function slotHolderOf(uint256 slot) external view returns (uint256) {
        return _slotHolder[slot];
    }

    /// @notice Whether voter `vi` voted on the claim's open revocation (ghost).
    function revBallot(uint256 id, uint256 vi) external view returns (bool) {
        return _revBallot[id][_claims[id].revRound][vi];
    }

    function purchaseCount() external view returns (uint256) {
        return _purchases.length;
    }

    function purchaseOf(uint256 i) external view returns (GPurchase memory) {
        return _purchases[i];
    }

    function accountList() external view returns (address[A] memory) {
        return accounts;
    }

    function voterList() external view returns (address[W] memory) {
        return voters;
    }

    function currencyList() external view returns (address[C] memory) {
        return currencies;
    }

    /// @notice Index of `currency` in `currencies` (0 = ETH, 1 = token, 2 = token2).
    function currencyIndex(address currency) external view returns (uint256) {
        return _cur(currency);
    }

    // ========================================================================================= ghost model

    /// @dev Revert data of a vote (empty if valid): an approval of at least one unit, accredited, claim Submitted,
    /// not the claimant, a claim submitted since the verifier got its slot, first vote, at most the claimed amount.
    function _voteError(uint256 vi, uint256 id, bool approve, uint256 units) internal view returns (bytes memory) {
        address voter = voters[vi];
        GVerifier storage g = _verifiers[vi];
        if (approve && units == 0) return abi.encodeWithSelector(IImpactRegistry.ZeroUnits.selector);
        if (!g.active) return abi.encodeWithSelector(IImpactRegistry.NotVerifier.selector, voter);
        GClaim storage c = _claims[id];
        if (c.status == NONE) return abi.encodeWithSelector(IImpactRegistry.UnknownClaim.selector, id);
        if (c.status != SUBMITTED) {
            return abi.encodeWithSelector(IImpactRegistry.ClaimNotPending.selector, id, c.status);
        }
        if (c.claimant == voter) return abi.encodeWithSelector(IImpactRegistry.VerifierIsClaimant.selector, id, voter);
        if (id < g.first) {
            return abi.encodeWithSelector(IImpactRegistry.ClaimPredatesVerifier.selector, id, voter, g.first);
        }
        if (gVoted[id][vi]) return abi.encodeWithSelector(IImpactRegistry.AlreadyVoted.selector, id, voter);
        if (approve && units > c.claimed) {
            return abi.encodeWithSelector(IImpactRegistry.AttestedAboveClaimed.selector, id, c.claimed, units);
        }
        return "";
    }

    function _applyVote(uint256 vi, uint256 id, bool approve, uint256 units) internal {
        GClaim storage c = _claims[id];
        gVoted[id][vi] = true;
        if (!approve) {
            gRejected[id][vi] = true;
            ++nRejections;
            if (++c.rejections == c.k) {
                c.status = REJECTED;
                ++nRejected;
            }
            return;
        }
        gApproved[id][vi] = true;
        c.verified = c.approvals == 0 ? units : Math.min(c.verified, units);
        ++nApprovals;
        if (++c.approvals == c.k) {
            c.status = VERIFIED;
            c.minted = c.verified;
            gBalance[id][c.claimant] += c.verified;
            ++nVerified;
        }
    }

    /// @dev Revert data of a vote to revoke (`revoke`): accredited, claim Verified or Revoked, not the claimant,
    /// at least one unit, at most what is left unrevoked, first vote on the open revocation.
    function _revokeError(uint256 vi, uint256 id, uint256 units) internal view returns (bytes memory) {
        address voter = voters[vi];
        GClaim storage c = _claims[id];
        if (!_verifiers[vi].active) return abi.encodeWithSelector(IImpactRegistry.NotVerifier.selector, voter);
        if (c.status != VERIFIED && c.status != REVOKED) {
            return abi.encodeWithSelector(IImpactRegistry.ClaimNotVerified.selector, id, c.status);
        }
        if (c.claimant == voter) return abi.encodeWithSelector(IImpactRegistry.VerifierIsClaimant.selector, id, voter);
        if (units == 0) return abi.encodeWithSelector(IImpactRegistry.ZeroUnits.selector);
        if (c.revoked + units > c.verified) {
            return
                abi.encodeWithSelector(
                    IImpactRegistry.RevocationExceedsVerified.selector,
                    id,
                    c.verified,
                    c.revoked + units
                );
        }
        if (_revBallot[id][c.revRound][vi]) {
            return abi.encodeWithSelector(IImpactRegistry.AlreadyVotedToRevoke.selector, id, voter);
        }
        return "";
    }

    /// @dev Whether voter `vi` may vote on the open revocation of `id` (accredited, not the claimant, not voted).
    function _revocable(uint256 id, uint256 vi) internal view returns (bool) {
        GClaim storage c = _claims[id];
        return _verifiers[vi].active && voters[vi] != c.claimant && !_revBallot[id][c.revRound][vi];
    }

    /// @dev The first voter from `seed` on that may vote on the open revocation of `id`, else `seed`'s voter.
    function _nextRevoker(uint256 id, uint256 seed) internal view returns (uint256) {
        for (uint256 j = 0; j < W; ++j) {
            if (_revocable(id, (seed + j) % W)) return (seed + j) % W;
        }
        return seed % W;
    }

    /// @dev An accredited verifier whose first claim is after claim 1 (if any), else `vi`.
    function _lateVerifier(uint256 vi) internal view returns (uint256) {
        for (uint256 j = 0; j < W; ++j) {
            GVerifier storage g = _verifiers[(vi + j) % W];
            if (g.active && g.first > 1) return (vi + j) % W;
        }
        return vi;
    }

    /// @dev The oldest claim still Submitted, if any, else `id`.
    function _oldestPending(uint256 id) internal view returns (uint256) {
        for (uint256 i = 1; i <= gClaimCount; ++i) if (_claims[i].status == SUBMITTED) return i;
        return id;
    }

    /// @dev A voter that voted on the open revocation of `id` (if any), else `seed`'s voter; and `id`.
    function _pastRevoker(uint256 id, uint256 seed) internal view returns (uint256, uint256) {
        for (uint256 j = 0; j < W; ++j) {
            if (_revBallot[id][_claims[id].revRound][(seed + j) % W]) return ((seed + j) % W, id);
        }
        return (seed % W, id);
    }

    /// @dev A claim with an open revocation vote (if any), else `id`.
    function _openRevocation(uint256 id) internal view returns (uint256) {
        for (uint256 i = 1; i <= gClaimCount; ++i) if (_claims[i].revVotes != 0) return i;
        return id;
    }

    /// @dev The registry's `_grantRole` for a verifier that is not accredited: its own slot back if nobody held it
    /// since, else the lowest released slot or a new one; in any slot but its first it votes from the next claim.
    function _ghostGrant(uint256 vi) internal {
        GVerifier storage g = _verifiers[vi];
        if (g.assigned && _slotHolder[g.slot] == vi + 1) {
            _freeSlots &= ~(uint256(1) << g.slot);
            ++nSlotTakebacks;
        } else {
            uint256 free = _freeSlots;
            uint256 slot;
            if (free != 0) {
                while ((free >> slot) & 1 == 0) ++slot;
                _freeSlots = free & (free - 1);
            } else slot = _slotCount++;
            bool inherited = free != 0 || g.assigned;
            _slotHolder[slot] = vi + 1;
            (g.assigned, g.slot, g.first) = (true, uint8(slot), inherited ? gClaimCount + 1 : 0);
            if (inherited) ++nInheritedSlots;
        }
        g.active = true;
        ++nAccreditations;
    }

    function _ghostRevoke(uint256 vi) internal {
        GVerifier storage g = _verifiers[vi];
        g.active = false;
        _freeSlots |= uint256(1) << g.slot;
    }

    function _activeVerifiers() internal view returns (uint256 n) {
        for (uint256 v = 0; v < W; ++v) if (_verifiers[v].active) ++n;
    }

    /// @dev What a buyer sees of listing `id`: its currency, version and price, units (see `_units`) and a total
    /// of their cost plus 0 to 2 units' price.
    function _quote(uint256 id, uint256 unitsSeed) internal view returns (Quote memory q) {
        GListing storage l = _listings[id];
        uint256 units = _units(unitsSeed, l.remaining);
        q = Quote(id, units, l.currency, l.version, l.price, (units + ((unitsSeed >> 200) % 3)) * l.price);
    }

    /// @dev A buyer for a matched purchase of `id`: one in 16 its claimant, one in 8 one of the claimant's parking
    /// addresses, else an address of another principal.
    function _matchBuyer(uint256 seed, uint256 id) internal view returns (address) {
        address claimant = _claims[id].claimant;
        if (claimant == address(0)) return accounts[seed % A];
        uint256 mode = (seed >> 8) % 16;
        if (mode == 0) return claimant;
        if (mode < 3) return _parking(claimant, seed >> 12);
        uint256 pi = _principalPlusOne[claimant] - 1;
        return accounts[((pi + 1 + (seed % (N - 1))) % N) * P + ((seed >> 4) % P)];
    }

    /// @dev Revert data of taking `taken` units (`bought` paid by the buyer) off the listing on the buyer's terms
    /// (`_take`: units, listed, version, currency, units left, total cost).
    function _takeError(
        uint256 id,
        uint256 taken,
        IImpactMarket.BuyTerms memory t,
        uint256 bought
    ) internal view returns (bytes memory) {
        GListing storage l = _listings[id];
        if (bought == 0) return abi.encodeWithSelector(IImpactMarket.ZeroUnits.selector);
        if (l.seller == address(0)) return abi.encodeWithSelector(IImpactMarket.NotListed.selector, id);
        if (l.version != t.listingVersion) {
            return
                abi.encodeWithSelector(IImpactMarket.ListingVersionMismatch.selector, id, t.listingVersion, l.version);
        }
        if (l.currency != t.currency) {
            return abi.encodeWithSelector(IImpactMarket.ListingCurrencyMismatch.selector, id, t.currency, l.currency);
        }
        if (taken > l.remaining) {
            return abi.encodeWithSelector(IImpactMarket.ExceedsListing.selector, id, l.remaining, taken);
        }
        if (bought * l.price > t.maxCost) {
            return abi.encodeWithSelector(IImpactMarket.CostAboveMax.selector, id, bought * l.price, t.maxCost);
        }
        return "";
    }

    /// @dev Revert data of selling `units` more of `id` (`_checkUnrevoked`): the claim's market sales stay within
    /// verified - revoked (the verified amount is the running minimum while the claim is pending).
    function _unrevokedError(uint256 id, uint256 units) internal view returns (bytes memory) {
        GClaim storage c = _claims[id];
        uint256 sold = _listings[id].sold;
        uint256 available = c.verified > c.revoked + sold ? c.verified - c.revoked - sold : 0;
        if (units > available) {
            return abi.encodeWithSelector(IImpactMarket.ExceedsUnitsForSale.selector, id, available, units);
        }
        return "";
    }

    /// @dev Revert data of collecting `amount` with `value` wei sent (`_collect`; the tokens always deliver).
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

    /// @dev `_match`'s checks in order: round known and running, methodology, the owner's exclusion, its
    /// allow-list, claims with a revocation, self-match (claimant address only), listed, currency, price limit.
    function _roundRuleError(uint256 roundId, uint256 id, address b) internal view returns (bytes memory) {
        GRound storage r = _rounds[roundId];
        GClaim storage c = _claims[id];
        GListing storage l = _listings[id];
        if (r.owner == address(0)) return abi.encodeWithSelector(IImpactMarket.UnknownRound.selector, roundId);
        if (block.timestamp >= r.end) return abi.encodeWithSelector(IImpactMarket.RoundEnded.selector, roundId, r.end);
        if ((r.mask >> c.methodologyId) & 1 == 0) {
            return abi.encodeWithSelector(IImpactMarket.MethodologyNotEligible.selector, roundId, c.methodologyId);
        }
        uint8 choice = gEligibility[roundId][id];
        if (choice == EXCLUDED) return abi.encodeWithSelector(IImpactMarket.ClaimExcluded.selector, roundId, id);
        if (r.allowListOnly && choice != ALLOWED) {
            return abi.encodeWithSelector(IImpactMarket.ClaimNotAllowed.selector, roundId, id);
        }
        if (c.status == REVOKED && !r.acceptsRevoked) {
            return abi.encodeWithSelector(IImpactMarket.ClaimHasRevocation.selector, roundId, id, c.revoked);
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
        uint256 budget = Math.min(r.remaining, Math.min(forClaim, _left(r.capBuyer, gSpentOnBuyer[roundId][b])));
        uint256 remaining = _listings[id].remaining;
        m = Math.min((units * r.bps) / BPS, budget / _listings[id].price);
        m = Math.min(m, remaining > units ? remaining - units : 0);
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

    function _countRefusal(bytes memory err) internal {
        bytes4 s = bytes4(err);
        if (s == IImpactMarket.ListingVersionMismatch.selector) ++nVersionRefusals;
        else if (s == IImpactMarket.ListingCurrencyMismatch.selector) ++nCurrencyRefusals;
        else if (s == IImpactMarket.CostAboveMax.selector) ++nCostRefusals;
        else if (s == IImpactMarket.ExceedsUnitsForSale.selector) ++nRevokedUnitsRefusals;
        else if (s == IImpactRegistry.UnitsFrozen.selector) ++nFrozenRefusals;
        else if (s == IImpactMarket.SelfMatch.selector) ++nSelfMatchRefusals;
        else if (s == IImpactMarket.ClaimExcluded.selector) ++nExcludedRefusals;
        else if (s == IImpactMarket.ClaimNotAllowed.selector) ++nNotAllowedRefusals;
        else if (s == IImpactMarket.ClaimHasRevocation.selector) ++nRevocationRefusals;
    }

    /// @dev Revert data of `_move`: frozen units (all entries of the id count), then each entry's balance.
    function _transferError(
        address f,
        address t,
        uint256 id,
        uint256 units,
        uint256 a,
        bool batch
    ) internal view returns (bytes memory) {
        uint256 balance = gBalance[id][f];
        GClaim storage c = _claims[id];
        if (c.status == REVOKED && c.claimant == f && (balance < c.frozen || balance - c.frozen < units)) {
            return abi.encodeWithSelector(IImpactRegistry.UnitsFrozen.selector, id, f, c.frozen, balance, units);
        }
        if (balance < a) {
            return abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, f, balance, a, id);
        }
        if (batch && (f == t ? balance : balance - a) < units - a) {
            // ERC-1155 moves the entries in turn: a self-transfer gives the first entry back before the second
            return
                abi.encodeWithSelector(
                    IERC1155Errors.ERC1155InsufficientBalance.selector,
                    f,
                    f == t ? balance : balance - a,
                    units - a,
                    id
                );
        }
        return "";
    }

    function _applyMove(address f, address t, uint256 id, uint256 units) internal {
        GClaim storage c = _claims[id];
        gBalance[id][f] -= units;
        gBalance[id][t] += units;
        if (t == c.claimant && c.status == REVOKED) {
            uint256 frozen = Math.min(c.revoked, gBalance[id][t]);
            if (frozen > c.frozen) ++nRefreezes;
            c.frozen = frozen;
        }
    }

    /// @dev Units to retire: one in 16 zero, one in 4 one more than the balance, else up to half of it plus one.
    function _retireUnits(uint256 seed, uint256 balance) internal pure returns (uint256) {
        if (seed % 16 == 0) return 0;
        if (seed % 4 == 1) return balance + 1;
        return _bound(seed, 1, balance / 2 + 1);
    }

    /// @dev Revert data of a claim of `units` under methodology `m` (`dupEvidence` / `dupSerial`: the earlier claim
    /// whose evidence hash / serial `input` reuses, 0 if none; empty: it must succeed).
    function _submitError(
        uint256 units,
        uint8 m,
        uint256 dupEvidence,
        uint256 dupSerial,
        IImpactRegistry.ClaimInput memory input
    ) internal pure returns (bytes memory err) {
        if (units == 0) err = abi.encodeWithSelector(IImpactRegistry.ZeroUnits.selector);
        else if (m == 4) err = abi.encodeWithSelector(IImpactRegistry.UnknownMethodology.selector, m);
        else if (dupEvidence != 0) {
            err = abi.encodeWithSelector(IImpactRegistry.DuplicateEvidence.selector, input.evidenceHash, dupEvidence);
        } else if (dupSerial != 0) {
            err = abi.encodeWithSelector(IImpactRegistry.DuplicateSerial.selector, input.externalSerial, dupSerial);
        }
    }

    /// @dev Revert data of the signed approval `a` of voter `vi` in the handler's `kind` (3 expired, 4 used nonce,
    /// 5 signed by another voter; else the vote's own checks).
    function _signedVoteError(
        uint256 vi,
        uint256 id,
        uint256 units,
        uint256 kind,
        IImpactRegistry.Attestation memory a
    ) internal view returns (bytes memory err) {
        err = _voteError(vi, id, true, units);
        if (kind == 3) {
            err = abi.encodeWithSelector(IImpactRegistry.SignatureExpired.selector, a.deadline, block.timestamp);
        } else if (kind == 4) {
            err = abi.encodeWithSelector(IImpactRegistry.NonceAlreadyUsed.selector, voters[vi], a.nonce);
        } else if (kind == 5) {
            err = abi.encodeWithSelector(IImpactRegistry.InvalidSignature.selector, voters[vi]);
        }
    }

    /// @dev Revert data of `caller` listing `units` of `id` at `price` in `currency` (empty: it must succeed).
    function _listError(
        address caller,
        uint256 id,
        address currency,
        uint256 price,
        uint256 units
    ) internal view returns (bytes memory err) {
        GClaim storage c = _claims[id];
        GListing storage l = _listings[id];
        if (caller != c.claimant) err = abi.encodeWithSelector(IImpactMarket.NotClaimant.selector, id, caller);
        else if (c.status == REJECTED || (c.status == REVOKED && c.revoked == c.verified)) {
            err = abi.encodeWithSelector(IImpactMarket.ClaimNotForSale.selector, id, c.status);
        } else if (price == 0) err = abi.encodeWithSelector(IImpactMarket.ZeroPrice.selector);
        else if (units == 0) err = abi.encodeWithSelector(IImpactMarket.ZeroUnits.selector);
        else if (l.proceeds != 0 && l.currency != currency) {
            err = abi.encodeWithSelector(IImpactMarket.CurrencyChangeWithProceeds.selector, id, l.proceeds);
        }
    }

    /// @dev Revert data of `caller` delisting `id` (empty: it must succeed).
    function _delistError(uint256 id, address caller) internal view returns (bytes memory err) {
        if (_listings[id].seller != caller)
            err = abi.encodeWithSelector(IImpactMarket.NotClaimant.selector, id, caller);
    }

    /// @dev Revert data of `caller` withdrawing the proceeds of `id` (empty: it must succeed).
    function _withdrawError(address caller, uint256 id) internal view returns (bytes memory err) {
        GListing storage l = _listings[id];
        if (l.seller != caller) err = abi.encodeWithSelector(IImpactMarket.NotClaimant.selector, id, caller);
        else if (l.proceeds == 0) err = abi.encodeWithSelector(IImpactMarket.NothingToWithdraw.selector);
    }

    /// @dev Revert data of a plain purchase of `q.units` of `q.id` on the terms `t`, `value` wei sent: the terms,
    /// the claim's units for sale, the payment, the seller's units.
    function _buyError(
        Quote memory q,
        IImpactMarket.BuyTerms memory t,
        uint256 value
    ) internal view returns (bytes memory err) {
        GListing storage l = _listings[q.id];
        uint256 cost = q.units * l.price;
        err = _takeError(q.id, q.units, t, q.units);
        if (err.length == 0) err = _unrevokedError(q.id, q.units);
        if (err.length == 0) err = _collectError(l.currency, cost, value);
        if (err.length == 0) err = _moveError(q.id, l.seller, q.units, gBalance[q.id][l.seller]);
    }

    /// @dev Revert data of the matched purchase `o` (`o.err`: the round's rules, from `_matchError`): the minimum
    /// match, the terms, the claim's units for sale, the payment, the seller's units.
    function _buyMatchedError(Order memory o) internal view returns (bytes memory err) {
        GListing storage l = _listings[o.id];
        err = o.err;
        if (err.length == 0 && o.m < o.minMatched) {
            err = abi.encodeWithSelector(IImpactMarket.MatchBelowMinimum.selector, o.roundId, o.m, o.minMatched);
        }
        if (err.length == 0) err = _takeError(o.id, o.units + o.m, o.terms, o.units);
        if (err.length == 0) err = _unrevokedError(o.id, o.units + o.m);
        if (err.length == 0) err = _collectError(l.currency, o.cost, o.value);
        if (err.length == 0) err = _matchedMoveError(o.id, l.seller, o.units, o.m);
    }

    /// @dev Revert data of `h` retiring `units` of `id` (empty: it must succeed).
    function _retireError(
        address h,
        uint256 id,
        uint256 units,
        bool noBeneficiary
    ) internal view returns (bytes memory err) {
        GClaim storage c = _claims[id];
        if (units == 0) err = abi.encodeWithSelector(IImpactRegistry.ZeroUnits.selector);
        else if (noBeneficiary) err = abi.encodeWithSelector(IImpactRegistry.InvalidBeneficiary.selector, 0, 128);
        else if (c.revoked != 0 && c.revoked == c.verified) {
            err = abi.encodeWithSelector(IImpactRegistry.ClaimFullyRevoked.selector, id);
        } else err = _moveError(id, h, units, gBalance[id][h]);
    }

    /// @dev Revert data of creating a round with `cfg` (`bps`: its match ratio) and a deposit of `deposit`, `value`
    /// wei sent (empty: it must succeed).
    function _createRoundError(
        IImpactMarket.RoundConfig memory cfg,
        uint256 bps,
        uint256 deposit,
        uint256 value
    ) internal view returns (bytes memory err) {
        if (bps == 0 || bps > 50_000) err = abi.encodeWithSelector(IImpactMarket.InvalidMatchRatio.selector, bps);
        else if (cfg.endTime <= block.timestamp) {
            err = abi.encodeWithSelector(IImpactMarket.EndTimeInPast.selector, cfg.endTime, block.timestamp);
        } else if (cfg.methodologyMask == 0) err = abi.encodeWithSelector(IImpactMarket.NoEligibleMethodology.selector);
        else if (cfg.maxPricePerUnit == 0) err = abi.encodeWithSelector(IImpactMarket.ZeroPrice.selector);
        else if (deposit == 0) {
            if (value != 0) err = abi.encodeWithSelector(IImpactMarket.IncorrectPayment.selector, 0, value);
        } else err = _collectError(cfg.currency, deposit, value);
    }

    /// @dev Revert data of adding `amount` to round `roundId`, `value` wei sent (empty: it must succeed).
    function _fundRoundError(uint256 roundId, uint256 amount, uint256 value) internal view returns (bytes memory err) {
        GRound storage r = _rounds[roundId];
        if (r.owner == address(0)) err = abi.encodeWithSelector(IImpactMarket.UnknownRound.selector, roundId);
        else if (block.timestamp >= r.end) {
            err = abi.encodeWithSelector(IImpactMarket.RoundEnded.selector, roundId, r.end);
        } else if (amount == 0) {
            if (value != 0) err = abi.encodeWithSelector(IImpactMarket.IncorrectPayment.selector, 0, value);
        } else err = _collectError(r.currency, amount, value);
    }

    /// @dev Revert data of `caller` changing the claim rules of round `roundId` (empty: it must succeed).
    function _setRoundClaimRulesError(uint256 roundId, address caller) internal view returns (bytes memory err) {
        GRound storage r = _rounds[roundId];
        err = _ownedRoundError(roundId, caller);
        if (err.length == 0 && block.timestamp >= r.end) {
            err = abi.encodeWithSelector(IImpactMarket.RoundEnded.selector, roundId, r.end);
        }
    }

    /// @dev Revert data of `caller` reclaiming what is left of round `roundId` (empty: it must succeed).
    function _reclaimError(address caller, uint256 roundId) internal view returns (bytes memory err) {
        GRound storage r = _rounds[roundId];
        err = _ownedRoundError(roundId, caller);
        if (err.length == 0 && block.timestamp < r.end) {
            err = abi.encodeWithSelector(IImpactMarket.RoundNotEnded.selector, roundId, r.end);
        } else if (err.length == 0 && r.remaining == 0) {
            err = abi.encodeWithSelector(IImpactMarket.NothingToWithdraw.selector);
        }
    }

    /// @dev Revert data of `_ownedRound`: the round exists and is the caller's.
    function _ownedRoundError(uint256 roundId, address caller) internal view returns (bytes memory) {
        address owner = _rounds[roundId].owner;
        if (owner == address(0)) return abi.encodeWithSelector(IImpactMarket.UnknownRound.selector, roundId);
        if (owner != caller) return abi.encodeWithSelector(IImpactMarket.NotRoundOwner.selector, roundId, caller);
        return "";
    }

    function _certify(address owner, uint256 id, uint256 units) internal {
        _certificates[++gCertificateCount] = GCertificate({owner: owner, claimId: id, units: units});
    }

    /// @dev Units for a purchase: one in 16 zero, one in 16 exactly what is listed, one in 8 one more, one in 4 up
    /// to what is listed, else up to a quarter of it plus one.
    function _units(uint256 seed, uint256 remaining) internal pure returns (uint256) {
        uint256 mode = seed % 16;
        if (mode == 0) return 0;
        if (mode == 1) return remaining;
        if (mode < 4) return remaining + 1;
        if (mode < 8) return _bound(seed >> 4, 1, remaining > 1 ? remaining : 1);
        return _bound(seed >> 4, 1, remaining / 4 + 1);
    }

    /// @dev Three times in four an address holding units of `id` (if any), else a random address.
    function _holder(uint256 seed, uint256 id) internal view returns (address) {
        if (seed % 4 != 0) {
            for (uint256 i = 0; i < A; ++i) {
                address a = accounts[(seed + i) % A];
                if (gBalance[id][a] != 0) return a;
            }
        }
        return accounts[seed % A];
    }

    /// @dev One of the parking addresses of `claimant`'s principal.
    function _parking(address claimant, uint256 seed) internal view returns (address) {
        return accounts[(_principalPlusOne[claimant] - 1) * P + 1 + (seed % (P - 1))];
    }

    /// @dev A parking address of the claimant of `id` holding units of it (if any), else any of them.
    function _parkingWithUnits(uint256 id, uint256 seed) internal view returns (address) {
        address claimant = _claims[id].claimant;
        for (uint256 j = 0; j < P - 1; ++j) {
            address p = _parking(claimant, seed + j);
            if (gBalance[id][p] != 0) return p;
        }
        return _parking(claimant, seed);
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

    /// @dev A voter accredited at the start seven times in eight, else an outsider (not accredited unless the
    /// accreditation handler made it so).
    function _pickVoter(uint256 seed) internal pure returns (uint256) {
        return seed % 8 == 0 ? V + ((seed >> 3) % (W - V)) : (seed >> 3) % V;
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

    /// @dev A claim listed in the round's currency with units left that the round's rules accept (methodology,
    /// exclusion, allow-list, revocation), if any, else one listed in its currency.
    function _pickMatchable(uint256 seed, uint256 roundId) internal view returns (uint256) {
        GRound storage r = _rounds[roundId];
        uint256[] memory ids = new uint256[](gClaimCount);
        uint256 n;
        for (uint256 id = 1; id <= gClaimCount; ++id) {
            GListing storage l = _listings[id];
            GClaim storage c = _claims[id];
            uint8 choice = gEligibility[roundId][id];
            if (
                l.seller != address(0) &&
                l.currency == r.currency &&
                l.remaining != 0 &&
                (r.mask >> c.methodologyId) & 1 == 1 &&
                choice != EXCLUDED &&
                (!r.allowListOnly || choice == ALLOWED) &&
                (c.status != REVOKED || r.acceptsRevoked)
            ) ids[n++] = id;
        }
        return n == 0 ? _pickListedIn(seed, r.currency) : ids[seed % n];
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

    /// @dev Index of `currency` in `currencies` (ETH, token, token2).
    function _cur(address currency) internal view returns (uint256) {
        return
            currency == currencies[1]
                ? 1
                : currency == currencies[2]
                    ? 2
                    : 0;
    }

    function _left(uint256 cap, uint256 spent) internal pure returns (uint256) {
        return cap > spent ? cap - spent : 0;
    }
}
