import { strict as assert } from 'node:assert';
import { completionsAt, hoverAt } from '../../analyzer';

const SUB = '${cognito-identity.amazonaws.com:sub}';
const text = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['iot:Subscribe', 'iot:CreateThing'],
        Resource: `arn:aws:eu-west-1:x`,
        Condition: { 'ForAnyValue:StringEquals': { 'iot:ConnectAttributes': ['PersistentConnect'] } },
      },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `arn:aws:iot:eu-west-1:210987654321:topic/users/${SUB}/*` },
    ],
  },
  null,
  2,
);
const at = (needle: string, delta = 1) => text.indexOf(needle) + delta;

describe('editor support from the engine catalog', () => {
  describe('hoverAt', () => {
    it('explains a data-plane action, its resource type and the Cognito scope-down', () => {
      const hover = hoverAt(text, at('iot:Subscribe'))!;
      assert.match(hover.markdown, /\*\*iot:Subscribe\*\* — Subscribe with a topic filter/);
      assert.match(hover.markdown, /topicfilter\/…/);
      assert.match(hover.markdown, /both the role and an attached IoT policy must allow it/);
      assert.equal(text.slice(hover.offset, hover.offset + hover.length), '"iot:Subscribe"');
    });

    it('says a control-plane action is decided by the role alone', () => {
      assert.match(hoverAt(text, at('iot:CreateThing'))!.markdown, /control-plane action.*role alone decides it/);
    });

    it('breaks an ARN into its parts', () => {
      const hover = hoverAt(text, at('arn:aws:iot:eu-west-1'))!;
      assert.match(hover.markdown, /\| region \| `eu-west-1` \|/);
      assert.match(hover.markdown, /\| resource type \| `topic` \|/);
      assert.match(hover.markdown, /\| resource \| `users\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*` \|/);
    });

    it('shows what a variable resolves to for authenticated and unauthenticated identities, over the variable only', () => {
      const hover = hoverAt(text, at('${cognito', 3))!;
      assert.match(hover.markdown, /\| authenticated \| the caller's identity ID/);
      assert.equal(text.slice(hover.offset, hover.offset + hover.length), SUB);
    });

    it('describes condition operators and keys', () => {
      assert.match(hoverAt(text, at('ForAnyValue:StringEquals'))!.markdown, /at least one request value matches/);
      assert.match(hoverAt(text, at('iot:ConnectAttributes'))!.markdown, /multi-valued string/);
    });

    it('says what an Effect does, and that anything but Allow or Deny is no Effect', () => {
      const hover = hoverAt(text, at('"Allow"'))!;
      assert.match(hover.markdown, /^\*\*Allow\*\* — the statement grants the requests it matches, unless an explicit Deny matches them too/);
      assert.equal(text.slice(hover.offset, hover.offset + hover.length), '"Allow"');
      const typo = text.replace('"Allow"', '"allow"');
      assert.match(hoverAt(typo, typo.indexOf('"allow"') + 1)!.markdown, /^`allow` is not an Effect: it must be exactly `Allow` or `Deny`/);
    });

    it('has nothing to say outside policy elements', () => {
      assert.equal(hoverAt(text, at('2012-10-17')), undefined);
    });
  });

  describe('completionsAt', () => {
    it('offers actions, data-plane first, replacing the string content', () => {
      const completions = completionsAt(text, at('iot:CreateThing', 4))!;
      const first = [...completions.items].sort((a, b) => a.sortText.localeCompare(b.sortText))[0];
      assert.equal(first.detail, 'AWS IoT data plane');
      assert.ok(completions.items.some((i) => i.label === 'iot:AttachPolicy'));
      assert.equal(text.slice(completions.replace.offset, completions.replace.offset + completions.replace.length), 'iot:CreateThing');
    });

    it("offers ARN skeletons with the file's region and account", () => {
      const completions = completionsAt(text, at('arn:aws:eu-west-1:x'))!;
      assert.ok(completions.items.some((i) => i.insertText === `arn:aws:iot:eu-west-1:210987654321:client/${SUB}`));
    });

    it('offers variables after ${ and replaces only the partial variable', () => {
      const source = text.replace('topic/users/${cognito-identity.amazonaws.com:sub}/*', 'topic/users/${cogn');
      const offset = source.indexOf('${cogn') + '${cogn'.length;
      const completions = completionsAt(source, offset)!;
      assert.ok(completions.items.some((i) => i.insertText === SUB));
      assert.ok(!completions.items.some((i) => i.insertText.includes(':amr')), 'multi-valued keys are not variables');
      assert.equal(source.slice(completions.replace.offset, completions.replace.offset + completions.replace.length), '${cogn');
    });

    it('offers condition operators and keys at property names', () => {
      assert.ok(completionsAt(text, at('ForAnyValue:StringEquals'))!.items.some((i) => i.label === 'StringLikeIfExists'));
      assert.ok(completionsAt(text, at('iot:ConnectAttributes'))!.items.some((i) => i.label === 'aws:SourceIp'));
    });
  });
});
