// Table-driven tests of `.newsclaims.json` parsing and validation: every key, every class of
// error, and the promise that a bad key costs only that key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  CONFIG_KEYS,
  type ConfigProblem,
  defaultConfig,
  DEFAULT_CONFIG,
  formatConfigProblem,
  mergeConfig,
  type NewsClaimsConfig,
  parseConfig,
  validateSettings,
} from '../../server/src/analysis/config';
import { FINDING_CODES } from '../../server/src/analysis/types';

const FILE = '.newsclaims.json';

void describe('parseConfig: valid files', () => {
  const cases: Array<{ name: string; text: string; expected: Partial<NewsClaimsConfig> }> = [
    { name: 'empty object', text: '{}', expected: {} },
    { name: 'empty file counts as no settings', text: '   ', expected: {} },
    { name: 'a file of comments counts as no settings', text: '// nothing yet\n', expected: {} },
    {
      name: 'severity for every code',
      text: JSON.stringify({ severity: Object.fromEntries(FINDING_CODES.map((code) => [code, 'hint'])) }),
      expected: { severity: Object.fromEntries(FINDING_CODES.map((code) => [code, 'hint'])) },
    },
    {
      name: 'every severity setting',
      text: '{"severity":{"unattributed-figure":"error","unattributed-claim":"warning","anonymous-source":"information","name-variant":"hint","unclosed-quote":"off"}}',
      expected: {
        severity: {
          'unattributed-figure': 'error',
          'unattributed-claim': 'warning',
          'anonymous-source': 'information',
          'name-variant': 'hint',
          'unclosed-quote': 'off',
        },
      },
    },
    {
      name: 'people',
      text: '{"people":["Elena Castellano"," Raymond Ochoa "]}',
      expected: { people: ['Elena Castellano', 'Raymond Ochoa'] },
    },
    {
      name: 'organizations',
      text: '{"organizations":["Harborton City Council"]}',
      expected: { organizations: ['Harborton City Council'] },
    },
    {
      name: 'aliases',
      text: '{"aliases":{"Northern Reserve Bank":["NRB","the bank"]}}',
      expected: { aliases: { 'Northern Reserve Bank': ['NRB', 'the bank'] } },
    },
    {
      name: 'commonKnowledge',
      text: '{"commonKnowledge":["water boils at 100 degrees"]}',
      expected: { commonKnowledge: ['water boils at 100 degrees'] },
    },
    { name: 'articleDate', text: '{"articleDate":"2026-02-28"}', expected: { articleDate: '2026-02-28' } },
    { name: 'articleDate leap day', text: '{"articleDate":"2024-02-29"}', expected: { articleDate: '2024-02-29' } },
    { name: 'articleDate null', text: '{"articleDate":null}', expected: { articleDate: null } },
    {
      name: 'clusters',
      text: '{"clusters":{"merge":[["Viktor Almasov","V. Almasov"]],"split":["Almasova"]}}',
      expected: { clusters: { merge: [['Viktor Almasov', 'V. Almasov']], split: ['Almasova'] } },
    },
    { name: '$schema is accepted and ignored', text: '{"$schema":"./schemas/newsclaims.schema.json"}', expected: {} },
    {
      name: 'line and block comments, trailing commas',
      text: '// why we changed it\n{\n  /* quieter */ "severity": {"name-variant": "off",},\n  "people": ["A B",],\n}\n',
      expected: { severity: { 'name-variant': 'off' }, people: ['A B'] },
    },
    { name: 'a byte order mark', text: '\ufeff{"people":["A B"]}', expected: { people: ['A B'] } },
    { name: 'duplicate list entries collapse', text: '{"people":["A B","A B"]}', expected: { people: ['A B'] } },
    {
      name: 'escapes in strings',
      text: '{"people":["Zo\\u00eb \\"Zed\\" Park"]}',
      expected: { people: ['Zoë "Zed" Park'] },
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const result = parseConfig(testCase.text, FILE);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.config, { ...defaultConfig(), ...testCase.expected });
    });
  }
});

