// How "Attribute to <name>" writes, on hand-built findings, so that every sentence shape is
// covered whatever the analysis passes find today.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FindingData } from '../../server/src/analysis';
import { attributionEdit } from '../../server/src/lsp/codeActions';
import type { CacheEntry } from '../../server/src/lsp/documents';
import { cacheEntryFor } from '../cacheEntry';
import { applyContentChanges } from './harness';

function entryFor(text: string): CacheEntry {
  return cacheEntryFor(text);
}

/** The finding data pass 7 writes for the one sentence `sentence` inside `text`. */
function dataFor(text: string, sentence: string): FindingData {
  const start = text.indexOf(sentence);
  const last = sentence.at(-1) ?? '';
  const terminator = ['.', '?', '!'].includes(last) ? last : '';
  return {
    sentence: { start, end: start + sentence.length, text: sentence },
    insertAt: start + sentence.length - terminator.length,
    terminator,
  };
}

void describe('Attribute to <name>', () => {
  const cases: Array<{ name: string; text: string; sentence: string; expected: string }> = [
    {
      name: 'a statement gets ", X said." before its full stop',
      text: 'Intro.\nAbout 670 flights were logged.\nEnd.',
      sentence: 'About 670 flights were logged.',
      expected: 'Intro.\nAbout 670 flights were logged, Almasov said.\nEnd.',
    },
    {
      name: 'a sentence with no end mark gets one',
      text: 'About 670 flights were logged',
      sentence: 'About 670 flights were logged',
      expected: 'About 670 flights were logged, Almasov said.',
    },
    {
      name: 'a question starting with a plain opener gets "According to X," and a lower-case opener',
      text: 'Is it true? The budget grew by 40 percent?',
      sentence: 'The budget grew by 40 percent?',
      expected: 'Is it true? According to Almasov, the budget grew by 40 percent?',
    },
    {
      name: 'an exclamation starting with a name keeps the name as written',
      text: 'Varnstad spent 30 million crowns!',
      sentence: 'Varnstad spent 30 million crowns!',
      expected: 'According to Almasov, Varnstad spent 30 million crowns!',
    },
    {
      name: 'a quote ending in a full stop turns it into a comma and takes "X said." after the quote',
      text: 'Intro.\n"We are still open for talks."\nEnd.',
      sentence: '"We are still open for talks."',
      expected: 'Intro.\n"We are still open for talks," Almasov said.\nEnd.',
    },
    {
      name: 'a quoted question keeps its mark and takes "X said." after the quote',
      text: '\u201cWhere did the money go?\u201d',
      sentence: '\u201cWhere did the money go?\u201d',
      expected: '\u201cWhere did the money go?\u201d Almasov said.',
    },
    {
      name: 'a quote with no end mark gets a comma inside it',
      text: '"About 670 flights were logged"',
      sentence: '"About 670 flights were logged"',
      expected: '"About 670 flights were logged," Almasov said.',
    },
  ];
  for (const { name, text, sentence, expected } of cases) {
    void it(name, () => {
      const entry = entryFor(text);
      const edit = attributionEdit(entry, dataFor(text, sentence), 'Almasov', { start: 0, end: text.length });
      assert.equal(applyContentChanges(text, [{ range: edit.range, text: edit.newText }]), expected);
    });
  }
});
