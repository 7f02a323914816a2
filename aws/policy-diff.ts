/** A line diff of two policy documents, both pretty-printed, for "the deployed version differs" prompts. */
export interface PolicyDiff {
  deployedVersionId: string;
  lines: Array<{ kind: 'same' | 'removed' | 'added'; text: string }>;
}

/** Pretty-printed JSON; a text that is not JSON (a document AWS would reject) stays as it is, so it can still be compared and shown. */
function normalizedPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Semantic equality: same JSON value, whatever the whitespace. */
export function samePolicy(a: string, b: string): boolean {
  return normalizedPolicy(a) === normalizedPolicy(b);
}

/** Longest-common-subsequence line diff; documents are at most a few hundred lines. */
export function diffPolicies(deployed: string, local: string, deployedVersionId: string): PolicyDiff {
  const a = normalizedPolicy(deployed).split('\n');
  const b = normalizedPolicy(local).split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const lines: PolicyDiff['lines'] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      lines.push({ kind: 'added', text: b[j++] });
    } else {
      lines.push({ kind: 'removed', text: a[i++] });
    }
  }
  return { deployedVersionId, lines };
}

export function formatDiff(diff: PolicyDiff): string {
  return diff.lines
    .filter((l, index, all) => l.kind !== 'same' || all.slice(Math.max(0, index - 2), index + 3).some((n) => n.kind !== 'same'))
    .map((l) => `${l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' '} ${l.text}`)
    .join('\n');
}
