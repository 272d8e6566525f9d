import { Link, useParams } from 'react-router';
import { PageTitle } from '../components/page-title.tsx';
import { NotFoundResult } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';

/**
 * 个人办事 / 法人办事. The item catalog arrives in a later release; until then this page says so and
 * points to what already works: the account, the departments and the halls.
 */
export function ServicesPage() {
  const t = useT();
  const { audience } = useParams();
  if (audience !== 'personal' && audience !== 'enterprise') return <NotFoundResult />;
  const personal = audience === 'personal';
  const title = t(personal ? 'nav.personal' : 'nav.enterprise');

  return (
    <div className="gov-container page-body">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="page-lead">{t(personal ? 'services.personal.lead' : 'services.enterprise.lead')}</p>
      <section className="notice" aria-labelledby="services-pending">
        <h2 id="services-pending">{t('services.pendingTitle')}</h2>
        <p>{t('services.pending')}</p>
      </section>
      <section aria-labelledby="services-now" className="block-gap">
        <h2 id="services-now">{t('services.nowTitle')}</h2>
        <ul className="step-list">
          <li>
            <Link to={personal ? '/register?tab=citizen' : '/register?tab=enterprise'}>{t(personal ? 'services.registerCitizen' : 'services.registerEnterprise')}</Link>
            <span>{t('services.registerWhy')}</span>
          </li>
          <li>
            <Link to="/departments">{t('services.findDepartment')}</Link>
            <span>{t('services.findDepartmentWhy')}</span>
          </li>
          <li>
            <Link to="/halls">{t('services.findHall')}</Link>
            <span>{t('services.findHallWhy')}</span>
          </li>
        </ul>
      </section>
    </div>
  );
}
