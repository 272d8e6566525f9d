/**
 * Case lifecycle benchmark: full lifecycles (submit → accept → approve 审查 → approve 决定) per
 * second on a 3-step guide (受理, 审查, 决定), beside two baselines measured in the same run:
 *
 *   raw SQL      the very statements the service issued for one lifecycle, replayed on the driver
 *                with fresh ids (no drizzle, and none of the service's JS work: validation, presenting,
 *                hashing): the floor for this SQL
 *   service      the real cases service functions (createCase, accept, taskAction), as the routes call them
 *   bpmn-engine  an equivalent 3-user-task BPMN process (bpmn-engine 25), with getState → JSON in a
 *                table → recover/resume between steps, as a peer engine would persist a case
 *
 * Rounds are interleaved so that machine noise hits all three alike; the median round is reported.
 *
 * Usage: tsx bench/case-lifecycle.ts   (PGlite)   ·   bash scripts/with-postgres.sh npx tsx bench/case-lifecycle.ts
 * Writes its section of bench/RESULTS.md.
 */
import { randomUUID } from 'node:crypto';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { Engine } from 'bpmn-engine';
import type pg from 'pg';
import { AcceptBody, ApproveBody, CreateCaseBody, type CaseViewT } from '../src/common/schemas/cases.ts';
import { actorFromSessionToken } from '../src/server/modules/identity/service.ts';
import * as cases from '../src/server/modules/cases/service.ts';
import type { Ctx } from '../src/server/platform/context.ts';
import type { Database } from '../src/server/platform/db.ts';
import { createTestApp, type TestApp } from '../test/support/app.ts';
import { publishImplementation } from '../test/support/case-factories.ts';
import { buildGuide } from '../test/support/catalog-factories.ts';
import { buildCitizen, buildDepartment, buildStaff, loginCookie } from '../test/support/factories.ts';
import { buildTemplate, testPostgresUrl } from '../test/support/template.ts';
import { writeResults } from './results.ts';

const ROUNDS = 5;
const PER_ROUND = Number(process.env.BENCH_CASES_PER_ROUND ?? 20);
const JY = '350703000000';

// ---------- the three actors, as the routes see them ----------

/** A context acting as the account logged in with `cookie` (the actor the session resolves to). */
async function actingAs(t: TestApp, cookie: string): Promise<Ctx> {
  const { actor } = await actorFromSessionToken(t.ctx, cookie.replace(/^tb_sid=/, ''));
  return { ...t.ctx, actor, requestId: randomUUID() };
}

interface Setup {
  implementationId: string;
  citizen: Ctx;
  clerk: Ctx;
  approver: Ctx;
}

async function setUp(t: TestApp): Promise<Setup> {
  const scjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  const admins = {
    editor: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
    reviewer: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
  };
  const base = buildGuide();
  // Three steps, no uploads: the only material comes from the license library, so a lifecycle is
  // all case work (files have their own costs and their own tests).
  const v = await publishImplementation(t.app, admins, scjg, buildGuide({
    processSteps: [
      { key: 'accept', name: '受理', role: 'window_clerk', days: 1 },
      { key: 'review', name: '审查', role: 'approver', days: 1 },
      { key: 'decide', name: '决定', role: 'approver', days: 1 },
    ],
    materials: (base.materials ?? []).filter((m) => m.key === 'business-license'),
  }));
  return {
    implementationId: v.implementationId,
    citizen: await actingAs(t, await loginCookie(t.app, (await buildCitizen(t.ctx)).login)),
    clerk: await actingAs(t, await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: scjg })).login)),
    approver: await actingAs(t, await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: scjg })).login)),
  };
}

function openTask(c: CaseViewT, stepKey: string): string {
  const task = c.tasks.find((x) => x.stepKey === stepKey && x.status === 'open');
  if (!task) throw new Error(`no open task ${stepKey}`);
  return task.id;
}

