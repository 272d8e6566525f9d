/**
 * 好差评 and 整改工单: the applicant's rating (portal), the window's entry (workbench), the tickets of
 * department staff (workbench) and supervisors (dashboards), and the public statistics (好差评公示).
 * Only types come from the shared schemas, so the pages do not load zod.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  MyCaseRating,
  PublicRatingStats,
  RateCaseBody,
  RatingCause,
  RatingChannel,
  RatingDimension,
  RatingView,
  StaffCaseRating,
  TicketAction,
  TicketDetail,
  TicketListItem,
  TicketPage as TicketPageSchema,
  TicketStatus,
  TicketStep,
} from '../../common/schemas/ratings.ts';
import { api } from './client.ts';

export type { MyCaseRating, PublicRatingStats, RatingCause, RatingChannel, RatingDimension, RatingView, StaffCaseRating, TicketAction, TicketDetail, TicketListItem, TicketStatus, TicketStep };
export type TicketPage = z.infer<typeof TicketPageSchema>;
export type NewRating = z.input<typeof RateCaseBody>;

/** Filters of a ticket list. */
export interface TicketFilter {
  status: TicketStatus | 'open' | 'all';
  overdue?: boolean | undefined;
  regionCode?: string | undefined;
  departmentId?: string | undefined;
  page: number;
  pageSize: number;
}

/** The period and region of 好差评公示. */
export interface PublicStatsQuery {
  regionCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const BASE = '/api/v1/supervision';

const listParams = (f: TicketFilter) => ({ ...f, overdue: f.overdue ? 'true' : undefined });

/** The rating and ticket endpoints. */
export const ratingsApi = {
  rate: (body: NewRating) => api.post<MyCaseRating>(`${BASE}/ratings`, body),
  rateAtWindow: (body: NewRating) => api.post<MyCaseRating>(`${BASE}/ratings/hall`, body),
  mine: (caseId: string) => api.get<MyCaseRating>(`${BASE}/ratings/mine/${caseId}`),
  ofCase: (caseId: string) => api.get<StaffCaseRating>(`${BASE}/ratings/case/${caseId}`),
  publicStats: (q: PublicStatsQuery) => api.get<PublicRatingStats>(`${BASE}/ratings/public`, { ...q }),
  supervisorTickets: (f: TicketFilter) => api.get<TicketPage>(`${BASE}/tickets`, listParams(f)),
  departmentTickets: (f: TicketFilter) => api.get<TicketPage>(`${BASE}/tickets/department`, listParams({ ...f, regionCode: undefined, departmentId: undefined })),
  ticket: (id: string) => api.get<TicketDetail>(`${BASE}/tickets/${id}`),
  verify: (id: string, body: { substantiated: boolean; verification: string }) => api.post<TicketDetail>(`${BASE}/tickets/${id}/verify`, body),
  rectify: (id: string, rectification: string) => api.post<TicketDetail>(`${BASE}/tickets/${id}/rectify`, { rectification }),
  reply: (id: string, reply: string) => api.post<TicketDetail>(`${BASE}/tickets/${id}/reply`, { reply }),
  review: (id: string, body: { decision: 'approve' | 'return'; opinion?: string | undefined }) => api.post<TicketDetail>(`${BASE}/tickets/${id}/review`, body),
};

/** Query keys; every change invalidates the whole prefix (a step moves every list). */
export const ratingKeys = {
  all: ['ratings'] as const,
  mine: (caseId: string) => ['ratings', 'mine', caseId] as const,
  ofCase: (caseId: string) => ['ratings', 'case', caseId] as const,
  publicStats: (q: PublicStatsQuery) => ['ratings', 'public', q] as const,
  tickets: (scope: 'department' | 'supervisor', f: TicketFilter) => ['ratings', 'tickets', scope, f] as const,
  ticket: (id: string) => ['ratings', 'ticket', id] as const,
};

/** The rating of one of my cases (and its ticket's progress). */
export function useMyRating(caseId: string, enabled = true) {
  return useQuery({ queryKey: ratingKeys.mine(caseId), queryFn: () => ratingsApi.mine(caseId), enabled });
}

/** The rating of a case as its department's staff see it. */
export function useCaseRating(caseId: string, enabled = true) {
  return useQuery({ queryKey: ratingKeys.ofCase(caseId), queryFn: () => ratingsApi.ofCase(caseId), enabled });
}

/** 好差评公示. */
export function usePublicRatingStats(q: PublicStatsQuery) {
  return useQuery({ queryKey: ratingKeys.publicStats(q), queryFn: () => ratingsApi.publicStats(q), placeholderData: keepPreviousData });
}

/** Tickets of my department (workbench) or of my region (dashboards). */
export function useTickets(scope: 'department' | 'supervisor', f: TicketFilter) {
  return useQuery({
    queryKey: ratingKeys.tickets(scope, f),
    queryFn: () => (scope === 'department' ? ratingsApi.departmentTickets(f) : ratingsApi.supervisorTickets(f)),
    placeholderData: keepPreviousData,
  });
}

/** One ticket. */
export function useTicket(id: string | undefined) {
  return useQuery({ queryKey: ratingKeys.ticket(id ?? ''), queryFn: () => ratingsApi.ticket(id ?? ''), enabled: Boolean(id) });
}

/** A change (rate, a ticket step); success refreshes every rating query. */
export function useRatingMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ratingKeys.all }) });
}
