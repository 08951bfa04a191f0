// The extension's state and the owner of every disposable it creates. Two lifetimes: things that
// live as long as the extension (views, commands, the output channel) and things that live as
// long as one language client (its watcher, its notification handlers). A restart disposes only
// the second kind; deactivation disposes both.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions } from 'vscode-languageclient/node';
import {
  AnalysisUpdatedNotification,
  INSERT_ATTRIBUTION_SNIPPET_COMMAND,
  WorkspaceIndexUpdatedNotification,
  type NewsClaimsInitializationOptions,
} from '../../server/src/protocol';
import { ArticleModel } from './articleModel';
import { CONTEXT_KEYS } from './commandIds';
import {
  canWriteConfigFor,
  DEFAULT_LANGUAGES,
  documentSelector,
  parseLanguagesSetting,
  virtualSchemesOf,
} from './treeModel';
import { WorkspaceModel, type WorkspacePart } from './workspaceModel';

const UNATTRIBUTED_ONLY_STATE_KEY = 'newsClaims.unattributedOnly';

/** The two views that have a workspace mode. */
export type ModalView = 'claims' | 'figures';
export type ViewMode = 'article' | 'workspace';

/** Per view: where its mode is remembered (per workspace), its context key, and what it needs from the index. */
const MODAL_VIEWS: Record<ModalView, { stateKey: string; contextKey: string; part: WorkspacePart }> = {
  claims: { stateKey: 'newsClaims.claimsMode', contextKey: CONTEXT_KEYS.claimsWorkspaceMode, part: 'sources' },
  figures: { stateKey: 'newsClaims.figuresMode', contextKey: CONTEXT_KEYS.figuresWorkspaceMode, part: 'figures' },
};

function readMode(value: unknown): ViewMode {
  return value === 'workspace' ? 'workspace' : 'article';
}

/**
 * What the server needs to know about this client before its first analysis. `clientCommands`
 * tells the server that this client runs the attribution snippet command itself.
 */
type InitializationOptions = NewsClaimsInitializationOptions & { clientCommands?: string[] };

function folderSchemes(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.scheme);
}

function virtualSchemes(): string[] {
  return virtualSchemesOf(folderSchemes());
}

export function canWriteConfig(): boolean {
  return canWriteConfigFor(folderSchemes(), vscode.workspace.fs.isWritableFileSystem('file'));
}

export class Ctx implements vscode.Disposable {
  readonly output: vscode.OutputChannel;
  readonly model: ArticleModel;
  readonly workspaceModel: WorkspaceModel;
  client: LanguageClient | undefined;
  languages: string[] = [...DEFAULT_LANGUAGES];

  private readonly subscriptions: vscode.Disposable[] = [];
  private clientSubscriptions: vscode.Disposable[] = [];
  /** Start, stop and restart run one after another, so two quick restarts cannot start two servers. */
  private lifecycle: Promise<void> = Promise.resolve();
  private unattributedOnlyValue: boolean;
  private readonly filterEmitter = new vscode.EventEmitter<boolean>();
  readonly onDidChangeFilter = this.filterEmitter.event;
  private readonly serverStateEmitter = new vscode.EventEmitter<void>();
  /** Fires when the server starts, stops or fails, so the status bar can say so. */
  readonly onDidChangeServerState = this.serverStateEmitter.event;
  private readonly modes: Record<ModalView, ViewMode>;
  private readonly modeEmitter = new vscode.EventEmitter<ModalView>();
  /** Fires when a view switches between the current article and the workspace. */
  readonly onDidChangeMode = this.modeEmitter.event;

