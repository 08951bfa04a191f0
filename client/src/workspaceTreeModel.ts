// What the Claims and Figures views show in workspace mode, computed from the server's answers to
// `newsClaims/workspaceSources` and `newsClaims/workspaceFigures` without touching the editor.
// Pure (no vscode import), like treeModel.ts, so grouping, labels, ordering, conflict marking and
// the "cross-article features are off" item are unit-tested directly.
import type {
  ClaimSourceKind,
  WorkspaceClaimItem,
  WorkspaceFigureItem,
  WorkspaceFiguresResult,
  WorkspaceMeasureItem,
  WorkspaceSourceItem,
  WorkspaceSourcesResult,
} from '../../server/src/protocol';
import { formatValue } from './treeModel';

/** The setting that turns the cross-article index on; the "off" item opens it. */
export const CROSS_ARTICLE_SETTING = 'newsClaims.crossArticle.enabled';

/**
 * What the client knows about one workspace request: nothing yet, the server's "off" (a null
 * answer), a failure it could not recover from, or a result.
 */
export type WorkspaceAnswer<T> =
  { state: 'loading' } | { state: 'off' } | { state: 'failed'; message: string } | { state: 'ready'; result: T };

/**
 * A row that is not data: the features are off, the request failed, or there is nothing to show.
 * `action` names what clicking it does, so the view can attach the matching command.
 */
export interface MessageNode {
  type: 'message';
  id: string;
  label: string;
  description: string;
  tooltip: string;
  icon: 'info' | 'error';
  action: 'openSetting' | 'showOutput' | null;
}

export interface WorkspaceClaimNode {
  type: 'claim';
  id: string;
  claim: WorkspaceClaimItem;
}

/** One article under a source: the claims that article attributes to the source, in article order. */
export interface SourceArticleNode {
  type: 'article';
  id: string;
  uri: string;
  /** The article's file name, decoded from its URI. */
  label: string;
  claims: WorkspaceClaimNode[];
}

export interface SourceNode {
  type: 'source';
  id: string;
  name: string;
  kind: ClaimSourceKind | null;
  variants: string[];
  claimCount: number;
  articles: SourceArticleNode[];
}

export interface WorkspaceFigureNode {
  type: 'figure';
  id: string;
  figure: WorkspaceFigureItem;
  /** The article's file name, decoded from its URI. */
  fileName: string;
}

export interface MeasureNode {
  type: 'measure';
  id: string;
  unit: string;
  timeFrame: string | null;
  conflict: boolean;
  articleCount: number;
  figures: WorkspaceFigureNode[];
}

export type SourcesTreeRoot = SourceNode | MessageNode;
export type FiguresTreeRoot = MeasureNode | MessageNode;

const OFF_MESSAGE: MessageNode = {
  type: 'message',
  id: 'message:off',
  label: 'Cross-article features are off',
  description: 'Open setting',
  tooltip: `Workspace mode needs the cross-article index. Turn on ${CROSS_ARTICLE_SETTING} to see every article's sources and figures here.`,
  icon: 'info',
  action: 'openSetting',
};

function failedMessage(message: string): MessageNode {
  return {
    type: 'message',
    id: 'message:failed',
    label: 'Could not read the workspace index',
    description: 'Show output',
    tooltip: message,
    icon: 'error',
    action: 'showOutput',
  };
}

function emptyMessage(what: string, building: boolean): MessageNode {
  return {
    type: 'message',
    id: 'message:empty',
    label: building ? 'Indexing the workspace…' : `No ${what} in the workspace yet`,
    description: '',
    tooltip: building
      ? `The ${what} appear here as the articles are indexed.`
      : `None of the workspace's articles has ${what} that News Claims recognises.`,
    icon: 'info',
    action: null,
  };
}

/** The roots a workspace view shows for an answer that is not a result; null when there is a result. */
function nonResultRoots(answer: WorkspaceAnswer<unknown>): MessageNode[] | null {
  switch (answer.state) {
    case 'loading':
      return [];
    case 'off':
      return [OFF_MESSAGE];
    case 'failed':
      return [failedMessage(answer.message)];
    default:
      return null;
  }
}

