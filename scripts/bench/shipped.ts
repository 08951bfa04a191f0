// The analysis the throughput, scaling and incremental sections time is the shipped code: a
// minified esbuild bundle built with the options esbuild.mjs --production uses, loaded with plain
// require. Importing the TypeScript sources instead would time tsx's CommonJS output, where every
// use of an imported constant is a getter call; that ran about 30% slower than the bundle (4.36
// against 6.06 MB/s on PolNeAR train when this was written).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import type * as AnalysisEntry from './analysis-entry';

export type ShippedAnalysis = typeof AnalysisEntry;

const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** Where the bundle goes; .tmp/ is ignored by git. */
/** The entry point that exposes the analysis and its passes to the bench scripts. */
export const ANALYSIS_ENTRY = join(REPO_ROOT, 'scripts', 'bench', 'analysis-entry.ts');
/** esbuild options as esbuild.mjs --production builds dist/analysis-worker.js, for every bench bundle. */
export const SHIPPED_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
} as const satisfies BuildOptions;
/** The analysis passes in run order, by the names analysis-entry.ts exports them under. */
export const PASS_NAMES = [
  'runSentences',
  'runQuotations',
  'runEntities',
  'runFigures',
  'runAttributions',
  'runClaims',
  'runFindings',
] as const;
export const SHIPPED_ANALYSIS_BUNDLE = join(REPO_ROOT, '.tmp', 'bench', 'analysis.js');

let loaded: ShippedAnalysis | null = null;

/** Builds the bundle on first use (about half a second) and loads it once per process. */
export function shippedAnalysis(): ShippedAnalysis {
  if (loaded === null) {
    mkdirSync(join(REPO_ROOT, '.tmp', 'bench'), { recursive: true });
    buildSync({ ...SHIPPED_BUILD_OPTIONS, entryPoints: [ANALYSIS_ENTRY], outfile: SHIPPED_ANALYSIS_BUNDLE });
    loaded = createRequire(import.meta.filename)(SHIPPED_ANALYSIS_BUNDLE) as ShippedAnalysis;
  }
  return loaded;
}
