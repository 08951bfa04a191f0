// Error analysis for the cue model on held-out TRAIN folds (never dev): which gold cue heads are
// missed and why (never a candidate, scored below threshold, or dropped by the rules), and which
// words make false cues. Prints counts of single words only.
//   [CUE_THRESHOLD=0.4] [CUE_UNLISTED_THRESHOLD=0.5] node --import tsx scripts/eval/cue-errors.ts [trainDir]
import { pathToFileURL } from 'node:url';
import { CueModel, logOdds } from '../../server/src/analysis/attribution/cueModel';
import { TokenKind, tokenize } from '../../server/src/analysis/attribution/tokens';
import { createAnalysisContext } from '../../server/src/analysis/context';
import { runSentences } from '../../server/src/analysis/passes/01-sentences';
import { runQuotations } from '../../server/src/analysis/passes/02-quotations';
import { runEntities } from '../../server/src/analysis/passes/03-entities';
import { runFigures } from '../../server/src/analysis/passes/04-figures';
import { runAttributions } from '../../server/src/analysis/passes/05-attributions';
import { loadDocuments, trainCueModel } from '../learn-cues';
import { overlaps } from './polnear';

const FOLDS = 5;
const THRESHOLD = Number(process.env.CUE_THRESHOLD ?? 0.4);
const UNLISTED = Number(process.env.CUE_UNLISTED_THRESHOLD ?? 0.5);

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function top(map: Map<string, number>, count: number): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, value]) => `${key}:${value}`)
    .join(' ');
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/shared/corpus/polnear/train';
  const documents = await loadDocuments(dir);
  const missedNever = new Map<string, number>();
  const missedLow = new Map<string, number>();
  const missedDropped = new Map<string, number>();
  const falseWords = new Map<string, number>();
  const falseReasons = new Map<string, number>();
  const outcome = new Map<string, number>();
  const rightReasons = new Map<string, number>();
  let gold = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const training = documents.filter((_, index) => index % FOLDS !== fold);
    const model = new CueModel(trainCueModel(training, { threshold: THRESHOLD, unlistedThreshold: UNLISTED }));
    documents.forEach((document, docIndex) => {
      if (docIndex % FOLDS !== fold) return;
      const context = createAnalysisContext(document.text);
      for (const pass of [runSentences, runQuotations, runEntities, runFigures]) pass(context);
      runAttributions(context, { model, threshold: THRESHOLD, unlistedThreshold: UNLISTED });
      const predicted = context.attributions.filter((attribution) => !attribution.inherited);
      const tokens = tokenize(document.text, true);
      for (const cue of document.gold.cues) {
        gold++;
        if (predicted.some((attribution) => overlaps(cue, attribution.cue.start, attribution.cue.end))) {
          bump(outcome, 'found');
          continue;
        }
        // The head word the learner labels, and how the model judged it.
        const inside: number[] = [];
        for (const fragment of cue.fragments) {
          for (let index = tokens.firstAtOrAfter(fragment.start); index < tokens.count; index++) {
            if ((tokens.starts[index] ?? 0) >= fragment.end) break;
            if (tokens.kinds[index] === TokenKind.Word) inside.push(index);
          }
        }
        const head = inside.find((index) => document.labels[index] === 1) ?? inside[0];
        if (head === undefined) {
          bump(outcome, 'no-word');
          continue;
        }
        const word = tokens.lower(head);
        const candidate = model.candidate(word);
        if (candidate === undefined) {
          bump(outcome, inside.length > 1 ? 'never-multi' : 'never-single');
          bump(missedNever, word);
          continue;
        }
        const score = model.score(candidate, tokens, head, document.text);
        const threshold = logOdds(candidate.listed ? THRESHOLD : UNLISTED);
        if (score < threshold) {
          bump(outcome, candidate.listed ? 'low-listed' : 'low-unlisted');
          bump(missedLow, word);
        } else {
          bump(outcome, 'dropped');
          bump(missedDropped, word);
        }
      }
      for (const attribution of predicted) {
        if (document.gold.cues.some((cue) => overlaps(cue, attribution.cue.start, attribution.cue.end))) {
          bump(rightReasons, attribution.reason.split('+')[0] ?? '');
          continue;
        }
        bump(falseWords, attribution.cue.text.toLowerCase().split(/\s+/).pop() ?? '');
        bump(falseReasons, attribution.reason.split('+')[0] ?? '');
      }
    });
    console.error(`fold ${fold + 1} done`);
  }
  console.log(`gold cues ${gold}; outcomes ${top(outcome, 20)}`);
  console.log(
    `\nmissed, never a candidate (${[...missedNever.values()].reduce((a, b) => a + b, 0)}): ${top(missedNever, 80)}`,
  );
  console.log(
    `\nmissed, below threshold (${[...missedLow.values()].reduce((a, b) => a + b, 0)}): ${top(missedLow, 80)}`,
  );
  console.log(
    `\nmissed, dropped (${[...missedDropped.values()].reduce((a, b) => a + b, 0)}): ${top(missedDropped, 40)}`,
  );
  console.log(`\nfalse cues by word (${[...falseWords.values()].reduce((a, b) => a + b, 0)}): ${top(falseWords, 80)}`);
  console.log(`\nfalse cues by rule: ${top(falseReasons, 20)}`);
  console.log(`\nright cues by rule: ${top(rightReasons, 20)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
