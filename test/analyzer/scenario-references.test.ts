import { strict as assert } from 'node:assert';
import { scenarioPolicyFiles } from '../../analyzer';

describe('scenarioPolicyFiles: the policy files a scenario names, read from a scenario that may not be valid yet', () => {
  it('takes the first file of each role and of the first identity with an IoT policy file, and lists every file in order', () => {
    const inline = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] };
    const named = scenarioPolicyFiles({
      roles: { authenticated: ['auth-a.json', inline, 'auth-b.json'], unauthenticated: 'guest.json' },
      identities: {
        bob: { type: 'authenticated', identityId: 'x', iotPolicies: [inline] },
        alice: { type: 'authenticated', identityId: 'y', iotPolicies: ['user.iot.json', 'extra.iot.json'] },
        carol: { type: 'authenticated', identityId: 'z', iotPolicies: 'user.iot.json' },
      },
      steps: [],
    });
    assert.deepEqual(named, {
      authRole: 'auth-a.json',
      unauthRole: 'guest.json',
      iotPolicy: 'user.iot.json',
      all: ['auth-a.json', 'auth-b.json', 'guest.json', 'user.iot.json', 'extra.iot.json', 'user.iot.json'],
    });
  });

  it('lists the templates the scenario reads (its app, references into templates) and keeps them out of the editors', () => {
    const named = scenarioPolicyFiles({
      app: 'cloudformation/template.yaml#Pool',
      roles: { authenticated: ['cloudformation/template.yaml#AuthRole.Policies[Data]', 'auth.json'] },
      identities: { alice: { type: 'authenticated', identityId: 'x', iotPolicies: ['#UserIotPolicy'] } },
      steps: [],
    });
    assert.deepEqual(named, {
      authRole: 'auth.json',
      unauthRole: undefined,
      iotPolicy: undefined,
      all: ['cloudformation/template.yaml', 'cloudformation/template.yaml', 'auth.json'],
    });
  });

  it('names nothing for values of the wrong shape instead of throwing', () => {
    for (const value of [undefined, null, 3, 'scenario', [], { roles: 'auth.json', identities: ['alice'] }, { identities: { alice: null } }])
      assert.deepEqual(scenarioPolicyFiles(value), { authRole: undefined, unauthRole: undefined, iotPolicy: undefined, all: [] }, JSON.stringify(value));
  });
});
