// Pass 3 merges its named entities with the dates by start, dropping overlaps (the longer entity
// wins, and on a tie the one listed first). `mergeWithoutOverlap` merges lists that are already in
// order instead of sorting everything; this holds it equal to the plain sort it replaced, for lists
// in order and out of order, with ties and overlaps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mergeWithoutOverlap } from '../../server/src/analysis/passes/03-entities';
import type { Entity } from '../../server/src/analysis/types';

/** The rule as it was written first: one stable sort of all the lists joined, then the sweep. */
function bySorting(lists: ReadonlyArray<readonly Entity[]>): Entity[] {
  const ordered = lists
    .flat()
    .map((entity, order) => ({ entity, order }))
    .sort(
      (left, right) =>
        left.entity.start - right.entity.start ||
        right.entity.end - right.entity.start - (left.entity.end - left.entity.start) ||
        left.order - right.order,
    );
  const kept: Entity[] = [];
  for (const { entity } of ordered) {
    const previous = kept[kept.length - 1];
    if (previous !== undefined && entity.start < previous.end) {
      if (entity.end - entity.start > previous.end - previous.start) kept[kept.length - 1] = entity;
      continue;
    }
    kept.push(entity);
  }
  return kept;
}

function entity(start: number, end: number, text: string): Entity {
  return { start, end, text, kind: 'place', reason: `test.${text}`, canonical: text };
}

/** Entities with small offsets, so that ties and overlaps are common. */
const entityArbitrary = fc
  .tuple(fc.nat(30), fc.integer({ min: 1, max: 6 }), fc.string({ maxLength: 3 }))
  .map(([start, length, text]) => entity(start, start + length, text));

/** A list as pass 3 hands it over: usually in order, sometimes not. */
const listArbitrary = fc
  .tuple(fc.array(entityArbitrary, { maxLength: 12 }), fc.boolean())
  .map(([entities, ordered]) =>
    ordered ? [...entities].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start)) : entities,
  );

void describe('mergeWithoutOverlap', () => {
  void it('keeps what one stable sort of the joined lists kept (property)', () => {
    fc.assert(
      fc.property(fc.array(listArbitrary, { maxLength: 4 }), (lists) => {
        assert.deepStrictEqual(mergeWithoutOverlap(...lists), bySorting(lists));
      }),
      { numRuns: 500 },
    );
  });

  void it('lets the longer entity win an overlap and the earlier list win a tie (table)', () => {
    const may = entity(0, 3, 'May');
    const mayFifth = entity(0, 5, 'May 5');
    const tieFromNames = entity(10, 14, 'Oslo');
    const tieFromDates = entity(10, 14, 'date');
    const cases: Array<[string, Entity[][], Entity[]]> = [
      ['the longer date over a name', [[may], [mayFifth]], [mayFifth]],
      ['a tie goes to the earlier list', [[tieFromNames], [tieFromDates]], [tieFromNames]],
      ['a list out of order is put in order', [[tieFromNames, may]], [may, tieFromNames]],
      ['no lists', [], []],
    ];
    for (const [label, lists, expected] of cases) {
      assert.deepStrictEqual(mergeWithoutOverlap(...lists), expected, label);
    }
  });
});
