// Which files on disk the cross-article index reads: the same article files the client opens
// (`newsClaims.languages` picks the language ids), minus what `files.exclude` and
// `newsClaims.exclude` leave out. Pure helpers, so the rules are unit-tested without a server.
import picomatch from 'picomatch';

/** The language ids the client registers for, with the file names each one covers. */
export const ARTICLE_LANGUAGES = ['news-article', 'plaintext', 'markdown'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

/** The globs the server asks the client to watch: every article file of every language (filtered again here). */
export const ARTICLE_WATCH_GLOB = '**/*.{news,article,txt,md}';

/** The language a file would open in, by its name, as package.json's `contributes.languages` maps it. */
export function articleLanguageOf(fileName: string): ArticleLanguage | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.news') || lower.endsWith('.article') || lower.endsWith('.article.txt')) {
    return 'news-article';
  }
  if (lower.endsWith('.txt')) {
    return 'plaintext';
  }
  if (lower.endsWith('.md')) {
    return 'markdown';
  }
  return undefined;
}

/** True when `fileName` is an article in one of the chosen languages. */
export function isArticleFileFor(fileName: string, languages: readonly string[]): boolean {
  const language = articleLanguageOf(fileName);
  return language !== undefined && languages.includes(language);
}

/**
 * The globs of VS Code's `files.exclude` that are switched on. A `{ "when": … }` value depends on
 * a sibling file and is left out: an article it would hide is indexed rather than lost.
 */
export function enabledExcludeGlobs(filesExclude: unknown): string[] {
  if (typeof filesExclude !== 'object' || filesExclude === null || Array.isArray(filesExclude)) {
    return [];
  }
  return Object.entries(filesExclude)
    .filter(([, value]) => value === true)
    .map(([glob]) => glob);
}

/**
 * A test on paths relative to a workspace folder (forward slashes, no leading slash). VS Code
 * matches `files.exclude` globs against such paths, dot files included, so a folder matched by a
 * glob hides everything below it too.
 */
export function excludeMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const usable = globs.filter((glob) => glob.trim() !== '');
  if (usable.length === 0) {
    return () => false;
  }
  const matches = picomatch(usable, { dot: true });
  return (relativePath) => {
    if (matches(relativePath)) {
      return true;
    }
    // "drafts" hides "drafts/a.md": test every parent folder of the path as well.
    for (let slash = relativePath.indexOf('/'); slash > 0; slash = relativePath.indexOf('/', slash + 1)) {
      if (matches(relativePath.slice(0, slash))) {
        return true;
      }
    }
    return false;
  };
}

/** The path of a file URI under a folder URI, with forward slashes, or undefined when it is not inside. */
export function relativePathIn(folderUri: string, fileUri: string): string | undefined {
  const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
  if (!fileUri.startsWith(prefix)) {
    return undefined;
  }
  try {
    return decodeURIComponent(fileUri.slice(prefix.length));
  } catch {
    return undefined;
  }
}
