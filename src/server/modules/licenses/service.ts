import type { z } from 'zod';
import { makeLicenseIdentifier, maskIdNumber, validateCreditCode, validateIdNumber, validateLicenseIdentifier } from '../../../common/identifiers.ts';
import type {
  CaseLicenseView,
  ChangeLicenseBody,
  ImportLicenseBody,
  LicenseDetail,
  LicenseListQuery,
  LicenseSummary,
  LicenseTypeBody,
  LicenseTypeView,
  RenewLicenseBody,
  StaffLicenseQueryBody,
  UpdateLicenseTypeBody,
  UsableLicense,
  VerifyResult,
  VerifyVerdict,
} from '../../../common/schemas/licenses.ts';
import { audit } from '../../platform/audit.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { actorAccountId, clockNow, withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { shanghaiDate } from '../../platform/workdays.ts';
import { readVerified, storeGenerated, findFile } from '../../platform/files.ts';
import { assertInScope, hasRole, scopeDepartment, scopePrefix } from '../../platform/guard.ts';
import { defineJob, enqueue } from '../../platform/jobs.ts';
import { sm3Hex } from '../../platform/crypto.ts';
import { sm2Sign, sm2Verify } from '../../platform/sm2.ts';
import type { CaseCompleted, LicenseGrantHandler, LicenseMaterialResolver } from '../cases/hooks.ts';
import * as cases from '../cases/service.ts';
import * as identity from '../identity/service.ts';
import { notify } from '../notify/service.ts';
import * as org from '../org/service.ts';
import type { LicenseDocument } from './document.ts';
import { signingKeyFor } from './keys.ts';
import { appendToLog, inclusionOf, type LogEntry } from './log.ts';
import { extractOfdText, readOfdSignature, renderLicenseOfd, SM2_SM3_OID } from './ofd.ts';
import { renderLicensePdf } from './pdf.ts';
import { qrPng } from './qr.ts';
import * as repo from './repo.ts';
import { sealPng } from './seal.ts';
import { licenseTransition, type LicenseAction } from './state-machine.ts';

type Summary = z.infer<typeof LicenseSummary>;
type Detail = z.infer<typeof LicenseDetail>;
type Verify = z.infer<typeof VerifyResult>;

