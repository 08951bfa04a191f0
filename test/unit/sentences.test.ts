// Table-driven tests of pass 1: paragraphs, sentences, the dateline and the article date.
// Every sentence here was written for these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/analysis/index';
import { splitParagraphs, splitSentences } from '../../server/src/analysis/passes/01-sentences';
import { findDateline } from '../../server/src/analysis/text/dateline';

/** The sentences of `text` as strings, in order. */
function sentencesOf(text: string): string[] {
  const analysis = analyse(text);
  return analysis.sentences.map((sentence) => text.slice(sentence.start, sentence.end));
}

interface SentenceCase {
  name: string;
  text: string;
  expected: string[];
}

const SENTENCE_CASES: SentenceCase[] = [
  {
    name: 'two plain sentences',
    text: 'The council met on Tuesday. It approved the budget.',
    expected: ['The council met on Tuesday.', 'It approved the budget.'],
  },
  {
    name: 'question and exclamation marks',
    text: 'Will the bridge reopen? Nobody knows! Engineers are still checking.',
    expected: ['Will the bridge reopen?', 'Nobody knows!', 'Engineers are still checking.'],
  },
  {
    name: 'titles never end a sentence',
    text: 'Mr. Ochoa and Mrs. Lind met Dr. Brandt. Gen. Almasov, Col. Haas and Lt. Berg were absent.',
    expected: ['Mr. Ochoa and Mrs. Lind met Dr. Brandt.', 'Gen. Almasov, Col. Haas and Lt. Berg were absent.'],
  },
  {
    name: 'political titles',
    text: 'Sen. Marsh, Rep. Quill and Gov. Ferro spoke. Ms. Dunn did not.',
    expected: ['Sen. Marsh, Rep. Quill and Gov. Ferro spoke.', 'Ms. Dunn did not.'],
  },
  {
    name: 'a state abbreviation before a title stays inside the sentence',
    text: 'The plan was backed by Ore. Gov. Dana Whitcombe and N.Y. Sen. Paul Ortega. Both spoke briefly.',
    expected: ['The plan was backed by Ore. Gov. Dana Whitcombe and N.Y. Sen. Paul Ortega.', 'Both spoke briefly.'],
  },
  {
    name: 'a state abbreviation after a comma may end the sentence before a title',
    text: 'The bill was signed in Salem, Ore. Gov. Dana Whitcombe praised it.',
    expected: ['The bill was signed in Salem, Ore.', 'Gov. Dana Whitcombe praised it.'],
  },
  {
    name: 'initials inside a name',
    text: 'John F. Kennedy Airport was closed. J.R.R. Tolkien fans queued outside.',
    expected: ['John F. Kennedy Airport was closed.', 'J.R.R. Tolkien fans queued outside.'],
  },
  {
    name: 'decimals are not boundaries',
    text: 'Growth slowed to 2.5 percent. Inflation stayed at 3.1 percent.',
    expected: ['Growth slowed to 2.5 percent.', 'Inflation stayed at 3.1 percent.'],
  },
  {
    name: 'U.S. before a name continues the sentence',
    text: 'The U.S. Army sent 300 soldiers to the U.K. Embassy. They arrived at night.',
    expected: ['The U.S. Army sent 300 soldiers to the U.K. Embassy.', 'They arrived at night.'],
  },
  {
    name: 'U.S. at a sentence end before an opener',
    text: 'The team flew back to the U.S. The coach stayed behind.',
    expected: ['The team flew back to the U.S.', 'The coach stayed behind.'],
  },
  {
    name: 'a.m. and p.m. before a day name',
    text: 'Polls open at 7 a.m. Monday and close at 8 p.m. The count starts after that.',
    expected: ['Polls open at 7 a.m. Monday and close at 8 p.m.', 'The count starts after that.'],
  },
  {
    name: 'month abbreviations before a day',
    text: 'The law takes effect on Jan. 5 and expires on Sept. 30. Officials welcomed it.',
    expected: ['The law takes effect on Jan. 5 and expires on Sept. 30.', 'Officials welcomed it.'],
  },
  {
    name: 'No. before a number',
    text: 'He wore the No. 9 shirt. Fans cheered.',
    expected: ['He wore the No. 9 shirt.', 'Fans cheered.'],
  },
  {
    name: 'company suffix followed by a lowercase verb',
    text: 'Kessler Holdings Inc. said profits rose. Lund Corp. declined to comment.',
    expected: ['Kessler Holdings Inc. said profits rose.', 'Lund Corp. declined to comment.'],
  },
  {
    name: 'vs. and St.',
    text: 'The match was Rovers vs. United at St. Mary Park. It ended level.',
    expected: ['The match was Rovers vs. United at St. Mary Park.', 'It ended level.'],
  },
  {
    name: 'an ellipsis before lowercase continues',
    text: 'He paused ... and then he left. She stayed.',
    expected: ['He paused ... and then he left.', 'She stayed.'],
  },
  {
    name: 'an ellipsis before a capital ends the sentence',
    text: 'We waited and waited… Nobody came.',
    expected: ['We waited and waited…', 'Nobody came.'],
  },
  {
    name: 'a quote closed with a comma keeps its attribution',
    text: '"We will fight. We will win," he said. The crowd cheered.',
    expected: ['"We will fight. We will win," he said.', 'The crowd cheered.'],
  },
  {
    name: 'curly quote closed with a comma keeps its attribution',
    text: '“The water rose fast. We had no time,” said Lind. She left.',
    expected: ['“The water rose fast. We had no time,” said Lind.', 'She left.'],
  },
  {
    name: 'a question inside a quote followed by lowercase attribution',
    text: '"Who pays for this?" she asked. Nobody answered.',
    expected: ['"Who pays for this?" she asked.', 'Nobody answered.'],
  },
  {
    name: 'a name and a reporting verb after a closed question stay with the quote',
    text: '“Who is going to pay? Not us!” Mayor Castellano asked. The room went quiet.',
    expected: ['“Who is going to pay? Not us!” Mayor Castellano asked.', 'The room went quiet.'],
  },
  {
    name: 'a capitalised sentence after a closed question is a new sentence',
    text: '"Who pays?" The question hung in the air.',
    expected: ['"Who pays?"', 'The question hung in the air.'],
  },
  {
    name: 'plural titles',
    text: 'The bill was led by Sens. Marsh and Quill and Reps. Dunn and Ferro. It passed.',
    expected: ['The bill was led by Sens. Marsh and Quill and Reps. Dunn and Ferro.', 'It passed.'],
  },
  {
    name: 'a quote closed with a full stop ends its sentence',
    text: '"The bridge is safe." The mayor said so twice.',
    expected: ['"The bridge is safe."', 'The mayor said so twice.'],
  },
  {
    name: 'sentences inside a quote closed with a full stop stay separate',
    text: 'He said: "The plan works. We start today." Then he left.',
    expected: ['He said: "The plan works.', 'We start today."', 'Then he left.'],
  },
  {
    name: 'closing bracket stays with the sentence',
    text: 'Turnout was low (about 40 percent.) Officials blamed rain.',
    expected: ['Turnout was low (about 40 percent.)', 'Officials blamed rain.'],
  },
  {
    name: 'a sentence may start with a digit',
    text: 'Schools stayed shut. 12 roads were closed.',
    expected: ['Schools stayed shut.', '12 roads were closed.'],
  },
  {
    name: 'a lowercase word after a full stop does not start a sentence',
    text: 'The vote was 7 to 4 in favour, i.e. a clear majority.',
    expected: ['The vote was 7 to 4 in favour, i.e. a clear majority.'],
  },
  {
    name: 'a sentence without final punctuation',
    text: 'Storm closes harbour for second day',
    expected: ['Storm closes harbour for second day'],
  },
  {
    name: 'an emoji after a full stop starts a sentence',
    text: 'The match is over. 🎉 Fans celebrated.',
    expected: ['The match is over.', '🎉 Fans celebrated.'],
  },
];

