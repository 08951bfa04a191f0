// @ts-check
// Root hooks of the UI suite: one code-server with the packaged extension installed, one browser
// page on the test workspace, shared by every UI test and torn down at the end.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { makeSandbox, startCodeServer, installExtension } = require('../lib/codeServer');
const { launchBrowser } = require('../lib/chromium');
const { makeWorkspace, repositoryRoot } = require('../lib/workspace');

const resultsDir = path.join(repositoryRoot, 'test-results');
const vsixPath = path.join(repositoryRoot, 'dist', 'news-claims.vsix');

/**
 * @type {{
 *   page: import('playwright-core').Page,
 *   workspace: string,
 *   screenshot: (name: string) => Promise<string>,
 * }}
 */
const session = /** @type {any} */ ({});

/** @type {(() => void) | undefined} */
let stopServer;
/** @type {(() => Promise<void>) | undefined} */
let closeBrowser;
/** @type {string[]} */
const cleanup = [];

before(async function () {
  this.timeout(180_000);
  const sandbox = makeSandbox('news-claims-ui-');
  cleanup.push(sandbox.root);
  installExtension(sandbox, vsixPath);
  const installed = fs.readdirSync(sandbox.extensionsDir).filter((name) => name.startsWith('news-claims.'));
  if (installed.length !== 1) {
    throw new Error(`Installing ${vsixPath} left ${JSON.stringify(installed)} in the extensions folder.`);
  }
  const verbose = process.env.NEWS_CLAIMS_E2E_VERBOSE === '1';
  const server = await startCodeServer({ sandbox, log: verbose ? (line) => console.log(line) : () => {} });
  stopServer = server.stop;
  const workspace = makeWorkspace();
  cleanup.push(workspace);
  const browser = await launchBrowser({ width: 1400, height: 860 });
  closeBrowser = browser.close;
  const page = browser.page;
  page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
  await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  session.page = page;
  session.workspace = workspace;
  session.screenshot = async (name) => {
    const file = path.join(resultsDir, `${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
});

afterEach(async function () {
  // A failing test leaves a picture of the workbench as it was at the moment of failure.
  if (this.currentTest?.state === 'failed' && session.page) {
    const name = `failed-${(this.currentTest.title || 'test').replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
    await session.screenshot(name).catch(() => undefined);
  }
});

after(async () => {
  await closeBrowser?.();
  stopServer?.();
  for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
});

module.exports = { session };
