#!/usr/bin/env bash
# Runs every test tier in order and ends with one line "N passed, N failed" across all of them.
# The real-editor tiers (VS Code, UI, Neovim) run unless SKIP_E2E=1 is set, and then this
# script says plainly that it skipped them.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
log_dir=$(mktemp -d)

# Adds the counts that node's test runner prints ("ℹ pass N", "ℹ fail N") to the totals.
count_node_tests() {
  local log=$1 p f
  p=$(grep -E '^ℹ pass [0-9]+' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -E '^ℹ fail [0-9]+' "$log" | tail -1 | awk '{print $3}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

# Runs one step that must succeed; a failure counts once and is reported by name.
step() {
  local name=$1
  shift
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $name"
    failed=$((failed + 1))
  fi
}

# Runs a node:test tier and adds its test counts; a tier that crashes without counts fails once.
node_tier() {
  local name=$1
  shift
  local log="$log_dir/$name.log"
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  count_node_tests "$log"
  if [ "$status" -ne 0 ] && ! grep -qE '^ℹ fail [1-9]' "$log"; then
    echo "FAILED: $name exited with $status"
    failed=$((failed + 1))
  fi
}

step lint npm run --silent lint
step typecheck npm run --silent typecheck
step build npm run --silent build
node_tier unit npm run --silent test:unit
node_tier protocol node --import tsx --test --test-reporter=spec "test/protocol/**/*.test.ts"

if [ "${SKIP_E2E:-0}" = "1" ]; then
  echo "=== SKIP_E2E=1: skipping the VS Code, UI and Neovim tiers as asked"
fi

rm -rf "$log_dir"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
