// Runs the analysis off the server's main thread. The language server stays free to answer
// requests, take new edits and cancel while a long article is analysed, and an analysis that
// runs away (a pass stuck on hostile input) is stopped by terminating the worker instead of
// hanging the whole server. The worker is its own bundle (dist/analysis-worker.js, built from
// analysisWorkerEntry.ts and analysisHost.ts) started with `workerData.newsClaimsAnalysisWorker`;
// it keeps one IncrementalAnalyser per document.
//
// This module is the main thread's side and imports only types from the analysis: loading the
// analysis core (name lists, gazetteers, chrono-node) took most of the server's start-up, and the
// main thread never runs it unless worker threads are unavailable.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Analysis, NewsClaimsConfig } from '../analysis';
import { applyDeltaDeferred, type AnalysisDelta } from './analysisDelta';
import { traceEdit } from './editTrace';

export const WORKER_FLAG = 'newsClaimsAnalysisWorker';

/** How long one analysis may take before the worker is stopped; NEWS_CLAIMS_ANALYSIS_TIMEOUT_MS overrides it. */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 60_000;
const WORKER_HEAP_LIMIT_MB = 1536;
/**
 * The worker's young generation (two semi-spaces and the space for new large objects). Each edit
 * of a 100 KB article allocates a few megabytes, most of it garbage by the next edit. With V8's
 * default for this heap limit, 300 edits at 100 KB ran about 60 scavenges (over 200 ms in all,
 * up to 11 ms each, in the middle of an edit); with 96 MB, about 32 of shorter total time. But
 * 96 MB stays committed once a long run has used it: indexing 10,000 articles peaked at 406 MB
 * RSS against 368 MB with 48 MB and 363 MB with the default, over the 400 MB target. Edit to
 * diagnostics at 100 KB, builds interleaved edit by edit (`scripts/bench/latency-ab.ts`): 48 MB
 * against 96 MB a median paired ratio of 1.03 (within this machine's noise), against the default
 * 0.97 (p95 33.1 ms against 34.9).
 */
const WORKER_YOUNG_GENERATION_MB = 48;

/** What publishing an edit's diagnostics reads of its Analysis (toDiagnostics in diagnostics.ts). */
const LISTS_FOR_DIAGNOSTICS: readonly string[] = ['findings'];

/**
 * How long after an answer its deferred lists are rebuilt at the latest, when no read and no next
 * edit has done it first: well after the edit's diagnostics are on their way (writing those of a
 * 2 MB article took about 170 ms), so that the rebuild does not hold up their last chunks.
 */
const SETTLE_WHEN_IDLE_MS = 1000;

export type WorkerRequest =
  | { kind: 'analyse'; id: number; uri: string; text: string; config: NewsClaimsConfig }
  | { kind: 'forget'; uri: string };

/**
 * A finished run: the whole Analysis for a document's first run, then a delta against the
 * previous result (analysisDelta.ts). `sequence` counts the worker's answers per document.
 */
export type WorkerResult =
  | { kind: 'whole'; sequence: number; analysis: Analysis }
  | { kind: 'delta'; sequence: number; base: number; delta: AnalysisDelta };

export type WorkerResponse = { id: number; result: WorkerResult } | { id: number; error: string };

/**
 * The answer to a run that was sent before its document was forgotten (closed), when it came as a
 * delta against a result that is gone. Nobody waits for it: the cache drops results of closed
 * documents. It is not a failure of the analysis and is not logged as one.
 */
export class AnalysisSupersededError extends Error {
  constructor(uri: string) {
    super(`the analysis of ${uri} was superseded: the document was closed while it ran`);
  }
}

