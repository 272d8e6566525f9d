import { Descriptions, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { usePublicRatingStats, type PublicRatingStats } from '../api/ratings.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { useT, type MessageKey } from '../i18n/index.ts';
import { CountyPicker, useRegionParam } from './county-picker.tsx';

type Row = PublicRatingStats['departments'][number];
const PERIODS = { month: 30, quarter: 91, year: 365 } as const;
type Period = keyof typeof PERIODS;

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The first day of a period ending today (local date; the server counts in Asia/Shanghai). */
function fromOf(days: number): string {
  const d = new Date(Date.now() - (days - 1) * 86_400_000);
  return `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 好差评公示: every department's ratings over a period and how its bad ratings were rectified; no personal data. */
export function RatingsPublicPage() {
  const t = useT();
  const [region, setRegion] = useRegionParam();
  const [period, setPeriod] = useState<Period>('year');
  const stats = usePublicRatingStats({ regionCode: region, from: fromOf(PERIODS[period]) });
  const columns: TableColumnsType<Row> = [
    { title: t('rating.department'), dataIndex: 'departmentName', key: 'name' },
    { title: t('rating.public.region'), dataIndex: 'regionName', key: 'region' },
    { title: t('rating.public.ratings'), dataIndex: 'ratings', key: 'ratings', align: 'right' },
    { title: t('rating.public.average'), dataIndex: 'average', key: 'average', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
    ...[5, 4, 3, 2, 1].map((n) => ({ title: t(`rating.level.${n}` as MessageKey), key: `l${String(n)}`, align: 'right' as const, render: (_: unknown, r: Row) => pct(r.levelShares[n - 1] ?? 0) })),
    { title: t('rating.public.satisfaction'), dataIndex: 'satisfaction', key: 'satisfaction', align: 'right', render: (v: number | null) => pct(v) },
    { title: t('rating.public.bad'), dataIndex: 'bad', key: 'bad', align: 'right' },
    { title: t('rating.public.closedShare'), key: 'closed', align: 'right', render: (_: unknown, r) => (r.tickets === 0 ? '—' : `${pct(r.closedShare)}（${String(r.closed)}/${String(r.tickets)}）`) },
  ];
  const title = t('rating.public.title');
  return (
    <div className="gov-container page-body">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="page-lead">{t('rating.public.lead')}</p>
      <div className="filter-bar">
        <CountyPicker id="ratings-region" value={region} onChange={setRegion} />
        <div className="county-picker">
          <label htmlFor="ratings-period">{t('rating.public.period')}</label>
          <Select<Period> id="ratings-period" value={period} onChange={setPeriod} options={(Object.keys(PERIODS) as Period[]).map((p) => ({ value: p, label: t(`rating.public.period.${p}` as MessageKey) }))} style={{ width: 160 }} />
        </div>
      </div>
      <section aria-live="polite" aria-busy={stats.isFetching} className="block-gap">
        {stats.isPending ? <Loading /> : null}
        {stats.isError ? <ErrorResult error={stats.error} onRetry={() => void stats.refetch()} /> : null}
        {stats.data ? (
          <>
            <h2>{t('rating.public.totals', { region: stats.data.regionName, from: stats.data.from, to: stats.data.to })}</h2>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 3 }}
              className="block-gap"
              items={[
                { key: 'n', label: t('rating.public.ratings'), children: stats.data.totals.ratings },
                { key: 'avg', label: t('rating.public.average'), children: stats.data.totals.average === null ? '—' : stats.data.totals.average.toFixed(2) },
                { key: 'sat', label: t('rating.public.satisfaction'), children: pct(stats.data.totals.satisfaction) },
                { key: 'bad', label: t('rating.public.bad'), children: stats.data.totals.bad },
                { key: 'tickets', label: t('rating.public.tickets'), children: stats.data.totals.tickets },
                { key: 'closed', label: t('rating.public.closedShare'), children: pct(stats.data.totals.closedShare) },
              ]}
            />
            <ScrollRegion label={t('rating.public.byDepartment')} wide>
              <Table<Row> rowKey="departmentId" columns={columns} dataSource={stats.data.departments} pagination={false} locale={{ emptyText: t('rating.public.none') }} />
            </ScrollRegion>
          </>
        ) : null}
      </section>
    </div>
  );
}
