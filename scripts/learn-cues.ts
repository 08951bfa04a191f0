// Learns the attribution cue model from the PolNeAR TRAIN split: which word forms are worth
// scoring, and logistic-regression weights over `cueFeatures()` (server/src/analysis/attribution/
// cueModel.ts). Only single words, class letters and numbers are written (no corpus text), to
// `server/src/analysis/data/cues.ts`. Run: node --import tsx scripts/learn-cues.ts [trainDir]
//
// `scripts/eval/cue-folds.ts` uses the same functions to choose the threshold by cross-validation
// on train; the dev split is never read here.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { CUE_CLASSES } from '../server/src/analysis/attribution/cueClasses';
import { type CueModelData, cueFeatures, cueLemma, logOdds } from '../server/src/analysis/attribution/cueModel';
import { SKIPPABLE_BEFORE_CUE } from '../server/src/analysis/attribution/lexicon';
import { TokenKind, tokenize, type Tokens } from '../server/src/analysis/attribution/tokens';
import { createAnalysisContext } from '../server/src/analysis/context';
import { runSentences } from '../server/src/analysis/passes/01-sentences';
import { runQuotations } from '../server/src/analysis/passes/02-quotations';
import { parseBrat, type GoldDocument } from './eval/brat';

/** A lemma must have headed a gold cue this often in train for its forms to be scored at all. */
const MINIMUM_LEMMA_CUES = 2;
/**
 * ... and in at least this share of its occurrences: a word as common as "in" or "to" that is a
 * cue once in a thousand times never reaches the threshold, and scoring it would cost time.
 */
const MINIMUM_LEMMA_CUE_RATE = 0.01;
/**
 * A candidate seen this often in train is shipped only when, scored by the learned weights, it
 * finds a gold cue at least once and in at least `MINIMUM_HIT_SHARE` of its occurrences (quoted
 * ones included, as the pass scores them too). With 0.02, cross-validated cue F1 is 0.769 against
 * 0.770 with no share, and the pass scores 30% fewer words (PolNeAR dev: 5,507 against 7,831).
 */
const MINIMUM_SEEN_TO_PRUNE = 20;
const MINIMUM_HIT_SHARE = 0.02;
/** Features seen on fewer candidate words than this get no weight: they would only fit noise. */
const MINIMUM_FEATURE_COUNT = 3;
/** Passes of stochastic gradient descent over the training words. */
const EPOCHS = 6;
const LEARNING_RATE = 0.1;
/** L2 penalty per update; small, because the count cut-off already removes most rare features. */
const L2 = 1e-6;
/**
 * Weights closer to zero than this are not shipped: cross-validated cue F1 is 0.744 with 0.1 and 0.745
 * with 0.02, for a data file about half the size.
 */
const MINIMUM_SHIPPED_WEIGHT = 0.1;
/**
 * The decision threshold chosen by 5-fold cross-validation on train (`scripts/eval/cue-folds.ts`),
 * with reported words left out of training and nested cues dropped: cue F1 0.769 at 0.4 (0.5 for
 * words outside the hand-written classes), 0.770 at 0.35/0.45 and 0.35/0.5, 0.767 at 0.45/0.55,
 * source F1 0.711 at each. Within that noise the higher threshold wins on precision (0.805
 * against 0.793): a false cue makes the claim it covers look sourced in the editor. With the
 * final nesting rules the same comparison reads 0.771 at 0.4/0.5 and 0.772 at 0.35/0.45.
 */