  constructor(readonly extensionContext: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('News Claims');
    this.model = new ArticleModel(() => this.client, this.output);
    this.unattributedOnlyValue = extensionContext.workspaceState.get<boolean>(UNATTRIBUTED_ONLY_STATE_KEY, false);
    this.modes = {
      claims: readMode(extensionContext.workspaceState.get<unknown>(MODAL_VIEWS.claims.stateKey)),
      figures: readMode(extensionContext.workspaceState.get<unknown>(MODAL_VIEWS.figures.stateKey)),
    };
    this.workspaceModel = new WorkspaceModel(
      () => this.client,
      () => this.wantedWorkspaceParts(),
      this.output,
    );
    this.push(
      this.output,
      this.model,
      this.workspaceModel,
      this.filterEmitter,
      this.serverStateEmitter,
      this.modeEmitter,
    );
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.unattributedOnly, this.unattributedOnlyValue);
    for (const view of Object.keys(MODAL_VIEWS) as ModalView[]) {
      void vscode.commands.executeCommand('setContext', MODAL_VIEWS[view].contextKey, this.modes[view] === 'workspace');
    }
  }

  mode(view: ModalView): ViewMode {
    return this.modes[view];
  }

  /** Switches a view between the current article and the workspace and remembers the choice for this workspace. */
  async setMode(view: ModalView, mode: ViewMode): Promise<void> {
    if (this.modes[view] === mode) return;
    this.modes[view] = mode;
    this.modeEmitter.fire(view);
    if (mode === 'workspace') void this.workspaceModel.refresh();
    await this.extensionContext.workspaceState.update(MODAL_VIEWS[view].stateKey, mode);
    await vscode.commands.executeCommand('setContext', MODAL_VIEWS[view].contextKey, mode === 'workspace');
  }

  /** What the views in workspace mode need from the server's index; nothing when both show the current article. */
  private wantedWorkspaceParts(): WorkspacePart[] {
    return (Object.keys(MODAL_VIEWS) as ModalView[])
      .filter((view) => this.modes[view] === 'workspace')
      .map((view) => MODAL_VIEWS[view].part);
  }

  /** Gives a disposable to the extension's lifetime. */
  push(...disposables: vscode.Disposable[]): void {
    this.subscriptions.push(...disposables);
  }

  /** True while a language server is up and answering. */
  get serverRunning(): boolean {
    return this.client?.isRunning() === true;
  }

  get unattributedOnly(): boolean {
    return this.unattributedOnlyValue;
  }

  async setUnattributedOnly(value: boolean): Promise<void> {
    this.unattributedOnlyValue = value;
    await this.extensionContext.workspaceState.update(UNATTRIBUTED_ONLY_STATE_KEY, value);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.unattributedOnly, value);
    this.filterEmitter.fire(value);
  }

  start(): Promise<void> {
    return this.enqueue(() => this.startClient());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopClient();
      await this.startClient();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.lifecycle = this.lifecycle.then(step, step);
    return this.lifecycle;
  }

  private readLanguages(): string[] {
    const value = vscode.workspace.getConfiguration('newsClaims').get<unknown>('languages');
    const { languages, problem } = parseLanguagesSetting(value, DEFAULT_LANGUAGES);
    if (problem !== null) {
      this.output.appendLine(`[client] ${problem}`);
      void vscode.window.showWarningMessage(`News Claims: ${problem}`);
    }
    return languages;
  }

  private async startClient(): Promise<void> {
    this.languages = this.readLanguages();
    this.model.setLanguages(this.languages);
    if (this.languages.length === 0) {
      this.output.appendLine('[client] newsClaims.languages is empty, so no language server was started.');
      this.serverStateEmitter.fire();
      return;
    }
    const serverModule = this.extensionContext.asAbsolutePath('dist/server.js');
    const watcher = vscode.workspace.createFileSystemWatcher('**/.newsclaims.json');
    this.clientSubscriptions.push(watcher);
    const initializationOptions: InitializationOptions = {
      canWriteConfig: canWriteConfig(),
      clientCommands: [INSERT_ATTRIBUTION_SNIPPET_COMMAND],
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(this.languages, virtualSchemes()),
      synchronize: { configurationSection: 'newsClaims', fileEvents: watcher },
      outputChannel: this.output,
      initializationOptions,
      diagnosticCollectionName: 'news-claims',
    };
    const client = new LanguageClient(
      'newsClaims',
      'News Claims',
      {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc },
      },
      clientOptions,
    );
    this.client = client;
    this.clientSubscriptions.push(
      client.onNotification(AnalysisUpdatedNotification, (params) => this.model.analysisUpdated(params)),
      client.onNotification(WorkspaceIndexUpdatedNotification, (params) => this.workspaceModel.indexUpdated(params)),
      client.onDidChangeState((event) => {
        if (event.newState === State.Running) {
          this.model.scheduleRefresh();
          this.workspaceModel.scheduleRefresh();
        }
        this.serverStateEmitter.fire();
      }),
    );
    try {
      await client.start();
      this.output.appendLine(`[client] Server started for ${this.languages.join(', ')}.`);
      void this.model.refresh();
      void this.workspaceModel.refresh();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.output.appendLine(`[client] The server at ${serverModule} did not start: ${message}`);
      this.serverStateEmitter.fire();
      void vscode.window
        .showErrorMessage(`News Claims: the language server did not start (${message}).`, 'Show Output')
        .then((choice) => {
          if (choice === 'Show Output') this.output.show(true);
        });
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const disposable of this.clientSubscriptions.splice(0)) disposable.dispose();
    if (!client) return;
    try {
      // dispose() stops a running server first and waits for it to exit.
      await client.dispose();
    } catch (error) {
      this.output.appendLine(
        `[client] Stopping the server failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Stops the server and disposes everything, client first so it can still log to the output channel. */
  async dispose(): Promise<void> {
    await this.enqueue(() => this.stopClient());
    for (const disposable of this.subscriptions.splice(0).reverse()) disposable.dispose();
  }
}
