import { readTemplate, type TemplateOptions } from '../cloudformation/template';
import type { SourcePolicy } from '../document';
import type { SourceProblem, SourceReading } from '../reading';
import type { Span, TemplateNode } from '../tree';
import { attribute, nestedBlocks } from './blocks';
import { Evaluator, ValueTooLarge, type ModuleValues, type Scope } from './evaluate';
import { analysedBothWays } from './existence';
import type { Attribute, Block, Body } from './hcl-ast';
import { parseTerraformJson } from './hcl-json';
import { HclSyntaxError } from './hcl-lexer';
import { parseHcl } from './hcl-parser';
import { instanceAttribute, instancesOf, referToInstances, type Instance, type Instances } from './instances';
import { renderPolicyDocument, type RenderedDocument } from './policy-document';
import { isAutoVariablesFile } from './variable-file-names';
import { inPrecedenceOrder, parseVariablesFile } from './variable-files';
import { isUnknown, map, scalar, seq, textOf, unknown, type Entry, type Node } from './values';

/** One file of a module, at its offset in the module's text. */
export interface TerraformFile {
  path: string;
  offset: number;
  text: string;
}

/** Reads a file a `file()` / `templatefile()` call names, relative to the module; or why it is not read (outside the project, missing). */
export type ReadInclude = (reference: string) => { text: string } | { unread: string };

/**
 * Reads a Terraform module (its `.tf`, `.tf.json` and automatically loaded variables files, joined in
 * `text`): IoT policies, IAM roles and their policies (inline, attached, AWS managed),
 * `aws_iam_policy_document` data sources and the identity pool with its roles attachment. The
 * configuration is turned into the CloudFormation shape the template reader knows (resource addresses
 * as logical ids), so kinds, unknowns and positions follow the same rules. A file that does not parse,
 * or values past the size bounds, are problems that stop the run (exit 2). See docs/iac-sources.md.
 */
export function readTerraform(text: string, files: readonly TerraformFile[], options: TemplateOptions, readInclude: ReadInclude): SourceReading {
  const problems: SourceProblem[] = [];
  const body: Body = { attributes: [], blocks: [] };
  const variableFiles: Array<{ path: string; attributes: Attribute[] }> = [];
  for (const file of files) {
    const [start, end] = [file.offset, file.offset + file.text.length];
    try {
      if (isAutoVariablesFile(file.path)) variableFiles.push({ path: file.path, attributes: parseVariablesFile(file.path, text, start, end) });
      else body.blocks.push(...(file.path.endsWith('.json') ? parseTerraformJson(text, start, end) : parseHcl(text, start, end)).blocks);
    } catch (error) {
      if (!(error instanceof HclSyntaxError)) throw error;
      const syntax = file.path.endsWith('.json') ? 'Terraform JSON' : 'HCL';
      problems.push({ ruleId: 'invalid-template', message: `invalid ${syntax}: ${error.message}`, span: [error.offset, error.offset + 1], fatal: true });
    }
  }
  const module = new Module(body, inPrecedenceOrder(variableFiles), text, options, readInclude);
  try {
    const reading = readTemplate(module.asTemplate(), text, options);
    module.finish(reading);
    reading.problems.unshift(...problems);
    return reading;
  } catch (error) {
    if (!(error instanceof ValueTooLarge)) throw error;
    problems.push({ ruleId: 'invalid-template', message: `${error.message}: the module is not read`, span: error.span, fatal: true });
    return { policies: [], pools: [], notes: [], problems };
  }
}

const spanKey = (span: Span) => `${span[0]}:${span[1]}`;
/** The most characters and values all the policies of a module may add up to (each is far smaller). */
const MAX_MODULE_SIZE = 16 * 1_048_576;

