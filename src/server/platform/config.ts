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
  /** Where file contents live: a local directory (default) or an S3-compatible bucket. */
  FILES_BACKEND: z.enum(['local', 's3']).default('local'),
  /** Directory of the local file store; default DATA_DIR/files. */
  FILES_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (endpoint/bucket/key): what MinIO, Ceph and most private clouds expect. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  /** Key prefix inside the bucket, so that one bucket can serve several installations. */
  S3_PREFIX: z.string().regex(/^[A-Za-z0-9._/-]*$/, 'S3_PREFIX may hold letters, digits and . _ - / only').default(''),
  /** Run the background-job workers in this process (false: an API-only process; jobs are still enqueued). */
  JOBS_WORKERS: z.enum(['true', 'false']).default('true'),
  /** Fallback polling interval of the workers; a NOTIFY on enqueue wakes them at once. */
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** 64 hex chars: key-encryption key for the issuers' SM2 private keys (电子证照签章密钥); never stored with them. */
  LICENSE_KEY: z.string().regex(/^[0-9a-f]{64}$/i, 'LICENSE_KEY must be 64 hex characters').optional(),
  /** The address citizens reach this platform at; license QR codes point to <PUBLIC_BASE_URL>/verify/<identifier>. */
  PUBLIC_BASE_URL: z.url('PUBLIC_BASE_URL must be an absolute http(s) URL').optional(),
  /** A TrueType CJK font for license PDFs, overriding the bundled one (e.g. a font with full GB 18030 coverage). */
  LICENSE_FONT_PATH: z.string().min(1).optional(),
  /** WebAuthn relying party id (通行密钥): the site's domain, never an IP address; default from PUBLIC_BASE_URL, else localhost. */
  WEBAUTHN_RP_ID: z.string().regex(/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'WEBAUTHN_RP_ID must be a domain name such as gov.example.cn (not an IP address or URL)').optional(),
  /** Comma-separated origins passkey ceremonies may come from (each on the RP id or a subdomain of it). */
  WEBAUTHN_ORIGINS: z.string().min(1).optional(),
  /** How long a one-time code (验证码) sent by SMS or e-mail stays valid. */
  OTP_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(300),
  /** Least time between two codes sent to one phone number or e-mail address. */
  OTP_RESEND_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Most codes sent to one phone number or e-mail address in 24 hours. */
  OTP_DAILY_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
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
  files: FilesConfig;
  jobs: { workers: boolean; pollSeconds: number };
  licenses: {
    /** Key-encryption key (32 bytes) of the issuers' SM2 private keys. */
    keyEncryptionKey: Buffer;
    /** Base of the public verification links, without a trailing slash. */
    publicBaseUrl: string;
    /** A CJK TrueType font to render PDFs with; undefined means the bundled / system font. */
    fontPath: string | undefined;
  };
  /** Passkeys (通行密钥, WebAuthn). */
  webauthn: WebAuthnConfig;
  /** One-time codes (验证码): validity and per-recipient sending limits. */
  otp: { ttlSeconds: number; resendSeconds: number; dailyLimit: number };
}

/** The WebAuthn relying party: its id (a domain), display name and the origins ceremonies may come from. */
export interface WebAuthnConfig {
  rpId: string;
  rpName: string;
  origins: string[];
}

/** Where uploaded materials and generated documents are stored. */
export type FilesConfig =
  | { backend: 'local'; dir: string }
  | {
      backend: 's3';
      endpoint: string | undefined;
      region: string;
      bucket: string;
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      forcePathStyle: boolean;
      prefix: string;
    };

