import { sql, type SQL } from 'drizzle-orm';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A base item. */
export interface BaseItemRow {
  id: string;
  basic_code: string;
  name: string;
  item_type: string;
}

/** An implementation with its department and region names. */
export interface ImplementationRow {
  id: string;
  base_item_id: string;
  basic_code: string;
  implementation_code: string;
  department_id: string;
  department_name: string;
  region_code: string;
  region_name: string;
  level: number;
  status: 'draft' | 'published' | 'cancelled';
  current_version_id: string | null;
  /** The implementation that took over after a delegation or merge. */
  successor_id: string | null;
  ended_by: 'cancel' | 'delegate' | 'merge' | null;
  updated_at: Date;
}

/** A version of an implementation's guide. */
export interface VersionRow {
  id: string;
  implementation_id: string;
  version: number;
  status: 'draft' | 'in_review' | 'published' | 'superseded' | 'cancelled';
  operation: 'add' | 'change' | 'cancel' | 'delegate' | 'merge';
  content: unknown;
  /** Parameters of a delegation or merge. */
  operation_detail: unknown;
  change_note: string | null;
  author_id: string;
  submitted_at: Date | null;
  reviewer_id: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  published_at: Date | null;
  created_at: Date;
}

/** Find a base item by its basic code. */
export function findBaseItem(db: Db, basicCode: string): Promise<BaseItemRow | undefined> {
  return firstRow(db, sql`select id, basic_code, name, item_type from catalog_base_items where basic_code = ${basicCode}`);
}

/** Insert a base item; returns its id. */
export async function insertBaseItem(db: Db, b: { basicCode: string; name: string; itemType: string }): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into catalog_base_items (basic_code, name, item_type) values (${b.basicCode}, ${b.name}, ${b.itemType}) returning id`);
  if (!r) throw new Error('insert into catalog_base_items returned no row');
  return r.id;
}

const SELECT_IMPL = sql`select i.id, i.base_item_id, b.basic_code, i.implementation_code, i.department_id, d.name as department_name, i.region_code,
  r.name as region_name, i.level, i.status, i.current_version_id, i.successor_id, i.ended_by, i.updated_at
  from catalog_implementations i join catalog_base_items b on b.id = i.base_item_id join departments d on d.id = i.department_id
  join regions r on r.code = i.region_code`;

/** Find an implementation. */
export function findImplementation(db: Db, id: string): Promise<ImplementationRow | undefined> {
  return firstRow(db, sql`${SELECT_IMPL} where i.id = ${id}`);
}

/** Find the implementation of a base item by a department. */
export function findImplementationOf(db: Db, baseItemId: string, departmentId: string): Promise<{ id: string } | undefined> {
  return firstRow(db, sql`select id from catalog_implementations where base_item_id = ${baseItemId} and department_id = ${departmentId}`);
}

/** Insert an implementation; returns its id. */
export async function insertImplementation(db: Db, i: { baseItemId: string; code: string; departmentId: string; regionCode: string; level: number }): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into catalog_implementations (base_item_id, implementation_code, department_id, region_code, level)
    values (${i.baseItemId}, ${i.code}, ${i.departmentId}, ${i.regionCode}, ${i.level}) returning id`);
  if (!r) throw new Error('insert into catalog_implementations returned no row');
  return r.id;
}

/** Point an implementation at its version in force. */
export async function setCurrentVersion(db: Db, id: string, versionId: string, status: 'published' | 'cancelled'): Promise<void> {
  await db.execute(sql`update catalog_implementations set current_version_id = ${versionId}, status = ${status}, updated_at = now() where id = ${id}`);
}

/** Record how an implementation ended and which one took over. */
export async function markEnded(db: Db, id: string, endedBy: 'cancel' | 'delegate' | 'merge', successorId: string | null): Promise<void> {
  await db.execute(sql`update catalog_implementations set ended_by = ${endedBy}, successor_id = ${successorId}, updated_at = now() where id = ${id}`);
}