/** A date column as YYYY-MM-DD whatever the driver returned (pg gives Date at local midnight, PGlite a string). */
export function day(d: Date | string): string {
  if (typeof d === 'string') return d.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const dayOrNull = (d: Date | string | null): string | null => (d === null ? null : day(d));

// Limits and validity are civil dates in Asia/Shanghai.
const shanghaiDay = (at: Date): string => shanghaiDate(at);

function addYears(dayText: string, years: number): string {
  const [y, m, d] = dayText.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

function actorName(ctx: Ctx): string {
  if (ctx.actor.type === 'account') return ctx.actor.displayName;
  if (ctx.actor.type === 'system') return `系统（${ctx.actor.name}）`;
  return '公众';
}

function maskHolderCode(kind: 'person' | 'legal_person', code: string): string {
  return kind === 'person' ? maskIdNumber(code) : code;
}

export function holderHash(ctx: Ctx, code: string): string {
  return identity.pii(ctx).lookupHash(code.toUpperCase());
}

// ---------- license types (证照目录) ----------

function presentType(t: repo.LicenseTypeRow): z.infer<typeof LicenseTypeView> {
  return {
    code: t.code, name: t.name, definingBody: t.defining_body, holderKind: t.holder_kind, category: t.category, issuingDepartments: t.issuing_departments,
    fields: t.fields.map((f) => ({ key: f.key, label: f.label, required: f.required, ...(f.formKey ? { formKey: f.formKey } : {}) })),
    validity: t.validity, numberPrefix: t.number_prefix, template: t.template, active: t.active, issuedCount: Number(t.issued_count ?? 0),
  };
}

/** Every license type. */
export async function listTypes(ctx: Ctx): Promise<z.infer<typeof LicenseTypeView>[]> {
  return (await repo.listTypes(ctx.db)).map(presentType);
}

async function getTypeRow(ctx: Ctx, code: string): Promise<repo.LicenseTypeRow> {
  const t = await repo.findType(ctx.db, code);
  if (!t) throw AppError.notFound('证照类型', code);
  return t;
}

/** Names and status of license types by code, for the catalog's automatic checks. */
export async function lookupTypes(ctx: Ctx, codes: string[]): Promise<Map<string, { name: string; active: boolean }>> {
  return new Map((await repo.typesByCode(ctx.db, codes)).map((t) => [t.code, { name: t.name, active: t.active }]));
}

/** One license type. */
export async function getType(ctx: Ctx, code: string): Promise<z.infer<typeof LicenseTypeView>> {
  return presentType(await getTypeRow(ctx, code));
}

function typeRowOf(input: z.infer<typeof LicenseTypeBody>): Omit<repo.LicenseTypeRow, 'issued_count'> {
  const keys = new Set<string>();
  for (const [i, f] of input.fields.entries()) {
    if (keys.has(f.key)) throw AppError.field(`fields.${i}.key`, `字段标识“${f.key}”重复`);
    keys.add(f.key);
  }
  return {
    code: input.code, name: input.name, defining_body: input.definingBody, holder_kind: input.holderKind, category: input.category, issuing_departments: input.issuingDepartments,
    fields: input.fields.map((f) => ({ key: f.key, label: f.label, required: f.required, ...(f.formKey ? { formKey: f.formKey } : {}) })),
    validity: input.validity, number_prefix: input.numberPrefix, template: input.template, active: input.active,
  };
}

/** Add a license type to the catalog. */
export async function createType(ctx: Ctx, input: z.infer<typeof LicenseTypeBody>): Promise<z.infer<typeof LicenseTypeView>> {
  const why = validateCreditCode(input.code.slice(0, 18));
  if (why) throw AppError.field('code', `证照类型代码的前18位应为定义机构的统一社会信用代码：${why}`);
  if (await repo.findType(ctx.db, input.code)) throw new AppError('ALREADY_EXISTS', `证照类型代码 ${input.code} 已存在`, [{ path: 'code', message: '已存在' }]);
  const row = typeRowOf(input);
  await withTransaction(ctx, async (tx) => {
    await repo.upsertType(tx.db, row);
    await audit(tx, { action: 'licenses.type.create', entityType: 'license_type', entityId: input.code, after: row });
  });
  return getType(ctx, input.code);
}

/** Edit a license type (issued licenses keep the data they were signed with). */
export async function updateType(ctx: Ctx, code: string, input: z.infer<typeof UpdateLicenseTypeBody>): Promise<z.infer<typeof LicenseTypeView>> {
  const before = presentType(await getTypeRow(ctx, code));
  const { issuedCount: _count, ...base } = before;
  const row = typeRowOf({ ...base, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), code });
  await withTransaction(ctx, async (tx) => {
    await repo.upsertType(tx.db, row);
    await audit(tx, { action: 'licenses.type.update', entityType: 'license_type', entityId: code, before: base, after: row });
  });
  return getType(ctx, code);
}

// ---------- issue (签发) ----------

/** The data items of a license from an application form: the type's fields, or the form's own fields when the type lists none. */
function dataFromForm(t: repo.LicenseTypeRow, formData: Record<string, unknown>, formTitles: Record<string, string>): { data: Record<string, string>; labels: Record<string, string> } {
  const scalar = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
  const text = (v: unknown): string => (Array.isArray(v) ? v.map(scalar).filter(Boolean).join('、') : scalar(v));
  const data: Record<string, string> = {};
  const labels: Record<string, string> = {};
  if (t.fields.length > 0) {
    for (const f of t.fields) {
      data[f.key] = text(formData[f.formKey ?? f.key]);
      labels[f.key] = f.label;
    }
    return { data, labels };
  }
  // Contact details are not license content; identity numbers are printed as the holder code.
  const skip = /phone|mobile|email|idNumber|creditCode/i;
  for (const [k, v] of Object.entries(formData)) {
    if (skip.test(k) || text(v) === '') continue;
    data[k] = text(v);
    labels[k] = formTitles[k] ?? k;
  }
  return { data, labels };
}

interface PendingInput {
  type: repo.LicenseTypeRow;
  holder: { kind: 'person' | 'legal_person'; name: string; code: string };
  issuer: { code: string; name: string; departmentId: string | null; regionCode: string };
  data: Record<string, string>;
  labels: Record<string, string>;
  validFrom: string;
  validUntil: string | null;
  issuedAt: Date;
  source: 'case' | 'import';
  caseId: string | null;
  licenseNumber?: string;
  previous?: repo.LicenseRow;
  title?: string | null;
}

/** Record a pending license (identifier, number, data) in the caller's transaction and queue its signing. */
async function recordPending(tx: Ctx, p: PendingInput): Promise<string> {
  const year = Number(p.validFrom.slice(0, 4));
  let serial: string;
  let version = 1;
  let licenseNumber: string;
  if (p.previous) {
    // A change or renewal is the same license in a new version: same serial and number.
    serial = p.previous.identifier.split('.')[7] ?? '';
    version = p.previous.version + 1;
    licenseNumber = p.previous.license_number;
  } else {
    const n = await repo.nextSerial(tx.db, p.type.code, p.issuer.code, year);
    serial = `${year}${String(n).padStart(8, '0')}`;
    licenseNumber = p.licenseNumber ?? `${p.type.number_prefix}${p.issuer.regionCode.slice(0, 6)}${String(year).slice(2)}${String(n).padStart(6, '0')}`;
  }
  if (version > 999) throw new AppError('CONFLICT', '该证照的版本号已达上限（999）');
  const identifier = makeLicenseIdentifier({ typeCode: p.type.code, issuerCode: p.issuer.code, serial, version });
  const c = identity.pii(tx);
  // An ordered list with the labels: a later edit of the type never changes a signed license, and
  // the printed order survives jsonb (which does not keep object key order).
  const data = Object.entries(p.data).map(([key, value]) => ({ key, label: p.labels[key] ?? key, value }));
  const id = await repo.insertLicense(tx.db, {
    identifier, licenseNumber, typeCode: p.type.code, version, holderKind: p.holder.kind, holderName: p.holder.name,
    holderCodeEnc: c.encrypt(p.holder.code), holderCodeHash: holderHash(tx, p.holder.code), holderCodeMasked: maskHolderCode(p.holder.kind, p.holder.code),
    issuerCode: p.issuer.code, issuerName: p.issuer.name, issuerDepartmentId: p.issuer.departmentId, regionCode: p.issuer.regionCode,
    data, validFrom: p.validFrom, validUntil: p.validUntil, issuedAt: p.issuedAt, source: p.source, caseId: p.caseId, previousId: p.previous?.id ?? null,
    title: p.title ?? p.previous?.title ?? null,
  });
  await repo.insertEvent(tx.db, { licenseId: id, event: 'record', fromState: null, toState: 'pending', reason: p.source === 'case' ? '办结生成' : p.previous ? '变更/延续' : '存量证照入库', actorAccountId: actorAccountId(tx), actorName: actorName(tx) });
  await audit(tx, {
    action: 'licenses.license.record', entityType: 'license', entityId: id, regionCode: p.issuer.regionCode,
    after: { identifier, licenseNumber, typeCode: p.type.code, version, holderName: p.holder.name, issuerCode: p.issuer.code, source: p.source, caseId: p.caseId, previousId: p.previous?.id ?? null },
  });
  await enqueue(tx, finalizeLicenseJob, { licenseId: id });
  return id;
}

function validityOf(t: repo.LicenseTypeRow, from: string): string | null {
  return t.validity.kind === 'years' ? addYears(from, t.validity.years) : null;
}

/**
 * `issueLicenseForCase`: on 办结 of an approved case whose item issues a license, record the
 * license in the completing transaction; signing and rendering follow on the job queue.
 */
export async function issueLicenseForCase(tx: Ctx, e: CaseCompleted): Promise<void> {
  if (e.outcome !== 'approved') return;
  if (!e.result.licenseTypeCode) return issueResultDocument(tx, e);
  if (await repo.findByCase(tx.db, e.caseId)) return;
  const t = await repo.findType(tx.db, e.result.licenseTypeCode);
  if (!t) {
    tx.log.warn({ caseId: e.caseId, typeCode: e.result.licenseTypeCode }, 'case result names a license type missing from the license catalog: no license issued');
    return;
  }
  if (!e.applicant.code) {
    tx.log.warn({ caseId: e.caseId }, 'case applicant has no ID number or credit code: no license issued');
    return;
  }
  const dept = await org.findDepartment(tx, e.departmentId);
  if (!dept?.credit_code) throw new AppError('CONFLICT', '承办部门没有统一社会信用代码，不能签发电子证照，请系统管理员补充', { departmentId: e.departmentId });
  const titles = await formTitlesOf(tx, e.versionId);
  const { data, labels } = dataFromForm(t, e.formData, titles);
  const from = shanghaiDay(new Date(e.completedAt));
  await recordPending(tx, {
    type: t, holder: { kind: e.applicant.kind, name: e.applicant.name, code: e.applicant.code },
    issuer: { code: dept.credit_code, name: dept.name, departmentId: dept.id, regionCode: dept.region_code },
    data, labels, validFrom: from, validUntil: validityOf(t, from), issuedAt: new Date(e.completedAt), source: 'case', caseId: e.caseId,
  });
}

/**
 * The type code of 政务服务办理结果文书: the electronic document a case issues when its result is not
 * a license (准予…决定书, 通知书, 证明, 备案). Defined by the platform's own catalog, see seed/licenses.ts.
 */
export const RESULT_DOCUMENT_TYPE = '11100000GWY0000136901';

/** Issue the result document of an approved case whose result is not a license, when the catalog has the type. */
async function issueResultDocument(tx: Ctx, e: CaseCompleted): Promise<void> {
  if (await repo.findByCase(tx.db, e.caseId)) return;
  const t = await repo.findType(tx.db, RESULT_DOCUMENT_TYPE);
  if (!t?.active || !e.applicant.code) return;
  const dept = await org.findDepartment(tx, e.departmentId);
  if (!dept?.credit_code) return;
  const from = shanghaiDay(new Date(e.completedAt));
  const data = { itemName: e.itemName, caseNumber: e.caseNumber, documentNumber: e.result.documentNumber, outcome: `准予办理：${e.result.name}` };
  const labels = { itemName: '办理事项', caseNumber: '办件编号', documentNumber: '文书编号', outcome: '办理结果' };
  await recordPending(tx, {
    type: t, holder: { kind: e.applicant.kind, name: e.applicant.name, code: e.applicant.code },
    issuer: { code: dept.credit_code, name: dept.name, departmentId: dept.id, regionCode: dept.region_code },
    data, labels, validFrom: from, validUntil: null, issuedAt: new Date(e.completedAt), source: 'case', caseId: e.caseId,
    licenseNumber: e.result.documentNumber, title: e.result.name,
  });
}

async function formTitlesOf(ctx: Ctx, versionId: string): Promise<Record<string, string>> {
  const { version } = await cases.processDefinition(ctx, versionId);
  const props = (version.guide.form as { properties?: Record<string, { title?: string }> }).properties ?? {};
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.title ?? k]));
}

