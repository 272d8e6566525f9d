import ExcelJS from 'exceljs';
import { MONITORING_POINTS, type KpiReport, type WarningMatrix } from '../../../common/schemas/supervision.ts';
import { POINT_NAMES } from './monitoring.ts';

const GROUP_TITLE: Record<KpiReport['groupBy'], string> = { region: '区划', department: '部门', item: '事项', month: '月份', day: '日期' };

function sheetOf(wb: ExcelJS.Workbook, name: string, header: string[], body: (string | number | null)[][], note: string): void {
  const ws = wb.addWorksheet(name);
  ws.addRow([note]);
  ws.addRow(header).font = { bold: true };
  for (const r of body) ws.addRow(r);
  ws.columns.forEach((c, i) => { c.width = i === 0 ? 28 : 14; });
}

const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 10_000) / 100);

/** The KPI report as a workbook: one row per group and the total, rates in percent. */
export async function kpiWorkbook(r: KpiReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const header = [GROUP_TITLE[r.groupBy], '申请件数', '网办件数', '网办率%', '全程网办率%', '办结件数', '即办率%', '提前办结率%', '超期率%', '平均跑动次数', '免提交材料占比%', '评价数', '差评数', '满意度%', '平均评分'];
  const line = (name: string, k: KpiReport['totals']) => [
    name, k.counts.submitted, k.counts.online, pct(k.rates.onlineRate), pct(k.rates.fullOnlineRate), k.counts.completed, pct(k.rates.instantRate),
    pct(k.rates.earlyRate), pct(k.rates.overdueRate), k.rates.avgVisits, pct(k.rates.exemptShare), k.counts.ratings, k.counts.badRatings,
    pct(k.rates.satisfaction), k.rates.avgRating,
  ];
  sheetOf(wb, '统计指标', header, [...r.rows.map((x) => line(x.name, x)), line('合计', r.totals)],
    `${r.regionName} ${r.from} 至 ${r.to}（按申请日期），统计更新于 ${r.asOf ?? '—'}`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The warning matrix as a workbook. */
export async function matrixWorkbook(m: WarningMatrix, regionName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const header = [m.by === 'region' ? '区划' : '部门', ...MONITORING_POINTS.map((p) => POINT_NAMES[p]), '合计'];
  const body = m.rows.map((r) => [r.name, ...MONITORING_POINTS.map((p) => r.counts[p] ?? 0), r.total]);
  body.push(['合计', ...MONITORING_POINTS.map((p) => m.totals[p] ?? 0), Object.values(m.totals).reduce((a, b) => a + b, 0)]);
  sheetOf(wb, '监察点预警', header, body, `${regionName} 未解除预警（监察点 × ${m.by === 'region' ? '区划' : '部门'}）`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
