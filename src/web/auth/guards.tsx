import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../../common/enums.ts';
import { ErrorResult, ForbiddenResult, Loading } from '../components/results.tsx';
import { hasAnyRole } from './roles.ts';
import { useMe } from './session.ts';

/** Send anonymous visitors to the login page, coming back here afterwards. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return children;
}

/**
 * Staff areas: anonymous visitors go to login; logged-in accounts without a matching role get 403.
 * `forbidden` lets the caller wrap the 403 page in a layout.
 */
export function RequireRoles({ roles, children, forbidden }: { roles: readonly Role[]; children: ReactNode; forbidden?: (page: ReactNode) => ReactNode }) {
  const me = useMe();
  if (me.data && !hasAnyRole(me.data.account, roles)) {
    const page = <ForbiddenResult />;
    return forbidden ? forbidden(page) : page;
  }
  return <RequireLogin>{children}</RequireLogin>;
}
