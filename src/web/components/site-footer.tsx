import { Link } from 'react-router';
import { useT } from '../i18n/index.ts';
import { ElderlyToggle } from './prefs-controls.tsx';

/** The footer every government site carries: sponsor, operator, technical support and filing lines. */
export function SiteFooter() {
  const t = useT();
  return (
    <footer className="gov-footer">
      <div className="gov-container">
        <nav className="gov-footer-links" aria-label={t('footer.linksLabel')}>
          <Link to="/accessibility">{t('nav.accessibility')}</Link>
          <ElderlyToggle className="footer-button" />
          <Link to="/halls">{t('nav.halls')}</Link>
          <Link to="/departments">{t('nav.departments')}</Link>
          <Link to="/verify">{t('licenseVerify.title')}</Link>
          <Link to="/ratings">{t('rating.public.title')}</Link>
          <a href="/api/docs">{t('footer.apiDocs')}</a>
        </nav>
        <p className="footer-line">
          <span>{t('footer.sponsor')}</span>
          <span>{t('footer.operator')}</span>
        </p>
        <p>{t('footer.support')}</p>
        <p className="footer-line">
          <span>{t('footer.icp')}</span>
          <span>{t('footer.siteCode')}</span>
        </p>
      </div>
    </footer>
  );
}
