import { actionPrefix } from '../../catalog/actions';
import { splitArn, wildcardInResourceType } from '../../catalog/arn';
import type { ParsedStatement } from '../../policy/model';
import type { Rule } from '../rule';

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

/** Why a Resource entry is not a well-formed ARN pattern, or undefined. */
export function arnProblem(text: string): string | undefined {
  if (text === '*') return undefined;
  if (!text.startsWith('arn:')) return `"${text}" is not an ARN (it must start with "arn:") or "*"`;
  const parts = splitArn(text);
  if (!parts) return `"${text}" has fewer than six colon-separated parts (arn:partition:service:region:account:resource)`;
  if (!PARTITIONS.has(parts.partition) && !/[*?]/.test(parts.partition)) return `unknown partition "${parts.partition}"`;
  if (/[*?]/.test(parts.service)) return 'wildcards cannot be used in the service part of an ARN';
  if (parts.service === '') return 'the service part of the ARN is empty';
  if (wildcardInResourceType(text))
    return `wildcards are not allowed in the resource type ("${parts.resourceType}"): in an Allow this entry grants nothing; name the type (e.g. "topic/…")`;
  if (parts.service !== 'iot') return undefined;
  if (parts.region !== '' && !/^([a-z]{2}(-[a-z]+)+-\d+|[*?a-z0-9-]*[*?][*?a-z0-9-]*)$/.test(parts.region)) return `"${parts.region}" is not a region`;
  if (parts.region === '') return 'AWS IoT ARNs need a region';
  if (!/^(\d{12}|[\d*?]*[*?][\d*?]*)$/.test(parts.account)) return `"${parts.account}" is not a 12-digit account ID`;
  if (parts.resource === '') return 'the resource part is empty (a trailing ":"?)';
  if (parts.resource.endsWith('/') && parts.resourceName === '') return `"${parts.resource}" names no resource after the type`;
  return undefined;
}

/** True when every action the statement lists is an AWS IoT action (iot: or iotjobsdata:, which use IoT ARNs). */
function onlyIotActions(statement: ParsedStatement): boolean {
  const actions = statement.actions;
  return !!actions && !actions.negated && actions.values.length > 0 && actions.values.every((a) => ['iot', 'iotjobsdata'].includes(actionPrefix(a.value)));
}

/** An IoT statement's resource in another service matches nothing the statement's actions check. */
function wrongService(value: string): string | undefined {
  const arn = splitArn(value);
  if (!arn || arn.service === 'iot' || /[*?]/.test(arn.service)) return undefined;
  const hint =
    arn.service === 'iot-data' || arn.service === 'iotdata' || arn.service === 'io' || arn.service === 'iot-core'
      ? ' (AWS IoT ARNs use "iot", also for the data plane)'
      : '';
  return `this statement's actions are AWS IoT actions, which only check arn:…:iot:… resources; service "${arn.service}" never matches${hint}`;
}

const rule: Rule = {
  meta: {
    id: 'malformed-arn',
    title: 'Malformed resource ARN',
    family: 'resources',
    severity: 'error',
    kinds: 'any',
    rationale:
      'AWS IoT ARNs have the form arn:partition:iot:region:account-id:type/name. A missing "iot" part, a trailing colon, a wildcard in the resource type or a wrong account makes CreatePolicy fail or the entry match nothing.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/iot-action-resources.html',
  },
  check({ policy, report }) {
    for (const statement of policy.statements) {
      const onlyIot = onlyIotActions(statement);
      for (const entry of statement.resources?.values ?? []) {
        const problem = arnProblem(entry.value) ?? (onlyIot && !statement.resources?.negated ? wrongService(entry.value) : undefined);
        if (problem) report({ message: problem, range: entry.range });
      }
    }
  },
};
export default rule;
