// Wires the LSP connection to the analysis cache and the feature modules. Every handler is
// guarded (guard.ts), reads the one cached analysis for the document's version, and answers a
// request about a version that is already outdated with ContentModified.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type DiagnosticServerCancellationData,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
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
  WorkspaceFiguresRequest,
  WorkspaceIndexUpdatedNotification,
  WorkspaceSourcesRequest,
  type AddCommonKnowledgeArgs,
  type NewsClaimsInitializationOptions,
} from '../protocol';
import type { AnalysisRunner } from './analysisWorker';
import { codeActions, type CodeActionOptions, type SnippetSupport } from './codeActions';
import { planCommonKnowledgeEdit, type EditCapabilities } from './commonKnowledge';
import { analysisUpdated, claimsResult, figuresResult } from './customRequests';
import { crossArticleDiagnostics } from './crossDiagnostics';
import { toDiagnostics } from './diagnostics';
import { AnalysisCache, describeError, type CacheEntry } from './documents';
import { defaultConfig } from '../analysis/config';
import { guardNotification, guardRequest } from './guard';
import { hoverAt, type CrossArticleHover } from './hover';
import { entityAt } from './lookups';
import { SEMANTIC_TOKENS_LEGEND, SemanticTokensStore, encodeTokens } from './semanticTokens';
import {
  CONFIG_FILE_NAME,
  CONFIGURATION_TIMEOUT_MS,
  SettingsManager,
  folderFor,
  readCrossArticleSettings,
  withTimeout,
} from './settings';
import { traceEdit } from './editTrace';
import { documentSymbols } from './symbols';
import { ARTICLE_WATCH_GLOB, enabledExcludeGlobs } from './workspaceFiles';
import { WorkspaceIndexService, type FolderSettings } from './workspaceIndexService';
import { clusterReferences, workspaceSymbols } from './workspaceSymbols';
import { workspaceFiguresResult, workspaceSourcesResult } from './workspaceViews';

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
    workspaceSymbolProvider: true,
    referencesProvider: true,
    executeCommandProvider: { commands: [ADD_COMMON_KNOWLEDGE_COMMAND] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  if (features.pullDiagnostics) {
    capabilities.diagnosticProvider = {
      identifier: SERVER_NAME,
      // Cross-article findings of one article change when another article changes.
      interFileDependencies: true,
      workspaceDiagnostics: false,
    };
  }
  return capabilities;
}

function contentModified(uri: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, `${uri} changed since this request was made.`);
}

export interface LanguageServerOptions {
  /**
   * Makes a runner that analyses documents; it gets the server's error log. It is called once for
   * open documents and once more, when the cross-article index first needs it, for closed files.
   */
  createRunner(log: (message: string) => void): AnalysisRunner;
}

/** Index-change notifications are sent at most this often; views refresh on each. */
const INDEX_NOTIFICATION_INTERVAL_MS = 500;
/** The index build starts no new file until typing has paused this long. */
const TYPING_PAUSE_MS = 300;
/** While the index builds, open documents' cross-article findings are checked at most this often. */
const BUILD_FINDINGS_CHECK_MS = 250;

