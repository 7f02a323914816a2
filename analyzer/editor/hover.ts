import type { Node } from 'jsonc-parser';
import { canonicalAction, isDataPlaneAction, actionsCoveredBy } from '../catalog/actions';
import { splitArn } from '../catalog/arn';
import { findDataPlaneAction } from '../catalog/data-plane';
import { lookupContextKey } from '../catalog/keys';
import { parseOperator } from '../conditions/operators';
import { hasWildcard } from '../match/glob';
import { parseLenient, placeIn, variableAround } from './json-location';
import { codeSpan, escapeMarkdown } from './markdown';

export interface HoverInfo {
  markdown: string;
  offset: number;
  length: number;
}

/** `hoverIn` on a text parsed for this one call. */
export function hoverAt(text: string, offset: number): HoverInfo | undefined {
  return hoverIn(parseLenient(text), offset);
}

/** What the thing under the cursor means, for editors: actions, ARNs, variables, condition keys and operators, effects. */
export function hoverIn(root: Node | undefined, offset: number): HoverInfo | undefined {
  const place = placeIn(root, offset);
  if (place.kind === 'other') return undefined;
  const span = { offset: place.node.offset, length: place.node.length };
  switch (place.kind) {
    case 'effect':
      return { markdown: describeEffect(place.value), ...span };
    case 'action':
      return { markdown: describeAction(place.value), ...span };
    case 'resource':
    case 'condition-value': {
      const variable = variableAround(place.value, offset - place.node.offset - 1);
      if (variable) return { markdown: describeVariable(variable.name), offset: place.node.offset + 1 + variable.start, length: variable.end - variable.start };
      return place.kind === 'resource' ? { markdown: describeArn(place.value), ...span } : undefined;
    }
    case 'condition-operator':
      return { markdown: describeOperator(place.value), ...span };
    case 'condition-key':
      return { markdown: describeKey(place.value), ...span };
  }
}

export function describeAction(action: string): string {
  if (action === '*' || hasWildcard(action)) {
    const covered = actionsCoveredBy(action);
    const dataPlane = covered.filter(isDataPlaneAction);
    return `**${escapeMarkdown(action)}** covers ${covered.length} known AWS IoT action${covered.length === 1 ? '' : 's'}${dataPlane.length ? `, including the data-plane actions ${dataPlane.map((a) => `\`${a}\``).join(', ')}` : ''}.`;
  }
  const dataPlane = findDataPlaneAction(action);
  if (dataPlane) {
    const scope =
      dataPlane.scopeDown === 'documented'
        ? 'For authenticated Cognito identities, both the role and an attached IoT policy must allow it; guests need only the unauthenticated role.'
        : "Not in AWS's documented scope-down list; for authenticated identities, IoT Policy Lens decides it both with and without the attached IoT policy and reports a difference as ambiguous (reading A2).";
    const resource = dataPlane.resourceType === 'any' ? 'Resource: `*`.' : `Resource: \`arn:aws:iot:<region>:<account>:${dataPlane.resourceType}/…\`.`;
    return `**${dataPlane.name}** — ${dataPlane.summary}\n\n${resource}\n\n${scope}`;
  }
  const known = canonicalAction(action);
  if (known)
    return `**${known}** — an AWS IoT control-plane action. For Cognito identities the identity pool role alone decides it: an attached IoT policy cannot grant it.`;
  return `**${escapeMarkdown(action)}** is not a known AWS IoT action.`;
}

