import type { z } from 'zod';
import type { IssuerKeyView, TrustedKeyBody } from '../../../common/schemas/licenses.ts';
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import { withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { generateSm2KeyPair, KeyWrapper, type Sm2KeyPair } from '../../platform/sm2.ts';
import * as repo from './repo.ts';

/**
 * Issuer keys (签章密钥). Each issuing body signs with its own SM2 key pair, created on its first
 * issue; the private key is stored wrapped under LICENSE_KEY and unwrapped only in memory to sign.
 * Rotation retires the key (it still verifies what it signed) and makes a new one. Keys of other
 * regions' issuers enter as trusted public keys (信任列表).
 */

/** The issuer code under which the platform's transparency-log key is kept. */
export const LOG_ISSUER_CODE = 'TONGBAN-TRANSPARENCY-LOG';

const wrappers = new WeakMap<Config, KeyWrapper>();

function wrapper(ctx: Pick<Ctx, 'config'>): KeyWrapper {
  let w = wrappers.get(ctx.config);
  if (!w) {
    w = new KeyWrapper(ctx.config.licenses.keyEncryptionKey);
    wrappers.set(ctx.config, w);
  }
  return w;
}

/** A local key ready to sign. */
export interface SigningKey {
  id: string;
  issuerCode: string;
  issuerName: string;
  pair: Sm2KeyPair;
}

function unwrap(ctx: Ctx, k: repo.KeyRow): SigningKey {
  if (!k.private_key_enc) throw new Error(`key ${k.id} has no private half`);
  let privateKey: string;
  try {
    privateKey = wrapper(ctx).unwrap(k.private_key_enc);
  } catch {
    ctx.log.error({ keyId: k.id, issuer: k.issuer_code }, 'issuer key does not open with LICENSE_KEY');
    throw new AppError('INTEGRITY_FAILED', '发证机构签章密钥无法解密（LICENSE_KEY 与创建密钥时不同），请联系系统管理员', { keyId: k.id });
  }
  return { id: k.id, issuerCode: k.issuer_code, issuerName: k.issuer_name, pair: { privateKey, publicKey: k.public_key } };
}

async function createKey(ctx: Ctx, issuerCode: string, issuerName: string): Promise<repo.KeyRow | undefined> {
  const pair = generateSm2KeyPair();
  return withTransaction(ctx, async (tx) => {
    const row = await repo.insertKey(tx.db, { issuerCode, issuerName, origin: 'local', trustSource: null, publicKey: pair.publicKey, privateKeyEnc: wrapper(tx).wrap(pair.privateKey) });
    if (row) {
      await audit(tx, { action: 'licenses.key.create', entityType: 'license_issuer_key', entityId: row.id, after: { issuerCode, issuerName, publicKey: pair.publicKey } });
    }
    return row;
  });
}

/** The issuer's active signing key, created on first use (a lost race reads the winner's key). */
export async function signingKeyFor(ctx: Ctx, issuerCode: string, issuerName: string): Promise<SigningKey> {
  const existing = await repo.findActiveKey(ctx.db, issuerCode);
  if (existing) return unwrap(ctx, existing);
  const created = (await createKey(ctx, issuerCode, issuerName)) ?? (await repo.findActiveKey(ctx.db, issuerCode));
  if (!created) throw new Error(`no active key for ${issuerCode} after creating one`);
  return unwrap(ctx, created);
}

/** The platform's transparency-log key (signs tree heads). */
export function logSigningKey(ctx: Ctx): Promise<SigningKey> {
  return signingKeyFor(ctx, LOG_ISSUER_CODE, '通办电子证照透明日志');
}

/** The public key of a key id, or undefined. */
export async function publicKeyOf(ctx: Ctx, keyId: string): Promise<string | undefined> {
  return (await repo.findKey(ctx.db, keyId))?.public_key;
}

/** Present a key (never its private half). */
export function presentKey(k: repo.KeyRow): z.infer<typeof IssuerKeyView> {
  return {
    id: k.id, issuerCode: k.issuer_code, issuerName: k.issuer_name, origin: k.origin, trustSource: k.trust_source, publicKey: k.public_key, status: k.status,
    createdAt: new Date(k.created_at).toISOString(), retiredAt: k.retired_at ? new Date(k.retired_at).toISOString() : null,
  };
}

/** Every key, local and trusted. */
export async function listKeys(ctx: Ctx): Promise<z.infer<typeof IssuerKeyView>[]> {
  return (await repo.listKeys(ctx.db)).map(presentKey);
}

/** Rotate an issuer's key: the old one is retired (still verifies), a new one signs from now on. */
export async function rotateKey(ctx: Ctx, issuerCode: string): Promise<z.infer<typeof IssuerKeyView>> {
  const current = await repo.findActiveKey(ctx.db, issuerCode);
  if (!current) throw AppError.field('issuerCode', '该发证机构还没有签章密钥（首次发证时自动生成）');
  const pair = generateSm2KeyPair();
  const row = await withTransaction(ctx, async (tx) => {
    await repo.retireActiveKey(tx.db, issuerCode);
    const k = await repo.insertKey(tx.db, { issuerCode, issuerName: current.issuer_name, origin: 'local', trustSource: null, publicKey: pair.publicKey, privateKeyEnc: wrapper(tx).wrap(pair.privateKey) });
    if (!k) throw new AppError('CONFLICT', '密钥正在被另一请求更换，请稍后重试');
    await audit(tx, { action: 'licenses.key.rotate', entityType: 'license_issuer_key', entityId: k.id, before: { keyId: current.id, publicKey: current.public_key }, after: { keyId: k.id, publicKey: pair.publicKey } });
    return k;
  });
  return presentKey(row);
}

/** Add another region's issuer key to the trust list. */
export async function addTrustedKey(ctx: Ctx, input: z.infer<typeof TrustedKeyBody>): Promise<z.infer<typeof IssuerKeyView>> {
  const row = await withTransaction(ctx, async (tx) => {
    const k = await repo.insertKey(tx.db, { issuerCode: input.issuerCode, issuerName: input.issuerName, origin: 'trusted', trustSource: input.trustSource, publicKey: input.publicKey, privateKeyEnc: null });
    if (!k) throw new AppError('ALREADY_EXISTS', '该公钥已在信任列表或为本平台密钥', [{ path: 'publicKey', message: '该公钥已存在' }]);
    await audit(tx, { action: 'licenses.key.trust', entityType: 'license_issuer_key', entityId: k.id, after: { issuerCode: input.issuerCode, issuerName: input.issuerName, trustSource: input.trustSource, publicKey: input.publicKey } });
    return k;
  });
  return presentKey(row);
}
