/**
 * The IAM condition operators, as a catalog: each base operator knows how to prepare a policy value and
 * how to compare it with one request value. Qualifiers (`ForAnyValue:`, `ForAllValues:`) and the
 * `IfExists` suffix are handled by the evaluator, once for all operators.
 */
import { arnSegments } from '../catalog/arn';
import { compileGlob, matchGlob, tokenizeWildcards, type Glob, type GlobToken } from '../match/glob';
import { cidrContains, parseCidr, parseIp, type Cidr } from './ip';

export type ValueType = 'string' | 'arn' | 'numeric' | 'date' | 'bool' | 'ip' | 'binary' | 'null';

export interface OperatorSpec {
  name: string;
  type: ValueType;
  /** Negated operators (StringNotEquals…) are true when no policy value matches, and when the key is absent. */
  negated: boolean;
  /** Whether `*`/`?` in policy values are wildcards. */
  wildcards: boolean;
  /** Whether policy variables are substituted in values (string, ARN and Bool operators; docs/iot-authorization.md §3). */
  variables: boolean;
  /** Prepares a policy value; undefined when it cannot be read as this type. */
  prepare(value: string): unknown;
  /** Prepares a value whose variables were substituted: substituted text is literal even where `wildcards` is set. */
  prepareTokens(tokens: readonly GlobToken[]): unknown;
  /** Reads a request value once per evaluation (parsing an IP, a number…); the result is what `test` receives. */
  readRequest(value: string): unknown;
  /** Whether a (read) request value equals/matches the prepared policy value (before negation). */
  test(prepared: unknown, request: unknown): boolean;
  /** A short description for hovers and explanations. */
  description: string;
}

function spec(
  name: string,
  type: ValueType,
  description: string,
  prepare: (value: string) => unknown,
  test: (prepared: unknown, request: any) => boolean,
  options: { negated?: boolean; wildcards?: boolean; readRequest?: (value: string) => unknown } = {},
): OperatorSpec {
  // AWS supports policy variables with the String, ARN and Boolean operators, and with no others.
  const variables = type === 'string' || type === 'arn' || type === 'bool';
  const wildcards = options.wildcards ?? false;
  const prepareTokens = (tokens: readonly GlobToken[]) => prepare(tokens.map(tokenText).join(''));
  const readRequest = options.readRequest ?? ((value: string) => value);
  return { name, type, description, prepare, prepareTokens, readRequest, test, negated: options.negated ?? false, wildcards, variables };
}

export function tokenText(token: GlobToken): string {
  return token.kind === 'literal' ? token.text : token.kind === 'star' ? '*' : '?';
}

/** An operator whose values are wildcard patterns, prepared from tokens so substituted text stays literal. */
function wildcardSpec(
  name: string,
  type: ValueType,
  description: string,
  prepareTokens: (tokens: readonly GlobToken[]) => unknown,
  test: (prepared: unknown, request: any) => boolean,
  negated = false,
): OperatorSpec {
  const base = spec(name, type, description, (value) => prepareTokens(tokenizeWildcards(value)), test, { negated, wildcards: true });
  return { ...base, prepareTokens };
}

const identity = (value: string) => value;
const equals = (prepared: unknown, value: string) => prepared === value;
const lower = (value: string) => value.toLowerCase();
const equalsIgnoreCase = (prepared: unknown, lowered: string) => prepared === lowered;
const like = (prepared: unknown, value: string) => matchGlob(prepared as Glob, value);
const likePattern = (tokens: readonly GlobToken[]) => compileGlob(tokens, tokens.map(tokenText).join(''));

function parseNumber(value: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Number(value);
}

/** ISO 8601 dates or epoch seconds, as IAM accepts them. */
export function parseDate(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function parseBool(value: string): string | undefined {
  const normalized = value.toLowerCase();
  return normalized === 'true' || normalized === 'false' ? normalized : undefined;
}

function numeric(name: string, compare: (request: number, policy: number) => boolean, negated = false): OperatorSpec {
  const test = (prepared: unknown, n: number | undefined) => n !== undefined && compare(n, prepared as number);
  return spec(name, 'numeric', `numeric comparison (${name})`, parseNumber, test, { negated, readRequest: parseNumber });
}

function date(name: string, compare: (request: number, policy: number) => boolean, negated = false): OperatorSpec {
  const test = (prepared: unknown, d: number | undefined) => d !== undefined && compare(d, prepared as number);
  return spec(name, 'date', `date comparison (${name})`, parseDate, test, { negated, readRequest: parseDate });
}

// ArnEquals and ArnLike are the same in IAM: the six colon-separated parts are matched separately, with
// wildcards. Only colons written in the policy split parts; the last part keeps any further colons.

function prepareArn(tokens: readonly GlobToken[]): Glob[] | undefined {
  if (tokens.length === 1 && tokens[0].kind === 'star') return [compileGlob(tokens, '*')];
  const parts: GlobToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind !== 'literal' || parts.length === 6) {
      parts[parts.length - 1].push(token);
      continue;
    }
    const pieces = token.text.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0 && parts.length < 6) parts.push([]);
      else if (i > 0) parts[parts.length - 1].push({ kind: 'literal', text: ':' });
      if (piece) parts[parts.length - 1].push({ kind: 'literal', text: piece });
    });
  }
  return parts.length === 6 ? parts.map((p) => compileGlob(p, p.map(tokenText).join(''))) : undefined;
}

