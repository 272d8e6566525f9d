import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ErrorBody, FieldIssue } from '../common/errors.ts';
import { registerIdentity, resolveActor } from './modules/identity/routes.ts';
import { registerCases } from './modules/cases/routes.ts';
import { registerCalendar } from './modules/calendar/routes.ts';
import { registerCatalog } from './modules/catalog/routes.ts';
import { registerOrg } from './modules/org/routes.ts';
import { registerNotify } from './modules/notify/routes.ts';
import { registerDepartmentSystems } from './modules/department-systems/routes.ts';
import { registerLicenses } from './modules/licenses/routes.ts';
import { registerSso } from './modules/sso/routes.ts';
import { registerSupervision } from './modules/supervision/routes.ts';
import { actorFromBearer } from './modules/sso/service.ts';
import { registerFiles } from './platform/files-routes.ts';
import type { Config } from './platform/config.ts';
import type { Clock, Ctx } from './platform/context.ts';
import { ping, type Database } from './platform/db.ts';
import { AppError } from './platform/errors.ts';
import { Metrics } from './platform/metrics.ts';
import { JobQueue } from './platform/jobs.ts';
import { pendingMigrations } from './platform/migrate.ts';

/** What the app needs from the outside world. */
export interface AppDeps {
  config: Config;
  database: Database;
  log: FastifyBaseLogger;
  /** Collect default process metrics (off in tests that build many apps). */
  processMetrics?: boolean;
  /** The job queue (`serve` starts its workers); default: one that only enqueues (tests drain it). */
  jobs?: JobQueue;
  /** The clock of every request context; default: the system clock. */
  clock?: Clock;
}

/** The modules, in registration order. Each adds its routes under /api/v1 with its own tag. */
const MODULES = [
  { name: 'identity', description: '统一身份认证：注册、登录、会话、账户', register: registerIdentity },
  { name: 'sso', description: '单点登录：OpenID Connect 提供方（授权码 + PKCE、客户端凭证、刷新令牌、登出）与应用登记', register: registerSso },
  { name: 'org', description: '组织机构：行政区划、部门、窗口、工作人员', register: registerOrg },
  { name: 'catalog', description: '事项库：基本目录、实施清单、版本、审核、检索、比对', register: registerCatalog },
  { name: 'cases', description: '办件：申请、受理、补正、审批、办结、送达', register: registerCases },
  { name: 'calendar', description: '工作日历：法定节假日与调休、办理时限计算', register: registerCalendar },
  { name: 'notify', description: '消息：站内消息、短信与邮件发件箱', register: registerNotify },
  { name: 'licenses', description: '电子证照：证照目录、签发（SM2 签章、OFD/PDF）、核验、证照夹、用证授权、透明日志', register: registerLicenses },
  { name: 'department-systems', description: '部门自建系统：受理案件签名推送（Webhook）与进度、结果回流', register: registerDepartmentSystems },
  { name: 'supervision', description: '监管：监察点与预警、督办、投诉、好差评与整改、统计指标', register: registerSupervision },
  { name: 'files', description: '文件：材料上传与下载（按 SM3 内容寻址，读取时校验）', register: registerFiles },
] as const;

function toFieldIssues(validation: { instancePath: string; message?: string }[], part: string): FieldIssue[] {
  return validation.map((v) => ({
    path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || part,
    message: v.message ?? 'invalid',
  }));
}

