import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  CreateDepartmentSystemBody,
  DeliveryListQuery,
  DeliveryView,
  DepartmentProgressBody,
  DepartmentResultBody,
  DepartmentSystemView,
  UpdateDepartmentSystemBody,
} from '../../../common/schemas/department-systems.ts';
import { audit } from '../../platform/audit.ts';
import { withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineJob, enqueue } from '../../platform/jobs.ts';
import * as cases from '../cases/service.ts';
import { registerCaseEventHandler, type CaseLifecycleEvent } from '../cases/hooks.ts';
import { pii } from '../identity/service.ts';
import * as org from '../org/service.ts';
import * as repo from './repo.ts';
import { readSignedHeaders, signHeaders, verifySignature } from './signature.ts';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

// A department system that does not answer within this is treated as failed (and retried).
const DELIVERY_TIMEOUT_MS = 10_000;

/** A fresh shared secret: 32 random bytes, base64url, recognisable by its prefix. */
function newSecret(): string {
  return `tbsec_${randomBytes(32).toString('base64url')}`;
}

/** Present a registration: never the secret. */
export function presentSystem(s: repo.SystemRow): z.input<typeof DepartmentSystemView> {
  return {
    id: s.id, departmentId: s.department_id, departmentName: s.department_name, name: s.name, webhookUrl: s.webhook_url, events: s.events, active: s.active,
    secretRotatedAt: iso(s.secret_rotated_at) ?? '', createdAt: iso(s.created_at) ?? '', updatedAt: iso(s.updated_at) ?? '',
  };
}

/** Present a delivery. */
export function presentDelivery(d: repo.DeliveryRow): z.input<typeof DeliveryView> {
  return {
    id: d.id, systemId: d.system_id, caseId: d.case_id, caseNumber: d.case_number, event: d.event, eventId: d.event_id, status: d.status, attempts: d.attempts,
    lastStatusCode: d.last_status_code, lastError: d.last_error, createdAt: iso(d.created_at) ?? '', deliveredAt: iso(d.delivered_at),
  };
}

async function getSystem(ctx: Ctx, id: string): Promise<repo.SystemRow> {
  const s = await repo.findSystem(ctx.db, id);
  if (!s) throw AppError.notFound('部门自建系统', id);
  return s;
}

// ---------- registrations (console) ----------

/** Every registered department system. */
export async function listSystems(ctx: Ctx) {
  return { items: (await repo.listSystems(ctx.db)).map(presentSystem) };
}

/** Register a department's system; the answer carries the secret, the only time it is shown. */
export async function createSystem(ctx: Ctx, input: z.infer<typeof CreateDepartmentSystemBody>) {
  const dept = await org.findDepartment(ctx, input.departmentId);
  if (!dept) throw AppError.field('departmentId', '部门不存在');
  if (await repo.findSystemOfDepartment(ctx.db, input.departmentId)) throw new AppError('ALREADY_EXISTS', `${dept.name}已登记部门自建系统，请编辑原登记`, [{ path: 'departmentId', message: '已登记' }]);
  const secret = newSecret();
  const id = await withTransaction(ctx, async (tx) => {
    const newId = await repo.insertSystem(tx.db, { departmentId: input.departmentId, name: input.name, webhookUrl: input.webhookUrl, secretEnc: pii(tx).encrypt(secret), events: input.events, active: input.active });
    await audit(tx, { action: 'department-systems.system.create', entityType: 'department_system', entityId: newId, after: { departmentId: input.departmentId, name: input.name, webhookUrl: input.webhookUrl, events: input.events, active: input.active } });
    return newId;
  });
  return { ...presentSystem(await getSystem(ctx, id)), secret };
}