class Module implements ModuleValues {
  private readonly variables = new Map<string, Attribute | undefined>();
  private readonly locals = new Map<string, Attribute>();
  private readonly documents = new Map<string, Block>();
  private readonly resources = new Map<string, Block>();
  private readonly evaluator: Evaluator;
  /** Values computed once (locals, variables, rendered documents); `undefined` while being computed (a cycle). */
  private readonly computed = new Map<string, Node | undefined>();
  private readonly rendered = new Map<string, RenderedDocument>();
  /** The instances of each resource (by `type.name`), computed once; `undefined` while being computed (a cycle). */
  private readonly instanceSets = new Map<string, Instances | undefined>();
  /** Every instance by its address (`aws_iam_role.r[0]`). */
  private readonly instanceIndex = new Map<string, Instance>();
  private readonly documentInstances = new Map<string, Instances>();
  private readonly variableSources = new Map<string, string>();
  private moduleSize = 0;
  /** The data sources standing for the account, region or partition that the values used. */
  private readonly usedScope = new Set<string>();
  /** Why policies (by name) or attachments of a managed ARN (by span) may not exist. */
  private readonly undecidedPolicies = new Map<string, string[]>();

  constructor(
    body: Body,
    private readonly variableFiles: ReadonlyArray<{ path: string; attributes: Attribute[] }>,
    private readonly text: string,
    private readonly options: TemplateOptions,
    private readonly readInclude: ReadInclude,
  ) {
    for (const block of body.blocks) {
      if (block.type === 'variable' && block.labels[0]) this.variables.set(block.labels[0], attribute(block, 'default'));
      else if (block.type === 'locals') block.body.attributes.forEach((a) => this.locals.set(a.name, a));
      else if (block.type === 'data' && block.labels[0] === 'aws_iam_policy_document' && block.labels[1]) this.documents.set(block.labels[1], block);
      else if (block.type === 'resource' && block.labels.length === 2) this.resources.set(`${block.labels[0]}.${block.labels[1]}`, block);
    }
    this.evaluator = new Evaluator(this, { bindings: new Map(), text });
  }

