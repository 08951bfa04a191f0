// Where the server's settings come from, in order: the built-in defaults, `.newsclaims.json` at
// the workspace root (read from disk and watched), and the editor's `newsClaims` settings for
// the document's resource. Clients without `workspace/configuration` (Neovim, Helix) may push
// settings through `didChangeConfiguration` or `initializationOptions`, or send none at all.
// Anything invalid is reported once, naming the setting or the file and key, and its default
// applies; nothing here throws into a handler.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG, type NewsClaimsConfig, type SeveritySetting } from '../analysis/config';
import { FINDING_CODES, type FindingCode } from '../analysis/types';

export const CONFIG_FILE_NAME = '.newsclaims.json';
export const DEFAULT_MAX_DOCUMENT_SIZE = 4 * 1024 * 1024;

export interface EffectiveSettings {
  /** A fixed debounce in milliseconds, or null for the adaptive one. */
  debounceMs: number | null;
  /** Documents larger than this many UTF-8 bytes are not analysed. */
  maxDocumentSize: number;
  config: NewsClaimsConfig;
}

export interface Problems {
  problems: string[];
}

const SEVERITY_LEVELS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFindingCode(value: string): value is FindingCode {
  return (FINDING_CODES as readonly string[]).includes(value);
}

function readSeverity(
  value: unknown,
  where: string,
  problems: string[],
): Partial<Record<FindingCode, SeveritySetting>> | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isRecord(value)) {
    problems.push(`${where}severity must be an object mapping a finding code to a level; using the defaults.`);
    return undefined;
  }
  const severity: Partial<Record<FindingCode, SeveritySetting>> = {};
  for (const [code, level] of Object.entries(value)) {
    if (!isFindingCode(code)) {
      problems.push(`${where}severity has an unknown finding code "${code}" (known: ${FINDING_CODES.join(', ')}).`);
      continue;
    }
    if (typeof level !== 'string' || !(SEVERITY_LEVELS as readonly string[]).includes(level)) {
      problems.push(`${where}severity.${code} must be one of ${SEVERITY_LEVELS.join(', ')}; keeping the default.`);
      continue;
    }
    severity[code] = level as SeveritySetting;
  }
  return severity;
}

function readStringList(value: unknown, key: string, where: string, problems: string[]): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    problems.push(`${where}${key} must be a list of strings; ignoring it.`);
    return undefined;
  }
  return value as string[];
}

function readArticleDate(value: unknown, where: string, problems: string[]): string | null | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string' || !DATE_PATTERN.test(value) || Number.isNaN(Date.parse(value))) {
    problems.push(`${where}articleDate must be a date written YYYY-MM-DD; ignoring it.`);
    return undefined;
  }
  return value;
}

export interface EditorSettings {
  debounceMs: number | null;
  maxDocumentSize: number;
  config: Partial<NewsClaimsConfig>;
}

/** Validates the editor's `newsClaims` section. Unknown keys are left alone: the client owns some. */
export function readEditorSettings(raw: unknown): EditorSettings & Problems {
  const problems: string[] = [];
  const result: EditorSettings = { debounceMs: null, maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE, config: {} };
  if (raw === undefined || raw === null) {
    return { ...result, problems };
  }
  if (!isRecord(raw)) {
    problems.push('Setting newsClaims must be an object; using the defaults.');
    return { ...result, problems };
  }
  const where = 'Setting newsClaims.';
  if (raw.debounceMs !== undefined && raw.debounceMs !== null) {
    if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0) {
      result.debounceMs = Math.min(raw.debounceMs, 60_000);
    } else {
      problems.push(
        `${where}debounceMs must be a number of milliseconds (0 or more) or null; using the adaptive delay.`,
      );
    }
  }
  if (raw.maxDocumentSize !== undefined && raw.maxDocumentSize !== null) {
    if (typeof raw.maxDocumentSize === 'number' && Number.isFinite(raw.maxDocumentSize) && raw.maxDocumentSize > 0) {
      result.maxDocumentSize = raw.maxDocumentSize;
    } else {
      problems.push(
        `${where}maxDocumentSize must be a positive number of bytes; using ${DEFAULT_MAX_DOCUMENT_SIZE} bytes.`,
      );
    }
  }
  const severity = readSeverity(raw.severity, where, problems);
  if (severity !== undefined) {
    result.config.severity = severity;
  }
  const commonKnowledge = readStringList(raw.commonKnowledge, 'commonKnowledge', where, problems);
  if (commonKnowledge !== undefined) {
    result.config.commonKnowledge = commonKnowledge;
  }
  const articleDate = readArticleDate(raw.articleDate, where, problems);
  if (articleDate !== undefined) {
    result.config.articleDate = articleDate;
  }
  return { ...result, problems };
}

