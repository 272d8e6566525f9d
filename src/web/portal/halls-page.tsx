import { Empty } from 'antd';
import { useWindows } from '../api/queries.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';
import { CountyPicker, useRegionParam } from './county-picker.tsx';
import { groupByHall, WindowLine } from './directory-cards.tsx';

/** 服务大厅: the halls of the city or a county, each with its windows. */
export function HallsPage() {
  const t = useT();
  const [region, setRegion] = useRegionParam();
  const windows = useWindows({ regionCode: region });
  // As with departments: the city view shows the city's own hall, not every county's again.
  const items = (windows.data?.items ?? []).filter((w) => region !== CITY_CODE || w.regionCode === CITY_CODE);
  const halls = groupByHall(items);

  return (
    <div className="gov-container page-body">
      <PageTitle title={t('nav.halls')} />
      <h1>{t('halls.title')}</h1>
      <p className="page-lead">{t('halls.lead')}</p>
      <CountyPicker id="halls-region" value={region} onChange={setRegion} />
      <div aria-live="polite" aria-busy={windows.isFetching} className="block-gap">
        {windows.isPending ? <Loading /> : null}
        {windows.isError ? <ErrorResult error={windows.error} onRetry={() => void windows.refetch()} /> : null}
        {windows.data && halls.length === 0 ? <Empty description={t('halls.none')} /> : null}
        {halls.map((h) => (
          <section key={`${h.regionName}-${h.hall}`} className="hall-card" aria-label={h.hall}>
            <h2>
              {h.hall}
              <span className="hall-region">{h.regionName}</span>
            </h2>
            <p className="hall-count">{t('halls.windowCount', { n: h.windows.length })}</p>
            <ul className="window-list">
              {h.windows.map((w) => (
                <WindowLine key={w.id} window={w} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
