import { sql } from 'drizzle-orm';
import type { DepartmentLevel, WindowKind } from '../../../common/enums.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A region with its child count. */
export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  child_count: number;
}

const SELECT_REGION = sql`select r.code, r.name, r.level, r.parent_code,
  (select count(*)::int from regions c where c.parent_code = r.code) as child_count from regions r`;

/** Find a region by code. */
export function findRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  return firstRow<RegionRow>(db, sql`${SELECT_REGION} where r.code = ${code}`);
}

/** Children of a region (or the roots), ordered by code. */
export function listRegionChildren(db: Db, parent: string | null): Promise<RegionRow[]> {
  return rows<RegionRow>(db, parent === null ? sql`${SELECT_REGION} where r.parent_code is null order by r.code` : sql`${SELECT_REGION} where r.parent_code = ${parent} order by r.code`);
}

/** Regions whose name contains the text, shallow levels first. */
export function searchRegions(db: Db, q: string, limit: number): Promise<RegionRow[]> {
  return rows<RegionRow>(db, sql`${SELECT_REGION} where r.name like ${'%' + q + '%'} order by r.level, r.code limit ${limit}`);
}

/** Ancestors of a region from the root down, excluding the region itself. */
export function regionAncestors(db: Db, code: string): Promise<{ code: string; name: string; level: number }[]> {
  return rows(db, sql`with recursive up as (
      select code, name, level, parent_code from regions where code = (select parent_code from regions where code = ${code})
      union all select r.code, r.name, r.level, r.parent_code from regions r join up on r.code = up.parent_code)
    select code, name, level from up order by level`);
}

/** Insert a region. */
export async function insertRegion(db: Db, r: { code: string; name: string; level: number; parentCode: string | null }): Promise<void> {
  await db.execute(sql`insert into regions (code, name, level, parent_code) values (${r.code}, ${r.name}, ${r.level}, ${r.parentCode})`);
}

/** Insert many regions in one statement per chunk (seed). Parents must come before children. */
export async function insertRegions(db: Db, list: { code: string; name: string; level: number; parentCode: string | null }[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    await db.execute(sql`insert into regions (code, name, level, parent_code) values
      ${sql.join(chunk.map((r) => sql`(${r.code}, ${r.name}, ${r.level}, ${r.parentCode})`), sql`, `)} on conflict (code) do nothing`);
  }
}

/** Rename a region. */
export async function renameRegion(db: Db, code: string, name: string): Promise<void> {
  await db.execute(sql`update regions set name = ${name}, updated_at = now() where code = ${code}`);
}

/** Names of the given regions. */
export async function regionNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const r = await rows<{ code: string; name: string }>(db, sql`select code, name from regions where code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
  return new Map(r.map((x) => [x.code, x.name]));
}

/** A department with its region name. */
export interface DepartmentRow {
  id: string;
  name: string;
  short_name: string | null;
  credit_code: string | null;
  level: DepartmentLevel;
  region_code: string;
  region_name: string;
  parent_id: string | null;
  phone: string | null;
  address: string | null;
  active: boolean;
  /** 部门负责人 (a staff account) and their display name. */
  head_account_id: string | null;
  head_name: string | null;
}

const SELECT_DEPARTMENT = sql`select d.id, d.name, d.short_name, d.credit_code, d.level, d.region_code, r.name as region_name,
  d.parent_id, d.phone, d.address, d.active, d.head_account_id, h.display_name as head_name
  from departments d join regions r on r.code = d.region_code left join accounts h on h.id = d.head_account_id`;

/** Find a department. */
export function findDepartment(db: Db, id: string): Promise<DepartmentRow | undefined> {
  return firstRow<DepartmentRow>(db, sql`${SELECT_DEPARTMENT} where d.id = ${id}`);
}

/** Departments under a region prefix. */
export function listDepartments(db: Db, f: { regionPrefix: string; q?: string; includeInactive: boolean }): Promise<DepartmentRow[]> {
  const where = [sql`d.region_code like ${f.regionPrefix + '%'}`];
  if (f.q) where.push(sql`(d.name like ${'%' + f.q + '%'} or d.short_name like ${'%' + f.q + '%'})`);
  if (!f.includeInactive) where.push(sql`d.active`);
  return rows<DepartmentRow>(db, sql`${SELECT_DEPARTMENT} where ${sql.join(where, sql` and `)} order by d.region_code, d.name`);
}

/** Columns of a department. */
export interface DepartmentInput {
  name: string;
  shortName: string | null;
  creditCode: string | null;
  level: DepartmentLevel;
  regionCode: string;
  parentId: string | null;
  phone: string | null;
  address: string | null;
  headAccountId?: string | null;
}

/** Insert a department; returns its id. */
export async function insertDepartment(db: Db, d: DepartmentInput): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into departments (name, short_name, credit_code, level, region_code, parent_id, phone, address, head_account_id)
    values (${d.name}, ${d.shortName}, ${d.creditCode}, ${d.level}, ${d.regionCode}, ${d.parentId}, ${d.phone}, ${d.address}, ${d.headAccountId ?? null}) returning id`);
  if (!r) throw new Error('insert into departments returned no row');
  return r.id;
}

