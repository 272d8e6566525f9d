import { AlertOutlined, BellOutlined, CommentOutlined, DislikeOutlined, FileTextOutlined, FlagOutlined, HomeOutlined, IdcardOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { MessageCenter } from '../components/message-center.tsx';
import { NotFoundResult } from '../components/results.tsx';
import { StaffLayout } from '../components/staff-layout.tsx';
import { RequireRoles } from '../auth/guards.tsx';
import { hasAnyRole } from '../auth/roles.ts';
import { useMe } from '../auth/session.ts';
import { useLicenseRole } from '../console/permissions.ts';
import { useT } from '../i18n/index.ts';
import { CaseDetailPage } from './cases/case-detail-page.tsx';
import { CaseQueuePage } from './cases/case-queue-page.tsx';
import { useMyWarnings } from '../api/supervision.ts';
import { MyWarningsPage } from './my-warnings-page.tsx';
import { MyOrdersPage } from './orders-page.tsx';
import { RealNamePage } from './real-name-page.tsx';
import { WorkbenchHome } from './workbench-home.tsx';

// 证照库 for approvers (their department's licenses): its own chunk.
const LicensesWorkbench = lazy(() => import('./licenses-workbench.tsx'));
// 差评整改: the rectification tickets of the department.
const TicketsPage = lazy(() => import('./rectification-page.tsx').then((m) => ({ default: m.WorkbenchTicketsPage })));
const TicketPage = lazy(() => import('./rectification-page.tsx').then((m) => ({ default: m.WorkbenchTicketPage })));
// 投诉处理: the complaints routed to the department.
const ComplaintsPage = lazy(() => import('./complaints-page.tsx').then((m) => ({ default: m.WorkbenchComplaintsPage })));
const ComplaintPage = lazy(() => import('./complaints-page.tsx').then((m) => ({ default: m.WorkbenchComplaintPage })));

/** 工作台 for window clerks and approvers (lazy-loaded area; the route guard checked the role). */
export default function WorkbenchArea() {
  const t = useT();
  const registry = useLicenseRole('registry');
  const clerk = hasAnyRole(useMe().data?.account, ['window_clerk']);
  // 我的预警 (n): the open warnings raised to me, refreshed every minute.
  const openWarnings = useMyWarnings(1).data?.total ?? 0;
  const items = [
    { path: '/workbench', label: t('workbench.home'), icon: <HomeOutlined /> },
    { path: '/workbench/cases', label: t('workbench.cases'), icon: <FileTextOutlined /> },
    ...(registry ? [{ path: '/workbench/licenses', label: t('licAdmin.nav.registry'), icon: <SafetyCertificateOutlined /> }] : []),
    ...(clerk ? [{ path: '/workbench/real-name', label: t('realName.nav'), icon: <IdcardOutlined /> }] : []),
    { path: '/workbench/warnings', label: openWarnings ? t('sup.nav.myWarningsCount', { n: openWarnings }) : t('sup.nav.myWarnings'), icon: <AlertOutlined /> },
    { path: '/workbench/orders', label: t('orders.workbenchMenu'), icon: <FlagOutlined /> },
    { path: '/workbench/complaints', label: t('complaint.nav.workbench'), icon: <CommentOutlined /> },
    { path: '/workbench/rectification', label: t('rating.nav.workbench'), icon: <DislikeOutlined /> },
    { path: '/workbench/messages', label: t('notify.title'), icon: <BellOutlined /> },
    { path: '/account', label: t('nav.account'), icon: <UserOutlined /> },
  ];
  return (
    <Routes>
      <Route element={<StaffLayout title={t('area.workbench')} items={items} />}>
        <Route index element={<WorkbenchHome />} />
        <Route path="cases" element={<CaseQueuePage />} />
        <Route path="cases/:id" element={<CaseDetailPage />} />
        <Route path="licenses/*" element={<LicensesWorkbench />} />
        <Route path="real-name" element={<RequireRoles roles={['window_clerk']}><RealNamePage /></RequireRoles>} />
        <Route path="warnings" element={<MyWarningsPage />} />
        <Route path="orders" element={<MyOrdersPage />} />
        <Route path="orders/:id" element={<MyOrdersPage />} />
        <Route path="complaints" element={<ComplaintsPage />} />
        <Route path="complaints/:id" element={<ComplaintPage />} />
        <Route path="rectification" element={<TicketsPage />} />
        <Route path="rectification/:id" element={<TicketPage />} />
        <Route path="messages" element={<MessageCenter />} />
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
