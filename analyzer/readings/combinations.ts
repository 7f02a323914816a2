import { findReading } from './catalog';

/** Every combination of outcomes of the given evaluated readings (catalog order of outcomes). */
export function readingCombinations(ids: readonly string[]): Array<Array<[string, string]>> {
  let combinations: Array<Array<[string, string]>> = [[]];
  for (const id of ids) {
    const outcomes = findReading(id)?.outcomes ?? [];
    combinations = combinations.flatMap((c) => outcomes.map((o): Array<[string, string]> => [...c, [id, o.id]]));
  }
  return combinations;
}
