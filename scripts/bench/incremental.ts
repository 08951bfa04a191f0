// In-process re-analysis after an edit: IncrementalAnalyser against a fresh analyse() of the
// same text, on the same edits. This isolates what the paragraph cache saves from what the
// language server adds around it (JSON-RPC, the worker hand-off, converting to diagnostics).
import type { Corpus } from './corpus';
import { documentOfSize } from './latency';
import { shippedAnalysis } from './shipped';
import { collectGarbage, seededRandom } from './stats';

export interface IncrementalRow {
  size: string;
  bytes: number;
  incrementalMs: number[];
  fullMs: number[];
  /**
   * The first run of a fresh IncrementalAnalyser on the document (opening it: every paragraph
   * missed), against a one-off analyse() of the same text, one pair per try, interleaved.
   */
  firstRunMs: number[];
  firstFullMs: number[];
  /** Share of paragraph lookups the cache answered, over all edits. */
  hitRate: number;
}

const SIZES = [
  { label: '100 KB', bytes: 100 * 1024, edits: 60 },
  { label: '2 MB', bytes: 2 * 1024 * 1024, edits: 10 },
];

/** How many fresh analysers time their first run per size. */
const FIRST_RUNS = 5;

/** A row stops after this long once it has five edits, so a slow analysis cannot hold the run. */
const ROW_BUDGET_MS = 30_000;

/** Inserts a word at a pseudo-random word start, or removes the one inserted by the call before. */
function* edits(initial: string, seed: number): Generator<string> {
  const random = seededRandom(seed);
  const text = initial;
  for (;;) {
    const space = text.indexOf(' ', Math.floor(random() * text.length));
    const at = space < 0 ? 0 : space + 1;
    const typed = text.slice(0, at) + 'newly ' + text.slice(at);
    yield typed;
    yield text;
  }
}

export function measureIncremental(corpus: Corpus): IncrementalRow[] {
  // Both sides run the shipped bundle (shipped.ts), as the language server's worker does.
  const { analyse, IncrementalAnalyser } = shippedAnalysis();
  return SIZES.map(({ label, bytes, edits: count }) => {
    const initial = documentOfSize(corpus, bytes);
    collectGarbage();
    // The cache costs something when it is empty: windows overlap and every result is stored.
    const firstRunMs: number[] = [];
    const firstFullMs: number[] = [];
    for (let run = 0; run < FIRST_RUNS; run++) {
      let start = performance.now();
      new IncrementalAnalyser().analyse(initial);
      firstRunMs.push(performance.now() - start);
      start = performance.now();
      analyse(initial);
      firstFullMs.push(performance.now() - start);
    }
    collectGarbage();
    const analyser = new IncrementalAnalyser();
    analyser.analyse(initial);
    const incrementalMs: number[] = [];
    const fullMs: number[] = [];
    let hits = 0;
    let lookups = 0;
    const sequence = edits(initial, 3);
    const started = performance.now();
    for (let edit = 0; edit < count; edit++) {
      const text = sequence.next().value as string;
      let start = performance.now();
      analyser.analyse(text);
      incrementalMs.push(performance.now() - start);
      hits += analyser.stats.hits;
      lookups += analyser.stats.hits + analyser.stats.misses;
      start = performance.now();
      analyse(text);
      fullMs.push(performance.now() - start);
      if (edit >= 4 && performance.now() - started > ROW_BUDGET_MS) {
        break;
      }
    }
    return {
      size: label,
      bytes: Buffer.byteLength(initial),
      incrementalMs,
      fullMs,
      firstRunMs,
      firstFullMs,
      hitRate: lookups === 0 ? 0 : hits / lookups,
    };
  });
}
