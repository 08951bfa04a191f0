// Table-driven tests of pass 4: figures with value, range, unit and qualifier, and what is not a
// figure (years, dates, times, ordinals, names with numbers, list markers). Every sentence here
// was written for these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, type Entity } from '../../server/src/analysis/index';
import { findParagraphFigures, runFigures } from '../../server/src/analysis/passes/04-figures';
import { DEFAULT_CONFIG } from '../../server/src/analysis/config';
import type { AnalysisContext } from '../../server/src/analysis/context';

/** A figure as the tests compare it; absent fields are left out. */
interface FigureView {
  text: string;
  value: number;
  valueHigh?: number;
  unit?: string;
  qualifier?: string;
  reason: string;
}

function view(figure: Entity): FigureView {
  const result: FigureView = { text: figure.text, value: figure.value ?? NaN, reason: figure.reason };
  if (figure.valueHigh !== undefined) {
    result.valueHigh = figure.valueHigh;
  }
  if (figure.unit !== undefined) {
    result.unit = figure.unit;
  }
  if (figure.qualifier !== undefined) {
    result.qualifier = figure.qualifier;
  }
  return result;
}

function figuresOf(text: string): FigureView[] {
  return analyse(text, { articleDate: '2015-10-16' })
    .entities.filter((entity) => entity.kind === 'figure')
    .map(view);
}

interface FigureCase {
  name: string;
  text: string;
  expected: FigureView[];
}

