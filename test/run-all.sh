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

# Adds the counts that mocha's spec reporter prints ("N passing", "N failing") to the totals.
count_mocha_tests() {
  local log=$1 p f
  p=$(grep -E '^ *[0-9]+ passing' "$log" | tail -1 | awk '{print $1}')
  f=$(grep -E '^ *[0-9]+ failing' "$log" | tail -1 | awk '{print $1}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

# Adds the counts of a runner that ends with a plain "N passed, N failed" line (Neovim).
count_plain_tests() {
  local log=$1 line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
  passed=$((passed + $(echo "${line:-0 passed, 0 failed}" | awk '{print $1}')))
  failed=$((failed + $(echo "${line:-0 passed, 0 failed}" | awk '{print $3}')))
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
node_tier protocol node --import tsx --test --test-reporter=spec test/protocol/*.test.ts

# Runs a tier whose runner prints its own summary and adds its counts with the given counter.
# A runner that fails without reporting a failed test (it crashed, timed out or never started)
# counts as one failure, so nothing fails silently.
counted_tier() {
  local name=$1 counter=$2 failure_pattern=$3
  shift 3
  local log="$log_dir/$name.log"
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  "$counter" "$log"
  if [ "$status" -ne 0 ] && ! grep -qE "$failure_pattern" "$log"; then
    echo "FAILED: $name exited with $status"
    failed=$((failed + 1))
  fi
}

if [ "${SKIP_E2E:-0}" = "1" ]; then
  echo "=== SKIP_E2E=1: skipping the VS Code, UI and Neovim tiers as asked"
else
  # The real-editor tiers need code-server, playwright-core and mocha in test/e2e (its own
  # lockfile, kept out of the root install) plus Debian's chromium, neovim and ripgrep.
  # setup.sh installs the npm side when it is missing and names any missing Debian package.
  echo "=== e2e setup"
  if bash test/e2e/setup.sh; then
    step e2e-typecheck npx tsc -p test/e2e
    step package npm run --silent package
    counted_tier vscode count_mocha_tests '^ *[1-9][0-9]* failing' node test/e2e/runExtensionTests.js
    counted_tier ui count_mocha_tests '^ *[1-9][0-9]* failing' node test/e2e/runUiTests.js
    counted_tier neovim count_plain_tests '^[0-9]+ passed, [1-9][0-9]* failed$' \
      nvim --headless --clean -c 'luafile test/nvim/check.lua'
  else
    echo "FAILED: the real-editor tests (VS Code, UI, Neovim) cannot run: test/e2e is not set up."
    echo "Install the Debian packages in test/e2e/debian-packages.txt (as root, setup.sh does it itself),"
    echo "then run 'bash test/e2e/setup.sh', or set SKIP_E2E=1 to skip these tiers on purpose."
    failed=$((failed + 1))
  fi
fi

rm -rf "$log_dir"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
