// Markdown block markers at the start of a paragraph (server/src/analysis/text/markdown.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownPrefixLength } from '../../server/src/analysis/text/markdown';

const CASES: Array<{ text: string; length: number }> = [
  { text: '# Council passes budget', length: 2 },
  { text: '###\tSubhead', length: 4 },
  { text: '> "We will rebuild," the mayor said.', length: 2 },
  { text: '>No space after the marker.', length: 1 },
  { text: '- Roads closed', length: 2 },
  { text: '* Schools shut', length: 2 },
  { text: '+ Bridges inspected', length: 2 },
  { text: '• Power cut to 4,000 homes', length: 2 },
  { text: '1. First item', length: 3 },
  { text: '12) Twelfth item', length: 4 },
  { text: '> - A bullet inside a block quote', length: 4 },
  { text: 'The storm hit the coast.', length: 0 },
  { text: '"We will rebuild," the mayor said.', length: 0 },
  { text: '2015 was a dry year.', length: 0 },
  { text: '1,200 homes lost power.', length: 0 },
  { text: '-5 degrees overnight.', length: 0 },
  { text: '#hashtag', length: 0 },
  { text: '', length: 0 },
];

void describe('text/markdown: markdownPrefixLength', () => {
  for (const testCase of CASES) {
    void it(JSON.stringify(testCase.text), () => {
      assert.equal(markdownPrefixLength(testCase.text), testCase.length);
    });
  }
});
