import { readTemplate, type TemplateOptions } from '../cloudformation/template';
import type { SourceReading } from '../reading';
import { entry, scalarString, type Span, type TemplateMap, type TemplateNode } from '../tree';

type Node = TemplateNode;

/** A resource of a plan or state: its full address, type, values, and the references its configuration makes. */
interface PlanResource {
  address: string;
  type: string;
  node: Node;
  values: Node | undefined;
  /** Attribute → the addresses it refers to (from `configuration`), for values known only after apply. */
  references: Map<string, string[]>;
}

const map = (entries: Array<[string, Node]>, span: Span): TemplateMap => ({
  type: 'map',
  span,
  entries: entries.map(([key, value]) => ({ key, keySpan: value.span, value })),
});
const seq = (items: Node[], span: Span): Node => ({ type: 'seq', items, span });
const unknown = (reason: string, span: Span): Node => ({ type: 'scalar', value: null, span, unknown: reason });
const ref = (address: string, span: Span): Node => map([['Ref', { type: 'scalar', value: address, span }]], span);
const itemsOf = (node: Node | undefined) => (node?.type === 'seq' ? node.items : []);

/**
 * Reads the JSON of `terraform show -json` — a plan (`planned_values`) or a state (`values`) — where
 * Terraform has already resolved every value it knows before apply. Resources of the root module and
 * of every child module are turned into the CloudFormation shape the template reader knows, like the
 * `.tf` reader does; a value known only after apply (a role's ARN in a plan) is linked through the
 * plan's `configuration` references when they name a resource, and is unknown otherwise. Positions point
 * at the values in the JSON file. See docs/iac-sources.md.
 */
export function readTerraformPlan(root: Node, text: string, options: TemplateOptions): SourceReading {
  const rootModule = entry(entry(root, 'planned_values') ?? entry(root, 'values'), 'root_module');
  const references = configurationReferences(entry(entry(root, 'configuration'), 'root_module'), '');
  const resources: PlanResource[] = [];
  const collect = (module: Node | undefined) => {
    for (const resource of itemsOf(entry(module, 'resources'))) {
      const address = scalarString(entry(resource, 'address'));
      if (!address || scalarString(entry(resource, 'mode')) === 'data') continue;
      resources.push({
        address,
        type: scalarString(entry(resource, 'type')) ?? '',
        node: resource,
        values: entry(resource, 'values'),
        references: references.get(address.replace(/\[[^\]]*\]/g, '')) ?? new Map(),
      });
    }
    itemsOf(entry(module, 'child_modules')).forEach(collect);
  };
  collect(rootModule);
  return readTemplate(asTemplate(resources, root.span), text, options);
}

/** Each resource's attribute references from the plan's `configuration` (addresses made absolute with the module path). */
function configurationReferences(
  module: Node | undefined,
  prefix: string,
  found = new Map<string, Map<string, string[]>>(),
): Map<string, Map<string, string[]>> {
  for (const resource of itemsOf(entry(module, 'resources'))) {
    const address = scalarString(entry(resource, 'address'));
    const expressions = entry(resource, 'expressions');
    if (!address || expressions?.type !== 'map') continue;
    const attributes = new Map<string, string[]>();
    const visit = (path: string, node: Node) => {
      const refs = itemsOf(entry(node, 'references'))
        .map(scalarString)
        .filter((r): r is string => r !== undefined);
      if (refs.length > 0)
        attributes.set(
          path,
          refs.map((r) => `${prefix}${r}`),
        );
      if (node.type === 'map') for (const e of node.entries) if (e.key !== 'references') visit(path ? `${path}.${e.key}` : e.key, e.value);
      if (node.type === 'seq') node.items.forEach((item, i) => visit(`${path}[${i}]`, item));
    };
    visit('', expressions);
    found.set(`${prefix}${address}`, attributes);
  }
  const calls = entry(module, 'module_calls');
  for (const call of calls?.type === 'map' ? calls.entries : []) configurationReferences(entry(call.value, 'module'), `${prefix}module.${call.key}.`, found);
  return found;
}