const FIGURE_CASES: FigureCase[] = [
  {
    name: 'digits with a counted noun',
    text: 'Pilots flew 670 sorties.',
    expected: [{ text: '670 sorties', value: 670, unit: 'sorties', reason: 'figure.digits' }],
  },
  {
    name: 'thousands separator',
    text: 'The fund paid 1,200 families.',
    expected: [{ text: '1,200 families', value: 1200, unit: 'families', reason: 'figure.digits' }],
  },
  {
    name: 'decimal with a unit',
    text: 'The wall is 2.5 metres high.',
    expected: [{ text: '2.5 metres', value: 2.5, unit: 'metres', reason: 'figure.digits' }],
  },
  {
    name: 'head noun after modifiers',
    text: 'They destroyed 46 control points.',
    expected: [{ text: '46 control points', value: 46, unit: 'points', reason: 'figure.digits' }],
  },
  {
    name: 'a suspended hyphen: the noun both modifiers describe',
    text: 'The region still runs 40 coal- and gas-fired plants.',
    expected: [{ text: '40 coal- and gas-fired plants', value: 40, unit: 'plants', reason: 'figure.digits' }],
  },
  {
    name: 'a suspended hyphen with "or"',
    text: 'Buyers can choose 3 two- or four-door models.',
    expected: [{ text: '3 two- or four-door models', value: 3, unit: 'models', reason: 'figure.digits' }],
  },
  {
    name: 'head noun after an adjective and a proper adjective',
    text: 'The army hit 11 radical Sunni groups.',
    expected: [{ text: '11 radical Sunni groups', value: 11, unit: 'groups', reason: 'figure.digits' }],
  },
  {
    name: 'an acronym is a modifier, not a stop word',
    text: 'Jets struck 50 IS targets.',
    expected: [{ text: '50 IS targets', value: 50, unit: 'targets', reason: 'figure.digits' }],
  },
  {
    name: 'the counted noun stops before a verb',
    text: 'Moscow says 600 militants flee the region.',
    expected: [{ text: '600 militants', value: 600, unit: 'militants', reason: 'figure.digits' }],
  },
  {
    name: 'a unit in quotation marks, as the wires write it',
    text: 'The strikes forced some 600 `militants` and 40 "fighters" to flee.',
    expected: [
      {
        text: 'some 600 `militants`',
        value: 600,
        unit: 'militants',
        qualifier: 'some',
        reason: 'figure.digits+approximator',
      },
      { text: '40 "fighters"', value: 40, unit: 'fighters', reason: 'figure.digits' },
    ],
  },
  {
    name: 'irregular plurals',
    text: 'About 12,000 personnel and 300 people took part.',
    expected: [
      {
        text: 'About 12,000 personnel',
        value: 12000,
        unit: 'personnel',
        qualifier: 'about',
        reason: 'figure.digits+approximator',
      },
      { text: '300 people', value: 300, unit: 'people', reason: 'figure.digits' },
    ],
  },
  {
    name: 'no unit before "of"',
    text: 'Almost 400 of them were reservists.',
    expected: [{ text: 'Almost 400', value: 400, qualifier: 'almost', reason: 'figure.digits+approximator' }],
  },
  {
    name: 'number words',
    text: 'Six jets and twenty-two soldiers returned.',
    expected: [
      { text: 'Six jets', value: 6, unit: 'jets', reason: 'figure.words' },
      { text: 'twenty-two soldiers', value: 22, unit: 'soldiers', reason: 'figure.words' },
    ],
  },
  {
    name: 'a dozen and compound number words',
    text: 'A dozen tanks and two hundred and fifty trucks crossed.',
    expected: [
      { text: 'A dozen tanks', value: 12, unit: 'tanks', reason: 'figure.words' },
      { text: 'two hundred and fifty trucks', value: 250, unit: 'trucks', reason: 'figure.words' },
    ],
  },
  {
    name: 'a lone "one" is not a figure, "one million" is',
    text: 'One of the officials said one million voters stayed home.',
    expected: [{ text: 'one million voters', value: 1_000_000, unit: 'voters', reason: 'figure.words' }],
  },
  {
    name: 'scale words after digits',
    text: 'The region has 1.2 million residents and 3bn in debt.',
    expected: [
      { text: '1.2 million residents', value: 1_200_000, unit: 'residents', reason: 'figure.digits' },
      { text: '3bn', value: 3_000_000_000, reason: 'figure.digits' },
    ],
  },
  {
    name: 'percentages in three spellings',
    text: 'Prices rose 12% in May, 3.5 percent in June and 12 per cent in July.',
    expected: [
      { text: '12%', value: 12, unit: '%', reason: 'figure.percent' },
      { text: '3.5 percent', value: 3.5, unit: '%', reason: 'figure.percent' },
      { text: '12 per cent', value: 12, unit: '%', reason: 'figure.percent' },
    ],
  },
  {
    name: 'percentage points',
    text: 'Support fell 2 percentage points.',
    expected: [{ text: '2 percentage points', value: 2, unit: 'percentage points', reason: 'figure.percent' }],
  },
  {
    name: 'money with signs and scales',
    text: 'The deal is worth $5 million, the fee £300 and the loan €2bn.',
    expected: [
      { text: '$5 million', value: 5_000_000, unit: 'USD', reason: 'figure.money' },
      { text: '£300', value: 300, unit: 'GBP', reason: 'figure.money' },
      { text: '€2bn', value: 2_000_000_000, unit: 'EUR', reason: 'figure.money' },
    ],
  },
  {
    name: 'money in words after the number',
    text: 'He paid 5 million dollars and 180 euros a month.',
    expected: [
      { text: '5 million dollars', value: 5_000_000, unit: 'USD', reason: 'figure.money' },
      { text: '180 euros', value: 180, unit: 'EUR', reason: 'figure.money' },
    ],
  },
  {
    name: 'a sharpened dollar sign and a glued million',
    text: 'Exports reached US$1.2 billion, up from £2.5m.',
    expected: [
      { text: 'US$1.2 billion', value: 1_200_000_000, unit: 'USD', reason: 'figure.money' },
      { text: '£2.5m', value: 2_500_000, unit: 'GBP', reason: 'figure.money' },
    ],
  },
  {
    name: 'ranges in three spellings',
    text: 'Between 40 and 50 people, 40 to 50 houses and 40-50 cars were lost.',
    expected: [
      { text: 'Between 40 and 50 people', value: 40, valueHigh: 50, unit: 'people', reason: 'figure.range' },
      { text: '40 to 50 houses', value: 40, valueHigh: 50, unit: 'houses', reason: 'figure.range' },
      { text: '40-50 cars', value: 40, valueHigh: 50, unit: 'cars', reason: 'figure.range' },
    ],
  },
  {
    name: 'a scale on the high end covers both ends',
    text: 'The repairs cost 2 to 3 million dollars.',
    expected: [
      { text: '2 to 3 million dollars', value: 2_000_000, valueHigh: 3_000_000, unit: 'USD', reason: 'figure.range' },
    ],
  },
  {
    name: '"from X to Y" is a change, not a range',
    text: 'The rate rose from 4 to 5 percent.',
    expected: [
      { text: '4', value: 4, reason: 'figure.digits' },
      { text: '5 percent', value: 5, unit: '%', reason: 'figure.percent' },
    ],
  },
  {
    name: 'a score or vote tally is not a figure',
    text: 'Rovers won 3-1 at home after a 5–4 vote and a 4-4 draw.',
    expected: [],
  },
  {
    name: 'the tail of a year or a phone number is not a figure',
    text: 'It was amended 2015-02-30, ran 2014-2015 and listed 555-1234 as the line.',
    expected: [{ text: '555-1234', value: 555, valueHigh: 1234, reason: 'figure.range' }],
  },
  {
    name: 'the counted noun stops at a conjunction',
    text: 'It sat with 10 judges rather than 11 because of a vacancy.',
    expected: [
      { text: '10 judges', value: 10, unit: 'judges', reason: 'figure.digits' },
      { text: '11', value: 11, reason: 'figure.digits' },
    ],
  },
  {
    name: 'qualifiers',
    text: 'More than 60 sorties, at least 12 raids, nearly 90 percent, roughly $1.2 million and up to 300 homes.',
    expected: [
      {
        text: 'More than 60 sorties',
        value: 60,
        unit: 'sorties',
        qualifier: 'more than',
        reason: 'figure.digits+approximator',
      },
      {
        text: 'at least 12 raids',
        value: 12,
        unit: 'raids',
        qualifier: 'at least',
        reason: 'figure.digits+approximator',
      },
      { text: 'nearly 90 percent', value: 90, unit: '%', qualifier: 'nearly', reason: 'figure.percent+approximator' },
      {
        text: 'roughly $1.2 million',
        value: 1_200_000,
        unit: 'USD',
        qualifier: 'roughly',
        reason: 'figure.money+approximator',
      },
      { text: 'up to 300 homes', value: 300, unit: 'homes', qualifier: 'up to', reason: 'figure.digits+approximator' },
    ],
  },
  {
    name: 'more qualifiers',
    text: 'Some 600 fighters, an estimated 5,000 refugees, fewer than 20 doctors and approximately 7 tonnes.',
    expected: [
      {
        text: 'Some 600 fighters',
        value: 600,
        unit: 'fighters',
        qualifier: 'some',
        reason: 'figure.digits+approximator',
      },
      {
        text: 'an estimated 5,000 refugees',
        value: 5000,
        unit: 'refugees',
        qualifier: 'an estimated',
        reason: 'figure.digits+approximator',
      },
      {
        text: 'fewer than 20 doctors',
        value: 20,
        unit: 'doctors',
        qualifier: 'fewer than',
        reason: 'figure.digits+approximator',
      },
      {
        text: 'approximately 7 tonnes',
        value: 7,
        unit: 'tonnes',
        qualifier: 'approximately',
        reason: 'figure.digits+approximator',
      },
    ],
  },
  {
    name: '"over" after a counted noun is a preposition',
    text: 'Jets made more than 60 sorties over 50 targets.',
    expected: [
      {
        text: 'more than 60 sorties',
        value: 60,
        unit: 'sorties',
        qualifier: 'more than',
        reason: 'figure.digits+approximator',
      },
      { text: '50 targets', value: 50, unit: 'targets', reason: 'figure.digits' },
    ],
  },
  {
    name: '"over" after a verb is a qualifier',
    text: 'The group has entered over 50 aircraft.',
    expected: [
      {
        text: 'over 50 aircraft',
        value: 50,
        unit: 'aircraft',
        qualifier: 'over',
        reason: 'figure.digits+approximator',
      },
    ],
  },
  {
    name: 'a hyphenated compound after the number',
    text: 'A 22-year-old student walked 5km.',
    expected: [
      { text: '22-year-old', value: 22, unit: 'year-old', reason: 'figure.digits' },
      { text: '5km', value: 5, unit: 'km', reason: 'figure.digits' },
    ],
  },
  {
    name: 'bare years are not figures',
    text: 'In 2015 the town had 2,000 homes; since 1987 it has grown.',
    expected: [{ text: '2,000 homes', value: 2000, unit: 'homes', reason: 'figure.digits' }],
  },
  {
    name: 'a span of years is not a range',
    text: 'The 2014-2015 season ended.',
    expected: [],
  },
  {
    name: 'days in dates are not figures',
    text: 'The exercise ends on October 18 and resumes on 4 November.',
    expected: [],
  },
  {
    name: 'times are not figures',
    text: 'The vote began at 10:30 and ended at 9 p.m.; polls reopen at 7am.',
    expected: [],
  },
  {
    name: 'ordinals and decades are not figures',
    text: 'It was the 3rd attempt in the 1990s and the first since the 10th round.',
    expected: [],
  },
  {
    name: 'names with numbers are not figures',
    text: 'An F-16, a Su-24 and flight MH17 were named at the G7 summit, item #4.',
    expected: [],
  },
  {
    name: 'a label after "No." is not a figure',
    text: 'He wore the No. 11 shirt.',
    expected: [],
  },
  {
    name: 'list markers are not figures',
    text: '1. Crews rescued 112 people.',
    expected: [{ text: '112 people', value: 112, unit: 'people', reason: 'figure.digits' }],
  },
  {
    name: 'version numbers and slash dates are not figures',
    text: 'Version 2.5.1 shipped on 10/16 as planned.',
    expected: [],
  },
  {
    name: 'UTF-16 offsets after an emoji',
    text: '🔥🔥 Firefighters saved 40 homes.',
    expected: [{ text: '40 homes', value: 40, unit: 'homes', reason: 'figure.digits' }],
  },
];

