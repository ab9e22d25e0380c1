// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {IImpactMarket} from "../impact/IImpactMarket.sol";
import {IImpactRegistry} from "../impact/IImpactRegistry.sol";

/// @notice Test-only party of the impact market (buyer, claimant, seller or round owner) that re-enters
/// `ImpactMarket` and `ImpactRegistry` from its callbacks: `onERC1155Received` / `onERC1155BatchReceived` (impact
/// units bought or minted), `onERC721Received` (a retirement certificate) and `receive()` (proceeds or a reclaimed
/// round paid in ETH).
/// @dev `hooks` selects the callbacks that re-enter (bits `ON_ERC1155`, `ON_ERC721`, `ON_ETH`); each performs `action`
/// once per outer call (no recursion):
/// - `Action.Buy`: `market.buy{value}(claimId, units, terms)` (ETH, the listing's version, units x price at most);
/// - `Action.BuyMatched`: `market.buyMatched{value}(roundId, claimId, units, terms, 0)`;
/// - `Action.Withdraw`: `market.withdrawProceeds(claimId, this)`;
/// - `Action.Reclaim`: `market.reclaimRound(roundId)`;
/// - `Action.Retire`: `registry.retire(claimId, units, "Re-entrant retirement", "")`;
/// - `Action.List`: `market.list(claimId, ETH, price, units)`;
/// - `Action.Forward`: `registry.safeTransferFrom(this, recipient, claimId, units, "")`.
/// Each attempt increments `reentryAttempts`; a successful inner call increments `reentrySuccesses`, a failed one
/// stores its revert data in `lastReentryError` and, with `bubble` set, reverts the callback (`ReentryFailed`).
/// `refuse` selects callbacks that refuse instead: the token hooks return a wrong selector, `receive()` reverts
/// (`Refused`). The forwarding functions let the contract act as each party.
contract ReentrantImpactReceiver is ERC1155Holder, IERC721Receiver {
    /// @notice What a re-entering callback tries.
    enum Action {
        None,
        Buy,
        BuyMatched,
        Withdraw,
        Reclaim,
        Retire,
        List,
        Forward
    }

    /// @notice Callback bits for `hooks` and `refuse`.
    uint8 public constant ON_ERC1155 = 1;
    uint8 public constant ON_ERC721 = 2;
    uint8 public constant ON_ETH = 4;

    /// @notice A re-entrant call failed while `bubble` is set; `reason` is its revert data.
    error ReentryFailed(bytes reason);
    /// @notice `receive()` refuses ETH (`refuse` has `ON_ETH`).
    error Refused();

    /// @notice The attacked registry.
    IImpactRegistry public immutable REGISTRY;
    /// @notice The attacked market.
    IImpactMarket public immutable MARKET;

    /// @notice Re-entry performed by the selected callbacks.
    Action public action;
    /// @notice Callbacks that re-enter.
    uint8 public hooks;
    /// @notice Callbacks that refuse.
    uint8 public refuse;
    /// @notice Revert the callback when the re-entrant call fails.
    bool public bubble;
    /// @notice Parameters of the re-entrant call.
    struct Target {
        uint256 claimId;
        uint256 roundId;
        uint256 units;
        uint256 price;
        uint256 value;
        address recipient;
    }

    /// @notice The re-entrant call's parameters.
    Target public reentry;

    /// @notice Number of re-entrant calls attempted.
    uint256 public reentryAttempts;
    /// @notice Number of re-entrant calls that succeeded.
    uint256 public reentrySuccesses;
    /// @notice Revert data of the last failed re-entrant call.
    bytes public lastReentryError;
    /// @notice Callbacks received: ERC-1155 transfers, ERC-721 certificates, ETH payments (and wei received).
    uint256 public erc1155Received;
    uint256 public erc721Received;
    uint256 public ethReceived;

    bool private _inside;

    constructor(IImpactRegistry registry_, IImpactMarket market_) {
        REGISTRY = registry_;
        MARKET = market_;
    }

    // ------------------------------------------------------------------------------------------ configuration

    /// @notice Sets the re-entry: what to call, from which callbacks, and whether a failure reverts the callback.
    function setAction(Action action_, uint8 hooks_, bool bubble_) external {
        action = action_;
        hooks = hooks_;
        bubble = bubble_;
    }

    /// @notice Sets the parameters of the re-entrant call (`value` is sent from this contract's balance).
    function setTarget(
        uint256 claimId_,
        uint256 roundId_,
        uint256 units_,
        uint256 price_,
        uint256 value_,
        address recipient_
    ) external {
        reentry = Target(claimId_, roundId_, units_, price_, value_, recipient_);
    }

    /// @notice Sets the callbacks that refuse.
    function setRefuse(uint8 refuse_) external {
        refuse = refuse_;
    }

    // --------------------------------------------------------------------------------------------- forwarding

    function buy(uint256 claimId_, uint256 units_, IImpactMarket.BuyTerms calldata terms) external payable {
        MARKET.buy{value: msg.value}(claimId_, units_, terms);
    }

    function buyMatched(
        uint256 roundId_,
        uint256 claimId_,
        uint256 units_,
        IImpactMarket.BuyTerms calldata terms,
        uint256 minMatched
    ) external payable {
        MARKET.buyMatched{value: msg.value}(roundId_, claimId_, units_, terms, minMatched);
    }

    function submitClaim(IImpactRegistry.ClaimInput calldata input) external returns (uint256) {
        return REGISTRY.submitClaim(input);
    }

    function approveMarket(bool approved) external {
        IERC1155(address(REGISTRY)).setApprovalForAll(address(MARKET), approved);
    }

    function list(uint256 claimId_, address currency, uint96 pricePerUnit, uint48 units_) external {
        MARKET.list(claimId_, currency, pricePerUnit, units_);
    }

    function withdrawProceeds(uint256 claimId_) external {
        MARKET.withdrawProceeds(claimId_, address(this));
    }

    function createRound(
        IImpactMarket.RoundConfig calldata config,
        uint256 deposit
    ) external payable returns (uint256) {
        return MARKET.createRound{value: msg.value}(config, deposit);
    }

    function reclaimRound(uint256 roundId_) external {
        MARKET.reclaimRound(roundId_);
    }

    function retire(uint256 claimId_, uint256 units_, string calldata beneficiary) external returns (uint256) {
        return REGISTRY.retire(claimId_, units_, beneficiary, "");
    }

    // ------------------------------------------------------------------------------------------------ callbacks

    /// @inheritdoc ERC1155Holder
    function onERC1155Received(
        address,
        address,
        uint256,
        uint256,
        bytes memory
    ) public virtual override returns (bytes4) {
        ++erc1155Received;
        if (refuse & ON_ERC1155 != 0) return bytes4(0xdeadbeef);
        if (hooks & ON_ERC1155 != 0) _reenter();
        return this.onERC1155Received.selector;
    }

    /// @inheritdoc ERC1155Holder
    function onERC1155BatchReceived(
        address,
        address,
        uint256[] memory,
        uint256[] memory,
        bytes memory
    ) public virtual override returns (bytes4) {
        ++erc1155Received;
        if (refuse & ON_ERC1155 != 0) return bytes4(0xdeadbeef);
        if (hooks & ON_ERC1155 != 0) _reenter();
        return this.onERC1155BatchReceived.selector;
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        ++erc721Received;
        if (refuse & ON_ERC721 != 0) return bytes4(0xdeadbeef);
        if (hooks & ON_ERC721 != 0) _reenter();
        return IERC721Receiver.onERC721Received.selector;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        ethReceived += msg.value;
        if (refuse & ON_ETH != 0) revert Refused();
        if (hooks & ON_ETH != 0) _reenter();
    }

    // ------------------------------------------------------------------------------------------------ internals

    function _reenter() private {
        if (_inside || action == Action.None) return;
        _inside = true;
        ++reentryAttempts;
        (bool ok, bytes memory reason) = _call();
        _inside = false;
        if (ok) {
            ++reentrySuccesses;
        } else {
            lastReentryError = reason;
            if (bubble) revert ReentryFailed(reason);
        }
    }

    /// @dev The terms of a re-entrant purchase: ETH, the listing's current version, units x price at most.
    function _terms(Target memory t) private view returns (IImpactMarket.BuyTerms memory) {
        return
            IImpactMarket.BuyTerms({
                currency: address(0),
                listingVersion: MARKET.getListing(t.claimId).version,
                maxCost: t.units * t.price
            });
    }

    function _call() private returns (bool, bytes memory) {
        Action a = action;
        Target memory t = reentry;
        IImpactMarket.BuyTerms memory terms = _terms(t);
        if (a == Action.Buy) {
            try MARKET.buy{value: t.value}(t.claimId, t.units, terms) {
                return (true, "");
            } catch (bytes memory reason) {
                return (false, reason);
            }
        }
        if (a == Action.BuyMatched) {
            try MARKET.buyMatched{value: t.value}(t.roundId, t.claimId, t.units, terms, 0) {
                return (true, "");
            } catch (bytes memory reason) {
                return (false, reason);
            }
        }
        if (a == Action.Withdraw) {
            try MARKET.withdrawProceeds(t.claimId, address(this)) {
                return (true, "");
            } catch (bytes memory reason) {
                return (false, reason);
            }
        }
        if (a == Action.Reclaim) {
            try MARKET.reclaimRound(t.roundId) {
                return (true, "");
            } catch (bytes memory reason) {
                return (false, reason);
            }
        }
        if (a == Action.Retire) {
            try REGISTRY.retire(t.claimId, t.units, "Re-entrant retirement", "") {
                return (true, "");
            } catch (bytes memory reason) {
                return (false, reason);
            }
        }
        if (a == Action.List) {
            try MARKET.list(t.claimId, address(0), uint96(t.price), uint48(t.units)) {
                return (true, "");
            } catch (bytes memory reason) {
                return (false, reason);
            }
        }
        try IERC1155(address(REGISTRY)).safeTransferFrom(address(this), t.recipient, t.claimId, t.units, "") {
            return (true, "");
        } catch (bytes memory reason) {
            return (false, reason);
        }
    }
}
