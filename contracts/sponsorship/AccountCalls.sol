// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

/// @title AccountCalls
/// @notice The pure decoding of a smart account's call data as ERC-4337 `BaseAccount.execute(address,uint256,bytes)`
/// or `BaseAccount.executeBatch((address,uint256,bytes)[])` (the two entry points of `Simple7702Account`, v0.8), to
/// learn the target of every call the account will make.
/// @dev Soundness: {check} accepts an encoding only when the Solidity ABI decoder of the account accepts it too, and
/// {target} then reads each target from the same calldata word the account reads. The checks below mirror the ones
/// solc 0.8 emits for calldata arguments (head size, offsets and lengths at most 2^64 - 1, tails inside the calldata,
/// clean address words), with one restriction: the account's decoder compares a struct's or a `bytes`' relative offset
/// with a signed comparison, so it also accepts "negative" offsets that wrap around to an earlier position; this
/// library refuses them (a conservative refusal, never a wrong target). The account's calldata is exactly the user
/// operation's `callData` (the EntryPoint calls the sender with it), so positions here are positions there.
/// Gas: {check} reads 5 words for `execute` and 2 + 4 per call for `executeBatch`; nothing is allocated.
library AccountCalls {
    /// @notice `execute(address,uint256,bytes)`.
    bytes4 internal constant EXECUTE = 0xb61d27f6;
    /// @notice `executeBatch((address,uint256,bytes)[])`.
    bytes4 internal constant EXECUTE_BATCH = 0x34fcd5be;

    /// @notice The outcome of {check}.
    /// @dev `Decoded`: well formed, `count` calls whose targets {target} returns. `UnsupportedSelector`: neither
    /// selector (or fewer than 4 bytes). `Malformed`: the account's ABI decoder would revert, or the encoding uses a
    /// negative offset. `EmptyBatch`: a batch of 0 calls. `TooManyCalls`: a batch longer than the cap given.
    enum Outcome {
        Decoded,
        UnsupportedSelector,
        Malformed,
        EmptyBatch,
        TooManyCalls
    }

    uint256 private constant _MAX_U64 = type(uint64).max;

    /// @notice Checks `callData` and counts its calls.
    /// @param callData A user operation's call data.
    /// @param maxCalls The most calls a batch may hold (checked before any element is read).
    /// @return outcome See {Outcome}.
    /// @return count 1 for `execute`; the batch length for `executeBatch` (also for `TooManyCalls` and a malformed
    /// element); 0 otherwise.
    function check(bytes calldata callData, uint256 maxCalls) internal pure returns (Outcome outcome, uint256 count) {
        uint256 size = callData.length;
        if (size < 4) return (Outcome.UnsupportedSelector, 0);
        bytes4 selector = bytes4(callData[:4]);
        if (selector == EXECUTE) return (_validExecute(callData, size) ? Outcome.Decoded : Outcome.Malformed, 1);
        if (selector != EXECUTE_BATCH) return (Outcome.UnsupportedSelector, 0);
        // The array: its offset in the head, its length word, then one offset word per element.
        if (size < 36) return (Outcome.Malformed, 0);
        uint256 rel = _word(callData, 4);
        if (rel > _MAX_U64 || 4 + rel + 0x1f >= size) return (Outcome.Malformed, 0);
        count = _word(callData, 4 + rel);
        uint256 arrayPos = 4 + rel + 0x20;
        if (count > _MAX_U64 || arrayPos + count * 0x20 > size) return (Outcome.Malformed, 0);
        if (count == 0) return (Outcome.EmptyBatch, 0);
        if (count > maxCalls) return (Outcome.TooManyCalls, count);
        for (uint256 i = 0; i < count; ++i) {
            if (!_validCall(callData, size, arrayPos, _word(callData, arrayPos + i * 0x20))) {
                return (Outcome.Malformed, count);
            }
        }
        return (Outcome.Decoded, count);
    }

    /// @notice The target of call `index` of `callData`.
    /// @dev Only meaningful after {check} returned `Decoded` and `index < count`: it does not check bounds again.
    /// @param callData A user operation's call data that {check} decoded.
    /// @param index The call's position in the batch (0 for `execute`).
    /// @return The address the account calls.
    function target(bytes calldata callData, uint256 index) internal pure returns (address) {
        if (bytes4(callData[:4]) == EXECUTE) return address(uint160(_word(callData, 4)));
        uint256 arrayPos = 4 + _word(callData, 4) + 0x20;
        return address(uint160(_word(callData, arrayPos + _word(callData, arrayPos + index * 0x20))));
    }

    /// @notice The first four bytes of `callData`, left-aligned (zero-padded when shorter).
    /// @param callData A user operation's call data.
    /// @return selector The function selector the account is called with.
    function selectorOf(bytes calldata callData) internal pure returns (bytes4 selector) {
        uint256 n = callData.length < 4 ? callData.length : 4;
        for (uint256 i = 0; i < n; ++i) {
            selector |= bytes4(callData[i]) >> (8 * i);
        }
    }

    /// @dev `execute(address target, uint256 value, bytes data)`: 3 head words, a clean address, and the `bytes` tail
    /// (its offset at most 2^64 - 1, its length word and its bytes) inside the calldata.
    function _validExecute(bytes calldata callData, uint256 size) private pure returns (bool) {
        if (size < 4 + 0x60) return false;
        if (_word(callData, 4) >> 160 != 0) return false;
        uint256 rel = _word(callData, 0x44);
        if (rel > _MAX_U64 || 4 + rel + 0x1f >= size) return false;
        uint256 length = _word(callData, 4 + rel);
        return length <= _MAX_U64 && 4 + rel + 0x20 + length <= size;
    }

    /// @dev One `Call {address target; uint256 value; bytes data;}` of a batch at `arrayPos + rel`: its 3 head words
    /// inside the calldata, a clean address, and its `bytes` tail (relative to the struct) inside the calldata.
    function _validCall(
        bytes calldata callData,
        uint256 size,
        uint256 arrayPos,
        uint256 rel
    ) private pure returns (bool) {
        // arrayPos < size here (the array holds at least one offset word).
        if (rel > size - arrayPos || size - arrayPos - rel < 0x60) return false;
        uint256 tuple = arrayPos + rel;
        if (_word(callData, tuple) >> 160 != 0) return false;
        uint256 dataRel = _word(callData, tuple + 0x40);
        if (dataRel > size - tuple || size - tuple - dataRel < 0x20) return false;
        uint256 dataPos = tuple + dataRel;
        uint256 length = _word(callData, dataPos);
        return length <= _MAX_U64 && length <= size - dataPos - 0x20;
    }

    /// @dev The 32-byte word at `pos` of `data`; every caller has checked `pos + 32 <= data.length` first. Assembly
    /// because a checked slice per word costs over 1,000 gas per operation (and a 16-call batch ~ 10x that) in
    /// validation, where the paymaster's gas limit is tight.
    function _word(bytes calldata data, uint256 pos) private pure returns (uint256 w) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            w := calldataload(add(data.offset, pos))
        }
    }
}
