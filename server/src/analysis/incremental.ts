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

/** A cached value, the text it is keyed by and the run that last used it. */
interface CacheEntry {
  key: string;
  value: unknown;
  run: number;
}

/**
 * The entries of one kind of result. Every entry is in both maps: `byFingerprint` finds it from a
 * few characters of its key (see `fingerprintOf`) and a string comparison, and `byText` by the
 * whole key, for fingerprints that many keys share.
 */
interface KindEntries {
  byFingerprint: Map<number, CacheEntry[]>;
  byText: Map<string, CacheEntry>;
}

/** Beyond this many keys with one fingerprint, a lookup asks `byText` instead of comparing each. */
const MAX_SCANNED_PER_FINGERPRINT = 8;

/**
 * A number from a text's length and five of its characters, to look a paragraph up without
 * hashing all of it. A Map keyed by the paragraph text hashes the key on every lookup, and every
 * lookup has a fresh slice of the document whose hash V8 has not computed yet: some 2,500
 * lookups per edit at 100 KB (each pass, each paragraph) cost about a millisecond, against
 * 0.4 ms for this and one comparison with the cached key. A fingerprint only narrows the
 * search: the key is always compared in full, so two paragraphs that share one are told apart.
 */
function fingerprintOf(text: string): number {
  const length = text.length;
  let fingerprint = length;
  if (length > 0) {
    fingerprint = (Math.imul(fingerprint, 31) + text.charCodeAt(0)) | 0;
    fingerprint = (Math.imul(fingerprint, 31) + text.charCodeAt(length >> 2)) | 0;
    fingerprint = (Math.imul(fingerprint, 31) + text.charCodeAt(length >> 1)) | 0;
    fingerprint = (Math.imul(fingerprint, 31) + text.charCodeAt((3 * length) >> 2)) | 0;
    fingerprint = (Math.imul(fingerprint, 31) + text.charCodeAt(length - 1)) | 0;
  }
  return fingerprint;
}

/**
 * Per-paragraph results keyed by the kind of result and the paragraph's text.
 *
 * Bounded by the document rather than by a tuned size: a run keeps exactly the entries it used
 * and drops the rest when it ends, so between runs the cache holds one version of the
 * document's paragraphs (during a run, also the new paragraphs that run has met). An LRU with
 * a fixed capacity would either be too small for a long document (and miss on every paragraph)
 * or hold dead paragraphs of old versions for a short one.
 */
export class ParagraphCache {
  /** Per kind of result, entries by paragraph text. */
  private readonly kinds = new Map<string, KindEntries>();
  /** Counts runs; an entry stamped with an older run was not used by the current one. */
  private run = 0;
  private hits = 0;
  private misses = 0;
  private lastStats: ParagraphCacheStats = { hits: 0, misses: 0, entries: 0 };
  /**
   * The copies this run made of the texts it missed on, so that the kinds keyed by the same
   * paragraph text share one copy (on a document's first run every kind misses on every
   * paragraph). Emptied when the run ends.
   */
  private readonly copies = new Map<string, string>();

  /**
   * The cached value of `compute(paragraphText)`, or a fresh one. `compute` must be a pure
   * function of the paragraph's text (and of the configuration, which `IncrementalAnalyser`
   * handles by starting a new cache when it changes), and its result must never be mutated by
   * the caller, because the next run gets the very same object back. A hit only restamps its
   * entry.
   */
  get<T>(kind: string, paragraphText: string, compute: (paragraphText: string) => T): T {
    const entries = this.entriesOf(kind);
    const fingerprint = fingerprintOf(paragraphText);
    const entry = this.find(entries, fingerprint, paragraphText);
    if (entry !== undefined) {
      this.hits++;
      entry.run = this.run;
      return entry.value as T;
    }
    this.misses++;
    // The key and what `compute` makes of it are copies: a slice of the document would keep
    // the whole document text alive for as long as the entry lives, one old version per
    // edited paragraph (see `ownCopy()`).
    const ownText = this.copyOf(paragraphText);
    const value = compute(ownText);
    this.add(entries, fingerprint, { key: ownText, value, run: this.run });
    return value;
  }

