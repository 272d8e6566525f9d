import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/index.ts';
import { NotificationBell } from './notification-bell.tsx';
import { ElderlyToggle, LanguageSwitch } from './prefs-controls.tsx';
import { UserMenu } from './user-menu.tsx';

/**
 * The government-site header: a utility strip (accessibility, elderly mode, language, account), the red
 * brand band, then the area's navigation if any.
 */
export function SiteHeader({ nav, areaTitle }: { nav?: ReactNode; areaTitle?: string }) {
  const t = useT();
  return (
    <header className="gov-header">
      <div className="gov-toolbar">
        <div className="gov-container gov-toolbar-inner">
          <span className="gov-toolbar-welcome decorative">{t('header.welcome')}</span>
          <div className="gov-toolbar-actions">
            <Link to="/accessibility" className="toolbar-link">
              {t('nav.accessibility')}
            </Link>
            <ElderlyToggle />
            <LanguageSwitch />
            <NotificationBell />
            <UserMenu />
          </div>
        </div>
      </div>
      <div className="gov-brand">
        <div className="gov-container gov-brand-inner">
          <Link to="/" className="gov-logo">
            <span className="gov-emblem" aria-hidden="true">
              通
            </span>
            <span className="gov-logo-text">
              {t('site.name')}
              <span className="gov-logo-sub"> · {t('site.product')}</span>
            </span>
          </Link>
          {areaTitle ? <span className="gov-area-title">{areaTitle}</span> : <span className="gov-slogan decorative">{t('site.slogan')}</span>}
        </div>
      </div>
      {nav}
    </header>
  );
}
