import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Segmented, Statistic, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { orgApi } from '../api/endpoints.ts';
import { qk, useRegion } from '../api/queries.ts';
import type { OrgStats, OrgStatsRow } from '../api/types.ts';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { type MessageKey, useT } from '../i18n/index.ts';

const METRICS = ['departments', 'windows', 'staff', 'citizens', 'enterprises'] as const;
type Metric = (typeof METRICS)[number];

const METRIC_LABELS: Record<Metric, MessageKey> = {
  departments: 'stats.departments',
  windows: 'stats.windows',
  staff: 'stats.staff',
  citizens: 'stats.citizens',
  enterprises: 'stats.enterprises',
};

/** Villages (level 5) have no children to drill into. */
const DEEPEST_LEVEL = 5;

/** A horizontal bar per region for one metric: plain CSS, the numbers stay readable as text. */
function Bars({ rows, metric }: { rows: OrgStatsRow[]; metric: Metric }) {
  const max = Math.max(1, ...rows.map((r) => r[metric]));
  const sorted = [...rows].sort((a, b) => b[metric] - a[metric]);
  return (
    <ol className="bar-chart">
      {sorted.map((r) => (
        <li key={r.regionCode} className="bar-row">
          <span className="bar-label">{r.regionName}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(r[metric] / max) * 100}%` }} />
          </span>
          <span className="bar-value">{r[metric].toLocaleString()}</span>
        </li>
      ))}
    </ol>
  );
}

/** Breadcrumbs from the top region down to the one shown; ancestors are buttons that go back up. */
function StatsBreadcrumb({ stats, onPick }: { stats: OrgStats; onPick: (code: string) => void }) {
  const detail = useRegion(stats.region.code);
  const ancestors = (detail.data?.path ?? []).filter((p) => p.code !== stats.region.code);
  return (
    <Breadcrumb
      className="block-gap"
      items={[
        ...ancestors.map((p) => ({
          key: p.code,
          title: (
            <Button type="link" size="small" className="crumb-button" onClick={() => onPick(p.code)}>
              {p.name}
            </Button>
          ),
        })),
        { key: stats.region.code, title: <span aria-current="location">{stats.region.name}</span> },
      ]}
    />
  );
}

/** 组织概览: per child region counts of departments, windows, staff and registered users; click to drill down. */
export function OrgOverviewPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const param = params.get('region');
  const regionCode = param && /^\d{12}$/.test(param) ? param : undefined;
  // Without a region the server picks the supervisor's scope (else 南平市).
  const stats = useQuery({ queryKey: qk.stats(regionCode ?? 'default'), queryFn: () => orgApi.stats(regionCode) });
  const [metric, setMetric] = useState<Metric>('staff');
  const drillTo = (code: string) => setParams({ region: code });

  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorResult error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const canDrill = s.region.level + 1 < DEEPEST_LEVEL;

  const columns: TableColumnsType<OrgStatsRow> = [
    {
      title: t('stats.region'),
      dataIndex: 'regionName',
      render: (name: string, r) =>
        canDrill ? (
          <Button type="link" className="cell-button" onClick={() => drillTo(r.regionCode)} aria-label={t('stats.drill', { name })}>
            {name}
          </Button>
        ) : (
          name
        ),
    },
    ...METRICS.map((m) => ({
      title: t(METRIC_LABELS[m]),
      dataIndex: m,
      align: 'right' as const,
      sorter: (a: OrgStatsRow, b: OrgStatsRow) => a[m] - b[m],
      render: (v: number) => v.toLocaleString(),
    })),
  ];

  return (
    <div className="staff-page">
      <PageTitle title={t('dashboards.orgOverview')} />
      <h1>
        {t('dashboards.orgOverview')} · {s.region.name}
      </h1>
      <StatsBreadcrumb stats={s} onPick={drillTo} />
      <section aria-label={t('stats.totals')} className="stat-grid block-gap">
        {METRICS.map((m) => (
          <Card key={m} size="small">
            <Statistic title={t(METRIC_LABELS[m])} value={s.totals[m]} />
          </Card>
        ))}
      </section>
      <Card title={<h2 className="card-title">{t('stats.byRegion')}</h2>} className="block-gap">
        <Segmented<Metric>
          value={metric}
          onChange={setMetric}
          options={METRICS.map((m) => ({ value: m, label: t(METRIC_LABELS[m]) }))}
          aria-label={t('stats.metric')}
          className="block-gap"
        />
        {s.items.length === 0 ? <p>{t('stats.noChildren')}</p> : <Bars rows={s.items} metric={metric} />}
      </Card>
      <Card title={<h2 className="card-title">{t('stats.table')}</h2>} className="block-gap">
        {canDrill ? <p className="muted">{t('stats.drillHint')}</p> : null}
        <ScrollRegion label={t('stats.table')}>
          <Table
            rowKey="regionCode"
            columns={columns}
            dataSource={s.items}
            pagination={false}
            size="middle"
            onRow={(r) => (canDrill ? { onClick: () => drillTo(r.regionCode), className: 'clickable-row' } : {})}
          />
        </ScrollRegion>
      </Card>
    </div>
  );
}
