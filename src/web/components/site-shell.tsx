import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { SiteFooter } from './site-footer.tsx';
import { SiteHeader } from './site-header.tsx';

/** The skip link: the first focusable element, so keyboard users jump past the header. */
export function SkipLink() {
  const t = useT();
  return (
    <a className="skip-link" href="#main">
      {t('a11y.skipToContent')}
    </a>
  );
}

/** Header, main landmark and footer around a page. */
export function SiteShell({ nav, areaTitle, children }: { nav?: ReactNode; areaTitle?: string; children: ReactNode }) {
  return (
    <div className="site">
      <SkipLink />
      <SiteHeader nav={nav} areaTitle={areaTitle} />
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
