/**
 * Catalog xlsx export and import (导出 / 导入). The import is a job: parse and validate every row
 * first (outside any transaction, reporting progress), then — only when no row has an error — open
 * all the change drafts in one short transaction. Any error: the job fails and nothing is written.
 */
import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { z } from 'zod';
import { LIMITS } from '../../../common/limits.ts';
import { GuideContent, type GuideContentT } from '../../../common/schemas/catalog.ts';
import type { CatalogExportQuery, ImportDraft, ImportJobView } from '../../../common/schemas/catalog-import.ts';
import { audit } from '../../platform/audit.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { actorAccountId, withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, regionPrefix, regionWithin, requireScope } from '../../platform/guard.ts';
import { checkGuide } from './checks.ts';
import { diffGuides } from './diff.ts';
import { queryTerms, toTsQuery } from './search-text.ts';
import { openChangeDraftWithContent } from './service.ts';
import { SHEETS, asRows, columnHeader, decodeItem, encodeItem, type DataSheet, type ItemMeta, type ItemRows, type RowError, type SourceRow } from './xlsx-codec.ts';
import { readCatalogWorkbook, writeCatalogWorkbook, type WorkbookRows } from './xlsx-file.ts';
import * as repo from './xlsx-repo.ts';

/** How often (in implementations) the job writes its progress and lets other requests run. */
const PROGRESS_EVERY = 25;
/** A job not updated for this long was cut off by a restart: it is reported failed. */
const STALE_JOB_MS = 10 * 60 * 1000;

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Export the published implementations in scope as a workbook. */
export async function exportWorkbook(ctx: Ctx, q: z.infer<typeof CatalogExportQuery>): Promise<{ body: Buffer; fileName: string; count: number }> {
  const regionCode = q.regionCode ?? requireScope(ctx).regionCode;
  assertInScope(ctx, regionCode);
  const groups = q.q ? queryTerms(q.q) : [];
  const tsquery = groups.length > 0 ? toTsQuery(groups) : '';
  const found = await repo.exportRows(ctx.db, {
    regionPrefix: regionPrefix(regionCode), limit: LIMITS.catalogXlsxMaxItems + 1,
    ...(q.departmentId ? { departmentId: q.departmentId } : {}), ...(tsquery ? { tsquery } : {}),
  });
  if (found.length > LIMITS.catalogXlsxMaxItems) {
    throw new AppError('BAD_REQUEST', `导出范围超过 ${LIMITS.catalogXlsxMaxItems} 项，请按区划或部门缩小范围后分批导出`);
  }
  const now = new Date();
  const stamp = now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const body = await writeCatalogWorkbook(
    found.map((r) => encodeItem(metaOf(r), GuideContent.parse(r.content))),
    `${stamp}，共 ${found.length} 项`,
  );
  await audit(ctx, {
    action: 'catalog.export', entityType: 'catalog_export', entityId: null, regionCode,
    after: { regionCode, departmentId: q.departmentId ?? null, q: q.q ?? null, count: found.length },
  });
  const day = now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).replaceAll('-', '');
  return { body, fileName: `事项清单-${regionPrefix(regionCode)}-${day}.xlsx`, count: found.length };
}

function metaOf(r: Pick<repo.ExportRow, 'implementation_code' | 'basic_code' | 'version' | 'region_name' | 'department_name' | 'level'>): ItemMeta {
  return { code: r.implementation_code, basicCode: r.basic_code, version: r.version, regionName: r.region_name, departmentName: r.department_name, level: r.level };
}

/**
 * Accept an uploaded workbook: check that it is a catalog workbook (400 naming what is wrong if not),
 * record the job and start it. `done` settles when the job has finished (tests and shutdown wait on it).
 */
