// Table-driven tests of pass 7 (findings) through `analyse()`: every finding code, severity
// overrides and `off`, common knowledge, the order of candidate sources, and that inserting an
// attribution at `insertAt` gives a grammatical sentence. All articles are invented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, type Finding, type FindingCode } from '../../server/src/analysis/index';

const PREAMBLE = 'Colonel General Viktor Almasov briefed journalists on Friday.\n\n';

/**
 * The findings of one code. The preamble is itself an unattributed statement, so findings on it
 * are left out: each test looks only at the sentences it is about.
 */
function findingsOf(text: string, code: FindingCode, config = {}): Finding[] {
  const from = text.startsWith(PREAMBLE) ? PREAMBLE.length : 0;
  return analyse(text, { config }).findings.filter((finding) => finding.code === code && finding.start >= from);
}

void describe('pass 7: each finding code', () => {
  const cases: Array<{ code: FindingCode; text: string; on: string; severity: string }> = [
    {
      code: 'unattributed-figure',
      text: PREAMBLE + 'The air force flew more than 60 sorties last week.',
      on: 'more than 60 sorties',
      severity: 'warning',
    },
    {
      code: 'unattributed-claim',
      text: PREAMBLE + 'It was the largest exercise the region has ever seen.',
      on: 'It was the largest exercise the region has ever seen.',
      severity: 'information',
    },
    {
      code: 'quote-without-source',
      text: PREAMBLE + '"We are still open for dialogue with everyone."',
      on: '"We are still open for dialogue with everyone."',
      severity: 'warning',
    },
    {
      code: 'unclosed-quote',
      text: PREAMBLE + 'Almasov said: "The crews are ready for the second phase.',
      on: '"',
      severity: 'warning',
    },
    {
      code: 'anonymous-source',
      text: PREAMBLE + 'The drills cost 30 million crowns, a senior defence official said.',
      on: 'a senior defence official',
      severity: 'information',
    },
    {
      code: 'loaded-attribution-verb',
      text: PREAMBLE + 'Almasov claimed that no neighbour had objected to the drills.',
      on: 'claimed',
      severity: 'hint',
    },
  ];
  for (const testCase of cases) {
    void it(testCase.code, () => {
      const findings = findingsOf(testCase.text, testCase.code);
      assert.ok(findings.length > 0, `a ${testCase.code} finding`);
      const finding = findings[0];
      assert.ok(finding);
      assert.ok(
        testCase.text.slice(finding.start, finding.end).startsWith(testCase.on),
        `on "${testCase.text.slice(finding.start, finding.end)}", expected "${testCase.on}"`,
      );
      assert.equal(finding.severity, testCase.severity);
      assert.ok(finding.message.length > 10, 'a message an editor understands');
      assert.ok(finding.reason.startsWith(`finding.${testCase.code}`), finding.reason);
    });
  }

  void it('attributed text gets none of the source findings', () => {
    const text = PREAMBLE + 'The air force flew more than 60 sorties last week, Almasov said.';
    assert.deepEqual(findingsOf(text, 'unattributed-figure'), []);
    assert.deepEqual(findingsOf(text, 'unattributed-claim'), []);
  });

  void it('a claim with figures gets figure findings only, never a second claim finding', () => {
    const text = PREAMBLE + 'It was the largest drill in years, with 600 aircraft and 12,000 troops.';
    assert.equal(findingsOf(text, 'unattributed-claim').length, 0);
    assert.ok(findingsOf(text, 'unattributed-figure').length >= 2);
  });

  void it('one unnamed source that reports twice is reported once', () => {
    const text = PREAMBLE + 'A senior official said the jets flew 60 sorties and added that more would follow.';
    assert.equal(findingsOf(text, 'anonymous-source').length, 1);
  });

  void it('an unclosed quote is reported once, as unclosed', () => {
    const text = PREAMBLE + '"The wheat is fine, but the vegetables will suffer, said Almasov.';
    assert.equal(findingsOf(text, 'unclosed-quote').length, 1);
    assert.equal(findingsOf(text, 'quote-without-source').length, 0);
  });

  void it('short scare quotes are not reported as quotes without a source', () => {
    const text = PREAMBLE + 'The so-called "peace plan" was rejected by the Harborton City Council.';
    assert.equal(findingsOf(text, 'quote-without-source').length, 0);
  });
});

