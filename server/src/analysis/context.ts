// The working state the numbered passes fill in, one after another. Each pass reads what the
// earlier passes wrote and appends its own results; nothing reaches back to rewrite them.
import type { NewsClaimsConfig } from './config';
import type { Attribution, Claim, Entity, Finding, Paragraph, Quote, Sentence } from './types';

export interface AnalysisOptions {
  /** The article date, `YYYY-MM-DD`; overrides the configuration's and the dateline's. */
  articleDate?: string;
  config?: Partial<NewsClaimsConfig>;
}

export interface AnalysisContext {
  readonly text: string;
  readonly config: NewsClaimsConfig;
  articleDate: string | null;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  quotes: Quote[];
  entities: Entity[];
  attributions: Attribution[];
  claims: Claim[];
  findings: Finding[];
}
