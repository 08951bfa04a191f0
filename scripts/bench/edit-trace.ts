// Where one edit's wall-clock time goes on the real server path (issue #5). It drives the bundled
// server over stdio, as the latency section does, with NEWS_CLAIMS_TRACE_EDITS=1, so that each
// stage of the edit path writes a timestamp (server/src/lsp/editTrace.ts), and prints per stage
// the median time since the client sent didChange and the median gap since the stage before:
//
//   npm run build && node --import tsx scripts/bench/edit-trace.ts [sizes in KB, default 5,100,2048] [edits] [push|pull] [server.js]
//
// The last argument runs another build of the server (one that has the same trace marks) in
// place of this checkout's dist/server.js, to compare before and after.
//
// The marks of the main thread, the analysis worker and this process share one clock
// (performance.timeOrigin + now), so gaps between processes are comparable to a fraction of a
// millisecond. The client's own cost of parsing the diagnostics JSON is timed apart, on a copy of
// what it received, because it is part of what the writer waits for.
import { join } from 'node:path';
import { EDIT_TRACE_PREFIX, EDIT_TRACE_VARIABLE, sharedClockMs } from '../../server/src/lsp/editTrace';
import { loadFixtureCorpus, loadPolnearCorpus } from './corpus';
import { BENCH_SETTINGS, BenchDocument, documentOfSize } from './latency';
import { BenchLspClient, delay } from './lsp';
import { formatNumber, median } from './stats';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const SERVER = process.argv[5] ?? join(REPO_ROOT, 'dist', 'server.js');

interface Mark {
  stage: string;
  at: number;
}

interface SizeTrace {
  bytes: number;
  perEdit: Mark[][];
  parseMs: number[];
  jsonKb: number;
}

/**
 * One server for all sizes, each document opened, edited and closed in turn, as the latency
 * section does; the trace lines of the whole run are split by edit afterwards.
 */
async function traceSizes(sizes: readonly number[], edits: number, mode: 'push' | 'pull'): Promise<SizeTrace[]> {
  const corpus = loadPolnearCorpus(REPO_ROOT) ?? loadFixtureCorpus(REPO_ROOT);
  const marks: Mark[] = [];
  const client = BenchLspClient.spawn(SERVER, BENCH_SETTINGS, { ...process.env, [EDIT_TRACE_VARIABLE]: '1' });
  let partial = '';
  client.child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const [prefix, stage, at] = line.split(' ');
      if (prefix === EDIT_TRACE_PREFIX && stage !== undefined && at !== undefined) {
        marks.push({ stage, at: Number(at) });
      }
    }
  });
  const runs: Array<{ bytes: number; sends: number[]; ends: number[]; parseMs: number[]; jsonKb: number }> = [];
  try {
    await client.initialize(null, { pullDiagnostics: mode === 'pull' });
    for (const bytes of sizes) {
      const run = { bytes, sends: [] as number[], ends: [] as number[], parseMs: [] as number[], jsonKb: 0 };
      runs.push(run);
      const document = new BenchDocument(client, `file:///bench/trace-${bytes}.news`, documentOfSize(corpus, bytes));
      if (mode === 'push') {
        const opened = client.diagnosticsFor(document.uri, 1, 60_000);
        await document.open();
        await opened;
      } else {
        await document.open();
        await document.pull();
      }
      for (let edit = 0; edit < edits; edit++) {
        const sentAt = sharedClockMs();
        run.sends.push(sentAt);
        let received: unknown;
        if (mode === 'push') {
          const waiting = client.diagnosticsFor(document.uri, document.version + 1, 30_000);
          await document.change();
          received = await waiting;
        } else {
          await document.change();
          received = await document.pull();
        }
        marks.push({ stage: 'client: diagnostics received', at: sharedClockMs() });
        const json = JSON.stringify(received);
        run.jsonKb = json.length / 1024;
        const start = performance.now();
        JSON.parse(json);
        run.parseMs.push(performance.now() - start);
        // A short pause, as between keystrokes, so that timers the edit armed fire inside its window.
        await delay(20);
        run.ends.push(sharedClockMs());
      }
      await document.close();
    }
    await delay(300);
  } finally {
    await client.stop();
  }
  return runs.map((run) => ({
    bytes: run.bytes,
    parseMs: run.parseMs,
    jsonKb: run.jsonKb,
    perEdit: run.sends.map((sentAt, index) => {
      const until = run.ends[index] ?? Number.POSITIVE_INFINITY;
      return [
        { stage: 'client: didChange sent', at: sentAt },
        ...marks.filter((mark) => mark.at >= sentAt && mark.at < until).sort((a, b) => a.at - b.at),
      ];
    }),
  }));
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '5,100,2048').split(',').map((kilobytes) => Number(kilobytes) * 1024);
  const edits = Number(process.argv[3] ?? '30');
  const mode = process.argv[4] === 'pull' ? 'pull' : 'push';
  process.stdout.write(`${edits} edits per size, ${mode} diagnostics; ms, medians.\n`);
  for (const { bytes, perEdit, parseMs, jsonKb } of await traceSizes(sizes, edits, mode)) {
    // Per stage (first occurrence in each edit): time since didChange was sent and the gap since the stage before.
    const sinceSend = new Map<string, number[]>();
    const gaps = new Map<string, number[]>();
    for (const marks of perEdit) {
      const sentAt = marks[0]?.at ?? 0;
      const seen = new Set<string>();
      let previous = sentAt;
      for (const mark of marks) {
        if (seen.has(mark.stage)) continue;
        seen.add(mark.stage);
        sinceSend.set(mark.stage, [...(sinceSend.get(mark.stage) ?? []), mark.at - sentAt]);
        gaps.set(mark.stage, [...(gaps.get(mark.stage) ?? []), mark.at - previous]);
        previous = mark.at;
      }
    }
    const stages = [...sinceSend.entries()].sort((a, b) => median(a[1]) - median(b[1]));
    process.stdout.write(
      `\n${formatNumber(bytes / 1024, 0)} KB (diagnostics JSON ${formatNumber(jsonKb, 0)} KB; client JSON.parse median ${formatNumber(median(parseMs), 2)} ms)\n`,
    );
    process.stdout.write(`  ${'stage'.padEnd(32)} ${'since send'.padStart(10)} ${'gap'.padStart(9)}   n\n`);
    for (const [stage, values] of stages) {
      process.stdout.write(
        `  ${stage.padEnd(32)} ${formatNumber(median(values), 2).padStart(10)} ${formatNumber(median(gaps.get(stage) ?? [0]), 2).padStart(9)}   ${values.length}\n`,
      );
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
