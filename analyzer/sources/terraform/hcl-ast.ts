import type { Span } from '../tree';

/**
 * The expressions of HCL's native syntax (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md),
 * every node with its span in the file. A reference written with names and literal keys only
 * (`var.x`, `aws_iam_role.guest[0].arn`) is a `traversal`; anything after a computed key or a call is an
 * `index` / `attribute` on the expression before it.
 */
export type Expression =
  | { kind: 'literal'; value: string | number | boolean | null; span: Span }
  | { kind: 'template'; parts: TemplatePiece[]; span: Span }
  | { kind: 'tuple'; items: Expression[]; span: Span }
  | { kind: 'object'; items: ObjectItem[]; span: Span }
  | { kind: 'traversal'; path: string[]; span: Span }
  | { kind: 'index'; target: Expression; key: Expression; span: Span }
  | { kind: 'attribute'; target: Expression; name: string; span: Span }
  /** `x[*].a.b` / `x.*.a`: `path` taken from each element of `target`. */
  | { kind: 'splat'; target: Expression; path: string[]; span: Span }
  | { kind: 'call'; name: string; args: Expression[]; span: Span }
  | { kind: 'unary'; operator: '-' | '!'; operand: Expression; span: Span }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression; span: Span }
  | { kind: 'conditional'; condition: Expression; then: Expression; otherwise: Expression; span: Span }
  | ForExpression;

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

/** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`. */
export interface ForExpression {
  kind: 'for';
  keyName?: string;
  valueName: string;
  collection: Expression;
  /** Set for the object form. */
  key?: Expression;
  value: Expression;
  /** `...` after the value (object form): values of equal keys grouped into lists. */
  group: boolean;
  filter?: Expression;
  span: Span;
}

/** A piece of a template: literal text (escapes applied), an interpolation, or a `%{…}` directive (not evaluated). */
export type TemplatePiece = { literal: string; span: Span } | { interpolation: Expression; span: Span } | { directive: true; span: Span };

/** An object item; a bare name as key is that name as a string, as HCL reads it. */
export interface ObjectItem {
  key: Expression;
  keySpan: Span;
  value: Expression;
}

export interface Attribute {
  name: string;
  nameSpan: Span;
  value: Expression;
}

export interface Block {
  type: string;
  labels: string[];
  span: Span;
  body: Body;
}

/** A body's attributes and blocks; `blocks` keeps their order in the file (dynamic blocks among them). */
export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

/** Every span of an expression replaced by `span` (an expression parsed from a decoded string, placed on that string). */
export function placedAt<T extends Expression>(expression: T, span: Span): T {
  const move = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(move);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'span' || key === 'keySpan' ? span : move(inner)]));
  };
  return move(expression) as T;
}
