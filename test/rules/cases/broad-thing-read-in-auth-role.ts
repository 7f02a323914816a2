import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const describeOn = (resource: string | string[]) => policy({ Effect: 'Allow', Action: ['iot:DescribeThing', 'iot:ListThingPrincipals'], Resource: resource });

/** broad-thing-read-in-auth-role: the cases its test runs and its documentation shows (docs/rules/broad-thing-read-in-auth-role.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'a single thing', kind: 'auth-role', policy: describeOn(`${ARN}:thing/lamp`) },
    { name: 'a prefix (Device Defender: compliant)', kind: 'auth-role', policy: describeOn(`${ARN}:thing/MyApp*`) },
    { name: 'things named after the identity', kind: 'auth-role', policy: describeOn(`${ARN}:thing/${SUB}-*`) },
    {
      name: 'NotResource that excludes every thing',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:DescribeThing', NotResource: `${ARN}:thing/*` }),
    },
    { name: "guests are admin-action-in-cognito-role's", kind: 'unauth-role', policy: describeOn(`${ARN}:thing/*`) },
  ],
  invalid: [
    {
      name: 'thing/*',
      kind: 'auth-role',
      policy: describeOn(`${ARN}:thing/*`),
      findings: [
        {
          messageId: 'everyThing',
          data: { actions: 'iot:DescribeThing, iot:ListThingPrincipals', resource: 'arn:aws:iot:us-east-1:123456789012:thing/*' },
          line: 10,
          column: 19,
        },
      ],
    },
    {
      name: '"*" through a wildcard action',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:ListThingGroupsFor*', Resource: '*' }),
      findings: [{ messageId: 'everyThing', data: { actions: 'iot:ListThingGroupsForThing', resource: '*' }, line: 7, column: 19 }],
    },
    {
      name: 'every resource of the account, next to a single thing',
      kind: 'auth-role',
      policy: describeOn([`${ARN}:thing/lamp`, `${ARN}:*`]),
      findings: [
        {
          messageId: 'everyThing',
          data: { actions: 'iot:DescribeThing, iot:ListThingPrincipals', resource: 'arn:aws:iot:us-east-1:123456789012:*' },
          line: 12,
          column: 9,
        },
      ],
    },
    {
      name: 'NotResource that leaves other things in',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:ListJobExecutionsForThing', NotResource: `${ARN}:thing/secret` }),
      findings: [{ messageId: 'notResource', data: { actions: 'iot:ListJobExecutionsForThing', element: 'NotResource' }, line: 7, column: 7 }],
    },
  ],
};
export default cases;
