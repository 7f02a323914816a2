/**
 * Markdown built from policy content (Sids, actions, resources, keys) must show that text, never render
 * it: a Sid such as `[x](https://evil.example) ![t](https://evil.example/t.png)` would otherwise become a
 * link and a remote image in every hover. These helpers make user text inert in the three places hovers
 * put it: running text, inline code and code blocks.
 */

/** Running text with every Markdown (and HTML) special character backslash-escaped; newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}

/**
 * Inline code showing `text` exactly: the fence is longer than any run of backticks inside. `|` is escaped
 * as `\|` (GitHub-flavoured tables split cells on it even inside code; the escape renders as `|`).
 */
export function codeSpan(text: string, inTable = false): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const fence = '`'.repeat(longestBacktickRun(flat) + 1);
  const padded = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ` ${flat} ` : flat;
  return `${fence}${inTable ? padded.replace(/\|/g, '\\|') : padded}${fence}`;
}

/** A fenced code block of the lines, its fence longer than any backtick run inside (which would close it). */
export function codeBlock(lines: readonly string[], language = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(lines.join('\n')) + 1));
  return [`${fence}${language}`, ...lines, fence].join('\n');
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}
