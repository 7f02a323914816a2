import { ARN, GOOD, IS_ATTACHED, SUB, THING, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const connect = (resource: string | string[], extra: object = {}) => policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: resource, ...extra });
const spoofable = connect(`${ARN}:client/\${iot:ClientId}`);

/** client-id-spoofing: the cases its test runs and its documentation shows (docs/rules/client-id-spoofing.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    {
      name: "Device Defender's compliant form: ${iot:ClientId} with IsAttached true",
      kind: 'iot',
      policy: connect(`${ARN}:client/\${iot:ClientId}`, { Condition: IS_ATTACHED }),
    },
    { name: 'client ID pinned to the attached thing', kind: 'iot', policy: connect(`${ARN}:client/${THING}`, { Condition: IS_ATTACHED }) },
    {
      name: '${iot:ClientId} in a topic is not a Connect resource',
      kind: 'iot',
      policy: policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/clients/\${iot:ClientId}/*` }),
    },
    {
      name: 'a Deny on it takes nothing away from anyone',
      kind: 'iot',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
        { Effect: 'Deny', Action: 'iot:Connect', Resource: `${ARN}:client/\${iot:ClientId}` },
      ),
    },
    { name: 'without a kind the rule does not run', policy: spoofable },
  ],
  invalid: [
    {
      name: 'Connect on client/${iot:ClientId} in the IoT policy',
      kind: 'iot',
      policy: spoofable,
      findings: [
        {
          messageId: 'spoofable',
          line: 7,
          column: 62,
        },
      ],
      fixed: connect(`${ARN}:client/${SUB}`),
    },
    {
      name: 'the variable name in another case is the same variable',
      kind: 'iot',
      policy: connect(`${ARN}:client/\${iot:clientid}`),
      findings: [{ messageId: 'spoofable', line: 7, column: 62 }],
      fixed: connect(`${ARN}:client/${SUB}`),
    },
    {
      name: 'in the guest role',
      kind: 'unauth-role',
      policy: spoofable,
      findings: [{ messageId: 'spoofable', line: 7, column: 62 }],
      fixed: connect(`${ARN}:client/${SUB}`),
    },
    {
      name: 'a prefix before the variable, in a list, granted by iot:*',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:*', Resource: [`${ARN}:topic/a`, `${ARN}:client/app-\${iot:ClientId}`] }),
      findings: [{ messageId: 'spoofable', line: 9, column: 56 }],
      fixed: policy({ Effect: 'Allow', Action: 'iot:*', Resource: [`${ARN}:topic/a`, `${ARN}:client/app-${SUB}`] }),
    },
    {
      name: 'BoolIfExists is true when the key is absent, so it does not pin anything',
      kind: 'iot',
      policy: connect(`${ARN}:client/\${iot:ClientId}`, { Condition: { BoolIfExists: { 'iot:Connection.Thing.IsAttached': 'true' } } }),
      findings: [{ messageId: 'spoofable', line: 7, column: 62 }],
    },
  ],
};
export default cases;
