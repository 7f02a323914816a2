'use strict';
// Shared by the docs generators: write a generated file, or with `--check` exit 1 when it is out of date.
const fs = require('node:fs');

/** @param {string} file @param {string} current @param {string} next @param {string} stale the message when out of date */
function writeOrCheck(file, current, next, stale) {
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(stale);
      process.exit(1);
    }
  } else if (next !== current) {
    fs.writeFileSync(file, next);
  }
}

module.exports = { writeOrCheck };
