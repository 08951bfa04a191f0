// Table-driven tests of pass 2: quotation marks, nesting, apostrophes and multi-paragraph
// quote chains. Every sentence here was written for these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, type Quote } from '../../server/src/analysis/index';
import { findParagraphQuotes } from '../../server/src/analysis/passes/02-quotations';

/** A quote as the tests compare it: its text, content text and shape. */
interface QuoteView {
  text: string;
  content: string;
  style: Quote['style'];
  depth: number;
  closed: boolean;
}

function view(text: string, quote: Quote): QuoteView {
  return {
    text: text.slice(quote.start, quote.end),
    content: text.slice(quote.contentStart, quote.contentEnd),
    style: quote.style,
    depth: quote.depth,
    closed: quote.closed,
  };
}

function quotesOf(text: string): QuoteView[] {
  return analyse(text).quotes.map((quote) => view(text, quote));
}

interface QuoteCase {
  name: string;
  text: string;
  expected: QuoteView[];
}

const q = (text: string, content: string, style: Quote['style'], depth = 0, closed = true): QuoteView => ({
  text,
  content,
  style,
  depth,
  closed,
});

const QUOTE_CASES: QuoteCase[] = [
  {
    name: 'straight double quotes',
    text: '"We will rebuild the bridge," the mayor said.',
    expected: [q('"We will rebuild the bridge,"', 'We will rebuild the bridge,', 'straight')],
  },
  {
    name: 'curly double quotes',
    text: 'The minister called it “a good day for savers”.',
    expected: [q('“a good day for savers”', 'a good day for savers', 'curly')],
  },
  {
    name: 'two quotes in one sentence',
    text: 'She called the plan "late" and "expensive".',
    expected: [q('"late"', 'late', 'straight'), q('"expensive"', 'expensive', 'straight')],
  },
  {
    name: 'single curly quotes nested inside doubles',
    text: '“He told us ‘never again’ and walked out,” Lind said.',
    expected: [
      q('“He told us ‘never again’ and walked out,”', 'He told us ‘never again’ and walked out,', 'curly'),
      q('‘never again’', 'never again', 'single', 1),
    ],
  },
  {
    name: 'straight single quotes nested inside straight doubles',
    text: '"The sign said \'keep out\' in red," he said.',
    expected: [
      q('"The sign said \'keep out\' in red,"', "The sign said 'keep out' in red,", 'straight'),
      q("'keep out'", 'keep out', 'single', 1),
    ],
  },
  {
    name: 'backtick quotes as the wires write them',
    text: 'The strikes have sown `panic` among the gangs.',
    expected: [q('`panic`', 'panic', 'backtick')],
  },
  {
    name: 'LaTeX style double backtick quotes',
    text: "He called it ``a turning point'' in the talks.",
    expected: [q("``a turning point''", 'a turning point', 'backtick')],
  },
  {
    name: 'backtick closed with an apostrophe',
    text: "Officials spoke of `progress' on Friday.",
    expected: [q("`progress'", 'progress', 'backtick')],
  },
  {
    name: 'guillemets',
    text: 'The paper called it «a historic day» for the region.',
    expected: [q('«a historic day»', 'a historic day', 'guillemet')],
  },
  {
    name: 'low-high German style opening',
    text: 'Er sagte „wir kommen“ und ging.',
    expected: [q('„wir kommen“', 'wir kommen', 'curly')],
  },
  {
    name: 'mixed marks: a straight opening closed by a curly mark',
    text: 'Officials wanted "more time” before deciding.',
    expected: [q('"more time”', 'more time', 'straight')],
  },
  {
    name: 'mixed marks: a curly opening closed by a straight mark',
    text: '“Nobody told us," the farmer said.',
    expected: [q('“Nobody told us,"', 'Nobody told us,', 'curly')],
  },
  {
    name: 'apostrophes inside words are not quotes',
    text: "Russia's army didn't move, and the ministry’s map wasn’t ready.",
    expected: [],
  },
  {
    name: 'an elided decade is not a quote',
    text: "Prices have not been this high since the '90s, and the ’80s were worse.",
    expected: [],
  },
  {
    name: 'a plural possessive is not a quote',
    text: "The militants' positions and the workers' union were hit.",
    expected: [],
  },
  {
    name: 'a possessive inside a quote does not close a single quote',
    text: '"The farmers\' fields are gone," she said.',
    expected: [q('"The farmers\' fields are gone,"', "The farmers' fields are gone,", 'straight')],
  },
  {
    name: 'an unclosed quote at the end of the text',
    text: 'He said "we will see about that',
    expected: [q('"we will see about that', 'we will see about that', 'straight', 0, false)],
  },
  {
    name: 'an inner quote left open when the outer closes is dropped',
    text: '“The ‘plan was late,” he said.',
    expected: [q('“The ‘plan was late,”', 'The ‘plan was late,', 'curly')],
  },
  {
    name: 'a markdown block quote marker is not a quotation mark',
    text: '> "Stay indoors," police said.',
    expected: [q('"Stay indoors,"', 'Stay indoors,', 'straight')],
  },
  {
    name: 'a quote after an emoji keeps UTF-16 offsets',
    text: '🚒🚒 "Leave now," the chief said.',
    expected: [q('"Leave now,"', 'Leave now,', 'straight')],
  },
];

