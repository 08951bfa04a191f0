// The analysis the throughput, scaling and incremental sections time is the shipped code: a
// minified esbuild bundle built with the options esbuild.mjs --production uses, loaded with plain
// require. Importing the TypeScript sources instead would time tsx's CommonJS output, where every
// use of an imported constant is a getter call; that ran about 30% slower than the bundle (4.36
// against 6.06 MB/s on PolNeAR train when this was written).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type * as AnalysisEntry from './analysis-entry';

export type ShippedAnalysis = typeof AnalysisEntry;

const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** Where the bundle goes; .tmp/ is ignored by git. */
export const SHIPPED_ANALYSIS_BUNDLE = join(REPO_ROOT, '.tmp', 'bench', 'analysis.js');

let loaded: ShippedAnalysis | null = null;

/** Builds the bundle on first use (about half a second) and loads it once per process. */
export function shippedAnalysis(): ShippedAnalysis {
  if (loaded === null) {
    mkdirSync(join(REPO_ROOT, '.tmp', 'bench'), { recursive: true });
    buildSync({
      entryPoints: [join(REPO_ROOT, 'scripts', 'bench', 'analysis-entry.ts')],
      outfile: SHIPPED_ANALYSIS_BUNDLE,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      logLevel: 'error',
    });
    loaded = createRequire(import.meta.filename)(SHIPPED_ANALYSIS_BUNDLE) as ShippedAnalysis;
  }
  return loaded;
}
