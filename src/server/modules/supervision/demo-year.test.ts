import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCreditCode, validateIdNumber } from '../../../common/identifiers.ts';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { buildSupervisionWorld, buildWorldCase, type SupervisionWorld } from '../../../../test/support/supervision-factories.ts';
import { rows, firstRow } from '../../platform/db.ts';
import { isWorkday, shanghaiDate } from '../../platform/workdays.ts';
import { getWorkCalendar } from '../calendar/service.ts';
import { pii } from '../identity/service.ts';
import { demoYearGenerated, generateDemoYear, seedDemoYearOnce, type DemoYearResult } from './demo-year.ts';

const END = '2026-11-27';
const N = 800;

interface CaseRow {
  id: string;
  case_number: string;
  state: string;
  channel: string;
  outcome: string | null;
  region_code: string;
  applicant: { kind: string; name: string; idNumberMasked: string | null; creditCode: string | null };
  applicant_id_number_enc: string | null;
  applicant_account_id: string | null;
  materials: Record<string, { via: string }>;
  submitted_at: Date;
  accepted_at: Date | null;
  completed_at: Date | null;
  delivered_at: Date | null;
  due_date: string | null;
  limit_unit: string | null;
  supplement_count: number;
  decision: { kind: string; reasons: string[] } | null;
  delivery: { method: string } | null;
  result: { documentNumber: string } | null;
}

