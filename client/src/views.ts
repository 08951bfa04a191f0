// The Claims and Figures tree views. They render the shared ArticleModel; the grouping and the
// change detection live in treeModel.ts so they can be tested without an editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimItem, ClaimSourceKind, FigureItem } from '../../server/src/protocol';
import type { ArticleModel } from './articleModel';
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

export const CLAIMS_VIEW_ID = 'newsClaims.claims';
export const FIGURES_VIEW_ID = 'newsClaims.figures';
export const REVEAL_RANGE_COMMAND = 'newsClaims.revealRange';

type ClaimsElement = { type: 'group'; group: ClaimGroup } | { type: 'claim'; node: ClaimNode; group: ClaimGroup };

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

function claimIcon(claim: ClaimItem): vscode.ThemeIcon {
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
