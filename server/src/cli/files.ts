// Finding and reading the articles to check. Every failure here becomes a `FileProblem` that
// names the path; the caller reports it and goes on with the other files, so one bad file never
// hides the results for the rest.
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';

/** Extensions of article files found when walking a folder. `.article.txt` ends in `.txt`. */
export const ARTICLE_EXTENSIONS: readonly string[] = ['.txt', '.md', '.news', '.article'];

export interface FileProblem {
  path: string;
  message: string;
}

export interface WalkResult {
  /** Files to check, as paths built from what the user gave, in a deterministic order. */
  files: string[];
  problems: FileProblem[];
  /** Notes that are not errors: a folder with no articles, a symbolic link loop skipped. */
  notes: string[];
}

export function isArticleFile(name: string): boolean {
  const lower = name.toLowerCase();
  return ARTICLE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** Describes a file-system error in a few words, without Node's stack or syscall noise. */
export function describeFileError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Joins a folder as the user typed it with a path found under it, keeping the user's spelling
 * (`./articles/` stays `./articles/…`) so that output paths match what they asked for.
 */
function joinAsGiven(folder: string, name: string): string {
  return folder.endsWith('/') || folder.endsWith('\\') ? `${folder}${name}` : `${folder}/${name}`;
}

/**
 * Expands the PATH arguments into files. Folders are walked recursively; entries are sorted by
 * name (code-point order) so the output never depends on the file system's order. A folder whose
 * real path was already walked is skipped, which ends symbolic-link loops; a file reached twice
 * (given twice, or through a link) is checked once.
 */
export function collectFiles(paths: readonly string[]): WalkResult {
  const result: WalkResult = { files: [], problems: [], notes: [] };
  const visitedFolders = new Set<string>();
  const seenFiles = new Set<string>();

  const addFile = (path: string): void => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      result.problems.push({ path, message: describeFileError(error) });
      return;
    }
    if (!seenFiles.has(real)) {
      seenFiles.add(real);
      result.files.push(path);
    }
  };

  const walk = (folder: string): number => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (error) {
      result.problems.push({ path: folder, message: describeFileError(error) });
      return 0;
    }
    if (visitedFolders.has(real)) {
      result.notes.push(`${folder}: skipped, already checked (symbolic link loop or duplicate)`);
      return 0;
    }
    visitedFolders.add(real);
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (error) {
      result.problems.push({ path: folder, message: `cannot read folder: ${describeFileError(error)}` });
      return 0;
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let found = 0;
    for (const name of names) {
      const path = joinAsGiven(folder, name);
      let isDirectory: boolean;
      let isFile: boolean;
      try {
        // statSync follows symbolic links, so a link to a folder is walked and a dangling link fails here.
        const stats = statSync(path);
        isDirectory = stats.isDirectory();
        isFile = stats.isFile();
      } catch (error) {
        // A broken entry matters only if it would have been checked.
        if (isArticleFile(name)) {
          result.problems.push({ path, message: describeFileError(error) });
        }
        continue;
      }
      if (isDirectory) {
        if (name !== 'node_modules' && !name.startsWith('.')) {
          found += walk(path);
        }
      } else if (isFile && isArticleFile(name)) {
        addFile(path);
        found++;
      }
    }
    return found;
  };

  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      result.problems.push({ path, message: describeFileError(error) });
      continue;
    }
    if (isDirectory) {
      if (walk(path) === 0 && !result.problems.some((problem) => problem.path === path)) {
        result.notes.push(`${path}: no article files (${ARTICLE_EXTENSIONS.join(', ')}) found`);
      }
    } else {
      // A file named explicitly is checked whatever its extension: the user asked for it.
      addFile(path);
    }
  }
  return result;
}

/**
 * The largest article the CLI reads. News copy is measured in kilobytes; the limit keeps a
 * mistaken PATH (a disk image, a database dump) from exhausting memory, and stays well below the
 * longest string Node can hold.
 */
export const MAX_ARTICLE_BYTES = 128 * 1_048_576;

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one article as UTF-8 text. Binary files (any NUL byte) and bytes that are not valid
 * UTF-8 are refused rather than guessed at, because a mis-decoded article would produce
 * findings at the wrong offsets. A UTF-8 byte order mark is stripped, and offsets count from
 * the character after it.
 */
export function readArticle(path: string): ReadResult {
  let bytes: Buffer;
  let descriptor: number | null = null;
  try {
    // Non-blocking, so that opening a FIFO named on the command line returns instead of waiting for a writer.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    // Checked on the open descriptor, so that the file cannot be swapped between check and read.
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) {
      // Reading a device or a FIFO named on the command line could block or never end.
      return { ok: false, message: 'not a regular file; not checked' };
    }
    if (stats.size > MAX_ARTICLE_BYTES) {
      return {
        ok: false,
        message: `file too large (${Math.ceil(stats.size / 1_048_576)} MB; the limit is ${MAX_ARTICLE_BYTES / 1_048_576} MB); not checked`,
      };
    }
    bytes = readFileSync(descriptor);
  } catch (error) {
    return { ok: false, message: describeFileError(error) };
  } finally {
    if (descriptor !== null) closeSync(descriptor);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { ok: false, message: `binary file (NUL byte at offset ${nul}); not checked` };
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, message: `not valid UTF-8 (byte offset ${firstInvalidUtf8(bytes)}); not checked` };
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  return { ok: true, text };
}

/** Finds the first byte where UTF-8 decoding fails, so the message can point at it. */
function firstInvalidUtf8(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0 || index + length > bytes.length) {
      return index;
    }
    try {
      strictUtf8.decode(bytes.subarray(index, index + length));
    } catch {
      return index;
    }
    index += length;
  }
  return index;
}

/** Reads a configuration file's text, or says why it cannot. */
export function readConfigText(path: string): ReadResult {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { ok: false, message: describeFileError(error) };
  }
}
