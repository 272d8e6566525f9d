import { Button, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type CatalogStatistics, type CatalogStats, useCatalogStatistics } from '../../api/life-events.ts';
import { DepartmentSelect } from '../../components/org-selects.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { type Translate, useT } from '../../i18n/index.ts';
import { onlineDepthLabel } from '../../portal/catalog/format.ts';
import { useScopeRegion } from './items-page.tsx';
import '../../portal/catalog/catalog.css';

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The columns every breakdown shares: counts, then the shares of the published implementations. */
function statColumns<T extends { stats: CatalogStats }>(t: Translate): TableColumnsType<T> {
  const col = (key: keyof CatalogStats, title: string, render: (v: number | null) => string | number = (v) => v ?? '—') => ({
    title, key, align: 'right' as const, render: (_: unknown, r: T) => render(r.stats[key]),
    sorter: (a: T, b: T) => (a.stats[key] ?? -1) - (b.stats[key] ?? -1),
  });
  return [
    col('implementations', t('catalogStats.implementations')),
    col('published', t('catalogStats.published')),
    col('draft', t('catalogStats.draft')),
    col('inReview', t('catalogStats.inReview')),
    col('cancelled', t('catalogStats.cancelled')),
    col('fullOnlineShare', t('catalogStats.fullOnline'), percent),
    col('immediateShare', t('catalogStats.immediate'), percent),
    col('zeroVisitShare', t('catalogStats.zeroVisit'), percent),
    col('avgPromisedRatio', t('catalogStats.promisedRatio'), percent),
  ];
}

type RegionRow = CatalogStatistics['byRegion'][number];
type DepartmentRow = CatalogStatistics['byDepartment'][number];
type ComparisonRow = CatalogStatistics['comparison'][number];

/**
 * 统计分析: the catalog of a region subtree in numbers — by child region (drill down city → county →
 * town), by kind of department, by item type and online depth — and 比对分析, the base items whose
 * counties differ from the most common guide.
 */
