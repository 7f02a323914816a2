import type { Attribute } from './hcl-ast';
import { parseVariablesJson } from './hcl-json';
import { HclSyntaxError } from './hcl-lexer';
import { parseHcl } from './hcl-parser';
import { baseName } from './variable-file-names';

/** A variables file between `start` and `end` of `text`: its `name = value` lines (JSON properties). Throws HclSyntaxError. */
export function parseVariablesFile(path: string, text: string, start: number, end: number): Attribute[] {
  if (path.endsWith('.json')) return parseVariablesJson(text, start, end);
  const body = parseHcl(text, start, end);
  if (body.blocks.length > 0) throw new HclSyntaxError('a variable definitions file holds only name = value lines', body.blocks[0].span[0]);
  return body.attributes;
}

/**
 * Terraform's precedence, lowest first (later values win): terraform.tfvars, terraform.tfvars.json, then
 * *.auto.tfvars and *.auto.tfvars.json in lexical order of their names
 * (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
 */
export function inPrecedenceOrder<T extends { path: string }>(files: readonly T[]): T[] {
  const rank = (name: string) => (name === 'terraform.tfvars' ? 0 : name === 'terraform.tfvars.json' ? 1 : 2);
  return [...files].sort((a, b) => {
    const [x, y] = [baseName(a.path), baseName(b.path)];
    return rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0);
  });
}
