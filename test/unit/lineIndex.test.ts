// Table-driven tests of the one offset↔position conversion: LF, CRLF and CR line ends, surrogate
// pairs (counted as two UTF-16 units, as LSP does), and positions past the end of a line or text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, type LinePosition } from '../../server/src/lineIndex';

void describe('LineIndex.positionAt', () => {
  const cases: Array<{ name: string; text: string; offset: number; expected: LinePosition }> = [
    { name: 'start of an empty text', text: '', offset: 0, expected: { line: 0, character: 0 } },
    { name: 'inside the first line', text: 'ab\ncd', offset: 1, expected: { line: 0, character: 1 } },
    { name: 'on an LF', text: 'ab\ncd', offset: 2, expected: { line: 0, character: 2 } },
    { name: 'after an LF', text: 'ab\ncd', offset: 3, expected: { line: 1, character: 0 } },
    { name: 'end of the text', text: 'ab\ncd', offset: 5, expected: { line: 1, character: 2 } },
    { name: 'on the CR of a CRLF', text: 'ab\r\ncd', offset: 2, expected: { line: 0, character: 2 } },
    { name: 'between CR and LF', text: 'ab\r\ncd', offset: 3, expected: { line: 0, character: 3 } },
    { name: 'after a CRLF', text: 'ab\r\ncd', offset: 4, expected: { line: 1, character: 0 } },
    { name: 'after a lone CR', text: 'ab\rcd', offset: 3, expected: { line: 1, character: 0 } },
    { name: 'LF then CR is two line ends', text: 'a\n\rb', offset: 3, expected: { line: 2, character: 0 } },
    { name: 'blank lines', text: '\n\n\n', offset: 3, expected: { line: 3, character: 0 } },
    {
      name: 'a trailing line end opens an empty last line',
      text: 'ab\n',
      offset: 3,
      expected: { line: 1, character: 0 },
    },
    { name: 'after a surrogate pair', text: '😀x\ny', offset: 2, expected: { line: 0, character: 2 } },
    { name: 'a surrogate pair on the second line', text: 'a\r\n😀😀b', offset: 7, expected: { line: 1, character: 4 } },
    { name: 'past the end clamps to the end', text: 'ab\ncd', offset: 99, expected: { line: 1, character: 2 } },
    { name: 'a negative offset clamps to the start', text: 'ab\ncd', offset: -4, expected: { line: 0, character: 0 } },
  ];
  for (const { name, text, offset, expected } of cases) {
    void it(name, () => {
      assert.deepEqual(new LineIndex(text).positionAt(offset), expected);
    });
  }
});

void describe('LineIndex.offsetAt', () => {
  const cases: Array<{ name: string; text: string; position: LinePosition; expected: number }> = [
    { name: 'start', text: 'ab\ncd', position: { line: 0, character: 0 }, expected: 0 },
    { name: 'second line', text: 'ab\ncd', position: { line: 1, character: 1 }, expected: 4 },
    {
      name: 'a column past the line end stops before LF',
      text: 'ab\ncd',
      position: { line: 0, character: 9 },
      expected: 2,
    },
    {
      name: 'a column past the line end stops before CRLF',
      text: 'ab\r\ncd',
      position: { line: 0, character: 9 },
      expected: 2,
    },
    {
      name: 'a column past the line end stops before a lone CR',
      text: 'ab\rcd',
      position: { line: 0, character: 9 },
      expected: 2,
    },
    {
      name: 'a column past the end of the last line',
      text: 'ab\ncd',
      position: { line: 1, character: 9 },
      expected: 5,
    },
    { name: 'a line past the end', text: 'ab\ncd', position: { line: 7, character: 0 }, expected: 5 },
    { name: 'a negative line', text: 'ab\ncd', position: { line: -1, character: 3 }, expected: 0 },
    { name: 'a negative column', text: 'ab\ncd', position: { line: 1, character: -3 }, expected: 3 },
    { name: 'the empty last line after a line end', text: 'ab\n', position: { line: 1, character: 0 }, expected: 3 },
    {
      name: 'columns count surrogate pairs as two units',
      text: 'x\n😀b',
      position: { line: 1, character: 2 },
      expected: 4,
    },
  ];
  for (const { name, text, position, expected } of cases) {
    void it(name, () => {
      assert.equal(new LineIndex(text).offsetAt(position), expected);
    });
  }
});

void describe('LineIndex round trips and human positions', () => {
  const texts: Array<{ name: string; text: string }> = [
    { name: 'LF', text: 'one\ntwo\n\nfour' },
    { name: 'CRLF', text: 'one\r\ntwo\r\n\r\nfour\r\n' },
    { name: 'CR', text: 'one\rtwo\r\rfour' },
    { name: 'mixed', text: 'a\r\nb\nc\rd\n\r\ne' },
    { name: 'surrogate pairs', text: '𝐀𝐁\n😀 x 😀\r\n🇬🇧' },
  ];
  for (const { name, text } of texts) {
    void it(`${name}: every offset outside a CRLF pair maps to a position and back`, () => {
      const index = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const insideCrlf = text[offset - 1] === '\r' && text[offset] === '\n';
        if (!insideCrlf) {
          assert.equal(index.offsetAt(index.positionAt(offset)), offset, `offset ${offset}`);
        }
      }
    });
  }

  void it('counts lines the way editors do', () => {
    const table: Array<[string, number]> = [
      ['', 1],
      ['a', 1],
      ['a\n', 2],
      ['a\r\nb', 2],
      ['a\rb\nc', 3],
      ['\r\n\r\n', 3],
    ];
    for (const [text, lines] of table) {
      assert.equal(new LineIndex(text).lineCount, lines, JSON.stringify(text));
    }
  });

  void it('gives one-based lines and columns for compiler-style output', () => {
    assert.deepEqual(new LineIndex('ab\r\ncd').humanPositionAt(5), { line: 2, column: 2 });
    assert.deepEqual(new LineIndex('').humanPositionAt(0), { line: 1, column: 1 });
  });
});
