import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { seedDemo } from '../../seed/index.ts';
import { buildApp } from './app.ts';
import { ConfigError, configFromProcess, type Config } from './platform/config.ts';
import { systemContext, type Ctx } from './platform/context.ts';
import { openDatabase, type Database } from './platform/db.ts';
import { verifyAuditChain } from './platform/audit.ts';
import { createLogger } from './platform/logger.ts';
import { JobQueue } from './platform/jobs.ts';
import { migrate } from './platform/migrate.ts';
import { syncBundledCalendar } from './modules/calendar/service.ts';
import { generateDemoYear, seedDemoYearOnce } from './modules/supervision/demo-year.ts';
import { scan as scanMonitoringPoints } from './modules/supervision/monitoring.ts';
import { verifyLog } from './modules/licenses/log.ts';
import { verifyIdentifier } from './modules/licenses/service.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `tongban <command>

  start          build the web app if missing or stale, migrate, seed the demo city on first run, serve
  serve          migrate and serve (no build, no seed)
  migrate        apply pending database migrations
  seed           load the demo city (regions, departments, windows, staff, citizens, enterprises) if not loaded
  audit-verify   walk the audit hash chain; exit 1 naming the first broken row
  licenses log-verify
                 check the license transparency log (every leaf, every signed tree head, consistency); exit 1 naming the problem
  licenses verify <identifier>
                 verify one license from the registry (signature, state, validity) and print the answer
  demo-year [--cases N] [--seed S]
                 add a generated year of demo cases (default 20000) to the demo city and rebuild the statistics
  help           this text

Environment: PORT (3000), HOST (127.0.0.1), DATA_DIR (./data), DATABASE_URL (unset: embedded PGlite),
FILES_BACKEND (local | s3), JOBS_WORKERS (true), see docs/configuration.md`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Build the web app when dist is missing or older than its sources. */
function ensureWebBuild(config: Config, log: FastifyBaseLogger): void {
  const index = path.join(config.webDistDir, 'index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'src/web')), newestMtime(path.join(ROOT, 'src/common')), statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log.info('building the web app (missing or stale)…');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

async function withDatabase<T>(config: Config, log: FastifyBaseLogger, fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/**
 * Apply pending migrations, then load the years of holidays chinese-days knows that the calendar
 * lacks: reference data every installation needs (not demo data), cheap when nothing is missing,
 * and done before serving so that no request ever computes a deadline against an empty calendar.
 */
async function runMigrations(database: Database, log: FastifyBaseLogger, config: Config): Promise<void> {
  const applied = await migrate(database);
  if (applied.length > 0) log.info({ applied }, `applied ${applied.length} migration(s)`);
  const years = await syncBundledCalendar(systemContext({ db: database.db, log, config }, 'migrate'));
  if (years.length > 0) log.info({ years }, `loaded the holiday schedules of ${years.length} year(s) from chinese-days`);
}

async function serve(config: Config, log: FastifyBaseLogger, opts: { seed: boolean }): Promise<void> {
  const database = await openDatabase(config);
  await runMigrations(database, log, config);
  // The seed enqueues work (rendering the demo licenses' documents): the queue exists before it.
  const jobs = new JobQueue({ database, log, config });
  await jobs.install();
  if (opts.seed && config.seedDemo) {
    const r = await seedDemo(systemContext({ db: database.db, log, config, jobs }, 'seed'));
    if (r.seeded) log.info(r.counts, 'demo city seeded');
    // A year of cases for the dashboards, once per database (supervision/demo-year.ts).
    const y = await seedDemoYearOnce(systemContext({ db: database.db, log, config, jobs }, 'demo-year'));
    if (!y.skipped) {
      log.info({ cases: y.cases, from: y.from, to: y.to, ms: y.ms }, 'demo year of cases generated');
      // The monitors show the demo year's late and near-deadline cases at once, not after the first scheduled scan.
      const s = await scanMonitoringPoints(systemContext({ db: database.db, log, config, jobs }, 'supervision-scan'));
      log.info({ raised: s.raised }, 'monitoring points scanned');
    }
  }
  const app = await buildApp({ config, database, log, processMetrics: true, jobs });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Give in-flight requests 10 s, then go anyway.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Requests first (they may enqueue), then the workers (running jobs finish), then the database.
    void app
      .close()
      .then(() => jobs.stop())
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        log.error({ err: e }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  if (config.jobs.workers) await jobs.start();
  log.info(`Tongban 通办 is serving http://${config.host}:${config.port} (database: ${database.engine} ${database.location})`);
}