void describe('pass 2: quotation marks', () => {
  for (const testCase of QUOTE_CASES) {
    void it(testCase.name, () => {
      assert.deepEqual(quotesOf(testCase.text), testCase.expected);
    });
  }
});

interface ChainCase {
  name: string;
  text: string;
  /** Per quote, in order: [content, closed, continuesPrevious, chainStart]. */
  expected: Array<[string, boolean, boolean, number]>;
}

const CHAIN_CASES: ChainCase[] = [
  {
    name: 'a quote continued in the next paragraph',
    text: '“The river rose two metres overnight.\n\n“By morning the square was under water,” the chief said.',
    expected: [
      ['The river rose two metres overnight.', true, false, 0],
      ['By morning the square was under water,', true, true, 0],
    ],
  },
  {
    name: 'a chain over three paragraphs with straight quotes',
    text: '"First we closed the roads.\n"Then we opened the school.\n"Then the water came," he said.',
    expected: [
      ['First we closed the roads.', true, false, 0],
      ['Then we opened the school.', true, true, 0],
      ['Then the water came,', true, true, 0],
    ],
  },
  {
    name: 'an open quote with no continuation is unclosed',
    text: '“We have done what we can.\n\nThe chief left the room.',
    expected: [['We have done what we can.', false, false, 0]],
  },
  {
    name: 'the last piece of a chain that never closes is unclosed',
    text: '“We have done what we can.\n“And we will do more.',
    expected: [
      ['We have done what we can.', true, false, 0],
      ['And we will do more.', false, true, 0],
    ],
  },
  {
    name: 'a closed quote followed by a quoted paragraph is no chain',
    text: '“We are ready,” she said.\n“Are you?” he asked.',
    expected: [
      ['We are ready,', true, false, 0],
      ['Are you?', true, false, 1],
    ],
  },
  {
    name: 'an open quote followed by a paragraph that does not open with a quote is no chain',
    text: 'He said “we are ready.\nShe said “so are we,” and left.',
    expected: [
      ['we are ready.', false, false, 0],
      ['so are we,', true, false, 1],
    ],
  },
  {
    name: 'a nested quote in a continued paragraph keeps its own chain index',
    text: '“Nobody expected this.\n“They told us ‘stay put’ and we did,” Lind said.',
    expected: [
      ['Nobody expected this.', true, false, 0],
      ['They told us ‘stay put’ and we did,', true, true, 0],
      ['stay put', true, false, 2],
    ],
  },
];

void describe('pass 2: multi-paragraph quotes', () => {
  for (const testCase of CHAIN_CASES) {
    void it(testCase.name, () => {
      const { text } = testCase;
      const analysis = analyse(text);
      assert.deepEqual(
        analysis.quotes.map((quote) => [
          text.slice(quote.contentStart, quote.contentEnd),
          quote.closed,
          quote.continuesPrevious,
          quote.chainStart,
        ]),
        testCase.expected,
      );
    });
  }

  void it('quotes never cross a paragraph', () => {
    const text = '“One.\n\n“Two.\n\nThree “four.\nFive.';
    const analysis = analyse(text);
    for (const quote of analysis.quotes) {
      const paragraph = analysis.paragraphs.find((p) => p.start <= quote.start && quote.start < p.end);
      assert.ok(paragraph, `quote at ${quote.start} is in no paragraph`);
      assert.ok(quote.end <= paragraph.end, `quote at ${quote.start} runs past its paragraph`);
    }
  });

  void it('findParagraphQuotes reports relative offsets and the paragraph edges', () => {
    const found = findParagraphQuotes('“Still open at the end');
    assert.equal(found.opensWithQuote, true);
    assert.equal(found.endsOpen, true);
    assert.deepEqual(found.quotes, [
      { start: 0, end: 22, contentStart: 1, contentEnd: 22, style: 'curly', depth: 0, closed: false },
    ]);
    const plain = findParagraphQuotes('No quote "here" at the start.');
    assert.equal(plain.opensWithQuote, false);
    assert.equal(plain.endsOpen, false);
  });
});
