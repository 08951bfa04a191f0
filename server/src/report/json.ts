// The JSON contract of `news-claims check --format json`. Other tools read it, so the keys and
// their order are fixed here and nowhere else: the internal `Analysis` has more fields, and this
// projection copies exactly the documented ones, in the documented order. It is pure, so that the
// language server can reuse it (for example to export an article's analysis).
import type { Analysis, Attribution, Claim, Entity, Finding, FindingData, Severity, TextSpan } from '../analysis/types';

export interface JsonSpan {
  start: number;
  end: number;
  text: string;
}

export interface JsonEntity {
  kind: Entity['kind'];
  start: number;
  end: number;
  text: string;
  reason: string;
  value?: number;
  unit?: string;
  qualifier?: string;
  canonical?: string;
}

export interface JsonAttribution {
  cue: JsonSpan;
  source: JsonSpan | null;
  content: JsonSpan;
  sourceName: string | null;
}

export interface JsonClaim {
  start: number;
  end: number;
  text: string;
  attributed: boolean;
  /** Index into the file's `attributions`, or null. */
  attribution: number | null;
  /** Indexes into the file's `entities`. */
  figures: number[];
}

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  data?: FindingData;
}

export interface JsonFile {
  path: string;
  entities: JsonEntity[];
  attributions: JsonAttribution[];
  claims: JsonClaim[];
  diagnostics: JsonDiagnostic[];
}

export interface JsonReport {
  tool: 'news-claims';
  version: string;
  files: JsonFile[];
}

function span(value: TextSpan): JsonSpan {
  return { start: value.start, end: value.end, text: value.text };
}

function entity(value: Entity): JsonEntity {
  const result: JsonEntity = {
    kind: value.kind,
    start: value.start,
    end: value.end,
    text: value.text,
    reason: value.reason,
  };
  // Optional keys appear only when the analysis set them, so that absent means unknown.
  if (value.value !== undefined) result.value = value.value;
  if (value.unit !== undefined) result.unit = value.unit;
  if (value.qualifier !== undefined) result.qualifier = value.qualifier;
  if (value.canonical !== undefined) result.canonical = value.canonical;
  return result;
}

function attribution(value: Attribution): JsonAttribution {
  return {
    cue: span(value.cue),
    source: value.source === null ? null : span(value.source),
    content: span(value.content),
    sourceName: value.sourceName,
  };
}

function claim(value: Claim): JsonClaim {
  return {
    start: value.start,
    end: value.end,
    text: value.text,
    attributed: value.attributed,
    attribution: value.attribution,
    figures: [...value.figures],
  };
}

function diagnostic(value: Finding): JsonDiagnostic {
  const result: JsonDiagnostic = {
    code: value.code,
    severity: value.severity,
    message: value.message,
    start: value.start,
    end: value.end,
  };
  if (value.data !== undefined) result.data = value.data;
  return result;
}

/** Projects one file's analysis onto the contract. `path` is the path as the user gave it. */
export function toJsonFile(path: string, analysis: Analysis): JsonFile {
  return {
    path,
    entities: analysis.entities.map(entity),
    attributions: analysis.attributions.map(attribution),
    claims: analysis.claims.map(claim),
    diagnostics: analysis.findings.map(diagnostic),
  };
}

export function toJsonReport(version: string, files: JsonFile[]): JsonReport {
  return { tool: 'news-claims', version, files };
}

/** The report as the CLI prints it: two-space indentation and a final newline. */
export function formatJsonReport(report: JsonReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
