// The News Claims language server. Editors start it as `node dist/server.js --stdio` (Neovim,
// Helix) or over IPC (the VS Code client); `createConnection` picks the transport from argv.
// The analysis runs in a worker thread from its own bundle, dist/analysis-worker.js, next to this
// one; this bundle holds only the LSP layer, so that it loads and answers `initialize` quickly.
import * as path from 'node:path';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { WorkerRunner, analysisTimeoutFromEnvironment, loadInProcessRunner } from './lsp/analysisWorker';
import { describeError } from './lsp/documents';
import { startLanguageServer } from './lsp/languageServer';

/** The analysis bundle esbuild.mjs writes next to dist/server.js. */
const ANALYSIS_WORKER_SCRIPT = path.join(__dirname, 'analysis-worker.js');

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
      ? loadInProcessRunner(ANALYSIS_WORKER_SCRIPT)
      : new WorkerRunner(ANALYSIS_WORKER_SCRIPT, analysisTimeoutFromEnvironment(process.env), log),
});
