// The analysis as the benchmark measures it: this file is bundled by shipped.ts the way
// esbuild.mjs --production bundles dist/analysis-worker.js, and the bundle is what runs.
export { analyse } from '../../server/src/analysis/index';
export { IncrementalAnalyser } from '../../server/src/analysis/incremental';
