// @ts-check
// Runs the extension-host suite (test/e2e/suite) inside VS Code 1.100 (code-server) with the
// standard @vscode/test-electron API. Its "VS Code executable" is bin/code-web.js, which serves
// the workbench from code-server and drives it with headless Chromium. The extension under test
// is the repository itself (dist/ from "npm run build"); the articles are copied into a
// temporary workspace so that tests which edit and save never touch tracked files.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { makeWorkspace, repositoryRoot } = require('./lib/workspace');

/** The extension under test; another checkout's build can be tested by naming its folder. */
const extensionPath = path.resolve(process.env.NEWS_CLAIMS_E2E_EXTENSION_PATH || repositoryRoot);

async function main() {
  if (!fs.existsSync(path.join(extensionPath, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing; run "npm run build" first.');
  }
  const workspace = makeWorkspace();
  try {
    await runTests({
      vscodeExecutablePath: path.join(__dirname, 'bin', 'code-web.js'),
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`runExtensionTests: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
