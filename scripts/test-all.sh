#!/usr/bin/env bash
# `npm test`: every check of the repository, in the order a failure is cheapest to find.
# Fuzz depth: quick by default; CI=true (or FUZZ_PROFILE=ci) runs >= 5,000 fuzz runs per property.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failures=()
failure_logs=()
# Each step's output is also kept in a log, so that the end of the run can repeat what a failed step said: a CI
# record that shows only the last lines of a long run still names the failing test.
LOG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cosmolocal-test.XXXXXX")
runs=0
step() {
  local name=$1
  shift
  echo
  echo "=== ${name}"
  local t0=$SECONDS
  runs=$((runs + 1))
  local log="${LOG_DIR}/step-${runs}.log"
  "$@" 2>&1 | tee "$log"
  if [ "${PIPESTATUS[0]}" -eq 0 ]; then
    passed=$((passed + 1))
    echo "=== ${name}: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    failure_logs+=("$log")
    echo "=== ${name}: FAILED ($((SECONDS - t0)) s)"
  fi
}
# What a failed step said about its failure: the lines that name a failing test or an error (at most 40), then its
# last 15 lines.
explain() {
  local log=$1
  echo "--- what it printed about the failure (${log}):"
  grep -n -E "FAIL|[Ff]ailing|[0-9]+\) |AssertionError|Error:|[Cc]ounterexample|[Rr]everted|LOW |Timeout|timed out|✘|✗" "$log" |
    grep -v -E "^[0-9]+:\s*$" | head -40 | cut -c1-300
  echo "--- its last lines:"
  tail -n 15 "$log" | cut -c1-300
}
flaky=()
flaky_logs=()
# A step that runs a second time when it fails once: the contract suites. Their fuzz and invariant campaigns are pinned
# (CI_FUZZ_SEED), so a real counterexample fails both attempts; a first failure that the second attempt does not repeat
# is reported at the end of the run (FLAKY, with what it printed) rather than hidden.
step_retried() {
  local name=$1
  local before=$failed
  step "$@"
  if [ "$failed" -gt "$before" ]; then
    failed=$before
    flaky+=("$name")
    flaky_logs+=("${failure_logs[-1]}")
    unset 'failures[-1]' 'failure_logs[-1]'
    shift
    step "${name} (second attempt)" "$@"
    if [ "$failed" -gt "$before" ]; then # failed twice: a failure, not a flake
      unset 'flaky[-1]' 'flaky_logs[-1]'
    fi
  fi
}
must() { # a step whose failure makes the rest meaningless
  local before=$failed
  step "$@"
  if [ "$failed" -gt "$before" ]; then summary; exit 1; fi
}
summary() {
  echo
  local i
  for i in "${!flaky[@]}"; do
    echo "=== FLAKY: ${flaky[$i]}: the first attempt failed"
    explain "${flaky_logs[$i]}"
  done
  for i in "${!failures[@]}"; do
    echo "=== FAILED: ${failures[$i]}"
    explain "${failure_logs[$i]}"
  done
  [ ${#failures[@]} -gt 0 ] && printf 'failed step: %s\n' "${failures[@]}"
  echo "steps: ${passed} passed, ${failed} failed"
}

must "compile contracts" npx hardhat build
must "generate SDK (ABIs, addresses)" node scripts/gen-sdk.ts
step "custom errors: one signature per name" node scripts/check-error-signatures.ts
step "solhint (0 warnings)" npx solhint 'contracts/**/*.sol' --max-warnings 0 --disc
step "prettier" npx prettier --check .
step "tsc --noEmit (scripts, tests, sdk)" npx tsc --noEmit -p tsconfig.json
step "scripts and SDK: unit tests (node --test; the cluster matcher against GLPK; the clearing CLI's file reader and outputs)" \
  bash -c "node --test scripts/lib/*.test.ts scripts/match.test.ts scripts/clear.test.ts sdk/src/cluster/*.test.ts"
# Coverage needs every test once, not the deep fuzz campaigns: instrumented code runs about twice as slowly, so the
# coverage run uses the quick fuzz depth (from the pinned seed), and the CI-depth campaigns run afterwards on the
# uninstrumented build.
step_retried "contracts: Solidity + mocha tests with coverage, quick fuzz depth (lines and statements >= 95%)" \
  env FUZZ_PROFILE=quick FUZZ_SEED=0x636f736d6f6c6f63616c node scripts/coverage-check.ts
must "recompile contracts (the coverage run leaves instrumented artifacts)" npx hardhat build --quiet
step "clearing chunks on chain within the SDK's gas model (the plain build: gas under coverage is not comparable)" \
  npx hardhat test mocha test/credit/CreditNetwork.solver.ts
step_retried "contracts: Solidity fuzz and invariant tests at the CI depth (5,000 fuzz runs, 256 x 64 invariant runs)" \
  npx hardhat test solidity
step "subgraph: codegen, build, mapping tests on the compiled WASM" npm run test -w subgraph
step "web: type check (app + e2e), no raw address outside the identity component, production build, first-screen JS <= 350 kB gzipped" bash -c "npm run build -w web && npx tsc --noEmit -p web/e2e/tsconfig.json"
step "web: unit tests of the read path (vitest)" npm run test -w web
step "web: subgraph queries valid against the schema" node web/e2e/subgraph-query.check.ts
step "large-data seed at 1 %: every count of its summary read back from the chain" node scripts/seed-large.check.ts
step "deploy: npm run deploy on a separate node with a keystore key; roles by view calls, the SDK, graph build and deploy:subgraph (stand-in graph-node), verification (stand-in Blockscout), the dApp for that chain in Chromium, a second run sends nothing" \
  node --test scripts/deploy.check.ts
step "e2e harness: public-RPC proxy (eth_getLogs range and result caps, rate limit, batches, stats)" \
  node web/e2e/rpc-proxy.check.ts
step "browser e2e through the public-RPC proxy: contribution, credit, impact claims, council and resource caps, members without ETH through the bundler (Alto), the open design commons, the micro-cluster exchange, the solidarity circles, both readers on every main screen, every main screen at 360-1280 px with axe-core (@playwright/test, Chromium)" \
  npx playwright test -c web/playwright.config.ts
summary
[ "$failed" -eq 0 ]
