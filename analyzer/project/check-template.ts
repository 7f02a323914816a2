import type { Finding, Fix, TextEdit } from '../rules/rule';
import { preparePolicy, type SourcePolicy } from '../sources/document';
import { hclString, mapToOriginal, replaceableSpan, type EmittedDocument } from '../sources/emit';
import type { PolicyBranches } from '../sources/cloudformation/policy-branches';
import type { IdentityPoolFacts } from '../sources/reading';
import { rangesOf, readTemplateFile } from '../sources/read-template-file';
import { joinModuleFiles } from '../sources/terraform/module-files';
import type { Span } from '../sources/tree';
import type { SourceRange } from '../source/range';
import { DEFAULT_SCOPE } from '../scenario/arn';
import { parseInTemplate } from '../sources/template-policy';
import { appsFromTemplate, templatePolicyInput, type App, type TemplatePolicyInput } from './app';
import type { CheckOptions, FileReport, ProjectFile, UnreadTemplate } from './check';
import { projectFinding } from './check';
import { lintEmitted } from './lint-cache';

/**
 * Checks every policy a template holds with the kind the template gives it, findings placed in the
 * template itself; statements that depend on unknown values are left out and reported once each.
 */
export function checkTemplateFile(
  file: ProjectFile,
  options: CheckOptions,
): { findings: Finding[]; reports: FileReport[]; notes: string[]; apps: App[]; unread: UnreadTemplate[] } {
  const toRange = rangesOf(file);
  const appInputs: TemplatePolicyInput[] = [];
  const reading = file.reading ?? readTemplateFile(file, options.host, options.config.templateParameters);
  // A file that could not be read at all was not checked, whatever the config does with the finding.
  const unread = reading.problems.filter((p) => p.fatal).map((p) => ({ range: toRange(p.span), problem: p.message }));
  const findings: Finding[] = reading.problems.flatMap((p) =>
    projectFinding(options.config, file.configPath, p.ruleId, { messageId: 'problem', data: { problem: p.message }, range: toRange(p.span) }),
  );
  const reports: FileReport[] = [];
  for (const policy of reading.policies) {
    const kind = policy.kind ?? options.kind ?? options.config.kindFor(file.configPath);
    const kindSource = policy.kind ? 'template' : options.kind ? 'flag' : kind ? 'config' : undefined;
    reports.push({
      path: toRange(policy.document.span).file,
      role: 'policy',
      name: policy.name,
      kind,
      kindSource,
      ...(policy.kindReason && { kindReason: policy.kindReason }),
    });
    const prepared = preparePolicy(policy.document);
    appInputs.push(templatePolicyInput(policy, kind, prepared, (emitted) => parseInTemplate(emitted, file.path, file.text, toRange)));
    if (prepared.unknownDocument) {
      findings.push(
        ...projectFinding(options.config, file.configPath, 'unresolved-value', {
          messageId: 'unknownDocument',
          data: { policy: policy.name, reason: prepared.unknownDocument.reason },
          range: toRange(prepared.unknownDocument.span),
        }),
      );
    }
    for (const statement of prepared.withheld) {
      const what = `${statement.effect} statement${statement.sid ? ` "${statement.sid}"` : ''}`;
      const consequence = statement.effect === 'Deny' ? 'the access it would deny is shown as granted' : 'what it would grant is not counted';
      findings.push(
        ...projectFinding(options.config, file.configPath, 'unresolved-value', {
          messageId: 'withheldStatement',
          data: { policy: policy.name, statement: what, reasons: [...new Set(statement.unknowns.map((u) => u.reason))].join(', '), consequence },
          range: toRange(statement.unknowns[0].span),
        }),
      );
    }
    if (prepared.emitted && options.rules !== false) findings.push(...lintInPlace(prepared.emitted, policy, file, kind, options, toRange));
  }
  const notes = reading.notes.map((n) => `${file.path}: ${n}`);
  for (const { name, branches } of reading.policies) if (branches) notes.push(`${file.path}: ${name}: ${describeBranches(branches)}`);
  for (const pool of reading.pools) notes.push(`${file.path}: identity pool ${pool.name}: ${describePool(pool)}`);
  if (reading.policies.some((p) => p.kind === 'iot') && reading.policies.some((p) => p.kind === 'auth-role')) {
    notes.push(
      `${file.path}: IoT policies are taken as attached to every authenticated identity (attaching them to identities happens at run time, not in the template)`,
    );
  }
  return {
    findings,
    reports,
    notes,
    apps: appsFromTemplate(file.path, DEFAULT_SCOPE, reading.pools, appInputs, reading.problems),
    unread,
  };
}