/** Import an existing (paper) license into the platform: it is signed and issued like a new one. */
export async function importLicense(ctx: Ctx, input: z.infer<typeof ImportLicenseBody>): Promise<Detail> {
  const t = await getTypeRow(ctx, input.typeCode).catch(() => {
    throw AppError.field('typeCode', '证照目录中没有该证照类型');
  });
  if (!t.active) throw AppError.field('typeCode', '该证照类型已停用');
  if (t.holder_kind !== 'both' && t.holder_kind !== input.holderKind) throw AppError.field('holderKind', t.holder_kind === 'person' ? '该证照的持证主体应为自然人' : '该证照的持证主体应为法人');
  const why = input.holderKind === 'person' ? validateIdNumber(input.holderCode) : validateCreditCode(input.holderCode);
  if (why) throw AppError.field('holderCode', why);
  if (input.validUntil && input.validUntil < input.validFrom) throw AppError.field('validUntil', '有效期截止日期不能早于起始日期');
  const missing = t.fields.filter((f) => f.required && !input.data[f.key]);
  if (missing.length > 0) throw new AppError('VALIDATION_FAILED', `缺少照面信息：${missing.map((f) => f.label).join('、')}`, missing.map((f) => ({ path: `data.${f.key}`, message: `请填写${f.label}` })));
  const dept = await org.findDepartment(ctx, input.issuerDepartmentId);
  if (!dept) throw AppError.field('issuerDepartmentId', '发证部门不存在');
  assertInScope(ctx, dept.region_code, dept.id);
  if (!dept.credit_code) throw AppError.field('issuerDepartmentId', '发证部门没有统一社会信用代码');
  const labels = t.fields.length > 0 ? Object.fromEntries(t.fields.map((f) => [f.key, f.label])) : Object.fromEntries(Object.keys(input.data).map((k) => [k, k]));
  const data = t.fields.length > 0 ? Object.fromEntries(t.fields.map((f) => [f.key, input.data[f.key] ?? ''])) : input.data;
  const id = await withTransaction(ctx, async (tx) => {
    if (await repo.numberTaken(tx.db, t.code, input.licenseNumber)) throw new AppError('ALREADY_EXISTS', `证照编号 ${input.licenseNumber} 已入库`, [{ path: 'licenseNumber', message: '已存在' }]);
    return recordPending(tx, {
      type: t, holder: { kind: input.holderKind, name: input.holderName, code: input.holderCode },
      issuer: { code: dept.credit_code ?? '', name: dept.name, departmentId: dept.id, regionCode: dept.region_code },
      data, labels, validFrom: input.validFrom, validUntil: input.validUntil, issuedAt: new Date(`${input.issuedOn}T09:00:00+08:00`), source: 'import', caseId: null,
      licenseNumber: input.licenseNumber,
    });
  });
  return presentDetail(ctx, await getRow(ctx, id), false);
}

// ---------- signing and documents ----------

/** The exact text an issuer signs: every fact of the license except its state. */
export function canonicalPayload(l: repo.LicenseRow, holderCode: string): string {
  return canonicalJson({
    v: 1, identifier: l.identifier, licenseNumber: l.license_number, typeCode: l.type_code, version: l.version,
    holder: { kind: l.holder_kind, name: l.holder_name, code: holderCode },
    issuer: { code: l.issuer_code, name: l.issuer_name },
    data: l.data, validFrom: day(l.valid_from), validUntil: dayOrNull(l.valid_until), issuedAt: new Date(l.issued_at).toISOString(),
  });
}

function logEntryOf(l: repo.LicenseRow, event: LogEntry['event'], state: string, at: Date): LogEntry {
  return { identifier: l.identifier, event, state, signatureSm3: sm3Hex(l.signature ?? ''), at: at.toISOString() };
}

function verifyUrlOf(ctx: Ctx, identifier: string): string {
  return `${ctx.config.licenses.publicBaseUrl}/verify/${encodeURIComponent(identifier)}`;
}

/** The printed face of a license. */
export function documentOf(ctx: Ctx, l: repo.LicenseRow, holderCode: string): LicenseDocument {
  return {
    title: l.title ?? l.type_template.printedTitle ?? l.type_name, identifier: l.identifier, licenseNumber: l.license_number, holderName: l.holder_name, holderCode,
    holderCodeLabel: l.holder_kind === 'person' ? '公民身份号码' : '统一社会信用代码', fields: dataItems(l).map(({ label, value }) => ({ label, value })),
    issuerName: l.issuer_name, issuedOn: shanghaiDay(new Date(l.issued_at)), validFrom: day(l.valid_from), validUntil: dayOrNull(l.valid_until),
    verifyUrl: verifyUrlOf(ctx, l.identifier),
    frameColor: hexRgb(l.type_template.frameColor),
  };
}

function hexRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function dataItems(l: repo.LicenseRow): { key: string; label: string; value: string }[] {
  return l.data.map(({ key, label, value }) => ({ key, label, value }));
}

/**
 * Sign a pending license (outside any transaction: a signature may later come from an HSM), put
 * it in the transparency log, then render and store its OFD and PDF. Every step is idempotent, so
 * a retried job finishes what an earlier attempt left.
 */
