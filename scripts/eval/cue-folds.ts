// Chooses the cue model's threshold without looking at dev: 5-fold cross-validation on the
// PolNeAR TRAIN split. Each fold's model is learned on the other four folds (with the same
// code as `scripts/learn-cues.ts`) and pass 5 runs with it on the held-out fold; cue and source
// are scored exactly as `scripts/eval/polnear.ts` scores them.
//   [CUE_L2=penalty] [CUE_MIN_WEIGHT=pruning] node --import tsx scripts/eval/cue-folds.ts [trainDir] [threshold/unlistedThreshold,…]
import { pathToFileURL } from 'node:url';
import { CueModel } from '../../server/src/analysis/attribution/cueModel';
import { type AnalysisContext, createAnalysisContext } from '../../server/src/analysis/context';
import { runSentences } from '../../server/src/analysis/passes/01-sentences';
import { runQuotations } from '../../server/src/analysis/passes/02-quotations';
import { runEntities } from '../../server/src/analysis/passes/03-entities';
import { runFigures } from '../../server/src/analysis/passes/04-figures';
import { runAttributions } from '../../server/src/analysis/passes/05-attributions';
import { loadDocuments, trainCueModel, type TrainDocument } from '../learn-cues';
import { type Counts, emptyCounts, f1, scoreCuesAndSources } from './polnear';

const FOLDS = 5;

function describe(counts: Counts): string {
  const result = f1(counts);
  return `P ${result.precision.toFixed(3)} R ${result.recall.toFixed(3)} F1 ${result.f1.toFixed(3)}`;
}

/** Passes 1–4 once per document; pass 5 then runs on a copy for each model and threshold. */
function prepare(document: TrainDocument): AnalysisContext {
  const context = createAnalysisContext(document.text);
  for (const pass of [runSentences, runQuotations, runEntities, runFigures]) pass(context);
  return context;
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/shared/corpus/polnear/train';
  // Each choice is `threshold/unlistedThreshold`.
  const thresholds = (process.argv[3] ?? '0.3/0.3,0.3/0.4,0.3/0.5,0.25/0.5')
    .split(',')
    .map((pair) => pair.split('/').map(Number));
  const documents = await loadDocuments(dir);
  const contexts = documents.map(prepare);
  const cueCounts = thresholds.map(emptyCounts);
  const sourceCounts = thresholds.map(emptyCounts);
  for (let fold = 0; fold < FOLDS; fold++) {
    const l2 = process.env.CUE_L2 === undefined ? undefined : Number(process.env.CUE_L2);
    // Candidates are pruned against the lowest thresholds tried, so every choice sees every word it could accept.
    const lowest = {
      threshold: Math.min(...thresholds.map(([threshold = 0.5]) => threshold)),
      unlistedThreshold: Math.min(...thresholds.map(([, unlisted = 0.5]) => unlisted)),
    };
    const training = documents.filter((_, index) => index % FOLDS !== fold);
    const minimumWeight = process.env.CUE_MIN_WEIGHT === undefined ? undefined : Number(process.env.CUE_MIN_WEIGHT);
    const model = new CueModel(trainCueModel(training, lowest, l2, minimumWeight));
    documents.forEach((document, index) => {
      const context = contexts[index];
      if (index % FOLDS !== fold || context === undefined) return;
      thresholds.forEach(([threshold = 0.5, unlistedThreshold = 0.5], thresholdIndex) => {
        const copy: AnalysisContext = { ...context, attributions: [] };
        runAttributions(copy, { model, threshold, unlistedThreshold });
        scoreCuesAndSources(
          document.gold,
          copy.attributions,
          cueCounts[thresholdIndex] ?? emptyCounts(),
          sourceCounts[thresholdIndex] ?? emptyCounts(),
        );
      });
    });
    console.error(`fold ${fold + 1}/${FOLDS} done`);
  }
  thresholds.forEach((threshold, index) => {
    console.log(
      `thresholds ${threshold.join('/')}: cue ${describe(cueCounts[index] ?? emptyCounts())} | source ${describe(sourceCounts[index] ?? emptyCounts())}`,
    );
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