/** Edit a registration (name, URL, events, active). */
export async function updateSystem(ctx: Ctx, id: string, input: z.infer<typeof UpdateDepartmentSystemBody>) {
  const before = await getSystem(ctx, id);
  await withTransaction(ctx, async (tx) => {
    await repo.updateSystem(tx.db, id, input);
    await audit(tx, { action: 'department-systems.system.update', entityType: 'department_system', entityId: id, before: { name: before.name, webhookUrl: before.webhook_url, events: before.events, active: before.active }, after: input });
  });
  return presentSystem(await getSystem(ctx, id));
}

/** Issue a new secret (shown once); the old one stops verifying at once. */
export async function rotateSecret(ctx: Ctx, id: string) {
  await getSystem(ctx, id);
  const secret = newSecret();
  await withTransaction(ctx, async (tx) => {
    await repo.updateSystem(tx.db, id, { secretEnc: pii(tx).encrypt(secret) });
    await audit(tx, { action: 'department-systems.system.rotate-secret', entityType: 'department_system', entityId: id });
  });
  return { ...presentSystem(await getSystem(ctx, id)), secret };
}

/** A page of a system's deliveries, newest first. */
export async function listDeliveries(ctx: Ctx, systemId: string, q: z.output<typeof DeliveryListQuery>) {
  await getSystem(ctx, systemId);
  const r = await repo.listDeliveries(ctx.db, systemId, q);
  return { items: r.items.map(presentDelivery), total: r.total, page: q.page, pageSize: q.pageSize };
}

// ---------- outbound: webhooks ----------

/**
 * POST one delivery to its system, signed. Retried with backoff by the queue; the row records every
 * attempt, is 'delivered' once a 2xx arrives and 'failed' after the last attempt. A delivered row is
 * never sent again, and every attempt carries the same event id so that the receiver can dedupe a
 * send whose answer was lost.
 */
export const deliverJob = defineJob<{ deliveryId: string }>(
  'department-systems.deliver',
  async (ctx, { deliveryId }, attempt) => {
    const d = await repo.findDelivery(ctx.db, deliveryId);
    if (!d || d.status === 'delivered') return;
    const system = await getSystem(ctx, d.system_id);
    const body = JSON.stringify(d.payload);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(system.webhook_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Tongban-Webhook/1', ...signHeaders(pii(ctx).decrypt(system.secret_enc), d.event_id, body) },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        redirect: 'manual',
      });
      statusCode = res.status;
      // Drain the answer so the connection is released; its content is not ours to keep.
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    }
    if (error === null) {
      await repo.recordAttempt(ctx.db, deliveryId, { status: 'delivered', statusCode, error: null });
      return;
    }
    await repo.recordAttempt(ctx.db, deliveryId, { status: attempt.isLastAttempt ? 'failed' : 'pending', statusCode, error });
    throw new Error(`webhook ${d.event} to ${system.name}: ${error}`);
  },
  // Seven attempts over roughly half an hour (30 s base, doubling, with jitter): a department system down for a deploy catches up.
  { retryLimit: 6, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 60 },
);

/**
 * Queue a webhook for a case event to the department's system when it has an active registration
 * subscribed to the event. Runs in the transition's transaction: no transition, no webhook.
 */
export async function onCaseEvent(tx: Ctx, e: CaseLifecycleEvent): Promise<string | null> {
  const system = await repo.findSystemOfDepartment(tx.db, e.departmentId);
  if (!system?.active || !system.events.includes(e.event)) return null;
  const eventId = randomUUID();
  const payload = { eventId, event: e.event, occurredAt: new Date().toISOString(), case: await cases.departmentCaseSnapshot(tx, e.caseId) };
  const deliveryId = await repo.insertDelivery(tx.db, { systemId: system.id, caseId: e.caseId, event: e.event, eventId, payload });
  await enqueue(tx, deliverJob, { deliveryId });
  return deliveryId;
}

registerCaseEventHandler(async (tx, e) => {
  await onCaseEvent(tx, e);
});

