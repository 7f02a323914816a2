import { ARN, GOOD, IS_ATTACHED, SUB, THING, policy, thingPolicy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const publishAsClientId = policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/devices/\${iot:ClientId}/*` });

const certificateConnect = policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/\${iot:Certificate.Subject.CommonName}` });
const shadowForClientId = policy(
  { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
  { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/$aws/things/${THING}/shadow/update` },
);

/** variable-unavailable-for-cognito: the cases its test runs and its documentation shows (docs/rules/variable-unavailable-for-cognito.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: '${iot:ClientId} in an IoT policy, where it is documented', kind: 'iot', policy: publishAsClientId },
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
      name: '${iot:ClientId} in the authenticated role (reading A14)',
      kind: 'auth-role',
      policy: publishAsClientId,
      findings: [{ messageId: 'clientIdInRole', line: 7, column: 69, severity: 'warning' }],
    },
    {
      name: '${iot:ClientId} in the guest role (reading A14)',
      kind: 'unauth-role',
      policy: publishAsClientId,
      findings: [{ messageId: 'clientIdInRole', line: 7, column: 69, severity: 'warning' }],
    },
    {
      name: 'a certificate variable can never resolve for Cognito',
      kind: 'iot',
      policy: certificateConnect,
      findings: [
        {
          messageId: 'certificateVariable',
          data: { name: 'iot:Certificate.Subject.CommonName' },
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
          messageId: 'thingVariableNeedsThing',
          data: { name: 'iot:Connection.Thing.ThingName' },
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
      findings: [{ messageId: 'thingVariableNeedsThing', data: { name: 'iot:Connection.Thing.ThingName' }, line: 12, column: 73, severity: 'warning' }],
    },
    {
      name: 'thing variables never resolve for guests, IsAttached or not',
      kind: 'unauth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${THING}`, Condition: IS_ATTACHED }),
      findings: [{ messageId: 'thingVariableForGuest', data: { name: 'iot:Connection.Thing.ThingName' }, line: 7, column: 62, severity: 'error' }],
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
      findings: [{ messageId: 'thingVariableNeedsThing', data: { name: 'iot:Connection.Thing.Attributes[serial]' }, line: 10, column: 28 }],
    },
  ],
};
export default cases;
