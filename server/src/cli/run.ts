// The `news-claims check` command as a function: it takes the arguments and returns everything
// it would print and the exit status. Nothing is written while it runs, so a crash or an I/O
// error can never leave half a JSON document on stdout; cli.ts writes the result once.
import { existsSync } from 'node:fs';
import {
  formatConfigProblem,
  mergeConfig,
  defaultConfig,
  type NewsClaimsConfig,
  parseConfig,
} from '../analysis/config';
import { analyse } from '../analysis/index';
import type { Analysis, Finding, Severity } from '../analysis/types';
import { formatJsonReport, type JsonFile, toJsonFile, toJsonReport } from '../report/json';
import { toSarif } from '../report/sarif';
import { formatTextFile } from '../report/text';
import { type CheckOptions, type FailOn, parseArguments, USAGE } from './args';
import { collectFiles, readArticle, readConfigText } from './files';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_IO = 2;

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };
const FAIL_ON_RANK: Record<FailOn, number> = { error: 3, warning: 2, information: 1, never: Infinity };

/** The file `news-claims check` reads when no `--config` is given, from the current directory. */
export const DEFAULT_CONFIG_FILE = '.newsclaims.json';

export function runCli(argv: readonly string[], version: string): CliResult {
  const parsed = parseArguments(argv);
  switch (parsed.command) {
    case 'help':
      return { stdout: USAGE, stderr: '', exitCode: EXIT_OK };
    case 'version':
      return { stdout: `${version}\n`, stderr: '', exitCode: EXIT_OK };
    case 'usage-error':
      return { stdout: '', stderr: `news-claims: ${parsed.message}\n\n${USAGE}`, exitCode: EXIT_USAGE_OR_IO };
    case 'check':
      return runCheck(parsed.options, version);
  }
}

interface CheckedFile {
  file: JsonFile;
  text: string;
}

function runCheck(options: CheckOptions, version: string): CliResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  let ioFailed = false;

  const config = loadConfig(options.config, errors, warnings);
  if (config.ioFailed) {
    ioFailed = true;
  }

  const walk = collectFiles(options.paths);
  for (const problem of walk.problems) {
    errors.push(`${problem.path}: ${problem.message}`);
    ioFailed = true;
  }
  warnings.push(...walk.notes);

  const checked: CheckedFile[] = [];
  for (const path of walk.files) {
    const read = readArticle(path);
    if (!read.ok) {
      errors.push(`${path}: ${read.message}`);
      ioFailed = true;
      continue;
    }
    let analysis: Analysis;
    try {
      analysis = analyse(read.text, { config: config.value });
    } catch (error) {
      // An analysis bug must not cost the other files their results; it is reported like an I/O
      // failure, with the path, so that it can be reproduced.
      errors.push(`${path}: internal error while analysing: ${error instanceof Error ? error.message : String(error)}`);
      ioFailed = true;
      continue;
    }
    const findings = applySeverity(analysis.findings, config.value);
    checked.push({ file: toJsonFile(path, { ...analysis, findings }), text: read.text });
  }

  if (walk.files.length === 0 && walk.problems.length === 0) {
    errors.push('no article files to check');
    ioFailed = true;
  }

  const notifications = [
    ...errors.map((message) => ({ level: 'error' as const, message })),
    ...warnings.map((message) => ({ level: 'warning' as const, message })),
  ];
  const stdout = formatOutput(options, version, checked, config.value, notifications);
  const counts = countBySeverity(checked);
  const failing = checked.some((entry) => failsAt(entry.file.diagnostics, options.failOn));
  const skipped = walk.problems.length + walk.files.length - checked.length;
  const summary =
    `${checked.length} ${checked.length === 1 ? 'file' : 'files'} checked` +
    (skipped > 0 ? `, ${skipped} skipped` : '') +
    `: ${counts.error} ${plural(counts.error, 'error')}, ${counts.warning} ${plural(counts.warning, 'warning')}, ` +
    `${counts.information} information, ${counts.hint} ${plural(counts.hint, 'hint')}`;
  const stderr = [...warnings.map((line) => `warning: ${line}`), ...errors.map((line) => `error: ${line}`), summary]
    .map((line) => `${line}\n`)
    .join('');
  const exitCode = ioFailed ? EXIT_USAGE_OR_IO : failing ? EXIT_FINDINGS : EXIT_OK;
  return { stdout, stderr, exitCode };
}

/** True when any diagnostic is at or above the `--fail-on` level; `never` is never reached. */
export function failsAt(diagnostics: ReadonlyArray<{ severity: Severity }>, failOn: FailOn): boolean {
  return diagnostics.some((diagnostic) => SEVERITY_RANK[diagnostic.severity] >= FAIL_ON_RANK[failOn]);
}

interface LoadedConfig {
  value: NewsClaimsConfig;
  ioFailed: boolean;
}

/**
 * Loads `--config FILE`, or `.newsclaims.json` from the current directory when it exists. A file
 * named with `--config` that cannot be read is an I/O error; problems inside the file are
 * warnings, and the defaults apply for each bad key, as they do in the editor.
 */
function loadConfig(path: string | null, errors: string[], warnings: string[]): LoadedConfig {
  const file = path ?? DEFAULT_CONFIG_FILE;
  if (path === null && !existsSync(file)) {
    return { value: defaultConfig(), ioFailed: false };
  }
  const read = readConfigText(file);
  if (!read.ok) {
    errors.push(`${file}: cannot read configuration: ${read.message}; using the defaults`);
    return { value: defaultConfig(), ioFailed: true };
  }
  const parsed = parseConfig(read.text, file);
  for (const problem of parsed.problems) {
    warnings.push(`${formatConfigProblem(problem)}; the default applies`);
  }
  return { value: parsed.config, ioFailed: false };
}

/**
 * Applies the configured severities to the findings. The analysis already honours them; doing
 * it again here costs nothing and guarantees that `--config` governs the exit status even while
 * the findings pass changes.
 */
export function applySeverity(findings: readonly Finding[], config: NewsClaimsConfig): Finding[] {
  const severity = mergeConfig(defaultConfig(), config).severity;
  const result: Finding[] = [];
  for (const finding of findings) {
    const setting = severity[finding.code];
    if (setting === 'off') {
      continue;
    }
    result.push(setting === undefined ? finding : { ...finding, severity: setting });
  }
  return result;
}

function formatOutput(
  options: CheckOptions,
  version: string,
  checked: readonly CheckedFile[],
  config: NewsClaimsConfig,
  notifications: ReadonlyArray<{ level: 'error' | 'warning'; message: string }>,
): string {
  switch (options.format) {
    case 'json':
      return formatJsonReport(
        toJsonReport(
          version,
          checked.map((entry) => entry.file),
        ),
      );
    case 'sarif':
      return `${JSON.stringify(toSarif({ version, files: checked, severity: config.severity, notifications }), null, 2)}\n`;
    case 'text':
      return checked.map((entry) => formatTextFile(entry.file, entry.text)).join('');
  }
}

function countBySeverity(checked: readonly CheckedFile[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const entry of checked) {
    for (const diagnostic of entry.file.diagnostics) {
      counts[diagnostic.severity]++;
    }
  }
  return counts;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