void describe('parseConfig: problems name the file and the key, and the defaults apply for that key', () => {
  const cases: Array<{
    name: string;
    text: string;
    key: string;
    message: RegExp;
    /** What the valid parts of the same file still set. */
    expected?: Partial<NewsClaimsConfig>;
  }> = [
    {
      name: 'bad severity',
      text: '{"severity":{"unattributed-figure":"loud","name-variant":"off"},"people":["A B"]}',
      key: 'severity.unattributed-figure',
      message: /^expected one of error, warning, information, hint, off; got "loud"$/,
      expected: { severity: { 'name-variant': 'off' }, people: ['A B'] },
    },
    {
      name: 'severity of the wrong type',
      text: '{"severity":{"unclosed-quote":2}}',
      key: 'severity.unclosed-quote',
      message: /got number 2/,
    },
    {
      name: 'unknown finding code, with a suggestion',
      text: '{"severity":{"unatributed-figure":"error"}}',
      key: 'severity.unatributed-figure',
      message: /unknown finding code; expected one of unattributed-figure.*\(did you mean "unattributed-figure"\?\)/,
    },
    {
      name: 'severity not an object',
      text: '{"severity":"error"}',
      key: 'severity',
      message: /expected an object.*got "error"/,
    },
    {
      name: 'unknown key, with a suggestion',
      text: '{"organisations":["X Corp"],"people":["A B"]}',
      key: 'organisations',
      message: /unknown key; expected one of severity, .*\(did you mean "organizations"\?\)/,
      expected: { people: ['A B'] },
    },
    {
      name: 'unknown key without a near match',
      text: '{"plugins":["evil.js"]}',
      key: 'plugins',
      message: /^unknown key; expected one of [^(]*$/,
    },
    {
      name: 'people not an array',
      text: '{"people":"A B"}',
      key: 'people',
      message: /expected an array of strings; got "A B"/,
    },
    {
      name: 'one bad list entry keeps the others',
      text: '{"people":["A B",7,"C D"]}',
      key: 'people[1]',
      message: /expected a string; got number 7/,
      expected: { people: ['A B', 'C D'] },
    },
    { name: 'empty list entry', text: '{"organizations":["  "]}', key: 'organizations[0]', message: /non-empty/ },
    {
      name: 'commonKnowledge not an array',
      text: '{"commonKnowledge":{}}',
      key: 'commonKnowledge',
      message: /got an object/,
    },
    { name: 'aliases not an object', text: '{"aliases":["NRB"]}', key: 'aliases', message: /got an array/ },
    {
      name: 'alias list not an array',
      text: '{"aliases":{"Northern Reserve Bank":"NRB","Regional Trade Council":["RTC"]}}',
      key: 'aliases.Northern Reserve Bank',
      message: /expected an array of strings; got "NRB"/,
      expected: { aliases: { 'Regional Trade Council': ['RTC'] } },
    },
    {
      name: 'alias entry not a string',
      text: '{"aliases":{"X":[null]}}',
      key: 'aliases.X[0]',
      message: /got null/,
      expected: { aliases: { X: [] } },
    },
    {
      name: 'bad date format',
      text: '{"articleDate":"12/03/2026"}',
      key: 'articleDate',
      message: /expected a date as "YYYY-MM-DD"; got "12\/03\/2026"/,
    },
    {
      name: 'impossible date',
      text: '{"articleDate":"2026-02-30"}',
      key: 'articleDate',
      message: /no such calendar date/,
    },
    { name: 'month 13', text: '{"articleDate":"2026-13-01"}', key: 'articleDate', message: /no such calendar date/ },
    { name: 'date as a number', text: '{"articleDate":20260312}', key: 'articleDate', message: /got number 20260312/ },
    { name: '$schema not a string', text: '{"$schema":1}', key: '$schema', message: /expected a string/ },
    {
      name: 'duplicate key',
      text: '{"people":["A B"],"people":["C D"]}',
      key: 'people',
      message: /more than once/,
      expected: { people: ['C D'] },
    },
    {
      name: 'a merge group with one name',
      text: '{"clusters":{"merge":[["A B"],["C D","E F"]]}}',
      key: 'clusters.merge[0]',
      message: /at least two different names/,
      expected: { clusters: { merge: [['C D', 'E F']], split: [] } },
    },
    {
      name: 'unknown clusters key',
      text: '{"clusters":{"join":[]}}',
      key: 'clusters.join',
      message: /unknown key; expected merge or split/,
      expected: { clusters: { merge: [], split: [] } },
    },
    {
      name: 'top level not an object',
      text: '["severity"]',
      key: '',
      message: /expected an object at the top level; got an array/,
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const result = parseConfig(testCase.text, FILE);
      assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
      const problem = result.problems[0] as ConfigProblem;
      assert.equal(problem.file, FILE);
      assert.equal(problem.key, testCase.key);
      assert.match(problem.message, testCase.message);
      assert.deepEqual(result.config, { ...defaultConfig(), ...(testCase.expected ?? {}) });
    });
  }

  void it('formats a key problem as the issue shows it', () => {
    const result = parseConfig('{"severity":{"unattributed-figure":"loud"}}', FILE);
    assert.deepEqual(result.problems.map(formatConfigProblem), [
      '.newsclaims.json: "severity.unattributed-figure": expected one of error, warning, information, hint, off; got "loud"',
    ]);
  });

  void it('reports several problems in one file, one per bad key', () => {
    const result = parseConfig('{"severity":{"x":"error","name-variant":"loud"},"people":5,"colour":"red"}', FILE);
    assert.deepEqual(
      result.problems.map((problem) => problem.key),
      ['severity.x', 'severity.name-variant', 'people', 'colour'],
    );
  });

  void it('never lets a __proto__ key change a prototype', () => {
    const result = parseConfig('{"aliases":{"__proto__":["polluted"]},"__proto__":{"people":["x"]}}', FILE);
    assert.deepEqual(
      result.problems.map((problem) => problem.key),
      ['__proto__'],
    );
    assert.deepEqual(Object.getPrototypeOf(result.config.aliases), Object.prototype);
    assert.deepEqual(Object.keys(result.config.aliases), ['__proto__']);
    assert.equal(({} as Record<string, unknown>)['people'], undefined);
  });
});

