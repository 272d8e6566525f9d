import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from './config.ts';

/** A drizzle handle on either engine; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** Which engine a database runs on. */
export type Engine = 'pglite' | 'postgres';

/** An open database: the drizzle handle, its engine, and how to close it. */
export interface Database {
  db: Db;
  engine: Engine;
  /** Human-readable location (data dir or host/db), never the password. */
  location: string;
  /**
   * Run `fn` on one dedicated connection with a function that executes multi-statement SQL text
   * (simple protocol): what migrations need. Returns the rows of the last statement.
   */
  withSession<T>(fn: (exec: (text: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T>;
  /**
   * Run SQL text with positional parameters ($1…) outside any transaction; without parameters the
   * text may hold several statements. What the job queue library speaks.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Call `onMessage` for every NOTIFY on `channel` (delivered on commit); returns how to stop listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Open PGlite on a data directory (created if missing), or from a dump for tests. */
export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
  const db = drizzlePglite({ client }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    location: dataDir ?? 'memory',
    withSession: (fn) =>
      fn(async (text) => {
        const results = await client.exec(text);
        return (results.at(-1)?.rows ?? []);
      }),
    executeSql: async (text, values = []) => {
      if (values.length === 0) return { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
      return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
    },
    listen: async (channel, onMessage) => client.listen(channel, onMessage),
    close: async () => {
      await client.close();
    },
  };
}

/** Open a PostgreSQL pool. */
export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Fail fast on a wrong URL instead of on the first request.
  const c = await pool.connect();
  c.release();
  const db = drizzlePg({ client: pool }) as unknown as Db;
  const u = new URL(url);
  return {
    db,
    engine: 'postgres',
    location: `${u.hostname}:${u.port || '5432'}${u.pathname}`,
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(async (text) => {
          const r = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
          const last = Array.isArray(r) ? r.at(-1) : r;
          return (last?.rows ?? []) as Record<string, unknown>[];
        });
      } finally {
        client.release();
      }
    },
    executeSql: async (text, values = []) => {
      // Several statements without parameters answer with one result per statement.
      const r = (await pool.query(text, values)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(r) ? r.at(-1) : r;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    listen: async (channel, onMessage) => {
      // A client of its own, outside the pool: LISTEN holds its connection for as long as it listens.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) onMessage(n.payload ?? '');
      });
      // A dropped listener only costs latency (workers still poll): swallow its errors.
      client.on('error', () => undefined);
      await client.query(`listen "${channel.replaceAll('"', '')}"`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    close: async () => {
      await pool.end();
    },
  };
}

/** Open the database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databasePoolSize);
  return openPglite(path.join(config.dataDir, 'pglite'));
}

/** Run a statement and return its rows, on either engine. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  // Both drivers answer with an object carrying `rows`; the drizzle base type does not say so.
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Run a statement and return its first row, or undefined. */
export async function firstRow<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/** Check that the database answers (for /readyz). */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