const CHOSEN_THRESHOLD = 0.4;
const CHOSEN_UNLISTED_THRESHOLD = 0.5;
/**
 * Gold cues are often several words ("has also said", "then accused", "has never said",
 * "according to"); overlap scoring needs only one of them, so each gold cue labels its first
 * word that is none of these and no adverb or negated auxiliary. The pass scores the same head
 * word (it skips adverbs and keeps auxiliaries with the verb).
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'has have had is was were are be been being to on about also not will would did does do an a the it he she they that in of for and but just even still can could should must might may shall never now then yet ever'.split(
    ' ',
  ),
);

function isCueHeadWord(word: string): boolean {
  if (FUNCTION_WORDS.has(word) || SKIPPABLE_BEFORE_CUE.has(word)) return false;
  if (word.endsWith("n't") || word.endsWith('n\u2019t')) return false;
  return !(word.length > 4 && word.endsWith('ly'));
}

export interface TrainDocument {
  name: string;
  text: string;
  gold: GoldDocument;
  tokens: Tokens;
  /** 1 where the token heads a gold cue, 2 for its other words (left out of training), else 0. */
  labels: Uint8Array;
  /** 1 where the token is left out of training because it stands in reported words (`reportedWords`), else 0. */
  reported: Uint8Array;
}

/**
 * Which tokens stand in words someone is reported to say: inside a depth-0 quotation as passes 1
 * and 2 find it (the quotes pass 5 checks with `enclosingQuote`), or inside the content of a gold
 * attribution. PolNeAR annotates the article's own attributions, never a speaker reported by a
 * speaker: in train, 22% of words are quoted but only 0.3% of cue heads are, and no cue head lies
 * inside another attribution's content ("I think" in a quote, "want" in "The mayor said voters
 * want a bridge"). Pass 5 drops cues inside quotes (unless one closes the quote, "…," he said)
 * and inside a likelier cue's content (`attribution/nesting.ts`); taught on these words, the
 * model would only learn that "think" and "want" are rarely cues where it matters. Out of quotes
 * and content, "think" heads a cue in 71% of its uses; over all of them, in 9%.
 */
function reportedWords(text: string, tokens: Tokens, gold: GoldDocument): Uint8Array {
  const context = createAnalysisContext(text);
  runSentences(context);
  runQuotations(context);
  const inside = new Uint8Array(text.length);
  for (const quote of context.quotes) if (quote.depth === 0) inside.fill(1, quote.contentStart, quote.contentEnd);
  for (const content of gold.contents) for (const { start, end } of content.fragments) inside.fill(1, start, end);
  const reported = new Uint8Array(tokens.count);
  for (let index = 0; index < tokens.count; index++) reported[index] = inside[tokens.starts[index] ?? 0] ?? 0;
  return reported;
}

/** Texts with their first annotator's `.ann` file, in name order. */
export async function loadDocuments(dir: string): Promise<TrainDocument[]> {
  const texts = (await readdir(path.join(dir, 'text'))).filter((name) => name.endsWith('.txt')).sort();
  const annotations = (await readdir(path.join(dir, 'attributions'))).filter((name) => name.endsWith('.ann')).sort();
  const firstAnnotation = new Map<string, string>();
  for (const name of annotations) {
    const stem = name.replace(/_[0-9a-f]+\.ann$/, '');
    if (!firstAnnotation.has(stem)) firstAnnotation.set(stem, name);
  }
  const documents: TrainDocument[] = [];
  for (const name of texts) {
    const annotationName = firstAnnotation.get(name.replace(/\.txt$/, ''));
    if (annotationName === undefined) continue;
    const text = await readFile(path.join(dir, 'text', name), 'utf8');
    const gold = parseBrat(await readFile(path.join(dir, 'attributions', annotationName), 'utf8'));
    const tokens = tokenize(text, true);
    const labels = new Uint8Array(tokens.count);
    for (const cue of gold.cues) {
      const inside: number[] = [];
      for (const fragment of cue.fragments) {
        for (let index = tokens.firstAtOrAfter(fragment.start); index < tokens.count; index++) {
          if ((tokens.starts[index] ?? 0) >= fragment.end) break;
          if (tokens.kinds[index] === TokenKind.Word) inside.push(index);
        }
      }
      const head = inside.find((index) => isCueHeadWord(tokens.lower(index))) ?? inside[0];
      // A prediction on another word of the cue ("vote" in "would vote for") is scored as right,
      // so those words must not be taught as negatives.
      for (const index of inside) if (labels[index] === 0) labels[index] = 2;
      if (head !== undefined) labels[head] = 1;
    }
    documents.push({ name, text, gold, tokens, labels, reported: reportedWords(text, tokens, gold) });
  }
  return documents;
}

