import { namesAnIdentityId } from '../cognito/identity-id';
import { statementsForAction, type CompiledPolicy } from '../evaluate/compile';
import type { ConfirmedCheck } from '../prove/prove';
import { APP_RULES } from '../rules/app-registry';
import { renderMessage } from '../rules/message';
import type { AppRule, AppRuleReport } from '../rules/app-rule';
import type { Finding, RelatedLocation } from '../rules/rule';
import { LineIndex, type SourceRange } from '../source/range';
import { appPolicy, MAX_IOT_POLICIES_PER_IDENTITY, type App, type AppClass, type AppPolicy } from './app';
import { AppQuestions, type AnswerCache } from './app-questions';
import { appInScope, appScopes } from './app-scope';
import { parsePolicy } from '../policy/parse';

const ASSUMED_ROLE_FILE = '<assumed authenticated role>';
/**
 * When the files give IoT policies but no authenticated role, the role is unknown: it is taken as allowing
 * the IoT data-plane actions, so the IoT policies alone decide and what they grant is shown, never hidden.
 */
const ASSUMED_ROLE: AppPolicy = appPolicy(ASSUMED_ROLE_FILE, 'auth-role', () =>
  parsePolicy(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iot:Connect', 'iot:Publish', 'iot:RetainPublish', 'iot:Subscribe', 'iot:Receive', 'iot:GetRetainedMessage'],
          Resource: '*',
        },
      ],
    }),
    ASSUMED_ROLE_FILE,
  ),
);

const ASSUMED_CONNECT_FILE = '<assumed Connect with the identity ID>';
/** With the role not in the files and no Connect in the IoT policies, the Connect is elsewhere: the usual one is assumed. */
const ASSUMED_CONNECT: AppPolicy = appPolicy(ASSUMED_CONNECT_FILE, 'iot', () =>
  parsePolicy(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:*:*:client/${cognito-identity.amazonaws.com:sub}' }],
    }),
    ASSUMED_CONNECT_FILE,
  ),
);

export interface AppFindingOptions {
  /** Whether the rule runs at all (not turned off in the config). */
  enabled(ruleId: string): boolean;
  /** Answers shared between the apps of one run (the same policies in a scenario and a template are asked once). */
  cache?: AnswerCache;
}

export interface AppFindings {
  findings: Finding[];
  /** What the app-level rules did not look at, and why, and the scopes they asked in when several (said in the report's notes). */
  skipped: string[];
  /** The files of the policies the rules looked at: their single-file guesses at the same problems give way. */
  analysed: Set<string>;
}

/**
 * Runs every app rule on every identity class of the app: the signed-in classes one by one (each with the
 * guests), the guests once. Findings carry default severities; `check` applies the config.
 */
export function appFindings(app: App, options: AppFindingOptions): AppFindings {
  const findings: Finding[] = [];
  const skipped: string[] = [];
  const analysed = new Set<string>();
  const rules = APP_RULES.filter((r) => options.enabled(r.meta.id));
  if (rules.length === 0) return { findings, skipped, analysed };
  const signedIn: AppClass[] = [];
  for (const cls of app.classes.filter((c) => c.type === 'authenticated')) {
    if (cls.iotPolicies.length > MAX_IOT_POLICIES_PER_IDENTITY) {
      skipped.push(
        `${app.name}: ${cls.label} are taken to carry ${cls.iotPolicies.length} IoT policies, more than AWS lets attach to one identity (${MAX_IOT_POLICIES_PER_IDENTITY}); the rules over what they can do did not run on them — say which identities carry which policies in a scenario`,
      );
      continue;
    }
    const perIdentity = cls.iotPolicies.filter((p) => namesAnIdentityId(p.compiled.source));
    for (const policy of perIdentity)
      skipped.push(
        `${app.name}: ${policy.name} names a Cognito identity ID: it is taken as generated for that identity and attached to it alone, so the rules over ${cls.label} leave it out`,
      );
    const iotPolicies = cls.iotPolicies.filter((p) => !perIdentity.includes(p));
    if (cls.rolePolicies.length > 0) signedIn.push({ ...cls, iotPolicies });
    else {
      const connects = iotPolicies.some((p) => statementsForAction(p.compiled, 'iot:connect').some((s) => s.effect === 'Allow'));
      signedIn.push({
        ...cls,
        rolePolicies: [ASSUMED_ROLE],
        iotPolicies: connects || iotPolicies.length === 0 ? iotPolicies : [...iotPolicies, ASSUMED_CONNECT],
      });
    }
  }
  const guests = app.classes.find((c) => c.type === 'unauthenticated');
  const classes = [...signedIn, ...(guests ? [guests] : [])];
  // No class to ask about (every one skipped above): no scope is asked in, so none is worked out or said.
  if (classes.length === 0) return { findings, skipped, analysed };
  for (const statement of classes.flatMap(policiesOf).flatMap((p) => p.source.statements)) analysed.add(statement.range.file);
  const { scopes, note, notAsked, unmatched } = appScopes(app);
  if (scopes.length > 1 || unmatched.length > 0) skipped.push(`${app.name}: ${note}`);
  // The same finding in a further scope (its message names that scope's identity IDs) is said once.
  const reported = new Set<string>();
  for (const scope of scopes) {
    const keys = new Set<string>();
    for (const { cls, rule, finding } of findingsInScope(appInScope(app, scope), signedIn, guests, rules, options.cache)) {
      const key = `${cls.id}|${rule.meta.id}|${finding.messageId}|${finding.range.file}|${finding.range.offset}`;
      if (!reported.has(key)) findings.push(finding);
      keys.add(key);
    }
    keys.forEach((key) => reported.add(key));
  }
  if (notAsked > 0)
    for (const cls of classes)
      for (const rule of rules.filter((r) => r.identities.includes(cls.type)))
        findings.push(undecidedFinding(rule, app, cls, 'it holds in every scope the policies name', [`${notAsked} of them were not asked in: ${note}`]));
  return { findings, skipped, analysed };
}