export function startLanguageServer(connection: Connection, options: LanguageServerOptions): void {
  const log = (message: string): void => connection.console.error(message);
  // A plain notification: a message without buttons needs no answer, and every client shows it.
  const showMessage = (type: MessageType, message: string): void => {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  };
  const documents = new TextDocuments({
    create: TextDocument.create,
    update(document, changes, version) {
      traceEdit('update-start');
      const updated = TextDocument.update(document, changes, version);
      traceEdit('updated');
      return updated;
    },
  });
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
  /** The newest analysed entry of each open document, for re-publishing cross-article findings. */
  const latestEntries = new Map<string, CacheEntry>();
  /** Per open document, the cross-article diagnostics last sent and a revision that changes with them. */
  const crossState = new Map<string, { signature: string; revision: number }>();
  let crossCheckTimer: NodeJS.Timeout | undefined;
  let indexNotifyTimer: NodeJS.Timeout | undefined;
  let lastIndexNotify = 0;

  const fetchFilesExclude = async (folderUri: string): Promise<unknown> => {
    if (features?.configuration !== true || folderUri === '') {
      return undefined;
    }
    try {
      return await withTimeout(
        connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files.exclude' }),
        CONFIGURATION_TIMEOUT_MS,
        'the editor did not answer',
      );
    } catch {
      return undefined;
    }
  };

  /**
   * When an open document last changed or its diagnostics last went out; the index build and the
   * index's intake of open documents yield to typing for a moment after. Counting the diagnostics
   * keeps that work from blocking the main thread while a long article's diagnostics are written
   * and read, which at 2 MB takes longer than the pause itself.
   */
  let lastEditAt = 0;
  const workspaceIndex = new WorkspaceIndexService({
    folders: () => workspaceFolders,
    editorBusy: () => Date.now() - lastEditAt < TYPING_PAUSE_MS || cache.analysingUris.length > 0,
    async folderSettings(folderUri): Promise<FolderSettings> {
      const raw = await settingsManager().rawSection(folderUri);
      const cross = readCrossArticleSettings(raw);
      cross.problems.forEach((problem) => settingsManager().reportProblem(problem));
      const effective = await settingsManager().settingsFor(folderUri);
      const exclude = cross.enabled
        ? [...cross.exclude, ...enabledExcludeGlobs(await fetchFilesExclude(folderUri))]
        : [];
      return {
        uri: folderUri,
        enabled: cross.enabled,
        languages: cross.languages,
        exclude,
        maxDocumentSize: effective.maxDocumentSize,
        config: effective.config,
      };
    },
    createRunner: () => options.createRunner(log),
    async createProgress() {
      const reporter = await connection.window.createWorkDoneProgress();
      return {
        begin: (title, percentage, message) => reporter.begin(title, percentage, message, false),
        report: (percentage, message) => reporter.report(percentage, message ?? ''),
        done: () => reporter.done(),
      };
    },
    log,
    findingsMayHaveChanged: () => scheduleCrossCheck(),
    indexChanged: () => scheduleIndexNotification(),
  });

  /** The diagnostics of an entry: its own findings and, from the index, the cross-article ones. */
  const diagnosticsOf = (entry: CacheEntry): { items: Diagnostic[]; revision: number } => {
    const cross = crossArticleDiagnostics(entry, workspaceIndex);
    const signature = JSON.stringify(cross);
    let state = crossState.get(entry.uri);
    if (state === undefined || state.signature !== signature) {
      state = { signature, revision: (state?.revision ?? 0) + 1 };
      crossState.set(entry.uri, state);
    }
    return { items: [...toDiagnostics(entry), ...cross], revision: state.revision };
  };

  /**
   * Pushes an entry's diagnostics. After an analysis (`afterEdit`), the typing pause the index
   * waits for counts from when they have been written out: at 2 MB writing them takes a few
   * hundred milliseconds, and feeding the index then would hold up the writer's next edit.
   */
  const publish = (entry: CacheEntry, afterEdit = false): void => {
    const diagnostics = diagnosticsOf(entry).items;
    traceEdit('diagnostics-built');
    const written = connection.sendDiagnostics({ uri: entry.uri, version: entry.version, diagnostics });
    if (afterEdit) {
      written.then(
        () => {
          lastEditAt = Date.now();
        },
        () => undefined,
      );
    }
  };

  /**
   * Re-publishes (push) or asks the client to pull again (pull) for the open documents whose
   * cross-article findings changed since they were last sent; the others are left alone.
   */
  const checkCrossFindings = (): void => {
    traceEdit('cross-check-start');
    crossCheckTimer = undefined;
    let changed = false;
    for (const entry of latestEntries.values()) {
      const before = crossState.get(entry.uri)?.signature;
      const signature = JSON.stringify(crossArticleDiagnostics(entry, workspaceIndex));
      if (signature === before) {
        continue;
      }
      changed = true;
      if (features?.pullDiagnostics === true) {
        crossState.set(entry.uri, { signature, revision: (crossState.get(entry.uri)?.revision ?? 0) + 1 });
      } else {
        publish(entry);
      }
    }
    if (changed && features?.pullDiagnostics === true && features.diagnosticRefresh) {
      connection.languages.diagnostics.refresh();
    }
    traceEdit('cross-check-done');
  };

  function scheduleCrossCheck(): void {
    if (crossCheckTimer === undefined) {
      crossCheckTimer = setTimeout(
        guardNotification('cross-article findings', log, checkCrossFindings),
        workspaceIndex.isBuilding ? BUILD_FINDINGS_CHECK_MS : 0,
      );
    }
  }

  function scheduleIndexNotification(): void {
    if (indexNotifyTimer !== undefined) {
      return;
    }
    const wait = Math.max(0, lastIndexNotify + INDEX_NOTIFICATION_INTERVAL_MS - Date.now());
    indexNotifyTimer = setTimeout(() => {
      indexNotifyTimer = undefined;
      lastIndexNotify = Date.now();
      void connection.sendNotification(WorkspaceIndexUpdatedNotification, {
        indexed: workspaceIndex.indexed,
        building: workspaceIndex.isBuilding,
      });
    }, wait);
  }

  /** The index for a request, or undefined when the cross-article features are off. */
  const crossArticle = (): CrossArticleHover | undefined => {
    const index = workspaceIndex.current;
    return index === null
      ? undefined
      : {
          index,
          rangeIn: (uri, span) => workspaceIndex.rangeIn(uri, span),
          indexedSpan: (uri, text, span) => workspaceIndex.indexedSpan(uri, text, span),
        };
  };

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
      if (entry.status === 'ok') {
        workspaceIndex.documentAnalysed(entry.uri, entry.analysis, entry.text, entry.positions);
      } else {
        workspaceIndex.documentUnanalysed(entry.uri);
      }
      traceEdit('index-fed');
      lastEditAt = Date.now();
      latestEntries.set(entry.uri, entry);
      if (features?.pullDiagnostics !== true) {
        publish(entry, true);
      }
      traceEdit('published');
      // On the next turn, behind the diagnostics: the counts it sends read the claims and the
      // entities, lists that the main thread rebuilds only when first read (applyDeltaDeferred in
      // analysisDelta.ts), and reading them here would hold up writing the diagnostics (push) or
      // answering the pull request that waits for this analysis.
      setImmediate(() => {
        // A close or a newer analysis of the document in the meantime makes this one stale.
        if (latestEntries.get(entry.uri) !== entry) return;
        // Outside the cache's run now, so a failure here is caught and logged here.
        try {
          void connection.sendNotification(AnalysisUpdatedNotification, analysisUpdated(entry));
        } catch (error) {
          log(`News Claims: could not send newsClaims/analysisUpdated for ${entry.uri}: ${describeError(error)}`);
        }
        traceEdit('updated-sent');
      });
      // The other articles' cross-article findings change only when the index takes this
      // analysis; the index service says so then (findingsMayHaveChanged).
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
        // The cross-article switch is read with no folder open too; that asks for the global value.
        fetchSection: (uri) =>
          connection.workspace.getConfiguration(
            uri === '' ? { section: 'newsClaims' } : { scopeUri: uri, section: 'newsClaims' },
          ),
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
        // Article files are watched even while the cross-article features are off; their events
        // are then ignored, and switching the features on needs no new registration.
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: ARTICLE_WATCH_GLOB }],
        });
      }
      await workspaceIndex.configure();
      if (features?.workspaceFolderEvents === true) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          const removed = new Set(event.removed.map((folder) => folder.uri));
          workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((f) => f.uri)];
          settingsManager().workspaceFoldersChanged();
          reanalyseAll();
          void workspaceIndex.configure().catch((error: unknown) => log(`News Claims: ${describeError(error)}`));
        });
      }
    }),
  );

  documents.onDidChangeContent(
    guardNotification('didChange', log, (event) => {
      traceEdit('change-handler');
      lastEditAt = Date.now();
      cache.change(event.document);
      traceEdit('change-done');
    }),
  );
  documents.onDidClose(
    guardNotification('didClose', log, (event) => {
      const uri = event.document.uri;
      cache.close(uri);
      latestEntries.delete(uri);
      crossState.delete(uri);
      workspaceIndex.documentClosed(uri);
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
      return workspaceIndex.configure();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification('didChangeWatchedFiles', log, async (params) => {
      const configChanges = params.changes.filter((change) => change.uri.endsWith(`/${CONFIG_FILE_NAME}`));
      for (const change of params.changes) {
        if (!change.uri.endsWith(`/${CONFIG_FILE_NAME}`)) {
          workspaceIndex.fileChanged(
            change.uri,
            change.type === FileChangeType.Created ? 1 : change.type === FileChangeType.Deleted ? 3 : 2,
          );
        }
      }
      if (configChanges.length === 0) {
        return;
      }
      configChanges.forEach((change) => settingsManager().projectFileChanged(change.uri));
      reanalyseAll();
      // The project file can change the analysis and the clusters rule the closed files were indexed with.
      await workspaceIndex.configure();
    }),
  );

  connection.languages.diagnostics.on(
    guardRequest(
      'textDocument/diagnostic',
      { kind: DocumentDiagnosticReportKind.Full, items: [] },
      log,
      async (params): Promise<DocumentDiagnosticReport> => {
        traceEdit('pull-received');
        const outcome = await cache.whenAnalysed(params.textDocument.uri);
        traceEdit('pull-entry');
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
        // The result id changes with the analysis and with the article's cross-article findings.
        const diagnostics = diagnosticsOf(entry);
        traceEdit('diagnostics-built');
        const resultId = `${entry.serial}.${diagnostics.revision}`;
        if (params.previousResultId === resultId) {
          return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
        }
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnostics.items };
      },
    ),
  );

  connection.onHover(
    guardRequest('textDocument/hover', null, log, async (params) => {
      const entry = await entryFor(params.textDocument.uri);
      return entry === undefined ? null : hoverAt(entry, params.position, crossArticle());
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

  connection.onWorkspaceSymbol(
    guardRequest('workspace/symbol', [], log, (params) => {
      const cross = crossArticle();
      return cross === undefined ? [] : workspaceSymbols(cross.index, params.query, cross.rangeIn);
    }),
  );

  connection.onReferences(
    guardRequest('textDocument/references', [], log, async (params) => {
      const entry = await entryFor(params.textDocument.uri);
      const cross = crossArticle();
      if (entry === undefined || cross === undefined || entry.status !== 'ok') {
        return [];
      }
      const hit = entityAt(entry, entry.positions.offsetAt(params.position));
      const entity = hit?.entity;
      if (entity === undefined || (entity.kind !== 'person' && entity.kind !== 'organization')) {
        return [];
      }
      return clusterReferences(cross.index, entity.kind, entity.canonical ?? entity.text, cross.rangeIn);
    }),
  );

  connection.onRequest(
    WorkspaceSourcesRequest,
    guardRequest(WorkspaceSourcesRequest.method, null, log, () => {
      const cross = crossArticle();
      return cross === undefined
        ? null
        : workspaceSourcesResult({ index: cross.index, building: workspaceIndex.isBuilding, rangeIn: cross.rangeIn });
    }),
  );

  connection.onRequest(
    WorkspaceFiguresRequest,
    guardRequest(WorkspaceFiguresRequest.method, null, log, () => {
      const cross = crossArticle();
      return cross === undefined
        ? null
        : workspaceFiguresResult({ index: cross.index, building: workspaceIndex.isBuilding, rangeIn: cross.rangeIn });
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

  connection.onShutdown(() => {
    workspaceIndex.dispose();
    runner.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
