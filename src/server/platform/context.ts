import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AccountKind, Role } from '../../common/enums.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import type { JobQueue } from './jobs.ts';

/** The data scope of a staff account: a region subtree (code prefix) and optionally one department. */
export interface Scope {
  regionCode: string;
  departmentId: string | null;
}

/** The person acting for an enterprise: its legal representative (法定代表人) or an authorised agent (经办人). */
export interface ActingAgent {
  accountId: string;
  displayName: string;
  relation: 'legal_rep' | 'agent';
  /** The authorisation an agent acts under (null for the legal representative). */
  authorizationId: string | null;
  /** Catalog items (基本编码) an agent may handle; null: every matter. */
  itemCodes: string[] | null;
}

/** Who is acting: nobody, a logged-in account, or the platform itself (CLI, jobs, seed). */
export type Actor =
  | { type: 'anonymous' }
  | {
      type: 'account';
      accountId: string;
      kind: AccountKind;
      displayName: string;
      roles: Role[];
      scope: Scope | null;
      sessionId: string | null;
      /** Set while a person acts for this (enterprise) account: who really acts, and how. */
      agent?: ActingAgent;
    }
  | { type: 'system'; name: string }
  /** A registered system calling with a client-credentials access token (单点登录应用 / 部门系统). */
  | { type: 'client'; clientId: string; name: string; scopes: string[]; scope: Scope | null };

/** Where "now" comes from: the system clock, unless a caller (a test replaying a date) injects another. */
export interface Clock {
  now(): Date;
}

/** The request context: the first argument of every service function. */
export interface Ctx {
  /** Root handle or the current transaction. */
  db: Db;
  actor: Actor;
  requestId: string;
  ip: string | null;
  log: FastifyBaseLogger;
  config: Config;
  /** True while `db` is a transaction. */
  inTransaction: boolean;
  /** The background-job queue of this database (absent only in bare contexts that never enqueue). */
  jobs?: JobQueue;
  /** The clock business time is read from (acceptance, deadlines); absent means the system clock. */
  clock?: Clock;
}

/** A context for the platform acting on its own (CLI commands, seed, background jobs). */
export function systemContext(base: { db: Db; log: FastifyBaseLogger; config: Config; jobs?: JobQueue; clock?: Clock }, name: string): Ctx {
  return { ...base, actor: { type: 'system', name }, requestId: randomUUID(), ip: null, inTransaction: false };
}

/**
 * Run `fn` in one short transaction with a context whose `db` is the transaction. Nested calls join
 * the outer transaction. Keep network, file and signature work outside: PGlite has one connection
 * and an open transaction blocks every other request.
 */
export async function withTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx, inTransaction: true }));
}

/** The current instant by the context's clock (the system clock unless one was injected). */
export function clockNow(ctx: Ctx): Date {
  return ctx.clock ? ctx.clock.now() : new Date();
}

/** The account id of the actor, or null. */
export function actorAccountId(ctx: Ctx): string | null {
  return ctx.actor.type === 'account' ? ctx.actor.accountId : null;
}

/** A short label of the actor for the audit log. */
export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case 'anonymous':
      return 'anonymous';
    case 'system':
      return `system:${actor.name}`;
    case 'account':
      // Acting for an enterprise: both the enterprise and the person who acted are on record.
      return actor.agent ? `account:${actor.accountId} via:${actor.agent.accountId}` : `account:${actor.accountId}`;
    case 'client':
      return `client:${actor.clientId}`;
  }
}
