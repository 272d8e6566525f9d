import { sql, type SQL } from 'drizzle-orm';
import type { LicenseState } from '../../../common/schemas/licenses.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';

const jsonb = (v: unknown): SQL => sql`${JSON.stringify(v)}::jsonb`;

/** A license type row. */
export interface LicenseTypeRow {
  code: string;
  name: string;
  defining_body: string;
  holder_kind: 'person' | 'legal_person' | 'both';
  category: 'license' | 'certification';
  issuing_departments: string[];
  fields: { key: string; label: string; required: boolean; formKey?: string }[];
  validity: { kind: 'years'; years: number } | { kind: 'long_term' };
  number_prefix: string;
  template: { frameColor: string; printedTitle?: string };
  active: boolean;
  issued_count?: number | string;
}

/** List license types with how many licenses each has. */
export function listTypes(db: Db): Promise<LicenseTypeRow[]> {
  return rows<LicenseTypeRow>(db, sql`select t.*, (select count(*) from licenses l where l.type_code = t.code) as issued_count
    from license_types t order by t.code`);
}

/** Find a license type. */
export function findType(db: Db, code: string): Promise<LicenseTypeRow | undefined> {
  return firstRow<LicenseTypeRow>(db, sql`select t.*, (select count(*) from licenses l where l.type_code = t.code) as issued_count
    from license_types t where t.code = ${code}`);
}

