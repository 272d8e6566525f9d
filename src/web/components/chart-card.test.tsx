// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import type { TableColumnsType } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kpiExportHref } from '../api/supervision.ts';
import { installDomStubs, renderApp, resetDom } from '../test/render.tsx';
import { ChartCard, type ChartOption } from './chart-card.tsx';

interface Row {
  code: string;
  name: string;
  submitted: number;
  rate: number;
}

const ROWS: Row[] = [
  { code: '350703000000', name: '建阳区', submitted: 1234, rate: 0.875 },
  { code: '350702000000', name: '延平区', submitted: 987, rate: 0.5 },
];

const COLUMNS: TableColumnsType<Row> = [
  { title: '区划', dataIndex: 'name', key: 'name' },
  { title: '申请量', dataIndex: 'submitted', key: 'submitted', render: (v: number) => v.toLocaleString() },
  { title: '网办率', dataIndex: 'rate', key: 'rate', render: (v: number) => `${(v * 100).toFixed(1)}%` },
];

const OPTION: ChartOption = {
  xAxis: { type: 'category', data: ROWS.map((r) => r.name) },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: ROWS.map((r) => r.submitted) }],
};

describe('ChartCard', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('draws the chart as a named image, and its table view shows the same numbers', async () => {
    renderApp(<ChartCard title="下级区划对比" summary="下级区划对比：建阳区 1,234，延平区 987" option={OPTION} rows={ROWS} columns={COLUMNS} rowKey={(r) => r.code} />);
    expect(screen.getByRole('heading', { level: 2, name: '下级区划对比' })).toBeTruthy();
    const chart = screen.getByRole('img', { name: '下级区划对比：建阳区 1,234，延平区 987' });
    // ECharts drew into the box (an SVG root), and no table is shown yet.
    expect(chart.querySelector('svg')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();

    expect(screen.getByRole('radiogroup', { name: '下级区划对比的显示方式' })).toBeTruthy();
    fireEvent.click(screen.getByText('表格'));
    const table = await screen.findByRole('table');
    expect(screen.queryByRole('img', { name: /下级区划对比：/ })).toBeNull();
    const cells = within(table).getAllByRole('row').slice(1).map((tr) => within(tr).getAllByRole('cell').map((td) => td.textContent));
    expect(cells).toEqual([
      ['建阳区', '1,234', '87.5%'],
      ['延平区', '987', '50.0%'],
    ]);
    expect(screen.getByRole('region', { name: '下级区划对比（表格）' })).toBeTruthy();

    fireEvent.click(screen.getByText('图表'));
    expect(await screen.findByRole('img', { name: /下级区划对比：/ })).toBeTruthy();
  });

  it('links the export to the xlsx of the same query, and a table row picks its row', async () => {
    const href = kpiExportHref({ from: '2026-01-01', to: '2026-12-01', regionCode: '350703000000', groupBy: 'region' });
    const onPick = vi.fn();
    renderApp(<ChartCard title="下级区划对比" summary="s" option={OPTION} rows={ROWS} columns={COLUMNS} rowKey={(r) => r.code} exportHref={href} onPick={onPick} />);
    const link = screen.getByRole('link', { name: '导出“下级区划对比”为 xlsx' });
    const url = new URL(link.getAttribute('href') ?? '', 'http://localhost');
    expect(url.pathname).toBe('/api/v1/supervision/kpis.xlsx');
    expect(Object.fromEntries(url.searchParams)).toEqual({ from: '2026-01-01', to: '2026-12-01', regionCode: '350703000000', groupBy: 'region' });

    fireEvent.click(screen.getByText('表格'));
    fireEvent.click(await screen.findByText('延平区'));
    expect(onPick).toHaveBeenCalledWith(ROWS[1]);
  });

  it('says so instead of drawing an empty chart', () => {
    renderApp(<ChartCard title="部门排名" summary="s" option={OPTION} rows={[]} columns={COLUMNS} rowKey={(r) => r.code} empty="没有部门数据" />);
    expect(screen.getByText('没有部门数据')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