/** One lifecycle through the service; returns the case number and the idempotency key it used. */
async function serviceLifecycle(s: Setup): Promise<{ caseNumber: string; key: string }> {
  const key = `bench-${randomUUID()}`;
  const input = CreateCaseBody.parse({
    implementationId: s.implementationId, submit: true,
    materials: { 'business-license': { via: 'license', licenseNumber: '92350703MA00000001' } },
  });
  const created = await cases.createCase(s.citizen, input, key);
  const id = created.body.id;
  const accepted = await cases.accept(s.clerk, id, AcceptBody.parse({ opinion: '材料齐全，予以受理' }), false);
  const reviewed = await cases.taskAction(s.approver, id, openTask(accepted, 'review'), { action: 'approve', body: ApproveBody.parse({ opinion: '同意' }) });
  const decided = await cases.taskAction(s.approver, id, openTask(reviewed, 'decide'), { action: 'approve', body: ApproveBody.parse({ opinion: '准予许可' }) });
  if (decided.state !== 'completed') throw new Error(`lifecycle ended in ${decided.state}`);
  return { caseNumber: created.body.caseNumber ?? '', key };
}

// ---------- capturing the service's SQL, and replaying it raw ----------

/** One statement as the driver received it, with the rows it answered. */
interface Statement {
  text: string;
  params: unknown[];
  rows: unknown[];
}

type Query = (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
const BEGIN = 'begin';
const COMMIT = 'commit';

function textOf(q: unknown): string {
  return typeof q === 'string' ? q : (q as { text: string }).text;
}

/**
 * Wrap a driver object's `query` so that every call is appended to `log`; returns how to undo it.
 * pg's pool calls a client's query with a callback, drizzle and PGlite with a promise: both are seen.
 */
function tap(target: { query: unknown }, log: Statement[]): () => void {
  const original = target.query as (...args: unknown[]) => Promise<{ rows: unknown[] }> | undefined;
  target.query = (...args: unknown[]) => {
    const entry = { text: textOf(args[0]), params: Array.isArray(args[1]) ? [...(args[1] as unknown[])] : [] };
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (err: unknown, r: { rows: unknown[] } | undefined) => {
        if (!err && r) log.push({ ...entry, rows: r.rows });
        (callback as (e: unknown, x: unknown) => void)(err, r);
      };
      return original.apply(target, args);
    }
    return original.apply(target, args)?.then((r) => {
      log.push({ ...entry, rows: r.rows });
      return r;
    });
  };
  return () => {
    target.query = original;
  };
}

/**
 * How the raw baseline's statements were captured: one lifecycle runs through the service while the
 * driver's `query` (and, on PGlite, `transaction`, whose BEGIN/COMMIT do not pass through `query`;
 * on PostgreSQL drizzle sends "begin"/"commit" as queries on a pooled client) is wrapped to log each
 * statement's text, parameters and answered rows. The replay sends the same text and parameters,
 * with the values the database generated (ids, hashes) swapped for the ones it generates this time.
 */
async function captureLifecycle(database: Database, s: Setup): Promise<{ statements: Statement[]; caseNumber: string; key: string }> {
  const log: Statement[] = [];
  const undo: (() => void)[] = [];
  const client = (database.db as unknown as { $client: PGlite | pg.Pool }).$client;
  if (database.engine === 'pglite') {
    const lite = client as PGlite;
    undo.push(tap(lite, log));
    const transaction = lite.transaction.bind(lite);
    lite.transaction = (async <T>(fn: (tx: Transaction) => Promise<T>) => transaction(async (tx) => {
      log.push({ text: BEGIN, params: [], rows: [] });
      const untap = tap(tx, log);
      const r = await fn(tx);
      untap();
      log.push({ text: COMMIT, params: [], rows: [] });
      return r;
    }));
    undo.push(() => {
      lite.transaction = transaction;
    });
  } else {
    const pool = client as pg.Pool;
    // Statements are taken from the pooled clients, each tapped once: pool.query connects with a
    // callback, drizzle's transactions with a promise.
    const tapped = new WeakSet<object>();
    const tapOnce = (c: pg.PoolClient | undefined) => {
      if (c && !tapped.has(c)) {
        tapped.add(c);
        undo.push(tap(c, log));
      }
      return c;
    };
    const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient> | undefined;
    pool.connect = ((...args: unknown[]) => {
      const callback = args[0];
      if (typeof callback === 'function') {
        return connect((err: unknown, c: pg.PoolClient | undefined, done: unknown) => (callback as (...x: unknown[]) => void)(err, tapOnce(c), done));
      }
      return connect()?.then((c) => tapOnce(c));
    }) as pg.Pool['connect'];
    undo.push(() => {
      pool.connect = connect as pg.Pool['connect'];
    });
  }
  try {
    const { caseNumber, key } = await serviceLifecycle(s);
    return { statements: log.map((x) => ({ ...x, text: x.text.trim().toLowerCase() === 'begin' ? BEGIN : x.text.trim().toLowerCase() === 'commit' ? COMMIT : x.text })), caseNumber, key };
  } finally {
    for (const u of undo.reverse()) u();
  }
}