export async function finalizeLicense(ctx: Ctx, licenseId: string, opts: { render: boolean } = { render: true }): Promise<void> {
  let l = await repo.findLicense(ctx.db, licenseId);
  if (!l) return;
  const holderCode = identity.pii(ctx).decrypt(l.holder_code_enc);
  if (l.state === 'pending') {
    const key = await signingKeyFor(ctx, l.issuer_code, l.issuer_name);
    const signature = sm2Sign(canonicalPayload(l, holderCode), key.pair);
    await withTransaction(ctx, async (tx) => {
      const locked = await repo.lockLicense(tx.db, licenseId);
      if (!locked || locked.state !== 'pending') return;
      const to = licenseTransition(locked.state, 'sign');
      await repo.setSigned(tx.db, licenseId, signature, key.id);
      await repo.insertEvent(tx.db, { licenseId, event: 'issue', fromState: 'pending', toState: to, reason: null, actorAccountId: null, actorName: l?.issuer_name ?? '发证机构' });
      if (locked.previous_id) {
        const prev = await repo.lockLicense(tx.db, locked.previous_id);
        if (prev) await appendToLog(tx, prev.id, logEntryOf(prev, 'supersede', prev.state, clockNow(tx)));
      }
      await appendToLog(tx, licenseId, logEntryOf({ ...locked, signature }, 'issue', to, clockNow(tx)));
      await audit(tx, { action: 'licenses.license.issue', entityType: 'license', entityId: licenseId, regionCode: locked.region_code, before: { state: 'pending' }, after: { state: to, identifier: locked.identifier, keyId: key.id } });
      const holder = await holderAccountId(tx, locked, holderCode);
      if (holder) {
        await notify(tx, { accountId: holder, kind: 'license.issued', title: `${locked.type_name}已签发`, body: `您的电子证照“${locked.type_name}”（编号 ${locked.license_number}）已签发，已放入“我的证照”。`, link: `/account/licenses/${licenseId}`, channels: [] });
      }
    });
    l = await repo.findLicense(ctx.db, licenseId);
    if (!l) return;
  }
  if (opts.render && l.state !== 'pending' && (!l.ofd_file_id || !l.pdf_file_id)) await renderDocuments(ctx, l, holderCode);
}

async function holderAccountId(ctx: Ctx, l: repo.LicenseRow, holderCode: string): Promise<string | null> {
  return (await identity.findApplicantAccountId(ctx, l.holder_kind === 'person' ? { idNumber: holderCode } : { creditCode: holderCode })) ?? null;
}

async function renderDocuments(ctx: Ctx, l: repo.LicenseRow, holderCode: string): Promise<void> {
  const doc = documentOf(ctx, l, holderCode);
  const key = await signingKeyFor(ctx, l.issuer_code, l.issuer_name);
  const images = { qrPng: await qrPng(doc.verifyUrl), sealPng: await sealPng(l.issuer_name) };
  const signedAt = l.signed_at ? new Date(l.signed_at) : new Date(l.issued_at);
  const ofd = await renderLicenseOfd(doc, images, {
    signedAt,
    signer: { type: 'Seal', sign: async (data) => ({ signedValue: Buffer.from(sm2Sign(data, key.pair), 'hex'), signerName: l.issuer_name, provider: 'Tongban', signatureMethod: SM2_SM3_OID }) },
  });
  const pdf = await renderLicensePdf(doc, images, { fontPath: ctx.config.licenses.fontPath });
  const owner = { ownerType: 'license', ownerId: l.id };
  const base = `${l.title ?? l.type_name}-${l.license_number}-v${l.version}`;
  const ofdFile = await storeGenerated(ctx, { bytes: ofd, name: `${base}.ofd`, contentType: 'application/ofd', owner });
  const pdfFile = await storeGenerated(ctx, { bytes: pdf, name: `${base}.pdf`, contentType: 'application/pdf', owner });
  await withTransaction(ctx, async (tx) => repo.setDocuments(tx.db, l.id, ofdFile.id, pdfFile.id));
}

/** Signs pending licenses and renders their documents (retried with backoff; idempotent). */
export const finalizeLicenseJob = defineJob<{ licenseId: string }>('licenses.finalize', async (ctx, { licenseId }) => finalizeLicense(ctx, licenseId), { retryLimit: 5 });

// ---------- presenters ----------

function isExpired(l: repo.LicenseRow, today: string): boolean {
  return l.valid_until !== null && day(l.valid_until) < today;
}

function presentSummary(ctx: Ctx, l: repo.LicenseRow): Summary {
  return {
    id: l.id, identifier: l.identifier, licenseNumber: l.license_number, typeCode: l.type_code, typeName: l.title ?? l.type_name, version: l.version, state: l.state,
    expired: isExpired(l, shanghaiDay(clockNow(ctx))), holderKind: l.holder_kind, holderName: l.holder_name, holderCode: l.holder_code_masked,
    issuerName: l.issuer_name, issuedAt: new Date(l.issued_at).toISOString(), validFrom: day(l.valid_from), validUntil: dayOrNull(l.valid_until),
    caseId: l.case_id, source: l.source,
  };
}

const presentAccess = (a: repo.AccessRow): Detail['uses'][number] => ({ kind: a.kind, channel: a.channel, result: a.result, caseId: a.case_id, actorName: a.actor_name, purpose: a.purpose, at: new Date(a.at).toISOString() });

async function presentDetail(ctx: Ctx, l: repo.LicenseRow, withUses: boolean): Promise<Detail> {
  const events = await repo.listEvents(ctx.db, l.id);
  return {
    ...presentSummary(ctx, l), data: dataItems(l), signature: l.signature, keyId: l.key_id, previousId: l.previous_id, nextId: l.next_id, stateReason: l.state_reason,
    events: events.map((e) => ({ event: e.event, fromState: e.from_state, toState: e.to_state, reason: e.reason, actorName: e.actor_name, at: new Date(e.at).toISOString() })),
    uses: withUses ? (await repo.listAccess(ctx.db, l.id)).map(presentAccess) : [],
    documents: { ofd: l.ofd_file_id !== null, pdf: l.pdf_file_id !== null }, verifyUrl: verifyUrlOf(ctx, l.identifier),
  };
}

async function getRow(ctx: Ctx, id: string): Promise<repo.LicenseRow> {
  const l = await repo.findLicense(ctx.db, id);
  if (!l) throw AppError.notFound('证照', id);
  return l;
}

// ---------- wallet (我的证照) ----------

/** The lookup hash of the calling applicant as a holder (citizen ID number or enterprise credit code). */
export async function myHolderHash(ctx: Ctx): Promise<string> {
  const id = actorAccountId(ctx);
  if (!id) throw new AppError('UNAUTHENTICATED', '请先登录');
  const a = await identity.getAccountRow(ctx, id);
  if (a.kind === 'citizen' && a.id_number_hash) return a.id_number_hash;
  if (a.kind === 'enterprise' && a.credit_code) return holderHash(ctx, a.credit_code);
  throw new AppError('FORBIDDEN', '只有自然人和法人账号有电子证照');
}

