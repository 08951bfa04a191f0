// Where analyse() spends its time: profiles a few seconds of analysis (after a warm-up, so the
// module loading and JIT are not in it) with the V8 CPU profiler and prints the time per pass, the
// functions with the most self time, and for each pass the functions with the most self time
// under it. Run it before optimising anything:
//
//   node --import tsx scripts/bench/profile.ts [fixtures|polnear|big] [seconds]
//
// `big` profiles one 1 MB document, which shows work that grows faster than the text.
// The raw profile is written to .tmp/analyse.cpuprofile (open it in Chrome DevTools).
//
//   node --import tsx scripts/bench/profile.ts [fixtures|polnear|big] [seconds] --perf
//
// samples the same loop with Linux `perf` instead, and prints per pass the functions the samples
// landed in, V8's builtins and runtime included. The V8 profiler counts time in a builtin (a Map
// or Set probe, hashing a new string, `toLowerCase`, `slice`) as self time of the JavaScript
// function that called it; on PolNeAR train, probes of the lexicon's hash tables
// (`Builtins_FindOrderedHash*Entry`) were a fifth of pass 3's samples and showed up only here.
// Samples start after the warm-up (`perf record --control`); the raw data is .tmp/analyse.perf.data,
// and node leaves its JIT map in /tmp/perf-<pid>.map. The map is append-only, so a sample in code
// V8 has since freed and reused may carry a stale name (an odd `Eval:` line under a pass).
//
// What runs is a bundle built as the shipped one is (shipped.ts), except that identifiers keep
// their names so the profile can name functions. Profiling the TypeScript sources through tsx
// misleads: tsx turns every use of an imported constant into a getter call, which shows up as
// time in the wrong places.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Session, type Profiler } from 'node:inspector';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { concatenateToSize, loadFixtureCorpus, loadPolnearCorpus } from './corpus';
import { ANALYSIS_ENTRY, PASS_NAMES, SHIPPED_BUILD_OPTIONS, type ShippedAnalysis } from './shipped';
import { MEGABYTE } from './stats';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const PROFILED_BUNDLE = join(REPO_ROOT, '.tmp', 'bench', 'analysis-profiled.js');

/** The analysis bundled with shipped.ts's options but readable function names. */
function profiledAnalysis(): ShippedAnalysis {
  mkdirSync(join(REPO_ROOT, '.tmp', 'bench'), { recursive: true });
  // Everything minified except identifiers, so that the profile names the functions.
  buildSync({
    ...SHIPPED_BUILD_OPTIONS,
    minify: false,
    minifySyntax: true,
    minifyWhitespace: true,
    entryPoints: [ANALYSIS_ENTRY],
    outfile: PROFILED_BUNDLE,
  });
  return createRequire(import.meta.filename)(PROFILED_BUNDLE) as ShippedAnalysis;
}

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
function timePasses(analysis: ShippedAnalysis, inputs: readonly string[]): Record<string, number> {
  const totals: Record<string, number> = {};
  const start = performance.now();
  let rounds = 0;
  while (rounds === 0 || performance.now() - start < 1000) {
    timePassesOnce(analysis, inputs, totals);
    rounds++;
  }
  return Object.fromEntries(Object.entries(totals).map(([name, ms]) => [name, ms / rounds]));
}

function timePassesOnce(analysis: ShippedAnalysis, inputs: readonly string[], totals: Record<string, number>): void {
  for (const text of inputs) {
    const context = analysis.createAnalysisContext(text);
    for (const name of PASS_NAMES) {
      const start = performance.now();
      analysis[name](context);
      totals[name] = (totals[name] ?? 0) + performance.now() - start;
    }
  }
}

/** Self time per function name: over the whole profile, and under each pass (inclusive of callees). */
function selfTimes(profile: Profiler.Profile): {
  overall: Array<[string, number]>;
  perPass: Map<string, { total: number; functions: Array<[string, number]> }>;
} {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const overall = new Map<string, number>();
  const underPass = new Map<string, Map<string, number>>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) {
      return;
    }
    const name = frame.functionName || (frame.url === '' ? '(program)' : '(anonymous)');
    const ms = (deltas[index] ?? 0) / 1000;
    overall.set(name, (overall.get(name) ?? 0) + ms);
    // The innermost pass on the stack owns the sample.
    for (let ancestor: number | undefined = id; ancestor !== undefined; ancestor = parents.get(ancestor)) {
      const passName = nodes.get(ancestor)?.callFrame.functionName ?? '';
      if ((PASS_NAMES as readonly string[]).includes(passName)) {
        const functions = underPass.get(passName) ?? new Map<string, number>();
        functions.set(name, (functions.get(name) ?? 0) + ms);
        underPass.set(passName, functions);
        break;
      }
    }
  });
  const sorted = (map: Map<string, number>): Array<[string, number]> => [...map].sort((a, b) => b[1] - a[1]);
  const perPass = new Map<string, { total: number; functions: Array<[string, number]> }>();
  for (const passName of PASS_NAMES) {
    const functions = underPass.get(passName) ?? new Map<string, number>();
    perPass.set(passName, {
      total: [...functions.values()].reduce((sum, ms) => sum + ms, 0),
      functions: sorted(functions),
    });
  }
  return { overall: sorted(overall), perPass };
}

/** The loop every mode profiles: whole analyses of every text, for about `seconds`; returns the rounds run. */
function analyseFor(analysis: ShippedAnalysis, inputs: readonly string[], seconds: number): number {
  const start = performance.now();
  let rounds = 0;
  while (performance.now() - start < seconds * 1000) {
    inputs.forEach((text) => analysis.analyse(text));
    rounds++;
  }
  return rounds;
}