/** The license types with these codes. */
export function typesByCode(db: Db, codes: string[]): Promise<LicenseTypeRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return rows<LicenseTypeRow>(db, sql`select * from license_types where code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
}

/** Whether a license number of a type is already in the registry (any version). */
export async function numberTaken(db: Db, typeCode: string, licenseNumber: string): Promise<boolean> {
  return (await firstRow(db, sql`select 1 from licenses where type_code = ${typeCode} and license_number = ${licenseNumber} limit 1`)) !== undefined;
}

/** Insert or replace a license type. */
export async function upsertType(db: Db, t: Omit<LicenseTypeRow, 'issued_count'>): Promise<void> {
  await db.execute(sql`insert into license_types (code, name, defining_body, holder_kind, category, issuing_departments, fields, validity, number_prefix, template, active)
    values (${t.code}, ${t.name}, ${t.defining_body}, ${t.holder_kind}, ${t.category}, ${jsonb(t.issuing_departments)}, ${jsonb(t.fields)}, ${jsonb(t.validity)}, ${t.number_prefix}, ${jsonb(t.template)}, ${t.active})
    on conflict (code) do update set name = excluded.name, defining_body = excluded.defining_body, holder_kind = excluded.holder_kind, category = excluded.category,
      issuing_departments = excluded.issuing_departments, fields = excluded.fields, validity = excluded.validity,
      number_prefix = excluded.number_prefix, template = excluded.template, active = excluded.active, updated_at = now()`);
}

/** An issuer key row. */
export interface KeyRow {
  id: string;
  issuer_code: string;
  issuer_name: string;
  origin: 'local' | 'trusted';
  trust_source: string | null;
  public_key: string;
  private_key_enc: string | null;
  status: 'active' | 'retired' | 'revoked';
  created_at: Date | string;
  retired_at: Date | string | null;
}

/** The active local key of an issuer. */
export function findActiveKey(db: Db, issuerCode: string): Promise<KeyRow | undefined> {
  return firstRow<KeyRow>(db, sql`select * from license_issuer_keys where issuer_code = ${issuerCode} and origin = 'local' and status = 'active'`);
}

/** A key by id. */
export function findKey(db: Db, id: string): Promise<KeyRow | undefined> {
  return firstRow<KeyRow>(db, sql`select * from license_issuer_keys where id = ${id}`);
}

/** Every key (local and trusted) that may have signed for an issuer, newest first. */
export function keysOfIssuer(db: Db, issuerCode: string): Promise<KeyRow[]> {
  return rows<KeyRow>(db, sql`select * from license_issuer_keys where issuer_code = ${issuerCode} and status <> 'revoked' order by created_at desc`);
}

/** All keys, for the console and the public trust list. */
export function listKeys(db: Db): Promise<KeyRow[]> {
  return rows<KeyRow>(db, sql`select * from license_issuer_keys order by issuer_code, created_at desc`);
}

/** Insert a key; a lost race for the one active local key of an issuer returns undefined. */
export function insertKey(db: Db, k: { issuerCode: string; issuerName: string; origin: 'local' | 'trusted'; trustSource: string | null; publicKey: string; privateKeyEnc: string | null }): Promise<KeyRow | undefined> {
  return firstRow<KeyRow>(db, sql`insert into license_issuer_keys (issuer_code, issuer_name, origin, trust_source, public_key, private_key_enc)
    values (${k.issuerCode}, ${k.issuerName}, ${k.origin}, ${k.trustSource}, ${k.publicKey}, ${k.privateKeyEnc})
    on conflict do nothing returning *`);
}

/** Retire the active local key of an issuer (it keeps verifying what it signed). */
export async function retireActiveKey(db: Db, issuerCode: string): Promise<void> {
  await db.execute(sql`update license_issuer_keys set status = 'retired', retired_at = now() where issuer_code = ${issuerCode} and origin = 'local' and status = 'active'`);
}

/** Draw the next serial of a type at an issuer in a year (one upsert: concurrent issues serialize on the row). */
export async function nextSerial(db: Db, typeCode: string, issuerCode: string, year: number): Promise<number> {
  const r = await firstRow<{ last_value: string | number }>(db, sql`insert into license_serials (type_code, issuer_code, year, last_value) values (${typeCode}, ${issuerCode}, ${year}, 1)
    on conflict (type_code, issuer_code, year) do update set last_value = license_serials.last_value + 1 returning last_value`);
  return Number(r?.last_value ?? 1);
}

/** A license row. */
export interface LicenseRow {
  id: string;
  identifier: string;
  license_number: string;
  type_code: string;
  type_name: string;
  type_template: { frameColor: string; printedTitle?: string };
  /** The printed title when it is not the type's name (result documents: 准予注销登记通知书 …). */
  title: string | null;
  version: number;
  state: LicenseState;
  holder_kind: 'person' | 'legal_person';
  holder_name: string;
  holder_code_enc: string;
  holder_code_hash: string;
  holder_code_masked: string;
  issuer_code: string;
  issuer_name: string;
  issuer_department_id: string | null;
  region_code: string;
  /** The data items (照面信息) in printed order, each with the label it was signed with. */
  data: { key: string; label: string; value: string }[];
  valid_from: string | Date;
  valid_until: string | Date | null;
  issued_at: Date | string;
  signature: string | null;
  key_id: string | null;
  signed_at: Date | string | null;
  source: 'case' | 'import';
  case_id: string | null;
  previous_id: string | null;
  next_id: string | null;
  ofd_file_id: string | null;
  pdf_file_id: string | null;
  state_reason: string | null;
  state_changed_at: Date | string;
}

const SELECT_LICENSE = sql`select l.*, t.name as type_name, t.template as type_template, (select n.id from licenses n where n.previous_id = l.id limit 1) as next_id
  from licenses l join license_types t on t.code = l.type_code`;

/** A license by id. */
export function findLicense(db: Db, id: string): Promise<LicenseRow | undefined> {
  return firstRow<LicenseRow>(db, sql`${SELECT_LICENSE} where l.id = ${id}`);
}

/** A license by id, locked for a state change. */
export function lockLicense(db: Db, id: string): Promise<LicenseRow | undefined> {
  return firstRow<LicenseRow>(db, sql`${SELECT_LICENSE} where l.id = ${id} for update of l`);
}

/** A license by its GB/T 36904 identifier. */
export function findByIdentifier(db: Db, identifier: string): Promise<LicenseRow | undefined> {
  return firstRow<LicenseRow>(db, sql`${SELECT_LICENSE} where l.identifier = ${identifier}`);
}

/** The license whose stored PDF has this SM3 hash (an uploaded PDF is checked byte for byte). */
export function findLicenseByDocumentHash(db: Db, hash: string): Promise<LicenseRow | undefined> {
  return firstRow<LicenseRow>(db, sql`${SELECT_LICENSE} join files f on f.id = l.pdf_file_id where f.hash = ${hash} order by l.version desc limit 1`);
}

/** The license issued for a case, if any. */
export function findByCase(db: Db, caseId: string): Promise<LicenseRow | undefined> {
  return firstRow<LicenseRow>(db, sql`${SELECT_LICENSE} where l.case_id = ${caseId} and l.source = 'case' order by l.version limit 1`);
}

/** A new license. */
export interface NewLicense {
  identifier: string;
  licenseNumber: string;
  typeCode: string;
  version: number;
  holderKind: 'person' | 'legal_person';
  holderName: string;
  holderCodeEnc: string;
  holderCodeHash: string;
  holderCodeMasked: string;
  issuerCode: string;
  issuerName: string;
  issuerDepartmentId: string | null;
  regionCode: string;
  data: { key: string; label: string; value: string }[];
  validFrom: string;
  validUntil: string | null;
  issuedAt: Date;
  source: 'case' | 'import';
  caseId: string | null;
  previousId: string | null;
  title?: string | null;
}

/** Insert a pending license (signed later, outside the transaction that records it). */
export async function insertLicense(db: Db, l: NewLicense): Promise<string> {
  const r = await firstRow<{ id: string }>(db, sql`insert into licenses (identifier, license_number, type_code, version, state, holder_kind, holder_name,
      holder_code_enc, holder_code_hash, holder_code_masked, issuer_code, issuer_name, issuer_department_id, region_code, data,
      valid_from, valid_until, issued_at, source, case_id, previous_id, title)
    values (${l.identifier}, ${l.licenseNumber}, ${l.typeCode}, ${l.version}, 'pending', ${l.holderKind}, ${l.holderName},
      ${l.holderCodeEnc}, ${l.holderCodeHash}, ${l.holderCodeMasked}, ${l.issuerCode}, ${l.issuerName}, ${l.issuerDepartmentId}, ${l.regionCode}, ${jsonb(l.data)},
      ${l.validFrom}::date, ${l.validUntil}::date, ${l.issuedAt.toISOString()}, ${l.source}, ${l.caseId}, ${l.previousId}, ${l.title ?? null})
    returning id`);
  if (!r) throw new Error('insert into licenses returned no row');
  return r.id;
}

/** Record the signature of a pending license and make it valid. */
export async function setSigned(db: Db, id: string, signature: string, keyId: string): Promise<void> {
  await db.execute(sql`update licenses set signature = ${signature}, key_id = ${keyId}, signed_at = now(), state = 'valid', state_changed_at = now()
    where id = ${id} and state = 'pending'`);
}

/** Change the state of a license. */
export async function setState(db: Db, id: string, state: LicenseState, reason: string | null): Promise<void> {
  await db.execute(sql`update licenses set state = ${state}, state_reason = ${reason}, state_changed_at = now() where id = ${id}`);
}

/** Remember the rendered documents. */
export async function setDocuments(db: Db, id: string, ofdFileId: string, pdfFileId: string): Promise<void> {
  await db.execute(sql`update licenses set ofd_file_id = ${ofdFileId}, pdf_file_id = ${pdfFileId} where id = ${id}`);
}

/** Licenses of a holder (by lookup hash), newest first. */
export function listByHolder(db: Db, holderHash: string, q: { typeCode?: string | undefined; state?: LicenseState | undefined; limit: number; offset: number }): Promise<LicenseRow[]> {
  return rows<LicenseRow>(db, sql`${SELECT_LICENSE} where l.holder_code_hash = ${holderHash} and l.state <> 'pending'
    ${q.typeCode ? sql`and l.type_code = ${q.typeCode}` : sql``} ${q.state ? sql`and l.state = ${q.state}` : sql``}
    order by l.issued_at desc, l.version desc limit ${q.limit} offset ${q.offset}`);
}

/** How many licenses a holder has (same filter as listByHolder). */
export async function countByHolder(db: Db, holderHash: string, q: { typeCode?: string | undefined; state?: LicenseState | undefined }): Promise<number> {
  const r = await firstRow<{ n: string | number }>(db, sql`select count(*) as n from licenses l where l.holder_code_hash = ${holderHash} and l.state <> 'pending'
    ${q.typeCode ? sql`and l.type_code = ${q.typeCode}` : sql``} ${q.state ? sql`and l.state = ${q.state}` : sql``}`);
  return Number(r?.n ?? 0);
}

/** The registry of an issuing scope (region prefix, optionally one department). */
export function listInScope(db: Db, q: { prefix: string; departmentId: string | null; typeCode?: string | undefined; state?: LicenseState | undefined; text?: string | undefined; limit: number; offset: number }): Promise<LicenseRow[]> {
  return rows<LicenseRow>(db, sql`${SELECT_LICENSE} where ${scopeWhere(q)} order by l.issued_at desc limit ${q.limit} offset ${q.offset}`);
}

/** Count of the registry of an issuing scope. */
export async function countInScope(db: Db, q: { prefix: string; departmentId: string | null; typeCode?: string | undefined; state?: LicenseState | undefined; text?: string | undefined }): Promise<number> {
  const r = await firstRow<{ n: string | number }>(db, sql`select count(*) as n from licenses l where ${scopeWhere(q)}`);
  return Number(r?.n ?? 0);
}

function scopeWhere(q: { prefix: string; departmentId: string | null; typeCode?: string | undefined; state?: LicenseState | undefined; text?: string | undefined }): SQL {
  const like = `%${(q.text ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`l.region_code like ${`${q.prefix}%`} ${q.departmentId ? sql`and l.issuer_department_id = ${q.departmentId}` : sql``}
    ${q.typeCode ? sql`and l.type_code = ${q.typeCode}` : sql``} ${q.state ? sql`and l.state = ${q.state}` : sql``}
    ${q.text ? sql`and (l.holder_name like ${like} or l.license_number like ${like} or l.identifier like ${like})` : sql``}`;
}

/** A lifecycle event row. */
export interface EventRow {
  event: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  actor_name: string;
  at: Date | string;
}

/** Record a lifecycle event. */
export async function insertEvent(db: Db, e: { licenseId: string; event: string; fromState: string | null; toState: string | null; reason: string | null; actorAccountId: string | null; actorName: string }): Promise<void> {
  await db.execute(sql`insert into license_events (license_id, event, from_state, to_state, reason, actor_account_id, actor_name)
    values (${e.licenseId}, ${e.event}, ${e.fromState}, ${e.toState}, ${e.reason}, ${e.actorAccountId}, ${e.actorName})`);
}

/** The lifecycle of a license, in order. */
export function listEvents(db: Db, licenseId: string): Promise<EventRow[]> {
  return rows<EventRow>(db, sql`select event, from_state, to_state, reason, actor_name, at from license_events where license_id = ${licenseId} order by id`);
}

/** One access (use) of a license. */
export interface AccessRow {
  kind: 'verify' | 'staff_read' | 'download' | 'grant' | 'case_use';
  channel: string | null;
  result: string | null;
  case_id: string | null;
  actor_name: string | null;
  purpose: string | null;
  at: Date | string;
}

/** Record a use of a license (or a verification of an identifier that matched nothing). */
export async function insertAccess(db: Db, a: { licenseId: string | null; identifier: string | null; kind: AccessRow['kind']; channel: string | null; result: string | null; caseId: string | null; actorAccountId: string | null; actorName: string | null; purpose: string | null; ip: string | null }): Promise<void> {
  await db.execute(sql`insert into license_access_log (license_id, identifier, kind, channel, result, case_id, actor_account_id, actor_name, purpose, ip)
    values (${a.licenseId}, ${a.identifier}, ${a.kind}, ${a.channel}, ${a.result}, ${a.caseId}, ${a.actorAccountId}, ${a.actorName}, ${a.purpose}, ${a.ip})`);
}

/** Every use of a license, newest first. */
export function listAccess(db: Db, licenseId: string, limit = 200): Promise<AccessRow[]> {
  return rows<AccessRow>(db, sql`select kind, channel, result, case_id, actor_name, purpose, at from license_access_log where license_id = ${licenseId} order by id desc limit ${limit}`);
}

/** Record (or refresh) the holder's grant of a license for one material of a case. */
export async function upsertGrant(db: Db, g: { licenseId: string; caseId: string; materialKey: string; holderAccountId: string | null; reason: string }): Promise<void> {
  await db.execute(sql`insert into license_use_grants (license_id, case_id, material_key, holder_account_id, reason)
    values (${g.licenseId}, ${g.caseId}, ${g.materialKey}, ${g.holderAccountId}, ${g.reason})
    on conflict (case_id, material_key) do update set license_id = excluded.license_id, reason = excluded.reason, granted_at = now(), revoked_at = null`);
}

/** A grant row. */
export interface GrantRow {
  license_id: string;
  material_key: string;
  reason: string;
  granted_at: Date | string;
}

/** The live grants of a case. */
export function grantsOfCase(db: Db, caseId: string): Promise<GrantRow[]> {
  return rows<GrantRow>(db, sql`select license_id, material_key, reason, granted_at from license_use_grants where case_id = ${caseId} and revoked_at is null order by material_key`);
}