void describe('parseConfig: syntax errors carry a line and column and leave the defaults', () => {
  const cases: Array<{ name: string; text: string; line: number; column: number; message: RegExp }> = [
    {
      name: 'missing comma',
      text: '{\n  "people": ["A"]\n  "organizations": []\n}',
      line: 3,
      column: 3,
      message: /expected ',' or '}'/,
    },
    { name: 'unquoted key', text: '{ people: [] }', line: 1, column: 3, message: /expected a key in double quotes/ },
    { name: 'truncated file', text: '{"people": ["A"', line: 1, column: 16, message: /unexpected end of file/ },
    { name: 'unterminated string', text: '{"people": ["A\n"]}', line: 1, column: 15, message: /unterminated string/ },
    { name: 'unclosed block comment', text: '{ /* note\n', line: 1, column: 3, message: /unclosed \/\* comment/ },
    { name: 'text after the value', text: '{}\n{}', line: 2, column: 1, message: /after the end/ },
    { name: 'single quotes', text: "{'people': []}", line: 1, column: 2, message: /expected a key in double quotes/ },
    { name: 'CRLF line counting', text: '{\r\n\r\n  "a" 1}', line: 3, column: 7, message: /expected ':'/ },
    { name: 'bad escape', text: '{"a\\q": 1}', line: 1, column: 4, message: /invalid escape/ },
    { name: 'deep nesting', text: '['.repeat(100) + ']'.repeat(100), line: 1, column: 66, message: /nesting deeper/ },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const result = parseConfig(testCase.text, 'team/.newsclaims.json');
      assert.equal(result.problems.length, 1);
      const problem = result.problems[0] as ConfigProblem;
      assert.equal(problem.file, 'team/.newsclaims.json');
      assert.equal(problem.key, '');
      assert.match(problem.message, testCase.message);
      assert.deepEqual([problem.line, problem.column], [testCase.line, testCase.column]);
      assert.match(
        formatConfigProblem(problem),
        new RegExp(`^team/\\.newsclaims\\.json:${testCase.line}:${testCase.column}: invalid JSON: `),
      );
      assert.deepEqual(result.config, defaultConfig());
    });
  }
});

