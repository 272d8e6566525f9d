import type { z } from 'zod';
import { GuideContent, type GuideContentT } from '../../../common/schemas/catalog.ts';
import type { CatalogSearchQuery, CreateImplementationBody, DraftListQuery, OperationDetail, ReviewBody, StartOperationBody, VersionView } from '../../../common/schemas/catalog-api.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, hasRole, regionPrefix } from '../../platform/guard.ts';
import * as identity from '../identity/service.ts';
import * as org from '../org/service.ts';
import { checkGuide } from './checks.ts';
import { checkLicenseReferences } from './license-references.ts';
import { compareGuides } from './compare.ts';
import { diffGuides, type GuideChange } from './diff.ts';
import * as repo from './repo.ts';
import { highlight, queryTerms, segment, toTsQuery, tsvectorLiteral } from './search-text.ts';

const PUBLIC_STATUSES = new Set(['published', 'superseded', 'cancelled']);
const LEVEL_OF_DEPARTMENT = { city: 3, county: 4, town: 5 } as const;

/** What a delegation or merge draft stores (ids only; names are looked up when presented). */
interface StoredDetail {
  targetDepartmentId?: string;
  mergedImplementationIds?: string[];
}

function authorId(ctx: Ctx): string {
  const id = actorAccountId(ctx);
  if (!id) throw new AppError('UNAUTHENTICATED', '请先登录');
  return id;
}

/** Parse stored content (it was validated on write; parse again so old rows with defaults read the same). */
function guideOf(v: repo.VersionRow): GuideContentT {
  return GuideContent.parse(v.content);
}

/** Names of the people and bodies a version refers to. */
interface VersionNames {
  people: Map<string, string>;
  detail: z.infer<typeof OperationDetail> | null;
}

/** Present a version with its implementation. */
function presentVersion(impl: repo.ImplementationRow, v: repo.VersionRow, names: VersionNames): z.input<typeof VersionView> {
  return {
    id: v.id,
    implementationId: impl.id,
    implementationCode: impl.implementation_code,
    basicCode: impl.basic_code,
    regionCode: impl.region_code,
    regionName: impl.region_name,
    departmentId: impl.department_id,
    departmentName: impl.department_name,
    implementationStatus: impl.status,
    endedBy: impl.ended_by,
    successorImplementationId: impl.successor_id,
    version: v.version,
    status: v.status,
    operation: v.operation,
    operationDetail: names.detail,
    changeNote: v.change_note,
    reviewComment: v.review_comment,
    authorId: v.author_id,
    authorName: names.people.get(v.author_id) ?? '',
    reviewerId: v.reviewer_id,
    reviewerName: v.reviewer_id ? (names.people.get(v.reviewer_id) ?? '') : null,
    submittedAt: v.submitted_at ? new Date(v.submitted_at).toISOString() : null,
    publishedAt: v.published_at ? new Date(v.published_at).toISOString() : null,
    createdAt: new Date(v.created_at).toISOString(),
    isCurrent: impl.current_version_id === v.id,
    content: guideOf(v),
  };
}

/** Look up the names a list of versions refers to. */
async function namesFor(ctx: Ctx, versions: repo.VersionRow[]): Promise<(v: repo.VersionRow) => VersionNames> {
  const people = await identity.staffNames(ctx, versions.flatMap((v) => [v.author_id, ...(v.reviewer_id ? [v.reviewer_id] : [])]));
  const details = new Map<string, z.infer<typeof OperationDetail>>();
  for (const v of versions) {
    const d = v.operation_detail as StoredDetail | null;
    if (!d) continue;
    const out: z.infer<typeof OperationDetail> = {};
    if (d.targetDepartmentId) {
      const dept = await org.findDepartment(ctx, d.targetDepartmentId);
      out.targetDepartmentId = d.targetDepartmentId;
      out.targetDepartmentName = dept ? `${dept.region_name}${dept.name}` : '';
    }
    if (d.mergedImplementationIds) {
      out.mergedImplementations = [];
      for (const id of d.mergedImplementationIds) {
        const m = await repo.findImplementation(ctx.db, id);
        const cur = m?.current_version_id ? await repo.findVersion(ctx.db, m.current_version_id) : undefined;
        if (m) out.mergedImplementations.push({ id, code: m.implementation_code, name: cur ? guideOf(cur).name : '', departmentName: m.department_name });
      }
    }
    details.set(v.id, out);
  }
  return (v) => ({ people, detail: details.get(v.id) ?? null });
}

