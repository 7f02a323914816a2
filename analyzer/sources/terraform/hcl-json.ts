import { parseJsonTemplate, type Span, type TemplateMap, type TemplateNode } from '../tree';
import { placedAt, type Attribute, type Block, type Body, type Expression } from './hcl-ast';
import { HclSyntaxError } from './hcl-lexer';
import { parseTemplateText } from './hcl-parser';

/** Top-level block types and how many labels each takes (https://developer.hashicorp.com/terraform/language/syntax/json). */
const TOP_LEVEL: Record<string, number> = { resource: 2, data: 2, variable: 1, output: 1, module: 1, provider: 1, locals: 0, terraform: 0 };
/** Blocks whose arguments are literal JSON values, not templates. */
const LITERAL_BODIES = new Set(['variable', 'terraform']);

/** Nested block types (with their label counts) a body has: in JSON a property is a block or an attribute by the schema alone. */
type Schema = Record<string, number>;
const NESTED: Record<string, Schema> = {
  'resource.aws_iam_role': { inline_policy: 0 },
  'resource.aws_cognito_identity_pool_roles_attachment': { role_mapping: 0 },
  role_mapping: { mapping_rule: 0 },
  'data.aws_iam_policy_document': { statement: 0 },
  statement: { principals: 0, not_principals: 0, condition: 0 },
};

function schemaOf(type: string, labels: readonly string[]): Schema {
  if (type === 'resource' || type === 'data') return { dynamic: 1, lifecycle: 0, ...NESTED[`${type}.${labels[0]}`] };
  return TOP_LEVEL[type] !== undefined ? {} : { dynamic: 1, ...NESTED[type] };
}

/**
 * A `.tf.json` file (Terraform's JSON syntax) between `start` and `end` of `text`, as the blocks and
 * expressions of the native syntax: strings are templates (`"${var.x}"` is the variable itself),
 * `variable` defaults are literal values, `"//"` properties are comments. Positions are offsets in `text`.
 * Throws HclSyntaxError.
 */
export function parseTerraformJson(text: string, start: number, end: number): Body {
  const root = jsonRoot(text, start, end);
  const blocks: Block[] = [];
  for (const property of root.entries) {
    if (property.key === '//') continue;
    const labels = TOP_LEVEL[property.key];
    if (labels === undefined) throw new HclSyntaxError(`"${property.key}" is not a Terraform block type`, property.keySpan[0]);
    blocks.push(...blocksOf(property.key, property.value, labels, [], text));
  }
  return { attributes: [], blocks };
}

/** A `.tfvars.json` file: each property a variable's value, taken literally. */
export function parseVariablesJson(text: string, start: number, end: number): Attribute[] {
  return jsonRoot(text, start, end)
    .entries.filter((e) => e.key !== '//')
    .map((e) => ({ name: e.key, nameSpan: e.keySpan, value: literal(e.value) }));
}

function jsonRoot(text: string, start: number, end: number): TemplateMap {
  const parsed = parseJsonTemplate(text.slice(start, end));
  if (!parsed.root) {
    const error = parsed.errors[0];
    throw new HclSyntaxError(error?.message ?? 'the file is empty', start + (error?.offset ?? 0));
  }
  const root = shifted(parsed.root, start);
  if (root.type !== 'map') throw new HclSyntaxError('a Terraform JSON file is an object', root.span[0]);
  return root;
}

function shifted(node: TemplateNode, by: number): TemplateNode {
  const span: Span = [node.span[0] + by, node.span[1] + by];
  if (node.type === 'scalar') return { ...node, span };
  if (node.type === 'seq') return { type: 'seq', span, items: node.items.map((item) => shifted(item, by)) };
  return {
    type: 'map',
    span,
    entries: node.entries.map((e) => ({ key: e.key, keySpan: [e.keySpan[0] + by, e.keySpan[1] + by], value: shifted(e.value, by) })),
  };
}

/** The blocks a property stands for: one object level per label, arrays allowed at every level. */
function blocksOf(type: string, value: TemplateNode, labelsLeft: number, labels: string[], text: string, schema?: Schema): Block[] {
  if (value.type === 'seq') return value.items.flatMap((item) => blocksOf(type, item, labelsLeft, labels, text, schema));
  if (value.type !== 'map') throw new HclSyntaxError(`a "${type}" block is an object`, value.span[0]);
  if (labelsLeft > 0)
    return value.entries.filter((e) => e.key !== '//').flatMap((e) => blocksOf(type, e.value, labelsLeft - 1, [...labels, e.key], text, schema));
  const body =
    type === 'dynamic'
      ? bodyOf(value, { content: 0 }, false, text, schemaOf(labels[0] ?? '', []))
      : bodyOf(value, schema ?? schemaOf(type, labels), LITERAL_BODIES.has(type), text);
  return [{ type, labels, span: value.span, body }];
}

/** A block's body; `contentSchema`: a dynamic block's `content` has the schema of the block it makes. */
function bodyOf(value: TemplateMap, schema: Schema, literalValues: boolean, text: string, contentSchema?: Schema): Body {
  const body: Body = { attributes: [], blocks: [] };
  for (const e of value.entries) {
    if (e.key === '//') continue;
    if (schema[e.key] !== undefined) body.blocks.push(...blocksOf(e.key, e.value, schema[e.key], [], text, e.key === 'content' ? contentSchema : undefined));
    else body.attributes.push({ name: e.key, nameSpan: e.keySpan, value: literalValues ? literal(e.value) : expression(e.value, text) });
  }
  return body;
}

/** A JSON value as an expression: strings are templates. */
function expression(node: TemplateNode, text: string): Expression {
  if (node.type === 'seq') return { kind: 'tuple', items: node.items.map((item) => expression(item, text)), span: node.span };
  if (node.type === 'map')
    return {
      kind: 'object',
      items: node.entries.map((e) => ({ key: stringExpression(e.key, e.keySpan, text), keySpan: e.keySpan, value: expression(e.value, text) })),
      span: node.span,
    };
  if (typeof node.value !== 'string') return { kind: 'literal', value: node.value, span: node.span };
  return stringExpression(node.value, node.span, text);
}

/** A JSON string as a template: parsed in place when written without escapes, else from its value and placed on the string. */
function stringExpression(value: string, span: Span, text: string): Expression {
  if (!value.includes('${') && !value.includes('%{')) return { kind: 'literal', value, span };
  const raw = text.slice(span[0] + 1, span[1] - 1);
  if (raw === value) return parseTemplateText(text, span[0] + 1, span[1] - 1, span);
  try {
    return placedAt(parseTemplateText(value), span);
  } catch (error) {
    if (error instanceof HclSyntaxError) throw new HclSyntaxError(error.message, span[0]);
    throw error;
  }
}

/** A JSON value taken literally (variable defaults, tfvars.json). */
function literal(node: TemplateNode): Expression {
  if (node.type === 'seq') return { kind: 'tuple', items: node.items.map(literal), span: node.span };
  if (node.type === 'map')
    return {
      kind: 'object',
      items: node.entries.map((e) => ({ key: { kind: 'literal', value: e.key, span: e.keySpan }, keySpan: e.keySpan, value: literal(e.value) })),
      span: node.span,
    };
  return { kind: 'literal', value: node.value, span: node.span };
}