function valuesOf(row: unknown): unknown[] {
  return Array.isArray(row) ? row : Object.values(row as Record<string, unknown>);
}

/**
 * Replay one captured lifecycle. Values the database generated (uuids, the audit chain's last hash)
 * are learnt by pairing each captured answer with this replay's answer and substituted in later
 * parameters; the values that must be unique and come from the app (case number, idempotency key)
 * are fresh; the audit row's seq (the app computes last seq + 1) follows the seq read just before.
 */
async function replayLifecycle(database: Database, captured: { statements: Statement[]; caseNumber: string; key: string }, n: number): Promise<string> {
  const caseNumber = `${captured.caseNumber.slice(0, 15)}${String(90_000 + n).padStart(5, '0')}`;
  const map = new Map<string, string>([
    [captured.caseNumber, caseNumber],
    [captured.key, `bench-raw-${randomUUID()}`],
  ]);
  // Assigned from inside the row callback below: a holder keeps the type checker from narrowing it to null.
  const audit: { seq: { old: number; now: number } | null } = { seq: null };
  const subst = (p: unknown): unknown => {
    if (typeof p !== 'string') return p;
    let out = p;
    for (const [a, b] of map) if (out.includes(a)) out = out.replaceAll(a, b);
    return out;
  };
  const client = (database.db as unknown as { $client: PGlite | pg.Pool }).$client;
  let tx: pg.PoolClient | null = null;
  const query: Query = async (text, params) => {
    if (database.engine === 'pglite') return (client as PGlite).query(text, params);
    if (text === BEGIN) tx = await (client as pg.Pool).connect();
    const target = tx ?? (client as pg.Pool);
    const r = await target.query(text, params);
    if (text === COMMIT && tx) {
      tx.release();
      tx = null;
    }
    return r;
  };
  for (const st of captured.statements) {
    let params = st.params.map(subst);
    const seq = audit.seq;
    if (seq && st.text.startsWith('insert into audit_log') && params[0] === seq.old + 1) params = [seq.now + 1, ...params.slice(1)];
    const r = await query(st.text, params);
    st.rows.forEach((row, i) => {
      const fresh = r.rows[i];
      if (fresh === undefined) return;
      if (row && typeof row === 'object' && 'seq_text' in row) {
        audit.seq = { old: Number((row as { seq_text: string }).seq_text), now: Number((fresh as { seq_text: string }).seq_text) };
      }
      const before = valuesOf(row);
      const after = valuesOf(fresh);
      before.forEach((v, j) => {
        const w = after[j];
        if (typeof v === 'string' && typeof w === 'string' && v !== w && v.length >= 8) map.set(v, w);
      });
    });
  }
  return caseNumber;
}

// ---------- the peer engine ----------

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="case" targetNamespace="http://tongban.example/bench">
  <process id="lifecycle" isExecutable="true">
    <startEvent id="submitted" />
    <sequenceFlow id="f1" sourceRef="submitted" targetRef="accept" />
    <userTask id="accept" name="受理" />
    <sequenceFlow id="f2" sourceRef="accept" targetRef="review" />
    <userTask id="review" name="审查" />
    <sequenceFlow id="f3" sourceRef="review" targetRef="decide" />
    <userTask id="decide" name="决定" />
    <sequenceFlow id="f4" sourceRef="decide" targetRef="completed" />
    <endEvent id="completed" />
  </process>
