import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('platform endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    expect(json(await t.app.inject('/healthz'))).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(json(ready)).toMatchObject({ status: 'ready' });
  });

  it('exposes Prometheus metrics with request durations and error codes', async () => {
    await t.app.inject('/api/v1/auth/me');
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('tongban_http_request_duration_seconds_bucket');
    expect(res.body).toMatch(/tongban_http_errors_total\{code="UNAUTHENTICATED"\} \d+/);
  });

  it('publishes an OpenAPI 3.1 document in which every registered route appears, tagged with its module', async () => {
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { tags?: string[] }>> }>(await t.app.inject('/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    expect(t.app.routeRegistry.length).toBeGreaterThan(20);
    for (const r of t.app.routeRegistry) {
      const p = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[p]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url} missing from the OpenAPI document`).toBeDefined();
      expect(op?.tags).toEqual([r.module]);
    }
  });

  it('serves the API browser at /api/docs', async () => {
    const res = await t.app.inject('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('answers unknown API paths with a JSON 404 carrying the request id', async () => {
    const res = await t.app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    const body = json<{ error: { code: string; requestId: string } }>(res);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('rate-limits login attempts per client with 429 RATE_LIMITED', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: 'nobody', password: 'x' } })).statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[3]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('the web app', () => {
  it('serves the built app, falls back to index.html for client routes, and keeps API and asset 404s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tongban-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>通办</title><div id="root"></div>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const web = await createTestApp({ WEB_DIST_DIR: dir });
    try {
      const home = await web.app.inject('/');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('<div id="root">');
      const route = await web.app.inject('/console/staff?page=2');
      expect(route.statusCode).toBe(200);
      expect(route.headers['content-type']).toMatch(/text\/html/);
      expect((await web.app.inject('/assets/app.js')).body).toBe('console.log(1)');
      // A file added after start (a rebuild) is served without a restart.
      writeFileSync(path.join(dir, 'assets', 'later.js'), 'console.log(2)');
      expect((await web.app.inject('/assets/later.js')).body).toBe('console.log(2)');
      expect((await web.app.inject('/assets/missing.js')).statusCode).toBe(404);
      // A license QR link ends in ".<check character>" but is a page, not a file.
      const qr = await web.app.inject('/verify/1.2.156.3005.2.11100000MB0143028R001.11350703035000289Q.201900000001.001.W');
      expect(qr.statusCode).toBe(200);
      expect(qr.body).toContain('<div id="root">');
      const api = await web.app.inject('/api/v1/nothing');
      expect(api.statusCode).toBe(404);
      expect(json<{ error: { code: string } }>(api).error.code).toBe('NOT_FOUND');
    } finally {
      await web.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
