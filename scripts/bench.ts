// `npm run bench`: one command, one run, every peer measured side by side on the same input.
// Prints a table per section and writes docs/PERFORMANCE.md with the command, the machine and
// the date, so that the numbers in the repository always say where they came from.
//
//   npm run bench                          every section; writes docs/PERFORMANCE.md
//   npm run bench -- --only=throughput,scaling
//                                          just those sections; prints only, writes nothing
//   npm run bench -- --fixtures-only       ignore ../shared even when it is there
//
// Sections: throughput, scaling, incremental, latency, workspace, workspaceIndex, startup. Run with --expose-gc (the npm
// script does) so that each timed run starts from a clean heap.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { loadFixtureCorpus, loadPolnearCorpus, takeLeadingBytes, type Corpus } from './bench/corpus';
import { compromisePeer, floorPeer, getWinkPeer, ourPeer } from './bench/peers';
import { renderMarkdown, Report, verdict, type Table } from './bench/report';
import { measureScaling } from './bench/scaling';
import { formatBytes, formatNumber, MEGABYTE, median } from './bench/stats';
import { measureThroughput, type ThroughputEntry } from './bench/throughput';
import { LATENCY_SIZES, measureLatency, summarise } from './bench/latency';
import { bundleSizes, measureBareNode, measureStartup, vsixSize } from './bench/startup';
import { measureWorkspace } from './bench/workspace';
import { measureIncremental } from './bench/incremental';
import { workspaceIndexSection } from './bench/workspaceIndex';

const REPO_ROOT = join(import.meta.dirname, '..');
const LOAD_AT_START = loadavg()[0] ?? 0;
const SECTIONS = ['throughput', 'scaling', 'incremental', 'latency', 'workspace', 'workspaceIndex', 'startup'] as const;
type Section = (typeof SECTIONS)[number];

/** compromise runs at well under 0.1 MB/s, so it gets a bounded subset; the row says so. */
const COMPROMISE_SUBSET_BYTES = 200 * 1024;
const TARGET_THROUGHPUT_MB_S = 20;
const TARGET_SCALING_RATIO = 1.5;
/** p95 edit → diagnostics targets per latency document size. */
const TARGET_EDIT_P95_MS: Record<string, number> = { '100 KB': 15, '2 MB': 50 };
const TARGET_HOVER_P95_MS = 5;
const TARGET_STARTUP_MS = 150;
const WORKSPACE_ARTICLES = 10_000;
const TARGET_WORKSPACE_SECONDS = 10;
const TARGET_WORKSPACE_RSS_MB = 300;
const TARGET_VSIX_MB = 2;
const STARTUP_RUNS = 7;
const SERVER_PATH = join(REPO_ROOT, 'dist', 'server.js');

function parseSections(argv: readonly string[]): Set<Section> {
  const only = argv.find((argument) => argument.startsWith('--only='));
  if (!only) {
    return new Set(SECTIONS);
  }
  const chosen = new Set<Section>();
  for (const name of only.slice('--only='.length).split(',')) {
    const section = SECTIONS.find((candidate) => candidate === name.trim());
    if (!section) {
      throw new Error(`Unknown bench section "${name}" in --only; choose from ${SECTIONS.join(', ')}.`);
    }
    chosen.add(section);
  }
  return chosen;
}

