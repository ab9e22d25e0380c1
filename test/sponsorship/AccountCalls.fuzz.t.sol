// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AccountCalls} from "../../contracts/sponsorship/AccountCalls.sol";

/// @notice The reference model: an account with BaseAccount's `execute` / `executeBatch` signatures and the same
/// Solidity calldata decoding, which records the targets (reading every field of every call, as BaseAccount's loop
/// does) instead of calling them.
contract RecordingAccount {
    struct Call {
        address target;
        uint256 value;
        bytes data;
    }

    function execute(address target, uint256 value, bytes calldata data) external pure returns (address[] memory t) {
        (value, data);
        t = new address[](1);
        t[0] = target;
    }

    function executeBatch(Call[] calldata calls) external pure returns (address[] memory t) {
        t = new address[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            Call calldata call = calls[i];
            (call.value, call.data.length);
            t[i] = call.target;
        }
    }
}

/// @notice Exposes the library to external calls (calldata in, outcome and targets out).
contract AccountCallsHarness {
    function decode(
        bytes calldata callData,
        uint256 maxCalls
    ) external pure returns (AccountCalls.Outcome outcome, uint256 count, address[] memory targets, bytes4 selector) {
        (outcome, count) = AccountCalls.check(callData, maxCalls);
        selector = AccountCalls.selectorOf(callData);
        if (outcome != AccountCalls.Outcome.Decoded) return (outcome, count, targets, selector);
        targets = new address[](count);
        for (uint256 i = 0; i < count; i++) targets[i] = AccountCalls.target(callData, i);
    }
}