/** Get an implementation or throw 404. */
export async function getImplementation(ctx: Ctx, id: string): Promise<repo.ImplementationRow> {
  const i = await repo.findImplementation(ctx.db, id);
  if (!i) throw AppError.notFound('实施清单', id);
  return i;
}

async function versionWithImpl(ctx: Ctx, id: string): Promise<{ impl: repo.ImplementationRow; v: repo.VersionRow }> {
  const v = await repo.findVersion(ctx.db, id);
  if (!v) throw AppError.notFound('事项版本', id);
  return { impl: await getImplementation(ctx, v.implementation_id), v };
}

/** A draft or version under review is visible only to catalog admins of its region; versions in force and history are public. */
function assertCanRead(ctx: Ctx, impl: repo.ImplementationRow, v: repo.VersionRow): void {
  if (PUBLIC_STATUSES.has(v.status)) return;
  if (!hasRole(ctx, 'catalog_admin')) throw new AppError('NOT_FOUND', `事项版本 ${v.id} 不存在`);
  assertInScope(ctx, impl.region_code);
}

/** One exact version (cases reference the version they were applied under, so superseded versions stay readable). */
export async function getVersion(ctx: Ctx, id: string) {
  const { impl, v } = await versionWithImpl(ctx, id);
  assertCanRead(ctx, impl, v);
  return presentVersion(impl, v, (await namesFor(ctx, [v]))(v));
}

/** The guide in force of an implementation. */
export async function getCurrentGuide(ctx: Ctx, implementationId: string) {
  const impl = await getImplementation(ctx, implementationId);
  if (!impl.current_version_id) throw new AppError('NOT_FOUND', '该事项尚未发布');
  return getVersion(ctx, impl.current_version_id);
}

/** The history of an implementation: public versions, plus the open draft for its catalog admins. */
export async function listVersions(ctx: Ctx, implementationId: string) {
  const impl = await getImplementation(ctx, implementationId);
  const all = await repo.listVersions(ctx.db, implementationId);
  const canSeeDrafts = hasRole(ctx, 'catalog_admin') && (() => {
    try {
      assertInScope(ctx, impl.region_code);
      return true;
    } catch {
      return false;
    }
  })();
  const visible = all.filter((v) => PUBLIC_STATUSES.has(v.status) || canSeeDrafts);
  const names = await namesFor(ctx, visible);
  return visible.map((v) => presentVersion(impl, v, names(v)));
}

function parseContent(content: unknown): GuideContentT {
  const r = GuideContent.safeParse(content);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ path: ['content', ...i.path].join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return r.data;
}

/** Add an item to a department's implementation list (新增): a new draft, reviewed before it takes effect. */
export async function createImplementation(ctx: Ctx, input: z.infer<typeof CreateImplementationBody>) {
  const content = parseContent(input.content);
  const dept = await org.getDepartment(ctx, input.departmentId).catch(() => {
    throw AppError.field('departmentId', '部门不存在');
  });
  assertInScope(ctx, dept.region_code);
  if (!dept.credit_code) throw AppError.field('departmentId', '实施主体须有统一社会信用代码，才能生成实施编码');
  const level = LEVEL_OF_DEPARTMENT[dept.level];
  const id = await withTransaction(ctx, async (tx) => {
    const base = await repo.findBaseItem(tx.db, input.basicCode);
    const baseId = base?.id ?? (await repo.insertBaseItem(tx.db, { basicCode: input.basicCode, name: content.name, itemType: content.itemType }));
    if (base && base.item_type !== content.itemType) throw AppError.field('content.itemType', `基本目录中该事项类型为 ${base.item_type}`);
    if (await repo.findImplementationOf(tx.db, baseId, dept.id)) {
      throw new AppError('ALREADY_EXISTS', '该部门已实施此事项，请在原实施清单上变更', [{ path: 'basicCode', message: '该部门已实施此事项' }]);
    }
    const implId = await repo.insertImplementation(tx.db, {
      baseItemId: baseId, code: `${dept.credit_code}${level}${input.basicCode}`, departmentId: dept.id, regionCode: dept.region_code, level,
    });
    const versionId = await repo.insertVersion(tx.db, { implementationId: implId, operation: 'add', content, changeNote: input.changeNote ?? null, authorId: authorId(tx) });
    await audit(tx, { action: 'catalog.implementation.add', entityType: 'catalog_version', entityId: versionId, regionCode: dept.region_code, after: { basicCode: input.basicCode, departmentId: dept.id, name: content.name } });
    return versionId;
  });
  return getVersion(ctx, id);
}