/** The last path segment of a URI, percent-decoded; a malformed escape is shown as written. */
export function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const segment = path.slice(path.lastIndexOf('/') + 1) || path;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type Positioned = { range: WorkspaceClaimItem['range'] };

function compareByPosition(a: Positioned, b: Positioned): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Appends `#n` to repeated keys so that two identical claims or figures get distinct, stable ids. */
function counted(prefix: string): (key: string) => string {
  const seen = new Map<string, number>();
  return (key) => {
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return `${prefix}${key}#${count}`;
  };
}

/**
 * Groups each source's claims by article. Sources come most-quoted first (claims, then articles,
 * then name), whatever order the server used, so the view is stable between refreshes; the articles
 * under a source come by file name and their claims in article order. Ids are built from names,
 * URIs and texts, never positions, so an edit elsewhere does not collapse the tree.
 */
export function buildSourceNodes(answer: WorkspaceAnswer<WorkspaceSourcesResult>): SourcesTreeRoot[] {
  const other = nonResultRoots(answer);
  if (other) return other;
  if (answer.state !== 'ready') return [];
  const { result } = answer;
  // A person and an organisation can share a name; the counter keeps their ids apart, because a
  // tree with two equal ids fails to render at all.
  const sourceId = counted('ws-source:');
  const nodes = result.sources.map((source) => sourceNode(source, sourceId(source.name)));
  nodes.sort(
    (a, b) =>
      b.claimCount - a.claimCount || b.articles.length - a.articles.length || a.name.localeCompare(b.name, 'en'),
  );
  return nodes.length > 0 ? nodes : [emptyMessage('sources', result.building)];
}

function sourceNode(source: WorkspaceSourceItem, id: string): SourceNode {
  const byUri = new Map<string, WorkspaceClaimItem[]>();
  for (const claim of source.claims) {
    const list = byUri.get(claim.uri);
    if (list) list.push(claim);
    else byUri.set(claim.uri, [claim]);
  }
  const articles = [...byUri].map(([uri, claims]): SourceArticleNode => {
    const articleId = `${id}/${uri}`;
    const claimId = counted(`${articleId}/claim:`);
    return {
      type: 'article',
      id: articleId,
      uri,
      label: fileNameOf(uri),
      claims: [...claims].sort(compareByPosition).map((claim) => ({ type: 'claim', id: claimId(claim.text), claim })),
    };
  });
  articles.sort((a, b) => a.label.localeCompare(b.label, 'en') || a.uri.localeCompare(b.uri));
  const variants = [...new Set(source.variants.filter((variant) => variant !== source.name))];
  return {
    type: 'source',
    id,
    name: source.name,
    kind: source.kind,
    variants,
    claimCount: source.claims.length,
    articles,
  };
}

/**
 * Lists the measures with their figures. Measures with a conflict come first because that is what
 * a fact-checker has to act on, then the ones with the most figures, then by label. Inside a
 * measure the figures come by value, so the ones that disagree stand apart, then by file name.
 */
export function buildMeasureNodes(answer: WorkspaceAnswer<WorkspaceFiguresResult>): FiguresTreeRoot[] {
  const other = nonResultRoots(answer);
  if (other) return other;
  if (answer.state !== 'ready') return [];
  const { result } = answer;
  const measureId = counted('ws-measure:');
  const nodes = result.measures.map((measure) =>
    measureNode(measure, measureId(`${measure.unit}|${measure.timeFrame ?? ''}`)),
  );
  nodes.sort(
    (a, b) =>
      Number(b.conflict) - Number(a.conflict) ||
      b.figures.length - a.figures.length ||
      measureLabel(a).localeCompare(measureLabel(b), 'en'),
  );
  return nodes.length > 0 ? nodes : [emptyMessage('comparable figures', result.building)];
}

