import { ApartmentOutlined, AppstoreAddOutlined, AuditOutlined, ApiOutlined, BankOutlined, BarChartOutlined, CalendarOutlined, ClusterOutlined, DiffOutlined, EditOutlined, IdcardOutlined, KeyOutlined, LoginOutlined, MailOutlined, ProfileOutlined, SafetyCertificateOutlined, TeamOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireRoles } from '../auth/guards.tsx';
import { hasAnyRole } from '../auth/roles.ts';
import { useMe } from '../auth/session.ts';
import { NotFoundResult } from '../components/results.tsx';
import { StaffLayout, type StaffMenuItem } from '../components/staff-layout.tsx';
import { useT } from '../i18n/index.ts';
import { AccountsPage } from './accounts-page.tsx';
import { DepartmentsPage } from './departments-page.tsx';
import { DepartmentSystemsPage } from './department-systems-page.tsx';
import { OutboxPage } from './outbox-page.tsx';
import { useIsSystemAdmin, useLicenseRole } from './permissions.ts';
import { RegionsPage } from './regions-page.tsx';
import { SsoClientsPage } from './sso-clients-page.tsx';
import { StaffPage } from './staff-page.tsx';
import { WindowsPage } from './windows-page.tsx';

const ADMIN = ['system_admin'] as const;
// 事项管理 (catalog admins): its own chunk and routes under /console/catalog.
const CatalogConsole = lazy(() => import('./catalog/catalog-console.tsx'));
// 工作日历: every console user reads it (the Calendar and date pickers stay in their own chunk).
const CalendarPage = lazy(() => import('./calendar/calendar-page.tsx'));
// 电子证照 (data and system administrators): 证照目录, 证照库, keys and the trust list under /console/licenses.
const LicensesConsole = lazy(() => import('./licenses/licenses-console.tsx'));

/** 管理后台 (lazy-loaded area). Staff and accounts are the system administrator's only. */
export default function ConsoleArea() {
  const t = useT();
  const admin = useIsSystemAdmin();
  const catalogAdmin = hasAnyRole(useMe().data?.account, ['catalog_admin']);
  const licenseAdmin = useLicenseRole('catalog');
  const items: StaffMenuItem[] = [
    ...(catalogAdmin
      ? [
          { path: '/console/catalog/review', label: t('console.catalogReview'), icon: <AuditOutlined /> },
          { path: '/console/catalog/drafts', label: t('console.catalogDrafts'), icon: <EditOutlined /> },
          { path: '/console/catalog/items', label: t('console.catalogItems'), icon: <ProfileOutlined /> },
          { path: '/console/catalog/compare', label: t('console.catalogCompare'), icon: <DiffOutlined /> },
          { path: '/console/catalog/life-events', label: t('console.lifeEvents'), icon: <AppstoreAddOutlined /> },
          { path: '/console/catalog/statistics', label: t('console.catalogStatistics'), icon: <BarChartOutlined /> },
        ]
      : []),
    { path: '/console/regions', label: t('console.regions'), icon: <ClusterOutlined /> },
    { path: '/console/departments', label: t('console.departments'), icon: <ApartmentOutlined /> },
    { path: '/console/windows', label: t('console.windows'), icon: <BankOutlined /> },
    { path: '/console/calendar', label: t('console.calendar'), icon: <CalendarOutlined /> },
    ...(licenseAdmin
      ? [
          { path: '/console/licenses/registry', label: t('licAdmin.nav.registry'), icon: <SafetyCertificateOutlined /> },
          { path: '/console/licenses/types', label: t('licAdmin.nav.types'), icon: <UnorderedListOutlined /> },
          { path: '/console/licenses/keys', label: t('licAdmin.nav.keys'), icon: <KeyOutlined /> },
        ]
      : []),
    ...(admin
      ? [
          { path: '/console/staff', label: t('console.staff'), icon: <TeamOutlined /> },
          { path: '/console/accounts', label: t('console.accounts'), icon: <IdcardOutlined /> },
          { path: '/console/outbox', label: t('console.outbox'), icon: <MailOutlined /> },
          { path: '/console/department-systems', label: t('console.departmentSystems'), icon: <ApiOutlined /> },
          { path: '/console/sso-clients', label: t('sso.admin.title'), icon: <LoginOutlined /> },
        ]
      : []),
  ];
  return (
    <Routes>
      <Route element={<StaffLayout title={t('area.console')} items={items} />}>
        <Route index element={<Navigate to={catalogAdmin ? 'catalog/review' : 'regions'} replace />} />
        <Route path="catalog/*" element={<CatalogConsole />} />
        <Route path="regions" element={<RegionsPage />} />
        <Route path="departments" element={<DepartmentsPage />} />
        <Route path="windows" element={<WindowsPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="licenses/*" element={<LicensesConsole />} />
        <Route path="staff" element={<RequireRoles roles={ADMIN}><StaffPage /></RequireRoles>} />
        <Route path="accounts" element={<RequireRoles roles={ADMIN}><AccountsPage /></RequireRoles>} />
        <Route path="outbox" element={<RequireRoles roles={ADMIN}><OutboxPage /></RequireRoles>} />
        <Route path="department-systems" element={<RequireRoles roles={ADMIN}><DepartmentSystemsPage /></RequireRoles>} />
        <Route path="sso-clients" element={<RequireRoles roles={ADMIN}><SsoClientsPage /></RequireRoles>} />
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
