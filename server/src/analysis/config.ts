// The user's configuration, as `.newsclaims.json` or `--config` supplies it. Parsing and
// validation live here, in the pure core, so that the CLI and the language server report the
// same errors for the same file.
//
// Configuration is data only: no key names a module, a script or a command, and nothing here
// evaluates what it reads. A bad key never throws; it becomes a `ConfigProblem` that names the
// file and the key, the default stays in force for that key, and every valid key still applies.
import { FINDING_CODES, type FindingCode, type Severity } from './types';

export type SeveritySetting = Severity | 'off';

export interface NewsClaimsConfig {
  /** A severity per finding code, or `off`. Codes not listed keep their default. */
  severity: Partial<Record<FindingCode, SeveritySetting>>;
  /** Extra people the gazetteers do not know, as full names. */
  people: string[];
  /** Extra organisations the gazetteers do not know. */
  organizations: string[];
  /** Alias groups: canonical name to the other names it goes by. */
  aliases: Record<string, string[]>;
  /** Phrases that count as common knowledge and need no source. */
  commonKnowledge: string[];
  /** The article date, `YYYY-MM-DD`, used to resolve relative dates when the text has no dateline. */
  articleDate: string | null;
  /**
   * Cross-article entity clusters the user corrects: `merge` groups names that are one entity,
   * `split` names that must never join a look-alike. Optional, so older callers stay valid.
   */
  clusters?: ClusterSettings;
}

/** The `clusters` key of `.newsclaims.json`. */
export interface ClusterSettings {
  merge: string[][];
  split: string[];
}

export const DEFAULT_CONFIG: NewsClaimsConfig = {
  severity: {},
  people: [],
  organizations: [],
  aliases: {},
  commonKnowledge: [],
  articleDate: null,
};

/** One thing wrong with a configuration file or settings object. */
export interface ConfigProblem {
  /** The file name or settings source as the caller named it, e.g. `.newsclaims.json`. */
  file: string;
  /** The dotted key path the problem is about (`severity.unattributed-figure`, `people[2]`); empty for syntax errors. */
  key: string;
  message: string;
  /** One-based line of a syntax error, when the problem comes from parsing text. */
  line?: number;
  /** One-based UTF-16 column of a syntax error. */
  column?: number;
}

export interface ConfigResult {
  config: NewsClaimsConfig;
  problems: ConfigProblem[];
}

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Every key `.newsclaims.json` may hold. `$schema` is accepted so that editors can validate the file. */
export const CONFIG_KEYS = [
  '$schema',
  'severity',
  'people',
  'organizations',
  'aliases',
  'commonKnowledge',
  'articleDate',
  'clusters',
] as const;

/** A fresh copy of the defaults, so that callers can never mutate the shared constant through a result. */
export function defaultConfig(): NewsClaimsConfig {
  return { severity: {}, people: [], organizations: [], aliases: {}, commonKnowledge: [], articleDate: null };
}

