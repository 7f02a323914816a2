import { DetachPolicyCommand, GetPolicyCommand, type IoTClient } from '@aws-sdk/client-iot';
import { explainAwsError } from './errors';
import { listAttached } from './attach';
import { identityIdProblem, policyNameProblem } from './settings';

async function call<T>(operation: string, resource: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw explainAwsError(operation, error, resource);
  }
}

/** The IoT policies attached to a Cognito identity ID. */
export async function attachedPolicies(client: IoTClient, identityId: string): Promise<string[]> {
  const problem = identityIdProblem(identityId);
  if (problem) throw new Error(problem);
  return listAttached(client, identityId, call);
}

/** The default version's document of each named policy. */
export async function policyDocuments(client: IoTClient, names: readonly string[]): Promise<Array<{ name: string; document: string; versionId?: string }>> {
  const documents = [];
  for (const name of names) {
    const policy = await call('GetPolicy', `policy ${name}`, () => client.send(new GetPolicyCommand({ policyName: name })));
    documents.push({ name, document: policy.policyDocument ?? '', versionId: policy.defaultVersionId });
  }
  return documents;
}

/** Detaches a policy from an identity; detaching what is not attached says so and changes nothing. */
export async function detachPolicyFromIdentity(client: IoTClient, policyName: string, identityId: string): Promise<'detached' | 'not-attached'> {
  const problem = identityIdProblem(identityId) ?? policyNameProblem(policyName);
  if (problem) throw new Error(problem);
  if (!(await listAttached(client, identityId, call)).includes(policyName)) return 'not-attached';
  await call('DetachPolicy', identityId, () => client.send(new DetachPolicyCommand({ policyName, target: identityId })));
  if ((await listAttached(client, identityId, call)).includes(policyName)) throw new Error(`DetachPolicy succeeded but ${policyName} is still listed for ${identityId}`);
  return 'detached';
}