function isHolder(l: repo.LicenseRow, hash: string): boolean {
  return l.holder_code_hash === hash;
}

/** The caller's licenses (我的证照). */
export async function myLicenses(ctx: Ctx, q: z.infer<typeof LicenseListQuery>): Promise<{ items: Summary[]; total: number; page: number; pageSize: number }> {
  const hash = await myHolderHash(ctx);
  const filter = { typeCode: q.typeCode, state: q.state };
  const list = await repo.listByHolder(ctx.db, hash, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: list.map((l) => presentSummary(ctx, l)), total: await repo.countByHolder(ctx.db, hash, filter), page: q.page, pageSize: q.pageSize };
}

/** One of the caller's licenses with every use and verification. */
export async function myLicense(ctx: Ctx, id: string): Promise<Detail> {
  const l = await repo.findLicense(ctx.db, id);
  if (!l || l.state === 'pending' || !isHolder(l, await myHolderHash(ctx))) throw AppError.notFound('证照', id);
  return presentDetail(ctx, l, true);
}

/** The caller's valid licenses of a type, to prove a material with (一证通办). */
export async function usableLicenses(ctx: Ctx, typeCode: string): Promise<z.infer<typeof UsableLicense>[]> {
  const hash = await myHolderHash(ctx);
  const today = shanghaiDay(clockNow(ctx));
  const list = await repo.listByHolder(ctx.db, hash, { typeCode, state: 'valid', limit: 20, offset: 0 });
  return list.filter((l) => !isExpired(l, today)).map((l) => ({ id: l.id, typeCode: l.type_code, typeName: l.type_name, licenseNumber: l.license_number, holderName: l.holder_name, issuerName: l.issuer_name, validUntil: dayOrNull(l.valid_until) }));
}

/** A license document for its holder or for staff of the issuing scope; every download is recorded. */
export async function downloadDocument(ctx: Ctx, id: string, kind: 'ofd' | 'pdf'): Promise<{ bytes: Buffer; name: string; contentType: string }> {
  const l = await repo.findLicense(ctx.db, id);
  if (!l || l.state === 'pending') throw AppError.notFound('证照', id);
  const staff = ctx.actor.type === 'account' && ctx.actor.kind === 'staff';
  let purpose = staff ? '发证机构下载' : '持证人下载';
  if (staff) {
    try {
      assertInScope(ctx, l.region_code, l.issuer_department_id);
    } catch (e) {
      // The window handing out a case's result (出件) may download what that case issued.
      if (!l.case_id) throw e;
      await cases.caseForLicenses(ctx, l.case_id);
      purpose = '办件出件';
    }
  } else if (!isHolder(l, await myHolderHash(ctx))) throw AppError.notFound('证照', id);
  let fileId = kind === 'ofd' ? l.ofd_file_id : l.pdf_file_id;
  if (!fileId) {
    // Seeded and imported licenses are signed at once and rendered on first download.
    await renderDocuments(ctx, l, identity.pii(ctx).decrypt(l.holder_code_enc));
    const rendered = await getRow(ctx, id);
    fileId = kind === 'ofd' ? rendered.ofd_file_id : rendered.pdf_file_id;
  }
  if (!fileId) throw new AppError('CONFLICT', '证照文件正在生成，请稍后再试');
  const f = await findFile(ctx, fileId);
  if (!f) throw AppError.notFound('文件', fileId);
  const bytes = await readVerified(ctx, f);
  const holder = staff ? await holderAccountId(ctx, l, identity.pii(ctx).decrypt(l.holder_code_enc)) : null;
  await withTransaction(ctx, async (tx) => {
    await repo.insertAccess(tx.db, { licenseId: id, identifier: l.identifier, kind: 'download', channel: kind, result: null, caseId: purpose === '办件出件' ? l.case_id : null, actorAccountId: actorAccountId(tx), actorName: actorName(tx), purpose, ip: tx.ip });
    if (staff) await audit(tx, { action: 'licenses.license.download', entityType: 'license', entityId: id, subjectAccountId: holder, regionCode: l.region_code, purpose, after: { kind } });
  });
  return { bytes, name: f.name, contentType: f.content_type };
}

// ---------- verification (核验) ----------

const VERDICT_MESSAGES: Record<VerifyVerdict, string> = {
  valid: '证照真实有效。',
  suspended: '证照真实，但已被发证机关暂停使用。',
  revoked: '证照已被发证机关注销，不再有效。',
  expired: '证照真实，但已超过有效期。',
  superseded: '证照已变更或延续，此版本不再有效，请以最新版本为准。',
  tampered: '证照内容或文件与发证机关签发的不一致，可能被篡改。',
  unknown_issuer: '无法核验：发证机关的签章密钥不在本平台的信任列表中。',
  not_found: '未找到该证照。',
};

function verdictOf(l: repo.LicenseRow, today: string): VerifyVerdict {
  switch (l.state) {
    case 'revoked':
      return 'revoked';
    case 'suspended':
      return 'suspended';
    case 'superseded':
      return 'superseded';
    case 'pending':
      return 'not_found';
    case 'valid':
      return isExpired(l, today) ? 'expired' : 'valid';
  }
}

/** Check a license's registry record: its signature over the canonical data with the key that signed it. */
async function checkRecord(ctx: Ctx, l: repo.LicenseRow): Promise<{ signature: boolean; key: repo.KeyRow | undefined }> {
  const key = l.key_id ? await repo.findKey(ctx.db, l.key_id) : undefined;
  if (!key || !l.signature) return { signature: false, key };
  let holderCode: string;
  try {
    holderCode = identity.pii(ctx).decrypt(l.holder_code_enc);
  } catch {
    return { signature: false, key };
  }
  return { signature: sm2Verify(canonicalPayload(l, holderCode), l.signature, key.public_key), key };
}

/** 张国平 → 张*平: a person's name as an anonymous verifier sees it. */
function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0] ?? ''}*`;
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars.at(-1) ?? ''}`;
}

/**
 * What a verifier is shown. Identifiers carry running serials, so anyone could walk them: a person's
 * license answers by identifier with the name masked and without its data items (a 残疾人证's
 * category is nobody's business); whoever uploads the document itself — and so holds it — sees all.
 */
function licenseFacts(l: repo.LicenseRow, full: boolean): NonNullable<Verify['license']> {
  const open = full || l.holder_kind === 'legal_person';
  return {
    typeName: l.title ?? l.type_name, licenseNumber: l.license_number, holderName: open ? l.holder_name : maskName(l.holder_name), holderCode: l.holder_code_masked, issuerName: l.issuer_name,
    issuedAt: new Date(l.issued_at).toISOString(), validFrom: day(l.valid_from), validUntil: dayOrNull(l.valid_until), version: l.version, state: l.state,
    stateChangedAt: new Date(l.state_changed_at).toISOString(), data: open ? dataItems(l).map(({ label, value }) => ({ label, value })) : [],
  };
}

