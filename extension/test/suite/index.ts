// The mocha entry the extension host loads (extensionTestsPath). It also writes a result file that the
// launcher cross-checks, so a run that loads no test can never pass.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as mochaModule from 'mocha';

// mocha 12 is an ES module: required from CommonJS it arrives as a namespace whose default export is the class.
const Mocha = ((mochaModule as unknown as { default?: typeof mochaModule.default }).default ?? mochaModule) as unknown as typeof mochaModule.default;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000 });
  for (const file of fs.readdirSync(__dirname).sort()) if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  const resultFile = process.env.VSCODE_TEST_RESULT_FILE;
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = { passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0, tests: runner.stats?.tests ?? 0 };
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(stats));
      console.log(`${stats.passes} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
}
