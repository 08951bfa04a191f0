// Throughput: one document per call on one core, every peer on the same input, interleaved
// round by round so that a noisy neighbour slows all peers alike and the ratios hold.
import type { Corpus } from './corpus';
import type { Peer } from './peers';
import { collectGarbage, MEGABYTE, median, MIN_WARMUP_MS, timeOnce } from './stats';

export interface ThroughputEntry {
  peer: Peer;
  corpus: Corpus;
  /** Said in the row when the peer ran on less than the whole corpus. */
  inputNote: string;
}

export interface ThroughputResult extends ThroughputEntry {
  /** Median milliseconds for one pass over the input. */
  medianMs: number;
  megabytesPerSecond: number;
  tokensPerSecond: number;
  runs: number;
  /** Passes over the input inside one timed run, so that tiny inputs are timed over ≥ ~50 ms. */
  passesPerRun: number;
}

/** Keeps the peers' results reachable so that no call can be optimised away. */
let checksum = 0;
export function throughputChecksum(): number {
  return checksum;
}

function runOnce(entry: ThroughputEntry, passes: number): void {
  for (let pass = 0; pass < passes; pass++) {
    for (const document of entry.corpus.documents) {
      checksum += entry.peer.analyseOne(document.text);
    }
  }
}

/** A timed run should last at least this long, so that timer resolution and GC pauses stay small against it. */
const MIN_RUN_MS = 50;

export function measureThroughput(entries: ThroughputEntry[], rounds: number): ThroughputResult[] {
  collectGarbage();
  const passesPerRun = entries.map((entry) => {
    // Warm up for at least MIN_WARMUP_MS (see there); the last warm-up run is the one that
    // tells how many passes a timed run needs.
    const warmupStart = performance.now();
    let warmupMs = timeOnce(() => runOnce(entry, 1));
    while (performance.now() - warmupStart < MIN_WARMUP_MS) {
      warmupMs = timeOnce(() => runOnce(entry, 1));
    }
    return warmupMs >= MIN_RUN_MS ? 1 : Math.ceil(MIN_RUN_MS / Math.max(warmupMs, 0.01));
  });
  const samples: number[][] = entries.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // Rotating the order keeps any one peer from always running right after the heaviest one.
    for (let step = 0; step < entries.length; step++) {
      const index = (round + step) % entries.length;
      const entry = entries[index] as ThroughputEntry;
      const passes = passesPerRun[index] ?? 1;
      samples[index]?.push(timeOnce(() => runOnce(entry, passes)) / passes);
    }
  }
  return entries.map((entry, index) => {
    const medianMs = median(samples[index] ?? []);
    const seconds = medianMs / 1000;
    return {
      ...entry,
      medianMs,
      megabytesPerSecond: entry.corpus.bytes / MEGABYTE / seconds,
      tokensPerSecond: entry.corpus.tokens / seconds,
      runs: rounds,
      passesPerRun: passesPerRun[index] ?? 1,
    };
  });
}
