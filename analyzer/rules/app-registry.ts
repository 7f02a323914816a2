import type { AppRule } from './app-rule';
import appAdminAction from './app/app-admin-action';
import appClientIdTakeover from './app/app-client-id-takeover';
import appCrossIdentityRead from './app/app-cross-identity-read';
import appCrossIdentityWrite from './app/app-cross-identity-write';
import appGuestReachesDevices from './app/app-guest-reaches-devices';
import appGuestWritesToUsers from './app/app-guest-writes-to-users';
import appWildcardFilterDelivery from './app/app-wildcard-filter-delivery';

/** The rules over identity classes, in catalog order; they run by default on every app `check` builds. */
export const APP_RULES: readonly AppRule[] = [
  appClientIdTakeover,
  appCrossIdentityRead,
  appCrossIdentityWrite,
  appWildcardFilterDelivery,
  appGuestReachesDevices,
  appGuestWritesToUsers,
  appAdminAction,
];

export function findAppRule(id: string): AppRule | undefined {
  return APP_RULES.find((rule) => rule.meta.id === id);
}
