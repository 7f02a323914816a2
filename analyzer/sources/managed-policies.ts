import AWSIoTConfigAccess from '../data/aws-managed-policies/AWSIoTConfigAccess.json';
import AWSIoTConfigReadOnlyAccess from '../data/aws-managed-policies/AWSIoTConfigReadOnlyAccess.json';
import AWSIoTDataAccess from '../data/aws-managed-policies/AWSIoTDataAccess.json';
import AWSIoTFullAccess from '../data/aws-managed-policies/AWSIoTFullAccess.json';
import AWSIoTLogging from '../data/aws-managed-policies/AWSIoTLogging.json';
import AWSIoTRuleActions from '../data/aws-managed-policies/AWSIoTRuleActions.json';
import AWSIoTThingsRegistration from '../data/aws-managed-policies/AWSIoTThingsRegistration.json';
import AmazonCognitoPowerUser from '../data/aws-managed-policies/AmazonCognitoPowerUser.json';
import AmazonCognitoReadOnly from '../data/aws-managed-policies/AmazonCognitoReadOnly.json';
import AmazonCognitoUnAuthedIdentitiesSessionPolicy from '../data/aws-managed-policies/AmazonCognitoUnAuthedIdentitiesSessionPolicy.json';

/** An AWS managed policy as shipped with the analyzer: the document, and which version of it, from where, when. */
export interface ManagedPolicy {
  name: string;
  arn: string;
  versionId: string;
  source: string;
  retrieved: string;
  document: unknown;
}

/** The AWS managed policies IoT apps attach to identity-pool roles (docs/iac-sources.md lists them). */
export const AWS_MANAGED_POLICIES: readonly ManagedPolicy[] = [
  AWSIoTConfigAccess,
  AWSIoTConfigReadOnlyAccess,
  AWSIoTDataAccess,
  AWSIoTFullAccess,
  AWSIoTLogging,
  AWSIoTRuleActions,
  AWSIoTThingsRegistration,
  AmazonCognitoPowerUser,
  AmazonCognitoReadOnly,
  AmazonCognitoUnAuthedIdentitiesSessionPolicy,
];

const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

/** An AWS managed policy by ARN (any partition and path) or by name (as SAM accepts); undefined when not shipped. */
export function findManagedPolicy(arnOrName: string): ManagedPolicy | undefined {
  const name = AWS_MANAGED_ARN.exec(arnOrName)?.[1] ?? (arnOrName.startsWith('arn:') ? undefined : arnOrName);
  return name === undefined ? undefined : AWS_MANAGED_POLICIES.find((p) => p.name === name);
}
