import { strict as assert } from 'node:assert';
import { codeBlock, codeSpan, escapeMarkdown, hoverAt } from '../../analyzer';

const LINK_AND_IMAGE = '[x](https://evil.example) ![t](https://evil.example/t.png)';

/** Markdown characters that start links, images, emphasis or code, not preceded by a backslash. */
const UNESCAPED = /(^|[^\\])[[\]()!`*_<>]/;

describe('Markdown built from policy content', () => {
  it('escapes running text: no link, image, emphasis or HTML survives', () => {
    const escaped = escapeMarkdown(`${LINK_AND_IMAGE} *b* <img src=x> _i_ \`c\``);
    assert.doesNotMatch(escaped, UNESCAPED);
    assert.equal(escaped.replace(/\\(.)/g, '$1'), `${LINK_AND_IMAGE} *b* <img src=x> _i_ \`c\``, 'unescaping gives the text back');
    assert.equal(escapeMarkdown('line\nbreak'), 'line break');
  });

  it('code spans and blocks cannot be closed early by backticks in the text', () => {
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x`'), '`` `x` ``');
    assert.equal(codeSpan('a|b', true), '`a\\|b`');
    assert.equal(codeBlock(['```', LINK_AND_IMAGE]), `\`\`\`\`text\n\`\`\`\n${LINK_AND_IMAGE}\n\`\`\`\``);
  });

  it('hovers on actions, resources, operators and keys show hostile text inert', () => {
    const policy = (action: string, resource: string, operator: string, key: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: action, Resource: resource, Condition: { [operator]: { [key]: 'v' } } }],
      });
    const text = policy(LINK_AND_IMAGE, `arn:aws:iot:us-east-1:1:topic/\`${LINK_AND_IMAGE}\``, `Op${LINK_AND_IMAGE}`, `key${LINK_AND_IMAGE}`);
    const hoverOn = (needle: string, skip = 0) => hoverAt(text, text.indexOf(needle) + 1 + skip)!.markdown;
    const action = hoverOn(`"${LINK_AND_IMAGE}"`);
    assert.match(action, /^\*\*\\\[x\\\]\\\(https:\/\/evil\\\.example\\\) \\!\\\[t\\\]/);
    const resource = hoverOn('"arn:aws:iot:us-east-1:1:topic/');
    assert.ok(resource.includes(`| resource | \`\` \`${LINK_AND_IMAGE}\` \`\` |`), resource);
    assert.equal(hoverOn(`"Op[x]`), `\`Op${LINK_AND_IMAGE}\` is not a condition operator.`, 'inside a code span: shown, not rendered');
    assert.match(hoverOn(`"key[x]`), /^`key\[x\]\(https:\/\/evil\.example\) !\[t\]\(https:\/\/evil\.example\/t\.png\)` is not a condition key/);
  });
});