/** Check a delegation target: an active body at a lower level in the item's region subtree that does not implement the item yet. */
async function delegationTarget(ctx: Ctx, impl: repo.ImplementationRow, departmentId: string | undefined): Promise<org.DepartmentRow> {
  if (!departmentId) throw AppError.field('targetDepartmentId', '下放须选择承接的下级部门');
  const dept = await org.findDepartment(ctx, departmentId);
  if (!dept || !dept.active) throw AppError.field('targetDepartmentId', '承接部门不存在或已停用');
  if (!dept.region_code.startsWith(regionPrefix(impl.region_code)) || LEVEL_OF_DEPARTMENT[dept.level] <= impl.level) {
    throw AppError.field('targetDepartmentId', `只能下放给${impl.region_name}辖区内的下级部门`);
  }
  if (!dept.credit_code) throw AppError.field('targetDepartmentId', '承接部门须有统一社会信用代码，才能生成实施编码');
  if (await repo.findImplementationOf(ctx.db, impl.base_item_id, dept.id)) throw AppError.field('targetDepartmentId', '承接部门已实施此事项');
  return dept;
}

/** Check merge members: published implementations of the same region, other than the survivor, not already being changed. */
async function mergeMembers(ctx: Ctx, impl: repo.ImplementationRow, ids: string[] | undefined): Promise<{ impl: repo.ImplementationRow; g: GuideContentT }[]> {
  if (!ids || ids.length === 0) throw AppError.field('mergedImplementationIds', '整合须选择被整合的事项');
  if (new Set(ids).size !== ids.length || ids.includes(impl.id)) throw AppError.field('mergedImplementationIds', '被整合的事项不能重复，也不能包含本事项');
  const out: { impl: repo.ImplementationRow; g: GuideContentT }[] = [];
  for (const [n, id] of ids.entries()) {
    const m = await repo.findImplementation(ctx.db, id);
    const field = `mergedImplementationIds.${n}`;
    if (!m || m.status !== 'published' || !m.current_version_id) throw AppError.field(field, '被整合的事项须是已发布的实施清单');
    if (m.region_code !== impl.region_code) throw AppError.field(field, `只能整合${impl.region_name}的事项`);
    const open = await repo.findOpenVersion(ctx.db, id);
    if (open) throw AppError.field(field, `被整合的事项已有未完成的草稿（第${open.version}版）`);
    const cur = await repo.findVersion(ctx.db, m.current_version_id);
    if (!cur) throw AppError.notFound('事项版本', m.current_version_id);
    out.push({ impl: m, g: guideOf(cur) });
  }
  return out;
}

/** The starting guide of a merge: the survivor's, plus the conditions and materials only the merged items had (the editor trims it). */
export function mergedGuide(survivor: GuideContentT, merged: GuideContentT[]): GuideContentT {
  const conditions = [...survivor.conditions];
  const materials = [...survivor.materials];
  for (const g of merged) {
    for (const c of g.conditions) if (!conditions.includes(c)) conditions.push(c);
    for (const m of g.materials) if (!materials.some((x) => x.name === m.name)) materials.push(m);
  }
  return { ...survivor, conditions: conditions.slice(0, 30), materials: materials.slice(0, 60) };
}

