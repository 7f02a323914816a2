import type { CompiledResource, CompiledStatement } from '../evaluate/compile';
import { conditionReading, type Binding } from '../prove/symbolic';
import type { TemplatePart } from '../variables/template';

/**
 * Keys saying what the automata of a pattern or statement are built from, and nothing else (not which file
 * or policy it is in): equal keys give equal sets, so the apps of one run that describe the same policies (a
 * scenario and its template; one app in CloudFormation, Serverless and Terraform) share their automata.
 */
const partsKeys = new WeakMap<readonly TemplatePart[], string>();
const statementKeys = new WeakMap<CompiledStatement, string>();

/** A resource template's parts, as the symbolic model reads them (literals, wildcards, variables with default and availability). */
export function partsKey(parts: readonly TemplatePart[]): string {
  let key = partsKeys.get(parts);
  if (key === undefined) {
    key = JSON.stringify(
      parts.map((part) =>
        part.kind === 'literal'
          ? part.text
          : part.kind === 'variable'
            ? [part.key, part.defaultValue ?? null, part.unavailable !== undefined]
            : part.kind === 'star'
              ? 0
              : 1,
      ),
    );
    partsKeys.set(parts, key);
  }
  return key;
}

/**
 * What a binding gives the pattern's variables (a symbol, a literal, unknown, unresolved): with its parts,
 * all the pattern is built from. Requests that differ only in values the pattern does not read (the client
 * ID over MQTT and HTTPS, the pool ID) share its automata.
 */
export function valuesKey(parts: readonly TemplatePart[], binding: Binding): string {
  let key = '';
  for (const part of parts) if (part.kind === 'variable' && !part.unavailable) key += `${JSON.stringify(binding(part.key, part.defaultValue))};`;
  return key;
}

/** A resource entry as the symbolic model reads it: its parts, under its reading of ARN wildcards (A6). */
export function resourceKey(resource: CompiledResource): string {
  return `${resource.matcher.shape === 'none' ? 0 : 1}${resource.withinParts ? 1 : 0}${partsKey(resource.template.parts)}`;
}

/** A statement as the prover's allowed sets read it: whether it takes part, its effect, how its conditions read, its resources. */
export function statementKey(statement: CompiledStatement): string {
  let key = statementKeys.get(statement);
  if (key === undefined) {
    const head = `${statement.takesPart ? 1 : 0}${statement.effect}|${conditionReading(statement)}|${statement.resourcesNegated ? 'not' : ''}`;
    key = `${head}[${statement.resources.map(resourceKey).join(',')}]`;
    statementKeys.set(statement, key);
  }
  return key;
}