</definitions>`;

/**
 * One lifecycle on bpmn-engine: start and persist the state; then for each of the three tasks read
 * the state, recover, resume, signal the task and write the state back — each step in one short
 * transaction, as the service does.
 */
async function bpmnLifecycle(database: Database): Promise<void> {
  const id = randomUUID();
  const engine = new Engine({ name: id, source: BPMN });
  await engine.execute();
  await database.executeSql('insert into bench_bpmn_state (id, state) values ($1, $2::jsonb)', [id, JSON.stringify(await engine.getState())]);
  for (const step of ['accept', 'review', 'decide']) {
    const row = (await database.executeSql('select state from bench_bpmn_state where id = $1', [id])).rows[0];
    const state: unknown = typeof row?.state === 'string' ? JSON.parse(row.state) : row?.state;
    const recovered = new Engine().recover(state);
    const execution = await recovered.resume();
    execution.signal({ id: step });
    await database.executeSql('update bench_bpmn_state set state = $2::jsonb, step = $3 where id = $1', [id, JSON.stringify(await recovered.getState()), step]);
  }
  const done = (await database.executeSql('select state #>> \'{state}\' as s from bench_bpmn_state where id = $1', [id])).rows[0];
  if (done?.s !== 'idle') throw new Error(`bpmn lifecycle ended in ${String(done?.s)}`);
}

// ---------- the run ----------

async function main(): Promise<void> {
  await buildTemplate();
  const t = await createTestApp();
  const s = await setUp(t);
  await t.database.executeSql('create table bench_bpmn_state (id uuid primary key, step text, state jsonb not null)');
  // Warm up every path (JIT, caches, prepared plans), then capture the statements of one lifecycle.
  for (let i = 0; i < 3; i++) {
    await serviceLifecycle(s);
    await bpmnLifecycle(t.database);
  }
  const captured = await captureLifecycle(t.database, s);
  // A replay that silently touched no rows would flatter the baseline: check that it did the work.
  const replayed = await replayLifecycle(t.database, captured, 0);
  const check = (await t.database.executeSql(`select c.state, count(distinct t.id) filter (where t.status = 'approved')::int as approved, count(distinct e.seq)::int as events
    from cases c left join case_tasks t on t.case_id = c.id left join case_events e on e.case_id = c.id where c.case_number = $1 group by c.state`, [replayed])).rows[0];
  if (check?.state !== 'completed' || check.approved !== 2) throw new Error(`raw replay did not complete its case: ${JSON.stringify(check)}`);
  const statements = captured.statements.filter((x) => x.text !== BEGIN && x.text !== COMMIT).length;
  const transactions = captured.statements.filter((x) => x.text === BEGIN).length;

  let n = 1;
  const scenarios: { name: string; run: () => Promise<unknown> }[] = [
    { name: `baseline: the same ${statements} statements in ${transactions} transactions, raw on the driver`, run: () => replayLifecycle(t.database, captured, n++) },
    { name: 'cases service: createCase(submit) → accept → approve 审查 → approve 决定', run: () => serviceLifecycle(s) },
    { name: 'bpmn-engine 25: start → 3 user tasks, state JSON saved and recovered between steps', run: () => bpmnLifecycle(t.database) },
  ];
  const samples = new Map<string, number[]>(scenarios.map((x) => [x.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const sc of scenarios) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < PER_ROUND; i++) await sc.run();
      samples.get(sc.name)?.push(Number(process.hrtime.bigint() - start) / 1e6 / PER_ROUND);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const base = median(samples.get(scenarios[0]?.name ?? '') ?? []);
  const engine = testPostgresUrl() ? 'PostgreSQL 15' : 'PGlite (embedded)';
  const table = [
    `### Case lifecycle, ${engine} — ${new Date().toISOString().slice(0, 10)}, ${ROUNDS} interleaved rounds × ${PER_ROUND} lifecycles, one at a time, median round`,
    '',
    '| scenario | ms / lifecycle | cases / s | ratio to raw SQL |',
    '| --- | ---: | ---: | ---: |',
    ...scenarios.map((sc) => {
      const m = median(samples.get(sc.name) ?? []);
      return `| ${sc.name} | ${m.toFixed(2)} | ${(1000 / m).toFixed(1)} | ${(m / base).toFixed(2)}× |`;
    }),
  ].join('\n');
  console.log(table);
  writeResults(`### Case lifecycle, ${engine} —`, table);
  await t.close();
}

await main();
