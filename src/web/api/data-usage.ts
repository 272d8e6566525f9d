/**
 * 数据使用记录 (who used my data) and my sessions. Only types come from the shared schemas, so the
 * page does not load zod.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DataUsageCategory } from '../../common/data-usage.ts';
import type { DataUsageRecord as DataUsageRecordSchema, MySession as MySessionSchema } from '../../common/schemas/data-usage.ts';
import { request } from './client.ts';
import type { Page } from './types.ts';

export type DataUsageRecord = z.infer<typeof DataUsageRecordSchema>;
export type MySession = z.infer<typeof MySessionSchema>;

/** What the records page asks for. */
export interface DataUsageFilter {
  category?: DataUsageCategory | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** The endpoints. */
export const dataUsageApi = {
  records: (q: DataUsageFilter) => request<Page<DataUsageRecord>>('GET', '/api/v1/me/data-usage', { query: { ...q } }),
  sessions: () => request<{ items: MySession[] }>('GET', '/api/v1/me/sessions'),
  endSession: (id: string) => request<{ ok: true }>('POST', `/api/v1/me/sessions/${id}/end`),
};

/** Query keys. */
export const dataUsageKeys = {
  all: ['me', 'data-usage'] as const,
  records: (q: DataUsageFilter) => ['me', 'data-usage', q] as const,
  sessions: ['me', 'sessions'] as const,
};

/** One page of my records. */
export function useDataUsage(q: DataUsageFilter) {
  return useQuery({ queryKey: dataUsageKeys.records(q), queryFn: () => dataUsageApi.records(q), placeholderData: keepPreviousData });
}

/** My sessions. */
export function useMySessions() {
  return useQuery({ queryKey: dataUsageKeys.sessions, queryFn: dataUsageApi.sessions });
}

/** End one of my other sessions; the list and the records (which now show the ending) refresh. */
export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: dataUsageApi.endSession,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dataUsageKeys.sessions });
      void qc.invalidateQueries({ queryKey: dataUsageKeys.all });
    },
  });
}
