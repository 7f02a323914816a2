import type { AwsSettings } from '../aws/settings';

/** The options every AWS-calling command takes. */
export const AWS_OPTIONS = {
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
} as const;

export const AWS_OPTIONS_HELP = `  --region R      AWS region (default: from the profile or AWS_REGION)
  --profile P     named or SSO profile from ~/.aws (default: the SDK's default credential chain)
  --endpoint URL  service endpoint override (private endpoints, local tests)`;

export function awsSettings(values: { region?: string; profile?: string; endpoint?: string }): AwsSettings {
  // IOT_POLICY_LENS_MAX_ATTEMPTS exists for tests that simulate throttling without waiting for retries.
  const maxAttempts = Number(process.env.IOT_POLICY_LENS_MAX_ATTEMPTS) || undefined;
  return { region: values.region, profile: values.profile, endpoint: values.endpoint, maxAttempts };
}
