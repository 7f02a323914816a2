#!/usr/bin/env node
// Writes the rule catalog from the rules' own metadata (run after `npm run build`): docs/rules/README.md
// (the table) and docs/rules/<id>.md (one page per rule, the page the editor and SARIF link to), with
// examples taken from the rule's test cases (test/rules/cases/<id>.ts) and the findings the rule reports on
// them now. `--check` exits 1 when a page is missing, stale or left over (used by the test suite).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { APP_RULES, RULES, PROJECT_RULES, lintPolicyText } = require('../dist/analyzer');
const { GOOD } = require('../dist/test/rules/fixtures');
const { policyText } = require('../dist/test/rules/rule-tester');

const DIR = path.join(__dirname, '..', 'docs', 'rules');
const GENERATED = "<!-- generated from the rules' metadata by npm run docs:rules; do not edit -->";

const metas = [...RULES.map((r) => r.meta), ...PROJECT_RULES];
const appRuleMetas = APP_RULES.map((r) => r.meta);
const sourceOf = (meta) =>
  appRuleMetas.includes(meta)
    ? `analyzer/rules/app/${meta.id}.ts`
    : PROJECT_RULES.includes(meta)
      ? 'analyzer/rules/project-rules.ts'
      : `analyzer/rules/definitions/${meta.id}.ts`;
const kinds = (meta) => (meta.kinds === 'any' ? 'every policy' : meta.kinds.join(', '));
const cell = (text) => text.replace(/\|/g, '\\|');

function catalog() {
  const rows = metas.map((m) => `| [\`${m.id}\`](${m.id}.md) | ${m.family} | ${m.severity} | ${kinds(m)} | ${m.fixable ? 'yes' : ''} | ${cell(m.title)} |`);
  return [
    GENERATED,
    '# Rule catalog',
    '',
    `${metas.length} rules. Each lives in \`analyzer/rules/definitions/<id>.ts\` with its valid and invalid cases in \`test/rules/cases/<id>.ts\` (run by \`test/rules/<id>.test.ts\` and shown on the rule's page) — the \`app-\` rules, over what each identity class of an app can do, in \`analyzer/rules/app/<id>.ts\` with their cases in \`test/rules/app/<id>.test.ts\`; severities can be changed and rules turned off in \`iot-policy-lens.config.json\`.`,
    '',
    '| rule | family | default | policy kinds | fix | what |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

// Longer cases (size limits, budgets) stay in the test file; the page says how many.
const MAX_EXAMPLE_LINES = 40;
const KIND_NAMES = { iot: 'an AWS IoT policy', 'auth-role': "the authenticated role's policy", 'unauth-role': "the guest (unauthenticated) role's policy" };
const casesFile = (id) => `test/rules/cases/${id}.ts`;
const json = (text) => ['```json', text.replace(/\r\n/g, '\n').trimEnd(), '```'];
const caseTitle = (c) => `**${c.name}**${c.kind ? ` — as ${KIND_NAMES[c.kind]}` : ''}`;

function examples(meta) {
  if (PROJECT_RULES.includes(meta)) return [];
  const cases = require(`../dist/test/rules/cases/${meta.id}`).default;
  const fits = (c) => policyText(c.policy).split('\n').length <= MAX_EXAMPLE_LINES;
  const invalid = cases.invalid.filter(fits);
  // The shared good patterns every rule must stay quiet on are not this rule's examples.
  const valid = cases.valid.filter((c) => !GOOD.includes(c) && fits(c));
  const left = cases.invalid.length - invalid.length + cases.valid.filter((c) => !GOOD.includes(c)).length - valid.length;
  const reported = (c) =>
    lintPolicyText(policyText(c.policy), 'example.json', { kind: c.kind })
      .findings.filter((f) => f.ruleId === meta.id)
      .map((f) => `- line ${f.range.start.line}, column ${f.range.start.column}: ${f.severity} \`${f.messageId}\` — ${f.message}`);
  const fixed = (c) => (c.fixed === undefined ? [] : ['', 'After the quick fix:', '', ...json(policyText(c.fixed))]);
  return [
    '## Examples',
    '',
    `Taken from the rule's test cases ([\`${casesFile(meta.id)}\`](../../${casesFile(meta.id)})), which \`npm test\` checks; the findings are what the rule reports on them.${left ? ` ${left} longer case${left === 1 ? ' is' : 's are'} only in that file.` : ''}`,
    '',
    '### Reported',
    '',
    ...invalid.flatMap((c) => [caseTitle(c), '', ...json(policyText(c.policy)), '', ...reported(c), ...fixed(c), '']),
    '### Not reported',
    '',
    ...valid.flatMap((c) => [caseTitle(c), '', ...json(policyText(c.policy)), '']),
  ];
}

function messages(meta) {
  return ['## Messages', '', '| id | message |', '|---|---|', ...Object.entries(meta.messages).map(([id, text]) => `| \`${id}\` | ${cell(text)} |`), ''];
}

function page(meta) {
  return [
    GENERATED,
    `# ${meta.id}`,
    '',
    `**${meta.title}** — default severity: ${meta.severity}; applies to: ${kinds(meta)}${meta.fixable ? '; has a quick fix' : ''}.`,
    '',
    meta.rationale,
    '',
    ...(appRuleMetas.includes(meta)
      ? [
          'Runs on every identity class of every app `check` builds (docs/app-model.md) and reports only witnesses the evaluator confirms, or that the engine could not decide; its cases are in `test/rules/app/`.',
          '',
        ]
      : []),
    ...(meta.auditCheck ? [`Severity follows the AWS IoT Device Defender audit check ${meta.auditCheck}.`, ''] : []),
    `AWS reference: ${meta.reference}`,
    '',
    `Source: [\`${sourceOf(meta)}\`](../../${sourceOf(meta)}). [All rules](README.md).`,
    '',
    ...messages(meta),
    ...examples(meta),
  ].join('\n');
}

const wanted = new Map([['README.md', catalog()], ...metas.map((m) => [`${m.id}.md`, page(m)])]);
const existing = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.md')) : [];
const stale = [...wanted]
  .filter(([file, text]) => !fs.existsSync(path.join(DIR, file)) || fs.readFileSync(path.join(DIR, file), 'utf8') !== text)
  .map(([file]) => file);
const extra = existing.filter((file) => !wanted.has(file));

if (process.argv.includes('--check')) {
  if (stale.length || extra.length) {
    console.error(`docs/rules is stale (${[...stale, ...extra.map((f) => `${f} (no such rule)`)].join(', ')}): run npm run docs:rules`);
    process.exit(1);
  }
} else {
  fs.mkdirSync(DIR, { recursive: true });
  for (const file of stale) fs.writeFileSync(path.join(DIR, file), wanted.get(file));
  for (const file of extra) fs.rmSync(path.join(DIR, file));
}
