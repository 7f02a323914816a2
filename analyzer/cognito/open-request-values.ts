import { tokenText, type OperatorSpec } from '../conditions/operators';
import { statementsForAction, type CompiledPolicy, type CompiledStatement } from '../evaluate/compile';
import type { RequestContext } from '../evaluate/context';
import { resourceMatches, type AuthRequest } from '../evaluate/evaluate';
import type { GlobToken } from '../match/glob';
import { instantiate, type Template } from '../variables/template';
import { loadDomainName } from '../on-demand';
import { addressRanges } from './source-ip';

/**
 * A context key every real MQTT/HTTPS request has a value for, whatever the question says (the client's
 * address, the domain it connected to; docs/iot-authorization.md §4). A question that does not give it is
 * decided for candidate values that separate everything the conditions on it can tell apart; deciding as
 * if it were absent would apply every negated-operator Deny on it, a deny AWS does not give.
 */
export interface OpenRequestKey {
  /** As AWS spells it: `aws:SourceIp`, and as outcomes name it. */
  name: string;
  /** What the candidates stand for, in "one of 12 further ranges, not tried". */
  plural: string;
  /**
   * Values to decide for, each with how outcomes name what it stands for ("10.0.0.0–10.255.255.255",
   * "any other value"); `complete` is false when they may not separate every case the values can.
   */
  candidates(values: readonly ComparedValue[]): { candidates: Candidate[]; complete: boolean };
  /** Names the values not tried when `complete` is false. */
  untried: string;
}

/** A condition value a statement compares the key with, its variables already substituted from the request. */
export interface ComparedValue {
  operator: OperatorSpec;
  tokens: readonly GlobToken[];
}

export interface Candidate {
  value: string;
  label: string;
}

/**
 * The client's address. AWS IoT documents `aws:SourceIp` for MQTT and HTTPS requests
 * (docs/iot-authorization.md §4), so every real request has one; a question that does not give it is
 * decided for the first address of each range the values of the conditions on it cut the address spaces
 * into (source-ip.ts; a Null condition needs none: any address decides it).
 */
const SOURCE_IP: OpenRequestKey = {
  name: 'aws:SourceIp',
  plural: 'ranges',
  candidates(values) {
    const { ranges, complete } = addressRanges(values.map((v) => v.tokens.map(tokenText).join('')));
    return { candidates: ranges.map((r) => ({ value: r.address, label: r.label })), complete };
  },
  untried: 'an address the tried ones may not stand for, not tried',
};

/**
 * The domain the client connected to. AWS IoT documents `iot:DomainName` for MQTT and HTTPS requests
 * (docs/iot-authorization.md §4), so every real request has one; a question that does not give it is
 * decided for one value of each set of domains the conditions on it tell apart (domain-name.ts).
 */
const DOMAIN_NAME: OpenRequestKey = {
  name: 'iot:DomainName',
  plural: 'values',
  candidates: (values) => loadDomainName().stringCandidates(values),
  untried: 'a value the tried ones may not stand for, not tried',
};

/** The keys AWS IoT documents for every MQTT/HTTPS request that a question may leave open. */
export const OPEN_REQUEST_KEYS: readonly OpenRequestKey[] = [SOURCE_IP, DOMAIN_NAME];

const NORMALIZED = OPEN_REQUEST_KEYS.map((k) => k.name.toLowerCase());

/** One open key of a question: its candidates, and whether they separate everything. */
export interface OpenKeyValues {
  key: OpenRequestKey;
  candidates: Candidate[];
  complete: boolean;
}

/**
 * The open keys a request does not give and that a statement able to apply to it reads (a condition on
 * the key, or the key as a variable), each with its candidates; undefined when there are none — on the
 * fast path, one cached look-up per policy. A statement able to apply covers the action and the request's
 * resource: the others decide nothing whatever the key's value, so a request only they read is decided once.
 */
export function openRequestValues(policies: readonly CompiledPolicy[], request: AuthRequest): OpenKeyValues[] | undefined {
  const open = keysLeftOpen(policies, request.context);
  if (open === 0) return undefined;
  const found = OPEN_REQUEST_KEYS.map((): Found => ({ read: false, complete: true, values: [] }));
  for (const policy of policies) {
    if ((keysReadByPolicy(policy) & open) === 0) continue;
    for (const statement of statementsForAction(policy, request.actionKey)) {
      if (!statement.takesPart) continue;
      const inResources = keysReadByResources(statement) & open;
      // Matched as compiled with no reading chosen: a statement a reading touches (`${iot:ClientId}` in a
      // role policy, A14) may match under another outcome, so its values are read whatever its resources.
      if (!inResources && statement.readings.length === 0 && !resourceMatches(statement, request)) continue;
      collectStatement(statement, inResources, open, request.context, found);
    }
  }
  const keys = OPEN_REQUEST_KEYS.flatMap((key, i): OpenKeyValues[] => {
    const { read, complete, values } = found[i];
    if (!read) return [];
    const made = key.candidates(values);
    return [{ key, candidates: made.candidates, complete: complete && made.complete }];
  });
  return keys.length > 0 ? keys : undefined;
}