/** Delete a never-published implementation (its only draft was abandoned). */
export async function deleteUnpublishedImplementation(db: Db, id: string): Promise<void> {
  await db.execute(sql`delete from catalog_implementations where id = ${id} and status = 'draft' and current_version_id is null`);
}

/** Delete an open draft. */
export async function deleteDraft(db: Db, id: string): Promise<void> {
  await db.execute(sql`delete from catalog_versions where id = ${id} and status in ('draft', 'in_review')`);
}

/** Open merge drafts that would absorb an implementation. */
export function openMergesAbsorbing(db: Db, implementationId: string): Promise<{ id: string; implementation_id: string }[]> {
  return rows(db, sql`select id, implementation_id from catalog_versions where status in ('draft', 'in_review') and operation = 'merge'
    and operation_detail -> 'mergedImplementationIds' ? ${implementationId}`);
}

/** A draft or version under review, with where it belongs. */
export interface DraftRow extends VersionRow {
  region_code: string;
  region_name: string;
  department_name: string;
  implementation_code: string;
  updated_at: Date;
}

/** Open drafts (draft and in review) in a region subtree, most recently touched first. */
export function listDrafts(db: Db, f: { regionPrefix: string; status?: 'draft' | 'in_review' }): Promise<DraftRow[]> {
  const status = f.status ? sql`v.status = ${f.status}` : sql`v.status in ('draft', 'in_review')`;
  return rows(db, sql`select v.id, v.implementation_id, v.version, v.status, v.operation, v.content, v.operation_detail, v.change_note, v.author_id,
      v.submitted_at, v.reviewer_id, v.reviewed_at, v.review_comment, v.published_at, v.created_at, v.updated_at, i.region_code, r.name as region_name,
      d.name as department_name, i.implementation_code
    from catalog_versions v join catalog_implementations i on i.id = v.implementation_id join regions r on r.code = i.region_code
      join departments d on d.id = i.department_id
    where ${status} and i.region_code like ${f.regionPrefix + '%'} order by v.updated_at desc limit 500`);
}

const SELECT_VERSION = sql`select id, implementation_id, version, status, operation, content, operation_detail, change_note, author_id, submitted_at, reviewer_id,
  reviewed_at, review_comment, published_at, created_at from catalog_versions`;

/** Find a version. */
export function findVersion(db: Db, id: string): Promise<VersionRow | undefined> {
  return firstRow(db, sql`${SELECT_VERSION} where id = ${id}`);
}

/** The open draft (draft or in review) of an implementation, if any. */
export function findOpenVersion(db: Db, implementationId: string): Promise<VersionRow | undefined> {
  return firstRow(db, sql`${SELECT_VERSION} where implementation_id = ${implementationId} and status in ('draft', 'in_review')`);
}

/** Every version of an implementation, newest first. */
export function listVersions(db: Db, implementationId: string): Promise<VersionRow[]> {
  return rows(db, sql`${SELECT_VERSION} where implementation_id = ${implementationId} order by version desc`);
}

/** The last version in force before `version` (published or superseded). */
export function previousPublished(db: Db, implementationId: string, version: number): Promise<VersionRow | undefined> {
  return firstRow(db, sql`${SELECT_VERSION} where implementation_id = ${implementationId} and version < ${version}
    and status in ('published', 'superseded') order by version desc limit 1`);
}

/** Insert a version; returns its id. */
export async function insertVersion(
  db: Db,
  v: { implementationId: string; operation: VersionRow['operation']; content: unknown; changeNote: string | null; authorId: string; detail?: unknown },
): Promise<string> {
  const detail = v.detail === undefined ? null : JSON.stringify(v.detail);
  const r = await firstRow<{ id: string }>(db, sql`insert into catalog_versions (implementation_id, version, status, operation, content, operation_detail, change_note, author_id)
    values (${v.implementationId}, (select coalesce(max(version), 0) + 1 from catalog_versions where implementation_id = ${v.implementationId}),
      'draft', ${v.operation}, ${JSON.stringify(v.content)}::jsonb, ${detail}::jsonb, ${v.changeNote}, ${v.authorId}) returning id`);
  if (!r) throw new Error('insert into catalog_versions returned no row');
  return r.id;
}

