import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireRoles } from './auth/guards.tsx';
import { AREA_ROLES, type Area } from './auth/roles.ts';
import { Loading } from './components/results.tsx';
import { SiteShell } from './components/site-shell.tsx';

// Each area is its own chunk: a citizen on a phone never downloads the console's tables and forms.
const PortalArea = lazy(() => import('./portal/portal-area.tsx'));
const WorkbenchArea = lazy(() => import('./workbench/workbench-area.tsx'));
const ConsoleArea = lazy(() => import('./console/console-area.tsx'));
const DashboardsArea = lazy(() => import('./dashboards/dashboards-area.tsx'));

/** Login and role check in front of a staff area; the 403 page keeps the site's header and footer. */
function StaffGate({ area, children }: { area: Area; children: ReactNode }) {
  return (
    <RequireRoles roles={AREA_ROLES[area]} forbidden={(page) => <SiteShell>{page}</SiteShell>}>
      {children}
    </RequireRoles>
  );
}

/** The top-level routes: three staff areas, and the portal for everything else (including 404). */
export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/workbench/*" element={<StaffGate area="workbench"><WorkbenchArea /></StaffGate>} />
        <Route path="/console/*" element={<StaffGate area="console"><ConsoleArea /></StaffGate>} />
        <Route path="/dashboards/*" element={<StaffGate area="dashboards"><DashboardsArea /></StaffGate>} />
        <Route path="/*" element={<PortalArea />} />
      </Routes>
    </Suspense>
  );
}
