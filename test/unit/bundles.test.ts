// The server's main thread must start without the analysis core: `dist/server.js` holds the LSP
// layer only, and the analysis (passes, name lists, gazetteers, chrono-node) lives in
// `dist/analysis-worker.js`, which the worker thread loads (ARCHITECTURE.md). Loading the core
// took most of the server's start-up, so an import that pulls it back into the main bundle would
// quietly undo that; this test bundles both entry points as esbuild.mjs does and checks the split.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';

const repoRoot = join(import.meta.dirname, '../..');

/** Modules that belong to the analysis core and must stay out of the main thread's bundle. */
const ANALYSIS_CORE =
  /^(?:server\/src\/analysis\/(?:passes|entities|attribution|text|data)\/|node_modules\/chrono-node\/)/;

async function bundledInputs(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

void describe('the server and analysis bundles', () => {
  void it('keep the analysis core out of dist/server.js', async () => {
    const inputs = await bundledInputs('server/src/server.ts');
    assert.ok(
      inputs.some((input) => input.startsWith('server/src/lsp/')),
      'the LSP layer is bundled',
    );
    assert.deepEqual(
      inputs.filter((input) => ANALYSIS_CORE.test(input)),
      [],
    );
  });

  void it('put the analysis core into dist/analysis-worker.js', async () => {
    const inputs = await bundledInputs('server/src/analysisWorkerEntry.ts');
    for (const needed of [
      'server/src/analysis/passes/',
      'server/src/analysis/entities/',
      'node_modules/chrono-node/',
    ]) {
      assert.ok(
        inputs.some((input) => input.startsWith(needed)),
        `the worker bundle includes ${needed}`,
      );
    }
  });
});
