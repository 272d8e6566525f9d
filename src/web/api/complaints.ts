/**
 * 投诉 (complaints): the complainant's endpoints (portal) and the handlers' (workbench, dashboards).
 * Only types come from the shared schemas, so the pages do not load zod unless they validate.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ComplaintAction,
  ComplaintCategory,
  ComplaintPage as ComplaintPageSchema,
  ComplaintStatus,
  ComplaintView,
  CreateComplaintBody,
} from '../../common/schemas/complaints.ts';
import { api } from './client.ts';

export type { ComplaintAction, ComplaintCategory, ComplaintStatus, ComplaintView };
export type ComplaintPage = z.infer<typeof ComplaintPageSchema>;
export type NewComplaint = z.input<typeof CreateComplaintBody>;

/** Filters of the handlers' list. */
export interface ComplaintFilter {
  status: ComplaintStatus | 'open' | 'all';
  category?: ComplaintCategory | undefined;
  overdue?: boolean | undefined;
  regionCode?: string | undefined;
  departmentId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

const MINE = '/api/v1/complaints';
const STAFF = '/api/v1/supervision/complaints';

/** The complaint endpoints. */
export const complaintsApi = {
  submit: (body: NewComplaint) => api.post<ComplaintView>(MINE, body),
  mine: (page: number, caseId?: string) => api.get<ComplaintPage>(MINE, { page, caseId }),
  myOne: (id: string) => api.get<ComplaintView>(`${MINE}/${id}`),
  rate: (id: string, body: { satisfaction: number; comment?: string | undefined }) => api.post<ComplaintView>(`${MINE}/${id}/rating`, body),
  reopen: (id: string, reason: string) => api.post<ComplaintView>(`${MINE}/${id}/reopen`, { reason }),
  list: (f: ComplaintFilter) => api.get<ComplaintPage>(STAFF, { ...f, overdue: f.overdue === undefined ? undefined : String(f.overdue) }),
  one: (id: string) => api.get<ComplaintView>(`${STAFF}/${id}`),
  take: (id: string) => api.post<ComplaintView>(`${STAFF}/${id}/take`),
  answer: (id: string, answer: string) => api.post<ComplaintView>(`${STAFF}/${id}/answer`, { answer }),
};

/** Query keys; every change invalidates the whole prefix (a status moves every list). */
export const complaintKeys = {
  all: ['complaints'] as const,
  mine: (page: number, caseId: string | undefined) => ['complaints', 'mine', page, caseId ?? 'all'] as const,
  myOne: (id: string) => ['complaints', 'mine', 'one', id] as const,
  list: (f: ComplaintFilter) => ['complaints', 'list', f] as const,
  one: (id: string) => ['complaints', 'one', id] as const,
};

/** 我的投诉 (optionally those about one case). */
export function useMyComplaints(page: number, caseId?: string) {
  return useQuery({ queryKey: complaintKeys.mine(page, caseId), queryFn: () => complaintsApi.mine(page, caseId), placeholderData: keepPreviousData });
}

/** One of my complaints. */
export function useMyComplaint(id: string) {
  return useQuery({ queryKey: complaintKeys.myOne(id), queryFn: () => complaintsApi.myOne(id) });
}

/** The handlers' list (department staff: their department; supervisors: their scope). */
export function useComplaintList(f: ComplaintFilter) {
  return useQuery({ queryKey: complaintKeys.list(f), queryFn: () => complaintsApi.list(f), placeholderData: keepPreviousData });
}

/** One complaint as a handler sees it. */
export function useComplaint(id: string | undefined) {
  return useQuery({ queryKey: complaintKeys.one(id ?? ''), queryFn: () => complaintsApi.one(id ?? ''), enabled: Boolean(id) });
}

/** A change (submit, take, answer, rate, reopen); success refreshes every complaint query. */
export function useComplaintMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: complaintKeys.all }) });
}
