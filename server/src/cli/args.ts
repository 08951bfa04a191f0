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
  const options: CheckOptions = { format: 'text', failOn: 'warning', config: null, paths: [] };
  const seen = new Set<string>();
  let onlyPaths = false;
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index] ?? '';
    if (onlyPaths || !argument.startsWith('-') || argument === '-') {
      options.paths.push(argument);
      continue;
    }
    if (argument === '--') {
      onlyPaths = true;
      continue;
    }
    if (argument === '--help' || argument === '-h') {
      return { command: 'help' };
    }
    if (argument === '--version' || argument === '-v') {
      return { command: 'version' };
    }
    // Both `--flag value` and `--flag=value` are accepted.
    const equals = argument.indexOf('=');
    const flag = equals >= 0 ? argument.slice(0, equals) : argument;
    if (flag !== '--format' && flag !== '--fail-on' && flag !== '--config') {
      return { command: 'usage-error', message: `unknown option "${flag}"` };
    }
    let value: string | undefined;
    if (equals >= 0) {
      value = argument.slice(equals + 1);
    } else {
      value = rest[index + 1];
      index++;
    }
    if (value === undefined || value === '') {
      return { command: 'usage-error', message: `option ${flag} needs a value` };
    }
    if (seen.has(flag)) {
      return { command: 'usage-error', message: `option ${flag} given more than once` };
    }
    seen.add(flag);
    if (flag === '--format') {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
        return {
          command: 'usage-error',
          message: `--format: expected one of ${OUTPUT_FORMATS.join(', ')}; got "${value}"`,
        };
      }
      options.format = value as OutputFormat;
    } else if (flag === '--fail-on') {
      if (!(FAIL_ON_LEVELS as readonly string[]).includes(value)) {
        return {
          command: 'usage-error',
          message: `--fail-on: expected one of ${FAIL_ON_LEVELS.join(', ')}; got "${value}"`,
        };
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
