import type { IotResourceType } from './data-plane';

/** An ARN (or ARN pattern) from a policy, split into its six parts. The resource part keeps any further colons. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
  /** `topic` in `topic/a/b`; undefined when the resource part has no `/` (e.g. `*`). */
  resourceType?: string;
  /** `a/b` in `topic/a/b`. */
  resourceName?: string;
  /** Offset of the resource part within the ARN text. */
  resourceOffset: number;
}

/** The six colon-separated parts of an ARN; the last keeps any further colons (identity IDs contain one). */
export function arnSegments(text: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon === -1) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

// Rules ask for the parts of the same entries many times per policy: the answers for the last policy or so are kept.
const recentArns = new Map<string, ArnParts | null>();
const RECENT_ARNS = 1024;

/** The ARN's parts (never to be modified: the same object is returned for the same text), or undefined when it is not an ARN. */
export function splitArn(text: string): ArnParts | undefined {
  const recent = recentArns.get(text);
  if (recent !== undefined) return recent ?? undefined;
  const parts = arnPartsOf(text);
  if (recentArns.size >= RECENT_ARNS) recentArns.clear();
  recentArns.set(text, parts ?? null);
  return parts;
}

function arnPartsOf(text: string): ArnParts | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = arnSegments(text);
  if (!parts) return undefined;
  const resource = parts[5];
  const start = text.length - resource.length;
  const slash = resource.indexOf('/');
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource,
    resourceType: slash === -1 ? undefined : resource.slice(0, slash),
    resourceName: slash === -1 ? undefined : resource.slice(slash + 1),
    resourceOffset: start,
  };
}

// Services whose every resource ARN starts its resource part with a resource type (`topic/…`, `instance/…`,
// `user/…`). Others (s3's `bucket/key`, execute-api's `api-id/stage/…`) put a name first, where wildcards are fine.
const TYPED_RESOURCE_SERVICES = new Set(['iot', 'ec2', 'iam']);

/**
 * Whether the pattern has a `*` or `?` before the first `/` of its resource part (`…:t*pic/x`): that is the
 * resource type, where AWS does not allow wildcards (docs/iot-authorization.md §2.2), so the entry grants nothing.
 */
export function wildcardInResourceType(text: string): boolean {
  const parts = splitArn(text);
  if (!parts || !TYPED_RESOURCE_SERVICES.has(parts.service) || parts.resourceType === undefined) return false;
  return /[*?]/.test(parts.resourceType);
}

/**
 * The IoT resource types an ARN pattern can match: one type when the type part is literal, every data-plane
 * type when the pattern's wildcard reaches into the type (`*`, `arn:aws:iot:r:a:*`, `t*`).
 */
export function resourceTypesMatched(arn: string): Set<IotResourceType> | 'all' {
  if (arn === '*') return 'all';
  const parts = splitArn(arn);
  if (!parts) return new Set();
  if (parts.service !== 'iot' && !/[*?]/.test(parts.service)) return new Set();
  const typePart = parts.resourceType ?? parts.resource;
  if (/[*?]/.test(typePart)) return 'all';
  if (parts.resourceType === undefined) return new Set();
  return new Set([parts.resourceType as IotResourceType]);
}
