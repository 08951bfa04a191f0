// The product never sends text anywhere. This test bundles the four shipped entry points the way
// esbuild.mjs does (so it needs no prior build) and checks, twice over, that nothing in them can
// open a network connection:
//   1. esbuild's metafile lists every Node built-in each bundled module imports; network modules
//      may be imported only by the allowlisted modules below, for the reason given there;
//   2. the bundled text is scanned for network APIs that need no import (fetch, WebSocket,
//      XMLHttpRequest) and for any require/import of a network module outside those modules.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';

const repoRoot = join(import.meta.dirname, '../..');

/** Node built-ins that can talk to the network. */
const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'inspector'];

/**
 * The only modules allowed to import a network module, and why. vscode-jsonrpc's Node entry
 * implements every transport the protocol supports; besides stdio and IPC (which we use) it offers
 * named pipes and TCP sockets, built on `net`. It requires `net` at load time even when those
 * transports are never chosen, so the import is present but unused: the client starts the server
 * with TransportKind.ipc and the server reads stdio or IPC. The npm package nests its own copy
 * under vscode-languageserver-protocol, hence the pattern matches either location.
 */
const ALLOWED_IMPORTERS: ReadonlyArray<{ module: string; importer: RegExp }> = [
  { module: 'net', importer: /^node_modules\/(?:[^/]+\/node_modules\/)?vscode-jsonrpc\/lib\/node\/main\.js$/ },
];

const ENTRY_POINTS = [
  { name: 'extension', entry: 'client/src/extension.ts' },
  { name: 'server', entry: 'server/src/server.ts' },
  { name: 'analysis-worker', entry: 'server/src/analysisWorkerEntry.ts' },
  { name: 'cli', entry: 'server/src/cli.ts' },
];

interface Bundle {
  name: string;
  text: string;
  metafile: esbuild.Metafile;
}

const bundles: Bundle[] = [];
let outputDirectory = '';

before(async () => {
  outputDirectory = mkdtempSync(join(tmpdir(), 'news-claims-no-network-'));
  for (const { name, entry } of ENTRY_POINTS) {
    const outfile = join(outputDirectory, `${name}.js`);
    const result = await esbuild.build({
      absWorkingDir: repoRoot,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
      // Unminified, so that esbuild's `// path/to/module.js` comments say which module each line came from.
      minify: false,
      metafile: true,
      logLevel: 'silent',
    });
    bundles.push({ name, text: readFileSync(outfile, 'utf8'), metafile: result.metafile });
  }
});

after(() => {
  rmSync(outputDirectory, { recursive: true, force: true });
});

function bareName(specifier: string): string {
  return specifier.replace(/^node:/, '').split('/')[0] ?? specifier;
}

function isAllowed(module: string, importer: string): boolean {
  return ALLOWED_IMPORTERS.some((allowed) => allowed.module === module && allowed.importer.test(importer));
}

void describe('no network in the shipped bundles', () => {
  for (const { name } of ENTRY_POINTS) {
    void it(`${name}.js imports network modules only where allowlisted`, () => {
      const bundle = bundles.find((candidate) => candidate.name === name);
      assert.ok(bundle, `${name} was bundled`);
      const offending: string[] = [];
      for (const [importer, input] of Object.entries(bundle.metafile.inputs)) {
        for (const imported of input.imports) {
          const module = bareName(imported.path);
          if (imported.external && NETWORK_MODULES.includes(module) && !isAllowed(module, importer)) {
            offending.push(`${importer} imports ${imported.path}`);
          }
        }
      }
      assert.deepEqual(offending, []);
    });

    void it(`${name}.js uses no fetch, WebSocket or XMLHttpRequest, and requires network modules only in allowlisted code`, () => {
      const bundle = bundles.find((candidate) => candidate.name === name);
      assert.ok(bundle);
      const findings: string[] = [];
      // esbuild starts each bundled module with a `// path` comment; track which module a line is in.
      let currentModule = '(entry)';
      bundle.text.split('\n').forEach((line, index) => {
        const header = /^\s*\/\/ ((?:node_modules|client|server)\/\S+\.(?:js|ts|json))$/.exec(line);
        if (header?.[1] !== undefined) {
          currentModule = header[1];
          return;
        }
        const apiUse = /\bfetch\s*\(|\bWebSocket\b|\bXMLHttpRequest\b|\bEventSource\b|\bsendBeacon\b/.exec(line);
        if (apiUse) {
          findings.push(`line ${index + 1} (${currentModule}): ${apiUse[0]}`);
        }
        for (const match of line.matchAll(/\b(?:require|import)\(\s*["']((?:node:)?[a-z0-9]+)["']\s*\)/g)) {
          const module = bareName(match[1] ?? '');
          if (NETWORK_MODULES.includes(module) && !isAllowed(module, currentModule)) {
            findings.push(`line ${index + 1} (${currentModule}): ${match[0]}`);
          }
        }
      });
      assert.deepEqual(findings, []);
    });
  }

  void it('the CLI and the analysis core import no network or process modules at all', () => {
    const cli = bundles.find((candidate) => candidate.name === 'cli');
    assert.ok(cli);
    const builtins = new Set<string>();
    for (const input of Object.values(cli.metafile.inputs)) {
      for (const imported of input.imports) {
        if (imported.external) builtins.add(bareName(imported.path));
      }
    }
    // The CLI reads files and nothing else; anything beyond the file system needs a reason here.
    assert.deepEqual([...builtins].sort(), ['fs']);
  });

  void it('the scan would catch a network import (checked against a bundle that has one)', async () => {
    const result = await esbuild.build({
      stdin: { contents: 'import * as https from "node:https"; https.get("https://example.invalid");', loader: 'ts' },
      bundle: true,
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports);
    assert.ok(imports.some((imported) => imported.external && NETWORK_MODULES.includes(bareName(imported.path))));
    const text = result.outputFiles[0]?.text ?? '';
    assert.match(text, /require\("node:https"\)|require\("https"\)/);
  });
});