export function describeArn(value: string): string {
  if (value === '*') return '`*` — every resource.';
  const arn = splitArn(value);
  if (!arn) return `${codeSpan(value)} is not an ARN.`;
  const rows = [
    ['partition', arn.partition],
    ['service', arn.service],
    ['region', arn.region],
    ['account', arn.account],
    ['resource type', arn.resourceType ?? '—'],
    ['resource', arn.resourceName ?? arn.resource],
  ];
  const notes: string[] = [];
  if (/[*?]/.test(arn.resource)) notes.push('`*` matches any characters (including `/`), `?` exactly one.');
  if (/[+#]/.test(arn.resource.replace(/\$\{[^}]*\}/g, ''))) notes.push('`+` and `#` are literal here, not MQTT wildcards.');
  if (arn.resource.includes('${')) notes.push('`${…}` variables are replaced per request; hover one to see its value.');
  return ['| part | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${codeSpan(v || ' ', true)} |`), '', ...notes].join('\n');
}

export function describeVariable(name: string): string {
  const lookup = lookupContextKey(name);
  if (!lookup.known) return `${codeSpan(`\${${name}}`)} is not a known policy variable: it never resolves, so the entry using it matches nothing.`;
  if (lookup.info) {
    const { info } = lookup;
    const usage = info.multiValued ? '\n\nMulti-valued: cannot be used as a variable; test it in a Condition with ForAnyValue:.' : '';
    return `**\${${info.name}}** — ${info.description}${usage}\n\n| identity | value |\n|---|---|\n| authenticated | ${info.cognito.authenticated} |\n| unauthenticated | ${info.cognito.unauthenticated} |`;
  }
  return `**\${${escapeMarkdown(name)}}** — ${familyDescription(lookup)}`;
}

/** Keys known by family rather than by name: certificate fields, thing attributes, tags. */
function familyDescription(lookup: { neverForCognito?: boolean; thingOnly?: boolean }): string {
  if (lookup.neverForCognito) return 'an X.509 certificate field. Cognito identities have no certificate: it never resolves for them.';
  if (lookup.thingOnly) return 'an attribute of the thing attached to the identity; it has a value only over MQTT when the client ID is the thing name.';
  return 'a tag key of the principal or request.';
}

/** Policy evaluation: an explicit Deny wins over every Allow (docs/iot-authorization.md §1.3). */
export function describeEffect(effect: string): string {
  if (effect === 'Allow')
    return '**Allow** — the statement grants the requests it matches, unless an explicit Deny matches them too (here or in the other policies evaluated with it).';
  if (effect === 'Deny')
    return '**Deny** — an explicit deny: for the requests it matches it overrides every Allow, here and in the other policies evaluated with it.';
  return `${codeSpan(effect)} is not an Effect: it must be exactly \`Allow\` or \`Deny\` (case-sensitive); AWS rejects the policy.`;
}

export function describeOperator(name: string): string {
  const parsed = parseOperator(name);
  if (!parsed) return `${codeSpan(name)} is not a condition operator.`;
  const parts = [`**${escapeMarkdown(name)}** — ${parsed.spec.description}.`];
  if (parsed.spec.negated) parts.push('Negated: true when no value matches, and when the key is absent.');
  if (parsed.ifExists) parts.push('`IfExists`: true when the key is absent.');
  if (parsed.qualifier === 'ForAnyValue') parts.push('`ForAnyValue:` true when at least one request value matches (false when the key has no values).');
  if (parsed.qualifier === 'ForAllValues') parts.push('`ForAllValues:` true when every request value matches (true when the key has no values).');
  if (parsed.spec.variables) parts.push('Values may use `${…}` policy variables.');
  return parts.join('\n\n');
}

export function describeKey(name: string): string {
  const lookup = lookupContextKey(name);
  if (!lookup.known)
    return `${codeSpan(name)} is not a condition key documented for AWS IoT with Cognito identities (it is absent from requests, so positive operators on it are false).`;
  if (!lookup.info) return `**${escapeMarkdown(name)}** — ${familyDescription(lookup)}`;
  const { info } = lookup;
  return `**${info.name}** (${info.multiValued ? 'multi-valued ' : ''}${info.type}) — ${info.description}\n\n| identity | value |\n|---|---|\n| authenticated | ${info.cognito.authenticated} |\n| unauthenticated | ${info.cognito.unauthenticated} |`;
}
