import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError } from '../../cli/fs-errors';
import { runCli, tempProject } from './run-cli';

describe('environment errors as path: reason', () => {
  it('words the errno codes a user can cause, with the path shown relative to the working folder', () => {
    assert.equal(
      describeFsError({ code: 'EACCES', path: path.join(process.cwd(), 'locked', 'p.json') }),
      `${path.join('locked', 'p.json')}: permission denied`,
    );
    assert.equal(describeFsError({ code: 'ENOTDIR', path: '/etc/passwd/x' }), '/etc/passwd/x: a path component is not a folder');
    assert.equal(describeFsError({ code: 'ELOOP' }, 'link.json'), 'link.json: too many levels of symbolic links');
    assert.equal(describeFsError({ code: 'ERR_SOMETHING_ELSE', path: 'x' }), undefined, 'not a file-system error: left to the caller');
    assert.equal(describeFsError(new TypeError('boom')), undefined);
  });

  it('a symbolic-link loop is named as such (exit 2)', () => {
    const dir = tempProject({});
    fs.symlinkSync('loop.json', path.join(dir, 'loop.json'));
    const result = runCli(['simulate', 'loop.json'], dir);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'loop.json: too many levels of symbolic links\n');
  });
});
