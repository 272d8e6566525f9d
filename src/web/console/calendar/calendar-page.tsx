import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Calendar, Card, Descriptions, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo, useState } from 'react';
import { type CalendarDay, type CalendarYearSummary, useCalendarYear, useCalendarYears } from '../../api/calendar.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { type Translate, useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { useIsSystemAdmin } from '../permissions.ts';
import { DeadlineCalculator } from './deadline-calculator.tsx';
import { LoadYearDialog } from './load-year-dialog.tsx';
import './calendar.css';

/** The first year chinese-days covers; the selector offers every year from it to two after the last loaded. */
const FIRST_YEAR = 2004;

function sourceLabel(s: CalendarYearSummary, t: Translate): string {
  return s.source === 'chinese-days' ? t('calendar.sourceBundled') : t('calendar.sourceNotice');
}

/** Group a year's days into periods for the list beside the grid: "国庆节 10-01~10-07 放假；10-10 上班". */
function periods(days: CalendarDay[]): { name: string; holidays: string[]; workdays: string[] }[] {
  const byName = new Map<string, { name: string; holidays: string[]; workdays: string[] }>();
  for (const d of days) {
    const p = byName.get(d.name) ?? { name: d.name, holidays: [], workdays: [] };
    (d.kind === 'holiday' ? p.holidays : p.workdays).push(d.date);
    byName.set(d.name, p);
  }
  return [...byName.values()];
}

/** Consecutive dates as ranges, without the year: "10-01~10-07、10-10". */
function ranges(dates: string[]): string {
  const out: string[] = [];
  let start = '';
  let prev = '';
  const flush = () => {
    if (start) out.push(start === prev ? start.slice(5) : `${start.slice(5)}~${prev.slice(5)}`);
  };
  for (const d of dates) {
    if (start && dayjs(prev).add(1, 'day').format('YYYY-MM-DD') === d) {
      prev = d;
      continue;
    }
    flush();
    start = d;
    prev = d;
  }
  flush();
  return out.join('、');
}

