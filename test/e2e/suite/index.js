// @ts-check
// Entry point that VS Code's extension host loads as --extensionTestsPath. It runs every
// *.test.js file next to it with mocha and rejects when a test fails, which makes the workbench
// report a non-zero exit code through codeAutomationExit.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const Mocha = require('mocha');

/**
 * The extension host's console goes to the browser, not to the terminal that started the run, so
 * the report is written to the file the launcher names and the launcher prints it.
 */
function redirectReport() {
  const reportFile = process.env.NEWS_CLAIMS_E2E_REPORT;
  if (!reportFile) return;
  fs.writeFileSync(reportFile, '');
  Mocha.reporters.Base.consoleLog = (/** @type {unknown[]} */ ...args) => {
    fs.appendFileSync(reportFile, `${util.format(...args)}\n`);
  };
}

function run() {
  redirectReport();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const only = process.env.NEWS_CLAIMS_E2E_GREP;
  if (only) mocha.grep(only);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed.`));
        else resolve(undefined);
      });
    } catch (error) {
      reject(error);
    }
  });
}

module.exports = { run };