let t: TestApp;
let w: SupervisionWorld;
let result: DemoYearResult;
let cases: CaseRow[];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildSupervisionWorld(t);
  result = await generateDemoYear(t.ctx, { cases: N, seed: 7, endDate: END });
  cases = await rows<CaseRow>(t.ctx.db, sql`select *, due_date::text as due_date from cases order by case_number`);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo year', () => {
  it('writes the requested number of cases over the year before the end date, numbered uniquely per county and day', async () => {
    expect(result.cases).toBe(N);
    expect(cases).toHaveLength(N);
    expect(new Set(cases.map((c) => c.case_number)).size).toBe(N);
    for (const c of cases) {
      const day = shanghaiDate(new Date(c.submitted_at));
      expect(day >= '2025-11-28' && day <= END, day).toBe(true);
      expect(c.case_number).toMatch(new RegExp(`^${c.region_code.slice(0, 6)}-${day.replaceAll('-', '')}-\\d{5}$`));
    }
    // The counters continue after the generated numbers, so that a new real case never collides.
    const behind = await rows(t.ctx.db, sql`select c.case_number from cases c join case_number_counters n
      on n.region6 = substr(c.case_number, 1, 6) and n.day = substr(c.case_number, 8, 8) where substr(c.case_number, 17)::int > n.last_seq`);
    expect(behind).toEqual([]);
  });

  it('submits on working days in office hours and counts due dates on the workday calendar', async () => {
    const cal = await getWorkCalendar(t.ctx);
    for (const c of cases) {
      const submitted = new Date(c.submitted_at);
      expect(isWorkday(cal, shanghaiDate(submitted)), c.case_number).toBe(true);
      const minutes = ((submitted.getUTCHours() + 8) % 24) * 60 + submitted.getUTCMinutes();
      expect(minutes >= 8 * 60 + 30 && minutes < 17 * 60 + 30, `${c.case_number} at ${minutes}`).toBe(true);
      if (c.due_date && c.limit_unit === 'working_day') expect(isWorkday(cal, c.due_date), `${c.case_number} due ${c.due_date}`).toBe(true);
    }
    const accepted = cases.filter((c) => c.accepted_at);
    expect(accepted.length).toBeGreaterThan(N * 0.8);
    expect(accepted.every((c) => c.due_date !== null && c.due_date >= shanghaiDate(new Date(c.accepted_at ?? 0)))).toBe(true);
  });

  it('keeps state and outcome consistent', () => {
    const byState = new Map<string, CaseRow[]>();
    for (const c of cases) byState.set(c.state, [...(byState.get(c.state) ?? []), c]);
    expect((byState.get('delivered')?.length ?? 0) / N).toBeGreaterThan(0.7);
    for (const c of [...(byState.get('completed') ?? []), ...(byState.get('delivered') ?? [])]) {
      expect(c.completed_at, c.case_number).not.toBeNull();
      expect(c.result?.documentNumber, c.case_number).toBeTruthy();
      expect(['approved', 'denied']).toContain(c.outcome);
      if (c.state === 'delivered') expect(c.delivery?.method && c.delivered_at).toBeTruthy();
      else expect(c.outcome).toBe('approved');
    }
    for (const c of byState.get('denied') ?? []) expect([c.outcome, c.decision?.kind, c.completed_at !== null]).toEqual(['denied', 'denied', true]);
    for (const c of byState.get('not_accepted') ?? []) {
      expect(c.accepted_at).toBeNull();
      expect(c.decision?.reasons.join('').length ?? 0).toBeGreaterThanOrEqual(10);
    }
    for (const s of ['processing', 'suspended']) {
      for (const c of byState.get(s) ?? []) expect([c.accepted_at !== null, c.completed_at, c.outcome]).toEqual([true, null, null]);
    }
    for (const s of ['submitted', 'supplementing', 'withdrawn']) for (const c of byState.get(s) ?? []) expect(c.accepted_at).toBeNull();
    // Open cases are the recent ones: nothing older than two months still waits at the window.
    for (const c of [...(byState.get('submitted') ?? []), ...(byState.get('supplementing') ?? [])]) expect(shanghaiDate(new Date(c.submitted_at)) > '2026-09-27').toBe(true);
  });

  it('gives about 4% late and 40% early completions, supplements on about a tenth, ratings on most finished cases', async () => {
    const k = await firstRow<{ completed: number; early: number; overdue: number; submitted: number; online: number }>(t.ctx.db, sql`
      select sum(completed)::int as completed, sum(early)::int as early, sum(overdue)::int as overdue, sum(submitted)::int as submitted,
        (sum(submitted) filter (where channel = 'online'))::int as online from case_stats_daily`);
    const completed = k?.completed ?? 0;
    expect((k?.overdue ?? 0) / completed).toBeGreaterThan(0.01);
    expect((k?.overdue ?? 0) / completed).toBeLessThan(0.09);
    expect((k?.early ?? 0) / completed).toBeGreaterThan(0.25);
    expect((k?.early ?? 0) / completed).toBeLessThan(0.55);
    const supplemented = cases.filter((c) => c.supplement_count > 0);
    expect(supplemented.length / N).toBeGreaterThan(0.05);
    expect(supplemented.length / N).toBeLessThan(0.16);
    const pauses = await rows<{ case_id: string }>(t.ctx.db, sql`select distinct case_id from case_pauses where kind = 'supplement'`);
    expect(new Set(pauses.map((p) => p.case_id))).toEqual(new Set(supplemented.map((c) => c.id)));
    const vias = new Set(cases.flatMap((c) => Object.values(c.materials).map((m) => m.via)));
    expect(vias.has('upload') && vias.has('paper')).toBe(true);
    const ratings = await rows<{ overall: number; state: string; ticket: string | null }>(t.ctx.db, sql`
      select r.overall, c.state, k.number as ticket from ratings r join cases c on c.id = r.case_id left join rectification_tickets k on k.rating_id = r.id`);
    expect(ratings.every((r) => ['completed', 'delivered', 'denied'].includes(r.state))).toBe(true);
    expect(ratings.every((r) => (r.overall <= 2) === (r.ticket !== null))).toBe(true);
    expect(ratings.filter((r) => r.overall >= 4).length / ratings.length).toBeGreaterThan(0.8);
  });

  it('snapshots applicants like the case service: masked numbers, the ID number encrypted and passing its check digit', () => {
    const cipher = pii(t.ctx);
    const people = cases.filter((c) => c.applicant.kind === 'person');
    expect(people.length).toBeGreaterThan(0);
    for (const c of people) {
      expect(c.applicant_id_number_enc, c.case_number).toBeTruthy();
      const clear = cipher.decrypt(c.applicant_id_number_enc ?? '');
      expect(validateIdNumber(clear), clear).toBeNull();
      expect(c.applicant.idNumberMasked).toBe(`${clear.slice(0, 4)}**********${clear.slice(-4)}`);
      expect(c.applicant.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
    for (const c of cases.filter((x) => x.applicant.kind === 'legal_person')) expect(validateCreditCode(c.applicant.creditCode ?? ''), c.applicant.creditCode ?? '').toBeNull();
  });

  it('writes a timeline from submission to the current state, and tasks for the accepted cases', async () => {
    const events = await rows<{ case_id: string; seq: number; action: string; to_state: string }>(t.ctx.db, sql`select case_id, seq, action, to_state from case_events order by case_id, seq`);
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    for (const c of cases) {
      const list = byCase.get(c.id) ?? [];
      expect(list.map((e) => e.seq), c.case_number).toEqual(list.map((_, i) => i + 1));
      expect(list[0]?.action).toBe('create');
      expect(list[1]?.action).toBe('submit');
      expect(list.at(-1)?.to_state, c.case_number).toBe(c.state);
    }
    const tasks = await rows<{ state: string; outcome: string | null; status: string }>(t.ctx.db, sql`select c.state, c.outcome, k.status from case_tasks k join cases c on c.id = k.case_id`);
    expect(tasks.filter((k) => k.outcome === 'approved').every((k) => k.status === 'approved')).toBe(true);
    expect(tasks.filter((k) => k.outcome === 'denied').some((k) => k.status === 'rejected')).toBe(true);
    expect(tasks.filter((k) => k.state === 'processing').some((k) => k.status === 'open' || k.status === 'claimed')).toBe(true);
  });

  it('rebuilds the statistics: their totals equal the cases', async () => {
    const s = await firstRow<{ submitted: number; completed: number; ratings: number }>(t.ctx.db, sql`select sum(submitted)::int as submitted, sum(completed)::int as completed, sum(ratings)::int as ratings from case_stats_daily`);
    const c = await firstRow<{ n: number; completed: number; ratings: number }>(t.ctx.db, sql`select count(*)::int as n,
      (count(*) filter (where outcome is not null and completed_at is not null))::int as completed, (select count(*)::int from ratings) as ratings from cases`);
    expect(s).toEqual({ submitted: c?.n, completed: c?.completed, ratings: c?.ratings });
  });

  it('issues 督办 by a seeded supervisor on late cases, with numbers of the modules’ pattern', async () => {
    const orders = await rows<{ number: string; issued_by: string; due: string | null }>(t.ctx.db, sql`select o.number, o.issued_by, c.due_date::text as due from supervision_orders o join cases c on c.id = o.case_id`);
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      expect([w.countySupervisor.id, w.citySupervisor.id]).toContain(o.issued_by);
      expect(o.number).toMatch(/^DB-\d{6}-\d{8}-\d{4}$/);
    }
    const tickets = await rows<{ number: string }>(t.ctx.db, sql`select number from rectification_tickets`);
    for (const k of tickets) expect(k.number).toMatch(/^ZG-\d{6}-\d{8}-\d{4}$/);
  });

  it('is deterministic for a seed, runs once on first start, and leaves case numbers free for real cases', async () => {
    const other = await createTestApp();
    try {
      await buildSupervisionWorld(other);
      await generateDemoYear(other.ctx, { cases: 200, seed: 7, endDate: END });
      const again = await createTestApp();
      try {
        await buildSupervisionWorld(again);
        await generateDemoYear(again.ctx, { cases: 200, seed: 7, endDate: END });
        const pick = (x: TestApp) => rows(x.ctx.db, sql`select case_number, state, channel, submitted_at, due_date::text, applicant->>'name' as name, supplement_count
          from cases where applicant_account_id is null order by case_number`);
        const [a, b] = [await pick(other), await pick(again)];
        expect(a.length).toBeGreaterThan(150);
        expect(b).toEqual(a);
      } finally {
        await again.close();
      }
    } finally {
      await other.close();
    }
    expect(await demoYearGenerated(t.ctx)).toBe(true);
    expect((await seedDemoYearOnce(t.ctx)).skipped).toBe(true);
    // A second run up to today; a case submitted now still gets a fresh number.
    await generateDemoYear(t.ctx, { cases: 150, seed: 8 });
    const real = await buildWorldCase(t, w, 'submitted');
    const same = await rows(t.ctx.db, sql`select id from cases where case_number = ${real.caseNumber}`);
    expect(same).toHaveLength(1);
  }, 120_000);
});
