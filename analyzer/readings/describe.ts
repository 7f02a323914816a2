import { findReading } from './catalog';

/**
 * "AWS reads <what> (A14) as <outcome>, and …". An entry whose id is a context key (`aws:SourceIp`) is a
 * request value the question left open and the outcome was decided for: "the request's aws:SourceIp is …".
 */
export function describeReadings(readings: Record<string, string>): string {
  const entries = Object.entries(readings);
  const conditions = entries
    .filter(([id]) => !isRequestValue(id))
    .map(([id, outcomeId]) => {
      const reading = findReading(id);
      const outcome = reading?.outcomes.find((o) => o.id === outcomeId);
      return reading && outcome ? `${reading.title.charAt(0).toLowerCase()}${reading.title.slice(1)} (${id}) as ${outcome.says}` : `${id} as ${outcomeId}`;
    });
  const values = entries.filter(([id]) => isRequestValue(id)).map(([key, value]) => `the request's ${key} is ${value}`);
  return [...(conditions.length > 0 ? [`AWS reads ${conditions.join(', and ')}`] : []), ...values].join(', and ');
}

/** Reading ids are catalog ids (`A14`, `R-short-arn`); context keys (a request value left open) have a colon. */
export function isRequestValue(id: string): boolean {
  return id.includes(':');
}

/** "allowed if AWS reads <what> (A14) as <outcome>, and …" — one ambiguous outcome in plain words. */
export function describeOutcome(decision: 'allow' | 'deny', readings: Record<string, string>): string {
  return `${decision === 'allow' ? 'allowed' : 'denied'} if ${describeReadings(readings)}`;
}

/**
 * Why a step's checks have differing outcomes, for "allowed …": "under a documented reading", "for some
 * values of aws:SourceIp (the step does not give it)", or both.
 */
export function describeAmbiguity(checks: ReadonlyArray<{ outcomes?: ReadonlyArray<{ readings: Record<string, string> }> }>): string {
  const keys = checks.flatMap((c) => (c.outcomes ?? []).flatMap((o) => Object.keys(o.readings)));
  const values = [...new Set(keys.filter(isRequestValue))];
  const open = values.length > 0 ? `for some values of ${values.join(', ')} (the step does not give ${values.length === 1 ? 'it' : 'them'})` : '';
  if (!open) return 'under a documented reading';
  return keys.some((k) => !isRequestValue(k)) ? `under a documented reading or ${open}` : open;
}