async function logVerification(ctx: Ctx, l: repo.LicenseRow | undefined, identifier: string | null, channel: string, verdict: VerifyVerdict): Promise<void> {
  await repo.insertAccess(ctx.db, {
    licenseId: l?.id ?? null, identifier, kind: 'verify', channel, result: verdict, caseId: null, actorAccountId: actorAccountId(ctx),
    actorName: ctx.actor.type === 'account' ? ctx.actor.displayName : null, purpose: null, ip: ctx.ip,
  });
}

/** Verify a license by its identifier (scanned QR, typed, or API): valid / suspended / revoked / expired / tampered …; every call is logged. */
export async function verifyIdentifier(ctx: Ctx, identifier: string, channel: 'qr' | 'identifier' | 'api', withProof: boolean): Promise<Verify> {
  const why = validateLicenseIdentifier(identifier);
  if (why) throw AppError.field('identifier', why);
  const l = await repo.findByIdentifier(ctx.db, identifier);
  if (!l || l.state === 'pending') {
    await logVerification(ctx, undefined, identifier, channel, 'not_found');
    return { verdict: 'not_found', message: VERDICT_MESSAGES.not_found, identifier, license: null, checks: { identifier: true, signature: null, document: null, issuerTrusted: null }, issuer: null, proof: null, checkedAt: clockNow(ctx).toISOString() };
  }
  return verifyRow(ctx, l, channel, withProof, null);
}

/** Check a registry record (signature, state, validity), log the verification and answer. */
async function verifyRow(ctx: Ctx, l: repo.LicenseRow, channel: string, withProof: boolean, document: boolean | null): Promise<Verify> {
  const { signature, key } = await checkRecord(ctx, l);
  const verdict: VerifyVerdict = signature ? verdictOf(l, shanghaiDay(clockNow(ctx))) : 'tampered';
  await logVerification(ctx, l, l.identifier, channel, verdict);
  return {
    verdict, message: VERDICT_MESSAGES[verdict], identifier: l.identifier, license: licenseFacts(l, document !== null),
    checks: { identifier: true, signature, document, issuerTrusted: key ? key.status !== 'revoked' : false },
    issuer: { name: l.issuer_name, code: l.issuer_code, keyOrigin: key?.origin ?? 'local', trustSource: key?.trust_source ?? null },
    proof: withProof ? await inclusionOf(ctx, l.id) : null, checkedAt: clockNow(ctx).toISOString(),
  };
}

const IDENTIFIER_IN_TEXT = /1\.2\.156\.3005\.2\.[0-9A-Z]{21}\.[0-9A-Z]{18}\.[0-9A-Z]{1,30}\.\d{3}\.[0-9A-Z]/;

/** Verify an uploaded license document (OFD or PDF): its bytes against what was issued, then the license itself. */
export async function verifyDocument(ctx: Ctx, bytes: Buffer, name: string): Promise<Verify> {
  const checkedAt = clockNow(ctx).toISOString();
  const isZip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const isPdf = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  if (!isZip && !isPdf) throw AppError.field('file', '请上传电子证照的 OFD 或 PDF 文件');
  if (isZip) return verifyOfd(ctx, bytes, checkedAt);
  return verifyPdf(ctx, bytes, name, checkedAt);
}

function tamperedResult(identifier: string | null, l: repo.LicenseRow | undefined, checkedAt: string, checks: Partial<Verify['checks']>): Verify {
  return {
    verdict: 'tampered', message: VERDICT_MESSAGES.tampered, identifier, license: l ? licenseFacts(l, false) : null,
    checks: { identifier: identifier !== null, signature: null, document: false, issuerTrusted: null, ...checks },
    issuer: l ? { name: l.issuer_name, code: l.issuer_code, keyOrigin: 'local', trustSource: null } : null, proof: null, checkedAt,
  };
}

async function verifyOfd(ctx: Ctx, bytes: Buffer, checkedAt: string): Promise<Verify> {
  let sig: ReturnType<typeof readOfdSignature>;
  let text: string[];
  try {
    sig = readOfdSignature(bytes);
    text = extractOfdText(bytes);
  } catch {
    await logVerification(ctx, undefined, null, 'ofd', 'tampered');
    return tamperedResult(null, undefined, checkedAt, { identifier: false });
  }
  const identifier = IDENTIFIER_IN_TEXT.exec(text.join('\n'))?.[0] ?? null;
  if (!identifier || validateLicenseIdentifier(identifier)) {
    await logVerification(ctx, undefined, identifier, 'ofd', 'tampered');
    return tamperedResult(identifier, undefined, checkedAt, { identifier: false });
  }
  const l = await repo.findByIdentifier(ctx.db, identifier);
  const keys = l?.key_id ? [await repo.findKey(ctx.db, l.key_id)].filter((k): k is repo.KeyRow => k !== undefined) : await repo.keysOfIssuer(ctx.db, identifier.split('.')[6] ?? '');
  const signer = keys.find((k) => sm2Verify(sig.signatureXml, sig.signedValue.toString('hex'), k.public_key));
  const documentOk = sig.digestsMatch && signer !== undefined;
  if (!l) {
    // Another region's license: the file is all there is; its seal signature decides, with a key from the trust list.
    const verdict: VerifyVerdict = keys.length === 0 ? 'unknown_issuer' : documentOk ? 'valid' : 'tampered';
    await logVerification(ctx, undefined, identifier, 'ofd', verdict);
    return {
      verdict, message: verdict === 'valid' ? `签章有效：由信任列表中的发证机构签发（${signer?.trust_source ?? '信任列表'}）。证照状态以发证地平台为准。` : VERDICT_MESSAGES[verdict],
      identifier, license: null, checks: { identifier: true, signature: documentOk, document: documentOk, issuerTrusted: keys.length > 0 },
      issuer: signer ? { name: signer.issuer_name, code: signer.issuer_code, keyOrigin: signer.origin, trustSource: signer.trust_source } : null, proof: null, checkedAt,
    };
  }
  if (!documentOk) {
    await logVerification(ctx, l, identifier, 'ofd', 'tampered');
    return tamperedResult(identifier, l, checkedAt, { signature: signer !== undefined });
  }
  return verifyRow(ctx, l, 'ofd', false, true);
}

/** The identifier in a PDF's metadata (Keywords, a UTF-16BE hex string as pdf-lib writes it), without trusting the rest of the file. */
function identifierInPdf(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  for (const m of text.matchAll(/<FEFF((?:[0-9A-Fa-f]{4})+)>/g)) {
    const hex = m[1] ?? '';
    const raw = Buffer.from(hex, 'hex');
    let s = '';
    for (let i = 0; i + 1 < raw.length; i += 2) s += String.fromCharCode(raw.readUInt16BE(i));
    const found = IDENTIFIER_IN_TEXT.exec(s)?.[0];
    if (found) return found;
  }
  return IDENTIFIER_IN_TEXT.exec(text)?.[0] ?? null;
}

