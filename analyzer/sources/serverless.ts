import { readTemplate, type TemplateOptions } from './cloudformation/template';
import type { SourceReading } from './reading';
import { entry, scalarString, type Span, type TemplateMap, type TemplateNode } from './tree';

/** Variable sources that belong to the Serverless Framework; any other `${x:…}` (iot:, aws:username…) is an IAM policy variable. */
const SERVERLESS_SOURCES = /^(self|opt|sls|env|file|param|ssm|cf|s3|strToBool|custom)$/;
const SERVERLESS_AWS = /^aws:(region|accountId|partition)$/;

/**
 * Reads a Serverless Framework service: `resources.Resources` is CloudFormation; the statements and
 * managed policies of `provider.iam.role` (or the older `provider.iamRoleStatements` /
 * `iamManagedPolicies`) make the shared Lambda role `IamRoleLambdaExecution`. Serverless variables are
 * resolved where the file says (`${self:…}`, `${opt:stage, 'dev'}` defaults, `${aws:region}`) and
 * unknown otherwise. See docs/iac-sources.md.
 */
export function readServerless(root: TemplateNode, text: string, options: TemplateOptions): SourceReading {
  const usedAws = new Set<string>();
  const resolved = substituteVariables(root, root, options, usedAws);
  const provider = entry(resolved, 'provider');
  const role = entry(entry(provider, 'iam'), 'role');
  const statements = entry(role, 'statements') ?? entry(provider, 'iamRoleStatements');
  const managed = entry(role, 'managedPolicies') ?? entry(provider, 'iamManagedPolicies');
  const fragments = entry(resolved, 'resources');
  const resources: TemplateMap['entries'] = [];
  const conditions: TemplateMap['entries'] = [];
  for (const fragment of fragments?.type === 'seq' ? fragments.items : fragments ? [fragments] : []) {
    const fragmentResources = entry(fragment, 'Resources');
    const fragmentConditions = entry(fragment, 'Conditions');
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
  if (usedAws.size > 0)
    reading.notes.push(
      `${[...usedAws].sort().join(', ')} taken as in the scenarios' default scope (partition ${options.scope.partition}, region ${options.scope.region}, account ${options.scope.account})`,
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

/** Every string with its Serverless variables replaced, or marked unknown when the file does not give them. */
function substituteVariables(node: TemplateNode, root: TemplateNode, options: TemplateOptions, usedAws: Set<string>, depth = 0): TemplateNode {
  if (node.type === 'map')
    return { ...node, entries: node.entries.map((e) => ({ ...e, value: substituteVariables(e.value, root, options, usedAws, depth + 1) })) };
  if (node.type === 'seq') return { ...node, items: node.items.map((item) => substituteVariables(item, root, options, usedAws, depth + 1)) };
  if (typeof node.value !== 'string' || !node.value.includes('${') || depth > 100) return node;
  let unknown: string | undefined;
  const value = node.value.replace(/\$\{([^{}]+)\}/g, (whole, body: string) => {
    const [reference, fallback] = splitFallback(body);
    const source = reference.split(':')[0];
    if (SERVERLESS_AWS.test(reference)) {
      usedAws.add(`\${${reference}}`);
      return lookupAws(reference, options);
    }
    if (!SERVERLESS_SOURCES.test(source) || !reference.includes(':')) return whole;
    const found =
      source === 'self' ? lookupSelf(root, reference.slice(5)) : source === 'opt' || source === 'sls' ? (lookupStage(root, reference) ?? fallback) : fallback;
    if (found === undefined) unknown ??= `the Serverless variable ${whole}`;
    return found ?? whole;
  });
  return unknown ? { ...node, unknown } : value === node.value ? node : { ...node, value };
}

function splitFallback(body: string): [string, string | undefined] {
  const comma = body.indexOf(',');
  if (comma === -1) return [body.trim(), undefined];
  const fallback = body.slice(comma + 1).trim();
  return [body.slice(0, comma).trim(), /^['"].*['"]$/.test(fallback) ? fallback.slice(1, -1) : undefined];
}

function lookupSelf(root: TemplateNode, path: string): string | undefined {
  let node: TemplateNode | undefined = root;
  for (const key of path.split('.')) node = entry(node, key);
  return scalarString(node);
}

/**
 * `${opt:stage}` / `${sls:stage}`: the stage the file sets (provider.stage, itself often
 * `${opt:stage, 'dev'}`: then its default); otherwise the variable's own fallback.
 */
function lookupStage(root: TemplateNode, reference: string): string | undefined {
  const stage = /^(opt|sls):stage$/.test(reference) ? scalarString(entry(entry(root, 'provider'), 'stage')) : undefined;
  const variable = stage && /^\$\{([^{}]+)\}$/.exec(stage);
  return variable ? splitFallback(variable[1])[1] : stage?.includes('${') ? undefined : stage;
}

function lookupAws(reference: string, options: TemplateOptions): string {
  const name = reference.slice(4);
  return name === 'region' ? options.scope.region : name === 'accountId' ? options.scope.account : options.scope.partition;
}
