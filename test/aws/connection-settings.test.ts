import { strict as assert } from 'node:assert';
import { connectionProblem, endpointProblem } from '../../aws/connection-settings';

describe('AWS connection settings', () => {
  it('accepts https:// anywhere and http:// to loopback addresses only', () => {
    for (const ok of ['https://iot.us-east-1.amazonaws.com', 'http://127.0.0.1:4566', 'http://127.8.9.10', 'http://localhost:9000', 'http://[::1]:80'])
      assert.equal(endpointProblem(ok), undefined, ok);
    for (const bad of [
      'http://iot.example.com',
      'http://127.0.0.1.evil.example',
      'http://127.0.0.1@evil.example',
      'http://localhost.evil.example',
      'http://10.0.0.1',
    ]) {
      assert.match(endpointProblem(bad) ?? '', /^http:\/\/ is allowed to this machine only/, bad);
    }
    assert.equal(endpointProblem('ftp://127.0.0.1'), 'must be an https:// URL');
    assert.match(endpointProblem('iot.amazonaws.com') ?? '', /^not a URL/);
  });

  it('names the option or setting that is wrong', () => {
    const names = { endpoint: '--endpoint', timeout: '--timeout' };
    assert.equal(connectionProblem({ endpoint: 'https://x.example', timeout: '0.5' }, names), undefined);
    for (const timeout of ['0', '-1', 'soon', '3601', 'Infinity'])
      assert.equal(connectionProblem({ timeout }, names), `--timeout ${timeout}: must be a number of seconds, more than 0 and at most 3600`);
    assert.match(
      connectionProblem({ endpoint: 'http://x.example' }, { endpoint: 'iotPolicyLens.aws.endpoint', timeout: '' }) ?? '',
      /^iotPolicyLens\.aws\.endpoint http:\/\/x\.example: /,
    );
  });
});
