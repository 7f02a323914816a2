import type { Span } from '../tree';

/**
 * Tokens of HCL's native syntax, the subset Terraform configurations use for policies: identifiers,
 * numbers, quoted templates, heredocs, punctuation and operators, newlines (they end attributes), with
 * comments skipped. https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md
 */
export type Token =
  | { type: 'ident'; value: string; span: Span }
  | { type: 'number'; value: number; span: Span }
  | { type: 'string'; parts: TemplatePart[]; span: Span }
  | { type: 'heredoc'; parts: TemplatePart[]; span: Span }
  | { type: 'punct'; value: string; span: Span }
  | { type: 'newline'; span: Span }
  | { type: 'eof'; span: Span };

/** A piece of a template: literal text (escapes already applied) or an interpolation's source span. */
export type TemplatePart = { literal: string; span: Span } | { interpolation: Span } | { directive: Span };

export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const PUNCTUATION = [
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '=>',
  '...',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '=',
  ',',
  ':',
  '.',
  '?',
  '*',
  '+',
  '-',
  '/',
  '%',
  '<',
  '>',
  '!',
];

const IDENTIFIER_START = /[\p{L}_]/u;
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}\p{Mn}\p{Mc}_-]*/uy;

export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '\n') {
      tokens.push({ type: 'newline', span: [i, i + 1] });
      i++;
    } else if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
      while (i < end && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1 || close >= end) throw new HclSyntaxError('unterminated comment', i);
      i = close + 2;
    } else if (IDENTIFIER_START.test(ch)) {
      // Identifiers: Unicode letters, digits, `_` and `-` (HCL's ID_Start and ID_Continue), matched whole.
      const from = i;
      IDENTIFIER.lastIndex = i;
      IDENTIFIER.test(text);
      i = Math.min(end, IDENTIFIER.lastIndex);
      tokens.push({ type: 'ident', value: text.slice(from, i), span: [from, i] });
    } else if (/[0-9]/.test(ch)) {
      // Digits, a fraction only when a digit follows the dot (`x.0.y` is a legacy index), an exponent.
      const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, Math.min(end, i + 400)))!;
      tokens.push({ type: 'number', value: Number(match[0]), span: [i, i + match[0].length] });
      i += match[0].length;
    } else if (ch === '"') {
      const { parts, next } = readTemplate(text, i + 1, end, '"');
      tokens.push({ type: 'string', parts, span: [i, next] });
      i = next;
    } else if (ch === '<' && text[i + 1] === '<' && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const heredoc = readHeredoc(text, i, end);
      tokens.push(heredoc.token);
      i = heredoc.next;
    } else {
      const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
      if (!punct) throw new HclSyntaxError(`unexpected character "${ch}"`, i);
      tokens.push({ type: 'punct', value: punct, span: [i, i + punct.length] });
      i += punct.length;
    }
  }
  tokens.push({ type: 'eof', span: [end, end] });
  return tokens;
}

/** Templates nested in interpolations, at most (the parser's bound on nesting). */
const MAX_NESTING = 100;

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** The text between `start` and `end` as a template without quotes (a template file, a JSON string): its pieces. */
export function templateParts(text: string, start: number, end: number): TemplatePart[] {
  return readTemplate(text, start, end, undefined).parts;
}

/** A quoted template up to its closing quote; `$${` and `%%{` are the literal `${` and `%{`. */
function readTemplate(text: string, start: number, end: number, terminator: '"' | undefined, depth = 0): { parts: TemplatePart[]; next: number } {
  // Strings inside interpolations inside strings…: bounded, as the parser bounds nesting.
  if (depth > MAX_NESTING) throw new HclSyntaxError('nested too deeply', start);
  const parts: TemplatePart[] = [];
  let literal = '';
  let literalStart = start;
  let i = start;
  const flush = (at: number) => {
    if (literal) parts.push({ literal, span: [literalStart, at] });
    literal = '';
  };
  while (i < end) {
    const ch = text[i];
    if (terminator && ch === terminator) {
      flush(i);
      return { parts, next: i + 1 };
    }
    if (terminator && ch === '\n') throw new HclSyntaxError('unterminated string', start - 1);
    if (terminator && ch === '\\') {
      const next = text[i + 1];
      if (next === 'u' || next === 'U') {
        const length = next === 'u' ? 4 : 8;
        literal += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + length), 16));
        i += 2 + length;
      } else if (ESCAPES[next] !== undefined) {
        literal += ESCAPES[next];
        i += 2;
      } else throw new HclSyntaxError(`invalid escape "\\${next}"`, i);
    } else if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') {
      literal += `${ch}{`;
      i += 3;
    } else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      flush(i);
      const close = matchingBrace(text, i + 2, end, depth);
      parts.push(ch === '$' ? { interpolation: [i + 2, close] } : { directive: [i, close + 1] });
      i = close + 1;
      literalStart = i;
    } else {
      literal += ch;
      i++;
    }
  }
  if (terminator) throw new HclSyntaxError('unterminated string', start - 1);
  flush(end);
  return { parts, next: end };
}

/** The `}` closing an interpolation that starts at `start`, skipping nested braces and strings. */
function matchingBrace(text: string, start: number, end: number, nesting: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === '"') {
      i = readTemplate(text, i + 1, end, '"', nesting + 1).next - 1;
    } else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new HclSyntaxError('unterminated interpolation', start - 2);
}

/** `<<EOT` / `<<-EOT` … `EOT`: a template over whole lines (indentation stripped for `<<-`). */
function readHeredoc(text: string, start: number, end: number): { token: Token; next: number } {
  const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(text.slice(start, Math.min(end, start + 200)));
  if (!header) throw new HclSyntaxError('invalid heredoc', start);
  const bodyStart = start + header[0].length;
  const closing = new RegExp(`^[ \\t]*${header[2]}[ \\t]*$`, 'm');
  const rest = text.slice(bodyStart, end);
  const match = closing.exec(rest);
  if (!match) throw new HclSyntaxError(`heredoc without its closing ${header[2]}`, start);
  const bodyEnd = bodyStart + match.index;
  // Indentation that `<<-` strips is whitespace: it changes no JSON a policy heredoc holds.
  const { parts } = readTemplate(text, bodyStart, bodyEnd, undefined);
  return { token: { type: 'heredoc', parts, span: [start, bodyEnd + match[0].length] }, next: bodyEnd + match[0].length };
}