void describe('pass 7: loaded verbs get the neutral verb in the same form', () => {
  const cases: Array<{ sentence: string; verb: string; neutral: string }> = [
    { sentence: 'Almasov claimed the drills were defensive.', verb: 'claimed', neutral: 'said' },
    { sentence: 'Almasov claims the drills are defensive.', verb: 'claims', neutral: 'says' },
    { sentence: 'Almasov insisted that the drills were defensive.', verb: 'insisted', neutral: 'said' },
    { sentence: 'Almasov admits the drills were costly.', verb: 'admits', neutral: 'says' },
    { sentence: 'Almasov conceded that the drills had overrun.', verb: 'conceded', neutral: 'said' },
  ];
  for (const testCase of cases) {
    void it(`${testCase.verb} → ${testCase.neutral}`, () => {
      const text = PREAMBLE + testCase.sentence;
      const finding = findingsOf(text, 'loaded-attribution-verb')[0];
      assert.ok(finding, 'a loaded-attribution-verb finding');
      assert.equal(finding.data?.verb?.text, testCase.verb);
      assert.equal(text.slice(finding.data?.verb?.start, finding.data?.verb?.end), testCase.verb);
      assert.equal(finding.data?.neutral, testCase.neutral);
    });
  }

  void it('points to the named mention a pronoun resolved to', () => {
    const text = PREAMBLE + 'He claimed that no neighbour had objected.';
    const finding = findingsOf(text, 'loaded-attribution-verb')[0];
    assert.ok(finding);
    const related = finding.related?.[0];
    assert.ok(related, 'a related span');
    assert.equal(text.slice(related.start, related.end), 'Viktor Almasov');
  });
});

void describe('pass 7: configuration', () => {
  const text = PREAMBLE + 'The air force flew more than 60 sorties last week.';
  const cases: Array<{ name: string; severity: Record<string, string>; expected: string | null }> = [
    { name: 'default', severity: {}, expected: 'warning' },
    { name: 'override to error', severity: { 'unattributed-figure': 'error' }, expected: 'error' },
    { name: 'override to hint', severity: { 'unattributed-figure': 'hint' }, expected: 'hint' },
    { name: 'off removes the findings', severity: { 'unattributed-figure': 'off' }, expected: null },
    { name: 'another code does not interfere', severity: { 'unattributed-claim': 'off' }, expected: 'warning' },
  ];
  for (const testCase of cases) {
    void it(`severity: ${testCase.name}`, () => {
      const findings = findingsOf(text, 'unattributed-figure', { severity: testCase.severity });
      if (testCase.expected === null) {
        assert.equal(findings.length, 0);
      } else {
        assert.ok(findings.length > 0);
        for (const finding of findings) assert.equal(finding.severity, testCase.expected);
      }
    });
  }

  void it('commonKnowledge phrases (any case) silence the claim', () => {
    const claimText = PREAMBLE + 'Varnstad is the largest city in the region.';
    assert.equal(findingsOf(claimText, 'unattributed-claim').length, 1);
    assert.equal(
      findingsOf(claimText, 'unattributed-claim', { commonKnowledge: ['LARGEST CITY in the region'] }).length,
      0,
    );
    assert.equal(findingsOf(claimText, 'unattributed-claim', { commonKnowledge: ['capital city'] }).length, 1);
  });

  void it('data.phrase is the claim without its final punctuation', () => {
    const claimText = PREAMBLE + 'Varnstad is the largest city in the region.';
    const finding = findingsOf(claimText, 'unattributed-claim')[0];
    assert.equal(finding?.data?.phrase, 'Varnstad is the largest city in the region');
  });
});

