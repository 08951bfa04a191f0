// The semantic-token encoder on hand-built analyses, so that line splitting, overlap removal and
// the `unattributed` modifier are checked independently of what the analysis passes find today.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis, Entity } from '../../server/src/analysis';
import type { CacheEntry } from '../../server/src/lsp/documents';
import { cacheEntryFor } from '../cacheEntry';
import { encodeTokens } from '../../server/src/lsp/semanticTokens';
import { decodeTokens } from './helpers';

function entryFor(text: string, analysis: Partial<Analysis>): CacheEntry {
  return cacheEntryFor(text, { analysis });
}

function entity(text: string, phrase: string, kind: Entity['kind']): Entity {
  const start = text.indexOf(phrase);
  return { start, end: start + phrase.length, text: phrase, kind, reason: 'test' };
}

const TEXT = '"We will move\r\nthe 40 jets to the coast," Almasov said.\nPrices rose 4 percent.';
const QUOTE_END = TEXT.indexOf(',"') + 2;

function analysis(): Partial<Analysis> {
  const jets = entity(TEXT, '40 jets', 'figure');
  const almasov = entity(TEXT, 'Almasov', 'person');
  const percent = entity(TEXT, '4 percent', 'figure');
  const said = TEXT.indexOf('said');
  return {
    entities: [jets, almasov, percent],
    quotes: [
      {
        start: 0,
        end: QUOTE_END,
        contentStart: 1,
        contentEnd: QUOTE_END - 1,
        style: 'straight',
        depth: 0,
        closed: true,
        continuesPrevious: false,
        chainStart: 0,
      },
    ],
    attributions: [
      {
        cue: { start: said, end: said + 4, text: 'said' },
        source: { start: almasov.start, end: almasov.end, text: 'Almasov' },
        content: { start: 1, end: QUOTE_END - 2, text: '' },
        sourceName: 'Almasov',
        sourceEntity: 1,
        anonymous: false,
        inherited: false,
        reason: 'test',
      },
    ],
    claims: [
      { ...jets, text: 'the 40 jets', attributed: true, attribution: 0, figures: [0], kind: 'figure', reason: 'test' },
      {
        ...percent,
        text: 'Prices rose 4 percent',
        attributed: false,
        attribution: null,
        figures: [2],
        kind: 'figure',
        reason: 'test',
      },
    ],
  };
}

void describe('semantic token encoding', () => {
  void it('splits a quote per line around the entities inside it, without overlaps', () => {
    const tokens = decodeTokens(encodeTokens(entryFor(TEXT, analysis()), false)).map((t) =>
      [t.line, t.character, t.length, [t.type, ...t.modifiers].join('+')].join(' '),
    );
    assert.deepEqual(tokens, [
      '0 0 13 quote', // "We will move (the CRLF is not part of any token)
      '1 0 4 quote', // "the "
      '1 4 7 figure', // 40 jets
      '1 11 15 quote', // " to the coast,\""
      '1 27 7 person',
      '1 35 4 attributionCue',
      '2 12 9 figure+unattributed',
    ]);
  });

  void it('keeps a multi-line piece whole for clients with multi-line tokens', () => {
    const tokens = decodeTokens(encodeTokens(entryFor(TEXT, analysis()), true));
    assert.deepEqual(
      tokens.filter((t) => t.type === 'quote').map((t) => [t.line, t.character, t.length]),
      [
        [0, 0, '"We will move\r\nthe '.length],
        [1, 11, ' to the coast,"'.length],
      ],
    );
  });

  void it('lets the earlier, longer entity win where entities overlap', () => {
    const text = 'Colonel General Viktor Almasov spoke.';
    const tokens = decodeTokens(
      encodeTokens(
        entryFor(text, {
          entities: [
            entity(text, 'Viktor Almasov', 'person'),
            entity(text, 'Colonel General Viktor Almasov', 'person'),
          ],
        }),
        false,
      ),
    );
    assert.deepEqual(
      tokens.map((t) => [t.character, t.length, t.type]),
      [[0, 30, 'person']],
    );
  });

  void it('marks a quote that no attribution covers as unattributed', () => {
    const { attributions: _covered, ...withoutSource } = analysis();
    const tokens = decodeTokens(encodeTokens(entryFor(TEXT, { ...withoutSource, attributions: [] }), false));
    assert.deepEqual(
      tokens.filter((t) => t.type === 'quote').map((t) => t.modifiers),
      [['unattributed'], ['unattributed'], ['unattributed']],
    );
  });

  void it('encodes nothing for an entry that was not analysed', () => {
    assert.deepEqual(encodeTokens({ ...entryFor(TEXT, analysis()), status: 'too-large' }, false), []);
  });
});
