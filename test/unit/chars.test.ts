// Character classes on UTF-16 code units (server/src/analysis/text/chars.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isJavaScriptSpace, isLetter, isUpper, isWhitespace } from '../../server/src/analysis/text/chars';

void describe('text/chars: isJavaScriptSpace', () => {
  void it('answers exactly as /\\s/ for every UTF-16 code unit', () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isJavaScriptSpace(code) !== /\s/.test(String.fromCharCode(code))) {
        differing.push(code.toString(16));
      }
    }
    assert.deepEqual(differing, []);
  });

  const cases: Array<{ name: string; code: number; javaScript: boolean; passes: boolean }> = [
    { name: 'space', code: 0x20, javaScript: true, passes: true },
    { name: 'next line (U+0085)', code: 0x85, javaScript: false, passes: true },
    { name: 'ogham space mark (U+1680)', code: 0x1680, javaScript: true, passes: false },
    { name: 'medium mathematical space (U+205F)', code: 0x205f, javaScript: true, passes: false },
    { name: 'letter a', code: 0x61, javaScript: false, passes: false },
  ];
  for (const testCase of cases) {
    void it(`${testCase.name}: differs from isWhitespace where the two definitions differ`, () => {
      assert.equal(isJavaScriptSpace(testCase.code), testCase.javaScript);
      assert.equal(isWhitespace(testCase.code), testCase.passes);
    });
  }
});

void describe('text/chars: isLetter and isUpper', () => {
  void it('agree with \\p{L} and \\p{Lu} for every UTF-16 code unit (surrogate halves are no letters)', () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const surrogate = code >= 0xd800 && code <= 0xdfff;
      if (isLetter(code) !== (!surrogate && /\p{L}/u.test(char))) differing.push(`isLetter ${code.toString(16)}`);
      if (isUpper(code) !== /\p{Lu}/u.test(char)) differing.push(`isUpper ${code.toString(16)}`);
    }
    assert.deepEqual(differing, []);
  });
});
