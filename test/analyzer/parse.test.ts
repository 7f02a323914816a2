import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { formatLocation, isPolicyAccepted, parsePolicy, type GrammarProblem, type ParsedPolicy, type SourceRange } from '../../analyzer';
import { positionOf } from './helpers';

const DOC = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    {',
  '      "Sid": "One",',
  '      "Effect": "Allow",',
  '      "Action": ["iot:Connect", "iot:Publish"],',
  '      "Resource": "arn:aws:iot:us-east-1:123456789012:client/x",',
  '      "Condition": { "StringEquals": { "iot:ClientId": ["a", 7, true] } }',
  '    },',
  '    {',
  '      "Effect": "Deny",',
  '      "NotAction": "iot:Receive",',
  '      "NotResource": ["*"]',
  '    }',
  '  ]',
  '}',
].join('\n');

function at(range: SourceRange): [number, number, number, number] {
  return [range.start.line, range.start.column, range.end.line, range.end.column];
}

function textOf(policy: ParsedPolicy, range: SourceRange): string {
  return policy.text.slice(range.offset, range.offset + range.length);
}

function onlyProblem(policy: ParsedPolicy): GrammarProblem {
  assert.equal(policy.problems.length, 1, JSON.stringify(policy.problems.map((p) => p.message)));
  return policy.problems[0];
}

const wrap = (statement: string) => `{ "Version": "2012-10-17", "Statement": [ ${statement} ] }`;

