import { AlertOutlined, BarChartOutlined, CommentOutlined, DashboardOutlined, DiffOutlined, DislikeOutlined, FlagOutlined, FundOutlined, SettingOutlined, TableOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { hasAnyRole } from '../auth/roles.ts';
import { useMe } from '../auth/session.ts';
import { NotFoundResult } from '../components/results.tsx';
import { StaffLayout } from '../components/staff-layout.tsx';
import { useT } from '../i18n/index.ts';
import { OrgOverviewPage } from './org-overview-page.tsx';
import { MatrixPage } from './matrix-page.tsx';
import { PointsPage } from './points-page.tsx';
import { SupervisionOverviewPage } from './supervision-overview-page.tsx';
import { WarningsPage } from './warnings-page.tsx';

// A case opened from a warning: the workbench's detail page, which shows supervisors no actions.
const CaseDetailPage = lazy(() => import('../workbench/cases/case-detail-page.tsx').then((m) => ({ default: m.CaseDetailPage })));

// 同一事项比对 is shared with the console's catalog pages; supervisors (not system admins) may call it.
// 督办管理: the supervisors' orders (list, issue from a case number, review).
const OrdersPage = lazy(() => import('./orders-page.tsx').then((m) => ({ default: m.OrdersPage })));
const ComparePage = lazy(() => import('../console/catalog/compare-page.tsx'));
// 统计分析 shares its page with the console; the same readers as the comparison.
const StatisticsPage = lazy(() => import('../console/catalog/statistics-page.tsx'));
// 投诉: every complaint in the supervisor's scope.
const ComplaintsPage = lazy(() => import('./complaints-page.tsx').then((m) => ({ default: m.DashboardComplaintsPage })));
const ComplaintPage = lazy(() => import('./complaints-page.tsx').then((m) => ({ default: m.DashboardComplaintPage })));
// 差评整改: the rectification tickets of the supervisor's region, with 复核.
const TicketsPage = lazy(() => import('./rectification-page.tsx').then((m) => ({ default: m.SupervisorTicketsPage })));
const TicketPage = lazy(() => import('./rectification-page.tsx').then((m) => ({ default: m.SupervisorTicketPage })));
const COMPARE_ROLES = ['supervisor', 'catalog_admin'] as const;

/** 监管大屏 for supervisors (lazy-loaded area); 监管总览 is its home, 组织概览 moved to /dashboards/org. */
export default function DashboardsArea() {
  const t = useT();
  const canCompare = hasAnyRole(useMe().data?.account, COMPARE_ROLES);
  const items = [
    { path: '/dashboards', label: t('sup.nav.overview'), icon: <DashboardOutlined /> },
    { path: '/dashboards/warnings', label: t('sup.nav.warnings'), icon: <AlertOutlined /> },
    { path: '/dashboards/matrix', label: t('sup.nav.matrix'), icon: <TableOutlined /> },
    { path: '/dashboards/orders', label: t('orders.menu'), icon: <FlagOutlined /> },
    { path: '/dashboards/points', label: t('sup.nav.points'), icon: <SettingOutlined /> },
    { path: '/dashboards/complaints', label: t('complaint.nav.dashboards'), icon: <CommentOutlined /> },
    { path: '/dashboards/rectification', label: t('rating.nav.dashboards'), icon: <DislikeOutlined /> },
    { path: '/dashboards/org', label: t('dashboards.orgOverview'), icon: <BarChartOutlined /> },
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
        <Route index element={<SupervisionOverviewPage />} />
        <Route path="warnings" element={<WarningsPage />} />
        <Route path="matrix" element={<MatrixPage />} />
        <Route path="points" element={<PointsPage />} />
        <Route path="cases/:id" element={<CaseDetailPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:id" element={<OrdersPage />} />
        <Route path="complaints" element={<ComplaintsPage />} />
        <Route path="complaints/:id" element={<ComplaintPage />} />
        <Route path="rectification" element={<TicketsPage />} />
        <Route path="rectification/:id" element={<TicketPage />} />
        <Route path="org" element={<OrgOverviewPage />} />
        {canCompare ? <Route path="compare" element={<ComparePage />} /> : null}
        {canCompare ? <Route path="catalog-statistics" element={<StatisticsPage />} /> : null}
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
