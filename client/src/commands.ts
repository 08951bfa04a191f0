// The extension's commands. Formatting lives in export.ts and argument checking in
// commandArgs.ts; this file only talks to the editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseInsertSnippetArgs, parseRevealArgs } from './commandArgs';
import { COMMANDS } from './commandIds';
import type { Ctx } from './ctx';
import { formatExport, formatForPath, type ExportData, type ExportFormat } from './export';
import { workspaceToCsv, workspaceToMarkdown, type WorkspaceExportData } from './workspaceExport';

/** The claims and figures of the article in the views, or undefined after telling the user why there are none. */
function currentExport(ctx: Ctx): { data: ExportData; document: vscode.TextDocument } | undefined {
  const document = ctx.model.document;
  if (!document) {
    void vscode.window.showInformationMessage('News Claims: open a news article first.');
    return undefined;
  }
  if (!ctx.model.loaded) {
    void vscode.window.showInformationMessage(
      'News Claims: this article has not been analysed yet. Try again in a moment.',
    );
    return undefined;
  }
  return { data: { claims: ctx.model.claims, figures: ctx.model.figures }, document };
}

function articleTitle(document: vscode.TextDocument): string {
  return `Claims and figures: ${path.basename(document.uri.path)}`;
}

async function copyAs(ctx: Ctx, format: ExportFormat): Promise<void> {
  const current = currentExport(ctx);
  if (!current) return;
  await vscode.env.clipboard.writeText(formatExport(format, current.data, articleTitle(current.document)));
  const { claims, figures } = current.data;
  void vscode.window.showInformationMessage(
    `News Claims: copied ${claims.length} claims and ${figures.length} figures as ${format === 'csv' ? 'CSV' : 'a Markdown table'}.`,
  );
}

async function exportToFile(ctx: Ctx): Promise<void> {
  const current = currentExport(ctx);
  if (!current) return;
  const { document, data } = current;
  const baseName = path.basename(document.uri.path).replace(/\.[^.]*$/, '');
  const defaultUri = document.isUntitled
    ? undefined
    : vscode.Uri.joinPath(document.uri, '..', `${baseName || 'article'}.claims.csv`);
  const target = await vscode.window.showSaveDialog({
    defaultUri,
    filters: { 'CSV (spreadsheets)': ['csv'], Markdown: ['md'] },
    saveLabel: 'Export',
    title: 'Export claims and figures',
  });
  if (!target) return;
  const text = formatExport(formatForPath(target.path), data, articleTitle(document));
  await writeExport(target, text, `${data.claims.length} claims and ${data.figures.length} figures`);
}

/**
 * The sources and figures of the whole workspace, fetched afresh, or undefined after telling the
 * user why there are none (server not running, cross-article features off, request failed).
 */
async function workspaceExport(ctx: Ctx): Promise<WorkspaceExportData | undefined> {
  if (!ctx.serverRunning) {
    void vscode.window.showInformationMessage('News Claims: the language server is not running.');
    return undefined;
  }
  await ctx.workspaceModel.refreshAll();
  const { sources, figures } = ctx.workspaceModel;
  if (sources.state === 'ready' && figures.state === 'ready') {
    return {
      sources: sources.result,
      figures: figures.result,
      articleName: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), true),
    };
  }
  if (sources.state === 'off' || figures.state === 'off') {
    void vscode.window.showInformationMessage(
      'News Claims: cross-article features are off (newsClaims.crossArticle.enabled), so there is no workspace index to export.',
    );
  } else {
    const failure = sources.state === 'failed' ? sources.message : figures.state === 'failed' ? figures.message : '';
    void vscode.window.showErrorMessage(`News Claims: the workspace index could not be read. ${failure}`.trim());
  }
  return undefined;
}

const WORKSPACE_TITLE = 'Sources and figures across the workspace';

function formatWorkspace(format: ExportFormat, data: WorkspaceExportData): string {
  return format === 'csv' ? workspaceToCsv(data) : workspaceToMarkdown(data, WORKSPACE_TITLE);
}

function workspaceCounts(data: WorkspaceExportData): string {
  return `${data.sources.sources.length} sources and ${data.figures.measures.length} measures from ${data.sources.indexed} articles`;
}

async function copyWorkspaceAs(ctx: Ctx, format: ExportFormat): Promise<void> {
  const data = await workspaceExport(ctx);
  if (!data) return;
  await vscode.env.clipboard.writeText(formatWorkspace(format, data));
  void vscode.window.showInformationMessage(
    `News Claims: copied ${workspaceCounts(data)} as ${format === 'csv' ? 'CSV' : 'Markdown tables'}.`,
  );
}

