import { Alert, Button, Card, DatePicker, Segmented, Statistic, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type KpiFilter, type KpiRates, type KpiReport, type KpiRow, type LiveOverview, kpiExportHref, matrixExportHref, useKpis, useLiveOverview } from '../api/supervision.ts';
import { CHART_COLORS, ChartCard, type ChartOption, EChart, LEVEL_COLORS, percent } from '../components/chart-card.tsx';
import { Filter } from '../components/list-page.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { type MessageKey, type Translate, useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';
import { describeSeries, pointLabel, RegionCrumbs, shanghaiToday } from './supervision-parts.tsx';
import './dashboards.css';

/** The KPIs on the cards, each with its definition (from the shared schema). */
const KPIS = [
  { key: 'onlineRate', label: 'sup.kpi.onlineRate', def: 'sup.kpiDef.onlineRate' },
  { key: 'fullOnlineRate', label: 'sup.kpi.fullOnlineRate', def: 'sup.kpiDef.fullOnlineRate' },
  { key: 'instantRate', label: 'sup.kpi.instantRate', def: 'sup.kpiDef.instantRate' },
  { key: 'earlyRate', label: 'sup.kpi.earlyRate', def: 'sup.kpiDef.earlyRate' },
  { key: 'avgVisits', label: 'sup.kpi.avgVisits', def: 'sup.kpiDef.avgVisits' },
  { key: 'overdueRate', label: 'sup.kpi.overdueRate', def: 'sup.kpiDef.overdueRate' },
  { key: 'exemptShare', label: 'sup.kpi.exemptShare', def: 'sup.kpiDef.exemptShare' },
  { key: 'satisfaction', label: 'sup.kpi.satisfaction', def: 'sup.kpiDef.satisfaction' },
] as const satisfies readonly { key: keyof KpiRates; label: MessageKey; def: MessageKey }[];

type KpiKey = (typeof KPIS)[number]['key'];

/** A KPI as people read it: a percentage, or visits with two decimals. */
export function formatKpi(key: keyof KpiRates, v: number | null): string {
  if (v === null) return '—';
  if (key === 'avgVisits') return v.toFixed(2);
  if (key === 'avgRating') return v.toFixed(1);
  return percent(v);
}

/** What the region and department charts can compare. */
type Metric = 'submitted' | KpiKey;
const METRICS: Metric[] = ['submitted', 'onlineRate', 'overdueRate', 'satisfaction'];

function metricLabel(t: Translate, m: Metric): string {
  return m === 'submitted' ? t('sup.count.submitted') : t(`sup.kpi.${m}`);
}

function metricValue(r: KpiRow, m: Metric): number | null {
  return m === 'submitted' ? r.counts.submitted : r.rates[m];
}

function metricText(r: KpiRow, m: Metric): string {
  return m === 'submitted' ? r.counts.submitted.toLocaleString() : formatKpi(m, r.rates[m]);
}

/** The columns every KPI table shares after its name column. */
function kpiColumns(t: Translate): TableColumnsType<KpiRow> {
  const count = (key: 'submitted' | 'completed' | 'overdue', label: MessageKey) => ({
    title: t(label), key, align: 'right' as const, render: (_: unknown, r: KpiRow) => r.counts[key].toLocaleString(),
    sorter: (a: KpiRow, b: KpiRow) => a.counts[key] - b.counts[key],
  });
  const rate = (key: KpiKey) => ({
    title: t(`sup.kpi.${key}`), key, align: 'right' as const, render: (_: unknown, r: KpiRow) => formatKpi(key, r.rates[key]),
    sorter: (a: KpiRow, b: KpiRow) => (a.rates[key] ?? -1) - (b.rates[key] ?? -1),
  });
  return [count('submitted', 'sup.count.submitted'), count('completed', 'sup.count.completed'), count('overdue', 'sup.count.overdue'), ...KPIS.map((k) => rate(k.key))];
}

function MetricSwitch({ value, onChange, label }: { value: Metric; onChange: (m: Metric) => void; label: string }) {
  const t = useT();
  return <Segmented<Metric> value={value} onChange={onChange} aria-label={label} options={METRICS.map((m) => ({ value: m, label: metricLabel(t, m) }))} />;
}

