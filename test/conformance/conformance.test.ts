import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compilePolicy, evaluatePolicySet, makeRequest, parsePolicy, RequestContext, type ContextValue, type Outcome } from '../../analyzer';

/** One example from AWS's documentation: a policy, a request, and the outcome the page states. */
interface ConformanceCase {
  page: string;
  section: string;
  name: string;
  statements?: object[];
  /** A whole document, when the case is about the document itself (its Version). */
  document?: object;
  request: { action: string; resource: string; context: Record<string, ContextValue> };
  expect: Outcome;
  note?: string;
}

const FILE = path.resolve(__dirname, '..', '..', '..', 'test', 'conformance', 'aws-examples.json');
const data = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { pages: Record<string, string>; cases: ConformanceCase[] };

describe("conformance: AWS's documented examples (test/conformance/aws-examples.json)", () => {
  it('every case names a page with its URL and an outcome', () => {
    assert.ok(data.cases.length >= 50);
    for (const c of data.cases) {
      assert.match(data.pages[c.page] ?? '', /^https:\/\/docs\.aws\.amazon\.com\//, c.name);
      assert.ok(['allow', 'explicit-deny', 'implicit-deny'].includes(c.expect), c.name);
      assert.ok((c.statements === undefined) !== (c.document === undefined), `${c.name}: statements or a document`);
    }
  });

  for (const c of data.cases) {
    it(`${c.page} › ${c.section}: ${c.name}`, () => {
      const document = c.document ?? { Version: '2012-10-17', Statement: c.statements };
      const policy = compilePolicy(parsePolicy(JSON.stringify(document, null, 2), `${c.page}.json`));
      assert.deepEqual(policy.source.problems, [], 'the example is a valid policy');
      const request = makeRequest(c.request.action, c.request.resource, new RequestContext(Object.entries(c.request.context)));
      assert.equal(evaluatePolicySet([policy], request).outcome, c.expect, `${data.pages[c.page]} (${c.section})`);
    });
  }
});
