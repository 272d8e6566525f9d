import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one validated configuration object. Built once at boot from the environment; nothing else in
 * the code base reads process.env. Development defaults are safe only on a developer's machine:
 * in production (NODE_ENV=production) the secrets are required.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 64 hex chars: key for encrypting personal data (ID and phone numbers) and keying their lookup hashes. */
  PII_KEY: z.string().regex(/^[0-9a-f]{64}$/i, 'PII_KEY must be 64 hex characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  WEB_DIST_DIR: z.string().default('./dist/web'),
});

/** The application configuration. */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; undefined selects embedded PGlite under dataDir/pglite. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: string;
  piiKey: Buffer;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  cookieSecure: boolean | 'auto';
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  seedDemo: boolean;
  webDistDir: string;
}

// Fixed development key so that a developer's ./data stays readable across restarts. Never used in production.
const DEV_PII_KEY = '7f0c3e1a9b2d4c6e8f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c0d2e';

/** Thrown when the environment is not a valid configuration; names every bad variable. */
export class ConfigError extends Error {}

/** Build the configuration from an environment map (process.env at boot; a literal map in tests). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.PII_KEY) {
    throw new ConfigError('Invalid configuration:\n  PII_KEY: required in production (64 hex characters)');
  }
  const piiKey = Buffer.from(e.PII_KEY ?? (e.NODE_ENV === 'test' ? randomBytes(32).toString('hex') : DEV_PII_KEY), 'hex');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    piiKey,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === 'true',
    seedDemo: e.SEED_DEMO === 'true',
    webDistDir: path.resolve(e.WEB_DIST_DIR),
  };
}

/** The configuration from this process's environment. */
export function configFromProcess(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...process.env, ...overrides });
}
