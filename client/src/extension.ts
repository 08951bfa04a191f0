// The VS Code entry point: starts the News Claims language server and wires the Claims and
// Figures views, the status bar item and the commands to it. Everything it creates is owned by
// the Ctx, which disposes it on deactivation.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { CONTEXT_KEYS } from './commandIds';
import { Ctx } from './ctx';
import { statusText, type FigureNode } from './treeModel';
import {
  CLAIMS_VIEW_ID,
  ClaimsTreeProvider,
  FIGURES_VIEW_ID,
  FiguresTreeProvider,
  ModeTreeProvider,
  viewDescription,
  WorkspaceFiguresTreeProvider,
  WorkspaceSourcesTreeProvider,
  type ClaimsElement,
  type SourcesElement,
  type WorkspaceFiguresElement,
} from './views';
import { workspaceDescription, workspaceMessage } from './workspaceTreeModel';

let ctx: Ctx | undefined;

/**
 * What activate() returns: the providers the Claims and Figures views are created with (in
 * whichever mode the view is), so the end-to-end tests can read what the views show through
 * `vscode.extensions.getExtension(...).exports`. Nothing else depends on it.
 */
export interface NewsClaimsExtensionApi {
  claimsProvider: ModeTreeProvider<ClaimsElement, SourcesElement>;
  figuresProvider: ModeTreeProvider<FigureNode, WorkspaceFiguresElement>;
  /** The views themselves, so the tests can read the description ("Workspace · 6 articles"). */
  claimsView: vscode.TreeView<ClaimsElement | SourcesElement>;
  figuresView: vscode.TreeView<FigureNode | WorkspaceFiguresElement>;
}

export async function activate(context: vscode.ExtensionContext): Promise<NewsClaimsExtensionApi> {
  const current = new Ctx(context);
  ctx = current;
  const { model, workspaceModel } = current;

  const articleClaims = new ClaimsTreeProvider(model, () => current.unattributedOnly);
  const articleFigures = new FiguresTreeProvider(model, () => current.unattributedOnly);
  const workspaceSources = new WorkspaceSourcesTreeProvider(workspaceModel);
  const workspaceFigures = new WorkspaceFiguresTreeProvider(workspaceModel);
  const claimsProvider = new ModeTreeProvider(articleClaims, workspaceSources, current.mode('claims'));
  const figuresProvider = new ModeTreeProvider(articleFigures, workspaceFigures, current.mode('figures'));
  const claimsView = vscode.window.createTreeView(CLAIMS_VIEW_ID, {
    treeDataProvider: claimsProvider,
    showCollapseAll: true,
  });
  const figuresView = vscode.window.createTreeView(FIGURES_VIEW_ID, {
    treeDataProvider: figuresProvider,
    showCollapseAll: true,
  });
  const status = vscode.window.createStatusBarItem('newsClaims.status', vscode.StatusBarAlignment.Left, 100);
  status.name = 'News Claims';
  status.command = { command: `${CLAIMS_VIEW_ID}.focus`, title: 'Show Claims' };
  current.push(
    articleClaims,
    articleFigures,
    workspaceSources,
    workspaceFigures,
    claimsProvider,
    figuresProvider,
    claimsView,
    figuresView,
    status,
  );

  // The workspace trees are rebuilt only when the index answer or a view's mode changes, and only
  // for a view in workspace mode: an article analysis (every pause in typing) leaves them alone.
  const updateWorkspaceTrees = (force: boolean): void => {
    if (current.mode('claims') === 'workspace') workspaceSources.update(force);
    if (current.mode('figures') === 'workspace') workspaceFigures.update(force);
  };

  const render = (force: boolean): void => {
    articleClaims.update(force);
    articleFigures.update(force);
    if (force) updateWorkspaceTrees(true);
    claimsProvider.setMode(current.mode('claims'));
    figuresProvider.setMode(current.mode('figures'));
    const claimsInWorkspace = current.mode('claims') === 'workspace';
    const figuresInWorkspace = current.mode('figures') === 'workspace';
    const document = model.document;
    const unattributed = articleClaims.unattributedCount();
    // The badge counts the current article's unattributed claims, so it is shown only while the
    // Claims view shows that article; in workspace mode it would describe something not in view.
    claimsView.badge =
      document && unattributed > 0 && !claimsInWorkspace
        ? { value: unattributed, tooltip: `${unattributed} unattributed ${unattributed === 1 ? 'claim' : 'claims'}` }
        : undefined;
    const description = viewDescription(document);
    claimsView.description = claimsInWorkspace ? workspaceDescription(workspaceModel.sources) : description;
    figuresView.description = figuresInWorkspace ? workspaceDescription(workspaceModel.figures) : description;
    const filterNote = current.unattributedOnly ? 'Showing unattributed items only.' : undefined;
    claimsView.message = claimsInWorkspace ? workspaceMessage(workspaceModel.sources) : filterNote;
    figuresView.message = figuresInWorkspace ? workspaceMessage(workspaceModel.figures) : filterNote;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.articleActive, document !== undefined);
    if (!document) {
      status.hide();
      return;
    }
    if (model.loaded) {
      status.text = statusText(unattributed);
      status.tooltip = `News Claims: ${model.claims.length} claims, ${unattributed} without a source, ${model.figures.length} figures. Click to show the Claims view.`;
    } else if (current.serverRunning) {
      status.text = '$(sync~spin) News Claims';
      status.tooltip = 'News Claims is analysing this article.';
    } else {
      status.text = '$(circle-slash) News Claims';
      status.tooltip =
        'The News Claims server is not running. Run "News Claims: Restart Language Server" or see its output.';
    }
    status.backgroundColor =
      unattributed > 0 && model.loaded ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    status.show();
  };

  current.push(
    model.onDidChange(() => render(false)),
    workspaceModel.onDidChange(() => {
      updateWorkspaceTrees(false);
      render(false);
    }),
    current.onDidChangeMode(() => {
      updateWorkspaceTrees(false);
      render(false);
    }),
    current.onDidChangeFilter(() => render(false)),
    current.onDidChangeServerState(() => render(false)),
    vscode.window.onDidChangeActiveTextEditor((editor) => model.followEditor(editor)),
    vscode.workspace.onDidCloseTextDocument((document) => model.documentClosed(document)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('newsClaims.languages')) {
        current.output.appendLine('[client] newsClaims.languages changed; restarting the server.');
        void current.restart();
      }
    }),
  );
  registerCommands(current, () => render(true));
  render(false);
  await current.start();
  return { claimsProvider, figuresProvider, claimsView, figuresView };
}

export async function deactivate(): Promise<void> {
  const current = ctx;
  ctx = undefined;
  await current?.dispose();
}
