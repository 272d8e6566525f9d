import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db.ts';

/** One implementation for the statistics: status, open version, department kind and its guide in force. */
export interface StatRow {
  id: string;
  status: 'draft' | 'published' | 'cancelled';
  region_code: string;
  region_name: string;
  basic_code: string;
  base_name: string;
  department_kind: string;
  department_id: string;
  /** The published guide in force, null when none. */
  content: unknown;
  /** Status of the open version (at most one per implementation), if any. */
  open_status: 'draft' | 'in_review' | null;
}

/** Every implementation in a region subtree (optionally of one department). */
export function implementationsForStats(db: Db, f: { regionPrefix: string; departmentId?: string }): Promise<StatRow[]> {
  const where: SQL[] = [sql`i.region_code like ${f.regionPrefix + '%'}`];
  if (f.departmentId) where.push(sql`i.department_id = ${f.departmentId}`);
  return rows(db, sql`select i.id, i.status, i.region_code, r.name as region_name, b.basic_code, b.name as base_name, coalesce(d.short_name, d.name) as department_kind,
      i.department_id, case when v.status = 'published' then v.content end as content,
      (select o.status from catalog_versions o where o.implementation_id = i.id and o.status in ('draft', 'in_review') limit 1) as open_status
    from catalog_implementations i join catalog_base_items b on b.id = i.base_item_id join departments d on d.id = i.department_id
      join regions r on r.code = i.region_code left join catalog_versions v on v.id = i.current_version_id
    where ${sql.join(where, sql` and `)} order by i.region_code, b.basic_code`);
}
