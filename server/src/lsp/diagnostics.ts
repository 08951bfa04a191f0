// Findings become LSP diagnostics here, for both the pull model (`textDocument/diagnostic`) and
// the push model (`publishDiagnostics`). Each diagnostic carries everything its quick-fixes
// need in `data`, together with the document version it was computed for, so that a code action
// can refuse a stale payload instead of editing the wrong place.
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
} from 'vscode-languageserver/node';
import type { Finding, FindingCode, FindingData, Severity, Span } from '../analysis/types';
import type { CacheEntry } from './documents';

export const DIAGNOSTIC_SOURCE = 'news-claims';
/** The README documents every code under a heading of the same name; the server never fetches it. */
export const CODE_DOCS_BASE = 'https://github.com/news-claims/news-claims#';
/** The single diagnostic shown instead of findings when a document is over the size cap. */
export const DOCUMENT_TOO_LARGE_CODE = 'document-too-large';
/** The single diagnostic shown when the analysis failed or was stopped for taking too long. */
export const ANALYSIS_FAILED_CODE = 'analysis-failed';

/**
 * What the quick-fixes read from a finding's data, and nothing more: `FindingData` with the
 * candidates as names only and spans without their text. Anything a fix shows or writes from the
 * article itself (the first word of a sentence, the loaded verb) is read from the document, whose
 * version the payload names, so it is always the text the offsets point into. At 2 MB the
 * diagnostics were 9.7 MB of JSON, half of it candidate records and sentence texts. The
 * common-knowledge phrase of an unattributed claim is such text too (its sentence, trimmed by
 * `commonKnowledgePhrase()`); leaving it out took 9% off the diagnostics of 100 KB of news.
 */
export interface DiagnosticFindingData {
  /** Named people and organisations already quoted in the article, nearest first. */
  candidates?: string[];
  sentence?: Span;
  insertAt?: number;
  terminator?: string;
  verb?: Span;
  neutral?: string;
  preferred?: string;
  variant?: string;
  mentions?: Span[];
}

/**
 * The payload of every News Claims diagnostic. Offsets refer to `version` of the document the
 * diagnostic belongs to (a code action request names it, so the uri is not repeated here).
 */
export interface DiagnosticPayload {
  version: number;
  code: FindingCode;
  /** The finding's own span, as offsets. */
  start: number;
  end: number;
  finding: DiagnosticFindingData;
}

const spanOnly = (span: Span): Span => ({ start: span.start, end: span.end });

/** The part of a finding's data that travels with its diagnostic (see DiagnosticFindingData). */
export function diagnosticFindingData(data: FindingData): DiagnosticFindingData {
  const payload: DiagnosticFindingData = {};
  if (data.candidates !== undefined) payload.candidates = data.candidates.map((candidate) => candidate.name);
  if (data.sentence !== undefined) payload.sentence = spanOnly(data.sentence);
  if (data.insertAt !== undefined) payload.insertAt = data.insertAt;
  if (data.terminator !== undefined) payload.terminator = data.terminator;
  if (data.verb !== undefined) payload.verb = spanOnly(data.verb);
  if (data.neutral !== undefined) payload.neutral = data.neutral;
  if (data.preferred !== undefined) payload.preferred = data.preferred;
  if (data.variant !== undefined) payload.variant = data.variant;
  if (data.mentions !== undefined) payload.mentions = data.mentions.map(spanOnly);
  return payload;
}

export function isDiagnosticPayload(value: unknown): value is DiagnosticPayload {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<DiagnosticPayload>;
  return (
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
  const diagnostics: Diagnostic[] = [];
  for (const finding of entry.analysis.findings) {
    // The analysis already leaves out findings switched off; applying the configured level here
    // as well keeps the editor right even if a pass forgets to.
    const diagnostic = findingToDiagnostic(entry, finding);
    if (diagnostic !== null) diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/** Where a related span in another document is, or undefined when that document is unknown. */
export type RangeInOtherDocument = (uri: string, span: Span) => Range | undefined;

const START_OF_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * One finding of an analysed document as a diagnostic, with the configured severity, or null when
 * its code is switched off. The article's own findings and the cross-article ones (whose related
 * spans lie in other articles, placed by `rangeInOtherDocument`) are built here alike, so both
 * carry the same payload for the quick-fixes.
 */
export function findingToDiagnostic(
  entry: CacheEntry,
  finding: Finding,
  rangeInOtherDocument?: RangeInOtherDocument,
): Diagnostic | null {
  const level = entry.config.severity[finding.code] ?? finding.severity;
  if (level === 'off') {
    return null;
  }
  const payload: DiagnosticPayload = {
    version: entry.version,
    code: finding.code,
    start: finding.start,
    end: finding.end,
    finding: finding.data === undefined ? {} : diagnosticFindingData(finding.data),
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
          // A span in a document we cannot place (no line table, or deleted meanwhile) points at its start.
          range:
            uri === entry.uri
              ? entry.positions.rangeOf(related)
              : (rangeInOtherDocument?.(uri, related) ?? START_OF_FILE),
        },
        message: related.message,
      };
    });
  }
  return diagnostic;
}
