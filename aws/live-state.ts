import { GetPolicyCommand, ListAttachedPoliciesCommand, ListPolicyVersionsCommand, type IoTClient } from '@aws-sdk/client-iot';
import { callAws, collectPages } from './call';
import { samePolicy } from './policy-diff';

/** Every IoT policy attached to the target, across pages. */
export function listAttached(client: IoTClient, target: string): Promise<string[]> {
  return collectPages('ListAttachedPolicies', target, async (marker) => {
    const page = await client.send(new ListAttachedPoliciesCommand({ target, marker, pageSize: 100 }));
    return { items: (page.policies ?? []).map((p) => p.policyName ?? ''), next: page.nextMarker };
  });
}

/** After a failure, what AWS says — or that it is unknown, and how to look. Never throws. */
async function readBack(describe: () => Promise<string>, howToCheck: string): Promise<string> {
  try {
    return `read back from AWS: ${await describe()}`;
  } catch (error) {
    return `unknown — reading it back failed too (${(error as Error).message}); check with ${howToCheck}`;
  }
}

async function attachment(client: IoTClient, policyName: string, identityId: string): Promise<string> {
  return `${policyName} is ${(await listAttached(client, identityId)).includes(policyName) ? '' : 'not '}attached to ${identityId}`;
}

/** Whether the policy is attached to the identity, read back. */
export function attachmentState(client: IoTClient, policyName: string, identityId: string): Promise<string> {
  return readBack(() => attachment(client, policyName, identityId), `iot-policy-lens attached --identity-id ${identityId}`);
}

/**
 * The policy's versions, its default (GetPolicy's defaultVersionId: the version list alone may not say
 * which is the default) and whether that is the local document, and whether it is attached — read back.
 */
export function policyState(client: IoTClient, request: { policyName: string; identityId: string; policyText: string; policyFile: string }): Promise<string> {
  const { policyName, identityId } = request;
  return readBack(async () => {
    const policy = await callAws('GetPolicy', `policy ${policyName}`, () => client.send(new GetPolicyCommand({ policyName }))).catch((error) => {
      if (error.code === 'ResourceNotFoundException') return undefined;
      throw error;
    });
    if (!policy) return `policy ${policyName} does not exist; ${await attachment(client, policyName, identityId)}`;
    const listed = await callAws('ListPolicyVersions', `policy ${policyName}`, () => client.send(new ListPolicyVersionsCommand({ policyName })));
    const versions = (listed.policyVersions ?? []).map((v) => v.versionId ?? '?').sort((a, b) => Number(a) - Number(b));
    const document = samePolicy(policy.policyDocument ?? '', request.policyText)
      ? `the document of ${request.policyFile}`
      : `not the document of ${request.policyFile}`;
    return `policy ${policyName} has version${versions.length === 1 ? '' : 's'} ${versions.join(', ')}; the default is version ${policy.defaultVersionId ?? '(not given by GetPolicy)'} (${document}); ${await attachment(client, policyName, identityId)}`;
  }, `iot-policy-lens attached --identity-id ${identityId} and aws iot list-policy-versions --policy-name ${policyName}`);
}
