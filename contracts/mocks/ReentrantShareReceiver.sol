// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {IResourceRegistry} from "../resource/IResourceRegistry.sol";

/// @notice Test-only quota-share holder that re-enters `ResourceRegistry` while it receives shares.
/// @dev In `onERC1155Received` / `onERC1155BatchReceived` it performs `action` once per outer call (no recursion):
/// - `Action.None`: accept the shares;
/// - `Action.TransferEntitlement`: `transferEntitlement(resourceId, recipient, amount)` as the receiving holder;
/// - `Action.ForwardShares`: `safeTransferFrom(this, recipient, resourceId, amount)` of the shares just received;
/// - `Action.Reject`: return a wrong selector (the registry must refuse the transfer).
/// Each attempt increments `reentryAttempts`; a successful inner call increments `reentrySuccesses`, a failed one
/// stores its revert data in `lastReentryError`. With `bubble` set, a failed inner call reverts the callback
/// (`ReentryFailed(reason)`).
contract ReentrantShareReceiver is ERC1155Holder {
    /// @notice What the receive hook tries.
    enum Action {
        None,
        TransferEntitlement,
        ForwardShares,
        Reject
    }

    /// @notice A re-entrant call failed while `bubble` is set; `reason` is its revert data.
    error ReentryFailed(bytes reason);

    /// @notice The attacked registry.
    IResourceRegistry public immutable REGISTRY;
    /// @notice Re-entry performed by the receive hook.
    Action public action;
    /// @notice Revert the hook when the re-entrant call fails.
    bool public bubble;
    /// @notice Recipient of the re-entrant transfer.
    address public recipient;
    /// @notice Amount of the re-entrant transfer (entitlement or shares).
    uint256 public amount;
    /// @notice Number of re-entrant calls attempted.
    uint256 public reentryAttempts;
    /// @notice Number of re-entrant calls that succeeded.
    uint256 public reentrySuccesses;
    /// @notice Revert data of the last failed re-entrant call.
    bytes public lastReentryError;

    bool private _inside;

    constructor(IResourceRegistry registry) {
        REGISTRY = registry;
    }

    /// @notice Configure the re-entry.
    function setAction(Action action_, address recipient_, uint256 amount_, bool bubble_) external {
        action = action_;
        recipient = recipient_;
        amount = amount_;
        bubble = bubble_;
    }

    /// @notice Transfer entitlement as this holder (outside any callback).
    function transferEntitlement(uint256 resourceId, address to, uint256 value) external {
        REGISTRY.transferEntitlement(resourceId, to, value);
    }

    /// @notice Allow `buyer` to record this holder's landings.
    function approveBuyer(uint256 resourceId, address buyer) external {
        REGISTRY.approveBuyer(resourceId, buyer, true);
    }

    /// @inheritdoc ERC1155Holder
    function onERC1155Received(
        address,
        address,
        uint256 id,
        uint256,
        bytes memory
    ) public virtual override returns (bytes4) {
        if (action == Action.Reject) return bytes4(0xdeadbeef);
        _reenter(id);
        return this.onERC1155Received.selector;
    }

    /// @inheritdoc ERC1155Holder
    function onERC1155BatchReceived(
        address,
        address,
        uint256[] memory ids,
        uint256[] memory,
        bytes memory
    ) public virtual override returns (bytes4) {
        if (action == Action.Reject) return bytes4(0xdeadbeef);
        _reenter(ids[0]);
        return this.onERC1155BatchReceived.selector;
    }

    function _reenter(uint256 resourceId) private {
        if (_inside || action == Action.None) return;
        _inside = true;
        ++reentryAttempts;
        if (action == Action.TransferEntitlement) {
            try REGISTRY.transferEntitlement(resourceId, recipient, amount) {
                ++reentrySuccesses;
            } catch (bytes memory reason) {
                _failed(reason);
            }
        } else {
            try IERC1155(address(REGISTRY)).safeTransferFrom(address(this), recipient, resourceId, amount, "") {
                ++reentrySuccesses;
            } catch (bytes memory reason) {
                _failed(reason);
            }
        }
        _inside = false;
    }

    function _failed(bytes memory reason) private {
        lastReentryError = reason;
        if (bubble) revert ReentryFailed(reason);
    }
}
