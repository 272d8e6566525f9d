import { PageTitle } from '../components/page-title.tsx';
import { ElderlyToggle } from '../components/prefs-controls.tsx';
import { useT } from '../i18n/index.ts';

/** 无障碍说明: what the site does for people using assistive technology, and how to use it. */
export function AccessibilityPage() {
  const t = useT();
  return (
    <div className="gov-container page-body narrow">
      <PageTitle title={t('a11y.title')} />
      <h1>{t('a11y.title')}</h1>
      <p className="page-lead">{t('a11y.lead')}</p>
      <ul className="plain-list">
        <li>{t('a11y.keyboard')}</li>
        <li>{t('a11y.skip')}</li>
        <li>{t('a11y.contrast')}</li>
        <li>{t('a11y.language')}</li>
        <li>{t('a11y.elderly')}</li>
      </ul>
      <p>
        <ElderlyToggle className="big-toggle" />
      </p>
    </div>
  );
}