export async function startImport(ctx: Ctx, body: unknown, fileName: string | null): Promise<{ id: string; done: Promise<void> }> {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError('BAD_REQUEST', '请上传 xlsx 文件（Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）');
  }
  const scope = requireScope(ctx);
  const accountId = actorAccountId(ctx);
  if (!accountId) throw new AppError('UNAUTHENTICATED', '请先登录');
  const sheets = await readCatalogWorkbook(body);
  const total = sheets.items.length;
  if (total === 0) throw new AppError('BAD_REQUEST', '“事项清单”工作表没有数据行');
  if (total > LIMITS.catalogXlsxMaxItems) throw new AppError('BAD_REQUEST', `一次最多导入 ${LIMITS.catalogXlsxMaxItems} 项，本文件有 ${total} 项，请分批导入`);
  const id = await repo.insertImport(ctx.db, {
    accountId, regionCode: scope.regionCode, fileName, sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length, total,
  });
  const done = runImport(ctx, id, sheets, fileName).catch(async (e: unknown) => {
    // An unexpected failure still ends the job, so the console stops polling and says so.
    ctx.log.error({ err: e, importId: id }, 'catalog import failed unexpectedly');
    const message = `导入失败：服务器内部错误（请求编号 ${ctx.requestId}）`;
    await repo.finishImport(ctx.db, id, { status: 'failed', errors: [{ sheet: SHEETS.items, row: null, column: null, field: null, message }], drafts: [], unchanged: 0 });
  });
  return { id, done };
}

/** A change the import will make: the implementation, the version it was based on, the new guide. */
interface Planned {
  target: repo.ImportTargetRow;
  row: number;
  content: GuideContentT;
  changes: { path: string; label: string }[];
}

/** Group every sheet's rows by 实施编码; rows that belong to no listed implementation are errors. */
function groupRows(sheets: WorkbookRows, errors: RowError[]): Map<string, ItemRows> {
  const items = new Map<string, ItemRows>();
  const text = (v: SourceRow['cells'][string] | undefined) => (v === null || v === undefined ? '' : String(v).trim());
  for (const r of sheets.items) {
    const code = text(r.cells.code);
    if (!code) {
      errors.push({ sheet: SHEETS.items, row: r.row, column: columnHeader('items', 'code'), field: null, message: '实施编码不能为空（新增事项请在系统中新增，导入只用于变更）' });
      continue;
    }
    const first = items.get(code);
    if (first) {
      errors.push({ sheet: SHEETS.items, row: r.row, column: columnHeader('items', 'code'), field: null, message: `实施编码 ${code} 重复（第 ${first.items[0]?.row ?? '?'} 行已有）` });
      continue;
    }
    items.set(code, { items: [r], materials: [], steps: [], fees: [], legalBases: [], specialProcedures: [] });
  }
  for (const sheet of ['materials', 'steps', 'fees', 'legalBases', 'specialProcedures'] as const satisfies DataSheet[]) {
    for (const r of sheets[sheet]) {
      const code = text(r.cells.code);
      const item = items.get(code);
      if (item) item[sheet].push(r);
      else errors.push({ sheet: SHEETS[sheet], row: r.row, column: columnHeader(sheet, 'code'), field: null, message: code ? `实施编码 ${code} 不在“事项清单”中` : '实施编码不能为空' });
    }
  }
  return items;
}

/**
 * Keep the stored value of every field whose cells were not edited. Comparing the upload with the
 * version in force sent through the same cells (not with the stored guide itself) means what the
 * sheet cannot tell apart — an empty optional text, spacing — never shows up as a change.
 */
function keepUnchanged(current: GuideContentT, roundTrip: GuideContentT, imported: GuideContentT): GuideContentT {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(GuideContent.shape) as (keyof GuideContentT)[]) {
    if (same(roundTrip[k], imported[k])) {
      out[k] = current[k];
    } else if (k === 'materials' || k === 'processSteps') {
      // Entry by entry, so an edited material leaves its neighbours exactly as stored.
      const cur: { key: string }[] = current[k];
      const rt: { key: string }[] = roundTrip[k];
      out[k] = (imported[k] as { key: string }[]).map((entry) => {
        const before = rt.find((x) => x.key === entry.key);
        return before && same(before, entry) ? (cur.find((x) => x.key === entry.key) ?? entry) : entry;
      });
    } else {
      out[k] = imported[k];
    }
  }
  return out as GuideContentT;
}

