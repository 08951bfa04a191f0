// What the cross-article index knows, fetched from the server for the views in workspace mode.
// It asks only for what a view in workspace mode shows, refreshes on the server's
// `newsClaims/workspaceIndexUpdated` (at most one fetch per short window, since a workspace build
// sends many) and after a server restart, and drops an answer that a newer fetch has overtaken.
import * as vscode from 'vscode';
import { ErrorCodes, LSPErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import {
  WorkspaceFiguresRequest,
  WorkspaceSourcesRequest,
  type WorkspaceFiguresResult,
  type WorkspaceIndexUpdatedParams,
  type WorkspaceSourcesResult,
} from '../../server/src/protocol';
import type { WorkspaceAnswer } from './workspaceTreeModel';

/**
 * How long index updates are gathered before one fetch. The first build of a large workspace
 * sends an update per batch of articles; fetching for each would redraw the trees many times a
 * second. The window starts at the first update and is not pushed back by later ones (a throttle,
 * not a debounce), so a long build still shows its progress every so often instead of nothing
 * until it ends.
 */
const REFRESH_WINDOW_MS = 400;

/**
 * A refresh of a very large workspace is not cheap for the extension host: with 50,000 claims the
 * answer is about 25 MB of JSON, and buildSourceNodes plus workspaceSignature took 0.4–0.7 s on
 * a synthetic answer of that size (2 shared cores at load 14). So the window also grows
 * to this many times the last refresh's cost, which keeps refreshing to at most a third of the
 * host's time while a long build sends updates; a small workspace keeps the 400 ms window.
 */
const REFRESH_COST_FACTOR = 2;

export type WorkspacePart = 'sources' | 'figures';

const LOADING = { state: 'loading' } as const;

export class WorkspaceModel implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after a fetch brought an answer for either part. */
  readonly onDidChange = this.changeEmitter.event;

  sources: WorkspaceAnswer<WorkspaceSourcesResult> = LOADING;
  figures: WorkspaceAnswer<WorkspaceFiguresResult> = LOADING;

  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** How long the last answered fetch took from request to redrawn tree, for the refresh window. */
  private lastRefreshMs = 0;
  /** Per part: increases on every fetch, so a late answer cannot overwrite a newer one. */
  private readonly generation: Record<WorkspacePart, number> = { sources: 0, figures: 0 };

  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    /** Which parts a view currently shows in workspace mode; only those are fetched. */
    private readonly wantedParts: () => readonly WorkspacePart[],
    private readonly log: vscode.OutputChannel,
  ) {}

  /** Called for every `newsClaims/workspaceIndexUpdated`. */
  indexUpdated(_params: WorkspaceIndexUpdatedParams): void {
    this.scheduleRefresh();
  }

  /** Fetches once the current window closes; an update inside an open window is already covered. */
  scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(
      () => {
        this.refreshTimer = undefined;
        void this.refresh();
      },
      Math.max(REFRESH_WINDOW_MS, REFRESH_COST_FACTOR * this.lastRefreshMs),
    );
  }

  /** Fetches every part a view shows in workspace mode; the others are left as they were. */
  async refresh(): Promise<void> {
    await Promise.all(this.wantedParts().map((part) => this.load(part)));
  }

  /** Fetches both parts whatever the views show, for an export of the whole workspace. */
  async refreshAll(): Promise<void> {
    await Promise.all([this.load('sources'), this.load('figures')]);
  }

  private async load(part: WorkspacePart): Promise<void> {
    const started = Date.now();
    if (part === 'sources') {
      const answer = await this.ask(part, (client) => client.sendRequest(WorkspaceSourcesRequest));
      if (!answer) return;
      this.sources = answer;
    } else {
      const answer = await this.ask(part, (client) => client.sendRequest(WorkspaceFiguresRequest));
      if (!answer) return;
      this.figures = answer;
    }
    // The listeners rebuild the trees synchronously inside fire(), so this measures the request,
    // the transfer and the tree building together.
    this.changeEmitter.fire();
    this.lastRefreshMs = Date.now() - started;
  }

  /**
   * Sends one workspace request and turns the reply into an answer for the views, or undefined
   * when there is nothing to show: no running server, or a newer fetch of the same part started.
   * A null reply means the cross-article features are off.
   */
  private async ask<T>(
    part: WorkspacePart,
    send: (client: LanguageClient) => Promise<T | null>,
  ): Promise<WorkspaceAnswer<T> | undefined> {
    const client = this.getClient();
    if (!client || !client.isRunning()) return undefined;
    const generation = ++this.generation[part];
    let answer: WorkspaceAnswer<T>;
    try {
      const result = await send(client);
      answer = result === null ? { state: 'off' } : { state: 'ready', result };
    } catch (error) {
      // A cancelled request belongs to a server that is going away; the restart refreshes.
      if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return undefined;
      if (!client.isRunning()) return undefined;
      const message =
        error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound
          ? 'This News Claims server does not offer the workspace index (newsClaims/workspace* requests).'
          : `The server could not list the workspace ${part}: ${error instanceof Error ? error.message : String(error)}`;
      this.log.appendLine(`[client] ${message}`);
      answer = { state: 'failed', message };
    }
    return generation === this.generation[part] ? answer : undefined;
  }

  dispose(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.changeEmitter.dispose();
  }
}
