import { statementsForAction, type CompiledStatement } from '../../evaluate/compile';
import type { AppClass, AppPolicy } from '../../project/app';
import { OTHER_IDENTITY } from '../../project/app-questions';
import { resourceName } from '../topic-patterns';

const SUB = /\$\{\s*cognito-identity\.amazonaws\.com:sub\s*\}/gi;
const ANY_VARIABLE = /\$\{[^}]*\}/g;

/** The Allow statements of every policy the class gets that cover the action. */
export function allowsOf(cls: AppClass, action: string): CompiledStatement[] {
  return allowsIn([...cls.rolePolicies, ...cls.iotPolicies], action);
}

/** The Allow statements of these policies that cover the action. */
export function allowsIn(policies: readonly AppPolicy[], action: string): CompiledStatement[] {
  return policies.flatMap((p) => statementsForAction(p.compiled, action.toLowerCase()).filter((s) => s.effect === 'Allow' && s.takesPart));
}

/**
 * The per-identity namespaces the class's policies grant: the topic text before
 * `${cognito-identity.amazonaws.com:sub}` in an allowed topic or filter ("users/" for users/${…:sub}/*),
 * when nothing before it is a wildcard. Another identity's namespace is `<prefix><their ID>` and below.
 */
export function identityNamespaces(cls: AppClass): string[] {
  const prefixes = new Set<string>();
  for (const policy of [...cls.rolePolicies, ...cls.iotPolicies]) {
    for (const statement of policy.compiled.statements) {
      if (statement.effect !== 'Allow' || statement.resourcesNegated) continue;
      for (const { entry } of statement.resources) {
        const name = resourceName(entry.value, 'topic') ?? resourceName(entry.value, 'topicfilter');
        const at = name?.search(SUB) ?? -1;
        if (name && at !== -1 && !/[*?+#$]/.test(name.slice(0, at))) prefixes.add(name.slice(0, at));
      }
    }
  }
  return [...prefixes];
}

/** Topics (and filters) in another identity's namespaces, as question patterns. */
export function otherNamespaces(prefixes: readonly string[]): string[] {
  return prefixes.flatMap((p) => [`${p}${OTHER_IDENTITY}`, `${p}${OTHER_IDENTITY}/*`]);
}

/**
 * The client IDs someone else of the class may use, as question patterns over-approximating their Allows
 * on Connect: the identity variable stands for the other identity, any other variable for anything.
 * Connect is scoped down, so for signed-in users the IoT policies bound it (the role alone for guests).
 */
export function othersClientIdPatterns(cls: AppClass): string[] {
  const patterns = new Set<string>();
  const policies = scopingPolicies(cls);
  for (const statement of allowsIn(policies, 'iot:Connect')) {
    if (statement.resourcesNegated) patterns.add('client/*');
    else
      for (const { entry } of statement.resources) {
        const name = resourceName(entry.value, 'client');
        if (name !== undefined) patterns.add(`client/${name.replace(SUB, OTHER_IDENTITY).replace(ANY_VARIABLE, (v) => (v === OTHER_IDENTITY ? v : '*'))}`);
      }
  }
  return [...patterns];
}

/**
 * The policies that bound a scoped-down action (Connect, Publish, Subscribe, Receive) for the class: its IoT
 * policies for signed-in users (role AND IoT policy must allow), the role for guests.
 */
export function scopingPolicies(cls: AppClass): readonly AppPolicy[] {
  return cls.type === 'authenticated' && cls.iotPolicies.length > 0 ? cls.iotPolicies : cls.rolePolicies;
}

/**
 * A quick, sound "no" before the engine is asked: whether some allowed `type` pattern of these policies may
 * name a topic (or filter) under one of the literal prefixes — other than the caller's own namespace
 * (`<prefix>${…:sub}/…`) when `ownExcluded`. Negated resources, wildcards and other variables count as "may".
 */
export function mayAllowUnder(
  policies: readonly AppPolicy[],
  action: string,
  type: 'topic' | 'topicfilter',
  prefixes: readonly string[],
  ownExcluded: boolean,
): boolean {
  for (const statement of allowsIn(policies, action)) {
    if (statement.resourcesNegated) return true;
    for (const { entry } of statement.resources) {
      const name = resourceName(entry.value, type);
      if (name === undefined) continue;
      const head = name.split(/[*?]|\$\{/)[0];
      for (const prefix of prefixes) {
        if (ownExcluded && ownNamespace(name, prefix)) continue;
        if (head.startsWith(prefix) || prefix.startsWith(head)) return true;
      }
    }
  }
  return false;
}

/** `<prefix>${…:sub}` alone or followed by "/": the caller's own namespace, which identity IDs cannot run out of. */
function ownNamespace(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  const rest = name.slice(prefix.length);
  const variable = /^\$\{\s*cognito-identity\.amazonaws\.com:sub\s*\}/i.exec(rest);
  return variable !== null && (rest.length === variable[0].length || rest[variable[0].length] === '/');
}

/** Whether every Connect these policies allow is pinned to the caller's identity ID (client/${…:sub}): no client ID is shared. */
export function connectPinned(policies: readonly AppPolicy[]): boolean {
  return allowsIn(policies, 'iot:Connect').every(
    (s) => !s.resourcesNegated && s.resources.every(({ entry }) => /:client\/\$\{\s*cognito-identity\.amazonaws\.com:sub\s*\}$/i.test(entry.value)),
  );
}