/** Every app rule on every class, with the questions asked in the app's one scope. */
function findingsInScope(app: App, signedIn: readonly AppClass[], guests: AppClass | undefined, rules: readonly AppRule[], cache: AnswerCache | undefined) {
  const found: { cls: AppClass; rule: AppRule; finding: Finding }[] = [];
  const runs = signedIn.map((cls) => ({ cls, questions: new AppQuestions(app, cls, cache) }));
  if (guests) runs.push({ cls: guests, questions: runs[0]?.questions ?? new AppQuestions(app, undefined, cache) });
  for (const { cls, questions } of runs) {
    for (const rule of rules.filter((r) => r.identities.includes(cls.type))) {
      rule.check({
        app,
        cls,
        questions,
        report: (report) => found.push({ cls, rule, finding: toFinding(rule, app, cls, report) }),
        undecided: (question, reasons) => found.push({ cls, rule, finding: undecidedFinding(rule, app, cls, question, reasons) }),
      });
    }
  }
  return found;
}

function undecidedFinding(rule: AppRule, app: App, cls: AppClass, question: string, reasons: readonly string[]): Finding {
  return {
    ruleId: rule.meta.id,
    messageId: 'undecided',
    severity: rule.meta.severity,
    message: `${qualifier(cls)}${renderMessage(rule.meta.messages.undecided, { question, reasons: summary(reasons) })}`,
    range: firstPolicyRange(cls) ?? startOf(app.file),
  };
}

function toFinding(rule: AppRule, app: App, cls: AppClass, report: AppRuleReport): Finding {
  const located = report.checks.flatMap((check) => check.responsible.filter(isInFiles).map((range) => ({ check, range })));
  // The last request is the one that does the harm (the publish, the receive); earlier ones make it possible.
  const primary = located[located.length - 1]?.range ?? firstPolicyRange(cls) ?? startOf(app.file);
  const related: RelatedLocation[] = [];
  for (const { check, range } of located) {
    if (sameRange(range, primary) || related.some((r) => sameRange(r.range, range))) continue;
    related.push({ message: `allows ${describeCheck(check)}`, range });
  }
  const owner = app.origin === 'template' ? policyAt(cls, primary) : undefined;
  return {
    ruleId: rule.meta.id,
    severity: report.severity ?? rule.meta.severity,
    messageId: report.messageId,
    message: `${owner ? `${owner.name}: ` : ''}${qualifier(cls)}${renderMessage(rule.meta.messages[report.messageId], report.data)}`,
    range: primary,
    ...(related.length > 0 && { related }),
  };
}

function summary(reasons: readonly string[]): string {
  return `${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? ` (and ${reasons.length - 2} more)` : ''}`;
}

function describeCheck(check: ConfirmedCheck): string {
  return `${check.action} on ${check.resource} for ${check.identity}${check.clientId !== undefined ? ` (client ID ${check.clientId})` : ''}`;
}

/** What the model assumed about the class, said before the finding. */
function qualifier(cls: AppClass): string {
  const parts = [
    ...(cls.certain ? [] : ['if guests get credentials (the files do not decide)']),
    ...(cls.rolePolicies.includes(ASSUMED_ROLE)
      ? [`assuming ${cls.id === 'signed-in' ? 'the authenticated role' : 'their role'} (not in the files) allows IoT data-plane actions`]
      : []),
    ...(cls.iotPolicies.includes(ASSUMED_CONNECT) ? ['assuming users connect with their identity ID as client ID (no Connect in the files)'] : []),
  ];
  return parts.length > 0 ? `${parts.join('; ')}: ` : '';
}

function isInFiles(range: SourceRange): boolean {
  return range.file !== ASSUMED_ROLE_FILE && range.file !== ASSUMED_CONNECT_FILE;
}

function sameRange(a: SourceRange, b: SourceRange): boolean {
  return a.file === b.file && a.offset === b.offset && a.length === b.length;
}

function policiesOf(cls: AppClass): CompiledPolicy[] {
  return [...cls.rolePolicies, ...cls.iotPolicies].filter((p) => p !== ASSUMED_ROLE && p !== ASSUMED_CONNECT).map((p) => p.compiled);
}

function policyAt(cls: AppClass, range: SourceRange): AppPolicy | undefined {
  return [...cls.rolePolicies, ...cls.iotPolicies].find(
    (p) =>
      p !== ASSUMED_ROLE &&
      p !== ASSUMED_CONNECT &&
      p.compiled.source.file === range.file &&
      p.compiled.source.statements.some((s) => range.offset >= s.range.offset && range.offset < s.range.offset + s.range.length),
  );
}

function firstPolicyRange(cls: AppClass): SourceRange | undefined {
  const [policy] = policiesOf(cls);
  return policy && (policy.source.statements[0]?.range ?? policy.source.lines.range(0, 0));
}

function startOf(file: string): SourceRange {
  return new LineIndex(file, '').range(0, 0);
}
