/**
 * File names for the live policies `review` reads. Distinct policies always get distinct names, so none
 * is dropped: a managed policy's name comes from its whole ARN (an AWS-managed and a customer-managed
 * `AWSIoTDataAccess` are different policies), not from its policy name alone.
 */

/** Keeps the characters IAM and IoT policy names may contain; never yields `~`, which separates ARN parts. */
const safe = (text: string) => text.replace(/[^\w.+=,@-]+/g, '_');

export function inlinePolicyFileName(policyName: string): string {
  return `inline-${safe(policyName)}.json`;
}

export function iotPolicyFileName(policyName: string): string {
  return `${safe(policyName)}.iot.json`;
}

/**
 * `arn:aws:iam::aws:policy/AWSIoTDataAccess` → `managed-aws-AWSIoTDataAccess.json`;
 * `arn:aws:iam::123456789012:policy/team/app-guest` → `managed-123456789012-team~app-guest.json`.
 */
export function managedPolicyFileName(policyArn: string): string {
  const match = /^arn:[\w-]+:iam::(aws|\d{12}):policy\/(.+)$/.exec(policyArn);
  if (!match) return `managed-${safe(policyArn)}.json`;
  const [, owner, pathAndName] = match;
  return `managed-${owner}-${pathAndName.split('/').filter(Boolean).map(safe).join('~')}.json`;
}

/** The path two of the files share, if any: reading must never map two policies onto one file. */
export function sharedPath(paths: readonly string[]): string | undefined {
  const seen = new Set<string>();
  return paths.find((path) => seen.size === seen.add(path).size);
}