/** Renders a problem the way the CLI prints it and the server logs it. */
export function formatConfigProblem(problem: ConfigProblem): string {
  if (problem.key === '') {
    const where = problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`;
    return `${problem.file}${where}: ${problem.message}`;
  }
  return `${problem.file}: "${problem.key}": ${problem.message}`;
}

/**
 * Parses the text of a `.newsclaims.json` file. The file is JSON with comments: `//` and
 * `/* … *\/` comments and trailing commas are allowed, as in VS Code's own settings files, because
 * people annotate why a severity was changed. A syntax error yields one problem with its line and
 * column and the defaults for every key.
 */
export function parseConfig(text: string, fileName: string): ConfigResult {
  const parsed = parseJsonWithComments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) {
    return {
      config: defaultConfig(),
      problems: [
        {
          file: fileName,
          key: '',
          message: `invalid JSON: ${parsed.message} (line ${parsed.line}, column ${parsed.column})`,
          line: parsed.line,
          column: parsed.column,
        },
      ],
    };
  }
  const problems: ConfigProblem[] = parsed.duplicateKeys.map((key) => ({
    file: fileName,
    key,
    message: 'key appears more than once; the last value is used',
  }));
  const validated = validateSettings(parsed.value, fileName);
  return { config: validated.config, problems: [...problems, ...validated.problems] };
}

export interface ValidateOptions {
  /**
   * Keys that belong to the caller and are not configuration, e.g. the editor's `trace.server`
   * inside the `newsClaims` settings section. They are skipped silently instead of reported.
   */
  ignoreKeys?: readonly string[];
}

/**
 * Validates an already-parsed object: the parsed `.newsclaims.json`, or the `newsClaims` section
 * the language server receives from `workspace/configuration`. Missing keys keep their defaults.
 * An empty `articleDate` string counts as unset, because that is what an editor's settings UI
 * leaves behind.
 */
export function validateSettings(value: unknown, sourceName: string, options: ValidateOptions = {}): ConfigResult {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  const report = (key: string, message: string): void => {
    problems.push({ file: sourceName, key, message });
  };
  if (value === undefined || value === null) {
    return { config, problems };
  }
  if (!isPlainObject(value)) {
    problems.push({
      file: sourceName,
      key: '',
      message: `expected an object at the top level; got ${describe(value)}`,
    });
    return { config, problems };
  }
  const ignored = new Set(options.ignoreKeys ?? []);
  for (const key of Object.keys(value)) {
    const entry = value[key];
    switch (key) {
      case '$schema':
        if (typeof entry !== 'string') {
          report(key, `expected a string; got ${describe(entry)}`);
        }
        break;
      case 'severity':
        config.severity = validateSeverity(entry, report);
        break;
      case 'people':
      case 'organizations':
      case 'commonKnowledge':
        config[key] = validateStringList(entry, key, report);
        break;
      case 'aliases':
        config.aliases = validateAliases(entry, report);
        break;
      case 'articleDate':
        config.articleDate = validateArticleDate(entry, report);
        break;
      case 'clusters':
        config.clusters = validateClusters(entry, report);
        break;
      default:
        if (!ignored.has(key)) {
          report(key, unknownKeyMessage(key));
        }
    }
  }
  return { config, problems };
}

/**
 * Combines two configurations, e.g. editor settings (base) with the workspace's
 * `.newsclaims.json` (override). Severities and alias groups are merged key by key with the
 * override winning; the name and phrase lists are joined without duplicates, because both
 * sources add knowledge rather than replace it; `articleDate` is the override's when it has one.
 */
export function mergeConfig(base: NewsClaimsConfig, override: Partial<NewsClaimsConfig>): NewsClaimsConfig {
  const aliases: Record<string, string[]> = {};
  for (const source of [base.aliases, override.aliases ?? {}]) {
    for (const [canonical, names] of Object.entries(source)) {
      defineEntry(aliases, canonical, [...names]);
    }
  }
  return {
    severity: { ...base.severity, ...(override.severity ?? {}) },
    people: unique([...base.people, ...(override.people ?? [])]),
    organizations: unique([...base.organizations, ...(override.organizations ?? [])]),
    aliases,
    commonKnowledge: unique([...base.commonKnowledge, ...(override.commonKnowledge ?? [])]),
    articleDate: override.articleDate ?? base.articleDate,
    ...mergeClusters(base.clusters, override.clusters),
  };
}

/** Cluster corrections from both sources apply together: neither replaces the other's groups. */
function mergeClusters(base?: ClusterSettings, override?: ClusterSettings): { clusters?: ClusterSettings } {
  if (base === undefined && override === undefined) {
    return {};
  }
  return {
    clusters: {
      merge: [...(base?.merge ?? []), ...(override?.merge ?? [])],
      split: unique([...(base?.split ?? []), ...(override?.split ?? [])]),
    },
  };
}

/**
 * Validates `clusters`: `merge` is a list of groups of at least two names, `split` a list of
 * names. A bad group is reported and dropped; the valid groups still apply.
 */
function validateClusters(value: unknown, report: Reporter): ClusterSettings {
  const result: ClusterSettings = { merge: [], split: [] };
  if (!isPlainObject(value)) {
    report('clusters', `expected an object with "merge" and "split" lists; got ${describe(value)}`);
    return result;
  }
  for (const key of Object.keys(value)) {
    const entry = value[key];
    if (key === 'split') {
      result.split = validateStringList(entry, 'clusters.split', report);
    } else if (key === 'merge') {
      if (!Array.isArray(entry)) {
        report('clusters.merge', `expected an array of name groups (arrays of strings); got ${describe(entry)}`);
        continue;
      }
      entry.forEach((group: unknown, index) => {
        const groupKey = `clusters.merge[${index}]`;
        if (!Array.isArray(group)) {
          report(groupKey, `expected an array of names; got ${describe(group)}`);
          return;
        }
        const names = validateStringList(group, groupKey, report);
        if (names.length < 2) {
          report(groupKey, 'a merge group needs at least two different names');
          return;
        }
        result.merge.push(names);
      });
    } else {
      report(`clusters.${key}`, `unknown key; expected merge or split${suggest(key, ['merge', 'split'])}`);
    }
  }
  return result;
}

type Reporter = (key: string, message: string) => void;

function validateSeverity(value: unknown, report: Reporter): Partial<Record<FindingCode, SeveritySetting>> {
  const result: Partial<Record<FindingCode, SeveritySetting>> = {};
  if (!isPlainObject(value)) {
    report('severity', `expected an object mapping finding codes to severities; got ${describe(value)}`);
    return result;
  }
  for (const code of Object.keys(value)) {
    const setting = value[code];
    const key = `severity.${code}`;
    if (!isFindingCode(code)) {
      report(key, `unknown finding code; expected one of ${FINDING_CODES.join(', ')}${suggest(code, FINDING_CODES)}`);
    } else if (!isSeveritySetting(setting)) {
      report(key, `expected one of ${SEVERITY_SETTINGS.join(', ')}; got ${describe(setting)}`);
    } else {
      result[code] = setting;
    }
  }
  return result;
}

function validateStringList(value: unknown, key: string, report: Reporter): string[] {
  if (!Array.isArray(value)) {
    report(key, `expected an array of strings; got ${describe(value)}`);
    return [];
  }
  const result: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string') {
      report(`${key}[${index}]`, `expected a string; got ${describe(item)}`);
    } else if (item.trim() === '') {
      report(`${key}[${index}]`, 'expected a non-empty string; got ""');
    } else {
      result.push(item.trim());
    }
  });
  return unique(result);
}

