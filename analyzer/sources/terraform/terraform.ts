import { readTemplate, type TemplateOptions } from '../cloudformation/template';
import type { SourceReading } from '../reading';
import type { Span, TemplateMap, TemplateNode } from '../tree';
import { HclSyntaxError } from './hcl-lexer';
import { parseHcl, parseInterpolation, type Block, type Body, type Expression } from './hcl-parser';

/** Reads another file a `file("…")` call names, relative to the .tf file; undefined when it cannot. */
export type ReadRelative = (reference: string) => string | undefined;

type Node = TemplateNode;
const scalar = (value: string | number | boolean | null, span: Span): Node => ({ type: 'scalar', value, span });
const unknown = (reason: string, span: Span): Node => ({ type: 'scalar', value: null, span, unknown: reason });
const map = (entries: Array<[string, Node, Span?]>, span: Span): TemplateMap => ({
  type: 'map',
  span,
  entries: entries.map(([key, value, keySpan]) => ({ key, keySpan: keySpan ?? value.span, value })),
});

/**
 * Reads a Terraform configuration: IoT policies, IAM roles and their policies (inline, attached, AWS
 * managed), `aws_iam_policy_document` data sources and the identity pool with its roles attachment.
 * The configuration is turned into the CloudFormation shape the template reader knows (resource
 * addresses as logical ids), so kinds, unknowns and positions follow the same rules. See
 * docs/iac-sources.md.
 */
export function readTerraform(text: string, options: TemplateOptions, readRelative: ReadRelative): SourceReading {
  let body: Body;
  try {
    body = parseHcl(text);
  } catch (error) {
    if (!(error instanceof HclSyntaxError)) throw error;
    return {
      policies: [],
      pools: [],
      notes: [],
      problems: [{ ruleId: 'invalid-template', message: `invalid HCL: ${error.message}`, span: [error.offset, error.offset + 1] }],
    };
  }
  const module = new Module(body, text, options, readRelative);
  const reading = readTemplate(module.asTemplate(), text, options);
  if (module.usedScope.size > 0)
    reading.notes.push(
      `${[...module.usedScope].sort().join(', ')} taken as in the scenarios' default scope (partition ${options.scope.partition}, region ${options.scope.region}, account ${options.scope.account})`,
    );
  return reading;
}

const attribute = (block: Block, name: string) => block.body.attributes.find((a) => a.name === name);
const nested = (block: Block, type: string) => block.body.blocks.filter((b) => b.type === type);

class Module {
  private readonly variables = new Map<string, Expression | undefined>();
  private readonly locals = new Map<string, Expression>();
  private readonly documents = new Map<string, Block>();
  private readonly resources: Block[] = [];
  private depth = 0;
  /** Evaluations left: locals referring to each other several times each would otherwise fan out exponentially. */
  private budget = 200_000;
  /** The data sources standing for the account, region or partition that the values used. */
  readonly usedScope = new Set<string>();

  constructor(
    body: Body,
    private readonly text: string,
    private readonly options: TemplateOptions,
    private readonly readRelative: ReadRelative,
  ) {
    for (const block of body.blocks) {
      if (block.type === 'variable' && block.labels[0]) this.variables.set(block.labels[0], attribute(block, 'default')?.value);
      else if (block.type === 'locals') block.body.attributes.forEach((a) => this.locals.set(a.name, a.value));
      else if (block.type === 'data' && block.labels[0] === 'aws_iam_policy_document' && block.labels[1]) this.documents.set(block.labels[1], block);
      else if (block.type === 'resource' && block.labels.length === 2) this.resources.push(block);
    }
  }

