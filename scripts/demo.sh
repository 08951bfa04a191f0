#!/usr/bin/env bash
# Builds and packages the extension, then serves VS Code (code-server) on 127.0.0.1 with the
# .vsix installed and the fixture workspace open, and prints the URL. Ctrl-C stops it.
# The first run installs code-server into test/e2e (bash test/e2e/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/e2e/setup.sh
npm run --silent package
exec node test/e2e/demo.js