/**
 * A reported word that heads no gold cue is left out of training (see `reportedWords`); a quoted
 * cue head stays, as it is most often a quote mark paired wrongly around "…," he said.
 */
function isReportedNegative(labels: Uint8Array, reported: Uint8Array, index: number): boolean {
  return reported[index] === 1 && labels[index] !== 1;
}

/** Adverbs are never the cue itself ("has repeatedly said"); the pass skips them too. */
function isScorable(word: string): boolean {
  return !word.endsWith('ly');
}

/** A deterministic generator, so that the same train split always gives the same weights. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** The lowest thresholds the model will be used with; frequent words that never reach them are dropped. */
export interface CueThresholds {
  threshold: number;
  unlistedThreshold: number;
}

/**
 * Learns candidate words and weights from `documents`; `l2` and `minimumShippedWeight` override
 * the penalty and the pruning (for cross-validation).
 */
export function trainCueModel(
  documents: readonly TrainDocument[],
  thresholds: CueThresholds,
  l2 = L2,
  minimumShippedWeight = MINIMUM_SHIPPED_WEIGHT,
): CueModelData {
  const lemmaCues = new Map<string, number>();
  const lemmaSeen = new Map<string, number>();
  for (const { tokens, labels, reported } of documents) {
    for (let index = 0; index < tokens.count; index++) {
      if (tokens.kinds[index] !== TokenKind.Word || isReportedNegative(labels, reported, index)) continue;
      const lemma = cueLemma(tokens.lower(index));
      lemmaSeen.set(lemma, (lemmaSeen.get(lemma) ?? 0) + 1);
      if (labels[index] === 1) lemmaCues.set(lemma, (lemmaCues.get(lemma) ?? 0) + 1);
    }
  }
  const isFrequentCue = (lemma: string): boolean => {
    const cues = lemmaCues.get(lemma) ?? 0;
    return cues >= MINIMUM_LEMMA_CUES && cues >= MINIMUM_LEMMA_CUE_RATE * (lemmaSeen.get(lemma) ?? 0);
  };
  const candidates = new Set<string>();
  const examples: Array<{ word: string; keys: string[]; label: number }> = [];
  for (const { tokens, labels, reported, text } of documents) {
    for (let index = 0; index < tokens.count; index++) {
      if (tokens.kinds[index] !== TokenKind.Word || isReportedNegative(labels, reported, index)) continue;
      const word = tokens.lower(index);
      const frequentCue = isFrequentCue(cueLemma(word));
      if (!isScorable(word) || (!frequentCue && !CUE_CLASSES.has(word))) continue;
      candidates.add(word);
      if (labels[index] === 2) continue;
      examples.push({ word, keys: cueFeatures(tokens, index, text, word), label: labels[index] ?? 0 });
    }
  }
  const featureCounts = new Map<string, number>();
  for (const { keys } of examples) for (const key of keys) featureCounts.set(key, (featureCounts.get(key) ?? 0) + 1);
  const featureIndex = new Map<string, number>();
  for (const [key, count] of featureCounts)
    if (count >= MINIMUM_FEATURE_COUNT) featureIndex.set(key, featureIndex.size);
  const encoded = examples.map(({ keys, label }) => ({
    features: Int32Array.from(keys.map((key) => featureIndex.get(key) ?? -1).filter((feature) => feature >= 0)),
    label,
  }));
  const weights = new Float64Array(featureIndex.size);
  const random = seededRandom(1);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let index = encoded.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      const here = encoded[index];
      const there = encoded[other];
      if (here === undefined || there === undefined) continue;
      encoded[index] = there;
      encoded[other] = here;
    }
    const rate = LEARNING_RATE / (1 + epoch);
    for (const { features, label } of encoded) {
      let score = 0;
      for (const feature of features) score += weights[feature] ?? 0;
      const gradient = 1 / (1 + Math.exp(-score)) - label;
      for (const feature of features) {
        const weight = weights[feature] ?? 0;
        weights[feature] = weight - rate * (gradient + l2 * weight);
      }
    }
  }
  const kept: string[] = [];
  for (const [key, feature] of [...featureIndex].sort(([left], [right]) => (left < right ? -1 : 1))) {
    const weight = weights[feature] ?? 0;
    if (Math.abs(weight) >= minimumShippedWeight) kept.push(`${key}=${Number(weight.toFixed(3))}`);
  }
  // Class words train never saw are scored too: their class weights are all the evidence there is.
  for (const word of CUE_CLASSES.keys()) if (isScorable(word)) candidates.add(word);
  // A frequent word that rarely found a cue in train ("state", "so", "not") would only cost the
  // pass a score per occurrence; rarer words stay, as their record says little.
  const weightsText = kept.join(';');
  const shipped = new Map<string, number>();
  for (const entry of kept) {
    const equals = entry.lastIndexOf('=');
    shipped.set(entry.slice(0, equals), Number(entry.slice(equals + 1)));
  }
  // Every occurrence costs the pass a score, quoted and reported ones too; only a correct cue pays.
  const occurrences = new Map<string, number>();
  for (const { tokens } of documents) {
    for (let index = 0; index < tokens.count; index++) {
      if (tokens.kinds[index] !== TokenKind.Word) continue;
      const word = tokens.lower(index);
      if (candidates.has(word)) occurrences.set(word, (occurrences.get(word) ?? 0) + 1);
    }
  }
  const found = new Map<string, number>();
  for (const { word, keys, label } of examples) {
    if (label !== 1) continue;
    let score = 0;
    for (const key of keys) score += shipped.get(key) ?? 0;
    const threshold = CUE_CLASSES.has(word) ? thresholds.threshold : thresholds.unlistedThreshold;
    if (score >= logOdds(threshold)) found.set(word, (found.get(word) ?? 0) + 1);
  }
  const reachable = [...candidates].filter((word) => {
    const seen = occurrences.get(word) ?? 0;
    const hits = found.get(word) ?? 0;
    return seen < MINIMUM_SEEN_TO_PRUNE || (hits > 0 && hits >= MINIMUM_HIT_SHARE * seen);
  });
  return { candidates: reachable.sort().join(' '), weights: weightsText };
}