void describe('pass 1: sentences', () => {
  for (const testCase of SENTENCE_CASES) {
    void it(testCase.name, () => {
      assert.deepEqual(sentencesOf(testCase.text), testCase.expected);
    });
  }
});

interface ParagraphCase {
  name: string;
  text: string;
  /** The text of each paragraph. */
  paragraphs: string[];
  /** The text of each sentence with its paragraph index. */
  sentences: Array<[number, string]>;
}

const PARAGRAPH_CASES: ParagraphCase[] = [
  {
    name: 'headline is its own paragraph and sentence',
    text: 'Flood waters recede in Marren valley\nCrews cleared the roads on Sunday. Shops reopened.',
    paragraphs: ['Flood waters recede in Marren valley', 'Crews cleared the roads on Sunday. Shops reopened.'],
    sentences: [
      [0, 'Flood waters recede in Marren valley'],
      [1, 'Crews cleared the roads on Sunday.'],
      [1, 'Shops reopened.'],
    ],
  },
  {
    name: 'blank lines make no paragraph',
    text: 'First paragraph.\n\n\n   \nSecond paragraph.',
    paragraphs: ['First paragraph.', 'Second paragraph.'],
    sentences: [
      [0, 'First paragraph.'],
      [1, 'Second paragraph.'],
    ],
  },
  {
    name: 'CRLF line ends',
    text: 'One line.\r\nAnother line.\r\n\r\nA third.',
    paragraphs: ['One line.', 'Another line.', 'A third.'],
    sentences: [
      [0, 'One line.'],
      [1, 'Another line.'],
      [2, 'A third.'],
    ],
  },
  {
    name: 'old Mac CR line ends',
    text: 'One line.\rAnother line.',
    paragraphs: ['One line.', 'Another line.'],
    sentences: [
      [0, 'One line.'],
      [1, 'Another line.'],
    ],
  },
  {
    name: 'a sentence never crosses a line break without punctuation',
    text: 'The minister said\nthat the plan was ready.',
    paragraphs: ['The minister said', 'that the plan was ready.'],
    sentences: [
      [0, 'The minister said'],
      [1, 'that the plan was ready.'],
    ],
  },
  {
    name: 'markdown heading, block quote and list markers stay out of sentences',
    text: '# Council votes on budget\n\n> The budget passed.\n\n- First point.\n1. Second point.\n\n*Emphasis* stays in.',
    paragraphs: [
      '# Council votes on budget',
      '> The budget passed.',
      '- First point.',
      '1. Second point.',
      '*Emphasis* stays in.',
    ],
    sentences: [
      [0, 'Council votes on budget'],
      [1, 'The budget passed.'],
      [2, 'First point.'],
      [3, 'Second point.'],
      [4, '*Emphasis* stays in.'],
    ],
  },
  {
    name: 'a markdown rule is a paragraph with no sentence',
    text: 'Above.\n\n---\n\nBelow.',
    paragraphs: ['Above.', '---', 'Below.'],
    sentences: [
      [0, 'Above.'],
      [2, 'Below.'],
    ],
  },
  {
    name: 'in a text with blank lines between paragraphs, a single line break is a wrap',
    text: 'Council passes budget\n\nThe council voted on the budget\nafter a long debate. It passed.\n\nThe mayor said\nshe was pleased.',
    paragraphs: [
      'Council passes budget',
      'The council voted on the budget\nafter a long debate. It passed.',
      'The mayor said\nshe was pleased.',
    ],
    sentences: [
      [0, 'Council passes budget'],
      [1, 'The council voted on the budget\nafter a long debate.'],
      [1, 'It passed.'],
      [2, 'The mayor said\nshe was pleased.'],
    ],
  },
  {
    name: 'a wrap never joins the headline, a heading or a markdown block',
    text: 'Council passes budget\nBy a staff reporter\n\n## Reaction\nResidents were divided\nover the plan.\n- One said yes.\n- One said no.',
    paragraphs: [
      'Council passes budget',
      'By a staff reporter',
      '## Reaction',
      'Residents were divided\nover the plan.',
      '- One said yes.',
      '- One said no.',
    ],
    sentences: [
      [0, 'Council passes budget'],
      [1, 'By a staff reporter'],
      [2, 'Reaction'],
      [3, 'Residents were divided\nover the plan.'],
      [4, 'One said yes.'],
      [5, 'One said no.'],
    ],
  },
  {
    name: 'surrounding spaces are trimmed from paragraphs',
    text: '   Indented line.   \n\tTabbed line.\t',
    paragraphs: ['Indented line.', 'Tabbed line.'],
    sentences: [
      [0, 'Indented line.'],
      [1, 'Tabbed line.'],
    ],
  },
];

