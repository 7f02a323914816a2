import { readTemplate, type TemplateOptions } from './cloudformation/template';
import { CharacterBudget } from './limits';
import type { SourceProblem, SourceReading } from './reading';
import { ServerlessVariables } from './serverless-variables';
import { entry, type Span, type TemplateMap, type TemplateNode } from './tree';

/**
 * Reads a Serverless Framework service: `resources.Resources` is CloudFormation; the statements and
 * managed policies of `provider.iam.role` (or the older `provider.iamRoleStatements` /
 * `iamManagedPolicies`) make the shared Lambda role `IamRoleLambdaExecution`. Serverless variables are
 * resolved where the file says (`${self:…}`, `${opt:stage, 'dev'}` defaults, `${aws:region}`) and
 * unknown otherwise. See docs/iac-sources.md.
 */
export function readServerless(root: TemplateNode, text: string, options: TemplateOptions): SourceReading {
  const variables = new ServerlessVariables(root, options, new CharacterBudget());
  const resolved = substituteVariables(root, variables);
  const provider = entry(resolved, 'provider');
  const role = entry(entry(provider, 'iam'), 'role');
  const statements = entry(role, 'statements') ?? entry(provider, 'iamRoleStatements');
  const managed = entry(role, 'managedPolicies') ?? entry(provider, 'iamManagedPolicies');
  const fragments = entry(resolved, 'resources');
  const resources: TemplateMap['entries'] = [];
  const conditions: TemplateMap['entries'] = [];
  // A fragment (or its Resources) given by a variable the file does not give, such as ${file(…)}: what it defines is unknown.
  const unread: SourceProblem[] = [];
  for (const fragment of fragments?.type === 'seq' ? fragments.items : fragments ? [fragments] : []) {
    const fragmentResources = entry(fragment, 'Resources');
    const fragmentConditions = entry(fragment, 'Conditions');
    for (const part of [fragment, fragmentResources])
      if (part?.type === 'scalar' && part.unknown)
        unread.push({
          ruleId: 'unresolved-value',
          message: `resources: ${part.unknown}, which this tool does not read, so the roles and policies it may define are unknown`,
          span: part.span,
          roles: 'any',
        });
    if (fragmentResources?.type === 'map') resources.push(...fragmentResources.entries);
    if (fragmentConditions?.type === 'map') conditions.push(...fragmentConditions.entries);
  }
  if (statements || managed) resources.push({ key: 'IamRoleLambdaExecution', keySpan: (statements ?? managed)!.span, value: lambdaRole(statements, managed) });
  const template: TemplateMap = {
    type: 'map',
    span: root.span,
    entries: [
      { key: 'Resources', keySpan: root.span, value: { type: 'map', span: root.span, entries: resources } },
      { key: 'Conditions', keySpan: root.span, value: { type: 'map', span: root.span, entries: conditions } },
    ],
  };
  const reading = readTemplate(template, text, options);
  reading.problems.push(...unread);
  if (variables.usedAws.size > 0)
    reading.notes.push(
      `${[...variables.usedAws].sort().join(', ')} taken as in the scenarios' default scope (partition ${options.scope.partition}, region ${options.scope.region}, account ${options.scope.account})`,
    );
  return reading;
}

function lambdaRole(statements: TemplateNode | undefined, managed: TemplateNode | undefined): TemplateNode {
  const span: Span = (statements ?? managed)!.span;
  const map = (entries: Array<[string, TemplateNode]>): TemplateNode => ({
    type: 'map',
    span,
    entries: entries.map(([key, value]) => ({ key, keySpan: span, value })),
  });
  const scalar = (value: string): TemplateNode => ({ type: 'scalar', value, span });
  const properties: Array<[string, TemplateNode]> = [];
  if (statements)
    properties.push([
      'Policies',
      {
        type: 'seq',
        span,
        items: [
          map([
            ['PolicyName', scalar('provider.iam.role.statements')],
            [
              'PolicyDocument',
              map([
                ['Version', scalar('2012-10-17')],
                ['Statement', statements],
              ]),
            ],
          ]),
        ],
      },
    ]);
  if (managed) properties.push(['ManagedPolicyArns', managed]);
  return map([
    ['Type', scalar('AWS::IAM::Role')],
    ['Properties', map(properties)],
  ]);
}

/** Every string with its Serverless variables resolved, or marked unknown when the file does not give them. */
function substituteVariables(node: TemplateNode, variables: ServerlessVariables, depth = 0): TemplateNode {
  if (node.type === 'map') return { ...node, entries: node.entries.map((e) => ({ ...e, value: substituteVariables(e.value, variables, depth + 1) })) };
  if (node.type === 'seq') return { ...node, items: node.items.map((item) => substituteVariables(item, variables, depth + 1)) };
  if (typeof node.value !== 'string' || !node.value.includes('${') || depth > 100) return node;
  const outcome = variables.resolve(node.value, node.span);
  if ('unknown' in outcome) return { ...node, unknown: outcome.unknown };
  return outcome.value === node.value ? node : { ...node, value: outcome.value };
}
