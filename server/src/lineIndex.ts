// The one place where UTF-16 offsets become line/character positions and back. The analysis
// works in offsets only; the language server and the CLI convert here, so that every consumer
// agrees on how CRLF, CR and LF line ends and surrogate pairs are counted.

export interface LinePosition {
  /** Zero-based line. */
  line: number;
  /** Zero-based UTF-16 code-unit column, as LSP counts it. */
  character: number;
}

export class LineIndex {
  /** Offset at which each line starts; always begins with 0. */
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    this.lineStarts = lineStartsOf(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Converts an offset to a position; offsets outside the text are clamped to it. */
  positionAt(offset: number): LinePosition {
    return positionIn(this.lineStarts, this.text.length, offset);
  }

  /**
   * Converts a position to an offset. A character past the end of its line clamps to the line
   * end (before the line break), and a line past the end clamps to the end of the text, as the
   * LSP specification asks.
   */
  offsetAt(position: LinePosition): number {
    if (position.line < 0) {
      return 0;
    }
    if (position.line >= this.lineStarts.length) {
      return this.text.length;
    }
    const lineStart = this.lineStarts[position.line] ?? 0;
    const nextLineStart = this.lineStarts[position.line + 1] ?? this.text.length;
    let lineEnd = nextLineStart;
    if (position.line + 1 < this.lineStarts.length) {
      // Step back over the line break so that a column past the end lands before it.
      lineEnd = nextLineStart - 1;
      if (this.text.charCodeAt(lineEnd) === 10 && this.text.charCodeAt(lineEnd - 1) === 13) {
        lineEnd--;
      }
    }
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), lineEnd));
  }

  /** One-based line and column, as compilers print them (`file:line:col`). */
  humanPositionAt(offset: number): { line: number; column: number } {
    const position = this.positionAt(offset);
    return { line: position.line + 1, column: position.character + 1 };
  }
}

/**
 * Offsets to positions for a text that is no longer kept: only where each line starts, a few
 * bytes per line. The language server keeps one per indexed article that is not open, so that a
 * location in a closed file (related information, references) gets a real position without the
 * file being read again or its text held in memory.
 */
export class LineStarts {
  private constructor(
    private readonly starts: Uint32Array,
    /** The length of the text the table was built from, in UTF-16 code units. */
    readonly length: number,
  ) {}

  static of(text: string): LineStarts {
    return new LineStarts(Uint32Array.from(lineStartsOf(text)), text.length);
  }

  /** Converts an offset to a position exactly as `LineIndex.positionAt` does for the same text. */
  positionAt(offset: number): LinePosition {
    return positionIn(this.starts, this.length, offset);
  }
}

/** Offset at which each line starts, beginning with 0; CRLF, CR and LF each end a line. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // Most texts end lines with LF alone. indexOf skips from one line break to the next in native
    // code; the loop below reads every character, which took 6–14 ms per edit at 2 MB.
    for (let offset = text.indexOf('\n'); offset >= 0; offset = text.indexOf('\n', offset + 1)) {
      starts.push(offset + 1);
    }
    return starts;
  }
  for (let offset = 0; offset < text.length; offset++) {
    const code = text.charCodeAt(offset);
    if (code === 13 /* \r */) {
      // A CRLF pair is one line end; the line starts after the \n.
      if (text.charCodeAt(offset + 1) === 10) {
        offset++;
      }
      starts.push(offset + 1);
    } else if (code === 10 /* \n */) {
      starts.push(offset + 1);
    }
  }
  return starts;
}

function positionIn(lineStarts: ArrayLike<number>, length: number, offset: number): LinePosition {
  const clamped = Math.max(0, Math.min(offset, length));
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= clamped) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return { line: low, character: clamped - (lineStarts[low] ?? 0) };
}
