import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { LIMITS } from '../../common/limits.ts';
import type { FileView } from '../../common/schemas/files.ts';
import { audit } from './audit.ts';
import type { Config, FilesConfig } from './config.ts';
import { actorAccountId, withTransaction, type Ctx } from './context.ts';
import { sm3Hex } from './crypto.ts';
import { firstRow } from './db.ts';
import { AppError } from './errors.ts';
import { extensionOf, FILE_KINDS, sniff } from './file-types.ts';

/**
 * Content-addressed files. The bytes are stored once under their SM3 hash (`sm3/ab/cd/<hash>`) in a
 * local directory or an S3 bucket; the `files` table holds one row per upload or generated document
 * (name, uploader, detected type, owner). Every read re-hashes the bytes and refuses a mismatch.
 *
 * Why SM3 rather than SHA-256: GB/T 39786 (密码应用安全性评估) expects integrity protection of
 * important data with the national algorithms; the platform already chains its audit log with SM3;
 * Node's OpenSSL computes it natively at SHA-256-like speed. Operators check a blob with
 * `openssl dgst -sm3 <file>`.
 */

/** Where the bytes live: written once under a key, read back whole. */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  has(key: string): Promise<boolean>;
  /** Store the bytes under the key; a no-op race with an identical writer is harmless (same content). */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or undefined when the key is absent. */
  get(key: string): Promise<Buffer | undefined>;
}

/** A local directory; writes go to a temp file in the same directory tree and are renamed into place (atomic). */
export class LocalBlobStore implements BlobStore {
  readonly kind = 'local';
  constructor(readonly dir: string) {}

  /** Absolute path of a key. */
  pathOf(key: string): string {
    return path.join(this.dir, ...key.split('/'));
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const final = this.pathOf(key);
    await mkdir(path.dirname(final), { recursive: true });
    const tmpDir = path.join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const fh = await open(tmp, 'wx', 0o640);
    try {
      await fh.writeFile(bytes);
      // Durable before it becomes visible: a crash never leaves a truncated file under a valid name.
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, final);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }
}

function httpStatusOf(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, OSS/COS/OBS in S3 mode). */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(c: Extract<FilesConfig, { backend: 's3' }>) {
    this.bucket = c.bucket;
    this.prefix = c.prefix ? `${c.prefix}/` : '';
    this.client = new S3Client({
      region: c.region,
      forcePathStyle: c.forcePathStyle,
      ...(c.endpoint ? { endpoint: c.endpoint } : {}),
      ...(c.accessKeyId && c.secretAccessKey ? { credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey } } : {}),
      // Recent SDKs add CRC checksums to every request by default, which many S3-compatible stores
      // reject; we verify content ourselves (SM3) on every read.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return true;
    } catch (e) {
      if (httpStatusOf(e) === 404) return false;
      throw e;
    }
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.prefix + key, Body: bytes, ContentLength: bytes.length, ContentType: 'application/octet-stream' }),
    );
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      if (!r.Body) return undefined;
      return Buffer.from(await r.Body.transformToByteArray());
    } catch (e) {
      if (httpStatusOf(e) === 404) return undefined;
      throw e;
    }
  }
}

const stores = new WeakMap<Config, BlobStore>();
/** The blob store this configuration names (one per configuration). */
export function blobStore(config: Config): BlobStore {
  let s = stores.get(config);
  if (!s) {
    s = config.files.backend === 's3' ? new S3BlobStore(config.files) : new LocalBlobStore(config.files.dir);
    stores.set(config, s);
  }
  return s;
}