/** Replace a draft's content. */
export async function updateDraft(db: Db, id: string, content: unknown, changeNote: string | null): Promise<void> {
  await db.execute(sql`update catalog_versions set content = ${JSON.stringify(content)}::jsonb, change_note = ${changeNote}, updated_at = now() where id = ${id}`);
}

/** Move a version to review. */
export async function markSubmitted(db: Db, id: string): Promise<void> {
  await db.execute(sql`update catalog_versions set status = 'in_review', submitted_at = now(), review_comment = null, updated_at = now() where id = ${id}`);
}

/** Record a review decision and the new status. */
export async function markReviewed(db: Db, id: string, r: { status: VersionRow['status']; reviewerId: string; comment: string | null; search: string | null }): Promise<void> {
  await db.execute(sql`update catalog_versions set status = ${r.status}, reviewer_id = ${r.reviewerId}, reviewed_at = now(), review_comment = ${r.comment},
    published_at = case when ${r.status} in ('published', 'cancelled') then now() else published_at end,
    search = ${r.search}::tsvector, updated_at = now() where id = ${id}`);
}

/** Mark the version in force superseded. */
export async function supersede(db: Db, id: string): Promise<void> {
  await db.execute(sql`update catalog_versions set status = 'superseded', updated_at = now() where id = ${id} and status = 'published'`);
}

/** A search hit: the implementation in force and its guide. */
export interface SearchRow {
  implementation_id: string;
  version_id: string;
  version: number;
  basic_code: string;
  region_code: string;
  region_name: string;
  department_id: string;
  department_name: string;
  content: unknown;
  rank: number;
  /** Regions implementing the same base item (1 unless hits are grouped by base item). */
  region_count: number;
  total: number;
}

/** Filters of a catalog search. */
export interface SearchFilter {
  tsquery: string | null;
  regionPrefix: string;
  departmentId?: string;
  servesTo?: string;
  theme?: string;
  itemType?: string;
}

function searchWhere(f: SearchFilter, omit: 'department' | 'theme' | null = null): SQL {
  const where: SQL[] = [sql`v.status = 'published'`, sql`i.region_code like ${f.regionPrefix + '%'}`];
  if (f.tsquery) where.push(sql`v.search @@ ${f.tsquery}::tsquery`);
  if (f.departmentId && omit !== 'department') where.push(sql`i.department_id = ${f.departmentId}`);
  if (f.servesTo) where.push(sql`v.content -> 'servesTo' ? ${f.servesTo}`);
  if (f.theme && omit !== 'theme') where.push(sql`v.content -> 'themes' ? ${f.theme}`);
  if (f.itemType) where.push(sql`v.content ->> 'itemType' = ${f.itemType}`);
  return sql.join(where, sql` and `);
}

const SEARCH_FROM = sql`catalog_versions v join catalog_implementations i on i.id = v.implementation_id join catalog_base_items b on b.id = i.base_item_id
  join departments d on d.id = i.department_id join regions r on r.code = i.region_code`;

