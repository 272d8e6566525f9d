/**
 * Cases (办件): types inferred from the shared schemas, the endpoints and the queries. Only types
 * come from the schemas, so the pages do not load zod.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CASE_QUEUES,
  CaseListItem as CaseListItemSchema,
  CaseView as CaseViewSchema,
  ClockView as ClockViewSchema,
  MaterialEntry as MaterialEntrySchema,
  TimelineEvent as TimelineEventSchema,
} from '../../common/schemas/cases.ts';
import type { FileView as FileViewSchema } from '../../common/schemas/files.ts';
import { request } from './client.ts';

export type CaseView = z.infer<typeof CaseViewSchema>;
export type CaseListItem = z.infer<typeof CaseListItemSchema>;
export type CaseClock = z.infer<typeof ClockViewSchema>;
export type CaseTask = CaseView['tasks'][number];
export type MaterialEntry = z.infer<typeof MaterialEntrySchema>;
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export type CaseQueue = (typeof CASE_QUEUES)[number];
export type UploadedFile = z.infer<typeof FileViewSchema>;

/** A page of case rows. */
export interface CasePage {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** The case endpoints. */
export const casesApi = {
  queue: (queue: CaseQueue, page: number, pageSize = 20) => request<CasePage>('GET', '/api/v1/cases', { query: { queue, page, pageSize } }),
  mine: (page: number, pageSize = 20) => request<CasePage>('GET', '/api/v1/cases/mine', { query: { page, pageSize } }),
  get: (id: string) => request<CaseView>('GET', `/api/v1/cases/${id}`),
  timeline: (id: string) => request<{ items: TimelineEvent[] }>('GET', `/api/v1/cases/${id}/timeline`),
  /** Apply and submit at once; the key makes a retried click or a flaky network never file two cases. */
  apply: (body: unknown, idempotencyKey: string) => request<CaseView>('POST', '/api/v1/cases', { body, headers: { 'idempotency-key': idempotencyKey } }),
  /** A case action: POST /api/v1/cases/:id/<path> with its body. */
  act: (id: string, path: string, body: unknown = {}) => request<CaseView>('POST', `/api/v1/cases/${id}/${path}`, { body }),
  /** Upload one file (材料) as multipart; answers its id. */
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<UploadedFile>('POST', '/api/v1/files', { form });
  },
};

/** Query keys of the cases area. */
export const caseKeys = {
  all: ['cases'] as const,
  queue: (queue: CaseQueue, page: number) => ['cases', 'queue', queue, page] as const,
  mine: (page: number) => ['cases', 'mine', page] as const,
  one: (id: string) => ['cases', 'one', id] as const,
  timeline: (id: string) => ['cases', 'timeline', id] as const,
};

/** A workbench queue page. */
export function useCaseQueue(queue: CaseQueue, page: number) {
  return useQuery({ queryKey: caseKeys.queue(queue, page), queryFn: () => casesApi.queue(queue, page), placeholderData: keepPreviousData });
}

/** The applicant's cases. */
export function useMyCases(page: number) {
  return useQuery({ queryKey: caseKeys.mine(page), queryFn: () => casesApi.mine(page), placeholderData: keepPreviousData });
}

/** One case and its timeline. */
export function useCase(id: string) {
  const c = useQuery({ queryKey: caseKeys.one(id), queryFn: () => casesApi.get(id) });
  const timeline = useQuery({ queryKey: caseKeys.timeline(id), queryFn: () => casesApi.timeline(id) });
  return { c, timeline };
}

/** Run a case action; on success the case, its timeline and every queue are refreshed. */
export function useCaseAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => casesApi.act(id, path, body),
    onSuccess: (view) => {
      qc.setQueryData(caseKeys.one(id), view);
      void qc.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}
