import { appRuleTester, ARN, doc, SUB } from './app-rule-tester';

const role = doc({ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: '*' });
const connect = { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` };
const subscribe = (filter: string) => ({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/${filter}` });
const receive = (topic: string) => ({ Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/${topic}` });

appRuleTester('app-wildcard-filter-delivery', {
  valid: [
    {
      name: 'a literal filter whose topics Receive does not allow (topic/ with a literal + matches no topic)',
      authRole: [role],
      iot: [doc(connect, subscribe('sensors/+'), receive('sensors/+'))],
    },
    { name: 'a filter range written with * (no literal MQTT wildcard)', authRole: [role], iot: [doc(connect, subscribe('sensors/*'), receive('sensors/*'))] },
    {
      name: 'a per-identity filter with # under the own namespace only',
      authRole: [role],
      iot: [doc(connect, subscribe(`users/${SUB}/#`), receive(`users/${SUB}/*`))],
    },
  ],
  invalid: [
    {
      name: 'a filter with a wildcard in its first level reaches every client’s topics',
      authRole: [role],
      iot: [doc(connect, subscribe('+/status'), receive('*/status'))],
      findings: [
        {
          messageId: 'everyTopic',
          message: /filter "\+\/status" .* receives "zz-level\/status": every topic of every client/,
          file: 'iot-0.json',
          line: 12,
          severity: 'error',
        },
      ],
    },
    {
      name: 'every device’s shadow updates through $aws/things/+/shadow/update/accepted',
      authRole: [role],
      iot: [doc(connect, subscribe('$aws/things/+/shadow/update/accepted'), receive('$aws/things/*/shadow/update/accepted'))],
      findings: [
        {
          messageId: 'everyDevice',
          message:
            /subscribe with the filter "\$aws\/things\/\+\/shadow\/update\/accepted" .* receives "\$aws\/things\/zz-device\/shadow\/update\/accepted": every device's reserved topics/,
          file: 'iot-0.json',
          line: 12,
          severity: 'error',
          related: ['auth-role-0.json'],
        },
      ],
    },
    {
      name: 'Subscribe and Receive split across two IoT policies',
      authRole: [role],
      iot: [doc(connect, subscribe('sensors/+/temperature')), doc(receive('sensors/*'))],
      findings: [
        {
          messageId: 'matchingTopics',
          message: /filter "sensors\/\+\/temperature" .* receives "sensors\/zz-level\/temperature": every topic the filter matches/,
          file: 'iot-0.json',
          line: 12,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a filter of all users’ status topics reaches another user’s namespace',
      authRole: [role],
      iot: [doc(connect, subscribe(`users/${SUB}/*`), subscribe('users/+/status'), receive('users/*'))],
      findings: [
        {
          messageId: 'otherUsers',
          message: /filter "users\/\+\/status" .* receives "users\/us-east-1:0+2-[0-9a-f-]+\/status": another signed-in user's per-identity topics/,
          file: 'iot-0.json',
          line: 17,
          severity: 'error',
        },
      ],
    },
  ],
});