  asTemplate(): TemplateNode {
    const resources: Entry[] = [];
    const managedArns = new Map<string, Node[]>();
    const attachedRoles = new Map<string, Node[]>();
    // One entry per instance Terraform creates (none for count = 0), named by its address.
    const present: Array<[Instance, Block]> = [];
    for (const [address, block] of this.resources) for (const instance of this.instances(address).instances) present.push([instance, block]);
    const add = ({ address }: Instance, block: Block, type: string, properties: Entry[]) =>
      resources.push([
        address,
        map(
          [
            ['Type', scalar(type, block.span)],
            ['Properties', map(properties, block.span)],
          ],
          block.span,
        ),
        block.span,
      ]);
    // Attachments first: a policy ARN attached to a role joins the role (AWS managed) or the policy (in the module).
    for (const [instance, block] of present) {
      const attachment = policyAttachment(block, (name) => this.value(block, name, instance.scope));
      if (!attachment) continue;
      const undecided = instance.undecided ? [instance.undecided] : [];
      for (const role of attachment.roles.filter((r): r is Node => r !== undefined).map((r) => this.roleReference(r)))
        for (const policyArn of attachment.policyArns) {
          const roleRef = refTarget(role);
          const policyRef = refTarget(policyArn);
          if (policyRef) {
            attachedRoles.set(policyRef, [...(attachedRoles.get(policyRef) ?? []), role]);
            this.markUndecided(policyRef, undecided);
          } else if (roleRef) {
            managedArns.set(roleRef, [...(managedArns.get(roleRef) ?? []), policyArn]);
            this.markUndecided(`${roleRef}.ManagedPolicyArns@${spanKey(policyArn.span)}`, undecided);
          }
        }
    }
    for (const [instance, block] of present) {
      const [type] = block.labels;
      const { address, scope } = instance;
      const value = (name: string) => this.value(block, name, scope);
      switch (type) {
        case 'aws_iot_policy':
          add(instance, block, 'AWS::IoT::Policy', [['PolicyDocument', value('policy') ?? unknown('no policy', block.span)]]);
          break;
        case 'aws_iam_role': {
          const inline = nestedBlocks(block.body, 'inline_policy', scope, this.evaluator).map((nested, index) => {
            const of = (name: string) => this.value(nested.block, name, nested.scope) ?? unknown('missing', nested.block.span);
            const name = of('name');
            if (nested.undecided) this.markUndecided(`${address}.Policies[${textOf(name) ?? index}]`, [nested.undecided]);
            return map(
              [
                ['PolicyName', name],
                ['PolicyDocument', of('policy')],
              ],
              nested.block.span,
            );
          });
          const managed = [...listItems(value('managed_policy_arns')), ...(managedArns.get(address) ?? [])];
          const roleName = value('name');
          const rolePath = value('path');
          // The trust policy gives a role no attachment names its kind, as for CloudFormation (trust-kind.ts).
          const trust = value('assume_role_policy');
          add(instance, block, 'AWS::IAM::Role', [
            ['Policies', seq(inline, block.span)],
            ['ManagedPolicyArns', seq(managed, block.span)],
            ...(trust ? [['AssumeRolePolicyDocument', trust] as Entry] : []),
            ...(roleName ? [['RoleName', roleName] as Entry] : []),
            ...(rolePath ? [['Path', rolePath] as Entry] : []),
          ]);
          break;
        }
        case 'aws_cognito_user_group': {
          const role = value('role_arn');
          const precedence = value('precedence');
          add(instance, block, 'AWS::Cognito::UserPoolGroup', [
            ['GroupName', value('name') ?? unknown('no name', block.span)],
            ...(role ? [['RoleArn', role] as Entry] : []),
            ...(precedence ? [['Precedence', precedence] as Entry] : []),
          ]);
          break;
        }
        case 'aws_iam_role_policy': {
          const role = value('role');
          add(instance, block, 'AWS::IAM::RolePolicy', [
            ['RoleName', role ? this.roleReference(role) : unknown('no role', block.span)],
            ['PolicyDocument', value('policy') ?? unknown('no policy', block.span)],
          ]);
          break;
        }
        case 'aws_iam_policy':
          add(instance, block, 'AWS::IAM::ManagedPolicy', [
            ['PolicyDocument', value('policy') ?? unknown('no policy', block.span)],
            ['Roles', seq(attachedRoles.get(address) ?? [], block.span)],
          ]);
          break;
        case 'aws_cognito_identity_pool':
          add(instance, block, 'AWS::Cognito::IdentityPool', [
            ['AllowUnauthenticatedIdentities', value('allow_unauthenticated_identities') ?? scalar(false, block.span)],
            ['AllowClassicFlow', value('allow_classic_flow') ?? scalar(false, block.span)],
          ]);
          break;
        case 'aws_cognito_identity_pool_roles_attachment':
          add(instance, block, 'AWS::Cognito::IdentityPoolRoleAttachment', this.roleAttachment(block, scope));
          break;
      }
    }
    return map([['Resources', map(resources, [0, this.text.length])]], [0, this.text.length]);
  }

  private roleAttachment(block: Block, root: Scope): Entry[] {
    const of = (b: Block, key: string, scope = root) => {
      const found = attribute(b, key);
      return found ? this.evaluator.evaluate(found.value, scope) : unknown('missing', b.span);
    };
    const mappings = nestedBlocks(block.body, 'role_mapping', root, this.evaluator).map((m, i): Entry => {
      const rules = nestedBlocks(m.block.body, 'mapping_rule', m.scope, this.evaluator).map((r) =>
        map(
          [
            ['Claim', of(r.block, 'claim', r.scope)],
            ['MatchType', of(r.block, 'match_type', r.scope)],
            ['Value', of(r.block, 'value', r.scope)],
            ['RoleARN', of(r.block, 'role_arn', r.scope)],
          ],
          r.block.span,
        ),
      );
      return [
        String(i),
        map(
          [
            ['IdentityProvider', of(m.block, 'identity_provider', m.scope)],
            ['Type', of(m.block, 'type', m.scope)],
            ['AmbiguousRoleResolution', of(m.block, 'ambiguous_role_resolution', m.scope)],
            ['RulesConfiguration', map([['Rules', seq(rules, m.block.span)]], m.block.span)],
          ],
          m.block.span,
        ),
      ];
    });
    return [
      ['IdentityPoolId', this.value(block, 'identity_pool_id', root) ?? unknown('no pool', block.span)],
      ['Roles', this.value(block, 'roles', root) ?? map([], block.span)],
      ['RoleMappings', map(mappings, block.span)],
    ];
  }

