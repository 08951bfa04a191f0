// A small LSP client for the protocol tests and the benchmark. It starts the bundled server
// (`dist/server.js --stdio`) as a child process and talks JSON-RPC to it with vscode-jsonrpc,
// answering the requests a real editor answers (configuration, registrations, applyEdit) and
// recording the notifications it sends (diagnostics, messages, analysisUpdated).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  ClientCapabilities,
  ConfigurationParams,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  PublishDiagnosticsParams,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/lineIndex';
import type { AnalysisUpdatedParams, WorkspaceIndexUpdatedParams } from '../../server/src/protocol';

export const SERVER_PATH = path.resolve(__dirname, '../../dist/server.js');

export interface StartOptions {
  /** Another server bundle, e.g. the production build the benchmark measures. */
  serverPath?: string;
  /** Extra arguments for node before the script, e.g. `--max-old-space-size`. */
  nodeArgs?: string[];
  /** Extra environment variables, e.g. NEWS_CLAIMS_ANALYSIS_TIMEOUT_MS or NEWS_CLAIMS_IN_PROCESS. */
  env?: Record<string, string>;
}

export interface OpenDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

/** Capabilities of a client that pulls diagnostics, as VS Code does. */
export const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    semanticTokens: {
      requests: { full: { delta: true } },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
      multilineTokenSupport: false,
    },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
  },
};

/** Capabilities of a client that only takes pushed diagnostics and has no configuration support (Neovim 0.7). */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export class ProtocolClient {
  readonly connection: MessageConnection;
  readonly documents = new Map<string, OpenDocument>();
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly analysisUpdates: AnalysisUpdatedParams[] = [];
  readonly registrations: string[] = [];
  /** The `registerOptions` of each registration, in order, e.g. the globs of a file watcher. */
  readonly registrationOptions: unknown[] = [];
  /** Every `$/progress` value the server sent, in order (begin, report, end), with its token. */
  readonly progress: Array<{
    token: string | number;
    value: { kind: string; title?: string; message?: string };
    /** `performance.now()` when the notification arrived, for the benchmark. */
    receivedAt: number;
  }> = [];
  /** Called with every `publishDiagnostics`, e.g. to time when another document is republished. */
  readonly publishListeners: Array<(params: PublishDiagnosticsParams) => void> = [];
  readonly indexUpdates: WorkspaceIndexUpdatedParams[] = [];
  /** The answer to `workspace/configuration` for section `files.exclude`. */
  filesExclude: Record<string, unknown> | null = null;
  /** The answer to `workspace/configuration` for section `newsClaims`; tests change it. */
  settings: Record<string, unknown> = {};
  /** How the client answers `workspace/applyEdit`; by default it refuses. */
  onApplyEdit: (params: ApplyWorkspaceEditParams) => ApplyWorkspaceEditResult | Promise<ApplyWorkspaceEditResult> =
    () => ({ applied: false, failureReason: 'the test client does not apply edits' });
  /** Resolves with the exit code (or signal) when the server process ends. */
  readonly exited: Promise<number | string | null>;
  stderr = '';

  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly diagnosticWaiters: Array<() => void> = [];
  private pull = false;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
      this.diagnosticWaiters.splice(0).forEach((wake) => wake());
      this.publishListeners.forEach((listener) => listener(params));
    });
    this.connection.onNotification('window/showMessage', (params: ShowMessageParams) => this.messages.push(params));
    this.connection.onNotification('window/logMessage', (params: ShowMessageParams) => this.logs.push(params.message));
    this.connection.onNotification('newsClaims/analysisUpdated', (params: AnalysisUpdatedParams) =>
      this.analysisUpdates.push(params),
    );
    this.connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
      params.items.map((item) =>
        item.section === 'newsClaims' ? this.settings : item.section === 'files.exclude' ? this.filesExclude : null,
      ),
    );
    this.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
        this.registrations.push(...params.registrations.map((registration) => registration.method));
        this.registrationOptions.push(...params.registrations.map((registration) => registration.registerOptions));
        return null;
      },
    );
    this.connection.onNotification('$/progress', (params: Omit<ProtocolClient['progress'][number], 'receivedAt'>) =>
      this.progress.push({ ...params, receivedAt: performance.now() }),
    );
    this.connection.onNotification('newsClaims/workspaceIndexUpdated', (params: WorkspaceIndexUpdatedParams) =>
      this.indexUpdates.push(params),
    );
    this.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => this.onApplyEdit(params));
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/semanticTokens/refresh', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    // A dead server must fail the test that uses it, not crash the test runner.
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async initialize(
    capabilities: ClientCapabilities = PULL_CAPABILITIES,
    extra: Partial<InitializeParams> = {},
  ): Promise<InitializeResult> {
    this.pull = capabilities.textDocument?.diagnostic !== undefined;
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities,
      ...extra,
    } satisfies InitializeParams);
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'news-article', version = 1): Promise<void> {
    this.documents.set(uri, { uri, languageId, version, text });
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  /**
   * Sends a change and keeps the harness's copy of the text in step, so that tests can compare
   * the server's view with a fresh analysis. Edits with a range use LSP positions.
   */
  async change(uri: string, version: number, edits: TextDocumentContentChangeEvent[]): Promise<void> {
    const document = this.documents.get(uri);
    if (document !== undefined) {
      document.text = applyContentChanges(document.text, edits);
      document.version = version;
    }
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: edits,
    });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * The diagnostics for a version of a document (by default the version the harness last sent):
   * pulled with `textDocument/diagnostic` when the client declared pull support, otherwise the
   * `publishDiagnostics` notification for that version, waited for up to `timeoutMs`.
   */
  async waitForDiagnostics(uri: string, version?: number, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const wanted = version ?? this.documents.get(uri)?.version;
    if (this.pull) {
      const report = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      return report.kind === 'full' ? report.items : [];
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const latest = this.published.get(uri);
      if (latest !== undefined && (wanted === undefined || latest.version === wanted)) {
        return latest.diagnostics;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `no diagnostics for ${uri} version ${String(wanted)} within ${timeoutMs} ms (last: version ${String(latest?.version)})`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.diagnosticWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Polls until `condition` holds, for things the server does on its own time (registrations, messages). */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The last pushed diagnostics, whatever their version. */
  lastPublished(uri: string): PublishDiagnosticsParams | undefined {
    return this.published.get(uri);
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** The polite end: shutdown, exit, and wait for the process to go. */
  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; killing below covers it.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  /** Ends the server abruptly, as a crash would. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
    this.connection.dispose();
  }
}

/** Applies LSP content changes to a text, converting positions with the project's LineIndex. */
export function applyContentChanges(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  let result = text;
  for (const change of changes) {
    if (!('range' in change)) {
      result = change.text;
      continue;
    }
    const lineIndex = new LineIndex(result);
    const start = lineIndex.offsetAt(change.range.start);
    const end = lineIndex.offsetAt(change.range.end);
    result = result.slice(0, start) + change.text + result.slice(Math.max(start, end));
  }
  return result;
}

export function start(options: StartOptions = {}): ProtocolClient {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.serverPath ?? SERVER_PATH, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  return new ProtocolClient(child);
}
