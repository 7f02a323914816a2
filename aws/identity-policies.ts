import { DetachPolicyCommand, GetPolicyCommand, type IoTClient } from '@aws-sdk/client-iot';
import { callAws } from './call';
import { AwsChangeError, AwsOperationError } from './errors';
import { attachmentState, listAttached } from './live-state';
import { identityIdProblem, policyNameProblem, type IotClients } from './settings';

/** The IoT policies attached to a Cognito identity ID. */
export async function attachedPolicies(client: IoTClient, identityId: string): Promise<string[]> {
  const problem = identityIdProblem(identityId);
  if (problem) throw new Error(problem);
  return listAttached(client, identityId);
}

/** The default version's document of each named policy. */
export async function policyDocuments(client: IoTClient, names: readonly string[]): Promise<Array<{ name: string; document: string; versionId?: string }>> {
  const documents = [];
  for (const name of names) {
    const policy = await callAws('GetPolicy', `policy ${name}`, () => client.send(new GetPolicyCommand({ policyName: name })));
    documents.push({ name, document: policy.policyDocument ?? '', versionId: policy.defaultVersionId });
  }
  return documents;
}

/**
 * Detaches a policy from an identity; detaching what is not attached says so and changes nothing. DetachPolicy
 * is sent once (never retried); when it or the confirming list fails, the error carries the state read back.
 */
export async function detachPolicyFromIdentity(clients: IotClients, policyName: string, identityId: string): Promise<'detached' | 'not-attached'> {
  const problem = identityIdProblem(identityId) ?? policyNameProblem(policyName);
  if (problem) throw new Error(problem);
  const before = await listAttached(clients.read, identityId).catch((error: AwsOperationError) => {
    throw new AwsChangeError(error.message, 'nothing was changed', error);
  });
  if (!before.includes(policyName)) return 'not-attached';
  try {
    await callAws('DetachPolicy', identityId, () => clients.write.send(new DetachPolicyCommand({ policyName, target: identityId })));
  } catch (error) {
    throw new AwsChangeError((error as Error).message, await attachmentState(clients.read, policyName, identityId), error as AwsOperationError);
  }
  const after = await listAttached(clients.read, identityId).catch((error: AwsOperationError) => {
    throw new AwsChangeError(
      `DetachPolicy succeeded, but the confirming ${error.message}`,
      `unknown — AWS answered DetachPolicy with success, so ${policyName} is most likely detached from ${identityId}, but this could not be confirmed; check with iot-policy-lens attached --identity-id ${identityId}`,
      error,
    );
  });
  if (after.includes(policyName))
    throw new AwsChangeError(
      `DetachPolicy succeeded but ${policyName} is still listed for ${identityId}`,
      `read back from AWS: ${policyName} is attached to ${identityId}`,
    );
  return 'detached';
}
