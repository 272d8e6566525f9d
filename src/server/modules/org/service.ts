import type { z } from 'zod';
import type {
  CreateDepartmentBody,
  CreateRegionBody,
  CreateWindowBody,
  DepartmentListQuery,
  DepartmentView,
  RegionDetail,
  RegionView,
  UpdateDepartmentBody,
  UpdateWindowBody,
  WindowListQuery,
  WindowView,
} from '../../../common/schemas/org.ts';
import type { AccountListQuery, CreateStaffBody, StaffView, UpdateStaffBody } from '../../../common/schemas/identity.ts';
import { audit } from '../../platform/audit.ts';
import { withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { LIMITS } from '../../../common/limits.ts';
import { assertInScope, regionLevelOf, regionPrefix, regionWithin, scopeDepartment } from '../../platform/guard.ts';
import * as identity from '../identity/service.ts';
import * as repo from './repo.ts';

/** The city the demo and default views centre on: 南平市. */
export const HOME_CITY = '350700000000';
const REGION_SEARCH_LIMIT = 50;

function presentRegion(r: repo.RegionRow): z.infer<typeof RegionView> {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, childCount: r.child_count };
}

/** Get a region or throw 404. */
export async function getRegion(ctx: Ctx, code: string): Promise<repo.RegionRow> {
  const r = await repo.findRegion(ctx.db, code);
  if (!r) throw AppError.notFound('行政区划', code);
  return r;
}

/** List children of a region (or the roots), or search by name. Public: region names are public information. */
export async function listRegions(ctx: Ctx, q: { parent?: string | undefined; q?: string | undefined }): Promise<z.infer<typeof RegionView>[]> {
  if (q.q) return (await repo.searchRegions(ctx.db, q.q, REGION_SEARCH_LIMIT)).map(presentRegion);
  if (q.parent) await getRegion(ctx, q.parent);
  return (await repo.listRegionChildren(ctx.db, q.parent ?? null)).map(presentRegion);
}

/** A region with its ancestors. */
export async function regionDetail(ctx: Ctx, code: string): Promise<z.infer<typeof RegionDetail>> {
  const r = await getRegion(ctx, code);
  return { ...presentRegion(r), path: await repo.regionAncestors(ctx.db, code) };
}

/** Add a region below a parent in the actor's scope; the code must extend the parent's prefix at the next level. */
export async function createRegion(ctx: Ctx, input: z.infer<typeof CreateRegionBody>): Promise<z.infer<typeof RegionDetail>> {
  const parent = await getRegion(ctx, input.parentCode);
  assertInScope(ctx, parent.code);
  const level = parent.level + 1;
  if (level > 5) throw AppError.field('parentCode', '村/社区以下不能再设下级区划');
  if (!regionWithin(input.code, parent.code) || regionLevelOf(input.code) !== level) {
    throw AppError.field('code', `下级区划代码应以上级代码 ${regionPrefix(parent.code)} 开头，并符合第${level}级的编码位数`);
  }
  await withTransaction(ctx, async (tx) => {
    if (await repo.findRegion(tx.db, input.code)) throw new AppError('ALREADY_EXISTS', '区划代码已存在', [{ path: 'code', message: '区划代码已存在' }]);
    await repo.insertRegion(tx.db, { code: input.code, name: input.name, level, parentCode: parent.code });
    await audit(tx, { action: 'org.region.create', entityType: 'region', entityId: input.code, regionCode: input.code, after: { ...input, level } });
  });
  return regionDetail(ctx, input.code);
}

/** Rename a region in the actor's scope. */
export async function renameRegion(ctx: Ctx, code: string, name: string): Promise<z.infer<typeof RegionDetail>> {
  await withTransaction(ctx, async (tx) => {
    const before = await getRegion(tx, code);
    assertInScope(tx, code);
    await repo.renameRegion(tx.db, code, name);
    await audit(tx, { action: 'org.region.rename', entityType: 'region', entityId: code, regionCode: code, before: { name: before.name }, after: { name } });
  });
  return regionDetail(ctx, code);
}