/** Open a change (变更), cancellation (取消), delegation (下放) or merge (整合) draft from the version in force. */
export async function startOperation(ctx: Ctx, implementationId: string, input: z.infer<typeof StartOperationBody>) {
  const { operation, changeNote } = input;
  const impl = await getImplementation(ctx, implementationId);
  assertInScope(ctx, impl.region_code);
  if (impl.status !== 'published' || !impl.current_version_id) throw new AppError('INVALID_STATE', '只有已发布的事项可以变更、取消、下放或整合', { status: impl.status });
  const current = await repo.findVersion(ctx.db, impl.current_version_id);
  if (!current) throw AppError.notFound('事项版本', impl.current_version_id);
  let content = guideOf(current);
  let detail: StoredDetail | undefined;
  if (operation === 'delegate') {
    const dept = await delegationTarget(ctx, impl, input.targetDepartmentId);
    detail = { targetDepartmentId: dept.id };
    content = { ...content, powerSource: 'delegated', delegatedBody: impl.department_name, location: { ...content.location, address: dept.address ?? content.location.address } };
  } else if (operation === 'merge') {
    const members = await mergeMembers(ctx, impl, input.mergedImplementationIds);
    detail = { mergedImplementationIds: members.map((m) => m.impl.id) };
    content = mergedGuide(content, members.map((m) => m.g));
  }
  const id = await withTransaction(ctx, async (tx) => {
    const open = await repo.findOpenVersion(tx.db, implementationId);
    if (open) throw new AppError('INVALID_STATE', `该事项已有未完成的草稿（第${open.version}版），请先完成或放弃`, { openVersionId: open.id });
    const absorbing = await repo.openMergesAbsorbing(tx.db, implementationId);
    if (absorbing.length > 0) throw new AppError('INVALID_STATE', '该事项正被另一事项的整合草稿引用，请先完成或放弃该整合', { mergeVersionId: absorbing[0]?.id });
    const versionId = await repo.insertVersion(tx.db, { implementationId, operation, content, changeNote, authorId: authorId(tx), detail });
    await audit(tx, { action: `catalog.implementation.${operation}.start`, entityType: 'catalog_version', entityId: versionId, regionCode: impl.region_code, after: { changeNote, ...detail } });
    return versionId;
  });
  return getVersion(ctx, id);
}

/** Abandon an open draft (放弃草稿); a never-published item's implementation goes with its only draft. */
export async function abandonDraft(ctx: Ctx, versionId: string): Promise<void> {
  const { impl, v } = await openDraft(ctx, versionId, ['draft', 'in_review']);
  await withTransaction(ctx, async (tx) => {
    await repo.deleteDraft(tx.db, versionId);
    if (!impl.current_version_id) await repo.deleteUnpublishedImplementation(tx.db, impl.id);
    await audit(tx, {
      action: 'catalog.version.abandon', entityType: 'catalog_version', entityId: versionId, regionCode: impl.region_code,
      before: { implementationId: impl.id, version: v.version, status: v.status, operation: v.operation, changeNote: v.change_note, content: v.content, detail: v.operation_detail },
    });
  });
}

/** Open drafts in the admin's region (what is being worked on, by whom). */
export async function listDrafts(ctx: Ctx, q: z.infer<typeof DraftListQuery>) {
  const prefix = ctx.actor.type === 'account' && ctx.actor.scope ? regionPrefix(ctx.actor.scope.regionCode) : '';
  const list = await repo.listDrafts(ctx.db, { regionPrefix: prefix, ...(q.status ? { status: q.status } : {}) });
  const people = await identity.staffNames(ctx, list.map((v) => v.author_id));
  return list.map((v) => ({
    id: v.id, implementationId: v.implementation_id, implementationCode: v.implementation_code, version: v.version,
    status: v.status as 'draft' | 'in_review', operation: v.operation, name: guideOf(v).name, regionCode: v.region_code, regionName: v.region_name,
    departmentName: v.department_name, changeNote: v.change_note, reviewComment: v.review_comment, authorName: people.get(v.author_id) ?? '',
    updatedAt: new Date(v.updated_at).toISOString(),
  }));
}

async function openDraft(ctx: Ctx, versionId: string, allowed: repo.VersionRow['status'][]) {
  const { impl, v } = await versionWithImpl(ctx, versionId);
  assertInScope(ctx, impl.region_code);
  if (!allowed.includes(v.status)) {
    throw new AppError('INVALID_STATE', `第${v.version}版当前状态为 ${v.status}，不能执行此操作`, { status: v.status, allowed });
  }
  return { impl, v };
}