/** Published implementations matching a tsquery (or all, when null) and filters, best first. */
export function searchPublished(db: Db, f: SearchFilter & { limit: number; offset: number; distinctBase?: boolean }): Promise<SearchRow[]> {
  const rank = f.tsquery ? sql`ts_rank(v.search, ${f.tsquery}::tsquery)` : sql`0`;
  const columns = sql`i.id as implementation_id, v.id as version_id, v.version, b.basic_code, i.region_code, r.name as region_name,
      i.department_id, d.name as department_name, v.content, ${rank}::float8 as rank`;
  if (f.distinctBase) {
    // One hit per base item (its best-ranked implementation), with how many regions implement it:
    // across a whole city the same item would otherwise fill the page once per county.
    return rows(db, sql`select x.*, count(*) over ()::int as total from (
        select distinct on (b.basic_code) ${columns}, count(*) over (partition by b.basic_code)::int as region_count
        from ${SEARCH_FROM} where ${searchWhere(f)}
        order by b.basic_code, rank desc, i.region_code
      ) x order by x.rank desc, x.basic_code limit ${f.limit} offset ${f.offset}`);
  }
  return rows(db, sql`select ${columns}, 1 as region_count, count(*) over ()::int as total
    from ${SEARCH_FROM}
    where ${searchWhere(f)}
    order by rank desc, b.basic_code, i.region_code limit ${f.limit} offset ${f.offset}`);
}

/** The published implementations of one base item in every region (public: a citizen picks their county). */
export function implementationsOfBase(db: Db, basicCode: string): Promise<{ implementation_id: string; region_code: string; region_name: string; department_name: string }[]> {
  return rows(db, sql`select i.id as implementation_id, i.region_code, r.name as region_name, d.name as department_name
    from catalog_implementations i join catalog_base_items b on b.id = i.base_item_id join regions r on r.code = i.region_code
      join departments d on d.id = i.department_id
    where b.basic_code = ${basicCode} and i.status = 'published' order by i.region_code, d.name`);
}

/**
 * Facet counts beside a search: hits per department and per theme. Each facet ignores its own filter,
 * so a person who picked one department still sees how many hits the others have.
 */
export async function searchFacets(db: Db, f: SearchFilter): Promise<{ departments: { id: string; name: string; count: number }[]; themes: { name: string; count: number }[] }> {
  const departments = await rows<{ id: string; name: string; count: number }>(db, sql`select d.id, d.name, count(*)::int as count
    from ${SEARCH_FROM} where ${searchWhere(f, 'department')} group by d.id, d.name order by count desc, d.name limit 200`);
  const themes = await rows<{ name: string; count: number }>(db, sql`select t.name, count(*)::int as count
    from ${SEARCH_FROM} cross join lateral jsonb_array_elements_text(v.content -> 'themes') as t(name)
    where ${searchWhere(f, 'theme')} group by t.name order by count desc, t.name limit 100`);
  return { departments, themes };
}

/** Versions waiting for review in a region subtree. */
export function reviewQueue(db: Db, regionPrefix: string): Promise<(VersionRow & { region_name: string; department_name: string })[]> {
  return rows(db, sql`select v.id, v.implementation_id, v.version, v.status, v.operation, v.content, v.operation_detail, v.change_note, v.author_id, v.submitted_at,
      v.reviewer_id, v.reviewed_at, v.review_comment, v.published_at, v.created_at, r.name as region_name, d.name as department_name
    from catalog_versions v join catalog_implementations i on i.id = v.implementation_id join regions r on r.code = i.region_code
      join departments d on d.id = i.department_id
    where v.status = 'in_review' and i.region_code like ${regionPrefix + '%'} order by v.submitted_at`);
}

/** The guides in force of one base item in every region (for the comparison view). */
export function publishedOfBase(db: Db, basicCode: string): Promise<{ implementation_id: string; region_code: string; region_name: string; department_name: string; version: number; content: unknown }[]> {
  return rows(db, sql`select i.id as implementation_id, i.region_code, r.name as region_name, d.name as department_name, v.version, v.content
    from catalog_implementations i join catalog_base_items b on b.id = i.base_item_id join catalog_versions v on v.id = i.current_version_id
      join regions r on r.code = i.region_code join departments d on d.id = i.department_id
    where b.basic_code = ${basicCode} and v.status = 'published' order by i.region_code`);
}
