import type { FastifyInstance } from 'fastify';
import {
  CalendarYearParams,
  CalendarYearView,
  CalendarYearsResponse,
  DeadlineQuery,
  DeadlineResponse,
  LoadCalendarYearBody,
} from '../../../common/schemas/calendar.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { calendarPolicy as policy } from './policy.ts';
import * as service from './service.ts';

/** Register the calendar routes: loaded years, a year's holidays, loading a year, the deadline calculator. */
export async function registerCalendar(app: FastifyInstance): Promise<void> {
  registerRoutes(app, 'calendar', [
    route({
      method: 'GET', url: '/api/v1/calendar/years', summary: '已载入节假日安排的年份及来源', policy: policy.read,
      response: CalendarYearsResponse,
      handler: async ({ ctx }) => service.listYears(ctx),
    }),
    route({
      method: 'GET', url: '/api/v1/calendar/deadline', summary: '办理时限计算：受理日起若干工作日/自然日的到期日', policy: policy.read,
      description: '受理当日不计入，从次日起算；工作日不含法定节假日，含调休上班日。涉及未载入安排的年份时按周一至周五推算并标记为暂定（provisional）。',
      query: DeadlineQuery, response: DeadlineResponse,
      handler: async ({ ctx, query }) => service.deadline(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/calendar/:year', summary: '某年的节假日与调休上班日', policy: policy.read,
      params: CalendarYearParams, response: CalendarYearView,
      handler: async ({ ctx, params }) => service.yearView(ctx, params.year),
    }),
    route({
      method: 'PUT', url: '/api/v1/calendar/:year', summary: '载入（或替换）某年国务院办公厅节假日安排', policy: policy.load,
      description: '整年替换：列出全部放假日（含假期中的周末）和调休上班日，并注明通知文号。',
      params: CalendarYearParams, body: LoadCalendarYearBody, response: CalendarYearView,
      handler: async ({ ctx, params, body }) => service.loadOfficialYear(ctx, params.year, body),
    }),
  ]);
}
