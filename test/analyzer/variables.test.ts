import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { compileGlob, matchGlob } from '../../analyzer';
import { instantiate, parseTemplate, resolveVariable, variablesOf, type Template } from '../../analyzer/variables/template';
import { arn, context, outcome, policy } from './helpers';

const SUB = 'cognito-identity.amazonaws.com:sub';
const ALICE = 'us-east-1:0a1b2c3d-1111-4a5b-8c9d-0123456789ab';
const BOB = 'us-east-1:0a1b2c3d-2222-4a5b-8c9d-0123456789ab';

/** Instantiates and matches, as a Resource entry is matched. */
function templateMatches(template: Template, values: Record<string, string | string[]>, input: string): boolean | undefined {
  const tokens = instantiate(template, context(values));
  return tokens && matchGlob(compileGlob(tokens, template.source), input);
}

/** parseTemplate's reading, one character at a time: the reference its faster scan must equal. */
function characterByCharacter(source: string, wildcards: boolean, substitute: boolean): Template {
  const parts: Template['parts'] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let hasVariables = false;
  for (let i = 0; i < source.length; i++) {
    const match = substitute && source.startsWith('${', i) ? /^\$\{([^\s},']+)(?:,\s*'([^']*)')?\}/.exec(source.slice(i)) : null;
    if (match && ['*', '?', '$'].includes(match[1])) literal += match[1];
    else if (match) {
      flush();
      hasVariables = true;
      parts.push({ kind: 'variable', name: match[1], key: match[1].toLowerCase(), defaultValue: match[2], offset: i, length: match[0].length });
    } else if (wildcards && (source[i] === '*' || source[i] === '?')) {
      flush();
      parts.push({ kind: source[i] === '*' ? 'star' : 'any-char' });
    } else literal += source[i];
    if (match) i += match[0].length - 1;
  }
  flush();
  return { source, parts, hasVariables };
}

describe('policy variables', () => {
  describe('parseTemplate', () => {
    it('reads `${cognito-identity.amazonaws.com:sub}` as one variable with its position', () => {
      const source = 'arn:aws:iot:us-east-1:123456789012:client/${cognito-identity.amazonaws.com:sub}';
      const template = parseTemplate(source, true, true);
      assert.equal(template.hasVariables, true);
      assert.equal(template.parts.length, 2);
      assert.deepEqual(template.parts[0], { kind: 'literal', text: 'arn:aws:iot:us-east-1:123456789012:client/' });
      const [variable] = variablesOf(template);
      assert.equal(variable.name, SUB);
      assert.equal(variable.key, SUB);
      assert.equal(variable.defaultValue, undefined);
      assert.equal(variable.offset, source.indexOf('${'));
      assert.equal(variable.length, '${cognito-identity.amazonaws.com:sub}'.length);
    });

    it('keeps wildcards around variables as wildcards when they are allowed', () => {
      const template = parseTemplate('topic/users/${iot:ClientId}/*', true, true);
      assert.deepEqual(
        template.parts.map((p) => p.kind),
        ['literal', 'variable', 'literal', 'star'],
      );
      const literalOnly = parseTemplate('users/${iot:ClientId}/*', false, true);
      assert.deepEqual(
        literalOnly.parts.map((p) => p.kind),
        ['literal', 'variable', 'literal'],
      );
      assert.deepEqual(literalOnly.parts[2], { kind: 'literal', text: '/*' });
    });

    it('variable names are case-insensitive: the key is lowercased and resolves from any spelling', () => {
      const template = parseTemplate('client/${Cognito-Identity.AmazonAWS.com:SUB}', true, true);
      assert.equal(variablesOf(template)[0].key, SUB);
      assert.equal(templateMatches(template, { 'COGNITO-IDENTITY.amazonaws.com:Sub': ALICE }, `client/${ALICE}`), true);
      assert.equal(templateMatches(template, { [SUB]: ALICE }, `client/${BOB}`), false);
    });

    it('`${*}`, `${?}` and `${$}` are the literal characters, merged into the surrounding text', () => {
      const template = parseTemplate('a${*}b${?}c${$}{d}', true, true);
      assert.equal(template.hasVariables, false);
      assert.deepEqual(template.parts, [{ kind: 'literal', text: 'a*b?c${d}' }]);
      const star = parseTemplate('topic/${*}', true, true);
      assert.equal(templateMatches(star, {}, 'topic/*'), true);
      assert.equal(templateMatches(star, {}, 'topic/anything'), false);
    });

    it('names of Object.prototype members (`${constructor}`, `${toString}`, `${__proto__}`) are variables, not special characters', () => {
      for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        const template = parseTemplate(`topic/\${${name}}/x`, true, true);
        assert.equal(template.hasVariables, true, name);
        assert.deepEqual(
          template.parts.map((p) => p.kind),
          ['literal', 'variable', 'literal'],
          name,
        );
        assert.equal(variablesOf(template)[0].name, name);
        // Resolved from the context like any variable; unresolved (absent key, no default) otherwise.
        assert.equal(templateMatches(template, { [name]: 'v' }, 'topic/v/x'), true, name);
        assert.equal(templateMatches(template, {}, 'topic/v/x'), undefined, name);
      }
    });

    it("reads default values `${key, 'x'}` and uses them only when the key is absent", () => {
      const template = parseTemplate("topic/${iot:ClientId, 'anonymous'}/x", true, true);
      const [variable] = variablesOf(template);
      assert.equal(variable.key, 'iot:clientid');
      assert.equal(variable.defaultValue, 'anonymous');
      assert.equal(templateMatches(template, {}, 'topic/anonymous/x'), true);
      assert.equal(templateMatches(template, { 'iot:ClientId': 'device-1' }, 'topic/device-1/x'), true);
      assert.equal(templateMatches(template, { 'iot:ClientId': 'device-1' }, 'topic/anonymous/x'), false);
    });

    it('without substitution (Version other than 2012-10-17) `${…}` is plain text', () => {
      const template = parseTemplate('client/${iot:ClientId}', true, false);
      assert.equal(template.hasVariables, false);
      assert.deepEqual(template.parts, [{ kind: 'literal', text: 'client/${iot:ClientId}' }]);
    });

    it('an unterminated `${` is plain text', () => {
      const template = parseTemplate('topic/${iot:ClientId', true, true);
      assert.equal(template.hasVariables, false);
      assert.equal(templateMatches(template, {}, 'topic/${iot:ClientId'), true);
    });

    it('property: the same parts as reading the text one character at a time, under every combination of wildcards and substitution', () => {
      const pieces = fc.constantFrom(
        'a',
        'B',
        '/',
        ':',
        '*',
        '?',
        '$',
        '{',
        '}',
        ',',
        "'",
        ' ',
        '${x}',
        "${k,'d'}",
        "${K, 'd e'}",
        '${*}',
        '${?}',
        '${$}',
        '${ x}',
      );
      fc.assert(
        fc.property(fc.array(pieces, { maxLength: 12 }), fc.boolean(), fc.boolean(), (written, wildcards, substitute) => {
          const source = written.join('');
          assert.deepEqual(parseTemplate(source, wildcards, substitute), characterByCharacter(source, wildcards, substitute));
        }),
      );
    });
  });

  describe('instantiate / resolveVariable', () => {
    it('substitutes the value as literal text: a `*` or `?` in a client ID is not a wildcard (A8)', () => {
      const template = parseTemplate('topic/${iot:ClientId}/x', true, true);
      assert.deepEqual(instantiate(template, context({ 'iot:ClientId': 'a*' })), [
        { kind: 'literal', text: 'topic/' },
        { kind: 'literal', text: 'a*' },
        { kind: 'literal', text: '/x' },
      ]);
      assert.equal(templateMatches(template, { 'iot:ClientId': '*' }, 'topic/*/x'), true);
      assert.equal(templateMatches(template, { 'iot:ClientId': '*' }, 'topic/anything/x'), false);
      assert.equal(templateMatches(template, { 'iot:ClientId': '?' }, 'topic/a/x'), false);
      assert.equal(templateMatches(template, { 'iot:ClientId': '+' }, 'topic/+/x'), true);
      assert.equal(templateMatches(template, { 'iot:ClientId': '+' }, 'topic/abc/x'), false);
    });

    it('an absent key with no default leaves the template unresolved', () => {
      const template = parseTemplate('topic/${iot:Connection.Thing.ThingName}/x', true, true);
      assert.equal(instantiate(template, context({})), undefined);
      assert.equal(resolveVariable(variablesOf(template)[0], context({})), undefined);
    });

    it('a multi-valued key cannot be a variable: unresolved even though it has values', () => {
      const template = parseTemplate('topic/${cognito-identity.amazonaws.com:amr}', true, true);
      const values = context({ 'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/pool'] });
      assert.equal(resolveVariable(variablesOf(template)[0], values), undefined);
      assert.equal(instantiate(template, values), undefined);
    });

    it('a template without variables instantiates to its own parts', () => {
      const template = parseTemplate('topic/a/*', true, true);
      assert.deepEqual(instantiate(template, context({})), [{ kind: 'literal', text: 'topic/a/' }, { kind: 'star' }]);
    });

    it('property: any substituted value is matched literally, wildcard characters included', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '/', '+', '#', ':', '$'), maxLength: 8 }),
          fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 8 }),
          (value, other) => {
            const template = parseTemplate('p/${iot:ClientId}/q', true, true);
            assert.equal(templateMatches(template, { 'iot:ClientId': value }, `p/${value}/q`), true);
            assert.equal(templateMatches(template, { 'iot:ClientId': value }, `p/${other}/q`), other === value);
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe('through compiled policies', () => {
    const ownClient = [{ Effect: 'Allow', Action: 'iot:Connect', Resource: arn('client', `\${${SUB}}`) }];

    it('`${cognito-identity.amazonaws.com:sub}` lets each identity use only its own client ID', () => {
      const p = policy(ownClient);
      assert.equal(outcome(p, 'iot:Connect', arn('client', ALICE), { [SUB]: ALICE }), 'allow');
      assert.equal(outcome(p, 'iot:Connect', arn('client', BOB), { [SUB]: ALICE }), 'implicit-deny');
    });

    it('Version 2008-10-17 or no Version: no substitution, the text stays literal', () => {
      for (const version of ['2008-10-17', null]) {
        const p = policy(ownClient, version);
        assert.equal(p.substitutesVariables, false);
        assert.equal(outcome(p, 'iot:Connect', arn('client', ALICE), { [SUB]: ALICE }), 'implicit-deny', String(version));
        assert.equal(outcome(p, 'iot:Connect', arn('client', `\${${SUB}}`), { [SUB]: ALICE }), 'allow', String(version));
      }
      assert.equal(policy(ownClient, '2012-10-17').substitutesVariables, true);
    });

    it('Version 2008-10-17: condition values are not substituted either', () => {
      const statement = [
        { Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringEquals: { 'iot:ClientId': '${cognito-identity.amazonaws.com:sub}' } } },
      ];
      const values = { 'iot:ClientId': ALICE, [SUB]: ALICE };
      assert.equal(outcome(policy(statement), 'iot:Publish', arn('topic', 'a'), values), 'allow');
      assert.equal(outcome(policy(statement, '2008-10-17'), 'iot:Publish', arn('topic', 'a'), values), 'implicit-deny');
      assert.equal(
        outcome(policy(statement, '2008-10-17'), 'iot:Publish', arn('topic', 'a'), { 'iot:ClientId': '${cognito-identity.amazonaws.com:sub}' }),
        'allow',
      );
    });

    it('a substituted `*` is literal in a Resource (A8): client ID `*` does not open every topic', () => {
      const p = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: arn('topic', 'devices/${iot:ClientId}') }]);
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'devices/other'), { 'iot:ClientId': '*' }), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'devices/*'), { 'iot:ClientId': '*' }), 'allow');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'devices/x'), { 'iot:ClientId': '?' }), 'implicit-deny');
    });

    it('a substituted `*` is literal in StringLike and ArnLike values (A8)', () => {
      const like = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringLike: { 'iot:DomainName': 'x-${iot:ClientId}' } } }]);
      assert.equal(outcome(like, 'iot:Publish', arn('topic', 'a'), { 'iot:ClientId': '*', 'iot:DomainName': 'x-anything' }), 'implicit-deny');
      assert.equal(outcome(like, 'iot:Publish', arn('topic', 'a'), { 'iot:ClientId': '*', 'iot:DomainName': 'x-*' }), 'allow');
      const arnLike = policy([
        { Effect: 'Allow', Action: 'iot:Connect', Resource: '*', Condition: { ArnLike: { 'iot:LastWillTopic': arn('topic', 'will/${iot:ClientId}') } } },
      ]);
      assert.equal(
        outcome(arnLike, 'iot:Connect', arn('client', 'c'), { 'iot:ClientId': '*', 'iot:LastWillTopic': arn('topic', 'will/other') }),
        'implicit-deny',
      );
      assert.equal(outcome(arnLike, 'iot:Connect', arn('client', 'c'), { 'iot:ClientId': '*', 'iot:LastWillTopic': arn('topic', 'will/*') }), 'allow');
    });

    it('`${*}`, `${?}`, `${$}` are literal in Resource and in condition values', () => {
      const resource = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: arn('topic', 'odd/${*}${?}${$}') }]);
      assert.equal(outcome(resource, 'iot:Publish', arn('topic', 'odd/*?$')), 'allow');
      assert.equal(outcome(resource, 'iot:Publish', arn('topic', 'odd/abc')), 'implicit-deny');
      const like = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringLike: { 'iot:DomainName': 'a${*}b' } } }]);
      assert.equal(outcome(like, 'iot:Publish', arn('topic', 't'), { 'iot:DomainName': 'a*b' }), 'allow');
      assert.equal(outcome(like, 'iot:Publish', arn('topic', 't'), { 'iot:DomainName': 'axyzb' }), 'implicit-deny');
      const equals = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringEquals: { 'iot:DomainName': 'price${$}' } } }]);
      assert.equal(outcome(equals, 'iot:Publish', arn('topic', 't'), { 'iot:DomainName': 'price$' }), 'allow');
      assert.equal(outcome(equals, 'iot:Publish', arn('topic', 't'), { 'iot:DomainName': 'price${$}' }), 'implicit-deny');
    });

    it('an unresolved variable makes its Resource entry match nothing; the other entries still match', () => {
      const p = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: [arn('topic', 'things/${iot:Connection.Thing.ThingName}/*'), arn('topic', 'public/*')] },
      ]);
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'things/lamp/x')), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'things/${iot:Connection.Thing.ThingName}/x')), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'public/x')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'things/lamp/x'), { 'iot:Connection.Thing.ThingName': 'lamp' }), 'allow');
    });

    it('an unresolved variable in NotResource excludes nothing', () => {
      const p = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
        { Sid: 'OnlyOwnTopic', Effect: 'Deny', Action: 'iot:Publish', NotResource: arn('topic', 'own/${iot:ClientId}') },
      ]);
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'own/c1'), { 'iot:ClientId': 'c1' }), 'allow');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'own/c2'), { 'iot:ClientId': 'c1' }), 'explicit-deny');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'own/c1')), 'explicit-deny');
    });

    it('a default value makes the entry usable when the key is absent (HTTPS has no client ID)', () => {
      const p = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: arn('topic', "in/${iot:ClientId, 'https'}") }]);
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'in/https')), 'allow');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'in/https'), { 'iot:ClientId': 'c1' }), 'implicit-deny');
      assert.equal(outcome(p, 'iot:Publish', arn('topic', 'in/c1'), { 'iot:ClientId': 'c1' }), 'allow');
    });

    it('a multi-valued key used as a variable makes the entry match nothing', () => {
      const p = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: arn('topic', 'by-amr/${cognito-identity.amazonaws.com:amr}') }]);
      assert.equal(
        outcome(p, 'iot:Publish', arn('topic', 'by-amr/authenticated'), { 'cognito-identity.amazonaws.com:amr': ['authenticated'] }),
        'implicit-deny',
      );
    });

    it('variables are case-insensitive in policies too', () => {
      const p = policy([{ Effect: 'Allow', Action: 'iot:Connect', Resource: arn('client', '${COGNITO-IDENTITY.AMAZONAWS.COM:Sub}') }]);
      assert.equal(outcome(p, 'iot:Connect', arn('client', ALICE), { [SUB]: ALICE }), 'allow');
    });

    it('unresolved variables in conditions: positive operators false, negated operators true', () => {
      const positive = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringEquals: { 'iot:DomainName': '${iot:ClientId}' } } },
      ]);
      const negated = policy([
        { Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringNotEquals: { 'iot:DomainName': '${iot:ClientId}' } } },
      ]);
      const https = { 'iot:DomainName': 'x' };
      assert.equal(outcome(positive, 'iot:Publish', arn('topic', 't'), https), 'implicit-deny');
      assert.equal(outcome(negated, 'iot:Publish', arn('topic', 't'), https), 'allow');
      assert.equal(outcome(positive, 'iot:Publish', arn('topic', 't'), { ...https, 'iot:ClientId': 'x' }), 'allow');
      assert.equal(outcome(negated, 'iot:Publish', arn('topic', 't'), { ...https, 'iot:ClientId': 'x' }), 'implicit-deny');
    });

    it('variables are not substituted in numeric condition values or in Action', () => {
      const numeric = policy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { NumericEquals: { 'x:n': '${x:m}' } } }]);
      assert.equal(outcome(numeric, 'iot:Publish', arn('topic', 't'), { 'x:n': '5', 'x:m': '5' }), 'implicit-deny');
      const action = policy([{ Effect: 'Allow', Action: 'iot:${iot:ClientId}', Resource: '*' }]);
      assert.equal(outcome(action, 'iot:Publish', arn('topic', 't'), { 'iot:ClientId': 'Publish' }), 'implicit-deny');
    });
  });
});
