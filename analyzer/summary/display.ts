import { splitArn } from '../catalog/arn';
import { COGNITO_SUB } from '../cognito/identity';
import type { CompiledStatement } from '../evaluate/compile';
import { statementRef } from '../explain/explain';
import { describeStatement } from '../scenario/explain-check';
import type { EntryRef } from './space';
import type { StatementSource } from './model';

/** How reports name the identity's own values; a flow names the sender's and the receiver's. */
export interface VariableNames {
  self: string;
  clientId: string;
}

export const OWN_NAMES: VariableNames = { self: '<own identity ID>', clientId: '<client ID>' };
export const SENDER_NAMES: VariableNames = { self: "<sender's identity ID>", clientId: "<sender's client ID>" };
export const RECEIVER_NAMES: VariableNames = { self: "<receiver's identity ID>", clientId: "<receiver's client ID>" };

const VARIABLE = /\$\{([^}]*)\}/g;

/** Whether the statement's policy substitutes variables: only under Version 2012-10-17; otherwise `${…}` is literal text. */
export function substitutesVariables(statement: CompiledStatement): boolean {
  return statement.policy.version?.value === '2012-10-17';
}

/**
 * A Resource entry of the statement with the identity's own values named: `users/${cognito-identity.amazonaws.com:sub}/*`
 * → `users/<own identity ID>/*`; as written in a policy that does not substitute variables.
 */
export function namedVariables(statement: CompiledStatement, text: string, names: VariableNames = OWN_NAMES): string {
  if (!substitutesVariables(statement)) return text;
  return text.replace(VARIABLE, (whole, key: string) => {
    const bare = key.split(',')[0].trim().toLowerCase();
    if (bare === COGNITO_SUB) return names.self;
    if (bare === 'iot:clientid') return names.clientId;
    return whole;
  });
}

/**
 * A Resource entry as the summary shows it: the part after `<type>/` when it names the app's account and
 * the type, `*` when it covers every resource of the type, else as written.
 */
export function entryText(entry: EntryRef, type: string | undefined, names: VariableNames = OWN_NAMES): string {
  const { statement } = entry;
  if (entry.resource === undefined)
    return `every resource except ${statement.resources.map((r) => namedVariables(statement, r.entry.value, names)).join(', ')}`;
  return namedVariables(statement, resourceName(statement.resources[entry.resource].entry.value, type), names);
}

function resourceName(arn: string, type: string | undefined): string {
  if (arn === '*') return '*';
  const parts = splitArn(arn);
  if (!parts || type === undefined) return arn;
  if (parts.resourceType === type) return parts.resourceName ?? arn;
  const typePart = parts.resourceType ?? parts.resource;
  if (typePart === '*' || (typePart.endsWith('*') && type.startsWith(typePart.slice(0, -1)))) return '*';
  return arn;
}

export function conditionTexts(statement: CompiledStatement): string[] {
  return statement.conditions.map((c) => `${c.source.operator.value} ${c.source.key.value} ${c.source.values.map((v) => JSON.stringify(v.value)).join(', ')}`);
}

export function sourceOf(statement: CompiledStatement): StatementSource {
  return { statement: describeStatement(statementRef(statement)), range: statement.source.range };
}
