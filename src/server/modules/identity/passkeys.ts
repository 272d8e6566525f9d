/**
 * Passkeys (通行密钥, WebAuthn): registering one on a logged-in account, listing, renaming and
 * deleting them, and logging in with one instead of a password. Ceremonies follow
 * @simplewebauthn/server; challenges are stored, single use and expire after five minutes.
 */
import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import type { z } from 'zod';
import { maskIdNumber } from '../../../common/identifiers.ts';
import { LIMITS } from '../../../common/limits.ts';
import type {
  AuthenticationCredential,
  PasskeyLoginOptions,
  PasskeyRegistrationOptions,
  PasskeyView,
  RegistrationCredential,
} from '../../../common/schemas/passkeys.ts';
import { audit } from '../../platform/audit.ts';
import { withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './passkeys-repo.ts';
import type { AccountRow } from './repo.ts';
import * as identity from './service.ts';

/** How long a ceremony's challenge may be answered. */
export const CHALLENGE_TTL_MINUTES = 5;
// What the browser is told to wait (a little under the challenge's life, so the server never refuses a prompt still on screen).
const CEREMONY_TIMEOUT_MS = 4 * 60_000;
const CLIENT_DATA = 'credential.response.clientDataJSON';
// Transport hints browsers know (the DOM type lists fewer than browsers send).
const TRANSPORTS: readonly string[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

type PasskeyViewT = z.infer<typeof PasskeyView>;

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

/** Present a passkey to its owner (no key material). */
export function presentPasskey(p: repo.PasskeyRow): PasskeyViewT {
  return {
    id: p.id,
    name: p.name,
    deviceType: p.device_type,
    backedUp: p.backed_up,
    transports: p.transports,
    createdAt: new Date(p.created_at).toISOString(),
    lastUsedAt: iso(p.last_used_at),
  };
}

function transportsOf(list: readonly string[]): string[] {
  return list.filter((t) => TRANSPORTS.includes(t));
}

function requireAccount(ctx: Ctx): string {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  return ctx.actor.accountId;
}

/** The name an authenticator shows for the account: never a clear ID number. */
function userNameOf(ctx: Ctx, a: AccountRow): string {
  if (a.kind === 'staff' && a.username) return a.username;
  if (a.kind === 'enterprise' && a.credit_code) return a.credit_code;
  return a.id_number_enc ? maskIdNumber(identity.pii(ctx).decrypt(a.id_number_enc)) : a.display_name;
}

async function newChallenge(ctx: Ctx, challenge: string, ceremony: repo.ChallengeRow['ceremony'], accountId: string | null): Promise<void> {
  await repo.deleteStaleChallenges(ctx.db, 60);
  await repo.insertChallenge(ctx.db, { challenge, ceremony, accountId, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MINUTES * 60_000) });
}

/** The challenge a response answers, read from its client data (400 naming the field if unreadable). */
function challengeOf(clientDataJSON: string, expectedType: 'webauthn.create' | 'webauthn.get'): string {
  let data: { type?: unknown; challenge?: unknown };
  try {
    data = decodeClientDataJSON(clientDataJSON);
  } catch {
    throw AppError.field(CLIENT_DATA, '无法解析客户端数据（clientDataJSON）');
  }
  if (data.type !== expectedType) throw AppError.field(CLIENT_DATA, `客户端数据的类型应为 ${expectedType}`);
  if (typeof data.challenge !== 'string' || data.challenge.length === 0 || data.challenge.length > 200) throw AppError.field(CLIENT_DATA, '客户端数据中没有质询（challenge）');
  return data.challenge;
}

/** Use up the challenge a response answers; a wrong, expired or already used one is a 400 naming the field. */
async function consume(ctx: Ctx, challenge: string, ceremony: repo.ChallengeRow['ceremony']): Promise<repo.ChallengeRow> {
  const row = await repo.consumeChallenge(ctx.db, challenge, ceremony);
  if (row) return row;
  const seen = await repo.findChallenge(ctx.db, challenge);
  if (!seen || seen.ceremony !== ceremony) throw AppError.field(CLIENT_DATA, '质询（challenge）无效：请重新开始');
  if (seen.used_at) throw AppError.field(CLIENT_DATA, '质询（challenge）已使用过：请重新开始');
  throw AppError.field(CLIENT_DATA, `质询（challenge）已过期（${CHALLENGE_TTL_MINUTES}分钟内有效）：请重新开始`);
}

function libraryRefusal(e: unknown, path: string, what: string): AppError {
  const detail = e instanceof Error ? e.message.slice(0, 200) : String(e);
  return new AppError('VALIDATION_FAILED', `${path}: ${what}`, [{ path, message: `${what}（${detail}）` }]);
}

/** Options for registering a new passkey on the logged-in account (注册通行密钥). */
export async function registrationOptions(ctx: Ctx): Promise<z.input<typeof PasskeyRegistrationOptions>> {
  const accountId = requireAccount(ctx);
  const account = await identity.getAccountRow(ctx, accountId);
  const userHandle = await repo.ensureUserHandle(ctx.db, accountId, isoBase64URL.fromBuffer(randomBytes(32)));
  const existing = await repo.listActiveByAccount(ctx.db, accountId);
  const options = await generateRegistrationOptions({
    rpName: ctx.config.webauthn.rpName,
    rpID: ctx.config.webauthn.rpId,
    userName: userNameOf(ctx, account),
    userDisplayName: account.display_name,
    userID: isoBase64URL.toBuffer(userHandle),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: transportsOf(p.transports) })),
    // A passkey is the whole login: it must be discoverable and must verify the person (PIN, fingerprint, face).
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  });
  await newChallenge(ctx, options.challenge, 'registration', accountId);
  return options;
}

