// Compares two analysis bundles pass by pass on one machine: the CPU time (process.cpuUsage, user
// + system) of each pass over the PolNeAR training texts. Each sample is a fresh child process
// that loads one bundle, warms it up and times a few rounds; the children of the two bundles
// alternate, so that load from other processes hits both alike. (Both bundles in one process
// measured the one loaded second about 10% slower even when the two were the same code.) Build a bundle
// with `node --import tsx scripts/check-identical.ts --build <git ref> <out.cjs>` or directly with
// esbuild from scripts/bench/analysis-entry.ts.
//
//   node --import tsx scripts/bench/ab-passes.ts <old bundle> <new bundle> [samples] [--passes=N]
//
// Prints, per pass, the median and best ms/MB of each bundle over the samples and the ratio of the
// medians, and the whole analyse() in MB/s. `--passes=4` runs only the first four passes (each
// pass reads only what the passes before it wrote), which takes a fraction of the time when the
// change is in one of them; the total and MB/s then cover those passes only. The later passes'
// memory traffic is then missing too (pass 5's cue tables, for one, no longer evict the entity
// lexicon from the caches between paragraphs), so confirm a result with all passes.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PASS_NAMES, type ShippedAnalysis } from './shipped';
import { loadPolnearCorpus } from './corpus';
import { MEGABYTE } from './stats';

type PassName = (typeof PASS_NAMES)[number];

function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** One round over every text: CPU ms per pass, run as analyse() runs them. */
function timeRound(
  bundle: ShippedAnalysis,
  texts: readonly string[],
  passes: readonly PassName[],
): Record<PassName | 'total', number> {
  const totals = { total: 0 } as Record<PassName | 'total', number>;
  for (const name of passes) totals[name] = 0;
  for (const text of texts) {
    const context = bundle.createAnalysisContext(text);
    for (const name of passes) {
      const start = cpuMilliseconds();
      bundle[name](context);
      const elapsed = cpuMilliseconds() - start;
      totals[name] += elapsed;
      totals.total += elapsed;
    }
  }
  return totals;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Child mode: loads one bundle, warms it up, prints the per-pass totals of the best of three rounds as JSON. */
function child(bundlePath: string, passes: readonly PassName[]): void {
  const bundle = createRequire(import.meta.filename)(resolve(bundlePath)) as ShippedAnalysis;
  const texts = polnearTexts().texts;
  for (let warmUp = 0; warmUp < 2; warmUp++) timeRound(bundle, texts, passes);
  let best: Record<string, number> | null = null;
  for (let round = 0; round < 3; round++) {
    const totals = timeRound(bundle, texts, passes);
    if (best === null || totals.total < (best.total ?? Infinity)) best = totals;
  }
  process.stdout.write(JSON.stringify(best));
}

function polnearTexts(): { texts: string[]; bytes: number } {
  const corpus = loadPolnearCorpus(resolve(import.meta.dirname, '..', '..'));
  if (corpus === null) throw new Error('The shared corpus ../shared/corpus/polnear/train/text is absent.');
  return { texts: corpus.documents.map((document) => document.text), bytes: corpus.bytes };
}

/** The passes `--passes=N` asks for: the first N, or all of them without the option. */
function passesFrom(options: readonly string[]): readonly PassName[] {
  const option = options.find((argument) => argument.startsWith('--passes='));
  if (option === undefined) return PASS_NAMES;
  const count = Number(option.slice('--passes='.length));
  if (!Number.isInteger(count) || count < 1 || count > PASS_NAMES.length) {
    throw new Error(`${option}: give a whole number of passes from 1 to ${PASS_NAMES.length}.`);
  }
  return PASS_NAMES.slice(0, count);
}

function main(): void {
  const allArguments = process.argv.slice(2);
  const passesOption = allArguments.filter((argument) => argument.startsWith('--passes='));
  const passes = passesFrom(passesOption);
  const argumentsGiven = allArguments.filter((argument) => !argument.startsWith('--passes='));
  if (argumentsGiven[0] === '--child' && argumentsGiven[1] !== undefined) {
    child(argumentsGiven[1], passes);
    return;
  }
  const [oldPath, newPath, samplesArgument] = argumentsGiven;
  if (oldPath === undefined || newPath === undefined) {
    throw new Error('Usage: ab-passes.ts <old bundle> <new bundle> [samples] [--passes=N]');
  }
  const sampleCount = Number(samplesArgument ?? '5');
  const { texts, bytes } = polnearTexts();
  const megabytes = bytes / MEGABYTE;
  const samples: Array<Array<Record<string, number>>> = [[], []];
  for (let sample = 0; sample < sampleCount; sample++) {
    // Alternate which bundle goes first.
    const order = sample % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const output = execFileSync(
        process.execPath,
        ['--import', 'tsx', import.meta.filename, '--child', which === 0 ? oldPath : newPath, ...passesOption],
        { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      );
      samples[which]?.push(JSON.parse(output) as Record<string, number>);
    }
  }

  const line = (label: string, key: string): string => {
    const [oldRuns, newRuns] = samples.map((runs) => runs.map((run) => (run[key] ?? 0) / megabytes));
    const oldMedian = median(oldRuns ?? []);
    const newMedian = median(newRuns ?? []);
    const oldBest = Math.min(...(oldRuns ?? []));
    const newBest = Math.min(...(newRuns ?? []));
    const cells = [oldMedian, oldBest, newMedian, newBest].map((value) => value.toFixed(2).padStart(8)).join(' ');
    return `${label.padEnd(16)} ${cells}   ${(oldMedian / newMedian).toFixed(2)}x\n`;
  };
  process.stdout.write(
    `${texts.length} texts, ${megabytes.toFixed(2)} MB, ${sampleCount} alternating samples (best of 3 rounds each), CPU ms per MB\n` +
      `${'pass'.padEnd(16)} ${['old med', 'old best', 'new med', 'new best'].map((head) => head.padStart(8)).join(' ')}   speed-up\n`,
  );
  for (const name of passes) process.stdout.write(line(name, name));
  process.stdout.write(line('total', 'total'));
  const [oldTotals, newTotals] = samples.map((runs) => runs.map((run) => run.total ?? 0));
  const rate = (totals: number[] | undefined): string => (megabytes / (median(totals ?? []) / 1000)).toFixed(2);
  process.stdout.write(`analyse() MB/s (median): old ${rate(oldTotals)}, new ${rate(newTotals)}\n`);
}

main();
