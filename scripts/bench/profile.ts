// Where analyse() spends its time: profiles a few seconds of analysis (after a warm-up, so the
// module loading and JIT are not in it) with the V8 CPU profiler and prints the functions with
// the most self time, and the time per pass. Run it before optimising anything:
//
//   node --import tsx scripts/bench/profile.ts [fixtures|polnear|big] [seconds]
//
// `big` profiles one 1 MB document, which shows work that grows faster than the text.
// The raw profile is written to .tmp/analyse.cpuprofile (open it in Chrome DevTools).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { join } from 'node:path';
import { createAnalysisContext } from '../../server/src/analysis/context';
import { analyse } from '../../server/src/analysis/index';
import { runSentences } from '../../server/src/analysis/passes/01-sentences';
import { runQuotations } from '../../server/src/analysis/passes/02-quotations';
import { runEntities } from '../../server/src/analysis/passes/03-entities';
import { runFigures } from '../../server/src/analysis/passes/04-figures';
import { runAttributions } from '../../server/src/analysis/passes/05-attributions';
import { runClaims } from '../../server/src/analysis/passes/06-claims';
import { runFindings } from '../../server/src/analysis/passes/07-findings';
import { concatenateToSize, loadFixtureCorpus, loadPolnearCorpus } from './corpus';
import { MEGABYTE } from './stats';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const PASSES = { runSentences, runQuotations, runEntities, runFigures, runAttributions, runClaims, runFindings };

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

function texts(which: string): string[] {
  const fixtures = loadFixtureCorpus(REPO_ROOT);
  if (which === 'fixtures') {
    return fixtures.documents.map((document) => document.text);
  }
  const polnear = loadPolnearCorpus(REPO_ROOT);
  if (which === 'polnear') {
    if (!polnear) {
      throw new Error('The shared corpus ../shared/corpus/polnear/train/text is absent.');
    }
    return polnear.documents.map((document) => document.text);
  }
  if (which === 'big') {
    return [concatenateToSize(polnear ?? fixtures, MEGABYTE)];
  }
  throw new Error(`Unknown input "${which}"; choose fixtures, polnear or big.`);
}

/**
 * Milliseconds per pass for one round over all the texts, running the passes one by one as
 * analyse() does; averaged over as many rounds as fit in about a second.
 */
function timePasses(inputs: readonly string[]): Record<string, number> {
  const totals: Record<string, number> = {};
  const start = performance.now();
  let rounds = 0;
  while (rounds === 0 || performance.now() - start < 1000) {
    timePassesOnce(inputs, totals);
    rounds++;
  }
  return Object.fromEntries(Object.entries(totals).map(([name, ms]) => [name, ms / rounds]));
}

function timePassesOnce(inputs: readonly string[], totals: Record<string, number>): void {
  for (const text of inputs) {
    const context = createAnalysisContext(text);
    for (const [name, pass] of Object.entries(PASSES)) {
      const start = performance.now();
      pass(context);
      totals[name] = (totals[name] ?? 0) + performance.now() - start;
    }
  }
}

function selfTimes(profile: Profiler.Profile): Array<[string, number]> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) {
      return;
    }
    // Line numbers are left out: tsx's transformed code does not map them back to the source.
    const file = frame.url.split('/').slice(-2).join('/');
    const key = `${frame.functionName || '(anonymous)'}  ${file}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (deltas[index] ?? 0) / 1000);
  });
  return [...byFunction].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'polnear';
  const seconds = Number(process.argv[3] ?? '5');
  const inputs = texts(which);
  const bytes = inputs.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  inputs.forEach((text) => analyse(text));

  const passTotals = timePasses(inputs);
  process.stdout.write(`Per pass over ${inputs.length} text(s), ${(bytes / MEGABYTE).toFixed(2)} MB:\n`);
  for (const [name, ms] of Object.entries(passTotals)) {
    process.stdout.write(`  ${name.padEnd(18)} ${ms.toFixed(1).padStart(9)} ms\n`);
  }

  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  const start = performance.now();
  let rounds = 0;
  while (performance.now() - start < seconds * 1000) {
    inputs.forEach((text) => analyse(text));
    rounds++;
  }
  const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
  session.disconnect();
  const elapsed = performance.now() - start;
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  writeFileSync(join(REPO_ROOT, '.tmp', 'analyse.cpuprofile'), JSON.stringify(profile));
  process.stdout.write(
    `\n${rounds} round(s) in ${(elapsed / 1000).toFixed(1)} s: ${((rounds * bytes) / MEGABYTE / (elapsed / 1000)).toFixed(2)} MB/s\n`,
  );
  process.stdout.write('Most self time (ms):\n');
  for (const [name, ms] of selfTimes(profile).slice(0, 25)) {
    process.stdout.write(`  ${ms.toFixed(0).padStart(7)}  ${name}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