/** Edit a draft's guide. */
export async function updateDraft(ctx: Ctx, versionId: string, input: { content: unknown; changeNote?: string | undefined }) {
  const content = parseContent(input.content);
  const { impl, v } = await openDraft(ctx, versionId, ['draft']);
  if (v.operation === 'cancel') throw new AppError('INVALID_STATE', '取消事项的草稿不能修改内容');
  await withTransaction(ctx, async (tx) => {
    await repo.updateDraft(tx.db, versionId, content, input.changeNote ?? v.change_note);
    await audit(tx, { action: 'catalog.version.edit', entityType: 'catalog_version', entityId: versionId, regionCode: impl.region_code, after: { changes: diffGuides(guideOf(v), content).map((c) => c.path) } });
  });
  return getVersion(ctx, versionId);
}

/** Submit a draft for review after the automatic checks pass; a failed check answers 400 listing every problem. */
export async function submitForReview(ctx: Ctx, versionId: string) {
  const { impl, v } = await openDraft(ctx, versionId, ['draft']);
  const issues = [...checkGuide(guideOf(v)), ...(await checkLicenseReferences(ctx, guideOf(v)))];
  if (issues.length > 0) {
    const details = issues.map((i) => ({ path: `content.${i.path}`, message: i.message }));
    throw new AppError('VALIDATION_FAILED', `自动检查未通过：${issues.map((i) => i.message).join('；')}`, details);
  }
  await withTransaction(ctx, async (tx) => {
    await repo.markSubmitted(tx.db, versionId);
    await audit(tx, { action: 'catalog.version.submit', entityType: 'catalog_version', entityId: versionId, regionCode: impl.region_code });
  });
  return getVersion(ctx, versionId);
}

/** The search vector of a guide (name weighs most, then result, themes and bodies, then conditions and materials). */
export function searchVector(impl: Pick<repo.ImplementationRow, 'department_name'>, g: GuideContentT): string {
  return tsvectorLiteral({
    A: segment(g.name),
    B: segment([g.result.name, ...g.themes, impl.department_name, ...g.coHandlingBodies].join(' ')),
    C: segment([...g.conditions, ...g.materials.map((m) => m.name)].join(' ')),
  });
}

/** Review a submitted version (审核) by a second catalog admin: approve publishes it as a new immutable version. */
export async function review(ctx: Ctx, versionId: string, input: z.infer<typeof ReviewBody>) {
  const { impl, v } = await openDraft(ctx, versionId, ['in_review']);
  const reviewer = authorId(ctx);
  if (reviewer === v.author_id) throw new AppError('FORBIDDEN', '须由另一名事项管理员审核（编辑人不能审核自己的修改）');
  if (input.decision === 'reject' && !input.comment) throw AppError.field('comment', '退回修改须说明理由');
  const g = guideOf(v);
  const detail = (v.operation_detail ?? {}) as StoredDetail;
  // Re-check what may have changed since the draft was opened (another body took the item, a member got a draft).
  const target = input.decision === 'approve' && v.operation === 'delegate' ? await delegationTarget(ctx, impl, detail.targetDepartmentId) : null;
  const members = input.decision === 'approve' && v.operation === 'merge' ? await mergeMembers(ctx, impl, detail.mergedImplementationIds) : [];
  await withTransaction(ctx, async (tx) => {
    const ended = async (id: string, current: string | null, versionId: string, endedBy: 'cancel' | 'delegate' | 'merge', successor: string | null) => {
      if (current) await repo.supersede(tx.db, current);
      await repo.markReviewed(tx.db, versionId, { status: 'cancelled', reviewerId: reviewer, comment: input.comment ?? null, search: null });
      await repo.setCurrentVersion(tx.db, id, versionId, 'cancelled');
      await repo.markEnded(tx.db, id, endedBy, successor);
    };
    let successor: string | null = null;
    if (input.decision === 'reject') {
      await repo.markReviewed(tx.db, versionId, { status: 'draft', reviewerId: reviewer, comment: input.comment ?? null, search: null });
    } else if (v.operation === 'cancel') {
      await ended(impl.id, impl.current_version_id, versionId, 'cancel', null);
    } else if (target) {
      // 下放: the lower body gets a new implementation whose first version is the reviewed guide; the old one ends pointing at it.
      const level = LEVEL_OF_DEPARTMENT[target.level];
      successor = await repo.insertImplementation(tx.db, {
        baseItemId: impl.base_item_id, code: `${target.credit_code ?? ''}${level}${impl.basic_code}`, departmentId: target.id, regionCode: target.region_code, level,
      });
      const first = await repo.insertVersion(tx.db, { implementationId: successor, operation: 'delegate', content: g, changeNote: v.change_note, authorId: v.author_id, detail: { delegatedFromImplementationId: impl.id } });
      await repo.markReviewed(tx.db, first, { status: 'published', reviewerId: reviewer, comment: input.comment ?? null, search: searchVector({ department_name: target.name }, g) });
      await repo.setCurrentVersion(tx.db, successor, first, 'published');
      await ended(impl.id, impl.current_version_id, versionId, 'delegate', successor);
    } else {
      if (impl.current_version_id) await repo.supersede(tx.db, impl.current_version_id);
      await repo.markReviewed(tx.db, versionId, { status: 'published', reviewerId: reviewer, comment: input.comment ?? null, search: searchVector(impl, g) });
      await repo.setCurrentVersion(tx.db, impl.id, versionId, 'published');
      // 整合: every absorbed implementation ends with a closing version that points at the survivor.
      for (const m of members) {
        const closing = await repo.insertVersion(tx.db, {
          implementationId: m.impl.id, operation: 'merge', content: m.g, changeNote: `整合入「${g.name}」（${impl.implementation_code}）`, authorId: v.author_id,
          detail: { mergedIntoImplementationId: impl.id },
        });
        await ended(m.impl.id, m.impl.current_version_id, closing, 'merge', impl.id);
      }
    }
    const action = input.decision === 'reject' ? 'reject' : v.operation === 'add' || v.operation === 'change' ? 'publish' : v.operation;
    await audit(tx, {
      action: `catalog.version.${action}`,
      entityType: 'catalog_version', entityId: versionId, regionCode: impl.region_code,
      before: { status: 'in_review', currentVersionId: impl.current_version_id },
      after: { decision: input.decision, comment: input.comment ?? null, ...(successor ? { successorImplementationId: successor } : {}), ...(members.length > 0 ? { merged: members.map((m) => m.impl.id) } : {}) },
    });
  });
  return getVersion(ctx, versionId);
}

