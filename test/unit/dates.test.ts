// Table-driven tests of the date finder (`entities/dates.ts`): absolute dates, dates resolved
// against the article date, periods with no single day, bare years, the dateline's own date, and
// determinism (no clock, no time zone). Every sentence here was written for these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, type Entity } from '../../server/src/analysis/index';
import { findDates } from '../../server/src/analysis/entities/dates';
import { runSentences } from '../../server/src/analysis/passes/01-sentences';
import { createAnalysisContext } from '../../server/src/analysis/context';

/** Runs pass 1 then the date finder, as pass 3 does. */
function datesOf(text: string, articleDate: string | null): Entity[] {
  const context = createAnalysisContext(text, { articleDate: articleDate ?? undefined });
  runSentences(context);
  return findDates(context);
}

/** "text|canonical|relative" per date, so a table row reads like the result. */
function summary(dates: Entity[]): string[] {
  return dates.map((date) => `${date.text}|${date.canonical ?? '-'}|${date.relative === true ? 'relative' : ''}`);
}

interface DateCase {
  name: string;
  text: string;
  /** Expected summaries with the article date 2015-10-16 (a Friday). */
  withArticleDate: string[];
  /** Expected summaries without any article date. */
  withoutArticleDate: string[];
}

const ARTICLE_DATE = '2015-10-16';

const DATE_CASES: DateCase[] = [
  {
    name: 'month and day, with and without a year',
    text: 'Talks began on October 12 and ended on Oct. 3, 2014.',
    withArticleDate: ['October 12|2015-10-12|relative', 'Oct. 3, 2014|2014-10-03|'],
    withoutArticleDate: ['October 12|-|', 'Oct. 3, 2014|2014-10-03|'],
  },
  {
    name: 'day before month',
    text: 'The group was founded on 15 October 2006 and met on the 3rd of November.',
    withArticleDate: ['15 October 2006|2006-10-15|', '3rd of November|2015-11-03|relative'],
    withoutArticleDate: ['15 October 2006|2006-10-15|', '3rd of November|-|'],
  },
  {
    name: 'a month and day without a year take the nearest year, even across New Year',
    text: 'The next hearing is on January 5, after the strikes of July 2.',
    withArticleDate: ['January 5|2016-01-05|relative', 'July 2|2015-07-02|relative'],
    withoutArticleDate: ['January 5|-|', 'July 2|-|'],
  },
  {
    name: 'a weekday with a date belongs to the date',
    text: 'The court sits on Tuesday, Oct. 20.',
    withArticleDate: ['Tuesday, Oct. 20|2015-10-20|relative'],
    withoutArticleDate: ['Tuesday, Oct. 20|-|'],
  },
  {
    name: 'a weekday alone in the past tense is the most recent one',
    text: 'Air strikes on Saturday hit the depot.',
    withArticleDate: ['Saturday|2015-10-10|relative'],
    withoutArticleDate: ['Saturday|-|'],
  },
  {
    name: 'the article day itself counts as the most recent',
    text: 'The minister resigned on Friday.',
    withArticleDate: ['Friday|2015-10-16|relative'],
    withoutArticleDate: ['Friday|-|'],
  },
  {
    name: 'a weekday after a future marker is the coming one',
    text: 'The navy will join the exercise on Saturday.',
    withArticleDate: ['Saturday|2015-10-17|relative'],
    withoutArticleDate: ['Saturday|-|'],
  },
  {
    name: 'last and next weekdays',
    text: 'They met last Monday and meet again next Friday.',
    withArticleDate: ['last Monday|2015-10-12|relative', 'next Friday|2015-10-23|relative'],
    withoutArticleDate: ['last Monday|-|', 'next Friday|-|'],
  },
  {
    name: 'yesterday, today, tomorrow and tonight',
    text: 'Yesterday the river rose; today it fell; tomorrow and tonight are dry.',
    withArticleDate: [
      'Yesterday|2015-10-15|relative',
      'today|2015-10-16|relative',
      'tomorrow|2015-10-17|relative',
      'tonight|2015-10-16|relative',
    ],
    withoutArticleDate: ['Yesterday|-|', 'today|-|', 'tomorrow|-|', 'tonight|-|'],
  },
  {
    name: 'weeks resolve by seven days, months and years name a period',
    text: 'Last week prices rose, next week they may fall, and last month and this year were calm.',
    withArticleDate: [
      'Last week|2015-10-09|relative',
      'next week|2015-10-23|relative',
      'last month|-|',
      'this year|-|',
    ],
    withoutArticleDate: ['Last week|-|', 'next week|-|', 'last month|-|', 'this year|-|'],
  },
  {
    name: 'a month with a preposition or a year is a period',
    text: 'In October the vote passed; the law dates from March 2014.',
    withArticleDate: ['October|-|', 'March 2014|-|'],
    withoutArticleDate: ['October|-|', 'March 2014|-|'],
  },
  {
    name: 'a name or verb that spells a month is not a date',
    text: 'May said the troops would march on. April Lind agreed.',
    withArticleDate: [],
    withoutArticleDate: [],
  },
  {
    name: 'bare years after a preposition',
    text: 'Prices have doubled since 1987 and will fall by 2030.',
    withArticleDate: ['1987|-|', '2030|-|'],
    withoutArticleDate: ['1987|-|', '2030|-|'],
  },
  {
    name: 'numeric dates go to chrono',
    text: 'The report is due 10/30/2015.',
    withArticleDate: ['10/30/2015|2015-10-30|'],
    withoutArticleDate: ['10/30/2015|2015-10-30|'],
  },
  {
    name: 'ISO dates',
    text: 'The filing is dated 2015-09-30 and was amended 2015-02-30.',
    withArticleDate: ['2015-09-30|2015-09-30|'],
    withoutArticleDate: ['2015-09-30|2015-09-30|'],
  },
  {
    name: 'an amount of days or weeks ago is a day; months, years and vague amounts are periods',
    text: 'The dam failed three days ago, was inspected 2 weeks ago, built two years ago and patched a few days ago.',
    withArticleDate: [
      'three days ago|2015-10-13|relative',
      '2 weeks ago|2015-10-02|relative',
      'two years ago|-|',
      'a few days ago|-|',
    ],
    withoutArticleDate: ['three days ago|-|', '2 weeks ago|-|', 'two years ago|-|', 'a few days ago|-|'],
  },
  {
    name: 'hours ago and long ago are not dates',
    text: 'Crews left two hours ago; the town flooded long ago.',
    withArticleDate: [],
    withoutArticleDate: [],
  },
  {
    name: 'recurring weekdays are not dates',
    text: 'Branches will stay open on Sundays.',
    withArticleDate: [],
    withoutArticleDate: [],
  },
  {
    name: 'a date after an emoji keeps UTF-16 offsets',
    text: '📅📅 The hearing is on November 2.',
    withArticleDate: ['November 2|2015-11-02|relative'],
    withoutArticleDate: ['November 2|-|'],
  },
];

