// The working state the numbered passes fill in, one after another. Each pass reads what the
// earlier passes wrote and appends its own results; nothing reaches back to rewrite them.
import { DEFAULT_CONFIG, type NewsClaimsConfig } from './config';
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

/**
 * A fresh context for one run: the options' configuration over the defaults, and the article date
 * from the options, else the configuration (pass 1 may still take it from a dateline). `analyse()`
 * uses it, and so do the tools that time or test single passes, so they all start alike.
 */
export function createAnalysisContext(text: string, options: AnalysisOptions = {}): AnalysisContext {
  const config: NewsClaimsConfig = { ...DEFAULT_CONFIG, ...options.config };
  return {
    text,
    config,
    paragraphCache: options.paragraphCache,
    articleDate: options.articleDate ?? config.articleDate ?? null,
    paragraphs: [],
    sentences: [],
    quotes: [],
    entities: [],
    attributions: [],
    claims: [],
    findings: [],
  };
}