function presentDepartment(d: repo.DepartmentRow, staffCount: number): z.infer<typeof DepartmentView> {
  return {
    id: d.id, name: d.name, shortName: d.short_name, creditCode: d.credit_code, level: d.level, regionCode: d.region_code,
    regionName: d.region_name, parentId: d.parent_id, phone: d.phone, address: d.address, active: d.active, staffCount,
    headAccountId: d.head_account_id, headName: d.head_name,
  };
}

/**
 * The head (部门负责人) of a department, or null when none is set or the head is no longer a live
 * staff member of it. Warnings, 督办 orders, complaints and bad ratings of the department go to them.
 */
export async function departmentHead(ctx: Ctx, departmentId: string): Promise<{ id: string; name: string } | null> {
  return (await repo.findDepartmentHead(ctx.db, departmentId)) ?? null;
}

/** A head must be an active (or only temporarily locked) staff account of the department itself. */
async function checkHead(ctx: Ctx, headAccountId: string | null | undefined, departmentId: string | null): Promise<void> {
  if (!headAccountId) return;
  if (!departmentId) throw AppError.field('headAccountId', '新建部门还没有工作人员，请在部门建好、人员调入后再指定负责人');
  const a = await identity.getAccountRow(ctx, headAccountId).catch(() => {
    throw AppError.field('headAccountId', '负责人账号不存在');
  });
  if (a.kind !== 'staff' || a.scope_department_id !== departmentId) throw AppError.field('headAccountId', '负责人应为本部门的工作人员');
  if (a.status === 'disabled' || a.status === 'deregistered') throw AppError.field('headAccountId', '该工作人员账号已停用，不能担任负责人');
}

/** Get a department or throw 404. */
export async function getDepartment(ctx: Ctx, id: string): Promise<repo.DepartmentRow> {
  const d = await repo.findDepartment(ctx.db, id);
  if (!d) throw AppError.notFound('部门', id);
  return d;
}

/** Find a department (undefined when there is none). */
export function findDepartment(ctx: Ctx, id: string): Promise<repo.DepartmentRow | undefined> {
  return repo.findDepartment(ctx.db, id);
}

/** The active department of a region known by a short or full name (a process step names its department so). */
export function findDepartmentByName(ctx: Ctx, regionCode: string, name: string): Promise<repo.DepartmentRow | undefined> {
  return repo.findDepartmentByAnyName(ctx.db, regionCode, name);
}

/** The active window a staff member sits at (their position), if any. */
export async function staffWindow(ctx: Ctx, accountId: string): Promise<repo.WindowRow | undefined> {
  const pos = (await repo.positionsOf(ctx.db, [accountId])).get(accountId);
  if (!pos?.window_id) return undefined;
  const w = await repo.findWindow(ctx.db, pos.window_id);
  return w?.active ? w : undefined;
}

/** A department as other modules see it. */
export type DepartmentRow = repo.DepartmentRow;

/** Departments in a region subtree (public directory). */
export async function listDepartments(ctx: Ctx, q: z.infer<typeof DepartmentListQuery>): Promise<z.infer<typeof DepartmentView>[]> {
  const prefix = regionPrefix(q.regionCode ?? HOME_CITY);
  const list = await repo.listDepartments(ctx.db, { regionPrefix: prefix, ...(q.q ? { q: q.q } : {}), includeInactive: q.includeInactive ?? false });
  const counts = await identity.countStaffByDepartment(ctx, list.map((d) => d.id));
  return list.map((d) => presentDepartment(d, counts.get(d.id) ?? 0));
}

/** One department (public directory). */
export async function departmentView(ctx: Ctx, id: string): Promise<z.infer<typeof DepartmentView>> {
  const d = await getDepartment(ctx, id);
  const counts = await identity.countStaffByDepartment(ctx, [id]);
  return presentDepartment(d, counts.get(id) ?? 0);
}

