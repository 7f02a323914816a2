import type { ConfirmedCheck, Counterexample, WitnessIdentity } from '../../prove/prove';
import type { ScenarioIdentity } from '../../scenario/model';

/** "signed-in user 1 (identity ID us-east-1:…, client ID x)": who does it, in a finding's message. */
export function who(witness: WitnessIdentity): string {
  return `${witness.name} (identity ID ${witness.identityId}${witness.clientId !== undefined ? `, client ID ${witness.clientId}` : ', over HTTPS'})`;
}

/** A made-up identity of the app other than the witness: the one whose access a finding shows is at stake. */
export function otherThan(members: readonly ScenarioIdentity[], identityId: string): ScenarioIdentity | undefined {
  return members.find((m) => m.identity.identityId !== identityId);
}

/** A flow's checks with the publisher's last: its publish is what a finding about writing is about. */
function publishLast(flow: Counterexample): ConfirmedCheck[] {
  const sender = (c: ConfirmedCheck) => c.identity === flow.identity.name;
  return [...flow.checks.filter((c) => !sender(c)), ...flow.checks.filter(sender)];
}

/**
 * The finding of a rule about writing into what others read: `subscribed` when a subscription delivers the
 * message, `retained` when the receiver reads it as a retained message; the publisher's check last.
 */
export function writeFinding(flow: Counterexample) {
  return {
    messageId: flow.filter ? ('subscribed' as const) : ('retained' as const),
    data: { who: who(flow.identity), topic: flow.topic ?? '', receiver: who(flow.receiver!), filter: flow.filter ?? '' },
    checks: publishLast(flow),
  };
}
