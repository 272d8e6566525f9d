import type { Role } from '../../common/enums.ts';
import type { Actor, Ctx, Scope } from './context.ts';
import { AppError } from './errors.ts';

/**
 * Who may call a route. Every route declares one; the guard enforces it before validation of the
 * body, and services check data scope with assertInScope.
 * - public: anyone, logged in or not
 * - authenticated: any logged-in account
 * - roles: a logged-in account holding at least one of the roles; with `clientScope`, also a
 *   registered system whose client-credentials token carries that scope
 */
export type Policy = { public: true } | { authenticated: true } | { roles: readonly Role[]; clientScope?: string };

/** Roles whose data scope spans every department of their region. */
const CROSS_DEPARTMENT_ROLES: readonly Role[] = ['system_admin', 'supervisor', 'catalog_admin', 'data_admin'];

/** Digits of a region code that identify it at each level (1 province … 5 village). */
const PREFIX_LENGTH: Record<number, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };

/** The significant prefix of a 12-digit region code: 350703000000 → 350703. */
export function regionPrefix(code: string): string {
  const trimmed = code.replace(/0+$/, '');
  // Keep whole level boundaries: 350700000000 → 3507, 350703001000 → 350703001.
  for (const len of [2, 4, 6, 9, 12]) if (trimmed.length <= len) return code.slice(0, len);
  return code;
}

/** Level (1-5) implied by a 12-digit region code. */
export function regionLevelOf(code: string): number {
  const p = regionPrefix(code).length;
  return Number(Object.entries(PREFIX_LENGTH).find(([, len]) => len === p)?.[0] ?? 5);
}

/** True if `code` lies in the subtree rooted at `root` (both 12-digit codes). */
export function regionWithin(code: string, root: string): boolean {
  return code.startsWith(regionPrefix(root));
}

/** Check the route policy against the actor; throws 401/403. */
export function authorize(actor: Actor, policy: Policy): void {
  if ('public' in policy) return;
  if (actor.type === 'client') {
    if ('roles' in policy && policy.clientScope && actor.scopes.includes(policy.clientScope)) return;
    throw new AppError('FORBIDDEN', '该应用的访问令牌无权调用此接口', { requiredScope: 'roles' in policy ? (policy.clientScope ?? null) : null, grantedScopes: actor.scopes });
  }
  if (actor.type !== 'account') throw new AppError('UNAUTHENTICATED', '请先登录');
  if ('authenticated' in policy) return;
  if (!policy.roles.some((r) => actor.roles.includes(r))) {
    throw new AppError('FORBIDDEN', '当前账号没有执行此操作的权限', { requiredRoles: policy.roles });
  }
}

/** True if the actor holds one of the roles. */
export function hasRole(ctx: Ctx, ...roles: Role[]): boolean {
  return ctx.actor.type === 'account' && roles.some((r) => (ctx.actor.type === 'account' ? ctx.actor.roles.includes(r) : false));
}

/** The staff actor's scope, or throws 403 for anyone without one. */
export function requireScope(ctx: Ctx): Scope {
  if (ctx.actor.type === 'system') return { regionCode: '000000000000', departmentId: null };
  if (ctx.actor.type === 'client' && ctx.actor.scope) return ctx.actor.scope;
  if (ctx.actor.type !== 'account' || !ctx.actor.scope) throw new AppError('FORBIDDEN', '当前账号没有数据权限范围');
  return ctx.actor.scope;
}

/** The department the scope is limited to, or null when the actor works across departments. */
export function scopeDepartment(ctx: Ctx): string | null {
  if (ctx.actor.type === 'client') return ctx.actor.scope?.departmentId ?? null;
  if (ctx.actor.type !== 'account' || !ctx.actor.scope) return null;
  if (ctx.actor.roles.some((r) => CROSS_DEPARTMENT_ROLES.includes(r))) return null;
  return ctx.actor.scope.departmentId;
}

/** The region prefix that scopes queries for the actor ('' for the platform itself). */
export function scopePrefix(ctx: Ctx): string {
  if (ctx.actor.type === 'system') return '';
  return regionPrefix(requireScope(ctx).regionCode);
}

/**
 * Assert that a resource in `regionCode` (and optionally owned by `departmentId`) lies in the actor's
 * data scope: region subtree always, department when the actor's roles are department-bound.
 */
export function assertInScope(ctx: Ctx, regionCode: string, departmentId?: string | null): void {
  if (ctx.actor.type === 'system') return;
  const scope = requireScope(ctx);
  if (!regionWithin(regionCode, scope.regionCode)) {
    throw new AppError('OUT_OF_SCOPE', '该数据不在当前账号的管辖区域内', { regionCode, scopeRegionCode: scope.regionCode });
  }
  const dept = scopeDepartment(ctx);
  if (dept && departmentId !== undefined && departmentId !== dept) {
    throw new AppError('OUT_OF_SCOPE', '该数据不属于当前账号所在部门', { departmentId });
  }
}