/** 实时监测: counts straight from the case tables, refreshed every minute. */
function LiveCards({ live, regionCode }: { live: LiveOverview; regionCode: string | undefined }) {
  const t = useT();
  const { lang } = usePrefs();
  const warn = (level: 'red' | 'yellow') => `/dashboards/warnings?level=${level}${regionCode ? `&region=${regionCode}` : ''}`;
  const cards: { key: string; label: string; value: number; to?: string; tone?: 'red' | 'yellow' }[] = [
    { key: 'awaiting', label: t('sup.live.awaitingAcceptance'), value: live.awaitingAcceptance },
    { key: 'inProcess', label: t('sup.live.inProcess'), value: live.inProcess },
    { key: 'suspended', label: t('sup.live.suspended'), value: live.suspended },
    { key: 'submittedToday', label: t('sup.live.submittedToday'), value: live.submittedToday },
    { key: 'completedToday', label: t('sup.live.completedToday'), value: live.completedToday },
    { key: 'yellow', label: t('sup.live.yellow'), value: live.yellow, to: warn('yellow'), tone: 'yellow' },
    { key: 'red', label: t('sup.live.red'), value: live.red, to: warn('red'), tone: 'red' },
    { key: 'openOrders', label: t('sup.live.openOrders'), value: live.openOrders },
    { key: 'overdueOrders', label: t('sup.live.overdueOrders'), value: live.overdueOrders, tone: live.overdueOrders > 0 ? 'red' : undefined },
    { key: 'openComplaints', label: t('sup.live.openComplaints'), value: live.openComplaints },
    { key: 'openTickets', label: t('sup.live.openTickets'), value: live.openTickets },
    { key: 'overdueTickets', label: t('sup.live.overdueTickets'), value: live.overdueTickets, tone: live.overdueTickets > 0 ? 'red' : undefined },
  ];
  return (
    <section aria-labelledby="sup-live" className="block-gap">
      <h2 id="sup-live" className="section-title">
        {t('sup.live.title')} <span className="muted section-note">{t('sup.live.at', { at: formatDateTime(live.at, lang) })}</span>
      </h2>
      <ul className="stat-grid plain-list">
        {cards.map((c) => (
          <li key={c.key}>
            <Card size="small" className={c.tone ? `live-card tone-${c.tone}` : 'live-card'}>
              <Statistic title={c.label} value={c.value} />
              {c.to ? (
                <Link to={c.to} aria-label={t('sup.live.viewNamed', { name: c.label })}>
                  {t('sup.live.view')}
                </Link>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The eight KPIs of the period, each with what it divides by what. */
function KpiCards({ report }: { report: KpiReport }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <section aria-labelledby="sup-kpis" className="block-gap">
      <h2 id="sup-kpis" className="section-title">
        {t('sup.kpi.title', { from: report.from, to: report.to })}{' '}
        <span className="muted section-note">{report.asOf ? t('sup.kpi.asOf', { at: formatDateTime(report.asOf, lang) }) : t('sup.kpi.noStats')}</span>
      </h2>
      <ul className="stat-grid kpi-grid plain-list">
        {KPIS.map((k) => (
          <li key={k.key}>
            <Card size="small" className="kpi-card">
              <Statistic title={t(k.label)} value={formatKpi(k.key, report.totals.rates[k.key])} />
              <p className="muted kpi-def">{t(k.def)}</p>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}

const ZERO: KpiRow['counts'] = { submitted: 0, online: 0, fullOnline: 0, completed: 0, instant: 0, early: 0, overdue: 0, visits: 0, materials: 0, materialsExempt: 0, ratings: 0, ratingSum: 0, goodRatings: 0, badRatings: 0 };
const NO_RATES: KpiRates = { onlineRate: null, fullOnlineRate: null, instantRate: null, earlyRate: null, overdueRate: null, avgVisits: null, exemptShare: null, satisfaction: null, avgRating: null };

/** Every month of the period, with zeros for the months without applications (the report has no row for them). */
export function everyMonth(report: KpiReport): KpiRow[] {
  const byKey = new Map(report.rows.map((r) => [r.key, r]));
  const out: KpiRow[] = [];
  let [y, m] = [Number(report.from.slice(0, 4)), Number(report.from.slice(5, 7))];
  const [ty, tm] = [Number(report.to.slice(0, 4)), Number(report.to.slice(5, 7))];
  while (y < ty || (y === ty && m <= tm)) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(byKey.get(key) ?? { key, name: key, drill: null, counts: ZERO, rates: NO_RATES });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

function TrendChart({ report, filter }: { report: KpiReport; filter: KpiFilter }) {
  const t = useT();
  const rows = useMemo(() => everyMonth(report), [report]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.name) },
      yAxis: { type: 'value', minInterval: 1 },
      dataZoom: rows.length > 12 ? [{ type: 'slider', bottom: 8 }] : [],
      series: [
        { type: 'line', name: t('sup.count.submitted'), data: rows.map((r) => r.counts.submitted), symbolSize: 7 },
        { type: 'line', name: t('sup.count.completed'), data: rows.map((r) => r.counts.completed), symbolSize: 7, lineStyle: { type: 'dashed' } },
        { type: 'line', name: t('sup.count.overdue'), data: rows.map((r) => r.counts.overdue), symbolSize: 7, lineStyle: { type: 'dotted' }, color: CHART_COLORS[4] },
      ],
    }),
    [rows, t],
  );
  const title = t('sup.trend.title');
  const summary = t('sup.trend.summary', {
    name: title,
    list: rows.map((r) => t('sup.trend.point', { month: r.name, submitted: r.counts.submitted, completed: r.counts.completed, overdue: r.counts.overdue })).join('；') || '—',
  });
  const columns: TableColumnsType<KpiRow> = [{ title: t('sup.trend.month'), dataIndex: 'name', key: 'name' }, ...kpiColumns(t)];
  return <ChartCard title={title} summary={summary} option={option} rows={rows} columns={columns} rowKey={(r) => r.key} exportHref={kpiExportHref(filter)} />;
}

function RegionChart({ report, filter, onDrill }: { report: KpiReport; filter: KpiFilter; onDrill: (code: string) => void }) {
  const t = useT();
  const [metric, setMetric] = useState<Metric>('submitted');
  const rows = report.rows;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 56, right: 24, top: 24, bottom: 72 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', axisLabel: metric === 'submitted' || metric === 'avgVisits' ? {} : { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: [{ type: 'bar', name: metricLabel(t, metric), data: rows.map((r) => metricValue(r, metric) ?? 0), barMaxWidth: 48, cursor: 'pointer' }],
    }),
    [rows, metric, t],
  );
  const title = t('sup.region.title', { name: report.regionName });
  const summary = describeSeries(t, `${title}（${metricLabel(t, metric)}）`, rows.map((r) => ({ name: r.name, value: metricText(r, metric), sortBy: metricValue(r, metric) ?? -1 })));
  const drillable = rows.some((r) => r.drill);
  const columns: TableColumnsType<KpiRow> = [
    {
      title: t('sup.region.name'), dataIndex: 'name', key: 'name',
      render: (name: string, r) =>
        r.drill ? (
          <Button type="link" className="cell-button" onClick={(e) => { e.stopPropagation(); onDrill(r.drill ?? ''); }} aria-label={t('sup.region.drill', { name })}>
            {name}
          </Button>
        ) : (
          name
        ),
    },
    ...kpiColumns(t),
  ];
  return (
    <ChartCard
      title={title}
      summary={summary}
      option={option}
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key}
      exportHref={kpiExportHref(filter)}
      onPick={drillable ? (r) => (r.drill ? onDrill(r.drill) : undefined) : undefined}
      extra={<MetricSwitch value={metric} onChange={setMetric} label={t('sup.metric', { name: title })} />}
      footer={<p className="muted block-gap">{drillable ? t('sup.region.drillHint') : t('sup.region.bottom')}</p>}
      empty={t('sup.region.empty')}
    />
  );
}

/** Departments (or items) ranked by a metric, at most 15. */
function Ranking({ report, filter, kind }: { report: KpiReport; filter: KpiFilter; kind: 'dept' | 'item' }) {
  const t = useT();
  const [metric, setMetric] = useState<Metric>('submitted');
  // Best first; for 超期率 "best" is the lowest, but the ranking lists the largest first so that problems stand out.
  const rows = useMemo(() => [...report.rows].sort((a, b) => (metricValue(b, metric) ?? -1) - (metricValue(a, metric) ?? -1)).slice(0, 15), [report.rows, metric]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 8, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', axisLabel: metric === 'submitted' ? {} : { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [{ type: 'bar', name: metricLabel(t, metric), data: rows.map((r) => metricValue(r, metric) ?? 0), barMaxWidth: 22, color: CHART_COLORS[2], label: { show: true, position: 'right', formatter: (p) => metricText(rows[p.dataIndex] as KpiRow, metric) } }],
    }),
    [rows, metric, t],
  );
  const title = t(kind === 'dept' ? 'sup.dept.title' : 'sup.item.title');
  const summary = describeSeries(t, `${title}（${metricLabel(t, metric)}）`, rows.map((r) => ({ name: r.name, value: metricText(r, metric), sortBy: metricValue(r, metric) ?? -1 })));
  const columns: TableColumnsType<KpiRow> = [
    { title: t('sup.dept.rank'), key: 'rank', width: 64, render: (_: unknown, _r, i) => i + 1 },
    { title: t(kind === 'dept' ? 'sup.dept.name' : 'sup.item.name'), dataIndex: 'name', key: 'name' },
    ...kpiColumns(t),
  ];
  return (
    <ChartCard
      title={title}
      summary={summary}
      option={option}
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key}
      exportHref={kpiExportHref(filter)}
      height={Math.max(240, rows.length * 30 + 40)}
      extra={<MetricSwitch value={metric} onChange={setMetric} label={t('sup.metric', { name: title })} />}
    />
  );
}

