import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { AccountKind, Role } from '../../../common/enums.ts';
import { maskIdNumber, maskPhone, validateCreditCode, validateIdNumber, validatePhone } from '../../../common/identifiers.ts';
import { LIMITS } from '../../../common/limits.ts';
import type {
  AccountListQuery,
  AccountView,
  ChangePasswordBody,
  DeregisterBody,
  LoginBody,
  RegisterBody,
  UpdateProfileBody,
} from '../../../common/schemas/identity.ts';
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import { withTransaction, type Actor, type Ctx } from '../../platform/context.ts';
import { PiiCipher } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, hasRole, regionPrefix, scopePrefix } from '../../platform/guard.ts';
import { resolveActing } from './acting.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.ts';
import * as repo from './repo.ts';

/** The presented account. */
export type AccountViewT = z.infer<typeof AccountView>;

const ciphers = new WeakMap<Config, PiiCipher>();
/** The personal-data cipher for this configuration. */
export function pii(ctx: Pick<Ctx, 'config'>): PiiCipher {
  let c = ciphers.get(ctx.config);
  if (!c) {
    c = new PiiCipher(ctx.config.piiKey);
    ciphers.set(ctx.config, c);
  }
  return c;
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

/** Present an account: personal numbers masked, never the password hash. */
export function presentAccount(ctx: Ctx, a: repo.AccountRow): AccountViewT {
  const c = pii(ctx);
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    displayName: a.display_name,
    username: a.username,
    idNumberMasked: a.id_number_enc ? maskIdNumber(c.decrypt(a.id_number_enc)) : null,
    creditCode: a.credit_code,
    legalRepName: a.legal_rep_name,
    phoneMasked: a.phone_enc ? maskPhone(c.decrypt(a.phone_enc)) : null,
    email: a.email,
    realNameLevel: a.real_name_level,
    roles: a.roles,
    scope: a.scope_region_code ? { regionCode: a.scope_region_code, departmentId: a.scope_department_id } : null,
    createdAt: new Date(a.created_at).toISOString(),
    lastLoginAt: iso(a.last_login_at),
  };
}

/** A safe snapshot of an account for the audit log (no secrets, numbers masked). */
function auditSnapshot(ctx: Ctx, a: repo.AccountRow): Record<string, unknown> {
  const v = presentAccount(ctx, a);
  return { kind: v.kind, status: v.status, displayName: v.displayName, username: v.username, phone: v.phoneMasked, email: v.email, roles: v.roles, scope: v.scope, realNameLevel: v.realNameLevel };
}

/** An account row, or undefined (e.g. for the SSO provider, which answers "no such subject" itself). */
export function findAccountRow(ctx: Ctx, id: string): Promise<repo.AccountRow | undefined> {
  return /^[0-9a-f-]{36}$/i.test(id) ? repo.findAccountById(ctx.db, id) : Promise.resolve(undefined);
}

/** Get an account row or throw 404. */
export async function getAccountRow(ctx: Ctx, id: string): Promise<repo.AccountRow> {
  const a = await repo.findAccountById(ctx.db, id);
  if (!a) throw AppError.notFound('账户', id);
  return a;
}

/** 12-digit county code from the first six digits of an ID number or the region part of a credit code. */
function countyCode(six: string): string {
  return `${six}000000`;
}

