import { readTemplate, type TemplateOptions } from '../cloudformation/template';
import type { SourcePolicy } from '../document';
import type { SourceProblem, SourceReading } from '../reading';
import type { Span, TemplateNode } from '../tree';
import { attribute, nestedBlocks } from './blocks';
import { Evaluator, ValueTooLarge, type ModuleValues } from './evaluate';
import { analysedBothWays, existenceOf, type Existence } from './existence';
import type { Attribute, Block, Body } from './hcl-ast';
import { parseTerraformJson } from './hcl-json';
import { HclSyntaxError } from './hcl-lexer';
import { parseHcl } from './hcl-parser';
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
  private readonly existence = new Map<string, Existence>();
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
    const present: Array<[string, Block]> = [];
    for (const [address, block] of this.resources) {
      const exists = this.exists(address);
      if (exists !== false) present.push([address, block]);
    }
    const add = (block: Block, type: string, properties: Entry[]) =>
      resources.push([
        `${block.labels[0]}.${block.labels[1]}`,
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
    for (const [address, block] of present) {
      const [type] = block.labels;
      if (type !== 'aws_iam_role_policy_attachment' && type !== 'aws_iam_policy_attachment') continue;
      const policyArn = this.value(block, 'policy_arn');
      const roles = type === 'aws_iam_role_policy_attachment' ? [this.value(block, 'role')] : listItems(this.value(block, 'roles'));
      const policyRef = policyArn && refTarget(policyArn);
      const undecided = this.undecidedReasons(address);
      for (const role of roles.filter((r): r is Node => r !== undefined).map((r) => this.roleReference(r))) {
        const roleRef = refTarget(role);
        if (policyRef) {
          attachedRoles.set(policyRef, [...(attachedRoles.get(policyRef) ?? []), role]);
          this.markUndecided(policyRef, undecided);
        } else if (roleRef && policyArn) {
          managedArns.set(roleRef, [...(managedArns.get(roleRef) ?? []), policyArn]);
          this.markUndecided(`${roleRef}.ManagedPolicyArns@${spanKey(policyArn.span)}`, undecided);
        }
      }
    }
    for (const [address, block] of present) {
      const [type] = block.labels;
      switch (type) {
        case 'aws_iot_policy':
          add(block, 'AWS::IoT::Policy', [['PolicyDocument', this.value(block, 'policy') ?? unknown('no policy', block.span)]]);
          break;
        case 'aws_iam_role': {
          const inline = nestedBlocks(block.body, 'inline_policy', this.evaluator.root, this.evaluator).map((instance, index) => {
            const of = (name: string) => this.value(instance.block, name, instance.scope) ?? unknown('missing', instance.block.span);
            const name = of('name');
            if (instance.undecided) this.markUndecided(`${address}.Policies[${textOf(name) ?? index}]`, [instance.undecided]);
            return map(
              [
                ['PolicyName', name],
                ['PolicyDocument', of('policy')],
              ],
              instance.block.span,
            );
          });
          const managed = [...listItems(this.value(block, 'managed_policy_arns')), ...(managedArns.get(address) ?? [])];
          const roleName = this.value(block, 'name');
          const rolePath = this.value(block, 'path');
          // The trust policy gives a role no attachment names its kind, as for CloudFormation (trust-kind.ts).
          const trust = this.value(block, 'assume_role_policy');
          add(block, 'AWS::IAM::Role', [
            ['Policies', seq(inline, block.span)],
            ['ManagedPolicyArns', seq(managed, block.span)],
            ...(trust ? [['AssumeRolePolicyDocument', trust] as Entry] : []),
            ...(roleName ? [['RoleName', roleName] as Entry] : []),
            ...(rolePath ? [['Path', rolePath] as Entry] : []),
          ]);
          break;
        }
        case 'aws_cognito_user_group': {
          const role = this.value(block, 'role_arn');
          const precedence = this.value(block, 'precedence');
          add(block, 'AWS::Cognito::UserPoolGroup', [
            ['GroupName', this.value(block, 'name') ?? unknown('no name', block.span)],
            ...(role ? [['RoleArn', role] as Entry] : []),
            ...(precedence ? [['Precedence', precedence] as Entry] : []),
          ]);
          break;
        }
        case 'aws_iam_role_policy': {
          const role = this.value(block, 'role');
          add(block, 'AWS::IAM::RolePolicy', [
            ['RoleName', role ? this.roleReference(role) : unknown('no role', block.span)],
            ['PolicyDocument', this.value(block, 'policy') ?? unknown('no policy', block.span)],
          ]);
          break;
        }
        case 'aws_iam_policy':
          add(block, 'AWS::IAM::ManagedPolicy', [
            ['PolicyDocument', this.value(block, 'policy') ?? unknown('no policy', block.span)],
            ['Roles', seq(attachedRoles.get(address) ?? [], block.span)],
          ]);
          break;
        case 'aws_cognito_identity_pool':
          add(block, 'AWS::Cognito::IdentityPool', [
            ['AllowUnauthenticatedIdentities', this.value(block, 'allow_unauthenticated_identities') ?? scalar(false, block.span)],
          ]);
          break;
        case 'aws_cognito_identity_pool_roles_attachment':
          add(block, 'AWS::Cognito::IdentityPoolRoleAttachment', this.roleAttachment(block));
          break;
      }
    }
    return map([['Resources', map(resources, [0, this.text.length])]], [0, this.text.length]);
  }

  private roleAttachment(block: Block): Entry[] {
    const root = this.evaluator.root;
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
      ['IdentityPoolId', this.value(block, 'identity_pool_id') ?? unknown('no pool', block.span)],
      ['Roles', this.value(block, 'roles') ?? map([], block.span)],
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
    const owner = policy.name.split('.').slice(0, 2).join('.');
    // A role that may not exist takes its policies with it: they never apply without it, so its Denies stay.
    const own = owner.startsWith('aws_iam_role.') ? [] : this.undecidedReasons(owner);
    const attached = this.undecidedPolicies.get(owner) ?? [];
    const named = this.undecidedPolicies.get(policy.name) ?? [];
    const managed = this.undecidedPolicies.get(`${owner}.ManagedPolicyArns@${spanKey(policy.document.span)}`) ?? [];
    return [...new Set([...own, ...attached, ...named, ...managed])];
  }

  private markUndecided(key: string, reasons: readonly string[]): void {
    if (reasons.length > 0) this.undecidedPolicies.set(key, [...(this.undecidedPolicies.get(key) ?? []), ...reasons]);
  }

  private exists(address: string): Existence {
    if (!this.existence.has(address)) this.existence.set(address, existenceOf(this.resources.get(address)!, address, this.evaluator));
    return this.existence.get(address)!;
  }

  private undecidedReasons(address: string): string[] {
    const exists = this.resources.has(address) ? this.exists(address) : true;
    return typeof exists === 'object' ? [exists.undecided] : [];
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
    const found = [...this.resources].find(([address, block]) => {
      const written = attribute(block, 'name');
      return address.startsWith('aws_iam_role.') && written !== undefined && textOf(this.evaluator.evaluate(written.value)) === name;
    });
    return found ? map([['Ref', scalar(found[0], role.span)]], role.span) : role;
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
        return { node: unknown(`${root}.${name} (one value per instance; this reader reads a resource once)`, span), used: 2 };
      case 'terraform':
        return { node: unknown(`terraform.${name} (chosen when Terraform runs)`, span), used: 2 };
      case 'module':
        return { node: unknown(`${path.slice(0, 3).join('.')} (an output of a module this reader does not read)`, span), used: path.length };
      case 'data':
        return this.data(path, span);
    }
    return { node: this.resourceAttribute(path, span), used: path.length };
  }

  splat(target: readonly string[], path: readonly string[], span: Span): Node | undefined {
    const address = target.join('.');
    if (!this.resources.has(address) && !(target[0] === 'data' && this.documents.has(target[2]))) return undefined;
    if (this.resources.has(address) && this.exists(address) === false) return seq([], span);
    return seq([this.reference([...target, ...path], span).node], span);
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
    // data.x.y[0].json when the data source has count or for_each: every instance renders the same document here.
    const indexed = block && (attribute(block, 'count') || attribute(block, 'for_each')) ? 1 : 0;
    const attr = path[3 + indexed];
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
    if (block && (attr === 'json' || attr === 'minified_json')) return { node: this.renderedDocument(block), used: 4 + indexed };
    return { node: unknown(`${path.join('.')}${block ? '' : ' (not in this module)'}`, span), used: path.length };
  }

  private renderedDocument(block: Block): Node {
    const key = spanKey(block.span);
    return this.once(`document ${key}`, block.span, () => {
      const rendered = renderPolicyDocument(block, this.evaluator);
      this.rendered.set(spanKey(rendered.document.span), rendered);
      return rendered.document;
    });
  }

  private resourceAttribute(path: readonly string[], span: Span): Node {
    const [root, name, attr] = path;
    const address = `${root}.${name}`;
    if (!this.resources.has(address)) return unknown(`${path.join('.')} (not in this module)`, span);
    // Roles are referred to by name (id, name) or ARN; a policy and a pool by ARN / id: as CloudFormation Ref / GetAtt.
    if (attr === 'arn' && root === 'aws_iam_role') return map([['Fn::GetAtt', seq([scalar(address, span), scalar('Arn', span)], span)]], span);
    if ((attr === 'id' || attr === 'name') && root === 'aws_iam_role') return map([['Ref', scalar(address, span)]], span);
    if (attr === 'arn' && root === 'aws_iam_policy') return map([['Ref', scalar(address, span)]], span);
    if (attr === 'id' && root === 'aws_cognito_identity_pool') return map([['Ref', scalar(address, span)]], span);
    return unknown(`${path.join('.')} (known after apply)`, span);
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
