import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuideLicenseTypes } from '../../../../test/support/license-factories.ts';
import { buildBasicCode, buildGuide } from '../../../../test/support/catalog-factories.ts';
import { buildDepartment, buildStaff, loginCookie } from '../../../../test/support/factories.ts';
import { XLSX_MIME } from './xlsx-file.ts';

type Version = { id: string; implementationId: string; implementationCode: string; version: number; status: string; content: { name: string; promisedLimit: { days: number }; materials: { key: string; name: string }[] } };
type ErrorJson = { error: { code: string; message: string; details?: unknown } };
type Job = {
  id: string; status: string; processed: number; total: number; unchanged: number;
  errors: { sheet: string; row: number | null; column: string | null; field: string | null; message: string }[];
  drafts: { implementationId: string; versionId: string; version: number; code: string; name: string; changedFields: { path: string; label: string }[] }[];
};
type LoadArg = Parameters<ExcelJS.Xlsx['load']>[0];

let t: TestApp;
let editor = '';
let reviewer = '';
let jyEditor = '';
let ypEditor = '';

beforeAll(async () => {
  t = await createTestApp();
  await buildGuideLicenseTypes(t.ctx);
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  editor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login);
  reviewer = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login);
  jyEditor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350703000000', departmentId: null })).login);
  ypEditor = await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350702000000', departmentId: null })).login);
});
afterAll(async () => {
  await t.close();
});

async function call<T>(cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: json<T>(res) };
}

async function publish(departmentId: string, guide = buildGuide()): Promise<Version> {
  const draft = await call<Version>(editor, 'POST', '/api/v1/catalog/implementations', { basicCode: buildBasicCode(), departmentId, content: guide });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect((await call(editor, 'POST', `/api/v1/catalog/versions/${draft.body.id}/submit`)).status).toBe(200);
  const done = await call<Version>(reviewer, 'POST', `/api/v1/catalog/versions/${draft.body.id}/review`, { decision: 'approve' });
  expect(done.status).toBe(200);
  return done.body;
}

/** A department in 建阳区 with `n` published items. */
async function departmentWithItems(n: number, guide = buildGuide()): Promise<{ departmentId: string; items: Version[] }> {
  const departmentId = (await buildDepartment(t.ctx, { regionCode: '350703000000' })).id;
  const items: Version[] = [];
  for (let i = 0; i < n; i++) items.push(await publish(departmentId, { ...guide, name: `${guide.name ?? '事项'}${i + 1}` }));
  return { departmentId, items };
}

async function exportXlsx(cookie: string, query: string): Promise<Buffer> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/export.xlsx?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_MIME);
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
  return res.rawPayload;
}

async function upload(cookie: string, body: Buffer | string, contentType = XLSX_MIME) {
  return t.app.inject({ method: 'POST', url: '/api/v1/catalog/imports?fileName=test.xlsx', headers: { cookie, 'content-type': contentType }, payload: body });
}

/** Upload and poll the job until it has finished. */
async function importXlsx(cookie: string, body: Buffer): Promise<Job> {
  const res = await upload(cookie, body);
  expect(res.statusCode, res.body).toBe(202);
  const { id } = json<{ id: string }>(res);
  for (let i = 0; i < 200; i++) {
    const job = await call<Job>(cookie, 'GET', `/api/v1/catalog/imports/${id}`);
    expect(job.status).toBe(200);
    if (job.body.status === 'done' || job.body.status === 'failed') return job.body;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('import did not finish');
}

/** Edit cells of a workbook the way a person would in Excel: by sheet, the row's 实施编码 (nth row of it), and the column header. */
async function edit(buf: Buffer, edits: { sheet: string; code: string; nth?: number; column: string; value: ExcelJS.CellValue }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as LoadArg);
  for (const e of edits) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) throw new Error(`no sheet ${e.sheet}`);
    let col = 0;
    let codeCol = 0;
    ws.getRow(1).eachCell((cell, n) => {
      const h = typeof cell.value === 'string' ? cell.value.split('（')[0] : '';
      if (h === e.column) col = n;
      if (h === '实施编码') codeCol = n;
    });
    const rows: number[] = [];
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(codeCol).value === e.code) rows.push(n);
    });
    const rowNo = rows[e.nth ?? 0];
    if (!col || !rowNo) throw new Error(`no cell ${e.sheet}/${e.code}/${e.column}`);
    ws.getRow(rowNo).getCell(col).value = e.value;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The Excel row number of an implementation in 事项清单. */
