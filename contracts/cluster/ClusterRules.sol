// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IClusterExchange} from "./IClusterExchange.sol";
import {GeoMath} from "./GeoMath.sol";

/// @title The cluster exchange's pure rules: an intent's terms are well formed, and a match satisfies both intents
/// @notice Reverts with the exchange's errors ({IClusterExchange}); the SDK's `checkMatches` applies the same rules.
library ClusterRules {
    /// @notice Reverts unless `t` is well formed at time `now_`: a positive quantity and price, a unit, a window that
    /// ends after it starts and not before now, a place on the globe and some distance accepted.
    function checkTerms(IClusterExchange.IntentTerms calldata t, uint256 now_) internal pure {
        if (t.quantity == 0) revert IClusterExchange.ZeroQuantity();
        if (t.price == 0) revert IClusterExchange.ZeroPrice();
        if (t.unit == bytes8(0)) revert IClusterExchange.EmptyUnit();
        if (t.end <= t.start || t.end < now_) revert IClusterExchange.InvalidWindow(t.start, t.end);
        if (!GeoMath.validPlace(t.lat, t.lon)) revert IClusterExchange.InvalidPlace(t.lat, t.lon);
        if (t.maxDistance == 0) revert IClusterExchange.ZeroDistance();
    }

    /// @notice Reverts unless offer `o` (id `offerId`) and need `n` (id `needId`) may trade at `price` per unit at time
    /// `now_`: sides, different owners, same category and unit, the need's design and specification (if any) met,
    /// `price` within the ask and the highest, windows overlapping and still open, and the distance between the two
    /// places within both maxima.
    function checkMatch(
        uint64 offerId,
        IClusterExchange.IntentTerms memory o,
        uint64 needId,
        IClusterExchange.IntentTerms memory n,
        uint96 price,
        uint256 now_
    ) internal pure {
        if (o.side != IClusterExchange.Side.Offer)
            revert IClusterExchange.WrongSide(offerId, IClusterExchange.Side.Offer);
        if (n.side != IClusterExchange.Side.Need) revert IClusterExchange.WrongSide(needId, IClusterExchange.Side.Need);
        if (o.owner == n.owner) revert IClusterExchange.SelfTrade(o.owner);
        if (o.category != n.category || o.unit != n.unit) revert IClusterExchange.CategoryMismatch(offerId, needId);
        if ((n.designId != 0 && n.designId != o.designId) || (n.spec != bytes32(0) && n.spec != o.spec)) {
            revert IClusterExchange.DesignMismatch(offerId, needId);
        }
        if (price < o.price || price > n.price) revert IClusterExchange.PriceOutsideTerms(price, o.price, n.price);
        if (o.start > n.end || n.start > o.end) revert IClusterExchange.WindowsDisjoint(offerId, needId);
        if (o.end < now_) revert IClusterExchange.IntentExpired(offerId, o.end);
        if (n.end < now_) revert IClusterExchange.IntentExpired(needId, n.end);
        uint256 max = o.maxDistance < n.maxDistance ? o.maxDistance : n.maxDistance;
        uint256 d = GeoMath.distance(o.lat, o.lon, n.lat, n.lon);
        if (d > max) revert IClusterExchange.TooFar(d, max);
    }
}
