// An opt-in trace of the server's path from an edit to its diagnostics, for finding where the
// latency goes (scripts/bench/edit-trace.ts reads it). With NEWS_CLAIMS_TRACE_EDITS=1 in the
// environment, each stage writes one line `news-claims-trace <stage> <time>` to stderr, where the
// time is milliseconds since the epoch with sub-millisecond precision, so that marks from the
// main thread, the analysis worker and the benchmark's own process can be put on one time line.
// Without the variable every mark is a single boolean test.
import { performance } from 'node:perf_hooks';

export const EDIT_TRACE_VARIABLE = 'NEWS_CLAIMS_TRACE_EDITS';
export const EDIT_TRACE_PREFIX = 'news-claims-trace';

const enabled = process.env[EDIT_TRACE_VARIABLE] === '1';

/** The current time on the clock every thread and process shares, in milliseconds. */
export function sharedClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Records that the edit path reached `stage`; a no-op unless tracing is on. */
export function traceEdit(stage: string): void {
  if (enabled) {
    process.stderr.write(`${EDIT_TRACE_PREFIX} ${stage} ${sharedClockMs().toFixed(3)}\n`);
  }
}
