import type { z } from 'zod';
import type { LoadCalendarYearBody } from '../../src/common/schemas/calendar.ts';

type Schedule = z.input<typeof LoadCalendarYearBody>;

/**
 * A year's schedule as an administrator would load it from the notice (PUT /api/v1/calendar/:year).
 * Default: 元旦 on 1–3 January and nothing else; pass holidays/workdays to shape it.
 */
export function buildYearSchedule(year: number, o: Partial<Schedule> = {}): Schedule {
  return {
    noticeRef: o.noticeRef ?? `国务院办公厅关于${year}年部分节假日安排的通知（测试）`,
    holidays: o.holidays ?? ['01', '02', '03'].map((d) => ({ date: `${year}-01-${d}`, name: '元旦' })),
    workdays: o.workdays ?? [],
  };
}
