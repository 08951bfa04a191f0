// Small statistics and timing helpers shared by every benchmark section.

/** One mebibyte; all MB/s figures in the benchmark count UTF-8 bytes in units of 2^20. */
export const MEGABYTE = 1024 * 1024;

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/**
 * The nearest-rank percentile: the smallest sample with at least `percent`% of the samples at
 * or below it. Nearest-rank never invents a value that was not measured, which keeps p99 of a
 * few hundred samples honest.
 */
export function percentile(samples: readonly number[], percent: number): number {
  if (samples.length === 0) {
    throw new Error('percentile of no samples');
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/**
 * Collects garbage when node runs with --expose-gc. Called once before a section's warm-up, so
 * that one section does not inherit another's heap, and never right before a timed run: after a
 * forced full collection analyse() ran about three times slower for a while (on 12 fixture
 * articles, 8.4 ms per pass after gc() against 2.4 ms without, bundled, on this machine),
 * which no editor or CLI run ever pays, while the peers barely changed.
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
  }
}

/** Milliseconds taken by `work`. */
export function timeOnce(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/**
 * V8 keeps optimising hot functions for a while after the first runs, and on a busy machine its
 * compiler threads get little time; one warm-up run left the first measured size several times
 * slower than the later ones. Warm-up therefore lasts at least this long.
 */
export const MIN_WARMUP_MS = 2000;

export interface RepeatOptions {
  /** Runs before measuring, to let the JIT settle; repeated until MIN_WARMUP_MS has passed. */
  warmups: number;
  minRuns: number;
  maxRuns: number;
  /** Keep measuring (up to maxRuns) until this much time has been spent in measured runs. */
  minTotalMs: number;
  /**
   * Stop once this much time has been spent, even below minRuns (but after one run), so that a
   * slow analysis still lets the whole benchmark finish in minutes; the caller reports the count.
   */
  maxTotalMs: number;
}

/** Times `work` repeatedly and returns every measured run in milliseconds. */
export function timeRepeatedly(work: () => void, options: RepeatOptions): number[] {
  const warmupStart = performance.now();
  for (
    let warmup = 0;
    warmup < options.warmups || (options.warmups > 0 && performance.now() - warmupStart < MIN_WARMUP_MS);
    warmup++
  ) {
    work();
  }
  const samples: number[] = [];
  let total = 0;
  while (
    (samples.length < options.minRuns || (total < options.minTotalMs && samples.length < options.maxRuns)) &&
    !(samples.length > 0 && total >= options.maxTotalMs)
  ) {
    const sample = timeOnce(work);
    samples.push(sample);
    total += sample;
  }
  return samples;
}

export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  if (Math.abs(value) >= 1000) {
    return Math.round(value).toLocaleString('en-US');
  }
  return value.toFixed(digits);
}

export function formatBytes(bytes: number): string {
  if (bytes >= MEGABYTE) {
    return `${(bytes / MEGABYTE).toFixed(2)} MB`;
  }
  if (bytes >= 1024) {
    return `${(bytes / 1024).toFixed(1)} KB`;
  }
  return `${bytes} B`;
}

/** A small seeded generator (mulberry32), so that every run makes the same edits and articles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
