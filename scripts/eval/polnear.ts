// Scores the attribution passes against PolNeAR (hand-annotated attributions in US political
// news, BRAT standoff format). Only `npm run eval` calls this, and only when the corpus is on
// disk; nothing here is shipped and no corpus text is written anywhere.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyse } from '../../server/src/analysis/index';
import type { Attribution } from '../../server/src/analysis/types';
import { parseBrat, type GoldAttribution, type GoldDocument, type GoldSpan } from './brat';

export interface PolnearResult {
  table: string;
  cueF1: number;
  sourceF1: number;
  contentF1: number;
}

/**
 * Overlap matching is not one-to-one, so precision and recall keep their own numerators: how
 * many predictions were right, and how many gold items were found.
 */
export interface Counts {
  predictedCorrect: number;
  predicted: number;
  goldFound: number;
  gold: number;
}

export function emptyCounts(): Counts {
  return { predictedCorrect: 0, predicted: 0, goldFound: 0, gold: 0 };
}

export function overlaps(span: GoldSpan, start: number, end: number): boolean {
  return span.fragments.some((fragment) => fragment.start < end && start < fragment.end);
}

export function f1(counts: Counts): { precision: number; recall: number; f1: number } {
  const precision = counts.predicted === 0 ? 0 : counts.predictedCorrect / counts.predicted;
  const recall = counts.gold === 0 ? 0 : counts.goldFound / counts.gold;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Marks covered characters; content is scored character by character. */
function coverage(length: number, spans: ReadonlyArray<{ start: number; end: number }>): Uint8Array {
  const covered = new Uint8Array(length);
  for (const { start, end } of spans) covered.fill(1, Math.max(0, start), Math.min(length, end));
  return covered;
}

/**
 * PolNeAR has several annotators' files for a few texts (`name_<hash>.ann`); the first in
 * sorted order is used so that every text counts once.
 */
async function pairFiles(dir: string): Promise<Array<{ textPath: string; annotationPath: string }>> {
  const texts = (await readdir(path.join(dir, 'text'))).filter((name) => name.endsWith('.txt')).sort();
  const annotations = (await readdir(path.join(dir, 'attributions'))).filter((name) => name.endsWith('.ann')).sort();
  const byStem = new Map<string, string>();
  for (const name of annotations) {
    const stem = name.replace(/_[0-9a-f]+\.ann$/, '');
    if (!byStem.has(stem)) byStem.set(stem, name);
  }
  const pairs: Array<{ textPath: string; annotationPath: string }> = [];
  for (const name of texts) {
    const annotation = byStem.get(name.replace(/\.txt$/, ''));
    if (annotation !== undefined) {
      pairs.push({
        textPath: path.join(dir, 'text', name),
        annotationPath: path.join(dir, 'attributions', annotation),
      });
    }
  }
  return pairs;
}

/**
 * Adds one document's cue and source counts. Inherited attributions are left out: they repeat a
 * cue the article states once. A predicted cue is right when it
 * overlaps any gold cue, and a gold cue is found when any predicted cue overlaps it; a source must
 * also overlap the gold source of a cue it matches. The cross-validation on train
 * (`cue-folds.ts`) scores with this same function.
 */
export function scoreCuesAndSources(
  gold: GoldDocument,
  attributions: readonly Attribution[],
  cueCounts: Counts,
  sourceCounts: Counts,
): void {
  const predicted = attributions.filter((attribution) => !attribution.inherited);
  cueCounts.predicted += predicted.length;
  cueCounts.gold += gold.cues.length;
  cueCounts.predictedCorrect += predicted.filter((attribution) =>
    gold.cues.some((cue) => overlaps(cue, attribution.cue.start, attribution.cue.end)),
  ).length;
  cueCounts.goldFound += gold.cues.filter((cue) =>
    predicted.some((attribution) => overlaps(cue, attribution.cue.start, attribution.cue.end)),
  ).length;

  const goldWithSource = gold.attributions.filter((attribution) => attribution.source !== null);
  sourceCounts.gold += goldWithSource.length;
  const predictedWithSource = predicted.filter((attribution) => attribution.source !== null);
  sourceCounts.predicted += predictedWithSource.length;
  const sourceMatches = (goldAttribution: GoldAttribution, attribution: Attribution): boolean =>
    attribution.source !== null &&
    goldAttribution.source !== null &&
    overlaps(goldAttribution.cue, attribution.cue.start, attribution.cue.end) &&
    overlaps(goldAttribution.source, attribution.source.start, attribution.source.end);
  sourceCounts.predictedCorrect += predictedWithSource.filter((attribution) =>
    goldWithSource.some((goldAttribution) => sourceMatches(goldAttribution, attribution)),
  ).length;
  sourceCounts.goldFound += goldWithSource.filter((goldAttribution) =>
    predictedWithSource.some((attribution) => sourceMatches(goldAttribution, attribution)),
  ).length;
}

export async function evaluatePolnear(dir: string): Promise<PolnearResult> {
  const pairs = await pairFiles(dir);
  if (pairs.length === 0) {
    throw new Error(`PolNeAR: no text/*.txt with a matching attributions/*.ann under ${dir}`);
  }
  const cueCounts = emptyCounts();
  const sourceCounts = emptyCounts();
  const contentCounts = emptyCounts();
  let characters = 0;
  let analysisMilliseconds = 0;
  let analysisCpuMilliseconds = 0;
  // One untimed run first, so that the figure measures the analysis and not the JIT warming up.
  const firstPair = pairs[0];
  if (firstPair !== undefined) analyse(await readFile(firstPair.textPath, 'utf8'));
  for (const { textPath, annotationPath } of pairs) {
    const text = await readFile(textPath, 'utf8');
    const gold = parseBrat(await readFile(annotationPath, 'utf8'));
    characters += text.length;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const analysis = analyse(text);
    analysisMilliseconds += performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    analysisCpuMilliseconds += (cpu.user + cpu.system) / 1000;
    scoreCuesAndSources(gold, analysis.attributions, cueCounts, sourceCounts);

    // Content: characters inside any predicted content against characters inside any gold content.
    const goldCovered = coverage(
      text.length,
      gold.contents.flatMap((span) => span.fragments),
    );
    const predictedCovered = coverage(
      text.length,
      analysis.attributions.map((attribution) => attribution.content),
    );
    for (let index = 0; index < text.length; index++) {
      const inGold = goldCovered[index] === 1;
      const inPredicted = predictedCovered[index] === 1;
      if (inGold) contentCounts.gold++;
      if (inPredicted) contentCounts.predicted++;
      if (inGold && inPredicted) {
        contentCounts.predictedCorrect++;
        contentCounts.goldFound++;
      }
    }
  }

  const cue = f1(cueCounts);
  const source = f1(sourceCounts);
  const content = f1(contentCounts);
  const megabytesPerSecond = characters / 1e6 / (analysisMilliseconds / 1000);
  // CPU time is steadier than wall time on a shared machine; both are shown.
  const cpuMegabytesPerSecond = characters / 1e6 / (analysisCpuMilliseconds / 1000);
  const row = (name: string, score: { precision: number; recall: number; f1: number }, counts: Counts): string =>
    `| ${name} | ${score.precision.toFixed(3)} | ${score.recall.toFixed(3)} | ${score.f1.toFixed(3)} | ${counts.predicted} | ${counts.gold} |`;
  const table = [
    `PolNeAR (${path.basename(dir)}): ${pairs.length} articles, ${characters} characters, analyse() ${analysisMilliseconds.toFixed(0)} ms wall (${megabytesPerSecond.toFixed(1)} MB/s), ${analysisCpuMilliseconds.toFixed(0)} ms CPU (${cpuMegabytesPerSecond.toFixed(1)} MB/s), counting UTF-16 units as bytes`,
    '',
    '| measure | precision | recall | F1 | predicted | gold |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('cue', cue, cueCounts),
    row('source', source, sourceCounts),
    row('content (characters)', content, contentCounts),
  ].join('\n');
  return { table, cueF1: cue.f1, sourceF1: source.f1, contentF1: content.f1 };
}

// Run directly (`node --import tsx scripts/eval/polnear.ts [dir]`) to see only this table.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? '/work/shared/corpus/polnear/dev';
  evaluatePolnear(dir).then(
    (result) => console.log(result.table),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
