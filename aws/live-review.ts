import { GetIdentityPoolRolesCommand, type CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import {
  GetPolicyCommand as GetManagedPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { IoTClient } from '@aws-sdk/client-iot';
import { callAws, collectPages } from './call';
import { AwsOperationError, UNUSABLE_REPLY } from './errors';
import { attachedPolicies, policyDocuments } from './identity-policies';
import { inlinePolicyFileName, iotPolicyFileName, managedPolicyFileName, sharedPath } from './live-file-names';
import { identityIdProblem, identityPoolIdProblem } from './settings';

/** One file of the live configuration, as it would be written locally. */
export interface LiveFile {
  path: string;
  content: string;
  /** Where it came from, for reports. */
  origin: string;
}

export interface LiveConfiguration {
  identityPoolId: string;
  roles: { authenticated?: string; unauthenticated?: string };
  files: LiveFile[];
  /** Paths (as in `files`) by role, and IoT policy paths by identity ID: what a scenario references. */
  rolePolicies: { authenticated: string[]; unauthenticated: string[] };
  iotPolicies: Record<string, string[]>;
}

/** A document as written locally: pretty JSON. A document that is not JSON is an unusable reply, never dropped silently. */
function pretty(document: string, operation: string, origin: string): string {
  try {
    return `${JSON.stringify(JSON.parse(document), null, 2)}\n`;
  } catch (error) {
    throw new AwsOperationError(
      operation,
      `${operation} returned ${origin} as a document that is not JSON (${(error as Error).message})`,
      UNUSABLE_REPLY.invalid,
    );
  }
}

/** IAM returns policy documents URL-encoded (RFC 3986). */
function iamDocument(encoded: string | undefined, operation: string, origin: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded ?? '');
  } catch {
    throw new AwsOperationError(operation, `${operation} returned ${origin} with a broken URL encoding`, UNUSABLE_REPLY.invalid);
  }
  return pretty(decoded, operation, origin);
}

const roleName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Every inline and managed policy document of a role. */
async function rolePolicyFiles(iam: IAMClient, arn: string, folder: string): Promise<LiveFile[]> {
  const name = roleName(arn);
  const files: LiveFile[] = [];
  const inline = await collectPages('ListRolePolicies', `role ${name}`, async (marker) => {
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: name, Marker: marker }));
    return { items: page.PolicyNames ?? [], next: page.IsTruncated ? page.Marker : undefined };
  });
  for (const policyName of inline) {
    const origin = `inline policy ${policyName} of role ${name}`;
    const policy = await callAws('GetRolePolicy', `role ${name} policy ${policyName}`, () =>
      iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })),
    );
    files.push({ path: `${folder}/${inlinePolicyFileName(policyName)}`, content: iamDocument(policy.PolicyDocument, 'GetRolePolicy', origin), origin });
  }
  const managed = await collectPages('ListAttachedRolePolicies', `role ${name}`, async (marker) => {
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name, Marker: marker }));
    return { items: page.AttachedPolicies ?? [], next: page.IsTruncated ? page.Marker : undefined };
  });
  for (const attached of managed) {
    const policyArn = attached.PolicyArn ?? '';
    const policy = await callAws('GetManagedPolicy', policyArn, () => iam.send(new GetManagedPolicyCommand({ PolicyArn: policyArn })));
    const versionId = policy.Policy?.DefaultVersionId;
    if (!versionId)
      throw new AwsOperationError('GetManagedPolicy', `GetPolicy did not say which version of ${policyArn} is the default`, UNUSABLE_REPLY.invalid);
    const origin = `managed policy ${policyArn} (${versionId}) attached to role ${name}`;
    const version = await callAws('GetPolicyVersionIam', `${policyArn} version ${versionId}`, () =>
      iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
    );
    files.push({
      path: `${folder}/${managedPolicyFileName(policyArn)}`,
      content: iamDocument(version.PolicyVersion?.Document, 'GetPolicyVersion', origin),
      origin,
    });
  }
  return files;
}

/**
 * Reads what is deployed: the identity pool's roles (GetIdentityPoolRoles), their inline and managed
 * policies, and the IoT policies attached to the given identity IDs — as files, ready for the same checks
 * and scenarios as local ones.
 */
export async function fetchLiveConfiguration(
  clients: { cognito: CognitoIdentityClient; iam: IAMClient; iot: IoTClient },
  identityPoolId: string,
  identityIds: readonly string[],
): Promise<LiveConfiguration> {
  const problem = identityPoolIdProblem(identityPoolId) ?? identityIds.map(identityIdProblem).find(Boolean);
  if (problem) throw new Error(problem);
  const pool = await callAws('GetIdentityPoolRoles', `identity pool ${identityPoolId}`, () =>
    clients.cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId })),
  );
  const roles = { authenticated: pool.Roles?.authenticated, unauthenticated: pool.Roles?.unauthenticated };
  const files: LiveFile[] = [];
  const rolePolicies = { authenticated: [] as string[], unauthenticated: [] as string[] };
  for (const kind of ['authenticated', 'unauthenticated'] as const) {
    const arn = roles[kind];
    if (!arn) continue;
    const roleFiles = await rolePolicyFiles(clients.iam, arn, `roles/${kind === 'authenticated' ? 'auth-role' : 'guest-role'}`);
    files.push(...roleFiles);
    rolePolicies[kind] = roleFiles.map((f) => f.path);
  }
  const iotPolicies: Record<string, string[]> = {};
  const fetched = new Map<string, string>();
  for (const identityId of identityIds) {
    const names = await attachedPolicies(clients.iot, identityId);
    for (const doc of await policyDocuments(
      clients.iot,
      names.filter((n) => !fetched.has(n)),
    )) {
      const origin = `IoT policy ${doc.name} (default version ${doc.versionId})`;
      const path = `iot-policies/${iotPolicyFileName(doc.name)}`;
      files.push({ path, content: pretty(doc.document, 'GetPolicy', origin), origin });
      fetched.set(doc.name, path);
    }
    iotPolicies[identityId] = names.map((n) => fetched.get(n)!);
  }
  const shared = sharedPath(files.map((f) => f.path));
  if (shared)
    throw new AwsOperationError(
      'review',
      `two of the policies read map to one file, ${shared}; nothing is reported rather than one policy dropped`,
      UNUSABLE_REPLY.invalid,
    );
  return { identityPoolId, roles, files, rolePolicies, iotPolicies };
}