void describe('pass 4: figures', () => {
  for (const testCase of FIGURE_CASES) {
    void it(testCase.name, () => {
      assert.deepEqual(figuresOf(testCase.text), testCase.expected);
    });
  }

  void it('figure text is the slice of the analysed text at its offsets, CRLF included', () => {
    const text = 'Headline\r\n\r\n🌊 Crews moved about 670 people.\r\nSome 1,500 homes lost power.';
    const figures = analyse(text).entities.filter((entity) => entity.kind === 'figure');
    assert.deepEqual(
      figures.map((figure) => figure.text),
      ['about 670 people', 'Some 1,500 homes'],
    );
    for (const figure of figures) {
      assert.equal(text.slice(figure.start, figure.end), figure.text);
    }
  });

  void it('findParagraphFigures is relative to the paragraph', () => {
    const figures = findParagraphFigures('Some 600 fighters left.');
    assert.equal(figures.length, 1);
    assert.equal(figures[0]?.start, 0);
    assert.equal(figures[0]?.end, 17);
  });
});

function contextWith(text: string, entities: Entity[]): AnalysisContext {
  return {
    text,
    config: DEFAULT_CONFIG,
    articleDate: null,
    paragraphs: [{ start: 0, end: text.length, index: 0 }],
    sentences: [],
    quotes: [],
    entities,
    attributions: [],
    claims: [],
    findings: [],
  };
}

void describe('pass 4: merging into context.entities', () => {
  void it('keeps entities sorted by start when merging figures in', () => {
    const text = 'Almasov said 40 jets flew while Lind counted 12 more boats.';
    const person: Entity = { kind: 'person', start: 0, end: 7, text: 'Almasov', reason: 'test' };
    const other: Entity = { kind: 'person', start: 32, end: 36, text: 'Lind', reason: 'test' };
    const context = contextWith(text, [person, other]);
    runFigures(context);
    assert.deepEqual(
      context.entities.map((entity) => entity.text),
      ['Almasov', '40 jets', 'Lind', '12'],
    );
    const starts = context.entities.map((entity) => entity.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });

  void it('never emits a figure that overlaps a date entity', () => {
    const text = 'The count of 300 homes ended on day 12 of the month.';
    const start = text.indexOf('day 12');
    const date: Entity = { kind: 'date', start, end: start + 6, text: 'day 12', reason: 'test' };
    const context = contextWith(text, [date]);
    runFigures(context);
    assert.deepEqual(
      context.entities.map((entity) => [entity.kind, entity.text]),
      [
        ['figure', '300 homes'],
        ['date', 'day 12'],
      ],
    );
  });
});
