// Wires the LSP connection to the analysis cache and the feature modules. Every handler is
// guarded (guard.ts), reads the one cached analysis for the document's version, and answers a
// request about a version that is already outdated with ContentModified.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type DiagnosticServerCancellationData,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ADD_COMMON_KNOWLEDGE_COMMAND,
  AnalysisUpdatedNotification,
  ClaimsRequest,
  DebugCacheRequest,
  FiguresRequest,
  INSERT_ATTRIBUTION_SNIPPET_COMMAND,
  type AddCommonKnowledgeArgs,
  type NewsClaimsInitializationOptions,
} from '../protocol';
import type { AnalysisRunner } from './analysisWorker';
import { codeActions, type CodeActionOptions, type SnippetSupport } from './codeActions';
import { planCommonKnowledgeEdit, type EditCapabilities } from './commonKnowledge';
import { analysisUpdated, claimsResult, figuresResult } from './customRequests';
import { toDiagnostics } from './diagnostics';
import { AnalysisCache, describeError, type CacheEntry } from './documents';
import { defaultConfig } from '../analysis/config';
import { guardNotification, guardRequest } from './guard';
import { hoverAt } from './hover';
import { SEMANTIC_TOKENS_LEGEND, SemanticTokensStore, encodeTokens } from './semanticTokens';
import { CONFIG_FILE_NAME, SettingsManager, folderFor } from './settings';
import { documentSymbols } from './symbols';

export const SERVER_NAME = 'news-claims';

interface ClientFeatures {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  semanticTokensRefresh: boolean;
  configuration: boolean;
  configurationDynamic: boolean;
  watchedFilesDynamic: boolean;
  workspaceFolderEvents: boolean;
  multilineTokens: boolean;
  codeActions: CodeActionOptions;
  edits: EditCapabilities;
}

function readInitializationOptions(raw: unknown): Partial<NewsClaimsInitializationOptions> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {};
  }
  return raw;
}

function clientFeatures(
  capabilities: ClientCapabilities,
  options: Partial<NewsClaimsInitializationOptions>,
): ClientFeatures {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  // `snippetEditSupport` is LSP 3.18; the 3.17 types do not declare it.
  const snippetEdits = (workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport === true;
  const clientCommands = Array.isArray(options.clientCommands) ? options.clientCommands : [];
  const snippetSupport: SnippetSupport = snippetEdits
    ? 'snippet-edit'
    : clientCommands.includes(INSERT_ATTRIBUTION_SNIPPET_COMMAND)
      ? 'client-command'
      : 'plain-text';
  const edits: EditCapabilities = {
    applyEdit: capabilities.workspace?.applyEdit === true,
    documentChanges: workspaceEdit?.documentChanges === true,
    createFiles: workspaceEdit?.resourceOperations?.includes('create') === true,
  };
  return {
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    semanticTokensRefresh: capabilities.workspace?.semanticTokens?.refreshSupport === true,
    configuration: capabilities.workspace?.configuration === true,
    configurationDynamic: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesDynamic: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolderEvents: capabilities.workspace?.workspaceFolders === true,
    multilineTokens: capabilities.textDocument?.semanticTokens?.multilineTokenSupport === true,
    codeActions: {
      snippetSupport,
      canWriteConfig: options.canWriteConfig !== false && edits.applyEdit && edits.documentChanges,
    },
    edits,
  };
}

function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: false },
    documentSymbolProvider: { label: 'News Claims' },
    executeCommandProvider: { commands: [ADD_COMMON_KNOWLEDGE_COMMAND] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  if (features.pullDiagnostics) {
    capabilities.diagnosticProvider = {
      identifier: SERVER_NAME,
      interFileDependencies: false,
      workspaceDiagnostics: false,
    };
  }
  return capabilities;
}

function contentModified(uri: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, `${uri} changed since this request was made.`);
}

export interface LanguageServerOptions {
  /** Makes the runner that analyses documents; it gets the server's error log. */
  createRunner(log: (message: string) => void): AnalysisRunner;
}

