import { sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Config } from './config.ts';
import { systemContext, withTransaction, type Ctx } from './context.ts';
import { rows, type Database, type Db } from './db.ts';

/**
 * Background jobs on pg-boss 10 (a PostgreSQL-backed queue), on both engines: PostgreSQL through our
 * pool, PGlite through an `executeSql` adapter. Jobs are rows, so they survive restarts and are
 * written in the caller's transaction (enqueue in a rolled-back transaction → no job).
 *
 * Latency: a worker polls every JOBS_POLL_SECONDS, but enqueue also sends a NOTIFY (delivered on
 * commit) that wakes the worker of that queue at once, in this process or any other.
 *
 * Tests do not start workers: `drain()` fetches and runs every due job until the queues are empty,
 * so a route test calls it instead of sleeping on a polling interval.
 */

/** The schema pg-boss owns (created and migrated by pg-boss itself, not by our migrations). */
export const JOBS_SCHEMA = 'pgboss';
/** NOTIFY channel that wakes workers; the payload is the queue name. */
const WAKE_CHANNEL = 'tongban_jobs';

/** Retry behaviour of a job. */
export interface JobOptions {
  /** Retries after the first attempt (0: one attempt only). */
  retryLimit?: number;
  /** Seconds before a retry (with backoff: the base of the exponential delay). */
  retryDelaySeconds?: number;
  /** Exponential backoff with jitter between retries. */
  retryBackoff?: boolean;
  /** A running attempt that takes longer than this is failed (and retried). */
  expireInSeconds?: number;
}

/** What a handler learns about the attempt it runs. */
export interface JobAttempt {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  /** True when a failure of this attempt is final: the job ends 'failed'. */
  isLastAttempt: boolean;
}

/** A job handler: a system context, the job's data, the attempt. Throw to fail (and be retried). */
export type JobHandler<T> = (ctx: Ctx, data: T, attempt: JobAttempt) => Promise<void>;

/** A defined job: pass it to enqueue so that the data is type-checked. */
export interface JobRef<T extends object> {
  readonly name: string;
  /** Phantom: carries the data type only. */
  readonly data?: T;
}

interface Definition {
  name: string;
  handler: JobHandler<object>;
  options: Required<JobOptions>;
}

const definitions = new Map<string, Definition>();
const schedules = new Map<string, { cron: string; data: object }>();

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** Define a job (at module load): its name (module.verb), handler and retry behaviour. */
export function defineJob<T extends object>(name: string, handler: JobHandler<T>, options: JobOptions = {}): JobRef<T> {
  if (!NAME.test(name)) throw new Error(`Job name ${name} must look like module.verb (lowercase, dotted)`);
  if (definitions.has(name)) throw new Error(`Job ${name} is defined twice`);
  definitions.set(name, {
    name,
    handler: handler as JobHandler<object>,
    options: {
      retryLimit: options.retryLimit ?? 3,
      retryDelaySeconds: options.retryDelaySeconds ?? 30,
      retryBackoff: options.retryBackoff ?? true,
      expireInSeconds: options.expireInSeconds ?? 15 * 60,
    },
  });
  return { name };
}

/** Run a defined job on a cron schedule (Asia/Shanghai), e.g. the nightly time-limit scan. */
export function defineSchedule<T extends object>(job: JobRef<T>, cron: string, data: T): void {
  schedules.set(job.name, { cron, data });
}

/** When and how to run one enqueued job. */
export interface EnqueueOptions {
  /** At most one queued (not yet started) job per key: a second enqueue with the same key is dropped. */
  singletonKey?: string;
  /** Do not start before this time. */
  startAfter?: Date;
}

/** pg-boss's database adapter over a drizzle handle (root or transaction): $n placeholders become parameters. */
function executorOn(db: Db): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((p, i) => (i % 2 === 0 ? sql.raw(p) : sql`${values[Number(p) - 1] ?? null}`));
      return { rows: await rows<Record<string, unknown>>(db, sql.join(chunks, sql.raw(''))) };
    },
  };
}

