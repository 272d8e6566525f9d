import type { Ctx } from '../../platform/context.ts';

/** What other modules learn when a case is completed (办结). */
export interface CaseCompleted {
  caseId: string;
  caseNumber: string;
  outcome: 'approved' | 'denied';
  /** The guide's result type: a license type code means the licenses module should issue one. */
  result: { type: string; name: string; documentNumber: string; licenseTypeCode: string | null };
  regionCode: string;
  departmentId: string;
  applicantAccountId: string | null;
  versionId: string;
}

/** A handler of completed cases; runs inside the completing transaction, so keep it to database writes. */
export type CaseCompletedHandler = (ctx: Ctx, event: CaseCompleted) => Promise<void>;

const handlers: CaseCompletedHandler[] = [];

/**
 * Subscribe to completed cases. The licenses module registers `issueLicenseForCase` here; signing
 * and rendering must run after the transaction (e.g. as a job the handler enqueues).
 */
export function registerCaseCompletedHandler(handler: CaseCompletedHandler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.indexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

/** Called by the case engine when a case is completed (办结), inside its transaction. */
export async function onCaseCompleted(ctx: Ctx, event: CaseCompleted): Promise<void> {
  for (const h of handlers) await h(ctx, event);
}

/** A lifecycle event other modules (department systems) act on. */
export interface CaseLifecycleEvent {
  event: 'case.accepted' | 'case.completed';
  caseId: string;
  /** The implementing department (承办部门). */
  departmentId: string;
}

/** A handler of lifecycle events; runs inside the transition's transaction (enqueue jobs, no network). */
export type CaseEventHandler = (ctx: Ctx, event: CaseLifecycleEvent) => Promise<void>;

const eventHandlers: CaseEventHandler[] = [];

/** Subscribe to case lifecycle events (the department-systems module sends them by webhook). */
export function registerCaseEventHandler(handler: CaseEventHandler): () => void {
  eventHandlers.push(handler);
  return () => {
    const i = eventHandlers.indexOf(handler);
    if (i >= 0) eventHandlers.splice(i, 1);
  };
}

/** Called by the case engine at accept and completion, inside the transition's transaction. */
export async function onCaseEvent(ctx: Ctx, event: CaseLifecycleEvent): Promise<void> {
  for (const h of eventHandlers) await h(ctx, event);
}
