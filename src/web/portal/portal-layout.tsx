import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { ActingBanner } from '../components/acting-switch.tsx';
import { Loading } from '../components/results.tsx';
import { SiteShell } from '../components/site-shell.tsx';
import { type MessageKey, useT } from '../i18n/index.ts';

const NAV: { to: string; key: MessageKey; end?: boolean }[] = [
  { to: '/', key: 'nav.home', end: true },
  { to: '/services/personal', key: 'nav.personal' },
  { to: '/services/enterprise', key: 'nav.enterprise' },
  { to: '/departments', key: 'nav.departments' },
  { to: '/halls', key: 'nav.halls' },
];

/** The portal's main navigation (the blue bar under the brand band). */
function PortalNav() {
  const t = useT();
  return (
    <nav className="gov-nav" aria-label={t('nav.label')}>
      <ul className="gov-container gov-nav-list">
        {NAV.map((n) => (
          <li key={n.to}>
            <NavLink to={n.to} end={n.end}>
              {t(n.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Citizens' pages: header with navigation, the page, footer. */
export function PortalLayout() {
  return (
    <SiteShell nav={<PortalNav />}>
      <ActingBanner />
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </SiteShell>
  );
}
