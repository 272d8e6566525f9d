import { Route, Routes } from 'react-router';
import { RequireRoles } from '../auth/guards.tsx';
import { NotFoundResult } from '../components/results.tsx';
import { LicenseDetailPage } from '../console/licenses/license-detail-page.tsx';
import { RegistryPage } from '../console/licenses/registry-page.tsx';
import { LICENSE_ROLES } from '../console/permissions.ts';

const REGISTRY = '/workbench/licenses';

/** 证照库 in the workbench (lazy-loaded): an approver manages the licenses their department issued. */
export default function LicensesWorkbench() {
  return (
    <RequireRoles roles={LICENSE_ROLES.registry}>
      <Routes>
        <Route index element={<RegistryPage basePath={REGISTRY} />} />
        <Route path=":id" element={<LicenseDetailPage basePath={REGISTRY} caseBase="/workbench/cases" />} />
        <Route path="*" element={<NotFoundResult />} />
      </Routes>
    </RequireRoles>
  );
}