function asTemplate(resources: readonly PlanResource[], span: Span): Node {
  const roles = resources.filter((r) => r.type === 'aws_iam_role');
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const value = (resource: PlanResource, name: string) => entry(resource.values, name);
  // A role named by its name or ARN (state, or a plan that knows it), else by the configuration's reference to it.
  const roleRef = (resource: PlanResource, attribute: string, node: Node | undefined): Node | undefined => {
    const written = scalarString(node);
    const named =
      written !== undefined &&
      roles.find((role) => {
        const name = scalarString(value(role, 'name'));
        return (
          scalarString(value(role, 'arn')) === written ||
          (name !== undefined && (written === name || written.endsWith(`:role/${name}`) || written.endsWith(`/${name}`)))
        );
      });
    if (named) return ref(named.address, node!.span);
    const referenced = referencedResource(resource, attribute, 'aws_iam_role');
    return referenced ? ref(referenced, node?.span ?? resource.node.span) : node;
  };
  // The one resource of a type the attribute's expression refers to; a map refers as a whole (`roles`), so a key falls back to it when that is unambiguous.
  const referencedResource = (resource: PlanResource, attribute: string, type: string): string | undefined => {
    for (let path = attribute; path; path = path.replace(/(\.[^.]*|\[\d+\])$/, '')) {
      const found = new Set((resource.references.get(path) ?? []).map((r) => r.replace(/\.(arn|id|name)$/, '')).filter((r) => byAddress.get(r)?.type === type));
      if (found.size > 0) return found.size === 1 ? [...found][0] : undefined;
      if (!/[.[]/.test(path)) break;
    }
    return undefined;
  };
  const document = (resource: PlanResource, name = 'policy') =>
    value(resource, name) ?? unknown(`${resource.address}.${name} (known only after apply)`, resource.node.span);
  const managedArns = new Map<string, Node[]>();
  const attachedRoles = new Map<string, Node[]>();
  // aws_iam_role_policy_attachments_exclusive (role_name, policy_arns) attaches a set of ARNs as the older resource attaches one.
  for (const resource of resources.filter((r) => r.type === 'aws_iam_role_policy_attachment' || r.type === 'aws_iam_role_policy_attachments_exclusive')) {
    const exclusive = resource.type === 'aws_iam_role_policy_attachments_exclusive';
    const roleAttribute = exclusive ? 'role_name' : 'role';
    const role = roleRef(resource, roleAttribute, value(resource, roleAttribute));
    const arns = value(resource, exclusive ? 'policy_arns' : 'policy_arn');
    const unknownArns = unknown(`${resource.address}.policy_arns (known only after apply)`, resource.node.span);
    for (const arn of exclusive ? (arns ? itemsOf(arns) : [unknownArns]) : arns ? [arns] : []) {
      const arnText = scalarString(arn);
      const policy = resources.find(
        (p) =>
          p.type === 'aws_iam_policy' &&
          ((arnText !== undefined && scalarString(value(p, 'arn')) === arnText) ||
            (!exclusive && referencedResource(resource, 'policy_arn', 'aws_iam_policy') === p.address)),
      );
      const roleAddress = role && scalarString(entry(role, 'Ref'));
      if (policy && role) attachedRoles.set(policy.address, [...(attachedRoles.get(policy.address) ?? []), role]);
      else if (roleAddress) managedArns.set(roleAddress, [...(managedArns.get(roleAddress) ?? []), arn]);
    }
  }
  const converted: Array<[string, Node]> = [];
  const add = (resource: PlanResource, type: string, properties: Array<[string, Node]>) =>
    converted.push([
      resource.address,
      map(
        [
          ['Type', { type: 'scalar', value: type, span: resource.node.span }],
          ['Properties', map(properties, resource.node.span)],
        ],
        resource.node.span,
      ),
    ]);
  for (const resource of resources) {
    const at = resource.node.span;
    switch (resource.type) {
      case 'aws_iot_policy':
        add(resource, 'AWS::IoT::Policy', [['PolicyDocument', document(resource)]]);
        break;
      case 'aws_iam_role': {
        const inline = itemsOf(value(resource, 'inline_policy'))
          .filter((p) => entry(p, 'policy') !== undefined)
          .map((p) =>
            map(
              [
                ['PolicyName', entry(p, 'name') ?? unknown('no name', p.span)],
                ['PolicyDocument', entry(p, 'policy')!],
              ],
              p.span,
            ),
          );
        const name = value(resource, 'name');
        const rolePath = value(resource, 'path');
        // The trust policy gives a role no attachment names its kind, as for CloudFormation (trust-kind.ts).
        const trust = value(resource, 'assume_role_policy');
        add(resource, 'AWS::IAM::Role', [
          ['Policies', seq(inline, at)],
          ['ManagedPolicyArns', seq([...itemsOf(value(resource, 'managed_policy_arns')), ...(managedArns.get(resource.address) ?? [])], at)],
          ...(trust ? [['AssumeRolePolicyDocument', trust] as [string, Node]] : []),
          ...(name ? [['RoleName', name] as [string, Node]] : []),
          ...(rolePath ? [['Path', rolePath] as [string, Node]] : []),
        ]);
        break;
      }
      case 'aws_cognito_user_group': {
        const precedence = value(resource, 'precedence');
        add(resource, 'AWS::Cognito::UserPoolGroup', [
          ['GroupName', value(resource, 'name') ?? unknown('no name', at)],
          ['RoleArn', roleRef(resource, 'role_arn', value(resource, 'role_arn')) ?? unknown(`${resource.address}.role_arn (not given)`, at)],
          ...(precedence ? [['Precedence', precedence] as [string, Node]] : []),
        ]);
        break;
      }
      case 'aws_iam_role_policy':
        add(resource, 'AWS::IAM::RolePolicy', [
          ['RoleName', roleRef(resource, 'role', value(resource, 'role')) ?? unknown(`${resource.address}.role (known only after apply)`, at)],
          ['PolicyDocument', document(resource)],
        ]);
        break;
      case 'aws_iam_policy':
        add(resource, 'AWS::IAM::ManagedPolicy', [
          ['PolicyDocument', document(resource)],
          ['Roles', seq(attachedRoles.get(resource.address) ?? [], at)],
        ]);
        break;
      case 'aws_cognito_identity_pool':
        add(resource, 'AWS::Cognito::IdentityPool', [
          ['AllowUnauthenticatedIdentities', value(resource, 'allow_unauthenticated_identities') ?? { type: 'scalar', value: false, span: at }],
          ['AllowClassicFlow', value(resource, 'allow_classic_flow') ?? { type: 'scalar', value: false, span: at }],
        ]);
        break;
      case 'aws_cognito_identity_pool_roles_attachment': {
        const poolId = scalarString(value(resource, 'identity_pool_id'));
        const pool =
          resources.find((p) => p.type === 'aws_cognito_identity_pool' && poolId !== undefined && scalarString(value(p, 'id')) === poolId)?.address ??
          referencedResource(resource, 'identity_pool_id', 'aws_cognito_identity_pool');
        const roles = value(resource, 'roles');
        const roleEntries =
          roles?.type === 'map' ? roles.entries.map((e): [string, Node] => [e.key, roleRef(resource, `roles.${e.key}`, e.value) ?? e.value]) : [];
        const rule = (r: Node, mapping: number, index: number) =>
          map(
            [
              ['Claim', entry(r, 'claim') ?? unknown('no claim', r.span)],
              ['MatchType', entry(r, 'match_type') ?? unknown('no match type', r.span)],
              ['Value', entry(r, 'value') ?? unknown('no value', r.span)],
              ['RoleARN', roleRef(resource, `role_mapping[${mapping}].mapping_rule[${index}].role_arn`, entry(r, 'role_arn')) ?? unknown('no role', r.span)],
            ],
            r.span,
          );
        const mappings = itemsOf(value(resource, 'role_mapping')).map((m, i): [string, Node] => [
          String(i),
          map(
            [
              ['IdentityProvider', entry(m, 'identity_provider') ?? unknown('no provider', m.span)],
              ['Type', entry(m, 'type') ?? unknown('no type', m.span)],
              ['AmbiguousRoleResolution', entry(m, 'ambiguous_role_resolution') ?? unknown('not given', m.span)],
              [
                'RulesConfiguration',
                map(
                  [
                    [
                      'Rules',
                      seq(
                        itemsOf(entry(m, 'mapping_rule')).map((r, j) => rule(r, i, j)),
                        m.span,
                      ),
                    ],
                  ],
                  m.span,
                ),
              ],
            ],
            m.span,
          ),
        ]);
        add(resource, 'AWS::Cognito::IdentityPoolRoleAttachment', [
          ['IdentityPoolId', pool ? ref(pool, at) : unknown(`${resource.address}.identity_pool_id`, at)],
          // Absent from a plan's values: known only after apply (a state always has it).
          ['Roles', roles ? map(roleEntries, roles.span) : unknown(`${resource.address}.roles (known only after apply)`, at)],
          ['RoleMappings', map(mappings, at)],
        ]);
        break;
      }
    }
  }
  return map([['Resources', map(converted, span)]], span);
}