async function main(): Promise<void> {
  const trainDir = process.argv[2] ?? '/work/shared/corpus/polnear/train';
  const output = path.join(import.meta.dirname, '..', 'server', 'src', 'analysis', 'data', 'cues.ts');
  const documents = await loadDocuments(trainDir);
  const model = trainCueModel(documents, { threshold: CHOSEN_THRESHOLD, unlistedThreshold: CHOSEN_UNLISTED_THRESHOLD });
  // Long strings keep the generated module small, fast to type-check and stable under Prettier;
  // `attribution/cueModel.ts` decodes them once at load.
  const module = [
    '// Generated by scripts/learn-cues.ts from the PolNeAR train split; do not edit by hand.',
    '// `candidates` are the word forms the cue model scores; `weights` are `feature=weight` pairs of',
    '// its logistic regression (see attribution/cueModel.ts). Single words and numbers, no corpus text.',
    `export const LEARNED_CUE_DOCUMENTS = ${documents.length};`,
    '/** The cue probability at which a candidate becomes a cue, chosen by cross-validation on train. */',
    `export const LEARNED_CUE_THRESHOLD = ${CHOSEN_THRESHOLD};`,
    '/** The same for words outside the hand-written cue classes, which need more evidence. */',
    `export const LEARNED_CUE_UNLISTED_THRESHOLD = ${CHOSEN_UNLISTED_THRESHOLD};`,
    `export const LEARNED_CUE_MODEL = {`,
    `  candidates:\n    ${JSON.stringify(model.candidates)},`,
    `  weights:\n    ${JSON.stringify(model.weights)},`,
    '};',
    '',
  ].join('\n');
  // Written as Prettier would write it, so that `npm run lint` passes on a freshly learned file.
  const options = (await resolveConfig(output)) ?? {};
  await writeFile(output, await format(module, { ...options, filepath: output }));
  console.log(
    `learned ${model.candidates.split(' ').length} candidate words, ${model.weights.split(';').length} weights from ${documents.length} documents -> ${output}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