  asTemplate(): TemplateNode {
    const resources: Array<[string, Node, Span]> = [];
    const managedArns = new Map<string, Node[]>();
    const attachedRoles = new Map<string, Node[]>();
    const add = (block: Block, type: string, properties: Array<[string, Node, Span?]>) =>
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
    const value = (block: Block, name: string): Node | undefined => {
      const found = attribute(block, name);
      return found && this.evaluate(found.value);
    };
    // Attachments first: a policy ARN attached to a role joins the role (AWS managed) or the policy (in the module).
    for (const block of this.resources) {
      const [type] = block.labels;
      if (type !== 'aws_iam_role_policy_attachment' && type !== 'aws_iam_policy_attachment') continue;
      const policyArn = value(block, 'policy_arn');
      const roles = type === 'aws_iam_role_policy_attachment' ? [value(block, 'role')] : listItems(value(block, 'roles'));
      const policyRef = policyArn && refTarget(policyArn);
      for (const role of roles.filter((r): r is Node => r !== undefined)) {
        const roleRef = refTarget(role);
        if (policyRef) attachedRoles.set(policyRef, [...(attachedRoles.get(policyRef) ?? []), role]);
        else if (roleRef && policyArn) managedArns.set(roleRef, [...(managedArns.get(roleRef) ?? []), policyArn]);
      }
    }
    for (const block of this.resources) {
      const [type, name] = block.labels;
      const address = `${type}.${name}`;
      switch (type) {
        case 'aws_iot_policy':
          add(block, 'AWS::IoT::Policy', [['PolicyDocument', value(block, 'policy') ?? unknown('no policy', block.span)]]);
          break;
        case 'aws_iam_role': {
          const inline = nested(block, 'inline_policy').map((p) =>
            map(
              [
                ['PolicyName', this.evaluateOr(attribute(p, 'name')?.value, p.span)],
                ['PolicyDocument', this.evaluateOr(attribute(p, 'policy')?.value, p.span)],
              ],
              p.span,
            ),
          );
          const managed = [...listItems(value(block, 'managed_policy_arns')), ...(managedArns.get(address) ?? [])];
          const roleName = value(block, 'name');
          const rolePath = value(block, 'path');
          add(block, 'AWS::IAM::Role', [
            ['Policies', { type: 'seq', items: inline, span: block.span }],
            ['ManagedPolicyArns', { type: 'seq', items: managed, span: block.span }],
            ...(roleName ? [['RoleName', roleName] as [string, Node]] : []),
            ...(rolePath ? [['Path', rolePath] as [string, Node]] : []),
          ]);
          break;
        }
        case 'aws_cognito_user_group': {
          const role = value(block, 'role_arn');
          const precedence = value(block, 'precedence');
          add(block, 'AWS::Cognito::UserPoolGroup', [
            ['GroupName', value(block, 'name') ?? unknown('no name', block.span)],
            ...(role ? [['RoleArn', role] as [string, Node]] : []),
            ...(precedence ? [['Precedence', precedence] as [string, Node]] : []),
          ]);
          break;
        }
        case 'aws_iam_role_policy':
          add(block, 'AWS::IAM::RolePolicy', [
            ['RoleName', value(block, 'role') ?? unknown('no role', block.span)],
            ['PolicyDocument', value(block, 'policy') ?? unknown('no policy', block.span)],
          ]);
          break;
        case 'aws_iam_policy':
          add(block, 'AWS::IAM::ManagedPolicy', [
            ['PolicyDocument', value(block, 'policy') ?? unknown('no policy', block.span)],
            ['Roles', { type: 'seq', items: attachedRoles.get(address) ?? [], span: block.span }],
          ]);
          break;
        case 'aws_cognito_identity_pool':
          add(block, 'AWS::Cognito::IdentityPool', [
            ['AllowUnauthenticatedIdentities', value(block, 'allow_unauthenticated_identities') ?? scalar(false, block.span)],
          ]);
          break;
        case 'aws_cognito_identity_pool_roles_attachment': {
          const of = (b: Block, key: string) => this.evaluateOr(attribute(b, key)?.value, b.span);
          const rule = (r: Block) =>
            map(
              [
                ['Claim', of(r, 'claim')],
                ['MatchType', of(r, 'match_type')],
                ['Value', of(r, 'value')],
                ['RoleARN', of(r, 'role_arn')],
              ],
              r.span,
            );
          const mappings = nested(block, 'role_mapping').map((m, i): [string, Node] => [
            String(i),
            map(
              [
                ['IdentityProvider', of(m, 'identity_provider')],
                ['Type', of(m, 'type')],
                ['AmbiguousRoleResolution', of(m, 'ambiguous_role_resolution')],
                ['RulesConfiguration', map([['Rules', { type: 'seq', span: m.span, items: nested(m, 'mapping_rule').map(rule) }]], m.span)],
              ],
              m.span,
            ),
          ]);
          add(block, 'AWS::Cognito::IdentityPoolRoleAttachment', [
            ['IdentityPoolId', value(block, 'identity_pool_id') ?? unknown('no pool', block.span)],
            ['Roles', value(block, 'roles') ?? map([], block.span)],
            ['RoleMappings', map(mappings, block.span)],
          ]);
          break;
        }
      }
    }
    return map([['Resources', map(resources, [0, this.text.length])]], [0, this.text.length]);
  }

