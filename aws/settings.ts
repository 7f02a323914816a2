import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { IAMClient } from '@aws-sdk/client-iam';
import { IoTClient } from '@aws-sdk/client-iot';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { connectionProblem, DEFAULT_TIMEOUT_SECONDS } from './connection-settings';
import { credentialTrailLogger } from './credential-trail';

/**
 * Where and as whom to call AWS. Credentials come from the SDK's default chain (environment, shared
 * config and credentials files, named and SSO profiles, container and instance roles) unless given.
 * `endpoint` overrides the service endpoint (private endpoints, local tests).
 */
export interface AwsSettings {
  region?: string;
  profile?: string;
  endpoint?: string;
  /** Total attempts per read call, retries included (SDK default 3). Changes are never retried. */
  maxAttempts?: number;
  /** Connection and reply timeout of every call, in seconds (default DEFAULT_TIMEOUT_SECONDS). */
  timeoutSeconds?: number;
  credentials?: AwsCredentialIdentity;
}

/** Reads go through `read` (retried by the SDK); changes through `write`, which never retries: see aws/attach.ts. */
export interface IotClients {
  read: IoTClient;
  write: IoTClient;
}

function clientConfig(settings: AwsSettings) {
  // The SDK warns on every run that its releases after January 2027 will need Node 22. This tool pins its SDK
  // version and supports Node 20 (package.json engines), so the warning says nothing about this run and would
  // bury the output users read; a user's own setting of the variable still wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const problem = connectionProblem({ endpoint: settings.endpoint, timeout: settings.timeoutSeconds }, { endpoint: 'endpoint', timeout: 'timeout' });
  if (problem) throw new Error(problem);
  const timeoutMs = Math.round((settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000);
  return {
    ...(settings.region && { region: settings.region }),
    ...(settings.profile && { profile: settings.profile }),
    ...(settings.endpoint && { endpoint: settings.endpoint }),
    ...(settings.maxAttempts && { maxAttempts: settings.maxAttempts }),
    ...(settings.credentials && { credentials: settings.credentials }),
    // Without throwOnRequestTimeout the SDK only logs a warning and keeps waiting; requestTimeout ends when the
    // reply's headers arrive, so socketTimeout bounds a reply whose body stalls.
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true, socketTimeout: timeoutMs },
    logger: credentialTrailLogger(),
  };
}

export function iotClients(settings: AwsSettings): IotClients {
  const config = clientConfig(settings);
  return { read: new IoTClient(config), write: new IoTClient({ ...config, maxAttempts: 1 }) };
}

export function cognitoIdentityClient(settings: AwsSettings): CognitoIdentityClient {
  return new CognitoIdentityClient(clientConfig(settings));
}

export function iamClient(settings: AwsSettings): IAMClient {
  return new IAMClient(clientConfig(settings));
}

const IDENTITY_ID = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IDENTITY_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

/** Why the text is not a Cognito identity ID (`region:uuid`), or undefined. */
export function identityIdProblem(value: string): string | undefined {
  return IDENTITY_ID.test(value) ? undefined : `"${value}" is not a Cognito identity ID (region:uuid, e.g. us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab)`;
}

export function identityPoolIdProblem(value: string): string | undefined {
  return IDENTITY_POOL_ID.test(value) ? undefined : `"${value}" is not an identity pool ID (region:uuid)`;
}

export function policyNameProblem(value: string): string | undefined {
  return POLICY_NAME.test(value) ? undefined : `"${value}" is not a valid IoT policy name (1-128 letters, digits and +=,.@-_)`;
}

/** An IoT policy name from a file name: `user.iot.json` → `user-iot`. */
export function policyNameFromFile(file: string): string {
  const base = file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.json$/i, '');
  return (
    base
      .replace(/[^\w+=,.@-]+/g, '-')
      .replace(/\./g, '-')
      .slice(0, 128) || 'policy'
  );
}