/** Enqueue a job in the caller's transaction (if any); returns its id, or null when a singleton is already queued. */
export async function enqueue<T extends object>(ctx: Ctx, job: JobRef<T> | string, data: T, options: EnqueueOptions = {}): Promise<string | null> {
  const queue = ctx.jobs;
  if (!queue) throw new Error('This context has no job queue (build it with the app or systemContext({ jobs }))');
  const name = typeof job === 'string' ? job : job.name;
  const { singletonKey } = options;
  if (!singletonKey) return queue.send(ctx.db, name, data, options);
  // pg-boss 10 enforces keys only per queue policy (and 'short' allows one unkeyed job at a time):
  // check for a queued job with the key under a transaction lock instead, so two enqueues cannot both pass.
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${name}\n${singletonKey}`}))`);
    const queued = await rows(tx.db, sql`select 1 from ${sql.raw(JOBS_SCHEMA)}.job
      where name = ${name} and singleton_key = ${singletonKey} and state < 'active' limit 1`);
    if (queued.length > 0) return null;
    return queue.send(tx.db, name, data, options);
  });
}

/** The result of draining the queues. */
export interface DrainResult {
  completed: number;
  failed: number;
}

/** One process's view of the queue: sends jobs, and (when started) runs workers and schedules. */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly database: Database;
  private readonly log: FastifyBaseLogger;
  private readonly config: Config;
  private readonly workers = new Map<string, string>();
  private readonly queues = new Set<string>();
  private stopListening: (() => Promise<void>) | null = null;
  private started = false;
  private readonly wake: boolean;

  /** `wake: false` leaves workers to polling alone (the bench compares the two). */
  constructor(deps: { database: Database; log: FastifyBaseLogger; config: Config; wake?: boolean }) {
    this.wake = deps.wake ?? true;
    this.database = deps.database;
    this.log = deps.log;
    this.config = deps.config;
    this.boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => deps.database.executeSql(text, values) },
      schema: JOBS_SCHEMA,
      migrate: true,
      // Maintenance (expire stuck jobs, archive, purge) every 2 minutes is plenty and keeps PGlite quiet.
      supervise: true,
      maintenanceIntervalSeconds: 120,
      schedule: schedules.size > 0,
      pollingIntervalSeconds: deps.config.jobs.pollSeconds,
      archiveCompletedAfterSeconds: 12 * 3600,
      deleteAfterDays: 7,
    });
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  /** Create pg-boss's schema if missing and a queue for every defined job (idempotent). */
  async install(): Promise<void> {
    await installJobSchema(this.database);
    for (const d of definitions.values()) await this.ensureQueue(d.name, this.database.db);
  }

  private async ensureQueue(name: string, db: Db): Promise<void> {
    if (this.queues.has(name)) return;
    const d = definitions.get(name);
    if (!d) throw new Error(`Job ${name} is not defined (defineJob)`);
    // create_queue is idempotent (ON CONFLICT DO NOTHING); run it on the caller's handle so that a
    // transaction on PGlite's single connection never waits on itself.
    await executorOn(db).executeSql(`SELECT ${JOBS_SCHEMA}.create_queue($1, $2)`, [
      name,
      { policy: 'standard', retryLimit: d.options.retryLimit, retryDelay: d.options.retryDelaySeconds, retryBackoff: d.options.retryBackoff, expireInSeconds: d.options.expireInSeconds },
    ]);
    this.queues.add(name);
  }

  /** Insert a job through `db` (a transaction or the root handle) and wake the workers on commit. */
  async send(db: Db, name: string, data: object, options: EnqueueOptions): Promise<string | null> {
    const d = definitions.get(name);
    if (!d) throw new Error(`Job ${name} is not defined (defineJob)`);
    await this.ensureQueue(name, db);
    const id = await this.boss.send(name, data, {
      db: executorOn(db),
      retryLimit: d.options.retryLimit,
      retryDelay: d.options.retryDelaySeconds,
      retryBackoff: d.options.retryBackoff,
      expireInSeconds: d.options.expireInSeconds,
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
    if (id && !options.startAfter) await db.execute(sql`select pg_notify(${WAKE_CHANNEL}, ${name})`);
    return id;
  }

  private async runAttempt(d: Definition, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const ctx = systemContext({ db: this.database.db, log: this.log, config: this.config, jobs: this }, `job:${d.name}`);
    const attempt: JobAttempt = { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit, isLastAttempt: job.retryCount >= job.retryLimit };
    try {
      await d.handler(ctx, job.data, attempt);
    } catch (e) {
      this.log.warn({ err: e, job: d.name, jobId: job.id, attempt: job.retryCount + 1, final: attempt.isLastAttempt }, 'job attempt failed');
      throw e;
    }
  }

  /** Start workers for every defined job, the schedules, and the wake-up listener. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.install();
    await this.boss.start();
    for (const d of definitions.values()) {
      const workerId = await this.boss.work<object>(d.name, { includeMetadata: true, batchSize: 1 }, async ([job]) => {
        if (!job) return;
        await this.runAttempt(d, job);
        // pg-boss sleeps a full interval after every batch: with more work queued, loop at once instead.
        this.boss.notifyWorker(workerId);
      });
      this.workers.set(d.name, workerId);
    }
    for (const [name, s] of schedules) await this.boss.schedule(name, s.cron, s.data, { tz: 'Asia/Shanghai' });
    if (this.wake) {
      this.stopListening = await this.database.listen(WAKE_CHANNEL, (name) => {
        const id = this.workers.get(name);
        if (id) this.boss.notifyWorker(id);
      });
    }
    this.started = true;
    this.log.info({ queues: [...definitions.keys()], pollSeconds: this.config.jobs.pollSeconds }, 'job workers started');
  }

  /** Stop taking jobs, let running ones finish (up to `timeoutMs`), stop listening. */
  async stop(timeoutMs = 8000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.stopListening?.();
    this.stopListening = null;
    // close: false — the database handle is ours, closed after the queue.
    await this.boss.stop({ graceful: true, close: false, timeout: timeoutMs }).catch((err: unknown) => {
      this.log.error({ err }, 'job queue did not stop cleanly');
    });
  }

  /**
   * Run every due job now, in this call, until no queue has work left (retries included: their
   * delay is skipped). For tests and CLI commands; never together with started workers.
   */
  async drain(options: { includeDelayed?: boolean; maxRounds?: number } = {}): Promise<DrainResult> {
    const { includeDelayed = true, maxRounds = 100 } = options;
    const result: DrainResult = { completed: 0, failed: 0 };
    for (let round = 0; round < maxRounds; round++) {
      let found = false;
      for (const d of definitions.values()) {
        if (!this.queues.has(d.name)) continue;
        const jobs = await this.boss.fetch<object>(d.name, { includeMetadata: true, batchSize: 20, ignoreStartAfter: includeDelayed });
        for (const job of jobs) {
          found = true;
          try {
            await this.runAttempt(d, job);
            await this.boss.complete(d.name, job.id);
            result.completed++;
          } catch (e) {
            await this.boss.fail(d.name, job.id, { message: e instanceof Error ? e.message : String(e) });
            result.failed++;
          }
        }
      }
      if (!found) return result;
    }
    throw new Error(`drain: jobs still queued after ${maxRounds} rounds (a job that enqueues itself?)`);
  }

  /** Jobs of a queue by state (for tests, the bench and operations). */
  async counts(name: string): Promise<Record<string, number>> {
    const r = await this.database.executeSql(`select state, count(*)::int as n from ${JOBS_SCHEMA}.job where name = $1 group by state`, [name]);
    return Object.fromEntries(r.rows.map((x) => [String(x.state), Number(x.n)]));
  }
}

/** Create pg-boss's schema when it is missing (fresh database, test template); pg-boss migrates it later on start. */
export async function installJobSchema(database: Database): Promise<void> {
  const r = await database.executeSql(`select to_regclass('${JOBS_SCHEMA}.version')::text as t`);
  if (r.rows[0]?.t) return;
  await database.executeSql(PgBoss.getConstructionPlans(JOBS_SCHEMA));
}

/** Names of the defined jobs (for the docs and tests). */
export function definedJobs(): string[] {
  return [...definitions.keys()];
}
