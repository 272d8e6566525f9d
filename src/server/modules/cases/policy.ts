import { actorAccountId, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, hasRole, regionWithin, scopeDepartment, type Policy } from '../../platform/guard.ts';
import * as org from '../org/service.ts';
import type { CaseRow, TaskRow } from './repo.ts';

/** Who may call each route of the cases module (the permission-matrix test checks every route against this). */
export const casesPolicy = {
  /** Apply online (applicant) or at a window on the applicant's behalf (window clerk). */
  apply: { roles: ['applicant', 'window_clerk'] },
  /** The applicant's own cases. */
  mine: { roles: ['applicant'] },
  /** One case and its timeline: the applicant, or staff whose scope covers it (checked per case). */
  read: { authenticated: true },
  /** Window decisions and delivery (一窗受理, 出件). */
  window: { roles: ['window_clerk'] },
  /** Supplements and withdrawal: the applicant, or a window clerk at the counter on their behalf. */
  applicantAction: { roles: ['applicant', 'window_clerk'] },
  /** Task actions: steps are bound to the window or to approvers. */
  task: { roles: ['window_clerk', 'approver'] },
  /** Special procedures (特别程序) are started and ended by the approver handling the case. */
  special: { roles: ['approver'] },
  /** Workbench queues. */
  /** Staff queues; a department system with a `cases:read` token reads its department's cases. */
  workbench: { roles: ['window_clerk', 'approver', 'supervisor'], clientScope: 'cases:read' },
  /** Process definitions belong to published guides, which are public. */
  processDefinition: { public: true },
} as const satisfies Record<string, Policy>;

/** Staff roles that may read cases in their scope. */
const STAFF_READERS = ['window_clerk', 'approver', 'supervisor', 'system_admin'] as const;

/** True if the actor is the applicant of the case. */
export function isApplicantOf(ctx: Ctx, c: CaseRow): boolean {
  const me = actorAccountId(ctx);
  return me !== null && (c.applicant_account_id === me || (c.channel === 'online' && c.created_by === me));
}

/**
 * The department a staff member's case work is limited to, or null for the whole region. A window
 * clerk who sits at an integrated window (综合窗口) of their region accepts for every department of
 * it (一窗受理), even though their own account belongs to the service centre.
 */
export async function caseDepartmentScope(ctx: Ctx): Promise<string | null> {
  const dept = scopeDepartment(ctx);
  if (!dept || ctx.actor.type !== 'account' || !ctx.actor.scope || !hasRole(ctx, 'window_clerk')) return dept;
  const w = await org.staffWindow(ctx, ctx.actor.accountId);
  return w?.kind === 'integrated' && regionWithin(w.region_code, ctx.actor.scope.regionCode) ? null : dept;
}

/**
 * Who may read a case: its applicant; staff whose region covers it and, when their roles are bound
 * to a department, who work in the implementing department, hold a task of it, or sit at an
 * integrated window. Anyone else learns nothing (404), except staff of another region, who get 403.
 */
export async function assertCanRead(ctx: Ctx, c: CaseRow, tasks: TaskRow[]): Promise<void> {
  if (ctx.actor.type === 'system' || isApplicantOf(ctx, c)) return;
  if (!hasRole(ctx, ...STAFF_READERS)) throw AppError.notFound('办件', c.id);
  assertInScope(ctx, c.region_code);
  const dept = scopeDepartment(ctx);
  if (!dept || dept === c.department_id || tasks.some((t) => t.department_id === dept)) return;
  if ((await caseDepartmentScope(ctx)) === null) return;
  throw new AppError('OUT_OF_SCOPE', '该办件不属于当前账号所在部门', { departmentId: c.department_id });
}

/** Window decisions: a window clerk of the implementing region (and department, when the clerk is bound to one). */
export async function assertWindowClerk(ctx: Ctx, c: Pick<CaseRow, 'region_code' | 'department_id'>): Promise<void> {
  if (!hasRole(ctx, 'window_clerk')) throw new AppError('FORBIDDEN', '只有综合窗口人员可以执行此操作');
  assertInScope(ctx, c.region_code);
  const dept = await caseDepartmentScope(ctx);
  if (dept && dept !== c.department_id) throw new AppError('OUT_OF_SCOPE', '该办件不属于当前账号所在部门，请由综合窗口或承办部门窗口办理', { departmentId: c.department_id });
}

/** Supplement or withdraw: the applicant, or a window clerk in scope acting at the counter. */
export async function assertApplicantOrClerk(ctx: Ctx, c: CaseRow): Promise<void> {
  if (isApplicantOf(ctx, c)) return;
  if (hasRole(ctx, 'window_clerk')) return assertWindowClerk(ctx, c);
  throw AppError.notFound('办件', c.id);
}

/** A task's actor: holds the task's role, and the task's region and department are in scope. */
export function assertTaskActor(ctx: Ctx, t: TaskRow): void {
  if (!hasRole(ctx, t.role)) throw new AppError('FORBIDDEN', `该环节须由${t.role === 'approver' ? '审批人员' : '窗口人员'}办理`);
  assertInScope(ctx, t.region_code, t.department_id);
}

/** Only the assignee acts on a claimed task (others may not approve what a colleague holds). */
export function assertAssigneeOrOpen(ctx: Ctx, t: TaskRow): void {
  if (t.status === 'claimed' && t.assignee_id !== actorAccountId(ctx)) {
    throw new AppError('CONFLICT', '该任务已由其他人签收', { assigneeId: t.assignee_id });
  }
}
