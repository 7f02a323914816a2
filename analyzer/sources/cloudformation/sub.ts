/**
 * One piece of an `Fn::Sub` string: literal text with the index in the Sub string of each of its
 * characters, or a `${Name}` to substitute.
 */
export type SubPiece = { literal: string; at: number[]; name?: undefined } | { name: string; literal?: undefined };

/**
 * Splits an `Fn::Sub` string in one pass (a substituted value is never substituted again). `${!x}` is
 * the literal `${x}` — how a policy variable such as `${iot:ClientId}` is written inside Sub
 * (docs/iac-sources.md). An unclosed `${` is literal text.
 */
export function parseSub(text: string): SubPiece[] {
  const pieces: SubPiece[] = [];
  let literal = '';
  let at: number[] = [];
  const keep = (from: number, to: number) => {
    literal += text.slice(from, to);
    for (let i = from; i < to; i++) at.push(i);
  };
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    const close = open === -1 ? -1 : text.indexOf('}', open + 2);
    if (open === -1 || close === -1) {
      keep(i, text.length);
      break;
    }
    keep(i, open);
    if (text[open + 2] === '!') {
      keep(open, open + 2);
      keep(open + 3, close + 1);
    } else {
      if (literal) pieces.push({ literal, at });
      [literal, at] = ['', []];
      pieces.push({ name: text.slice(open + 2, close).trim() });
    }
    i = close + 1;
  }
  if (literal) pieces.push({ literal, at });
  return pieces;
}
