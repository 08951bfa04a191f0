// @ts-check
// Starts and stops a private code-server (VS Code 1.100 in the browser) for the real-editor tests.
// Everything it writes lives in one temporary folder, so a run never touches the developer's own
// VS Code settings and leaves nothing behind.
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const codeServerBin = path.join(__dirname, '..', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Asks the kernel for a free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates the temporary home, XDG and VS Code folders one code-server needs.
 * @param {string} prefix
 */
function makeSandbox(prefix) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = {
    root,
    home: path.join(root, 'home'),
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    config: path.join(root, 'xdg-config'),
    data: path.join(root, 'xdg-data'),
    cache: path.join(root, 'xdg-cache'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  // Quiet, offline defaults: no welcome page, no update or gallery checks, no telemetry, so the
  // workbench does the same thing on every run and never reaches for the network.
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': false,
        'editor.hover.delay': 100,
      },
      null,
      2,
    ),
  );
  return dirs;
}

/**
 * The environment code-server runs with: HOME and the XDG folders point into the sandbox so
 * nothing is read from or written to the real home directory.
 * @param {ReturnType<typeof makeSandbox>} sandbox
 */
function sandboxEnv(sandbox) {
  return {
    ...process.env,
    HOME: sandbox.home,
    XDG_CONFIG_HOME: sandbox.config,
    XDG_DATA_HOME: sandbox.data,
    XDG_CACHE_HOME: sandbox.cache,
    // code-server reads these as defaults for its own flags; clear them so a developer's
    // environment cannot turn on authentication or change the bind address.
    PASSWORD: '',
    HASHED_PASSWORD: '',
    VSCODE_PROXY_URI: '',
    // An empty gallery keeps the workbench from querying open-vsx.org for recommendations.
    EXTENSIONS_GALLERY: '{}',
  };
}

/**
 * Installs a .vsix into the sandbox's extensions folder with code-server's own installer, the
 * same path a user takes, so the UI tests exercise what ships.
 * @param {ReturnType<typeof makeSandbox>} sandbox
 * @param {string} vsixPath
 */
function installExtension(sandbox, vsixPath) {
  if (!fs.existsSync(vsixPath)) {
    throw new Error(`The packaged extension ${vsixPath} does not exist; run "npm run package" first.`);
  }
  execFileSync(
    process.execPath,
    [
      codeServerBin,
      '--user-data-dir',
      sandbox.userDataDir,
      '--extensions-dir',
      sandbox.extensionsDir,
      '--install-extension',
      vsixPath,
      '--force',
    ],
    { env: sandboxEnv(sandbox), stdio: ['ignore', 'inherit', 'inherit'], timeout: 120_000 },
  );
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it answers HTTP. The process is spawned in
 * its own process group so that stop() can end it together with its extension hosts and the
 * language servers they start; a plain SIGTERM to the parent would leave those behind.
 * @param {{ sandbox: ReturnType<typeof makeSandbox>, log?: (line: string) => void, timeoutMs?: number }} options
 */
async function startCodeServer({ sandbox, log = () => {}, timeoutMs = 60_000 }) {
  if (!fs.existsSync(codeServerBin)) {
    throw new Error(
      `code-server is not installed in test/e2e (missing ${codeServerBin}); run "bash test/e2e/setup.sh".`,
    );
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      codeServerBin,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      sandbox.userDataDir,
      '--extensions-dir',
      sandbox.extensionsDir,
    ],
    { env: sandboxEnv(sandbox), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start (no process id).');
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (/** @type {string} */ chunk) => {
      for (const line of chunk.split('\n')) if (line.trim()) log(line);
    });
  }
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const stop = () => {
    if (exited) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is already gone; nothing is left to stop.
    }
  };

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error('code-server exited before it answered HTTP; see its log above.');
    try {
      const response = await fetch(`${url}healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port, pid, host: `127.0.0.1:${port}`, stop };
}

module.exports = { makeSandbox, startCodeServer, installExtension, freePort };
