// Table-driven tests of pass 5 (attributions) through `analyse()`: every attribution form the
// issue lists, pronoun and description resolution, and quotes inheriting across paragraphs.
// All articles here are invented for the tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, type Analysis, type Attribution } from '../../server/src/analysis/index';
import { runAttributions } from '../../server/src/analysis/passes/05-attributions';
import { DEFAULT_CONFIG } from '../../server/src/analysis/config';
import type { AnalysisContext } from '../../server/src/analysis/context';

/** The attribution whose cue text is `cue` (the n-th such, counting from 0). */
function byCue(analysis: Analysis, cue: string, nth = 0): Attribution {
  const found = analysis.attributions.filter((attribution) => attribution.cue.text === cue && !attribution.inherited);
  const attribution = found[nth];
  assert.ok(
    attribution,
    `no attribution with cue "${cue}" (#${nth}); found: ${analysis.attributions.map((a) => a.cue.text).join(', ')}`,
  );
  return attribution;
}

const PREAMBLE = 'Colonel General Viktor Almasov spoke to journalists in Varnstad on Friday.\n\n';

interface FormCase {
  name: string;
  text: string;
  cue: string;
  source: string;
  sourceName: string | null;
  /** A piece of text the content must contain. */
  contentHas: string;
  /** A piece of text the content must not contain (e.g. the source or the cue). */
  contentLacks?: string;
  anonymous?: boolean;
  reason: string;
}