/** The storage key of a hash. */
export function blobKey(hash: string): string {
  return `sm3/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
}

/** A file's metadata row. */
export interface FileRow {
  id: string;
  hash: string;
  size: number;
  content_type: string;
  name: string;
  uploader_account_id: string | null;
  owner_type: string | null;
  owner_id: string | null;
  created_at: Date | string;
}

/** The presented file. */
export type FileViewT = z.infer<typeof FileView>;

/** Present a file row. */
export function presentFile(f: FileRow): FileViewT {
  return { id: f.id, hash: f.hash, size: Number(f.size), contentType: f.content_type, name: f.name };
}

/** Who owns a file: a record of another module (e.g. { ownerType: 'case', ownerId: <case id> }). */
export interface FileOwner {
  ownerType: string;
  ownerId: string;
}

/**
 * A module's answer to "may this caller read this file of one of my records?": false, or the purpose
 * of the read (recorded in the audit log when staff read a citizen's file).
 */
export type FileReadPolicy = (ctx: Ctx, file: FileRow & FileOwner) => Promise<false | { purpose: string }>;

const readPolicies = new Map<string, FileReadPolicy>();

/** Let the module that owns records of `ownerType` decide who besides the uploader may read their files. */
export function registerFileReadPolicy(ownerType: string, policy: FileReadPolicy): void {
  if (readPolicies.has(ownerType)) throw new Error(`A file read policy for ${ownerType} is already registered`);
  readPolicies.set(ownerType, policy);
}

/** A safe display name: no path, no control characters, bounded length. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters and bidi overrides would let a name pretend to another extension.
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (cleaned.length <= LIMITS.uploadNameMaxLength) return cleaned;
  const ext = extensionOf(cleaned);
  return cleaned.slice(0, LIMITS.uploadNameMaxLength - ext.length - 1) + (ext ? `.${ext}` : '');
}

/** Write the bytes to the store unless a blob with this hash is already there; returns the hash. Never inside a transaction. */
async function putBlob(ctx: Ctx, bytes: Buffer): Promise<string> {
  const hash = sm3Hex(bytes);
  const store = blobStore(ctx.config);
  const key = blobKey(hash);
  if (!(await store.has(key))) await store.put(key, bytes);
  return hash;
}

async function insertFile(ctx: Ctx, f: { hash: string; size: number; contentType: string; name: string; owner: FileOwner | null; action: string }): Promise<FileRow> {
  return withTransaction(ctx, async (tx) => {
    const row = await firstRow<FileRow>(tx.db, sql`insert into files (hash, size, content_type, name, uploader_account_id, owner_type, owner_id, attached_at)
      values (${f.hash}, ${f.size}, ${f.contentType}, ${f.name}, ${actorAccountId(ctx)}, ${f.owner?.ownerType ?? null}, ${f.owner?.ownerId ?? null},
        ${f.owner ? sql`now()` : null})
      returning id, hash, size, content_type, name, uploader_account_id, owner_type, owner_id, created_at`);
    if (!row) throw new Error('insert into files returned no row');
    await audit(tx, {
      action: f.action, entityType: 'file', entityId: row.id, subjectAccountId: actorAccountId(ctx),
      after: { hash: f.hash, size: f.size, contentType: f.contentType, name: f.name, owner: f.owner },
    });
    return row;
  });
}

/**
 * Store an uploaded file of the calling account after checking it: not empty, not too large, of an
 * accepted type by its content, and with an extension that matches the content. Bad input → 400
 * naming the field `file`; nothing is stored for a refused file.
 */
export async function storeUpload(ctx: Ctx, input: { bytes: Buffer; name: string }): Promise<FileRow> {
  if (ctx.actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  const { bytes } = input;
  if (bytes.length === 0) throw AppError.field('file', '文件为空');
  if (bytes.length > LIMITS.uploadMaxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `file: 文件超过 ${LIMITS.uploadMaxBytes / 1024 / 1024} MB`, [{ path: 'file', message: `文件超过 ${LIMITS.uploadMaxBytes / 1024 / 1024} MB` }]);
  }
  const name = cleanName(input.name);
  if (!name) throw AppError.field('file', '缺少文件名');
  const sniffed = sniff(bytes);
  if (!sniffed.ok) {
    const why = sniffed.reason === 'executable' ? '不允许上传可执行文件或脚本' : '只能上传 PDF、JPG、PNG、OFD、DOCX、XLSX 文件';
    throw AppError.field('file', why);
  }
  const ext = extensionOf(name);
  if (!sniffed.type.extensions.includes(ext)) {
    throw AppError.field('file', `文件扩展名 .${ext || '（无）'} 与文件内容（${sniffed.type.kind.toUpperCase()}）不符`);
  }
  const hash = await putBlob(ctx, bytes);
  return insertFile(ctx, { hash, size: bytes.length, contentType: sniffed.type.contentType, name, owner: null, action: 'files.file.upload' });
}

/** Store a document the platform generated (a license PDF/OFD, a notice), owned by a record from the start. */
export async function storeGenerated(ctx: Ctx, input: { bytes: Buffer; name: string; contentType: string; owner: FileOwner }): Promise<FileRow> {
  if (!FILE_KINDS.some((k) => k.contentType === input.contentType)) throw new Error(`storeGenerated: unsupported content type ${input.contentType}`);
  const hash = await putBlob(ctx, input.bytes);
  return insertFile(ctx, { hash, size: input.bytes.length, contentType: input.contentType, name: cleanName(input.name), owner: input.owner, action: 'files.file.generate' });
}

/** Find a file's metadata. */
export function findFile(ctx: Ctx, id: string): Promise<FileRow | undefined> {
  return firstRow<FileRow>(ctx.db, sql`select id, hash, size, content_type, name, uploader_account_id, owner_type, owner_id, created_at from files where id = ${id}`);
}

/**
 * Attach an unattached file to a record of another module (e.g. a material of a case). Only the
 * uploader (or the platform) may attach, and only once: a file never moves between records.
 */
export async function attachFile(ctx: Ctx, fileId: string, owner: FileOwner): Promise<FileRow> {
  return withTransaction(ctx, async (tx) => {
    const f = await firstRow<FileRow>(tx.db, sql`select id, hash, size, content_type, name, uploader_account_id, owner_type, owner_id, created_at
      from files where id = ${fileId} for update`);
    const caller = actorAccountId(ctx);
    if (!f || (ctx.actor.type !== 'system' && f.uploader_account_id !== caller)) throw AppError.notFound('文件', fileId);
    if (f.owner_type === owner.ownerType && f.owner_id === owner.ownerId) return f;
    if (f.owner_type) throw new AppError('CONFLICT', '该文件已属于其他记录，请重新上传', { fileId });
    await tx.db.execute(sql`update files set owner_type = ${owner.ownerType}, owner_id = ${owner.ownerId}, attached_at = now() where id = ${fileId}`);
    await audit(tx, { action: 'files.file.attach', entityType: 'file', entityId: fileId, subjectAccountId: f.uploader_account_id, after: owner });
    return { ...f, owner_type: owner.ownerType, owner_id: owner.ownerId };
  });
}

/** The bytes of a blob, verified against the hash; a missing or altered blob is refused, never served. */
export async function readVerified(ctx: Ctx, f: Pick<FileRow, 'id' | 'hash'>): Promise<Buffer> {
  const bytes = await blobStore(ctx.config).get(blobKey(f.hash));
  if (!bytes) {
    ctx.log.error({ fileId: f.id, hash: f.hash }, 'file content missing from the store');
    throw new AppError('INTEGRITY_FAILED', '文件内容缺失，请联系管理员', { fileId: f.id });
  }
  if (sm3Hex(bytes) !== f.hash) {
    ctx.log.error({ fileId: f.id, hash: f.hash }, 'file content does not match its hash: refused');
    throw new AppError('INTEGRITY_FAILED', '文件校验失败（内容已被改动），已拒绝提供，请联系管理员', { fileId: f.id });
  }
  return bytes;
}

/**
 * Read a file for the caller: the uploader, the platform, or whoever the owning module's read policy
 * admits. Anyone else gets 404 (a file's existence is not disclosed). A staff member reading a file
 * someone else uploaded is audited with the policy's purpose.
 */
export async function readFileFor(ctx: Ctx, id: string): Promise<{ file: FileRow; bytes: Buffer }> {
  const f = await findFile(ctx, id);
  if (!f) throw AppError.notFound('文件', id);
  const caller = actorAccountId(ctx);
  let purpose: string | null = null;
  const own = ctx.actor.type === 'system' || (caller !== null && f.uploader_account_id === caller);
  if (!own) {
    const policy = f.owner_type ? readPolicies.get(f.owner_type) : undefined;
    const decision = policy && f.owner_type && f.owner_id ? await policy(ctx, { ...f, ownerType: f.owner_type, ownerId: f.owner_id }) : false;
    if (!decision) throw AppError.notFound('文件', id);
    purpose = decision.purpose;
  }
  const bytes = await readVerified(ctx, f);
  if (!own && ctx.actor.type === 'account' && ctx.actor.kind === 'staff') {
    await audit(ctx, {
      action: 'files.file.read', entityType: 'file', entityId: f.id, subjectAccountId: f.uploader_account_id, purpose,
      after: { name: f.name, owner: { ownerType: f.owner_type, ownerId: f.owner_id } },
    });
  }
  return { file: f, bytes };
}
