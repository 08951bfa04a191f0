// The Claims and Figures tree views. They render the shared ArticleModel; the grouping and the
// change detection live in treeModel.ts so they can be tested without an editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimItem, ClaimSourceKind, FigureItem } from '../../server/src/protocol';
import type { ArticleModel } from './articleModel';
import { COMMANDS } from './commandIds';
import {
  claimsSignature,
  countUnattributed,
  describeClaim,
  describeFigure,
  figuresSignature,
  groupClaims,
  listFigures,
  type ClaimGroup,
  type ClaimNode,
  type FigureNode,
} from './treeModel';
import type { ViewMode } from './ctx';
import type { WorkspaceModel } from './workspaceModel';
import {
  buildMeasureNodes,
  buildSourceNodes,
  CROSS_ARTICLE_SETTING,
  describeMeasure,
  describeSource,
  describeWorkspaceClaim,
  describeWorkspaceFigure,
  measureLabel,
  workspaceFigureLabel,
  workspaceSignature,
  type FiguresTreeRoot,
  type MeasureNode,
  type MessageNode,
  type SourceArticleNode,
  type SourceNode,
  type SourcesTreeRoot,
  type WorkspaceClaimNode,
  type WorkspaceFigureNode,
} from './workspaceTreeModel';

export const CLAIMS_VIEW_ID = 'newsClaims.claims';
export const FIGURES_VIEW_ID = 'newsClaims.figures';
export const REVEAL_RANGE_COMMAND = COMMANDS.revealRange;

export type ClaimsElement =
  { type: 'group'; group: ClaimGroup } | { type: 'claim'; node: ClaimNode; group: ClaimGroup };

function revealCommand(uri: vscode.Uri, range: ClaimItem['range']): vscode.Command {
  return { command: REVEAL_RANGE_COMMAND, title: 'Reveal in Article', arguments: [uri.toString(), range] };
}

/** The full sentence as a tooltip; appendText escapes it, so article text cannot inject Markdown or links. */
function sentenceTooltip(heading: string, sentence: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**');
  tooltip.appendText(heading);
  tooltip.appendMarkdown('**\n\n');
  tooltip.appendText(sentence);
  return tooltip;
}

const warningIcon = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));

function claimIcon(claim: Pick<ClaimItem, 'attributed' | 'kind'>): vscode.ThemeIcon {
  if (!claim.attributed) return warningIcon;
  switch (claim.kind) {
    case 'figure':
      return new vscode.ThemeIcon('symbol-number');
    case 'comparison':
      return new vscode.ThemeIcon('arrow-swap');
    default:
      return new vscode.ThemeIcon('quote');
  }
}

/** Codicons for the kinds of source; a source whose kind the server did not resolve gets a plain comment icon. */
const SOURCE_ICONS: Record<ClaimSourceKind, string> = {
  person: 'person',
  organization: 'organization',
  place: 'globe',
  anonymous: 'eye-closed',
};

function groupIcon(group: ClaimGroup): vscode.ThemeIcon {
  if (group.unattributed) return warningIcon;
  if (group.sourceKind !== null) return new vscode.ThemeIcon(SOURCE_ICONS[group.sourceKind]);
  return new vscode.ThemeIcon(group.source === null ? 'question' : 'comment');
}

