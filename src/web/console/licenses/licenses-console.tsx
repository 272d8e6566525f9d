import { Navigate, Route, Routes } from 'react-router';
import { RequireRoles } from '../../auth/guards.tsx';
import { NotFoundResult } from '../../components/results.tsx';
import { LICENSE_ROLES } from '../permissions.ts';
import { KeysPage } from './keys-page.tsx';
import { LicenseDetailPage } from './license-detail-page.tsx';
import { LicenseTypesPage } from './license-types-page.tsx';
import { RegistryPage } from './registry-page.tsx';

const REGISTRY = '/console/licenses/registry';

/**
 * 电子证照 under /console/licenses (lazy-loaded): 证照目录, 证照库 and 签章密钥与信任列表 for the data
 * administrators (an approver works with the registry from the workbench).
 */
export default function LicensesConsole() {
  return (
    <RequireRoles roles={LICENSE_ROLES.catalog}>
      <Routes>
        <Route index element={<Navigate to="registry" replace />} />
        <Route path="types" element={<LicenseTypesPage />} />
        <Route path="registry" element={<RegistryPage basePath={REGISTRY} />} />
        <Route path="registry/:id" element={<LicenseDetailPage basePath={REGISTRY} />} />
        <Route path="keys" element={<KeysPage />} />
        <Route path="*" element={<NotFoundResult />} />
      </Routes>
    </RequireRoles>
  );
}
