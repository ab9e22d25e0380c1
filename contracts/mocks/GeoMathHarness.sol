// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {GeoMath} from "../cluster/GeoMath.sol";

/// @notice Exposes the cluster exchange's GeoMath library, so that tests compare it with the SDK's mirror. Test-only.
contract GeoMathHarness {
    /// @notice {GeoMath.distance} between two places (microdegrees).
    function distance(int32 lat1, int32 lon1, int32 lat2, int32 lon2) external pure returns (uint256) {
        return GeoMath.distance(lat1, lon1, lat2, lon2);
    }

    /// @notice {GeoMath.validPlace}.
    function validPlace(int32 lat, int32 lon) external pure returns (bool) {
        return GeoMath.validPlace(lat, lon);
    }
}