async function verifyPdf(ctx: Ctx, bytes: Buffer, _name: string, checkedAt: string): Promise<Verify> {
  const hash = sm3Hex(bytes);
  const match = await repo.findLicenseByDocumentHash(ctx.db, hash);
  if (match) return verifyRow(ctx, match, 'pdf', false, true);
  const identifier = identifierInPdf(bytes);
  const l = identifier ? await repo.findByIdentifier(ctx.db, identifier) : undefined;
  const verdict: VerifyVerdict = l ? 'tampered' : 'not_found';
  await logVerification(ctx, l, identifier, 'pdf', verdict);
  if (l) return tamperedResult(identifier, l, checkedAt, {});
  return { verdict, message: '未找到与该 PDF 文件一致的证照：文件不是本平台签发的，或已被改动。', identifier, license: null, checks: { identifier: identifier !== null, signature: null, document: false, issuerTrusted: null }, issuer: null, proof: null, checkedAt };
}

// ---------- lifecycle (暂停 / 恢复 / 注销 / 变更 / 延续) ----------

/** Staff who manage a license: approvers or data admins whose scope covers its issuing department. */
function assertManager(ctx: Ctx, l: repo.LicenseRow): void {
  if (!hasRole(ctx, 'approver', 'data_admin', 'system_admin')) throw new AppError('FORBIDDEN', '只有发证部门审批人员或数据管理员可以管理证照');
  assertInScope(ctx, l.region_code, l.issuer_department_id);
}

const LOGGED_ACTIONS: Partial<Record<LicenseAction, LogEntry['event']>> = { suspend: 'suspend', resume: 'resume', revoke: 'revoke' };

/** Suspend, resume or revoke a license; the change is visible to verifiers at once and goes into the transparency log. */
export async function changeState(ctx: Ctx, id: string, action: 'suspend' | 'resume' | 'revoke', reason: string): Promise<Detail> {
  const l = await getRow(ctx, id);
  assertManager(ctx, l);
  await withTransaction(ctx, async (tx) => {
    const locked = await repo.lockLicense(tx.db, id);
    if (!locked) throw AppError.notFound('证照', id);
    const to = licenseTransition(locked.state, action);
    await repo.setState(tx.db, id, to, reason);
    await repo.insertEvent(tx.db, { licenseId: id, event: action, fromState: locked.state, toState: to, reason, actorAccountId: actorAccountId(tx), actorName: actorName(tx) });
    const logged = LOGGED_ACTIONS[action];
    if (logged) await appendToLog(tx, id, logEntryOf(locked, logged, to, clockNow(tx)));
    await audit(tx, { action: `licenses.license.${action}`, entityType: 'license', entityId: id, regionCode: locked.region_code, before: { state: locked.state }, after: { state: to, reason } });
    const holder = await holderAccountId(tx, locked, identity.pii(tx).decrypt(locked.holder_code_enc));
    if (holder) {
      const what = action === 'revoke' ? '已注销' : action === 'suspend' ? '已暂停使用' : '已恢复有效';
      await notify(tx, { accountId: holder, kind: `license.${action}`, title: `${locked.type_name}${what}`, body: `您的电子证照“${locked.type_name}”（编号 ${locked.license_number}）${what}。原因：${reason}`, link: `/account/licenses/${id}`, channels: action === 'resume' ? [] : ['sms'] });
    }
  });
  return presentDetail(ctx, await getRow(ctx, id), false);
}

/** Change (变更) or renew (延续): a new signed version linked to the old one, which is superseded. */
export async function newVersion(ctx: Ctx, id: string, input: { kind: 'change'; body: z.infer<typeof ChangeLicenseBody> } | { kind: 'renew'; body: z.infer<typeof RenewLicenseBody> }): Promise<Detail> {
  const l = await getRow(ctx, id);
  assertManager(ctx, l);
  const t = await getTypeRow(ctx, l.type_code);
  const today = shanghaiDay(clockNow(ctx));
  const current = Object.fromEntries(dataItems(l).map((d) => [d.key, d.value]));
  const labels = Object.fromEntries(dataItems(l).map((d) => [d.key, d.label]));
  let data = current;
  let holderName = l.holder_name;
  let validFrom = day(l.valid_from);
  let validUntil = dayOrNull(l.valid_until);
  if (input.kind === 'change') {
    const unknown = Object.keys(input.body.data).filter((k) => !(k in current));
    if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', `证照没有这些照面信息项：${unknown.join('、')}`, unknown.map((k) => ({ path: `data.${k}`, message: '没有该信息项' })));
    data = { ...current, ...input.body.data };
    holderName = input.body.holderName ?? l.holder_name;
    if (canonicalJson(data) === canonicalJson(current) && holderName === l.holder_name) throw AppError.field('data', '没有任何变更');
  } else {
    validFrom = today;
    validUntil = input.body.validUntil ?? validityOf(t, today);
    if (validUntil && validUntil <= today) throw AppError.field('validUntil', '延续后的有效期应晚于今天');
  }
  const newId = await withTransaction(ctx, async (tx) => {
    const locked = await repo.lockLicense(tx.db, id);
    if (!locked) throw AppError.notFound('证照', id);
    const to = licenseTransition(locked.state, 'supersede');
    await repo.setState(tx.db, id, to, input.body.reason);
    await repo.insertEvent(tx.db, { licenseId: id, event: input.kind, fromState: locked.state, toState: to, reason: input.body.reason, actorAccountId: actorAccountId(tx), actorName: actorName(tx) });
    await audit(tx, { action: `licenses.license.${input.kind}`, entityType: 'license', entityId: id, regionCode: locked.region_code, before: { state: locked.state, data: current, holderName: l.holder_name, validUntil: dayOrNull(l.valid_until) }, after: { state: to, data, holderName, validUntil } });
    const holderCode = identity.pii(tx).decrypt(locked.holder_code_enc);
    return recordPending(tx, {
      type: t, holder: { kind: locked.holder_kind, name: holderName, code: holderCode },
      issuer: { code: locked.issuer_code, name: locked.issuer_name, departmentId: locked.issuer_department_id, regionCode: locked.region_code },
      data, labels, validFrom, validUntil, issuedAt: clockNow(tx), source: locked.source, caseId: locked.case_id, previous: locked,
    });
  });
  return presentDetail(ctx, await getRow(ctx, newId), false);
}

// ---------- staff: registry, queries within a case ----------

/** The registry of the caller's issuing scope (证照库), holder codes desensitized. */
export async function registry(ctx: Ctx, q: z.infer<typeof LicenseListQuery>): Promise<{ items: Summary[]; total: number; page: number; pageSize: number }> {
  const filter = { prefix: scopePrefix(ctx), departmentId: hasRole(ctx, 'data_admin', 'system_admin', 'supervisor') ? null : scopeDepartment(ctx), typeCode: q.typeCode, state: q.state, text: q.q };
  const list = await repo.listInScope(ctx.db, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: list.map((l) => presentSummary(ctx, l)), total: await repo.countInScope(ctx.db, filter), page: q.page, pageSize: q.pageSize };
}

