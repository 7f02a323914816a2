import type { SourceProblem } from '../reading';
import { entry, scalarString, type TemplateNode } from '../tree';
import { resolveValue, type TemplateContext } from './intrinsics';

/** Template-wide transforms whose effect this reader knows: SAM's resources are read, AWS::LanguageExtensions' loops expanded (for-each.ts). */
const READ_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);

const NOT_READ = 'so the roles and policies it may define are unknown';

/**
 * The parts of a template this reader does not interpret, each an `unresolved-value` that leaves every
 * role's grants unknown (they may add policies to any role): a macro in `Transform`,
 * `Fn::Transform` (such as AWS::Include) among the resources or in one, and a resource or its
 * properties given by a value the files do not show (a Serverless `${file(…)}`). `resources` is the
 * Resources section with its loops expanded (for-each.ts). See docs/iac-sources.md.
 */
export function unreadParts(root: TemplateNode, resources: TemplateNode | undefined, context: TemplateContext): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const report = (message: string, span: SourceProblem['span']) => problems.push({ ruleId: 'unresolved-value', message, span, roles: 'any' });
  const transform = entry(root, 'Transform');
  for (const name of transform?.type === 'seq' ? transform.items : transform ? [transform] : []) {
    const written = scalarString(name) ?? transformed(name, context);
    if (!READ_TRANSFORMS.has(written))
      report(
        `Transform ${written}: a macro that rewrites the template when it is deployed, which this tool does not apply; what it adds or changes is unknown`,
        name.span,
      );
  }
  // A map of resources, a resource or its properties: the keys that generate or include what the files do not show.
  const generated = (map: TemplateNode | undefined) => {
    for (const { key, keySpan, value } of map?.type === 'map' ? map.entries : []) {
      if (key === 'Fn::Transform') report(`Fn::Transform: ${transformed(value, context)}: what it adds is not in these files, ${NOT_READ}`, keySpan);
    }
  };
  generated(resources);
  for (const { key, value } of resources?.type === 'map' ? resources.entries : []) {
    if (key.startsWith('Fn::')) continue;
    const properties = entry(value, 'Properties');
    const unread = [value, properties].find((node) => node?.type === 'scalar' && node.unknown);
    if (unread?.type === 'scalar')
      report(`${key}: ${unread === value ? 'the resource' : 'its properties'} is ${unread.unknown}, which this tool does not read, ${NOT_READ}`, unread.span);
    generated(value);
    generated(properties);
  }
  return problems;
}

/** `AWS::Include of s3://…`, or the macro's name. */
function transformed(value: TemplateNode, context: TemplateContext): string {
  const name = scalarString(entry(value, 'Name')) ?? 'a macro';
  const location = entry(entry(value, 'Parameters'), 'Location');
  const where = location && resolveValue(location, context);
  return where?.type === 'string' ? `${name} of ${where.value}` : name;
}
