/**
 * Markdown building blocks for reports posted where GitHub renders them (pull-request comments,
 * `$GITHUB_STEP_SUMMARY`). Every report in Markdown is built from these, so user text is escaped the same
 * way everywhere and no report outgrows a comment.
 *
 * - `text(s)`: running text from users' files (Sids, messages, paths): every Markdown/HTML character and `$`
 *   (GitHub math) escaped.
 * - `code(s, inTable?)`: inline code showing `s` exactly; pass `inTable` inside a table cell (escapes `|`).
 * - `table(headers, rows, limit?)`: a GitHub table of cells already in Markdown; past `limit` rows (default
 *   `DEFAULT_LIST_LIMIT`) or `BLOCK_BUDGET` characters, the rest is one line "… N more rows not shown".
 * - `list(items, limit?)`: a bullet list, limited the same way.
 * - `details(summary, body)`: a collapsed section; `summary` is plain text (HTML-escaped here).
 * - `ruleLink(id, base)`: the rule id linked to its page in docs/rules (`base` is `--rule-docs`, default
 *   `RULE_DOCS_URL`: the repository's docs/rules folder on GitHub, so links work from any comment).
 * - `plural(n, word, words?)`: "1 file", "2 files".
 * - `clip(s, max?)`: plain text cut to `max` characters with "…" (before escaping), for table cells.
 * - `boundedDocument(blocks, limit?)`: the blocks joined by blank lines, whole blocks only, within `limit`
 *   characters (default `GITHUB_COMMENT_LIMIT`, GitHub's 65,536); what does not fit is named in a last line.
 */
import { codeSpan, escapeMarkdown } from '../../analyzer';
import { repository } from '../../package.json';

/** GitHub's limit on a comment's (and a step summary's) length, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Where the rule pages are read on GitHub: docs/rules on the main branch of the repository. */
export const RULE_DOCS_URL = `${repository.url}/blob/main/docs/rules/`;

/** Rows or items shown before the rest is summed up in one line. */
export const DEFAULT_LIST_LIMIT = 50;

/** Characters one table or list may take, so that a report's few lists fit in a comment together. */
export const BLOCK_BUDGET = 15_000;

/** escapeMarkdown, and `$` too: GitHub renders `$…$` as math, and policy variables are `${…}`. */
export function text(plain: string): string {
  return escapeMarkdown(plain).replace(/\$/g, '\\$');
}

export const code = codeSpan;

export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

export function clip(plain: string, max = 300): string {
  return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
}

export function ruleLink(id: string, base: string = RULE_DOCS_URL): string {
  return `[${code(id)}](${base}${encodeURIComponent(id)}.md)`;
}

export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, limit = DEFAULT_LIST_LIMIT): string {
  const head = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  const { shown, more } = within(
    rows.map((row) => `| ${row.join(' | ')} |`),
    limit,
  );
  return [...head, ...shown, ...(more > 0 ? ['', `… ${plural(more, 'more row')} not shown`] : [])].join('\n');
}

export function list(items: readonly string[], limit = DEFAULT_LIST_LIMIT): string {
  const { shown, more } = within(
    items.map((item) => `- ${item}`),
    limit,
  );
  return [...shown, ...(more > 0 ? [`- … ${plural(more, 'more item')} not shown`] : [])].join('\n');
}

/** The first entries, at most `limit` of them and `BLOCK_BUDGET` characters in all; how many are left out. */
function within(entries: readonly string[], limit: number): { shown: string[]; more: number } {
  const shown: string[] = [];
  let length = 0;
  for (const entry of entries.slice(0, limit)) {
    if (length + entry.length + 1 > BLOCK_BUDGET) break;
    shown.push(entry);
    length += entry.length + 1;
  }
  return { shown, more: entries.length - shown.length };
}

export function details(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`;
}

function escapeHtml(plain: string): string {
  return plain.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function boundedDocument(blocks: readonly string[], limit = GITHUB_COMMENT_LIMIT): string {
  const kept: string[] = [];
  let length = 0;
  // Room for the closing line, so adding it never crosses the limit.
  const reserve = 200;
  for (const [i, block] of blocks.entries()) {
    const added = block.length + (kept.length > 0 ? 2 : 0);
    if (length + added > limit - reserve) {
      kept.push(
        `_… ${plural(blocks.length - i, 'more section')} not shown: the report is limited to ${limit.toLocaleString('en-US')} characters (GitHub's comment limit); the text or JSON output has everything._`,
      );
      break;
    }
    kept.push(block);
    length += added;
  }
  return kept.join('\n\n');
}
