import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { unzipSync, zipSync } from 'fflate';
// sm-crypto: the original JS SM2 library, a second implementation beside ours (sm-crypto-v2).
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateLicenseIdentifier } from '../../../common/identifiers.ts';
import type { CaseViewT } from '../../../common/schemas/cases.ts';
import { firstRow, rows } from '../../platform/db.ts';
import { generateSm2KeyPair, sm2Sign } from '../../platform/sm2.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildCase, publishImplementation, SHOP_FORM, uploadFile, type PublishedVersion } from '../../../../test/support/case-factories.ts';
import { buildCitizen, buildCreditCode, buildDepartment, buildEnterprise, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { multipartBody } from '../../../../test/support/files.ts';
import { BUSINESS_LICENSE_TYPE, buildLicenseType, FOOD_LICENSE_TYPE, holdLicense } from '../../../../test/support/license-factories.ts';
import { installOfdJs, type OfdJsReader } from '../../../../test/support/ofdjs.ts';
import { ROOT } from '../../../../test/support/template.ts';
import { renderLicenseOfd, SM2_SM3_OID } from './ofd.ts';
import { checkInclusion, verifyLog } from './log.ts';
import { qrPng } from './qr.ts';
import { sealPng } from './seal.ts';
import * as service from './service.ts';
import * as repo from './repo.ts';

type Detail = { id: string; identifier: string; licenseNumber: string; state: string; version: number; signature: string; keyId: string; data: { key: string; label: string; value: string }[]; uses: { kind: string; caseId: string | null; purpose: string | null; actorName: string | null }[]; documents: { ofd: boolean; pdf: boolean }; nextId: string | null };
type Verify = { verdict: string; message: string; checks: Record<string, boolean | null>; license: { holderName: string; holderCode: string } | null; proof: { leafIndex: number; treeSize: number; leafHash: string; path: string[]; rootHash: string; treeHeadSignature: string } | null };
type ErrorJson = { error: { code: string; message: string; details?: unknown } };

const JY = '350703000000';
const YP = '350702000000';
const ARTIFACTS = path.join(ROOT, 'test-results', 'licenses');
let t: TestApp;
let admins: { editor: string; reviewer: string };
let scjg = '';
let enterprise = '';
let enterpriseCode = '';
let enterpriseAccount = '';
let clerk = '';
let ypClerk = '';
let approver = '';
let wjwApprover = '';
let dataAdmin = '';
let food: PublishedVersion;
let reader: OfdJsReader;

beforeAll(async () => {
  t = await createTestApp();
  scjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  const wjw = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区卫生健康局', shortName: '卫健局' })).id;
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  const dsj = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市大数据管理中心' })).id;
  admins = {
    editor: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
    reviewer: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
  };
  enterpriseCode = buildCreditCode('350703');
  const e = await buildEnterprise(t.ctx, { name: '南平市建阳区味香源餐饮店', creditCode: enterpriseCode });
  enterpriseAccount = e.id;
  enterprise = await loginCookie(t.app, e.login);
  clerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: JY, departmentId: scjg })).login);
  ypClerk = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: YP })).login);
  approver = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: scjg })).login);
  wjwApprover = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['approver'], regionCode: JY, departmentId: wjw })).login);
  dataAdmin = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['data_admin'], regionCode: '350700000000', departmentId: dsj })).login);
  await buildLicenseType(t.ctx, FOOD_LICENSE_TYPE);
  // The enterprise already holds its 营业执照, issued by 建阳区市场监管局.
  await holdLicense(t.ctx, { kind: 'legal_person', name: '南平市建阳区味香源餐饮店', code: enterpriseCode }, { typeCode: BUSINESS_LICENSE_TYPE, departmentId: scjg, data: { name: '南平市建阳区味香源餐饮店', scope: '餐饮服务' } });
  food = await publishImplementation(t.app, admins, scjg, buildGuide({ form: SHOP_FORM }));
  reader = installOfdJs();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  reader.restore();
  await t.close();
});

async function call<T = Record<string, unknown>>(cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: json<T>(res) };
}

function openTask(c: CaseViewT, stepKey: string): string {
  const task = c.tasks.find((x) => x.stepKey === stepKey && (x.status === 'open' || x.status === 'claimed'));
  if (!task) throw new Error(`no open task ${stepKey}`);
  return task.id;
}

