// Runnable example of the library API: `npm run build && node examples/library-api.js`.
// Compile an identity pool's policies once, then ask many questions.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { IdentityPool, explainCheck } = require('../dist/analyzer');

const policies = path.join(__dirname, '..', 'samples', 'per-user-app', 'policies');
const read = (name) => ({ text: fs.readFileSync(path.join(policies, name), 'utf8'), file: `samples/per-user-app/policies/${name}` });

const pool = new IdentityPool({
  authenticatedRole: [read('auth-role.json')],
  unauthenticatedRole: [read('guest-role.json')],
  scope: { region: 'us-east-1', account: '123456789012' },
  // This app's guests use Cognito's basic flow (no session policy): without the pin, guest verdicts are ambiguous (A1).
  readings: { A1: 'unrestricted' },
});

const aliceId = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
const alice = pool.identity({ type: 'authenticated', identityId: aliceId }, [read('user.iot.json')], 'alice');
const guest = pool.identity({ type: 'unauthenticated', identityId: 'us-east-1:0a1b2c3d-9999-4a5b-8c9d-0123456789ab' }, [], 'guest');

console.log('alice may publish to her telemetry topic:', alice.canPublish(`users/${aliceId}/telemetry`));
console.log('alice may subscribe to users/+/telemetry:', alice.canSubscribe('users/+/telemetry'));
console.log('guest may receive broadcast/news:', guest.canReceive('broadcast/news'));

// The fast path returns the decision and the deciding statements; explain() adds the whole trace.
const decision = alice.decide('iot:Receive', pool.arn('topic', 'broadcast/admin/rotate-keys'));
console.log('alice receives broadcast/admin/rotate-keys:', decision.decision, '(IoT policy:', decision.iot.outcome + ')');
console.log(explainCheck(alice.explain('iot:Subscribe', pool.arn('topicfilter', 'users/#'))).join('\n'));

// Over HTTPS a client only publishes: Subscribe is denied whatever the policies say, and the answer says why.
const overHttps = pool.identity({ type: 'authenticated', identityId: aliceId, protocol: 'https' }, [read('user.iot.json')], 'alice over HTTPS');
const refused = overHttps.decide('iot:Subscribe', pool.arn('topicfilter', `users/${aliceId}/#`));
console.log('alice subscribes over HTTPS:', refused.decision, `(${refused.refusedBecause})`);
