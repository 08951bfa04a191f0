// The analysis as the benchmark measures it: this file is bundled by shipped.ts the way
// esbuild.mjs --production bundles dist/analysis-worker.js, and the bundle is what runs. The
// passes, the context and the worker's delta code are exported one by one for the edit
// breakdown (edit-breakdown.ts).
export { analyse, analysisOf } from '../../server/src/analysis/index';
export { createAnalysisContext } from '../../server/src/analysis/context';
export { IncrementalAnalyser, ParagraphCache } from '../../server/src/analysis/incremental';
export { runSentences } from '../../server/src/analysis/passes/01-sentences';
export { runQuotations } from '../../server/src/analysis/passes/02-quotations';
export { runEntities } from '../../server/src/analysis/passes/03-entities';
export { runFigures } from '../../server/src/analysis/passes/04-figures';
export { runAttributions } from '../../server/src/analysis/passes/05-attributions';
export { runClaims } from '../../server/src/analysis/passes/06-claims';
export { runFindings } from '../../server/src/analysis/passes/07-findings';
export { applyDelta, diffAnalysis } from '../../server/src/lsp/analysisDelta';