async function exportWorkspaceToFile(ctx: Ctx): Promise<void> {
  const data = await workspaceExport(ctx);
  if (!data) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'workspace.claims.csv') : undefined,
    filters: { 'CSV (spreadsheets)': ['csv'], Markdown: ['md'] },
    saveLabel: 'Export',
    title: 'Export sources and figures across the workspace',
  });
  if (!target) return;
  await writeExport(target, formatWorkspace(formatForPath(target.path), data), workspaceCounts(data));
}

/** Writes an export and says so, or names the file it could not write; nothing is lost on failure. */
async function writeExport(target: vscode.Uri, text: string, what: string): Promise<void> {
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`News Claims: exported ${what} to ${path.basename(target.path)}.`);
  } catch (error) {
    const where = target.scheme === 'file' ? target.fsPath : target.toString();
    void vscode.window.showErrorMessage(
      `News Claims: could not write ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The column an already visible editor of the document is in, so revealing does not open a second copy. */
function columnOf(uri: string): vscode.ViewColumn | undefined {
  return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri)?.viewColumn;
}

async function revealRange(uriArg: unknown, rangeArg: unknown): Promise<void> {
  const args = parseRevealArgs(uriArg, rangeArg);
  if (!args) {
    void vscode.window.showErrorMessage('News Claims: "Reveal in Article" needs a document URI and a range.');
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const { start, end } = args.range;
  const selection = document.validateRange(new vscode.Range(start.line, start.character, end.line, end.character));
  const editor = await vscode.window.showTextDocument(document, {
    selection,
    viewColumn: columnOf(args.uri),
    preserveFocus: false,
    preview: false,
  });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Runs the snippet fallback of the "Add attribution…" quick fix. The server computed the position
 * for one version of the document; if the text changed since, inserting there could split a
 * word, so the command declines and asks for the quick fix again.
 */
async function insertAttributionSnippet(raw: unknown): Promise<void> {
  const args = parseInsertSnippetArgs(raw);
  if (!args) {
    void vscode.window.showErrorMessage('News Claims: the attribution quick fix sent malformed arguments.');
    return;
  }
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === args.uri);
  if (!document || document.isClosed) {
    void vscode.window.showWarningMessage('News Claims: the article is no longer open.');
    return;
  }
  if (document.version !== args.version) {
    void vscode.window.showWarningMessage(
      'News Claims: the article changed after the quick fix was offered. Run the quick fix again.',
    );
    return;
  }
  const position = new vscode.Position(args.position.line, args.position.character);
  if (!document.validatePosition(position).isEqual(position)) {
    void vscode.window.showWarningMessage('News Claims: the attribution position is outside the article.');
    return;
  }
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: columnOf(args.uri),
    preserveFocus: false,
  });
  await editor.insertSnippet(new vscode.SnippetString(args.snippet), position);
}

export function registerCommands(ctx: Ctx, refreshViews: () => void): void {
  const register = (id: string, handler: (...args: unknown[]) => unknown): void => {
    ctx.push(vscode.commands.registerCommand(id, handler));
  };
  register(COMMANDS.copyAsCsv, () => copyAs(ctx, 'csv'));
  register(COMMANDS.copyAsMarkdown, () => copyAs(ctx, 'markdown'));
  register(COMMANDS.exportToFile, () => exportToFile(ctx));
  register(COMMANDS.copyWorkspaceAsCsv, () => copyWorkspaceAs(ctx, 'csv'));
  register(COMMANDS.copyWorkspaceAsMarkdown, () => copyWorkspaceAs(ctx, 'markdown'));
  register(COMMANDS.exportWorkspaceToFile, () => exportWorkspaceToFile(ctx));
  register(COMMANDS.showOutput, () => ctx.output.show(true));
  register(COMMANDS.restartServer, async () => {
    ctx.output.appendLine('[client] Restarting the server on request.');
    await ctx.restart();
  });
  register(COMMANDS.refreshViews, async () => {
    await Promise.all([ctx.model.refresh(), ctx.workspaceModel.refresh()]);
    refreshViews();
  });
  register(COMMANDS.showClaimsWorkspace, () => ctx.setMode('claims', 'workspace'));
  register(COMMANDS.showClaimsArticle, () => ctx.setMode('claims', 'article'));
  register(COMMANDS.showFiguresWorkspace, () => ctx.setMode('figures', 'workspace'));
  register(COMMANDS.showFiguresArticle, () => ctx.setMode('figures', 'article'));
  register(COMMANDS.toggleUnattributedOnly, () => ctx.setUnattributedOnly(!ctx.unattributedOnly));
  register(COMMANDS.showUnattributedOnly, () => ctx.setUnattributedOnly(true));
  register(COMMANDS.showAllItems, () => ctx.setUnattributedOnly(false));
  register(COMMANDS.revealRange, (uri, range) => revealRange(uri, range));
  register(COMMANDS.insertAttributionSnippet, (args) => insertAttributionSnippet(args));
}
