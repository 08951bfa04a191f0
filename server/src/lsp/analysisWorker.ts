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

export const WORKER_FLAG = 'newsClaimsAnalysisWorker';

/** How long one analysis may take before the worker is stopped; NEWS_CLAIMS_ANALYSIS_TIMEOUT_MS overrides it. */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 60_000;
const WORKER_HEAP_LIMIT_MB = 1536;

export type WorkerRequest =
  | { kind: 'analyse'; id: number; uri: string; text: string; config: NewsClaimsConfig }
  | { kind: 'forget'; uri: string };

export type WorkerResponse = { id: number; analysis: Analysis } | { id: number; error: string };

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
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ kind: 'analyse', id, uri, text, config } satisfies WorkerRequest);
    });
  }

  forget(uri: string): void {
    this.fallback?.forget(uri);
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
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_LIMIT_MB },
    });
    worker.on('message', (response: WorkerResponse) => {
      const pending = this.pending.get(response.id);
      if (pending === undefined) {
        return;
      }
      this.pending.delete(response.id);
      clearTimeout(pending.timer);
      if ('error' in response) {
        pending.reject(new Error(response.error));
      } else {
        pending.resolve(response.analysis);
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

  /** Ends the worker (if any) and fails everything still waiting on it; the next job starts a new one. */
  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
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
