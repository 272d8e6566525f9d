import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/app.ts';
import { buildCitizen, loginCookie } from '../../../test/support/factories.ts';
import { multipartBody, pdfBytes } from '../../../test/support/files.ts';
import { sm3Hex } from './crypto.ts';
import { blobKey } from './files.ts';

/**
 * A tiny in-process S3 (path-style GET/HEAD/PUT of objects), enough to check that the S3 backend
 * talks the protocol with the configured endpoint, bucket, prefix and credentials. Nothing external
 * is reachable from the test machine, and no S3 binary is downloaded.
 */
class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly requests: { method: string; path: string; auth: string }[] = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/xml', ...headers });
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body?: Buffer | string; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const p = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    this.requests.push({ method: req.method ?? '', path: p, auth: String(req.headers.authorization ?? '') });
    if (!String(req.headers.authorization ?? '').includes('Credential=TESTKEY/')) return { status: 403, body: '<Error><Code>AccessDenied</Code></Error>' };
    if (req.method === 'PUT') {
      this.objects.set(p, Buffer.concat(chunks));
      return { status: 200, headers: { etag: '"x"' } };
    }
    const obj = this.objects.get(p);
    if (!obj) return { status: 404, body: '<Error><Code>NoSuchKey</Code><Message>not found</Message></Error>' };
    return { status: 200, body: obj, headers: { 'content-type': 'application/octet-stream', 'content-length': String(obj.length) } };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const s3 = new FakeS3();
let t: TestApp;
let cookie: string;

beforeAll(async () => {
  const endpoint = await s3.start();
  t = await createTestApp({
    FILES_BACKEND: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: 'tongban-test', S3_REGION: 'cn-south-1', S3_ACCESS_KEY_ID: 'TESTKEY', S3_SECRET_ACCESS_KEY: 'secret', S3_PREFIX: 'city/',
  });
  cookie = await loginCookie(t.app, (await buildCitizen(t.ctx)).login);
});
afterAll(async () => {
  await t.close();
  await s3.stop();
});

describe('S3 file store', () => {
  it('puts an upload into the bucket under prefix/sm3/…/hash, once, and reads it back verified', async () => {
    const bytes = pdfBytes('s3');
    const key = `/tongban-test/city/${blobKey(sm3Hex(bytes))}`;
    for (let i = 0; i < 2; i++) {
      const { payload, headers } = multipartBody({ name: '材料.pdf', bytes });
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie } });
      expect(res.statusCode).toBe(201);
    }
    expect(s3.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([key]);
    expect(s3.objects.get(key)?.equals(bytes)).toBe(true);
    // Signed with the configured credentials and region.
    expect(s3.requests[0]?.auth).toContain('/cn-south-1/s3/aws4_request');
    const { payload, headers } = multipartBody({ name: 'again.pdf', bytes });
    const id = json<{ id: string }>(await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie } })).id;
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: { cookie } });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses an object altered in the bucket, and a missing one', async () => {
    const bytes = pdfBytes('s3 original');
    const { payload, headers } = multipartBody({ name: 'x.pdf', bytes });
    const id = json<{ id: string }>(await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie } })).id;
    const key = `/tongban-test/city/${blobKey(sm3Hex(bytes))}`;
    s3.objects.set(key, pdfBytes('s3 altered'));
    const altered = await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: { cookie } });
    expect(altered.statusCode).toBe(500);
    expect(json<{ error: { code: string } }>(altered).error.code).toBe('INTEGRITY_FAILED');
    s3.objects.delete(key);
    expect(json<{ error: { code: string } }>(await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: { cookie } })).error.code).toBe('INTEGRITY_FAILED');
  });
});
