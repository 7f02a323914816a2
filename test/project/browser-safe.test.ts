import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ANALYZER = path.resolve(__dirname, '..', '..', '..', 'analyzer');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('analyzer/ stays a pure engine', () => {
  it('imports nothing from VS Code, the CLI or Node built-ins', () => {
    const offenders = sources(ANALYZER).filter((file) =>
      /from '(vscode|node:[^']+|fs|path|os|child_process)'|from '\.\.\/(\.\.\/)?cli\//.test(fs.readFileSync(file, 'utf8')),
    );
    assert.deepEqual(
      offenders.map((f) => path.relative(ANALYZER, f)),
      [],
    );
  });
});
