// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title The cluster exchange's distance between two places
/// @notice Places are fixed-point latitude and longitude in microdegrees (1e-6 degree). The distance is an
/// equirectangular projection at the pair's mean latitude, whose cosine is Bhaskara I's rational approximation
/// cos θ ≈ (180² − 4θ²) / (180² + θ²) (θ in degrees, |θ| ≤ 90), on a sphere of the Earth's mean radius (111,195 m per
/// degree of arc). Integers only, every division rounded down; the SDK's `distanceMetres` (sdk/src/cluster/geo.ts)
/// computes the same value, so the matcher's matches are the ones this accepts. Error against the great-circle
/// distance: docs/cluster.md ("Distance"), tested in sdk/src/cluster/geo.test.ts.
library GeoMath {
    /// @notice Microdegrees per degree.
    uint256 internal constant MICRO = 1e6;
    /// @notice Metres per degree of arc: 2π × 6,371,008.8 m / 360, rounded down.
    uint256 internal constant METRES_PER_DEGREE = 111_195;
    /// @notice The largest latitude and longitude, in microdegrees.
    int256 internal constant MAX_LAT = 90e6;
    int256 internal constant MAX_LON = 180e6;

    uint256 private constant _HALF_TURN = 180e6;
    uint256 private constant _FULL_TURN = 360e6;
    uint256 private constant _HALF_TURN_SQ = 180e6 * 180e6;

    /// @notice Whether (lat, lon) lies on the globe: |lat| ≤ 90°, |lon| ≤ 180°.
    function validPlace(int32 lat, int32 lon) internal pure returns (bool) {
        return lat >= -MAX_LAT && lat <= MAX_LAT && lon >= -MAX_LON && lon <= MAX_LON;
    }

    /// @notice The distance in whole metres between two places (microdegrees), rounded down: dLat = |lat2 − lat1|,
    /// dLon = |lon2 − lon1| the short way round, m = |lat1 + lat2| / 2, x = dLon × (180² − 4m²) / (180² + m²),
    /// metres = ⌊⌊√(x² + dLat²)⌋ × 111,195 / 10⁶⌋. The places must be valid ({validPlace}).
    function distance(int32 lat1, int32 lon1, int32 lat2, int32 lon2) internal pure returns (uint256) {
        unchecked {
            // |values| ≤ 360e6 < 2^29: no step below overflows 256 bits.
            uint256 dLat = _abs(int256(lat2) - int256(lat1));
            uint256 dLon = _abs(int256(lon2) - int256(lon1));
            if (dLon > _HALF_TURN) dLon = _FULL_TURN - dLon;
            uint256 m = _abs(int256(lat1) + int256(lat2)) / 2;
            uint256 x = (dLon * (_HALF_TURN_SQ - 4 * m * m)) / (_HALF_TURN_SQ + m * m);
            return (Math.sqrt(x * x + dLat * dLat) * METRES_PER_DEGREE) / MICRO;
        }
    }

    function _abs(int256 v) private pure returns (uint256) {
        return uint256(v < 0 ? -v : v);
    }
}
