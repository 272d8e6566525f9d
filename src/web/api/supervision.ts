/** Supervision (监管): live overview, KPIs, warnings, the matrix, monitoring points and deadlines. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  KpiGroup,
  KpiRates,
  KpiReport,
  KpiRow,
  LiveOverview,
  MonitoringPointCode,
  MonitoringPointView,
  ScanResult,
  SupervisionSettings,
  UpdateMonitoringPointBody,
  WarningLevel,
  WarningMatrix,
  WarningPage as WarningPageSchema,
  WarningView,
} from '../../common/schemas/supervision.ts';
import { api, type QueryParams } from './client.ts';

export type { KpiGroup, KpiRates, KpiReport, KpiRow, LiveOverview, MonitoringPointCode, MonitoringPointView, ScanResult, SupervisionSettings, WarningLevel, WarningMatrix, WarningView };
export type WarningPage = z.infer<typeof WarningPageSchema>;
export type UpdatePointInput = z.input<typeof UpdateMonitoringPointBody>;
export type MatrixBy = WarningMatrix['by'];

/** The filters of a KPI report (dates YYYY-MM-DD, both inclusive). */
export interface KpiFilter {
  from: string;
  to: string;
  regionCode?: string | undefined;
  departmentId?: string | undefined;
  implementationId?: string | undefined;
  groupBy: KpiGroup;
}

/** Which warnings a list shows. */
export type WarningStatus = 'open' | 'resolved' | 'all';

/** The filters of the warning list. */
export interface WarningFilter {
  level?: WarningLevel | undefined;
  point?: MonitoringPointCode | undefined;
  status: WarningStatus;
  regionCode?: string | undefined;
  departmentId?: string | undefined;
  page: number;
  pageSize: number;
}

const V1 = '/api/v1/supervision';

/** A query string without the blank values (the same rule as the JSON calls). */
export function queryOf(params: QueryParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The xlsx of a KPI report: a plain link, the browser downloads it with the session cookie. */
export function kpiExportHref(filter: KpiFilter): string {
  return `${V1}/kpis.xlsx${queryOf({ ...filter })}`;
}

/** The xlsx of the warning matrix. */
export function matrixExportHref(by: MatrixBy, regionCode: string | undefined): string {
  return `${V1}/warnings/matrix.xlsx${queryOf({ by, regionCode })}`;
}

/** The supervision endpoints. */
export const supervisionApi = {
  overview: (regionCode: string | undefined) => api.get<LiveOverview>(`${V1}/overview`, { regionCode }),
  kpis: (f: KpiFilter) => api.get<KpiReport>(`${V1}/kpis`, { ...f }),
  warnings: (f: WarningFilter) => api.get<WarningPage>(`${V1}/warnings`, { ...f }),
  matrix: (by: MatrixBy, regionCode: string | undefined) => api.get<WarningMatrix>(`${V1}/warnings/matrix`, { by, regionCode }),
  points: () => api.get<{ items: MonitoringPointView[] }>(`${V1}/points`),
  updatePoint: (code: MonitoringPointCode, body: UpdatePointInput) => api.patch<MonitoringPointView>(`${V1}/points/${code}`, body),
  scan: () => api.post<ScanResult>(`${V1}/scan`),
  resolve: ({ id, note }: { id: string; note: string }) => api.post<WarningView>(`${V1}/warnings/${id}/resolve`, { note }),
  myWarnings: (page: number, status: WarningStatus) => api.get<WarningPage>(`${V1}/my-warnings`, { page, status }),
  settings: () => api.get<SupervisionSettings>(`${V1}/settings`),
  updateSettings: (body: Partial<SupervisionSettings>) => api.patch<SupervisionSettings>(`${V1}/settings`, body),
};

/** Query keys of the module; every mutation invalidates the whole prefix (warnings move every count). */
export const supKeys = {
  all: ['supervision'] as const,
  overview: (regionCode: string | undefined) => ['supervision', 'overview', regionCode ?? 'scope'] as const,
  kpis: (f: KpiFilter) => ['supervision', 'kpis', f] as const,
  warnings: (f: WarningFilter) => ['supervision', 'warnings', f] as const,
  matrix: (by: MatrixBy, regionCode: string | undefined) => ['supervision', 'matrix', by, regionCode ?? 'scope'] as const,
  points: ['supervision', 'points'] as const,
  myWarnings: (page: number, status: WarningStatus) => ['supervision', 'my-warnings', page, status] as const,
  settings: ['supervision', 'settings'] as const,
};

// Live numbers: refetch every minute while the dashboard is open.
const LIVE_MS = 60_000;

/** Live counts (待受理, 黄灯/红灯, 督办, 整改工单 …) of a region (default: the caller's scope). */
export function useLiveOverview(regionCode: string | undefined) {
  return useQuery({ queryKey: supKeys.overview(regionCode), queryFn: () => supervisionApi.overview(regionCode), refetchInterval: LIVE_MS });
}

/** A KPI report; keeps the previous report on screen while a drill-down loads. */
export function useKpis(filter: KpiFilter, enabled = true) {
  return useQuery({ queryKey: supKeys.kpis(filter), queryFn: () => supervisionApi.kpis(filter), placeholderData: keepPreviousData, enabled });
}

/** A page of warnings in the caller's scope. */
export function useWarnings(filter: WarningFilter) {
  return useQuery({ queryKey: supKeys.warnings(filter), queryFn: () => supervisionApi.warnings(filter), placeholderData: keepPreviousData });
}

/** Open warnings as monitoring point × region (or department). */
export function useWarningMatrix(by: MatrixBy, regionCode: string | undefined) {
  return useQuery({ queryKey: supKeys.matrix(by, regionCode), queryFn: () => supervisionApi.matrix(by, regionCode), placeholderData: keepPreviousData });
}

/** The monitoring points with their configuration and open counts. */
export function useMonitoringPoints() {
  return useQuery({ queryKey: supKeys.points, queryFn: supervisionApi.points });
}

/** The handler's own warnings (工作台 · 我的预警). */
export function useMyWarnings(page: number, status: WarningStatus = 'open') {
  return useQuery({ queryKey: supKeys.myWarnings(page, status), queryFn: () => supervisionApi.myWarnings(page, status), placeholderData: keepPreviousData, refetchInterval: LIVE_MS });
}

/** The deadlines in working days. */
export function useSupervisionSettings() {
  return useQuery({ queryKey: supKeys.settings, queryFn: supervisionApi.settings });
}

/** A change (point, settings, scan); success refreshes every supervision query. */
export function useSupervisionMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: supKeys.all }) });
}