/** Register a citizen or enterprise account; returns the new account. */
export async function register(ctx: Ctx, input: z.infer<typeof RegisterBody>): Promise<repo.AccountRow> {
  const c = pii(ctx);
  const passwordHash = await hashPassword(input.password);
  const phone = { enc: c.encrypt(input.phone), hash: c.lookupHash(input.phone) };
  const id = await withTransaction(ctx, async (tx) => {
    let newAccount: repo.NewAccount;
    if (input.kind === 'citizen') {
      const idHash = c.lookupHash(input.idNumber);
      if (await repo.findCitizenByIdHash(tx.db, idHash)) throw new AppError('ALREADY_EXISTS', '该身份证号码已注册', [{ path: 'idNumber', message: '该身份证号码已注册，请直接登录' }]);
      newAccount = {
        kind: 'citizen', displayName: input.name, username: null, idNumberEnc: c.encrypt(input.idNumber), idNumberHash: idHash,
        creditCode: null, legalRepName: null, phoneEnc: phone.enc, phoneHash: phone.hash, email: input.email ?? null,
        realNameLevel: 1, passwordHash, scopeRegionCode: null, scopeDepartmentId: null, homeRegionCode: countyCode(input.idNumber.slice(0, 6)), roles: ['applicant'],
      };
    } else {
      if (await repo.findEnterpriseByCreditCode(tx.db, input.creditCode)) {
        throw new AppError('ALREADY_EXISTS', '该统一社会信用代码已注册', [{ path: 'creditCode', message: '该统一社会信用代码已注册，请直接登录' }]);
      }
      newAccount = {
        kind: 'enterprise', displayName: input.name, username: null, idNumberEnc: c.encrypt(input.legalRepIdNumber),
        idNumberHash: c.lookupHash(input.legalRepIdNumber), creditCode: input.creditCode, legalRepName: input.legalRepName,
        phoneEnc: phone.enc, phoneHash: phone.hash, email: input.email ?? null, realNameLevel: 1, passwordHash,
        scopeRegionCode: null, scopeDepartmentId: null, homeRegionCode: countyCode(input.creditCode.slice(2, 8)), roles: ['applicant'],
      };
    }
    const newId = await repo.insertAccount(tx.db, newAccount);
    const row = await getAccountRow(tx, newId);
    await audit(tx, { action: 'identity.account.register', entityType: 'account', entityId: newId, subjectAccountId: newId, after: auditSnapshot(tx, row) });
    return newId;
  });
  return getAccountRow(ctx, id);
}

/** Which account an identifier names: ID number (citizen), credit code (enterprise), phone (citizen), or username (staff). */
export async function findByLoginIdentifier(ctx: Ctx, identifier: string): Promise<repo.AccountRow | undefined> {
  const c = pii(ctx);
  const v = identifier.trim();
  const upper = v.toUpperCase();
  if (upper.length === 18 && validateIdNumber(upper) === null) return repo.findCitizenByIdHash(ctx.db, c.lookupHash(upper));
  if (upper.length === 18 && validateCreditCode(upper) === null) return repo.findEnterpriseByCreditCode(ctx.db, upper);
  if (validatePhone(v) === null) {
    const matches = await repo.findCitizensByPhoneHash(ctx.db, c.lookupHash(v));
    return matches.length === 1 ? matches[0] : undefined;
  }
  return repo.findStaffByUsername(ctx.db, v.toLowerCase());
}

/** A new session: the token goes to the cookie, only its hash to the database. */
export interface NewSession {
  token: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Check credentials, apply lockout, and open a session. */
export async function login(
  ctx: Ctx,
  input: z.infer<typeof LoginBody>,
  meta: { userAgent: string | null },
): Promise<{ account: repo.AccountRow; session: NewSession }> {
  const account = await findByLoginIdentifier(ctx, input.account);
  if (!account || account.status === 'deregistered') {
    await burnPasswordCheck(input.password);
    await audit(ctx, { action: 'identity.login.failed', entityType: 'account', entityId: null, after: { reason: 'unknown account' } });
    throw new AppError('INVALID_CREDENTIALS', '账号或密码错误');
  }
  if (account.locked_until && new Date(account.locked_until) > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', `连续输错密码${LIMITS.maxFailedLogins}次，账号已锁定，请于${formatTime(account.locked_until)}后再试或联系管理员解锁`, {
      lockedUntil: new Date(account.locked_until).toISOString(),
    });
  }
  const ok = await verifyPassword(account.password_hash, input.password);
  if (!ok) {
    const state = await withTransaction(ctx, async (tx) => {
      const s = await repo.recordFailedLogin(tx.db, account.id, LIMITS.maxFailedLogins, LIMITS.lockoutMinutes);
      await audit(tx, { action: 'identity.login.failed', entityType: 'account', entityId: account.id, subjectAccountId: account.id, after: { failedLogins: s.failed } });
      if (s.lockedUntil && s.failed >= LIMITS.maxFailedLogins) {
        await audit(tx, { action: 'identity.account.locked', entityType: 'account', entityId: account.id, subjectAccountId: account.id, after: { lockedUntil: s.lockedUntil } });
      }
      return s;
    });
    if (state.failed >= LIMITS.maxFailedLogins && state.lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', `连续输错密码${LIMITS.maxFailedLogins}次，账号已锁定${LIMITS.lockoutMinutes}分钟`, { lockedUntil: new Date(state.lockedUntil).toISOString() });
    }
    throw new AppError('INVALID_CREDENTIALS', `账号或密码错误，再错${LIMITS.maxFailedLogins - state.failed}次将锁定账号`, { remainingAttempts: LIMITS.maxFailedLogins - state.failed });
  }
  if (account.status === 'disabled') throw new AppError('FORBIDDEN', '账号已停用，请联系管理员');
  const session = await openSession(ctx, account.id, { userAgent: meta.userAgent, method: 'password' });
  return { account: await getAccountRow(ctx, account.id), session };
}