export class AnalysisTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the analysis took longer than ${timeoutMs} ms and was stopped`);
  }
}

/** What the cache needs from whoever runs the analysis. */
export interface AnalysisRunner {
  analyse(uri: string, text: string, config: NewsClaimsConfig): Promise<Analysis>;
  forget(uri: string): void;
  dispose(): void;
}

/** Loads the in-process runner from the worker bundle, so the analysis loads only when it is needed. */
export function loadInProcessRunner(workerScriptPath: string): AnalysisRunner {
  const workerBundle = createRequire(__filename)(workerScriptPath) as {
    InProcessRunner: new () => AnalysisRunner;
  };
  return new workerBundle.InProcessRunner();
}

interface Pending {
  uri: string;
  /** Set when the document was forgotten after the job was sent: its answer is not kept. */
  forgotten: boolean;
  resolve: (analysis: Analysis) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One worker thread, started on first use and again after it was stopped or died. Jobs run one at
 * a time in the worker, in the order they were sent.
 */
export class WorkerRunner implements AnalysisRunner {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  /**
   * The last result per document, as the worker's next delta expects it, and what rebuilds the
   * lists of it that were left to rebuild later (see `receive`).
   */
  private readonly received = new Map<string, { sequence: number; analysis: Analysis; settle?: () => void }>();
  private nextId = 1;
  /** Set when worker threads cannot be started here; the analysis then runs in process. */
  private fallback: AnalysisRunner | undefined;

  constructor(
    private readonly scriptPath: string,
    private readonly timeoutMs: number,
    private readonly log: (message: string) => void,
  ) {}

  analyse(uri: string, text: string, config: NewsClaimsConfig): Promise<Analysis> {
    if (this.fallback !== undefined) {
      return this.fallback.analyse(uri, text, config);
    }
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (error) {
      this.log(
        `News Claims: could not start the analysis worker (${error instanceof Error ? error.message : String(error)}); analysing on the main thread.`,
      );
      this.fallback = loadInProcessRunner(this.scriptPath);
      return this.fallback.analyse(uri, text, config);
    }
    const id = this.nextId++;
    return new Promise<Analysis>((resolve, reject) => {
      // The clock runs from sending, so a job queued behind a slow one shares its budget; a
      // stuck worker is stopped either way and every job still waiting on it fails.
      const timer = setTimeout(() => this.stop(new AnalysisTimeoutError(this.timeoutMs)), this.timeoutMs);
      this.pending.set(id, { uri, forgotten: false, resolve, reject, timer });
      traceEdit('post');
      worker.postMessage({ kind: 'analyse', id, uri, text, config } satisfies WorkerRequest);
      traceEdit('posted');
      // While the worker analyses, the previous result's deferred lists are rebuilt here, so that
      // applying the next delta (which reads them all) does not have to.
      this.received.get(uri)?.settle?.();
    });
  }

  forget(uri: string): void {
    this.fallback?.forget(uri);
    this.received.delete(uri);
    for (const job of this.pending.values()) {
      if (job.uri === uri) job.forgotten = true;
    }
    this.worker?.postMessage({ kind: 'forget', uri } satisfies WorkerRequest);
  }

  dispose(): void {
    this.fallback?.dispose();
    this.stop(new Error('the analysis worker was shut down'));
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) {
      return this.worker;
    }
    const worker = new Worker(this.scriptPath, {
      workerData: { [WORKER_FLAG]: true },
      stdout: false,
      stderr: false,
      // With its own heap limit, a worker that runs out of memory ends alone (ERR_WORKER_OUT_OF_MEMORY)
      // instead of taking the whole server down. A 4 MB article peaks at a few hundred MB.
      resourceLimits: {
        maxOldGenerationSizeMb: WORKER_HEAP_LIMIT_MB,
        maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
      },
    });
    worker.on('message', (response: WorkerResponse) => {
      traceEdit('main-received');
      const pending = this.pending.get(response.id);
      if (pending === undefined) {
        return;
      }
      this.pending.delete(response.id);
      clearTimeout(pending.timer);
      if ('error' in response) {
        // The worker dropped its copy of this document's last result; so does this side.
        this.received.delete(pending.uri);
        pending.reject(new Error(response.error));
        return;
      }
      try {
        pending.resolve(this.receive(worker, pending, response.result));
      } catch (error) {
        pending.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.on('error', (error) => {
      this.log(`News Claims: the analysis worker failed: ${error.stack ?? error.message}`);
      if (this.worker === worker) {
        this.stop(error);
      }
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.stop(new Error(`the analysis worker exited with code ${code}`));
      }
    });
    // The worker must not keep the server alive after the connection ends.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /**
   * The Analysis of a finished job: the whole one, or the previous result with the delta applied.
   * Results of jobs sent before their document was forgotten are handed back but not kept.
   */
  private receive(worker: Worker, pending: Pending, result: WorkerResult): Analysis {
    if (result.kind === 'whole') {
      if (!pending.forgotten) {
        this.received.set(pending.uri, { sequence: result.sequence, analysis: result.analysis });
      }
      return result.analysis;
    }
    if (pending.forgotten) {
      throw new AnalysisSupersededError(pending.uri);
    }
    const previous = this.received.get(pending.uri);
    try {
      if (previous?.sequence !== result.base) {
        throw new Error(
          `the analysis worker sent a delta against result ${result.base} of ${pending.uri}, but this side has ${previous?.sequence ?? 'none'}`,
        );
      }
      // The diagnostics of the edit need the findings only; the other lists are rebuilt when first
      // read, or while the worker runs the next job (see `analyse`), or when typing has paused:
      // until then they hold on to the previous result, a second copy of a long article's results.
      const { analysis, settle } = applyDeltaDeferred(previous.analysis, result.delta, LISTS_FOR_DIAGNOSTICS);
      traceEdit('delta-applied');
      this.received.set(pending.uri, { sequence: result.sequence, analysis, settle });
      // The timer names the result by its sequence instead of holding `settle`, which holds the
      // whole Analysis: a timer per edit would keep every result of the last second alive while
      // the writer types, and rebuild the lists of one that the next edit, a close or a stop
      // has already let go.
      const { uri } = pending;
      const { sequence } = result;
      setTimeout(() => {
        const kept = this.received.get(uri);
        if (kept?.sequence === sequence) kept.settle?.();
      }, SETTLE_WHEN_IDLE_MS).unref();
      return analysis;
    } catch (error) {
      // Never expected (both sides move in message order); if it happens, both start over whole.
      this.received.delete(pending.uri);
      worker.postMessage({ kind: 'forget', uri: pending.uri } satisfies WorkerRequest);
      throw error;
    }
  }

  /** Ends the worker (if any) and fails everything still waiting on it; the next job starts a new one. */
  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    // A new worker knows no earlier results, so its first answer per document is whole.
    this.received.clear();
    if (worker !== undefined) {
      void worker.terminate();
    }
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const job of pending) {
      clearTimeout(job.timer);
      job.reject(reason);
    }
  }
}

export function analysisTimeoutFromEnvironment(environment: NodeJS.ProcessEnv): number {
  const raw = environment.NEWS_CLAIMS_ANALYSIS_TIMEOUT_MS;
  const parsed = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : DEFAULT_ANALYSIS_TIMEOUT_MS;
}
