// Findings to LSP diagnostics on hand-built analyses: severities and `off` from the configuration,
// code links, the quick-fix payload, related information, and the one diagnostic of a document
// that was too large or failed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, type NewsClaimsConfig } from '../../server/src/analysis/config';
import type { Finding } from '../../server/src/analysis';
import { toDiagnostics } from '../../server/src/lsp/diagnostics';
import type { CacheEntry } from '../../server/src/lsp/documents';
import { cacheEntryFor } from '../cacheEntry';

const TEXT = 'Exports fell 4 percent.\r\nLater, exports fell 5 percent, officials said.\n';

function entryFor(
  findings: Finding[],
  config: Partial<NewsClaimsConfig> = {},
  status: CacheEntry['status'] = 'ok',
): CacheEntry {
  return cacheEntryFor(TEXT, {
    version: 7,
    status,
    failure: status === 'failed' ? 'the analysis took longer than 10 ms and was stopped' : null,
    sizeBytes: 9_000_000,
    maxDocumentSize: 4 * 1024 * 1024,
    config: { ...DEFAULT_CONFIG, ...config },
    analysis: { findings },
  });
}

const FIRST = TEXT.indexOf('4 percent');
const SECOND = TEXT.indexOf('5 percent');
const MISMATCH: Finding = {
  code: 'figure-mismatch',
  severity: 'warning',
  message: 'Exports fell 4 percent here but 5 percent later.',
  reason: 'test',
  start: SECOND,
  end: SECOND + 9,
  data: { sentence: { start: 0, end: 23, text: 'Exports fell 4 percent.' } },
  related: [{ start: FIRST, end: FIRST + 9, message: 'The other figure' }],
};
const UNATTRIBUTED: Finding = {
  code: 'unattributed-figure',
  severity: 'warning',
  message: 'No source.',
  reason: 'test',
  start: FIRST,
  end: FIRST + 9,
};

void describe('findings to diagnostics', () => {
  void it('maps range, code, link, payload and related information', () => {
    const [diagnostic] = toDiagnostics(entryFor([MISMATCH]));
    assert.deepEqual(diagnostic, {
      range: { start: { line: 1, character: 20 }, end: { line: 1, character: 29 } },
      severity: 2,
      source: 'news-claims',
      code: 'figure-mismatch',
      codeDescription: { href: 'https://github.com/news-claims/news-claims#figure-mismatch' },
      message: MISMATCH.message,
      // The payload carries spans without their text: a quick-fix reads the text from the document.
      data: {
        version: 7,
        code: 'figure-mismatch',
        start: SECOND,
        end: SECOND + 9,
        finding: { sentence: { start: 0, end: 23 } },
      },
      relatedInformation: [
        {
          location: {
            uri: 'file:///t.news',
            range: { start: { line: 0, character: 13 }, end: { line: 0, character: 22 } },
          },
          message: 'The other figure',
        },
      ],
    });
  });

  const table: Array<[NewsClaimsConfig['severity'], number[]]> = [
    [{}, [2, 2]],
    [{ 'unattributed-figure': 'error' }, [2, 1]],
    [{ 'figure-mismatch': 'hint', 'unattributed-figure': 'information' }, [4, 3]],
    [{ 'unattributed-figure': 'off' }, [2]],
  ];
  for (const [severity, expected] of table) {
    void it(`applies the configured severities ${JSON.stringify(severity)}`, () => {
      const diagnostics = toDiagnostics(entryFor([MISMATCH, UNATTRIBUTED], { severity }));
      assert.deepEqual(
        diagnostics.map((d) => d.severity),
        expected,
      );
    });
  }

  void it('gives one diagnostic at the top for a document over the size limit', () => {
    const diagnostics = toDiagnostics(entryFor([MISMATCH], {}, 'too-large'));
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.code, 'document-too-large');
    assert.match(diagnostics[0]?.message ?? '', /8\.6 MB .* 4\.0 MB limit \(setting newsClaims\.maxDocumentSize\)/);
  });

  void it('gives one diagnostic at the top for a failed analysis, with the reason', () => {
    const diagnostics = toDiagnostics(entryFor([], {}, 'failed'));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start, d.message.includes('longer than 10 ms')]),
      [['analysis-failed', { line: 0, character: 0 }, true]],
    );
  });
});
