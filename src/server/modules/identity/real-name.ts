/**
 * Real-name levels (实名等级): L1 self-declared at registration, L2 verified by SMS or against base
 * data, L3 verified in person at a window (现场实名核验). A level is only ever raised; each raise is
 * a row of real_name_verifications and an audit event on the citizen's record.
 */
import type { z } from 'zod';
import { maskIdNumber, maskPhone } from '../../../common/identifiers.ts';
import type {
  InPersonVerificationBody,
  InPersonVerificationResponse,
  MyRealNameResponse,
  RealNameLookupResponse,
  RealNameVerificationView,
} from '../../../common/schemas/real-name.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, requireScope } from '../../platform/guard.ts';
import { notify } from '../notify/service.ts';
import * as org from '../org/service.ts';
import * as rn from './real-name-repo.ts';
import * as repo from './repo.ts';
import { getAccountRow, pii } from './service.ts';

/** The purpose recorded on every read and change made for an in-person verification. */
export const IN_PERSON_PURPOSE = '现场实名核验';

/** Highest level, reached only at a window. */
const WINDOW_LEVEL = 3;

const LEVEL_NAMES: Record<number, string> = { 1: 'L1 自主声明', 2: 'L2 短信核验', 3: 'L3 现场核验' };

/** What to do to reach a level, for the message of a refusal. */
function howToReach(required: number): string {
  return required >= 3 ? '请携带居民身份证到任一政务服务中心综合窗口办理现场实名核验（L3）' : '请在“我的账户”中通过短信验证码升级为 L2，或携带居民身份证到政务服务中心窗口办理现场实名核验（L3）';
}

/** What a verification is: the level, how it was reached and where. */
export interface RaiseInput {
  level: number;
  method: rn.RealNameMethod;
  windowId?: string | null;
  documentType?: string | null;
  note?: string | null;
  /** Recorded on the audit event (e.g. 现场实名核验, 短信实名核验). */
  purpose: string;
}

/**
 * Raise an account's real-name level (never lowers it) and record how, in the caller's transaction
 * or a new one: the history row and the audit event on the account's record. For the SMS (L2) and
 * window (L3) flows alike.
 */
export async function raiseRealNameLevel(ctx: Ctx, accountId: string, input: RaiseInput): Promise<{ previousLevel: number; level: number; raised: boolean; row: rn.VerificationRow }> {
  return withTransaction(ctx, async (tx) => {
    const r = await rn.raiseLevel(tx.db, accountId, input.level);
    if (!r) throw AppError.notFound('账户', accountId);
    const row = await rn.insertVerification(tx.db, {
      accountId, level: input.level, previousLevel: r.before, method: input.method, verifiedBy: actorAccountId(tx),
      windowId: input.windowId ?? null, documentType: input.documentType ?? null, note: input.note ?? null,
    });
    await audit(tx, {
      action: 'identity.real-name.verify', entityType: 'account', entityId: accountId, subjectAccountId: accountId, purpose: input.purpose,
      before: { realNameLevel: r.before }, after: { realNameLevel: r.after, method: input.method, windowId: input.windowId ?? null, documentType: input.documentType ?? null },
    });
    return { previousLevel: r.before, level: r.after, raised: r.after > r.before, row };
  });
}

/** The acting staff account (a window clerk with a data scope). */
async function clerkRow(ctx: Ctx): Promise<repo.AccountRow> {
  requireScope(ctx);
  const id = actorAccountId(ctx);
  if (!id) throw new AppError('UNAUTHENTICATED', '请先登录');
  return getAccountRow(ctx, id);
}

/** Nobody verifies themselves: a clerk's own citizen account (same ID number) is someone else's job. */
function assertNotSelf(clerk: repo.AccountRow, target: repo.AccountRow): void {
  if (clerk.id === target.id || (clerk.id_number_hash !== null && clerk.id_number_hash === target.id_number_hash)) {
    throw new AppError('FORBIDDEN', '不能为本人办理现场实名核验，请由其他窗口工作人员办理');
  }
}

async function latest(ctx: Ctx, accountId: string): Promise<rn.VerificationRow | undefined> {
  return (await rn.listVerifications(ctx.db, accountId, 1))[0];
}

/**
 * Find the citizen whose ID card is on the counter. Answers the name and masked numbers only; the
 * read is recorded on the citizen's record with its purpose.
 */
export async function lookupForInPerson(ctx: Ctx, idNumber: string): Promise<z.input<typeof RealNameLookupResponse>> {
  const clerk = await clerkRow(ctx);
  const c = pii(ctx);
  const a = await repo.findCitizenByIdHash(ctx.db, c.lookupHash(idNumber));
  if (!a || a.status === 'disabled') {
    throw new AppError('NOT_FOUND', '未找到使用该身份证号码注册的账户，请申请人先在网上或用自助终端注册', [{ path: 'idNumber', message: '该身份证号码尚未注册账户' }]);
  }
  assertNotSelf(clerk, a);
  await audit(ctx, { action: 'identity.real-name.lookup', entityType: 'account', entityId: a.id, subjectAccountId: a.id, purpose: IN_PERSON_PURPOSE, regionCode: ctx.actor.type === 'account' ? (ctx.actor.scope?.regionCode ?? null) : null });
  const last = await latest(ctx, a.id);
  return {
    accountId: a.id, displayName: a.display_name, idNumberMasked: maskIdNumber(idNumber), phoneMasked: a.phone_enc ? maskPhone(c.decrypt(a.phone_enc)) : null,
    realNameLevel: a.real_name_level, lastVerification: last ? { level: last.level, method: last.method, at: new Date(last.verified_at).toISOString() } : null,
  };
}

