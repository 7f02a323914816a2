import type { CompileOptions } from '../evaluate/compile';
import type { PolicyKind } from '../policy/model';

/**
 * How identity-pool role policies (IAM) are compiled. `${iot:ClientId}` is documented for IoT policies
 * only; community reports conflict on whether it resolves in a role policy (reading A14, docs/readings.md).
 * Compiled as never resolving; statements using it are marked, and decisions they take part in are made
 * under both outcomes (the `resolves` outcome recompiles the policy without this entry).
 */
export const ROLE_POLICY_OPTIONS: CompileOptions = {
  unavailableVariables: new Map([
    [
      'iot:clientid',
      '${iot:ClientId} is not documented for identity-pool role policies (reading A14): shown unresolved here; the verdict is also decided with it resolved',
    ],
  ]),
};

/** AWS IoT policies: the Cognito aud/amr keys are documented for role policies only there (reading A3). */
export const IOT_POLICY_OPTIONS: CompileOptions = { cognitoKeysUndocumented: true };

/** How a policy of this kind is compiled. */
export function compileOptionsFor(kind: PolicyKind): CompileOptions {
  return kind === 'iot' ? IOT_POLICY_OPTIONS : ROLE_POLICY_OPTIONS;
}
