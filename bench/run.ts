/**
 * Foundation benchmark: the cost the platform adds to a request, as ratios against a baseline
 * measured side by side in the same process and run (never absolute timings in tests).
 *
 *   baseline   GET /healthz                      (Fastify + hooks, no database)
 *   public     GET /api/v1/org/regions?parent=   (one indexed query on 2,097 regions)
 *   session    GET /api/v1/auth/me               (cookie → session → account + roles → presenter)
 *   scoped     GET /api/v1/org/staff             (guard + data scope + paged list)
 *
 * Usage: npm run bench            (embedded PGlite)
 *        bash scripts/with-postgres.sh npm run bench   (adds a PostgreSQL column)
 * Writes its section of bench/RESULTS.md.
 */
import { seedDemo } from '../seed/index.ts';
import { createTestApp } from '../test/support/app.ts';
import { buildTemplate, testPostgresUrl } from '../test/support/template.ts';
import { writeResults } from './results.ts';
import { DEMO_PASSWORD } from '../seed/demo-people.ts';

const ROUNDS = 5;
const PER_ROUND = 400;

async function main(): Promise<void> {
  await buildTemplate();
  const t = await createTestApp();
  await seedDemo(t.ctx);
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: 'admin', password: DEMO_PASSWORD } });
  const cookie = `tb_sid=${login.cookies.find((c) => c.name === 'tb_sid')?.value ?? ''}`;
  const scenarios: { name: string; url: string; headers?: Record<string, string> }[] = [
    { name: 'baseline: GET /healthz', url: '/healthz' },
    { name: 'public read: GET /api/v1/org/regions?parent=350703000000', url: '/api/v1/org/regions?parent=350703000000' },
    { name: 'session: GET /api/v1/auth/me', url: '/api/v1/auth/me', headers: { cookie } },
    { name: 'scoped list: GET /api/v1/org/staff?pageSize=20', url: '/api/v1/org/staff?pageSize=20', headers: { cookie } },
  ];
  // Interleave scenarios round by round so that machine noise hits all of them alike.
  const samples = new Map<string, number[]>(scenarios.map((s) => [s.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of scenarios) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < PER_ROUND; i++) {
        const r = await t.app.inject({ method: 'GET', url: s.url, ...(s.headers ? { headers: s.headers } : {}) });
        if (r.statusCode !== 200) throw new Error(`${s.url}: ${r.statusCode} ${r.body}`);
      }
      samples.get(s.name)?.push(Number(process.hrtime.bigint() - start) / 1e6 / PER_ROUND);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const base = median(samples.get(scenarios[0]?.name ?? '') ?? []);
  const engine = testPostgresUrl() ? 'PostgreSQL 15' : 'PGlite (embedded)';
  const lines = scenarios.map((s) => {
    const m = median(samples.get(s.name) ?? []);
    return `| ${s.name} | ${m.toFixed(3)} | ${(1000 / m).toFixed(0)} | ${(m / base).toFixed(1)}× |`;
  });
  const table = [
    `### ${engine} — ${new Date().toISOString().slice(0, 10)}, ${ROUNDS} interleaved rounds × ${PER_ROUND} requests, in-process (fastify.inject), median`,
    '',
    '| scenario | ms / request | requests / s (one connection) | ratio to baseline |',
    '| --- | ---: | ---: | ---: |',
    ...lines,
  ].join('\n');
  console.log(table);
  writeResults(`### ${engine} —`, table);
  await t.close();
}

await main();