function throughputSection(report: Report, corpora: Corpus[]): void {
  const rows: string[][] = [];
  for (const corpus of corpora) {
    const isSmall = corpus.bytes <= COMPROMISE_SUBSET_BYTES;
    const subset = isSmall ? corpus : takeLeadingBytes(corpus, COMPROMISE_SUBSET_BYTES);
    const subsetNote = isSmall ? 'all' : `first ${subset.documents.length} docs (${formatBytes(subset.bytes)})`;
    const entries: ThroughputEntry[] = [
      { peer: ourPeer, corpus, inputNote: 'all' },
      { peer: getWinkPeer(), corpus, inputNote: 'all' },
      { peer: floorPeer, corpus, inputNote: 'all' },
    ];
    if (!isSmall) {
      // compromise only sees the subset, so ours runs on the same subset to give a fair ratio.
      entries.push({ peer: ourPeer, corpus: subset, inputNote: subsetNote });
    }
    entries.push({ peer: compromisePeer, corpus: subset, inputNote: subsetNote });
    // Small inputs are cheap to repeat; the shared corpus takes seconds per wink/compromise round.
    const results = measureThroughput(entries, corpus.bytes > MEGABYTE ? 3 : 5);
    const ours = (input: Corpus) => results.find((result) => result.peer === ourPeer && result.corpus === input);
    const floor = results.find((result) => result.peer === floorPeer);
    for (const result of results) {
      const reference = ours(result.corpus);
      rows.push([
        corpus.label,
        result.peer.name,
        `${result.inputNote === 'all' ? `${corpus.documents.length} docs, ${formatBytes(corpus.bytes)}` : result.inputNote}`,
        formatNumber(result.megabytesPerSecond, 2),
        formatNumber(result.tokensPerSecond / 1000, 0) + 'k',
        reference ? formatRatio(result.megabytesPerSecond / reference.megabytesPerSecond) : 'n/a',
        `${result.runs}×${result.passesPerRun}`,
      ]);
    }
    const oursAll = ours(corpus);
    if (oursAll) {
      report.addTarget({
        target: `analyse() ≥ ${TARGET_THROUGHPUT_MB_S} MB/s (${corpus.label})`,
        measured:
          `${formatNumber(oursAll.megabytesPerSecond, 2)} MB/s` +
          (floor
            ? `, ${formatNumber((100 * oursAll.megabytesPerSecond) / floor.megabytesPerSecond, 1)}% of the floor`
            : ''),
        verdict: verdict(oursAll.megabytesPerSecond >= TARGET_THROUGHPUT_MB_S),
      });
    }
  }
  report.addTable({
    title: 'Throughput: one document per call, one core',
    notes: [
      'Median of several interleaved rounds after a warm-up; every peer in a round runs on the same input.',
      'Ours runs the shipped code: a minified esbuild bundle of the analysis (.tmp/bench/analysis.js, built as esbuild.mjs --production builds dist/analysis-worker.js), not the TypeScript sources under tsx.',
      "MB = 2^20 UTF-8 bytes. Tokens are the floor regex's matches in the input, so tokens/s is comparable across peers.",
      '"vs ours" is the peer\'s MB/s divided by ours on the same input (so the floor\'s is how far ours is from it).',
      'Runs column: rounds × passes over the input per timed round (tiny inputs repeat to last ≥ 50 ms).',
    ],
    headers: ['corpus', 'peer', 'input', 'MB/s', 'tokens/s', 'vs ours', 'runs'],
    rows,
  });
}

/** Three significant digits, so that 0.000041× and 1,240× both stay readable. */
function formatRatio(ratio: number): string {
  return `${Number(ratio.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3 })}×`;
}

