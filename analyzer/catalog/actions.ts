import { globFromPattern, matchGlob } from '../match/glob';
import { IOT_ACTION_NAMES, IOTJOBSDATA_ACTION_NAMES } from './iot-action-names';
import { DATA_PLANE_ACTIONS } from './data-plane';
import { closestMatch } from './suggest';

/** Every known `iot:` and `iotjobsdata:` action, prefixed, in the reference's spelling. */
// iot:AssumeRoleWithCertificate (the credentials provider, docs/iot-authorization.md §2.1) is documented in the IoT
// Developer Guide but not listed with the other iot: actions in the Service Authorization Reference.
const DOCUMENTED_ELSEWHERE = ['iot:AssumeRoleWithCertificate'];
export const KNOWN_ACTIONS: readonly string[] = [
  ...IOT_ACTION_NAMES.map((a) => `iot:${a}`),
  ...DOCUMENTED_ELSEWHERE,
  ...IOTJOBSDATA_ACTION_NAMES.map((a) => `iotjobsdata:${a}`),
];
const KNOWN_BY_KEY = new Map(KNOWN_ACTIONS.map((a) => [a.toLowerCase(), a]));
const DATA_PLANE_KEYS = new Set(DATA_PLANE_ACTIONS.map((a) => a.name.toLowerCase()));

/** The prefixes whose action lists we know; actions of other services are not checked. */
export const CHECKED_PREFIXES = new Set(['iot', 'iotjobsdata']);

export function actionPrefix(action: string): string {
  const colon = action.indexOf(':');
  return colon === -1 ? '' : action.slice(0, colon).toLowerCase();
}

export function canonicalAction(action: string): string | undefined {
  return KNOWN_BY_KEY.get(action.toLowerCase());
}

const KNOWN_KEYS = KNOWN_ACTIONS.map((a) => a.toLowerCase());
const coveredCache = new Map<string, readonly string[]>();

/** Known actions an Action entry (possibly with wildcards) covers; actions are case-insensitive. Memoized. */
export function actionsCoveredBy(pattern: string): readonly string[] {
  const key = pattern.toLowerCase();
  let covered = coveredCache.get(key);
  if (!covered) {
    const exact = KNOWN_BY_KEY.get(key);
    const glob = globFromPattern(key);
    covered = exact ? [exact] : KNOWN_ACTIONS.filter((_, i) => matchGlob(glob, KNOWN_KEYS[i]));
    if (coveredCache.size < 5_000) coveredCache.set(key, covered);
  }
  return covered;
}

export function isDataPlaneAction(action: string): boolean {
  return DATA_PLANE_KEYS.has(action.toLowerCase());
}

export function suggestAction(action: string): string | undefined {
  const prefix = actionPrefix(action);
  const candidates = KNOWN_ACTIONS.filter((a) => actionPrefix(a) === prefix || prefix === '');
  return closestMatch(action, candidates);
}
