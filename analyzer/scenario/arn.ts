import type { IotResourceType } from '../catalog/data-plane';

export interface ArnScope {
  partition: string;
  region: string;
  account: string;
}

export const DEFAULT_SCOPE: ArnScope = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

export const SCOPE_PARTS = ['partition', 'region', 'account'] as const;
export type ScopePart = (typeof SCOPE_PARTS)[number];

/** `arn:aws:iot:us-east-1:123456789012:topic/a/b` */
export function iotArn(scope: ArnScope, type: Exclude<IotResourceType, 'any'>, name: string): string {
  return `arn:${scope.partition}:iot:${scope.region}:${scope.account}:${type}/${name}`;
}

/** "region eu-west-1, account 999988887777" (and the partition when it is not `aws`). */
export function describeScope(scope: ArnScope): string {
  return `${scope.partition === 'aws' ? '' : `partition ${scope.partition}, `}region ${scope.region}, account ${scope.account}`;
}

/**
 * The partition, region and account an IoT ARN pattern names, as written (`*`, `eu-*` or a policy
 * variable included); undefined for resources that are not IoT ARNs (`*`, another service).
 */
export function iotArnScope(resource: string): ArnScope | undefined {
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !globMatches(parts[2], 'iot')) return undefined;
  return { partition: parts[1], region: parts[3], account: parts[4] };
}

/** Whether an ARN part pattern (`*` and `?` wildcards) matches a value; a policy variable matches anything. */
export function globMatches(pattern: string, value: string): boolean {
  if (pattern.includes('${')) return true;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}
