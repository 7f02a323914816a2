import { strict as assert } from 'node:assert';
import { checkTemplateText, guestPoolTemplate, placed, positionOf } from './helpers';
import { parseYamlTemplate, type TemplateNode } from '../../analyzer/sources/tree';

/** A node as plain data (keys and values only), to compare trees. */
function plain(node: TemplateNode | undefined): unknown {
  if (!node) return undefined;
  if (node.type === 'map') return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
  if (node.type === 'seq') return node.items.map(plain);
  return node.value;
}

describe('YAML merge keys (<<)', () => {
  it('merge the anchored mapping (or mappings, the first winning) under the map’s own keys, which win', () => {
    const parsed = parseYamlTemplate(`a: &a { Effect: Allow, Action: iot:Publish }
b: &b { Action: iot:Receive, Resource: '*' }
one:
  <<: *a
  Resource: x
both:
  <<: [*a, *b]
own:
  <<: *a
  Effect: Deny
quoted:
  "<<": *a
`);
    assert.deepEqual(plain(parsed.root), {
      a: { Effect: 'Allow', Action: 'iot:Publish' },
      b: { Action: 'iot:Receive', Resource: '*' },
      one: { Resource: 'x', Effect: 'Allow', Action: 'iot:Publish' },
      both: { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
      own: { Effect: 'Deny', Action: 'iot:Publish' },
      quoted: { '<<': { Effect: 'Allow', Action: 'iot:Publish' } },
    });
  });

  it('a merge key on something that is not a mapping is an error at it, not a key named <<', () => {
    const parsed = parseYamlTemplate(`a: &a [1, 2]\nb:\n  <<: *a\n`);
    assert.equal(parsed.root, undefined);
    assert.match(parsed.errors[0].message, /a merge key \(<<\) takes a mapping or a list of mappings/);
  });

  it('a statement built with a merge key is checked as written out (tester’s sls-yaml-merge-key)', () => {
    const text = guestPoolTemplate({
      sections: `Metadata:\n  GuestStatement: &guestAllow\n    Effect: Allow\n    Action: [iot:Publish, iot:UpdateThingShadow]\n`,
      role: `      Policies:
        - PolicyName: g
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - <<: *guestAllow
                Resource: ['arn:aws:iot:us-east-1:123456789012:topic/$aws/things/lamp-1/shadow/update', 'arn:aws:iot:us-east-1:123456789012:thing/lamp-1']
`,
    });
    const report = checkTemplateText(text);
    const where = placed(report);
    assert.ok(!where.some((p) => /invalid-structure|unknown-element|missing-/.test(p)), where.join('\n'));
    assert.ok(
      where.includes(`${positionOf(text, "'arn:aws:iot:us-east-1:123456789012:topic/$aws/things/lamp-1/shadow/update'")} app-guest-reaches-devices`),
      where.join('\n'),
    );
  });
});