/** How a session was authenticated (recorded in the audit log and shown in "who used my data"). */
export type LoginMethod = 'password' | 'sms' | 'passkey' | 'agent';

/**
 * Open a session for an account whose credentials the caller has already checked (password, SMS
 * code, passkey …): resets the failed-login counter, stores the session and audits the login with
 * its method. `extra` is merged into the audit record (e.g. the enterprise an agent acts for).
 */
export async function openSession(
  ctx: Ctx,
  accountId: string,
  meta: { userAgent: string | null; method: LoginMethod; extra?: Record<string, unknown> },
): Promise<NewSession> {
  const now = Date.now();
  const session: NewSession = {
    token: randomBytes(32).toString('base64url'),
    idleExpiresAt: new Date(now + ctx.config.sessionIdleMinutes * 60_000),
    absoluteExpiresAt: new Date(now + ctx.config.sessionMaxHours * 3_600_000),
  };
  await withTransaction(ctx, async (tx) => {
    await repo.recordSuccessfulLogin(tx.db, accountId);
    await repo.insertSession(tx.db, { id: sessionIdOf(session.token), accountId, idleExpiresAt: session.idleExpiresAt, absoluteExpiresAt: session.absoluteExpiresAt, ip: ctx.ip, userAgent: meta.userAgent });
    await audit(tx, { action: 'identity.login', entityType: 'session', entityId: sessionIdOf(session.token).slice(0, 16), subjectAccountId: accountId, after: { accountId, method: meta.method, ...meta.extra } });
  });
  return session;
}

