import { sql, type SQL } from 'drizzle-orm';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import type { ImplementationRow } from './repo.ts';

/** A published implementation with its guide in force, as exported. */
export interface ExportRow {
  implementation_id: string;
  implementation_code: string;
  basic_code: string;
  region_code: string;
  region_name: string;
  department_name: string;
  level: number;
  version: number;
  content: unknown;
}

/** Published implementations in a region subtree (optionally one department, optionally matching a tsquery), in a stable order. */
export function exportRows(db: Db, f: { regionPrefix: string; departmentId?: string; tsquery?: string; limit: number }): Promise<ExportRow[]> {
  const where: SQL[] = [sql`i.status = 'published'`, sql`v.status = 'published'`, sql`i.region_code like ${f.regionPrefix + '%'}`];
  if (f.departmentId) where.push(sql`i.department_id = ${f.departmentId}`);
  if (f.tsquery) where.push(sql`v.search @@ ${f.tsquery}::tsquery`);
  return rows(db, sql`select i.id as implementation_id, i.implementation_code, b.basic_code, i.region_code, r.name as region_name,
      d.name as department_name, i.level, v.version, v.content
    from catalog_implementations i join catalog_versions v on v.id = i.current_version_id join catalog_base_items b on b.id = i.base_item_id
      join departments d on d.id = i.department_id join regions r on r.code = i.region_code
    where ${sql.join(where, sql` and `)}
    order by i.region_code, d.name, b.basic_code limit ${f.limit}`);
}

/** An implementation looked up by code for an import: its version in force and its open draft, if any. */
export interface ImportTargetRow extends ImplementationRow {
  current_version: number | null;
  current_content: unknown;
  open_version: number | null;
}

/** Implementations by implementation code (one query for the whole workbook). */
export function implementationsByCode(db: Db, codes: string[]): Promise<ImportTargetRow[]> {
  return rows(db, sql`select i.id, i.base_item_id, b.basic_code, i.implementation_code, i.department_id, d.name as department_name, i.region_code,
      r.name as region_name, i.level, i.status, i.current_version_id, i.successor_id, i.ended_by, i.updated_at,
      cv.version as current_version, cv.content as current_content,
      (select o.version from catalog_versions o where o.implementation_id = i.id and o.status in ('draft', 'in_review')) as open_version
    from catalog_implementations i join catalog_base_items b on b.id = i.base_item_id join departments d on d.id = i.department_id
      join regions r on r.code = i.region_code left join catalog_versions cv on cv.id = i.current_version_id
    where i.implementation_code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`);
}

/** An import job row. */
export interface ImportRow {
  id: string;
  account_id: string;
  region_code: string;
  file_name: string | null;
  status: 'parsing' | 'validating' | 'applying' | 'done' | 'failed';
  processed: number;
  total: number;
  errors: unknown;
  drafts: unknown;
  unchanged: number;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** Record a new import job; returns its id. */
export async function insertImport(db: Db, i: { accountId: string; regionCode: string; fileName: string | null; sha256: string; bytes: number; total: number }): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into catalog_imports (account_id, region_code, file_name, file_sha256, file_bytes, total)
    values (${i.accountId}, ${i.regionCode}, ${i.fileName}, ${i.sha256}, ${i.bytes}, ${i.total}) returning id`);
  if (!r) throw new Error('insert into catalog_imports returned no row');
  return r.id;
}

/** Move a job to a phase and record its progress. */
export async function setImportProgress(db: Db, id: string, p: { status: ImportRow['status']; processed: number }): Promise<void> {
  await db.execute(sql`update catalog_imports set status = ${p.status}, processed = ${p.processed}, updated_at = now() where id = ${id}`);
}

/** Record a job's outcome. */
export async function finishImport(db: Db, id: string, r: { status: 'done' | 'failed'; errors: unknown[]; drafts: unknown[]; unchanged: number }): Promise<void> {
  await db.execute(sql`update catalog_imports set status = ${r.status}, errors = ${JSON.stringify(r.errors)}::jsonb, drafts = ${JSON.stringify(r.drafts)}::jsonb,
    unchanged = ${r.unchanged}, updated_at = now(), finished_at = now() where id = ${id}`);
}

/** Find an import job. */
export function findImport(db: Db, id: string): Promise<ImportRow | undefined> {
  return firstRow(db, sql`select id, account_id, region_code, file_name, status, processed, total, errors, drafts, unchanged, created_at, updated_at, finished_at
    from catalog_imports where id = ${id}`);
}