function validateAliases(value: unknown, report: Reporter): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!isPlainObject(value)) {
    report('aliases', `expected an object mapping a canonical name to a list of other names; got ${describe(value)}`);
    return result;
  }
  for (const canonical of Object.keys(value)) {
    const key = `aliases.${canonical}`;
    if (canonical.trim() === '') {
      report(key, 'the canonical name must not be empty');
      continue;
    }
    const names = validateStringList(value[canonical], key, report);
    if (Array.isArray(value[canonical])) {
      defineEntry(result, canonical.trim(), names);
    }
  }
  return result;
}

function validateArticleDate(value: unknown, report: Reporter): string | null {
  if (value === null || value === '') {
    return null;
  }
  if (typeof value !== 'string') {
    report('articleDate', `expected a date as "YYYY-MM-DD"; got ${describe(value)}`);
    return null;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    report('articleDate', `expected a date as "YYYY-MM-DD"; got ${describe(value)}`);
    return null;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Date.UTC rolls 2026-02-30 over into March; comparing the parts back catches impossible dates.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    report('articleDate', `no such calendar date; got ${describe(value)}`);
    return null;
  }
  return value;
}

function isFindingCode(code: string): code is FindingCode {
  return (FINDING_CODES as readonly string[]).includes(code);
}

function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a bad value briefly for a message: strings quoted, long ones cut short. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value;
}

function unknownKeyMessage(key: string): string {
  const known = CONFIG_KEYS.filter((name) => name !== '$schema');
  return `unknown key; expected one of ${known.join(', ')}${suggest(key, CONFIG_KEYS)}`;
}