function describeBranches({ conditions, droppedDenies }: PolicyBranches): string {
  const which = conditions.length === 1 ? `the condition ${conditions[0]} is` : `the conditions ${conditions.join(', ')} are`;
  const denies =
    droppedDenies > 0 ? `; ${droppedDenies} Deny statement(s) only some branches have are not applied, so the access they might remove shows as granted` : '';
  return `${which} not decided by the files: the policy is analysed under every outcome, an Allow of any branch counts and a Deny only where every branch has it${denies}`;
}

function describePool(pool: IdentityPoolFacts): string {
  const role = (which: 'authenticated' | 'unauthenticated', absent: string) => {
    const unknown = pool.unknownRoles?.[which];
    return `${which} role ${pool[`${which}Role`] ?? (unknown ? `unknown (${unknown})` : absent)}`;
  };
  const roles = `${role('authenticated', 'not in the files')}, ${role('unauthenticated', 'none')}`;
  if (pool.allowUnauthenticated === 'unknown')
    return `${roles}; whether guests get credentials is not decided by the files, so guest access is checked as possible`;
  if (!pool.allowUnauthenticated)
    return `${roles}; guests are disabled (AllowUnauthenticatedIdentities false)${pool.unauthenticatedRole ? ', the unauthenticated role is checked anyway' : ''}`;
  return `${roles}; guests get credentials`;
}

/**
 * One Terraform module from the `.tf` files of a folder (Terraform reads them as one configuration):
 * their texts joined, each remembered at its offset so findings point into the right file.
 */
export function terraformModule(files: readonly Pick<ProjectFile, 'path' | 'configPath' | 'text'>[], shownAs: string): ProjectFile {
  const { text, parts } = joinModuleFiles(files.map(({ path, text }) => ({ path, text })));
  return { path: shownAs, configPath: files[0]?.configPath ?? shownAs, text, role: 'template', format: 'terraform', parts };
}

/** Lints the emitted document and moves every finding (and related location) back into the template. */
function lintInPlace(
  emitted: EmittedDocument,
  policy: SourcePolicy,
  file: ProjectFile,
  kind: CheckOptions['kind'],
  options: CheckOptions,
  toRange: (span: Span) => SourceRange,
): Finding[] {
  const findings = lintEmitted(emitted.text, file.path, file.configPath, kind, options.config);
  const place = (range: SourceRange) => toRange(mapToOriginal(emitted, file.text, range.offset, range.length));
  return findings.map(({ fix, ...finding }) => {
    const placedFix = fix && fixInPlace(fix, emitted, file, toRange);
    // Where the edit does not map exactly into the template, no quick fix: the message says what to change instead.
    const byHand = fix && !placedFix ? ` (fix by hand: ${fix.title})` : '';
    return {
      ...finding,
      message: `${policy.name}: ${finding.message}${byHand}`,
      range: place(finding.range),
      ...(placedFix && { fix: placedFix }),
      ...(finding.related && { related: finding.related.map((r) => ({ ...r, range: r.range.file === file.path ? place(r.range) : r.range })) }),
    };
  });
}

/**
 * A quick fix moved into the template when each edit replaces a whole string written as is there;
 * otherwise none (the finding's message then says what to change). In Terraform a literal `${`/`%{` is written
 * `$${`/`%%{`.
 */
function fixInPlace(fix: Fix, emitted: EmittedDocument, file: ProjectFile, toRange: (span: Span) => SourceRange): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const terraform = file.format === 'terraform';
    const span = replaceableSpan(emitted, file.text, edit.range.offset, edit.range.length, terraform);
    if (!span) return undefined;
    edits.push({ range: toRange(span), newText: terraform ? hclString(edit.newText) : edit.newText });
  }
  return { title: fix.title, edits };
}
