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
import type { Attribution } from '../../server/src/analysis/types';
import { loadDocuments, trainCueModel, type TrainDocument } from '../learn-cues';
import type { GoldDocument, GoldSpan } from './brat';

const FOLDS = 5;

interface Counts {
  predictedCorrect: number;
  predicted: number;
  goldFound: number;
  gold: number;
}

function overlaps(span: GoldSpan, start: number, end: number): boolean {
  return span.fragments.some((fragment) => fragment.start < end && start < fragment.end);
}

/** Adds one document's cue and source counts, with the same matching as the dev evaluation. */
function score(gold: GoldDocument, attributions: readonly Attribution[], cue: Counts, source: Counts): void {
  const predicted = attributions.filter((attribution) => !attribution.inherited);
  cue.predicted += predicted.length;
  cue.gold += gold.cues.length;
  cue.predictedCorrect += predicted.filter((attribution) =>
    gold.cues.some((goldCue) => overlaps(goldCue, attribution.cue.start, attribution.cue.end)),
  ).length;
  cue.goldFound += gold.cues.filter((goldCue) =>
    predicted.some((attribution) => overlaps(goldCue, attribution.cue.start, attribution.cue.end)),
  ).length;
  const goldWithSource = gold.attributions.filter((attribution) => attribution.source !== null);
  const predictedWithSource = predicted.filter((attribution) => attribution.source !== null);
  source.gold += goldWithSource.length;
  source.predicted += predictedWithSource.length;
  const matches = (goldAttribution: GoldDocument['attributions'][number], attribution: Attribution): boolean =>
    attribution.source !== null &&
    goldAttribution.source !== null &&
    overlaps(goldAttribution.cue, attribution.cue.start, attribution.cue.end) &&
    overlaps(goldAttribution.source, attribution.source.start, attribution.source.end);
  source.predictedCorrect += predictedWithSource.filter((attribution) =>
    goldWithSource.some((goldAttribution) => matches(goldAttribution, attribution)),
  ).length;
  source.goldFound += goldWithSource.filter((goldAttribution) =>
    predictedWithSource.some((attribution) => matches(goldAttribution, attribution)),
  ).length;
}

function f1(counts: Counts): string {
  const precision = counts.predictedCorrect / counts.predicted;
  const recall = counts.goldFound / counts.gold;
  return `P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${((2 * precision * recall) / (precision + recall)).toFixed(3)}`;
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
  const empty = (): Counts => ({ predictedCorrect: 0, predicted: 0, goldFound: 0, gold: 0 });
  const cueCounts = thresholds.map(empty);
  const sourceCounts = thresholds.map(empty);
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
        score(
          document.gold,
          copy.attributions,
          cueCounts[thresholdIndex] ?? empty(),
          sourceCounts[thresholdIndex] ?? empty(),
        );
      });
    });
    console.error(`fold ${fold + 1}/${FOLDS} done`);
  }
  thresholds.forEach((threshold, index) => {
    console.log(
      `thresholds ${threshold.join('/')}: cue ${f1(cueCounts[index] ?? empty())} | source ${f1(sourceCounts[index] ?? empty())}`,
    );
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