interface PointRow {
  code: string;
  name: string;
  count: number;
}

function TopProblems({ live, regionCode }: { live: LiveOverview; regionCode: string | undefined }) {
  const t = useT();
  const navigate = useNavigate();
  const rows = useMemo<PointRow[]>(
    () => Object.entries(live.byPoint).map(([code, count]) => ({ code, name: pointLabel(t, code), count })).filter((r) => r.count > 0).sort((a, b) => b.count - a.count),
    [live.byPoint, t],
  );
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
      series: [{ type: 'bar', name: t('sup.problems.count'), data: rows.map((r) => r.count), barMaxWidth: 22, color: LEVEL_COLORS.red, label: { show: true, position: 'right' }, cursor: 'pointer' }],
    }),
    [rows, t],
  );
  const title = t('sup.problems.title');
  const summary = describeSeries(t, title, rows.map((r) => ({ name: r.name, value: String(r.count), sortBy: r.count })));
  const open = (r: PointRow) => navigate(`/dashboards/warnings?point=${r.code}${regionCode ? `&region=${regionCode}` : ''}`);
  const columns: TableColumnsType<PointRow> = [
    {
      title: t('sup.point.name'), dataIndex: 'name', key: 'name',
      render: (name: string, r) => (
        <Link to={`/dashboards/warnings?point=${r.code}${regionCode ? `&region=${regionCode}` : ''}`} onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { title: t('sup.problems.count'), dataIndex: 'count', key: 'count', align: 'right' },
  ];
  return (
    <ChartCard
      title={title}
      summary={summary}
      option={option}
      rows={rows}
      columns={columns}
      rowKey={(r) => r.code}
      exportHref={matrixExportHref('region', regionCode)}
      onPick={open}
      height={Math.max(200, rows.length * 34 + 40)}
      empty={t('sup.problems.none')}
    />
  );
}

/** 红灯 / 黄灯 share of the open warnings. */
function LevelShare({ live }: { live: LiveOverview }) {
  const t = useT();
  const title = t('sup.levels.title');
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie', radius: ['40%', '70%'], name: title,
          label: { formatter: '{b} {c}（{d}%）' },
          data: [
            { name: t('sup.level.red'), value: live.red, itemStyle: { color: LEVEL_COLORS.red } },
            { name: t('sup.level.yellow'), value: live.yellow, itemStyle: { color: LEVEL_COLORS.yellow } },
          ],
        },
      ],
    }),
    [live.red, live.yellow, t, title],
  );
  if (live.red + live.yellow === 0) return null;
  return (
    <Card className="block-gap chart-card" title={<h2 className="card-title">{title}</h2>}>
      <EChart option={option} summary={t('sup.levels.summary', { red: live.red, yellow: live.yellow })} height={240} />
    </Card>
  );
}