/** A license of the registry in scope, for its managers. */
export async function registryLicense(ctx: Ctx, id: string): Promise<Detail> {
  const l = await getRow(ctx, id);
  assertInScope(ctx, l.region_code, hasRole(ctx, 'data_admin', 'system_admin', 'supervisor') ? null : l.issuer_department_id);
  // The holder sees this read in 数据使用记录.
  const holder = await holderAccountId(ctx, l, identity.pii(ctx).decrypt(l.holder_code_enc));
  await audit(ctx, { action: 'licenses.license.read', entityType: 'license', entityId: id, subjectAccountId: holder, regionCode: l.region_code, purpose: '证照管理' });
  return presentDetail(ctx, l, true);
}

/**
 * A staff query of the applicant's licenses of one type: only inside a case the caller may handle,
 * with a stated reason; every license read is in the holder's use log and in the audit log.
 */
export async function staffQuery(ctx: Ctx, input: z.infer<typeof StaffLicenseQueryBody>): Promise<Detail[]> {
  if (!(ctx.actor.type === 'account' && ctx.actor.kind === 'staff')) throw new AppError('FORBIDDEN', '只有工作人员可以在办件中查询证照');
  const c = await cases.caseForLicenses(ctx, input.caseId);
  if (!c.holder.code) return [];
  const list = (await repo.listByHolder(ctx.db, holderHash(ctx, c.holder.code), { typeCode: input.typeCode, limit: 20, offset: 0 }));
  await withTransaction(ctx, async (tx) => {
    for (const l of list) {
      await repo.insertAccess(tx.db, { licenseId: l.id, identifier: l.identifier, kind: 'staff_read', channel: 'query', result: l.state, caseId: c.id, actorAccountId: actorAccountId(tx), actorName: actorName(tx), purpose: input.reason, ip: tx.ip });
    }
    await audit(tx, { action: 'licenses.license.query', entityType: 'case', entityId: c.id, subjectAccountId: c.applicantAccountId, regionCode: c.regionCode, purpose: input.reason, after: { typeCode: input.typeCode, found: list.map((l) => l.identifier) } });
  });
  return Promise.all(list.map((l) => presentDetail(ctx, l, false)));
}

/** The licenses the applicant granted for a case, verified now: what the window sees instead of a scan. */
export async function caseLicenses(ctx: Ctx, caseId: string): Promise<z.infer<typeof CaseLicenseView>[]> {
  const c = await cases.caseForLicenses(ctx, caseId);
  const grants = await repo.grantsOfCase(ctx.db, caseId);
  const today = shanghaiDay(clockNow(ctx));
  const out: z.infer<typeof CaseLicenseView>[] = [];
  for (const g of grants) {
    const l = await getRow(ctx, g.license_id);
    const { signature } = await checkRecord(ctx, l);
    const { uses: _uses, ...detail } = await presentDetail(ctx, l, false);
    out.push({ materialKey: g.material_key, reason: g.reason, grantedAt: new Date(g.granted_at).toISOString(), verdict: signature ? verdictOf(l, today) : 'tampered', license: detail });
  }
  if (!c.callerIsApplicant && grants.length > 0) {
    await withTransaction(ctx, async (tx) => {
      for (const g of grants) {
        await repo.insertAccess(tx.db, { licenseId: g.license_id, identifier: null, kind: 'case_use', channel: 'case', result: null, caseId, actorAccountId: actorAccountId(tx), actorName: actorName(tx), purpose: `办理${c.itemName}（${c.caseNumber ?? ''}）`, ip: tx.ip });
      }
      await audit(tx, { action: 'licenses.case.read', entityType: 'case', entityId: caseId, subjectAccountId: c.applicantAccountId, regionCode: c.regionCode, purpose: `办理${c.itemName}`, after: { licenses: grants.map((g) => g.license_id) } });
    });
  }
  return out;
}

/** The license issued by a case (its result), for the case's readers. */
export async function licenseOfCase(ctx: Ctx, caseId: string): Promise<Summary | null> {
  await cases.caseForLicenses(ctx, caseId);
  const l = await repo.findByCase(ctx.db, caseId);
  return l && l.state !== 'pending' ? presentSummary(ctx, l) : null;
}

// ---------- hooks into case handling ----------

/** Resolve a material proved by a license to the applicant's valid license of that type (一证通办). */
export const resolveLicenseMaterial: LicenseMaterialResolver = async (ctx, q) => {
  if (!q.applicant.code) return { ok: false, message: `无法确认申请人身份，“${q.typeName}”请上传` };
  const hash = holderHash(ctx, q.applicant.code);
  const today = shanghaiDay(clockNow(ctx));
  if (q.licenseId) {
    const l = await repo.findLicense(ctx.db, q.licenseId);
    if (!l || !isHolder(l, hash)) return { ok: false, message: '所选电子证照不属于申请人' };
    if (l.type_code !== q.typeCode) return { ok: false, message: `所选电子证照不是“${q.typeName}”` };
    if (l.state !== 'valid' || isExpired(l, today)) return { ok: false, message: `所选“${q.typeName}”已不在有效状态，请改为上传` };
    return { ok: true, licenseId: l.id, licenseNumber: l.license_number, issuerName: l.issuer_name };
  }
  const list = (await repo.listByHolder(ctx.db, hash, { typeCode: q.typeCode, state: 'valid', limit: 5, offset: 0 })).filter((l) => !isExpired(l, today));
  const l = list[0];
  if (!l) return { ok: false, message: `申请人名下没有有效的“${q.typeName}”电子证照，请改为上传` };
  return { ok: true, licenseId: l.id, licenseNumber: l.license_number, issuerName: l.issuer_name };
};

/** Record the holder's grants when the application is submitted (用证授权), in its transaction. */
export const recordGrants: LicenseGrantHandler = async (tx, e) => {
  for (const g of e.grants) {
    const reason = `申请${e.itemName}`;
    await repo.upsertGrant(tx.db, { licenseId: g.licenseId, caseId: e.caseId, materialKey: g.materialKey, holderAccountId: e.applicantAccountId, reason });
    await repo.insertAccess(tx.db, { licenseId: g.licenseId, identifier: null, kind: 'grant', channel: 'application', result: null, caseId: e.caseId, actorAccountId: actorAccountId(tx), actorName: actorName(tx), purpose: reason, ip: tx.ip });
    await audit(tx, { action: 'licenses.grant.create', entityType: 'license', entityId: g.licenseId, subjectAccountId: e.applicantAccountId, purpose: reason, after: { caseId: e.caseId, materialKey: g.materialKey } });
  }
};
