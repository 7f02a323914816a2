import type { Span } from './tree';
import type { Resolved } from './value';

/** A piece of the emitted JSON and where it came from in the original file. */
export interface Segment {
  /** [start, end) in the emitted text. */
  emitted: Span;
  original: Span;
  /** A string written as is in the file: positions inside it map character by character. */
  verbatim?: string;
}

export interface EmittedDocument {
  text: string;
  segments: Segment[];
}

/**
 * Writes a resolved policy document as the JSON AWS would receive (two-space indentation), recording
 * for every key and value the span of the file it came from. Unknown values must be removed first.
 */
export function emitJson(value: Resolved): EmittedDocument {
  let text = '';
  const segments: Segment[] = [];
  // One item per line, indented two more spaces than the brackets.
  const bracketed = <T>(open: string, close: string, items: readonly T[], indent: string, writeItem: (item: T, inner: string) => void) => {
    if (items.length === 0) {
      text += open + close;
      return;
    }
    text += open;
    items.forEach((item, i) => {
      text += `${i ? ',' : ''}\n${indent}  `;
      writeItem(item, `${indent}  `);
    });
    text += `\n${indent}${close}`;
  };
  const write = (node: Resolved, indent: string): void => {
    const start = text.length;
    switch (node.type) {
      case 'string':
      case 'literal':
        text += JSON.stringify(node.value);
        break;
      case 'unknown':
        throw new Error('emitJson: unknown values must be removed before emitting');
      case 'array':
        bracketed('[', ']', node.items, indent, (item, inner) => write(item, inner));
        break;
      case 'object':
        bracketed('{', '}', node.entries, indent, (e, inner) => {
          const keyStart = text.length;
          text += JSON.stringify(e.key);
          segments.push({ emitted: [keyStart, text.length], original: e.keySpan });
          text += ': ';
          write(e.value, inner);
        });
        break;
    }
    segments.push({ emitted: [start, text.length], original: node.span, ...(node.type === 'string' && node.verbatim ? { verbatim: node.value } : {}) });
  };
  write(value, '');
  return { text, segments };
}

/**
 * Where a range of the emitted text lies in the original file: the innermost emitted piece holding it;
 * inside a string written as is, character for character (when the string needs no JSON escapes and
 * can be found in the original text).
 */
export function mapToOriginal(emitted: EmittedDocument, original: string, offset: number, length: number): Span {
  let best: Segment | undefined;
  for (const segment of emitted.segments) {
    if (
      segment.emitted[0] <= offset &&
      offset + length <= segment.emitted[1] &&
      (!best || segment.emitted[1] - segment.emitted[0] < best.emitted[1] - best.emitted[0])
    )
      best = segment;
  }
  if (!best) return emitted.segments.length ? emitted.segments[emitted.segments.length - 1].original : [0, 0];
  const inner = best.verbatim !== undefined ? insideString(best, original, offset, length) : undefined;
  return inner ?? best.original;
}

function insideString(segment: Segment, original: string, offset: number, length: number): Span | undefined {
  const value = segment.verbatim!;
  if (JSON.stringify(value) !== `"${value}"`) return undefined;
  const from = offset - segment.emitted[0] - 1;
  if (from < 0 || from + length > value.length) return undefined;
  // The value as written: the quotes (if any) are around it in the original span.
  const at = original.slice(segment.original[0], segment.original[1]).indexOf(value);
  if (at === -1) return undefined;
  const start = segment.original[0] + at + from;
  return [start, start + length];
}

/**
 * Where a quick fix may replace a whole string value in the original file: only a string written as is
 * (JSON string, YAML plain or quoted scalar, HCL string without escapes), so that writing the fix's JSON
 * string there means the same in the file's own syntax. Undefined otherwise (the fix is not offered).
 */
export function replaceableSpan(emitted: EmittedDocument, original: string, offset: number, length: number, hcl = false): Span | undefined {
  const segment = emitted.segments.find((s) => s.verbatim !== undefined && s.emitted[0] === offset && s.emitted[1] === offset + length);
  if (!segment) return undefined;
  const value = segment.verbatim!;
  const written = original.slice(segment.original[0], segment.original[1]);
  if (hcl) return written === hclString(JSON.stringify(value)) ? segment.original : undefined;
  return written === JSON.stringify(value) || written === value || written === `'${value}'` ? segment.original : undefined;
}

/** A JSON string as an HCL quoted template: a literal `${` or `%{` is written `$${` / `%%{`. */
export function hclString(json: string): string {
  return json.replace(/([$%])\{/g, '$1$1{');
}
