// Tests of the CoNLL-2003 evaluation used by `npm run eval`: the reader (formats, documents,
// sentences, IOB1 and IOB2 tags), the prose-line filter and the scoring, including MISC being
// neutral. The sentences are invented for these tests; nothing here reads /work/shared.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { evaluateConll, isProseLine, parseConll } from '../../scripts/eval/conll';

/** Builds CoNLL text from sentences written as `token/TAG` pairs, in the "TOKEN TAG 0" layout. */
function conll(documents: string[][]): string {
  return documents
    .map((sentences) =>
      [
        '-DOCSTART- O 0',
        '',
        ...sentences.map((sentence) =>
          sentence
            .split(' ')
            .map((pair) => {
              const slash = pair.lastIndexOf('/');
              return `${pair.slice(0, slash)} ${pair.slice(slash + 1)} 0`;
            })
            .join('\n')
            .concat('\n'),
        ),
      ].join('\n'),
    )
    .join('\n');
}

void describe('parseConll', () => {
  const cases: Array<{ name: string; text: string; tokens: string[][]; spans: string[][] }> = [
    {
      name: 'the "TOKEN TAG 0" layout with IOB2 tags',
      text: 'Lena B-PER 0\nMarsh I-PER 0\nvisited O 0\nOslo B-LOC 0\n. O 0\n',
      tokens: [['Lena', 'Marsh', 'visited', 'Oslo', '.']],
      spans: [['PER 0-2', 'LOC 3-4']],
    },
    {
      name: 'the four-column layout (token, POS, chunk, tag) with IOB1 tags',
      text: 'Acme NNP I-NP I-ORG\nCorp NNP I-NP I-ORG\nhired VBD I-VP O\nTom NNP I-NP I-PER\n. . O O\n',
      tokens: [['Acme', 'Corp', 'hired', 'Tom', '.']],
      spans: [['ORG 0-2', 'PER 3-4']],
    },
    {
      name: 'IOB1: a B- tag splits two adjacent names of one type',
      text: 'Oslo I-LOC 0\nBergen B-LOC 0\n',
      tokens: [['Oslo', 'Bergen']],
      spans: [['LOC 0-1', 'LOC 1-2']],
    },
    {
      name: 'blank lines split sentences and -DOCSTART- splits documents',
      text: '-DOCSTART- O 0\n\nOne O 0\n\nTwo B-MISC 0\n\n-DOCSTART- O 0\n\nThree O 0\n',
      tokens: [['One'], ['Two'], ['Three']],
      spans: [[], ['MISC 0-1'], []],
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const documents = parseConll(testCase.text);
      const sentences = documents.flatMap((document) => document.sentences);
      assert.deepEqual(
        sentences.map((sentence) => sentence.tokens),
        testCase.tokens,
      );
      assert.deepEqual(
        sentences.map((sentence) => sentence.spans.map((span) => `${span.type} ${span.start}-${span.end}`)),
        testCase.spans,
      );
    });
  }

  void it('without -DOCSTART- lines, a headline before each dateline starts a document', () => {
    const text = [
      'STORM O 0\nHITS B-LOC 0\n',
      'OSLO B-LOC 0\n1996-08-30 O 0\n',
      'Rain O 0\nfell O 0\n. O 0\n',
      'FLOOD O 0\nWARNING O 0\n',
      'BERGEN B-LOC 0\n1996-08-31 O 0\n',
      'Rivers O 0\nrose O 0\n. O 0\n',
    ].join('\n');
    const documents = parseConll(text);
    assert.deepEqual(
      documents.map((document) => document.sentences.map((sentence) => sentence.tokens[0])),
      [
        ['STORM', 'OSLO', 'Rain'],
        ['FLOOD', 'BERGEN', 'Rivers'],
      ],
    );
  });

  void it('counts documents', () => {
    assert.equal(parseConll('-DOCSTART- O 0\n\nA O 0\n\n-DOCSTART- O 0\n\nB O 0\n').length, 2);
  });
});

void describe('isProseLine', () => {
  const cases: Array<{ tokens: string; prose: boolean }> = [
    { tokens: 'The minister said the talks would resume on Monday .', prose: true },
    { tokens: 'He said the plan was " a serious step forward "', prose: true },
    { tokens: 'The minister said the talks would resume', prose: false },
    { tokens: 'Short line .', prose: false },
    { tokens: 'OSLO 1996-08-30 RESULTS OF THE CUP FINAL TODAY .', prose: false },
  ];
  for (const testCase of cases) {
    void it(`${testCase.prose ? 'prose' : 'not prose'}: ${testCase.tokens}`, () => {
      assert.equal(isProseLine(testCase.tokens.split(' ')), testCase.prose);
    });
  }
});

void describe('evaluateConll', () => {
  const directory = mkdtempSync(join(tmpdir(), 'news-claims-conll-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  void it('scores exact matches, and a prediction over MISC gold counts neither way', async () => {
    const file = join(directory, 'perfect.txt');
    writeFileSync(
      file,
      conll([
        [
          'President/O Vladimir/B-PER Putin/I-PER met/O Reuters/B-ORG reporters/O in/O Damascus/B-LOC on/O Friday/O ./O',
          'The/O Oslo/B-MISC Accords/I-MISC were/O discussed/O at/O length/O by/O the/O delegates/O ./O',
        ],
      ]),
    );
    const result = await evaluateConll(file);
    assert.equal(result.documents, 1);
    assert.equal(result.sentences, 2);
    assert.equal(result.proseExactF1, 1);
    assert.match(result.table, /\| PER \| 1 \| 1 \| 1\.000 \| 1\.000 \| 1\.000 /);
  });

  void it('a missed name lowers recall and a wrong type lowers precision', async () => {
    const file = join(directory, 'errors.txt');
    writeFileSync(
      file,
      conll([
        [
          // "Damascus" tagged ORG by this invented gold: the prediction (a place) is wrong for it.
          'Officials/O in/O Damascus/B-ORG said/O the/O convoy/O had/O left/O before/O noon/O ./O',
        ],
      ]),
    );
    const result = await evaluateConll(file);
    assert.equal(result.proseExactF1, 0);
    assert.match(result.table, /\| ORG \| 1 \| 0 \|/);
    assert.match(result.table, /\| LOC \| 0 \| 1 \|/);
  });
});