/** Send a failed delivery again (same event id and body); 409 unless it is failed. */
export async function retryDelivery(ctx: Ctx, id: string) {
  await withTransaction(ctx, async (tx) => {
    const d = await repo.findDelivery(tx.db, id);
    if (!d) throw AppError.notFound('推送记录', id);
    if (!(await repo.reopenDelivery(tx.db, id))) throw new AppError('INVALID_STATE', d.status === 'delivered' ? '该推送已送达，无需重试' : '该推送正在重试中', { status: d.status, allowed: [] });
    await enqueue(tx, deliverJob, { deliveryId: id });
    await audit(tx, { action: 'department-systems.delivery.retry', entityType: 'department_delivery', entityId: id, after: { eventId: d.event_id } });
  });
  const d = await repo.findDelivery(ctx.db, id);
  if (!d) throw AppError.notFound('推送记录', id);
  return presentDelivery(d);
}

// ---------- inbound: 数据回流 ----------

/** A verified inbound caller: the department system and the event id it signed. */
export interface InboundCaller {
  system: repo.SystemRow;
  eventId: string;
}

/**
 * Authenticate an inbound report on a case: the case's department must have an active system whose
 * secret signed `${timestamp}.${rawBody}`, within 5 minutes, with an event id not seen before. Every
 * failure is the same 401, so a caller learns nothing about cases it cannot sign for. (OIDC client
 * credentials will replace this function; the routes only call it.)
 */
export async function verifyInbound(ctx: Ctx, caseId: string, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<InboundCaller> {
  const signed = readSignedHeaders(headers);
  const departmentId = /^[0-9a-f-]{36}$/i.test(caseId) ? await cases.findCaseDepartment(ctx, caseId) : undefined;
  const system = departmentId ? await repo.findSystemOfDepartment(ctx.db, departmentId) : undefined;
  if (!system?.active) throw new AppError('UNAUTHENTICATED', '签名校验失败');
  verifySignature(pii(ctx).decrypt(system.secret_enc), signed, rawBody);
  if (await repo.inboundSeen(ctx.db, system.id, signed.eventId)) throw replayed(signed.eventId);
  return { system, eventId: signed.eventId };
}

function replayed(eventId: string): AppError {
  return new AppError('CONFLICT', '该事件编号已处理过（X-Tongban-Event-Id 重复），请求未被重复执行', { eventId });
}

/** The context a department system acts in: the platform, named after the system (shown on the timeline). */
function systemActor(ctx: Ctx, caller: InboundCaller): Ctx {
  return { ...ctx, actor: { type: 'system', name: caller.system.name } };
}

/** Record the event id with the report, in one transaction: a replay that raced the first is refused. */
async function once<T>(ctx: Ctx, caller: InboundCaller, caseId: string, kind: string, work: (tx: Ctx) => Promise<T>): Promise<T> {
  return withTransaction(systemActor(ctx, caller), async (tx) => {
    if (!(await repo.recordInbound(tx.db, { systemId: caller.system.id, eventId: caller.eventId, caseId, kind }))) throw replayed(caller.eventId);
    return work(tx);
  });
}

/** Progress from a department system, on the case timeline (source department_system). */
export async function reportProgress(ctx: Ctx, caller: InboundCaller, caseId: string, input: z.infer<typeof DepartmentProgressBody>) {
  const r = await once(ctx, caller, caseId, 'progress', (tx) => cases.recordDepartmentProgress(tx, caseId, { ...input, eventId: caller.eventId }));
  return { caseId, ...r };
}

/** A result from a department system; may complete the case (409 with the allowed actions when it cannot). */
export async function reportResult(ctx: Ctx, caller: InboundCaller, caseId: string, input: z.infer<typeof DepartmentResultBody>) {
  const r = await once(ctx, caller, caseId, 'result', (tx) => cases.recordDepartmentResult(tx, caseId, { ...input, eventId: caller.eventId }));
  return { caseId, ...r };
}
