import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ErrorResponse } from '../../common/schemas/shared.ts';
import type { Ctx } from './context.ts';
import type { JobQueue } from './jobs.ts';
import { authorize, type Policy } from './guard.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the context, the validated input, and the raw request/reply for cookies and headers. */
export interface HandlerInput<P, Q, B> {
  ctx: Ctx;
  params: P;
  query: Q;
  body: B;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** A route: thin (policy → validate → call the service), documented, and tagged with its module. */
export interface RouteDef<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema> {
  method: Method;
  url: string;
  summary: string;
  description?: string;
  policy: Policy;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the success response. */
  response: R;
  /** Success status (default 200; 204 sends no body, its response schema is z.void()). */
  status?: 200 | 201 | 202 | 204;
  /**
   * The success response is a file of this content type: the handler returns a Buffer (and sets
   * content-disposition itself), sent as is rather than serialized through the response schema.
   */
  file?: { contentType: string };
  /** Largest request body in bytes, for routes that take an upload (default: the app's bodyLimit). */
  bodyLimit?: number;
  /** Stricter per-route rate limit (requests per minute per IP). */
  rateLimitPerMinute?: number;
  /** Returns the response body; a handler that sends binary content itself (a file) returns the reply. */
  handler: (input: HandlerInput<Out<P>, Out<Q>, Out<B>>) => Promise<z.input<R> | FastifyReply>;
}

/** Every registered route with its policy: the permission-matrix test walks this. */
export interface RegisteredRoute {
  module: string;
  method: Method;
  url: string;
  policy: Policy;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyInstance {
    routeRegistry: RegisteredRoute[];
    /** The background-job queue of this app's database. */
    jobs: JobQueue;
  }
}

/** The response schemas of a route (a 204 has no body, so no schema for it). */
function responsesFor<R extends Schema>(status: number, response: R, file: boolean) {
  const out = { [status]: response, '4xx': ErrorResponse, '5xx': ErrorResponse };
  // A file is bytes, not JSON: no schema to serialize it through.
  if (status === 204 || file) delete out[status];
  return out;
}

/** Register a module's routes; each gets the module's tag, the error responses and the policy guard. */
export function registerRoutes(
  app: FastifyInstance,
  module: string,
  // The generic parameters differ per route; the helper below keeps each definition fully typed.
  routes: RouteDef<Schema | undefined, Schema | undefined, Schema | undefined, Schema>[],
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const r of routes) {
    app.routeRegistry.push({ module, method: r.method, url: r.url, policy: r.policy });
    const status = r.status ?? 200;
    typed.route({
      method: r.method,
      url: r.url,
      ...(r.bodyLimit ? { bodyLimit: r.bodyLimit } : {}),
      ...(r.rateLimitPerMinute ? { config: { rateLimit: { max: r.rateLimitPerMinute, timeWindow: '1 minute' } } } : {}),
      schema: {
        tags: [module],
        summary: r.summary,
        ...(r.description ? { description: r.description } : {}),
        ...('public' in r.policy ? {} : { security: [{ session: [] }] }),
        ...(r.params ? { params: r.params } : {}),
        ...(r.query ? { querystring: r.query } : {}),
        ...(r.body ? { body: r.body } : {}),
        response: responsesFor(status, r.response, Boolean(r.file)),
      },
      // The guard runs before validation so an anonymous caller learns nothing about the body's shape.
      preValidation: (req, _reply, done) => {
        try {
          authorize(req.ctx.actor, r.policy);
          done();
        } catch (e) {
          done(e as Error);
        }
      },
      handler: async (req, reply) => {
        const result = await r.handler({
          ctx: req.ctx,
          params: req.params,
          query: req.query,
          body: req.body,
          req,
          reply,
        });
        if (result === reply || reply.sent) return reply;
        // 204 has no body and hence no response schema: send through the untyped reply.
        if (status === 204) return (reply as unknown as FastifyReply).code(204).send();
        if (r.file) return (reply as unknown as FastifyReply).code(status).type(r.file.contentType).send(result);
        return reply.code(status).send(result);
      },
    });
  }
}

/** Define one route with full inference of its params, query, body and response types. */
export function route<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema = Schema,
>(def: RouteDef<P, Q, B, R>): RouteDef<Schema | undefined, Schema | undefined, Schema | undefined, Schema> {
  return def;
}
