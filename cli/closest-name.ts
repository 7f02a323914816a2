/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours: "chekc" is one from "check"). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name a mistyped one most likely meant (at most two edits away, and closer than any other), or undefined. */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  const scored = known.map((name) => ({ name, edits: distance(typed.toLowerCase(), name) })).sort((x, y) => x.edits - y.edits);
  const [best, next] = scored;
  if (!best || best.edits > Math.min(2, Math.floor(best.name.length / 2))) return undefined;
  return next && next.edits === best.edits ? undefined : best.name;
}
