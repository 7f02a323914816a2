import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const everything = (action: string | string[]) => policy({ Effect: 'Allow', Action: action, Resource: '*' });

ruleTester('service-wildcard-action', {
  valid: [
    ...GOOD,
    { name: 'a narrower wildcard', kind: 'iot', policy: policy({ Effect: 'Allow', Action: 'iot:*Shadow', Resource: `${ARN}:thing/lamp-${SUB}` }) },
    { name: 'Deny iot:* is a guard rail, not a grant', kind: 'auth-role', policy: policy({ Effect: 'Deny', Action: 'iot:*', Resource: `${ARN}:thing/*` }) },
    { name: "other services' wildcards are not this rule's", kind: 'auth-role', policy: everything('s3:*') },
  ],
  invalid: [
    {
      name: 'iot:* in an IoT policy (a warning)',
      kind: 'iot',
      policy: everything('iot:*'),
      findings: [{ message: /^"iot:\*" grants every action; list the data-plane actions this policy is for$/, line: 6, column: 17, severity: 'warning' }],
    },
    {
      name: '"*" in the authenticated role (an error: the control plane comes with it)',
      kind: 'auth-role',
      policy: everything('*'),
      findings: [{ message: /^"\*" gives every signed-in user the whole AWS IoT API, administration included$/, line: 6, column: 17, severity: 'error' }],
    },
    {
      name: 'IOT:* in the guest role, case-insensitively',
      kind: 'unauth-role',
      policy: everything(['iot:Connect', 'IOT:*']),
      findings: [{ message: /^"IOT:\*" gives every guest the whole AWS IoT API/, line: 8, column: 9, severity: 'error' }],
    },
    {
      name: 'without a kind: a warning',
      policy: everything('iotjobsdata:*'),
      findings: [{ message: /"iotjobsdata:\*" grants every action/, line: 6, column: 17, severity: 'warning' }],
    },
  ],
});
