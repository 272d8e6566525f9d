import { sql, type SQL } from 'drizzle-orm';
import { firstRow, rows, type Db } from '../../platform/db.ts';

/** A life event (一件事) with the name of its defining region. */
export interface LifeEventRow {
  id: string;
  code: string;
  name: string;
  audience: 'person' | 'legal_person';
  description: string;
  icon: string;
  region_code: string;
  region_name: string;
  status: 'draft' | 'published';
  published_at: Date | null;
  updated_at: Date;
}

/** A member item of a life event. */
export interface LifeEventMemberRow {
  life_event_id: string;
  position: number;
  base_item_id: string;
  basic_code: string;
  name: string;
  item_type: string;
  note: string | null;
}

const SELECT_EVENT = sql`select e.id, e.code, e.name, e.audience, e.description, e.icon, e.region_code, r.name as region_name, e.status,
  e.published_at, e.updated_at from catalog_life_events e join regions r on r.code = e.region_code`;

/** Find a life event by its code. */
export function findLifeEvent(db: Db, code: string): Promise<LifeEventRow | undefined> {
  return firstRow(db, sql`${SELECT_EVENT} where e.code = ${code}`);
}

/** Life events filtered by defining regions (exact codes) or a region prefix, status and audience, by name. */
export function listLifeEvents(
  db: Db,
  f: { regionCodes?: string[]; regionPrefix?: string; status?: 'published'; audience?: 'person' | 'legal_person' },
): Promise<LifeEventRow[]> {
  const where: SQL[] = [sql`true`];
  if (f.regionCodes) where.push(f.regionCodes.length > 0 ? sql`e.region_code in (${sql.join(f.regionCodes.map((c) => sql`${c}`), sql`, `)})` : sql`false`);
  if (f.regionPrefix !== undefined) where.push(sql`e.region_code like ${f.regionPrefix + '%'}`);
  if (f.status) where.push(sql`e.status = ${f.status}`);
  if (f.audience) where.push(sql`e.audience = ${f.audience}`);
  return rows(db, sql`${SELECT_EVENT} where ${sql.join(where, sql` and `)} order by e.name, e.code`);
}

/** The members of some life events, in order. */
export function listMembers(db: Db, lifeEventIds: string[]): Promise<LifeEventMemberRow[]> {
  if (lifeEventIds.length === 0) return Promise.resolve([]);
  return rows(db, sql`select m.life_event_id, m.position, m.base_item_id, b.basic_code, b.name, b.item_type, m.note
    from catalog_life_event_members m join catalog_base_items b on b.id = m.base_item_id
    where m.life_event_id in (${sql.join(lifeEventIds.map((id) => sql`${id}`), sql`, `)}) order by m.life_event_id, m.position`);
}

/** Base items by basic code. */
export function findBaseItems(db: Db, basicCodes: string[]): Promise<{ id: string; basic_code: string }[]> {
  if (basicCodes.length === 0) return Promise.resolve([]);
  return rows(db, sql`select id, basic_code from catalog_base_items where basic_code in (${sql.join(basicCodes.map((c) => sql`${c}`), sql`, `)})`);
}

/** Insert a draft life event; returns its id. */
export async function insertLifeEvent(
  db: Db,
  e: { code: string; name: string; audience: string; description: string; icon: string; regionCode: string; createdBy: string | null },
): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into catalog_life_events (code, name, audience, description, icon, region_code, created_by)
    values (${e.code}, ${e.name}, ${e.audience}, ${e.description}, ${e.icon}, ${e.regionCode}, ${e.createdBy}) returning id`);
  if (!r) throw new Error('insert into catalog_life_events returned no row');
  return r.id;
}

/** Update a life event's fields. */
export async function updateLifeEvent(db: Db, id: string, e: { name: string; audience: string; description: string; icon: string }): Promise<void> {
  await db.execute(sql`update catalog_life_events set name = ${e.name}, audience = ${e.audience}, description = ${e.description}, icon = ${e.icon},
    updated_at = now() where id = ${id}`);
}

/** Replace the members of a life event (in the caller's transaction). */
export async function replaceMembers(db: Db, id: string, members: { baseItemId: string; note: string | null }[]): Promise<void> {
  await db.execute(sql`delete from catalog_life_event_members where life_event_id = ${id}`);
  for (const [i, m] of members.entries()) {
    await db.execute(sql`insert into catalog_life_event_members (life_event_id, position, base_item_id, note) values (${id}, ${i + 1}, ${m.baseItemId}, ${m.note})`);
  }
}

/** Publish or withdraw a life event. */
export async function setLifeEventStatus(db: Db, id: string, status: 'draft' | 'published'): Promise<void> {
  await db.execute(sql`update catalog_life_events set status = ${status},
    published_at = case when ${status} = 'published' then now() else published_at end, updated_at = now() where id = ${id}`);
}

/** A published implementation of a base item in one of some regions, with its guide in force. */
export interface PublishedImplementationRow {
  base_item_id: string;
  implementation_id: string;
  version_id: string;
  version: number;
  region_code: string;
  region_name: string;
  department_name: string;
  content: unknown;
}

/** The published implementations of some base items in the given regions (exact codes). */
export function publishedInRegions(db: Db, baseItemIds: string[], regionCodes: string[]): Promise<PublishedImplementationRow[]> {
  if (baseItemIds.length === 0 || regionCodes.length === 0) return Promise.resolve([]);
  return rows(db, sql`select i.base_item_id, i.id as implementation_id, v.id as version_id, v.version, i.region_code, r.name as region_name,
      d.name as department_name, v.content
    from catalog_implementations i join catalog_versions v on v.id = i.current_version_id join regions r on r.code = i.region_code
      join departments d on d.id = i.department_id
    where i.status = 'published' and v.status = 'published'
      and i.base_item_id in (${sql.join(baseItemIds.map((id) => sql`${id}`), sql`, `)})
      and i.region_code in (${sql.join(regionCodes.map((c) => sql`${c}`), sql`, `)})
    order by i.region_code desc, d.name`);
}

/** Which of some base items have a published implementation somewhere in a region subtree. */
export async function publishedBaseItemsUnder(db: Db, regionPrefix: string, baseItemIds: string[]): Promise<string[]> {
  if (baseItemIds.length === 0) return [];
  const found = await rows<{ base_item_id: string }>(db, sql`select distinct base_item_id from catalog_implementations
    where status = 'published' and region_code like ${regionPrefix + '%'} and base_item_id in (${sql.join(baseItemIds.map((id) => sql`${id}`), sql`, `)})`);
  return found.map((r) => r.base_item_id);
}
