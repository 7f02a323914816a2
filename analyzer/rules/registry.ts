import type { Rule } from './rule';
import actionWithoutEffectInIotPolicy from './definitions/action-without-effect-in-iot-policy';
import adminActionInCognitoRole from './definitions/admin-action-in-cognito-role';
import allowShadowedByDeny from './definitions/allow-shadowed-by-deny';
import allowWithNotElement from './definitions/allow-with-not-element';
import broadDataPlaneAccess from './definitions/broad-data-plane-access';
import broadThingReadInAuthRole from './definitions/broad-thing-read-in-auth-role';
import clientIdSpoofing from './definitions/client-id-spoofing';
import conditionValueType from './definitions/condition-value-type';
import constantCondition from './definitions/constant-condition';
import denyBypassedByWildcardFilter from './definitions/deny-bypassed-by-wildcard-filter';
import duplicateSid from './definitions/duplicate-sid';
import duplicateStatement from './definitions/duplicate-statement';
import emptyStatement from './definitions/empty-statement';
import guestDeviceAccess from './definitions/guest-device-access';
import inconsistentRegionAccount from './definitions/inconsistent-region-account';
import invalidEffect from './definitions/invalid-effect';
import invalidJson from './definitions/invalid-json';
import invalidStructure from './definitions/invalid-structure';
import malformedArn from './definitions/malformed-arn';
import crossIdentityRead from './definitions/cross-identity-read';
import malformedVariable from './definitions/malformed-variable';
import mqttWildcardInAllow from './definitions/mqtt-wildcard-in-allow';
import mqttWildcardInDeny from './definitions/mqtt-wildcard-in-deny';
import policySize from './definitions/policy-size';
import policyVersion from './definitions/policy-version';
import principalInIdentityPolicy from './definitions/principal-in-identity-policy';
import publishNotScopedPerIdentity from './definitions/publish-not-scoped-per-identity';
import publishToReservedResponseTopic from './definitions/publish-to-reserved-response-topic';
import readingDependentStatement from './definitions/reading-dependent-statement';
import receiveWithoutSubscribe from './definitions/receive-without-subscribe';
import resourceTypeMismatch from './definitions/resource-type-mismatch';
import serviceWildcardAction from './definitions/service-wildcard-action';
import subscribeWithoutReceive from './definitions/subscribe-without-receive';
import unknownAction from './definitions/unknown-action';
import unknownConditionOperator from './definitions/unknown-condition-operator';
import unknownElement from './definitions/unknown-element';
import unknownVariable from './definitions/unknown-variable';
import variableUnavailableForCognito from './definitions/variable-unavailable-for-cognito';
import wildcardWithoutLikeOperator from './definitions/wildcard-without-like-operator';

/** Every rule, in catalog order. The README's rule table is generated from this list. */
export const RULES: readonly Rule[] = [
  invalidJson,
  invalidStructure,
  unknownElement,
  emptyStatement,
  invalidEffect,
  principalInIdentityPolicy,
  policyVersion,
  duplicateSid,
  unknownAction,
  actionWithoutEffectInIotPolicy,
  resourceTypeMismatch,
  malformedArn,
  inconsistentRegionAccount,
  mqttWildcardInAllow,
  mqttWildcardInDeny,
  subscribeWithoutReceive,
  receiveWithoutSubscribe,
  publishToReservedResponseTopic,
  denyBypassedByWildcardFilter,
  unknownVariable,
  malformedVariable,
  variableUnavailableForCognito,
  clientIdSpoofing,
  publishNotScopedPerIdentity,
  crossIdentityRead,
  serviceWildcardAction,
  adminActionInCognitoRole,
  broadThingReadInAuthRole,
  broadDataPlaneAccess,
  guestDeviceAccess,
  allowWithNotElement,
  unknownConditionOperator,
  wildcardWithoutLikeOperator,
  conditionValueType,
  constantCondition,
  readingDependentStatement,
  policySize,
  allowShadowedByDeny,
  duplicateStatement,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
