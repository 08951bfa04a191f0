// Where one edit's time goes in the language server, part by part, so that work on editor
// latency starts from a measurement (issue #5):
//
//   node --import tsx scripts/bench/edit-breakdown.ts [sizes in KB, default 100,2048] [edits]
//
// For each size it makes one-word edits to a PolNeAR document (or the fixtures, without the
// shared corpus) and times, per edit, what the server does between didChange and the diagnostics:
// each analysis pass on a warm paragraph cache (as IncrementalAnalyser runs them in the worker),
// the worker hand-off, the LineIndex of the new version, toDiagnostics(), and the JSON encoding
// of the publishDiagnostics message. The hand-off is timed as the server runs it: diffAnalysis in
// the worker, a structured clone of the delta as postMessage makes, and on the main thread the
// findings rebuilt at once (applyDeltaDeferred); the rest of the lists, rebuilt while the worker
// runs the next edit, and the worker's own copy of the result (withUnchangedItemsOf), made after
// it has posted, are timed apart as work off the edit's path. For comparison, a structured clone
// of the whole Analysis is what the worker once sent. The analysis and the diff are the shipped
// bundle (shipped.ts); the rest of the LSP side runs from the sources under tsx. All in one
// process, interleaved per edit, so load on the machine shifts the parts alike; medians and
// minimums are printed.
import { join } from 'node:path';
import { defaultConfig } from '../../server/src/analysis/config';
import type { Analysis } from '../../server/src/analysis/types';
import type { CacheEntry } from '../../server/src/lsp/documents';
import { applyDeltaDeferred, withUnchangedItemsOf } from '../../server/src/lsp/analysisDelta';
import { toDiagnostics } from '../../server/src/lsp/diagnostics';
import { positionAdapterFor } from '../../server/src/lsp/positions';
import { loadFixtureCorpus, loadPolnearCorpus } from './corpus';
import { documentOfSize } from './latency';
import { shippedAnalysis } from './shipped';
import { formatNumber, median, seededRandom } from './stats';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

function main(): void {
  const sizes = (process.argv[2] ?? '100,2048').split(',').map((kilobytes) => Number(kilobytes) * 1024);
  const editsPerSize = Number(process.argv[3] ?? '20');
  if (sizes.some((bytes) => !Number.isFinite(bytes) || bytes <= 0) || !(editsPerSize > 0)) {
    throw new Error('Usage: edit-breakdown.ts [sizes in KB, comma-separated] [edits per size]');
  }
  const corpus = loadPolnearCorpus(REPO_ROOT) ?? loadFixtureCorpus(REPO_ROOT);
  const shipped = shippedAnalysis();
  const passes = {
    '1 sentences': shipped.runSentences,
    '2 quotations': shipped.runQuotations,
    '3 entities': shipped.runEntities,
    '4 figures': shipped.runFigures,
    '5 attributions': shipped.runAttributions,
    '6 claims': shipped.runClaims,
    '7 findings': shipped.runFindings,
  };
  const config = defaultConfig();
  process.stdout.write(`Corpus ${corpus.label}; ${editsPerSize} one-word edits per size; ms per edit.\n`);
  for (const bytes of sizes) {
    const original = documentOfSize(corpus, bytes);
    const cache = new shipped.ParagraphCache();
    const samples = new Map<string, number[]>();
    const record = (part: string, ms: number): void => {
      const list = samples.get(part) ?? [];
      list.push(ms);
      samples.set(part, list);
    };
    const random = seededRandom(7);
    /** What the worker sent last (its text and its kept copy) and what the main thread rebuilt from it. */
    let previous: { sent: string; analysis: Analysis; received: Analysis } | undefined;
    // The first run fills the paragraph cache, as opening the document does; it is not timed.
    for (let edit = -1; edit < editsPerSize; edit++) {
      // As in the latency section: type a word at a random place, then delete it with the next
      // edit, so that each version differs from the one before by one word.
      let text = original;
      if (edit % 2 === 0) {
        const space = original.indexOf(' ', Math.floor(random() * original.length));
        const at = space < 0 ? 0 : space + 1;
        text = original.slice(0, at) + 'newly ' + original.slice(at);
      }
      const context = shipped.createAnalysisContext(text, { config, paragraphCache: cache });
      let analysisMs = 0;
      for (const [name, pass] of Object.entries(passes)) {
        const start = performance.now();
        pass(context);
        const ms = performance.now() - start;
        analysisMs += ms;
        if (edit >= 0) record(`analysis: pass ${name}`, ms);
      }
      cache.finishRun();
      const analysis = shipped.analysisOf(context);
      let start = performance.now();
      structuredClone(analysis);
      const wholeCloneMs = performance.now() - start;
      start = performance.now();
      let received: Analysis;
      let settle = (): void => undefined;
      let kept = analysis;
      let offPathMs = 0;
      if (previous === undefined) {
        received = structuredClone(analysis);
      } else {
        const delta = shipped.diffAnalysis(previous.sent, previous.analysis, text, analysis);
        const applied = applyDeltaDeferred(previous.received, structuredClone(delta), ['findings']);
        received = applied.analysis;
        settle = applied.settle;
        const offPathStart = performance.now();
        kept = withUnchangedItemsOf(previous.analysis, analysis, delta);
        offPathMs = performance.now() - offPathStart;
      }
      const handOffMs = performance.now() - start - offPathMs;
      start = performance.now();
      const positions = positionAdapterFor(text);
      const lineIndexMs = performance.now() - start;
      const entry: CacheEntry = {
        serial: edit + 2,
        uri: 'file:///bench/breakdown.news',
        version: edit + 2,
        text,
        status: 'ok',
        sizeBytes: Buffer.byteLength(text),
        maxDocumentSize: Number.MAX_SAFE_INTEGER,
        failure: null,
        config,
        analysis: received,
        positions,
        derived: new Map(),
      };
      start = performance.now();
      const diagnostics = toDiagnostics(entry);
      const diagnosticsMs = performance.now() - start;
      start = performance.now();
      const message = JSON.stringify({
        jsonrpc: '2.0',
        method: 'textDocument/publishDiagnostics',
        params: { uri: entry.uri, version: entry.version, diagnostics },
      });
      const jsonMs = performance.now() - start;
      // Off the edit's path: the main thread rebuilds the other lists while the worker analyses.
      start = performance.now();
      settle();
      offPathMs += performance.now() - start;
      previous = { sent: text, analysis: kept, received };
      if (edit < 0) {
        process.stdout.write(
          `\n${formatNumber(Buffer.byteLength(text) / 1024, 0)} KB: ${analysis.entities.length} entities, ` +
            `${analysis.findings.length} findings, publishDiagnostics ${formatNumber(message.length / 1024, 0)} KB of JSON\n`,
        );
        continue;
      }
      record('analysis: all passes', analysisMs);
      record('hand-off (diff, clone, findings)', handOffMs);
      record('(off path: other lists, kept copy)', offPathMs);
      record('(before: clone of the whole Analysis)', wholeCloneMs);
      record('main: LineIndex', lineIndexMs);
      record('main: toDiagnostics', diagnosticsMs);
      record('main: JSON of publishDiagnostics', jsonMs);
      record('total of the parts (with the delta)', analysisMs + handOffMs + lineIndexMs + diagnosticsMs + jsonMs);
    }
    for (const [part, values] of samples) {
      process.stdout.write(
        `  ${part.padEnd(36)} median ${formatNumber(median(values), 2).padStart(9)}   min ${formatNumber(Math.min(...values), 2).padStart(9)}\n`,
      );
    }
  }
}

main();
