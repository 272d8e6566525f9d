import { BellOutlined, FileTextOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import { Route, Routes } from 'react-router';
import { MessageCenter } from '../components/message-center.tsx';
import { NotFoundResult } from '../components/results.tsx';
import { StaffLayout } from '../components/staff-layout.tsx';
import { useT } from '../i18n/index.ts';
import { CaseDetailPage } from './cases/case-detail-page.tsx';
import { CaseQueuePage } from './cases/case-queue-page.tsx';
import { WorkbenchHome } from './workbench-home.tsx';

/** 工作台 for window clerks and approvers (lazy-loaded area; the route guard checked the role). */
export default function WorkbenchArea() {
  const t = useT();
  const items = [
    { path: '/workbench', label: t('workbench.home'), icon: <HomeOutlined /> },
    { path: '/workbench/cases', label: t('workbench.cases'), icon: <FileTextOutlined /> },
    { path: '/workbench/messages', label: t('notify.title'), icon: <BellOutlined /> },
    { path: '/account', label: t('nav.account'), icon: <UserOutlined /> },
  ];
  return (
    <Routes>
      <Route element={<StaffLayout title={t('area.workbench')} items={items} />}>
        <Route index element={<WorkbenchHome />} />
        <Route path="cases" element={<CaseQueuePage />} />
        <Route path="cases/:id" element={<CaseDetailPage />} />
        <Route path="messages" element={<MessageCenter />} />
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