void describe('pass 7: candidates for the quick-fix', () => {
  const text =
    'Mayor Elena Castellano said the budget was balanced.\n\n' +
    'Councillor Raymond Ochoa said the parks would suffer.\n\n' +
    'The parks department loses about 40 seasonal jobs.\n\n' +
    'Library branches will stay open, at a cost of $1.2 million a year, Castellano said.\n\n' +
    'The city will hire 35 new bus drivers by the summer.';
  const analysis = analyse(text);
  const figureFinding = (piece: string): Finding => {
    const finding = analysis.findings.find(
      (candidate) =>
        candidate.code === 'unattributed-figure' && text.slice(candidate.start, candidate.end).includes(piece),
    );
    assert.ok(finding, `an unattributed-figure finding on "${piece}"`);
    return finding;
  };

  void it('lists quoted people nearest first', () => {
    const names = (figureFinding('40').data?.candidates ?? []).map((candidate) => candidate.name);
    assert.deepEqual(names.slice(0, 2), ['Raymond Ochoa', 'Elena Castellano']);
    const later = (figureFinding('35').data?.candidates ?? []).map((candidate) => candidate.name);
    assert.deepEqual(later.slice(0, 2), ['Elena Castellano', 'Raymond Ochoa']);
  });

  void it('gives each candidate its kind and nearest mention', () => {
    const [first] = figureFinding('40').data?.candidates ?? [];
    assert.ok(first);
    assert.equal(first.kind, 'person');
    assert.ok(
      text.slice(first.nearestMention).startsWith('Raymond Ochoa') ||
        text.slice(first.nearestMention).startsWith('Ochoa'),
    );
  });

  // Eleven people, each quoted once, then unattributed figures at the top, the middle and the end.
  const SPEAKERS = [
    'Elena Castellano',
    'Raymond Ochoa',
    'Priya Natarajan',
    'Tomasz Wielgosz',
    'Amara Okafor',
    'Lucas Brennan',
    'Ingrid Solberg',
    'Marco Ferraro',
    'Hana Kobayashi',
    'Daniel Mercer',
    'Sofia Lindqvist',
  ];
  const crowdText = [
    'The port handled 90 container ships in March.',
    ...SPEAKERS.slice(0, 6).map((name) => `${name} said the harbour needed more cranes.`),
    'The authority hired 25 dock workers in April.',
    ...SPEAKERS.slice(6).map((name) => `${name} said the harbour needed more cranes.`),
    'The terminal will add 12 berths by the autumn.',
  ].join('\n\n');
  const crowd = analyse(crowdText);
  const crowdFinding = (piece: string): Finding => {
    const finding = crowd.findings.find(
      (candidate) =>
        candidate.code === 'unattributed-figure' && crowdText.slice(candidate.start, candidate.end).includes(piece),
    );
    assert.ok(finding, `an unattributed-figure finding on "${piece}"`);
    return finding;
  };

  for (const piece of ['90', '25', '12']) {
    void it(`with many sources, offers the eight nearest, nearest first (figure ${piece})`, () => {
      const finding = crowdFinding(piece);
      const candidates = finding.data?.candidates ?? [];
      assert.equal(candidates.length, 8);
      assert.equal(new Set(candidates.map((candidate) => candidate.name)).size, 8);
      const distances = candidates.map((candidate) => Math.abs(candidate.nearestMention - finding.start));
      assert.deepEqual(
        distances,
        [...distances].sort((left, right) => left - right),
      );
      // Every source left out is at least as far away as the farthest one offered.
      const offered = new Set(candidates.map((candidate) => candidate.name));
      const farthest = Math.max(...distances);
      for (const name of SPEAKERS.filter((speaker) => !offered.has(speaker))) {
        assert.ok(Math.abs(crowdText.indexOf(name) - finding.start) >= farthest, `${name} is farther than ${farthest}`);
      }
    });
  }

  void it('with few sources, offers every one, however far', () => {
    const fewText = [
      'Elena Castellano said the budget was balanced.',
      ...Array.from({ length: 30 }, (_, index) => `Raymond Ochoa said the parks would suffer, part ${index + 1}.`),
      'The city will hire 35 new bus drivers by the summer.',
    ].join('\n\n');
    const few = analyse(fewText);
    const finding = few.findings.find((candidate) => candidate.code === 'unattributed-figure');
    assert.deepEqual(
      (finding?.data?.candidates ?? []).map((candidate) => candidate.name),
      ['Raymond Ochoa', 'Elena Castellano'],
    );
  });

  void it('offers no candidates when nobody is quoted', () => {
    const finding = findingsOf('The parks department loses about 40 seasonal jobs.', 'unattributed-figure')[0];
    assert.deepEqual(finding?.data?.candidates, []);
  });
});

void describe('pass 7: insertAt and terminator give grammatical text', () => {
  const cases: Array<{ name: string; sentence: string; code: FindingCode; insert: string; expected: string }> = [
    {
      name: 'full stop',
      sentence: 'The air force flew more than 60 sorties last week.',
      code: 'unattributed-figure',
      insert: ', Almasov said',
      expected: 'The air force flew more than 60 sorties last week, Almasov said.',
    },
    {
      name: 'question mark',
      sentence: 'Will the navy send 12 ships next week?',
      code: 'unattributed-figure',
      insert: ', Almasov asked',
      expected: 'Will the navy send 12 ships next week, Almasov asked?',
    },
    {
      name: 'claim with "according to"',
      sentence: 'It was the largest exercise the region has ever seen.',
      code: 'unattributed-claim',
      insert: ', according to Almasov',
      expected: 'It was the largest exercise the region has ever seen, according to Almasov.',
    },
    {
      name: 'quote with no speaker: after the closing mark',
      sentence: '"We are still open for dialogue with everyone."',
      code: 'quote-without-source',
      insert: ' Almasov said.',
      expected: '"We are still open for dialogue with everyone." Almasov said.',
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const text = PREAMBLE + testCase.sentence;
      const finding = findingsOf(text, testCase.code)[0];
      assert.ok(finding, `a ${testCase.code} finding`);
      const { insertAt, terminator, sentence } = finding.data ?? {};
      assert.ok(insertAt !== undefined && terminator !== undefined && sentence !== undefined);
      assert.equal(sentence.text, testCase.sentence);
      assert.equal(text.slice(insertAt, insertAt + terminator.length), terminator);
      const fixed = text.slice(0, insertAt) + testCase.insert + text.slice(insertAt);
      assert.equal(fixed.slice(PREAMBLE.length), testCase.expected);
    });
  }
});

void describe('pass 7: order', () => {
  void it('findings are sorted by start', () => {
    const text =
      PREAMBLE +
      '"We are still open for dialogue with everyone."\n\n' +
      'The drills cost 30 million crowns, a senior defence official said.\n\n' +
      'Almasov claimed that 600 aircraft took part. The navy sent 12 ships.';
    const starts = analyse(text).findings.map((finding) => finding.start);
    assert.ok(starts.length >= 4, `several findings, got ${starts.length}`);
    assert.deepEqual(
      starts,
      [...starts].sort((left, right) => left - right),
    );
  });
});