function scalingSection(report: Report, corpus: Corpus): void {
  const ours = measureScaling(ourPeer, corpus);
  const floor = measureScaling(floorPeer, corpus);
  const rows = ours.map((point, index) => [
    point.label,
    formatBytes(point.bytes),
    point.runs === 0 ? 'skipped' : formatNumber(point.medianMs, 1),
    point.runs === 0 ? 'skipped' : formatNumber(point.msPerMegabyte, 2),
    formatNumber(floor[index]?.msPerMegabyte ?? Number.NaN, 2),
    String(point.runs),
  ]);
  const first = ours[0];
  const measured = ours.filter((point) => point.runs > 0);
  const last = measured[measured.length - 1];
  const skipped = ours.filter((point) => point.runs === 0);
  if (first && last && skipped.length > 0) {
    report.addTarget({
      target: `time per MB flat ${first.label} → 16 MB (≤ ${TARGET_SCALING_RATIO}×)`,
      measured: `${skipped.map((point) => point.label).join(', ')} skipped: one run projected over 2 minutes; up to ${last.label} ${formatNumber(last.msPerMegabyte / first.msPerMegabyte, 2)}×`,
      verdict: 'MISS',
    });
  } else if (first && last) {
    const ratio = last.msPerMegabyte / first.msPerMegabyte;
    report.addTarget({
      target: `time per MB flat ${first.label} → ${last.label} (≤ ${TARGET_SCALING_RATIO}×)`,
      measured: `${formatNumber(ratio, 2)}× (${formatNumber(first.msPerMegabyte, 1)} → ${formatNumber(last.msPerMegabyte, 1)} ms/MB)`,
      verdict: verdict(ratio <= TARGET_SCALING_RATIO),
    });
  }
  report.addTable({
    title: 'Scaling: one document of growing size',
    notes: [
      `Articles of ${corpus.label} (${corpus.source}) joined with blank lines into one document per size; median per size.`,
      "The floor column is the regex pass on the same document, to tell the machine's own noise from ours.",
      'analyse() is the minified esbuild bundle of the analysis that ships, as in the throughput table.',
      `Sizes past the corpus (${formatBytes(corpus.bytes)}) repeat its articles, so they bring no new words or names; a time per MB that falls with size means per-call work is spread over more text, not that the analysis is sublinear.`,
    ],
    headers: ['size', 'bytes', 'analyse() ms', 'ms/MB', 'floor ms/MB', 'runs'],
    rows,
  });
}

function incrementalSection(report: Report, corpus: Corpus): void {
  const rows = measureIncremental(corpus).map((row) => {
    const incremental = summarise(row.incrementalMs);
    const full = summarise(row.fullMs);
    const firstRun = summarise(row.firstRunMs);
    const firstFull = summarise(row.firstFullMs);
    return [
      row.size,
      formatBytes(row.bytes),
      formatNumber(incremental.p50, 2),
      formatNumber(incremental.p95, 2),
      formatNumber(full.p50, 2),
      formatNumber(full.p95, 2),
      formatRatio(full.p50 / incremental.p50),
      formatNumber(firstRun.p50, 1),
      formatNumber(firstFull.p50, 1),
      `${formatNumber(100 * row.hitRate, 1)}%`,
      String(incremental.count),
    ];
  });
  report.addTable({
    title: 'Incremental re-analysis after an edit (in process)',
    notes: [
      'IncrementalAnalyser.analyse() after typing or deleting one word, against analyse() of the same text; no server involved. Both run from the minified esbuild bundle of the analysis that ships, as in the throughput table.',
      'Hit rate: paragraph lookups answered from the cache. It only covers the passes that route their paragraph-local work through perParagraph() or perParagraphFitting().',
      'First run: a fresh IncrementalAnalyser on the document (opening it, every lookup a miss) against analyse() of the same text, median of five pairs.',
    ],
    headers: [
      'size',
      'bytes',
      'incremental p50 ms',
      'p95 ms',
      'full p50 ms',
      'p95 ms',
      'speed-up (p50)',
      'first run ms',
      'full ms',
      'hit rate',
      'n',
    ],
    rows,
  });
}

