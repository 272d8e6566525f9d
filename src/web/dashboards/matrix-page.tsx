import { Button, Segmented, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { MONITORING_POINTS } from '../../common/schemas/supervision.ts';
import { type MatrixBy, matrixExportHref, useWarningMatrix, type WarningMatrix } from '../api/supervision.ts';
import { useMe } from '../auth/session.ts';
import { CHART_COLORS, ChartCard, type ChartOption } from '../components/chart-card.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';
import { describeSeries, pointLabel, RegionCrumbs, regionPrefix } from './supervision-parts.tsx';
import './dashboards.css';

type Row = WarningMatrix['rows'][number];

/**
 * 监察点矩阵: open warnings as monitoring point × child region (or × department); a region row drills
 * down to its own children, and the xlsx holds the same matrix.
 */
export function MatrixPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const by: MatrixBy = params.get('by') === 'department' ? 'department' : 'region';
  const regionParam = params.get('region');
  const regionCode = regionParam && /^\d{12}$/.test(regionParam) ? regionParam : undefined;
  const scope = useMe().data?.account?.scope?.regionCode ?? CITY_CODE;
  const matrix = useWarningMatrix(by, regionCode);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const here = regionCode ?? scope;
  // A village (or the region itself, when its own cases are counted) has nothing below it.
  const canDrill = (r: Row) => by === 'region' && r.key !== here && regionPrefix(r.key).length < 12;
  const drill = by === 'region' ? (r: Row) => (canDrill(r) ? set({ region: r.key }) : undefined) : undefined;

  const m = matrix.data;
  // Only the points that have a warning somewhere get a series; the table keeps every point.
  const active = useMemo(() => MONITORING_POINTS.filter((p) => (m?.totals[p] ?? 0) > 0), [m]);
  const rows = useMemo(() => m?.rows ?? [], [m]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 40, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: active.map((p, i) => ({ type: 'bar' as const, stack: 'points', name: pointLabel(t, p), data: rows.map((r) => r.counts[p] ?? 0), color: CHART_COLORS[i % CHART_COLORS.length], barMaxWidth: 48, cursor: by === 'region' ? 'pointer' : 'default' })),
    }),
    [rows, active, t, by],
  );

  const title = t('sup.matrix.title');
  const chartTitle = by === 'region' ? t('sup.matrix.byRegion') : t('sup.matrix.byDepartment');
  const columns: TableColumnsType<Row> = [
    {
      title: by === 'region' ? t('sup.region.name') : t('sup.dept.name'), dataIndex: 'name', key: 'name',
      render: (name: string, r) =>
        drill && canDrill(r) ? (
          <Button type="link" className="cell-button" onClick={(e) => { e.stopPropagation(); drill(r); }} aria-label={t('sup.region.drill', { name })}>
            {name}
          </Button>
        ) : (
          name
        ),
    },
    ...MONITORING_POINTS.map((p) => ({
      title: pointLabel(t, p), key: p, align: 'right' as const,
      render: (_: unknown, r: Row) => {
        const n = r.counts[p] ?? 0;
        return n > 0 ? <span className="matrix-cell-hot">{n}</span> : n;
      },
      sorter: (a: Row, b: Row) => (a.counts[p] ?? 0) - (b.counts[p] ?? 0),
    })),
    { title: t('sup.matrix.total'), dataIndex: 'total', key: 'total', align: 'right', sorter: (a: Row, b: Row) => a.total - b.total },
  ];
  const summary = describeSeries(t, chartTitle, rows.map((r) => ({ name: r.name, value: String(r.total), sortBy: r.total })));

  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      <div className="filter-bar">
        <Segmented<MatrixBy>
            aria-label={t('sup.matrix.axis')}
            value={by}
            onChange={(v) => set({ by: v === 'region' ? undefined : v })}
            options={[
              { value: 'region', label: t('sup.matrix.region') },
              { value: 'department', label: t('sup.matrix.department') },
            ]}
          />
      </div>
      <RegionCrumbs code={regionCode ?? scope} onPick={(code) => set({ region: code === scope ? undefined : code })} />
      {matrix.isPending ? <Loading /> : null}
      {matrix.isError ? <ErrorResult error={matrix.error} onRetry={() => void matrix.refetch()} /> : null}
      {m ? (
        <>
          <p className="muted block-gap">{t('sup.matrix.totalLine', { n: Object.values(m.totals).reduce((a, b) => a + b, 0) })}</p>
          <ChartCard
            title={chartTitle}
            summary={summary}
            option={option}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.key}
            exportHref={matrixExportHref(by, regionCode)}
            onPick={drill}
            footer={by === 'region' ? <p className="muted block-gap">{t('sup.matrix.drillHint')}</p> : null}
            empty={by === 'region' ? t('sup.matrix.emptyRegion') : t('sup.matrix.empty')}
          />
        </>
      ) : null}
    </div>
  );
}
