import { describe, expect, it } from 'vitest';
import { formatScheduleText, parseScheduleText } from './schedule-text.ts';

describe('pasted schedules', () => {
  it('expands ranges to days and remembers each day’s line', () => {
    const r = parseScheduleText('2027-01-01~2027-01-03 元旦\n\n2027-10-01 至 2027-10-02 国庆节\n2027/2/6 春节');
    expect(r.issues).toEqual([]);
    expect(r.days).toEqual([
      { date: '2027-01-01', name: '元旦', line: 1 },
      { date: '2027-01-02', name: '元旦', line: 1 },
      { date: '2027-01-03', name: '元旦', line: 1 },
      { date: '2027-10-01', name: '国庆节', line: 3 },
      { date: '2027-10-02', name: '国庆节', line: 3 },
      { date: '2027-02-06', name: '春节', line: 4 },
    ]);
  });

  it('reports lines it cannot read: no name, impossible dates, backwards or over-long ranges', () => {
    const r = parseScheduleText('2027-01-01\n2027-02-30 春节\n2027-10-07~2027-10-01 国庆节\n2027-01-01~2027-03-01 元旦\n2027-05-01 劳动节');
    expect(r.issues.map((i) => i.line)).toEqual([1, 2, 3, 4]);
    expect(r.days).toEqual([{ date: '2027-05-01', name: '劳动节', line: 5 }]);
  });

  it('writes days back as ranges that read the same', () => {
    const days = [
      { date: '2026-10-01', name: '国庆节' },
      { date: '2026-10-02', name: '国庆节' },
      { date: '2026-10-03', name: '国庆节' },
      { date: '2026-09-25', name: '中秋' },
      { date: '2026-10-10', name: '国庆节' },
    ];
    const text = formatScheduleText(days);
    expect(text).toBe('2026-09-25 中秋\n2026-10-01~2026-10-03 国庆节\n2026-10-10 国庆节');
    expect(parseScheduleText(text).days.map(({ date, name }) => ({ date, name }))).toEqual([...days].sort((a, b) => a.date.localeCompare(b.date)));
  });
});