/** Parses the text of `.newsclaims.json`; `file` names it in every problem. */
export function readProjectConfig(text: string, file: string): { config: Partial<NewsClaimsConfig> } & Problems {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { config: {}, problems: [`${file} is not valid JSON (${detail}); using the defaults.`] };
  }
  if (!isRecord(raw)) {
    return { config: {}, problems: [`${file} must hold a JSON object; using the defaults.`] };
  }
  const where = `${file}: `;
  const config: Partial<NewsClaimsConfig> = {};
  const known = new Set([
    'severity',
    'people',
    'organizations',
    'aliases',
    'commonKnowledge',
    'articleDate',
    '$schema',
  ]);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      problems.push(`${where}unknown key "${key}" is ignored.`);
    }
  }
  const severity = readSeverity(raw.severity, where, problems);
  if (severity !== undefined) {
    config.severity = severity;
  }
  for (const key of ['people', 'organizations', 'commonKnowledge'] as const) {
    const list = readStringList(raw[key], key, where, problems);
    if (list !== undefined) {
      config[key] = list;
    }
  }
  if (raw.aliases !== undefined) {
    if (
      isRecord(raw.aliases) &&
      Object.values(raw.aliases).every((names) => Array.isArray(names) && names.every((n) => typeof n === 'string'))
    ) {
      config.aliases = raw.aliases as Record<string, string[]>;
    } else {
      problems.push(`${where}aliases must map a canonical name to a list of other names; ignoring it.`);
    }
  }
  const articleDate = readArticleDate(raw.articleDate, where, problems);
  if (articleDate !== undefined) {
    config.articleDate = articleDate;
  }
  return { config, problems };
}

/**
 * Layers the configurations: project file over defaults, then the editor's settings over both.
 * Severities merge per code, so a user can switch one code off locally without losing the
 * project's other choices; lists add up.
 */
export function layerConfig(project: Partial<NewsClaimsConfig>, editor: Partial<NewsClaimsConfig>): NewsClaimsConfig {
  const unique = (...lists: Array<string[] | undefined>): string[] => [...new Set(lists.flatMap((l) => l ?? []))];
  return {
    severity: { ...DEFAULT_CONFIG.severity, ...project.severity, ...editor.severity },
    people: unique(DEFAULT_CONFIG.people, project.people, editor.people),
    organizations: unique(DEFAULT_CONFIG.organizations, project.organizations, editor.organizations),
    aliases: { ...DEFAULT_CONFIG.aliases, ...project.aliases, ...editor.aliases },
    commonKnowledge: unique(DEFAULT_CONFIG.commonKnowledge, project.commonKnowledge, editor.commonKnowledge),
    articleDate: editor.articleDate ?? project.articleDate ?? DEFAULT_CONFIG.articleDate,
  };
}

export interface SettingsHost {
  /** True when the client answers `workspace/configuration`. */
  supportsConfiguration: boolean;
  fetchSection(uri: string): Promise<unknown>;
  report(message: string): void;
  workspaceFolders(): string[];
}

/** The workspace folder (a URI) that holds a document: the longest folder URI that prefixes it. */
export function folderFor(uri: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const prefix = folder.endsWith('/') ? folder : folder + '/';
    if ((uri.startsWith(prefix) || uri === folder) && (best === undefined || folder.length > best.length)) {
      best = folder;
    }
  }
  return best;
}

export function configFileFor(folderUri: string): string | undefined {
  if (!folderUri.startsWith('file:')) {
    return undefined;
  }
  try {
    return path.join(fileURLToPath(folderUri), CONFIG_FILE_NAME);
  } catch {
    return undefined;
  }
}

