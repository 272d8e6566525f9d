import { ApartmentOutlined, BankOutlined, SafetyCertificateOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useRegionChildren } from '../api/queries.ts';
import { PageTitle } from '../components/page-title.tsx';
import { type MessageKey, useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';
import { SearchForm } from './search-form.tsx';

const ENTRIES: { to: string; icon: ReactNode; title: MessageKey; desc: MessageKey }[] = [
  { to: '/services/personal', icon: <UserOutlined />, title: 'nav.personal', desc: 'home.entry.personal' },
  { to: '/services/enterprise', icon: <ShopOutlined />, title: 'nav.enterprise', desc: 'home.entry.enterprise' },
  { to: '/departments', icon: <ApartmentOutlined />, title: 'nav.departments', desc: 'home.entry.departments' },
  { to: '/halls', icon: <BankOutlined />, title: 'nav.halls', desc: 'home.entry.halls' },
  { to: '/verify', icon: <SafetyCertificateOutlined />, title: 'licenseVerify.title', desc: 'licenseVerify.homeEntry' },
];

/** The counties' service halls, straight from the directory. */
function CountyHalls() {
  const t = useT();
  const counties = useRegionChildren(CITY_CODE);
  if (!counties.data || counties.data.items.length === 0) return null;
  return (
    <section className="home-section" aria-labelledby="home-counties">
      <h2 id="home-counties">{t('home.countyHalls')}</h2>
      <ul className="chip-list">
        {counties.data.items.map((c) => (
          <li key={c.code}>
            <Link to={`/halls?region=${c.code}`} className="chip">
              {c.name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 首页: search, the four entries, the county halls. */
export function HomePage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('nav.home')} />
      <section className="hero" aria-labelledby="home-title">
        <div className="gov-container">
          <h1 id="home-title">{t('home.title')}</h1>
          <p className="hero-lead decorative">{t('home.lead')}</p>
          <SearchForm id="home-search" />
        </div>
      </section>
      <div className="gov-container page-body">
        <section aria-labelledby="home-entries">
          <h2 id="home-entries">{t('home.entries')}</h2>
          <ul className="entry-grid">
            {ENTRIES.map((e) => (
              <li key={e.to}>
                <Link to={e.to} className="entry-card">
                  <span className="entry-icon" aria-hidden="true">
                    {e.icon}
                  </span>
                  <span className="entry-title">{t(e.title)}</span>
                  <span className="entry-desc">{t(e.desc)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <CountyHalls />
        <section className="home-section notice" aria-labelledby="home-notice">
          <h2 id="home-notice">{t('home.noticeTitle')}</h2>
          <p>{t('home.notice')}</p>
          <p className="button-row start">
            <Link to="/register">{t('home.registerCta')}</Link>
            <Link to="/login">{t('home.loginCta')}</Link>
          </p>
        </section>
      </div>
    </>
  );
}
