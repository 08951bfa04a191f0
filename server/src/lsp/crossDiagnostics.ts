// Cross-article findings (`name-variant`, `figure-mismatch`) as diagnostics of an open article.
// They come from the workspace index, not from the article's own analysis, and their related
// information points into other articles, open or closed: the index keeps a line-start table per
// article for exactly that, so a location in a closed file gets its real line and column.
import type { Diagnostic, Range } from 'vscode-languageserver/node';
import type { Finding, Span } from '../analysis/types';
import { findingToDiagnostic } from './diagnostics';
import type { CacheEntry } from './documents';

export interface CrossArticleSource {
  /** The findings of `uri`, placed in `text` (the version the diagnostics are for). */
  findingsFor(uri: string, text: string): Finding[];
  rangeIn(uri: string, span: Span): Range | undefined;
}

/** The cross-article diagnostics of one analysed open document, with the configured severities. */
export function crossArticleDiagnostics(entry: CacheEntry, source: CrossArticleSource): Diagnostic[] {
  if (entry.status !== 'ok') {
    return [];
  }
  const diagnostics: Diagnostic[] = [];
  for (const finding of source.findingsFor(entry.uri, entry.text)) {
    const diagnostic = findingToDiagnostic(entry, finding, (uri, span) => source.rangeIn(uri, span));
    if (diagnostic !== null) diagnostics.push(diagnostic);
  }
  return diagnostics;
}