void describe('pass 1: paragraphs', () => {
  for (const testCase of PARAGRAPH_CASES) {
    void it(testCase.name, () => {
      const analysis = analyse(testCase.text);
      assert.deepEqual(
        analysis.paragraphs.map((paragraph) => testCase.text.slice(paragraph.start, paragraph.end)),
        testCase.paragraphs,
      );
      assert.deepEqual(
        analysis.paragraphs.map((paragraph) => paragraph.index),
        testCase.paragraphs.map((_, index) => index),
      );
      assert.deepEqual(
        analysis.sentences.map((sentence) => [sentence.paragraph, testCase.text.slice(sentence.start, sentence.end)]),
        testCase.sentences,
      );
    });
  }

  void it('offsets are UTF-16 code units after an emoji', () => {
    const text = '🌊🌊 Water rose. It fell.';
    const analysis = analyse(text);
    const second = analysis.sentences[1];
    assert.ok(second);
    // Each emoji is two code units, so "It" starts at 4 + " Water rose. ".length.
    assert.equal(second.start, text.indexOf('It fell.'));
    assert.equal(text.slice(second.start, second.end), 'It fell.');
  });

  void it('splitParagraphs on an empty or blank text finds nothing', () => {
    assert.deepEqual(splitParagraphs(''), []);
    assert.deepEqual(splitParagraphs('\n\r\n  \n'), []);
  });

  // Texts that break lines with \n alone take a faster path than texts with other breaks; both
  // must give the same paragraphs. U+2028, U+2029 and U+0085 keep every offset as it was.
  const LINE_BREAK_TEXTS = [
    'Storm hits coast\nThe storm hit the coast on Friday.\nPower was cut to 4,000 homes.',
    'Storm hits coast\n\nThe storm hit the coast\non Friday.\n\n- Power was cut.\n- Roads closed.\n',
    '\n\n  Indented line.\n\t\nLast line.',
  ];
  for (const lineBreak of ['\u2028', '\u2029', '\u0085', '\r']) {
    void it(`paragraphs are the same with ${JSON.stringify(lineBreak)} as with \\n`, () => {
      for (const text of LINE_BREAK_TEXTS) {
        assert.deepEqual(splitParagraphs(text.replaceAll('\n', lineBreak)), splitParagraphs(text));
      }
    });
  }

  void it('a single CRLF makes the text take the general path, with the same paragraph texts', () => {
    const text = LINE_BREAK_TEXTS[1] ?? '';
    const mixed = text.replace('\n', '\r\n');
    const texts = (source: string): string[] =>
      splitParagraphs(source).map((paragraph) => source.slice(paragraph.start, paragraph.end));
    assert.deepEqual(texts(mixed), texts(text));
  });

  void it('splitSentences returns offsets relative to the paragraph', () => {
    assert.deepEqual(splitSentences('# Short. Then more.'), [
      { start: 2, end: 8 },
      { start: 9, end: 19 },
    ]);
  });

  void it('sentences are sorted, disjoint and inside their paragraph', () => {
    const text =
      'Storm hits coast\nMOSCOW, October 16. The storm hit. "It was bad. Very bad," Mr. Lind said.\n\nMore later...';
    const analysis = analyse(text);
    let previousEnd = -1;
    for (const sentence of analysis.sentences) {
      const paragraph = analysis.paragraphs[sentence.paragraph];
      assert.ok(paragraph);
      assert.ok(sentence.start >= paragraph.start && sentence.end <= paragraph.end);
      assert.ok(sentence.start >= previousEnd);
      assert.ok(sentence.end > sentence.start);
      previousEnd = sentence.end;
    }
  });
});