const isCode = (v: string | null): v is string => Boolean(v && /^\d{12}$/.test(v));
const isDate = (v: string | null): v is string => Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)));

/**
 * 监管总览: live counters, the period's KPIs, the monthly trend, child regions (drill down city →
 * county → town), the department ranking and the top problems. Region and period live in the URL so
 * that a view can be shared and the back button goes back up.
 */
export function SupervisionOverviewPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const regionParam = params.get('region');
  const regionCode = isCode(regionParam) ? regionParam : undefined;
  const today = shanghaiToday();
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const from = isDate(fromParam) ? fromParam : `${today.slice(0, 4)}-01-01`;
  const to = isDate(toParam) ? toParam : today;
  const badRange = from > to;

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const drillTo = (code: string) => update({ region: code });

  const base = { from, to, regionCode };
  const regionFilter: KpiFilter = { ...base, groupBy: 'region' };
  const monthFilter: KpiFilter = { ...base, groupBy: 'month' };
  const deptFilter: KpiFilter = { ...base, groupBy: 'department' };
  const itemFilter: KpiFilter = { ...base, groupBy: 'item' };
  const live = useLiveOverview(regionCode);
  const byRegion = useKpis(regionFilter, !badRange);
  const byMonth = useKpis(monthFilter, !badRange);
  const byDept = useKpis(deptFilter, !badRange);
  const byItem = useKpis(itemFilter, !badRange);

  const pickDate = (key: 'from' | 'to') => (d: Dayjs | null) => update({ [key]: d ? d.format('YYYY-MM-DD') : undefined });
  const title = t('sup.overview.title');
  const regionName = byRegion.data?.regionName ?? live.data?.regionName;
  const shownCode = byRegion.data?.regionCode ?? live.data?.regionCode;

  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <div className="page-head">
        <h1>{title}</h1>
        {regionCode ? (
          <Button onClick={() => update({ region: undefined })}>{t('sup.overview.backToScope')}</Button>
        ) : null}
      </div>
      {shownCode && regionName ? <RegionCrumbs code={shownCode} name={regionName} onPick={drillTo} /> : null}

      {live.isPending ? <Loading /> : live.isError ? <ErrorResult error={live.error} onRetry={() => void live.refetch()} /> : <LiveCards live={live.data} regionCode={regionCode} />}

      <div className="filter-bar block-gap" role="group" aria-label={t('sup.period.label')}>
        <Filter htmlFor="sup-from" label={t('sup.period.from')}>
          <DatePicker id="sup-from" value={dayjs(from)} onChange={pickDate('from')} allowClear={false} />
        </Filter>
        <Filter htmlFor="sup-to" label={t('sup.period.to')}>
          <DatePicker id="sup-to" value={dayjs(to)} onChange={pickDate('to')} allowClear={false} />
        </Filter>
        <Button onClick={() => update({ from: undefined, to: undefined })}>{t('sup.period.thisYear')}</Button>
      </div>
      {badRange ? <Alert type="error" showIcon title={t('sup.period.bad')} /> : null}

      {byRegion.isError ? <ErrorResult error={byRegion.error} onRetry={() => void byRegion.refetch()} /> : null}
      {byRegion.data ? <KpiCards report={byRegion.data} /> : !badRange && byRegion.isPending ? <Loading /> : null}
      {byMonth.data ? <TrendChart report={byMonth.data} filter={monthFilter} /> : null}
      {byRegion.data ? <RegionChart report={byRegion.data} filter={regionFilter} onDrill={drillTo} /> : null}
      <div className="chart-grid">
        {byDept.data ? <Ranking report={byDept.data} filter={deptFilter} kind="dept" /> : null}
        {byItem.data ? <Ranking report={byItem.data} filter={itemFilter} kind="item" /> : null}
        {live.data ? <TopProblems live={live.data} regionCode={regionCode} /> : null}
        {live.data ? <LevelShare live={live.data} /> : null}
      </div>
    </div>
  );
}
