import { ARN, GOOD, IS_ATTACHED, SUB, THING, policy, thingPolicy } from './fixtures';
import { strict as assert } from 'node:assert';
import { findingsOf, ruleTester } from './rule-tester';

const certificateConnect = policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${iot:Certificate.Subject.CommonName}` });
const shadowForClientId = policy(
  { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
  { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/things/${THING}/shadow/update` },
);

ruleTester('variable-unavailable-for-cognito', {
  valid: [
    ...GOOD,
    { name: 'the thing-scoped policy in the authenticated role', kind: 'auth-role', policy: thingPolicy },
    {
      name: 'a thing variable in a statement that requires an attached thing',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/devices/${THING}/telemetry`, Condition: IS_ATTACHED }),
    },
    { name: 'without a kind the rule does not run (certificate policies are fine for devices)', policy: certificateConnect },
  ],
  invalid: [
    {
      name: 'a certificate variable can never resolve for Cognito',
      kind: 'iot',
      policy: certificateConnect,
      findings: [
        {
          message: /^\$\{iot:Certificate\.Subject\.CommonName\} is a certificate variable: Cognito identities have no certificate/,
          line: 7,
          column: 62,
          severity: 'error',
        },
      ],
    },
    {
      name: 'a thing variable when the client ID is the identity, not a thing name',
      kind: 'iot',
      policy: shadowForClientId,
      findings: [
        {
          message:
            /^\$\{iot:Connection\.Thing\.ThingName\} resolves only when a thing is attached to the identity and the client ID is the thing name \(MQTT only\)/,
          line: 12,
          column: 73,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the same in the authenticated role',
      kind: 'auth-role',
      policy: shadowForClientId,
      findings: [{ message: /resolves only when a thing is attached/, line: 12, column: 73, severity: 'warning' }],
    },
    {
      name: 'thing variables never resolve for guests, IsAttached or not',
      kind: 'unauth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${THING}`, Condition: IS_ATTACHED }),
      findings: [{ message: /^\$\{iot:Connection\.Thing\.ThingName\} never resolves for guest identities/, line: 7, column: 62, severity: 'error' }],
    },
    {
      name: 'thing attributes in a condition value',
      kind: 'iot',
      policy: policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: `${ARN}:client/${SUB}`,
        Condition: { StringEquals: { 'iot:ClientId': '${iot:Connection.Thing.Attributes[serial]}' } },
      }),
      findings: [{ message: /^\$\{iot:Connection\.Thing\.Attributes\[serial\]\} resolves only when a thing is attached/, line: 10, column: 28 }],
    },
  ],
});

describe('variable-unavailable-for-cognito and ${iot:ClientId} (A14)', () => {
  const text = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:123456789012:topic/devices/${iot:ClientId}/*' }],
    },
    null,
    2,
  );
  it('warns in role policies, on the variable itself', () => {
    for (const kind of ['auth-role', 'unauth-role'] as const) {
      const [finding] = findingsOf('variable-unavailable-for-cognito', text, kind);
      assert.match(finding.message, /A14/);
      assert.deepEqual([finding.range.start.line, finding.range.start.column, finding.severity], [7, 69, 'warning']);
    }
  });
  it('is quiet in IoT policies, where the variable is documented', () => {
    assert.deepEqual(findingsOf('variable-unavailable-for-cognito', text, 'iot'), []);
  });
});