function measureNode(measure: WorkspaceMeasureItem, id: string): MeasureNode {
  const figureId = counted(`${id}/`);
  const figures = [...measure.figures]
    .map((figure) => ({ figure, fileName: fileNameOf(figure.uri) }))
    .sort(
      (a, b) =>
        a.figure.value - b.figure.value ||
        (a.figure.valueHigh ?? a.figure.value) - (b.figure.valueHigh ?? b.figure.value) ||
        a.fileName.localeCompare(b.fileName, 'en') ||
        a.figure.uri.localeCompare(b.figure.uri) ||
        compareByPosition(a.figure, b.figure),
    )
    .map(({ figure, fileName }): WorkspaceFigureNode => {
      return { type: 'figure', id: figureId(`${figure.uri}/${figure.text}`), figure, fileName };
    });
  return {
    type: 'measure',
    id,
    unit: measure.unit,
    timeFrame: measure.timeFrame,
    // A group is marked when the server says so or when any of its figures is marked, so the two
    // levels of the tree cannot disagree.
    conflict: measure.conflict || measure.figures.some((figure) => figure.conflict),
    articleCount: new Set(measure.figures.map((figure) => figure.uri)).size,
    figures,
  };
}

const CALENDAR_WORDS =
  /\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/g;

/**
 * The server sends time frames lower-cased for comparison ("since september 30"); month and day
 * names get their capital back for display. "may" is always taken for the month: inside a time
 * frame phrase it cannot be the verb.
 */
export function displayTimeFrame(timeFrame: string): string {
  return timeFrame.replace(CALENDAR_WORDS, (word) => word.charAt(0).toUpperCase() + word.slice(1));
}

/** "sortie · since September 30", or just "sortie" when no time frame is stated. */
export function measureLabel(measure: Pick<MeasureNode, 'unit' | 'timeFrame'>): string {
  return measure.timeFrame === null ? measure.unit : `${measure.unit} · ${displayTimeFrame(measure.timeFrame)}`;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "conflict · 3 figures in 2 articles", or without "conflict" when the figures agree. */
export function describeMeasure(measure: MeasureNode): string {
  const counts = `${plural(measure.figures.length, 'figure')} in ${plural(measure.articleCount, 'article')}`;
  return measure.conflict ? `conflict · ${counts}` : counts;
}

/** "12 claims in 4 articles". */
export function describeSource(source: SourceNode): string {
  return `${plural(source.claimCount, 'claim')} in ${plural(source.articles.length, 'article')}`;
}

/** The figure's value as a label: "670", "40–45". */
export function workspaceFigureLabel(figure: WorkspaceFigureItem): string {
  return formatValue(figure.value, figure.valueHigh);
}

/** After a figure's value: the qualifier, the source and the article, e.g. "about · Gen. Okafor · ferry.news". */
export function describeWorkspaceFigure(node: WorkspaceFigureNode): string {
  const { figure } = node;
  const parts: string[] = [];
  if (figure.qualifier !== null) parts.push(figure.qualifier);
  parts.push(figure.source ?? 'unattributed', node.fileName);
  return parts.join(' · ');
}

/** After a claim in workspace mode: its kind, and "unattributed" when it rests on no source. */
export function describeWorkspaceClaim(claim: WorkspaceClaimItem): string {
  return claim.attributed ? claim.kind : `${claim.kind} · unattributed`;
}

/**
 * The view's description in workspace mode: "Workspace · 124 articles", with "indexing…" while
 * the first build runs, and "Workspace" alone until the server has answered.
 */
export function workspaceDescription(answer: WorkspaceAnswer<{ indexed: number; building: boolean }>): string {
  if (answer.state === 'off') return 'Workspace · off';
  if (answer.state !== 'ready') return 'Workspace';
  const { indexed, building } = answer.result;
  const articles = plural(indexed, 'article');
  return building ? `Workspace · indexing… (${articles})` : `Workspace · ${articles}`;
}

/** The note above a workspace tree: only while the first answer is awaited, since the tree is empty then. */
export function workspaceMessage(answer: WorkspaceAnswer<unknown>): string | undefined {
  return answer.state === 'loading' ? 'Reading the workspace index…' : undefined;
}

/**
 * A fingerprint of everything a workspace view displays, including the ranges the click commands
 * carry. A refresh that brings the same index (most index updates touch another article's
 * paragraphs, not its sources) then does not redraw the tree.
 */
export function workspaceSignature(roots: readonly object[]): string {
  return JSON.stringify(roots);
}