/** Apply (without uploading the 营业执照), accept, review in parallel, decide; returns the case. */
async function approvedCase(): Promise<CaseViewT> {
  const applied = await buildCase(t.app, enterprise, {
    implementationId: food.implementationId, formData: { shopName: '味香源餐饮店', area: 60 },
    materials: {
      application: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise, '食品经营许可申请书.pdf')] },
      'business-license': { via: 'license' },
      layout: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise, '经营场所布局图.pdf')] },
    },
  });
  const accepted = await call<CaseViewT>(clerk, 'POST', `/api/v1/cases/${applied.id}/accept`, { opinion: '材料齐全' });
  const a = await call<CaseViewT>(approver, 'POST', `/api/v1/cases/${applied.id}/tasks/${openTask(accepted.body, 'review-scjg')}/approve`, { opinion: '符合' });
  const b = await call<CaseViewT>(wjwApprover, 'POST', `/api/v1/cases/${applied.id}/tasks/${openTask(a.body, 'review-wjw')}/approve`, { opinion: '符合' });
  const done = await call<CaseViewT>(approver, 'POST', `/api/v1/cases/${applied.id}/tasks/${openTask(b.body, 'decide')}/approve`, { opinion: '准予许可' });
  expect(done.body.state).toBe('completed');
  await t.drainJobs();
  return done.body;
}

