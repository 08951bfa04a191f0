// @ts-check
'use strict';
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const root = path.resolve(__dirname, '..', '..');
runTests({
  vscodeExecutablePath: path.join(__dirname, 'bin', 'code-web.js'),
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
  launchArgs: [path.join(root, 'test', 'fixtures')],
}).then(
  () => process.exit(0),
  (e) => {
    console.error(String(e));
    process.exit(1);
  },
);
