import { statementsForAction, type CompiledStatement } from '../../evaluate/compile';
import type { AppClass, AppPolicy } from '../../project/app';
import { OTHER_IDENTITY } from '../../project/app-questions';
import { resourceName } from '../topic-patterns';

const SUB = /\$\{\s*cognito-identity\.amazonaws\.com:sub\s*\}/gi;
const ANY_VARIABLE = /\$\{[^}]*\}/g;

/** The Allow statements of the policies that cover the action (by default every policy the class gets). */
export function allowsOf(cls: AppClass, action: string, policies: readonly AppPolicy[] = [...cls.rolePolicies, ...cls.iotPolicies]): CompiledStatement[] {
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
  const policies = cls.iotPolicies.length > 0 ? cls.iotPolicies : cls.rolePolicies;
  for (const statement of allowsOf(cls, 'iot:Connect', policies)) {
    if (statement.resourcesNegated) patterns.add('*');
    else
      for (const { entry } of statement.resources)
        patterns.add(entry.value.replace(SUB, OTHER_IDENTITY).replace(ANY_VARIABLE, (v) => (v === OTHER_IDENTITY ? v : '*')));
  }
  return [...patterns];
}