/** Validate one implementation's rows against the version in force; returns the change to make, if any. */
function validateItem(ctx: Ctx, rows: ItemRows, target: repo.ImportTargetRow | undefined, errors: RowError[]): Planned | 'unchanged' | 'error' {
  const decoded = decodeItem(rows);
  const mainError = (column: string | null, message: string): 'error' => {
    errors.push({ sheet: SHEETS.items, row: decoded.row, column, field: null, message });
    return 'error';
  };
  const codeColumn = columnHeader('items', 'code');
  if (!target) return mainError(codeColumn, `实施编码 ${decoded.code} 不存在（新增事项请在系统中新增，导入只用于变更）`);
  try {
    assertInScope(ctx, target.region_code);
  } catch (e) {
    if (e instanceof AppError) return mainError(codeColumn, `该事项属于${target.region_name}，不在当前账号的管辖区域内`);
    throw e;
  }
  if (target.status !== 'published' || !target.current_version_id || target.current_version === null) {
    return mainError(codeColumn, target.status === 'cancelled' ? '该事项已取消，不能再变更' : '该事项尚未发布，不能通过导入变更');
  }
  const versionColumn = columnHeader('items', 'version');
  if (decoded.version === null) return mainError(versionColumn, '缺少版本号，请使用导出的工作簿填写');
  if (decoded.version < target.current_version) return mainError(versionColumn, `已有更新版本，请重新导出（导出时为第${decoded.version}版，现行为第${target.current_version}版）`);
  if (decoded.version > target.current_version) return mainError(versionColumn, `版本号无效：现行版本为第${target.current_version}版`);

  if (decoded.errors.length > 0) {
    errors.push(...decoded.errors);
    return 'error';
  }
  const parsed = GuideContent.safeParse(decoded.content);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(decoded.locate(issue.path.filter((p) => typeof p !== 'symbol'), issue.message));
    return 'error';
  }
  const current = GuideContent.parse(target.current_content);
  const meta: ItemMeta = { code: target.implementation_code, basicCode: target.basic_code, version: target.current_version, regionName: target.region_name, departmentName: target.department_name, level: target.level };
  const rt = GuideContent.safeParse(decodeItem(asRows(encodeItem(meta, current))).content);
  const content = keepUnchanged(current, rt.success ? rt.data : current, parsed.data);
  const changes = diffGuides(current, content);
  if (changes.length === 0) return 'unchanged';
  // The automatic checks run on what changes; an untouched item is not held to rules added since it was published.
  const issues = checkGuide(content);
  for (const i of issues) errors.push(decoded.locate(i.path.split('.'), i.message));
  if (target.open_version !== null) {
    return mainError(null, `该事项已有未完成的草稿（第${target.open_version}版），请先完成或放弃后再导入`);
  }
  if (issues.length > 0) return 'error';
  return { target, row: decoded.row, content, changes: changes.map((ch) => ({ path: ch.path, label: ch.label })) };
}

