// Snapshot tests: the JSON contract for every fixture article is compared with a committed
// snapshot in test/unit/__snapshots__/<article>.json, so that any change in what the analysis
// finds shows up as a reviewable diff. The idea follows harper's snapshot tests.
//
//   UPDATE_SNAPSHOTS=1 npm run test:unit    rewrites the snapshots (then review `git diff`)
//
// A missing snapshot fails unless UPDATE_SNAPSHOTS=1 is set. Each fixture is also checked for
// structural invariants that must hold whatever the analysis finds.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/analysis/index';
import { readArticle } from '../../server/src/cli/files';
import { type JsonFile, toJsonFile } from '../../server/src/report/json';

const fixturesDirectory = join(import.meta.dirname, '../fixtures/articles');
const snapshotsDirectory = join(import.meta.dirname, '__snapshots__');
const updating = process.env['UPDATE_SNAPSHOTS'] === '1';

const fixtureNames = readdirSync(fixturesDirectory)
  .filter((name) => /\.(txt|md|news|article)$/.test(name))
  .sort();

function analyseFixture(name: string): { text: string; file: JsonFile } {
  const read = readArticle(join(fixturesDirectory, name));
  if (!read.ok) {
    throw new Error(`test/fixtures/articles/${name}: ${read.message}`);
  }
  // The path is relative and fixed so that snapshots do not depend on where the repository lives.
  return { text: read.text, file: toJsonFile(`test/fixtures/articles/${name}`, analyse(read.text)) };
}

function assertSpan(text: string, span: { start: number; end: number; text: string }, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets`);
  assert.ok(
    0 <= span.start && span.start <= span.end && span.end <= text.length,
    `${what}: [${span.start}, ${span.end}) inside the text`,
  );
  assert.equal(span.text, text.slice(span.start, span.end), `${what}: text equals the slice it claims to cover`);
}

function assertSortedByStart(items: ReadonlyArray<{ start: number }>, what: string): void {
  for (let index = 1; index < items.length; index++) {
    assert.ok((items[index - 1]?.start ?? 0) <= (items[index]?.start ?? 0), `${what} sorted by start at ${index}`);
  }
}

void describe('fixture snapshots', () => {
  void it('has at least ten fixture articles', () => {
    assert.ok(fixtureNames.length >= 10, `found ${fixtureNames.length}`);
  });

  for (const name of fixtureNames) {
    void it(`${name} matches its snapshot`, () => {
      const { file } = analyseFixture(name);
      const snapshotPath = join(snapshotsDirectory, `${name}.json`);
      const actual = `${JSON.stringify(file, null, 2)}\n`;
      if (updating) {
        mkdirSync(snapshotsDirectory, { recursive: true });
        writeFileSync(snapshotPath, actual);
        return;
      }
      assert.ok(
        existsSync(snapshotPath),
        `no snapshot for ${name}: run UPDATE_SNAPSHOTS=1 npm run test:unit, review test/unit/__snapshots__/${name}.json and commit it`,
      );
      const expected = JSON.parse(readFileSync(snapshotPath, 'utf8')) as JsonFile;
      // Compared as JSON, because the snapshot is the JSON the CLI prints (undefined keys vanish).
      assert.deepEqual(
        JSON.parse(actual),
        expected,
        `${name} differs from its snapshot; if the change is intended, run UPDATE_SNAPSHOTS=1 npm run test:unit and review the diff`,
      );
    });

    void it(`${name} keeps the structural invariants`, () => {
      const { text, file } = analyseFixture(name);
      file.entities.forEach((entity, index) => assertSpan(text, entity, `entity ${index}`));
      file.claims.forEach((claim, index) => {
        assertSpan(text, claim, `claim ${index}`);
        if (claim.attribution !== null) {
          assert.ok(
            claim.attribution >= 0 && claim.attribution < file.attributions.length,
            `claim ${index}: attribution index`,
          );
        }
        for (const figure of claim.figures) {
          assert.equal(file.entities[figure]?.kind, 'figure', `claim ${index}: figure index ${figure}`);
          const entity = file.entities[figure];
          assert.ok(
            entity && claim.start <= entity.start && entity.end <= claim.end,
            `claim ${index}: figure inside it`,
          );
        }
        if (claim.attribution !== null) {
          assert.equal(claim.attributed, true, `claim ${index}: has an attribution, so it is attributed`);
        }
      });
      file.attributions.forEach((attribution, index) => {
        assertSpan(text, attribution.cue, `attribution ${index} cue`);
        assertSpan(text, attribution.content, `attribution ${index} content`);
        if (attribution.source !== null) {
          assertSpan(text, attribution.source, `attribution ${index} source`);
        }
      });
      file.diagnostics.forEach((diagnostic, index) => {
        assert.ok(
          0 <= diagnostic.start && diagnostic.start <= diagnostic.end && diagnostic.end <= text.length,
          `diagnostic ${index} inside the text`,
        );
        assert.ok(diagnostic.message.trim().length > 0, `diagnostic ${index} has a message`);
      });
      assertSortedByStart(file.entities, 'entities');
      assertSortedByStart(file.claims, 'claims');
      assertSortedByStart(file.diagnostics, 'diagnostics');
    });
  }

  void it('has no snapshot left over from a fixture that no longer exists', () => {
    if (!existsSync(snapshotsDirectory)) {
      return;
    }
    const expected = new Set(fixtureNames.map((name) => `${name}.json`));
    const stale = readdirSync(snapshotsDirectory).filter((name) => !expected.has(name));
    if (updating) {
      for (const name of stale) unlinkSync(join(snapshotsDirectory, name));
      return;
    }
    assert.deepEqual(stale, [], 'stale snapshots: run UPDATE_SNAPSHOTS=1 npm run test:unit to remove them');
  });
});
