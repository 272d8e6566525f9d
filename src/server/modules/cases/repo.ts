import { sql, type SQL } from 'drizzle-orm';
import type { CaseState } from '../../../common/schemas/cases.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A case row. */
export interface CaseRow {
  id: string;
  case_number: string | null;
  state: CaseState;
  channel: 'online' | 'window';
  implementation_id: string;
  version_id: string;
  item_name: string;
  region_code: string;
  department_id: string;
  applicant_account_id: string | null;
  applicant: StoredApplicant;
  applicant_id_number_enc: string | null;
  applicant_id_number_hash: string | null;
  created_by: string;
  form_data: Record<string, unknown>;
  materials: Record<string, unknown>;
  submitted_at: Date | null;
  accepted_at: Date | null;
  accepted_by: string | null;
  receipt_number: string | null;
  limit_days: number | null;
  limit_unit: 'working_day' | 'natural_day' | null;
  due_date: string | Date | null;
  current_stage: number | null;
  round: number;
  supplement_count: number;
  supplement_request: StoredSupplementRequest | null;
  deficiency: StoredDeficiency | null;
  decision: StoredDecision | null;
  special_procedure: StoredSpecial | null;
  outcome: 'approved' | 'denied' | null;
  result: StoredResult | null;
  completed_at: Date | null;
  delivery: StoredDelivery | null;
  delivered_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The applicant snapshot stored on a case (numbers masked; the ID number is in its encrypted column). */
export interface StoredApplicant {
  kind: 'person' | 'legal_person';
  name: string;
  idNumberMasked: string | null;
  creditCode: string | null;
  legalRepName: string | null;
  agentName: string | null;
}
/** The open supplement request. */
export interface StoredSupplementRequest {
  items: { key: string; reason: string }[];
  notice: string | null;
  requestedAt: string;
  requestedBy: string;
}
/** Materials promised at a 容缺受理. */
export interface StoredDeficiency {
  keys: string[];
  dueDate: string;
}
/** A decision that ended the case without approval. */
export interface StoredDecision {
  kind: 'not_accepted' | 'denied' | 'withdrawn';
  reasons: string[];
  notice: string | null;
  decidedAt: string;
}
/** The running special procedure. */
export interface StoredSpecial {
  name: string;
  reason: string;
  maxDays: number | null;
  startedAt: string;
}
/** The result of a completed case. */
export interface StoredResult {
  type: string;
  name: string;
  documentNumber: string;
  issuedAt: string;
  licenseTypeCode: string | null;
}
/** How the result was handed over. */
export interface StoredDelivery {
  method: 'window' | 'courier' | 'online';
  recipient: string | null;
  address: string | null;
  trackingNumber: string | null;
  note: string | null;
  deliveredAt: string;
}

/** Draw the next number of a region's day; the upsert's row lock serializes concurrent callers. */
export async function nextSequence(db: Db, region6: string, day: string): Promise<number> {
  const r = await firstRow<{ last_seq: number }>(db, sql`insert into case_number_counters (region6, day, last_seq) values (${region6}, ${day}, 1)
    on conflict (region6, day) do update set last_seq = case_number_counters.last_seq + 1 returning last_seq`);
  if (!r) throw new Error('case number counter returned no row');
  return r.last_seq;
}

/** Columns of a new case. */
export interface NewCase {
  state: CaseState;
  channel: 'online' | 'window';
  implementationId: string;
  versionId: string;
  itemName: string;
  regionCode: string;
  departmentId: string;
  applicantAccountId: string | null;
  applicant: StoredApplicant;
  applicantIdNumberEnc: string | null;
  applicantIdNumberHash: string | null;
  createdBy: string;
  formData: Record<string, unknown>;
  materials: Record<string, unknown>;
}

/** Insert a case; returns its id. */
export async function insertCase(db: Db, c: NewCase): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into cases (state, channel, implementation_id, version_id, item_name, region_code, department_id,
      applicant_account_id, applicant, applicant_id_number_enc, applicant_id_number_hash, created_by, form_data, materials)
    values (${c.state}, ${c.channel}, ${c.implementationId}, ${c.versionId}, ${c.itemName}, ${c.regionCode}, ${c.departmentId},
      ${c.applicantAccountId}, ${JSON.stringify(c.applicant)}::jsonb, ${c.applicantIdNumberEnc}, ${c.applicantIdNumberHash}, ${c.createdBy},
      ${JSON.stringify(c.formData)}::jsonb, ${JSON.stringify(c.materials)}::jsonb) returning id`);
  if (!r) throw new Error('insert into cases returned no row');
  return r.id;
}

const SELECT_CASE = sql`select c.*, c.due_date::text as due_date from cases c`;

/** Find a case. */
export function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return firstRow<CaseRow>(db, sql`${SELECT_CASE} where c.id = ${id}`);
}

/** Find a case and lock its row for the rest of the transaction: every action on a case runs under this lock. */
export function lockCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return firstRow<CaseRow>(db, sql`${SELECT_CASE} where c.id = ${id} for update`);
}

/** Columns an action may change. */
export interface CasePatch {
  state?: CaseState;
  caseNumber?: string;
  formData?: Record<string, unknown>;
  materials?: Record<string, unknown>;
  submittedAt?: Date;
  acceptedAt?: Date;
  acceptedBy?: string;
  receiptNumber?: string;
  limitDays?: number;
  limitUnit?: 'working_day' | 'natural_day';
  dueDate?: string | null;
  currentStage?: number | null;
  round?: number;
  supplementCount?: number;
  supplementRequest?: StoredSupplementRequest | null;
  deficiency?: StoredDeficiency | null;
  decision?: StoredDecision | null;
  specialProcedure?: StoredSpecial | null;
  outcome?: 'approved' | 'denied';
  result?: StoredResult;
  completedAt?: Date;
  delivery?: StoredDelivery;
  deliveredAt?: Date;
}

const jsonb = (v: unknown): SQL => (v === null ? sql`null` : sql`${JSON.stringify(v)}::jsonb`);

/** Apply a patch to a case. */
export async function updateCase(db: Db, id: string, p: CasePatch): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  const set = (col: string, v: SQL) => sets.push(sql`${sql.identifier(col)} = ${v}`);
  if (p.state !== undefined) set('state', sql`${p.state}`);
  if (p.caseNumber !== undefined) set('case_number', sql`${p.caseNumber}`);
  if (p.formData !== undefined) set('form_data', jsonb(p.formData));
  if (p.materials !== undefined) set('materials', jsonb(p.materials));
  if (p.submittedAt !== undefined) set('submitted_at', sql`${p.submittedAt.toISOString()}`);
  if (p.acceptedAt !== undefined) set('accepted_at', sql`${p.acceptedAt.toISOString()}`);
  if (p.acceptedBy !== undefined) set('accepted_by', sql`${p.acceptedBy}`);
  if (p.receiptNumber !== undefined) set('receipt_number', sql`${p.receiptNumber}`);
  if (p.limitDays !== undefined) set('limit_days', sql`${p.limitDays}`);
  if (p.limitUnit !== undefined) set('limit_unit', sql`${p.limitUnit}`);
  if (p.dueDate !== undefined) set('due_date', p.dueDate === null ? sql`null` : sql`${p.dueDate}::date`);
  if (p.currentStage !== undefined) set('current_stage', sql`${p.currentStage}`);
  if (p.round !== undefined) set('round', sql`${p.round}`);
  if (p.supplementCount !== undefined) set('supplement_count', sql`${p.supplementCount}`);
  if (p.supplementRequest !== undefined) set('supplement_request', jsonb(p.supplementRequest));
  if (p.deficiency !== undefined) set('deficiency', jsonb(p.deficiency));
  if (p.decision !== undefined) set('decision', jsonb(p.decision));
  if (p.specialProcedure !== undefined) set('special_procedure', jsonb(p.specialProcedure));
  if (p.outcome !== undefined) set('outcome', sql`${p.outcome}`);
  if (p.result !== undefined) set('result', jsonb(p.result));
  if (p.completedAt !== undefined) set('completed_at', sql`${p.completedAt.toISOString()}`);
  if (p.delivery !== undefined) set('delivery', jsonb(p.delivery));
  if (p.deliveredAt !== undefined) set('delivered_at', sql`${p.deliveredAt.toISOString()}`);
  await db.execute(sql`update cases set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

/** A task row. */
export interface TaskRow {
  id: string;
  case_id: string;
  round: number;
  stage: number;
  step_key: string;
  step_name: string;
  role: 'window_clerk' | 'approver';
  department_id: string;
  region_code: string;
  parallel_group: string | null;
  status: 'open' | 'claimed' | 'approved' | 'rejected' | 'returned' | 'cancelled';
  assignee_id: string | null;
  returned_from: string | null;
  opinion: string | null;
  created_at: Date;
  claimed_at: Date | null;
  completed_at: Date | null;
}

/** Columns of a new task. */
export interface NewTask {
  caseId: string;
  round: number;
  stage: number;
  stepKey: string;
  stepName: string;
  role: 'window_clerk' | 'approver';
  departmentId: string;
  regionCode: string;
  parallelGroup: string | null;
  returnedFrom: string | null;
}

/** Insert a task. */
export async function insertTask(db: Db, t: NewTask): Promise<void> {
  await db.execute(sql`insert into case_tasks (case_id, round, stage, step_key, step_name, role, department_id, region_code, parallel_group, status, returned_from)
    values (${t.caseId}, ${t.round}, ${t.stage}, ${t.stepKey}, ${t.stepName}, ${t.role}, ${t.departmentId}, ${t.regionCode}, ${t.parallelGroup}, 'open', ${t.returnedFrom})`);
}

/** The tasks of a case, in order. */
export function listTasks(db: Db, caseId: string): Promise<TaskRow[]> {
  return rows<TaskRow>(db, sql`select * from case_tasks where case_id = ${caseId} order by round, stage, created_at, step_key`);
}

/** Change a task's status (and assignee, opinion). */
export async function updateTask(db: Db, id: string, p: { status?: TaskRow['status']; assigneeId?: string | null; opinion?: string; claimed?: boolean; completed?: boolean }): Promise<void> {
  const sets: SQL[] = [];
  if (p.status !== undefined) sets.push(sql`status = ${p.status}`);
  if (p.assigneeId !== undefined) sets.push(sql`assignee_id = ${p.assigneeId}`);
  if (p.opinion !== undefined) sets.push(sql`opinion = ${p.opinion}`);
  if (p.claimed) sets.push(sql`claimed_at = now()`);
  if (p.completed) sets.push(sql`completed_at = now()`);
  if (sets.length === 0) return;
  await db.execute(sql`update case_tasks set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

/** Close every still-open task of a case (a return or a denial ends the running stage). */
export async function cancelOpenTasks(db: Db, caseId: string): Promise<void> {
  await db.execute(sql`update case_tasks set status = 'cancelled', completed_at = now() where case_id = ${caseId} and status in ('open', 'claimed')`);
}

/** A timeline event to append. */
export interface NewEvent {
  caseId: string;
  actorAccountId: string | null;
  actorName: string;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  taskId?: string | null;
  stepName?: string | null;
  opinion?: string | null;
  data?: Record<string, unknown> | null;
}

/** Append an event to a case's timeline (the caller holds the case lock, so seq is gapless). */
export async function insertEvent(db: Db, e: NewEvent): Promise<void> {
  await db.execute(sql`insert into case_events (case_id, seq, actor_account_id, actor_name, action, from_state, to_state, task_id, step_name, opinion, data)
    values (${e.caseId}, (select coalesce(max(seq), 0) + 1 from case_events where case_id = ${e.caseId}), ${e.actorAccountId}, ${e.actorName}, ${e.action},
      ${e.fromState}, ${e.toState}, ${e.taskId ?? null}, ${e.stepName ?? null}, ${e.opinion ?? null}, ${e.data ? JSON.stringify(e.data) : null}::jsonb)`);
}

/** A timeline event. */
export interface EventRow {
  seq: number;
  occurred_at: Date;
  actor_name: string;
  action: string;
  from_state: CaseState | null;
  to_state: CaseState;
  step_name: string | null;
  opinion: string | null;
  data: Record<string, unknown> | null;
}

/** The timeline of a case. */
export function listEvents(db: Db, caseId: string): Promise<EventRow[]> {
  return rows<EventRow>(db, sql`select seq, occurred_at, actor_name, action, from_state, to_state, step_name, opinion, data from case_events where case_id = ${caseId} order by seq`);
}

/** A pause of the clock. */
export interface PauseRow {
  id: string;
  kind: 'supplement' | 'special_procedure';
  name: string;
  started_at: Date;
  ended_at: Date | null;
}

/** Start a pause. */
export async function insertPause(db: Db, p: { caseId: string; kind: PauseRow['kind']; name: string; reason: string | null; maxDays: number | null; at: Date }): Promise<void> {
  await db.execute(sql`insert into case_pauses (case_id, kind, name, reason, max_days, started_at) values (${p.caseId}, ${p.kind}, ${p.name}, ${p.reason}, ${p.maxDays}, ${p.at.toISOString()})`);
}

/** End the running pause of a kind. */
export async function endPause(db: Db, caseId: string, kind: PauseRow['kind'], at: Date, result: string | null): Promise<void> {
  await db.execute(sql`update case_pauses set ended_at = ${at.toISOString()}, result = ${result} where case_id = ${caseId} and kind = ${kind} and ended_at is null`);
}

/** The pauses of cases. */
export async function pausesOf(db: Db, caseIds: string[]): Promise<Map<string, PauseRow[]>> {
  const out = new Map<string, PauseRow[]>();
  if (caseIds.length === 0) return out;
  const list = await rows<PauseRow & { case_id: string }>(db, sql`select id, case_id, kind, name, started_at, ended_at from case_pauses
    where case_id in (${sql.join(caseIds.map((i) => sql`${i}`), sql`, `)}) order by started_at`);
  for (const p of list) out.set(p.case_id, [...(out.get(p.case_id) ?? []), p]);
  return out;
}

/** A stored idempotency key. */
export interface IdempotencyRow {
  operation: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

/**
 * Claim an idempotency key inside the caller's transaction. Returns undefined when the key is new
 * (the caller does the work and saves the answer); otherwise the stored row. A concurrent claim of
 * the same key waits on the unique index until the first transaction commits, then sees its answer.
 */
export async function claimIdempotencyKey(db: Db, k: { actor: string; key: string; operation: string; requestHash: string }): Promise<IdempotencyRow | undefined> {
  const inserted = await firstRow<{ key: string }>(db, sql`insert into idempotency_keys (actor, key, operation, request_hash) values (${k.actor}, ${k.key}, ${k.operation}, ${k.requestHash})
    on conflict (actor, key) do nothing returning key`);
  if (inserted) return undefined;
  const row = await firstRow<IdempotencyRow>(db, sql`select operation, request_hash, status_code, response from idempotency_keys where actor = ${k.actor} and key = ${k.key}`);
  if (!row) throw new Error('idempotency key vanished');
  return row;
}

/** A stored idempotency key with its answer, if any. */
export function findIdempotencyKey(db: Db, actor: string, key: string): Promise<IdempotencyRow | undefined> {
  return firstRow<IdempotencyRow>(db, sql`select operation, request_hash, status_code, response from idempotency_keys where actor = ${actor} and key = ${key}`);
}

/** Store the answer of an idempotent operation. */
export async function saveIdempotentAnswer(db: Db, actor: string, key: string, statusCode: number, response: unknown): Promise<void> {
  await db.execute(sql`update idempotency_keys set status_code = ${statusCode}, response = ${JSON.stringify(response)}::jsonb where actor = ${actor} and key = ${key}`);
}

/** A row of a case list, with the task that put it there. */
export interface CaseListRow extends CaseRow {
  task_id: string | null;
  step_name: string | null;
  total: number;
}

/** Filter of a case list. */
export interface CaseListFilter {
  regionPrefix: string;
  departmentId?: string | null;
  states?: CaseState[];
  applicantAccountId?: string;
  dueBefore?: string;
  dueFrom?: string;
  limit: number;
  offset: number;
}

/** Cases by state, scope, due date or applicant, newest first (due date first for deadline queues). */
export function listCases(db: Db, f: CaseListFilter): Promise<CaseListRow[]> {
  const where: SQL[] = [sql`c.region_code like ${`${f.regionPrefix}%`}`];
  if (f.departmentId) where.push(sql`c.department_id = ${f.departmentId}`);
  if (f.states) where.push(sql`c.state in (${sql.join(f.states.map((s) => sql`${s}`), sql`, `)})`);
  if (f.applicantAccountId) where.push(sql`c.applicant_account_id = ${f.applicantAccountId}`);
  if (f.dueBefore) where.push(sql`c.due_date < ${f.dueBefore}::date`);
  if (f.dueFrom) where.push(sql`c.due_date >= ${f.dueFrom}::date`);
  const order = f.dueBefore ? sql`c.due_date, c.accepted_at` : sql`c.updated_at desc`;
  return rows<CaseListRow>(db, sql`select c.*, c.due_date::text as due_date, null::uuid as task_id, null::text as step_name, count(*) over ()::int as total
    from cases c where ${sql.join(where, sql` and `)} order by ${order} limit ${f.limit} offset ${f.offset}`);
}

/** Filter of a task queue. */
export interface TaskQueueFilter {
  regionPrefix: string;
  roles: string[];
  departmentId: string | null;
  status: 'open' | 'claimed';
  assigneeId?: string;
  returnedOnly?: boolean;
  limit: number;
  offset: number;
}

/** Cases with a task waiting in a queue: claimable by role and department, claimed by me, or created by a return. */
export function listTaskQueue(db: Db, f: TaskQueueFilter): Promise<CaseListRow[]> {
  const where: SQL[] = [sql`t.region_code like ${`${f.regionPrefix}%`}`, sql`c.state = 'processing'`];
  if (f.returnedOnly) where.push(sql`t.returned_from is not null and t.status in ('open', 'claimed')`);
  else where.push(sql`t.status = ${f.status}`);
  if (f.assigneeId) where.push(sql`t.assignee_id = ${f.assigneeId}`);
  else where.push(sql`t.role in (${sql.join(f.roles.map((r) => sql`${r}`), sql`, `)})`);
  if (f.departmentId && !f.assigneeId) where.push(sql`t.department_id = ${f.departmentId}`);
  return rows<CaseListRow>(db, sql`select c.*, c.due_date::text as due_date, t.id as task_id, t.step_name, count(*) over ()::int as total
    from case_tasks t join cases c on c.id = t.case_id where ${sql.join(where, sql` and `)}
    order by c.due_date nulls last, t.created_at limit ${f.limit} offset ${f.offset}`);
}
