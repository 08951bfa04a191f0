// The side of the analysis that runs the passes: the worker thread's message loop and the
// in-process runner. This module (and the analysis core it imports, with its name lists,
// gazetteers and chrono-node) is bundled on its own into dist/analysis-worker.js, so that the
// server's main thread never loads it just to answer `initialize` (see analysisWorker.ts).
import { parentPort } from 'node:worker_threads';
import type { Analysis, NewsClaimsConfig } from '../analysis';
import { IncrementalAnalyser } from '../analysis/incremental';
import { diffAnalysis, withUnchangedItemsOf } from './analysisDelta';
import type { AnalysisRunner, WorkerRequest, WorkerResponse } from './analysisWorker';
import { traceEdit } from './editTrace';

/** The same work on the calling thread; used where worker threads are unavailable. */
export class InProcessRunner implements AnalysisRunner {
  private readonly analysers = new Map<string, IncrementalAnalyser>();

  analyse(uri: string, text: string, config: NewsClaimsConfig): Promise<Analysis> {
    let analyser = this.analysers.get(uri);
    if (analyser === undefined) {
      analyser = new IncrementalAnalyser();
      this.analysers.set(uri, analyser);
    }
    try {
      return Promise.resolve(analyser.analyse(text, { config }));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  forget(uri: string): void {
    this.analysers.delete(uri);
  }

  dispose(): void {
    this.analysers.clear();
  }
}

/** What the worker last sent for a document: the delta of the next answer is made against it. */
interface SentAnalysis {
  sequence: number;
  text: string;
  analysis: Analysis;
}

/**
 * The worker side: answers analyse requests until the server terminates it. The first answer for
 * a document carries the whole Analysis; later ones only a delta against the answer before
 * (analysisDelta.ts), which the main thread applies to the copy it keeps. Both sides drop their
 * copy on 'forget' and after a failed run, so the next answer is whole again.
 */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (port === null) {
    throw new Error('runAnalysisWorker() must run inside a worker thread');
  }
  const analysers = new Map<string, IncrementalAnalyser>();
  const sent = new Map<string, SentAnalysis>();
  port.on('message', (request: WorkerRequest) => {
    traceEdit('w-received');
    if (request.kind === 'forget') {
      analysers.delete(request.uri);
      sent.delete(request.uri);
      return;
    }
    let analyser = analysers.get(request.uri);
    if (analyser === undefined) {
      analyser = new IncrementalAnalyser();
      analysers.set(request.uri, analyser);
    }
    let response: WorkerResponse;
    let keep: (() => void) | undefined;
    try {
      const analysis = analyser.analyse(request.text, { config: request.config });
      traceEdit('w-analysed');
      const previous = sent.get(request.uri);
      const sequence = (previous?.sequence ?? 0) + 1;
      if (previous === undefined) {
        response = { id: request.id, result: { kind: 'whole', sequence, analysis } };
        sent.set(request.uri, { sequence, text: request.text, analysis });
      } else {
        const delta = diffAnalysis(previous.text, previous.analysis, request.text, analysis);
        response = { id: request.id, result: { kind: 'delta', sequence, base: previous.sequence, delta } };
        // Made after the answer is posted: nobody waits for it.
        keep = () =>
          sent.set(request.uri, {
            sequence,
            text: request.text,
            analysis: withUnchangedItemsOf(previous.analysis, analysis, delta),
          });
      }
    } catch (error) {
      sent.delete(request.uri);
      response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    traceEdit('w-diffed');
    port.postMessage(response);
    traceEdit('w-posted');
    keep?.();
  });
}