async function latencySection(report: Report, corpus: Corpus): Promise<void> {
  if (!existsSync(SERVER_PATH)) {
    throw new Error('dist/server.js is not built (npm run build:prod).');
  }
  const { rows, notes } = await measureLatency(SERVER_PATH, corpus, (line) => process.stdout.write(`${line}\n`));
  const tableRows: string[][] = [];
  for (const row of rows) {
    const stats = summarise(row.samples);
    tableRows.push([
      row.size,
      formatBytes(row.bytes),
      row.operation,
      formatNumber(stats.p50, 2),
      formatNumber(stats.p95, 2),
      formatNumber(stats.p99, 2),
      String(stats.count),
    ]);
    const editTarget = TARGET_EDIT_P95_MS[row.size];
    if (row.operation.startsWith('edit') && editTarget !== undefined) {
      report.addTarget({
        target: `${row.operation} p95 ≤ ${editTarget} ms at ${row.size}`,
        measured: `${formatNumber(stats.p95, 1)} ms (p50 ${formatNumber(stats.p50, 1)}, n=${stats.count})`,
        verdict: verdict(stats.p95 <= editTarget),
      });
    }
  }
  const hovers = rows.filter((row) => row.operation === 'hover');
  if (hovers.length > 0) {
    const worst = hovers
      .map((row) => ({ size: row.size, p95: summarise(row.samples).p95 }))
      .reduce((a, b) => (b.p95 > a.p95 ? b : a));
    report.addTarget({
      target: `hover p95 ≤ ${TARGET_HOVER_P95_MS} ms at any size`,
      measured: `worst ${formatNumber(worst.p95, 2)} ms (at ${worst.size})`,
      verdict: verdict(worst.p95 <= TARGET_HOVER_P95_MS),
    });
  } else {
    report.addTarget({
      target: `hover p95 ≤ ${TARGET_HOVER_P95_MS} ms`,
      measured: 'server offers no hover',
      verdict: 'NOT MEASURED',
    });
  }
  for (const size of LATENCY_SIZES) {
    const target = TARGET_EDIT_P95_MS[size.label];
    if (target !== undefined && !rows.some((row) => row.size === size.label && row.operation.startsWith('edit'))) {
      report.addTarget({
        target: `edit → diagnostics p95 ≤ ${target} ms at ${size.label}`,
        measured: 'no diagnostics',
        verdict: 'NOT MEASURED',
      });
    }
  }
  report.addTable({
    title: 'Editor latency: bundled server over stdio',
    notes: [
      `\`node dist/server.js --stdio\` driven by vscode-jsonrpc (scripts/bench/lsp.ts), newsClaims.debounceMs = 0, documents built from ${corpus.label}.`,
      'Each edit types a word at a pseudo-random place or deletes the one typed before, so the size stays put.',
      'Edit → diagnostics runs from sending didChange to receiving publishDiagnostics of that version (push), or to the textDocument/diagnostic reply sent right after the change (pull).',
      'Hovers and semantic tokens are timed on a settled document (its analysis cached); half the hovers land on highlighted entities. Percentiles are nearest-rank, so with n ≤ 100 p99 is the slowest sample.',
      ...notes,
    ],
    headers: ['size', 'bytes', 'operation', 'p50 ms', 'p95 ms', 'p99 ms', 'n'],
    rows: tableRows,
  });
}

function workspaceSection(report: Report): void {
  const measurement = measureWorkspace(REPO_ROOT, WORKSPACE_ARTICLES);
  const seconds = measurement.analyseMs / 1000;
  const rssMegabytes = measurement.peakRssBytes / MEGABYTE;
  report.addTarget({
    target: `${WORKSPACE_ARTICLES.toLocaleString('en-US')} articles ≤ ${TARGET_WORKSPACE_SECONDS} s`,
    measured: `${formatNumber(seconds, 2)} s`,
    verdict: verdict(seconds <= TARGET_WORKSPACE_SECONDS),
  });
  report.addTarget({
    target: `${WORKSPACE_ARTICLES.toLocaleString('en-US')} articles peak RSS ≤ ${TARGET_WORKSPACE_RSS_MB} MB`,
    measured: `${formatNumber(rssMegabytes, 0)} MB`,
    verdict: verdict(rssMegabytes <= TARGET_WORKSPACE_RSS_MB),
  });
  report.addTable({
    title: 'Workspace scale',
    notes: [
      'Articles generated from the fixtures with names and numbers replaced deterministically (scripts/bench/generate.ts).',
      "Run in a child process bundled like dist/cli.js; every Analysis is kept, as the CLI's JSON output does. Generation is not timed; peak RSS covers the whole child.",
    ],
    headers: ['articles', 'bytes', 'analyse all', 'MB/s', 'peak RSS', 'entities', 'findings'],
    rows: [
      [
        measurement.articles.toLocaleString('en-US'),
        formatBytes(measurement.bytes),
        `${formatNumber(seconds, 2)} s`,
        formatNumber(measurement.bytes / MEGABYTE / seconds, 2),
        `${formatNumber(rssMegabytes, 0)} MB`,
        measurement.entities.toLocaleString('en-US'),
        measurement.findings.toLocaleString('en-US'),
      ],
    ],
  });
}

