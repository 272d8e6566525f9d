import { BarChartOutlined } from '@ant-design/icons';
import { Route, Routes } from 'react-router';
import { NotFoundResult } from '../components/results.tsx';
import { StaffLayout } from '../components/staff-layout.tsx';
import { useT } from '../i18n/index.ts';
import { OrgOverviewPage } from './org-overview-page.tsx';

/** 监管大屏 for supervisors (lazy-loaded area). Timeliness monitors arrive with the case engine. */
export default function DashboardsArea() {
  const t = useT();
  const items = [{ path: '/dashboards', label: t('dashboards.orgOverview'), icon: <BarChartOutlined /> }];
  return (
    <Routes>
      <Route element={<StaffLayout title={t('area.dashboards')} items={items} />}>
        <Route index element={<OrgOverviewPage />} />
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