async function checkParentDepartment(ctx: Ctx, parentId: string | null | undefined, regionCode: string, selfId?: string): Promise<void> {
  if (!parentId) return;
  if (parentId === selfId) throw AppError.field('parentId', '上级部门不能是本部门');
  const parent = await getDepartment(ctx, parentId).catch(() => {
    throw AppError.field('parentId', '上级部门不存在');
  });
  // A county bureau reports to the city bureau: the parent's region must contain the child's.
  if (!regionWithin(regionCode, parent.region_code)) throw AppError.field('parentId', '上级部门应在本区划或上级区划');
  // Same-region parents could otherwise close a loop (A → B → A) that no tree view can show.
  if (selfId && (await repo.departmentLineage(ctx.db, parentId)).includes(selfId)) throw AppError.field('parentId', '不能把本部门的下级部门设为上级部门');
}

const creditCodeTaken = () => new AppError('ALREADY_EXISTS', '该统一社会信用代码已被其他部门使用', [{ path: 'creditCode', message: '该统一社会信用代码已被其他部门使用' }]);

/** Create a department in the actor's scope. */
export async function createDepartment(ctx: Ctx, input: z.infer<typeof CreateDepartmentBody>): Promise<z.infer<typeof DepartmentView>> {
  const region = await getRegion(ctx, input.regionCode).catch(() => {
    throw AppError.field('regionCode', '行政区划不存在');
  });
  assertInScope(ctx, region.code);
  const expectedLevel = region.level === 2 ? 'city' : region.level === 3 ? 'county' : region.level === 4 ? 'town' : null;
  if (expectedLevel !== input.level) throw AppError.field('level', `${region.name}的部门层级应为 ${expectedLevel ?? '（该级区划不设部门）'}`);
  await checkParentDepartment(ctx, input.parentId, region.code);
  await checkHead(ctx, input.headAccountId, null);
  const id = await withTransaction(ctx, async (tx) => {
    if (await repo.findDepartmentByName(tx.db, region.code, input.name)) {
      throw new AppError('ALREADY_EXISTS', '本区划已有同名部门', [{ path: 'name', message: '本区划已有同名部门' }]);
    }
    if (input.creditCode && (await repo.findDepartmentByCreditCode(tx.db, input.creditCode))) throw creditCodeTaken();
    const newId = await repo.insertDepartment(tx.db, {
      name: input.name, shortName: input.shortName ?? null, creditCode: input.creditCode ?? null, level: input.level,
      regionCode: region.code, parentId: input.parentId ?? null, phone: input.phone ?? null, address: input.address ?? null,
    });
    await audit(tx, { action: 'org.department.create', entityType: 'department', entityId: newId, regionCode: region.code, after: input });
    return newId;
  });
  return departmentView(ctx, id);
}

/** Every live (not deregistered) staff account of a department, page by page. */
async function departmentStaff(ctx: Ctx, departmentId: string): Promise<Awaited<ReturnType<typeof identity.getAccountRow>>[]> {
  const out: Awaited<ReturnType<typeof identity.getAccountRow>>[] = [];
  for (let page = 1; ; page++) {
    const r = await identity.listAccounts(ctx, { kind: 'staff', departmentId, page, pageSize: LIMITS.pageSizeMax });
    out.push(...r.items);
    if (r.items.length < LIMITS.pageSizeMax) return out;
  }
}

/**
 * Move a staff member to another department in the caller's transaction: the account's data scope
 * (region and department) follows, and a window outside the new region is given up. Both changes
 * are audited; open sessions stay and see the new scope on their next request.
 */