export function startLanguageServer(connection: Connection, options: LanguageServerOptions): void {
  const log = (message: string): void => connection.console.error(message);
  // A plain notification: a message without buttons needs no answer, and every client shows it.
  const showMessage = (type: MessageType, message: string): void => {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  };
  const documents = new TextDocuments(TextDocument);
  const tokens = new SemanticTokensStore();
  let features: ClientFeatures | undefined;
  let workspaceFolders: string[] = [];
  let settings: SettingsManager | undefined;
  const reportedTooLarge = new Set<string>();

  const settingsManager = (): SettingsManager => {
    if (settings === undefined) {
      throw new Error('the server was used before initialize');
    }
    return settings;
  };

  const runner = options.createRunner(log);
  const cache = new AnalysisCache({
    runner,
    settingsFor: (uri) => settingsManager().settingsFor(uri),
    logError: log,
    onAnalysed(entry: CacheEntry) {
      if (entry.status === 'too-large' && !reportedTooLarge.has(entry.uri)) {
        reportedTooLarge.add(entry.uri);
        connection.console.warn(`News Claims skipped ${entry.uri}: ${entry.sizeBytes} bytes is over the size limit.`);
      } else if (entry.status !== 'too-large') {
        reportedTooLarge.delete(entry.uri);
      }
      if (features?.pullDiagnostics !== true) {
        void connection.sendDiagnostics({ uri: entry.uri, version: entry.version, diagnostics: toDiagnostics(entry) });
      }
      void connection.sendNotification(AnalysisUpdatedNotification, analysisUpdated(entry));
    },
  });

  /** The entry for a request, or the protocol answer for a closed or stale document. */
  const entryFor = async (uri: string, version?: number): Promise<CacheEntry | undefined> => {
    const outcome = await cache.whenAnalysed(uri, version);
    if (outcome === 'stale') {
      throw contentModified(uri);
    }
    return outcome === 'closed' ? undefined : outcome;
  };

  /** After settings change, everything open is analysed again and pull clients are told to ask again. */
  const reanalyseAll = (): void => {
    cache.invalidateAll();
    if (features?.pullDiagnostics === true && features.diagnosticRefresh) {
      connection.languages.diagnostics.refresh();
    }
    if (features?.semanticTokensRefresh === true) {
      connection.languages.semanticTokens.refresh();
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = readInitializationOptions(params.initializationOptions);
    features = clientFeatures(params.capabilities, options);
    workspaceFolders =
      params.workspaceFolders?.map((folder) => folder.uri) ??
      (params.rootUri !== null && params.rootUri !== undefined ? [params.rootUri] : []);
    const activeFeatures = features;
    settings = new SettingsManager(
      {
        supportsConfiguration: activeFeatures.configuration,
        fetchSection: (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'newsClaims' }),
        report: (message) => {
          log(message);
          showMessage(MessageType.Warning, message);
        },
        workspaceFolders: () => workspaceFolders,
      },
      options.settings,
    );
    return { capabilities: serverCapabilities(activeFeatures), serverInfo: { name: SERVER_NAME, version: '0.1.0' } };
  });

  connection.onInitialized(
    guardNotification('initialized', log, async () => {
      // Start the worker and load the analysis now, so the first article does not wait for it.
      const warmUpUri = 'news-claims:warm-up';
      runner.analyse(warmUpUri, 'The agency said on Monday that 40 homes were flooded.', defaultConfig()).then(
        () => runner.forget(warmUpUri),
        (error: unknown) => log(`News Claims: warming up the analysis failed: ${describeError(error)}`),
      );
      if (features?.configurationDynamic === true) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'newsClaims' });
      }
      if (features?.watchedFilesDynamic === true) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }],
        });
      }
      if (features?.workspaceFolderEvents === true) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          const removed = new Set(event.removed.map((folder) => folder.uri));
          workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((f) => f.uri)];
          settingsManager().workspaceFoldersChanged();
          reanalyseAll();
        });
      }
    }),
  );

  documents.onDidChangeContent(guardNotification('didChange', log, (event) => cache.change(event.document)));
  documents.onDidClose(
    guardNotification('didClose', log, (event) => {
      const uri = event.document.uri;
      cache.close(uri);
      tokens.forget(uri);
      settings?.forget(uri);
      reportedTooLarge.delete(uri);
      if (features?.pullDiagnostics !== true) {
        void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification('didChangeConfiguration', log, (params) => {
      settingsManager().configurationChanged(params.settings);
      reanalyseAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification('didChangeWatchedFiles', log, (params) => {
      const configChanges = params.changes.filter((change) => change.uri.endsWith(`/${CONFIG_FILE_NAME}`));
      if (configChanges.length === 0) {
        return;
      }
      configChanges.forEach((change) => settingsManager().projectFileChanged(change.uri));
      reanalyseAll();
    }),
  );

  connection.languages.diagnostics.on(
    guardRequest(
      'textDocument/diagnostic',
      { kind: DocumentDiagnosticReportKind.Full, items: [] },
      log,
      async (params): Promise<DocumentDiagnosticReport> => {
        const outcome = await cache.whenAnalysed(params.textDocument.uri);
        if (outcome === 'stale') {
          // Not ContentModified: vscode-languageclient turns that into an empty report and the
          // diagnostics flicker. ServerCancelled with retriggerRequest makes it simply pull again.
          throw new ResponseError<DiagnosticServerCancellationData>(
            LSPErrorCodes.ServerCancelled,
            `${params.textDocument.uri} changed while its diagnostics were computed.`,
            { retriggerRequest: true },
          );
        }
        const entry = outcome === 'closed' ? undefined : outcome;
        if (entry === undefined) {
          return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        }
        const resultId = String(entry.serial);
        if (params.previousResultId === resultId) {
          return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
        }
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items: toDiagnostics(entry) };
      },
    ),
  );

  connection.onHover(
    guardRequest('textDocument/hover', null, log, async (params) => {
      const entry = await entryFor(params.textDocument.uri);
      return entry === undefined ? null : hoverAt(entry, params.position);
    }),
  );

  connection.onCodeAction(
    guardRequest('textDocument/codeAction', [], log, async (params) => {
      const entry = await entryFor(params.textDocument.uri);
      if (entry === undefined || features === undefined) {
        return [];
      }
      return codeActions(entry, params, features.codeActions);
    }),
  );

  connection.languages.semanticTokens.on(
    guardRequest('textDocument/semanticTokens/full', { data: [] }, log, async (params) => {
      const entry = await entryFor(params.textDocument.uri);
      if (entry === undefined) {
        return { data: [] };
      }
      return tokens.full(entry.uri, encodeTokens(entry, features?.multilineTokens === true));
    }),
  );

  connection.languages.semanticTokens.onDelta(
    guardRequest('textDocument/semanticTokens/full/delta', { edits: [] }, log, async (params) => {
      const entry = await entryFor(params.textDocument.uri);
      if (entry === undefined) {
        return { edits: [] };
      }
      return tokens.delta(entry.uri, params.previousResultId, encodeTokens(entry, features?.multilineTokens === true));
    }),
  );

  connection.onDocumentSymbol(
    guardRequest('textDocument/documentSymbol', [], log, async (params) => {
      const entry = await entryFor(params.textDocument.uri);
      return entry === undefined ? [] : documentSymbols(entry);
    }),
  );

  connection.onRequest(
    ClaimsRequest,
    guardRequest(ClaimsRequest.method, null, log, async (params) => {
      const entry = await entryFor(params.uri, params.version);
      return entry === undefined ? null : claimsResult(entry);
    }),
  );

  connection.onRequest(
    FiguresRequest,
    guardRequest(FiguresRequest.method, null, log, async (params) => {
      const entry = await entryFor(params.uri, params.version);
      return entry === undefined ? null : figuresResult(entry);
    }),
  );

  connection.onRequest(
    DebugCacheRequest,
    guardRequest(DebugCacheRequest.method, { open: [], cached: [], analysing: [] }, log, () => ({
      open: cache.openUris,
      cached: cache.cachedUris,
      analysing: cache.analysingUris,
    })),
  );

  connection.onExecuteCommand(
    guardRequest('workspace/executeCommand', null, log, async (params) => {
      if (params.command !== ADD_COMMON_KNOWLEDGE_COMMAND) {
        throw new ResponseError(-32602, `News Claims has no command ${params.command}.`);
      }
      const args = params.arguments?.[0] as Partial<AddCommonKnowledgeArgs> | undefined;
      if (typeof args?.uri !== 'string' || typeof args.phrase !== 'string' || args.phrase.trim() === '') {
        throw new ResponseError(
          -32602,
          `${ADD_COMMON_KNOWLEDGE_COMMAND} needs { uri, phrase } with a non-empty phrase.`,
        );
      }
      const activeFeatures = features;
      if (activeFeatures === undefined) {
        return null;
      }
      const folder = folderFor(args.uri, workspaceFolders);
      const plan = await planCommonKnowledgeEdit(
        args.uri,
        folder,
        args.phrase,
        activeFeatures.edits,
        activeFeatures.codeActions.canWriteConfig,
      );
      if (plan.kind === 'refused') {
        showMessage(MessageType.Warning, plan.message);
        return null;
      }
      if (plan.kind === 'unchanged') {
        showMessage(MessageType.Info, `"${args.phrase}" is already common knowledge in ${plan.file}.`);
        return null;
      }
      const result = await connection.workspace.applyEdit({ label: 'Treat as common knowledge', edit: plan.edit });
      if (!result.applied) {
        showMessage(
          MessageType.Warning,
          `The editor did not apply the change to ${plan.file}${result.failureReason ? ` (${result.failureReason})` : ''}; nothing was changed.`,
        );
        return null;
      }
      if (folder !== undefined) {
        // The client may keep the edit unsaved; take the phrase into account until the file changes on disk.
        settingsManager().addPendingCommonKnowledge(folder, args.phrase);
      }
      reanalyseAll();
      return null;
    }),
  );

  connection.onShutdown(() => runner.dispose());

  documents.listen(connection);
  connection.listen();
}
