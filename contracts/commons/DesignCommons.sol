// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IContributionLedger} from "../contribution/IContributionLedger.sol";
import {FeeSplit} from "./FeeSplit.sol";
import {IDesignCommons} from "./IDesignCommons.sol";
import {IERC5192} from "./IERC5192.sol";

/// @title DesignCommons
/// @notice Open designs under CopyFair licences, wired to contribution accounting. See {IDesignCommons}.
/// @dev The owner (the council's timelock) only accredits commons entities: it cannot move fees, change terms or
/// licences. Value moves in {reportProduction}, {payPeriods}, {payOwed} and {release}, each behind the reentrancy
/// guard, with the state written before the transfers (checks-effects-interactions). A report operator's report
/// ({reportProductionAsOperator}) moves no value: its fee is owed, paid later with {payOwed}. Loops are bounded: at
/// most MAX_ANCESTORS ancestors per design, and a derivative's parents at most MAX_ANCESTORS (each adds at least one
/// ancestor).
contract DesignCommons is IDesignCommons, IERC5192, ERC721, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IDesignCommons
    uint256 public constant MAX_ANCESTORS = 8;
    /// @inheritdoc IDesignCommons
    uint256 public constant MAX_ANCESTOR_SHARE_BPS = 5_000;
    /// @inheritdoc IDesignCommons
    IContributionLedger public immutable LEDGER;

    uint8 private constant _MEMBER_ROLE = 1; // ContributionLedger.MEMBER_ROLE
    uint8 private constant _COORDINATOR_ROLE = 2; // ContributionLedger.COORDINATOR_ROLE
    bytes4 private constant _ERC5192_ID = 0xb45a3c0e;

    mapping(uint64 designId => Design) private _designs;
    mapping(uint64 designId => mapping(uint32 version => Terms)) private _terms;
    /// @dev Index 0..ancestorCount-1; a mapping rather than an array (no length slot to write).
    mapping(uint64 designId => mapping(uint256 index => Ancestor)) private _ancestors;
    mapping(bytes32 contentHash => uint64 designId) private _designOfContent;
    mapping(address entity => bool) private _commonsEntities;
    mapping(uint256 licenceId => Licence) private _licences;
    mapping(uint64 designId => mapping(address licensee => uint256 licenceId)) private _licenceOf;
    mapping(uint64 projectId => mapping(address currency => uint256)) private _held;
    mapping(address licensee => mapping(address operator => bool)) private _reportOperators;
    mapping(uint256 licenceId => uint256 owed) private _feesOwed;
    uint64 private _designCount;
    uint256 private _licenceCount;

    /// @param ledger The contribution ledger.
    /// @param initialOwner The owner (the council's timelock), which accredits commons entities.
    constructor(
        IContributionLedger ledger,
        address initialOwner
    ) ERC721("Cosmolocal design licence", "CDL") Ownable(initialOwner) {
        LEDGER = ledger;
    }

    // ------------------------------------------------------------------------------------------ designs

    /// @inheritdoc IDesignCommons
    function registerDesign(
        bytes32 contentHash,
        string calldata metadataURI,
        uint64 projectId,
        Terms calldata terms_,
        uint64[] calldata parents
    ) external returns (uint64 designId) {
        if (contentHash == bytes32(0)) revert EmptyContentHash();
        uint64 existing = _designOfContent[contentHash];
        if (existing != 0) revert ContentAlreadyRegistered(contentHash, existing);
        if (LEDGER.rolesOf(projectId, msg.sender) & _MEMBER_ROLE == 0) revert NotProjectMember(projectId, msg.sender);
        _checkTerms(terms_);

        (Ancestor[] memory ancestors, uint256 totalBps) = _lineage(parents);
        if (terms_.currency != address(0)) {
            _requireAccepted(projectId, terms_.currency);
            for (uint256 i = 0; i < ancestors.length; ++i) _requireAccepted(ancestors[i].projectId, terms_.currency);
        }
        designId = ++_designCount;
        _designOfContent[contentHash] = designId;
        _designs[designId] = Design({
            projectId: projectId,
            termsVersion: 1,
            ancestorCount: uint8(ancestors.length),
            ancestorShareBps: uint16(totalBps),
            registeredAt: uint40(block.timestamp)
        });
        _terms[designId][1] = terms_;
        emit DesignRegistered(designId, projectId, msg.sender, contentHash, metadataURI, parents);
        for (uint256 i = 0; i < ancestors.length; ++i) {
            Ancestor memory a = ancestors[i];
            _ancestors[designId][i] = a;
            emit AncestorRecorded(designId, a.designId, a.projectId, a.shareBps);
        }
        emit TermsSet(designId, 1, terms_, msg.sender);
    }

    /// @inheritdoc IDesignCommons
    function setTerms(uint64 designId, Terms calldata terms_) external returns (uint32 version) {
        Design storage d = _design(designId);
        uint64 projectId = d.projectId;
        if (LEDGER.rolesOf(projectId, msg.sender) & _COORDINATOR_ROLE == 0) {
            revert NotProjectCoordinator(projectId, msg.sender);
        }
        _checkTerms(terms_);
        if (terms_.currency != address(0)) {
            _requireAccepted(projectId, terms_.currency);
            uint256 n = d.ancestorCount;
            for (uint256 i = 0; i < n; ++i) _requireAccepted(_ancestors[designId][i].projectId, terms_.currency);
        }
        version = d.termsVersion + 1;
        d.termsVersion = version;
        _terms[designId][version] = terms_;
        emit TermsSet(designId, version, terms_, msg.sender);
    }

    // ------------------------------------------------------------------------------------------ entities

    /// @inheritdoc IDesignCommons
    function accreditCommonsEntity(address entity, string calldata uri) external onlyOwner {
        if (entity == address(0)) revert InvalidEntity(entity);
        _commonsEntities[entity] = true;
        emit CommonsEntityAccredited(entity, uri);
    }

    /// @inheritdoc IDesignCommons
    function revokeCommonsEntity(address entity) external onlyOwner {
        if (!_commonsEntities[entity]) revert InvalidEntity(entity);
        _commonsEntities[entity] = false;
        emit CommonsEntityRevoked(entity);
    }

    // ------------------------------------------------------------------------------------------ licences

    /// @inheritdoc IDesignCommons
    function takeLicence(uint64 designId) external returns (uint256 licenceId) {
        Design storage d = _design(designId);
        uint256 current = _licenceOf[designId][msg.sender];
        if (current != 0 && block.timestamp < _licences[current].expiresAt) {
            revert LicenceStillValid(designId, msg.sender, current);
        }
        uint32 version = d.termsVersion;
        Tier tier = _isCommons(d.projectId, msg.sender) ? Tier.Commons : Tier.Commercial;
        uint40 expiresAt = uint40(block.timestamp + _terms[designId][version].licenceDuration);
        licenceId = ++_licenceCount;
        _licences[licenceId] = Licence({
            designId: designId,
            termsVersion: version,
            tier: tier,
            takenAt: uint40(block.timestamp),
            expiresAt: expiresAt,
            paidUntil: uint40(block.timestamp),
            unitsReported: 0,
            feesPaid: 0
        });
        _licenceOf[designId][msg.sender] = licenceId;
        emit LicenceTaken(licenceId, designId, msg.sender, tier, version, expiresAt);
        _mint(msg.sender, licenceId); // no receiver callback: a record, not a transfer
        emit Locked(licenceId);
    }

    /// @inheritdoc IDesignCommons
    function reportProduction(uint256 licenceId, uint128 units) external payable nonReentrant returns (uint256 fee) {
        Licence storage lic = _validLicence(licenceId);
        if (units == 0) revert ZeroQuantity();
        uint64 designId = lic.designId;
        Terms storage t = _terms[designId][lic.termsVersion];
        if (lic.tier == Tier.Commercial) fee = FeeSplit.feeFor(units, t.feePerUnit);
        lic.unitsReported = _toUint128(uint256(lic.unitsReported) + units);
        lic.feesPaid = _toUint128(uint256(lic.feesPaid) + fee);
        emit ProductionReported(licenceId, designId, units, fee);
        _collectAndSplit(designId, t.currency, fee);
    }

    /// @inheritdoc IDesignCommons
    function setReportOperator(address operator, bool approved) external {
        if (operator == msg.sender || operator == address(0)) revert InvalidReportOperator(operator);
        _reportOperators[msg.sender][operator] = approved;
        emit ReportOperatorSet(msg.sender, operator, approved);
    }

    /// @inheritdoc IDesignCommons
    function reportProductionAsOperator(
        uint64 designId,
        address licensee,
        uint128 units,
        bytes32 ref
    ) external returns (ReportOutcome outcome, uint256 licenceId, uint256 fee) {
        if (units == 0) revert ZeroQuantity();
        if (!_reportOperators[licensee][msg.sender]) return (ReportOutcome.OperatorNotApproved, 0, 0);
        licenceId = _licenceOf[designId][licensee]; // licences never move: the licensee still owns it
        if (licenceId == 0) return (ReportOutcome.NoLicence, 0, 0);
        Licence storage lic = _licences[licenceId];
        if (lic.tier != Tier.Commercial) return (ReportOutcome.NotCommercial, licenceId, 0);
        if (block.timestamp >= lic.expiresAt) return (ReportOutcome.Expired, licenceId, 0);
        fee = FeeSplit.feeFor(units, _terms[designId][lic.termsVersion].feePerUnit);
        // Checked: 2^128 units, or 2^256 owed, would take 2^32 reports of the largest order (2^96 units at 2^96 each).
        lic.unitsReported += units;
        uint256 owed = _feesOwed[licenceId] + fee;
        if (fee != 0) _feesOwed[licenceId] = owed;
        emit ProductionReportedByOperator(licenceId, designId, msg.sender, units, fee, owed, ref);
        return (ReportOutcome.Reported, licenceId, fee);
    }

    /// @inheritdoc IDesignCommons
    function payOwed(uint256 licenceId, uint256 amount) external payable nonReentrant returns (uint256 owed) {
        Licence storage lic = _licences[licenceId];
        if (lic.tier == Tier.None) revert UnknownLicence(licenceId);
        if (_ownerOf(licenceId) != msg.sender) revert NotLicensee(licenceId, msg.sender);
        owed = _feesOwed[licenceId];
        if (amount == 0 || amount > owed) revert InvalidOwedPayment(licenceId, amount, owed);
        unchecked {
            owed -= amount; // amount <= owed
        }
        _feesOwed[licenceId] = owed;
        lic.feesPaid = _toUint128(uint256(lic.feesPaid) + amount);
        uint64 designId = lic.designId;
        emit OwedFeesPaid(licenceId, designId, amount, owed);
        _collectAndSplit(designId, _terms[designId][lic.termsVersion].currency, amount);
    }

    /// @inheritdoc IDesignCommons
    function payPeriods(uint256 licenceId, uint32 periods) external payable nonReentrant returns (uint256 fee) {
        Licence storage lic = _validLicence(licenceId);
        if (periods == 0) revert ZeroQuantity();
        uint64 designId = lic.designId;
        Terms storage t = _terms[designId][lic.termsVersion];
        uint256 rate = t.feePerPeriod;
        if (lic.tier != Tier.Commercial || rate == 0) revert NoPeriodFee(licenceId);
        fee = FeeSplit.feeFor(periods, rate);
        uint256 length = t.periodLength;
        uint256 paidUntil = FeeSplit.extendPaid(lic.paidUntil, block.timestamp, periods, length);
        uint40 expiresAt = lic.expiresAt;
        if (paidUntil - length >= expiresAt) revert PeriodsBeyondExpiry(licenceId, expiresAt); // the last one's start
        lic.paidUntil = uint40(paidUntil);
        lic.feesPaid = _toUint128(uint256(lic.feesPaid) + fee);
        emit PeriodsPaid(licenceId, designId, periods, uint40(paidUntil), fee);
        _collectAndSplit(designId, t.currency, fee);
    }

    /// @inheritdoc IDesignCommons
    function release(uint64 projectId, address currency) external nonReentrant returns (uint256 amount) {
        amount = _held[projectId][currency];
        if (amount == 0) revert NothingHeld(projectId, currency);
        _held[projectId][currency] = 0;
        emit HeldReleased(projectId, currency, amount, msg.sender);
        _depositIncome(projectId, currency, amount); // reverts (NoPointHolders) while the project has no points
    }

    // ------------------------------------------------------------------------------------------ views

    /// @inheritdoc IDesignCommons
    function designCount() external view returns (uint64) {
        return _designCount;
    }

    /// @inheritdoc IDesignCommons
    function design(uint64 designId) external view returns (Design memory) {
        return _design(designId);
    }

    /// @inheritdoc IDesignCommons
    function designOfContent(bytes32 contentHash) external view returns (uint64) {
        return _designOfContent[contentHash];
    }

    /// @inheritdoc IDesignCommons
    function terms(uint64 designId, uint32 version) external view returns (Terms memory) {
        _design(designId);
        return _terms[designId][version];
    }

    /// @inheritdoc IDesignCommons
    function ancestorsOf(uint64 designId) external view returns (Ancestor[] memory ancestors) {
        uint256 n = _design(designId).ancestorCount;
        ancestors = new Ancestor[](n);
        for (uint256 i = 0; i < n; ++i) ancestors[i] = _ancestors[designId][i];
    }

    /// @inheritdoc IDesignCommons
    function isCommonsEntity(address entity) external view returns (bool) {
        return _commonsEntities[entity];
    }

    /// @inheritdoc IDesignCommons
    function isCommonsFor(uint64 designId, address account) external view returns (bool) {
        return _isCommons(_design(designId).projectId, account);
    }

    /// @inheritdoc IDesignCommons
    function licenceCount() external view returns (uint256) {
        return _licenceCount;
    }

    /// @inheritdoc IDesignCommons
    function licence(uint256 licenceId) external view returns (Licence memory) {
        return _licences[licenceId];
    }

    /// @inheritdoc IDesignCommons
    function licenceOf(uint64 designId, address licensee) external view returns (uint256) {
        return _licenceOf[designId][licensee];
    }

    /// @inheritdoc IDesignCommons
    function isReportOperator(address licensee, address operator) external view returns (bool) {
        return _reportOperators[licensee][operator];
    }

    /// @inheritdoc IDesignCommons
    function feesOwed(uint256 licenceId) external view returns (uint256) {
        return _feesOwed[licenceId];
    }

    /// @inheritdoc IDesignCommons
    function heldFor(uint64 projectId, address currency) external view returns (uint256) {
        return _held[projectId][currency];
    }

    /// @inheritdoc IERC5192
    function locked(uint256 licenceId) external view returns (bool) {
        _requireOwned(licenceId);
        return true;
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == _ERC5192_ID || super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------------------------------ private

    /// @dev Licences are minted and never move (ERC-5192): any update of an existing token is refused.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_ownerOf(tokenId) != address(0)) revert LicenceNotTransferable(tokenId);
        return super._update(to, tokenId, auth);
    }

    function _design(uint64 designId) private view returns (Design storage d) {
        d = _designs[designId];
        if (d.termsVersion == 0) revert UnknownDesign(designId);
    }

    /// @dev The licence `licenceId` of the caller, before its expiry.
    function _validLicence(uint256 licenceId) private view returns (Licence storage lic) {
        lic = _licences[licenceId];
        if (lic.tier == Tier.None) revert UnknownLicence(licenceId);
        if (_ownerOf(licenceId) != msg.sender) revert NotLicensee(licenceId, msg.sender);
        if (block.timestamp >= lic.expiresAt) revert LicenceExpired(licenceId, lic.expiresAt);
    }

    function _isCommons(uint64 projectId, address account) private view returns (bool) {
        return _commonsEntities[account] || LEDGER.pointsOf(projectId, account) > 0;
    }

    function _checkTerms(Terms calldata t) private pure {
        if (t.licenceDuration == 0 || (t.feePerPeriod != 0 && t.periodLength == 0)) {
            revert InvalidDuration(t.licenceDuration, t.periodLength);
        }
        if (t.derivativeShareBps > MAX_ANCESTOR_SHARE_BPS) {
            revert DerivativeShareTooHigh(t.derivativeShareBps, MAX_ANCESTOR_SHARE_BPS);
        }
    }

    /// @dev A derivative's ancestors from its `parents`: each parent, then each parent's recorded ancestors, once
    /// each, with the share each one's latest terms ask of derivatives now.
    function _lineage(uint64[] calldata parents) private view returns (Ancestor[] memory ancestors, uint256 totalBps) {
        if (parents.length > MAX_ANCESTORS) revert TooManyAncestors(parents.length, MAX_ANCESTORS);
        uint64[MAX_ANCESTORS] memory ids;
        uint256 n = 0;
        for (uint256 i = 0; i < parents.length; ++i) {
            uint64 parent = parents[i];
            for (uint256 j = 0; j < i; ++j) if (parents[j] == parent) revert DuplicateParent(parent);
            uint256 grand = _design(parent).ancestorCount;
            n = _addAncestor(ids, n, parent);
            for (uint256 k = 0; k < grand; ++k) n = _addAncestor(ids, n, _ancestors[parent][k].designId);
        }
        ancestors = new Ancestor[](n);
        for (uint256 i = 0; i < n; ++i) {
            Design storage a = _designs[ids[i]];
            uint16 shareBps = _terms[ids[i]][a.termsVersion].derivativeShareBps;
            ancestors[i] = Ancestor({designId: ids[i], projectId: a.projectId, shareBps: shareBps});
            totalBps += shareBps;
        }
        if (totalBps > MAX_ANCESTOR_SHARE_BPS) revert AncestorSharesTooHigh(totalBps, MAX_ANCESTOR_SHARE_BPS);
    }

    /// @dev Appends `id` to the first `n` of `ids` unless it is there; refuses a ninth.
    function _addAncestor(uint64[MAX_ANCESTORS] memory ids, uint256 n, uint64 id) private pure returns (uint256) {
        for (uint256 i = 0; i < n; ++i) if (ids[i] == id) return n;
        if (n == MAX_ANCESTORS) revert TooManyAncestors(n + 1, MAX_ANCESTORS);
        ids[n] = id;
        return n + 1;
    }

    /// @dev Refuses `currency` (an ERC-20) unless project `projectId` accepts it as income: every share of a fee, the
    /// design's project's and each ancestor's project's, must be depositable into the ledger.
    function _requireAccepted(uint64 projectId, address currency) private view {
        address[] memory accepted = LEDGER.incomeTokens(projectId);
        for (uint256 i = 0; i < accepted.length; ++i) if (accepted[i] == currency) return;
        revert CurrencyNotAccepted(projectId, currency);
    }

    /// @dev Takes `fee` from the caller (the ETH sent, or the ERC-20 pulled), credits each ancestor's share to its
    /// project (held until released) and deposits the rest as the design's project's income (held while the project
    /// has no point holders). With no fee, refuses ETH sent along. The ancestors' credits are written before the token
    /// is pulled (checks-effects-interactions); a token that delivers less reverts the whole payment.
    function _collectAndSplit(uint64 designId, address currency, uint256 fee) private {
        uint256 expected = currency == address(0) ? fee : 0;
        if (msg.value != expected) revert IncorrectPayment(expected, msg.value);
        if (fee == 0) return;
        Design storage d = _designs[designId];
        uint256 n = d.ancestorCount;
        uint256 rest = fee;
        for (uint256 i = 0; i < n; ++i) {
            Ancestor storage a = _ancestors[designId][i];
            uint256 amount = FeeSplit.share(fee, a.shareBps);
            if (amount == 0) continue;
            rest -= amount; // the shares sum to at most half the fee
            _held[a.projectId][currency] += amount;
            emit AncestorShareCredited(designId, a.designId, a.projectId, currency, amount);
        }
        if (currency != address(0)) {
            IERC20 token = IERC20(currency);
            uint256 before = token.balanceOf(address(this));
            token.safeTransferFrom(msg.sender, address(this), fee);
            uint256 received = token.balanceOf(address(this)) - before;
            if (received != fee) revert TransferAmountMismatch(currency, fee, received);
        }
        uint64 projectId = d.projectId; // rest >= fee / 2 > 0: the ancestors take at most half, rounded down
        bool held = !_tryDepositIncome(projectId, currency, rest);
        if (held) _held[projectId][currency] += rest;
        emit ProjectShareCredited(designId, projectId, currency, rest, held);
    }

    /// @dev Deposits `amount` as project income; false (and nothing moved) when the ledger refuses it for want of point
    /// holders. Any other refusal reverts with the ledger's error.
    function _tryDepositIncome(uint64 projectId, address currency, uint256 amount) private returns (bool) {
        bytes memory reason;
        if (currency == address(0)) {
            try LEDGER.depositIncome{value: amount}(projectId) {
                return true;
            } catch (bytes memory r) {
                reason = r;
            }
        } else {
            IERC20(currency).forceApprove(address(LEDGER), amount);
            try LEDGER.depositIncomeToken(projectId, currency, amount) {
                return true;
            } catch (bytes memory r) {
                reason = r;
                IERC20(currency).forceApprove(address(LEDGER), 0);
            }
        }
        if (bytes4(reason) != IContributionLedger.NoPointHolders.selector) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
        return false;
    }

    function _depositIncome(uint64 projectId, address currency, uint256 amount) private {
        if (currency == address(0)) {
            LEDGER.depositIncome{value: amount}(projectId);
        } else {
            IERC20(currency).forceApprove(address(LEDGER), amount);
            LEDGER.depositIncomeToken(projectId, currency, amount);
        }
    }

    function _toUint128(uint256 amount) private pure returns (uint128) {
        if (amount > type(uint128).max) revert AmountTooLarge(amount, type(uint128).max);
        return uint128(amount);
    }
}