/** Check a registration response and store the passkey (audited). */
export async function verifyRegistration(ctx: Ctx, credential: z.infer<typeof RegistrationCredential>, name: string | undefined): Promise<PasskeyViewT> {
  const accountId = requireAccount(ctx);
  const challenge = await consume(ctx, challengeOf(credential.response.clientDataJSON, 'webauthn.create'), 'registration');
  if (challenge.account_id !== accountId) throw AppError.field(CLIENT_DATA, '质询（challenge）不属于当前账户：请重新开始');
  let info;
  try {
    const r = await verifyRegistrationResponse({
      response: credential,
      expectedChallenge: challenge.challenge,
      expectedOrigin: ctx.config.webauthn.origins,
      expectedRPID: ctx.config.webauthn.rpId,
      requireUserVerification: true,
    });
    if (!r.verified) throw new Error('not verified');
    info = r.registrationInfo;
  } catch (e) {
    throw libraryRefusal(e, 'credential', '通行密钥注册数据校验未通过');
  }
  const c = info.credential;
  return withTransaction(ctx, async (tx) => {
    if (await repo.findByCredentialId(tx.db, c.id)) {
      throw new AppError('ALREADY_EXISTS', '该通行密钥已经注册过', [{ path: 'credential.id', message: '该通行密钥已经注册过' }]);
    }
    const count = (await repo.listActiveByAccount(tx.db, accountId)).length;
    const id = await repo.insertPasskey(tx.db, {
      credentialId: c.id,
      accountId,
      publicKey: isoBase64URL.fromBuffer(c.publicKey),
      signCount: c.counter,
      transports: transportsOf(credential.response.transports ?? []),
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      name: name ?? `通行密钥 ${count + 1}`,
    });
    const row = await repo.findActiveOfAccount(tx.db, id, accountId);
    if (!row) throw new Error('stored passkey not found');
    await audit(tx, {
      action: 'identity.passkey.register', entityType: 'passkey', entityId: id, subjectAccountId: accountId,
      after: { name: row.name, deviceType: row.device_type, backedUp: row.backed_up, aaguid: row.aaguid, transports: row.transports },
    });
    return presentPasskey(row);
  });
}

/** The logged-in account's passkeys. */
export async function listMine(ctx: Ctx): Promise<PasskeyViewT[]> {
  return (await repo.listActiveByAccount(ctx.db, requireAccount(ctx))).map(presentPasskey);
}

async function getMine(ctx: Ctx, id: string): Promise<repo.PasskeyRow> {
  // Someone else's passkey is "not found", so ids of other accounts' passkeys cannot be probed.
  const p = await repo.findActiveOfAccount(ctx.db, id, requireAccount(ctx));
  if (!p) throw AppError.notFound('通行密钥', id);
  return p;
}

/** Rename one of one's passkeys (audited). */
export async function rename(ctx: Ctx, id: string, name: string): Promise<PasskeyViewT> {
  return withTransaction(ctx, async (tx) => {
    const before = await getMine(tx, id);
    await repo.renamePasskey(tx.db, id, name);
    await audit(tx, { action: 'identity.passkey.rename', entityType: 'passkey', entityId: id, subjectAccountId: before.account_id, before: { name: before.name }, after: { name } });
    return presentPasskey(await getMine(tx, id));
  });
}

/** Delete one of one's passkeys: it can no longer log in; the record stays for the audit trail. */
export async function remove(ctx: Ctx, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const p = await getMine(tx, id);
    await repo.revokePasskey(tx.db, id, 'deleted by owner');
    await audit(tx, { action: 'identity.passkey.delete', entityType: 'passkey', entityId: id, subjectAccountId: p.account_id, before: { name: p.name, deviceType: p.device_type } });
  });
}

/**
 * Options for logging in with a passkey. Without an identifier any discoverable passkey of this site
 * may answer; with one the browser is offered that account's passkeys. An identifier that names no
 * account gets the same discoverable options, so the answer does not say whether it exists.
 */
