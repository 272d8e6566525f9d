import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger, FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig, type Config } from '../../src/server/platform/config.ts';
import { systemContext, type Clock, type Ctx } from '../../src/server/platform/context.ts';
import { openPglite, openPostgres, type Database } from '../../src/server/platform/db.ts';
import { JobQueue, type DrainResult } from '../../src/server/platform/jobs.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { PG_TEMPLATE, ROOT, pgliteTemplatePath, testPostgresUrl } from './template.ts';

/** A clock a test can stop at an instant (to accept a case "on" a given day) and let run again. */
export class TestClock implements Clock {
  private fixed: Date | null = null;

  /** The set instant, or the system time when none is set. */
  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Stop the clock at an instant (ISO 8601, e.g. 2026-09-25T10:00:00+08:00); null lets it run again. */
  set(instant: string | null): void {
    this.fixed = instant === null ? null : new Date(instant);
  }
}

/** A running app on a fresh database of its own. */
export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** A platform context on the same database, for factories and direct assertions. */
  ctx: Ctx;
  /** The clock of the app's request contexts and of `ctx`: the system time until a test sets it. */
  clock: TestClock;
  /** The app's job queue; no workers run in tests. */
  jobs: JobQueue;
  /** Run every queued job now (retries without their delay) until the queues are empty. */
  drainJobs(options?: { includeDelayed?: boolean }): Promise<DrainResult>;
  close(): Promise<void>;
}

/** Open a fresh database copied from the migrated template (PGlite dump, or a PostgreSQL template database). */
export async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const pgUrl = testPostgresUrl();
  if (!pgUrl) {
    const dump = new Blob([readFileSync(pgliteTemplatePath())]);
    return { database: await openPglite(undefined, dump), drop: async () => undefined };
  }
  const name = `tongban_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const database = await openPostgres(u.toString(), 5);
  return {
    database,
    drop: async () => {
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      // pool.end() resolves before its sockets have closed: a forced drop would then kill a backend
      // whose client is still ending, and that client reports the FATAL as an unhandled error. Wait
      // (briefly) for the pool's backends to go first.
      for (let i = 0; i < 50; i++) {
        const r = await a.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if ((r.rows[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Build the real app in process on a fresh database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // Each app stores files in a directory of its own, removed on close.
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const filesDir = mkdtempSync(path.join(ROOT, '.tmp', 'files-'));
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', WEB_DIST_DIR: '/nonexistent', FILES_DIR: filesDir, ...env,
  });
  const log = createLogger(config) as FastifyBaseLogger;
  const { database, drop } = await freshDatabase();
  const jobs = new JobQueue({ database, log, config });
  const clock = new TestClock();
  const app = await buildApp({ config, database, log, jobs, clock });
  await app.ready();
  return {
    app,
    database,
    config,
    ctx: systemContext({ db: database.db, log, config, jobs, clock }, 'test'),
    clock,
    jobs,
    drainJobs: (options) => jobs.drain(options),
    close: async () => {
      await app.close();
      await database.close();
      await drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** The session cookie ("tb_sid=…") set by a response, for the next request. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'tb_sid');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `tb_sid=${c.value}`;
}

/** Parse a JSON response body. */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}