/** `tongban licenses …`: the transparency-log check and a one-off verification. */
async function licensesCommand(args: string[], ctx: Ctx): Promise<number> {
  const [sub, identifier] = args;
  if (sub === 'log-verify') {
    const r = await verifyLog(ctx);
    if (r.ok) {
      console.log(`license transparency log consistent: ${r.treeSize} entries, ${r.heads} signed tree heads, root ${r.rootHash ?? '(empty)'}`);
      return 0;
    }
    console.error(`license transparency log BROKEN at tree size ${r.treeSize}: ${r.problem}`);
    return 1;
  }
  if (sub === 'verify' && identifier) {
    const r = await verifyIdentifier(ctx, identifier, 'api', false);
    console.log(`${r.verdict}: ${r.message}`);
    if (r.license) console.log(`${r.license.typeName} ${r.license.licenseNumber} · ${r.license.holderName} · ${r.license.issuerName} · ${r.license.validFrom}–${r.license.validUntil ?? '长期'}`);
    return r.verdict === 'valid' ? 0 : 1;
  }
  console.error(`usage: tongban licenses log-verify | tongban licenses verify <identifier>`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command = 'help'] = argv;
  let config: Config;
  try {
    config = configFromProcess();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const log = createLogger(config) as FastifyBaseLogger;
  switch (command) {
    case 'start':
      ensureWebBuild(config, log);
      await serve(config, log, { seed: true });
      return -1;
    case 'serve':
      await serve(config, log, { seed: false });
      return -1;
    case 'migrate':
      await withDatabase(config, log, async (d) => runMigrations(d, log, config));
      return 0;
    case 'seed':
      return withDatabase(config, log, async (d) => {
        await runMigrations(d, log, config);
        const jobs = new JobQueue({ database: d, log, config, wake: false });
        await jobs.install();
        const r = await seedDemo(systemContext({ db: d.db, log, config, jobs }, 'seed'));
        console.log(r.seeded ? `seeded: ${JSON.stringify(r.counts)}` : 'the demo city is already seeded; nothing to do');
        return 0;
      });
    case 'audit-verify':
      return withDatabase(config, log, async (d) => {
        const r = await verifyAuditChain(d.db);
        if (r.ok) {
          console.log(`audit chain intact: ${r.rows} rows, last hash ${r.lastHash}`);
          return 0;
        }
        console.error(`audit chain BROKEN at row seq=${r.brokenSeq} id=${r.brokenId}: ${r.reason} (${r.rows} rows before it verified)`);
        return 1;
      });
    case 'licenses':
      return withDatabase(config, log, async (d) => licensesCommand(argv.slice(1), systemContext({ db: d.db, log, config }, 'cli')));
    case 'demo-year':
      return withDatabase(config, log, async (d) => {
        const flag = (name: string): number | undefined => {
          const i = argv.indexOf(name);
          const v = i > 0 ? Number(argv[i + 1]) : undefined;
          return v !== undefined && Number.isInteger(v) && v >= 0 ? v : undefined;
        };
        await runMigrations(d, log, config);
        const y = await generateDemoYear(systemContext({ db: d.db, log, config }, 'demo-year'), { cases: flag('--cases'), seed: flag('--seed') });
        console.log(`generated ${y.cases} cases (${y.from} – ${y.to}) in ${(y.ms / 1000).toFixed(1)} s: ${JSON.stringify(y.byState)}; ${y.ratings} ratings, ${y.tickets} tickets, ${y.complaints} complaints, ${y.orders} orders`);
        return 0;
      });
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