// Fixed development key so that a developer's ./data stays readable across restarts. Never used in production.
const DEV_PII_KEY = '7f0c3e1a9b2d4c6e8f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c0d2e';
// The same for the issuers' key-encryption key: development data only.
const DEV_LICENSE_KEY = 'b1d3f5a7c9e0b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a0c2e4b6d8f0a1c3e5b7d9';

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
  if (e.NODE_ENV === 'production' && !e.LICENSE_KEY) {
    throw new ConfigError('Invalid configuration:\n  LICENSE_KEY: required in production (64 hex characters)');
  }
  if (e.FILES_BACKEND === 's3' && !e.S3_BUCKET) {
    throw new ConfigError('Invalid configuration:\n  S3_BUCKET: required when FILES_BACKEND=s3');
  }
  if (e.FILES_BACKEND === 's3' && Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Invalid configuration:\n  S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: set both or neither');
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
    files:
      e.FILES_BACKEND === 's3'
        ? {
            backend: 's3',
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET ?? '',
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
            prefix: e.S3_PREFIX.replace(/^\/+|\/+$/g, ''),
          }
        : { backend: 'local', dir: path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files')) },
    jobs: { workers: e.JOBS_WORKERS === 'true', pollSeconds: e.JOBS_POLL_SECONDS },
    licenses: {
      keyEncryptionKey: Buffer.from(e.LICENSE_KEY ?? (e.NODE_ENV === 'test' ? randomBytes(32).toString('hex') : DEV_LICENSE_KEY), 'hex'),
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
      fontPath: e.LICENSE_FONT_PATH,
    },
    webauthn: webauthnConfig(e),
    otp: { ttlSeconds: e.OTP_TTL_SECONDS, resendSeconds: e.OTP_RESEND_SECONDS, dailyLimit: e.OTP_DAILY_LIMIT },
  };
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[');
}

/**
 * The relying party. WebAuthn refuses IP addresses as RP id, so without a configured domain the
 * development default is `localhost` (browse http://localhost:<PORT>, not 127.0.0.1).
 */
function webauthnConfig(e: z.infer<typeof EnvSchema>): WebAuthnConfig {
  const base = e.PUBLIC_BASE_URL ? new URL(e.PUBLIC_BASE_URL) : undefined;
  const baseHost = base && !isIpAddress(base.hostname) ? base.hostname : undefined;
  const rpId = e.WEBAUTHN_RP_ID ?? baseHost ?? 'localhost';
  if (isIpAddress(rpId)) throw new ConfigError('Invalid configuration:\n  WEBAUTHN_RP_ID: must be a domain name, not an IP address (browsers refuse IP addresses for passkeys)');
  let origins: string[];
  if (e.WEBAUTHN_ORIGINS) {
    origins = e.WEBAUTHN_ORIGINS.split(',').map((o) => o.trim()).filter((o) => o.length > 0);
  } else {
    origins = base && baseHost ? [base.origin] : [];
    if (e.NODE_ENV !== 'production' || rpId === 'localhost') origins.push(`http://localhost:${e.PORT}`);
  }
  for (const o of origins) {
    let u: URL;
    try {
      u = new URL(o);
    } catch {
      throw new ConfigError(`Invalid configuration:\n  WEBAUTHN_ORIGINS: ${o} is not an absolute URL`);
    }
    if (u.origin !== o.replace(/\/+$/, '')) throw new ConfigError(`Invalid configuration:\n  WEBAUTHN_ORIGINS: ${o} must be an origin (scheme, host and port only)`);
    if (u.hostname !== rpId && !u.hostname.endsWith(`.${rpId}`)) {
      throw new ConfigError(`Invalid configuration:\n  WEBAUTHN_ORIGINS: ${o} is not on the relying party ${rpId} (WEBAUTHN_RP_ID)`);
    }
    if (u.protocol !== 'https:' && u.hostname !== 'localhost') {
      throw new ConfigError(`Invalid configuration:\n  WEBAUTHN_ORIGINS: ${o} must use https (only localhost may use http)`);
    }
  }
  return { rpId, rpName: '通办 Tongban', origins: [...new Set(origins.map((o) => new URL(o).origin))] };
}

/** The configuration from this process's environment. */
export function configFromProcess(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...process.env, ...overrides });
}
