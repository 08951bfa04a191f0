// Scaling: one single document of growing size. The analysis must be linear in the length of
// the text, so the time per megabyte should stay flat from the smallest size to the largest.
import { concatenateToSize, type Corpus } from './corpus';
import type { Peer } from './peers';
import { MEGABYTE, median, timeRepeatedly } from './stats';

export interface ScalingPoint {
  label: string;
  bytes: number;
  medianMs: number;
  msPerMegabyte: number;
  runs: number;
}

export const SCALING_SIZES: ReadonlyArray<{ label: string; bytes: number }> = [
  { label: '64 KB', bytes: 64 * 1024 },
  { label: '1 MB', bytes: MEGABYTE },
  { label: '4 MB', bytes: 4 * MEGABYTE },
  { label: '16 MB', bytes: 16 * MEGABYTE },
];

let checksum = 0;
export function scalingChecksum(): number {
  return checksum;
}

/**
 * A size is skipped when the smaller sizes predict that one run of it would take longer than
 * this; the row then says so instead of holding the whole benchmark for minutes.
 */
const MAX_PROJECTED_RUN_MS = 120_000;

export function measureScaling(peer: Peer, corpus: Corpus): ScalingPoint[] {
  const points: ScalingPoint[] = [];
  for (const [index, { label, bytes: targetBytes }] of SCALING_SIZES.entries()) {
    const text = concatenateToSize(corpus, targetBytes);
    const bytes = Buffer.byteLength(text);
    const previous = points[points.length - 1];
    // Projects from the worst time per MB so far, since the point is to catch growth.
    const worstMsPerMegabyte = Math.max(0, ...points.map((point) => point.msPerMegabyte));
    if (previous && (worstMsPerMegabyte * bytes) / MEGABYTE > MAX_PROJECTED_RUN_MS) {
      points.push({ label, bytes, medianMs: Number.NaN, msPerMegabyte: Number.NaN, runs: 0 });
      continue;
    }
    const samples = timeRepeatedly(
      () => {
        checksum += peer.analyseOne(text);
      },
      // Small documents repeat until a second has been measured; large ones run three times
      // unless that would take more than 20 s. Only the first size warms up: the JIT is warm after it.
      { warmups: index === 0 ? 1 : 0, minRuns: 3, maxRuns: 200, minTotalMs: 1000, maxTotalMs: 20_000 },
    );
    const medianMs = median(samples);
    points.push({ label, bytes, medianMs, msPerMegabyte: medianMs / (bytes / MEGABYTE), runs: samples.length });
  }
  return points;
}
