import type { ParsedTemplate, Span, TemplateMap, TemplateNode, TemplateScalar } from './tree';

/**
 * Re-parsing a YAML template after an edit inside one of its scalars, without parsing the whole file
 * again: the editor checks a template after every keystroke, and most keystrokes change one value of one
 * line. The tree of a recent parse is reused with its spans moved; the edited scalar alone is parsed again,
 * in a one-line document that gives it the same context (block or flow, its tag, the rest of its line).
 * Anything else — an edit that touches a key, a quote, a line break, a block scalar, an alias, an edit that
 * changes where the scalar ends — returns undefined and the caller parses the whole text.
 */

/** Recent parses without errors, most recent first: enough for the templates open in an editor. */
const MAX_RECENT = 4;
const recent: Array<{ text: string; root: TemplateNode }> = [];

/** Remembers a whole parse, as the base for the next edits of the same file. */
export function rememberParse(text: string, parsed: ParsedTemplate, reusable: boolean): void {
  if (!parsed.root || parsed.errors.length > 0 || !reusable) return;
  recent.unshift({ text, root: parsed.root });
  if (recent.length > MAX_RECENT) recent.pop();
}

/**
 * The tree of `text` from a remembered parse when `text` differs from its text inside one scalar, or
 * undefined. `parseScalarLine` parses a one-line YAML document exactly as the template parser does.
 */
export function parsedAfterScalarEdit(text: string, parseScalarLine: (line: string) => TemplateNode | undefined): ParsedTemplate | undefined {
  for (const base of recent) {
    const edit = editBetween(base.text, text);
    if (!edit) continue;
    const root = withEditedScalar(base.root, base.text, text, edit, parseScalarLine);
    if (!root) continue;
    const parsed = { root, errors: [] };
    rememberParse(text, parsed, true);
    return parsed;
  }
  return undefined;
}

/** Where two texts differ: [start, oldEnd) of the old text became [start, start + oldEnd - start + delta) of the new. */
interface Edit {
  start: number;
  oldEnd: number;
  delta: number;
}

function editBetween(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shorter - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, delta: after.length - before.length };
}

/** Short-form tags by the long form the tree shows (`Fn::Sub` is written `!Sub`, `Ref` is `!Ref`). */
const shortTag = (key: string) => `!${key.startsWith('Fn::') ? key.slice(4) : key}`;

function withEditedScalar(
  root: TemplateNode,
  before: string,
  after: string,
  edit: Edit,
  parseScalarLine: (line: string) => TemplateNode | undefined,
): TemplateNode | undefined {
  // The path to the scalar holding the edit, with its context.
  let node: TemplateNode = root;
  let flow = false;
  let tag: string | undefined;
  for (;;) {
    if (node.type === 'scalar') break;
    if (node.span[0] >= 0 && (before[node.span[0]] === '[' || before[node.span[0]] === '{')) flow = true;
    // Inclusive at the end: text added at the end of a plain scalar extends it (and what ends with it).
    const inside = (span: Span) => span[0] < edit.start && edit.oldEnd <= span[1];
    let next: TemplateNode | undefined;
    if (node.type === 'map') {
      const tagged = taggedValue(node);
      if (tagged) {
        // GetAtt's scalar is split into a list sharing one span: its parts are not one scalar.
        if (tagged.key === 'Fn::GetAtt' || tag !== undefined) return undefined;
        tag = shortTag(tagged.key);
        next = tagged.value;
      } else {
        for (const entry of node.entries) {
          if (entry.keySpan[0] <= edit.oldEnd && edit.start <= entry.keySpan[1]) return undefined;
          if (inside(entry.value.span)) next = entry.value;
        }
      }
    } else {
      next = node.items.find((item) => inside(item.span));
    }
    if (!next) return undefined;
    if (next.type !== 'scalar' && tag !== undefined) return undefined;
    node = next;
  }
  const scalar = node;
  const [start, end] = scalar.span;
  if (!(start < edit.start && edit.oldEnd < end + (isPlain(before[start]) ? 1 : 0))) return undefined;
  const newEnd = end + edit.delta;
  const source = after.slice(start, newEnd);
  if (/[\r\n]/.test(source) || /[\r\n]/.test(before.slice(start, end)) || !isScalarStart(before[start])) return undefined;
  // The rest of the line ends a plain scalar (a comment, `:` …): it is parsed with it.
  const lineEnd = after.indexOf('\n', newEnd);
  const rest = after.slice(newEnd, lineEnd === -1 ? after.length : lineEnd).replace(/\r$/, '');
  const value = reparsedScalar(source, rest, flow, tag, parseScalarLine);
  if (value === undefined) return undefined;
  return shifted(root, edit, scalar, value);
}

