// `news-claims report PATH...`: a fact-check sheet for a folder of articles, read side by side.
// Files are found and read exactly as `news-claims check` does (cli/files.ts), so a bad file is
// reported with its path and skipped the same way; the cross-article work is the pure
// WorkspaceIndex, and the three formats are rendered by reportFormat.ts.
import { existsSync, writeFileSync } from 'node:fs';
import { defaultConfig, formatConfigProblem, type NewsClaimsConfig, parseConfig } from '../analysis/config';
import { analyse } from '../analysis/index';
import type { Analysis } from '../analysis/types';
import { WorkspaceIndex } from '../workspace/index';
import { checkChoice, scanOptions } from './args';
import { collectFiles, describeFileError, readArticle, readConfigText } from './files';
import { type ReportArticle, buildSheet, formatSheet, REPORT_FORMATS, type ReportFormat } from './reportFormat';
import { applySeverity, type CliResult, DEFAULT_CONFIG_FILE, EXIT_OK, EXIT_USAGE_OR_IO } from './run';

export const REPORT_USAGE = `Usage: news-claims report [--format markdown|html|csv] [--config FILE] [--output FILE] PATH...

Writes a fact-check sheet for a set of articles read together: each source with its claims,
each figure with its attribution, unattributed claims, figures that disagree across articles
and names spelt differently.

  PATH                 a file, or a folder searched recursively as by "news-claims check"
  --format FORMAT      markdown (default), html (one self-contained page) or csv
  --config FILE        read settings from FILE instead of ./.newsclaims.json
  --output FILE        write the sheet to FILE instead of standard output
  -h, --help           show this help

Exit status: 0 the sheet was written; 2 a usage error, or a file that could not be read
(the sheet still covers the other files).
`;

export interface ReportOptions {
  format: ReportFormat;
  config: string | null;
  output: string | null;
  paths: string[];
}

export type ParsedReport =
  { command: 'help' } | { command: 'report'; options: ReportOptions } | { command: 'usage-error'; message: string };

/** Parses the arguments after `report`; `--flag value` and `--flag=value` are both accepted. */
export function parseReportArguments(argv: readonly string[]): ParsedReport {
  const scanned = scanOptions(argv, ['--format', '--config', '--output'], false);
  if (scanned.kind === 'help' || scanned.kind === 'version') {
    return { command: 'help' };
  }
  if (scanned.kind === 'usage-error') {
    return { command: 'usage-error', message: scanned.message };
  }
  const options: ReportOptions = { format: 'markdown', config: null, output: null, paths: scanned.paths };
  for (const [flag, value] of scanned.values) {
    if (flag === '--format') {
      const error = checkChoice(flag, value, REPORT_FORMATS);
      if (error !== null) {
        return { command: 'usage-error', message: error };
      }
      options.format = value as ReportFormat;
    } else if (flag === '--config') {
      options.config = value;
    } else {
      options.output = value;
    }
  }
  if (options.paths.length === 0) {
    return { command: 'usage-error', message: 'missing PATH; give at least one file or folder to report on' };
  }
  return { command: 'report', options };
}

/** Runs `news-claims report` and returns what to print, like runCli; only `--output` writes a file. */
export function runReport(argv: readonly string[]): CliResult {
  const parsed = parseReportArguments(argv);
  if (parsed.command === 'help') {
    return { stdout: REPORT_USAGE, stderr: '', exitCode: EXIT_OK };
  }
  if (parsed.command === 'usage-error') {
    return {
      stdout: '',
      stderr: `news-claims report: ${parsed.message}\n\n${REPORT_USAGE}`,
      exitCode: EXIT_USAGE_OR_IO,
    };
  }
  const { options } = parsed;
  const errors: string[] = [];
  const warnings: string[] = [];
  const config = loadReportConfig(options.config, errors, warnings);

  const walk = collectFiles(options.paths);
  for (const problem of walk.problems) errors.push(`${problem.path}: ${problem.message}`);
  warnings.push(...walk.notes);

  const index = new WorkspaceIndex(config.clusters ?? { merge: [], split: [] });
  const articles: ReportArticle[] = [];
  for (const path of walk.files) {
    const read = readArticle(path);
    if (!read.ok) {
      errors.push(`${path}: ${read.message}`);
      continue;
    }
    let analysis: Analysis;
    try {
      analysis = analyse(read.text, { config });
    } catch (error) {
      errors.push(`${path}: internal error while analysing: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    index.update(path, analysis, read.text);
    articles.push({ path, text: read.text });
  }
  if (walk.files.length === 0 && walk.problems.length === 0) {
    errors.push('no article files to report on');
  }

  // Cross-article findings honour the configured severities, `off` included, as check does.
  const findings = new Map(
    articles.map((article) => [article.path, applySeverity(index.findingsFor(article.path), config)]),
  );
  const sheet = buildSheet(index, articles, findings, [...errors]);
  const rendered = formatSheet(sheet, options.format);

  let stdout = rendered;
  if (options.output !== null) {
    try {
      writeFileSync(options.output, rendered, 'utf8');
      stdout = '';
    } catch (error) {
      errors.push(`${options.output}: cannot write the report: ${describeFileError(error)}`);
      stdout = '';
    }
  }
  const summary =
    `${articles.length} ${articles.length === 1 ? 'article' : 'articles'} in the report` +
    `${errors.length > 0 ? `, ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}` : ''}: ` +
    `${sheet.conflicts.length} cross-article ${sheet.conflicts.length === 1 ? 'finding' : 'findings'}` +
    (options.output !== null && stdout === '' && !errors.some((line) => line.startsWith(`${options.output}:`))
      ? `, written to ${options.output}`
      : '');
  const stderr = [...warnings.map((line) => `warning: ${line}`), ...errors.map((line) => `error: ${line}`), summary]
    .map((line) => `${line}\n`)
    .join('');
  return { stdout, stderr, exitCode: errors.length > 0 ? EXIT_USAGE_OR_IO : EXIT_OK };
}

/**
 * Loads the configuration the way `check` does: `--config FILE`, else `./.newsclaims.json` when
 * present. Problems inside the file are warnings and the defaults apply for the bad keys.
 */
function loadReportConfig(path: string | null, errors: string[], warnings: string[]): NewsClaimsConfig {
  const file = path ?? DEFAULT_CONFIG_FILE;
  if (path === null && !existsSync(file)) {
    return defaultConfig();
  }
  const read = readConfigText(file);
  if (!read.ok) {
    errors.push(`${file}: cannot read configuration: ${read.message}; using the defaults`);
    return defaultConfig();
  }
  const parsed = parseConfig(read.text, file);
  for (const problem of parsed.problems) {
    warnings.push(`${formatConfigProblem(problem)}; the default applies`);
  }
  return parsed.config;
}
