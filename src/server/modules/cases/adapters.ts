/**
 * The platform services the cases module leans on, each behind one function: the working-day clock
 * (calendar module + platform/workdays.ts) and content-addressed files (platform/files.ts).
 */
import type { FieldIssue } from '../../../common/errors.ts';
import { actorAccountId, type Ctx } from '../../platform/context.ts';
import { attachFile, findFile } from '../../platform/files.ts';
import { shanghaiDate as platformShanghaiDate, type IsoDate, type Pause, type TimeLimitStatus } from '../../platform/workdays.ts';
import * as calendar from '../calendar/service.ts';

export type { IsoDate, Pause };

/** Input of the clock: a limit counted from the day of acceptance, with pauses, up to a day. */
export interface ClockInput {
  acceptedOn: IsoDate;
  days: number;
  unit: 'working_day' | 'natural_day';
  pauses: Pause[];
  asOf: IsoDate;
}

/** What a case shows about its limit: the calendar's own time-limit status. */
export type ClockStatus = TimeLimitStatus;

/** The day in Asia/Shanghai of an instant. */
export function shanghaiDate(instant: Date = new Date()): IsoDate {
  return platformShanghaiDate(instant);
}

/** Due date, days used and left of a limit, on the calendar the administrators loaded (provisional in unscheduled years). */
export function computeClock(ctx: Ctx, input: ClockInput): Promise<ClockStatus> {
  return calendar.timeLimitStatus(ctx, input);
}

/** The owner type of case materials in the files service. */
export const CASE_FILE_OWNER = 'case';

/**
 * Check that uploaded files may be attached to a case by the actor: each exists, was uploaded by
 * the actor, and belongs to no other record. Problems name the material (400), never a 404 or 500.
 */
export async function checkAttachableFiles(ctx: Ctx, fileIds: string[], field: string, caseId: string | null): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const me = actorAccountId(ctx);
  for (const [n, id] of fileIds.entries()) {
    const f = await findFile(ctx, id);
    if (!f || f.uploader_account_id !== me) issues.push({ path: `${field}.fileIds.${n}`, message: '文件不存在，请先上传（POST /api/v1/files）' });
    else if (f.owner_type && !(f.owner_type === CASE_FILE_OWNER && f.owner_id === caseId)) issues.push({ path: `${field}.fileIds.${n}`, message: '该文件已用于其他办件或记录，请重新上传' });
  }
  return issues;
}

/** Attach the files to the case (in the caller's transaction), so that the case's read policy governs them. */
export async function attachFiles(ctx: Ctx, fileIds: string[], caseId: string): Promise<void> {
  for (const id of fileIds) await attachFile(ctx, id, { ownerType: CASE_FILE_OWNER, ownerId: caseId });
}
