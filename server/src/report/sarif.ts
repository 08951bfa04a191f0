// SARIF 2.1.0 output, the format code-scanning dashboards read. Positions are one-based and
// counted in UTF-16 code units (`columnKind: utf16CodeUnits`), the same units the analysis uses,
// so no re-counting is needed beyond the line index.
import type { SeveritySetting } from '../analysis/config';
import { FINDING_CODES, type FindingCode, type Severity } from '../analysis/types';
import { LineIndex } from '../lineIndex';
import type { JsonFile } from './json';
import { RULES } from './rules';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** SARIF has three levels where LSP has four; information and hints both become notes. */
export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'information':
    case 'hint':
      return 'note';
  }
}

export interface SarifInput {
  version: string;
  /** Each checked file with its text (after any BOM was stripped), for line and column numbers. */
  files: ReadonlyArray<{ file: JsonFile; text: string }>;
  /** The configured severities, so that each rule's default level says what this run used. */
  severity: Partial<Record<FindingCode, SeveritySetting>>;
  /**
   * What went wrong outside the findings (a file that could not be read, a configuration
   * problem), so that a dashboard shows that the run was incomplete rather than clean.
   */
  notifications?: ReadonlyArray<{ level: 'error' | 'warning'; message: string }>;
}

/**
 * Turns a path as the user gave it into a SARIF artifact URI: relative paths stay relative (with
 * forward slashes and percent-encoding), absolute paths become `file://` URIs.
 */
export function artifactUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encode = (segment: string): string => encodeURIComponent(segment);
  if (/^[A-Za-z]:\//.test(slashed)) {
    return `file:///${slashed.slice(0, 2)}${slashed.slice(2).split('/').map(encode).join('/')}`;
  }
  if (slashed.startsWith('/')) {
    return `file://${slashed.split('/').map(encode).join('/')}`;
  }
  return slashed.split('/').map(encode).join('/');
}

export function toSarif(input: SarifInput): object {
  const rules = FINDING_CODES.map((code) => {
    const setting = input.severity[code] ?? RULES[code].defaultSeverity;
    return {
      id: code,
      name: code,
      shortDescription: { text: RULES[code].summary },
      defaultConfiguration:
        setting === 'off' ? { enabled: false, level: 'none' } : { enabled: true, level: sarifLevel(setting) },
    };
  });
  const ruleIndex = new Map<string, number>(FINDING_CODES.map((code, index) => [code, index]));
  const results = input.files.flatMap(({ file, text }) => {
    const lines = new LineIndex(text);
    return file.diagnostics.map((diagnostic) => {
      const start = lines.humanPositionAt(diagnostic.start);
      const end = lines.humanPositionAt(diagnostic.end);
      return {
        ruleId: diagnostic.code,
        ...(ruleIndex.has(diagnostic.code) ? { ruleIndex: ruleIndex.get(diagnostic.code) } : {}),
        level: sarifLevel(diagnostic.severity),
        message: { text: diagnostic.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(file.path) },
              region: {
                startLine: start.line,
                startColumn: start.column,
                endLine: end.line,
                endColumn: end.column,
              },
            },
          },
        ],
      };
    });
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'news-claims', version: input.version, semanticVersion: input.version, rules } },
        invocations: [
          {
            executionSuccessful: !(input.notifications ?? []).some((notification) => notification.level === 'error'),
            toolExecutionNotifications: (input.notifications ?? []).map((notification) => ({
              level: notification.level,
              message: { text: notification.message },
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        artifacts: input.files.map(({ file, text }) => ({
          location: { uri: artifactUri(file.path) },
          length: text.length,
        })),
        results,
      },
    ],
  };
}