/** 工作日历: the loaded years, a month grid of holidays and 调休 days, loading a year, and the deadline calculator. */
export default function CalendarPage() {
  const t = useT();
  const { lang } = usePrefs();
  const admin = useIsSystemAdmin();
  const years = useCalendarYears();
  // Until a year is picked, show today's (Asia/Shanghai, as the server says) year and month.
  const today = years.data?.today ?? dayjs().format('YYYY-MM-DD');
  const [picked, setPicked] = useState<{ year: number; month: number } | null>(null);
  const year = picked?.year ?? Number(today.slice(0, 4));
  const month = picked?.month ?? Number(today.slice(5, 7)) - 1;
  const setYear = (y: number) => setPicked({ year: y, month: 0 });
  const setMonth = (m: number) => setPicked({ year, month: m });
  const [loading, setLoading] = useState(false);
  const view = useCalendarYear(year);

  // Week rows start on Monday and weekday names follow the UI language.
  const locale = lang === 'zh' ? 'zh-cn' : 'en';
  const value = useMemo(() => dayjs(`${year}-01-01`).locale(locale).month(month), [year, month, locale]);
  const byDate = useMemo(() => new Map((view.data?.days ?? []).map((d) => [d.date, d])), [view.data]);

  const loadedYears = years.data?.items ?? [];
  const lastLoaded = loadedYears.at(-1)?.year ?? FIRST_YEAR;
  const thisYear = Number(today.slice(0, 4));
  const maxYear = Math.max(lastLoaded, thisYear) + 2;
  const summaries = new Map(loadedYears.map((y) => [y.year, y]));
  const yearOptions = Array.from({ length: maxYear - FIRST_YEAR + 1 }, (_, i) => maxYear - i).map((y) => {
    const s = summaries.get(y);
    return { value: y, label: s ? t('calendar.yearOption', { year: y }) : `${t('calendar.yearOption', { year: y })}（${t('calendar.notLoaded')}）` };
  });
  const schedule = view.data?.schedule ?? null;

  const cell = (date: Dayjs) => {
    const d = byDate.get(date.format('YYYY-MM-DD'));
    if (!d) return null;
    return (
      <div className={d.kind === 'holiday' ? 'cal-mark cal-holiday' : 'cal-mark cal-workday'}>
        <span className="cal-badge">{t(d.kind === 'holiday' ? 'calendar.holiday' : 'calendar.workday')}</span>
        <span className="cal-name">{d.name}</span>
      </div>
    );
  };

  return (
    <div className="staff-page calendar-page">
      <PageTitle title={t('console.calendar')} />
      <div className="page-head">
        <h1>{t('console.calendar')}</h1>
      </div>
      <p className="page-lead">{t('calendar.intro')}</p>
      {years.data && years.data.missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('calendar.missingTitle', { years: years.data.missing.join('、') })}
          description={t('calendar.missingBody')}
        />
      ) : null}
      {years.isError ? <ErrorResult error={years.error} onRetry={() => void years.refetch()} /> : null}

      <Card
        className="block-gap"
        title={
          <div className="filter">
            <label htmlFor="calendar-year">{t('calendar.year')}</label>
            <Select
              id="calendar-year"
              value={year}
              options={yearOptions}
              onChange={setYear}
              style={{ width: 160 }}
            />
          </div>
        }
        extra={
          admin ? (
            <Button type="primary" onClick={() => setLoading(true)}>
              {t(schedule ? 'calendar.replace' : 'calendar.load', { year })}
            </Button>
          ) : null
        }
      >
        {view.isLoading ? <Loading /> : null}
        {view.isError ? <ErrorResult error={view.error} onRetry={() => void view.refetch()} /> : null}
        {view.data && !schedule ? <Alert type="warning" showIcon className="block-gap" title={t('calendar.notLoadedBody', { year })} /> : null}
        {schedule ? (
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} className="block-gap">
            <Descriptions.Item label={t('calendar.source')}>{sourceLabel(schedule, t)}</Descriptions.Item>
            <Descriptions.Item label={t('calendar.noticeRef')}>{schedule.noticeRef}</Descriptions.Item>
            <Descriptions.Item label={t('calendar.counts')}>{t('calendar.countsValue', { holidays: schedule.holidays, workdays: schedule.adjustedWorkdays })}</Descriptions.Item>
            <Descriptions.Item label={t('calendar.loadedBy')}>{schedule.loadedBy}</Descriptions.Item>
            <Descriptions.Item label={t('calendar.loadedAt')}>{new Date(schedule.loadedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' })}</Descriptions.Item>
          </Descriptions>
        ) : null}

        <div className="calendar-layout">
          <Calendar
            className="calendar-grid"
            value={value}
            validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
            onChange={(d) => setMonth(d.month())}
            cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
            headerRender={() => (
              <div className="calendar-head">
                <Button aria-label={t('calendar.prevMonth')} icon={<LeftOutlined />} disabled={month === 0} onClick={() => setMonth(month - 1)} />
                <Select
                  aria-label={t('calendar.month')}
                  value={month}
                  onChange={setMonth}
                  options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: t('calendar.monthOption', { year, month: m + 1 }) }))}
                  style={{ width: 140 }}
                />
                <Button aria-label={t('calendar.nextMonth')} icon={<RightOutlined />} disabled={month === 11} onClick={() => setMonth(month + 1)} />
                <span className="cal-legend">
                  <span className="cal-badge cal-holiday">{t('calendar.holiday')}</span> {t('calendar.legendHoliday')}
                  <span className="cal-badge cal-workday">{t('calendar.workday')}</span> {t('calendar.legendWorkday')}
                </span>
              </div>
            )}
          />
          {view.data && view.data.days.length > 0 ? (
            <section className="calendar-periods" aria-labelledby="calendar-periods-title">
              <h2 id="calendar-periods-title">{t('calendar.periods', { year })}</h2>
              <ul>
                {periods(view.data.days).map((p) => (
                  <li key={p.name}>
                    <strong>{p.name}</strong>
                    {p.holidays.length > 0 ? <div>{t('calendar.periodHolidays', { dates: ranges(p.holidays), n: p.holidays.length })}</div> : null}
                    {p.workdays.length > 0 ? <div>{t('calendar.periodWorkdays', { dates: ranges(p.workdays) })}</div> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </Card>

      <DeadlineCalculator />

      {loading ? <LoadYearDialog year={year} current={view.data ?? null} onClose={() => setLoading(false)} /> : null}
    </div>
  );
}
