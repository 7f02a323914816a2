#!/usr/bin/env node
'use strict';
// The commands that build automata (summary, prove, diff) run a few hundred milliseconds of hot code: with
// V8's default interrupt budget much of such a run goes into optimizing functions that then run briefly. A
// larger budget measured 20–30% less CPU for `summary` of the samples; it made a one-file `check` slower,
// so only these commands get it (`npm run bench` prints both). Set before the bundle loads.
if (['summary', 'prove', 'diff'].includes(process.argv[2])) require('node:v8').setFlagsFromString('--interrupt-budget=300000');
require('../dist/cli/bin.js');