async function download(cookie: string, id: string, kind: 'ofd' | 'pdf'): Promise<Buffer> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/licenses/${id}/document/${kind}`, headers: { cookie } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}

async function verifyUpload(name: string, bytes: Buffer): Promise<Verify> {
  const { payload, headers } = multipartBody({ name, bytes });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/licenses/verify/document', headers, payload });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return json<Verify>(res);
}

function hasPoppler(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('issuing a license when a case is approved (一证通办 golden path)', () => {
  let caseId = '';
  let license: Detail;

  it('the applicant submits without uploading the 营业执照: the case shows the license as its source', async () => {
    const c = await approvedCase();
    caseId = c.id;
    const material = c.materials.find((m) => m.key === 'business-license');
    expect(material?.entry).toMatchObject({ via: 'license' });
    expect(material?.entry && 'licenseNumber' in material.entry ? material.entry.licenseNumber : '').toMatch(/^T\d+/);
    // The window sees the verified license data, not a scan.
    const used = await call<{ materialKey: string; verdict: string; reason: string; license: Detail }[]>(clerk, 'GET', `/api/v1/licenses/case/${caseId}`);
    expect(used.status).toBe(200);
    expect(used.body).toHaveLength(1);
    expect(used.body[0]).toMatchObject({ materialKey: 'business-license', verdict: 'valid', reason: '申请食品经营许可（新办）' });
    expect(used.body[0]?.license.data).toContainEqual({ key: 'scope', label: '经营范围', value: '餐饮服务' });
    // A clerk of another county may not look into the case's licenses.
    expect([403, 404]).toContain((await call(ypClerk, 'GET', `/api/v1/licenses/case/${caseId}`)).status);
  });

  it('the wallet shows the 营业执照 grant and the window\'s use of it', async () => {
    const wallet = await call<{ items: { id: string; typeCode: string }[] }>(enterprise, 'GET', '/api/v1/licenses/mine');
    const biz = wallet.body.items.find((l) => l.typeCode === BUSINESS_LICENSE_TYPE);
    expect(biz).toBeTruthy();
    const detail = await call<Detail>(enterprise, 'GET', `/api/v1/licenses/mine/${biz?.id ?? ''}`);
    const kinds = detail.body.uses.filter((u) => u.caseId === caseId).map((u) => u.kind).sort();
    expect(kinds).toEqual(['case_use', 'grant']);
    expect(detail.body.uses.find((u) => u.kind === 'grant')?.purpose).toBe('申请食品经营许可（新办）');
  });

  it('issues a 食品经营许可证 whose identifier validates and whose SM2 signature sm-crypto verifies', async () => {
    const issued = await call<{ id: string } | null>(enterprise, 'GET', `/api/v1/licenses/case/${caseId}/issued`);
    expect(issued.body).not.toBeNull();
    const d = await call<Detail>(enterprise, 'GET', `/api/v1/licenses/mine/${issued.body?.id ?? ''}`);
    license = d.body;
    expect(license).toMatchObject({ state: 'valid', version: 1, documents: { ofd: true, pdf: true } });
    expect(validateLicenseIdentifier(license.identifier)).toBeNull();
    expect(license.identifier.startsWith(`1.2.156.3005.2.${FOOD_LICENSE_TYPE}.`)).toBe(true);
    expect(license.licenseNumber).toMatch(/^JY350703\d{8}$/);
    // In the type's order, with its labels.
    expect(license.data).toEqual([{ key: 'shopName', label: '经营者名称', value: '味香源餐饮店' }, { key: 'area', label: '经营面积（平方米）', value: '60' }]);

    const row = await repo.findLicense(t.ctx.db, license.id);
    const key = await firstRow<{ public_key: string }>(t.database.db, sql`select public_key from license_issuer_keys where id = ${license.keyId}`);
    if (!row || !key) throw new Error('license or key missing');
    const payload = service.canonicalPayload(row, enterpriseCode);
    expect(smCrypto.sm2.doVerifySignature(payload, license.signature, key.public_key, { hash: true, der: true })).toBe(true);
    expect(smCrypto.sm2.doVerifySignature(payload.replace('味香源', '味香圆'), license.signature, key.public_key, { hash: true, der: true })).toBe(false);
    // The holder was told.
    const told = await call<{ items: { kind: string }[] }>(enterprise, 'GET', '/api/v1/notifications?pageSize=50');
    expect(told.body.items.map((n) => n.kind)).toContain('license.issued');
  });

  it('renders an OFD that ofd.js opens and whose seal signature sm-crypto verifies', async () => {
    const ofd = await download(enterprise, license.id, 'ofd');
    writeFileSync(path.join(ARTIFACTS, 'food-license.ofd'), ofd);
    const doc = await reader.open(ofd);
    const page = reader.render(doc);
    const text = Array.from(page.querySelectorAll('text'), (x) => x.textContent ?? '').join('');
    for (const s of ['食品经营许可证', '南平市建阳区味香源餐饮店', license.identifier, '建阳区市场监督管理局']) expect(text).toContain(s);
    const files = unzipSync(new Uint8Array(ofd));
    const signatureXml = Buffer.from(files['Doc_0/Signs/Sign_0/Signature.xml'] ?? new Uint8Array());
    const signedValue = Buffer.from(files['Doc_0/Signs/Sign_0/SignedValue.dat'] ?? new Uint8Array());
    expect(signatureXml.toString('utf8')).toContain(SM2_SM3_OID);
    const key = await firstRow<{ public_key: string }>(t.database.db, sql`select public_key from license_issuer_keys where id = ${license.keyId}`);
    expect(smCrypto.sm2.doVerifySignature(Array.from(signatureXml), signedValue.toString('hex'), key?.public_key ?? '', { hash: true, der: true })).toBe(true);
    const verified = await verifyUpload('license.ofd', ofd);
    expect(verified).toMatchObject({ verdict: 'valid', checks: { document: true, signature: true } });
  });

  it('renders a PDF whose Chinese text poppler renders from the embedded font (screenshot in test-results/licenses)', async () => {
    const pdf = await download(enterprise, license.id, 'pdf');
    writeFileSync(path.join(ARTIFACTS, 'food-license.pdf'), pdf);
    if (!hasPoppler()) {
      if (process.env.CI) throw new Error('poppler-utils (pdftoppm, pdftotext) must be installed in CI');
      return;
    }
    // Only the fonts embedded in the PDF may render: an empty fontconfig hides the system's.
    const dir = mkdtempSync(path.join(tmpdir(), 'fc-'));
    writeFileSync(path.join(dir, 'fonts.conf'), '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>' + dir + '</cachedir></fontconfig>');
    const env = { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') };
    const pdfPath = path.join(ARTIFACTS, 'food-license.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { env }).toString('utf8').replace(/[ \t]+/g, '');
    for (const s of ['食品经营许可证', '南平市建阳区味香源餐饮店', '建阳区市场监督管理局']) expect(text).toContain(s);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdfPath, path.join(ARTIFACTS, 'food-license')], { env });
    expect((await verifyUpload('license.pdf', pdf)).verdict).toBe('valid');
    const changed = Buffer.from(pdf);
    const mid = Math.floor(changed.length / 2);
    changed[mid] = (changed[mid] ?? 0) ^ 0x01;
    expect((await verifyUpload('license.pdf', changed)).verdict).toBe('tampered');
  });

  it('answers "tampered" when one byte of the license data or of the OFD changes', async () => {
    const before = await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${license.identifier}?channel=qr`);
    expect(before.body.verdict).toBe('valid');
    expect(before.body.license?.holderName).toBe('南平市建阳区味香源餐饮店');

    // One byte of the stored data: 味香源 → 味香圆.
    await t.database.db.execute(sql`update licenses set data = replace(data::text, '味香源', '味香圆')::jsonb where id = ${license.id}`);
    expect((await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${license.identifier}`)).body).toMatchObject({ verdict: 'tampered', checks: { signature: false } });
    await t.database.db.execute(sql`update licenses set data = replace(data::text, '味香圆', '味香源')::jsonb where id = ${license.id}`);
    expect((await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${license.identifier}`)).body.verdict).toBe('valid');

    // One byte of the OFD page content.
    const ofd = await download(enterprise, license.id, 'ofd');
    const files = unzipSync(new Uint8Array(ofd));
    const content = Buffer.from(files['Doc_0/Pages/Page_0/Content.xml'] ?? new Uint8Array());
    const at = content.indexOf(Buffer.from('味香源', 'utf8'));
    expect(at).toBeGreaterThan(0);
    content[at + 2] = (content[at + 2] ?? 0) ^ 0x01;
    files['Doc_0/Pages/Page_0/Content.xml'] = new Uint8Array(content);
    const tampered = await verifyUpload('license.ofd', Buffer.from(zipSync(files)));
    expect(tampered).toMatchObject({ verdict: 'tampered', checks: { document: false } });
  });

  it('revoking answers "revoked" at once; the holder sees every verification', async () => {
    const revoke = await call<Detail>(approver, 'POST', `/api/v1/licenses/${license.id}/revoke`, { reason: '经营者申请注销' });
    expect(revoke.status).toBe(200);
    const started = Date.now();
    const after = await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${license.identifier}?channel=qr&proof=true`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(after.body.verdict).toBe('revoked');
    // The revocation is in the transparency log, with an inclusion proof that checks.
    expect(after.body.proof).not.toBeNull();
    if (after.body.proof) expect(checkInclusion(after.body.proof)).toBe(true);
    // Revoked is final: 409 lists what is allowed (nothing).
    const again = await call<ErrorJson>(approver, 'POST', `/api/v1/licenses/${license.id}/resume`, { reason: '误操作' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ state: 'revoked', allowed: [] });
    const mine = await call<Detail>(enterprise, 'GET', `/api/v1/licenses/mine/${license.id}`);
    expect(mine.body.uses.filter((u) => u.kind === 'verify').length).toBeGreaterThanOrEqual(4);
    expect(mine.body.state).toBe('revoked');
  });
});

describe('staff queries of licenses', () => {
  it('refuses a query outside a case, refuses a case of another county, and audits one inside a case', async () => {
    const noCase = await call<ErrorJson>(clerk, 'POST', '/api/v1/licenses/query', { typeCode: BUSINESS_LICENSE_TYPE, reason: '核实营业执照' });
    expect(noCase.status).toBe(400);
    expect(JSON.stringify(noCase.body.error.details)).toContain('caseId');
    const c = await buildCase(t.app, enterprise, {
      implementationId: food.implementationId, formData: { shopName: '味香源餐饮店' },
      materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise)] }, 'business-license': { via: 'license' }, layout: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise)] } },
    });
    const outside = await call<ErrorJson>(ypClerk, 'POST', '/api/v1/licenses/query', { caseId: c.id, typeCode: BUSINESS_LICENSE_TYPE, reason: '核实营业执照' });
    expect([403, 404]).toContain(outside.status);
    const citizenTry = await call<ErrorJson>(enterprise, 'POST', '/api/v1/licenses/query', { caseId: c.id, typeCode: BUSINESS_LICENSE_TYPE, reason: '核实营业执照' });
    expect(citizenTry.status).toBe(403);

    const inside = await call<Detail[]>(clerk, 'POST', '/api/v1/licenses/query', { caseId: c.id, typeCode: BUSINESS_LICENSE_TYPE, reason: '核实营业执照经营范围' });
    expect(inside.status).toBe(200);
    expect(inside.body).toHaveLength(1);
    const audited = await rows<{ purpose: string; subject_account_id: string }>(t.database.db, sql`select purpose, subject_account_id from audit_log where action = 'licenses.license.query' and entity_id = ${c.id}`);
    expect(audited).toEqual([{ purpose: '核实营业执照经营范围', subject_account_id: enterpriseAccount }]);
    const wallet = await call<Detail>(enterprise, 'GET', `/api/v1/licenses/mine/${inside.body[0]?.id ?? ''}`);
    expect(wallet.body.uses.find((u) => u.kind === 'staff_read' && u.caseId === c.id)?.purpose).toBe('核实营业执照经营范围');
  });

  it('an applicant without the license is told to upload it instead', async () => {
    const other = await buildCitizen(t.ctx, { name: '无照人' });
    const cookie = await loginCookie(t.app, other.login);
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie, 'idempotency-key': `k-${Date.now()}` },
      payload: { implementationId: food.implementationId, formData: { shopName: '小店' }, materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, cookie)] }, 'business-license': { via: 'license' }, layout: { via: 'upload', fileIds: [await uploadFile(t.app, cookie)] } }, submit: true },
    });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorJson>(res).error.details).toContainEqual({ path: 'materials.business-license', message: '申请人名下没有有效的“营业执照”电子证照，请改为上传' });
  });
});

describe('lifecycle, versions and the transparency log', () => {
  it('suspends, resumes, changes into a new version, and log-verify checks the whole log', async () => {
    const id = await holdLicense(t.ctx, { kind: 'legal_person', name: '建阳区老字号茶庄', code: buildCreditCode('350703') }, { departmentId: scjg, data: { name: '建阳区老字号茶庄', scope: '茶叶销售' } });
    const suspended = await call<Detail>(approver, 'POST', `/api/v1/licenses/${id}/suspend`, { reason: '涉嫌违法经营，立案调查' });
    expect(suspended.body.state).toBe('suspended');
    const l = await repo.findLicense(t.ctx.db, id);
    expect((await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${l?.identifier ?? ''}`)).body.verdict).toBe('suspended');
    expect((await call<Detail>(approver, 'POST', `/api/v1/licenses/${id}/resume`, { reason: '调查终结' })).body.state).toBe('valid');
    // A clerk or another county's approver cannot manage it.
    expect((await call(clerk, 'POST', `/api/v1/licenses/${id}/suspend`, { reason: '测试' })).status).toBe(403);
    const changed = await call<Detail>(approver, 'POST', `/api/v1/licenses/${id}/change`, { reason: '经营范围变更', data: { scope: '茶叶销售；茶具销售' } });
    expect(changed.status).toBe(201);
    expect(changed.body).toMatchObject({ version: 2, state: 'pending' });
    await t.drainJobs();
    const v2 = await repo.findLicense(t.ctx.db, changed.body.id);
    expect(v2?.state).toBe('valid');
    expect(v2?.identifier.split('.')[8]).toBe('002');
    expect((await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${l?.identifier ?? ''}`)).body.verdict).toBe('superseded');
    expect((await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${v2?.identifier ?? ''}`)).body.verdict).toBe('valid');

    const ok = await verifyLog(t.ctx);
    expect(ok).toMatchObject({ ok: true });
    // Rewriting one entry is found.
    const last = await firstRow<{ seq: string }>(t.database.db, sql`select seq from license_log_entries order by seq desc limit 1`);
    await t.database.db.execute(sql`update license_log_entries set entry = replace(entry, '"issue"', '"revoke"') where seq = 0`);
    const broken = await verifyLog(t.ctx);
    expect(broken).toMatchObject({ ok: false, treeSize: 0 });
    expect(Number(last?.seq)).toBeGreaterThan(0);
  });

  it('verifies another region\'s OFD with a key on the trust list, and only then', async () => {
    const otherIssuer = buildCreditCode('350100');
    const pair = generateSm2KeyPair();
    const { makeLicenseIdentifier } = await import('../../../common/identifiers.ts');
    const identifier = makeLicenseIdentifier({ typeCode: BUSINESS_LICENSE_TYPE, issuerCode: otherIssuer, serial: '202600000077', version: 1 });
    const doc = { title: '营业执照', identifier, licenseNumber: otherIssuer, holderName: '福州市鼓楼区闽都小吃店', holderCode: otherIssuer, holderCodeLabel: '统一社会信用代码', fields: [{ label: '经营范围', value: '餐饮服务' }], issuerName: '福州市鼓楼区市场监督管理局', issuedOn: '2026-03-02', validFrom: '2026-03-02', validUntil: null, verifyUrl: `https://fz.example.gov.cn/verify/${identifier}` };
    const ofd = await renderLicenseOfd(doc, { qrPng: await qrPng(doc.verifyUrl), sealPng: await sealPng(doc.issuerName) }, {
      signer: { type: 'Seal', sign: async (data) => ({ signedValue: Buffer.from(sm2Sign(data, pair), 'hex'), signerName: doc.issuerName, provider: 'Tongban', signatureMethod: SM2_SM3_OID }) },
    });
    expect((await verifyUpload('fz.ofd', ofd)).verdict).toBe('unknown_issuer');
    const bad = await call<ErrorJson>(dataAdmin, 'POST', '/api/v1/licenses/keys/trusted', { issuerCode: otherIssuer, issuerName: '福州市鼓楼区市场监督管理局', publicKey: 'abcd', trustSource: '福建省电子证照共享服务平台' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('publicKey');
    expect((await call(clerk, 'POST', '/api/v1/licenses/keys/trusted', { issuerCode: otherIssuer, issuerName: 'x', publicKey: pair.publicKey, trustSource: 'x' })).status).toBe(403);
    const added = await call(dataAdmin, 'POST', '/api/v1/licenses/keys/trusted', { issuerCode: otherIssuer, issuerName: '福州市鼓楼区市场监督管理局', publicKey: pair.publicKey, trustSource: '福建省电子证照共享服务平台' });
    expect(added.status).toBe(201);
    const ok = await verifyUpload('fz.ofd', ofd);
    expect(ok).toMatchObject({ verdict: 'valid', issuer: { keyOrigin: 'trusted', trustSource: '福建省电子证照共享服务平台' } });
    const files = unzipSync(new Uint8Array(ofd));
    const content = Buffer.from(files['Doc_0/Pages/Page_0/Content.xml'] ?? new Uint8Array());
    files['Doc_0/Pages/Page_0/Content.xml'] = new Uint8Array(Buffer.from(content.toString('utf8').replace('闽都', '闽东'), 'utf8'));
    expect((await verifyUpload('fz.ofd', Buffer.from(zipSync(files)))).verdict).toBe('tampered');
  });

  it('rotates a key: new licenses are signed with the new key, old ones still verify', async () => {
    const first = await holdLicense(t.ctx, { kind: 'legal_person', name: '轮换前企业', code: buildCreditCode('350703') }, { departmentId: scjg });
    const dept = await firstRow<{ credit_code: string }>(t.database.db, sql`select credit_code from departments where id = ${scjg}`);
    const rotated = await call<{ issuerCode: string; status: string }>(dataAdmin, 'POST', '/api/v1/licenses/keys/rotate', { issuerCode: dept?.credit_code });
    expect(rotated.body).toMatchObject({ status: 'active' });
    const second = await holdLicense(t.ctx, { kind: 'legal_person', name: '轮换后企业', code: buildCreditCode('350703') }, { departmentId: scjg });
    const [a, b] = [await repo.findLicense(t.ctx.db, first), await repo.findLicense(t.ctx.db, second)];
    expect(a?.key_id).not.toBe(b?.key_id);
    for (const l of [a, b]) expect((await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${l?.identifier ?? ''}`)).body.verdict).toBe('valid');
  });

  it('names the field of a bad identifier and of a bad import', async () => {
    const bad = await call<ErrorJson>(null, 'GET', '/api/v1/licenses/verify/1.2.156.3005.2.x');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('identifier');
    const imp = await call<ErrorJson>(dataAdmin, 'POST', '/api/v1/licenses/import', { typeCode: BUSINESS_LICENSE_TYPE, licenseNumber: 'X-1', holderKind: 'person', holderName: '张三', holderCode: '110105194912310021', issuerDepartmentId: scjg, validFrom: '2020-01-01', issuedOn: '2020-01-01', data: { name: '张三', scope: '零售' } });
    expect(imp.status).toBe(400);
    expect(imp.body.error.details).toEqual([{ path: 'holderCode', message: '身份证号码校验位不正确' }]);
  });
});

describe('trusted materials (可信电子材料)', () => {
  it('a material the window verified once is reused by the same holder in a later case, and only by them', async () => {
    const first = await buildCase(t.app, enterprise, {
      implementationId: food.implementationId, formData: { shopName: '味香源餐饮店' },
      materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise)] }, 'business-license': { via: 'license' }, layout: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise, '经营场所布局图.pdf')] } },
    });
    // The applicant cannot vouch for their own material; a clerk of another county cannot reach the case.
    expect((await call(enterprise, 'POST', '/api/v1/licenses/trusted-materials', { caseId: first.id, materialKey: 'layout' })).status).toBe(403);
    expect([403, 404]).toContain((await call(ypClerk, 'POST', '/api/v1/licenses/trusted-materials', { caseId: first.id, materialKey: 'layout' })).status);
    expect((await call<ErrorJson>(clerk, 'POST', '/api/v1/licenses/trusted-materials', { caseId: first.id, materialKey: 'business-license' })).body.error.details).toEqual([{ path: 'materialKey', message: '只有上传的材料可以核验为可信电子材料' }]);
    const verified = await call<{ id: string; name: string; usable: boolean; fileIds: string[] }>(clerk, 'POST', '/api/v1/licenses/trusted-materials', { caseId: first.id, materialKey: 'layout' });
    expect(verified.status).toBe(201);
    expect(verified.body).toMatchObject({ name: '经营场所布局图', usable: true });

    const offered = await call<{ id: string }[]>(enterprise, 'GET', '/api/v1/licenses/mine/materials?materialKey=layout&name=经营场所布局图');
    expect(offered.body.map((m) => m.id)).toEqual([verified.body.id]);
    const second = await buildCase(t.app, enterprise, {
      implementationId: food.implementationId, formData: { shopName: '味香源餐饮店二店' },
      materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise)] }, 'business-license': { via: 'license' }, layout: { via: 'trusted', trustedMaterialId: verified.body.id } },
    });
    const reused = second.materials.find((m) => m.key === 'layout')?.entry;
    expect(reused).toMatchObject({ via: 'trusted', trustedMaterialId: verified.body.id, fileIds: verified.body.fileIds });
    // The window handling the new case reads the verified copy; another county's clerk does not.
    const fileId = verified.body.fileIds[0] ?? '';
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${fileId}`, headers: { cookie: clerk } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${fileId}`, headers: { cookie: ypClerk } })).statusCode).toBe(404);

    // Another applicant cannot use it.
    const stranger = await buildCitizen(t.ctx, { name: '他人' });
    await holdLicense(t.ctx, { kind: 'person', name: '他人', code: stranger.idNumber }, { departmentId: scjg });
    const cookie = await loginCookie(t.app, stranger.login);
    const theft = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie, 'idempotency-key': `k-${Date.now()}` },
      payload: { implementationId: food.implementationId, formData: { shopName: '他店' }, materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, cookie)] }, 'business-license': { via: 'license' }, layout: { via: 'trusted', trustedMaterialId: verified.body.id } }, submit: true },
    });
    expect(theft.statusCode).toBe(400);
    expect(json<ErrorJson>(theft).error.details).toEqual([{ path: 'materials.layout', message: '所选可信电子材料不属于申请人' }]);

    // Withdrawn by the holder: no longer offered or accepted.
    expect((await call(enterprise, 'POST', `/api/v1/licenses/mine/materials/${verified.body.id}/withdraw`)).status).toBe(200);
    expect((await call<unknown[]>(enterprise, 'GET', '/api/v1/licenses/mine/materials?materialKey=layout')).body).toEqual([]);
    const after = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: enterprise, 'idempotency-key': `k-${Date.now()}-2` },
      payload: { implementationId: food.implementationId, formData: { shopName: '三店' }, materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise)] }, 'business-license': { via: 'license' }, layout: { via: 'trusted', trustedMaterialId: verified.body.id } }, submit: true },
    });
    expect(after.statusCode).toBe(400);
    const audited = await rows<{ action: string }>(t.database.db, sql`select action from audit_log where entity_id = ${verified.body.id} order by seq`);
    expect(audited.map((a) => a.action)).toEqual(['licenses.trusted_material.verify', 'licenses.trusted_material.use', 'licenses.trusted_material.withdraw']);
  });
});

describe('result documents of cases whose result is not a license', () => {
  it('issues a signed, verifiable 通知书 the applicant downloads from the case', async () => {
    await buildLicenseType(t.ctx, service.RESULT_DOCUMENT_TYPE, { name: '政务服务办理结果文书', definingBody: '国务院办公厅', holderKind: 'both', category: 'certification', fields: [{ key: 'itemName', label: '办理事项' }, { key: 'caseNumber', label: '办件编号' }, { key: 'documentNumber', label: '文书编号' }, { key: 'outcome', label: '办理结果' }] });
    const notice = await publishImplementation(t.app, admins, scjg, buildGuide({
      name: '个体工商户注销登记', form: SHOP_FORM, onlineDepth: [1, 2, 3, 4],
      processSteps: [{ key: 'accept', name: '受理', role: 'window_clerk', days: 1 }],
      result: { type: 'approval_document', name: '准予注销登记通知书' },
    }));
    const applied = await buildCase(t.app, enterprise, {
      implementationId: notice.implementationId, formData: { shopName: '味香源餐饮店' },
      materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise)] }, 'business-license': { via: 'license' }, layout: { via: 'upload', fileIds: [await uploadFile(t.app, enterprise)] } },
    });
    const done = await call<CaseViewT>(clerk, 'POST', `/api/v1/cases/${applied.id}/accept`, { opinion: '即办' });
    expect(done.body.state).toBe('completed');
    await t.drainJobs();
    const issued = await call<{ id: string; typeName: string; licenseNumber: string; identifier: string } | null>(enterprise, 'GET', `/api/v1/licenses/case/${applied.id}/issued`);
    expect(issued.body).toMatchObject({ typeName: '准予注销登记通知书', licenseNumber: `JD-${applied.caseNumber ?? ''}` });
    const pdf = await download(enterprise, issued.body?.id ?? '', 'pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await call<Verify>(null, 'GET', `/api/v1/licenses/verify/${issued.body?.identifier ?? ''}`)).body.verdict).toBe('valid');
  });
});

describe('a license chosen in a draft', () => {
  it('is checked again at submission: revoked in between, the submission is refused naming the material', async () => {
    const code = buildCreditCode('350703');
    const e = await buildEnterprise(t.ctx, { name: '草稿测试商行', creditCode: code });
    const cookie = await loginCookie(t.app, e.login);
    const licenseId = await holdLicense(t.ctx, { kind: 'legal_person', name: '草稿测试商行', code }, { departmentId: scjg });
    const draft = await buildCase(t.app, cookie, {
      implementationId: food.implementationId, formData: { shopName: '草稿测试商行' }, submit: false,
      materials: { application: { via: 'upload', fileIds: [await uploadFile(t.app, cookie)] }, 'business-license': { via: 'license' }, layout: { via: 'upload', fileIds: [await uploadFile(t.app, cookie)] } },
    });
    expect(draft.materials.find((m) => m.key === 'business-license')?.entry).toMatchObject({ via: 'license', licenseId });
    expect((await call(approver, 'POST', `/api/v1/licenses/${licenseId}/revoke`, { reason: '吊销营业执照' })).status).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${draft.id}/submit`, headers: { cookie, 'idempotency-key': `k-${Date.now()}` } });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorJson>(res).error.details).toEqual([{ path: 'materials.business-license', message: '所选“营业执照”已不在有效状态，请改为上传' }]);
  });
});