  /**
   * Like `get()`, for paragraph work that also reads text around its paragraph (pass 5's cue
   * model looks at a few words of the neighbouring paragraphs). `key` holds the paragraph's own
   * inputs; `fits(value)` says whether a cached value's surroundings are this run's. A key keeps
   * up to `MAX_VARIANTS` values, so that a paragraph repeated in several places ("Advertisement")
   * is not recomputed on every run.
   */
  getFitting<T>(kind: string, key: string, fits: (value: T) => boolean, compute: () => T): T {
    const entries = this.entriesOf(kind);
    const fingerprint = fingerprintOf(key);
    const entry = this.find(entries, fingerprint, key);
    if (entry !== undefined) {
      const variants = entry.value as T[];
      entry.run = this.run;
      for (const variant of variants) {
        if (fits(variant)) {
          this.hits++;
          return variant;
        }
      }
      this.misses++;
      const value = compute();
      variants.push(value);
      if (variants.length > MAX_VARIANTS) variants.shift();
      return value;
    }
    this.misses++;
    const value = compute();
    this.add(entries, fingerprint, { key: this.copyOf(key), value: [value], run: this.run });
    return value;
  }

  private entriesOf(kind: string): KindEntries {
    let entries = this.kinds.get(kind);
    if (entries === undefined) {
      entries = { byFingerprint: new Map(), byText: new Map() };
      this.kinds.set(kind, entries);
    }
    return entries;
  }

  private find(entries: KindEntries, fingerprint: number, key: string): CacheEntry | undefined {
    const sharing = entries.byFingerprint.get(fingerprint);
    if (sharing === undefined) return undefined;
    if (sharing.length > MAX_SCANNED_PER_FINGERPRINT) return entries.byText.get(key);
    for (const entry of sharing) {
      if (entry.key === key) return entry;
    }
    return undefined;
  }

  private add(entries: KindEntries, fingerprint: number, entry: CacheEntry): void {
    const sharing = entries.byFingerprint.get(fingerprint);
    if (sharing === undefined) entries.byFingerprint.set(fingerprint, [entry]);
    else sharing.push(entry);
    entries.byText.set(entry.key, entry);
  }

  /** A copy of `text` that shares no memory with the document (see `ownCopy()`), one per text and run. */
  private copyOf(text: string): string {
    let copy = this.copies.get(text);
    if (copy === undefined) {
      copy = ownCopy(text);
      this.copies.set(copy, copy);
    }
    return copy;
  }

  /** Ends a run: what it did not use is dropped. */
  finishRun(): ParagraphCacheStats {
    this.copies.clear();
    let kept = 0;
    const run = this.run;
    // forEach, not `for (const [key, entry] of …)`: the iterator made a [key, value] array per
    // entry, some 150 KB of garbage per run at 100 KB. Deleting the entry being visited is
    // allowed during forEach, as during for…of.
    for (const { byFingerprint, byText } of this.kinds.values()) {
      byText.forEach((entry, key) => {
        if (entry.run === run) {
          kept++;
        } else {
          byText.delete(key);
        }
      });
      byFingerprint.forEach((sharing, fingerprint) => {
        let used = 0;
        for (const entry of sharing) {
          if (entry.run === run) sharing[used++] = entry;
        }
        if (used === 0) byFingerprint.delete(fingerprint);
        else if (used !== sharing.length) sharing.length = used;
      });
    }
    this.lastStats = { hits: this.hits, misses: this.misses, entries: kept };
    this.run++;
    this.hits = 0;
    this.misses = 0;
    return this.lastStats;
  }

  /** Drops everything, e.g. after a run that failed half-way. */
  clear(): void {
    this.copies.clear();
    this.kinds.clear();
    this.hits = 0;
    this.misses = 0;
  }

  get stats(): ParagraphCacheStats {
    return this.lastStats;
  }
}

/** How many values `ParagraphCache.getFitting()` keeps for one key. */
const MAX_VARIANTS = 4;

/**
 * A copy of `text` that shares no memory with the string it was sliced from. V8 represents a
 * slice of a long string as a pointer into it, which keeps the whole string alive: with slices
 * as keys, an analyser that had seen 40 one-word edits at different places in a 2 MB document
 * held 206 MB, one old version of the document per edit; with copies it holds 64 MB, pass 5's
 * entries included. Concatenating flattens the text into a new string, and the slice after it
 * points into that. A JSON round trip gives a flat copy that reads faster, but it made the first
 * run at 2 MB slower (pass 5: 261 → 369 ms CPU).
 */
export function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * What a pass calls for paragraph-local work that also reads text around the paragraph (see
 * `ParagraphCache.getFitting()`); without a cache it just computes.
 */
export function perParagraphFitting<T>(
  context: AnalysisContext,
  kind: string,
  key: string,
  fits: (value: T) => boolean,
  compute: () => T,
): T {
  const cache = context.paragraphCache;
  return cache === undefined ? compute() : cache.getFitting(kind, key, fits, compute);
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
  private cachedOptionsKey: string | undefined;

  /** `cache` is for tests that watch what a run recomputes; by default the analyser has its own. */
  constructor(private readonly cache: ParagraphCache = new ParagraphCache()) {}

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
