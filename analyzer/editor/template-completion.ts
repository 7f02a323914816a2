import type { SourcePolicy } from '../sources/document';
import { actionCompletions, type Completions } from './completion';
import { placeInTemplate, writtenAt } from './template-place';

/**
 * Completion inside templates where it is exact: an action written as is (a YAML or JSON scalar, an HCL
 * string), replaced whole. ARNs and variables are not offered there: `${…}` is written differently inside
 * `Fn::Sub` (`${!…}`) and HCL (`$${…}`), and the reading does not say which applies.
 */
export function completionsInTemplate(policies: readonly SourcePolicy[], text: string, offset: number): Completions | undefined {
  const place = placeInTemplate(policies, offset);
  if (place.kind !== 'action' || place.values.length !== 1) return undefined;
  const [value] = place.values;
  const at = writtenAt(text, value);
  return at === -1 ? undefined : actionCompletions({ offset: at, length: value.value.length });
}
