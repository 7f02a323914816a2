import { ARN, GOOD, IS_ATTACHED, SUB, policy } from '../fixtures';
import type { RuleCases } from '../rule-tester';

const connectWhen = (condition: object) => policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}`, Condition: condition });

/** condition-value-type: the cases its test runs and its documentation shows (docs/rules/condition-value-type.md). */
const cases: RuleCases = {
  valid: [
    ...GOOD,
    { name: 'IsAttached as a JSON boolean', policy: connectWhen({ Bool: { 'iot:Connection.Thing.IsAttached': true } }) },
    { name: 'IsAttached as a string', policy: connectWhen(IS_ATTACHED) },
    {
      name: 'each key with its operator type',
      policy: connectWhen({
        IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
        'ForAllValues:StringEquals': { 'iot:ConnectAttributes': [] },
        NumericLessThan: { 'aws:EpochTime': '1900000000' },
        DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
        ArnLike: { 'iot:LastWillTopic': `${ARN}:topic/will/*` },
        StringEquals: { 'iot:LastWillTopic': `${ARN}:topic/will/${SUB}` },
        Null: { 'aws:SourceIp': 'false' },
      }),
    },
    { name: 'a Bool value that is a policy variable', policy: connectWhen({ Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/t}' } }) },
    {
      name: 'the multi-valued amr key with ForAnyValue:',
      policy: connectWhen({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
    },
  ],
  invalid: [
    {
      name: 'a Bool condition on "yes" is never true',
      policy: connectWhen({ Bool: { 'iot:Connection.Thing.IsAttached': 'yes' } }),
      findings: [
        { messageId: 'unreadableValue', data: { operator: 'Bool', type: '"true" or "false"', value: 'yes' }, line: 10, column: 46, severity: 'error' },
      ],
    },
    {
      name: 'a Bool policy variable under an old Version is literal text, never true',
      policy: {
        Version: '2008-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/t}' } } }],
      },
      findings: [
        {
          messageId: 'unreadableValue',
          data: { operator: 'Bool', type: '"true" or "false"', value: '${aws:PrincipalTag/t}' },
          line: 10,
          column: 34,
          severity: 'error',
        },
      ],
    },
    {
      name: 'a variable in an IpAddress value is not substituted',
      policy: connectWhen({ IpAddress: { 'aws:SourceIp': '${aws:PrincipalTag/net}' } }),
      findings: [
        {
          messageId: 'unreadableValue',
          data: { operator: 'IpAddress', type: 'an IP address or CIDR block', value: '${aws:PrincipalTag/net}' },
          line: 10,
          column: 27,
          severity: 'error',
        },
      ],
    },
    {
      name: 'a CIDR block with three octets',
      policy: connectWhen({ IpAddress: { 'aws:SourceIp': '203.0.113/24' } }),
      findings: [
        {
          messageId: 'unreadableValue',
          data: { operator: 'IpAddress', type: 'an IP address or CIDR block', value: '203.0.113/24' },
          line: 10,
          column: 27,
          severity: 'error',
        },
      ],
    },
    {
      name: 'a date that does not parse',
      policy: connectWhen({ DateGreaterThan: { 'aws:CurrentTime': 'tomorrow' } }),
      findings: [
        {
          messageId: 'unreadableValue',
          data: { operator: 'DateGreaterThan', type: 'a date (ISO 8601 or epoch seconds)', value: 'tomorrow' },
          line: 10,
          column: 30,
          severity: 'error',
        },
      ],
    },
    {
      name: 'the source IP compared as a string',
      policy: connectWhen({ StringLike: { 'aws:SourceIp': '203.0.113.*' } }),
      findings: [
        {
          messageId: 'operatorForType',
          data: { key: 'aws:SourceIp', holds: 'an IP address', operators: 'IpAddress', operator: 'StringLike' },
          line: 10,
          column: 11,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a multi-valued key without ForAnyValue:/ForAllValues:',
      policy: connectWhen({ StringEquals: { 'iot:ConnectAttributes': 'PersistentConnect' } }),
      findings: [
        {
          messageId: 'multiValuedKey',
          data: { key: 'iot:ConnectAttributes', operator: 'StringEquals' },
          line: 9,
          column: 9,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'ForAllValues: on a single-valued key',
      policy: connectWhen({ 'ForAllValues:StringLike': { 'iot:ClientId': 'app-*' } }),
      findings: [
        {
          messageId: 'singleValuedKey',
          data: { key: 'iot:ClientId', qualifier: 'ForAllValues' },
          line: 9,
          column: 9,
          severity: 'warning',
        },
      ],
    },
  ],
};
export default cases;
