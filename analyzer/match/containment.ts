/** Above this many table cells the comparison is skipped and answered with the conservative "false". */
const MAX_CELLS = 16_000_000;

/**
 * Whether every string matched by pattern `specific` is matched by pattern `general` (`*` any run, `?` one
 * character). Decided by dynamic programming over the two token sequences: a `*` of `general` may absorb
 * any tokens of `specific`, a `?` of `general` one character or `?`, a literal only the same literal.
 * The table is filled row by row from the ends (no recursion, two rows of memory), so long patterns cost
 * time, never stack. The answer "true" is always right; a rare "false" may be conservative, and so is the
 * answer for patterns whose table would exceed MAX_CELLS.
 */
export function patternCovers(general: string, specific: string): boolean {
  if (general === '*') return true;
  const g = [...general];
  const s = [...specific];
  if ((g.length + 1) * (s.length + 1) > MAX_CELLS) return false;
  // below[j]: does g[i+1..] cover s[j..]?  row[j]: does g[i..] cover s[j..]?
  let below = new Uint8Array(s.length + 1);
  let row = new Uint8Array(s.length + 1);
  below[s.length] = 1;
  for (let i = g.length - 1; i >= 0; i--) {
    const token = g[i];
    for (let j = s.length; j >= 0; j--) {
      if (token === '*') row[j] = below[j] || (j < s.length && row[j + 1]) ? 1 : 0;
      else if (j === s.length || s[j] === '*') row[j] = 0;
      else if (token === '?') row[j] = below[j + 1];
      else row[j] = s[j] !== '?' && token === s[j] ? below[j + 1] : 0;
    }
    [below, row] = [row, below];
  }
  return below[0] === 1;
}
