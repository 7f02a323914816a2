import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const publish = (action: string | string[]) => policy({ Effect: 'Allow', Action: action, Resource: `${ARN}:topic/users/${SUB}/*` });

ruleTester('unknown-action', {
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
      name: 'a misspelt iot:Publish',
      policy: publish('iot:Publsh'),
      findings: [{ message: /^unknown action "iot:Publsh"; did you mean "iot:Publish"\?$/, line: 6, column: 17 }],
      fixed: publish('iot:Publish'),
    },
    {
      name: 'a misspelt iot:Subscribe in a list',
      policy: publish(['iot:Receive', 'iot:Subcribe']),
      findings: [{ message: /did you mean "iot:Subscribe"/, line: 8, column: 9 }],
      fixed: publish(['iot:Receive', 'iot:Subscribe']),
    },
    {
      name: 'a misspelt iotjobsdata action',
      policy: publish('iotjobsdata:DescribeJobExecutions'),
      findings: [{ message: /did you mean "iotjobsdata:DescribeJobExecution"/, line: 6, column: 17 }],
      fixed: publish('iotjobsdata:DescribeJobExecution'),
    },
    {
      name: 'an action without a service prefix',
      policy: publish('Publish'),
      findings: [{ message: /^"Publish" is not an action: write service:Action, e.g. "iot:Publish"$/, line: 6, column: 17 }],
    },
    {
      name: 'a wildcard that matches no IoT action',
      policy: publish(['iot:Publish', 'iot:Pubilsh*']),
      findings: [{ message: /^"iot:Pubilsh\*" matches no iot action$/, line: 8, column: 9 }],
    },
  ],
});
