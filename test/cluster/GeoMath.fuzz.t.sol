// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {GeoMath} from "../../contracts/cluster/GeoMath.sol";

/// @notice Properties of the cluster exchange's distance ({GeoMath.distance}) over every valid pair of places: zero for
/// one place, symmetric, unchanged by turning the globe about its axis (so the antimeridian is crossed the short way),
/// exact along a meridian and monotonic there and along a parallel, and between the meridian distance and the
/// flat-plane bound (dLat + dLon) × 111,195 m per degree.
contract GeoMathFuzzTest is Test {
    int256 private constant MAX_LAT = 90e6;
    int256 private constant MAX_LON = 180e6;
    uint256 private constant M_PER_DEGREE = 111_195;

    function _lat(int256 v) private pure returns (int32) {
        return int32(bound(v, -MAX_LAT, MAX_LAT));
    }

    function _lon(int256 v) private pure returns (int32) {
        return int32(bound(v, -MAX_LON, MAX_LON));
    }

    /// @dev `lon + shift` brought back into [-180°, 180°).
    function _wrap(int256 lon) private pure returns (int32) {
        int256 w = (((lon + MAX_LON) % (2 * MAX_LON)) + 2 * MAX_LON) % (2 * MAX_LON);
        return int32(w - MAX_LON);
    }

    /// @dev |a − b| of longitudes, the short way round (at most 180°).
    function _dLon(int32 a, int32 b) private pure returns (uint256 d) {
        d = uint256(a > b ? int256(a) - b : int256(b) - a);
        if (d > uint256(MAX_LON)) d = uint256(2 * MAX_LON) - d;
    }

    function _metres(uint256 microdegrees) private pure returns (uint256) {
        return (microdegrees * M_PER_DEGREE) / 1e6;
    }

    function testFuzz_zeroForOnePlace(int256 lat, int256 lon) public pure {
        assertEq(GeoMath.distance(_lat(lat), _lon(lon), _lat(lat), _lon(lon)), 0);
    }

    function testFuzz_symmetric(int256 lat1, int256 lon1, int256 lat2, int256 lon2) public pure {
        (int32 a, int32 b, int32 c, int32 d) = (_lat(lat1), _lon(lon1), _lat(lat2), _lon(lon2));
        assertEq(GeoMath.distance(a, b, c, d), GeoMath.distance(c, d, a, b));
    }

    /// @notice Turning both places by the same longitude changes nothing, across the antimeridian included: two places
    /// either side of it are as far apart as the same two either side of Greenwich.
    function testFuzz_antimeridianTheShortWay(
        int256 lat1,
        int256 lon1,
        int256 lat2,
        int256 lon2,
        int256 shift
    ) public pure {
        (int32 a, int32 b, int32 c, int32 d) = (_lat(lat1), _lon(lon1), _lat(lat2), _lon(lon2));
        shift = bound(shift, -MAX_LON, MAX_LON);
        uint256 here = GeoMath.distance(a, b, c, d);
        assertEq(GeoMath.distance(a, _wrap(b + shift), c, _wrap(d + shift)), here, "turned globe");
        // the same meridian named +180 and -180 is one place
        assertEq(GeoMath.distance(a, int32(MAX_LON), a, int32(-MAX_LON)), 0, "the antimeridian's two names");
        // 0.2 degrees across the antimeridian is 0.2 degrees, not 359.8
        int32 e = int32(MAX_LON - 100_000);
        assertEq(GeoMath.distance(a, e, a, -e), GeoMath.distance(a, -100_000, a, 100_000), "across the antimeridian");
    }

    /// @notice Along a meridian the distance is the latitude difference exactly, so it grows with it.
    function testFuzz_meridianExactAndMonotonic(int256 lon, int256 lat1, int256 lat2, int256 lat3) public pure {
        int32 l = _lon(lon);
        int32 a = _lat(lat1);
        int32 b = int32(bound(lat2, a, MAX_LAT));
        int32 c = int32(bound(lat3, b, MAX_LAT));
        uint256 ab = GeoMath.distance(a, l, b, l);
        assertEq(ab, _metres(uint256(int256(b) - a)), "meridian distance != dLat");
        assertLe(ab, GeoMath.distance(a, l, c, l), "farther north, nearer");
    }

    /// @notice Along a parallel the distance grows with the longitude difference (up to half a turn).
    function testFuzz_parallelMonotonic(int256 lat, int256 lon, uint256 d1, uint256 d2) public pure {
        int32 p = _lat(lat);
        int32 l = _lon(lon);
        d1 = bound(d1, 0, uint256(MAX_LON));
        d2 = bound(d2, d1, uint256(MAX_LON));
        assertLe(
            GeoMath.distance(p, l, p, _wrap(int256(l) + int256(d1))),
            GeoMath.distance(p, l, p, _wrap(int256(l) + int256(d2)))
        );
    }

    /// @notice Between the meridian distance (dLat alone) and the flat-plane bound (dLat + dLon, the short way).
    function testFuzz_boundedByFlatPlane(int256 lat1, int256 lon1, int256 lat2, int256 lon2) public pure {
        (int32 a, int32 b, int32 c, int32 d) = (_lat(lat1), _lon(lon1), _lat(lat2), _lon(lon2));
        uint256 dLat = uint256(a > c ? int256(a) - c : int256(c) - a);
        uint256 metres = GeoMath.distance(a, b, c, d);
        assertGe(metres, _metres(dLat), "below the latitude difference");
        assertLe(metres, _metres(dLat + _dLon(b, d)), "above dLat + dLon");
    }

    function testFuzz_validPlace(int32 lat, int32 lon) public pure {
        bool inside = lat >= -MAX_LAT && lat <= MAX_LAT && lon >= -MAX_LON && lon <= MAX_LON;
        assertEq(GeoMath.validPlace(lat, lon), inside);
    }
}