async function startupSection(report: Report): Promise<void> {
  const rows: string[][] = [];
  if (existsSync(SERVER_PATH)) {
    const samples = await measureStartup(SERVER_PATH, STARTUP_RUNS);
    const startup = median(samples);
    rows.push([
      'server start-up to initialize reply',
      `${formatNumber(startup, 1)} ms`,
      `median of ${samples.length}, min ${formatNumber(Math.min(...samples), 1)} ms`,
    ]);
    const bare = median(await measureBareNode(STARTUP_RUNS));
    rows.push([
      'bare `node -e 0`, start to exit (baseline)',
      `${formatNumber(bare, 1)} ms`,
      `median of ${STARTUP_RUNS}`,
    ]);
    report.addTarget({
      target: `server start-up ≤ ${TARGET_STARTUP_MS} ms`,
      measured: `${formatNumber(startup, 1)} ms (median of ${samples.length})`,
      verdict: verdict(startup <= TARGET_STARTUP_MS),
    });
  } else {
    rows.push(['server start-up to initialize reply', 'not built', 'dist/server.js is missing']);
    const bare = median(await measureBareNode(STARTUP_RUNS));
    rows.push([
      'bare `node -e 0`, start to exit (baseline)',
      `${formatNumber(bare, 1)} ms`,
      `median of ${STARTUP_RUNS}`,
    ]);
    report.addTarget({
      target: `server start-up ≤ ${TARGET_STARTUP_MS} ms`,
      measured: 'dist/server.js not built',
      verdict: 'NOT MEASURED',
    });
  }
  const vsix = vsixSize(REPO_ROOT);
  rows.push(['.vsix', vsix.bytes === null ? 'not built' : formatBytes(vsix.bytes), vsix.note]);
  report.addTarget({
    target: `.vsix ≤ ${TARGET_VSIX_MB} MB`,
    measured: vsix.bytes === null ? vsix.note : formatBytes(vsix.bytes),
    verdict: vsix.bytes === null ? 'NOT MEASURED' : verdict(vsix.bytes <= TARGET_VSIX_MB * MEGABYTE),
  });
  for (const bundle of bundleSizes(REPO_ROOT)) {
    rows.push([bundle.file, formatBytes(bundle.bytes), 'npm run build:prod (minified)']);
  }
  report.addTable({ title: 'Start-up and size', notes: [], headers: ['what', 'measured', 'note'], rows });
}

