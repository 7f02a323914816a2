import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester('receive-without-subscribe', {
  valid: [
    ...GOOD,
    {
      name: 'a literal users/<sub>/# filter delivers the per-identity topics',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/${SUB}/#` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/*` },
      ),
    },
    {
      name: "a literal + filter delivers every identity's status",
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/users/+/status` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/users/${SUB}/status` },
      ),
    },
    {
      name: 'a wildcard filter covers the topic',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:Receive'],
        Resource: [`${ARN}:topicfilter/*`, `${ARN}:topic/$aws/things/lamp/shadow/update/accepted`],
      }),
    },
  ],
  invalid: [
    {
      name: 'Receive with no Subscribe at all (info)',
      policy: policy({ Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/news/*` }),
      findings: [{ message: /^no statement allows a subscription that would deliver topic\/news\/x$/, line: 7, column: 19, severity: 'info' }],
    },
    {
      name: 'Subscribe written on a topic/ ARN',
      policy: policy({ Effect: 'Allow', Action: ['iot:Subscribe', 'iot:Receive'], Resource: `${ARN}:topic/users/${SUB}/*` }),
      findings: [{ message: /deliver topic\/users\/\$\{cognito-identity\.amazonaws\.com:sub\}\/x$/, line: 10, column: 19 }],
    },
    {
      name: 'a topic/ pattern with a literal + matches no topic, so nothing is ever delivered to it',
      policy: policy({
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:Receive'],
        Resource: [`${ARN}:topicfilter/users/+/status`, `${ARN}:topic/users/+/status`],
      }),
      findings: [
        { message: /^no subscription can deliver topic\/users\/\+\/status: "\+" is literal here, and topic names cannot contain it$/, line: 12, column: 9 },
      ],
    },
    {
      name: 'a literal "#" filter never delivers $ reserved topics',
      policy: policy(
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/#` },
        { Effect: 'Allow', Action: 'iot:Receive', Resource: [`${ARN}:topic/news`, `${ARN}:topic/$aws/things/lamp/shadow/update/accepted`] },
      ),
      findings: [{ message: /deliver topic\/\$aws\/things\/lamp\/shadow\/update\/accepted$/, line: 14, column: 9 }],
    },
  ],
});
