/**
 * The policy files a scenario names, read from a scenario that may not be valid yet (the user is typing,
 * or a sample is being mapped onto the editors). The keys come from the types generated from
 * schemas/scenario.schema.json; every value is checked before use.
 */
import type { Identity, Scenario } from '../generated/scenario';
import { asUnchecked } from '../schema/unchecked';

/** A PolicyRefs value's file references (inline policies travel inside the scenario and are skipped). */
export function fileReferences(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

export interface ScenarioPolicyFiles {
  /** The first whole policy file of the authenticated role, the guest role, and the first identity with an IoT policy file. */
  authRole?: string;
  unauthRole?: string;
  iotPolicy?: string;
  /**
   * Every file the scenario reads, in order, repeats included: its policy files, the templates its
   * `"template.yaml#Name"` references name, and the template of its `"app"` (`"#Name"` is in the app).
   */
  all: string[];
}

export function scenarioPolicyFiles(parsed: unknown): ScenarioPolicyFiles {
  const scenario = asUnchecked<Scenario>(parsed);
  const roles = asUnchecked<NonNullable<Scenario['roles']>>(scenario?.roles);
  const identities = Object.values(asUnchecked<Scenario['identities']>(scenario?.identities) ?? {}).map((i) => asUnchecked<Identity>(i));
  const authenticated = fileReferences(roles?.authenticated);
  const unauthenticated = fileReferences(roles?.unauthenticated);
  const iotPolicies = identities.map((i) => fileReferences(i?.iotPolicies));
  // A reference into a template names the template file before its `#`; the editors take whole policy files only.
  const whole = (refs: string[]) => refs.find((ref) => !ref.includes('#'));
  const app = fileReferences(scenario?.app);
  return {
    authRole: whole(authenticated),
    unauthRole: whole(unauthenticated),
    iotPolicy: iotPolicies.map(whole).find((ref) => ref !== undefined),
    all: [...app, ...authenticated, ...unauthenticated, ...iotPolicies.flat()].map((ref) => ref.split('#')[0]).filter((file) => file !== ''),
  };
}
