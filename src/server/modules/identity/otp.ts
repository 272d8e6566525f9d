/**
 * One-time codes (验证码) sent by SMS or e-mail: SMS login, change of phone or e-mail with
 * re-verification of the new address, and real-name level L2 by the bound phone. A code is six
 * random digits, valid for config.otp.ttlSeconds, single use, and locked by the sixth wrong entry;
 * sending is limited per recipient (one a minute, a daily cap) and per IP by the routes.
 */
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { maskPhone } from '../../../common/identifiers.ts';
import type { CodeSentResponse, EmailChangeBody, OtpPurpose, PhoneChangeBody, RealNameSmsResponse, SmsLoginBody } from '../../../common/schemas/otp.ts';
import { OTP_LENGTH } from '../../../common/schemas/otp.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, clockNow, withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { maskEmail, notify, sendToAddress } from '../notify/service.ts';
import * as otpRepo from './otp-repo.ts';
import { verifyPassword } from './password.ts';
import { raiseRealNameLevel } from './real-name.ts';
import * as repo from './repo.ts';
import { getAccountRow, openSession, pii, type NewSession } from './service.ts';

/** Wrong entries that lock a code: the sixth wrong code locks it. */
export const OTP_MAX_WRONG_ATTEMPTS = 6;

/** The purpose recorded on the audit event of an SMS real-name verification. */
export const SMS_REAL_NAME_PURPOSE = '短信实名核验';

type Channel = 'sms' | 'email';

const PURPOSE_TEXT: Record<OtpPurpose, string> = {
  login: '登录',
  change_phone: '更换手机号',
  change_email: '更换邮箱',
  real_name: '实名等级升级（L2）',
};

/** The lookup hash of a recipient: the same keyed hash accounts.phone_hash holds; e-mail compared case-insensitively. */
function recipientHash(ctx: Ctx, channel: Channel, address: string): string {
  return pii(ctx).lookupHash(channel === 'email' ? address.trim().toLowerCase() : address.trim());
}

function masked(channel: Channel, address: string): string {
  return channel === 'sms' ? maskPhone(address) : maskEmail(address);
}