describe('privacy of a person\'s license at verification', () => {
  it('answers by identifier with the name masked and no data items; the uploaded document shows them', async () => {
    const c = await buildCitizen(t.ctx, { name: '张国平' });
    const id = await holdLicense(t.ctx, { kind: 'person', name: '张国平', code: c.idNumber }, { departmentId: scjg, data: { name: '张国平', scope: '肢体残疾二级' } });
    const l = await repo.findLicense(t.ctx.db, id);
    const byId = await call<Verify & { license: { data: unknown[] } }>(null, 'GET', `/api/v1/licenses/verify/${l?.identifier ?? ''}`);
    expect(byId.body).toMatchObject({ verdict: 'valid', license: { holderName: '张*平', data: [] } });
    expect(JSON.stringify(byId.body)).not.toContain('肢体残疾');
    const cookie = await loginCookie(t.app, c.login);
    const ofd = await download(cookie, id, 'ofd');
    const byFile = await verifyUpload('license.ofd', ofd);
    expect(byFile).toMatchObject({ verdict: 'valid', license: { holderName: '张国平' } });
    expect(JSON.stringify(byFile)).toContain('肢体残疾二级');
  });
});

describe('the type\'s template', () => {
  it('prints the frame colour and the printed title of the type on the OFD face', async () => {
    const code = '11100000MB0143028R077';
    await buildLicenseType(t.ctx, code, { name: '测试许可证', definingBody: '测试机构', holderKind: 'legal_person', template: { frameColor: '#1e3a8a', printedTitle: '中华人民共和国测试许可证' } });
    const id = await holdLicense(t.ctx, { kind: 'legal_person', name: '模板测试公司', code: buildCreditCode('350703') }, { typeCode: code, departmentId: scjg, data: { 项目: '模板' } });
    const ofd = await download(approver, id, 'ofd');
    const content = Buffer.from(unzipSync(new Uint8Array(ofd))['Doc_0/Pages/Page_0/Content.xml'] ?? new Uint8Array()).toString('utf8');
    expect(content).toContain('<ofd:StrokeColor Value="30 58 138"/>');
    expect(content).not.toContain('<ofd:StrokeColor Value="178 34 34"/>');
    const reader2 = reader.render(await reader.open(ofd));
    expect(Array.from(reader2.querySelectorAll('text'), (x) => x.textContent ?? '').join('')).toContain('中华人民共和国测试许可证');
  });
});