export class SettingsManager {
  private readonly perUri = new Map<string, Promise<EffectiveSettings>>();
  private readonly projectConfigs = new Map<string, Promise<Partial<NewsClaimsConfig>>>();
  /** Phrases added by "Treat as common knowledge" that the client has not saved to disk yet. */
  private readonly pendingCommonKnowledge = new Map<string, string[]>();
  private readonly reported = new Set<string>();
  /** Settings pushed through `didChangeConfiguration` or `initializationOptions`, for clients without pull. */
  private pushed: unknown;

  constructor(
    private readonly host: SettingsHost,
    initialSettings: unknown,
  ) {
    this.pushed = initialSettings;
  }

  settingsFor(uri: string): Promise<EffectiveSettings> {
    let settings = this.perUri.get(uri);
    if (settings === undefined) {
      settings = this.load(uri);
      this.perUri.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
  }

  /** After `didChangeConfiguration`: pushed settings replace the old ones; everything is re-read. */
  configurationChanged(pushedSettings: unknown): void {
    if (isRecord(pushedSettings) && pushedSettings.newsClaims !== undefined) {
      this.pushed = pushedSettings.newsClaims;
    }
    this.perUri.clear();
    this.reported.clear();
  }

  /** After a watched `.newsclaims.json` changed, was created or deleted. */
  projectFileChanged(fileUri: string): void {
    const folder = fileUri.slice(0, fileUri.length - CONFIG_FILE_NAME.length - 1);
    this.projectConfigs.delete(folder);
    this.pendingCommonKnowledge.delete(folder);
    this.perUri.clear();
    this.reported.clear();
  }

  workspaceFoldersChanged(): void {
    this.projectConfigs.clear();
    this.perUri.clear();
  }

  /** Takes a phrase into account at once, before the client has saved `.newsclaims.json`. */
  addPendingCommonKnowledge(folderUri: string, phrase: string): void {
    const list = this.pendingCommonKnowledge.get(folderUri) ?? [];
    list.push(phrase);
    this.pendingCommonKnowledge.set(folderUri, list);
    this.perUri.clear();
  }

  private async load(uri: string): Promise<EffectiveSettings> {
    let raw: unknown = this.pushed;
    if (this.host.supportsConfiguration) {
      try {
        raw = await this.host.fetchSection(uri);
      } catch (error) {
        this.reportOnce(
          `News Claims could not read the editor settings (${error instanceof Error ? error.message : String(error)}); using the defaults.`,
        );
        raw = undefined;
      }
    }
    const editor = readEditorSettings(raw);
    editor.problems.forEach((problem) => this.reportOnce(problem));
    const folder = folderFor(uri, this.host.workspaceFolders());
    let project: Partial<NewsClaimsConfig> = {};
    if (folder !== undefined) {
      project = await this.projectConfig(folder);
      const pending = this.pendingCommonKnowledge.get(folder);
      if (pending !== undefined) {
        project = { ...project, commonKnowledge: [...(project.commonKnowledge ?? []), ...pending] };
      }
    }
    return {
      debounceMs: editor.debounceMs,
      maxDocumentSize: editor.maxDocumentSize,
      config: layerConfig(project, editor.config),
    };
  }

  private projectConfig(folderUri: string): Promise<Partial<NewsClaimsConfig>> {
    let config = this.projectConfigs.get(folderUri);
    if (config === undefined) {
      config = this.readProjectFile(folderUri);
      this.projectConfigs.set(folderUri, config);
    }
    return config;
  }

  private async readProjectFile(folderUri: string): Promise<Partial<NewsClaimsConfig>> {
    const file = configFileFor(folderUri);
    if (file === undefined) {
      return {};
    }
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.reportOnce(`News Claims could not read ${file}: ${(error as Error).message}; using the defaults.`);
      }
      return {};
    }
    const parsed = readProjectConfig(text, file);
    parsed.problems.forEach((problem) => this.reportOnce(problem));
    return parsed.config;
  }

  private reportOnce(message: string): void {
    if (!this.reported.has(message)) {
      this.reported.add(message);
      this.host.report(message);
    }
  }
}

export function fileUriOf(file: string): string {
  return pathToFileURL(file).toString();
}
