import type { Role } from '../../common/enums.ts';
import { hasAnyRole } from '../auth/roles.ts';
import { useMe } from '../auth/session.ts';

/**
 * Editing the directory and staff is the system administrator's (orgPolicy.editDirectory/editStaff);
 * catalog and data administrators see the directory read-only.
 */
export function useIsSystemAdmin(): boolean {
  const me = useMe();
  return hasAnyRole(me.data?.account, ['system_admin']);
}

/**
 * Electronic licenses (mirrors licensesPolicy, src/server/modules/licenses/policy.ts; the server checks
 * every call again, scoped to the caller's region and, for approvers, their department).
 */
export const LICENSE_ROLES = {
  /** 证照目录, issuer keys and the trust list. */
  catalog: ['data_admin', 'system_admin'],
  /** 证照库 (read). */
  registry: ['approver', 'data_admin', 'system_admin', 'supervisor'],
  /** 暂停/恢复/注销/变更/延续 and 存量证照入库. */
  manage: ['approver', 'data_admin', 'system_admin'],
  /** 查询证照 inside a case. */
  caseQuery: ['window_clerk', 'approver'],
} as const satisfies Record<string, readonly Role[]>;

/** Whether the logged-in account may use one part of the licenses module. */
export function useLicenseRole(part: keyof typeof LICENSE_ROLES): boolean {
  const me = useMe();
  return hasAnyRole(me.data?.account, LICENSE_ROLES[part]);
}
