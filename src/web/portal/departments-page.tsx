import { Empty } from 'antd';
import { useDepartments } from '../api/queries.ts';
import type { DepartmentView } from '../api/types.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';
import { CountyPicker, useRegionParam } from './county-picker.tsx';
import { DepartmentCard } from './directory-cards.tsx';

/**
 * The API lists a region's whole subtree. For the city that would repeat every county, so the city
 * view keeps only the city's own departments (市直部门).
 */
function visible(items: DepartmentView[], region: string): DepartmentView[] {
  return region === CITY_CODE ? items.filter((d) => d.regionCode === CITY_CODE) : items;
}

/** 部门: the departments of the city or of one county. */
export function DepartmentsPage() {
  const t = useT();
  const [region, setRegion] = useRegionParam();
  const departments = useDepartments({ regionCode: region });
  const items = visible(departments.data?.items ?? [], region);

  return (
    <div className="gov-container page-body">
      <PageTitle title={t('nav.departments')} />
      <h1>{t('departments.title')}</h1>
      <p className="page-lead">{t('departments.lead')}</p>
      <CountyPicker id="departments-region" value={region} onChange={setRegion} />
      <section aria-live="polite" aria-busy={departments.isFetching} className="block-gap">
        <h2 className="visually-hidden">{t('departments.listHeading')}</h2>
        {departments.isPending ? <Loading /> : null}
        {departments.isError ? <ErrorResult error={departments.error} onRetry={() => void departments.refetch()} /> : null}
        {departments.data && items.length === 0 ? <Empty description={t('departments.none')} /> : null}
        <div className="card-grid">
          {items.map((d) => (
            <DepartmentCard key={d.id} department={d} />
          ))}
        </div>
      </section>
    </div>
  );
}