export async function loginOptions(ctx: Ctx, identifier: string | undefined): Promise<z.input<typeof PasskeyLoginOptions>> {
  const account = identifier ? await identity.findByLoginIdentifier(ctx, identifier) : undefined;
  const own = account ? await repo.listActiveByAccount(ctx.db, account.id) : [];
  const options = await generateAuthenticationOptions({
    rpID: ctx.config.webauthn.rpId,
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: 'required',
    ...(own.length > 0 ? { allowCredentials: own.map((p) => ({ id: p.credential_id, transports: transportsOf(p.transports) })) } : {}),
  });
  await newChallenge(ctx, options.challenge, 'authentication', own.length > 0 && account ? account.id : null);
  return options;
}

async function refuseLogin(ctx: Ctx, accountId: string | null, reason: string, error: AppError): Promise<never> {
  await audit(ctx, { action: 'identity.login.failed', entityType: 'account', entityId: accountId, subjectAccountId: accountId, after: { method: 'passkey', reason } });
  throw error;
}

/**
 * Check a passkey login response and open a session. Refused: a wrong, expired or replayed
 * challenge, an unknown or deleted passkey, a signature counter that went backwards (a cloned
 * authenticator), and an account that is locked, disabled or deregistered.
 */
export async function verifyLogin(
  ctx: Ctx,
  credential: z.infer<typeof AuthenticationCredential>,
  meta: { userAgent: string | null },
): Promise<{ account: AccountRow; session: identity.NewSession }> {
  const challenge = await consume(ctx, challengeOf(credential.response.clientDataJSON, 'webauthn.get'), 'authentication');
  const stored = await repo.findByCredentialId(ctx.db, credential.id);
  if (!stored) return refuseLogin(ctx, null, 'unknown passkey', AppError.field('credential.id', '该通行密钥未在本平台注册，请使用密码登录'));
  if (stored.revoked_at) return refuseLogin(ctx, stored.account_id, 'deleted passkey', AppError.field('credential.id', '该通行密钥已被删除，请使用密码登录'));
  if (challenge.account_id && challenge.account_id !== stored.account_id) {
    return refuseLogin(ctx, stored.account_id, 'passkey of another account', AppError.field('credential.id', '该通行密钥不属于所填写的账号'));
  }
  if (credential.response.userHandle !== undefined) {
    const owner = await repo.findAccountIdByUserHandle(ctx.db, credential.response.userHandle);
    if (owner !== stored.account_id) {
      return refuseLogin(ctx, stored.account_id, 'user handle mismatch', AppError.field('credential.response.userHandle', '通行密钥的用户标识与账户不符'));
    }
  }
  const storedCounter = Number(stored.sign_count);
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: challenge.challenge,
      expectedOrigin: ctx.config.webauthn.origins,
      expectedRPID: ctx.config.webauthn.rpId,
      credential: { id: stored.credential_id, publicKey: isoBase64URL.toBuffer(stored.public_key), counter: storedCounter, transports: transportsOf(stored.transports) },
      requireUserVerification: true,
    });
    if (!result.verified) throw new Error('signature not verified');
  } catch (e) {
    if (e instanceof Error && /counter/i.test(e.message)) {
      await audit(ctx, { action: 'identity.passkey.counter-regression', entityType: 'passkey', entityId: stored.id, subjectAccountId: stored.account_id, after: { storedCounter } });
      return refuseLogin(ctx, stored.account_id, 'counter regression', AppError.field('credential.response.authenticatorData', '通行密钥的签名计数器回退，可能已被复制；请使用密码登录并删除该通行密钥'));
    }
    return refuseLogin(ctx, stored.account_id, 'verification failed', libraryRefusal(e, 'credential', '通行密钥登录数据校验未通过'));
  }
  // The account's state is told only to someone who holds the key.
  const account = await identity.getAccountRow(ctx, stored.account_id);
  if (account.status === 'deregistered') return refuseLogin(ctx, account.id, 'account deregistered', new AppError('FORBIDDEN', '该账号已注销'));
  if (account.status === 'disabled') return refuseLogin(ctx, account.id, 'account disabled', new AppError('FORBIDDEN', '账号已停用，请联系管理员'));
  if (account.status === 'locked' || (account.locked_until && new Date(account.locked_until) > new Date())) {
    const until = account.locked_until ? new Date(account.locked_until).toISOString() : null;
    return refuseLogin(ctx, account.id, 'account locked', new AppError('ACCOUNT_LOCKED', `账号已锁定（连续输错密码${LIMITS.maxFailedLogins}次或被管理员锁定），请稍后再试或联系管理员解锁`, { lockedUntil: until }));
  }
  const info = result.authenticationInfo;
  const session = await withTransaction(ctx, async (tx) => {
    await repo.recordUse(tx.db, stored.id, { signCount: info.newCounter, backedUp: info.credentialBackedUp, deviceType: info.credentialDeviceType });
    return identity.openSession(tx, account.id, { userAgent: meta.userAgent, method: 'passkey', extra: { passkeyId: stored.id, passkeyName: stored.name } });
  });
  return { account: await identity.getAccountRow(ctx, account.id), session };
}
