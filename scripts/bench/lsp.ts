// A minimal LSP client for the benchmark: it spawns the bundled server over stdio, speaks
// JSON-RPC through vscode-jsonrpc (the same library editors use), answers the server's
// configuration requests with the benchmark's settings and lets callers wait for the
// diagnostics of one document version.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export interface LspPosition {
  line: number;
  character: number;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

interface DiagnosticsWaiter {
  uri: string;
  version: number;
  resolve: (published: PublishedDiagnostics) => void;
}

export interface ServerCapabilities {
  hoverProvider?: unknown;
  diagnosticProvider?: unknown;
  semanticTokensProvider?: { full?: boolean | { delta?: boolean } };
  textDocumentSync?: number | { change?: number };
}

/** LSP's TextDocumentSyncKind.Incremental. */
const SYNC_INCREMENTAL = 2;

export class BenchLspClient {
  readonly connection: MessageConnection;
  capabilities: ServerCapabilities = {};
  private readonly waiters: DiagnosticsWaiter[] = [];
  private readonly stderr: string[] = [];
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    private readonly settings: Record<string, unknown>,
  ) {
    if (!child.stdout || !child.stdin) {
      throw new Error('The server process has no stdio pipes.');
    }
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      // Only the tail matters for an error message; keeping all of it could grow without bound.
      this.stderr.push(chunk.toString('utf8'));
      if (this.stderr.length > 50) {
        this.stderr.shift();
      }
    });
    child.on('exit', () => {
      this.exited = true;
    });
    // The server pulls the `newsClaims` section per document; every request gets the benchmark's settings.
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => this.settings),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (published: PublishedDiagnostics) => {
      for (let index = this.waiters.length - 1; index >= 0; index--) {
        const waiter = this.waiters[index];
        // Servers that omit the version are matched on the uri alone.
        if (
          waiter &&
          waiter.uri === published.uri &&
          (published.version === undefined || published.version >= waiter.version)
        ) {
          this.waiters.splice(index, 1);
          waiter.resolve(published);
        }
      }
    });
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  /** Spawns `node <serverPath> --stdio`; the settings answer every `workspace/configuration` item. */
  static spawn(
    serverPath: string,
    settings: Record<string, unknown>,
    environment: NodeJS.ProcessEnv = process.env,
    nodeArguments: readonly string[] = [],
  ): BenchLspClient {
    const child = spawn(process.execPath, [...nodeArguments, serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: environment,
    });
    return new BenchLspClient(child, settings);
  }

  get serverLog(): string {
    return this.stderr.join('');
  }

  /**
   * Sends `initialize`. With `pullDiagnostics` the client declares textDocument/diagnostic, and a
   * server that honours it stops pushing; without it the server pushes, as to Neovim or Helix.
   */
  async initialize(rootUri: string | null, options: { pullDiagnostics: boolean }): Promise<ServerCapabilities> {
    const result = await this.connection.sendRequest<{ capabilities: ServerCapabilities }>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          ...(options.pullDiagnostics
            ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }
            : {}),
          hover: { contentFormat: ['markdown', 'plaintext'] },
          semanticTokens: {
            requests: { full: { delta: true } },
            tokenTypes: [],
            tokenModifiers: [],
            formats: ['relative'],
          },
        },
      },
      initializationOptions: { canWriteConfig: false, settings: this.settings },
    });
    this.capabilities = result.capabilities;
    await this.connection.sendNotification('initialized', {});
    return result.capabilities;
  }

  get syncsIncrementally(): boolean {
    const sync = this.capabilities.textDocumentSync;
    return (typeof sync === 'number' ? sync : sync?.change) === SYNC_INCREMENTAL;
  }

  /** Resolves with the first diagnostics published for `uri` at `version` or later. */
  diagnosticsFor(uri: string, version: number, timeoutMs: number): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) {
          this.waiters.splice(index, 1);
        }
        reject(new Error(`No diagnostics for ${uri} version ${version} within ${timeoutMs} ms.`));
      }, timeoutMs);
      const waiter: DiagnosticsWaiter = {
        uri,
        version,
        resolve: (published) => {
          clearTimeout(timer);
          resolve(published);
        },
      };
      this.waiters.push(waiter);
    });
  }

  async open(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'news-article', version, text },
    });
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), delay(2000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // The server may already be gone; the kill below makes sure of it.
      }
    }
    await Promise.race([new Promise((resolve) => this.child.once('exit', resolve)), delay(1000)]);
    if (!this.exited) {
      this.child.kill();
    }
    this.connection.dispose();
  }
}

export function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
