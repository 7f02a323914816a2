import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { managedPolicyFileName, sharedPath } from '../../aws/live-file-names';
import { writeLiveFiles, WriteRefusedError } from '../../aws/write-live-files';

describe('live policy files', () => {
  it('a managed policy’s file name comes from its whole ARN', () => {
    assert.equal(managedPolicyFileName('arn:aws:iam::aws:policy/AWSIoTDataAccess'), 'managed-aws-AWSIoTDataAccess.json');
    assert.equal(managedPolicyFileName('arn:aws:iam::123456789012:policy/AWSIoTDataAccess'), 'managed-123456789012-AWSIoTDataAccess.json');
    assert.equal(managedPolicyFileName('arn:aws:iam::123456789012:policy/team/AWSIoTDataAccess'), 'managed-123456789012-team~AWSIoTDataAccess.json');
    // A path segment is never confused with part of a name.
    assert.notEqual(managedPolicyFileName('arn:aws:iam::123456789012:policy/team/x'), managedPolicyFileName('arn:aws:iam::123456789012:policy/team-x'));
    assert.equal(managedPolicyFileName('arn:aws-cn:iam::aws:service-role/x'), 'managed-arn_aws-cn_iam_aws_service-role_x.json');
  });

  it('finds two files that would share a path', () => {
    assert.equal(sharedPath(['a', 'b', 'c']), undefined);
    assert.equal(sharedPath(['a', 'b', 'a']), 'a');
  });

  describe('writeLiveFiles', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-live-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('creates the folders and files, and refuses a second run without touching the first', () => {
      const out = path.join(dir, 'out');
      const files = [
        { path: 'roles/a.json', content: '1' },
        { path: 'b.json', content: '2' },
      ];
      assert.deepEqual(writeLiveFiles(out, files), [path.join(out, 'roles', 'a.json'), path.join(out, 'b.json')]);
      assert.throws(
        () =>
          writeLiveFiles(out, [
            { path: 'c.json', content: 'new' },
            { path: 'b.json', content: 'changed' },
          ]),
        (error: Error) => error instanceof WriteRefusedError && /b\.json already exists/.test(error.message),
      );
      assert.equal(fs.readFileSync(path.join(out, 'b.json'), 'utf8'), '2');
      assert.equal(fs.existsSync(path.join(out, 'c.json')), false, 'everything is checked before the first write');
    });

    it('refuses paths that leave the folder', () => {
      for (const bad of ['../x.json', '/abs.json', 'a//b.json'])
        assert.throws(() => writeLiveFiles(dir, [{ path: bad, content: '' }]), /not a plain relative path/);
    });

    it('refuses a folder that is a file', () => {
      fs.writeFileSync(path.join(dir, 'roles'), '');
      assert.throws(() => writeLiveFiles(dir, [{ path: 'roles/a.json', content: '' }]), /roles is not a folder/);
    });
  });
});
