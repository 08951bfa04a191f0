// The News Claims language server. Editors start it as `node dist/server.js --stdio` (Neovim,
// Helix) or over IPC (the VS Code client); `createConnection` picks the transport from argv.
// The same bundle also runs as the analysis worker thread, told apart by its workerData.
import { isMainThread, workerData } from 'node:worker_threads';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import {
  InProcessRunner,
  WORKER_FLAG,
  WorkerRunner,
  analysisTimeoutFromEnvironment,
  runAnalysisWorker,
} from './lsp/analysisWorker';
import { describeError } from './lsp/documents';
import { startLanguageServer } from './lsp/languageServer';

function isAnalysisWorker(): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && WORKER_FLAG in workerData;
}

if (isAnalysisWorker()) {
  runAnalysisWorker();
} else {
  const connection = createConnection(ProposedFeatures.all);

  // A bug in one handler must not end the session: log it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`News Claims: uncaught ${describeError(error)}`));
  process.on('unhandledRejection', (reason) =>
    connection.console.error(`News Claims: unhandled rejection ${describeError(reason)}`),
  );

  startLanguageServer(connection, {
    // NEWS_CLAIMS_IN_PROCESS=1 analyses on the main thread, e.g. to profile the analysis.
    createRunner: (log) =>
      process.env.NEWS_CLAIMS_IN_PROCESS === '1'
        ? new InProcessRunner()
        : new WorkerRunner(__filename, analysisTimeoutFromEnvironment(process.env), log),
  });
}
