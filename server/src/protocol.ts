// Every custom message between the News Claims client and server, typed once. Both sides
// import this file, so a change to a message shape is a compile error on the other side rather
// than a silent mismatch at run time.
import { NotificationType, RequestType, RequestType0, type Range } from 'vscode-languageserver-protocol';

/** Asks for the claims of one open document. */
export interface DocumentParams {
  uri: string;
  /**
   * The document version the caller has in mind. When given and the server's document has moved
   * on, the server answers with a ContentModified error instead of a result for other text.
   */
  version?: number;
}

export interface ClaimItem {
  /** The claim's text as it stands in the document. */
  text: string;
  range: Range;
  /** The full sentence the claim sits in, for tooltips and exports. */
  sentence: string;
  attributed: boolean;
  /** Who the claim is attributed to, or null when it rests on no source. */
  source: string | null;
  /** The reporting verb or phrase ("said", "according to"), or null. */
  cue: string | null;
  kind: 'figure' | 'comparison' | 'statement';
  /** How many figures the claim contains. */
  figureCount: number;
  /**
   * What the source is, so the Claims view can show a person or an organisation icon: the kind of
   * the named entity it resolved to, `anonymous` for a description with no name ("a senior
   * official"), or null when unattributed or unresolved. Optional so that older servers stay valid.
   */
  sourceKind?: ClaimSourceKind | null;
}

export type ClaimSourceKind = 'person' | 'organization' | 'place' | 'anonymous';

export interface ClaimsResult {
  uri: string;
  /** The document version the result was computed from. */
  version: number;
  claims: ClaimItem[];
}

export interface FigureItem {
  text: string;
  range: Range;
  value: number | null;
  valueHigh: number | null;
  unit: string | null;
  qualifier: string | null;
  /** Who the figure is attributed to, or null when it rests on no source. */
  source: string | null;
  sentence: string;
}

export interface FiguresResult {
  uri: string;
  version: number;
  figures: FigureItem[];
}

/** Sent by the server after each fresh analysis, so views refresh without polling. */
export interface AnalysisUpdatedParams {
  uri: string;
  version: number;
  unattributedClaims: number;
  claims: number;
  figures: number;
}

export const ClaimsRequest = new RequestType<DocumentParams, ClaimsResult | null, void>('newsClaims/claims');
export const FiguresRequest = new RequestType<DocumentParams, FiguresResult | null, void>('newsClaims/figures');
export const AnalysisUpdatedNotification = new NotificationType<AnalysisUpdatedParams>('newsClaims/analysisUpdated');

/**
 * The workspace mode of the views: what the cross-article index knows about every article in the
 * workspace, not only the open one. Both requests answer null when the cross-article features are
 * off (`newsClaims.crossArticle.enabled`), so the client can say so instead of showing an empty tree.
 */
export interface WorkspaceClaimItem {
  uri: string;
  range: Range;
  /** The claim's text as it stands in its article. */
  text: string;
  kind: 'figure' | 'comparison' | 'statement';
  attributed: boolean;
}

export interface WorkspaceSourceItem {
  /** The cluster's canonical name, or an anonymous description as written ("a senior official"). */
  name: string;
  kind: ClaimSourceKind | null;
  /** Other spellings of the same person or organisation across the workspace, if any. */
  variants: string[];
  /** How many articles quote this source. */
  articleCount: number;
  claims: WorkspaceClaimItem[];
}

export interface WorkspaceSourcesResult {
  /** How many articles the index holds. */
  indexed: number;
  /** True while the first build is still running; the list is then partial. */
  building: boolean;
  /** Most-quoted first. */
  sources: WorkspaceSourceItem[];
}

export interface WorkspaceFigureItem {
  uri: string;
  range: Range;
  text: string;
  value: number;
  valueHigh: number | null;
  qualifier: string | null;
  /** Who the figure is attributed to, or null when it rests on no source. */
  source: string | null;
  /** The sentence the figure sits in, for tooltips. */
  sentence: string;
  /** True when this figure has a `figure-mismatch` finding against another article. */
  conflict: boolean;
}

