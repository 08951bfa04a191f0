// Table-driven tests of pass 6 (claims) through `analyse()`: what makes a sentence a claim, the
// headline rule, and when a claim counts as attributed. All sentences are invented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, type Claim } from '../../server/src/analysis/index';

const PREAMBLE = 'Colonel General Viktor Almasov briefed journalists on Friday.\n\n';

function claimContaining(text: string, piece: string): Claim {
  const analysis = analyse(text);
  const claim = analysis.claims.find((candidate) => candidate.text.includes(piece));
  assert.ok(claim, `a claim containing "${piece}"; claims: ${JSON.stringify(analysis.claims.map((c) => c.text))}`);
  return claim;
}

void describe('pass 6: which sentences are claims', () => {
  const cases: Array<{ name: string; text: string; piece: string; kind: Claim['kind'] | null }> = [
    {
      name: 'a figure',
      text: 'About 670 flights were logged by ground controllers.',
      piece: '670 flights',
      kind: 'figure',
    },
    {
      name: 'a superlative',
      text: 'It was the largest exercise the region has seen.',
      piece: 'largest',
      kind: 'comparison',
    },
    {
      name: 'a superlative the hint scan must not skip: "worst"',
      text: 'It was the worst storm in living memory.',
      piece: 'worst storm',
      kind: 'comparison',
    },
    {
      name: 'a superlative the hint scan must not skip: "least"',
      text: 'The northern district received the least rain.',
      piece: 'least rain',
      kind: 'comparison',
    },
    {
      name: '"at least" is an approximator, not a comparison',
      text: 'The ferry will stay in port until at least Thursday.',
      piece: 'ferry',
      kind: null,
    },
    {
      name: 'a superlative in capitals, as headlines and shouted quotes write it',
      text: 'The ferry crossing was the MOST dangerous leg of the journey.',
      piece: 'MOST dangerous',
      kind: 'comparison',
    },
    {
      name: 'a "first-ever" claim',
      text: 'The museum opened a first-ever exhibition of river maps.',
      piece: 'first-ever exhibition',
      kind: 'comparison',
    },
    {
      name: 'a comparison with "than"',
      text: 'The harvest was worse than the farmers had feared.',
      piece: 'worse than',
      kind: 'comparison',
    },
    {
      name: 'a statement about a named organisation',
      text: 'The Harborton City Council approved the plan after a long debate.',
      piece: 'approved the plan',
      kind: 'statement',
    },
    {
      name: 'no figure, comparison or name: not a claim',
      text: 'The weather stayed calm all afternoon.',
      piece: 'weather',
      kind: null,
    },
    {
      name: 'a dateline alone is not a claim',
      text: 'VARNSTAD, October 9.\n\nThe Harborton City Council approved the plan.',
      piece: 'VARNSTAD',
      kind: null,
    },
    {
      name: 'a headline without a figure is not a claim',
      text: 'Varnstad holds autumn air drills\n\nThe drills began on Monday and will last a week.',
      piece: 'autumn air drills',
      kind: null,
    },
    {
      name: 'a headline with a figure is a claim',
      text: 'Air force flies 60 sorties in three days\n\nThe drills began on Monday.',
      piece: '60 sorties',
      kind: 'figure',
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const analysis = analyse(testCase.text);
      const claim = analysis.claims.find((candidate) => candidate.text.includes(testCase.piece));
      if (testCase.kind === null) {
        assert.equal(claim, undefined, `no claim expected, got ${JSON.stringify(claim)}`);
        return;
      }
      assert.ok(claim, `a claim containing "${testCase.piece}"`);
      assert.equal(claim.kind, testCase.kind);
      assert.equal(claim.text, testCase.text.slice(claim.start, claim.end));
      assert.ok(claim.reason.startsWith(`claim.${testCase.kind}`), claim.reason);
    });
  }

  void it('lists the indexes of the figures inside the claim', () => {
    const text = 'The council approved a $412 million budget and cut 40 seasonal jobs.';
    const analysis = analyse(text);
    const claim = analysis.claims[0];
    assert.ok(claim);
    assert.ok(claim.figures.length >= 2, `two figures, got ${claim.figures.length}`);
    for (const index of claim.figures) {
      const entity = analysis.entities[index];
      assert.equal(entity?.kind, 'figure');
      assert.ok(entity && entity.start >= claim.start && entity.end <= claim.end);
    }
  });
});

void describe('pass 6: attributed or not', () => {
  const cases: Array<{ name: string; text: string; piece: string; attributed: boolean }> = [
    {
      name: 'unattributed figure',
      text: PREAMBLE + 'The air force flew more than 60 sorties over 50 ranges.',
      piece: '60 sorties',
      attributed: false,
    },
    {
      name: 'attribution cue in the sentence',
      text: PREAMBLE + 'The air force flew more than 60 sorties, Almasov said.',
      piece: '60 sorties',
      attributed: true,
    },
    {
      name: 'reported clause after "said"',
      text: PREAMBLE + 'Almasov said the air force flew more than 60 sorties.',
      piece: '60 sorties',
      attributed: true,
    },
    {
      name: 'a quote paragraph that inherits its attribution',
      text:
        PREAMBLE +
        '"We flew day and night," Almasov said. "We flew 394 sorties last week.\n\n' +
        '"The crews logged 670 flights since September."',
      piece: '670 flights',
      attributed: true,
    },
    {
      name: 'an attribution with no source does not count',
      text: 'It was reported that the company would cut 300 jobs.',
      piece: '300 jobs',
      attributed: false,
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const analysis = analyse(testCase.text);
      const claim = analysis.claims.find((candidate) => candidate.text.includes(testCase.piece));
      assert.ok(claim, `a claim containing "${testCase.piece}"`);
      assert.equal(claim.attributed, testCase.attributed, claim.reason);
      if (testCase.attributed) {
        const attribution = analysis.attributions[claim.attribution ?? -1];
        assert.ok(attribution, 'attribution index points into attributions');
        assert.notEqual(attribution.source, null);
      } else {
        assert.equal(claim.attribution, null);
      }
    });
  }

  void it('keeps claims in document order', () => {
    const claim = claimContaining(PREAMBLE + 'The air force flew 60 sorties. The navy sent 12 ships.', '12 ships');
    assert.equal(claim.kind, 'figure');
    const analysis = analyse(PREAMBLE + 'The air force flew 60 sorties. The navy sent 12 ships.');
    const starts = analysis.claims.map((candidate) => candidate.start);
    assert.deepEqual(
      starts,
      [...starts].sort((left, right) => left - right),
    );
  });
});