/** Build the Fastify app from the platform and the modules. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, log } = deps;
  const jobs = deps.jobs ?? new JobQueue({ database, config, log });
  await jobs.install();
  const metrics = new Metrics(deps.processMetrics ?? false);
  const app = Fastify({
    loggerInstance: log,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('routeRegistry', []);
  app.decorate('jobs', jobs);
  app.decorateRequest('ctx', null as unknown as Ctx);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its CSS-in-JS into style tags.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.env === 'production',
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => {
      const body: ErrorBody = { error: { code: 'RATE_LIMITED', message: `请求过于频繁，请${Math.ceil(ctx.ttl / 1000)}秒后再试`, details: { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) } } };
      return Object.assign(new AppError('RATE_LIMITED', body.error.message, body.error.details), { statusCode: 429 });
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tongban 通办 API', version: '1', description: '一网通办平台接口。错误统一为 { error: { code, message, details } }。' },
      tags: [...MODULES.map((m): { name: string; description: string } => ({ name: m.name, description: m.description })), { name: 'platform', description: '健康检查与指标' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tb_sid' }, clientCredentials: { type: 'http', scheme: 'bearer', description: '单点登录应用的客户端凭证访问令牌（/oidc/token, grant_type=client_credentials）' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Every request gets its context first: request id, actor (from the session cookie), database handle.
  app.addHook('onRequest', async (req) => {
    const base: Ctx = {
      db: database.db,
      actor: { type: 'anonymous' },
      requestId: req.id,
      ip: req.ip,
      log: req.log,
      config,
      inTransaction: false,
      jobs,
      ...(deps.clock ? { clock: deps.clock } : {}),
    };
    req.ctx = base;
    if (req.url.startsWith('/api/v1/')) {
      // A department system calls with a client-credentials token; people with their session cookie.
      const auth = req.headers.authorization;
      const bearer = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : undefined;
      req.ctx = { ...base, actor: bearer ? await actorFromBearer(base, bearer) : await resolveActor(base, req) };
    }
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    let body: ErrorBody;
    let status: number;
    if (err instanceof AppError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = toFieldIssues(err.validation, err.validationContext ?? 'body');
      status = 400;
      body = { error: { code: 'VALIDATION_FAILED', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), details: issues } };
    } else if (err.statusCode === 429) {
      status = 429;
      body = { error: { code: 'RATE_LIMITED', message: err.message } };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large.
      status = err.statusCode;
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      body = { error: { code, message: err.message } };
    } else {
      status = 500;
      req.log.error({ err, requestId: req.id }, 'unhandled error');
      body = { error: { code: 'INTERNAL', message: `服务器内部错误，请联系管理员并提供请求编号 ${req.id}` } };
    }
    body.error.requestId = req.id;
    metrics.httpErrors.inc({ code: body.error.code });
    return reply.code(status).send(body);
  });

  // Platform endpoints.
  app.get('/healthz', { schema: { tags: ['platform'], summary: 'Liveness: the process answers' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['platform'], summary: 'Readiness: database reachable and migrated' } }, async (_req, reply) => {
    try {
      await ping(database.db);
      const pending = await pendingMigrations(database.db);
      if (pending.length > 0) return reply.code(503).send({ status: 'not ready', pendingMigrations: pending });
      return { status: 'ready', database: database.engine };
    } catch (e) {
      app.log.warn({ err: e }, 'readiness check failed');
      return reply.code(503).send({ status: 'not ready', reason: 'database unreachable' });
    }
  });
  app.get('/metrics', { schema: { tags: ['platform'], summary: 'Prometheus metrics' } }, async (_req, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const m of MODULES) await m.register(app, config);

  // The built web app, served by the same process, with SPA fallback; unknown API paths answer JSON 404.
  const webDir = config.webDistDir;
  const hasWeb = existsSync(path.join(webDir, 'index.html'));
  // wildcard: a rebuilt dist/web is served without a restart; missing files fall through to the handler below.
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: false, maxAge: '1h', immutable: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url === '/api';
    // Client-side routes get the app; a missing asset (a path with a file extension) stays a 404.
    // …except a license verification link: its identifier ends in ".<check character>".
    const path = req.url.split('?')[0] ?? '';
    const looksLikeFile = /\.[a-z0-9]+$/i.test(path) && !path.startsWith('/verify/');
    if (!isApi && !looksLikeFile && hasWeb && (req.method === 'GET' || req.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message: `${req.method} ${req.url.split('?')[0] ?? ''} 不存在`, requestId: req.id } };
    return reply.code(404).send(body);
  });
  return app;
}
