import { BarChartOutlined, DiffOutlined, FundOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { hasAnyRole } from '../auth/roles.ts';
import { useMe } from '../auth/session.ts';
import { NotFoundResult } from '../components/results.tsx';
import { StaffLayout } from '../components/staff-layout.tsx';
import { useT } from '../i18n/index.ts';
import { OrgOverviewPage } from './org-overview-page.tsx';

// 同一事项比对 is shared with the console's catalog pages; supervisors (not system admins) may call it.
const ComparePage = lazy(() => import('../console/catalog/compare-page.tsx'));
// 统计分析 shares its page with the console; the same readers as the comparison.
const StatisticsPage = lazy(() => import('../console/catalog/statistics-page.tsx'));
const COMPARE_ROLES = ['supervisor', 'catalog_admin'] as const;

/** 监管大屏 for supervisors (lazy-loaded area). Timeliness monitors arrive with the case engine. */
export default function DashboardsArea() {
  const t = useT();
  const canCompare = hasAnyRole(useMe().data?.account, COMPARE_ROLES);
  const items = [
    { path: '/dashboards', label: t('dashboards.orgOverview'), icon: <BarChartOutlined /> },
    ...(canCompare
      ? [
          { path: '/dashboards/compare', label: t('console.catalogCompare'), icon: <DiffOutlined /> },
          { path: '/dashboards/catalog-statistics', label: t('console.catalogStatistics'), icon: <FundOutlined /> },
        ]
      : []),
  ];
  return (
    <Routes>
      <Route element={<StaffLayout title={t('area.dashboards')} items={items} />}>
        <Route index element={<OrgOverviewPage />} />
        {canCompare ? <Route path="compare" element={<ComparePage />} /> : null}
        {canCompare ? <Route path="catalog-statistics" element={<StatisticsPage />} /> : null}
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