/** Update a department. */
export async function updateDepartment(db: Db, id: string, d: Partial<Omit<DepartmentInput, 'regionCode' | 'level'>> & { active?: boolean }): Promise<void> {
  const sets = [sql`updated_at = now()`];
  if (d.name !== undefined) sets.push(sql`name = ${d.name}`);
  if (d.shortName !== undefined) sets.push(sql`short_name = ${d.shortName}`);
  if (d.creditCode !== undefined) sets.push(sql`credit_code = ${d.creditCode}`);
  if (d.parentId !== undefined) sets.push(sql`parent_id = ${d.parentId}`);
  if (d.phone !== undefined) sets.push(sql`phone = ${d.phone}`);
  if (d.address !== undefined) sets.push(sql`address = ${d.address}`);
  if (d.active !== undefined) sets.push(sql`active = ${d.active}`);
  if (d.headAccountId !== undefined) sets.push(sql`head_account_id = ${d.headAccountId}`);
  await db.execute(sql`update departments set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

/** The head of a department while they are a live staff account of it (moved away, disabled or deregistered: none). */
export function findDepartmentHead(db: Db, departmentId: string): Promise<{ id: string; name: string } | undefined> {
  return firstRow(db, sql`select a.id, a.display_name as name from departments d join accounts a on a.id = d.head_account_id
    where d.id = ${departmentId} and a.kind = 'staff' and a.scope_department_id = d.id and a.status in ('active', 'locked')`);
}

/** Find a department by region and name (uniqueness check). */
export function findDepartmentByName(db: Db, regionCode: string, name: string): Promise<{ id: string } | undefined> {
  return firstRow(db, sql`select id from departments where region_code = ${regionCode} and name = ${name}`);
}

/** The active department of a region known by a name: its short name (市场监管局), full name, or region name + name. */
export function findDepartmentByAnyName(db: Db, regionCode: string, name: string): Promise<DepartmentRow | undefined> {
  return firstRow<DepartmentRow>(db, sql`${SELECT_DEPARTMENT} where d.region_code = ${regionCode} and d.active
    and (d.short_name = ${name} or d.name = ${name} or d.name = r.name || ${name}) order by (d.short_name = ${name}) desc nulls last limit 1`);
}

/** Find a department by its credit code (uniqueness check: the column has a unique index). */
export function findDepartmentByCreditCode(db: Db, creditCode: string): Promise<{ id: string } | undefined> {
  return firstRow(db, sql`select id from departments where credit_code = ${creditCode}`);
}

/** Ids of a department and all its parents up the chain (union stops on a cycle already stored). */
export async function departmentLineage(db: Db, id: string): Promise<string[]> {
  const r = await rows<{ id: string }>(db, sql`with recursive up (id, parent_id) as (
      select id, parent_id from departments where id = ${id}
      union select d.id, d.parent_id from departments d join up on d.id = up.parent_id)
    select id from up`);
  return r.map((x) => x.id);
}

/** A window with names of its region and department. */
export interface WindowRow {
  id: string;
  name: string;
  number: string;
  kind: WindowKind;
  hall: string;
  region_code: string;
  region_name: string;
  department_id: string | null;
  department_name: string | null;
  active: boolean;
}

const SELECT_WINDOW = sql`select w.id, w.name, w.number, w.kind, w.hall, w.region_code, r.name as region_name, w.department_id,
  d.name as department_name, w.active from service_windows w join regions r on r.code = w.region_code left join departments d on d.id = w.department_id`;

/** Find a window. */
export function findWindow(db: Db, id: string): Promise<WindowRow | undefined> {
  return firstRow<WindowRow>(db, sql`${SELECT_WINDOW} where w.id = ${id}`);
}

/** Windows under a region prefix, optionally of one department. */
export function listWindows(db: Db, f: { regionPrefix: string; departmentId?: string }): Promise<WindowRow[]> {
  const where = [sql`w.region_code like ${f.regionPrefix + '%'}`];
  if (f.departmentId) where.push(sql`w.department_id = ${f.departmentId}`);
  return rows<WindowRow>(db, sql`${SELECT_WINDOW} where ${sql.join(where, sql` and `)} order by w.region_code, w.hall, w.number`);
}

/** Columns of a window. */
export interface WindowInput {
  name: string;
  number: string;
  kind: WindowKind;
  hall: string;
  regionCode: string;
  departmentId: string | null;
}

/** Insert a window; returns its id. */
export async function insertWindow(db: Db, w: WindowInput): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into service_windows (name, number, kind, hall, region_code, department_id)
    values (${w.name}, ${w.number}, ${w.kind}, ${w.hall}, ${w.regionCode}, ${w.departmentId}) returning id`);
  if (!r) throw new Error('insert into service_windows returned no row');
  return r.id;
}