interface DatelineCase {
  name: string;
  text: string;
  /** The article date the analysis ends with. */
  articleDate: string | null;
  /** The place the dateline names, or null when there is no dateline. */
  place: string | null;
  options?: { articleDate?: string; config?: { articleDate: string } };
}

const DATELINE_CASES: DatelineCase[] = [
  {
    name: 'dateline with a year sets the article date',
    text: 'Rates rise again\nLONDON, Oct. 3, 2015 — The bank raised rates.',
    articleDate: '2015-10-03',
    place: 'LONDON',
  },
  {
    name: 'dateline with a full month and year',
    text: 'ALDERBURG, June 19, 2024 — The bank raised rates.',
    articleDate: '2024-06-19',
    place: 'ALDERBURG',
  },
  {
    name: 'dateline without a year is recognised but sets nothing',
    text: 'Headline here\n\nMOSCOW, October 16. The briefing began.',
    articleDate: null,
    place: 'MOSCOW',
  },
  {
    name: 'agency dateline without a date',
    text: 'WASHINGTON (Reuters) - Lawmakers met on Monday.',
    articleDate: null,
    place: 'WASHINGTON',
  },
  {
    name: 'two-word place with an en dash',
    text: 'ELLSWORTH FALLS, April 3 – Crews moved 670 people.',
    articleDate: null,
    place: 'ELLSWORTH FALLS',
  },
  {
    name: 'options override the dateline',
    text: 'LONDON, Oct. 3, 2015 — The bank raised rates.',
    articleDate: '2020-01-02',
    place: 'LONDON',
    options: { articleDate: '2020-01-02' },
  },
  {
    name: 'configuration overrides the dateline',
    text: 'LONDON, Oct. 3, 2015 — The bank raised rates.',
    articleDate: '2019-05-06',
    place: 'LONDON',
    options: { config: { articleDate: '2019-05-06' } },
  },
  {
    name: 'an ordinary first sentence is no dateline',
    text: 'The council met on Tuesday. It voted.',
    articleDate: null,
    place: null,
  },
  {
    name: 'an all-capitals word without a separator is no dateline',
    text: 'NATO leaders met in Brussels.',
    articleDate: null,
    place: null,
  },
  {
    name: 'an impossible dated dateline sets nothing',
    text: 'PARIS, February 30, 2015 — Something happened.',
    articleDate: null,
    place: 'PARIS',
  },
];

void describe('pass 1: dateline and article date', () => {
  for (const testCase of DATELINE_CASES) {
    void it(testCase.name, () => {
      const analysis = analyse(testCase.text, testCase.options ?? {});
      assert.equal(analysis.articleDate, testCase.articleDate);
      const datelineParagraph = analysis.paragraphs
        .map((paragraph) => findDateline(testCase.text.slice(paragraph.start, paragraph.end)))
        .find((dateline) => dateline !== null);
      assert.equal(datelineParagraph?.place ?? null, testCase.place);
    });
  }

  void it('the dated dateline is its own sentence when it ends with a full stop', () => {
    assert.deepEqual(sentencesOf('MOSCOW, October 16. The briefing began.'), [
      'MOSCOW, October 16.',
      'The briefing began.',
    ]);
  });

  void it('a dateline with a dash stays in the first sentence', () => {
    assert.deepEqual(sentencesOf('LONDON, Oct. 3, 2015 — The bank raised rates. Markets fell.'), [
      'LONDON, Oct. 3, 2015 — The bank raised rates.',
      'Markets fell.',
    ]);
  });
});
