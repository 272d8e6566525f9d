import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RequireLogin } from '../auth/guards.tsx';
import { NotFoundResult } from '../components/results.tsx';
import { AccessibilityPage } from './accessibility-page.tsx';
import { DepartmentsPage } from './departments-page.tsx';
import { HallsPage } from './halls-page.tsx';
import { HomePage } from './home-page.tsx';
import { CatalogSearchPage } from './catalog/catalog-search-page.tsx';
import { ServicesBrowsePage } from './catalog/services-browse-page.tsx';
import { PortalLayout } from './portal-layout.tsx';

// The form pages carry zod and the shared schemas; a visitor who only browses never loads them.
const LoginPage = lazy(() => import('./login-page.tsx').then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import('./register-page.tsx').then((m) => ({ default: m.RegisterPage })));
const AccountPage = lazy(() => import('./account-page.tsx').then((m) => ({ default: m.AccountPage })));
const MyCasesPage = lazy(() => import('./cases/my-cases-page.tsx').then((m) => ({ default: m.MyCasesPage })));
const ApplyPage = lazy(() => import('./cases/apply-page.tsx').then((m) => ({ default: m.ApplyPage })));
const MyCasePage = lazy(() => import('./cases/my-cases-page.tsx').then((m) => ({ default: m.MyCasePage })));
const MyLicensesPage = lazy(() => import('./licenses/wallet-pages.tsx').then((m) => ({ default: m.MyLicensesPage })));
const MyLicensePage = lazy(() => import('./licenses/wallet-pages.tsx').then((m) => ({ default: m.MyLicensePage })));
// 证照核验 is public: whoever scans the QR code on a license lands on /verify/<identifier>.
const VerifyPage = lazy(() => import('./licenses/verify-page.tsx').then((m) => ({ default: m.VerifyPage })));
const VerifyIdentifierPage = lazy(() => import('./licenses/verify-page.tsx').then((m) => ({ default: m.VerifyIdentifierPage })));
// 授权登录: where the SSO provider sends a person whom a department system asked to sign in.
const SsoInteractionPage = lazy(() => import('./sso-interaction-page.tsx').then((m) => ({ default: m.SsoInteractionPage })));
const AgentsPage = lazy(() => import('./agents-page.tsx').then((m) => ({ default: m.AgentsPage })));
const MyDataPage = lazy(() => import('./my-data-page.tsx').then((m) => ({ default: m.MyDataPage })));
// 投诉: the form, my list and one complaint with its answer and rating.
const ComplaintFormPage = lazy(() => import('./complaints/complaint-pages.tsx').then((m) => ({ default: m.ComplaintFormPage })));
const MyComplaintsPage = lazy(() => import('./complaints/complaint-pages.tsx').then((m) => ({ default: m.MyComplaintsPage })));
const MyComplaintPage = lazy(() => import('./complaints/complaint-pages.tsx').then((m) => ({ default: m.MyComplaintPage })));
// 好差评公示: public statistics of the departments' ratings.
const RatingsPublicPage = lazy(() => import('./ratings-public-page.tsx').then((m) => ({ default: m.RatingsPublicPage })));
const MessageCenter = lazy(() => import('../components/message-center.tsx').then((m) => ({ default: m.MessageCenter })));
// The guide (办事指南) and its print layout load when a visitor opens one.
const GuidePage = lazy(() => import('./catalog/guide-page.tsx').then((m) => ({ default: m.GuidePage })));
const LifeEventPage = lazy(() => import('./catalog/life-event-page.tsx').then((m) => ({ default: m.LifeEventPage })));
const GuideVersionPage = lazy(() => import('./catalog/guide-page.tsx').then((m) => ({ default: m.GuideVersionPage })));

/** The citizens' portal (lazy-loaded area). Unknown paths anywhere outside the staff areas end here. */
export default function PortalArea() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<HomePage />} />
        <Route path="search" element={<CatalogSearchPage />} />
        <Route path="services/life-events/:code" element={<LifeEventPage />} />
        <Route path="services/:audience" element={<ServicesBrowsePage />} />
        <Route path="guide/version/:versionId" element={<GuideVersionPage />} />
        <Route path="guide/:implementationId" element={<GuidePage />} />
        <Route path="departments" element={<DepartmentsPage />} />
        <Route path="halls" element={<HallsPage />} />
        <Route path="ratings" element={<RatingsPublicPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="accessibility" element={<AccessibilityPage />} />
        <Route path="verify" element={<VerifyPage />} />
        <Route
          path="sso/interaction/:uid"
          element={
            <RequireLogin>
              <SsoInteractionPage />
            </RequireLogin>
          }
        />
        <Route path="verify/:identifier" element={<VerifyIdentifierPage />} />
        <Route
          path="account"
          element={
            <RequireLogin>
              <AccountPage />
            </RequireLogin>
          }
        />
        <Route
          path="apply/:implementationId"
          element={
            <RequireLogin>
              <ApplyPage />
            </RequireLogin>
          }
        />
        <Route path="account/agents" element={<RequireLogin><AgentsPage /></RequireLogin>} />
        <Route
          path="account/cases"
          element={
            <RequireLogin>
              <MyCasesPage />
            </RequireLogin>
          }
        />
        <Route
          path="account/cases/:id"
          element={
            <RequireLogin>
              <MyCasePage />
            </RequireLogin>
          }
        />
        <Route
          path="account/licenses"
          element={
            <RequireLogin>
              <MyLicensesPage />
            </RequireLogin>
          }
        />
        <Route
          path="account/licenses/:id"
          element={
            <RequireLogin>
              <MyLicensePage />
            </RequireLogin>
          }
        />
        <Route path="account/data-usage" element={<RequireLogin><MyDataPage /></RequireLogin>} />
        <Route path="account/complaints" element={<RequireLogin><MyComplaintsPage /></RequireLogin>} />
        <Route path="account/complaints/new" element={<RequireLogin><ComplaintFormPage /></RequireLogin>} />
        <Route path="account/complaints/:id" element={<RequireLogin><MyComplaintPage /></RequireLogin>} />
        <Route
          path="account/messages"
          element={
            <RequireLogin>
              <MessageCenter />
            </RequireLogin>
          }
        />
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
