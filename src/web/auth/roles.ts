import type { Role } from '../../common/enums.ts';
import type { AccountView } from '../api/types.ts';

/** The staff areas of the app. */
export type Area = 'workbench' | 'console' | 'dashboards';

/** Which roles open which area (the server checks every call again; this only decides what to show). */
export const AREA_ROLES = {
  workbench: ['window_clerk', 'approver'],
  console: ['catalog_admin', 'data_admin', 'system_admin'],
  dashboards: ['supervisor', 'system_admin'],
} as const satisfies Record<Area, readonly Role[]>;

/** Where each area lives. */
export const AREA_PATHS: Record<Area, string> = {
  workbench: '/workbench',
  console: '/console',
  dashboards: '/dashboards',
};

const AREAS: Area[] = ['workbench', 'console', 'dashboards'];

/** Whether the account holds at least one of the roles. */
export function hasAnyRole(account: Pick<AccountView, 'roles'> | null | undefined, roles: readonly Role[]): boolean {
  return Boolean(account?.roles.some((r) => roles.includes(r)));
}

/** The staff areas an account may open. */
export function areasOf(account: Pick<AccountView, 'roles'>): Area[] {
  return AREAS.filter((a) => hasAnyRole(account, AREA_ROLES[a]));
}

/** Where to land after logging in without a target: the first staff area, else one's account page. */
export function homePathFor(account: Pick<AccountView, 'roles'>): string {
  const first = areasOf(account)[0];
  return first ? AREA_PATHS[first] : '/account';
}

/** Accept only a same-site path as a post-login target (no `//evil.example`, no absolute URLs). */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
