// `npm run bench`: one command, one run, every peer measured side by side on the same input.
// Prints a table per section and writes docs/PERFORMANCE.md with the command, the machine and
// the date, so that the numbers in the repository always say where they came from.
//
//   npm run bench                          every section; writes docs/PERFORMANCE.md
//   npm run bench -- --only=throughput,scaling
//                                          just those sections; prints only, writes nothing
//
// Sections: throughput, scaling, latency, workspace, startup. Run with --expose-gc (the npm
// script does) so that each timed run starts from a clean heap.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadFixtureCorpus, loadPolnearCorpus, takeLeadingBytes, type Corpus } from './bench/corpus';
import { compromisePeer, floorPeer, getWinkPeer, ourPeer } from './bench/peers';
import { renderMarkdown, Report, verdict, type Table } from './bench/report';
import { measureScaling } from './bench/scaling';
import { formatBytes, formatNumber, MEGABYTE } from './bench/stats';
import { measureThroughput, type ThroughputEntry } from './bench/throughput';

const REPO_ROOT = join(import.meta.dirname, '..');
const SECTIONS = ['throughput', 'scaling', 'latency', 'workspace', 'startup'] as const;
type Section = (typeof SECTIONS)[number];

/** compromise runs at well under 0.1 MB/s, so it gets a bounded subset; the row says so. */
const COMPROMISE_SUBSET_BYTES = 200 * 1024;
const TARGET_THROUGHPUT_MB_S = 20;
const TARGET_SCALING_RATIO = 1.5;

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
    formatNumber(point.medianMs, 1),
    formatNumber(point.msPerMegabyte, 2),
    formatNumber(floor[index]?.msPerMegabyte ?? Number.NaN, 2),
    String(point.runs),
  ]);
  const first = ours[0];
  const last = ours[ours.length - 1];
  if (first && last) {
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
    ],
    headers: ['size', 'bytes', 'analyse() ms', 'ms/MB', 'floor ms/MB', 'runs'],
    rows,
  });
}

function machineDescription(): string[] {
  const processors = cpus();
  return [
    `- Command: \`npm run bench\` (runs \`npm run build:prod\`, then \`node --import tsx --expose-gc scripts/bench.ts\`)`,
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${processors.length} cores, ${processors[0]?.model ?? 'unknown CPU'}, ${formatBytes(totalmem())} RAM`,
    `- Node ${process.version} on ${process.platform}/${process.arch}`,
  ];
}

function writePerformanceDoc(report: Report, corpora: Corpus[]): void {
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
  ];
  writeFileSync(join(REPO_ROOT, 'docs', 'PERFORMANCE.md'), lines.join('\n'));
}

function runSection(report: Report, name: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    report.addProblem(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function main(): void {
  const sections = parseSections(process.argv.slice(2));
  const report = new Report();
  const fixtures = loadFixtureCorpus(REPO_ROOT);
  const polnear = loadPolnearCorpus(REPO_ROOT);
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
    runSection(report, 'throughput', () => throughputSection(report, corpora));
  }
  if (sections.has('scaling')) {
    runSection(report, 'scaling', () => scalingSection(report, polnear ?? fixtures));
  }

  process.stdout.write(`\n${renderTextTargets(report)}\n`);
  if (sections.size === SECTIONS.length) {
    writePerformanceDoc(report, corpora);
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

main();