describe('parsePolicy', () => {
  describe('ranges (1-based line and column, on the exact element)', () => {
    const policy = parsePolicy(DOC, 'user.iot.json');

    it('parses a well-formed document with no problems', () => {
      assert.deepEqual(policy.problems, []);
      assert.equal(isPolicyAccepted(policy), true);
      assert.equal(policy.statements.length, 2);
      assert.ok(policy.statements.every((s) => s.wellFormed));
    });

    it('places Version, statements, Sid, Effect, actions and resources', () => {
      assert.equal(policy.version?.value, '2012-10-17');
      assert.deepEqual(at(policy.version!.range), [2, 14, 2, 26]);
      assert.deepEqual(at(policy.statementKey!.range), [3, 3, 3, 14]);
      const [first, second] = policy.statements;
      assert.deepEqual(at(first.range), [4, 5, 10, 6]);
      assert.deepEqual(at(first.sid!.range), [5, 14, 5, 19]);
      assert.equal(first.effect?.value, 'Allow');
      assert.deepEqual(at(first.effect!.range), [6, 17, 6, 24]);
      assert.deepEqual(
        first.actions!.values.map((v) => v.value),
        ['iot:Connect', 'iot:Publish'],
      );
      assert.deepEqual(at(first.actions!.values[0].range), [7, 18, 7, 31]);
      assert.deepEqual(at(first.actions!.values[1].range), [7, 33, 7, 46]);
      assert.deepEqual(at(first.actions!.valueRange), [7, 17, 7, 47]);
      assert.deepEqual(at(first.actions!.key.range), [7, 7, 7, 15]);
      assert.equal(first.resources!.values[0].range.start.line, 8);
      assert.equal(first.resources!.values[0].range.start.column, 19);
      assert.equal(textOf(policy, first.resources!.values[0].range), '"arn:aws:iot:us-east-1:123456789012:client/x"');
      assert.equal(formatLocation(first.actions!.values[1].range), 'user.iot.json:7:33');
      assert.deepEqual(at(second.range), [11, 5, 15, 6]);
    });

    it('reads conditions: operator, key and values (numbers and booleans as their JSON text), each placed', () => {
      const [condition] = policy.statements[0].conditions;
      assert.equal(condition.operator.value, 'StringEquals');
      assert.deepEqual(at(condition.operator.range), [9, 22, 9, 36]);
      assert.equal(condition.key.value, 'iot:ClientId');
      assert.deepEqual(condition.key.range.start, positionOf(DOC, '"iot:ClientId"'));
      assert.deepEqual(
        condition.values.map((v) => v.value),
        ['a', '7', 'true'],
      );
      assert.deepEqual(condition.values[1].range.start, { line: 9, column: 62 });
      assert.equal(textOf(policy, condition.values[2].range), 'true');
    });

    it('reads NotAction / NotResource as negated lists', () => {
      const second = policy.statements[1];
      assert.equal(second.actions?.negated, true);
      assert.deepEqual(
        second.actions?.values.map((v) => v.value),
        ['iot:Receive'],
      );
      assert.equal(second.resources?.negated, true);
      assert.equal(second.resources?.key.value, 'NotResource');
      assert.deepEqual(at(second.resources!.values[0].range), [14, 23, 14, 26]);
      assert.equal(policy.statements[0].actions?.negated, false);
    });

    it('counts lines the same with CRLF line endings', () => {
      const crlf = parsePolicy(DOC.replace(/\n/g, '\r\n'), 'crlf.json');
      assert.deepEqual(crlf.problems, []);
      assert.deepEqual(at(crlf.statements[0].actions!.values[1].range), [7, 33, 7, 46]);
      assert.deepEqual(at(crlf.statements[1].range), [11, 5, 15, 6]);
    });
  });

  describe('Statement as one object or an array', () => {
    it('accepts a single statement object', () => {
      const policy = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}}', 'single.json');
      assert.deepEqual(policy.problems, []);
      assert.equal(policy.statements.length, 1);
      assert.equal(policy.statements[0].index, 0);
      assert.deepEqual(
        policy.statements[0].actions?.values.map((v) => v.value),
        ['iot:Connect'],
      );
      assert.equal(policy.statements[0].range.start.column, 37);
    });

    it('numbers statements of an array in order', () => {
      const policy = parsePolicy(
        wrap('{"Effect":"Allow","Action":"a:b","Resource":"*"}, {"Sid":"Two","Effect":"Deny","Action":"a:c","Resource":"*"}'),
        'two.json',
      );
      assert.deepEqual(
        policy.statements.map((s) => [s.index, s.sid?.value]),
        [
          [0, undefined],
          [1, 'Two'],
        ],
      );
    });
  });

  describe('problems are structured, never exceptions', () => {
    it('bad JSON: the syntax error is placed where it is', () => {
      const text = '{\n  "Version": "2012-10-17",\n  "Statement": [}\n';
      const policy = parsePolicy(text, 'bad.json');
      assert.ok(policy.problems.length >= 1);
      const [first] = policy.problems;
      assert.equal(first.code, 'invalid-json');
      assert.equal(first.message, 'invalid JSON: value expected');
      assert.deepEqual(first.range.start, { line: 3, column: 17 });
      assert.ok(policy.problems.every((p) => p.code === 'invalid-json'));
      assert.deepEqual(policy.statements, []);
      assert.equal(isPolicyAccepted(policy), false);
    });

    it('bad JSON: comments and trailing commas are errors, and an empty file is one too', () => {
      const comment = parsePolicy('{\n  // note\n  "Statement": []\n}', 'c.json');
      assert.equal(comment.problems[0].code, 'invalid-json');
      assert.deepEqual(comment.problems[0].range.start, { line: 2, column: 3 });
      const trailing = parsePolicy('{"Statement": [],}', 't.json');
      assert.equal(trailing.problems[0].code, 'invalid-json');
      assert.deepEqual(trailing.problems[0].range.start, { line: 1, column: 18 });
      const empty = parsePolicy('', 'e.json');
      assert.equal(empty.problems[0].code, 'invalid-json');
      assert.deepEqual(empty.problems[0].range.start, { line: 1, column: 1 });
    });

    it('bad JSON that looks like YAML says so: YAML is not JSON', () => {
      const yaml = parsePolicy('# from a template\nVersion: "2012-10-17"\nStatement:\n  - Effect: Allow\n', 'p.yaml');
      assert.equal(yaml.problems[0].code, 'invalid-json');
      assert.equal(yaml.problems[0].message, 'invalid JSON: this looks like YAML, and YAML is not JSON — AWS accepts policy documents only in JSON');
      assert.equal(parsePolicy('---\nStatement: []\n', 'p.yaml').problems[0].message, yaml.problems[0].message);
      assert.equal(
        parsePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [}\n', 'bad.json').problems[0].message,
        'invalid JSON: value expected',
        'JSON with a syntax error is not called YAML',
      );
    });

    it('a root that is not an object', () => {
      for (const [text, kind] of [
        ['[]', 'an array'],
        ['"x"', 'a string'],
        ['42', 'a number'],
        ['null', 'null'],
      ]) {
        const problem = onlyProblem(parsePolicy(text, 'root.json'));
        assert.equal(problem.code, 'invalid-structure');
        assert.equal(problem.message, `a policy must be a JSON object, not ${kind}`);
        assert.deepEqual(problem.range.start, { line: 1, column: 1 });
      }
    });

    it('a policy without Statement', () => {
      const problem = onlyProblem(parsePolicy('{ "Version": "2012-10-17" }', 'none.json'));
      assert.equal(problem.code, 'invalid-structure');
      assert.equal(problem.message, 'the policy has no "Statement"');
    });

    it('wrong types: Version, Effect, Action entries, Condition, condition values, a statement', () => {
      const version = onlyProblem(
        parsePolicy('{ "Version": 2012, "Statement": [] , "Id": "x"}'.replace('[]', '{"Effect":"Allow","Action":"a:b","Resource":"*"}'), 'v.json'),
      );
      assert.equal(version.code, 'invalid-structure');
      assert.equal(version.message, '"Version" must be a string, not a number');
      assert.deepEqual(version.range.start, { line: 1, column: 14 });

      const effect = parsePolicy(wrap('{"Effect":true,"Action":"a:b","Resource":"*"}'), 'e.json');
      assert.equal(effect.problems[0].message, '"Effect" must be a string, not a boolean');
      assert.equal(effect.statements[0].wellFormed, false);

      const text = wrap('{"Effect":"Allow","Action":["a:b", 5],"Resource":"*"}');
      const action = onlyProblem(parsePolicy(text, 'a.json'));
      assert.equal(action.message, '"Action" entries must be strings, not a number');
      assert.deepEqual(action.range.start, positionOf(text, '5]'));

      const condition = onlyProblem(parsePolicy(wrap('{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":[]}'), 'c.json'));
      assert.equal(condition.message, '"Condition" must be an object of operators, not an array');

      const operator = onlyProblem(parsePolicy(wrap('{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":"x"}}'), 'o.json'));
      assert.equal(operator.message, 'condition operator "StringEquals" must map condition keys to values');

      const value = onlyProblem(
        parsePolicy(wrap('{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":{"k":{"nested":1}}}}'), 'cv.json'),
      );
      assert.equal(value.message, 'condition values must be strings, numbers or booleans, not an object');

      const statement = onlyProblem(parsePolicy(wrap('"just a string"'), 's.json'));
      assert.equal(statement.message, 'a statement must be a JSON object, not a string');

      const emptyList = onlyProblem(parsePolicy(wrap('{"Effect":"Allow","Action":[],"Resource":"*"}'), 'l.json'));
      assert.equal(emptyList.message, '"Action" is an empty list');
    });

    it('unknown elements, with a case hint when only the case is wrong', () => {
      const text = wrap('{"Effect":"Allow","action":"iot:Connect","Resource":"*"}');
      const policy = parsePolicy(text, 'u.json');
      const unknown = policy.problems.find((p) => p.code === 'unknown-element')!;
      assert.equal(unknown.message, 'unknown statement element "action"; did you mean "Action"? (element names are case-sensitive)');
      assert.deepEqual(unknown.range.start, positionOf(text, '"action"'));
      assert.equal(unknown.range.length, '"action"'.length);
      // …and, since there is no real Action, the statement is also incomplete.
      assert.ok(policy.problems.some((p) => p.code === 'missing-action-or-resource'));

      const bogus = parsePolicy(wrap('{"Effect":"Allow","Action":"a:b","Resource":"*","Bogus":1}'), 'b.json').problems[0];
      assert.equal(bogus.code, 'unknown-element');
      assert.ok(bogus.message.startsWith('unknown statement element "Bogus"; a statement may contain "Sid", '), bogus.message);

      const top = parsePolicy('{"version":"2012-10-17","Statement":{"Effect":"Allow","Action":"a:b","Resource":"*"}}', 't.json');
      const topProblem = onlyProblem(top);
      assert.equal(topProblem.message, 'unknown policy element "version"; did you mean "Version"? (element names are case-sensitive)');
      assert.deepEqual(topProblem.range.start, { line: 1, column: 2 });
    });

    it('an empty Statement array', () => {
      const text = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}';
      const problem = onlyProblem(parsePolicy(text, 'empty.json'));
      assert.equal(problem.code, 'empty-statement');
      assert.deepEqual(at(problem.range), [3, 16, 3, 18]);
    });

    it('Effect in the wrong case, with the fix in the message', () => {
      const text = wrap('{"Effect":"allow","Action":"a:b","Resource":"*"}');
      const policy = parsePolicy(text, 'effect.json');
      const problem = onlyProblem(policy);
      assert.equal(problem.code, 'invalid-effect');
      assert.equal(problem.message, '"Effect" must be exactly "Allow" or "Deny", not "allow"; write "Allow" (Effect is case-sensitive)');
      assert.deepEqual(problem.range.start, positionOf(text, '"allow"'));
      assert.equal(policy.statements[0].wellFormed, false);
      const other = onlyProblem(parsePolicy(wrap('{"Effect":"Permit","Action":"a:b","Resource":"*"}'), 'permit.json'));
      assert.equal(other.message, '"Effect" must be exactly "Allow" or "Deny", not "Permit"');
    });

    it('a missing Effect', () => {
      const problem = onlyProblem(parsePolicy(wrap('{"Action":"a:b","Resource":"*"}'), 'noeffect.json'));
      assert.equal(problem.code, 'invalid-structure');
      assert.equal(problem.message, 'the statement has no "Effect"');
    });

    it('Principal and NotPrincipal do not belong in identity or IoT policies', () => {
      for (const key of ['Principal', 'NotPrincipal']) {
        const text = wrap(`{"Effect":"Allow","${key}":{"AWS":"*"},"Action":"a:b","Resource":"*"}`);
        const problem = onlyProblem(parsePolicy(text, 'p.json'));
        assert.equal(problem.code, 'principal-in-identity-policy');
        assert.ok(problem.message.startsWith(`"${key}" belongs in resource-based policies`), problem.message);
        assert.deepEqual(problem.range.start, positionOf(text, `"${key}"`));
      }
    });

    it('duplicate keys, at the repeated key', () => {
      const text =
        '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "a:b",\n    "Effect": "Deny",\n    "Resource": "*"\n  }\n}';
      const problem = onlyProblem(parsePolicy(text, 'dup.json'));
      assert.equal(problem.code, 'duplicate-key');
      assert.equal(problem.message, 'duplicate key "Effect": AWS rejects documents with repeated keys');
      assert.deepEqual(at(problem.range), [6, 5, 6, 13]);
    });

    it('both Action and NotAction in one statement', () => {
      const text = wrap('{"Effect":"Allow","Action":"a:b","NotAction":"a:c","Resource":"*"}');
      const problem = onlyProblem(parsePolicy(text, 'both.json'));
      assert.equal(problem.code, 'invalid-structure');
      assert.equal(problem.message, 'a statement cannot have both "Action" and "NotAction"');
      assert.deepEqual(problem.range.start, positionOf(text, '"NotAction"'));
    });

    it('missing Action or Resource, placed on the Sid when there is one', () => {
      const noResource = wrap('{"Sid":"NoResource","Effect":"Allow","Action":"a:b"}');
      const problem = onlyProblem(parsePolicy(noResource, 'm.json'));
      assert.equal(problem.code, 'missing-action-or-resource');
      assert.equal(problem.message, 'the statement needs "Resource" or "NotResource"');
      assert.deepEqual(problem.range.start, positionOf(noResource, '"NoResource"'));
      const neither = onlyProblem(parsePolicy(wrap('{"Effect":"Deny"}'), 'n.json'));
      assert.equal(neither.message, 'the statement needs "Action" or "NotAction" and "Resource" or "NotResource"');
      assert.deepEqual(neither.range.start, positionOf(wrap('{"Effect":"Deny"}'), '{"Effect"'));
    });

    it('a problem in one statement leaves the others well-formed', () => {
      const policy = parsePolicy(wrap('{"Effect":"Allow","Action":"a:b","Resource":"*"}, {"Effect":"Allow","Action":"a:b"}'), 'mixed.json');
      assert.deepEqual(
        policy.statements.map((s) => s.wellFormed),
        [true, false],
      );
      assert.equal(isPolicyAccepted(policy), false);
    });

    it('property: never throws on arbitrary text, and every problem lies inside the text', () => {
      const jsonish = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.json({ maxDepth: 3 }),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ Version: '2012-10-17', Statement: v }, null, 1)),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify({ Statement: { Effect: 'Allow', Action: v, Resource: v, Condition: { StringLike: v } } })),
      );
      fc.assert(
        fc.property(jsonish, (text) => {
          const policy = parsePolicy(text, 'fuzz.json');
          for (const problem of policy.problems) {
            assert.ok(problem.message.length > 0);
            assert.ok(problem.range.start.line >= 1 && problem.range.start.column >= 1);
            assert.ok(problem.range.offset >= 0 && problem.range.offset + problem.range.length <= text.length);
          }
          assert.equal(isPolicyAccepted(policy), policy.problems.length === 0);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
