import * as os from 'node:os';
import * as path from 'node:path';
import { runCliAsync, type CliResult } from '../cli/run-cli';
import type { FakeAws } from './fake-aws';

/** Runs `iot-policy-lens` in `dir` against the fake, with its credentials and no ~/.aws files. */
export function cliAgainst(aws: FakeAws, dir: string): (args: string[], env?: Record<string, string>) => Promise<CliResult> {
  return (args, env = {}) =>
    runCliAsync([...args, '--endpoint', aws.endpoint, '--region', aws.region], {
      cwd: dir,
      env: {
        AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
        AWS_CONFIG_FILE: path.join(os.tmpdir(), 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), 'no-aws-credentials'),
        IOT_POLICY_LENS_MAX_ATTEMPTS: '1',
        ...env,
      },
    });
}
