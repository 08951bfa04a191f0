// @ts-check
// Runs the UI suite (test/e2e/ui/*.test.js) with mocha in node: it installs the packaged
// extension (dist/news-claims.vsix from "npm run package") into a private code-server, opens the
// test workspace in headless Chromium and drives the workbench the way a user does. Screenshots
// go to test-results/.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');
const { repositoryRoot } = require('./lib/workspace');

const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000, reporter: 'spec' });
mocha.addFile(path.join(__dirname, 'ui', 'session.js'));
for (const file of fs.readdirSync(path.join(__dirname, 'ui')).sort()) {
  if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, 'ui', file));
}
const only = process.env.NEWS_CLAIMS_E2E_GREP;
if (only) mocha.grep(only);
fs.mkdirSync(path.join(repositoryRoot, 'test-results'), { recursive: true });
mocha.run((failures) => {
  process.exitCode = failures > 0 ? 1 : 0;
});