/** The job: validate everything, then write everything or nothing. */
async function runImport(ctx: Ctx, id: string, sheets: WorkbookRows, fileName: string | null): Promise<void> {
  const errors: RowError[] = [];
  const items = groupRows(sheets, errors);
  await repo.setImportProgress(ctx.db, id, { status: 'validating', processed: 0 });
  const targets = new Map((await repo.implementationsByCode(ctx.db, [...items.keys()])).map((t) => [t.implementation_code, t]));
  const planned: Planned[] = [];
  let unchanged = 0;
  let processed = 0;
  for (const [code, rows] of items) {
    const r = validateItem(ctx, rows, targets.get(code), errors);
    if (r === 'unchanged') unchanged++;
    else if (r !== 'error') planned.push(r);
    processed++;
    if (processed % PROGRESS_EVERY === 0) {
      await repo.setImportProgress(ctx.db, id, { status: 'validating', processed });
      // Validation is CPU work: let other requests in between chunks.
      await yieldToEventLoop();
    }
  }
  const total = sheets.items.length;
  const summary = { fileName, total, unchanged, changed: planned.length, errors: errors.length };
  if (errors.length > 0) return failImport(ctx, id, errors, unchanged, summary);

  await repo.setImportProgress(ctx.db, id, { status: 'applying', processed: total });
  let current: Planned | undefined;
  try {
    await withTransaction(ctx, async (tx) => {
      const drafts: z.infer<typeof ImportDraft>[] = [];
      for (const p of planned) {
        current = p;
        const labels = p.changes.map((ch) => ch.label);
        const changeNote = `xlsx 导入：${labels.join('、')}`.slice(0, 500);
        const d = await openChangeDraftWithContent(tx, {
          implementationId: p.target.id, basedOnVersionId: p.target.current_version_id ?? '', content: p.content, changeNote, importId: id,
          changedFields: p.changes.map((ch) => ch.path),
        });
        drafts.push({ implementationId: p.target.id, versionId: d.versionId, version: d.version, code: p.target.implementation_code, name: p.content.name, changedFields: p.changes });
      }
      current = undefined;
      await repo.finishImport(tx.db, id, { status: 'done', errors: [], drafts, unchanged });
      await audit(tx, { action: 'catalog.import.done', entityType: 'catalog_import', entityId: id, regionCode: requireScope(tx).regionCode, after: { ...summary, drafts: drafts.map((d) => d.versionId) } });
    });
  } catch (e) {
    // Something changed between validation and writing (a draft opened, a version published): report it on its row.
    if (!(e instanceof AppError)) throw e;
    const row = current?.row ?? null;
    return failImport(ctx, id, [{ sheet: SHEETS.items, row, column: null, field: null, message: e.message }], unchanged, summary);
  }
}

async function failImport(ctx: Ctx, id: string, errors: RowError[], unchanged: number, summary: Record<string, unknown>): Promise<void> {
  const sorted = [...errors].sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || (a.row ?? 0) - (b.row ?? 0));
  await withTransaction(ctx, async (tx) => {
    await repo.finishImport(tx.db, id, { status: 'failed', errors: sorted, drafts: [], unchanged });
    await audit(tx, { action: 'catalog.import.failed', entityType: 'catalog_import', entityId: id, regionCode: requireScope(tx).regionCode, after: { ...summary, firstErrors: sorted.slice(0, 20) } });
  });
}

const SHEET_ORDER: string[] = Object.values(SHEETS);
function sheetOrder(name: string): number {
  return SHEET_ORDER.indexOf(name);
}

/** An import job, for its author and the catalog admins whose region covers the author's. */
export async function getImport(ctx: Ctx, id: string): Promise<z.input<typeof ImportJobView>> {
  const job = await repo.findImport(ctx.db, id);
  const me = actorAccountId(ctx);
  const scope = requireScope(ctx);
  if (!job || (job.account_id !== me && !regionWithin(job.region_code, scope.regionCode))) throw AppError.notFound('导入任务', id);
  const finished = job.status === 'done' || job.status === 'failed';
  const stale = !finished && Date.now() - new Date(job.updated_at).getTime() > STALE_JOB_MS;
  return {
    id: job.id,
    status: stale ? 'failed' : job.status,
    processed: job.processed,
    total: job.total,
    fileName: job.file_name,
    errors: stale ? [{ sheet: SHEETS.items, row: null, column: null, field: null, message: '导入任务已中断（服务重启），未写入任何内容，请重新导入' }] : (job.errors as RowError[]),
    drafts: job.drafts as z.input<typeof ImportDraft>[],
    unchanged: job.unchanged,
    createdAt: new Date(job.created_at).toISOString(),
    finishedAt: job.finished_at ? new Date(job.finished_at).toISOString() : null,
  };
}
