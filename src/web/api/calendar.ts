/**
 * The working-day calendar (工作日历): types inferred from the shared schemas, the endpoints and the
 * queries. Only types come from the schemas, so pages that show a deadline do not load zod.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CalendarYearsResponse as CalendarYearsResponseSchema,
  CalendarYearView as CalendarYearViewSchema,
  DeadlineQuery as DeadlineQuerySchema,
  DeadlineResponse as DeadlineResponseSchema,
  LoadCalendarYearBody as LoadCalendarYearBodySchema,
} from '../../common/schemas/calendar.ts';
import { api } from './client.ts';

export type CalendarYears = z.infer<typeof CalendarYearsResponseSchema>;
export type CalendarYearSummary = CalendarYears['items'][number];
export type CalendarYearView = z.infer<typeof CalendarYearViewSchema>;
export type CalendarDay = CalendarYearView['days'][number];
export type LoadCalendarYearBody = z.input<typeof LoadCalendarYearBodySchema>;
/** The calculator query as sent (days a number: the schema coerces the query-string text). */
export type DeadlineQuery = Omit<z.input<typeof DeadlineQuerySchema>, 'days'> & { days: number };
export type Deadline = z.infer<typeof DeadlineResponseSchema>;

const V1 = '/api/v1/calendar';

/** The calendar endpoints. */
export const calendarApi = {
  years: () => api.get<CalendarYears>(`${V1}/years`),
  year: (year: number) => api.get<CalendarYearView>(`${V1}/${year}`),
  load: (year: number, body: LoadCalendarYearBody) => api.put<CalendarYearView>(`${V1}/${year}`, body),
  deadline: (query: DeadlineQuery) => api.get<Deadline>(`${V1}/deadline`, { ...query }),
};

/** Query keys of the calendar; loading a year invalidates `calendarKeys.all` (every deadline may move). */
export const calendarKeys = {
  all: ['calendar'] as const,
  years: ['calendar', 'years'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
  deadline: (query: DeadlineQuery) => ['calendar', 'deadline', query] as const,
};

/** Which years are loaded. */
export function useCalendarYears() {
  return useQuery({ queryKey: calendarKeys.years, queryFn: calendarApi.years });
}

/** One year's holidays and 调休 days. */
export function useCalendarYear(year: number) {
  return useQuery({ queryKey: calendarKeys.year(year), queryFn: () => calendarApi.year(year) });
}

/** A computed deadline (disabled until there is a query). */
export function useDeadline(query: DeadlineQuery | null) {
  return useQuery({
    queryKey: calendarKeys.deadline(query ?? { start: '', days: 0 }),
    queryFn: () => calendarApi.deadline(query ?? { start: '', days: 0 }),
    enabled: query !== null,
  });
}

/** Load a year's official schedule; every calendar query (and so every deadline) refreshes. */
export function useLoadCalendarYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: LoadCalendarYearBody }) => calendarApi.load(year, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
