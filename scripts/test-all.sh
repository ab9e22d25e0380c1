#!/usr/bin/env bash
# `npm test`: every check of the repository, in the order a failure is cheapest to find.
# Fuzz depth: quick by default; CI=true (or FUZZ_PROFILE=ci) runs >= 5,000 fuzz runs per property.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failures=()
step() {
  local name=$1
  shift
  echo
  echo "=== ${name}"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== ${name}: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== ${name}: FAILED ($((SECONDS - t0)) s)"
  fi
}
must() { # a step whose failure makes the rest meaningless
  local before=$failed
  step "$@"
  if [ "$failed" -gt "$before" ]; then summary; exit 1; fi
}
summary() {
  echo
  [ ${#failures[@]} -gt 0 ] && printf 'failed step: %s\n' "${failures[@]}"
  echo "steps: ${passed} passed, ${failed} failed"
}

must "compile contracts" npx hardhat build
must "generate SDK (ABIs, addresses)" node scripts/gen-sdk.ts
step "custom errors: one signature per name" node scripts/check-error-signatures.ts
step "solhint (0 warnings)" npx solhint 'contracts/**/*.sol' --max-warnings 0 --disc
step "prettier" npx prettier --check .
step "tsc --noEmit (scripts, tests, sdk)" npx tsc --noEmit -p tsconfig.json
step "contracts: Solidity + mocha tests with coverage (lines and statements >= 95%)" node scripts/coverage-check.ts
must "recompile contracts (the coverage run leaves instrumented artifacts)" npx hardhat build --quiet
step "subgraph: codegen, build, mapping tests on the compiled WASM" npm run test -w subgraph
step "web: type check (app + e2e), production build, first-screen JS <= 350 kB gzipped" bash -c "npm run build -w web && npx tsc --noEmit -p web/e2e/tsconfig.json"
step "web: unit tests of the read path (vitest)" npm run test -w web
step "web: subgraph queries valid against the schema" node web/e2e/subgraph-query.check.ts
step "large-data seed at 1 %: every count of its summary read back from the chain" node scripts/seed-large.check.ts
step "e2e harness: public-RPC proxy (eth_getLogs range and result caps, rate limit, batches, stats)" \
  node web/e2e/rpc-proxy.check.ts
step "browser e2e through the public-RPC proxy: contribution, credit, impact claims, council and resource caps (@playwright/test, Chromium)" \
  npx playwright test -c web/playwright.config.ts
summary
[ "$failed" -eq 0 ]
