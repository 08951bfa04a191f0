#!/usr/bin/env node
// @ts-check
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() launches. It takes
// the same arguments (--extensionDevelopmentPath, --extensionTestsPath, the folder to open, the
// profile folders), starts code-server, opens the workbench in headless Chromium with the test
// payload in the URL, and exits with the code the workbench reports through codeAutomationExit,
// which is the hook VS Code's own browser integration tests use.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { makeSandbox, startCodeServer } = require('../lib/codeServer');
const { launchBrowser } = require('../lib/chromium');

/** How long one whole extension-test run may take before it is called a failure. */
const runTimeoutMs = Number(process.env.NEWS_CLAIMS_E2E_TIMEOUT_MS || 10 * 60_000);

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ developmentPaths: string[], testsPath: string | undefined, folder: string | undefined }} */
  const parsed = { developmentPaths: [], testsPath: undefined, folder: undefined };
  for (const arg of argv) {
    if (arg.startsWith('--extensionDevelopmentPath=')) {
      parsed.developmentPaths.push(path.resolve(arg.slice('--extensionDevelopmentPath='.length)));
    } else if (arg.startsWith('--extensionTestsPath=')) {
      parsed.testsPath = path.resolve(arg.slice('--extensionTestsPath='.length));
    } else if (!arg.startsWith('-')) {
      parsed.folder = path.resolve(arg);
    }
    // Desktop-only flags (--no-sandbox, --user-data-dir, --extensions-dir, ...) do not apply:
    // this shim gives code-server a fresh sandbox of its own on every run.
  }
  return parsed;
}

/**
 * After a failed run, shows the end of the News Claims output channel (the language client's log,
 * with server restarts and errors) so a failure in CI can be understood without the sandbox.
 * @param {string} userDataDir
 */
function printExtensionLogs(userDataDir) {
  const logsDir = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsDir)) return;
  const files = /** @type {string[]} */ (fs.readdirSync(logsDir, { recursive: true, encoding: 'utf8' }))
    .filter((file) => file.endsWith('News Claims.log'))
    .map((file) => path.join(logsDir, file));
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    process.stdout.write(`--- last lines of ${path.basename(file)} (the News Claims output channel)\n`);
    process.stdout.write(`${lines.slice(-40).join('\n')}\n---\n`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath || args.developmentPaths.length === 0 || !args.folder) {
    throw new Error('code-web needs --extensionDevelopmentPath=, --extensionTestsPath= and a folder to open.');
  }
  const sandbox = makeSandbox('news-claims-code-web-');
  const verbose = process.env.NEWS_CLAIMS_E2E_VERBOSE === '1';
  // The suite writes mocha's report here (the extension host inherits code-server's environment);
  // it is copied to this process's stdout as it grows, so the runner's summary shows in the run.
  const reportFile = path.join(sandbox.root, 'mocha-report.txt');
  process.env.NEWS_CLAIMS_E2E_REPORT = reportFile;
  let reportPrinted = 0;
  const printReport = () => {
    if (!fs.existsSync(reportFile)) return;
    const text = fs.readFileSync(reportFile, 'utf8');
    if (text.length > reportPrinted) process.stdout.write(text.slice(reportPrinted));
    reportPrinted = text.length;
  };
  const reportPoller = setInterval(printReport, 250);
  const server = await startCodeServer({
    sandbox,
    log: (line) => {
      // The extension host's own output (mocha's report) arrives on code-server's stdout; show
      // it always, and the server's chatter only when asked.
      if (verbose || !/^\[\d\d:\d\d:\d\d\]|^\[\d{4}-/.test(line)) process.stdout.write(`${line}\n`);
    },
  });
  const browser = await launchBrowser();
  let finished = false;
  try {
    const exitCode = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The extension tests did not finish within ${runTimeoutMs} ms.`)),
        runTimeoutMs,
      );
      const remote = (/** @type {string} */ p) => `vscode-remote://${server.host}${p}`;
      const payload = [
        ...args.developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
        ['extensionTestsPath', remote(/** @type {string} */ (args.testsPath))],
      ];
      const url = `${server.url}?folder=${encodeURIComponent(/** @type {string} */ (args.folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      const page = browser.page;
      page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
      if (verbose) page.on('console', (message) => process.stdout.write(`[browser] ${message.text()}\n`));
      void Promise.all([
        page.exposeFunction('codeAutomationLog', (/** @type {unknown} */ _type, /** @type {unknown[]} */ logArgs) => {
          if (verbose) process.stdout.write(`[workbench] ${JSON.stringify(logArgs).slice(0, 2000)}\n`);
        }),
        page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => {
          clearTimeout(timer);
          finished = true;
          resolve(code);
        }),
      ])
        .then(() => page.goto(url))
        .catch(reject);
    });
    if (exitCode !== 0) printExtensionLogs(sandbox.userDataDir);
    return exitCode;
  } finally {
    clearInterval(reportPoller);
    printReport();
    if (!finished && process.env.NEWS_CLAIMS_E2E_ARTIFACTS) {
      // A run that never reported back leaves a picture of the workbench for whoever debugs it.
      fs.mkdirSync(process.env.NEWS_CLAIMS_E2E_ARTIFACTS, { recursive: true });
      await browser.page
        .screenshot({ path: path.join(process.env.NEWS_CLAIMS_E2E_ARTIFACTS, 'extension-tests-timeout.png') })
        .catch(() => undefined);
    }
    await browser.close();
    server.stop();
    if (process.env.NEWS_CLAIMS_E2E_KEEP === '1') {
      // Kept for debugging: the extension host's logs and output channels are under user-data/logs.
      process.stdout.write(`code-web: kept ${sandbox.root}\n`);
    } else {
      fs.rmSync(sandbox.root, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => process.exit(typeof code === 'number' ? code : 1),
  (error) => {
    process.stderr.write(`code-web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