/// @notice Fuzz tests of the AccountCalls decoder against the Solidity ABI decoder of an account (the model):
/// canonical encodings decode to their targets; any encoding the library accepts, mutated or not, the account accepts
/// with the same targets (soundness); other selectors are refused.
contract AccountCallsFuzzTest is Test {
    uint256 internal constant MAX = 16;
    RecordingAccount internal account;
    AccountCallsHarness internal harness;

    function setUp() public {
        account = new RecordingAccount();
        harness = new AccountCallsHarness();
    }

    function _calls(uint256 seed, uint256 n) internal pure returns (RecordingAccount.Call[] memory calls) {
        calls = new RecordingAccount.Call[](n);
        for (uint256 i = 0; i < n; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            calls[i] = RecordingAccount.Call(address(uint160(r)), r >> 200, new bytes((r >> 160) % 70));
            for (uint256 j = 0; j < calls[i].data.length; j++) calls[i].data[j] = bytes1(uint8(r >> (j % 32)));
        }
    }

    /// @dev The property every input must satisfy: Decoded implies the account decodes the same targets.
    function _checkSound(bytes memory callData) internal view {
        (AccountCalls.Outcome outcome, uint256 count, address[] memory targets, ) = harness.decode(callData, MAX);
        if (outcome != AccountCalls.Outcome.Decoded) return;
        (bool ok, bytes memory ret) = address(account).staticcall(callData);
        assertTrue(ok, "library accepted what the account rejects");
        address[] memory expected = abi.decode(ret, (address[]));
        assertEq(count, expected.length, "count");
        assertEq(targets, expected, "targets");
    }

    function testFuzz_executeDecodes(address target, uint256 value, bytes calldata data) public view {
        bytes memory callData = abi.encodeCall(RecordingAccount.execute, (target, value, data));
        (AccountCalls.Outcome outcome, uint256 count, address[] memory targets, ) = harness.decode(callData, MAX);
        assertEq(uint8(outcome), uint8(AccountCalls.Outcome.Decoded));
        assertEq(count, 1);
        assertEq(targets[0], target);
        _checkSound(callData);
    }

    function testFuzz_batchDecodes(uint256 seed, uint256 n) public view {
        n = bound(n, 0, MAX + 2);
        RecordingAccount.Call[] memory calls = _calls(seed, n);
        bytes memory callData = abi.encodeCall(RecordingAccount.executeBatch, (calls));
        (AccountCalls.Outcome outcome, uint256 count, address[] memory targets, ) = harness.decode(callData, MAX);
        if (n == 0) {
            assertEq(uint8(outcome), uint8(AccountCalls.Outcome.EmptyBatch));
        } else if (n > MAX) {
            assertEq(uint8(outcome), uint8(AccountCalls.Outcome.TooManyCalls));
            assertEq(count, n);
        } else {
            assertEq(uint8(outcome), uint8(AccountCalls.Outcome.Decoded));
            assertEq(count, n);
            for (uint256 i = 0; i < n; i++) assertEq(targets[i], calls[i].target);
            _checkSound(callData);
        }
    }

    /// @notice Soundness under mutation: overwrite one word, truncate, or extend a canonical encoding.
    function testFuzz_mutatedEncodingsAreSound(
        uint256 seed,
        uint256 n,
        uint256 pos,
        uint256 word,
        uint8 kind
    ) public view {
        n = bound(n, 1, 4);
        bytes memory callData =
            seed % 2 == 0
                ? abi.encodeCall(RecordingAccount.executeBatch, (_calls(seed, n)))
                : abi.encodeCall(RecordingAccount.execute, (address(uint160(seed)), seed, new bytes(n * 7)));
        pos = bound(pos, 4, callData.length - 1);
        if (kind % 3 == 0) {
            // Overwrite a (possibly unaligned) word with a random or a small value.
            if (pos + 32 > callData.length) pos = callData.length - 32;
            uint256 w = word % 4 == 0 ? word : word % 1024;
            assembly ("memory-safe") {
                mstore(add(add(callData, 0x20), pos), w)
            }
        } else if (kind % 3 == 1) {
            assembly ("memory-safe") {
                mstore(callData, pos)
            }
        } else {
            callData = abi.encodePacked(callData, word);
        }
        _checkSound(callData);
    }

    /// @notice Arbitrary bytes: refused unless the account would decode them to the same targets.
    function testFuzz_garbageIsSound(bytes calldata raw, bool asBatch) public view {
        bytes memory callData = abi.encodePacked(asBatch ? AccountCalls.EXECUTE_BATCH : AccountCalls.EXECUTE, raw);
        _checkSound(callData);
    }

    function testFuzz_otherSelectorsRefused(bytes4 selector, bytes calldata rest) public view {
        vm.assume(selector != AccountCalls.EXECUTE && selector != AccountCalls.EXECUTE_BATCH);
        bytes memory callData = abi.encodePacked(selector, rest);
        (AccountCalls.Outcome outcome, , , bytes4 got) = harness.decode(callData, MAX);
        assertEq(uint8(outcome), uint8(AccountCalls.Outcome.UnsupportedSelector));
        assertEq(got, selector);
    }

    function test_selectorsMatchTheAccount() public pure {
        assertEq(AccountCalls.EXECUTE, RecordingAccount.execute.selector);
        assertEq(AccountCalls.EXECUTE_BATCH, RecordingAccount.executeBatch.selector);
    }

    function test_shortCallDataIsUnsupported() public view {
        (AccountCalls.Outcome outcome, , , bytes4 got) = harness.decode(hex"b61d27", MAX);
        assertEq(uint8(outcome), uint8(AccountCalls.Outcome.UnsupportedSelector));
        assertEq(got, bytes4(hex"b61d2700"));
    }

    /// @notice A negative (wrapping) element offset, which solc's decoder accepts, is refused.
    function test_negativeOffsetRefused() public view {
        bytes memory callData = abi.encodeCall(RecordingAccount.executeBatch, (_calls(1, 2)));
        // Element 1's offset word (after the selector, the array offset, the length and element 0's offset) := -0x20,
        // which wraps to 32 bytes before the offsets: solc's signed bound check lets it through.
        uint256 at = 4 + 0x60;
        uint256 back = type(uint256).max - 0x1f; // -0x20
        assembly ("memory-safe") {
            mstore(add(add(callData, 0x20), at), back)
        }
        (AccountCalls.Outcome outcome, , , ) = harness.decode(callData, MAX);
        assertEq(uint8(outcome), uint8(AccountCalls.Outcome.Malformed));
        (bool ok, ) = address(account).staticcall(callData);
        assertTrue(ok, "the account decodes it");
    }
}