function testArn(prepared: unknown, value: string): boolean {
  const globs = prepared as Glob[];
  if (globs.length === 1) return matchGlob(globs[0], value);
  const parts = arnSegments(value);
  return parts !== undefined && parts.every((part, i) => matchGlob(globs[i], part));
}

const ipTest = (prepared: unknown, address: Uint8Array | undefined) => address !== undefined && cidrContains(prepared as Cidr, address);

const SPECS: OperatorSpec[] = [
  spec('StringEquals', 'string', 'exact, case-sensitive string match', identity, equals),
  spec('StringNotEquals', 'string', 'negated exact, case-sensitive string match', identity, equals, { negated: true }),
  spec('StringEqualsIgnoreCase', 'string', 'exact string match ignoring case', lower, equalsIgnoreCase, { readRequest: lower }),
  spec('StringNotEqualsIgnoreCase', 'string', 'negated string match ignoring case', lower, equalsIgnoreCase, { negated: true, readRequest: lower }),
  wildcardSpec('StringLike', 'string', 'case-sensitive match with `*` and `?` wildcards', likePattern, like),
  wildcardSpec('StringNotLike', 'string', 'negated case-sensitive match with `*` and `?` wildcards', likePattern, like, true),
  numeric('NumericEquals', (a, b) => a === b),
  numeric('NumericNotEquals', (a, b) => a === b, true),
  numeric('NumericLessThan', (a, b) => a < b),
  numeric('NumericLessThanEquals', (a, b) => a <= b),
  numeric('NumericGreaterThan', (a, b) => a > b),
  numeric('NumericGreaterThanEquals', (a, b) => a >= b),
  date('DateEquals', (a, b) => a === b),
  date('DateNotEquals', (a, b) => a === b, true),
  date('DateLessThan', (a, b) => a < b),
  date('DateLessThanEquals', (a, b) => a <= b),
  date('DateGreaterThan', (a, b) => a > b),
  date('DateGreaterThanEquals', (a, b) => a >= b),
  spec('Bool', 'bool', 'boolean match (`true`/`false`)', parseBool, equals, { readRequest: lower }),
  spec('BinaryEquals', 'binary', 'byte-for-byte match of base64 values', identity, equals),
  spec('IpAddress', 'ip', 'the address lies in the CIDR block', parseCidr, ipTest, { readRequest: parseIp }),
  spec('NotIpAddress', 'ip', 'the address lies outside the CIDR block', parseCidr, ipTest, { negated: true, readRequest: parseIp }),
  wildcardSpec('ArnEquals', 'arn', 'ARN match, part by part, with `*` and `?` wildcards', prepareArn, testArn),
  wildcardSpec('ArnLike', 'arn', 'ARN match, part by part, with `*` and `?` wildcards', prepareArn, testArn),
  wildcardSpec('ArnNotEquals', 'arn', 'negated ARN match, part by part', prepareArn, testArn, true),
  wildcardSpec('ArnNotLike', 'arn', 'negated ARN match, part by part', prepareArn, testArn, true),
  spec('Null', 'null', 'checks whether the key is absent (`true`) or present (`false`)', parseBool, () => false),
];

const BY_NAME = new Map(SPECS.map((s) => [s.name.toLowerCase(), s]));

export const OPERATOR_NAMES: readonly string[] = SPECS.map((s) => s.name);

export type SetQualifier = 'ForAnyValue' | 'ForAllValues' | undefined;

export interface ParsedOperator {
  spec: OperatorSpec;
  qualifier: SetQualifier;
  ifExists: boolean;
}

/**
 * Reads `ForAnyValue:StringLikeIfExists` into its parts. Operator names are matched exactly as written:
 * IAM rejects other spellings, so an unknown spelling returns undefined.
 */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let qualifier: SetQualifier;
  for (const candidate of ['ForAnyValue', 'ForAllValues'] as const) {
    if (rest.startsWith(`${candidate}:`)) {
      qualifier = candidate;
      rest = rest.slice(candidate.length + 1);
    }
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const found = BY_NAME.get(rest.toLowerCase());
  if (!found || found.name !== rest) return undefined;
  if (ifExists && found.type === 'null') return undefined;
  return { spec: found, qualifier, ifExists };
}
