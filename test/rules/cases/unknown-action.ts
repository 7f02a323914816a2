import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const publish = (action: string | string[]) => policy({ Effect: 'Allow', Action: action, Resource: `${ARN}:topic/users/${SUB}/*` });

/** unknown-action: the cases its test runs and its documentation shows (docs/rules/unknown-action.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'action names are case-insensitive', policy: publish(['IOT:publish', 'iot:RETAINPUBLISH']) },
    { name: 'wildcards that match IoT actions', policy: publish(['iot:*Shadow', 'iot:Get*', 'iot:*']) },
    {
      name: 'iotjobsdata: actions and the bare "*"',
      policy: policy(
        { Effect: 'Allow', Action: ['iotjobsdata:DescribeJobExecution', 'iotjobsdata:UpdateJobExecution'], Resource: `${ARN}:thing/lamp` },
        { Effect: 'Allow', Action: '*', Resource: '*' },
      ),
    },
    { name: 'other services are not checked', policy: policy({ Effect: 'Allow', Action: ['cognito-identity:GetId', 's3:GetObjct'], Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'an IoT action too far from any known one for a suggestion',
      policy: policy({ Effect: 'Allow', Action: 'iot:Zzqxv', Resource: `${ARN}:topic/a` }),
      findings: [{ messageId: 'unknown', data: { action: 'iot:Zzqxv' }, line: 6, column: 17 }],
    },
    {
      name: 'a misspelt iot:Publish',
      policy: publish('iot:Publsh'),
      findings: [{ messageId: 'unknownWithSuggestion', data: { action: 'iot:Publsh', suggestion: 'iot:Publish' }, line: 6, column: 17 }],
      fixed: publish('iot:Publish'),
    },
    {
      name: 'a misspelt iot:Subscribe in a list',
      policy: publish(['iot:Receive', 'iot:Subcribe']),
      findings: [{ messageId: 'unknownWithSuggestion', data: { action: 'iot:Subcribe', suggestion: 'iot:Subscribe' }, line: 8, column: 9 }],
      fixed: publish(['iot:Receive', 'iot:Subscribe']),
    },
    {
      name: 'a misspelt iotjobsdata action',
      policy: publish('iotjobsdata:DescribeJobExecutions'),
      findings: [
        {
          messageId: 'unknownWithSuggestion',
          data: { action: 'iotjobsdata:DescribeJobExecutions', suggestion: 'iotjobsdata:DescribeJobExecution' },
          line: 6,
          column: 17,
        },
      ],
      fixed: publish('iotjobsdata:DescribeJobExecution'),
    },
    {
      name: 'an action without a service prefix',
      policy: publish('Publish'),
      findings: [{ messageId: 'notAnAction', data: { action: 'Publish' }, line: 6, column: 17 }],
    },
    {
      name: 'a wildcard that matches no IoT action',
      policy: publish(['iot:Publish', 'iot:Pubilsh*']),
      findings: [{ messageId: 'matchesNothing', data: { action: 'iot:Pubilsh*', service: 'iot' }, line: 8, column: 9 }],
    },
  ],
};
export default cases;
