#!/usr/bin/env bash
# Installs what the real-editor tests need into test/e2e (code-server 4.100.3 = VS Code 1.100.3,
# playwright-core, mocha, @vscode/test-electron) from its own lockfile, offline apart from the
# npm registry, and checks the Debian tools they drive (chromium, neovim, ripgrep).
#
#   bash test/e2e/setup.sh          install when missing or out of date
#   bash test/e2e/setup.sh --force  reinstall from scratch
#
# The Debian packages it needs are listed in debian-packages.txt; when they are missing and this
# runs as root on Debian, it installs them (CI installs them first, in .ci/run).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for tool in chromium nvim rg; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
# On a fresh Debian machine where we are root (as CI and the project's machines are), install the
# packages listed in debian-packages.txt rather than fail; elsewhere say what to install.
if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test/e2e/setup.sh: missing ${missing[*]}; installing the Debian packages in debian-packages.txt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null
  # shellcheck disable=SC2046 # one package name per line, by design
  apt-get install -y -q --no-install-recommends $(cat debian-packages.txt) </dev/null
  missing=()
  for tool in chromium nvim rg; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test/e2e/setup.sh: missing ${missing[*]}." >&2
  echo "Install them with: apt-get install -y $(tr '\n' ' ' <debian-packages.txt)" >&2
  exit 1
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != "20" ]; then
  echo "test/e2e/setup.sh: code-server 4.100.3 needs Node 20, found $(node -v)." >&2
  exit 1
fi

stamp=node_modules/.news-claims-e2e-installed
if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ -e node_modules/code-server/lib/vscode/node_modules.asar ]; then
  echo "test/e2e: already set up."
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this archive in its
# cache; Debian's rg is packed under the expected name so the install never leaves the machine.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_archive="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_archive" ]; then
  mkdir -p "$rg_cache"
  pack=$(mktemp -d)
  cp "$(command -v rg)" "$pack/rg"
  tar -C "$pack" -czf "$rg_archive" rg
  rm -rf "$pack"
fi

# code-server's postinstall refuses to run as root without unsafe-perm, and node-pty's runs
# "npx node-gyp", which must not stop to ask. The lockfile's allowScripts approves exactly
# code-server's and argon2's install scripts (npm 11 blocks the others by default).
export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false

started=$(date +%s)
npm ci --no-audit --no-fund --foreground-scripts >setup.log 2>&1 || {
  tail -40 setup.log >&2
  echo "test/e2e/setup.sh: npm ci failed; the full log is in test/e2e/setup.log." >&2
  exit 1
}

# npm may still skip code-server's postinstall (older lockfiles, stricter script policy). Its
# work is small: link node_modules.asar and install VS Code's built-in extension deps. Check the
# result rather than trusting the exit code, and run it explicitly when it did not happen.
if [ ! -e node_modules/code-server/lib/vscode/node_modules.asar ]; then
  echo "test/e2e: code-server's postinstall did not run; running it now."
  npm rebuild code-server --foreground-scripts >>setup.log 2>&1
fi
if [ ! -e node_modules/code-server/lib/vscode/node_modules.asar ]; then
  echo "test/e2e/setup.sh: code-server is incomplete (no lib/vscode/node_modules.asar); see test/e2e/setup.log." >&2
  exit 1
fi
# The prebuilt native modules code-server ships must load under this Node; a broken one would
# only show up later as a blank workbench.
node -e 'require("./node_modules/code-server/lib/vscode/node_modules/node-pty"); require("./node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog")' || {
  echo "test/e2e/setup.sh: code-server's native modules do not load under $(node -v)." >&2
  exit 1
}
touch "$stamp"
echo "test/e2e: set up in $(($(date +%s) - started)) s."