  /** Notes, and the policies analysed both ways because the files do not decide whether they exist. */
  finish(reading: SourceReading): void {
    reading.policies = reading.policies.filter((policy) => {
      const rendered = this.rendered.get(spanKey(policy.document.span));
      const earlier = rendered && rendered.undecided.length > 0 ? { conditions: rendered.undecided, dropped: rendered.droppedDenies } : undefined;
      const nothingLeft = analysedBothWays(policy, this.undecidedFor(policy), earlier);
      if (nothingLeft) reading.notes.push(nothingLeft);
      return !nothingLeft;
    });
    const { scope } = this.options;
    if (this.usedScope.size > 0)
      reading.notes.push(
        `${[...this.usedScope].sort().join(', ')} taken as in the scenarios' default scope (partition ${scope.partition}, region ${scope.region}, account ${scope.account})`,
      );
    if (this.variableSources.size > 0)
      reading.notes.push(
        `${[...this.variableSources].map(([name, file]) => `var.${name} from ${file}`).join(', ')}: Terraform loads terraform.tfvars, terraform.tfvars.json and *.auto.tfvars(.json) by itself (later files win); -var, -var-file, TF_VAR_ variables or a workspace's variables at plan time would change these values`,
      );
  }

  /** Why a policy may not exist: its resource's count / for_each, an attachment's, or its dynamic block's. */
  private undecidedFor(policy: SourcePolicy): string[] {
    const owner = this.ownerOf(policy.name);
    // A role that may not exist takes its policies with it: they never apply without it, so its Denies stay.
    const undecided = this.instanceIndex.get(owner)?.undecided;
    const own = owner.startsWith('aws_iam_role.') || !undecided ? [] : [undecided];
    const attached = this.undecidedPolicies.get(owner) ?? [];
    const named = this.undecidedPolicies.get(policy.name) ?? [];
    const managed = this.undecidedPolicies.get(`${owner}.ManagedPolicyArns@${spanKey(policy.document.span)}`) ?? [];
    return [...new Set([...own, ...attached, ...named, ...managed])];
  }

  private markUndecided(key: string, reasons: readonly string[]): void {
    if (reasons.length > 0) this.undecidedPolicies.set(key, [...(this.undecidedPolicies.get(key) ?? []), ...reasons]);
  }

