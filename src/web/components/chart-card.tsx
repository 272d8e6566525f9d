import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Table, type TableColumnsType } from 'antd';
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent,
  type DataZoomComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TitleComponent,
  type TitleComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECElementEvent, type EChartsType, init, use as registerECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type Key, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { ScrollRegion } from './scroll-region.tsx';
import './chart-card.css';

// Only what the dashboards draw; the SVG renderer keeps text crisp when zoomed and works without canvas.
registerECharts([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DataZoomComponent, SVGRenderer]);

/** The options a chart card accepts (the registered charts and components only). */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption | DataZoomComponentOption
>;

/**
 * Series colours, each at least 4.5:1 on white (WCAG non-text contrast needs 3:1) and told apart by
 * hue and lightness, so that neighbours stay distinct for colour-blind readers too.
 */
export const CHART_COLORS = ['#1d4ed8', '#b45309', '#15803d', '#7e22ce', '#b91c1c', '#0f766e', '#4b5563', '#be185d'] as const;
/** 红灯 / 黄灯 in charts: the theme's error red and a dark amber (yellow itself is unreadable on white). */
export const LEVEL_COLORS = { red: '#b91c1c', yellow: '#a16207' } as const;

const TEXT_STYLE = { color: '#1f2937', fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' };

/** What a click on a data item says: its index in the series data and its category name. */
export interface ChartClick {
  dataIndex: number;
  name: string;
}

/**
 * One ECharts instance bound to a div: created on mount, given each new option, resized with its box,
 * disposed on unmount. The div is an image for assistive technology, named by `summary`.
 */
export function EChart({ option, summary, height = 320, onClick }: { option: ChartOption; summary: string; height?: number; onClick?: (c: ChartClick) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    const instance = init(node, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (e: ECElementEvent) => click.current?.({ dataIndex: e.dataIndex, name: e.name }));
    // ResizeObserver is missing in some test DOMs; the window's resize still applies there.
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => instance.resize()) : null;
    observer?.observe(node);
    const onResize = () => instance.resize();
    window.addEventListener('resize', onResize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', onResize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: [...CHART_COLORS], textStyle: TEXT_STYLE, ...option }, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={el}
      role="img"
      aria-label={summary}
      className={onClick ? 'echart clickable-chart' : 'echart'}
      style={{ height, width: '100%' }}
    />
  );
}

type View = 'chart' | 'table';

export interface ChartCardProps<R> {
  /** The card's heading (an h2). */
  title: string;
  /** A sentence that says what the chart shows (its accessible name), e.g. the largest and smallest values. */
  summary: string;
  option: ChartOption;
  /** The same data as the chart, one row per category. */
  rows: R[];
  columns: TableColumnsType<R>;
  rowKey: (row: R) => Key;
  /** The xlsx of the same report; omitted: no export link. */
  exportHref?: string | undefined;
  /** A click on a bar or point, or on a table row (drill-down). */
  onPick?: ((row: R) => void) | undefined;
  /** Controls beside the view switch (e.g. which metric). */
  extra?: ReactNode;
  /** Below the chart or table (e.g. a hint how to drill down). */
  footer?: ReactNode;
  height?: number;
  loading?: boolean;
  /** What to say instead of an empty chart. */
  empty?: string;
}

/**
 * A dashboard card: a chart and, one click away, an accessible table of the same numbers, plus a link
 * to the xlsx of the report. Rows are in the order of the chart's categories so that a click on the
 * n-th bar picks the n-th row.
 */
export function ChartCard<R extends object>({ title, summary, option, rows, columns, rowKey, exportHref, onPick, extra, footer, height, loading, empty }: ChartCardProps<R>) {
  const t = useT();
  const [view, setView] = useState<View>('chart');
  const headingId = useId();
  const noData = rows.length === 0;
  return (
    <Card
      className="block-gap chart-card"
      title={
        <h2 className="card-title" id={headingId}>
          {title}
        </h2>
      }
      extra={
        exportHref ? (
          <Button type="link" href={exportHref} icon={<DownloadOutlined />} download aria-label={t('sup.chart.exportNamed', { name: title })}>
            {t('sup.chart.export')}
          </Button>
        ) : null
      }
    >
      <section aria-labelledby={headingId}>
        <div className="chart-tools">
          <Segmented<View>
            value={view}
            onChange={setView}
            aria-label={t('sup.chart.view', { name: title })}
            options={[
              { value: 'chart', label: t('sup.chart.chart') },
              { value: 'table', label: t('sup.chart.table') },
            ]}
          />
          {extra}
        </div>
        {noData && !loading ? (
          <p className="muted block-gap">{empty ?? t('sup.chart.empty')}</p>
        ) : view === 'chart' ? (
          <EChart
            option={option}
            summary={summary}
            height={height}
            onClick={onPick ? ({ dataIndex }) => {
              const row = rows[dataIndex];
              if (row) onPick(row);
            } : undefined}
          />
        ) : (
          <ScrollRegion label={t('sup.chart.tableOf', { name: title })}>
            <Table<R>
              rowKey={rowKey}
              columns={columns}
              dataSource={rows}
              loading={loading}
              pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              size="small"
              onRow={onPick ? (r) => ({ onClick: () => onPick(r), className: 'clickable-row' }) : undefined}
            />
          </ScrollRegion>
        )}
        {footer}
      </section>
    </Card>
  );
}

/** A fraction 0–1 as a percentage with one decimal ("—" when there is nothing to divide). */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
}
