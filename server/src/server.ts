// The News Claims language server. Editors start it as `node dist/server.js --stdio` (Neovim,
// Helix) or over IPC (the VS Code client); `createConnection` picks the transport from argv.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { describeError } from './lsp/documents';
import { startLanguageServer } from './lsp/languageServer';

const connection = createConnection(ProposedFeatures.all);

// A bug in one handler must not end the session: log it and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`News Claims: uncaught ${describeError(error)}`));
process.on('unhandledRejection', (reason) =>
  connection.console.error(`News Claims: unhandled rejection ${describeError(reason)}`),
);

startLanguageServer(connection);
