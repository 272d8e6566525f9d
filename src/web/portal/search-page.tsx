import { Alert } from 'antd';
import { useSearchParams } from 'react-router';
import { useDepartments, useWindows } from '../api/queries.ts';
import type { WindowView } from '../api/types.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';
import { DepartmentCard, WindowLine } from './directory-cards.tsx';
import { SearchForm } from './search-form.tsx';

// The windows API has no text filter; the city's windows are few (hundreds), so match them here.
function matchesWindow(w: WindowView, q: string): boolean {
  const needle = q.toLowerCase();
  return [w.name, w.hall, w.number, w.departmentName ?? '', w.regionName].some((s) => s.toLowerCase().includes(needle));
}

/** 搜索: departments (server-side name search) and windows (matched here). */
export function SearchPage() {
  const t = useT();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const departments = useDepartments({ regionCode: CITY_CODE, q }, q.length > 0);
  const windows = useWindows({ regionCode: CITY_CODE }, q.length > 0);
  const matchedWindows = (windows.data?.items ?? []).filter((w) => matchesWindow(w, q));

  return (
    <div className="gov-container page-body">
      <PageTitle title={t('search.title')} />
      <h1>{t('search.title')}</h1>
      <SearchForm key={q} initial={q} id="search-page-input" />
      {!q ? (
        <p>{t('search.empty')}</p>
      ) : (
        <div aria-live="polite">
          <Alert type="info" showIcon title={t('search.catalogPending')} className="block-gap" />
          <section aria-labelledby="search-departments" className="block-gap">
            <h2 id="search-departments">{t('search.departments', { n: departments.data?.items.length ?? 0 })}</h2>
            {departments.isPending ? <Loading /> : departments.isError ? <ErrorResult error={departments.error} onRetry={() => void departments.refetch()} /> : null}
            {departments.data?.items.length === 0 ? <p>{t('search.noDepartments')}</p> : null}
            <div className="card-grid">
              {departments.data?.items.map((d) => <DepartmentCard key={d.id} department={d} />)}
            </div>
          </section>
          <section aria-labelledby="search-windows" className="block-gap">
            <h2 id="search-windows">{t('search.windows', { n: matchedWindows.length })}</h2>
            {windows.isPending ? <Loading /> : windows.isError ? <ErrorResult error={windows.error} onRetry={() => void windows.refetch()} /> : null}
            {windows.data && matchedWindows.length === 0 ? <p>{t('search.noWindows')}</p> : null}
            <ul className="window-list">
              {matchedWindows.map((w) => (
                <WindowLine key={w.id} window={w} showHall />
              ))}
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}
