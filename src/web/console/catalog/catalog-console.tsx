import { Navigate, Route, Routes } from 'react-router';
import { RequireRoles } from '../../auth/guards.tsx';
import { NotFoundResult } from '../../components/results.tsx';
import { ConsoleComparePage } from './compare-page.tsx';
import { DraftsPage } from './drafts-page.tsx';
import { ImplementationPage } from './implementation-page.tsx';
import { CatalogItemsPage } from './items-page.tsx';
import { LifeEventsPage } from './life-events-page.tsx';
import { ReviewQueuePage } from './review-queue-page.tsx';
import { ConsoleStatisticsPage } from './statistics-page.tsx';
import { VersionPage } from './version-page.tsx';

const CATALOG_ADMIN = ['catalog_admin'] as const;

/** 事项管理 under /console/catalog (lazy-loaded): the catalog admins' review queue, item list, versions, comparison, life events and statistics. */
export default function CatalogConsole() {
  return (
    <RequireRoles roles={CATALOG_ADMIN}>
      <Routes>
        <Route index element={<Navigate to="review" replace />} />
        <Route path="review" element={<ReviewQueuePage />} />
        <Route path="drafts" element={<DraftsPage />} />
        <Route path="items" element={<CatalogItemsPage />} />
        <Route path="items/:implementationId" element={<ImplementationPage />} />
        <Route path="versions/:versionId" element={<VersionPage />} />
        <Route path="compare" element={<ConsoleComparePage />} />
        <Route path="life-events" element={<LifeEventsPage />} />
        <Route path="statistics" element={<ConsoleStatisticsPage />} />
        <Route path="*" element={<NotFoundResult />} />
      </Routes>
    </RequireRoles>
  );
}
