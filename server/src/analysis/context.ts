// The working state the numbered passes fill in, one after another. Each pass reads what the
// earlier passes wrote and appends its own results; nothing reaches back to rewrite them.
import type { NewsClaimsConfig } from './config';
import type { ParagraphCache } from './incremental';
import type { Attribution, Claim, Entity, Finding, Paragraph, Quote, Sentence } from './types';

export interface AnalysisOptions {
  /** The article date, `YYYY-MM-DD`; overrides the configuration's and the dateline's. */
  articleDate?: string;
  config?: Partial<NewsClaimsConfig>;
  /**
   * Per-paragraph results of an earlier run on the same document, to reuse (see incremental.ts).
   * The result is the same with or without it; only the time differs.
   */
  paragraphCache?: ParagraphCache;
}

export interface AnalysisContext {
  readonly text: string;
  readonly config: NewsClaimsConfig;
  /** Passes reach it through `perParagraph()` in incremental.ts; absent for a one-off analysis. */
  readonly paragraphCache?: ParagraphCache;
  articleDate: string | null;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  quotes: Quote[];
  entities: Entity[];
  attributions: Attribution[];
  claims: Claim[];
  findings: Finding[];
}
