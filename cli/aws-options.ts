import { connectionProblem, DEFAULT_TIMEOUT_SECONDS } from '../aws/connection-settings';
import type { AwsSettings } from '../aws/settings';
import { UsageError } from './usage-error';

/** The options every AWS-calling command takes. */
export const AWS_OPTIONS = {
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  timeout: { type: 'string' },
} as const;

export const AWS_OPTIONS_HELP = `  --region R      AWS region (default: from the profile or AWS_REGION)
  --profile P     named or SSO profile from ~/.aws (default: the SDK's default credential chain)
  --endpoint URL  service endpoint override (private endpoints, local tests); https://, or http:// to this machine only
  --timeout S     seconds to wait for AWS to connect and answer each call (default ${DEFAULT_TIMEOUT_SECONDS})`;

export function awsSettings(values: { region?: string; profile?: string; endpoint?: string; timeout?: string }): AwsSettings {
  const problem = connectionProblem(values, { endpoint: '--endpoint', timeout: '--timeout' });
  if (problem) throw new UsageError(problem);
  // IOT_POLICY_LENS_MAX_ATTEMPTS exists for tests that simulate throttling without waiting for retries.
  const maxAttempts = Number(process.env.IOT_POLICY_LENS_MAX_ATTEMPTS) || undefined;
  return {
    region: values.region,
    profile: values.profile,
    endpoint: values.endpoint,
    maxAttempts,
    timeoutSeconds: values.timeout === undefined ? undefined : Number(values.timeout),
  };
}
