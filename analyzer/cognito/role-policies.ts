import type { CompileOptions } from '../evaluate/compile';

/**
 * How identity-pool role policies (IAM) are compiled. `${iot:ClientId}` is documented for IoT policies
 * only; community reports conflict on whether it resolves in a role policy (A14). The safe reading: it
 * never resolves there, so an entry using it matches nothing and can never produce an allow AWS refuses.
 */
export const ROLE_POLICY_OPTIONS: CompileOptions = {
  unavailableVariables: new Map([
    ['iot:clientid', '${iot:ClientId} is not documented for identity-pool role policies (A14); read as unresolved, so entries using it match nothing'],
  ]),
};
