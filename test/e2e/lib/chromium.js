// @ts-check
// Launches Debian's Chromium through playwright-core. Playwright's own browser download is never
// used: the tests run offline against the system browser.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const chromiumPath = process.env.NEWS_CLAIMS_CHROMIUM || '/usr/bin/chromium';

/**
 * Opens a headless browser with a fresh profile and one page of the given size.
 * @param {{ width?: number, height?: number }} [viewport]
 */
async function launchBrowser(viewport = {}) {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}; install it with "apt-get install -y chromium".`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'news-claims-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    // The extension's "Copy as CSV" goes through the workbench to the browser clipboard.
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: viewport.width ?? 1400, height: viewport.height ?? 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

module.exports = { launchBrowser, chromiumPath };
