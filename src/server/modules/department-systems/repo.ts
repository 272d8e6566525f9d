import { sql } from 'drizzle-orm';
import type { DeliveryStatus, DepartmentEvent } from '../../../common/schemas/department-systems.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A registration row. */
export interface SystemRow {
  id: string;
  department_id: string;
  department_name: string;
  name: string;
  webhook_url: string;
  secret_enc: string;
  events: DepartmentEvent[];
  active: boolean;
  secret_rotated_at: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A delivery row. */
export interface DeliveryRow {
  id: string;
  system_id: string;
  case_id: string;
  case_number: string | null;
  event: string;
  event_id: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

const SELECT_SYSTEM = sql`select s.*, d.name as department_name from department_systems s join departments d on d.id = s.department_id`;

/** Every registration, by department name. */
export function listSystems(db: Db): Promise<SystemRow[]> {
  return rows<SystemRow>(db, sql`${SELECT_SYSTEM} order by d.name, s.created_at`);
}

/** Find a registration by id. */
export function findSystem(db: Db, id: string): Promise<SystemRow | undefined> {
  return firstRow<SystemRow>(db, sql`${SELECT_SYSTEM} where s.id = ${id}`);
}

/** Find the registration of a department. */
export function findSystemOfDepartment(db: Db, departmentId: string): Promise<SystemRow | undefined> {
  return firstRow<SystemRow>(db, sql`${SELECT_SYSTEM} where s.department_id = ${departmentId}`);
}

/** Insert a registration; returns its id. */
export async function insertSystem(db: Db, s: { departmentId: string; name: string; webhookUrl: string; secretEnc: string; events: DepartmentEvent[]; active: boolean }): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into department_systems (department_id, name, webhook_url, secret_enc, events, active)
    values (${s.departmentId}, ${s.name}, ${s.webhookUrl}, ${s.secretEnc}, ${JSON.stringify(s.events)}::jsonb, ${s.active}) returning id`);
  if (!r) throw new Error('insert into department_systems returned no row');
  return r.id;
}

/** Update a registration's editable fields (undefined leaves a field as it is). */
export async function updateSystem(db: Db, id: string, s: { name?: string | undefined; webhookUrl?: string | undefined; events?: DepartmentEvent[] | undefined; active?: boolean | undefined; secretEnc?: string }): Promise<void> {
  await db.execute(sql`update department_systems set
    name = coalesce(${s.name ?? null}, name),
    webhook_url = coalesce(${s.webhookUrl ?? null}, webhook_url),
    events = coalesce(${s.events ? JSON.stringify(s.events) : null}::jsonb, events),
    active = coalesce(${s.active ?? null}, active),
    secret_enc = coalesce(${s.secretEnc ?? null}, secret_enc),
    secret_rotated_at = case when ${s.secretEnc ?? null}::text is null then secret_rotated_at else now() end,
    updated_at = now()
    where id = ${id}`);
}

/** Insert a pending delivery; returns its id. */
export async function insertDelivery(db: Db, d: { systemId: string; caseId: string; event: string; eventId: string; payload: object }): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into department_deliveries (system_id, case_id, event, event_id, payload)
    values (${d.systemId}, ${d.caseId}, ${d.event}, ${d.eventId}, ${JSON.stringify(d.payload)}::jsonb) returning id`);
  if (!r) throw new Error('insert into department_deliveries returned no row');
  return r.id;
}

const SELECT_DELIVERY = sql`select x.*, c.case_number from department_deliveries x join cases c on c.id = x.case_id`;

/** Find a delivery. */
export function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return firstRow<DeliveryRow>(db, sql`${SELECT_DELIVERY} where x.id = ${id}`);
}

/** Record one attempt's outcome. */
export async function recordAttempt(db: Db, id: string, r: { status: DeliveryStatus; statusCode: number | null; error: string | null }): Promise<void> {
  await db.execute(sql`update department_deliveries set attempts = attempts + 1, status = ${r.status}, last_status_code = ${r.statusCode}, last_error = ${r.error},
    delivered_at = ${r.status === 'delivered' ? sql`now()` : sql`delivered_at`}, updated_at = now() where id = ${id}`);
}

/** Put a failed delivery back to pending (a manual retry); false when it is not failed. */
export async function reopenDelivery(db: Db, id: string): Promise<boolean> {
  return (await rows(db, sql`update department_deliveries set status = 'pending', updated_at = now() where id = ${id} and status = 'failed' returning id`)).length > 0;
}

/** A page of a system's deliveries, newest first. */
export async function listDeliveries(db: Db, systemId: string, q: { status?: DeliveryStatus | undefined; page: number; pageSize: number }) {
  const where = sql`x.system_id = ${systemId}${q.status ? sql` and x.status = ${q.status}` : sql``}`;
  const items = await rows<DeliveryRow>(db, sql`${SELECT_DELIVERY} where ${where} order by x.created_at desc, x.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  const total = await firstRow<{ n: number }>(db, sql`select count(*)::int as n from department_deliveries x where ${where}`);
  return { items, total: total?.n ?? 0 };
}

/** True when the system already sent this inbound event id. */
export async function inboundSeen(db: Db, systemId: string, eventId: string): Promise<boolean> {
  return (await rows(db, sql`select 1 from department_inbound_events where system_id = ${systemId} and event_id = ${eventId}`)).length > 0;
}

/** Record an inbound event id; false when it was already recorded (a replay that raced the first). */
export async function recordInbound(db: Db, e: { systemId: string; eventId: string; caseId: string; kind: string }): Promise<boolean> {
  const r = await rows(db, sql`insert into department_inbound_events (system_id, event_id, case_id, kind) values (${e.systemId}, ${e.eventId}, ${e.caseId}, ${e.kind})
    on conflict do nothing returning event_id`);
  return r.length > 0;
}