async function moveStaff(tx: Ctx, accountId: string, to: repo.DepartmentRow, reason: string): Promise<void> {
  await identity.updateStaffAccount(tx, accountId, { regionCode: to.region_code, departmentId: to.id });
  const pos = (await repo.positionsOf(tx.db, [accountId])).get(accountId);
  if (pos?.window_id) {
    const w = await repo.findWindow(tx.db, pos.window_id);
    if (!w || !regionWithin(w.region_code, to.region_code)) {
      await repo.upsertPosition(tx.db, { accountId, windowId: null, title: pos.title });
      await audit(tx, { action: 'org.staff.position', entityType: 'account', entityId: accountId, regionCode: to.region_code, before: pos, after: { windowId: null, reason } });
    }
  }
}

/**
 * Change a department in the actor's scope. A department keeps its region (a body does not move
 * between counties; a new one is set up there). Deactivating it is refused while staff remain,
 * unless `reassignStaffTo` names the department they move to, in the same transaction.
 */
export async function updateDepartment(ctx: Ctx, id: string, input: z.infer<typeof UpdateDepartmentBody>): Promise<z.infer<typeof DepartmentView>> {
  const before = await getDepartment(ctx, id);
  assertInScope(ctx, before.region_code);
  await checkParentDepartment(ctx, input.parentId, before.region_code, id);
  await checkHead(ctx, input.headAccountId, id);
  const deactivating = input.active === false && before.active;
  let target: repo.DepartmentRow | undefined;
  if (input.reassignStaffTo !== undefined) {
    if (!deactivating) throw AppError.field('reassignStaffTo', '仅在停用部门时可将人员整体调往其他部门');
    if (input.reassignStaffTo === id) throw AppError.field('reassignStaffTo', '不能调往本部门');
    target = await getDepartment(ctx, input.reassignStaffTo).catch(() => {
      throw AppError.field('reassignStaffTo', '部门不存在');
    });
    if (!target.active) throw AppError.field('reassignStaffTo', '该部门已停用');
    assertInScope(ctx, target.region_code);
  }
  const { reassignStaffTo: _ignored, ...changes } = input;
  await withTransaction(ctx, async (tx) => {
    if (input.name && input.name !== before.name && (await repo.findDepartmentByName(tx.db, before.region_code, input.name))) {
      throw new AppError('ALREADY_EXISTS', '本区划已有同名部门', [{ path: 'name', message: '本区划已有同名部门' }]);
    }
    if (input.creditCode && input.creditCode !== before.credit_code && (await repo.findDepartmentByCreditCode(tx.db, input.creditCode))) throw creditCodeTaken();
    let moved: string[] = [];
    if (deactivating) {
      const staff = await departmentStaff(tx, id);
      if (staff.length > 0 && !target) {
        throw new AppError('CONFLICT', `该部门还有${staff.length}名工作人员，请先将其调往其他部门，或在停用时指定人员调往的部门`, { staffCount: staff.length, path: 'reassignStaffTo' });
      }
      if (target) for (const a of staff) await moveStaff(tx, a.id, target, `部门停用：${before.name}`);
      moved = staff.map((a) => a.id);
    }
    await repo.updateDepartment(tx.db, id, changes);
    await audit(tx, {
      action: 'org.department.update', entityType: 'department', entityId: id, regionCode: before.region_code, before,
      after: { ...changes, ...(target ? { staffMovedTo: target.id, staffMoved: moved.length } : {}) },
    });
  });
  return departmentView(ctx, id);
}

function presentWindow(w: repo.WindowRow): z.infer<typeof WindowView> {
  return {
    id: w.id, name: w.name, number: w.number, kind: w.kind, hall: w.hall, regionCode: w.region_code, regionName: w.region_name,
    departmentId: w.department_id, departmentName: w.department_name, active: w.active,
  };
}

/** Get a window or throw 404. */
export async function getWindow(ctx: Ctx, id: string): Promise<repo.WindowRow> {
  const w = await repo.findWindow(ctx.db, id);
  if (!w) throw AppError.notFound('窗口', id);
  return w;
}

