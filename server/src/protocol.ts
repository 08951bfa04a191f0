// Every custom message between the News Claims client and server, typed once. Both sides
// import this file, so a change to a message shape is a compile error on the other side rather
// than a silent mismatch at run time.
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';

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