void describe('validateSettings', () => {
  void it('validates an editor settings object with the same rules', () => {
    const result = validateSettings({ severity: { 'name-variant': 'quiet' }, people: ['A B'] }, 'settings: newsClaims');
    assert.deepEqual(result.problems, [
      {
        file: 'settings: newsClaims',
        key: 'severity.name-variant',
        message: 'expected one of error, warning, information, hint, off; got "quiet"',
      },
    ]);
    assert.deepEqual(result.config.people, ['A B']);
  });

  void it('treats undefined and null as no settings', () => {
    assert.deepEqual(validateSettings(undefined, 's'), { config: defaultConfig(), problems: [] });
    assert.deepEqual(validateSettings(null, 's'), { config: defaultConfig(), problems: [] });
  });

  void it('treats an empty articleDate from a settings UI as unset', () => {
    assert.deepEqual(validateSettings({ articleDate: '' }, 's'), { config: defaultConfig(), problems: [] });
  });

  void it('skips the keys the caller says are its own', () => {
    const result = validateSettings({ trace: { server: 'off' }, people: ['A B'] }, 's', { ignoreKeys: ['trace'] });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.config.people, ['A B']);
  });

  void it('never shares arrays with the defaults', () => {
    const result = validateSettings({}, 's');
    result.config.people.push('Mutated');
    assert.deepEqual(DEFAULT_CONFIG.people, []);
  });
});

void describe('mergeConfig', () => {
  const base: NewsClaimsConfig = {
    severity: { 'name-variant': 'hint', 'anonymous-source': 'warning' },
    people: ['A B'],
    organizations: ['Org One'],
    aliases: { 'Org One': ['O1'], 'Org Two': ['O2'] },
    commonKnowledge: ['fact one'],
    articleDate: '2026-01-01',
  };

  void it('lets the override win key by key and joins the lists', () => {
    const merged = mergeConfig(base, {
      severity: { 'anonymous-source': 'off' },
      people: ['A B', 'C D'],
      aliases: { 'Org Two': ['Two'] },
      commonKnowledge: ['fact two'],
      articleDate: '2026-03-12',
    });
    assert.deepEqual(merged, {
      severity: { 'name-variant': 'hint', 'anonymous-source': 'off' },
      people: ['A B', 'C D'],
      organizations: ['Org One'],
      aliases: { 'Org One': ['O1'], 'Org Two': ['Two'] },
      commonKnowledge: ['fact one', 'fact two'],
      articleDate: '2026-03-12',
    });
  });

  void it('keeps the base where the override says nothing, without sharing its arrays', () => {
    const merged = mergeConfig(base, {});
    assert.deepEqual(merged, base);
    merged.people.push('X');
    (merged.aliases['Org One'] as string[]).push('X');
    assert.deepEqual(base.people, ['A B']);
    assert.deepEqual(base.aliases['Org One'], ['O1']);
  });

  void it('keeps the base date when the override has none', () => {
    assert.equal(mergeConfig(base, { articleDate: null }).articleDate, '2026-01-01');
  });
});

void describe('the JSON schema matches the validator', () => {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../schemas/newsclaims.schema.json'), 'utf8'),
  ) as {
    properties: Record<string, { properties?: Record<string, { enum?: string[] }> }>;
    additionalProperties: boolean;
  };

  void it('lists every finding code with every severity setting', () => {
    const severity = schema.properties['severity']?.properties ?? {};
    assert.deepEqual(Object.keys(severity).sort(), [...FINDING_CODES].sort());
    for (const code of FINDING_CODES) {
      assert.deepEqual(severity[code]?.enum, ['error', 'warning', 'information', 'hint', 'off']);
    }
  });

  void it('tells VS Code that comments and trailing commas are allowed, as the parser accepts them', () => {
    const flags = schema as unknown as { allowComments?: boolean; allowTrailingCommas?: boolean };
    assert.equal(flags.allowComments, true);
    assert.equal(flags.allowTrailingCommas, true);
    assert.deepEqual(parseConfig('{ /* c */ "people": ["A B",], }', FILE).problems, []);
  });

  void it('lists exactly the keys the validator accepts', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), [...CONFIG_KEYS].sort());
    // Every required key of the configuration is in the schema; optional ones (clusters) are in CONFIG_KEYS.
    for (const key of Object.keys(defaultConfig())) {
      assert.ok(key in schema.properties, key);
    }
    assert.equal(schema.additionalProperties, false);
  });

  void it('validates the editor-test workspace configuration without problems', () => {
    const path = join(import.meta.dirname, '../fixtures/workspace/.newsclaims.json');
    assert.deepEqual(parseConfig(readFileSync(path, 'utf8'), path).problems, []);
  });
});
