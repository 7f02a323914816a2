import { entry, scalarString, type TemplateNode } from '../tree';
import type { UnknownValue } from '../value';
import { intrinsicOf, resolveValue, type TemplateContext } from './intrinsics';

/** Where a role comes from: a resource of the files (its logical id or address), or Amplify's auth/unauth role (`amplify:…`). */
export type RoleKey = string;

/** Which role a value names: a role of the files, or one they do not decide (and why). */
export type RoleLink = { role: RoleKey } | { unknown: UnknownValue };

/**
 * Amplify Gen 1 category stacks receive the pool roles as these parameters (docs/iac-sources.md). While
 * reading which role a value names, each stands for its role's key, which no real role name can be
 * (IAM names have no `:`), so `!Ref authRoleName`, `!Sub '${authRoleName}'` and an ARN built around it
 * all lead there.
 */
const AMPLIFY_ROLE_PARAMETERS: Record<string, RoleKey> = {
  authRoleArn: 'amplify:authenticated',
  authRoleName: 'amplify:authenticated',
  unauthRoleArn: 'amplify:unauthenticated',
  unauthRoleName: 'amplify:unauthenticated',
};

/** An IAM role ARN, `arn:<partition>:iam::<account>:role[/path]/<name>`: its name. */
const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/;

/**
 * Links role attachments (ARNs) and policy attachments (names) to the roles of the files: by the
 * resource they refer to (`!GetAtt Role.Arn`, `!Ref Role`, `!Sub '${Role.Arn}'`), or by the role name a
 * literal or computed ARN or name ends with. A value that names no role of the files is unknown — never
 * "no role": the role it names may grant anything.
 */
export class RoleLinker {
  private readonly byName = new Map<string, RoleKey>();
  /** Roles without a RoleName: AWS generates their names at deploy time, so a name or ARN may be theirs. */
  private readonly unnamed: RoleKey[] = [];
  private readonly context: TemplateContext;

  constructor(context: TemplateContext) {
    const amplify = [...context.parameters.keys()].filter((name) => Object.hasOwn(AMPLIFY_ROLE_PARAMETERS, name));
    this.context = { ...context, overrides: { ...context.overrides, ...Object.fromEntries(amplify.map((name) => [name, AMPLIFY_ROLE_PARAMETERS[name]])) } };
    for (const key of new Set(Object.values(AMPLIFY_ROLE_PARAMETERS))) this.byName.set(key, key);
    for (const [key, resource] of context.resources) {
      if (resource.type !== 'AWS::IAM::Role') continue;
      const name = entry(entry(resource.node, 'Properties'), 'RoleName');
      const resolved = name && resolveValue(name, context);
      if (resolved?.type === 'string') this.byName.set(resolved.value, key);
      else if (!name) this.unnamed.push(key);
    }
  }

  /** The role a value names (an `Fn::If` or `AWS::NoValue` around it is the caller's: list-items.ts). */
  link(node: TemplateNode): RoleLink {
    const intrinsic = intrinsicOf(node);
    const target = intrinsic && referredResource(intrinsic.name, intrinsic.argument);
    if (target && this.context.resources.get(target)?.type === 'AWS::IAM::Role') return { role: target };
    const value = resolveValue(node, this.context);
    if (value.type === 'unknown') return { unknown: value };
    const written = value.type === 'string' ? value.value : undefined;
    const name = written === undefined ? undefined : (ROLE_ARN.exec(written)?.[1] ?? written);
    const role = name === undefined ? undefined : this.byName.get(name);
    if (role) return { role };
    const what =
      written === undefined
        ? 'not a role name or ARN'
        : this.unnamed.length > 0
          ? `the role ${written} is none of the named roles of these files: it may be ${this.unnamed.join(', ')}, whose names AWS generates at deploy time, or a role not in these files`
          : `the role ${written} is not defined in these files`;
    return { unknown: { type: 'unknown', reason: what, span: node.span } };
  }
}

/** The resource `Ref X` (a role's name), `Fn::GetAtt X.Arn` or `Fn::Sub '${X}'`/`'${X.Arn}'` refers to. */
function referredResource(name: string, argument: TemplateNode): string | undefined {
  if (name === 'Ref') return scalarString(argument);
  if (name === 'Fn::GetAtt') {
    const [resource, attribute] = argument.type === 'seq' ? argument.items.map(scalarString) : (scalarString(argument) ?? '').split('.');
    return attribute === 'Arn' ? resource : undefined;
  }
  if (name === 'Fn::Sub') return /^\$\{([^.}!]+)(\.Arn)?\}$/.exec(scalarString(argument) ?? '')?.[1];
  return undefined;
}