export class ClaimsTreeProvider implements vscode.TreeDataProvider<ClaimsElement>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ClaimsElement | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private groups: ClaimGroup[] = [];
  private signature = '';

  constructor(
    private readonly model: ArticleModel,
    private readonly isUnattributedOnly: () => boolean,
  ) {}

  /** Recomputes the groups and fires a refresh only when something visible changed. */
  update(force = false): void {
    this.groups = groupClaims(this.model.claims, this.isUnattributedOnly());
    const signature = `${this.model.document?.uri.toString() ?? ''}\n${claimsSignature(this.groups)}`;
    if (!force && signature === this.signature) return;
    this.signature = signature;
    this.changeEmitter.fire(undefined);
  }

  getChildren(element?: ClaimsElement): ClaimsElement[] {
    if (!element) return this.groups.map((group) => ({ type: 'group', group }));
    if (element.type === 'claim') return [];
    return element.group.claims.map((node) => ({ type: 'claim', node, group: element.group }));
  }

  getParent(element: ClaimsElement): ClaimsElement | undefined {
    return element.type === 'claim' ? { type: 'group', group: element.group } : undefined;
  }

  getTreeItem(element: ClaimsElement): vscode.TreeItem {
    if (element.type === 'group') {
      const { group } = element;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = group.id;
      item.description = `${group.claims.length} ${group.claims.length === 1 ? 'claim' : 'claims'}`;
      item.iconPath = groupIcon(group);
      item.contextValue = group.unattributed ? 'newsClaims.group.unattributed' : 'newsClaims.group.source';
      item.tooltip = group.unattributed
        ? 'Claims that rest on no source. Add attribution with the quick fix on each one.'
        : `Claims attributed to ${group.label}`;
      return item;
    }
    const { claim } = element.node;
    const item = new vscode.TreeItem(claim.text, vscode.TreeItemCollapsibleState.None);
    item.id = element.node.id;
    item.description = describeClaim(claim);
    item.iconPath = claimIcon(claim);
    item.tooltip = sentenceTooltip(
      claim.attributed ? `${claim.source ?? 'Unnamed source'} ${claim.cue ?? ''}`.trim() : 'Unattributed',
      claim.sentence,
    );
    item.contextValue = claim.attributed ? 'newsClaims.claim' : 'newsClaims.claim.unattributed';
    const uri = this.model.document?.uri;
    if (uri) item.command = revealCommand(uri, claim.range);
    return item;
  }

  unattributedCount(): number {
    return countUnattributed(this.model.claims);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export class FiguresTreeProvider implements vscode.TreeDataProvider<FigureNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<FigureNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private nodes: FigureNode[] = [];
  private signature = '';

  constructor(
    private readonly model: ArticleModel,
    private readonly isUnattributedOnly: () => boolean,
  ) {}

  update(force = false): void {
    this.nodes = listFigures(this.model.figures, this.isUnattributedOnly());
    const signature = `${this.model.document?.uri.toString() ?? ''}\n${figuresSignature(this.nodes)}`;
    if (!force && signature === this.signature) return;
    this.signature = signature;
    this.changeEmitter.fire(undefined);
  }

  getChildren(element?: FigureNode): FigureNode[] {
    return element ? [] : this.nodes;
  }

  getTreeItem(node: FigureNode): vscode.TreeItem {
    const figure: FigureItem = node.figure;
    const item = new vscode.TreeItem(figure.text, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = describeFigure(figure);
    item.iconPath = figure.source === null ? warningIcon : new vscode.ThemeIcon('symbol-number');
    item.tooltip = sentenceTooltip(
      figure.source === null ? 'Unattributed figure' : `Source: ${figure.source}`,
      figure.sentence,
    );
    item.contextValue = figure.source === null ? 'newsClaims.figure.unattributed' : 'newsClaims.figure';
    const uri = this.model.document?.uri;
    if (uri) item.command = revealCommand(uri, figure.range);
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** The file name shown next to the view titles, so it is clear which article the views describe. */
export function viewDescription(document: vscode.TextDocument | undefined): string | undefined {
  if (!document) return undefined;
  return document.isUntitled ? document.uri.path : path.basename(document.uri.path);
}

const SOURCE_KIND_NAMES: Record<ClaimSourceKind, string> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
  anonymous: 'Anonymous source',
};

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.description;
  item.tooltip = node.tooltip;
  item.iconPath =
    node.icon === 'error'
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
      : new vscode.ThemeIcon('info');
  item.contextValue = 'newsClaims.message';
  if (node.action === 'openSetting') {
    item.command = {
      command: 'workbench.action.openSettings',
      title: 'Open Setting',
      arguments: [CROSS_ARTICLE_SETTING],
    };
  } else if (node.action === 'showOutput') {
    item.command = { command: COMMANDS.showOutput, title: 'Show Output' };
  }
  return item;
}

/** A tooltip that names the article by its path in the workspace, not only its file name. */
function articlePath(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), true);
}

/**
 * Fires a refresh only when what a view displays changed, like the article-mode providers: an
 * index update for an article that quotes nobody new must not redraw (and so flicker) the tree.
 */
