import type { CognitoIdentity } from '../cognito/identity';
import type { LoadedScenario, ScenarioIdentity } from '../scenario/model';
import { LineIndex } from '../source/range';
import type { App, AppClass } from './app';

/**
 * The app as a scenario without steps, for the prover and the scenario runner: the guests of the app and
 * one class of signed-in users (a role mapping's role is a class of its own, so each gets its own
 * scenario). Two made-up identities per class, so that isolation between identities has someone to
 * isolate; their identity IDs are shaped like real ones and never reach AWS.
 */
export function scenarioForApp(app: App, signedIn: AppClass | undefined): LoadedScenario {
  const guests = app.classes.find((c) => c.type === 'unauthenticated');
  const range = new LineIndex(app.file, '').range(0, 0);
  const identities = new Map<string, ScenarioIdentity>();
  const add = (name: string, cls: AppClass, serial: number) => {
    const identity: CognitoIdentity = {
      type: cls.type,
      identityId: `${app.scope.region}:0000000${serial}-0000-4000-8000-00000000000${serial}`,
      ...(app.identityPoolId && { identityPoolId: app.identityPoolId }),
    };
    identities.set(name, { name, identity, iotPolicies: cls.iotPolicies.map((p) => p.compiled), range });
  };
  if (signedIn) {
    add(`${signedIn.id} user 1`, signedIn, 1);
    add(`${signedIn.id} user 2`, signedIn, 2);
  }
  if (guests) {
    add('guest 1', guests, 3);
    add('guest 2', guests, 4);
  }
  const policies = [...(signedIn ? [...signedIn.rolePolicies, ...signedIn.iotPolicies] : []), ...(guests?.rolePolicies ?? [])];
  return {
    file: app.file,
    name: signedIn ? `${app.name} (${signedIn.label})` : app.name,
    scope: app.scope,
    roles: { authenticated: signedIn?.rolePolicies.map((p) => p.compiled) ?? [], unauthenticated: guests?.rolePolicies.map((p) => p.compiled) ?? [] },
    identities,
    steps: [],
    policies: policies.map((p) => ({ policy: p.compiled, kind: p.kind })),
    ...(app.readings && { readings: app.readings }),
  };
}
