// Where the server's settings come from, in order: the built-in defaults, `.newsclaims.json` at
// the workspace root (read from disk and watched), and the editor's `newsClaims` settings for
// the document's resource. Clients without `workspace/configuration` (Neovim, Helix) may push
// settings through `didChangeConfiguration` or `initializationOptions`, or send none at all.
// Anything invalid is reported once, naming the setting or the file and key, and its default
// applies; nothing here throws into a handler.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  defaultConfig,
  formatConfigProblem,
  mergeConfig,
  parseConfig,
  validateSettings,
  type NewsClaimsConfig,
} from '../analysis/config';

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

/** Keys of the `newsClaims` section that belong to the server or the client, not to the analysis. */
const EDITOR_ONLY_KEYS = ['debounceMs', 'maxDocumentSize', 'languages', 'trace', 'crossArticle', 'exclude'] as const;
const SETTINGS_SOURCE = 'Setting newsClaims';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface EditorSettings {
  debounceMs: number | null;
  maxDocumentSize: number;
  config: NewsClaimsConfig;
}

/**
 * Validates the editor's `newsClaims` section: the server's own keys here, the analysis keys with
 * the same `validateSettings` the CLI uses, so both report a bad value in the same words.
 */
export function readEditorSettings(raw: unknown): EditorSettings & Problems {
  const problems: string[] = [];
  const result: EditorSettings = {
    debounceMs: null,
    maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE,
    config: defaultConfig(),
  };
  if (raw === undefined || raw === null) {
    return { ...result, problems };
  }
  if (!isRecord(raw)) {
    problems.push(`${SETTINGS_SOURCE} must be an object; using the defaults.`);
    return { ...result, problems };
  }
  if (raw.debounceMs !== undefined && raw.debounceMs !== null) {
    if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0) {
      result.debounceMs = Math.min(raw.debounceMs, 60_000);
    } else {
      problems.push(
        `${SETTINGS_SOURCE}.debounceMs must be a number of milliseconds (0 or more) or null; using the adaptive delay.`,
      );
    }
  }
  if (raw.maxDocumentSize !== undefined && raw.maxDocumentSize !== null) {
    if (typeof raw.maxDocumentSize === 'number' && Number.isFinite(raw.maxDocumentSize) && raw.maxDocumentSize > 0) {
      result.maxDocumentSize = raw.maxDocumentSize;
    } else {
      problems.push(
        `${SETTINGS_SOURCE}.maxDocumentSize must be a positive number of bytes; using ${DEFAULT_MAX_DOCUMENT_SIZE}.`,
      );
    }
  }
  const validated = validateSettings(raw, SETTINGS_SOURCE, { ignoreKeys: EDITOR_ONLY_KEYS });
  result.config = validated.config;
  problems.push(...validated.problems.map(formatConfigProblem));
  return { ...result, problems };
}

/** The settings of the cross-article index: whether it runs, and which files it reads. */
export interface CrossArticleSettings {
  /** `newsClaims.crossArticle.enabled`: with false the server keeps no index and reads no files. */
  enabled: boolean;
  /** `newsClaims.exclude`: globs of article files the index leaves out, on top of `files.exclude`. */
  exclude: string[];
  /** `newsClaims.languages`: the language ids whose files are indexed. */
  languages: string[];
}

const DEFAULT_LANGUAGES = ['news-article', 'plaintext', 'markdown'];

/** Validates the cross-article keys of the `newsClaims` section; a bad value is named and its default applies. */
export function readCrossArticleSettings(raw: unknown): CrossArticleSettings & Problems {
  const problems: string[] = [];
  const result: CrossArticleSettings = { enabled: true, exclude: [], languages: [...DEFAULT_LANGUAGES] };
  if (!isRecord(raw)) {
    return { ...result, problems };
  }
  const crossArticle = raw.crossArticle;
  if (crossArticle !== undefined && crossArticle !== null) {
    const enabled = isRecord(crossArticle) ? crossArticle.enabled : undefined;
    if (typeof enabled === 'boolean') {
      result.enabled = enabled;
    } else if (!isRecord(crossArticle) || enabled !== undefined) {
      problems.push(`${SETTINGS_SOURCE}.crossArticle.enabled must be true or false; using true.`);
    }
  }
  const exclude = raw.exclude;
  if (exclude !== undefined && exclude !== null) {
    if (Array.isArray(exclude) && exclude.every((glob) => typeof glob === 'string')) {
      result.exclude = exclude;
    } else {
      problems.push(`${SETTINGS_SOURCE}.exclude must be a list of glob patterns; nothing extra is excluded.`);
    }
  }
  const languages = raw.languages;
  if (languages !== undefined && languages !== null) {
    if (Array.isArray(languages) && languages.every((language) => typeof language === 'string')) {
      result.languages = languages;
    } else {
      problems.push(
        `${SETTINGS_SOURCE}.languages must be a list of language ids; using ${DEFAULT_LANGUAGES.join(', ')}.`,
      );
    }
  }
  return { ...result, problems };
}

/** Parses the text of `.newsclaims.json` (JSON with comments); `file` names it in every problem. */
export function readProjectConfig(text: string, file: string): { config: NewsClaimsConfig } & Problems {
  const parsed = parseConfig(text, file);
  return { config: parsed.config, problems: parsed.problems.map(formatConfigProblem) };
}

/**
 * Layers the configurations the way the CLI does: the editor's settings are the base and the
 * workspace's `.newsclaims.json` overrides them key by key (the file is what CI checks against,
 * so the editor agrees with CI); lists add up.
 */
export function layerConfig(editor: NewsClaimsConfig, project: Partial<NewsClaimsConfig>): NewsClaimsConfig {
  return mergeConfig(editor, project);
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

/** A client that never answers workspace/configuration must not stall the analysis for good. */
export const CONFIGURATION_TIMEOUT_MS = 5_000;

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, reason: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${reason} within ${timeoutMs} ms`)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
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

  /** The raw `newsClaims` section for a resource: the editor's answer, or what a client without pull pushed. */
  async rawSection(uri: string): Promise<unknown> {
    if (!this.host.supportsConfiguration) {
      return this.pushed;
    }
    try {
      return await withTimeout(this.host.fetchSection(uri), CONFIGURATION_TIMEOUT_MS, 'the editor did not answer');
    } catch (error) {
      this.reportOnce(
        `News Claims could not read the editor settings (${error instanceof Error ? error.message : String(error)}); using the defaults.`,
      );
      return undefined;
    }
  }

  /** Reports a problem once per settings change, like every other settings problem. */
  reportProblem(message: string): void {
    this.reportOnce(message);
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
        raw = await withTimeout(this.host.fetchSection(uri), CONFIGURATION_TIMEOUT_MS, 'the editor did not answer');
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
      config: layerConfig(editor.config, project),
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
