// The claims and figures of the article in the active editor, fetched from the server. Both tree
// views and the status bar read this one model, so they always show the same analysis.
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import {
  ClaimsRequest,
  FiguresRequest,
  type AnalysisUpdatedParams,
  type ClaimItem,
  type FigureItem,
} from '../../server/src/protocol';
import { isArticleLanguage } from './treeModel';

/** How long to wait after an analysis notification before asking for the new claims; typing sends many. */
const REFRESH_DEBOUNCE_MS = 150;

export class ArticleModel implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after the claims or figures changed, or the active article did. */
  readonly onDidChange = this.changeEmitter.event;

  /** The article shown in the views, or undefined when the active editor holds no article. */
  document: vscode.TextDocument | undefined;
  claims: ClaimItem[] = [];
  figures: FigureItem[] = [];
  /** False until the server has answered for the current document. */
  loaded = false;

  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Increases on every fetch and every change of document, so a late answer cannot overwrite a newer one. */
  private generation = 0;
  private languages: readonly string[] = [];

  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    private readonly log: vscode.OutputChannel,
  ) {}

  setLanguages(languages: readonly string[]): void {
    this.languages = languages;
    this.followEditor(vscode.window.activeTextEditor);
  }

  isArticle(document: vscode.TextDocument): boolean {
    return isArticleLanguage(document.languageId, this.languages);
  }

  /**
   * Follows the active editor. Focus moving to a panel or a view leaves no active editor; the
   * views then keep the last article rather than going blank under the user's click.
   */
  followEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor) {
      if (this.document && this.document.isClosed) this.show(undefined);
      return;
    }
    const document = this.isArticle(editor.document) ? editor.document : undefined;
    if (document?.uri.toString() === this.document?.uri.toString()) return;
    this.show(document);
  }

  documentClosed(document: vscode.TextDocument): void {
    if (this.document?.uri.toString() === document.uri.toString()) this.show(undefined);
  }

  /** Called for every `newsClaims/analysisUpdated`; only the shown article's updates matter. */
  analysisUpdated(params: AnalysisUpdatedParams): void {
    if (params.uri !== this.document?.uri.toString()) return;
    this.scheduleRefresh();
  }

  scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

  private show(document: vscode.TextDocument | undefined): void {
    this.generation++;
    this.document = document;
    this.claims = [];
    this.figures = [];
    this.loaded = false;
    this.changeEmitter.fire();
    if (document) void this.refresh();
  }

  /** Asks the server for the shown article's claims and figures and publishes them if they are still current. */
  async refresh(): Promise<void> {
    const document = this.document;
    const client = this.getClient();
    if (!document || !client || !client.isRunning()) return;
    const generation = ++this.generation;
    const params = { uri: document.uri.toString(), version: document.version };
    try {
      const [claims, figures] = await Promise.all([
        client.sendRequest(ClaimsRequest, params),
        client.sendRequest(FiguresRequest, params),
      ]);
      if (generation !== this.generation || document !== this.document) return;
      this.claims = claims?.claims ?? [];
      this.figures = figures?.figures ?? [];
      this.loaded = true;
      this.changeEmitter.fire();
    } catch (error) {
      // The document moved on while the server answered; its next analysis notification will
      // bring a fresh answer, so this one is dropped quietly.
      if (error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified) return;
      if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return;
      if (!client.isRunning()) return;
      this.log.appendLine(
        `[client] Could not fetch claims for ${document.uri.toString()}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  dispose(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.changeEmitter.dispose();
  }
}
