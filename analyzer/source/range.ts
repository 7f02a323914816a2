/** A position in a source file: 1-based line and column (UTF-16 code units, as editors and SARIF count). */
export interface Position {
  line: number;
  column: number;
}

/** Where something stands in a file. Offsets are kept too, so editors can convert without re-counting lines. */
export interface SourceRange {
  file: string;
  start: Position;
  end: Position;
  offset: number;
  length: number;
}

/** Converts offsets to line/column for one text; line starts are found on the first lookup, O(log lines) per lookup. */
export class LineIndex {
  private lineStarts: number[] | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Offsets where lines start; most parsed texts never need them, since ranges are resolved only when shown. */
  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const { text } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) starts.push(i + 1);
      else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return (this.lineStarts = starts);
  }

  position(offset: number): Position {
    const lineStarts = this.starts();
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  }

  range(offset: number, length: number): SourceRange {
    const clampedOffset = Math.max(0, Math.min(offset, this.text.length));
    const clampedLength = Math.max(0, Math.min(length, this.text.length - clampedOffset));
    return new TextRange(this, clampedOffset, clampedLength);
  }
}

/**
 * A range kept as offsets into its file, line and column worked out when read: a parsed policy holds a
 * range for every element, and most are never shown. Serializes (JSON) as the plain SourceRange.
 */
class TextRange implements SourceRange {
  constructor(
    private readonly lines: LineIndex,
    readonly offset: number,
    readonly length: number,
  ) {}

  get file(): string {
    return this.lines.file;
  }

  get start(): Position {
    return this.lines.position(this.offset);
  }

  get end(): Position {
    return this.lines.position(this.offset + this.length);
  }

  toJSON(): SourceRange {
    return { file: this.file, start: this.start, end: this.end, offset: this.offset, length: this.length };
  }
}

/**
 * The range as a plain value, for what outlives the parse (findings): it no longer holds the file's text,
 * so a report over thousands of files does not keep every text it read.
 */
export function settledRange(range: SourceRange): SourceRange {
  return range instanceof TextRange ? range.toJSON() : range;
}

export function formatLocation(range: SourceRange): string {
  return `${range.file}:${range.start.line}:${range.start.column}`;
}
