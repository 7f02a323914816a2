import { actionPrefix } from '../../catalog/actions';
import { splitArn, wildcardInResourceType } from '../../catalog/arn';
import type { ParsedStatement } from '../../policy/model';
import { defineRule } from '../rule';

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

const MESSAGES = {
  notArn: '"{{resource}}" is not an ARN (it must start with "arn:") or "*"',
  tooFewParts: '"{{resource}}" has fewer than six colon-separated parts (arn:partition:service:region:account:resource)',
  unknownPartition: 'unknown partition "{{partition}}"',
  wildcardInService: 'wildcards cannot be used in the service part of an ARN',
  emptyService: 'the service part of the ARN is empty',
  wildcardInType: 'wildcards are not allowed in the resource type ("{{type}}"): in an Allow this entry grants nothing; name the type (e.g. "topic/…")',
  notRegion: '"{{region}}" is not a region',
  noRegion: 'AWS IoT ARNs need a region',
  notAccount: '"{{account}}" is not a 12-digit account ID',
  emptyResource: 'the resource part is empty (a trailing ":"?)',
  noName: '"{{resource}}" names no resource after the type',
  wrongService: 'this statement\'s actions are AWS IoT actions, which only check arn:…:iot:… resources; service "{{service}}" never matches{{hint}}',
};

interface Problem {
  messageId: keyof typeof MESSAGES;
  data?: Record<string, string>;
}

/** Why a Resource entry is not a well-formed ARN pattern, or undefined. */
export function arnProblem(text: string): Problem | undefined {
  if (text === '*') return undefined;
  if (!text.startsWith('arn:')) return { messageId: 'notArn', data: { resource: text } };
  const parts = splitArn(text);
  if (!parts) return { messageId: 'tooFewParts', data: { resource: text } };
  if (!PARTITIONS.has(parts.partition) && !/[*?]/.test(parts.partition)) return { messageId: 'unknownPartition', data: { partition: parts.partition } };
  if (/[*?]/.test(parts.service)) return { messageId: 'wildcardInService' };
  if (parts.service === '') return { messageId: 'emptyService' };
  if (wildcardInResourceType(text)) return { messageId: 'wildcardInType', data: { type: parts.resourceType ?? '' } };
  if (parts.service !== 'iot') return undefined;
  if (parts.region !== '' && !/^([a-z]{2}(-[a-z]+)+-\d+|[*?a-z0-9-]*[*?][*?a-z0-9-]*)$/.test(parts.region))
    return { messageId: 'notRegion', data: { region: parts.region } };
  if (parts.region === '') return { messageId: 'noRegion' };
  if (!/^(\d{12}|[\d*?]*[*?][\d*?]*)$/.test(parts.account)) return { messageId: 'notAccount', data: { account: parts.account } };
  if (parts.resource === '') return { messageId: 'emptyResource' };
  if (parts.resource.endsWith('/') && parts.resourceName === '') return { messageId: 'noName', data: { resource: parts.resource } };
  return undefined;
}

const IOT_PREFIXES = new Set(['iot', 'iotjobsdata']);

/** True when every action the statement lists is an AWS IoT action (iot: or iotjobsdata:, which use IoT ARNs). */
function onlyIotActions(statement: ParsedStatement): boolean {
  const actions = statement.actions;
  return !!actions && !actions.negated && actions.values.length > 0 && actions.values.every((a) => IOT_PREFIXES.has(actionPrefix(a.value)));
}

/** An IoT statement's resource in another service matches nothing the statement's actions check. */
function wrongService(value: string): Problem | undefined {
  const arn = splitArn(value);
  if (!arn || arn.service === 'iot' || /[*?]/.test(arn.service)) return undefined;
  const hint =
    arn.service === 'iot-data' || arn.service === 'iotdata' || arn.service === 'io' || arn.service === 'iot-core'
      ? ' (AWS IoT ARNs use "iot", also for the data plane)'
      : '';
  return { messageId: 'wrongService', data: { service: arn.service, hint } };
}

const rule = defineRule({
  meta: {
    id: 'malformed-arn',
    title: 'Malformed resource ARN',
    family: 'resources',
    severity: 'error',
    kinds: 'any',
    rationale:
      'AWS IoT ARNs have the form arn:partition:iot:region:account-id:type/name. A missing "iot" part, a trailing colon, a wildcard in the resource type or a wrong account makes CreatePolicy fail or the entry match nothing.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/iot-action-resources.html',
    messages: MESSAGES,
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      const onlyIot = onlyIotActions(statement);
      for (const entry of statement.resources?.values ?? []) {
        const problem = arnProblem(entry.value) ?? (onlyIot && !statement.resources?.negated ? wrongService(entry.value) : undefined);
        if (problem) report({ ...problem, range: entry.range });
      }
    }
  },
});
export default rule;