/** Field-by-field differences of a version against the version in force before it. */
export async function diffVersion(ctx: Ctx, versionId: string): Promise<{ against: number | null; changes: GuideChange[] }> {
  const { impl, v } = await versionWithImpl(ctx, versionId);
  assertCanRead(ctx, impl, v);
  const prev = await repo.previousPublished(ctx.db, impl.id, v.version);
  return { against: prev?.version ?? null, changes: diffGuides(prev ? guideOf(prev) : null, guideOf(v)) };
}

/** Versions waiting for the actor's review, in their region. */
export async function reviewQueue(ctx: Ctx) {
  const prefix = ctx.actor.type === 'account' && ctx.actor.scope ? regionPrefix(ctx.actor.scope.regionCode) : '';
  const me = actorAccountId(ctx);
  const list = await repo.reviewQueue(ctx.db, prefix);
  return list.map((v) => ({
    id: v.id, implementationId: v.implementation_id, version: v.version, operation: v.operation, name: guideOf(v).name,
    regionName: v.region_name, departmentName: v.department_name, changeNote: v.change_note,
    submittedAt: v.submitted_at ? new Date(v.submitted_at).toISOString() : null, mine: v.author_id === me,
  }));
}

/** Search the published catalog (public): Chinese full text with highlights, filtered by region, department, audience, theme, type. */
export async function search(ctx: Ctx, q: z.infer<typeof CatalogSearchQuery>) {
  const groups = q.q ? queryTerms(q.q) : [];
  const tsquery = groups.length > 0 ? toTsQuery(groups) : null;
  const filter: repo.SearchFilter = {
    tsquery: tsquery || null,
    regionPrefix: regionPrefix(q.regionCode ?? org.HOME_CITY),
    ...(q.departmentId ? { departmentId: q.departmentId } : {}),
    ...(q.servesTo ? { servesTo: q.servesTo } : {}),
    ...(q.theme ? { theme: q.theme } : {}),
    ...(q.itemType ? { itemType: q.itemType } : {}),
  };
  const found = await repo.searchPublished(ctx.db, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize, distinctBase: q.distinct === 'base' });
  const facets = q.facets === 'true' ? await repo.searchFacets(ctx.db, filter) : undefined;
  const words = groups.flat(2);
  return {
    total: found[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    ...(facets ? { facets } : {}),
    items: found.map((r) => {
      const g = GuideContent.parse(r.content);
      return {
        implementationId: r.implementation_id, versionId: r.version_id, version: r.version, basicCode: r.basic_code,
        name: g.name, nameHighlight: highlight(g.name, words), itemType: g.itemType, servesTo: g.servesTo, themes: g.themes,
        regionCode: r.region_code, regionName: r.region_name, departmentId: r.department_id, departmentName: r.department_name,
        promisedDays: g.promisedLimit.days, promisedUnit: g.promisedLimit.unit, statutoryDays: g.statutoryLimit.days, statutoryUnit: g.statutoryLimit.unit,
        visitsRequired: g.visitsRequired,
        onlineDepth: g.onlineDepth, resultName: g.result.name, materialCount: g.materials.length, regionCount: r.region_count,
      };
    }),
  };
}

