import { ARN, GOOD, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const connectWhen = (condition: object) => policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}`, Condition: condition });

/** unknown-condition-operator: the cases its test runs and its documentation shows (docs/rules/unknown-condition-operator.md). */
const cases: RuleCases = {
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
      findings: [{ messageId: 'unknownWithSuggestion', data: { operator: 'stringequals', suggestion: 'StringEquals' }, line: 9, column: 9 }],
      fixed: connectWhen({ StringEquals: { 'aws:SourceIp': '203.0.113.0/24' } }),
    },
    {
      name: 'a misspelt suffix, reported once for all its keys',
      policy: connectWhen({ StringLikeIfExist: { 'iot:ClientId': 'app-*', 'iot:DomainName': '*.example.com' } }),
      findings: [{ messageId: 'unknownWithSuggestion', data: { operator: 'StringLikeIfExist', suggestion: 'StringLikeIfExists' }, line: 9, column: 9 }],
      fixed: connectWhen({ StringLikeIfExists: { 'iot:ClientId': 'app-*', 'iot:DomainName': '*.example.com' } }),
    },
    {
      name: 'a misspelt qualifier',
      policy: connectWhen({ 'ForAnyValues:StringEquals': { 'iot:ConnectAttributes': 'LastWill' } }),
      findings: [
        { messageId: 'unknownWithSuggestion', data: { operator: 'ForAnyValues:StringEquals', suggestion: 'ForAnyValue:StringEquals' }, line: 9, column: 9 },
      ],
      fixed: connectWhen({ 'ForAnyValue:StringEquals': { 'iot:ConnectAttributes': 'LastWill' } }),
    },
    {
      name: 'NullIfExists: the fix is Null, never a look-alike such as BoolIfExists',
      policy: connectWhen({ NullIfExists: { 'iot:LastWillTopic': 'true' } }),
      findings: [
        {
          messageId: 'ifExistsNotAllowed',
          data: { operator: 'NullIfExists', base: 'Null' },
          line: 9,
          column: 9,
        },
      ],
      fixed: connectWhen({ Null: { 'iot:LastWillTopic': 'true' } }),
    },
    {
      name: 'a made-up operator has no fix',
      policy: connectWhen({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Frobnicate: { 'iot:ClientId': 'x' } }),
      findings: [{ messageId: 'unknown', data: { operator: 'Frobnicate' }, line: 12, column: 9 }],
    },
  ],
};
export default cases;
