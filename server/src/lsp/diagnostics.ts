// Findings become LSP diagnostics here, for both the pull model (`textDocument/diagnostic`) and
// the push model (`publishDiagnostics`). Each diagnostic carries everything its quick-fixes
// need in `data`, together with the (uri, version) it was computed for, so that a code action
// can refuse a stale payload instead of editing the wrong place.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { FindingCode, FindingData, Severity } from '../analysis/types';
import type { CacheEntry } from './documents';

export const DIAGNOSTIC_SOURCE = 'news-claims';
/** The README documents every code under a heading of the same name; the server never fetches it. */
export const CODE_DOCS_BASE = 'https://github.com/news-claims/news-claims#';
/** The single diagnostic shown instead of findings when a document is over the size cap. */
export const DOCUMENT_TOO_LARGE_CODE = 'document-too-large';
/** The single diagnostic shown when the analysis failed or was stopped for taking too long. */
export const ANALYSIS_FAILED_CODE = 'analysis-failed';

/** The payload of every News Claims diagnostic. Offsets refer to `version` of `uri`. */
export interface DiagnosticPayload {
  uri: string;
  version: number;
  code: FindingCode;
  /** The finding's own span, as offsets. */
  start: number;
  end: number;
  finding: FindingData;
}

export function isDiagnosticPayload(value: unknown): value is DiagnosticPayload {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<DiagnosticPayload>;
  return (
    typeof candidate.uri === 'string' &&
    typeof candidate.version === 'number' &&
    typeof candidate.code === 'string' &&
    typeof candidate.start === 'number' &&
    typeof candidate.end === 'number' &&
    typeof candidate.finding === 'object' &&
    candidate.finding !== null
  );
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostics(entry: CacheEntry): Diagnostic[] {
  if (entry.status === 'too-large') {
    const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: DOCUMENT_TOO_LARGE_CODE,
        codeDescription: { href: CODE_DOCS_BASE + DOCUMENT_TOO_LARGE_CODE },
        message:
          `News Claims skipped this document: at ${megabytes(entry.sizeBytes)} MB or more it is over the ` +
          `${megabytes(entry.maxDocumentSize)} MB limit (setting newsClaims.maxDocumentSize).`,
      },
    ];
  }
  if (entry.status === 'failed') {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: ANALYSIS_FAILED_CODE,
        codeDescription: { href: CODE_DOCS_BASE + ANALYSIS_FAILED_CODE },
        message: `News Claims could not analyse this document: ${entry.failure ?? 'unknown error'}. The server log has the details.`,
      },
    ];
  }
  const { positions } = entry;
  const diagnostics: Diagnostic[] = [];
  for (const finding of entry.analysis.findings) {
    // The analysis already leaves out findings switched off; applying the configured level here
    // as well keeps the editor right even if a pass forgets to.
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
      range: positions.rangeOf(finding),
      severity: SEVERITIES[level],
      source: DIAGNOSTIC_SOURCE,
      code: finding.code,
      codeDescription: { href: CODE_DOCS_BASE + finding.code },
      message: finding.message,
      data: payload,
    };
    if (finding.related !== undefined && finding.related.length > 0) {
      diagnostic.relatedInformation = finding.related.map((related): DiagnosticRelatedInformation => ({
        location: {
          uri: related.uri ?? entry.uri,
          // Spans in another document cannot be converted without its text; they point at its start.
          range:
            related.uri === undefined || related.uri === entry.uri
              ? positions.rangeOf(related)
              : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
        message: related.message,
      }));
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