const FORMS: FormCase[] = [
  {
    name: 'inverted: "…," said Name',
    text: PREAMBLE + '"The second phase will be harder than the first," said Almasov.',
    cue: 'said',
    source: 'Almasov',
    sourceName: 'Viktor Almasov',
    contentHas: 'The second phase will be harder',
    contentLacks: 'said',
    reason: 'attribution.inverted',
  },
  {
    name: 'inverted with a long description',
    text:
      PREAMBLE +
      'Desertion among the fighters is growing, said today the head of the main operations directorate of the general staff of the armed forces Viktor Almasov.',
    cue: 'said',
    source: 'the head of the main operations directorate of the general staff of the armed forces Viktor Almasov',
    sourceName: 'Viktor Almasov',
    contentHas: 'Desertion among the fighters is growing',
    contentLacks: 'said',
    reason: 'attribution.inverted',
  },
  {
    name: 'trailing: "…," Name said',
    text: PREAMBLE + '"Our crews have met every target," Almasov said.',
    cue: 'said',
    source: 'Almasov',
    sourceName: 'Viktor Almasov',
    contentHas: 'Our crews have met every target',
    contentLacks: 'Almasov',
    reason: 'attribution.trailing',
  },
  {
    name: 'subject-verb with a reported clause',
    text: PREAMBLE + 'Almasov said the navy would join the exercise on Saturday.',
    cue: 'said',
    source: 'Almasov',
    sourceName: 'Viktor Almasov',
    contentHas: 'the navy would join the exercise',
    contentLacks: 'Almasov',
    reason: 'attribution.subject-verb',
  },
  {
    name: 'subject-verb with "that"',
    text: PREAMBLE + 'Almasov said that the navy would join the exercise on Saturday.',
    cue: 'said',
    source: 'Almasov',
    sourceName: 'Viktor Almasov',
    contentHas: 'the navy would join',
    contentLacks: 'that the',
    reason: 'attribution.subject-verb',
  },
  {
    name: 'according to a pronoun',
    text: PREAMBLE + 'According to him, the crews flew at night for the first time.',
    cue: 'According to',
    source: 'him',
    sourceName: 'Viktor Almasov',
    contentHas: 'the crews flew at night',
    contentLacks: 'him',
    reason: 'attribution.according-to',
  },
  {
    name: 'according to, at the end of the sentence',
    text: PREAMBLE + 'The crews flew at night for the first time, according to Almasov.',
    cue: 'according to',
    source: 'Almasov',
    sourceName: 'Viktor Almasov',
    contentHas: 'The crews flew at night',
    contentLacks: 'according',
    reason: 'attribution.according-to',
  },
  {
    name: 'a place as a metonymic actor',
    text: 'Moscow claimed that the strikes had forced some 600 fighters to flee.',
    cue: 'claimed',
    source: 'Moscow',
    sourceName: 'Moscow',
    contentHas: 'the strikes had forced',
    reason: 'attribution.subject-verb',
  },
  {
    name: 'pronoun with "added"',
    text: PREAMBLE + '"We will move the main effort to the coast," he added.',
    cue: 'added',
    source: 'he',
    sourceName: 'Viktor Almasov',
    contentHas: 'We will move the main effort',
    reason: 'attribution.trailing',
  },
  {
    name: 'parenthetical description inside the sentence',
    text: PREAMBLE + 'Only last week, the General noted, the pilots flew 394 sorties.',
    cue: 'noted',
    source: 'the General',
    sourceName: 'Viktor Almasov',
    contentHas: 'the pilots flew 394 sorties',
    reason: 'attribution.parenthetical',
  },
  {
    name: 'colon before a quote',
    text: PREAMBLE + 'He said: "The exercise has gone better than planned."',
    cue: 'said',
    source: 'He',
    sourceName: 'Viktor Almasov',
    contentHas: 'The exercise has gone better than planned',
    reason: 'attribution.subject-verb',
  },
  {
    name: 'a name and a colon opening the sentence',
    text: 'Moscow: Russian air strikes have sown panic among the fighters.',
    cue: ':',
    source: 'Moscow',
    sourceName: 'Moscow',
    contentHas: 'Russian air strikes have sown panic',
    contentLacks: 'Moscow',
    reason: 'attribution.colon',
  },
  {
    name: '"said in a statement" extends the cue',
    text: PREAMBLE + '"The drills are purely defensive," Almasov said in a statement.',
    cue: 'said in a statement',
    source: 'Almasov',
    sourceName: 'Viktor Almasov',
    contentHas: 'The drills are purely defensive',
    reason: 'attribution.trailing',
  },
  {
    name: '"told reporters" skips the listener',
    text: PREAMBLE + 'Almasov told reporters that the crews had met every target.',
    cue: 'told',
    source: 'Almasov',
    sourceName: 'Viktor Almasov',
    contentHas: 'the crews had met every target',
    contentLacks: 'reporters',
    reason: 'attribution.subject-verb',
  },
  {
    name: '"has learned"',
    text: 'The ministry plans to close three airfields, the Harborton Gazette has learned.',
    cue: 'has learned',
    source: 'the Harborton Gazette',
    sourceName: 'Harborton Gazette',
    contentHas: 'The ministry plans to close three airfields',
    reason: 'attribution.trailing',
  },
  {
    name: '"sources said" is anonymous',
    text: 'The minister will resign before the summer, sources said.',
    cue: 'said',
    source: 'sources',
    sourceName: null,
    contentHas: 'The minister will resign',
    anonymous: true,
    reason: 'attribution.trailing',
  },
  {
    name: '"a source said" is anonymous',
    text: 'The talks broke down over the price of gas, a source said.',
    cue: 'said',
    source: 'a source',
    sourceName: null,
    contentHas: 'The talks broke down',
    anonymous: true,
    reason: 'attribution.trailing',
  },
  {
    name: 'a senior official with an organisation stays anonymous',
    text: 'A senior official with the General Staff said the jets had flown more than 60 sorties.',
    cue: 'said',
    source: 'A senior official with the General Staff',
    sourceName: null,
    contentHas: 'the jets had flown more than 60 sorties',
    anonymous: true,
    reason: 'attribution.subject-verb',
  },
  {
    name: 'appositive between subject and verb',
    text: 'Councillor Raymond Ochoa, who voted against the plan, said the cuts would hurt the east side.',
    cue: 'said',
    source: 'Councillor Raymond Ochoa, who voted against the plan',
    sourceName: 'Raymond Ochoa',
    contentHas: 'the cuts would hurt the east side',
    reason: 'attribution.appositive',
  },
  {
    name: 'a participle reports for the earlier source',
    text: PREAMBLE + 'The exercise involved 600 aircraft, the General noted, adding that 400 were reservists.',
    cue: 'adding',
    source: 'the General',
    sourceName: 'Viktor Almasov',
    contentHas: '400 were reservists',
    reason: 'attribution.participle',
  },
];

void describe('pass 5: attribution forms', () => {
  for (const form of FORMS) {
    void it(form.name, () => {
      const analysis = analyse(form.text);
      const attribution = byCue(analysis, form.cue);
      assert.equal(attribution.source?.text, form.source, 'source');
      assert.equal(attribution.sourceName, form.sourceName, 'sourceName');
      assert.ok(
        attribution.content.text.includes(form.contentHas),
        `content "${attribution.content.text}" should contain "${form.contentHas}"`,
      );
      if (form.contentLacks !== undefined) {
        assert.ok(
          !attribution.content.text.includes(form.contentLacks),
          `content "${attribution.content.text}" should not contain "${form.contentLacks}"`,
        );
      }
      assert.equal(attribution.anonymous, form.anonymous ?? false, 'anonymous');
      assert.equal(attribution.inherited, false);
      assert.ok(attribution.reason.startsWith(form.reason), `reason ${attribution.reason} starts with ${form.reason}`);
      for (const span of [attribution.cue, attribution.content, attribution.source]) {
        if (span !== null) assert.equal(span.text, form.text.slice(span.start, span.end), 'span text matches offsets');
      }
    });
  }
});