async function rowOf(buf: Buffer, code: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as LoadArg);
  let found = 0;
  wb.getWorksheet('事项清单')?.eachRow((row, n) => {
    if (row.getCell(1).value === code) found = n;
  });
  return found;
}

async function openDrafts(implementationIds: string[]): Promise<number> {
  const r = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from catalog_versions
    where status in ('draft', 'in_review') and implementation_id in (select jsonb_array_elements_text(${JSON.stringify(implementationIds)}::jsonb)::uuid)`);
  return r?.n ?? -1;
}

describe('catalog xlsx export and import', () => {
  it('round-trips: export then import with no edit creates no draft', async () => {
    const { departmentId, items } = await departmentWithItems(3, buildGuide({
      coHandlingBodies: ['县卫健局', '县消防救援大队'], themes: ['准营准办', '开办企业'], visitsReason: '',
      specialProcedures: [{ name: '现场核查', maxDays: 5, explanation: '需要时' }],
      fees: [{ name: '工本费', amountYuan: 12.5, basis: '闽价费〔2020〕1号', waivable: true }],
      appointment: { enabled: true, dailyQuota: 30 }, onlinePayment: true, courierDelivery: true,
      form: { type: 'object', properties: { shopName: { type: 'string', title: '店铺名称' } } },
    }));
    const buf = await exportXlsx(editor, `departmentId=${departmentId}`);
    const job = await importXlsx(editor, buf);
    expect(job).toMatchObject({ status: 'done', total: 3, processed: 3, unchanged: 3, errors: [], drafts: [] });
    expect(await openDrafts(items.map((i) => i.implementationId))).toBe(0);
    const audited = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'catalog.import.done' and entity_id = ${job.id}`);
    expect(audited?.n).toBe(1);
  });

  it('export, edit one cell of 承诺时限, import: exactly that change appears as a draft', async () => {
    const { departmentId, items } = await departmentWithItems(3);
    const target = items[1];
    if (!target) throw new Error('no item');
    const buf = await exportXlsx(editor, `departmentId=${departmentId}`);
    const job = await importXlsx(editor, await edit(buf, [{ sheet: '事项清单', code: target.implementationCode, column: '承诺时限', value: 5 }]));
    expect(job.status, JSON.stringify(job.errors)).toBe('done');
    expect(job.unchanged).toBe(2);
    expect(job.drafts).toEqual([expect.objectContaining({ implementationId: target.implementationId, code: target.implementationCode, version: 2, changedFields: [{ path: 'promisedLimit', label: '承诺办结时限' }] })]);
    const draftId = job.drafts[0]?.versionId ?? '';
    const draft = await call<Version>(editor, 'GET', `/api/v1/catalog/versions/${draftId}`);
    expect(draft.body).toMatchObject({ status: 'draft', version: 2 });
    expect(draft.body.content.promisedLimit.days).toBe(5);
    const diff = await call<{ against: number; changes: { path: string; before: unknown; after: unknown }[] }>(editor, 'GET', `/api/v1/catalog/versions/${draftId}/diff`);
    expect(diff.body.against).toBe(1);
    expect(diff.body.changes).toEqual([{ path: 'promisedLimit', label: '承诺办结时限', kind: 'changed', before: { days: 3, unit: 'working_day' }, after: { days: 5, unit: 'working_day' } }]);
    expect(await openDrafts(items.filter((i) => i !== target).map((i) => i.implementationId))).toBe(0);
    // The draft goes through the usual review: submit, a second admin publishes it.
    expect((await call(editor, 'POST', `/api/v1/catalog/versions/${draftId}/submit`)).status).toBe(200);
    expect((await call<Version>(reviewer, 'POST', `/api/v1/catalog/versions/${draftId}/review`, { decision: 'approve' })).body.status).toBe('published');
  });

  it('edits a material name: one draft whose diff names exactly that material', async () => {
    const { departmentId, items } = await departmentWithItems(2);
    const target = items[0];
    if (!target) throw new Error('no item');
    const buf = await exportXlsx(editor, `departmentId=${departmentId}`);
    // layout is the third material of the guide.
    const job = await importXlsx(editor, await edit(buf, [{ sheet: '申请材料', code: target.implementationCode, nth: 2, column: '材料名称', value: '经营场所平面布局图' }]));
    expect(job.status, JSON.stringify(job.errors)).toBe('done');
    expect(job.drafts).toHaveLength(1);
    const diff = await call<{ changes: { path: string; kind: string }[] }>(editor, 'GET', `/api/v1/catalog/versions/${job.drafts[0]?.versionId ?? ''}/diff`);
    expect(diff.body.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['changed materials[layout]']);
  });

  it('reports a malformed row with its row number and column, and writes nothing — not even the good rows', async () => {
    const { departmentId, items } = await departmentWithItems(3);
    const [good, bad, tooLong] = items;
    if (!good || !bad || !tooLong) throw new Error('no items');
    const buf = await exportXlsx(editor, `departmentId=${departmentId}`);
    const edited = await edit(buf, [
      { sheet: '事项清单', code: good.implementationCode, column: '承诺时限', value: 5 },
      { sheet: '事项清单', code: bad.implementationCode, column: '承诺时限', value: 'abc' },
      { sheet: '申请材料', code: bad.implementationCode, nth: 1, column: '材料形式', value: '扫描件' },
      { sheet: '事项清单', code: tooLong.implementationCode, column: '承诺时限', value: 15 },
    ]);
    const job = await importXlsx(editor, edited);
    expect(job.status).toBe('failed');
    expect(job.drafts).toEqual([]);
    expect(job.errors).toEqual(expect.arrayContaining([
      { sheet: '事项清单', row: await rowOf(edited, bad.implementationCode), column: '承诺时限', field: 'promisedLimit.days', message: '承诺时限应为非负整数，填写的是“abc”' },
      { sheet: '事项清单', row: await rowOf(edited, tooLong.implementationCode), column: '承诺时限', field: 'promisedLimit.days', message: '承诺时限（15日）不得超过法定时限（10日）' },
      expect.objectContaining({ sheet: '申请材料', column: '材料形式', field: 'materials.1.form' }),
    ]));
    expect(job.errors).toHaveLength(3);
    expect(await openDrafts(items.map((i) => i.implementationId))).toBe(0);
    const audited = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'catalog.import.failed' and entity_id = ${job.id}`);
    expect(audited?.n).toBe(1);
  });

  it('refuses a stale export and an item that already has an open draft, before writing anything', async () => {
    const { departmentId, items } = await departmentWithItems(3);
    const [stale, busy, fine] = items;
    if (!stale || !busy || !fine) throw new Error('no items');
    const buf = await exportXlsx(editor, `departmentId=${departmentId}`);
    // After the export, someone publishes version 2 of one item and opens a draft on another.
    const v2 = await call<Version>(editor, 'POST', `/api/v1/catalog/implementations/${stale.implementationId}/operations`, { operation: 'change', changeNote: '改名' });
    await call(editor, 'PATCH', `/api/v1/catalog/versions/${v2.body.id}`, { content: buildGuide({ name: '新名称' }) });
    await call(editor, 'POST', `/api/v1/catalog/versions/${v2.body.id}/submit`);
    expect((await call<Version>(reviewer, 'POST', `/api/v1/catalog/versions/${v2.body.id}/review`, { decision: 'approve' })).body.status).toBe('published');
    expect((await call(editor, 'POST', `/api/v1/catalog/implementations/${busy.implementationId}/operations`, { operation: 'change', changeNote: '进行中' })).status).toBe(201);

    const job = await importXlsx(editor, await edit(buf, [
      { sheet: '事项清单', code: busy.implementationCode, column: '承诺时限', value: 4 },
      { sheet: '事项清单', code: fine.implementationCode, column: '承诺时限', value: 4 },
    ]));
    expect(job.status).toBe('failed');
    expect(job.errors).toHaveLength(2);
    expect(job.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: await rowOf(buf, stale.implementationCode), column: '版本', message: expect.stringMatching(/^已有更新版本，请重新导出/) as unknown }),
      expect.objectContaining({ row: await rowOf(buf, busy.implementationCode), message: expect.stringMatching(/已有未完成的草稿（第2版）/) as unknown }),
    ]));
    expect(await openDrafts([fine.implementationId, stale.implementationId])).toBe(0);
  });

  it('keeps a county admin to their own region', async () => {
    const { departmentId } = await departmentWithItems(1);
    const buf = await exportXlsx(editor, `departmentId=${departmentId}`);
    // 建阳区's own admin may import it; 延平区's may not, row by row, and may not export 建阳区 either.
    const job = await importXlsx(ypEditor, buf);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([expect.objectContaining({ sheet: '事项清单', row: 2, column: '实施编码', message: expect.stringMatching(/不在当前账号的管辖区域内/) as unknown })]);
    const res = await call<ErrorJson>(ypEditor, 'GET', '/api/v1/catalog/export.xlsx?regionCode=350703000000');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await importXlsx(jyEditor, buf)).status).toBe('done');
    // Another county's admin cannot read the job either.
    expect((await call(ypEditor, 'GET', `/api/v1/catalog/imports/${job.id}`)).status).toBe(200);
    const jyJob = await upload(jyEditor, buf);
    const jyJobId = json<{ id: string }>(jyJob).id;
    expect((await call(ypEditor, 'GET', `/api/v1/catalog/imports/${jyJobId}`)).status).toBe(404);
    expect((await call(editor, 'GET', `/api/v1/catalog/imports/${jyJobId}`)).status).toBe(200);
  });

  it('answers 400 naming the problem for a body that is not a catalog workbook', async () => {
    const notXlsx = await upload(editor, 'hello, this is not a spreadsheet');
    expect(notXlsx.statusCode).toBe(400);
    expect(json<ErrorJson>(notXlsx).error.message).toMatch(/不是 xlsx/);
    const zipNotXlsx = await upload(editor, Buffer.from('504b0304000000000000', 'hex'));
    expect(zipNotXlsx.statusCode).toBe(400);

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['a', 'b']);
    const noSheets = await upload(editor, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(noSheets.statusCode).toBe(400);
    expect(json<ErrorJson>(noSheets).error.message).toMatch(/缺少工作表：事项清单、申请材料/);

    const { departmentId } = await departmentWithItems(1);
    const full = new ExcelJS.Workbook();
    await full.xlsx.load((await exportXlsx(editor, `departmentId=${departmentId}`)) as unknown as LoadArg);
    full.getWorksheet('事项清单')?.spliceColumns(17, 1);
    const noHeader = await upload(editor, Buffer.from(await full.xlsx.writeBuffer()));
    expect(noHeader.statusCode).toBe(400);
    expect(json<ErrorJson>(noHeader).error.message).toMatch(/事项清单\.承诺时限/);

    // Uploads may exceed the app's 1 MB JSON limit, up to the import limit of 10 MB.
    const big = Buffer.alloc(2 * 1024 * 1024, 1);
    big.writeUInt32LE(0x04034b50, 0);
    expect((await upload(editor, big)).statusCode).toBe(400);
    const tooBig = await upload(editor, Buffer.alloc(11 * 1024 * 1024, 1));
    expect(tooBig.statusCode).toBe(413);
    expect(json<ErrorJson>(tooBig).error.code).toBe('PAYLOAD_TOO_LARGE');

    const wrongType = await upload(editor, '{}', 'application/json');
    expect(wrongType.statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/imports', headers: { 'content-type': XLSX_MIME }, payload: Buffer.from('x') });
    expect(anonymous.statusCode).toBe(401);
  });
});
