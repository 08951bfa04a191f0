// One server cache entry built from a text, for the tests of the modules that read the cache
// (code actions, diagnostics, semantic tokens) without starting a server. Each test states only
// what its case is about; everything else takes the defaults below.
import { DEFAULT_CONFIG } from '../server/src/analysis/config';
import type { Analysis } from '../server/src/analysis/types';
import { LineIndex } from '../server/src/lineIndex';
import { type CacheEntry, emptyAnalysis } from '../server/src/lsp/documents';
import { createPositionAdapter } from '../server/src/lsp/positions';

export type CacheEntryOverrides = Partial<Omit<CacheEntry, 'text' | 'analysis' | 'positions'>> & {
  /** Merged over an empty analysis of the text. */
  analysis?: Partial<Analysis>;
};

export function cacheEntryFor(text: string, overrides: CacheEntryOverrides = {}): CacheEntry {
  const { analysis, ...rest } = overrides;
  return {
    serial: 1,
    uri: 'file:///t.news',
    version: 1,
    status: 'ok',
    failure: null,
    sizeBytes: text.length,
    maxDocumentSize: 1e9,
    config: DEFAULT_CONFIG,
    derived: new Map(),
    ...rest,
    text,
    analysis: { ...emptyAnalysis(text.length), ...analysis },
    positions: createPositionAdapter(new LineIndex(text), text),
  };
}
