import { ARN, GOOD, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const connectWhen = (condition: object) => policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}`, Condition: condition });

ruleTester('unknown-condition-operator', {
  valid: [
    ...GOOD,
    {
      name: 'qualified and IfExists forms',
      policy: connectWhen({
        'ForAllValues:StringEquals': { 'iot:ConnectAttributes': ['PersistentConnect'] },
        StringNotLikeIfExists: { 'iot:ClientId': 'test-*' },
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        Null: { 'iot:LastWillTopic': 'true' },
        ArnLike: { 'iot:LastWillTopic': `${ARN}:topic/will/*` },
      }),
    },
  ],
  invalid: [
    {
      name: 'a lower-case operator',
      policy: connectWhen({ stringequals: { 'aws:SourceIp': '203.0.113.0/24' } }),
      findings: [{ message: /^unknown condition operator "stringequals"; did you mean "StringEquals"\?$/, line: 9, column: 9 }],
      fixed: connectWhen({ StringEquals: { 'aws:SourceIp': '203.0.113.0/24' } }),
    },
    {
      name: 'a misspelt suffix, reported once for all its keys',
      policy: connectWhen({ StringLikeIfExist: { 'iot:ClientId': 'app-*', 'iot:DomainName': '*.example.com' } }),
      findings: [{ message: /did you mean "StringLikeIfExists"/, line: 9, column: 9 }],
      fixed: connectWhen({ StringLikeIfExists: { 'iot:ClientId': 'app-*', 'iot:DomainName': '*.example.com' } }),
    },
    {
      name: 'a misspelt qualifier',
      policy: connectWhen({ 'ForAnyValues:StringEquals': { 'iot:ConnectAttributes': 'LastWill' } }),
      findings: [{ message: /did you mean "ForAnyValue:StringEquals"/, line: 9, column: 9 }],
      fixed: connectWhen({ 'ForAnyValue:StringEquals': { 'iot:ConnectAttributes': 'LastWill' } }),
    },
    {
      name: 'NullIfExists: the fix is Null, never a look-alike such as BoolIfExists',
      policy: connectWhen({ NullIfExists: { 'iot:LastWillTopic': 'true' } }),
      findings: [
        {
          message: /^"NullIfExists" is not an operator: Null cannot take IfExists \(it already tests whether the key exists\); use "Null"$/,
          line: 9,
          column: 9,
        },
      ],
      fixed: connectWhen({ Null: { 'iot:LastWillTopic': 'true' } }),
    },
    {
      name: 'a made-up operator has no fix',
      policy: connectWhen({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Frobnicate: { 'iot:ClientId': 'x' } }),
      findings: [{ message: /^unknown condition operator "Frobnicate"$/, line: 12, column: 9 }],
    },
  ],
});