/** Update a window. */
export async function updateWindow(db: Db, id: string, w: Partial<Omit<WindowInput, 'regionCode'>> & { active?: boolean }): Promise<void> {
  const sets = [sql`updated_at = now()`];
  if (w.name !== undefined) sets.push(sql`name = ${w.name}`);
  if (w.number !== undefined) sets.push(sql`number = ${w.number}`);
  if (w.kind !== undefined) sets.push(sql`kind = ${w.kind}`);
  if (w.hall !== undefined) sets.push(sql`hall = ${w.hall}`);
  if (w.departmentId !== undefined) sets.push(sql`department_id = ${w.departmentId}`);
  if (w.active !== undefined) sets.push(sql`active = ${w.active}`);
  await db.execute(sql`update service_windows set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

/** Find a window by hall and number in a region (uniqueness check). */
export function findWindowByNumber(db: Db, regionCode: string, hall: string, number: string): Promise<{ id: string } | undefined> {
  return firstRow(db, sql`select id from service_windows where region_code = ${regionCode} and hall = ${hall} and number = ${number}`);
}

/** A staff position. */
export interface PositionRow {
  account_id: string;
  window_id: string | null;
  title: string | null;
}

/** Positions of the given staff accounts. */
export async function positionsOf(db: Db, accountIds: string[]): Promise<Map<string, PositionRow>> {
  if (accountIds.length === 0) return new Map();
  const r = await rows<PositionRow>(db, sql`select account_id, window_id, title from staff_positions
    where account_id in (${sql.join(accountIds.map((id) => sql`${id}`), sql`, `)})`);
  return new Map(r.map((p) => [p.account_id, p]));
}

/** Insert or replace a staff position. */
export async function upsertPosition(db: Db, p: { accountId: string; windowId: string | null; title: string | null }): Promise<void> {
  await db.execute(sql`insert into staff_positions (account_id, window_id, title) values (${p.accountId}, ${p.windowId}, ${p.title})
    on conflict (account_id) do update set window_id = excluded.window_id, title = excluded.title, updated_at = now()`);
}

/** Department names by id. */
export async function departmentNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await rows<{ id: string; name: string }>(db, sql`select id, name from departments where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  return new Map(r.map((x) => [x.id, x.name]));
}

/** Counts of active departments and windows per region prefix of a given length under a root. */
export async function countOrgByRegionPrefix(db: Db, rootPrefix: string, prefixLength: number): Promise<{ prefix: string; departments: number; windows: number }[]> {
  return rows(db, sql`select prefix, sum(d)::int as departments, sum(w)::int as windows from (
      select substr(region_code, 1, ${prefixLength}) as prefix, 1 as d, 0 as w from departments where active and region_code like ${rootPrefix + '%'}
      union all
      select substr(region_code, 1, ${prefixLength}), 0, 1 from service_windows where active and region_code like ${rootPrefix + '%'}) x
    group by prefix`);
}