/** Windows in a region subtree (public: the hall guide). */
export async function listWindows(ctx: Ctx, q: z.infer<typeof WindowListQuery>): Promise<z.infer<typeof WindowView>[]> {
  return (await repo.listWindows(ctx.db, { regionPrefix: regionPrefix(q.regionCode ?? HOME_CITY), ...(q.departmentId ? { departmentId: q.departmentId } : {}) })).map(presentWindow);
}

async function checkWindowDepartment(ctx: Ctx, departmentId: string | null | undefined, regionCode: string): Promise<void> {
  if (!departmentId) return;
  const d = await getDepartment(ctx, departmentId).catch(() => {
    throw AppError.field('departmentId', '部门不存在');
  });
  if (!regionWithin(regionCode, d.region_code)) throw AppError.field('departmentId', '窗口所属部门应在本区划或上级区划');
}

/** Create a window in the actor's scope. */
export async function createWindow(ctx: Ctx, input: z.infer<typeof CreateWindowBody>): Promise<z.infer<typeof WindowView>> {
  const region = await getRegion(ctx, input.regionCode).catch(() => {
    throw AppError.field('regionCode', '行政区划不存在');
  });
  assertInScope(ctx, region.code);
  await checkWindowDepartment(ctx, input.departmentId, region.code);
  const id = await withTransaction(ctx, async (tx) => {
    if (await repo.findWindowByNumber(tx.db, region.code, input.hall, input.number)) {
      throw new AppError('ALREADY_EXISTS', '该大厅已有同号窗口', [{ path: 'number', message: '该大厅已有同号窗口' }]);
    }
    const newId = await repo.insertWindow(tx.db, { ...input, departmentId: input.departmentId ?? null });
    await audit(tx, { action: 'org.window.create', entityType: 'window', entityId: newId, regionCode: region.code, after: input });
    return newId;
  });
  return presentWindow(await getWindow(ctx, id));
}

/** Change a window in the actor's scope. */
export async function updateWindow(ctx: Ctx, id: string, input: z.infer<typeof UpdateWindowBody>): Promise<z.infer<typeof WindowView>> {
  const before = await getWindow(ctx, id);
  assertInScope(ctx, before.region_code);
  await checkWindowDepartment(ctx, input.departmentId, before.region_code);
  await withTransaction(ctx, async (tx) => {
    const hall = input.hall ?? before.hall;
    const number = input.number ?? before.number;
    const clash = await repo.findWindowByNumber(tx.db, before.region_code, hall, number);
    if (clash && clash.id !== id) throw new AppError('ALREADY_EXISTS', '该大厅已有同号窗口', [{ path: 'number', message: '该大厅已有同号窗口' }]);
    await repo.updateWindow(tx.db, id, input);
    await audit(tx, { action: 'org.window.update', entityType: 'window', entityId: id, regionCode: before.region_code, before, after: input });
  });
  return presentWindow(await getWindow(ctx, id));
}

/** Present staff accounts with their position, department and region names. */
async function presentStaff(ctx: Ctx, accounts: Awaited<ReturnType<typeof identity.getAccountRow>>[]): Promise<z.infer<typeof StaffView>[]> {
  const positions = await repo.positionsOf(ctx.db, accounts.map((a) => a.id));
  const depts = await repo.departmentNames(ctx.db, [...new Set(accounts.map((a) => a.scope_department_id).filter((x): x is string => !!x))]);
  const regions = await repo.regionNames(ctx.db, [...new Set(accounts.map((a) => a.scope_region_code).filter((x): x is string => !!x))]);
  return accounts.map((a) => {
    const p = positions.get(a.id);
    return {
      ...identity.presentAccount(ctx, a),
      title: p?.title ?? null,
      windowId: p?.window_id ?? null,
      departmentName: a.scope_department_id ? (depts.get(a.scope_department_id) ?? null) : null,
      regionName: a.scope_region_code ? (regions.get(a.scope_region_code) ?? null) : null,
    };
  });
}

