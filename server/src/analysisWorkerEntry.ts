// The entry point of dist/analysis-worker.js: the analysis core and its worker loop, bundled
// apart from the language server so that the server's main thread starts without loading them.
// Started as a worker thread (with `workerData.newsClaimsAnalysisWorker`), it serves analysis
// requests; required on the main thread, it only exports the in-process runner, for when worker
// threads cannot start or NEWS_CLAIMS_IN_PROCESS=1 asks for it.
import { isMainThread, workerData } from 'node:worker_threads';
import { WORKER_FLAG } from './lsp/analysisWorker';
import { InProcessRunner, runAnalysisWorker } from './lsp/analysisHost';

export { InProcessRunner };

if (!isMainThread && typeof workerData === 'object' && workerData !== null && WORKER_FLAG in workerData) {
  runAnalysisWorker();
}