void describe('pass 5: what is not an attribution', () => {
  const cases: Array<{ name: string; text: string; wrong: (attribution: Attribution) => boolean }> = [
    {
      name: 'a noun "claims" after a determiner',
      text: 'The claims were rejected by the court in March.',
      wrong: (attribution) => attribution.cue.text === 'claims',
    },
    {
      name: 'a speaker inside a quote ("I said")',
      text: '"Then I said we should leave," the driver recalled.',
      wrong: (attribution) => attribution.source?.text === 'I',
    },
    {
      name: 'a passive: the subject is what was reported, not who reported it',
      text: 'The charges were announced on Monday by the county prosecutor.',
      wrong: (attribution) => attribution.source?.text === 'The charges',
    },
    {
      name: 'a tally after a colon',
      text: 'Castellano: 547 votes.',
      wrong: (attribution) => attribution.cue.text === ':',
    },
    {
      name: 'a label before a colon',
      text: 'UPDATE: The bridge reopened to traffic on Tuesday evening.',
      wrong: (attribution) => attribution.cue.text === ':',
    },
    {
      // "Revealed" is no label the colon rule knows, but an ordinary word names nobody.
      name: 'a colon after an ordinary word',
      text: 'Revealed: the new bridge will cost about 43 million dollars to build.',
      wrong: (attribution) => attribution.source !== null,
    },
    {
      name: 'a sentence with no reporting verb',
      text: 'The exercise ends on October 18.',
      wrong: () => true,
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const wrong = analyse(testCase.text).attributions.filter(testCase.wrong);
      assert.deepEqual(
        wrong.map((attribution) => attribution.cue.text),
        [],
      );
    });
  }
});

void describe('pass 5: pronouns and descriptions resolve to the nearest compatible name', () => {
  const text =
    'Colonel General Viktor Almasov opened the briefing. The Defence Ministry published a map.\n\n' +
    'Mayor Elena Castellano welcomed the drills.\n\n' +
    'She said the town would host the observers.\n\n' +
    'The General said the crews had flown at night.\n\n' +
    'The ministry said the map was accurate.\n\n' +
    'It said the map would be updated weekly.';
  const analysis = analyse(text);
  // The expected name is whatever canonical name the entity pass gives that mention.
  const canonicalOf = (mention: string): string | undefined =>
    analysis.entities.find((entity) => entity.text === mention)?.canonical;
  const cases: Array<{ source: string; mention: string }> = [
    { source: 'She', mention: 'Elena Castellano' },
    { source: 'The General', mention: 'Viktor Almasov' },
    { source: 'The ministry', mention: 'Defence Ministry' },
    { source: 'It', mention: 'Defence Ministry' },
  ];
  for (const testCase of cases) {
    void it(`"${testCase.source}" resolves to ${testCase.mention}`, () => {
      const attribution = analysis.attributions.find((candidate) => candidate.source?.text === testCase.source);
      assert.ok(attribution, `an attribution with source "${testCase.source}"`);
      assert.ok(canonicalOf(testCase.mention), `the entity pass finds "${testCase.mention}"`);
      assert.equal(attribution.sourceName, canonicalOf(testCase.mention));
      assert.notEqual(attribution.sourceEntity, null);
      const entity = analysis.entities[attribution.sourceEntity ?? -1];
      assert.ok(entity && entity.start < attribution.cue.start, 'resolved to a mention before the cue');
    });
  }

  void it('a role at the start of a sentence is not a name', () => {
    const attribution = byCue(analyse('Prosecutors said the funds had been moved twice.'), 'said');
    assert.equal(attribution.source?.text, 'Prosecutors');
    assert.equal(attribution.sourceName, null);
    assert.equal(attribution.anonymous, false);
  });

  void it('an ordinary capitalised word opening the sentence is not a name', () => {
    const attribution = byCue(analyse('Farmers in the valley said the harvest would be late.'), 'said');
    assert.equal(attribution.source?.text, 'Farmers in the valley');
    assert.equal(attribution.sourceName, null);
  });

  void it('a pronoun with no person before it stays unresolved', () => {
    const alone = analyse('He said the bridge would reopen in May.');
    const attribution = byCue(alone, 'said');
    assert.equal(attribution.sourceName, null);
    assert.equal(attribution.sourceEntity, null);
    assert.equal(attribution.anonymous, false);
  });
});