/** The window a verification happens at: the one named, else the clerk's own; active and in the clerk's region. */
async function verificationWindow(ctx: Ctx, clerkId: string, windowId: string | undefined): Promise<Awaited<ReturnType<typeof org.getWindow>>> {
  const w = windowId
    ? await org.getWindow(ctx, windowId).catch(() => {
        throw AppError.field('windowId', '窗口不存在');
      })
    : await org.staffWindow(ctx, clerkId);
  if (!w) throw AppError.field('windowId', '当前账号未设置所在窗口，请选择办理核验的窗口');
  if (!w.active) throw AppError.field('windowId', '该窗口已停用');
  assertInScope(ctx, w.region_code);
  return w;
}

/**
 * Confirm an in-person check (现场实名核验): the clerk has seen the document and the person, and the
 * number read from it is the account's. The account becomes L3 (a higher level is never lowered),
 * the citizen is notified, and the check is on their record with purpose 现场实名核验.
 */
export async function verifyInPerson(ctx: Ctx, input: z.infer<typeof InPersonVerificationBody>): Promise<z.input<typeof InPersonVerificationResponse>> {
  const clerk = await clerkRow(ctx);
  const w = await verificationWindow(ctx, clerk.id, input.windowId);
  const c = pii(ctx);
  const target = await repo.findAccountById(ctx.db, input.accountId);
  if (!target || target.kind !== 'citizen' || target.status === 'deregistered' || target.status === 'disabled') throw AppError.notFound('账户', input.accountId);
  if (target.id_number_hash !== c.lookupHash(input.idNumber)) throw AppError.field('idNumber', '证件号码与所选账户不一致，请重新读取证件');
  assertNotSelf(clerk, target);
  const windowName = `${w.hall} ${w.number} ${w.name}`;
  const r = await withTransaction(ctx, async (tx) => {
    const raised = await raiseRealNameLevel(tx, target.id, { level: WINDOW_LEVEL, method: 'window', windowId: w.id, documentType: input.documentType, note: input.note ?? null, purpose: IN_PERSON_PURPOSE });
    if (raised.raised) {
      await notify(tx, {
        accountId: target.id, kind: 'identity.real-name', title: '已完成现场实名核验',
        body: `您的账户已于${w.hall}${w.number}号窗口完成现场实名核验，实名等级由 L${raised.previousLevel} 提升为 L${raised.level}，可办理要求最高实名等级的事项。如非本人办理，请立即联系 12345。`,
        link: '/account', channels: ['sms'],
      });
    }
    return raised;
  });
  return {
    accountId: target.id, displayName: target.display_name, idNumberMasked: maskIdNumber(input.idNumber), previousLevel: r.previousLevel, realNameLevel: r.level,
    raised: r.raised, windowName, verifiedAt: new Date(r.row.verified_at).toISOString(),
  };
}

/** The logged-in account's level and how it was reached (for 我的账户). */
export async function myRealName(ctx: Ctx): Promise<z.input<typeof MyRealNameResponse>> {
  const id = actorAccountId(ctx);
  if (!id) throw new AppError('UNAUTHENTICATED', '请先登录');
  const a = await getAccountRow(ctx, id);
  const list = await rn.listVerifications(ctx.db, id);
  const windows = new Map<string, string>();
  for (const wid of new Set(list.map((v) => v.window_id).filter((x): x is string => x !== null))) {
    const w = await org.getWindow(ctx, wid).catch(() => undefined);
    if (w) windows.set(wid, `${w.hall} ${w.number}`);
  }
  const history: z.input<typeof RealNameVerificationView>[] = list.map((v) => ({
    level: v.level, previousLevel: v.previous_level, method: v.method,
    documentType: (v.document_type as z.input<typeof RealNameVerificationView>['documentType']) ?? null,
    windowName: v.window_id ? (windows.get(v.window_id) ?? null) : null, at: new Date(v.verified_at).toISOString(),
  }));
  return { realNameLevel: a.real_name_level, history };
}

/**
 * Refuse (403 REAL_NAME_LEVEL_TOO_LOW) an account whose level is below what an item requires; the
 * details name both levels and how to reach the required one.
 */
export async function assertRealNameLevel(ctx: Ctx, accountId: string, required: number, itemName: string): Promise<void> {
  if (required <= 1) return;
  const a = await getAccountRow(ctx, accountId);
  if (a.real_name_level >= required) return;
  throw new AppError('REAL_NAME_LEVEL_TOO_LOW', `“${itemName}”要求实名等级 ${LEVEL_NAMES[required] ?? `L${required}`} 及以上，您的账户当前为 ${LEVEL_NAMES[a.real_name_level] ?? `L${a.real_name_level}`}。${howToReach(required)}`, {
    requiredLevel: required, currentLevel: a.real_name_level, ways: required >= 3 ? ['window'] : ['sms', 'window'],
  });
}
