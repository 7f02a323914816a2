import { strict as assert } from 'node:assert';
import { OPERATOR_NAMES, parseOperator, type ContextValue } from '../../analyzer';
import { arn, outcome, policy } from './helpers';

const TOPIC = arn('topic', 't');

/** Whether `Allow iot:Publish * if <condition>` allows a publish made with these context values. */
function allows(condition: Record<string, Record<string, unknown>>, values: Record<string, ContextValue> = {}): boolean {
  const p = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: condition }]);
  return outcome(p, 'iot:Publish', TOPIC, values) === 'allow';
}

/** Asserts, for one operator and key, the verdict for each request value (undefined = key absent). */
function table(operator: string, key: string, policyValue: unknown, rows: Array<[ContextValue | undefined, boolean]>): void {
  for (const [requestValue, expected] of rows) {
    const values = requestValue === undefined ? {} : { [key]: requestValue };
    assert.equal(
      allows({ [operator]: { [key]: policyValue } }, values),
      expected,
      `${operator} ${JSON.stringify(policyValue)} vs ${JSON.stringify(requestValue)}`,
    );
  }
}

describe('IAM condition operators (evaluated through policies)', () => {
  describe('string operators', () => {
    it('StringEquals is exact and case-sensitive; `*` is literal', () => {
      table('StringEquals', 'iot:ClientId', 'Device-1', [
        ['Device-1', true],
        ['device-1', false],
        ['Device-12', false],
        [undefined, false],
      ]);
      table('StringEquals', 'iot:ClientId', 'dev*', [
        ['dev*', true],
        ['device', false],
      ]);
    });

    it('StringNotEquals is the negation, and true when the key is missing', () => {
      table('StringNotEquals', 'iot:ClientId', 'Device-1', [
        ['Device-1', false],
        ['device-1', true],
        [undefined, true],
      ]);
    });

    it('StringEqualsIgnoreCase / StringNotEqualsIgnoreCase ignore case', () => {
      table('StringEqualsIgnoreCase', 'iot:ClientId', 'Device-1', [
        ['DEVICE-1', true],
        ['device-1', true],
        ['device-2', false],
        [undefined, false],
      ]);
      table('StringNotEqualsIgnoreCase', 'iot:ClientId', 'Device-1', [
        ['DEVICE-1', false],
        ['device-2', true],
        [undefined, true],
      ]);
    });

    it('StringLike / StringNotLike use `*` and `?`, case-sensitively', () => {
      table('StringLike', 'iot:ClientId', 'sensor-?-*', [
        ['sensor-1-kitchen', true],
        ['sensor-1-', true],
        ['sensor-12-x', false],
        ['Sensor-1-x', false],
        [undefined, false],
      ]);
      table('StringNotLike', 'iot:ClientId', 'sensor-*', [
        ['sensor-1', false],
        ['pump-1', true],
        [undefined, true],
      ]);
    });
  });

  describe('numeric operators', () => {
    it('compare numbers, not strings', () => {
      table('NumericEquals', 'x:n', '10', [
        ['10', true],
        ['10.0', true],
        ['9', false],
        ['abc', false],
        [undefined, false],
      ]);
      table('NumericNotEquals', 'x:n', '10', [
        ['10', false],
        ['11', true],
        [undefined, true],
      ]);
      table('NumericLessThan', 'x:n', 10, [
        ['9', true],
        ['10', false],
        ['-3', true],
        ['100', false],
      ]);
      table('NumericLessThanEquals', 'x:n', '10', [
        ['10', true],
        ['11', false],
      ]);
      table('NumericGreaterThan', 'x:n', '10', [
        ['11', true],
        ['10', false],
        ['9.5', false],
      ]);
      table('NumericGreaterThanEquals', 'x:n', '10', [
        ['10', true],
        ['9', false],
      ]);
    });

    it('a policy value that is not a number never matches', () => {
      table('NumericEquals', 'x:n', 'ten', [['10', false]]);
    });
  });

  describe('date operators', () => {
    it('compare ISO 8601 dates and epoch seconds as instants', () => {
      table('DateEquals', 'aws:CurrentTime', '2024-01-01T00:00:00Z', [
        ['2024-01-01T00:00:00Z', true],
        ['1704067200', true],
        ['2024-01-01T00:00:01Z', false],
        [undefined, false],
      ]);
      table('DateNotEquals', 'aws:CurrentTime', '2024-01-01T00:00:00Z', [
        ['1704067200', false],
        ['2023-12-31T23:59:59Z', true],
        [undefined, true],
      ]);
      table('DateLessThan', 'aws:CurrentTime', '2024-06-01T00:00:00Z', [
        ['2024-05-31T23:59:59Z', true],
        ['2024-06-01T00:00:00Z', false],
        ['2025-01-01T00:00:00Z', false],
      ]);
      table('DateLessThanEquals', 'aws:CurrentTime', '2024-06-01T00:00:00Z', [
        ['2024-06-01T00:00:00Z', true],
        ['2024-06-01T00:00:01Z', false],
      ]);
      table('DateGreaterThan', 'aws:CurrentTime', '1704067200', [
        ['2024-01-01T00:00:01Z', true],
        ['2024-01-01T00:00:00Z', false],
      ]);
      table('DateGreaterThanEquals', 'aws:CurrentTime', '2024-01-01', [
        ['2024-01-01T00:00:00Z', true],
        ['2023-12-31T23:59:59Z', false],
        ['not a date', false],
      ]);
    });
  });

  describe('Bool', () => {
    it('matches true/false, whether written as JSON booleans or strings', () => {
      table('Bool', 'iot:Connection.Thing.IsAttached', true, [
        ['true', true],
        ['false', false],
        [undefined, false],
      ]);
      table('Bool', 'iot:Connection.Thing.IsAttached', 'true', [
        ['true', true],
        ['false', false],
      ]);
      table('Bool', 'iot:Connection.Thing.IsAttached', 'false', [
        ['false', true],
        ['true', false],
      ]);
    });

    it('substitutes policy variables (AWS supports them with the Boolean operators)', () => {
      const key = 'aws:SecureTransport';
      const tag = 'aws:PrincipalTag/t';
      const ruled = (values: Record<string, ContextValue>) => allows({ Bool: { [key]: '${aws:PrincipalTag/t}' } }, values);
      assert.equal(ruled({ [key]: 'true', [tag]: 'true' }), true);
      assert.equal(ruled({ [key]: 'false', [tag]: 'false' }), true);
      assert.equal(ruled({ [key]: 'true', [tag]: 'false' }), false);
      assert.equal(ruled({ [key]: 'true' }), false, 'an unresolved variable removes the value');
    });

    it('a Deny whose Bool value is a policy variable applies', () => {
      const p = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/t}' } } },
      ]);
      assert.equal(outcome(p, 'iot:Publish', TOPIC, { 'aws:SecureTransport': 'false', 'aws:PrincipalTag/t': 'false' }), 'explicit-deny');
      assert.equal(outcome(p, 'iot:Publish', TOPIC, { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/t': 'false' }), 'allow');
    });

    it('leaves `${…}` literal under an older policy Version', () => {
      const p = policy(
        [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/t}' } } }],
        '2008-10-17',
      );
      assert.equal(outcome(p, 'iot:Publish', TOPIC, { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/t': 'true' }), 'implicit-deny');
    });
  });

  describe('BinaryEquals', () => {
    it('compares base64 values byte for byte (as text)', () => {
      table('BinaryEquals', 'x:blob', 'QmluYXJ5VmFsdWU=', [
        ['QmluYXJ5VmFsdWU=', true],
        ['qmluyxj5vmfsdwu=', false],
        [undefined, false],
      ]);
    });
  });

  describe('Null', () => {
    it('`true` means the key is absent, `false` that it is present', () => {
      table('Null', 'iot:ClientId', 'true', [
        [undefined, true],
        ['c1', false],
      ]);
      table('Null', 'iot:ClientId', false, [
        [undefined, false],
        ['c1', true],
      ]);
    });

    it('an empty multi-valued key counts as absent', () => {
      table('Null', 'iot:ConnectAttributes', 'true', [
        [[], true],
        [['LastWill'], false],
      ]);
    });
  });

  describe('IpAddress / NotIpAddress', () => {
    it('IPv4 CIDR blocks and single addresses', () => {
      table('IpAddress', 'aws:SourceIp', '203.0.113.0/24', [
        ['203.0.113.7', true],
        ['203.0.113.255', true],
        ['203.0.114.1', false],
        [undefined, false],
        ['not-an-ip', false],
      ]);
      table('IpAddress', 'aws:SourceIp', '10.1.2.3', [
        ['10.1.2.3', true],
        ['10.1.2.4', false],
      ]);
      table('IpAddress', 'aws:SourceIp', '10.0.0.0/9', [
        ['10.127.255.255', true],
        ['10.128.0.0', false],
      ]);
      table('IpAddress', 'aws:SourceIp', '0.0.0.0/0', [
        ['198.51.100.1', true],
        ['2001:db8::1', false],
      ]);
    });

    it('IPv6 CIDR blocks, including `::` compression and an embedded IPv4 tail', () => {
      table('IpAddress', 'aws:SourceIp', '2001:DB8:1234::/48', [
        ['2001:db8:1234::1', true],
        ['2001:db8:1234:ffff:ffff:ffff:ffff:ffff', true],
        ['2001:db8:1235::1', false],
        ['203.0.113.7', false],
      ]);
      table('IpAddress', 'aws:SourceIp', '2001:db8::/121', [
        ['2001:db8::7f', true],
        ['2001:db8::80', false],
      ]);
      table('IpAddress', 'aws:SourceIp', '::ffff:192.0.2.0/120', [
        ['::ffff:192.0.2.9', true],
        ['::ffff:192.0.3.9', false],
      ]);
    });

    it('full-length prefixes (/32, /128) are single addresses', () => {
      table('IpAddress', 'aws:SourceIp', '10.1.2.3/32', [
        ['10.1.2.3', true],
        ['10.1.2.2', false],
        ['10.1.2.4', false],
      ]);
      table('IpAddress', 'aws:SourceIp', '2001:db8::1/128', [
        ['2001:db8::1', true],
        ['2001:db8::2', false],
        ['2001:db8::', false],
      ]);
      table('NotIpAddress', 'aws:SourceIp', '10.1.2.3/32', [
        ['10.1.2.3', false],
        ['10.1.2.4', true],
      ]);
    });

    it('malformed addresses never lie in a block', () => {
      table('IpAddress', 'aws:SourceIp', '2001:db8::/32', [
        ['2001:db8:1:2::3:4:5:6', false], // `::` must stand for at least one group
        ['2001:db8::1::2', false],
        ['2001:db8:0:0:0:0:0:0:1', false],
        ['2001:db8::g', false],
        ['2001:db8::1', true],
      ]);
      table('IpAddress', 'aws:SourceIp', '10.0.0.0/8', [
        ['10.0.0.256', false],
        ['10.0.0', false],
        ['10.0.0.1.2', false],
        ['10.0.0.1', true],
      ]);
      // A prefix longer than the address is not a CIDR block: the value never matches.
      table('IpAddress', 'aws:SourceIp', '10.0.0.1/33', [['10.0.0.1', false]]);
      table('IpAddress', 'aws:SourceIp', '2001:db8::1/129', [['2001:db8::1', false]]);
    });

    it('NotIpAddress is the negation, and true when the key is missing', () => {
      table(
        'NotIpAddress',
        'aws:SourceIp',
        ['203.0.113.0/24', '2001:db8::/32'],
        [
          ['203.0.113.7', false],
          ['2001:db8::1', false],
          ['198.51.100.1', true],
          ['2001:db9::1', true],
          [undefined, true],
        ],
      );
    });
  });

  describe('Arn operators', () => {
    const willArn = (topic: string, region = 'us-east-1', account = '123456789012') => `arn:aws:iot:${region}:${account}:topic/${topic}`;

    it('ArnEquals and ArnLike compare the six parts separately, with wildcards', () => {
      for (const operator of ['ArnEquals', 'ArnLike']) {
        table(operator, 'iot:LastWillTopic', 'arn:aws:iot:*:123456789012:topic/will/*', [
          [willArn('will/a'), true],
          [willArn('will/a/b', 'eu-west-1'), true],
          [willArn('will/a', 'us-east-1', '999999999999'), false],
          [willArn('other/a'), false],
          [undefined, false],
        ]);
      }
    });

    it('`*` in one part does not reach into the next part', () => {
      // Five parts in the policy value: not an ARN pattern, so nothing matches.
      table('ArnLike', 'iot:LastWillTopic', 'arn:aws:iot:*:topic/will/x', [[willArn('will/x'), false]]);
      table('ArnLike', 'iot:LastWillTopic', 'arn:aws:*:123456789012:topic/x', [[willArn('x'), false]]);
      table('ArnLike', 'iot:LastWillTopic', 'arn:aws:iot:us-east-1:123456789012', [[willArn('x'), false]]);
      table('ArnLike', 'iot:LastWillTopic', 'arn:*', [[willArn('x'), false]]);
      // The resource part keeps its own colons (Cognito identity IDs).
      table('ArnLike', 'iot:LastWillTopic', 'arn:aws:iot:us-east-1:123456789012:topic/users/us-east-1:*', [
        [willArn('users/us-east-1:abc'), true],
        [willArn('users/eu-west-1:abc'), false],
      ]);
    });

    it('`*` alone matches any ARN; ArnLike is case-sensitive', () => {
      table('ArnLike', 'iot:LastWillTopic', '*', [[willArn('anything'), true]]);
      table('ArnLike', 'iot:LastWillTopic', 'arn:aws:iot:us-east-1:123456789012:topic/Will', [
        [willArn('will'), false],
        [willArn('Will'), true],
      ]);
    });

    it('ArnNotEquals / ArnNotLike are the negations, true when the key is missing', () => {
      table('ArnNotLike', 'iot:LastWillTopic', 'arn:aws:iot:*:*:topic/will/*', [
        [willArn('will/a'), false],
        [willArn('other'), true],
        [undefined, true],
      ]);
      table('ArnNotEquals', 'iot:LastWillTopic', willArn('will'), [
        [willArn('will'), false],
        [willArn('will2'), true],
        [undefined, true],
      ]);
    });
  });

  describe('IfExists', () => {
    it('a missing key makes the condition true; a present key is tested normally', () => {
      table('StringEqualsIfExists', 'iot:DomainName', 'good.example.com', [
        [undefined, true],
        ['good.example.com', true],
        ['bad.example.com', false],
      ]);
      table('IpAddressIfExists', 'aws:SourceIp', '10.0.0.0/8', [
        [undefined, true],
        ['10.1.1.1', true],
        ['11.1.1.1', false],
      ]);
      table('BoolIfExists', 'iot:Connection.Thing.IsAttached', 'true', [
        [undefined, true],
        ['false', false],
      ]);
    });

    it('`NullIfExists` is not an operator, so it never lets an Allow apply', () => {
      table('NullIfExists', 'iot:ClientId', 'true', [
        [undefined, false],
        ['c1', false],
      ]);
    });
  });

  describe('combining values, keys and operators', () => {
    it('several values for one key are ORed', () => {
      table(
        'StringEquals',
        'iot:ClientId',
        ['a', 'b'],
        [
          ['a', true],
          ['b', true],
          ['c', false],
        ],
      );
      table(
        'StringNotEquals',
        'iot:ClientId',
        ['a', 'b'],
        [
          ['a', false],
          ['b', false],
          ['c', true],
        ],
      );
    });

    it('several keys are ANDed', () => {
      const condition = { StringEquals: { 'iot:ClientId': 'c1', 'iot:DomainName': 'd.example.com' } };
      assert.equal(allows(condition, { 'iot:ClientId': 'c1', 'iot:DomainName': 'd.example.com' }), true);
      assert.equal(allows(condition, { 'iot:ClientId': 'c1', 'iot:DomainName': 'other' }), false);
      assert.equal(allows(condition, { 'iot:ClientId': 'c1' }), false);
    });

    it('several operators are ANDed', () => {
      const condition = { StringLike: { 'iot:ClientId': 'sensor-*' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } };
      assert.equal(allows(condition, { 'iot:ClientId': 'sensor-1', 'aws:SourceIp': '10.2.3.4' }), true);
      assert.equal(allows(condition, { 'iot:ClientId': 'sensor-1', 'aws:SourceIp': '192.168.0.1' }), false);
      assert.equal(allows(condition, { 'iot:ClientId': 'pump-1', 'aws:SourceIp': '10.2.3.4' }), false);
    });

    it('condition keys are case-insensitive', () => {
      assert.equal(allows({ StringEquals: { 'IOT:CLIENTID': 'c1' } }, { 'iot:ClientId': 'c1' }), true);
      assert.equal(allows({ StringEquals: { 'iot:clientid': 'c1' } }, { 'IoT:ClientID': 'c1' }), true);
    });
  });

  describe('iot:ConnectAttributes with ForAllValues / ForAnyValue (the four worked examples of §4)', () => {
    const CLIENT = arn('client', 'c1');
    const clean: Array<Record<string, ContextValue>> = [{}, { 'iot:ConnectAttributes': [] }];
    const persistent = { 'iot:ConnectAttributes': ['PersistentConnect'] };
    const lastWill = { 'iot:ConnectAttributes': ['LastWill'] };
    const both = { 'iot:ConnectAttributes': ['PersistentConnect', 'LastWill'] };
    const connect = (statements: unknown[], values: Record<string, ContextValue>) => outcome(policy(statements), 'iot:Connect', CLIENT, values);
    const allowConnect = (condition?: object) => ({ Effect: 'Allow', Action: 'iot:Connect', Resource: '*', ...(condition ? { Condition: condition } : {}) });

    it('Allow ForAllValues:StringEquals ["PersistentConnect"]: clean and persistent connects allowed, a connect with LastWill denied', () => {
      const statements = [allowConnect({ 'ForAllValues:StringEquals': { 'iot:ConnectAttributes': ['PersistentConnect'] } })];
      for (const values of clean) assert.equal(connect(statements, values), 'allow', JSON.stringify(values));
      assert.equal(connect(statements, persistent), 'allow');
      assert.equal(connect(statements, both), 'implicit-deny');
      assert.equal(connect(statements, lastWill), 'implicit-deny');
    });

    it('Allow ForAllValues:StringEquals []: only default (no-attribute) connects', () => {
      const statements = [allowConnect({ 'ForAllValues:StringEquals': { 'iot:ConnectAttributes': [] } })];
      for (const values of clean) assert.equal(connect(statements, values), 'allow', JSON.stringify(values));
      assert.equal(connect(statements, persistent), 'implicit-deny');
      assert.equal(connect(statements, lastWill), 'implicit-deny');
      assert.equal(connect(statements, both), 'implicit-deny');
    });

    it('Allow + Deny ForAnyValue:StringEquals ["PersistentConnect"]: everything except persistent connects', () => {
      const statements = [
        allowConnect(),
        { Effect: 'Deny', Action: 'iot:Connect', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'iot:ConnectAttributes': ['PersistentConnect'] } } },
      ];
      for (const values of clean) assert.equal(connect(statements, values), 'allow', JSON.stringify(values));
      assert.equal(connect(statements, lastWill), 'allow');
      assert.equal(connect(statements, persistent), 'explicit-deny');
      assert.equal(connect(statements, both), 'explicit-deny');
    });

    it('Allow ForAnyValue:StringEquals ["PersistentConnect"]: requires PersistentConnect, other attributes allowed with it', () => {
      const statements = [allowConnect({ 'ForAnyValue:StringEquals': { 'iot:ConnectAttributes': ['PersistentConnect'] } })];
      for (const values of clean) assert.equal(connect(statements, values), 'implicit-deny', JSON.stringify(values));
      assert.equal(connect(statements, lastWill), 'implicit-deny');
      assert.equal(connect(statements, persistent), 'allow');
      assert.equal(connect(statements, both), 'allow');
    });

    it('a single-valued operator on a multi-valued key matches when any value matches', () => {
      table('StringEquals', 'iot:ConnectAttributes', 'LastWill', [
        [['PersistentConnect', 'LastWill'], true],
        [['PersistentConnect'], false],
      ]);
      table('StringNotEquals', 'iot:ConnectAttributes', 'LastWill', [
        [['PersistentConnect', 'LastWill'], false],
        [['PersistentConnect'], true],
      ]);
    });

    it('a key whose value is the empty string is a null data set: ForAllValues true, ForAnyValue false', () => {
      table('ForAllValues:StringEquals', 'x:tags', 'a', [
        ['', true],
        [[], true],
        ['a', true],
        ['b', false],
      ]);
      table('ForAnyValue:StringEquals', 'x:tags', 'a', [
        ['', false],
        [[], false],
        ['a', true],
      ]);
      table('ForAnyValue:StringNotEquals', 'x:tags', 'a', [
        ['', false],
        ['b', true],
      ]);
      table('StringEquals', 'x:tags', '', [['', true]]);
    });

    it('a Deny with ForAllValues applies when the key is the empty string', () => {
      const p = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'x:tags': ['blocked'] } } },
      ]);
      assert.equal(outcome(p, 'iot:Publish', TOPIC, { 'x:tags': '' }), 'explicit-deny');
      assert.equal(outcome(p, 'iot:Publish', TOPIC, { 'x:tags': ['ok'] }), 'allow');
    });

    it('ForAllValues with a negated operator: no value may match', () => {
      table('ForAllValues:StringNotLike', 'iot:ConnectAttributes', 'Last*', [
        [['PersistentConnect'], true],
        [['PersistentConnect', 'LastWill'], false],
        [undefined, true],
      ]);
    });
  });

  describe('unknown operators', () => {
    it('never let an Allow apply, whatever the context', () => {
      for (const operator of ['StringEqual', 'stringequals', 'StringEqualsIfExist', 'ForSomeValues:StringEquals', 'IfExists']) {
        table(operator, 'iot:ClientId', 'c1', [
          ['c1', false],
          [undefined, false],
        ]);
      }
    });

    it('do not stop a Deny (the cautious reading)', () => {
      const p = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: '*', Condition: { StringEqualz: { 'iot:ClientId': 'c1' } } },
      ]);
      assert.equal(outcome(p, 'iot:Publish', TOPIC, { 'iot:ClientId': 'someone-else' }), 'explicit-deny');
    });

    it('parseOperator reads qualifiers and IfExists, and rejects other spellings', () => {
      const parsed = parseOperator('ForAnyValue:StringLikeIfExists');
      assert.equal(parsed?.spec.name, 'StringLike');
      assert.equal(parsed?.qualifier, 'ForAnyValue');
      assert.equal(parsed?.ifExists, true);
      assert.equal(parseOperator('stringlike'), undefined);
      assert.equal(parseOperator('NullIfExists'), undefined);
      assert.equal(parseOperator('Bogus'), undefined);
      assert.ok(OPERATOR_NAMES.includes('IpAddress') && OPERATOR_NAMES.includes('ArnNotLike') && OPERATOR_NAMES.includes('Null'));
    });
  });
});
