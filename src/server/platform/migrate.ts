import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, type Database, type Db } from './db.ts';

/** Where the plain-SQL migrations live. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

const NAME = /^\d{12}_[a-z0-9-]+\.sql$/;
// Arbitrary constant: the advisory lock that keeps two processes from migrating at once.
const MIGRATION_LOCK = 72_000_001;

/** A migration file. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Read the migration files in order; refuses a file whose name breaks the convention. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      if (!NAME.test(name)) throw new Error(`Migration file ${name} does not match <yyyymmddhhmm>_<verb>-<object>.sql`);
      const text = readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Apply every migration not yet applied, each in its own transaction, on one connection holding an
 * advisory lock (two processes starting at once never both migrate). Refuses to run if an applied
 * migration's file has changed since: migrations are append-only. Returns the names applied.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  return database.withSession(async (exec) => {
    await exec(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await exec(`create table if not exists schema_migrations (
        name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
      const done = new Map((await exec('select name, checksum from schema_migrations')).map((r) => [String(r.name), String(r.checksum)]));
      const applied: string[] = [];
      for (const m of migrations) {
        const prior = done.get(m.name);
        if (prior !== undefined) {
          if (prior !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead`);
          continue;
        }
        // Name and checksum are [a-z0-9_.-] and hex (checked by readMigrations), safe to inline.
        await exec(`begin;\n${m.sql}\n;insert into schema_migrations (name, checksum) values ('${m.name}', '${m.checksum}');\ncommit;`).catch(async (e: unknown) => {
          await exec('rollback').catch(() => undefined);
          throw new Error(`Migration ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`);
        });
        applied.push(m.name);
      }
      return applied;
    } finally {
      await exec(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}

/** Names of migrations not yet applied (for /readyz). */
export async function pendingMigrations(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const exists = await rows<{ t: string | null }>(db, sql`select to_regclass('schema_migrations')::text as t`);
  if (!exists[0]?.t) return readMigrations(dir).map((m) => m.name);
  const done = new Set((await rows<{ name: string }>(db, sql`select name from schema_migrations`)).map((r) => r.name));
  return readMigrations(dir)
    .map((m) => m.name)
    .filter((n) => !done.has(n));
}
