// Cross-article findings (`name-variant`, `figure-mismatch`) as diagnostics of an open article.
// They come from the workspace index, not from the article's own analysis, and their related
// information points into other articles, open or closed: the index keeps a line-start table per
// article for exactly that, so a location in a closed file gets its real line and column.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Finding, Severity, Span } from '../analysis/types';
import { CODE_DOCS_BASE, DIAGNOSTIC_SOURCE, type DiagnosticPayload } from './diagnostics';
import type { CacheEntry } from './documents';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const START_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface CrossArticleSource {
  findingsFor(uri: string): Finding[];
  rangeIn(uri: string, span: Span): import('vscode-languageserver/node').Range | undefined;
}

/** The cross-article diagnostics of one analysed open document, with the configured severities. */
export function crossArticleDiagnostics(entry: CacheEntry, source: CrossArticleSource): Diagnostic[] {
  if (entry.status !== 'ok') {
    return [];
  }
  const diagnostics: Diagnostic[] = [];
  for (const finding of source.findingsFor(entry.uri)) {
    const level = entry.config.severity[finding.code] ?? finding.severity;
    if (level === 'off') {
      continue;
    }
    const payload: DiagnosticPayload = {
      uri: entry.uri,
      version: entry.version,
      code: finding.code,
      start: finding.start,
      end: finding.end,
      finding: finding.data ?? {},
    };
    const diagnostic: Diagnostic = {
      range: entry.positions.rangeOf(finding),
      severity: SEVERITIES[level],
      source: DIAGNOSTIC_SOURCE,
      code: finding.code,
      codeDescription: { href: CODE_DOCS_BASE + finding.code },
      message: finding.message,
      data: payload,
    };
    if (finding.related !== undefined && finding.related.length > 0) {
      diagnostic.relatedInformation = finding.related.map((related): DiagnosticRelatedInformation => {
        const uri = related.uri ?? entry.uri;
        return {
          location: {
            uri,
            // An article the index no longer holds (deleted meanwhile) is pointed at its start.
            range:
              uri === entry.uri ? entry.positions.rangeOf(related) : (source.rangeIn(uri, related) ?? START_OF_FILE),
          },
          message: related.message,
        };
      });
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