const PERF_DATA = join(REPO_ROOT, '.tmp', 'analyse.perf.data');
const PERF_CONTROL = join(REPO_ROOT, '.tmp', 'analyse.perf.control');
const PERF_ACK = join(REPO_ROOT, '.tmp', 'analyse.perf.ack');

/**
 * `--perf`: runs this script again under `perf record`, started with sampling off; the child
 * turns it on after its warm-up (`perfChild`). Needs `perf` and a kernel that lets it sample.
 */
function profileWithPerf(which: string, seconds: number): void {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  for (const fifo of [PERF_CONTROL, PERF_ACK]) {
    rmSync(fifo, { force: true });
    execFileSync('mkfifo', [fifo]);
  }
  // Software clock samples work in virtual machines without hardware counters; the JIT map
  // (--perf-basic-prof) names the optimised JavaScript, and the native stack lets perf walk it.
  try {
    execFileSync('perf', ['--version']);
  } catch {
    throw new Error('--perf needs Linux perf on the PATH (the linux-perf or linux-tools package).');
  }
  execFileSync(
    'perf',
    [
      ...['record', '-e', 'cpu-clock', '-F', '1999', '-g', '-o', PERF_DATA, '-D', '-1'],
      `--control=fifo:${PERF_CONTROL},${PERF_ACK}`,
      ...['--', process.execPath, '--perf-basic-prof', '--interpreted-frames-native-stack'],
      ...['--import', 'tsx', import.meta.filename, which, String(seconds), '--perf-child'],
    ],
    { stdio: 'inherit' },
  );
  const script = execFileSync('perf', ['script', '-i', PERF_DATA, '-F', 'ip,sym'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  printPerfPasses(script);
}

/** `--perf-child`: warms up, asks perf to start sampling, and runs the loop. */
function perfChild(which: string, seconds: number): void {
  const inputs = texts(which);
  const analysis = profiledAnalysis();
  analyseFor(analysis, inputs, 2);
  writeFileSync(PERF_CONTROL, 'enable\n');
  const ack = openSync(PERF_ACK, 'r');
  readSync(ack, Buffer.alloc(8));
  closeSync(ack);
  // The passes are called one by one, as timePasses() calls them, so that each has a frame of
  // its own on the native stack (analyse() may inline the smaller ones).
  const totals: Record<string, number> = {};
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) timePassesOnce(analysis, inputs, totals);
}

/**
 * Reads `perf script` output (one block of frames per sample, innermost first) and prints, per
 * pass, the share of its samples that landed in each function, builtin or runtime routine.
 */
function printPerfPasses(script: string): void {
  const perPass = new Map<string, Map<string, number>>();
  for (const block of script.split('\n\n')) {
    const frames = block
      .split('\n')
      .map((line) => line.trim().replace(/^[0-9a-f]+ /, ''))
      .filter((line) => line.length > 0);
    const passName = frames
      .map((frame) => /^JS:\S?(run\w+) /.exec(frame)?.[1] ?? '')
      .find((name) => (PASS_NAMES as readonly string[]).includes(name));
    const leaf = frames[0];
    if (passName === undefined || leaf === undefined) continue;
    // "JS:*tokenize /path/bundle.js:12:3" and "Builtins_StringEqual+0x1f" become their names.
    const name = leaf
      .replace(/ \/\S+$/, '')
      .replace(/\+0x[0-9a-f]+$/, '')
      .replace(/^JS:\S/, '');
    const functions = perPass.get(passName) ?? new Map<string, number>();
    functions.set(name, (functions.get(name) ?? 0) + 1);
    perPass.set(passName, functions);
  }
  for (const passName of PASS_NAMES) {
    const functions = perPass.get(passName);
    if (functions === undefined) continue;
    const total = [...functions.values()].reduce((sum, count) => sum + count, 0);
    process.stdout.write(`\nUnder ${passName} (${total} samples), where the samples landed:\n`);
    for (const [name, count] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      const share = ((100 * count) / total).toFixed(1);
      process.stdout.write(`  ${share.padStart(5)}%  ${name.slice(0, 110)}\n`);
    }
  }
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'polnear';
  const seconds = Number(process.argv[3] ?? '5');
  if (process.argv.includes('--perf')) {
    profileWithPerf(which, seconds);
    return;
  }
  if (process.argv.includes('--perf-child')) {
    perfChild(which, seconds);
    return;
  }
  const inputs = texts(which);
  const bytes = inputs.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const analysis = profiledAnalysis();
  inputs.forEach((text) => analysis.analyse(text));

  const passTotals = timePasses(analysis, inputs);
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
  const rounds = analyseFor(analysis, inputs, seconds);
  const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
  session.disconnect();
  const elapsed = performance.now() - start;
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  writeFileSync(join(REPO_ROOT, '.tmp', 'analyse.cpuprofile'), JSON.stringify(profile));
  process.stdout.write(
    `\n${rounds} round(s) in ${(elapsed / 1000).toFixed(1)} s: ${((rounds * bytes) / MEGABYTE / (elapsed / 1000)).toFixed(2)} MB/s\n`,
  );
  const { overall, perPass } = selfTimes(profile);
  process.stdout.write('Most self time (ms):\n');
  for (const [name, ms] of overall.slice(0, 25)) {
    process.stdout.write(`  ${ms.toFixed(0).padStart(7)}  ${name.slice(0, 120)}\n`);
  }
  for (const [passName, { total, functions }] of perPass) {
    process.stdout.write(`\nUnder ${passName} (${total.toFixed(0)} ms), most self time:\n`);
    for (const [name, ms] of functions.slice(0, 12)) {
      process.stdout.write(`  ${ms.toFixed(0).padStart(7)}  ${name.slice(0, 120)}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