  private evaluateOr(expression: Expression | undefined, span: Span): Node {
    return expression ? this.evaluate(expression) : unknown('missing', span);
  }

  /** An HCL expression as the value Terraform would compute, references to resources as CloudFormation Ref/GetAtt. */
  evaluate(expression: Expression, ampersand = false): Node {
    if (this.depth > 50) return unknown('references nested too deeply', expression.span);
    if (--this.budget < 0) return unknown('more references than this reader follows', expression.span);
    this.depth++;
    try {
      return this.evaluateInner(expression, ampersand);
    } finally {
      this.depth--;
    }
  }

  private evaluateInner(expression: Expression, ampersand: boolean): Node {
    const span = expression.span;
    switch (expression.kind) {
      case 'literal':
        return scalar(expression.value, span);
      case 'tuple':
        return { type: 'seq', span, items: expression.items.map((item) => this.evaluate(item, ampersand)) };
      case 'object':
        return map(
          expression.items.map((item) => [item.key, this.evaluate(item.value, ampersand), item.keySpan]),
          span,
        );
      case 'traversal':
        return this.reference(expression.path, span);
      case 'call':
        return this.call(expression.name, expression.args, span);
      case 'opaque':
        return unknown(`the expression ${this.text.slice(span[0], span[1]).replace(/\s+/g, ' ')}`, span);
      case 'template': {
        const [only] = expression.parts;
        // "${x}" alone is x itself (it may be a list, an object or a reference).
        if (expression.parts.length === 1 && 'interpolation' in only) return this.evaluate(parseInterpolation(this.text, only.interpolation), ampersand);
        let result = '';
        for (const part of expression.parts) {
          if ('literal' in part) result += ampersand ? part.literal.replace(/&\{/g, '${') : part.literal;
          else if ('directive' in part) return unknown('a %{…} template directive', span);
          else {
            const value = this.evaluate(parseInterpolation(this.text, part.interpolation));
            if (value.type !== 'scalar' || value.unknown || value.value === null)
              return unknown(
                value.type === 'scalar' && value.unknown ? value.unknown : `\${${this.text.slice(part.interpolation[0], part.interpolation[1])}}`,
                span,
              );
            result += String(value.value);
          }
        }
        return scalar(result, span);
      }
    }
  }

  private reference(path: string[], span: Span): Node {
    const [root, name, attr] = path;
    const { scope } = this.options;
    if (root === 'var') {
      const parameters = this.options.parameters ?? {};
      if (Object.hasOwn(parameters, name)) return scalar(parameters[name], span);
      const fallback = this.variables.get(name);
      return fallback
        ? this.evaluate(fallback)
        : unknown(`var.${name}${this.variables.has(name) ? ' (a variable without a default)' : ' (not declared in this file)'}`, span);
    }
    if (root === 'path' && name === 'module') return scalar('.', span);
    if (root === 'local') {
      const local = this.locals.get(name);
      return local ? this.evaluate(local) : unknown(`local.${name}`, span);
    }
    if (root === 'data') {
      const [, type, dataName, dataAttr] = path;
      const fromScope =
        type === 'aws_caller_identity' && dataAttr === 'account_id'
          ? scope.account
          : type === 'aws_region' && (dataAttr === 'name' || dataAttr === 'region')
            ? scope.region
            : type === 'aws_partition' && dataAttr === 'partition'
              ? scope.partition
              : undefined;
      if (fromScope !== undefined) {
        this.usedScope.add(`data.${type}.${dataName}.${dataAttr}`);
        return scalar(fromScope, span);
      }
      const document = type === 'aws_iam_policy_document' && (dataAttr === 'json' || dataAttr === 'minified_json') ? this.documents.get(dataName) : undefined;
      return document ? this.policyDocument(document) : unknown(path.join('.'), span);
    }
    const address = `${root}.${name}`;
    const resource = this.resources.find((r) => `${r.labels[0]}.${r.labels[1]}` === address);
    if (!resource) return unknown(`${path.join('.')} (not in this file)`, span);
    // Roles are referred to by name (id, name) or ARN; a policy and a pool by ARN / id: as CloudFormation Ref / GetAtt.
    if (attr === 'arn' && root === 'aws_iam_role')
      return map([['Fn::GetAtt', { type: 'seq', span, items: [scalar(address, span), scalar('Arn', span)] }]], span);
    if ((attr === 'id' || attr === 'name') && root === 'aws_iam_role') return map([['Ref', scalar(address, span)]], span);
    if (attr === 'arn' && root === 'aws_iam_policy') return map([['Ref', scalar(address, span)]], span);
    if (attr === 'id' && root === 'aws_cognito_identity_pool') return map([['Ref', scalar(address, span)]], span);
    return unknown(`${path.join('.')} (known after apply)`, span);
  }

  private call(name: string, args: Expression[], span: Span): Node {
    if (name === 'jsonencode' && args[0]) return this.evaluate(args[0]);
    if (name === 'file' && args[0]) {
      const path = this.evaluate(args[0]);
      const text =
        path.type === 'scalar' && typeof path.value === 'string' && !path.unknown
          ? this.readRelative(path.value.replace(/^\$\{path\.module\}\//, ''))
          : undefined;
      return text === undefined ? unknown(`file(${this.text.slice(args[0].span[0], args[0].span[1])}) (cannot be read)`, span) : scalar(text, span);
    }
    return unknown(`${name}(…)`, span);
  }

  /** `data "aws_iam_policy_document"`: the JSON document Terraform renders from its statement blocks. */
  private policyDocument(block: Block): Node {
    const statements = nested(block, 'statement').map((statement) => {
      const entries: Array<[string, Node, Span?]> = [];
      const field = (hclName: string, jsonName: string, ampersand: boolean) => {
        const found = attribute(statement, hclName);
        if (found) entries.push([jsonName, this.evaluate(found.value, ampersand), found.nameSpan]);
      };
      field('sid', 'Sid', false);
      const effect = attribute(statement, 'effect');
      entries.push(['Effect', effect ? this.evaluate(effect.value) : scalar('Allow', statement.span), effect?.nameSpan ?? statement.span]);
      field('actions', 'Action', false);
      field('not_actions', 'NotAction', false);
      field('resources', 'Resource', true);
      field('not_resources', 'NotResource', true);
      for (const [blockType, key] of [
        ['principals', 'Principal'],
        ['not_principals', 'NotPrincipal'],
      ] as const) {
        const principals = nested(statement, blockType);
        if (principals.length > 0)
          entries.push([
            key,
            map(
              principals.map((p) => [
                scalarText(this.evaluateOr(attribute(p, 'type')?.value, p.span)),
                this.evaluateOr(attribute(p, 'identifiers')?.value, p.span),
                p.span,
              ]),
              principals[0].span,
            ),
          ]);
      }
      const conditions = nested(statement, 'condition');
      if (conditions.length > 0) {
        // Operators and keys point at the `test` and `variable` values that give them (the first block of each test).
        const byTest = new Map<string, { testSpan: Span; variables: Array<[string, Node, Span]> }>();
        for (const condition of conditions) {
          const testAttribute = attribute(condition, 'test');
          const variableAttribute = attribute(condition, 'variable');
          const test = scalarText(this.evaluateOr(testAttribute?.value, condition.span));
          const values = attribute(condition, 'values');
          const group = byTest.get(test) ?? { testSpan: testAttribute?.value.span ?? condition.span, variables: [] };
          group.variables.push([
            scalarText(this.evaluateOr(variableAttribute?.value, condition.span)),
            values ? this.evaluate(values.value, true) : unknown('no values', condition.span),
            variableAttribute?.value.span ?? condition.span,
          ]);
          byTest.set(test, group);
        }
        entries.push([
          'Condition',
          map(
            [...byTest].map(([test, { testSpan, variables }]) => [test, map(variables, conditions[0].span), testSpan]),
            conditions[0].span,
          ),
        ]);
      }
      return map(entries, statement.span);
    });
    const version = attribute(block, 'version');
    return map(
      [
        ['Version', version ? this.evaluate(version.value) : scalar('2012-10-17', block.span)],
        ['Statement', { type: 'seq', items: statements, span: block.span }],
      ],
      block.span,
    );
  }
}

function scalarText(node: Node): string {
  return node.type === 'scalar' && node.value !== null ? String(node.value) : '';
}

function listItems(node: Node | undefined): Node[] {
  return node?.type === 'seq' ? node.items : node ? [node] : [];
}

/** The address a Ref/GetAtt node stands for. */
function refTarget(node: Node): string | undefined {
  if (node.type !== 'map' || node.entries.length !== 1) return undefined;
  const [{ key, value }] = node.entries;
  if (key === 'Ref' && value.type === 'scalar') return String(value.value);
  if (key === 'Fn::GetAtt' && value.type === 'seq' && value.items[0]?.type === 'scalar') return String(value.items[0].value);
  return undefined;
}