function machineDescription(): string[] {
  const processors = cpus();
  return [
    `- Command: \`npm run bench\` (runs \`npm run build:prod\`, then \`node --import tsx --expose-gc scripts/bench.ts\`)`,
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${processors.length} cores, ${processors[0]?.model ?? 'unknown CPU'}, ${formatBytes(totalmem())} RAM`,
    `- Node ${process.version} on ${process.platform}/${process.arch}`,
    // Other work on the machine slows every peer; the ratios hold, the absolute numbers do not.
    `- Load average (1 min) when the run began: ${LOAD_AT_START.toFixed(2)}; when it ended: ${loadavg()[0]?.toFixed(2) ?? '?'}`,
  ];
}

async function writePerformanceDoc(report: Report, corpora: Corpus[]): Promise<void> {
  const tables: Table[] = [report.targetsTable(), ...report.tables];
  const lines = [
    '# Performance',
    '',
    'Written by `npm run bench`; do not edit by hand. Re-run the command to refresh it.',
    '',
    ...machineDescription(),
    `- Corpora: ${corpora.map((corpus) => `${corpus.label} = \`${corpus.source}\` (${corpus.documents.length} docs, ${formatBytes(corpus.bytes)})`).join('; ')}`,
    '',
    ...(report.problems.length > 0
      ? ['**Sections that did not run:**', '', ...report.problems.map((problem) => `- ${problem}`), '']
      : []),
    ...tables.map(renderMarkdown),
    // The hand-written guide to the tables lives next to the bench code and is copied in as is.
    readFileSync(join(REPO_ROOT, 'scripts', 'bench', 'notes.md'), 'utf8'),
  ];
  const path = join(REPO_ROOT, 'docs', 'PERFORMANCE.md');
  // Formatted as `npm run lint` checks it, so a fresh benchmark never fails the lint.
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(lines.join('\n'), { ...options, parser: 'markdown' }));
}

async function runSection(report: Report, name: string, work: () => void | Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    report.addProblem(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(): Promise<void> {
  const sections = parseSections(process.argv.slice(2));
  const report = new Report();
  const fixtures = loadFixtureCorpus(REPO_ROOT);
  // --fixtures-only runs as a machine without the shared corpus would, e.g. to check CI numbers.
  const polnear = process.argv.includes('--fixtures-only') ? null : loadPolnearCorpus(REPO_ROOT);
  const corpora = polnear ? [fixtures, polnear] : [fixtures];
  process.stdout.write(machineDescription().join('\n') + '\n');
  for (const corpus of corpora) {
    process.stdout.write(
      `Corpus ${corpus.label}: ${corpus.source}, ${corpus.documents.length} docs, ${formatBytes(corpus.bytes)}\n`,
    );
  }
  if (!polnear) {
    process.stdout.write('The shared corpus (../shared/corpus/polnear/train/text) is absent; fixtures only.\n');
  }

  if (sections.has('throughput')) {
    await runSection(report, 'throughput', () => throughputSection(report, corpora));
  }
  if (sections.has('scaling')) {
    await runSection(report, 'scaling', () => scalingSection(report, polnear ?? fixtures));
  }
  if (sections.has('incremental')) {
    await runSection(report, 'incremental', () => incrementalSection(report, polnear ?? fixtures));
  }
  if (sections.has('latency')) {
    await runSection(report, 'latency', () => latencySection(report, polnear ?? fixtures));
  }
  if (sections.has('workspace')) {
    await runSection(report, 'workspace', () => workspaceSection(report));
  }
  if (sections.has('workspaceIndex')) {
    await runSection(report, 'workspaceIndex', () =>
      workspaceIndexSection(report, REPO_ROOT, SERVER_PATH, WORKSPACE_ARTICLES),
    );
  }
  if (sections.has('startup')) {
    await runSection(report, 'startup', () => startupSection(report));
  }

  process.stdout.write(`\n${renderTextTargets(report)}\n`);
  if (sections.size === SECTIONS.length) {
    await writePerformanceDoc(report, corpora);
    process.stdout.write('\nWrote docs/PERFORMANCE.md\n');
  } else {
    process.stdout.write('\nPartial run (--only): docs/PERFORMANCE.md left as it was.\n');
  }
}

function renderTextTargets(report: Report): string {
  const table = report.targetsTable();
  const width = Math.max(...table.rows.map((row) => (row[0] ?? '').length), 10);
  return [
    `== ${table.title}`,
    ...table.rows.map((row) => `${(row[2] ?? '').padEnd(12)} ${(row[0] ?? '').padEnd(width)}  ${row[1] ?? ''}`),
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm run bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