/** A "did you mean" hint for near-misses such as `organisations` or `severities`. */
function suggest(input: string, candidates: readonly string[]): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  const threshold = Math.max(2, Math.floor(input.length / 4));
  return best !== null && bestDistance <= threshold ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  // Keys are short; a guard keeps a pathological 1 MB key from costing quadratic time.
  if (Math.abs(a.length - b.length) > 8 || a.length > 64 || b.length > 64) {
    return Infinity;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? Infinity;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/**
 * Sets a key on a record without going through the `__proto__` setter, so that a configuration
 * file with a key named `__proto__` cannot change any object's prototype.
 */
function defineEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------
// A small JSON-with-comments parser. JSON.parse rejects comments and reports positions in a
// format that changes between Node versions; this one gives a stable line and column.

type ParseOutcome =
  { ok: true; value: unknown; duplicateKeys: string[] } | { ok: false; message: string; line: number; column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The deepest nesting accepted; deeper input is rejected instead of overflowing the stack. */
const MAX_DEPTH = 64;

export function parseJsonWithComments(text: string): ParseOutcome {
  const duplicateKeys: string[] = [];
  let offset = 0;

  const fail = (message: string, at = offset): never => {
    throw new JsonSyntaxError(message, at);
  };

  const skipTrivia = (): void => {
    while (offset < text.length) {
      const char = text[offset];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\ufeff') {
        offset++;
      } else if (char === '/' && text[offset + 1] === '/') {
        while (offset < text.length && text[offset] !== '\n' && text[offset] !== '\r') {
          offset++;
        }
      } else if (char === '/' && text[offset + 1] === '*') {
        const close = text.indexOf('*/', offset + 2);
        if (close < 0) {
          fail('unclosed /* comment');
        }
        offset = close + 2;
      } else {
        return;
      }
    }
  };

  const parseString = (): string => {
    const start = offset;
    offset++; // The opening quote.
    let result = '';
    let runStart = offset;
    while (offset < text.length) {
      const code = text.charCodeAt(offset);
      if (code === 0x22 /* " */) {
        result += text.slice(runStart, offset);
        offset++;
        return result;
      }
      if (code === 0x5c /* \ */) {
        result += text.slice(runStart, offset);
        const escape = text[offset + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (escape === 'u') {
          const hex = text.slice(offset + 2, offset + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            fail('invalid \\u escape in string');
          }
          result += String.fromCharCode(parseInt(hex, 16));
          offset += 6;
        } else if (escape !== undefined && escape in simple) {
          result += simple[escape];
          offset += 2;
        } else {
          fail('invalid escape in string');
        }
        runStart = offset;
      } else if (code < 0x20) {
        fail(code === 10 || code === 13 ? 'unterminated string' : 'control character in string');
      } else {
        offset++;
      }
    }
    return fail('unterminated string', start);
  };

  const parseValue = (depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      fail(`nesting deeper than ${MAX_DEPTH} levels`);
    }
    skipTrivia();
    const char = text[offset];
    if (char === undefined) {
      return fail('unexpected end of file; expected a value');
    }
    if (char === '{') {
      offset++;
      const object: Record<string, unknown> = {};
      const seen = new Set<string>();
      skipTrivia();
      if (text[offset] === '}') {
        offset++;
        return object;
      }
      for (;;) {
        skipTrivia();
        if (text[offset] !== '"') {
          fail(
            text[offset] === undefined ? 'unexpected end of file; expected a key' : 'expected a key in double quotes',
          );
        }
        const key = parseString();
        skipTrivia();
        if (text[offset] !== ':') {
          fail("expected ':' after a key");
        }
        offset++;
        const value = parseValue(depth + 1);
        if (seen.has(key)) {
          duplicateKeys.push(key);
        }
        seen.add(key);
        defineEntry(object, key, value);
        skipTrivia();
        if (text[offset] === ',') {
          offset++;
          skipTrivia();
          // A trailing comma before the closing brace is allowed, as in VS Code settings.
          if (text[offset] === '}') {
            offset++;
            return object;
          }
        } else if (text[offset] === '}') {
          offset++;
          return object;
        } else {
          fail(text[offset] === undefined ? "unexpected end of file; expected ',' or '}'" : "expected ',' or '}'");
        }
      }
    }
    if (char === '[') {
      offset++;
      const array: unknown[] = [];
      skipTrivia();
      if (text[offset] === ']') {
        offset++;
        return array;
      }
      for (;;) {
        array.push(parseValue(depth + 1));
        skipTrivia();
        if (text[offset] === ',') {
          offset++;
          skipTrivia();
          if (text[offset] === ']') {
            offset++;
            return array;
          }
        } else if (text[offset] === ']') {
          offset++;
          return array;
        } else {
          fail(text[offset] === undefined ? "unexpected end of file; expected ',' or ']'" : "expected ',' or ']'");
        }
      }
    }
    if (char === '"') {
      return parseString();
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(offset, offset + 400),
    );
    if (literal) {
      offset += literal[0].length;
      return literal[0] === 'true'
        ? true
        : literal[0] === 'false'
          ? false
          : literal[0] === 'null'
            ? null
            : Number(literal[0]);
    }
    return fail(`unexpected character ${JSON.stringify(char)}`);
  };

  try {
    // A file that holds nothing but whitespace and comments is an empty configuration, not an error.
    skipTrivia();
    if (offset >= text.length) {
      return { ok: true, value: undefined, duplicateKeys };
    }
    const value = parseValue(0);
    skipTrivia();
    if (offset < text.length) {
      fail('unexpected text after the end of the JSON value');
    }
    return { ok: true, value, duplicateKeys };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const { line, column } = lineAndColumn(text, error.offset);
      return { ok: false, message: error.message, line, column };
    }
    throw error;
  }
}

/** One-based line and column of an offset, counting CRLF, CR and LF as one line end each. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 13 && text.charCodeAt(index + 1) === 10) {
      continue;
    }
    if (code === 10 || code === 13) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
