import { ARN, GOOD, IS_ATTACHED, SUB, policy } from './fixtures';
import { ruleTester } from './rule-tester';

const connectWhen = (condition: object) => policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}`, Condition: condition });

ruleTester('condition-value-type', {
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
      findings: [{ message: /^Bool needs "true" or "false", not "yes"$/, line: 10, column: 46, severity: 'error' }],
    },
    {
      name: 'a Bool policy variable under an old Version is literal text, never true',
      policy: {
        Version: '2008-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/t}' } } }],
      },
      findings: [{ message: /^Bool needs "true" or "false", not "\$\{aws:PrincipalTag\/t\}"$/, line: 10, column: 34, severity: 'error' }],
    },
    {
      name: 'a variable in an IpAddress value is not substituted',
      policy: connectWhen({ IpAddress: { 'aws:SourceIp': '${aws:PrincipalTag/net}' } }),
      findings: [{ message: /^IpAddress needs an IP address or CIDR block, not "\$\{aws:PrincipalTag\/net\}"$/, line: 10, column: 27, severity: 'error' }],
    },
    {
      name: 'a CIDR block with three octets',
      policy: connectWhen({ IpAddress: { 'aws:SourceIp': '203.0.113/24' } }),
      findings: [{ message: /^IpAddress needs an IP address or CIDR block, not "203\.0\.113\/24"$/, line: 10, column: 27, severity: 'error' }],
    },
    {
      name: 'a date that does not parse',
      policy: connectWhen({ DateGreaterThan: { 'aws:CurrentTime': 'tomorrow' } }),
      findings: [{ message: /needs a date \(ISO 8601 or epoch seconds\), not "tomorrow"/, line: 10, column: 30, severity: 'error' }],
    },
    {
      name: 'the source IP compared as a string',
      policy: connectWhen({ StringLike: { 'aws:SourceIp': '203.0.113.*' } }),
      findings: [{ message: /^aws:SourceIp holds an IP address value; compare it with IpAddress, not StringLike$/, line: 10, column: 11, severity: 'warning' }],
    },
    {
      name: 'a multi-valued key without ForAnyValue:/ForAllValues:',
      policy: connectWhen({ StringEquals: { 'iot:ConnectAttributes': 'PersistentConnect' } }),
      findings: [
        {
          message: /^iot:ConnectAttributes is multi-valued: use ForAnyValue:StringEquals or ForAllValues:StringEquals$/,
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
          message: /^iot:ClientId has a single value; ForAllValues: is meant for multi-valued keys \(ForAllValues: is true when the key is absent\)$/,
          line: 9,
          column: 9,
          severity: 'warning',
        },
      ],
    },
  ],
});
