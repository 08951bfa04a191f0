// Random edit sequences over documents built from the project's fixture articles, shared by the
// property tests that hold incremental work equal to a fresh analysis (incremental.test.ts) and
// the worker's analysis deltas equal to the results they stand for (analysis-delta.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

export const articlesDirectory = join(import.meta.dirname, '..', 'fixtures', 'articles');
export const fixtureArticles = readdirSync(articlesDirectory)
  .filter((file) => /\.(txt|news|md|article)$/.test(file))
  .sort()
  .map((file) => readFileSync(join(articlesDirectory, file), 'utf8').replace(/^\uFEFF/, ''));

/** Text an edit may type: words, names, figures, reporting verbs, quote marks and line breaks. */
const TYPED_SNIPPETS = [
  'a',
  'e',
  ' ',
  '.',
  ',',
  '\n',
  '\n\n',
  '\r\n',
  '"',
  '“',
  '”',
  '«',
  '»',
  "'",
  ' said ',
  ' according to ',
  ' told reporters ',
  'Mr. ',
  ' Dr. Helena Marsh',
  'the ministry',
  ' about 40 ',
  '12.5%',
  '$3.2 million',
  ' more than 1,200 ',
  'on Tuesday',
  'March 3, 2024',
  'LONDON, Oct. 3, 2015 — ',
  'He said.',
  ' "We will not stop," she said. ',
  '😀',
  '—',
];

export type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'move-paragraph'; from: number; to: number }
  | { kind: 'duplicate-paragraph'; paragraph: number };

export const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.constantFrom(...TYPED_SNIPPETS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.string({ unit: 'grapheme', maxLength: 12 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 400 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 30 }),
      text: fc.constantFrom(...TYPED_SNIPPETS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move-paragraph' as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-paragraph' as const), paragraph: fc.nat() }) },
);

function splitLines(text: string): string[] {
  return text.split('\n');
}

/** Applies an edit; positions are taken modulo the current length, so every edit applies. */
export function applyEdit(text: string, edit: Edit): string {
  switch (edit.kind) {
    case 'insert': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    case 'delete': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + edit.length);
    }
    case 'replace': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.text + text.slice(at + edit.length);
    }
    case 'move-paragraph': {
      const lines = splitLines(text);
      const [moved] = lines.splice(edit.from % lines.length, 1);
      lines.splice(edit.to % (lines.length + 1), 0, moved ?? '');
      return lines.join('\n');
    }
    case 'duplicate-paragraph': {
      const lines = splitLines(text);
      const index = edit.paragraph % lines.length;
      lines.splice(index, 0, lines[index] ?? '');
      return lines.join('\n');
    }
  }
}

/** A starting document: one fixture article, or two or three joined as one long page. */
export const documentArbitrary: fc.Arbitrary<string> = fc
  .array(fc.nat({ max: fixtureArticles.length - 1 }), { minLength: 1, maxLength: 3 })
  .map((indexes) => indexes.map((index) => fixtureArticles[index] ?? '').join('\n\n'));
