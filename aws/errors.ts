import { credentialProblem } from './credential-trail';

/**
 * AWS errors in plain words. The SDK's class is chosen by the error code, so we match `name` (modeled
 * and unmodeled codes alike), never the HTTP status.
 */

/** The IAM action each operation needs, for "missing permission" messages. */
export const REQUIRED_ACTION: Record<string, string> = {
  GetPolicy: 'iot:GetPolicy',
  CreatePolicy: 'iot:CreatePolicy',
  CreatePolicyVersion: 'iot:CreatePolicyVersion',
  ListPolicyVersions: 'iot:ListPolicyVersions',
  DeletePolicyVersion: 'iot:DeletePolicyVersion',
  GetPolicyVersion: 'iot:GetPolicyVersion',
  AttachPolicy: 'iot:AttachPolicy',
  DetachPolicy: 'iot:DetachPolicy',
  ListAttachedPolicies: 'iot:ListAttachedPolicies',
  GetIdentityPoolRoles: 'cognito-identity:GetIdentityPoolRoles',
  ListRolePolicies: 'iam:ListRolePolicies',
  GetRolePolicy: 'iam:GetRolePolicy',
  ListAttachedRolePolicies: 'iam:ListAttachedRolePolicies',
  GetManagedPolicy: 'iam:GetPolicy',
  GetPolicyVersionIam: 'iam:GetPolicyVersion',
};

/** Codes of our own for replies that cannot be trusted: the command stops and exits as for unreadable input. */
export const UNUSABLE_REPLY = { repeatedMarker: 'RepeatedPageMarker', tooManyPages: 'TooManyPages', invalid: 'InvalidReply' } as const;

export class AwsOperationError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    /** The original error's name (the AWS error code), or one of UNUSABLE_REPLY. */
    readonly code: string,
  ) {
    super(message);
  }

  /** AWS answered, but with something no list or document can be built from. */
  get unusableReply(): boolean {
    return (Object.values(UNUSABLE_REPLY) as string[]).includes(this.code);
  }
}

/**
 * A flow stopped part-way: `state` says what AWS looks like now — "nothing was changed" only when no
 * change was sent, otherwise read back from AWS (or "unknown" with what to check), never assumed.
 */
export class AwsChangeError extends Error {
  constructor(
    message: string,
    readonly state: string,
    readonly cause?: AwsOperationError,
  ) {
    super(`${message}\nAWS state: ${state}`);
  }
}

const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedException',
  'NotAuthorizedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
]);
const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);

/** Turns any error from an AWS call into a sentence that says what to do. */
export function explainAwsError(operation: string, error: unknown, resource: string): AwsOperationError {
  const name = (error as { name?: string })?.name ?? 'Error';
  const detail = (error as { message?: string })?.message ?? String(error);
  const action = REQUIRED_ACTION[operation] ?? operation;
  const code = (error as { code?: string })?.code ?? '';
  let message: string;
  if (DENIED.has(name)) {
    message =
      name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId' || name.startsWith('ExpiredToken')
        ? `${operation} was refused: the credentials are not valid (${name}); refresh them (for SSO profiles: aws sso login)`
        : `${operation} was refused: the caller lacks permission ${action} on ${resource} (${name}: ${detail})`;
  } else if (THROTTLED.has(name)) {
    message = `${operation} was throttled by AWS and the retries ran out (${name}); try again in a moment`;
  } else if (name === 'LimitExceededException' && operation === 'AttachPolicy') {
    message = `${operation} failed: ${resource} already has the maximum number of IoT policies attached (10); detach one first`;
  } else if (name === 'MalformedPolicyException') {
    message = `${operation} failed: AWS rejected the policy document as malformed: ${detail}`;
  } else if (name === 'ResourceNotFoundException' || name === 'NoSuchEntityException') {
    message = `${operation} failed: ${resource} was not found (${detail})`;
  } else if (name === 'VersionsLimitExceededException') {
    message = `${operation} failed: the policy already has 5 versions (someone created one meanwhile); run again`;
  } else if ((name === 'CredentialsProviderError' || /Could not load credentials/i.test(detail)) && credentialProblem()) {
    message = `${operation} was not sent: the AWS credentials could not be loaded: ${credentialProblem()}`;
  } else if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(detail)) {
    message = `no AWS credentials found: set a profile (--profile or the iotPolicyLens.aws.profile setting), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (${detail})`;
  } else if (/Region is missing/i.test(detail)) {
    message = 'no AWS region: pass --region, set the iotPolicyLens.aws.region setting, or set AWS_REGION';
  } else if (/ECONNRESET|socket hang up|EPIPE/i.test(`${detail} ${code}`)) {
    // Checked before TimeoutError: the SDK names a reset connection TimeoutError too.
    message = `${operation}: the connection was lost before AWS answered (${detail}); AWS may have applied it`;
  } else if (name === 'TimeoutError') {
    message = `${operation} got no answer in time (${detail}); AWS may still have received it`;
  } else if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/i.test(`${name} ${detail} ${code}`)) {
    message = `${operation} could not reach the AWS endpoint (${detail})`;
  } else {
    message = `${operation} failed: ${name}: ${detail}`;
  }
  return new AwsOperationError(operation, message, name);
}