export function StatisticsPage({ compareHref }: { compareHref: (basicCode: string) => string }) {
  const t = useT();
  const scope = useScopeRegion();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? scope;
  const department = params.get('department') ?? undefined;
  // The regions drilled through, so the way back up can be shown without another request.
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const stats = useCatalogStatistics({ region, ...(department ? { department } : {}) });
  const go = (code: string, name?: string) => {
    const at = trail.findIndex((x) => x.code === code);
    if (at >= 0) setTrail(trail.slice(0, at));
    else if (stats.data && name) setTrail([...trail, { code: stats.data.region.code, name: stats.data.region.name }]);
    setParams(code === scope ? {} : { region: code }, { replace: false });
  };
  const data = stats.data;

  const regionColumns: TableColumnsType<RegionRow> = [
    {
      title: t('catalogStats.region'), key: 'name', fixed: 'left',
      render: (_: unknown, r) => (r.own ? `${r.name}（${t('catalogStats.own')}）` : r.hasChildren ? <Button type="link" onClick={() => go(r.code, r.name)} aria-label={t('catalogStats.drillInto', { name: r.name })}>{r.name}</Button> : r.name),
    },
    ...statColumns<RegionRow>(t),
  ];
  const departmentColumns: TableColumnsType<DepartmentRow> = [
    { title: t('catalogStats.department'), dataIndex: 'name', fixed: 'left' },
    { title: t('catalogStats.bodies'), dataIndex: 'departments', align: 'right' },
    ...statColumns<DepartmentRow>(t),
  ];
  const comparisonColumns: TableColumnsType<ComparisonRow> = [
    { title: t('catalogStats.item'), key: 'name', render: (_: unknown, r) => <Link to={compareHref(r.basicCode)}>{r.name}</Link> },
    { title: t('catalogStats.basicCode'), dataIndex: 'basicCode', render: (c: string) => <span className="code-text">{c}</span> },
    { title: t('catalogStats.regions'), dataIndex: 'regions', align: 'right' },
    { title: t('catalogStats.differing'), dataIndex: 'differing', align: 'right', sorter: (a, b) => a.differing - b.differing, defaultSortOrder: 'descend' },
    {
      title: t('catalogStats.differingFacets'), key: 'facets',
      render: (_: unknown, r) => Object.entries(r.byFacet).filter(([, n]) => n > 0).map(([f, n]) => `${f} ${n}`).join('；') || '—',
    },
  ];

  return (
    <div className="staff-page">
      <PageTitle title={t('console.catalogStatistics')} />
      <div className="page-head">
        <h1>{t('console.catalogStatistics')}</h1>
      </div>
      <p className="muted">{t('catalogStats.lead')}</p>
      <nav aria-label={t('catalogStats.trail')} className="block-gap">
        {trail.map((x) => (
          <span key={x.code}>
            <Button type="link" onClick={() => go(x.code)}>{x.name}</Button>
            <span aria-hidden="true"> › </span>
          </span>
        ))}
        <strong aria-current="page">{data?.region.name ?? ''}</strong>
      </nav>
      <div className="filter block-gap" style={{ maxWidth: 420 }}>
        <label htmlFor="stats-department" className="field-label">{t('catalogStats.department')}</label>
        <DepartmentSelect
          id="stats-department"
          regionCode={region}
          value={department}
          allowClear
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v) next.set('department', v);
            else next.delete('department');
            setParams(next);
          }}
        />
      </div>
      {stats.isPending ? <Loading /> : null}
      {stats.isError ? <ErrorResult error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {data ? (
        <>
          <section aria-labelledby="stats-totals" className="block-gap">
            <h2 id="stats-totals">{t('catalogStats.totals', { region: data.region.name })}</h2>
            <dl className="guide-facts">
              {([
                [t('catalogStats.implementations'), data.totals.implementations],
                [t('catalogStats.published'), data.totals.published],
                [t('catalogStats.draft'), data.totals.draft],
                [t('catalogStats.inReview'), data.totals.inReview],
                [t('catalogStats.cancelled'), data.totals.cancelled],
                [t('catalogStats.fullOnline'), percent(data.totals.fullOnlineShare)],
                [t('catalogStats.immediate'), percent(data.totals.immediateShare)],
                [t('catalogStats.zeroVisit'), percent(data.totals.zeroVisitShare)],
                [t('catalogStats.promisedRatio'), percent(data.totals.avgPromisedRatio)],
              ] as const).map(([k, v]) => (
                <div key={k} className="guide-fact">
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            <p className="muted">{t('catalogStats.definitions')}</p>
          </section>
          <section aria-labelledby="stats-regions" className="block-gap">
            <h2 id="stats-regions">{t('catalogStats.byRegion')}</h2>
            <ScrollRegion label={t('catalogStats.byRegion')}>
              <Table rowKey="code" size="small" dataSource={data.byRegion} columns={regionColumns} pagination={false} scroll={{ x: 1000 }} />
            </ScrollRegion>
          </section>
          <section aria-labelledby="stats-departments" className="block-gap">
            <h2 id="stats-departments">{t('catalogStats.byDepartment')}</h2>
            <ScrollRegion label={t('catalogStats.byDepartment')}>
              <Table rowKey="name" size="small" dataSource={data.byDepartment} columns={departmentColumns} pagination={{ pageSize: 20, showSizeChanger: false }} scroll={{ x: 1000 }} />
            </ScrollRegion>
          </section>
          <section aria-labelledby="stats-types" className="block-gap">
            <h2 id="stats-types">{t('catalogStats.byItemType')}</h2>
            <Table rowKey="itemType" size="small" dataSource={data.byItemType} pagination={false}
              columns={[{ title: t('catalogStats.itemType'), key: 'label', render: (_: unknown, r) => `${r.itemType} ${r.label}` }, { title: t('catalogStats.published'), dataIndex: 'published', align: 'right' }]} />
          </section>
          <section aria-labelledby="stats-depth" className="block-gap">
            <h2 id="stats-depth">{t('catalogStats.byOnlineDepth')}</h2>
            <Table rowKey="depth" size="small" dataSource={data.byOnlineDepth} pagination={false}
              columns={[{ title: t('catalogStats.depth'), key: 'depth', render: (_: unknown, r) => (r.depth === 0 ? t('catalogStats.depthNone') : `${r.depth} ${onlineDepthLabel(r.depth, t)}`) }, { title: t('catalogStats.published'), dataIndex: 'published', align: 'right' }]} />
          </section>
          <section aria-labelledby="stats-comparison" className="block-gap">
            <h2 id="stats-comparison">{t('catalogStats.comparison')}</h2>
            <p className="muted">{t('catalogStats.comparisonLead')}</p>
            <ScrollRegion label={t('catalogStats.comparison')}>
              <Table rowKey="basicCode" size="small" dataSource={data.comparison} columns={comparisonColumns} pagination={{ pageSize: 20, showSizeChanger: false }} />
            </ScrollRegion>
          </section>
        </>
      ) : null}
    </div>
  );
}

/** The console's statistics: an item opens the console's comparison. */
export function ConsoleStatisticsPage() {
  return <StatisticsPage compareHref={(code) => `/console/catalog/compare?code=${code}`} />;
}

/** The supervisors' statistics: an item opens the dashboards' comparison. */
export default function SupervisorStatisticsPage() {
  return <StatisticsPage compareHref={(code) => `/dashboards/compare?code=${code}`} />;
}
