import { findReading } from './catalog';

/** "AWS reads <what> (A14) as <outcome>, and …" */
export function describeReadings(readings: Record<string, string>): string {
  const conditions = Object.entries(readings).map(([id, outcomeId]) => {
    const reading = findReading(id);
    const outcome = reading?.outcomes.find((o) => o.id === outcomeId);
    return reading && outcome ? `${reading.title.charAt(0).toLowerCase()}${reading.title.slice(1)} (${id}) as ${outcome.says}` : `${id} as ${outcomeId}`;
  });
  return `AWS reads ${conditions.join(', and ')}`;
}

/** "allowed if AWS reads <what> (A14) as <outcome>, and …" — one ambiguous outcome in plain words. */
export function describeOutcome(decision: 'allow' | 'deny', readings: Record<string, string>): string {
  return `${decision === 'allow' ? 'allowed' : 'denied'} if ${describeReadings(readings)}`;
}
