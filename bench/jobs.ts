/**
 * Job queue benchmark: how long from enqueue to the handler running, with workers started as in
 * `tongban serve`, beside a baseline measured in the same run.
 *
 *   baseline    one `select 1` round trip on the same database handle
 *   woken       enqueue (one transaction) → handler, worker woken by NOTIFY on commit (the default)
 *   polling     the same with the NOTIFY listener off: bounded by JOBS_POLL_SECONDS (1 s here)
 *   burst       200 jobs enqueued in one transaction → all handled (per job)
 *
 * Usage: tsx bench/jobs.ts   (PGlite)   ·   bash scripts/with-postgres.sh tsx bench/jobs.ts
 * Writes its section of bench/RESULTS.md.
 */
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { createTestApp } from '../test/support/app.ts';
import { buildTemplate, testPostgresUrl } from '../test/support/template.ts';
import { systemContext, withTransaction } from '../src/server/platform/context.ts';
import { defineJob, enqueue, JobQueue } from '../src/server/platform/jobs.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { writeResults } from './results.ts';

const handled = new Map<number, () => void>();
const noop = defineJob<{ n: number }>('bench.noop', async (_ctx, { n }) => {
  handled.get(n)?.();
}, { retryLimit: 0 });

let seq = 0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function main(): Promise<void> {
  await buildTemplate();
  const t = await createTestApp({ JOBS_POLL_SECONDS: '1' });
  const log = createLogger(t.config) as FastifyBaseLogger;

  const baseline: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = process.hrtime.bigint();
    await t.ctx.db.execute(sql`select 1`);
    baseline.push(Number(process.hrtime.bigint() - s) / 1e6);
  }

  async function latency(queue: JobQueue, n: number): Promise<number[]> {
    const ctx = systemContext({ db: t.database.db, log, config: t.config, jobs: queue }, 'bench');
    await queue.start();
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = ++seq;
      const done = new Promise<void>((resolve) => handled.set(id, resolve));
      const s = process.hrtime.bigint();
      await withTransaction(ctx, (tx) => enqueue(tx, noop, { n: id }));
      await done;
      out.push(Number(process.hrtime.bigint() - s) / 1e6);
      // Spread the enqueues over the polling cycle, as real traffic would be.
      await new Promise((r) => setTimeout(r, 37));
    }
    await queue.stop();
    return out;
  }

  const woken = await latency(t.jobs, 100);
  const polling = await latency(new JobQueue({ database: t.database, log, config: t.config, wake: false }), 15);

  await t.jobs.start();
  const ids = Array.from({ length: 200 }, () => ++seq);
  const all = Promise.all(ids.map((id) => new Promise<void>((resolve) => handled.set(id, resolve))));
  const s = process.hrtime.bigint();
  await withTransaction(t.ctx, async (tx) => {
    for (const id of ids) await enqueue(tx, noop, { n: id });
  });
  await all;
  const burstMs = Number(process.hrtime.bigint() - s) / 1e6;
  await t.jobs.stop();

  const base = pct(baseline, 0.5);
  const engine = testPostgresUrl() ? 'PostgreSQL 15' : 'PGlite (embedded)';
  const row = (name: string, xs: number[]) => `| ${name} | ${pct(xs, 0.5).toFixed(2)} | ${pct(xs, 0.95).toFixed(2)} | ${(pct(xs, 0.5) / base).toFixed(0)}× |`;
  const table = [
    `### Jobs, ${engine} — ${new Date().toISOString().slice(0, 10)}, pg-boss 10.4, enqueue → handler running, JOBS_POLL_SECONDS=1`,
    '',
    '| scenario | p50 ms | p95 ms | p50 ratio to baseline |',
    '| --- | ---: | ---: | ---: |',
    row('baseline: select 1 round trip', baseline),
    row('woken by NOTIFY on commit (default), 100 jobs', woken),
    row('polling only (listener off), 15 jobs', polling),
    `| burst: 200 jobs in one transaction → all handled | ${(burstMs / 200).toFixed(2)} per job | ${burstMs.toFixed(0)} total | ${(burstMs / 200 / base).toFixed(0)}× |`,
  ].join('\n');
  console.log(table);
  writeResults(`### Jobs, ${engine} —`, table);
  await t.close();
}

await main();
