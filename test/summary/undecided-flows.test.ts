import { strict as assert } from 'node:assert';
import { appFromKinds, appPolicy, DEFAULT_SCOPE, parsePolicy } from '../../analyzer';
import { summarizeApp, unsettled, type AppSummary } from '../../analyzer/summary';
import { formatSummaryMarkdown } from '../../cli/format/summary-markdown';
import { formatSummaryText } from '../../cli/format/summary-text';
import { summaryHtml } from '../../playground/src/summary-html';
import { ARN, decide, doc, SUB, type KindPolicies } from './apps';

/**
 * Flows the computation could not decide (past the state limit) are unknown, never "none" (tester's
 * undecided-flows-said-none-slow): listed as undecided, unsettled (so --fail-on-unknown fails), and no
 * presenter says that no message reaches a different identity.
 */
const CHAT: KindPolicies = {
  'guest.json': {
    kind: 'unauth-role',
    statements: [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${ARN}:client/${SUB}` },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}:topic/chat/*` },
      { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/chat/*` },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: `${ARN}:topic/chat/*` },
    ],
  },
};
const READINGS = { A1: 'unrestricted' };
const NO_MESSAGE = /no message from one identity reaches a different one/i;

function summaryWithin(stateLimit: number | undefined): AppSummary {
  const policies = Object.entries(CHAT).map(([name, p]) => appPolicy(name, p.kind, () => parsePolicy(doc(p.statements), name)));
  const app = appFromKinds('chat app', 'chat', DEFAULT_SCOPE, policies);
  assert.ok(app);
  return summarizeApp({ ...app, readings: new Map(Object.entries(READINGS)) }, { stateLimit });
}

describe('summary flows left undecided', () => {
  it('the chat app has a guest → guest flow, and the evaluator delivers it', () => {
    const { flows } = summaryWithin(undefined);
    assert.deepEqual(
      flows.map((f) => [f.from, f.to, f.pattern, f.status]),
      [['guests', 'guests', 'chat/*', 'confirmed']],
    );
    const [sender, receiver] = ['us-east-1:00000001-0000-4000-8000-000000000001', 'us-east-1:00000002-0000-4000-8000-000000000002'];
    const request = (identityId: string, action: string, resource: string) =>
      decide(CHAT, READINGS, { type: 'unauthenticated', identityId, clientId: identityId, action, resource }).decision;
    assert.deepEqual(
      [
        request(sender, 'iot:Publish', `${ARN}:topic/chat/x`),
        request(receiver, 'iot:Subscribe', `${ARN}:topicfilter/chat/x`),
        request(receiver, 'iot:Receive', `${ARN}:topic/chat/x`),
      ],
      ['allow', 'allow', 'allow'],
    );
  });

  it('under every state limit too small to decide it: the flow is undecided and unsettled, never "no message reaches a different one"', () => {
    let undecidedWithGrantsDecided = 0;
    for (let stateLimit = 1; stateLimit <= 64; stateLimit++) {
      const summary = summaryWithin(stateLimit);
      if (summary.flows.length > 0) continue;
      const where = `state limit ${stateLimit}`;
      assert.ok(
        summary.undecidedFlows.some((u) => u.from === 'guests' && u.to === 'guests' && u.via === 'subscription'),
        where,
      );
      for (const u of summary.undecidedFlows) assert.ok(unsettled(summary).includes(`flows guests → guests (${u.via}): ${u.reason}: unknown`), where);
      const text = formatSummaryText({ apps: [summary] });
      assert.doesNotMatch(text, NO_MESSAGE);
      assert.match(text, /UNKNOWN: guests → guests \(subscription\): too many automaton states to decide/);
      assert.doesNotMatch(formatSummaryMarkdown({ apps: [summary] }), NO_MESSAGE);
      assert.doesNotMatch(summaryHtml({ apps: [summary] }), NO_MESSAGE);
      if (summary.classes.every((c) => c.actions.every((a) => a.undecided === undefined))) undecidedWithGrantsDecided++;
    }
    // Some limit decides every grant but not the flow: the flow alone stands for what is unknown.
    assert.ok(undecidedWithGrantsDecided > 0);
  });
});
