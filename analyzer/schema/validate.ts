import type { ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { loadValidators } from '../on-demand';
import { rangeOf } from '../policy/json';
import type { LineIndex, SourceRange } from '../source/range';

/**
 * Validation against the JSON Schemas in `schemas/` (the single source of truth), with every error placed
 * on the exact JSON node it concerns and worded for people. The validators are compiled from the schemas
 * when they change (npm run schemas:types), not when a program starts, and load with the first validation.
 */
function validator(ref: string): ValidateFunction {
  const found = loadValidators().VALIDATORS[ref];
  if (!found) throw new Error(`no schema ${ref}`);
  return found;
}

export interface SchemaProblem {
  message: string;
  range: SourceRange;
}

/**
 * Validates the JSON value at `node` against the schema `ref` (an `$id`, optionally with `#/definitions/…`).
 * `skip` leaves out errors under instance paths that the caller validates more precisely itself.
 */
export function validateNode(ref: string, node: Node, lines: LineIndex, pathPrefix: string, skip?: RegExp): SchemaProblem[] {
  const validate = validator(ref);
  if (validate(getNodeValue(node))) return [];
  const errors = (validate.errors ?? []).filter((error) => !skip?.test(error.instancePath));
  return simplify(errors).map((error) => toProblem(error, node, lines, pathPrefix));
}

/** Drops errors that only restate a deeper one (oneOf/anyOf summaries, `type` branches of a oneOf). */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const hasDeeper = (error: ErrorObject) =>
    errors.some((other) => other !== error && other.instancePath.startsWith(error.instancePath) && other.instancePath.length > error.instancePath.length);
  const kept = errors.filter((error) => !(error.keyword === 'oneOf' || error.keyword === 'anyOf') || !hasDeeper(error));
  const unique = new Map<string, ErrorObject>();
  for (const error of kept) unique.set(`${error.instancePath}|${describe(error)}`, error);
  return [...unique.values()];
}

function toProblem(error: ErrorObject, root: Node, lines: LineIndex, pathPrefix: string): SchemaProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  let node = findNodeAtLocation(root, path) ?? root;
  if (error.keyword === 'additionalProperties') {
    const key = findNodeAtLocation(node, [error.params.additionalProperty as string])?.parent?.children?.[0];
    if (key) node = key;
  }
  const where = formatPath(pathPrefix, path);
  return { message: `${where}${describe(error)}`, range: rangeOf(lines, node) };
}

function formatPath(prefix: string, path: Array<string | number>): string {
  const text = path.reduce<string>((acc, segment) => (typeof segment === 'number' ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment), prefix);
  return text ? `${text}: ` : '';
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown property "${error.params.additionalProperty}"`;
    case 'required':
      return `missing required property "${error.params.missingProperty}"`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${error.params.type === 'array' ? 'an array' : error.params.type === 'object' ? 'an object' : `a ${error.params.type}`}`;
    case 'pattern':
      return `does not have the expected form (${error.params.pattern})`;
    case 'oneOf':
      return 'does not match any of the allowed forms';
    default:
      return error.message ?? 'is not valid';
  }
}
