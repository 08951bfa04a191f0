// Checks the arguments that reach commands from outside the extension's own code: tree items
// and code actions carry plain JSON, and a command bound to a key can be run with anything. A
// malformed argument is reported, never trusted. Pure, so it is unit-tested.
import type { InsertAttributionSnippetArgs } from '../../server/src/protocol';

export interface PlainPosition {
  line: number;
  character: number;
}

export interface PlainRange {
  start: PlainPosition;
  end: PlainPosition;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function parsePosition(value: unknown): PlainPosition | null {
  if (!isRecord(value) || !isCount(value.line) || !isCount(value.character)) return null;
  return { line: value.line, character: value.character };
}

export function parseRange(value: unknown): PlainRange | null {
  if (!isRecord(value)) return null;
  const start = parsePosition(value.start);
  const end = parsePosition(value.end);
  if (!start || !end) return null;
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return null;
  return { start, end };
}

/** The arguments of `newsClaims.revealRange`: a document URI string and a range in it. */
export function parseRevealArgs(uri: unknown, range: unknown): { uri: string; range: PlainRange } | null {
  const parsedRange = parseRange(range);
  if (typeof uri !== 'string' || uri === '' || !parsedRange) return null;
  return { uri, range: parsedRange };
}

export function parseInsertSnippetArgs(value: unknown): InsertAttributionSnippetArgs | null {
  if (!isRecord(value)) return null;
  const position = parsePosition(value.position);
  if (typeof value.uri !== 'string' || value.uri === '' || !isCount(value.version) || !position) return null;
  if (typeof value.snippet !== 'string' || value.snippet === '') return null;
  return { uri: value.uri, version: value.version, position, snippet: value.snippet };
}
