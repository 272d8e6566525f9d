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