abstract class WorkspaceTreeProvider<Root extends { id: string }, Element>
  implements vscode.TreeDataProvider<Element>, vscode.Disposable
{
  private readonly changeEmitter = new vscode.EventEmitter<Element | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  protected roots: Root[] = [];
  private signature = '';

  protected abstract buildRoots(): Root[];
  abstract getChildren(element?: Element): Element[];
  abstract getTreeItem(element: Element): vscode.TreeItem;

  update(force = false): void {
    this.roots = this.buildRoots();
    const signature = workspaceSignature(this.roots);
    if (!force && signature === this.signature) return;
    this.signature = signature;
    this.changeEmitter.fire(undefined);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** Elements of the Sources tree in workspace mode; parents are kept so getParent needs no search. */
export type SourcesElement =
  | { workspace: true; type: 'message'; node: MessageNode }
  | { workspace: true; type: 'source'; node: SourceNode }
  | { workspace: true; type: 'article'; node: SourceArticleNode; source: SourceNode }
  | { workspace: true; type: 'claim'; node: WorkspaceClaimNode; article: SourceArticleNode; source: SourceNode };

/** The Claims view in workspace mode: sources across all articles → articles → claims. */
export class WorkspaceSourcesTreeProvider extends WorkspaceTreeProvider<SourcesTreeRoot, SourcesElement> {
  constructor(private readonly model: WorkspaceModel) {
    super();
  }

  protected buildRoots(): SourcesTreeRoot[] {
    return buildSourceNodes(this.model.sources);
  }

  getChildren(element?: SourcesElement): SourcesElement[] {
    if (!element) {
      return this.roots.map((node) =>
        node.type === 'message'
          ? { workspace: true, type: 'message', node }
          : { workspace: true, type: 'source', node },
      );
    }
    if (element.type === 'source') {
      return element.node.articles.map((node) => ({ workspace: true, type: 'article', node, source: element.node }));
    }
    if (element.type === 'article') {
      return element.node.claims.map((node) => ({
        workspace: true,
        type: 'claim',
        node,
        article: element.node,
        source: element.source,
      }));
    }
    return [];
  }

  getParent(element: SourcesElement): SourcesElement | undefined {
    if (element.type === 'article') return { workspace: true, type: 'source', node: element.source };
    if (element.type === 'claim') {
      return { workspace: true, type: 'article', node: element.article, source: element.source };
    }
    return undefined;
  }

  getTreeItem(element: SourcesElement): vscode.TreeItem {
    switch (element.type) {
      case 'message':
        return messageItem(element.node);
      case 'source': {
        const source = element.node;
        const item = new vscode.TreeItem(source.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = source.id;
        item.description = describeSource(source);
        item.iconPath = new vscode.ThemeIcon(source.kind === null ? 'comment' : SOURCE_ICONS[source.kind]);
        const tooltip = new vscode.MarkdownString();
        tooltip.appendMarkdown('**');
        tooltip.appendText(source.name);
        tooltip.appendMarkdown('**\n\n');
        tooltip.appendText(`${source.kind === null ? 'Source' : SOURCE_KIND_NAMES[source.kind]} · ${item.description}`);
        if (source.variants.length > 0) {
          tooltip.appendMarkdown('\n\n');
          tooltip.appendText(`Also written: ${source.variants.join(', ')}`);
        }
        item.tooltip = tooltip;
        item.contextValue = 'newsClaims.workspaceSource';
        return item;
      }
      case 'article': {
        const article = element.node;
        const item = new vscode.TreeItem(article.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = article.id;
        item.resourceUri = vscode.Uri.parse(article.uri);
        item.description = `${article.claims.length} ${article.claims.length === 1 ? 'claim' : 'claims'}`;
        item.iconPath = vscode.ThemeIcon.File;
        item.tooltip = articlePath(article.uri);
        item.contextValue = 'newsClaims.workspaceArticle';
        return item;
      }
      case 'claim': {
        const { claim } = element.node;
        const item = new vscode.TreeItem(claim.text, vscode.TreeItemCollapsibleState.None);
        item.id = element.node.id;
        item.description = describeWorkspaceClaim(claim);
        item.iconPath = claimIcon({ attributed: claim.attributed, kind: claim.kind });
        item.tooltip = sentenceTooltip(`${element.source.name} · ${element.article.label}`, claim.text);
        item.contextValue = claim.attributed ? 'newsClaims.claim' : 'newsClaims.claim.unattributed';
        item.command = revealCommand(vscode.Uri.parse(claim.uri), claim.range);
        return item;
      }
    }
  }
}

export type WorkspaceFiguresElement =
  | { workspace: true; type: 'message'; node: MessageNode }
  | { workspace: true; type: 'measure'; node: MeasureNode }
  | { workspace: true; type: 'figure'; node: WorkspaceFigureNode; measure: MeasureNode };

/** The Figures view in workspace mode: measures (what is counted over which period) → figures. */
export class WorkspaceFiguresTreeProvider extends WorkspaceTreeProvider<FiguresTreeRoot, WorkspaceFiguresElement> {
  constructor(private readonly model: WorkspaceModel) {
    super();
  }

  protected buildRoots(): FiguresTreeRoot[] {
    return buildMeasureNodes(this.model.figures);
  }

  getChildren(element?: WorkspaceFiguresElement): WorkspaceFiguresElement[] {
    if (!element) {
      return this.roots.map((node) =>
        node.type === 'message'
          ? { workspace: true, type: 'message', node }
          : { workspace: true, type: 'measure', node },
      );
    }
    if (element.type === 'measure') {
      return element.node.figures.map((node) => ({ workspace: true, type: 'figure', node, measure: element.node }));
    }
    return [];
  }

  getParent(element: WorkspaceFiguresElement): WorkspaceFiguresElement | undefined {
    return element.type === 'figure' ? { workspace: true, type: 'measure', node: element.measure } : undefined;
  }

  getTreeItem(element: WorkspaceFiguresElement): vscode.TreeItem {
    switch (element.type) {
      case 'message':
        return messageItem(element.node);
      case 'measure': {
        const measure = element.node;
        // Conflicts open expanded: they are what the view is for. Agreeing groups stay folded.
        const item = new vscode.TreeItem(
          measureLabel(measure),
          measure.conflict ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = measure.id;
        item.description = describeMeasure(measure);
        item.iconPath = measure.conflict ? warningIcon : new vscode.ThemeIcon('symbol-number');
        item.tooltip = measure.conflict
          ? `Articles in the workspace give different figures for ${measureLabel(measure)}.`
          : `Every article in the workspace agrees on ${measureLabel(measure)}.`;
        item.contextValue = measure.conflict ? 'newsClaims.measure.conflict' : 'newsClaims.measure';
        return item;
      }
      case 'figure': {
        const { figure } = element.node;
        const item = new vscode.TreeItem(workspaceFigureLabel(figure), vscode.TreeItemCollapsibleState.None);
        item.id = element.node.id;
        item.description = describeWorkspaceFigure(element.node);
        item.iconPath = figure.conflict ? warningIcon : new vscode.ThemeIcon('symbol-number');
        item.tooltip = sentenceTooltip(
          `${figure.text}${figure.conflict ? ' (disagrees with another article)' : ''} · ${articlePath(figure.uri)}`,
          figure.sentence,
        );
        item.contextValue = figure.conflict ? 'newsClaims.figure.conflict' : 'newsClaims.figure';
        item.command = revealCommand(vscode.Uri.parse(figure.uri), figure.range);
        return item;
      }
    }
  }
}

/** A tree provider that announces its changes with an element or undefined (the whole tree), as ours all do. */
interface UpdatingTreeProvider<T> extends vscode.TreeDataProvider<T> {
  readonly onDidChangeTreeData: vscode.Event<T | undefined>;
}

/**
 * The provider a view is created with. A TreeView keeps its provider for life, so switching
 * between the current article and the workspace happens here: each mode has its own provider, and
 * a switch redraws the whole tree. Workspace elements carry `workspace: true`, so an element the
 * tree still holds from before a switch is always handed to the provider that made it.
 */
export class ModeTreeProvider<ArticleElement extends object, WorkspaceElement extends { workspace: true }>
  implements vscode.TreeDataProvider<ArticleElement | WorkspaceElement>, vscode.Disposable
{
  private readonly changeEmitter = new vscode.EventEmitter<ArticleElement | WorkspaceElement | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly article: UpdatingTreeProvider<ArticleElement>,
    readonly workspace: UpdatingTreeProvider<WorkspaceElement>,
    private currentMode: ViewMode,
  ) {
    this.subscriptions = [
      article.onDidChangeTreeData((element) => {
        if (this.currentMode === 'article') this.changeEmitter.fire(element);
      }),
      workspace.onDidChangeTreeData((element) => {
        if (this.currentMode === 'workspace') this.changeEmitter.fire(element);
      }),
    ];
  }

  get mode(): ViewMode {
    return this.currentMode;
  }

  setMode(mode: ViewMode): void {
    if (mode === this.currentMode) return;
    this.currentMode = mode;
    this.changeEmitter.fire(undefined);
  }

  private isWorkspaceElement(element: ArticleElement | WorkspaceElement): element is WorkspaceElement {
    return 'workspace' in element && element.workspace === true;
  }

  getChildren(
    element?: ArticleElement | WorkspaceElement,
  ): vscode.ProviderResult<(ArticleElement | WorkspaceElement)[]> {
    if (element === undefined) {
      return this.currentMode === 'workspace' ? this.workspace.getChildren() : this.article.getChildren();
    }
    return this.isWorkspaceElement(element) ? this.workspace.getChildren(element) : this.article.getChildren(element);
  }

  getTreeItem(element: ArticleElement | WorkspaceElement): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.isWorkspaceElement(element) ? this.workspace.getTreeItem(element) : this.article.getTreeItem(element);
  }

  getParent(element: ArticleElement | WorkspaceElement): vscode.ProviderResult<ArticleElement | WorkspaceElement> {
    return this.isWorkspaceElement(element) ? this.workspace.getParent?.(element) : this.article.getParent?.(element);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}
