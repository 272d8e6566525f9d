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
