import { strict as assert } from 'node:assert';
import { accessFindings, compilePolicyFor, diffAccess, type AccessDiff } from '../../analyzer/prove';

const TOPIC = 'arn:aws:iot:us-east-1:123456789012:topic/';
const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const OLD = doc([{ Sid: 'Own', Effect: 'Allow', Action: 'iot:Publish', Resource: `${TOPIC}own` }]);
const NEW = doc([
  { Sid: 'Chat', Effect: 'Allow', Action: 'iot:Publish', Resource: [`${TOPIC}chat/*`, `${TOPIC}news/*`] },
  { Sid: 'Receive', Effect: 'Allow', Action: 'iot:Receive', Resource: `${TOPIC}own` },
]);

function compared(): AccessDiff {
  return diffAccess([compilePolicyFor(OLD, 'old.json', 'iot')], [compilePolicyFor(NEW, 'new.json', 'iot')], 'iot');
}

describe('prove: access changes as findings (accessFindings)', () => {
  const files = [{ old: 'old.json', new: 'new.json', location: 'new.json', diff: compared() }];

  it('new access at the first Resource entry granting it, the others related; removed access at the file', () => {
    const findings = accessFindings(files, [], undefined);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, `${f.range.file}:${f.range.start.line}:${f.range.start.column}`]),
      [
        ['new-access', 'warning', 'new.json:9:9'],
        ['removed-access', 'info', 'new.json:1:1'],
        ['new-access', 'warning', 'new.json:17:19'],
      ],
    );
    const [publish] = findings;
    assert.match(publish.message, /^authenticated identities now may iot:Publish on .*topic\/chat\/\*, .*topic\/news\/\* \(e\.g\. /);
    assert.deepEqual(
      publish.related?.map((r) => [r.message.replace(/ —.*/, ''), r.range.start.line]),
      [[`also granted by ${TOPIC}news/*`, 10]],
    );
  });

  it('with the gate, new access is an error; what was not decided is an error unless the gate accepts it', () => {
    const gated = accessFindings(files, ['unknown-kind.json'], { allowUnknown: false });
    assert.deepEqual(
      gated.map((f) => `${f.ruleId} ${f.severity}`),
      ['new-access error', 'removed-access info', 'new-access error', 'undecided-access error'],
    );
    assert.equal(gated[3].range.file, 'unknown-kind.json');
    assert.equal(accessFindings(files, ['unknown-kind.json'], { allowUnknown: true })[3].severity, 'warning');
    assert.equal(accessFindings(files, ['unknown-kind.json'], undefined)[3].severity, 'warning');
  });
});