/** A map the tree made of a tagged node (`!Sub x` is `{"Fn::Sub": x}`, the key spanning the node). */
function taggedValue(node: TemplateMap): { key: string; value: TemplateNode } | undefined {
  if (node.entries.length !== 1) return undefined;
  const [entry] = node.entries;
  return entry.keySpan[0] === node.span[0] && entry.keySpan[1] === node.span[1] && entry.value.span[0] === node.span[0] && entry.value.span[1] === node.span[1]
    ? entry
    : undefined;
}

const isPlain = (first: string | undefined) => first !== "'" && first !== '"';
/** Scalars this reuses: plain and quoted, not block scalars (`|`, `>`), aliases or anchored values. */
const isScalarStart = (first: string | undefined) => first !== undefined && !'|>&*!'.includes(first);

/** The scalar's value, parsed in a one-line document of the same context; undefined when it is not one whole scalar there. */
function reparsedScalar(
  source: string,
  rest: string,
  flow: boolean,
  tag: string | undefined,
  parseScalarLine: (line: string) => TemplateNode | undefined,
): TemplateScalar['value'] | undefined {
  // In a flow collection, what follows the scalar on its line must close it as before (`,`, `]`, `}`).
  if (flow && !/^\s*[,\]}]/.test(rest)) return undefined;
  const prefix = flow ? '[' : 'k: ';
  const tagged = tag ? `${tag} ` : '';
  // Ended by a line break, as in the file: a quote left open there is an error, not the end of the document.
  const line = flow ? `${prefix}${tagged}${source}]\n` : `${prefix}${tagged}${source}${rest}\n`;
  const parsed = parseScalarLine(line);
  const at = prefix.length + tagged.length;
  let value: TemplateNode | undefined;
  if (flow) value = parsed?.type === 'seq' && parsed.items.length === 1 ? parsed.items[0] : undefined;
  else value = parsed?.type === 'map' && parsed.entries.length === 1 && parsed.entries[0].key === 'k' ? parsed.entries[0].value : undefined;
  if (value && tag) value = value.type === 'map' && value.entries.length === 1 ? value.entries[0].value : undefined;
  if (value?.type !== 'scalar' || value.span[0] !== at || value.span[1] !== at + source.length) return undefined;
  return value.value;
}

/** The tree with spans moved by the edit and the edited scalar's value replaced (a copy: trees are shared). */
function shifted(node: TemplateNode, edit: Edit, edited: TemplateScalar, value: TemplateScalar['value']): TemplateNode {
  const move = (span: Span): Span => [span[0] >= edit.oldEnd ? span[0] + edit.delta : span[0], span[1] >= edit.oldEnd ? span[1] + edit.delta : span[1]];
  const span = move(node.span);
  if (node === edited) return { type: 'scalar', value, span };
  if (node.type === 'scalar') return { type: 'scalar', value: node.value, span };
  if (node.type === 'seq') return { type: 'seq', span, items: node.items.map((item) => shifted(item, edit, edited, value)) };
  return {
    type: 'map',
    span,
    entries: node.entries.map((entry) => ({ key: entry.key, keySpan: move(entry.keySpan), value: shifted(entry.value, edit, edited, value) })),
  };
}
