import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/app.ts';
import { loadConfig } from './config.ts';
import { systemContext, withTransaction, type Ctx } from './context.ts';
import type { Database } from './db.ts';
import { defineJob, enqueue, JobQueue, type JobAttempt } from './jobs.ts';
import { createLogger } from './logger.ts';

// Long fallback polling: a job handled quickly by started workers can only have been woken by NOTIFY.
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_POLL_SECONDS: '30' });
const log = createLogger(config) as FastifyBaseLogger;

const seen: { data: { n: number }; attempt: JobAttempt }[] = [];
const echo = defineJob<{ n: number }>('test.echo', async (_ctx, data, attempt) => {
  seen.push({ data, attempt });
}, { retryLimit: 0 });

const flakyAttempts: JobAttempt[] = [];
const flaky = defineJob<{ failTimes: number }>('test.flaky', async (_ctx, data, attempt) => {
  flakyAttempts.push(attempt);
  if (attempt.retryCount < data.failTimes) throw new Error(`attempt ${attempt.retryCount + 1} fails`);
}, { retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true });

let wake: ((n: number) => void) | null = null;
const woken = defineJob<{ n: number }>('test.woken', async (_ctx, data) => {
  wake?.(data.n);
});

let database: Database;
let drop: () => Promise<void>;
let jobs: JobQueue;
let ctx: Ctx;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  jobs = new JobQueue({ database, log, config });
  await jobs.install();
  ctx = systemContext({ db: database.db, log, config, jobs }, 'test');
});
afterAll(async () => {
  await jobs.stop();
  await database.close();
  await drop();
});

describe('job queue', () => {
  it('keeps a job enqueued in a rolled-back transaction out of the queue, and runs a committed one once', async () => {
    seen.length = 0;
    await expect(
      withTransaction(ctx, async (tx) => {
        await enqueue(tx, echo, { n: 1 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await withTransaction(ctx, async (tx) => {
      await enqueue(tx, echo, { n: 2 });
    });
    expect(await jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect(seen.map((s) => s.data.n)).toEqual([2]);
    expect(await jobs.drain()).toEqual({ completed: 0, failed: 0 });
  });

  it('retries a failing job and ends it failed after the retry limit, telling the handler its last attempt', async () => {
    flakyAttempts.length = 0;
    await enqueue(ctx, flaky, { failTimes: 99 });
    const r = await jobs.drain();
    expect(r).toEqual({ completed: 0, failed: 3 });
    expect(flakyAttempts.map((a) => [a.retryCount, a.isLastAttempt])).toEqual([[0, false], [1, false], [2, true]]);
    expect(await jobs.counts('test.flaky')).toEqual({ failed: 1 });
  });

  it('completes a job that succeeds on a retry', async () => {
    flakyAttempts.length = 0;
    const id = await enqueue(ctx, flaky, { failTimes: 1 });
    expect(await jobs.drain()).toEqual({ completed: 1, failed: 1 });
    const job = await jobs.boss.getJobById('test.flaky', id ?? '');
    expect(job?.state).toBe('completed');
  });

  it('drops a second job with the same singleton key while the first is queued', async () => {
    seen.length = 0;
    expect(await enqueue(ctx, echo, { n: 3 }, { singletonKey: 'k1' })).toEqual(expect.any(String));
    expect(await enqueue(ctx, echo, { n: 4 }, { singletonKey: 'k1' })).toBeNull();
    await jobs.drain();
    expect(seen.map((s) => s.data.n)).toEqual([3]);
  });

  it('holds a job with startAfter until it is due', async () => {
    seen.length = 0;
    await enqueue(ctx, echo, { n: 5 }, { startAfter: new Date(Date.now() + 3600_000) });
    expect(await jobs.drain({ includeDelayed: false })).toEqual({ completed: 0, failed: 0 });
    expect(seen).toEqual([]);
    await jobs.drain();
    expect(seen.map((s) => s.data.n)).toEqual([5]);
  });

  it('refuses an unknown job name', async () => {
    await expect(enqueue(ctx, 'test.unknown', {})).rejects.toThrow(/not defined/);
  });

  it('with workers started, handles a job soon after the enqueueing transaction commits (woken by NOTIFY, not polling)', async () => {
    await jobs.start();
    const handled = new Promise<number>((resolve) => {
      wake = resolve;
    });
    const started = Date.now();
    await withTransaction(ctx, async (tx) => {
      await enqueue(tx, woken, { n: 7 });
    });
    const n = await Promise.race([handled, new Promise<number>((_r, reject) => setTimeout(() => reject(new Error('not handled within 10 s')), 10_000))]);
    expect(n).toBe(7);
    // Far below the 30 s polling interval.
    expect(Date.now() - started).toBeLessThan(10_000);
    await jobs.stop();
  });
});