// Salted by the row id and keyed by the PII key: a stolen table does not give the codes away.
function codeHash(ctx: Ctx, id: string, code: string): string {
  return pii(ctx).lookupHash(`otp/${id}/${code}`);
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What to send and to whom. */
interface IssueInput {
  purpose: OtpPurpose;
  channel: Channel;
  /** The phone number or e-mail address in clear (only its hash is kept with the code). */
  address: string;
  accountId: string | null;
  /** False for a login code asked for a number no account uses: the row counts for the rate limit, nothing is sent. */
  deliver: boolean;
}

/**
 * Create a code and send it, after the per-recipient limits: at most one per
 * config.otp.resendSeconds and config.otp.dailyLimit in 24 hours (429 RATE_LIMITED with
 * retryAfterSeconds). The answer does not depend on whether anything was delivered.
 */
async function issueCode(ctx: Ctx, input: IssueInput): Promise<z.input<typeof CodeSentResponse>> {
  const { ttlSeconds, resendSeconds, dailyLimit } = ctx.config.otp;
  const hash = recipientHash(ctx, input.channel, input.address);
  const now = clockNow(ctx);
  await withTransaction(ctx, async (tx) => {
    await otpRepo.lockRecipient(tx.db, hash);
    const stats = await otpRepo.sendStats(tx.db, hash, new Date(now.getTime() - 24 * 3600_000));
    if (stats.inDay >= dailyLimit) {
      const field = input.channel === 'sms' ? 'phone' : 'email';
      throw new AppError('RATE_LIMITED', `该${input.channel === 'sms' ? '手机号' : '邮箱'}今天获取验证码已达${dailyLimit}次，请明天再试`, { field, retryAfterSeconds: 24 * 3600, dailyLimit });
    }
    if (stats.lastAt) {
      const wait = Math.ceil((stats.lastAt.getTime() + resendSeconds * 1000 - now.getTime()) / 1000);
      if (wait > 0) throw new AppError('RATE_LIMITED', `获取验证码过于频繁，请${wait}秒后再试`, { field: input.channel === 'sms' ? 'phone' : 'email', retryAfterSeconds: wait });
    }
    const id = randomUUID();
    const code = String(randomInt(0, 10 ** OTP_LENGTH)).padStart(OTP_LENGTH, '0');
    await otpRepo.insertCode(tx.db, {
      id, purpose: input.purpose, channel: input.channel, accountId: input.accountId, recipientHash: hash, codeHash: codeHash(tx, id, code),
      createdAt: now, expiresAt: new Date(now.getTime() + ttlSeconds * 1000), ip: ctx.ip,
    });
    const minutes = Math.round(ttlSeconds / 60);
    if (input.deliver) {
      await sendToAddress(tx, {
        channel: input.channel, to: input.address, kind: `identity.otp.${input.purpose}`, accountId: input.accountId, secret: code,
        title: `${PURPOSE_TEXT[input.purpose]}验证码`,
        // An SMS leads with the title ("登录验证码："); an e-mail body names the code itself.
        body: `${input.channel === 'email' ? `您的${PURPOSE_TEXT[input.purpose]}验证码：` : ''}${code}，${minutes}分钟内有效。请勿告诉他人，工作人员不会向您索要验证码。如非本人操作，请忽略。`,
      });
    }
    await audit(tx, {
      action: 'identity.otp.send', entityType: 'otp', entityId: id, subjectAccountId: input.accountId,
      after: { purpose: input.purpose, channel: input.channel, to: masked(input.channel, input.address), delivered: input.deliver },
    });
  });
  return { ok: true, sentTo: masked(input.channel, input.address), expiresInSeconds: ttlSeconds, resendAfterSeconds: resendSeconds };
}

/**
 * Check a code against the latest one of its purpose for the recipient (and account). A wrong code
 * is counted and committed at once (so it must not run inside a transaction that the refusal rolls
 * back): 400 naming `code` with the attempts left, and the sixth wrong one locks the code (423
 * OTP_LOCKED, refused thereafter even when right). Returns the row, not yet consumed: the caller
 * consumes it with consume() in the transaction of the change the code allows.
 */
async function checkCode(ctx: Ctx, purpose: OtpPurpose, hash: string, accountId: string | null, code: string): Promise<otpRepo.OtpRow> {
  if (ctx.inTransaction) throw new Error('checkCode must run outside a transaction: a wrong code is counted even though the request fails');
  const row = await otpRepo.latestCode(ctx.db, purpose, hash, accountId);
  if (!row) throw AppError.field('code', '请先获取验证码');
  if (row.locked_at) throw lockedError();
  if (row.consumed_at) throw AppError.field('code', '验证码已使用，请重新获取');
  const now = clockNow(ctx);
  if (new Date(row.expires_at).getTime() <= now.getTime()) throw AppError.field('code', '验证码已过期，请重新获取');
  if (sameHash(row.code_hash, codeHash(ctx, row.id, code))) return row;
  const r = await withTransaction(ctx, async (tx) => {
    const w = await otpRepo.recordWrongAttempt(tx.db, row.id, OTP_MAX_WRONG_ATTEMPTS, now);
    if (w) {
      await audit(tx, { action: w.locked ? 'identity.otp.locked' : 'identity.otp.wrong', entityType: 'otp', entityId: row.id, subjectAccountId: row.account_id, after: { purpose, wrongAttempts: w.wrong } });
    }
    return w;
  });
  if (!r || r.locked) throw lockedError();
  const remaining = OTP_MAX_WRONG_ATTEMPTS - r.wrong;
  throw new AppError('VALIDATION_FAILED', `code: 验证码不正确，还可再试${remaining}次`, [{ path: 'code', message: `验证码不正确，还可再试${remaining}次`, remainingAttempts: remaining }]);
}

function lockedError(): AppError {
  return new AppError('OTP_LOCKED', `验证码已连续输错${OTP_MAX_WRONG_ATTEMPTS}次，已失效，请重新获取验证码`, [{ path: 'code', message: '验证码已失效，请重新获取' }]);
}

/** Use the checked code up in the caller's transaction (a second use, even a parallel one, is refused). */
async function consume(tx: Ctx, row: otpRepo.OtpRow): Promise<void> {
  if (!(await otpRepo.consumeCode(tx.db, row.id, clockNow(tx)))) throw AppError.field('code', '验证码已使用，请重新获取');
  await audit(tx, { action: 'identity.otp.consume', entityType: 'otp', entityId: row.id, subjectAccountId: row.account_id, after: { purpose: row.purpose } });
}

function selfId(ctx: Ctx, id: string): string {
  const me = actorAccountId(ctx);
  if (!me) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (me !== id) throw new AppError('FORBIDDEN', '只能修改本人的账户');
  return me;
}

// --- SMS login -------------------------------------------------------------------------------------

/**
 * Ask for a login code. The answer is the same whether or not an account uses the number (and the
 * rate limit counts either way); a code is sent only to a number a citizen or staff account is bound to.
 */
export async function requestLoginCode(ctx: Ctx, phone: string): Promise<z.input<typeof CodeSentResponse>> {
  const ids = await otpRepo.accountIdsByPhoneHash(ctx.db, recipientHash(ctx, 'sms', phone));
  return issueCode(ctx, { purpose: 'login', channel: 'sms', address: phone, accountId: ids.length === 1 ? (ids[0] ?? null) : null, deliver: ids.length > 0 });
}

function formatTime(d: Date | string): string {
  return new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/**
 * Log in with the phone number and its code. A number bound to several accounts is refused (409)
 * with a request to log in by ID number or username; locked, disabled and deregistered accounts are
 * refused as with password login.
 */
export async function smsLogin(ctx: Ctx, input: z.infer<typeof SmsLoginBody>, meta: { userAgent: string | null }): Promise<{ account: repo.AccountRow; session: NewSession }> {
  const hash = recipientHash(ctx, 'sms', input.phone);
  const row = await checkCode(ctx, 'login', hash, null, input.code);
  const ids = await otpRepo.accountIdsByPhoneHash(ctx.db, hash);
  await withTransaction(ctx, (tx) => consume(tx, row));
  if (ids.length > 1) {
    throw new AppError('CONFLICT', '该手机号绑定了多个账户，无法用短信验证码确定登录哪一个，请使用身份证号码（或工作人员用户名）和密码登录', { field: 'phone', reason: 'ambiguous-phone' });
  }
  const account = ids[0] ? await repo.findAccountById(ctx.db, ids[0]) : undefined;
  // A code that matched but belongs to no account cannot be (it was never sent): answer as for a wrong one.
  if (!account || account.status === 'deregistered') throw AppError.field('code', '验证码不正确');
  if (account.locked_until && new Date(account.locked_until) > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', `账号已锁定，请于${formatTime(account.locked_until)}后再试或联系管理员解锁`, { lockedUntil: new Date(account.locked_until).toISOString() });
  }
  if (account.status === 'disabled') throw new AppError('FORBIDDEN', '账号已停用，请联系管理员');
  const session = await openSession(ctx, account.id, { userAgent: meta.userAgent, method: 'sms' });
  return { account: await getAccountRow(ctx, account.id), session };
}

// --- change of phone / e-mail ------------------------------------------------------------------------

/** Send a code to the new phone number of one's own account. */
export async function requestPhoneChangeCode(ctx: Ctx, id: string, phone: string): Promise<z.input<typeof CodeSentResponse>> {
  const me = selfId(ctx, id);
  const a = await getAccountRow(ctx, me);
  if (a.phone_hash && a.phone_hash === recipientHash(ctx, 'sms', phone)) throw AppError.field('phone', '新手机号与当前绑定的手机号相同');
  return issueCode(ctx, { purpose: 'change_phone', channel: 'sms', address: phone, accountId: me, deliver: true });
}

/** Send a code to the new e-mail address of one's own account. */
export async function requestEmailChangeCode(ctx: Ctx, id: string, email: string): Promise<z.input<typeof CodeSentResponse>> {
  const me = selfId(ctx, id);
  const a = await getAccountRow(ctx, me);
  if (a.email && a.email.trim().toLowerCase() === email.trim().toLowerCase()) throw AppError.field('email', '新邮箱与当前绑定的邮箱相同');
  return issueCode(ctx, { purpose: 'change_email', channel: 'email', address: email, accountId: me, deliver: true });
}

async function checkPassword(a: repo.AccountRow, password: string): Promise<void> {
  if (!(await verifyPassword(a.password_hash, password))) throw AppError.field('password', '当前密码不正确');
}

/**
 * Bind the new phone number: the current password and the code sent to the new number confirm it.
 * Stored encrypted with its lookup hash; the account's sessions stay; the old number is told.
 */
export async function changePhone(ctx: Ctx, id: string, input: z.infer<typeof PhoneChangeBody>): Promise<repo.AccountRow> {
  const me = selfId(ctx, id);
  const a = await getAccountRow(ctx, me);
  await checkPassword(a, input.password);
  const hash = recipientHash(ctx, 'sms', input.phone);
  const row = await checkCode(ctx, 'change_phone', hash, me, input.code);
  const c = pii(ctx);
  const oldPhone = a.phone_enc ? c.decrypt(a.phone_enc) : null;
  const when = formatTime(clockNow(ctx));
  await withTransaction(ctx, async (tx) => {
    await consume(tx, row);
    await repo.updateAccount(tx.db, me, { phoneEnc: c.encrypt(input.phone), phoneHash: hash });
    await audit(tx, {
      action: 'identity.account.phone-change', entityType: 'account', entityId: me, subjectAccountId: me,
      before: { phone: oldPhone ? maskPhone(oldPhone) : null }, after: { phone: maskPhone(input.phone), verifiedBy: 'sms-code' },
    });
    const text = `您的通办账户绑定手机号已于${when}由 ${oldPhone ? maskPhone(oldPhone) : '（无）'} 更换为 ${maskPhone(input.phone)}。如非本人操作，请立即修改密码并联系 12345。`;
    await notify(tx, { accountId: me, kind: 'identity.phone-changed', title: '绑定手机号已更换', body: text, link: '/account' });
    if (oldPhone) await sendToAddress(tx, { channel: 'sms', to: oldPhone, kind: 'identity.phone-changed', accountId: me, title: '绑定手机号已更换', body: text });
  });
  return getAccountRow(ctx, me);
}

/**
 * Bind the new e-mail address: the current password and the code sent to the new address confirm
 * it. The account's sessions stay; the old address (if any) is told.
 */
export async function changeEmail(ctx: Ctx, id: string, input: z.infer<typeof EmailChangeBody>): Promise<repo.AccountRow> {
  const me = selfId(ctx, id);
  const a = await getAccountRow(ctx, me);
  await checkPassword(a, input.password);
  const email = input.email.trim();
  const row = await checkCode(ctx, 'change_email', recipientHash(ctx, 'email', email), me, input.code);
  const when = formatTime(clockNow(ctx));
  await withTransaction(ctx, async (tx) => {
    await consume(tx, row);
    await repo.updateAccount(tx.db, me, { email });
    await audit(tx, {
      action: 'identity.account.email-change', entityType: 'account', entityId: me, subjectAccountId: me,
      before: { email: a.email ? maskEmail(a.email) : null }, after: { email: maskEmail(email), verifiedBy: 'email-code' },
    });
    const text = `您的通办账户绑定邮箱已于${when}由 ${a.email ? maskEmail(a.email) : '（无）'} 更换为 ${maskEmail(email)}。如非本人操作，请立即修改密码并联系 12345。`;
    await notify(tx, { accountId: me, kind: 'identity.email-changed', title: '绑定邮箱已更换', body: text, link: '/account' });
    if (a.email) await sendToAddress(tx, { channel: 'email', to: a.email, kind: 'identity.email-changed', accountId: me, title: '通办账户绑定邮箱已更换', body: text });
  });
  return getAccountRow(ctx, me);
}

// --- real-name level L2 ------------------------------------------------------------------------------

async function citizenForL2(ctx: Ctx): Promise<repo.AccountRow> {
  const me = actorAccountId(ctx);
  if (!me) throw new AppError('UNAUTHENTICATED', '请先登录');
  const a = await getAccountRow(ctx, me);
  if (a.kind !== 'citizen') throw new AppError('BAD_REQUEST', '短信实名核验仅适用于自然人账户；法人账户的实名以法定代表人信息为准');
  if (!a.phone_enc || !a.phone_hash) throw new AppError('BAD_REQUEST', '账户未绑定手机号，请先绑定手机号', { field: 'phone' });
  return a;
}

/** Send a code to the phone bound to one's own citizen account, to raise its real-name level from L1 to L2. */
export async function requestRealNameCode(ctx: Ctx): Promise<z.input<typeof CodeSentResponse>> {
  const a = await citizenForL2(ctx);
  if (a.real_name_level >= 2) throw new AppError('INVALID_STATE', `账户实名等级已为 L${a.real_name_level}，无需短信核验`, { realNameLevel: a.real_name_level });
  return issueCode(ctx, { purpose: 'real_name', channel: 'sms', address: pii(ctx).decrypt(a.phone_enc ?? ''), accountId: a.id, deliver: true });
}

/**
 * Confirm the code sent to the bound phone: the account is raised to L2 (a higher level stays), the
 * verification recorded in its history and on its audit record. The carrier check that the number
 * is registered to the same ID number (运营商实名核验) plugs in here later.
 */
export async function verifyRealNameBySms(ctx: Ctx, code: string): Promise<z.input<typeof RealNameSmsResponse>> {
  const a = await citizenForL2(ctx);
  const row = await checkCode(ctx, 'real_name', a.phone_hash ?? '', a.id, code);
  const r = await withTransaction(ctx, async (tx) => {
    await consume(tx, row);
    return raiseRealNameLevel(tx, a.id, { level: 2, method: 'sms', note: `短信验证码核验绑定手机号 ${maskPhone(pii(tx).decrypt(a.phone_enc ?? ''))}`, purpose: SMS_REAL_NAME_PURPOSE });
  });
  return { previousLevel: r.previousLevel, realNameLevel: r.level, raised: r.raised };
}
