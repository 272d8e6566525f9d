import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seedRegions } from '../../seed/index.ts';
import { CHINESE_DAYS_VERSION } from '../../src/server/modules/calendar/bundled.ts';
import { syncBundledCalendar } from '../../src/server/modules/calendar/service.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { systemContext } from '../../src/server/platform/context.ts';
import { openPglite, openPostgres, type Database } from '../../src/server/platform/db.ts';
import { installJobSchema } from '../../src/server/platform/jobs.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/server/platform/migrate.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TMP = path.join(ROOT, '.tmp');

/** The PostgreSQL server the suite runs against instead of PGlite, when set (admin URL, e.g. .../postgres). */
export function testPostgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** Name of the migrated template database on PostgreSQL. */
export const PG_TEMPLATE = 'tongban_test_template';

function templateKey(): string {
  const h = createHash('sha256');
  for (const m of readMigrations(MIGRATIONS_DIR)) h.update(m.checksum);
  // The job queue's own schema is in the template too: a new pg-boss version needs a new template.
  h.update(readFileSync(path.join(ROOT, 'node_modules/pg-boss/package.json')));
  h.update(readFileSync(path.join(ROOT, 'seed/data/regions-nanping.json')));
  h.update(CHINESE_DAYS_VERSION);
  return h.digest('hex').slice(0, 16);
}

/** Path of the PGlite template dump for the current migrations. */
export function pgliteTemplatePath(): string {
  return path.join(TMP, `pglite-template-${templateKey()}.tar.gz`);
}

async function prepare(database: Database): Promise<void> {
  await migrate(database);
  await installJobSchema(database);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const ctx = systemContext({ db: database.db, log: createLogger(config), config }, 'test-template');
  await seedRegions(ctx);
  // What `tongban migrate` does after migrating: every test database starts with 2004–2026 loaded.
  await syncBundledCalendar(ctx);
}

/** Build the migrated template once per suite run: a PGlite dump file, or a template database on PostgreSQL. */
export async function buildTemplate(): Promise<void> {
  const pgUrl = testPostgresUrl();
  if (pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${PG_TEMPLATE}'`);
    await admin.query(`drop database if exists ${PG_TEMPLATE}`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${PG_TEMPLATE}`;
    const database = await openPostgres(u.toString(), 2);
    await prepare(database);
    await database.close();
    return;
  }
  const file = pgliteTemplatePath();
  if (existsSync(file)) return;
  mkdirSync(TMP, { recursive: true });
  const database = await openPglite(undefined);
  await prepare(database);
  const client = (database.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}
