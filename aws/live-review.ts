import { GetIdentityPoolRolesCommand, type CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { GetPolicyCommand as GetManagedPolicyCommand, GetPolicyVersionCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { IoTClient } from '@aws-sdk/client-iot';
import { explainAwsError } from './errors';
import { attachedPolicies, policyDocuments } from './identity-policies';
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

async function call<T>(operation: string, resource: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw explainAwsError(operation, error, resource);
  }
}

const pretty = (document: string) => `${JSON.stringify(JSON.parse(document), null, 2)}\n`;
const roleName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const safe = (name: string) => name.replace(/[^\w.+=,@-]+/g, '_');

/** Every inline and managed policy document of a role (IAM returns documents URL-encoded). */
async function rolePolicyFiles(iam: IAMClient, arn: string, folder: string): Promise<LiveFile[]> {
  const name = roleName(arn);
  const files: LiveFile[] = [];
  let marker: string | undefined;
  do {
    const page = await call('ListRolePolicies', `role ${name}`, () => iam.send(new ListRolePoliciesCommand({ RoleName: name, Marker: marker })));
    for (const policyName of page.PolicyNames ?? []) {
      const policy = await call('GetRolePolicy', `role ${name} policy ${policyName}`, () => iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })));
      files.push({ path: `${folder}/inline-${safe(policyName)}.json`, content: pretty(decodeURIComponent(policy.PolicyDocument ?? '')), origin: `inline policy ${policyName} of role ${name}` });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  do {
    const page = await call('ListAttachedRolePolicies', `role ${name}`, () => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name, Marker: marker })));
    for (const attached of page.AttachedPolicies ?? []) {
      const policyArn = attached.PolicyArn ?? '';
      const managed = await call('GetManagedPolicy', policyArn, () => iam.send(new GetManagedPolicyCommand({ PolicyArn: policyArn })));
      const versionId = managed.Policy?.DefaultVersionId ?? 'v1';
      const version = await call('GetPolicyVersionIam', `${policyArn} version ${versionId}`, () => iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })));
      files.push({ path: `${folder}/managed-${safe(attached.PolicyName ?? roleName(policyArn))}.json`, content: pretty(decodeURIComponent(version.PolicyVersion?.Document ?? '')), origin: `managed policy ${policyArn} (${versionId}) attached to role ${name}` });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
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
  const pool = await call('GetIdentityPoolRoles', `identity pool ${identityPoolId}`, () => clients.cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId })));
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
    for (const doc of await policyDocuments(clients.iot, names.filter((n) => !fetched.has(n)))) {
      const path = `iot-policies/${safe(doc.name)}.iot.json`;
      files.push({ path, content: pretty(doc.document), origin: `IoT policy ${doc.name} (default version ${doc.versionId})` });
      fetched.set(doc.name, path);
    }
    iotPolicies[identityId] = names.map((n) => fetched.get(n)!);
  }
  return { identityPoolId, roles, files, rolePolicies, iotPolicies };
}
