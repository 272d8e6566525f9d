import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { computeClock, shanghaiDate } from './adapters.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('case clock (calendar module)', () => {
  it('counts 20 working days from 2026-09-25 over 国庆 and 调休 to 2026-10-29', async () => {
    const s = await computeClock(t.ctx, { acceptedOn: '2026-09-25', days: 20, unit: 'working_day', pauses: [], asOf: '2026-09-25' });
    expect(s).toMatchObject({ due: '2026-10-29', used: 0, left: 20, overdue: false, provisional: false });
  });

  it('flags a due date in a year without a loaded schedule as provisional', async () => {
    const s = await computeClock(t.ctx, { acceptedOn: '2026-12-20', days: 20, unit: 'working_day', pauses: [], asOf: '2026-12-21' });
    expect(s.provisional).toBe(true);
    expect(s.due.startsWith('2027-')).toBe(true);
  });

  it('moves the due date by the paused working days and counts used days without them', async () => {
    const plain = await computeClock(t.ctx, { acceptedOn: '2026-03-02', days: 5, unit: 'working_day', pauses: [], asOf: '2026-03-13' });
    expect(plain).toMatchObject({ due: '2026-03-09', overdue: true, left: 0 });
    const paused = await computeClock(t.ctx, { acceptedOn: '2026-03-02', days: 5, unit: 'working_day', pauses: [{ from: '2026-03-03', to: '2026-03-05' }], asOf: '2026-03-06' });
    // 3-04 and 3-05 stand still: due two working days later; used = 3-03 and 3-06.
    expect(paused).toMatchObject({ due: '2026-03-11', used: 2, left: 3, overdue: false, paused: false });
  });

  it('takes the day in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
  });
});
