import { strict as assert } from 'node:assert';
import { summarizeApps } from '../../analyzer/summary';
import { editorsApp } from '../../playground/src/summary-app';
import { summaryHtml } from '../../playground/src/summary-html';

const ARN = 'arn:aws:iot:us-east-1:123456789012';

describe('access summary as HTML (playground and VS Code)', () => {
  it("summarises the editors' policies by their kind, policy text escaped", () => {
    const files = {
      authRole: { path: 'auth-role.json', text: '' },
      unauthRole: { path: 'guest-role.json', text: '' },
      iotPolicy: { path: 'user.iot.json', text: '' },
      scenario: { path: 'scenario.json', text: '' },
      template: { path: 'template.yaml', text: '' },
    };
    files.unauthRole.text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: '<img src=x onerror=alert(1)>', Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}:topicfilter/news/<b>*` }],
    });
    const app = editorsApp(files);
    assert.ok(app);
    const html = summaryHtml(summarizeApps([app]));
    assert.ok(html.includes('<code>news/&lt;b&gt;*</code>'), html);
    assert.ok(!html.includes('<img') && !html.includes('<b>'), html);
    assert.match(html, /guests — guests \(the unauth-role policies\)/);
  });

  it('says so when there is nothing to summarise', () => {
    assert.match(summaryHtml({ apps: [] }), /No identity pool, scenario or policy with a kind/);
  });
});
