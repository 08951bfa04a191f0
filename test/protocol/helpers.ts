// Shared helpers for the protocol tests: fixture text, positions of phrases, decoding of
// semantic tokens and the diagnostics a fresh `analyse()` expects for a text.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { analyse, type NewsClaimsConfig } from '../../server/src/analysis';
import { LineIndex } from '../../server/src/lineIndex';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../server/src/protocol';

export const FIXTURES = path.resolve(__dirname, '../fixtures/articles');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The position of the `occurrence`-th (0-based) appearance of `phrase`, plus `within` characters. */
export function positionOf(text: string, phrase: string, within = 0, occurrence = 0): Position {
  let offset = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    offset = text.indexOf(phrase, offset + 1);
    if (offset < 0) {
      throw new Error(`"${phrase}" (occurrence ${occurrence}) is not in the text`);
    }
  }
  return new LineIndex(text).positionAt(offset + within);
}

export function rangeOf(text: string, phrase: string, occurrence = 0): Range {
  const start = positionOf(text, phrase, 0, occurrence);
  return { start, end: positionOf(text, phrase, phrase.length, occurrence) };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

export function decodeTokens(data: readonly number[]): DecodedToken[] {
  const tokens: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let index = 0; index + 4 < data.length; index += 5) {
    const [deltaLine = 0, deltaStart = 0, length = 0, type = 0, modifierBits = 0] = data.slice(index, index + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    tokens.push({
      line,
      character,
      length,
      type: SEMANTIC_TOKEN_TYPES[type] ?? `unknown(${type})`,
      modifiers: SEMANTIC_TOKEN_MODIFIERS.filter((_, bit) => (modifierBits & (1 << bit)) !== 0),
    });
  }
  return tokens;
}

/** Code and range of each finding a fresh analysis of `text` reports, in the server's terms. */
export function expectedDiagnostics(text: string, config: Partial<NewsClaimsConfig> = {}): string[] {
  const lineIndex = new LineIndex(text);
  return analyse(text, { config })
    .findings.map((finding) =>
      describeDiagnostic(finding.code, {
        start: lineIndex.positionAt(finding.start),
        end: lineIndex.positionAt(finding.end),
      }),
    )
    .sort();
}

export function describeDiagnostic(code: unknown, range: Range): string {
  return `${String(code)}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function describeAll(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => describeDiagnostic(diagnostic.code, diagnostic.range)).sort();
}

/** A deterministic pseudo-random generator (mulberry32), so a failing run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