function formatTime(d: Date | string): string {
  return new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

// Sliding idle expiry is written at most once a minute per session, not on every request.
const TOUCH_INTERVAL_MS = 60_000;

/** Resolve the actor of a session token; an unknown, ended or expired session is anonymous. */
export async function actorFromSessionToken(ctx: Ctx, token: string | undefined): Promise<{ actor: Actor; idleExpiresAt: Date | null; actingEnded?: string | null }> {
  const anonymous = { actor: { type: 'anonymous' } as Actor, idleExpiresAt: null };
  if (!token || token.length > 100) return anonymous;
  const id = sessionIdOf(token);
  const s = await repo.findSession(ctx.db, id);
  if (!s || s.ended_at) return anonymous;
  const now = Date.now();
  if (new Date(s.idle_expires_at).getTime() <= now || new Date(s.absolute_expires_at).getTime() <= now) {
    await repo.endSession(ctx.db, id, 'expired');
    return anonymous;
  }
  const account = await repo.findAccountById(ctx.db, s.account_id);
  if (!account || account.status !== 'active') {
    await repo.endSession(ctx.db, id, 'account inactive');
    return anonymous;
  }
  let idleExpiresAt = new Date(s.idle_expires_at);
  if (now - new Date(s.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    idleExpiresAt = new Date(Math.min(now + ctx.config.sessionIdleMinutes * 60_000, new Date(s.absolute_expires_at).getTime()));
    await repo.touchSession(ctx.db, id, idleExpiresAt);
  }
  // A citizen's session may act for an enterprise (法定代表人/经办人): re-checked on every request.
  const acting = await resolveActing(ctx, s, account);
  return { actor: acting.actor, idleExpiresAt, actingEnded: acting.ended };
}

/** Called after a person logs out or deregisters (e.g. single logout of the SSO provider). */
export type LogoutHandler = (ctx: Ctx, accountId: string) => Promise<unknown>;
const logoutHandlers: LogoutHandler[] = [];

/** Register a handler run after every logout and deregistration (at boot, once per module). */
export function registerLogoutHandler(h: LogoutHandler): void {
  if (!logoutHandlers.includes(h)) logoutHandlers.push(h);
}

async function afterLogout(ctx: Ctx, accountId: string): Promise<void> {
  for (const h of logoutHandlers) {
    try {
      await h(ctx, accountId);
    } catch (err) {
      ctx.log.error({ err }, 'logout handler failed');
    }
  }
}

/** End the current session. */
export async function logout(ctx: Ctx): Promise<void> {
  if (ctx.actor.type !== 'account' || !ctx.actor.sessionId) return;
  const sessionId = ctx.actor.sessionId;
  const accountId = ctx.actor.accountId;
  await withTransaction(ctx, async (tx) => {
    await repo.endSession(tx.db, sessionId, 'logout');
    await audit(tx, { action: 'identity.logout', entityType: 'session', entityId: sessionId.slice(0, 16), subjectAccountId: accountId });
  });
  await afterLogout(ctx, accountId);
}

/**
 * Read an account: one's own, or as a system administrator (staff accounts only within the admin's
 * region). A read of someone else's account is recorded in the audit log for its owner to see.
 */
export async function getAccount(ctx: Ctx, id: string): Promise<repo.AccountRow> {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  if (ctx.actor.accountId === id) return getAccountRow(ctx, id);
  if (!hasRole(ctx, 'system_admin')) throw new AppError('FORBIDDEN', '不能查看他人的账户');
  const a = await getAccountRow(ctx, id);
  if (a.kind === 'staff' && a.scope_region_code) assertInScope(ctx, a.scope_region_code);
  await audit(ctx, { action: 'identity.account.read', entityType: 'account', entityId: id, subjectAccountId: id, purpose: '账户管理' });
  return a;
}

function assertSelf(ctx: Ctx, id: string): void {
  if (ctx.actor.type !== 'account' || ctx.actor.accountId !== id) throw new AppError('FORBIDDEN', '只能修改本人的账户');
  // A person acting for an enterprise does not hold its credentials.
  if (ctx.actor.agent) throw new AppError('FORBIDDEN', '代企业办理时不能修改企业账户，请使用企业账户本身登录后操作');
}

/**
 * Change one's own (staff) display name. A phone number or e-mail address is refused here: a new one
 * is bound only after a code sent to it is confirmed (otp.ts).
 */
export async function updateProfile(ctx: Ctx, id: string, input: z.infer<typeof UpdateProfileBody>): Promise<repo.AccountRow> {
  assertSelf(ctx, id);
  if (input.phone !== undefined) throw AppError.field('phone', '更换手机号须验证新号码：请在“我的账户”中使用“更换手机号”（向新号码发送验证码后确认）');
  if (input.email !== undefined) throw AppError.field('email', '更换邮箱须验证新邮箱：请在“我的账户”中使用“更换邮箱”（向新邮箱发送验证码后确认）');
  await withTransaction(ctx, async (tx) => {
    const before = await getAccountRow(tx, id);
    if (input.displayName !== undefined && before.kind !== 'staff') {
      throw AppError.field('displayName', '自然人和法人的名称以实名信息为准，不能自行修改');
    }
    await repo.updateAccount(tx.db, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    });
    const after = await getAccountRow(tx, id);
    await audit(tx, { action: 'identity.account.update', entityType: 'account', entityId: id, subjectAccountId: id, before: auditSnapshot(tx, before), after: auditSnapshot(tx, after) });
  });
  return getAccountRow(ctx, id);
}

/** Change one's own password (the current one confirms it); other sessions end. */
export async function changePassword(ctx: Ctx, id: string, input: z.infer<typeof ChangePasswordBody>): Promise<void> {
  assertSelf(ctx, id);
  const a = await getAccountRow(ctx, id);
  if (!(await verifyPassword(a.password_hash, input.currentPassword))) throw AppError.field('currentPassword', '当前密码不正确');
  if (input.currentPassword === input.newPassword) throw AppError.field('newPassword', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  const current = ctx.actor.type === 'account' ? ctx.actor.sessionId : null;
  await withTransaction(ctx, async (tx) => {
    await repo.updateAccount(tx.db, id, { passwordHash });
    // Keep the session the change was made from; every other session ends.
    await repo.endAccountSessions(tx.db, id, 'password changed', current);
    await audit(tx, { action: 'identity.account.password-change', entityType: 'account', entityId: id, subjectAccountId: id });
  });
}

/** Deregister one's own account (注销): sessions end, the record and its audit trail are kept. */
export async function deregister(ctx: Ctx, id: string, input: z.infer<typeof DeregisterBody>): Promise<void> {
  assertSelf(ctx, id);
  const a = await getAccountRow(ctx, id);
  if (a.kind === 'staff') throw new AppError('FORBIDDEN', '工作人员账号由系统管理员停用，不能自行注销');
  if (!(await verifyPassword(a.password_hash, input.password))) throw AppError.field('password', '密码不正确');
  await withTransaction(ctx, async (tx) => {
    await repo.updateAccount(tx.db, id, { status: 'deregistered', deregisterReason: input.reason ?? null });
    await repo.endAccountSessions(tx.db, id, 'deregistered');
    await audit(tx, { action: 'identity.account.deregister', entityType: 'account', entityId: id, subjectAccountId: id, before: { status: a.status }, after: { status: 'deregistered', reason: input.reason ?? null } });
  });
  await afterLogout(ctx, id);
}

/** List accounts (system admin); staff accounts are limited to the admin's region. */
export async function listAccounts(ctx: Ctx, q: z.infer<typeof AccountListQuery>): Promise<{ items: repo.AccountRow[]; total: number }> {
  const scope = scopePrefix(ctx);
  const regionPrefixFilter = q.regionCode ? regionPrefix(q.regionCode) : q.kind === 'staff' ? scope : undefined;
  if (regionPrefixFilter !== undefined && !regionPrefixFilter.startsWith(scope)) {
    throw new AppError('OUT_OF_SCOPE', '该区域不在当前账号的管辖范围内', { regionCode: q.regionCode });
  }
  return repo.listAccounts(ctx.db, {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(regionPrefixFilter !== undefined ? { regionPrefix: regionPrefixFilter } : {}),
    ...(q.departmentId ? { departmentId: q.departmentId } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
}

/** Data for a new staff account. */
export interface StaffAccountInput {
  username: string;
  name: string;
  idNumber: string;
  phone: string;
  email?: string | undefined;
  /** From hashNewPassword, computed before the caller opens its transaction. */
  passwordHash: string;
  roles: Role[];
  regionCode: string;
  departmentId: string | null;
  realNameLevel?: number;
}

/** Hash a new password (argon2id, ~25 ms): do it before opening a transaction, never inside one. */
export function hashNewPassword(password: string): Promise<string> {
  return hashPassword(password);
}

/** Create a staff account (called by the org module, which checks department and region first). */
export async function createStaffAccount(ctx: Ctx, input: StaffAccountInput): Promise<string> {
  const c = pii(ctx);
  const { passwordHash } = input;
  return withTransaction(ctx, async (tx) => {
    if (await repo.findStaffByUsername(tx.db, input.username)) throw new AppError('ALREADY_EXISTS', '用户名已被使用', [{ path: 'username', message: '用户名已被使用' }]);
    const id = await repo.insertAccount(tx.db, {
      kind: 'staff', displayName: input.name, username: input.username, idNumberEnc: c.encrypt(input.idNumber), idNumberHash: c.lookupHash(input.idNumber),
      creditCode: null, legalRepName: null, phoneEnc: c.encrypt(input.phone), phoneHash: c.lookupHash(input.phone), email: input.email ?? null,
      // Staff are verified in person when they are appointed.
      realNameLevel: input.realNameLevel ?? 3, passwordHash, scopeRegionCode: input.regionCode, scopeDepartmentId: input.departmentId,
      homeRegionCode: null, roles: input.roles,
    });
    const row = await getAccountRow(tx, id);
    await audit(tx, { action: 'identity.staff.create', entityType: 'account', entityId: id, subjectAccountId: id, regionCode: input.regionCode, after: auditSnapshot(tx, row) });
    return id;
  });
}

/** Changes to a staff account. */
export interface StaffAccountPatch {
  name?: string | undefined;
  phone?: string | undefined;
  roles?: Role[] | undefined;
  regionCode?: string | undefined;
  departmentId?: string | null | undefined;
  status?: 'active' | 'disabled' | undefined;
}

/**
 * Change a staff account. A change of roles or a disabling ends its sessions (rights taken away
 * call for a new login); a change of data scope (a move to another department or region) keeps
 * them: the actor is resolved per request, so the next request already works in the new scope.
 */
export async function updateStaffAccount(ctx: Ctx, id: string, p: StaffAccountPatch): Promise<void> {
  const c = pii(ctx);
  await withTransaction(ctx, async (tx) => {
    const before = await getAccountRow(tx, id);
    if (before.kind !== 'staff') throw AppError.notFound('工作人员', id);
    await repo.updateAccount(tx.db, id, {
      ...(p.name !== undefined ? { displayName: p.name } : {}),
      ...(p.phone !== undefined ? { phoneEnc: c.encrypt(p.phone), phoneHash: c.lookupHash(p.phone) } : {}),
      ...(p.regionCode !== undefined ? { scopeRegionCode: p.regionCode } : {}),
      ...(p.departmentId !== undefined ? { scopeDepartmentId: p.departmentId } : {}),
      ...(p.status !== undefined ? { status: p.status } : {}),
    });
    if (p.roles) await repo.setRoles(tx.db, id, p.roles);
    if (p.roles || p.status === 'disabled') {
      await repo.endAccountSessions(tx.db, id, 'permissions changed');
    }
    const after = await getAccountRow(tx, id);
    await audit(tx, { action: 'identity.staff.update', entityType: 'account', entityId: id, subjectAccountId: id, regionCode: after.scope_region_code, before: auditSnapshot(tx, before), after: auditSnapshot(tx, after) });
  });
}

/** Lift a lockout (system admin). */
export async function unlockAccount(ctx: Ctx, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const a = await getAccountRow(tx, id);
    if (a.kind === 'staff' && a.scope_region_code) assertInScope(tx, a.scope_region_code);
    await repo.clearLockout(tx.db, id);
    await audit(tx, { action: 'identity.account.unlock', entityType: 'account', entityId: id, subjectAccountId: id });
  });
}

/** Counts of accounts by kind per child-region prefix (for statistics). */
export async function countAccountsByRegion(ctx: Ctx, rootPrefix: string, childPrefixLength: number): Promise<Map<string, Record<AccountKind, number>>> {
  const out = new Map<string, Record<AccountKind, number>>();
  for (const r of await repo.countAccountsByRegionPrefix(ctx.db, rootPrefix, childPrefixLength)) {
    const e = out.get(r.prefix) ?? { citizen: 0, enterprise: 0, staff: 0 };
    e[r.kind] += r.n;
    out.set(r.prefix, e);
  }
  return out;
}

/** Live staff per department. */
export function countStaffByDepartment(ctx: Ctx, departmentIds: string[]): Promise<Map<string, number>> {
  return repo.countStaffByDepartment(ctx.db, departmentIds);
}

/** Display names of staff accounts by id (other modules show who edited or reviewed a record; names only, no personal numbers). */
export function staffNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  return repo.displayNames(ctx.db, [...new Set(ids)]);
}

/** The live account of a citizen (by ID number) or an enterprise (by credit code), so a case applied for at a window shows in their "my cases". */
export async function findApplicantAccountId(ctx: Ctx, who: { idNumber: string } | { creditCode: string }): Promise<string | undefined> {
  const row = 'idNumber' in who ? await repo.findCitizenByIdHash(ctx.db, pii(ctx).lookupHash(who.idNumber)) : await repo.findEnterpriseByCreditCode(ctx.db, who.creditCode);
  return row?.id;
}

/**
 * Where to send an account outbound notifications: the phone number still encrypted (only the
 * sending adapter decrypts it, so no clear read happens here) with a masked copy, and the e-mail.
 * Deregistered or disabled accounts have none.
 */
export async function contactOf(ctx: Ctx, id: string): Promise<{ phoneEnc: string | null; phoneMasked: string | null; email: string | null }> {
  const a = await repo.findAccountById(ctx.db, id);
  if (!a || a.status === 'deregistered' || a.status === 'disabled') return { phoneEnc: null, phoneMasked: null, email: null };
  return { phoneEnc: a.phone_enc, phoneMasked: a.phone_enc ? maskPhone(pii(ctx).decrypt(a.phone_enc)) : null, email: a.email };
}
