// The texts the benchmark runs on: the project's own fixture articles, and, when the shared
// corpus is present next to the repository, the PolNeAR training texts. Nothing from the shared
// corpus is ever written into the project; it is only read here, at benchmark time.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Document {
  /** Where the text came from, relative to the repository root. */
  name: string;
  text: string;
}

export interface Corpus {
  /** Short label for table rows: "fixtures" or "polnear-train". */
  label: string;
  /** The directory, relative to the repository root, as the report names it. */
  source: string;
  documents: Document[];
  /** UTF-8 bytes over all documents. */
  bytes: number;
  /** Words and numbers over all documents, counted by the floor regex. */
  tokens: number;
}

/** The Unicode word/number pattern of the floor measurement; tokens/s everywhere counts its matches. */
export const WORD_PATTERN = /[\p{L}\p{N}]+/gu;

export function countTokens(text: string): number {
  const pattern = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);
  let count = 0;
  while (pattern.exec(text) !== null) {
    count++;
  }
  return count;
}

const ARTICLE_EXTENSIONS = ['.txt', '.news', '.md', '.article'];

function listArticleFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) {
      files.push(...listArticleFiles(path));
    } else if (ARTICLE_EXTENSIONS.some((extension) => entry.endsWith(extension))) {
      files.push(path);
    }
  }
  return files;
}

function makeCorpus(label: string, repoRoot: string, directory: string, files: string[]): Corpus {
  const documents = files.map((path) => ({
    name: relative(repoRoot, path),
    // A BOM is the caller's to strip, as the language server and the CLI do.
    text: readFileSync(path, 'utf8').replace(/^\uFEFF/, ''),
  }));
  return {
    label,
    source: relative(repoRoot, directory),
    documents,
    bytes: documents.reduce((sum, document) => sum + Buffer.byteLength(document.text), 0),
    tokens: documents.reduce((sum, document) => sum + countTokens(document.text), 0),
  };
}

/** The project's fixture articles; throws with the directory's name when there are none. */
export function loadFixtureCorpus(repoRoot: string): Corpus {
  const directory = join(repoRoot, 'test', 'fixtures', 'articles');
  if (!existsSync(directory)) {
    throw new Error(`No fixture articles: ${relative(repoRoot, directory)} does not exist.`);
  }
  const files = listArticleFiles(directory);
  if (files.length === 0) {
    throw new Error(`No fixture articles in ${relative(repoRoot, directory)} (${ARTICLE_EXTENSIONS.join(', ')}).`);
  }
  return makeCorpus('fixtures', repoRoot, directory, files);
}

/** The PolNeAR training texts, or null when the shared corpus is not next to the repository. */
export function loadPolnearCorpus(repoRoot: string): Corpus | null {
  const directory = join(repoRoot, '..', 'shared', 'corpus', 'polnear', 'train', 'text');
  if (!existsSync(directory)) {
    return null;
  }
  const files = readdirSync(directory)
    .filter((entry) => entry.endsWith('.txt'))
    .sort()
    .map((entry) => join(directory, entry));
  return files.length === 0 ? null : makeCorpus('polnear-train', repoRoot, directory, files);
}

/** The leading documents of a corpus up to about `maxBytes`, for peers too slow to run on all of it. */
export function takeLeadingBytes(corpus: Corpus, maxBytes: number): Corpus {
  const documents: Document[] = [];
  let bytes = 0;
  for (const document of corpus.documents) {
    if (bytes >= maxBytes) {
      break;
    }
    documents.push(document);
    bytes += Buffer.byteLength(document.text);
  }
  return {
    label: corpus.label,
    source: corpus.source,
    documents,
    bytes,
    tokens: documents.reduce((sum, document) => sum + countTokens(document.text), 0),
  };
}

/**
 * One document of at least `targetBytes` UTF-8 bytes, made by joining the corpus's articles with
 * blank lines between them, cycling through them as often as needed. It is not cut to the exact
 * size, because callers divide by the real length and a cut would leave a broken paragraph.
 */
export function concatenateToSize(corpus: Corpus, targetBytes: number): string {
  const parts: string[] = [];
  let bytes = 0;
  for (let index = 0; bytes < targetBytes; index++) {
    const document = corpus.documents[index % corpus.documents.length];
    if (!document) {
      throw new Error(`Cannot build a ${targetBytes}-byte document from an empty corpus (${corpus.source}).`);
    }
    const part = document.text.trim();
    parts.push(part);
    bytes += Buffer.byteLength(part) + 2;
  }
  return parts.join('\n\n') + '\n';
}
