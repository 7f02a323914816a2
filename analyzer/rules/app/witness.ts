import type { AppClass } from '../../project/app';
import type { ConfirmedCheck, Counterexample, WitnessIdentity } from '../../prove/prove';
import type { ScenarioIdentity } from '../../scenario/model';

/** "signed-in user 1 (identity ID us-east-1:…, client ID x)": who does it, in a finding's message. */
export function who(witness: WitnessIdentity): string {
  return `${witness.name} (identity ID ${witness.identityId}${witness.clientId !== undefined ? `, client ID ${witness.clientId}` : ', over HTTPS'})`;
}

/**
 * Who the identities of a class are, in a finding ("any signed-in user"): a role mapping's class is the
 * users it gives that role, never every signed-in user.
 */
export function whomOf(cls: AppClass): string {
  if (cls.type === 'unauthenticated') return 'anonymous guest';
  if (!cls.id.startsWith('role:')) return 'signed-in user';
  return `signed-in user ${cls.role ? `who gets role ${cls.role}` : 'whose token names a role the files do not define'}`;
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
export function writeFinding(flow: Counterexample, cls: AppClass) {
  return {
    messageId: flow.filter ? ('subscribed' as const) : ('retained' as const),
    data: { who: who(flow.identity), whom: whomOf(cls), topic: flow.topic ?? '', receiver: who(flow.receiver!), filter: flow.filter ?? '' },
    checks: publishLast(flow),
  };
}
