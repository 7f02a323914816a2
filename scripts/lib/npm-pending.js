#!/usr/bin/env node
// Names the packages an interrupted `npm ci --loglevel=http` had not finished downloading: every
// package of the lockfile whose tarball has no completed "npm http fetch GET <status> …/<name>/-/…"
// line in the log. Used by scripts/lib/bounded.sh when an install stalls, so the message says which
// package the registry did not deliver rather than only that time ran out.
// Usage: node scripts/lib/npm-pending.js <package-lock.json> <npm log>
'use strict';
const fs = require('fs');

const [lockFile, logFile] = process.argv.slice(2);
if (!lockFile || !logFile) {
  console.error('usage: npm-pending.js <package-lock.json> <npm log>');
  process.exit(2);
}

function read(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`npm-pending: ${file}: ${e.code || e.message}`);
    process.exit(2);
  }
}

const lock = JSON.parse(read(lockFile));
const wanted = new Map(); // "name@version" → name
for (const [key, entry] of Object.entries(lock.packages || {})) {
  if (!key || entry.link || entry.inBundle || !entry.version) continue;
  const name = entry.name || key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  wanted.set(`${name}@${entry.version}`, name);
}

const fetched = new Set();
const line = /^npm http fetch GET \d+ (\S+)/;
for (const text of read(logFile).split('\n')) {
  const m = line.exec(text);
  if (!m) continue;
  // https://registry.npmjs.org/@scope/name/-/name-1.2.3.tgz
  const url = decodeURIComponent(m[1]);
  const at = url.indexOf('/-/');
  if (at === -1) continue;
  const name = url.slice(url.indexOf('/', url.indexOf('//') + 2) + 1, at);
  const version = url
    .slice(at + 3)
    .replace(/\.tgz$/, '')
    .slice(name.split('/').pop().length + 1);
  fetched.add(`${name}@${version}`);
}

const pending = [...wanted.keys()].filter((id) => !fetched.has(id));
if (pending.length === 0) {
  console.log(
    `npm-pending: every one of the ${wanted.size} packages was downloaded; the install stalled after the downloads (install scripts or native builds: see the log)`,
  );
} else {
  const shown = pending.slice(0, 15).join(', ');
  console.log(
    `npm-pending: ${pending.length} of ${wanted.size} packages not downloaded when it stopped (a stalled download is among them): ${shown}${pending.length > 15 ? ', …' : ''}`,
  );
}