  /** The instance a policy belongs to: the longest instance address its name starts with (`aws_iam_role.r["a.b"].Policies[x]`). */
  private ownerOf(name: string): string {
    let owner = '';
    for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) if (this.instanceIndex.has(name.slice(0, dot))) owner = name.slice(0, dot);
    return this.instanceIndex.has(name) ? name : owner;
  }

  /** The instances of a resource by `type.name`; a count or for_each that depends on itself is undecided. */
  private instances(address: string): Instances {
    const known = this.instanceSets.get(address);
    if (known) return known;
    // Only a count / for_each can refer back to its own resource: Terraform rejects the cycle, the files decide nothing.
    if (this.instanceSets.has(address))
      return { meta: 'count', instances: [{ address, scope: this.evaluator.root, undecided: `count / for_each of ${address} (refers to itself)` }] };
    this.instanceSets.set(address, undefined);
    const computed = instancesOf(this.resources.get(address)!, address, this.evaluator);
    this.instanceSets.set(address, computed);
    for (const instance of computed.instances) this.instanceIndex.set(instance.address, instance);
    return computed;
  }

  /** An attribute's value; all of them together are bounded, so a module cannot make the template reader expand more. */
  private value(block: Block, name: string, scope = this.evaluator.root): Node | undefined {
    const found = attribute(block, name);
    if (!found) return undefined;
    const value = this.evaluator.evaluate(found.value, scope);
    this.moduleSize += this.evaluator.sizeOf(value);
    if (this.moduleSize > MAX_MODULE_SIZE)
      throw new ValueTooLarge(`the values of this module add up to more than ${MAX_MODULE_SIZE.toLocaleString('en-US')} characters`, found.value.span);
    return value;
  }

  /** A role given by its name (a string, a local): the role of the module with that name, as a reference to it. */
  private roleReference(role: Node): Node {
    const name = refTarget(role) ? undefined : textOf(role);
    if (name === undefined) return role;
    for (const [address, block] of this.resources) {
      const written = attribute(block, 'name');
      if (!address.startsWith('aws_iam_role.') || !written) continue;
      const found = this.instances(address).instances.find((i) => textOf(this.evaluator.evaluate(written.value, i.scope)) === name);
      if (found) return map([['Ref', scalar(found.address, role.span)]], role.span);
    }
    return role;
  }

  reference(path: readonly string[], span: Span): { node: Node; used: number } {
    const [root, name] = path;
    switch (root) {
      case 'var':
        return { node: this.variable(name, span), used: 2 };
      case 'local':
        return { node: this.local(name, span), used: 2 };
      case 'path':
        return { node: scalar('.', span), used: 2 };
      case 'count':
      case 'each':
        // Bound in the instances of a resource whose count / for_each the files decide (instances.ts).
        return { node: unknown(`${root}.${name} (outside a resource whose ${root === 'count' ? 'count' : 'for_each'} the files decide)`, span), used: 2 };
      case 'terraform':
        return { node: unknown(`terraform.${name} (chosen when Terraform runs)`, span), used: 2 };
      case 'module':
        return { node: unknown(`${path.slice(0, 3).join('.')} (an output of a module this reader does not read)`, span), used: path.length };
      case 'data':
        return this.data(path, span);
    }
    return this.resource(path, span);
  }

  splat(target: readonly string[], span: Span): Node | undefined {
    const address = target.join('.');
    if (target.length !== 2 || !this.resources.has(address)) return undefined;
    // Every instance (none for count = 0); a resource read once (undecided count) is taken as existing.
    return seq(
      this.instances(address).instances.map((instance) => instanceAttribute(target[0], instance.address, undefined, span)),
      span,
    );
  }

  include(reference: string): { text: string } | { unread: string } {
    return this.readInclude(reference);
  }

  private variable(name: string, span: Span): Node {
    const parameters = this.options.parameters ?? {};
    // The config's "parameters" win, as -var does; then the variables files by precedence; then the default.
    if (Object.hasOwn(parameters, name)) return scalar(parameters[name], span);
    if (!this.variables.has(name)) return unknown(`var.${name} (not declared in this module)`, span);
    return this.once(`var.${name}`, span, () => {
      const given = [...this.variableFiles].reverse().find((f) => f.attributes.some((a) => a.name === name));
      if (given) {
        this.variableSources.set(name, given.path.slice(Math.max(given.path.lastIndexOf('/'), given.path.lastIndexOf('\\')) + 1));
        return this.evaluator.evaluate(given.attributes.find((a) => a.name === name)!.value);
      }
      const fallback = this.variables.get(name);
      return fallback
        ? this.evaluator.evaluate(fallback.value)
        : unknown(`var.${name} (no default, and no value in terraform.tfvars, *.auto.tfvars or the config's "parameters")`, span);
    });
  }

  private local(name: string, span: Span): Node {
    const local = this.locals.get(name);
    return local ? this.once(`local.${name}`, span, () => this.evaluator.evaluate(local.value)) : unknown(`local.${name} (not in this module)`, span);
  }

  /** A value computed once per module; one that depends on itself is unknown. */
  private once(key: string, span: Span, compute: () => Node): Node {
    if (this.computed.has(key)) return this.computed.get(key) ?? unknown(`${key} (refers to itself)`, span);
    this.computed.set(key, undefined);
    const value = compute();
    this.computed.set(key, value);
    return value;
  }

  private data(path: readonly string[], span: Span): { node: Node; used: number } {
    const [, type, name] = path;
    const block = type === 'aws_iam_policy_document' ? this.documents.get(name) : undefined;
    if (block) return this.document(path, block, span);
    const attr = path[3];
    const { scope } = this.options;
    const fromScope =
      type === 'aws_caller_identity' && attr === 'account_id'
        ? scope.account
        : type === 'aws_region' && (attr === 'name' || attr === 'region')
          ? scope.region
          : type === 'aws_partition' && attr === 'partition'
            ? scope.partition
            : undefined;
    if (fromScope !== undefined) {
      this.usedScope.add(`data.${type}.${name}.${attr}`);
      return { node: scalar(fromScope, span), used: 4 };
    }
    return { node: unknown(`${path.join('.')} (not in this module)`, span), used: path.length };
  }

  /** `data.aws_iam_policy_document.name…`: its `.json` (of one instance, or of each, when it has count / for_each). */
  private document(path: readonly string[], block: Block, span: Span): { node: Node; used: number } {
    const address = path.slice(0, 3).join('.');
    if (!this.documentInstances.has(address)) this.documentInstances.set(address, instancesOf(block, address, this.evaluator));
    const json = (instance: Instance) => this.renderedDocument(block, instance);
    const { node, used } = referToInstances(this.documentInstances.get(address)!, address, path.slice(3), span, (instance, attr) =>
      attr === undefined
        ? map(
            [
              ['json', json(instance)],
              ['minified_json', json(instance)],
            ],
            span,
          )
        : attr === 'json' || attr === 'minified_json'
          ? json(instance)
          : unknown(`${instance.address}.${attr}`, span),
    );
    return { node, used: used + 3 };
  }

  private renderedDocument(block: Block, instance: Instance): Node {
    return this.once(`${instance.address} ${spanKey(block.span)}`, block.span, () => {
      const rendered = renderPolicyDocument(block, this.evaluator, instance.scope);
      // The instances of one data source share its place: what any of them leaves undecided is said for each.
      const key = spanKey(rendered.document.span);
      const other = this.rendered.get(key);
      this.rendered.set(
        key,
        other
          ? {
              ...rendered,
              undecided: [...new Set([...other.undecided, ...rendered.undecided])],
              droppedDenies: Math.max(other.droppedDenies, rendered.droppedDenies),
            }
          : rendered,
      );
      return rendered.document;
    });
  }

  /** `type.name…`: a resource's attribute (of one instance, or of each, when it has count / for_each). */
  private resource(path: readonly string[], span: Span): { node: Node; used: number } {
    const [type, name] = path;
    const address = `${type}.${name}`;
    if (!this.resources.has(address)) return { node: unknown(`${path.join('.')} (not in this module)`, span), used: path.length };
    const { node, used } = referToInstances(this.instances(address), address, path.slice(2), span, (instance, attr) =>
      instanceAttribute(type, instance.address, attr, span),
    );
    return { node, used: used + 2 };
  }
}

