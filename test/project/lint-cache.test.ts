import { strict as assert } from 'node:assert';
import { ResolvedConfig } from '../../analyzer';
import { lintEmitted } from '../../analyzer/project/lint-cache';

const SPOOFING = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:us-east-1:123456789012:client/${iot:ClientId}' }],
});

describe('findings of template policies are remembered by document, file, kind and config', () => {
  it('the same document gives the same findings; another kind, file or config is checked anew', () => {
    const config = new ResolvedConfig({});
    const first = lintEmitted(SPOOFING, 'a.yaml', 'a.yaml', 'iot', config);
    assert.ok(first.some((f) => f.ruleId === 'client-id-spoofing'));
    assert.equal(lintEmitted(SPOOFING, 'a.yaml', 'a.yaml', 'iot', config), first, 'served from memory');
    assert.ok(!lintEmitted(SPOOFING, 'a.yaml', 'a.yaml', undefined, config).some((f) => f.ruleId === 'client-id-spoofing'), 'kind matters');
    assert.equal(lintEmitted(SPOOFING, 'b.yaml', 'b.yaml', 'iot', config)[0].range.file, 'b.yaml', 'file matters');
    const quiet = new ResolvedConfig({ rules: { 'client-id-spoofing': 'off' } });
    assert.ok(!lintEmitted(SPOOFING, 'a.yaml', 'a.yaml', 'iot', quiet).some((f) => f.ruleId === 'client-id-spoofing'), 'config matters');
  });
});
