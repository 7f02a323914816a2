import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const describeOn = (resource: string | string[]) => policy({ Effect: 'Allow', Action: ['iot:DescribeThing', 'iot:ListThingPrincipals'], Resource: resource });

ruleTester('broad-thing-read-in-auth-role', {
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
          message:
            /^iot:DescribeThing, iot:ListThingPrincipals on "arn:aws:iot:us-east-1:123456789012:thing\/\*" covers every thing; name the things \(or a prefix\) the app needs$/,
          line: 10,
          column: 19,
        },
      ],
    },
    {
      name: '"*" through a wildcard action',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:ListThingGroupsFor*', Resource: '*' }),
      findings: [{ message: /^iot:ListThingGroupsForThing on "\*" covers every thing/, line: 7, column: 19 }],
    },
    {
      name: 'every resource of the account, next to a single thing',
      kind: 'auth-role',
      policy: describeOn([`${ARN}:thing/lamp`, `${ARN}:*`]),
      findings: [{ message: /on "arn:aws:iot:us-east-1:123456789012:\*" covers every thing/, line: 12, column: 9 }],
    },
    {
      name: 'NotResource that leaves other things in',
      kind: 'auth-role',
      policy: policy({ Effect: 'Allow', Action: 'iot:ListJobExecutionsForThing', NotResource: `${ARN}:thing/secret` }),
      findings: [{ message: /^iot:ListJobExecutionsForThing with NotResource covers every thing the list does not exclude/, line: 7, column: 7 }],
    },
  ],
});
