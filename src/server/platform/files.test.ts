import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/app.ts';
import { buildCitizen, buildStaff, loginCookie } from '../../../test/support/factories.ts';
import { exeBytes, multipartBody, ofdBytes, pdfBytes, pngBytes, zipBytes } from '../../../test/support/files.ts';
import { LIMITS } from '../../common/limits.ts';
import { sm3Hex } from './crypto.ts';
import { rows } from './db.ts';
import { attachFile, blobKey, LocalBlobStore, registerFileReadPolicy } from './files.ts';

let t: TestApp;
let alice: string;
let aliceId: string;
let bob: string;
let clerk: string;
let clerkId: string;

// The owning module's policy, as the case module will register one: staff of the case may read.
const admitted = new Set<string>();
registerFileReadPolicy('test-case', async (ctx, file) => (ctx.actor.type === 'account' && admitted.has(`${ctx.actor.accountId}:${file.ownerId}`) ? { purpose: '审查申请材料' } : false));

type ErrorJson = { error: { code: string; details?: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestApp();
  const a = await buildCitizen(t.ctx);
  aliceId = a.id;
  alice = await loginCookie(t.app, a.login);
  bob = await loginCookie(t.app, (await buildCitizen(t.ctx)).login);
  const c = await buildStaff(t.ctx, { roles: ['window_clerk'] });
  clerkId = c.id;
  clerk = await loginCookie(t.app, c.login);
});
afterAll(async () => {
  await t.close();
});

async function upload(cookie: string | null, file: { name: string; bytes: Buffer; field?: string }) {
  const { payload, headers } = multipartBody(file);
  return t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
}

function blobFiles(): string[] {
  const dir = path.join(t.config.files.backend === 'local' ? t.config.files.dir : '', 'sm3');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(path.join(d, e.name));
    }
  };
  try {
    walk(dir);
  } catch {
    return [];
  }
  return out;
}