/** Staff in the actor's scope (department-bound roles see their own department only). */
export async function listStaff(ctx: Ctx, q: z.infer<typeof AccountListQuery>): Promise<{ items: z.infer<typeof StaffView>[]; total: number }> {
  const regionCode = q.regionCode ?? (ctx.actor.type === 'account' && ctx.actor.scope ? ctx.actor.scope.regionCode : HOME_CITY);
  assertInScope(ctx, regionCode, q.departmentId);
  // Department-bound staff only list their own department's colleagues.
  const departmentId = q.departmentId ?? scopeDepartment(ctx) ?? undefined;
  const r = await identity.listAccounts(ctx, { ...q, kind: 'staff', regionCode, ...(departmentId ? { departmentId } : {}) });
  return { items: await presentStaff(ctx, r.items), total: r.total };
}

async function staffRow(ctx: Ctx, id: string) {
  const a = await identity.getAccountRow(ctx, id);
  if (a.kind !== 'staff' || !a.scope_region_code) throw AppError.notFound('工作人员', id);
  assertInScope(ctx, a.scope_region_code, a.scope_department_id);
  return a;
}

/** One staff member in the actor's scope. */
export async function getStaff(ctx: Ctx, id: string): Promise<z.infer<typeof StaffView>> {
  const [v] = await presentStaff(ctx, [await staffRow(ctx, id)]);
  if (!v) throw AppError.notFound('工作人员', id);
  return v;
}

async function checkPlacement(ctx: Ctx, regionCode: string, departmentId: string | null, windowId: string | null | undefined): Promise<void> {
  await getRegion(ctx, regionCode).catch(() => {
    throw AppError.field('regionCode', '行政区划不存在');
  });
  assertInScope(ctx, regionCode);
  if (departmentId) {
    const d = await getDepartment(ctx, departmentId).catch(() => {
      throw AppError.field('departmentId', '部门不存在');
    });
    if (d.region_code !== regionCode) throw AppError.field('departmentId', `所选部门属于${d.region_name}，与人员所在区划不一致`);
  }
  if (windowId) {
    const w = await getWindow(ctx, windowId).catch(() => {
      throw AppError.field('windowId', '窗口不存在');
    });
    if (!regionWithin(w.region_code, regionCode)) throw AppError.field('windowId', '窗口不在人员所在区划');
  }
}

/** Create a staff member: the account (identity) and the position (org). */
export async function createStaff(ctx: Ctx, input: z.infer<typeof CreateStaffBody>): Promise<z.infer<typeof StaffView>> {
  await checkPlacement(ctx, input.regionCode, input.departmentId, input.windowId);
  // Hash before the transaction: PGlite has one connection, and argon2 takes ~25 ms.
  const passwordHash = await identity.hashNewPassword(input.password);
  const id = await withTransaction(ctx, async (tx) => {
    const accountId = await identity.createStaffAccount(tx, { ...input, passwordHash, departmentId: input.departmentId });
    await repo.upsertPosition(tx.db, { accountId, windowId: input.windowId ?? null, title: input.title ?? null });
    return accountId;
  });
  return getStaff(ctx, id);
}

/**
 * Change a staff member: roles, placement, status. Moved to a department of another region without
 * naming the region, the member follows the department there (and leaves a window outside it); the
 * account's data scope changes in the same transaction. A change of roles or a disabling ends the
 * sessions; a move keeps them, and the next request already sees the new scope.
 */
