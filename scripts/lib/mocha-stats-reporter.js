// Mocha's spec reporter, plus the run's counts written to $LENS_TEST_STATS when the run ends, so
// scripts/test-all.js can add up every suite. Same shape as the extension host's result file.
'use strict';
const fs = require('fs');
const mochaModule = require('mocha');

// mocha 12 is an ES module: required from CommonJS it arrives as a namespace whose default export is the class.
const Mocha = mochaModule.default ?? mochaModule;

class StatsSpecReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.LENS_TEST_STATS;
      if (!file) return;
      const { passes, failures, pending, tests } = runner.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, tests }));
    });
  }
}
module.exports = StatsSpecReporter;
