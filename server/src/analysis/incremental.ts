// Incremental analysis for the editor: re-analysing a document after a keystroke should redo the
// paragraph-local work only for the paragraphs that changed. Each pass computes what it can from
// one paragraph's text alone (sentence splits, tokens, entity candidates, figures …) through
// `perParagraph()`, keyed by that text; the document-level stitch that follows (offsets, quote
// chains, attribution context, findings) always runs in full, so the result is exactly what
// `analyse()` returns for the same text. A property test holds the two equal.
//
// Paragraphs are cached by content, not by position, so that an edit that shifts every later
// paragraph (typing a character near the top) still reuses all of them.
import type { AnalysisContext, AnalysisOptions } from './context';
import { analyse } from './index';
import type { Analysis } from './types';

/** How the cache did on its last run, for tests and the benchmark. */
export interface ParagraphCacheStats {
  hits: number;
  misses: number;
  /** Entries kept for the next run: those the last run used. */
  entries: number;
}

/**
 * Per-paragraph results keyed by the kind of result and the paragraph's text.
 *
 * Bounded by the document rather than by a tuned size: a run keeps exactly the entries it used
 * and drops the rest when it ends, so the cache never holds more than one version of the
 * document's paragraphs (plus those of the run in progress). An LRU with a fixed capacity would
 * either be too small for a long document (and miss on every paragraph) or hold dead paragraphs
 * of old versions for a short one.
 */
export class ParagraphCache {
  /** Entries the previous run used; a run moves what it reuses from here into `current`. */
  private previous = new Map<string, Map<string, unknown>>();
  private current = new Map<string, Map<string, unknown>>();
  private hits = 0;
  private misses = 0;
  private lastStats: ParagraphCacheStats = { hits: 0, misses: 0, entries: 0 };

  /**
   * The cached value of `compute(paragraphText)`, or a fresh one. `compute` must be a pure
   * function of the paragraph's text (and of the configuration, which `IncrementalAnalyser`
   * handles by starting a new cache when it changes), and its result must never be mutated by
   * the caller, because the next run gets the very same object back.
   */
  get<T>(kind: string, paragraphText: string, compute: (paragraphText: string) => T): T {
    let currentKind = this.current.get(kind);
    if (currentKind === undefined) {
      currentKind = new Map();
      this.current.set(kind, currentKind);
    }
    if (currentKind.has(paragraphText)) {
      this.hits++;
      return currentKind.get(paragraphText) as T;
    }
    const previousKind = this.previous.get(kind);
    if (previousKind?.has(paragraphText)) {
      this.hits++;
      const value = previousKind.get(paragraphText) as T;
      currentKind.set(paragraphText, value);
      return value;
    }
    this.misses++;
    const value = compute(paragraphText);
    currentKind.set(paragraphText, value);
    return value;
  }

  /** Ends a run: what it did not use is dropped. */
  finishRun(): ParagraphCacheStats {
    let entries = 0;
    for (const kind of this.current.values()) {
      entries += kind.size;
    }
    this.lastStats = { hits: this.hits, misses: this.misses, entries };
    this.previous = this.current;
    this.current = new Map();
    this.hits = 0;
    this.misses = 0;
    return this.lastStats;
  }

  /** Drops everything, e.g. after a run that failed half-way. */
  clear(): void {
    this.previous = new Map();
    this.current = new Map();
    this.hits = 0;
    this.misses = 0;
  }

  get stats(): ParagraphCacheStats {
    return this.lastStats;
  }
}

/**
 * What a pass calls for paragraph-local work: `compute(paragraphText)` through the run's cache
 * when there is one (an `IncrementalAnalyser` run), and directly when there is none (a plain
 * `analyse()`), so the pass reads the same either way.
 */
export function perParagraph<T>(
  context: AnalysisContext,
  kind: string,
  paragraphText: string,
  compute: (paragraphText: string) => T,
): T {
  const cache = context.paragraphCache;
  return cache === undefined ? compute(paragraphText) : cache.get(kind, paragraphText, compute);
}

/**
 * A stable key for the options a cache's contents depend on. Object keys are sorted so that two
 * equal configurations built in a different order share a cache.
 */
function optionsKey(options: AnalysisOptions): string {
  return JSON.stringify({ articleDate: options.articleDate ?? null, config: options.config ?? {} }, (_key, value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : (value as unknown),
  );
}

/**
 * One per open document. `analyse(text, options)` returns exactly what `analyse()` from
 * `./index` returns, reusing the per-paragraph work of the previous call on this document.
 */
export class IncrementalAnalyser {
  private readonly cache = new ParagraphCache();
  private cachedOptionsKey: string | undefined;

  analyse(text: string, options: AnalysisOptions = {}): Analysis {
    const key = optionsKey(options);
    if (key !== this.cachedOptionsKey) {
      // Paragraph results may depend on the configuration (extra people, aliases), so a new
      // configuration starts from an empty cache.
      this.cache.clear();
      this.cachedOptionsKey = key;
    }
    try {
      const analysis = analyse(text, { ...options, paragraphCache: this.cache });
      this.cache.finishRun();
      return analysis;
    } catch (error) {
      // A run that threw may have cached a half-built value; start clean next time.
      this.cache.clear();
      throw error;
    }
  }

  /** Hits, misses and kept entries of the last run. */
  get stats(): ParagraphCacheStats {
    return this.cache.stats;
  }
}
