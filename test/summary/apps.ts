import { strict as assert } from 'node:assert';
import { appFromKinds, appPolicy, authorize, DEFAULT_SCOPE, parsePolicy, type CognitoDecision, type PolicyKind } from '../../analyzer';
import { summarizeApp, type AppSummary, type ClassSummary, type Grant } from '../../analyzer/summary';

/** Apps built from policies by kind for the summary's tests, and the evaluator's answer for the same policies. */
export const ARN = 'arn:aws:iot:us-east-1:123456789012';
export const SUB = '${cognito-identity.amazonaws.com:sub}';
export const doc = (statements: unknown[], version = '2012-10-17') => JSON.stringify({ Version: version, Statement: statements });

export type KindPolicies = Record<string, { kind: PolicyKind; statements: unknown[]; version?: string }>;

function kindPolicies(policies: KindPolicies) {
  return Object.entries(policies).map(([name, p]) => appPolicy(name, p.kind, () => parsePolicy(doc(p.statements, p.version), name)));
}

/** An app from policies by kind: guests get the unauth-role ones, signed-in users the auth-role and IoT ones; `readings` pinned as a scenario pins them. */
export function kindsSummary(policies: KindPolicies, readings?: Record<string, string>): AppSummary {
  const app = appFromKinds('test app', 'test', DEFAULT_SCOPE, kindPolicies(policies));
  assert.ok(app);
  return summarizeApp(readings ? { ...app, readings: new Map(Object.entries(readings)) } : app);
}

export const classOf = (app: AppSummary, id: string): ClassSummary => app.classes.find((c) => c.id === id)!;

export const grantsFor = (cls: ClassSummary, action: string): Grant[] => cls.actions.find((a) => a.action === action)!.grants;

/** What authorize decides for one request of a guest (unauth-role policies) or signed-in user (auth-role and IoT policies). */
export function decide(
  policies: KindPolicies,
  readings: Record<string, string> | undefined,
  request: { type: 'authenticated' | 'unauthenticated'; identityId: string; clientId?: string; action: string; resource: string },
): CognitoDecision {
  const compiled = kindPolicies(policies);
  const of = (kind: PolicyKind) => compiled.filter((p) => p.kind === kind).map((p) => p.compiled);
  const role = of(request.type === 'authenticated' ? 'auth-role' : 'unauth-role');
  const { clientId, identityId, type } = request;
  const identity = { type, identityId, ...(clientId === undefined ? { protocol: 'https' as const } : { protocol: 'mqtt-wss' as const, clientId }) };
  return authorize(
    { authenticated: role, unauthenticated: role },
    { identity, iotPolicies: of('iot') },
    { action: request.action, resource: request.resource },
    { readings: readings && new Map(Object.entries(readings)) },
  );
}
