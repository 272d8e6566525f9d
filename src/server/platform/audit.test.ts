import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/app.ts';
import { ROOT, pgliteTemplatePath, testPostgresUrl } from '../../../test/support/template.ts';
import { audit, verifyAuditChain } from './audit.ts';
import { loadConfig } from './config.ts';
import { systemContext, type Ctx } from './context.ts';
import { openPglite, rows, type Database } from './db.ts';
import { createLogger } from './logger.ts';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const log = createLogger(config) as FastifyBaseLogger;

/** Edit one audit row by hand, as an intruder with table rights would (the trigger must be switched off first). */
async function tamper(database: Database, seq: number): Promise<void> {
  await database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
  await database.db.execute(sql`update audit_log set after = '{"name":"篡改"}'::jsonb where seq = ${seq}`);
  await database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
}

describe('audit chain', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let ctx: Ctx;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    ctx = systemContext({ db: database.db, log, config }, 'audit-test');
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('chains concurrent appends into one unbroken sequence', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => audit(ctx, { action: 'test.event', entityType: 'thing', entityId: String(i), after: { i, name: `事件${i}` } })));
    const r = await verifyAuditChain(database.db, 5);
    expect(r.ok).toBe(true);
    const seqs = await rows<{ seq: string }>(database.db, sql`select seq::text as seq from audit_log order by audit_log.seq`);
    expect(seqs.map((s) => Number(s.seq))).toEqual(seqs.map((_, i) => i + 1));
  });

  it('refuses updates and deletes (append-only)', async () => {
    await expect(database.db.execute(sql`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
  });

  it('names the first row whose content was edited by hand', async () => {
    const before = await rows<{ n: string }>(database.db, sql`select count(*)::text as n from audit_log`);
    const target = Number(before[0]?.n ?? 0) - 3;
    await tamper(database, target);
    const r = await verifyAuditChain(database.db, 4);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.brokenSeq).toBe(target);
      expect(r.reason).toMatch(/edited/);
    }
  });
});

describe('tongban audit-verify (the CLI)', () => {
  it('passes on an intact chain and exits 1 naming the row after a hand edit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tongban-audit-'));
    const pgUrl = testPostgresUrl();
    let env: Record<string, string>;
    let database: Database;
    let drop = async () => undefined as void;
    if (pgUrl) {
      const fresh = await freshDatabase();
      database = fresh.database;
      drop = fresh.drop;
      const u = (database.location.split('/')[1] ?? '');
      const url = new URL(pgUrl);
      url.pathname = `/${u}`;
      env = { DATABASE_URL: url.toString() };
    } else {
      database = await openPglite(path.join(dir, 'pglite'), new Blob([readFileSync(pgliteTemplatePath())]));
      env = { DATA_DIR: dir };
    }
    const ctx = systemContext({ db: database.db, log, config }, 'audit-cli-test');
    for (let i = 0; i < 5; i++) await audit(ctx, { action: 'test.cli', entityType: 'thing', entityId: String(i), after: { i } });
    const total = Number((await rows<{ n: string }>(database.db, sql`select count(*)::text as n from audit_log`))[0]?.n);
    // PGlite's data directory belongs to one process at a time.
    if (!pgUrl) await database.close();
    const run = () => spawnSync(process.execPath, [path.join(ROOT, 'bin/tongban.mjs'), 'audit-verify'], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
    const ok = run();
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`audit chain intact: ${total} rows`);
    if (!pgUrl) database = await openPglite(path.join(dir, 'pglite'));
    await tamper(database, total - 2);
    if (!pgUrl) await database.close();
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`seq=${total - 2}`);
    if (pgUrl) await database.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
