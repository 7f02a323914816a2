/**
 * Whether every string matched by pattern `specific` is matched by pattern `general` (`*` any run, `?` one
 * character). Decided by dynamic programming over the two token sequences: a `*` of `general` may absorb
 * any tokens of `specific`, a `?` of `general` one character or `?`, a literal only the same literal.
 * The answer "true" is always right; a rare "false" may be conservative.
 */
export function patternCovers(general: string, specific: string): boolean {
  if (general === '*') return true;
  const g = [...general];
  const s = [...specific];
  const memo = new Map<number, boolean>();
  const covers = (i: number, j: number): boolean => {
    const key = i * (s.length + 1) + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (i === g.length) result = j === s.length;
    else if (g[i] === '*') result = covers(i + 1, j) || (j < s.length && covers(i, j + 1));
    else if (j === s.length || s[j] === '*') result = false;
    else if (g[i] === '?') result = covers(i + 1, j + 1);
    else result = s[j] !== '?' && g[i] === s[j] && covers(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return covers(0, 0);
}
