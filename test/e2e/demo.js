// @ts-check
// "npm run demo": serves VS Code (code-server) on 127.0.0.1 with the packaged extension installed
// and a copy of the fixture workspace open, prints the URL, and stops everything on Ctrl-C.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { makeSandbox, startCodeServer, installExtension } = require('./lib/codeServer');
const { repositoryRoot } = require('./lib/workspace');

async function main() {
  const sandbox = makeSandbox('news-claims-demo-');
  installExtension(sandbox, path.join(repositoryRoot, 'dist', 'news-claims.vsix'));
  // A copy, so that whatever is typed in the demo never changes the project's fixtures.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'news-claims-demo-workspace-'));
  fs.cpSync(path.join(repositoryRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const server = await startCodeServer({ sandbox });
  const cleanUp = () => {
    server.stop();
    fs.rmSync(sandbox.root, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    console.log('\nStopping the demo.');
    cleanUp();
    process.exit(0);
  });
  process.once('SIGTERM', () => {
    cleanUp();
    process.exit(0);
  });
  console.log('News Claims demo is running. Open this address in a browser on this machine:');
  console.log(`  ${server.url}?folder=${encodeURIComponent(workspace)}`);
  console.log('Press Ctrl-C to stop.');
  // Keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