export interface WorkspaceMeasureItem {
  /** The counted noun in the singular ("sortie"). */
  unit: string;
  /** The normalised time frame ("since september 30"), or null when none is stated. */
  timeFrame: string | null;
  /** True when any figure in the group conflicts with another. */
  conflict: boolean;
  figures: WorkspaceFigureItem[];
}

export interface WorkspaceFiguresResult {
  indexed: number;
  building: boolean;
  /** Groups with a conflict first, then the largest. */
  measures: WorkspaceMeasureItem[];
}

/** Sent by the server whenever the cross-article index changes, so workspace views refresh. */
export interface WorkspaceIndexUpdatedParams {
  indexed: number;
  building: boolean;
}

// Parameterless requests are RequestType0, so that clients send no `params` at all rather than `[null]`.
export const WorkspaceSourcesRequest = new RequestType0<WorkspaceSourcesResult | null, void>(
  'newsClaims/workspaceSources',
);
export const WorkspaceFiguresRequest = new RequestType0<WorkspaceFiguresResult | null, void>(
  'newsClaims/workspaceFigures',
);
export const WorkspaceIndexUpdatedNotification = new NotificationType<WorkspaceIndexUpdatedParams>(
  'newsClaims/workspaceIndexUpdated',
);

/**
 * Client-side command that the "Add attribution…" code action falls back to when the client
 * cannot apply snippet edits: the client inserts the snippet at the given position itself.
 */
export const INSERT_ATTRIBUTION_SNIPPET_COMMAND = 'newsClaims.insertAttributionSnippet';
export interface InsertAttributionSnippetArgs {
  uri: string;
  /** The document version the position refers to; the client ignores stale requests. */
  version: number;
  position: { line: number; character: number };
  snippet: string;
}

/** Server-side command behind "Treat as common knowledge": adds a phrase to `.newsclaims.json`. */
export const ADD_COMMON_KNOWLEDGE_COMMAND = 'newsClaims.addCommonKnowledge';
export interface AddCommonKnowledgeArgs {
  uri: string;
  phrase: string;
}

/**
 * The semantic token legend. The server registers exactly these names, and the extension's
 * `contributes.semanticTokenTypes` / `semanticTokenModifiers` declare the same ones so that themes
 * can colour them; a unit test keeps package.json and this list equal.
 */
export const SEMANTIC_TOKEN_TYPES = [
  'person',
  'organization',
  'place',
  'figure',
  'date',
  'quote',
  'attributionCue',
] as const;
export type SemanticTokenTypeName = (typeof SEMANTIC_TOKEN_TYPES)[number];
export const SEMANTIC_TOKEN_MODIFIERS = ['unattributed'] as const;
export type SemanticTokenModifierName = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/**
 * What the client tells the server at start-up (`initializationOptions`). In a virtual workspace
 * (files served by a remote provider, no local file system) the server cannot and must not write
 * `.newsclaims.json`, so "Treat as common knowledge" has to stay read-only there.
 */
export interface NewsClaimsInitializationOptions {
  /** False when the workspace has no writable local file system; the server then never writes `.newsclaims.json`. */
  canWriteConfig: boolean;
  /**
   * Client-side commands the client implements, e.g. `INSERT_ATTRIBUTION_SNIPPET_COMMAND`. The
   * server offers a code action that runs such a command only when the client lists it; other
   * editors get a plain text edit instead.
   */
  clientCommands?: string[];
  /**
   * The `newsClaims` settings, for clients that cannot answer `workspace/configuration`
   * (Neovim, Helix). Clients that can answer it need not send this.
   */
  settings?: Record<string, unknown>;
}

/**
 * A diagnostic aid, used by the protocol tests: which documents the server currently holds an
 * analysis for. Not needed by any editor feature.
 */
export interface DebugCacheResult {
  /** Documents the server has open (didOpen without didClose). */
  open: string[];
  /** Documents with a cached analysis. */
  cached: string[];
  /** Documents whose analysis is running right now. */
  analysing?: string[];
}
export const DebugCacheRequest = new RequestType<void, DebugCacheResult, void>('newsClaims/debugCache');
