import { strict as assert } from 'node:assert';
import { diffTemplateVersions, ResolvedConfig, type ProjectFile } from '../../analyzer';

/** A role guests of a pool defined elsewhere may assume (its trust policy: amr unauthenticated), with no pool in the file. */
const guestRole = (topic: string) => `Parameters:
  IdentityPoolId: { Type: String }
Resources:
  PoolRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: sts:AssumeRoleWithWebIdentity,
              Condition: { StringEquals: { cognito-identity.amazonaws.com:aud: !Ref IdentityPoolId }, ForAnyValue:StringLike: { cognito-identity.amazonaws.com:amr: unauthenticated } } }
      Policies:
        - PolicyName: Lamps
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: iot:Publish, Resource: 'arn:aws:iot:us-east-1:123456789012:topic/${topic}' }] }
`;

const file = (path: string, text: string): ProjectFile => ({ path, configPath: path, text, role: 'template', format: 'cloudformation' });
const options = { config: new ResolvedConfig({}), host: { readFile: () => undefined, resolve: (_f: string, r: string) => r } };

describe('diff of a template whose policies belong to no identity pool of the files', () => {
  it("compares them as the class their kind makes, so widening one is new access (tester's tf-module-role-not-diffed)", () => {
    const { diffs } = diffTemplateVersions(file('HEAD:t.yaml', guestRole('lamps/status')), file('t.yaml', guestRole('*')), options);
    assert.deepEqual(
      diffs.map((d) => [d.old, d.new, d.diff.changes.filter((c) => c.granted).map((c) => `${c.identityType} ${c.actions.join(',')}`)]),
      [['HEAD:t.yaml guests (role policies)', 't.yaml guests (role policies)', ['unauthenticated iot:Publish']]],
    );
  });

  it('an unchanged policy is compared and grants nothing new', () => {
    const { diffs } = diffTemplateVersions(file('HEAD:t.yaml', guestRole('lamps/status')), file('t.yaml', guestRole('lamps/status')), options);
    assert.equal(diffs.length, 1);
    assert.deepEqual(
      diffs[0].diff.changes.filter((c) => c.granted),
      [],
    );
  });
});
