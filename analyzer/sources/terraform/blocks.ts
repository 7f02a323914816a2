import type { Evaluator, Scope } from './evaluate';
import type { Attribute, Block, Body } from './hcl-ast';
import { elementsOf, isUnknown, map, unknown, type Node } from './values';

/** A nested block as Terraform makes it: written in the file, or one of a `dynamic` block's. */
export interface BlockInstance {
  block: Block;
  /** The names its expressions see (a dynamic block's iterator). */
  scope: Scope;
  /** Set when the files do not decide whether (or how many times) this block exists: why. */
  undecided?: string;
}

export const attribute = (block: Block, name: string): Attribute | undefined => block.body.attributes.find((a) => a.name === name);

/**
 * The blocks of `type` in a body, in order, dynamic blocks expanded
 * (https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks): one per element of a
 * `for_each` the files decide, with the iterator (`<label>.key`, `<label>.value`, or the `iterator`
 * name) bound; when they do not, one block whose iterator is unknown, marked undecided.
 */
export function nestedBlocks(body: Body, type: string, scope: Scope, evaluator: Evaluator): BlockInstance[] {
  const found: BlockInstance[] = [];
  for (const block of body.blocks) {
    if (block.type === type) found.push({ block, scope });
    else if (block.type === 'dynamic' && block.labels[0] === type) found.push(...dynamicInstances(block, type, scope, evaluator));
  }
  return found;
}

function dynamicInstances(block: Block, type: string, scope: Scope, evaluator: Evaluator): BlockInstance[] {
  const content = block.body.blocks.find((b) => b.type === 'content');
  if (!content) return [];
  const iterator = iteratorName(attribute(block, 'iterator')) ?? type;
  const forEach = attribute(block, 'for_each');
  const value = forEach ? evaluator.evaluate(forEach.value, scope) : unknown('no for_each', block.span);
  const elements = isUnknown(value) ? undefined : elementsOf(value);
  const bind = (key: Node, item: Node): Scope => ({
    bindings: new Map([
      ...scope.bindings,
      [
        iterator,
        map(
          [
            ['key', key],
            ['value', item],
          ],
          content.span,
        ),
      ],
    ]),
    text: scope.text,
  });
  if (elements) return elements.map(([key, item]) => ({ block: content, scope: bind(key, item) }));
  const why = isUnknown(value) ? value.unknown : `${evaluator.describe(value.span, scope)}, not a list or object`;
  const reason = `for_each of dynamic "${type}" (${why})`;
  return [{ block: content, scope: bind(unknown(reason, content.span), unknown(reason, content.span)), undecided: reason }];
}

/** `iterator = name` (a bare name; a string in JSON syntax). */
function iteratorName(found: Attribute | undefined): string | undefined {
  const value = found?.value;
  if (value?.kind === 'traversal' && value.path.length === 1) return value.path[0];
  return value?.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
}