void describe('pass 5: quotes across paragraphs', () => {
  void it('a continuing quote paragraph inherits the attribution', () => {
    const text =
      'Colonel General Viktor Almasov described the first phase.\n\n' +
      '"The crews flew day and night," Almasov said. "They met every target we set.\n\n' +
      '"The second phase will test the reservists."';
    const analysis = analyse(text);
    const inherited = analysis.attributions.filter((attribution) => attribution.inherited);
    const continued = inherited.find((attribution) => attribution.content.text.includes('second phase'));
    assert.ok(continued, `an inherited attribution for the continuing paragraph; got ${JSON.stringify(inherited)}`);
    assert.equal(continued.sourceName, 'Viktor Almasov');
    assert.equal(continued.content.text, text.slice(continued.content.start, continued.content.end));
    assert.ok(continued.reason.startsWith('attribution.'));
    assert.equal(
      analyse(text).findings.filter((finding) => finding.code === 'quote-without-source').length,
      0,
      'no quote is left without a source',
    );
  });

  void it('a closed quote-only paragraph after an attributed one inherits nothing', () => {
    const text =
      'Colonel General Viktor Almasov answered questions.\n\n' +
      '"We have to admit that the data comes only from our colleagues," Almasov said.\n\n' +
      '"We are still open for dialogue with all interested parties."';
    const analysis = analyse(text);
    const lastQuoteStart = text.lastIndexOf('"We are still');
    assert.ok(
      !analysis.attributions.some(
        (attribution) => attribution.content.start <= lastQuoteStart && attribution.content.end > lastQuoteStart,
      ),
      'the last quote has no attribution',
    );
    const finding = analysis.findings.find((candidate) => candidate.code === 'quote-without-source');
    assert.ok(finding, 'quote-without-source is reported');
    assert.equal(finding.start, lastQuoteStart);
  });

  void it('a second quote in the same paragraph keeps the speaker', () => {
    const text =
      'Colonel General Viktor Almasov spoke on Friday.\n\n' +
      '"Over three days we reduced their combat potential," he added. "We will increase the intensity."';
    const analysis = analyse(text);
    const second = analysis.attributions.find(
      (attribution) => attribution.inherited && attribution.content.text.includes('increase the intensity'),
    );
    assert.ok(second, 'the second quote inherits');
    assert.equal(second.sourceName, 'Viktor Almasov');
    assert.equal(second.source?.text, 'he');
  });
});

void describe('pass 5: hand-built context', () => {
  void it('works from sentences, quotes and entities alone, without the other passes', () => {
    const text = '"We will stay," Ochoa said.';
    const context: AnalysisContext = {
      text,
      config: DEFAULT_CONFIG,
      articleDate: null,
      paragraphs: [{ start: 0, end: text.length, index: 0 }],
      sentences: [{ start: 0, end: text.length, paragraph: 0 }],
      quotes: [
        {
          start: 0,
          end: 15,
          contentStart: 1,
          contentEnd: 14,
          style: 'straight',
          depth: 0,
          closed: true,
          continuesPrevious: false,
          chainStart: 0,
        },
      ],
      entities: [{ start: 16, end: 21, text: 'Ochoa', kind: 'person', reason: 'test', canonical: 'Raymond Ochoa' }],
      attributions: [],
      claims: [],
      findings: [],
    };
    runAttributions(context);
    assert.equal(context.attributions.length, 1);
    const [attribution] = context.attributions;
    assert.equal(attribution?.content.text, '"We will stay,"');
    assert.equal(attribution?.sourceName, 'Raymond Ochoa');
    assert.equal(attribution?.sourceEntity, 0);
  });
});

void describe('pass 5: a colon attribution reads only its own sentence', () => {
  // The colon rule has no cue word; its reading once came from whichever cue was scored last,
  // even paragraphs earlier, so the sentence before it decided whether its words were a source.
  const before = [
    { name: 'a cue from the hand-written classes', text: 'The senator said the budget was fine.' },
    { name: 'a learned cue outside them', text: 'The senate passed the budget.' },
    { name: 'no cue at all', text: 'The budget is large.' },
  ];
  const colons = [
    { text: 'Revealed: the new bridge will cost about 43 million dollars to build.', source: null },
    { text: 'Moscow: Russian air strikes have sown panic among the fighters.', source: 'Moscow' },
    // A surname the entity pass does not know, as a headline gives it before the article names her in full.
    { text: 'Varnstad: the new bridge will cost about 43 million dollars to build.', source: 'Varnstad' },
  ];
  for (const colon of colons) {
    for (const previous of before) {
      void it(`"${colon.text.slice(0, colon.text.indexOf(':') + 1)}" after ${previous.name}`, () => {
        const text = `${previous.text}\n\n${colon.text}`;
        const attribution = analyse(text).attributions.find((candidate) => candidate.cue.text === ':');
        assert.ok(attribution !== undefined, 'the colon is read as an attribution');
        assert.equal(attribution.source?.text ?? null, colon.source);
        assert.equal(
          attribution.reason.split('+')[0],
          colon.source === null ? 'attribution.colon-without-speaker' : 'attribution.colon',
        );
      });
    }
  }
});