interface Found {
  read: boolean;
  complete: boolean;
  values: ComparedValue[];
}

/** Whether a statement of the policies reads a key the context leaves open (one cached look-up per policy): when not, there is nothing to decide for. */
export function leavesOpen(policies: readonly CompiledPolicy[], context: RequestContext): boolean {
  return keysLeftOpen(policies, context) !== 0;
}

function keysLeftOpen(policies: readonly CompiledPolicy[], context: RequestContext): number {
  let open = 0;
  for (const policy of policies) open |= keysReadByPolicy(policy);
  for (let i = 0; i < NORMALIZED.length; i++) if (open & (1 << i) && context.getNormalized(NORMALIZED[i]) !== undefined) open &= ~(1 << i);
  return open;
}

function collectStatement(statement: CompiledStatement, inResources: number, open: number, context: RequestContext, found: Found[]): void {
  // A resource naming the key as a variable matches for some values: the candidates do not cover them.
  markUncovered(found, inResources);
  for (const condition of statement.conditions) {
    const index = NORMALIZED.indexOf(condition.key.toLowerCase());
    const onOpenKey = index !== -1 && (open & (1 << index)) !== 0;
    if (onOpenKey) found[index].read = true;
    for (const value of condition.values) {
      // A value naming an open key as a variable changes with it: not a value the candidates can cover.
      const variables = keysInTemplate(value.template) & open;
      markUncovered(found, variables);
      if (!onOpenKey || !condition.operator || condition.operator.spec.type === 'null' || variables) continue;
      for (const tokens of resolutions(value.template, context)) found[index].values.push({ operator: condition.operator.spec, tokens });
    }
  }
}

/**
 * The value as the request resolves its variables; a variable a reading makes unavailable (A14, A3) also
 * resolved, as the other outcome of that reading does. An unresolved variable removes the value
 * (conditions.ts): it compares with nothing.
 */
function resolutions(template: Template, context: RequestContext): GlobToken[][] {
  const resolved = instantiate(template, context);
  const readingDependent = template.hasVariables && template.parts.some((p) => p.kind === 'variable' && p.unavailable);
  const available = readingDependent
    ? instantiate({ ...template, parts: template.parts.map((p) => (p.kind === 'variable' ? { ...p, unavailable: undefined } : p)) }, context)
    : undefined;
  return [resolved, available].filter((tokens): tokens is GlobToken[] => tokens !== undefined);
}

function markUncovered(found: Found[], keys: number): void {
  for (let i = 0; i < found.length; i++)
    if (keys & (1 << i)) {
      found[i].read = true;
      found[i].complete = false;
    }
}

const keysReadCache = new WeakMap<CompiledPolicy, number>();

/** The open keys (a bit per OPEN_REQUEST_KEYS entry) some statement of the policy has a condition on or a variable of. */
function keysReadByPolicy(policy: CompiledPolicy): number {
  let keys = keysReadCache.get(policy);
  if (keys === undefined) {
    keys = 0;
    for (const statement of policy.statements) {
      keys |= keysReadByResources(statement);
      for (const condition of statement.conditions) {
        keys |= keyBit(condition.key.toLowerCase());
        for (const value of condition.values) keys |= keysInTemplate(value.template);
      }
    }
    keysReadCache.set(policy, keys);
  }
  return keys;
}

const resourceKeysCache = new WeakMap<CompiledStatement, number>();

function keysReadByResources(statement: CompiledStatement): number {
  let keys = resourceKeysCache.get(statement);
  if (keys === undefined) {
    keys = 0;
    // An entry without variables names no key: its template (read again from the text when asked) is left unread.
    for (const resource of statement.resources) if (resource.hasVariables) keys |= keysInTemplate(resource.template);
    resourceKeysCache.set(statement, keys);
  }
  return keys;
}

function keysInTemplate(template: Template): number {
  if (!template.hasVariables) return 0;
  let keys = 0;
  for (const part of template.parts) if (part.kind === 'variable') keys |= keyBit(part.key);
  return keys;
}

function keyBit(normalizedKey: string): number {
  const index = NORMALIZED.indexOf(normalizedKey);
  return index === -1 ? 0 : 1 << index;
}
