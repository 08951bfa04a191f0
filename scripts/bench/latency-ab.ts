// Edit → diagnostics latency of two server builds, interleaved edit by edit, so that load from
// other work on the machine falls on both alike (issue #5):
//
//   node --import tsx scripts/bench/latency-ab.ts OLD/dist/server.js NEW/dist/server.js [sizes in KB] [edits] [push|pull]
//
// Both servers run at once, each with the same document open; every round makes one edit in
// the first and then the same edit in the second (the order alternates per round) and times each
// from didChange to its diagnostics, as the latency section of `npm run bench` does. Prints
// p50/p95/p99 per server and the median of the paired ratios new/old.
import { loadFixtureCorpus, loadPolnearCorpus } from './corpus';
import { BENCH_SETTINGS, BenchDocument, documentOfSize } from './latency';
import { BenchLspClient } from './lsp';
import { formatNumber, median, percentile } from './stats';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

interface Side {
  label: string;
  client: BenchLspClient;
  document: BenchDocument | undefined;
  samples: number[];
}

async function timedEdit(side: Side, mode: 'push' | 'pull'): Promise<number> {
  const document = side.document;
  if (document === undefined) throw new Error('no document open');
  const start = performance.now();
  if (mode === 'push') {
    const waiting = side.client.diagnosticsFor(document.uri, document.version + 1, 60_000);
    await document.change();
    await waiting;
  } else {
    await document.change();
    await document.pull();
  }
  return performance.now() - start;
}

async function main(): Promise<void> {
  const [oldServer, newServer] = process.argv.slice(2, 4);
  if (oldServer === undefined || newServer === undefined) {
    throw new Error('Usage: latency-ab.ts OLD/dist/server.js NEW/dist/server.js [sizes in KB] [edits] [push|pull]');
  }
  const sizes = (process.argv[4] ?? '5,100,2048').split(',').map((kilobytes) => Number(kilobytes) * 1024);
  const edits = Number(process.argv[5] ?? '40');
  const mode = process.argv[6] === 'pull' ? 'pull' : 'push';
  const corpus = loadPolnearCorpus(REPO_ROOT) ?? loadFixtureCorpus(REPO_ROOT);
  const sides: Side[] = [
    { label: 'old', client: BenchLspClient.spawn(oldServer, BENCH_SETTINGS), document: undefined, samples: [] },
    { label: 'new', client: BenchLspClient.spawn(newServer, BENCH_SETTINGS), document: undefined, samples: [] },
  ];
  process.stdout.write(`${corpus.label}; ${edits} edits per size and server, ${mode} diagnostics, interleaved.\n`);
  try {
    for (const side of sides) await side.client.initialize(null, { pullDiagnostics: mode === 'pull' });
    for (const bytes of sizes) {
      const text = documentOfSize(corpus, bytes);
      for (const side of sides) {
        side.samples = [];
        side.document = new BenchDocument(side.client, `file:///bench/ab-${bytes}.news`, text);
        if (mode === 'push') {
          const opened = side.client.diagnosticsFor(side.document.uri, 1, 120_000);
          await side.document.open();
          await opened;
        } else {
          await side.document.open();
          await side.document.pull();
        }
      }
      for (let round = 0; round < edits; round++) {
        const order = round % 2 === 0 ? sides : [...sides].reverse();
        for (const side of order) side.samples.push(await timedEdit(side, mode));
      }
      const [old, next] = sides;
      if (old === undefined || next === undefined) continue;
      const ratios = next.samples.map((sample, index) => sample / (old.samples[index] ?? sample));
      process.stdout.write(`\n${formatNumber(bytes / 1024, 0)} KB\n`);
      for (const side of sides) {
        process.stdout.write(
          `  ${side.label}  p50 ${formatNumber(percentile(side.samples, 50), 2).padStart(9)}  p95 ${formatNumber(percentile(side.samples, 95), 2).padStart(9)}  p99 ${formatNumber(percentile(side.samples, 99), 2).padStart(9)} ms\n`,
        );
      }
      process.stdout.write(`  median paired ratio new/old ${formatNumber(median(ratios), 3)}\n`);
      for (const side of sides) await side.document?.close();
    }
  } finally {
    for (const side of sides) await side.client.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
