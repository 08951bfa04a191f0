// The server's one adapter between analysis offsets and LSP positions. It wraps `LineIndex`
// (the only converter in the project) so that every feature module asks the cached analysis
// entry for ranges instead of counting lines itself.
import type { Position, Range } from 'vscode-languageserver/node';
import { LineIndex, LineStarts } from '../lineIndex';
import type { Span } from '../analysis/types';

export interface PositionAdapter {
  rangeOf(span: Span): Range;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  /** Splits a span at line breaks, so that editors without multi-line tokens can colour it. */
  lineSegments(span: Span): Array<{ line: number; character: number; length: number }>;
}

export function createPositionAdapter(lineIndex: LineIndex, text: string): PositionAdapter {
  const positionAt = (offset: number): Position => lineIndex.positionAt(offset);
  return {
    positionAt,
    rangeOf: (span) => ({ start: positionAt(span.start), end: positionAt(span.end) }),
    offsetAt: (position) => lineIndex.offsetAt(position),
    lineSegments(span) {
      const segments: Array<{ line: number; character: number; length: number }> = [];
      const start = positionAt(span.start);
      const end = positionAt(span.end);
      if (start.line === end.line) {
        if (end.character > start.character) {
          segments.push({ line: start.line, character: start.character, length: end.character - start.character });
        }
        return segments;
      }
      for (let line = start.line; line <= end.line; line++) {
        const character = line === start.line ? start.character : 0;
        // The end of a line is the offset of its last character before the break; offsetAt
        // clamps a huge column to exactly that place.
        const lineEndOffset = line === end.line ? span.end : lineIndex.offsetAt({ line, character: text.length });
        const lineStartOffset = lineIndex.offsetAt({ line, character });
        const length = lineEndOffset - lineStartOffset;
        if (length > 0) {
          segments.push({ line, character, length });
        }
      }
      return segments;
    },
  };
}

/** Where a text ends, as a position: the range end that replaces a whole file (`.newsclaims.json`). */
export function endPositionOf(text: string): Position {
  return new LineIndex(text).positionAt(text.length);
}

/** The adapter for one document version; the cache builds it once per analysed version. */
export function positionAdapterFor(text: string): PositionAdapter {
  return createPositionAdapter(new LineIndex(text), text);
}

/** Ranges in an article whose text is not kept (a closed, indexed file): line starts only. */
export interface CompactPositions {
  rangeOf(span: Span): Range;
}

export function compactPositionsFor(text: string): CompactPositions {
  const lines = LineStarts.of(text);
  return { rangeOf: (span) => ({ start: lines.positionAt(span.start), end: lines.positionAt(span.end) }) };
}