/** Where a base item is implemented and in force (public: the guide page lets a citizen switch county). */
export async function implementationsOfBase(ctx: Ctx, basicCode: string) {
  const list = await repo.implementationsOfBase(ctx.db, basicCode);
  return { items: list.map((r) => ({ implementationId: r.implementation_id, regionCode: r.region_code, regionName: r.region_name, departmentName: r.department_name })) };
}

/** "同一事项、同一标准": one base item across regions, with the fields that differ from the most common value. */
export async function compare(ctx: Ctx, basicCode: string) {
  const list = await repo.publishedOfBase(ctx.db, basicCode);
  if (list.length === 0) throw new AppError('NOT_FOUND', `基本编码 ${basicCode} 没有已发布的实施清单`);
  const guides = list.map((r) => ({ ...r, g: GuideContent.parse(r.content), regionName: r.region_name }));
  return {
    basicCode,
    name: guides[0]?.g.name ?? '',
    regions: compareGuides(guides).map(({ item: x, values, differences }) => ({
      implementationId: x.implementation_id, regionCode: x.region_code, regionName: x.region_name, departmentName: x.department_name, version: x.version,
      values, differences,
    })),
  };
}

/**
 * Open a change draft whose guide is already decided (the xlsx import), inside the caller's
 * transaction: the same guards as startOperation — in scope, still at the version the content was
 * based on, no open draft, not being absorbed by a merge — and the same audit event.
 */
export async function openChangeDraftWithContent(
  tx: Ctx,
  input: { implementationId: string; basedOnVersionId: string; content: GuideContentT; changeNote: string; importId: string; changedFields: string[] },
): Promise<{ versionId: string; version: number }> {
  if (!tx.inTransaction) throw new Error('openChangeDraftWithContent must run inside a transaction');
  const impl = await getImplementation(tx, input.implementationId);
  assertInScope(tx, impl.region_code);
  if (impl.status !== 'published' || impl.current_version_id !== input.basedOnVersionId) {
    throw new AppError('CONFLICT', '已有更新版本，请重新导出', { currentVersionId: impl.current_version_id });
  }
  const open = await repo.findOpenVersion(tx.db, impl.id);
  if (open) throw new AppError('INVALID_STATE', `该事项已有未完成的草稿（第${open.version}版），请先完成或放弃`, { openVersionId: open.id });
  const absorbing = await repo.openMergesAbsorbing(tx.db, impl.id);
  if (absorbing.length > 0) throw new AppError('INVALID_STATE', '该事项正被另一事项的整合草稿引用，请先完成或放弃该整合', { mergeVersionId: absorbing[0]?.id });
  const versionId = await repo.insertVersion(tx.db, { implementationId: impl.id, operation: 'change', content: input.content, changeNote: input.changeNote, authorId: authorId(tx) });
  const v = await repo.findVersion(tx.db, versionId);
  await audit(tx, {
    action: 'catalog.implementation.change.start', entityType: 'catalog_version', entityId: versionId, regionCode: impl.region_code,
    after: { changeNote: input.changeNote, importId: input.importId, changes: input.changedFields },
  });
  return { versionId, version: v?.version ?? 0 };
}

/** Names of base items (基本目录) by basic code; unknown codes are absent (e.g. the items an enterprise's agent may handle). */
export async function baseItemNames(ctx: Ctx, basicCodes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const code of new Set(basicCodes)) {
    const b = await repo.findBaseItem(ctx.db, code);
    if (b) out.set(code, b.name);
  }
  return out;
}
