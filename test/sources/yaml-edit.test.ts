import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseWholeYamlTemplate, parseYamlTemplate } from '../../analyzer/sources/tree';
import { parsedAfterScalarEdit, rememberParse } from '../../analyzer/sources/yaml-edit';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const whole = (text: string) => parseWholeYamlTemplate(text);

/** Templates in the shapes CloudFormation files take: block and flow collections, quoted and plain values, short-form tags, comments. */
const scalar = fc.oneof(
  fc.constantFrom(
    'Allow',
    'iot:Publish',
    'arn:aws:iot:us-east-1:123456789012:topic/a/*',
    '${cognito-identity.amazonaws.com:sub}',
    '12',
    '0x1F',
    'true',
    '~',
    '-1.5e3',
    'a b',
    '',
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('Effect', 'Action', 'Resource', 'Sid', 'Properties', 'Type', 'a', 'b'), tie('node'), { maxKeys: 3 }),
  ),
})).node;
const template = fc
  .tuple(
    fc.dictionary(fc.constantFrom('Resources', 'Parameters', 'Outputs', 'Pool', 'Role'), value, { minKeys: 1, maxKeys: 3 }),
    fc.constantFrom(0, 1, 2),
    fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
    fc.boolean(),
  )
  .map(([data, flowLevel, quoting, tags]) => {
    let text = stringify(data, { flowLevel: flowLevel === 0 ? undefined : flowLevel, defaultStringType: quoting as 'PLAIN', defaultKeyType: 'PLAIN' } as never);
    if (tags) text = text.replace(/: '([^'\n]*)'/g, ": !Sub '$1'").replace(/- (Allow|iot:Publish)$/gm, '- !Ref $1');
    return `# template\n${text}`;
  });

/** An edit at any place of the text: typing, deleting or replacing a few characters, some of them YAML syntax. */
const edited = fc
  .tuple(template, fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('x', '1', ' ', "'", '"', ':', ': ', ' #', ',', ']', '\n', '-', '!', '*', 'é', ''))
  .map(([text, at, removed, inserted]) => {
    const start = at % (text.length + 1);
    return { text, after: text.slice(0, start) + inserted + text.slice(start + removed) };
  });

describe('re-parsing a YAML template after an edit inside one value', () => {
  it('gives exactly the tree (values and spans) of parsing the whole text, or leaves it to that parse', () => {
    let reused = 0;
    fc.assert(
      fc.property(edited, ({ text, after }) => {
        const base = whole(text);
        rememberParse(text, base, true);
        const again = parsedAfterScalarEdit(after, (line) => whole(line).root);
        if (!again) return;
        reused++;
        assert.deepStrictEqual(again, whole(after), JSON.stringify({ text, after }));
      }),
      { numRuns: 4000, seed: 17 },
    );
    // Not vacuous: many of these edits are inside one value and take the short path.
    assert.ok(reused > 400, `only ${reused} edits reused a parse`);
  });

  it('typing through the IoT policy of a sample template, keystroke by keystroke, matches parsing each version whole', () => {
    const file = path.join(ROOT, 'samples', 'per-user-app', 'cloudformation', 'template.yaml');
    let text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf('topic/');
    assert.ok(at > 0);
    parseYamlTemplate(text);
    for (const ch of 'users-x/${cognito-identity.amazonaws.com:sub}') {
      const position = text.indexOf('topic/') + 6;
      text = text.slice(0, position) + ch + text.slice(position);
      assert.deepStrictEqual(parseYamlTemplate(text), whole(text));
    }
  });

  it('after an edit that breaks the YAML, reports what parsing the whole text reports', () => {
    const text = "Resources:\n  P:\n    Properties:\n      Name: 'a'\n";
    parseYamlTemplate(text);
    for (const after of [text.replace("'a'", "'a'b'"), text.replace("'a'", "'a: b"), text.replace("Name: 'a'", 'Name: a: b'), text.replace('Name', 'Na me')])
      assert.deepStrictEqual(parseYamlTemplate(after), whole(after));
  });
});