/**
 * The roles and policy ARNs a resource attaches: aws_iam_role_policy_attachment, aws_iam_policy_attachment, and
 * aws_iam_role_policy_attachments_exclusive (the provider's replacement for a role's managed_policy_arns,
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy_attachments_exclusive).
 */
function policyAttachment(block: Block, value: (name: string) => Node | undefined): { roles: Array<Node | undefined>; policyArns: Node[] } | undefined {
  switch (block.labels[0]) {
    case 'aws_iam_role_policy_attachment':
      return { roles: [value('role')], policyArns: listItems(value('policy_arn')) };
    case 'aws_iam_policy_attachment':
      return { roles: listItems(value('roles')), policyArns: listItems(value('policy_arn')) };
    case 'aws_iam_role_policy_attachments_exclusive':
      return { roles: [value('role_name')], policyArns: listItems(value('policy_arns')) };
    default:
      return undefined;
  }
}

function listItems(node: Node | undefined): Node[] {
  return node?.type === 'seq' ? node.items : node ? [node] : [];
}

/** The address a Ref/GetAtt node stands for. */
function refTarget(node: Node): string | undefined {
  if (node.type !== 'map' || node.entries.length !== 1 || isUnknown(node)) return undefined;
  const [{ key, value }] = node.entries;
  if (key === 'Ref' && value.type === 'scalar') return String(value.value);
  if (key === 'Fn::GetAtt' && value.type === 'seq' && value.items[0]?.type === 'scalar') return String(value.items[0].value);
  return undefined;
}