export async function updateStaff(ctx: Ctx, id: string, input: z.infer<typeof UpdateStaffBody>): Promise<z.infer<typeof StaffView>> {
  const before = await staffRow(ctx, id);
  const departmentId = input.departmentId !== undefined ? input.departmentId : before.scope_department_id;
  const newDepartment = input.departmentId && input.departmentId !== before.scope_department_id
    ? await getDepartment(ctx, input.departmentId).catch(() => {
        throw AppError.field('departmentId', '部门不存在');
      })
    : undefined;
  if (newDepartment && !newDepartment.active) throw AppError.field('departmentId', '该部门已停用');
  const regionCode = input.regionCode ?? newDepartment?.region_code ?? before.scope_region_code ?? HOME_CITY;
  const positions = await repo.positionsOf(ctx.db, [id]);
  const pos = positions.get(id);
  let windowId = input.windowId !== undefined ? input.windowId : (pos?.window_id ?? null);
  let windowDropped = false;
  if (input.windowId === undefined && windowId && regionCode !== before.scope_region_code) {
    const w = await repo.findWindow(ctx.db, windowId);
    if (!w || !regionWithin(w.region_code, regionCode)) {
      windowId = null;
      windowDropped = true;
    }
  }
  await checkPlacement(ctx, regionCode, departmentId, windowId);
  if (ctx.actor.type === 'account' && ctx.actor.accountId === id && input.status === 'disabled') throw AppError.field('status', '不能停用本人账号');
  await withTransaction(ctx, async (tx) => {
    await identity.updateStaffAccount(tx, id, {
      name: input.name, phone: input.phone, roles: input.roles, regionCode: regionCode !== before.scope_region_code ? regionCode : input.regionCode,
      departmentId: input.departmentId, status: input.status,
    });
    if (input.windowId !== undefined || input.title !== undefined || windowDropped) {
      await repo.upsertPosition(tx.db, { accountId: id, windowId, title: input.title !== undefined ? input.title : (pos?.title ?? null) });
      await audit(tx, { action: 'org.staff.position', entityType: 'account', entityId: id, regionCode, before: pos ?? null, after: { windowId, title: input.title } });
    }
  });
  return getStaff(ctx, id);
}

/** Lift a staff member's lockout. */
export async function unlockStaff(ctx: Ctx, id: string): Promise<void> {
  await staffRow(ctx, id);
  await identity.unlockAccount(ctx, id);
}

/** Organisation counts per child region of `regionCode` (supervisors' overview). */
export async function orgStats(ctx: Ctx, regionCode: string | undefined) {
  const root = await getRegion(ctx, regionCode ?? (ctx.actor.type === 'account' && ctx.actor.scope ? ctx.actor.scope.regionCode : HOME_CITY));
  assertInScope(ctx, root.code);
  const children = await repo.listRegionChildren(ctx.db, root.code);
  const rootPrefix = regionPrefix(root.code);
  const childLen = regionPrefix(children[0]?.code ?? root.code).length;
  const org = new Map((await repo.countOrgByRegionPrefix(ctx.db, rootPrefix, childLen)).map((r) => [r.prefix, r]));
  const accounts = await identity.countAccountsByRegion(ctx, rootPrefix, childLen);
  const items = children.map((c) => {
    const p = regionPrefix(c.code);
    const o = org.get(p);
    const a = accounts.get(p);
    return { regionCode: c.code, regionName: c.name, departments: o?.departments ?? 0, windows: o?.windows ?? 0, staff: a?.staff ?? 0, citizens: a?.citizen ?? 0, enterprises: a?.enterprise ?? 0 };
  });
  // The root's own bodies (e.g. city bureaus) count in the totals but belong to no child.
  const own = { departments: 0, windows: 0, staff: 0, citizens: 0, enterprises: 0 };
  const ownOrg = await repo.countOrgByRegionPrefix(ctx.db, rootPrefix, 12);
  for (const r of ownOrg) if (r.prefix === root.code) { own.departments += r.departments; own.windows += r.windows; }
  const ownAcc = (await identity.countAccountsByRegion(ctx, rootPrefix, 12)).get(root.code);
  if (ownAcc) { own.staff += ownAcc.staff; own.citizens += ownAcc.citizen; own.enterprises += ownAcc.enterprise; }
  const totals = items.reduce(
    (t, i) => ({ departments: t.departments + i.departments, windows: t.windows + i.windows, staff: t.staff + i.staff, citizens: t.citizens + i.citizens, enterprises: t.enterprises + i.enterprises }),
    own,
  );
  return { region: { code: root.code, name: root.name, level: root.level }, items, totals };
}
