/** One piece of an `Fn::Sub` string: literal text, or a `${Name}` to substitute. */
export type SubPiece = { literal: string; name?: undefined } | { name: string; literal?: undefined };

/**
 * Splits an `Fn::Sub` string in one pass (a substituted value is never substituted again). `${!x}` is
 * the literal `${x}` — how a policy variable such as `${iot:ClientId}` is written inside Sub
 * (docs/iac-sources.md). An unclosed `${` is literal text.
 */
export function parseSub(text: string): SubPiece[] {
  const pieces: SubPiece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    const close = open === -1 ? -1 : text.indexOf('}', open + 2);
    if (open === -1 || close === -1) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, open);
    if (text[open + 2] === '!') literal += `\${${text.slice(open + 3, close)}}`;
    else {
      if (literal) pieces.push({ literal });
      literal = '';
      pieces.push({ name: text.slice(open + 2, close).trim() });
    }
    i = close + 1;
  }
  if (literal) pieces.push({ literal });
  return pieces;
}