async function fileCount(): Promise<number> {
  return (await rows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from files`))[0]?.n ?? 0;
}

describe('upload', () => {
  it('stores a PDF under its SM3 hash and gives it back to the uploader byte for byte', async () => {
    const bytes = pdfBytes('营业执照');
    const res = await upload(alice, { name: '营业执照.pdf', bytes });
    expect(res.statusCode).toBe(201);
    const f = json<{ id: string; hash: string; size: number; contentType: string; name: string }>(res);
    expect(f).toMatchObject({ hash: sm3Hex(bytes), size: bytes.length, contentType: 'application/pdf', name: '营业执照.pdf' });
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/files/${f.id}`, headers: { cookie: alice } });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(String(got.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('营业执照.pdf')}`);
  });

  it('stores the same bytes once when they are uploaded again, even by someone else', async () => {
    const bytes = pdfBytes('same content');
    const first = json<{ id: string; hash: string }>(await upload(alice, { name: 'a.pdf', bytes }));
    const blob = new LocalBlobStore(t.config.files.backend === 'local' ? t.config.files.dir : '').pathOf(blobKey(first.hash));
    const before = blobFiles().length;
    const mtime = statSync(blob).mtimeMs;
    const second = json<{ id: string; hash: string }>(await upload(bob, { name: 'b.pdf', bytes }));
    expect(second.id).not.toBe(first.id);
    expect(second.hash).toBe(first.hash);
    expect(blobFiles().length).toBe(before);
    expect(statSync(blob).mtimeMs).toBe(mtime);
  });

  it('accepts PNG and OFD by their content', async () => {
    expect(json(await upload(alice, { name: '照片.png', bytes: pngBytes() })).contentType).toBe('image/png');
    expect(json(await upload(alice, { name: '证照.ofd', bytes: ofdBytes() })).contentType).toBe('application/ofd');
    const docx = zipBytes({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(json(await upload(alice, { name: '申请书.docx', bytes: docx })).contentType).toContain('wordprocessingml');
  });

  it('refuses an .exe renamed .pdf with 400 naming the field, and stores nothing', async () => {
    const before = { rows: await fileCount(), blobs: blobFiles().length };
    const res = await upload(alice, { name: '身份证.pdf', bytes: exeBytes() });
    expect(res.statusCode).toBe(400);
    const body = json<ErrorJson>(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.[0]?.path).toBe('file');
    expect(body.error.details?.[0]?.message).toContain('可执行');
    expect({ rows: await fileCount(), blobs: blobFiles().length }).toEqual(before);
  });

  it('refuses content that does not match the extension, a bare ZIP and unknown types', async () => {
    for (const [name, bytes, words] of [
      ['scan.pdf', pngBytes(), '不符'],
      ['photo.jpg', pdfBytes(), '不符'],
      ['archive.zip', zipBytes({ 'a.txt': 'x' }), '只能上传'],
      ['tool.ofd', zipBytes({ 'OFD.xml': '<x/>', 'run.exe': 'MZ' }), '可执行'],
      ['notes.txt', Buffer.from('plain text'), '只能上传'],
    ] as const) {
      const res = await upload(alice, { name, bytes });
      expect(res.statusCode, name).toBe(400);
      const issue = json<ErrorJson>(res).error.details?.[0];
      expect(issue?.path, name).toBe('file');
      expect(issue?.message, name).toContain(words);
    }
  });

  it('refuses a file over the size limit with 413 naming the field', async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(LIMITS.uploadMaxBytes)]);
    const res = await upload(alice, { name: 'big.pdf', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(json<ErrorJson>(res).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ path: 'file' }] });
  });

  it('answers 400 naming the field for a JSON body, an empty file or a wrong field name, and 401 for anonymous callers', async () => {
    const asJson = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload: { file: 'x' }, headers: { cookie: alice } });
    expect(asJson.statusCode).toBe(400);
    expect(json<ErrorJson>(asJson).error.details?.[0]?.path).toBe('file');
    expect(json<ErrorJson>(await upload(alice, { name: 'empty.pdf', bytes: Buffer.alloc(0) })).error.details?.[0]?.path).toBe('file');
    expect((await upload(alice, { name: 'a.pdf', bytes: pdfBytes(), field: 'document' })).statusCode).toBe(400);
    expect((await upload(null, { name: 'a.pdf', bytes: pdfBytes() })).statusCode).toBe(401);
  });
});

describe('read', () => {
  it('refuses another citizen and unrelated staff (404: existence is not disclosed)', async () => {
    const f = json<{ id: string }>(await upload(alice, { name: '户口本.pdf', bytes: pdfBytes('hukou') }));
    for (const cookie of [bob, clerk]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/files/${f.id}`, headers: { cookie } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('hukou');
    }
  });

  it('lets staff the owning module admits read the file, and audits the read against the citizen', async () => {
    const f = json<{ id: string }>(await upload(alice, { name: '材料.pdf', bytes: pdfBytes('material') }));
    await attachFile(t.ctx, f.id, { ownerType: 'test-case', ownerId: 'case-1' });
    admitted.add(`${clerkId}:case-1`);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/files/${f.id}`, headers: { cookie: clerk } });
    expect(res.statusCode).toBe(200);
    const logged = await rows<{ subject_account_id: string; purpose: string }>(t.ctx.db, sql`select subject_account_id, purpose from audit_log
      where action = 'files.file.read' and entity_id = ${f.id}`);
    expect(logged).toEqual([{ subject_account_id: aliceId, purpose: '审查申请材料' }]);
    // The uploader's own reads are not audited as someone else's use of their data.
    await t.app.inject({ method: 'GET', url: `/api/v1/files/${f.id}`, headers: { cookie: alice } });
    expect((await rows(t.ctx.db, sql`select 1 from audit_log where action = 'files.file.read' and entity_id = ${f.id}`)).length).toBe(1);
  });

  it('refuses to serve a file whose stored bytes were altered on disk', async () => {
    const bytes = pdfBytes('original');
    const f = json<{ id: string; hash: string }>(await upload(alice, { name: '原件.pdf', bytes }));
    const blob = new LocalBlobStore(t.config.files.backend === 'local' ? t.config.files.dir : '').pathOf(blobKey(f.hash));
    writeFileSync(blob, pdfBytes('tampered'));
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/files/${f.id}`, headers: { cookie: alice } });
    expect(res.statusCode).toBe(500);
    expect(json<ErrorJson>(res).error.code).toBe('INTEGRITY_FAILED');
    expect(res.body).not.toContain('tampered');
  });

  it('lets a file be attached to one record only', async () => {
    const f = json<{ id: string }>(await upload(alice, { name: 'x.pdf', bytes: pdfBytes('attach') }));
    await attachFile(t.ctx, f.id, { ownerType: 'test-case', ownerId: 'case-2' });
    await expect(attachFile(t.ctx, f.id, { ownerType: 'test-case', ownerId: 'case-3' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
