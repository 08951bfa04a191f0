// Command-line parsing for `news-claims`. Hand-written rather than a dependency: the grammar is
// small, and every mistake must produce a message that names the bad flag or value.

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'information' | 'never';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'information', 'never'];

export interface CheckOptions {
  format: OutputFormat;
  failOn: FailOn;
  /** The `--config` file, or null to look for `.newsclaims.json` in the current directory. */
  config: string | null;
  paths: string[];
}

export type ParsedCommand =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'check'; options: CheckOptions }
  | { command: 'usage-error'; message: string };

export const USAGE = `Usage: news-claims check [--format text|json|sarif] [--fail-on error|warning|information|never]
                          [--config FILE] PATH...
       news-claims report [--format markdown|html|csv] [--config FILE] [--output FILE] PATH...
       news-claims --help | --version

Checks news articles for figures, claims and quotations that carry no source.

  PATH                 a file, or a folder searched recursively for .txt, .md, .news and
                       .article files (node_modules and dot-folders are skipped)
  --format FORMAT      text (default): file:line:col severity code message, one per line
                       json: the documented JSON contract; sarif: SARIF 2.1.0
  --fail-on LEVEL      exit 1 when a finding is at or above LEVEL (default: warning);
                       never: exit 0 whatever is found
  --config FILE        read settings from FILE instead of ./.newsclaims.json
  -h, --help           show this help
  -v, --version        show the version

"news-claims report --help" describes the fact-check sheet.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it;
2 a usage error, or a file that could not be read (the other files are still checked).
`;

export function parseArguments(argv: readonly string[]): ParsedCommand {
  if (argv.length === 0) {
    return { command: 'usage-error', message: 'missing command; expected "check" or "report"' };
  }
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    return { command: 'help' };
  }
  if (first === '--version' || first === '-v') {
    return { command: 'version' };
  }
  if (first !== 'check') {
    return { command: 'usage-error', message: `unknown command "${first}"; expected "check" or "report"` };
  }
  const scanned = scanOptions(rest, ['--format', '--fail-on', '--config'], true);
  if (scanned.kind !== 'options') {
    return scanned.kind === 'usage-error'
      ? { command: 'usage-error', message: scanned.message }
      : { command: scanned.kind };
  }
  const options: CheckOptions = { format: 'text', failOn: 'warning', config: null, paths: scanned.paths };
  for (const [flag, value] of scanned.values) {
    if (flag === '--format') {
      const error = checkChoice(flag, value, OUTPUT_FORMATS);
      if (error !== null) {
        return { command: 'usage-error', message: error };
      }
      options.format = value as OutputFormat;
    } else if (flag === '--fail-on') {
      const error = checkChoice(flag, value, FAIL_ON_LEVELS);
      if (error !== null) {
        return { command: 'usage-error', message: error };
      }
      options.failOn = value as FailOn;
    } else {
      options.config = value;
    }
  }
  if (options.paths.length === 0) {
    return { command: 'usage-error', message: 'missing PATH; give at least one file or folder to check' };
  }
  return { command: 'check', options };
}

export type ScannedOptions =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string }
  | { kind: 'options'; values: Map<string, string>; paths: string[] };

/**
 * Splits one sub-command's arguments into option values and paths, shared by `check` and
 * `report` so that both accept the same shapes: `--flag value` and `--flag=value`, `--` before
 * paths that start with a dash, and an error naming any unknown, repeated or empty flag.
 */
export function scanOptions(
  argv: readonly string[],
  knownFlags: readonly string[],
  allowVersion: boolean,
): ScannedOptions {
  const values = new Map<string, string>();
  const paths: string[] = [];
  let onlyPaths = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (onlyPaths || !argument.startsWith('-') || argument === '-') {
      paths.push(argument);
      continue;
    }
    if (argument === '--') {
      onlyPaths = true;
      continue;
    }
    if (argument === '--help' || argument === '-h') {
      return { kind: 'help' };
    }
    if (allowVersion && (argument === '--version' || argument === '-v')) {
      return { kind: 'version' };
    }
    const equals = argument.indexOf('=');
    const flag = equals >= 0 ? argument.slice(0, equals) : argument;
    if (!knownFlags.includes(flag)) {
      return { kind: 'usage-error', message: `unknown option "${flag}"` };
    }
    const value = equals >= 0 ? argument.slice(equals + 1) : argv[++index];
    if (value === undefined || value === '') {
      return { kind: 'usage-error', message: `option ${flag} needs a value` };
    }
    if (values.has(flag)) {
      return { kind: 'usage-error', message: `option ${flag} given more than once` };
    }
    values.set(flag, value);
  }
  return { kind: 'options', values, paths };
}

/** The usage error for a flag whose value is not one of `choices`, or null when it is. */
export function checkChoice(flag: string, value: string, choices: readonly string[]): string | null {
  return choices.includes(value) ? null : `${flag}: expected one of ${choices.join(', ')}; got "${value}"`;
}