void describe('dates', () => {
  for (const testCase of DATE_CASES) {
    void it(`${testCase.name} (article date known)`, () => {
      assert.deepEqual(summary(datesOf(testCase.text, ARTICLE_DATE)), testCase.withArticleDate);
    });
    void it(`${testCase.name} (no article date)`, () => {
      assert.deepEqual(summary(datesOf(testCase.text, null)), testCase.withoutArticleDate);
    });
  }

  void it('every date has kind, reason and offsets that slice to its text', () => {
    const text = 'On Saturday, Oct. 10, and again last week (10/16/2015) officials met.';
    const dates = datesOf(text, ARTICLE_DATE);
    assert.ok(dates.length >= 3);
    let previousStart = -1;
    for (const date of dates) {
      assert.equal(date.kind, 'date');
      assert.match(date.reason, /^date\.(pattern|chrono|year|dateline)$/);
      assert.equal(text.slice(date.start, date.end), date.text);
      assert.ok(date.start > previousStart, 'sorted by start, no two at one offset');
      previousStart = date.start;
    }
  });

  void it("the dateline's date has its own reason and the dated dateline sets the article date", () => {
    const text = 'Rates rise\nLONDON, Oct. 3, 2015 — The bank raised rates on Thursday.';
    const analysis = analyse(text);
    assert.equal(analysis.articleDate, '2015-10-03');
    const dates = datesOf(text, analysis.articleDate);
    assert.deepEqual(
      dates.map((date) => [date.text, date.reason, date.canonical]),
      [
        ['Oct. 3, 2015', 'date.dateline', '2015-10-03'],
        ['Thursday', 'date.pattern', '2015-10-01'],
      ],
    );
  });

  void it('gives the same answers in any time zone', () => {
    const text = 'On Saturday, on October 12 and on 10/30/2015 the army moved; yesterday it stopped.';
    const savedZone = process.env.TZ;
    const answers: string[][] = [];
    try {
      for (const zone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York']) {
        process.env.TZ = zone;
        answers.push(summary(datesOf(text, ARTICLE_DATE)));
      }
    } finally {
      if (savedZone === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = savedZone;
      }
    }
    assert.deepEqual(answers[0], [
      'Saturday|2015-10-10|relative',
      'October 12|2015-10-12|relative',
      '10/30/2015|2015-10-30|',
      'yesterday|2015-10-15|relative',
    ]);
    for (const answer of answers) {
      assert.deepEqual(answer, answers[0]);
    }
  });

  void it('works without pass 1, bounding its windows by lines', () => {
    const text = 'Talks resumed on Oct. 12.\nThe vote is due 10/30/2015.';
    const context = createAnalysisContext(text, { articleDate: ARTICLE_DATE });
    assert.deepEqual(summary(findDates(context)), ['Oct. 12|2015-10-12|relative', '10/30/2015|2015-10-30|']);
  });

  // The trigger scan runs paragraph by paragraph when the text between paragraphs is white
  // space; a context without paragraphs takes the whole-text scan, which is the reference.
  for (const text of [
    'Talks resumed on Oct. 12, 2015.\n\nThe vote is due 10/30/2015, officials said on Saturday.',
    'The council met last\n\nweek to vote on the plan.',
    'Ministers will meet next\nmonth, the office said.\n\n  In 2015 the plan failed.  \n',
    'Jan.\n\nThe budget was cut two years ago.\n\nMonday',
  ]) {
    void it(`finds the same dates paragraph by paragraph as over the whole text: ${JSON.stringify(text)}`, () => {
      const context = createAnalysisContext(text, { articleDate: ARTICLE_DATE });
      runSentences(context);
      const byParagraph = summary(findDates(context));
      context.paragraphs = [];
      assert.deepEqual(byParagraph, summary(findDates(context)));
    });
  }

  void it('an invalid article date is treated as unknown', () => {
    assert.deepEqual(summary(datesOf('It rained yesterday.', '2015-13-45')), ['yesterday|-|']);
  });
});
