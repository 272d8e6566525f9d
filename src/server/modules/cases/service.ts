import type { z } from 'zod';
import type { FieldIssue } from '../../../common/errors.ts';
import { maskIdNumber } from '../../../common/identifiers.ts';
import { GuideContent, type GuideContentT } from '../../../common/schemas/catalog.ts';
import {
  CASE_ACTION_LABELS,
  CASE_STATE_LABELS,
  type AcceptBody,
  type AcceptWithDeficiencyBody,
  type ApproveBody,
  type CaseAction,
  type CaseListItem,
  type CaseListQuery,
  type CaseState,
  type CaseViewT,
  type ClockView,
  type CreateCaseBody,
  type DelegateBody,
  type DeliverBody,
  type DenyBody,
  type EndSpecialBody,
  type FulfilPromiseBody,
  type MaterialEntryT,
  type NotAcceptBody,
  type ReturnBody,
  type StartSpecialBody,
  type SupplementBody,
  type SupplementRequestBody,
  type TimelineEvent,
  type UpdateCaseDraftBody,
  type WithdrawBody,
} from '../../../common/schemas/cases.ts';
import { audit } from '../../platform/audit.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { actorAccountId, clockNow, withTransaction, type Ctx } from '../../platform/context.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { registerFileReadPolicy } from '../../platform/files.ts';
import { hasRole, regionPrefix, regionWithin, requireScope, scopeDepartment, scopePrefix } from '../../platform/guard.ts';
import * as catalog from '../catalog/service.ts';
import * as identity from '../identity/service.ts';
import { assertRealNameLevel } from '../identity/real-name.ts';
import { assertAgentMayHandle } from '../identity/acting.ts';
import { notify } from '../notify/service.ts';
import * as org from '../org/service.ts';
import { attachFiles, CASE_FILE_OWNER, checkAttachableFiles, computeClock, shanghaiDate } from './adapters.ts';
import { validateForm } from './form.ts';
import { onCaseCompleted, onCaseEvent, recordLicenseGrants, recordTrustedMaterialUse, resolveLicenseMaterial, resolveTrustedMaterial, type CaseCompleted } from './hooks.ts';
import { assertApplicantOrClerk, assertAssigneeOrOpen, assertCanRead, assertTaskActor, assertWindowClerk, caseDepartmentScope, isApplicantOf } from './policy.ts';
import * as repo from './repo.ts';
import { allowedActions, transition } from './state-machine.ts';

type Step = GuideContentT['processSteps'][number];
/** A stage of processing: one step, or the steps of one parallel group (会签). */
interface Stage {
  group: string | null;
  steps: Step[];
}
/** The exact catalog version a case was applied under. */
interface BoundVersion {
  id: string;
  version: number;
  implementationId: string;
  /** 基本编码 of the item (an enterprise's agent may be limited to some). */
  basicCode: string;
  implementationStatus: string;
  regionCode: string;
  regionName: string;
  departmentId: string;
  departmentName: string;
  guide: GuideContentT;
}

// ---------- helpers ----------

function me(ctx: Ctx): string {
  const id = actorAccountId(ctx);
  if (!id) throw new AppError('UNAUTHENTICATED', '请先登录');
  return id;
}

function actorName(ctx: Ctx): string {
  if (ctx.actor.type === 'account') return ctx.actor.displayName;
  return ctx.actor.type === 'system' ? `系统（${ctx.actor.name}）` : '匿名';
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

function validationError(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** Read a catalog version (any status a case may point at) and parse its guide. */
async function boundVersion(ctx: Ctx, versionId: string): Promise<BoundVersion> {
  const v = await catalog.getVersion(ctx, versionId);
  return {
    id: v.id, version: v.version, implementationId: v.implementationId, basicCode: v.basicCode, implementationStatus: v.implementationStatus, regionCode: v.regionCode,
    regionName: v.regionName, departmentId: v.departmentId, departmentName: v.departmentName, guide: GuideContent.parse(v.content),
  };
}

/**
 * The processing stages of a guide: the leading window steps are the acceptance itself (受理), the
 * rest run in order, and consecutive steps sharing a parallel group form one stage (会签).
 */
export function processStages(g: GuideContentT): Stage[] {
  let i = 0;
  while (i < g.processSteps.length && g.processSteps[i]?.role === 'window_clerk' && !g.processSteps[i]?.parallelGroup) i++;
  const stages: Stage[] = [];
  for (const s of g.processSteps.slice(i)) {
    const last = stages.at(-1);
    if (s.parallelGroup && last && last.group === s.parallelGroup) last.steps.push(s);
    else stages.push({ group: s.parallelGroup ?? null, steps: [s] });
  }
  return stages;
}

/** Resolve each step's department short name to the department of that name in the implementing region. */
async function resolveDepartments(ctx: Ctx, v: BoundVersion, steps: Step[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of steps) {
    if (!s.department) {
      out.set(s.key, v.departmentId);
      continue;
    }
    const d = await org.findDepartmentByName(ctx, v.regionCode, s.department);
    if (!d) {
      throw new AppError('CONFLICT', `办理环节“${s.name}”的承办部门“${s.department}”在${v.regionName}不存在或已停用，请联系事项管理员`, { step: s.key, department: s.department });
    }
    out.set(s.key, d.id);
  }
  return out;
}

/** The applicant as a license holder, for resolving license materials (clear code: in-process only). */
type Holder = { kind: 'person' | 'legal_person'; code: string | null };

function holderOf(ctx: Ctx, who: Pick<repo.NewCase, 'applicant' | 'applicantIdNumberEnc'>): Holder {
  const a = who.applicant;
  if (a.kind === 'legal_person') return { kind: a.kind, code: a.creditCode };
  return { kind: a.kind, code: who.applicantIdNumberEnc ? identity.pii(ctx).decrypt(who.applicantIdNumberEnc) : null };
}

function holderOfCase(ctx: Ctx, c: repo.CaseRow): Holder {
  return holderOf(ctx, { applicant: c.applicant, applicantIdNumberEnc: c.applicant_id_number_enc });
}

/**
 * Check materials against the version's guide: only its keys, and each source allowed for that
 * material. A material proved by a license is resolved to the holder's valid license of that type
 * (the entry is completed with its id and number), or refused naming the material.
 */
async function checkMaterials(ctx: Ctx, v: BoundVersion, input: Record<string, MaterialEntryT>, atWindow: boolean, caseId: string | null, holder: Holder, prefix = 'materials'): Promise<Record<string, MaterialEntryT>> {
  const issues: FieldIssue[] = [];
  // A copy: the request as sent stays what idempotency keys compare against.
  const materials: Record<string, MaterialEntryT> = Object.fromEntries(Object.entries(input).map(([k, e]) => [k, { ...e }]));
  for (const [key, entry] of Object.entries(materials)) {
    const path = `${prefix}.${key}`;
    const m = v.guide.materials.find((x) => x.key === key);
    if (!m) {
      issues.push({ path, message: `“${key}”不在该事项办事指南（第${v.version}版）公布的材料中，不能要求或提交` });
      continue;
    }
    if (entry.via === 'paper' && !atWindow) issues.push({ path, message: `“${m.name}”：纸质材料只能在窗口收取` });
    if (entry.via === 'promise' && !m.deficiencyAllowed) issues.push({ path, message: `“${m.name}”不允许容缺（告知承诺）` });
    if (entry.via === 'license' && m.source.kind !== 'license') issues.push({ path, message: `“${m.name}”不能以电子证照代替` });
    if (entry.via === 'license' && m.source.kind === 'license') {
      const found = await resolveLicenseMaterial(ctx, { applicant: holder, typeCode: m.source.licenseTypeCode, typeName: m.source.licenseTypeName, licenseId: entry.licenseId });
      if (found && !found.ok) issues.push({ path, message: found.message });
      if (found?.ok) {
        entry.licenseId = found.licenseId;
        entry.licenseNumber = found.licenseNumber;
      }
    }
    if (entry.via === 'shared_data' && m.source.kind !== 'shared_data') issues.push({ path, message: `“${m.name}”不能以共享数据代替` });
    if (entry.via === 'upload') issues.push(...(await checkAttachableFiles(ctx, entry.fileIds, path, caseId)));
    if (entry.via === 'trusted') {
      const found = await resolveTrustedMaterial(ctx, { applicant: holder, materialKey: m.key, materialName: m.name, trustedMaterialId: entry.trustedMaterialId });
      if (!found.ok) issues.push({ path, message: found.message });
      else entry.fileIds = found.fileIds;
    }
  }
  if (issues.length > 0) throw validationError(issues);
  return materials;
}

/** What a complete application must carry: every required material, and a form that validates. */
function checkComplete(v: BoundVersion, formData: Record<string, unknown>, materials: Record<string, MaterialEntryT>): void {
  const issues: FieldIssue[] = validateForm(v.id, v.guide.form, formData);
  for (const m of v.guide.materials) {
    if (m.required === 'required' && !materials[m.key]) issues.push({ path: `materials.${m.key}`, message: `缺少必要材料“${m.name}”` });
  }
  if (issues.length > 0) throw validationError(issues);
}

/** Attach the uploaded files of the materials to the case (inside the transaction that records them). */
async function attachUploads(tx: Ctx, materials: Record<string, MaterialEntryT>, caseId: string): Promise<void> {
  for (const e of Object.values(materials)) if (e.via === 'upload') await attachFiles(tx, e.fileIds, caseId);
}

function materialsOf(c: repo.CaseRow): Record<string, MaterialEntryT> {
  return c.materials as Record<string, MaterialEntryT>;
}

/** Record one transition: the case row, the timeline and the audit log, in the caller's transaction. */
async function record(tx: Ctx, c: repo.CaseRow, action: CaseAction | 'create', to: CaseState, extra: { task?: repo.TaskRow; opinion?: string | null; data?: Record<string, unknown> } = {}): Promise<void> {
  await repo.insertEvent(tx.db, {
    caseId: c.id, actorAccountId: actorAccountId(tx), actorName: actorName(tx), action, fromState: action === 'create' ? null : c.state, toState: to,
    taskId: extra.task?.id ?? null, stepName: extra.task?.step_name ?? null, opinion: extra.opinion ?? null, data: extra.data ?? null,
  });
  await audit(tx, {
    action: `cases.case.${action}`, entityType: 'case', entityId: c.id, subjectAccountId: c.applicant_account_id, regionCode: c.region_code,
    before: action === 'create' ? null : { state: c.state }, after: { state: to, caseNumber: c.case_number, ...(extra.task ? { taskId: extra.task.id, step: extra.task.step_key } : {}), ...(extra.data ?? {}) },
  });
  if (action !== 'create') await tellApplicant(tx, c, action);
}

/** What the applicant is told after an action (in-app; SMS where they must act or can collect). */
const APPLICANT_MESSAGES: Partial<Record<CaseAction | 'complete', { title: string; body: (n: string) => string; sms: boolean }>> = {
  request_supplement: { title: '请补正材料', body: (n) => `您的办件 ${n} 需要补正材料，请在“我的办件”中查看一次性告知的全部内容并补正。`, sms: true },
  accept: { title: '已受理', body: (n) => `您的办件 ${n} 已受理，可在“我的办件”查看受理回执和办理进度。`, sms: false },
  accept_with_deficiency: { title: '已容缺受理', body: (n) => `您的办件 ${n} 已容缺受理，请在承诺期限内补交承诺的材料。`, sms: true },
  not_accept: { title: '不予受理', body: (n) => `您的办件 ${n} 不予受理，请在“我的办件”查看不予受理通知书。`, sms: true },
  deny: { title: '不予许可', body: (n) => `您的办件 ${n} 经审查不予许可，请在“我的办件”查看决定书及救济途径。`, sms: true },
  complete: { title: '已办结', body: (n) => `您的办件 ${n} 已办结，请按选择的方式领取结果。`, sms: true },
  deliver: { title: '结果已送达', body: (n) => `您的办件 ${n} 的办理结果已送出，可在“我的办件”查看送达信息。`, sms: false },
};

/** Tell the applicant (when they have an account), in the transaction of the action. */
async function tellApplicant(tx: Ctx, c: repo.CaseRow, action: CaseAction | 'complete'): Promise<void> {
  const m = APPLICANT_MESSAGES[action];
  if (!m || !c.applicant_account_id) return;
  await notify(tx, {
    accountId: c.applicant_account_id, kind: `case.${action}`, title: `${c.item_name}：${m.title}`, body: m.body(c.case_number ?? ''),
    link: `/account/cases/${c.id}`, channels: m.sms ? ['sms'] : [],
  });
}

async function lock(tx: Ctx, id: string): Promise<repo.CaseRow> {
  const c = await repo.lockCase(tx.db, id);
  if (!c) throw AppError.notFound('办件', id);
  return c;
}

async function getCaseRow(ctx: Ctx, id: string): Promise<repo.CaseRow> {
  const c = await repo.findCase(ctx.db, id);
  if (!c) throw AppError.notFound('办件', id);
  return c;
}

/** Give the case its number: region + date + the region's daily sequence (350703-20261123-00042). */
async function drawCaseNumber(tx: Ctx, regionCode: string, at: Date): Promise<string> {
  const region6 = regionCode.slice(0, 6);
  const day = shanghaiDate(at).replaceAll('-', '');
  const seq = await repo.nextSequence(tx.db, region6, day);
  return `${region6}-${day}-${String(seq).padStart(5, '0')}`;
}

// ---------- idempotency ----------

/** A validated Idempotency-Key header, or a 400 naming it. */
export function parseIdempotencyKey(raw: string | string[] | undefined, required: boolean): string | undefined {
  if (raw === undefined || raw === '') {
    if (required) throw AppError.field('Idempotency-Key', '提交申请须带 Idempotency-Key 请求头，重试时使用同一个值');
    return undefined;
  }
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || !/^[A-Za-z0-9_.:-]{8,100}$/.test(key)) throw AppError.field('Idempotency-Key', '应为8至100位字母、数字或 _ . : -');
  return key;
}

/** An answer of an idempotent operation: the first one, on every retry. */
export interface IdempotentAnswer {
  status: 200 | 201;
  body: CaseViewT;
  replayed: boolean;
}

/**
 * Run `work` once per (actor, key) in one transaction with the stored key: a retry, or a concurrent
 * duplicate (which waits on the key's unique index), gets the first answer and changes nothing.
 */
function replay(prior: repo.IdempotencyRow, operation: string, requestHash: string, status: 200 | 201): IdempotentAnswer {
  if (prior.operation !== operation || prior.request_hash !== requestHash) {
    throw new AppError('CONFLICT', '该 Idempotency-Key 已用于另一请求，请为新的请求使用新的值', [{ path: 'Idempotency-Key', message: '已用于另一请求' }]);
  }
  return { status: (prior.status_code ?? status) as 200 | 201, body: prior.response as CaseViewT, replayed: true };
}

function requestHashOf(operation: string, request: unknown): string {
  return sha256Hex(canonicalJson({ operation, request }));
}

/**
 * The stored answer of a key already used, checked before any validation: a retry must get the
 * first answer even though what it sends (files now attached, a case now submitted) would no longer validate.
 */
async function priorAnswer(ctx: Ctx, key: string | undefined, operation: string, request: unknown, status: 200 | 201): Promise<IdempotentAnswer | undefined> {
  if (!key) return undefined;
  const prior = await repo.findIdempotencyKey(ctx.db, me(ctx), key);
  return prior?.response ? replay(prior, operation, requestHashOf(operation, request), status) : undefined;
}

async function idempotent(ctx: Ctx, key: string | undefined, operation: string, request: unknown, status: 200 | 201, work: (tx: Ctx) => Promise<string>): Promise<IdempotentAnswer> {
  const actor = me(ctx);
  const requestHash = requestHashOf(operation, request);
  return withTransaction(ctx, async (tx) => {
    if (key) {
      const prior = await repo.claimIdempotencyKey(tx.db, { actor, key, operation, requestHash });
      if (prior) return replay(prior, operation, requestHash, status);
    }
    const id = await work(tx);
    const body = await presentCase(tx, await getCaseRow(tx, id));
    if (key) await repo.saveIdempotentAnswer(tx.db, actor, key, status, body);
    return { status, body, replayed: false };
  });
}

// ---------- application ----------

/** The applicant snapshot of an online application: the logged-in account. */
async function applicantFromAccount(ctx: Ctx): Promise<Pick<repo.NewCase, 'applicant' | 'applicantAccountId' | 'applicantIdNumberEnc' | 'applicantIdNumberHash'>> {
  const a = await identity.getAccountRow(ctx, me(ctx));
  const c = identity.pii(ctx);
  if (a.kind === 'enterprise') {
    return {
      // Applied by an agent acting for the enterprise: the agent's name goes on the application (经办人).
      applicant: { kind: 'legal_person', name: a.display_name, idNumberMasked: null, creditCode: a.credit_code, legalRepName: a.legal_rep_name, agentName: ctx.actor.type === 'account' && ctx.actor.agent?.relation === 'agent' ? ctx.actor.agent.displayName : null },
      applicantAccountId: a.id, applicantIdNumberEnc: null, applicantIdNumberHash: null,
    };
  }
  if (a.kind !== 'citizen') throw new AppError('FORBIDDEN', '工作人员账号不能以本人名义在网上申请，请在窗口代为申请');
  return {
    applicant: { kind: 'person', name: a.display_name, idNumberMasked: a.id_number_enc ? maskIdNumber(c.decrypt(a.id_number_enc)) : null, creditCode: null, legalRepName: null, agentName: null },
    applicantAccountId: a.id, applicantIdNumberEnc: a.id_number_enc, applicantIdNumberHash: a.id_number_hash,
  };
}

/** The applicant snapshot of a window application, linked to the applicant's account when there is one. */
async function applicantFromInput(ctx: Ctx, input: z.infer<typeof CreateCaseBody>['applicant']): Promise<Pick<repo.NewCase, 'applicant' | 'applicantAccountId' | 'applicantIdNumberEnc' | 'applicantIdNumberHash'>> {
  if (!input) throw AppError.field('applicant', '窗口代为申请须填写申请人');
  const c = identity.pii(ctx);
  if (input.kind === 'person') {
    return {
      applicant: { kind: 'person', name: input.name, idNumberMasked: maskIdNumber(input.idNumber), creditCode: null, legalRepName: null, agentName: input.agentName ?? null },
      applicantAccountId: (await identity.findApplicantAccountId(ctx, { idNumber: input.idNumber })) ?? null,
      applicantIdNumberEnc: c.encrypt(input.idNumber), applicantIdNumberHash: c.lookupHash(input.idNumber),
    };
  }
  return {
    applicant: { kind: 'legal_person', name: input.name, idNumberMasked: null, creditCode: input.creditCode, legalRepName: input.legalRepName, agentName: input.agentName ?? null },
    applicantAccountId: (await identity.findApplicantAccountId(ctx, { creditCode: input.creditCode })) ?? null,
    applicantIdNumberEnc: null, applicantIdNumberHash: null,
  };
}

/**
 * Apply for an item: a draft bound to the implementation's version in force, or (submit) a submitted
 * application with its case number. Submitting needs an idempotency key; a retry returns the first answer.
 */
export async function createCase(ctx: Ctx, input: z.infer<typeof CreateCaseBody>, idempotencyKey: string | undefined): Promise<IdempotentAnswer> {
  const operation = input.submit ? 'cases.create-and-submit' : 'cases.create';
  const prior = await priorAnswer(ctx, idempotencyKey, operation, input, 201);
  if (prior) return prior;
  const atWindow = hasRole(ctx, 'window_clerk') && !hasRole(ctx, 'applicant');
  const current = await catalog.getCurrentGuide(ctx, input.implementationId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw AppError.field('implementationId', '事项不存在或尚未发布');
    throw e;
  });
  if (current.implementationStatus !== 'published') throw AppError.field('implementationId', '该事项已取消、下放或整合，不能再申请');
  const v = await boundVersion(ctx, current.id);
  if (atWindow) await assertWindowClerk(ctx, { region_code: v.regionCode, department_id: v.departmentId });
  const who = atWindow ? await applicantFromInput(ctx, input.applicant) : await applicantFromAccount(ctx);
  // 事项实名等级要求: online only; at a window the clerk has the person and the ID card in front of them.
  if (!atWindow && input.submit) await assertRealNameLevel(ctx, me(ctx), v.guide.minRealNameLevel, v.guide.name);
  // 经办人授权范围: an agent limited to some items applies only for those.
  if (!atWindow) assertAgentMayHandle(ctx, v.basicCode, v.guide.name);
  const materials = await checkMaterials(ctx, v, input.materials, atWindow, null, holderOf(ctx, who));
  if (input.submit) checkComplete(v, input.formData, materials);
  return idempotent(ctx, idempotencyKey, operation, input, 201, async (tx) => {
    const id = await repo.insertCase(tx.db, {
      state: 'draft', channel: atWindow ? 'window' : 'online', implementationId: v.implementationId, versionId: v.id, itemName: v.guide.name,
      regionCode: v.regionCode, departmentId: v.departmentId, ...who, createdBy: me(tx), formData: input.formData, materials,
    });
    await attachUploads(tx, materials, id);
    const c = await lock(tx, id);
    await record(tx, c, 'create', 'draft', { data: { versionId: v.id, version: v.version } });
    if (input.submit) await submitLocked(tx, c);
    return id;
  });
}

async function submitLocked(tx: Ctx, c: repo.CaseRow): Promise<void> {
  const to = transition(c.state, 'submit');
  const now = clockNow(tx);
  const caseNumber = await drawCaseNumber(tx, c.region_code, now);
  await repo.updateCase(tx.db, c.id, { state: to, caseNumber, submittedAt: now });
  await record(tx, { ...c, case_number: caseNumber }, 'submit', to);
  await grantLicenses(tx, c, materialsOf(c));
}

/** Record the holder's grant for every material proved by a license (用证授权), at submission or supplement. */
async function grantLicenses(tx: Ctx, c: repo.CaseRow, materials: Record<string, MaterialEntryT>): Promise<void> {
  const grants = Object.entries(materials).flatMap(([materialKey, e]) => (e.via === 'license' && e.licenseId ? [{ materialKey, licenseId: e.licenseId }] : []));
  await recordLicenseGrants(tx, { caseId: c.id, applicantAccountId: c.applicant_account_id, itemName: c.item_name, grants });
  const uses = Object.entries(materials).flatMap(([materialKey, e]) => (e.via === 'trusted' ? [{ materialKey, trustedMaterialId: e.trustedMaterialId }] : []));
  await recordTrustedMaterialUse(tx, { caseId: c.id, uses });
}

/** Save a draft again (resume later). */
export async function updateDraft(ctx: Ctx, id: string, input: z.infer<typeof UpdateCaseDraftBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  if (c.created_by !== me(ctx)) throw AppError.notFound('办件', id);
  const v = await boundVersion(ctx, c.version_id);
  const materials = input.materials ? await checkMaterials(ctx, v, input.materials, c.channel === 'window', id, holderOfCase(ctx, c)) : undefined;
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'update_draft');
    await repo.updateCase(tx.db, id, { ...(input.formData ? { formData: input.formData } : {}), ...(materials ? { materials } : {}) });
    if (materials) await attachUploads(tx, materials, id);
    await record(tx, locked, 'update_draft', to);
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

/** Submit a draft (idempotent by key: a retry returns the first answer). */
export async function submitDraft(ctx: Ctx, id: string, idempotencyKey: string): Promise<IdempotentAnswer> {
  const prior = await priorAnswer(ctx, idempotencyKey, `cases.submit:${id}`, {}, 200);
  if (prior) return prior;
  const c = await getCaseRow(ctx, id);
  if (c.created_by !== me(ctx)) throw AppError.notFound('办件', id);
  const v = await boundVersion(ctx, c.version_id);
  if (c.channel === 'online' && c.state === 'draft') await assertRealNameLevel(ctx, me(ctx), v.guide.minRealNameLevel, v.guide.name);
  if (c.channel === 'online') assertAgentMayHandle(ctx, v.basicCode, v.guide.name);
  // A license or trusted material chosen in the draft may have been revoked or withdrawn since: check again.
  if (c.state === 'draft') await checkMaterials(ctx, v, materialsOf(c), c.channel === 'window', id, holderOfCase(ctx, c));
  return idempotent(ctx, idempotencyKey, `cases.submit:${id}`, {}, 200, async (tx) => {
    const locked = await lock(tx, id);
    transition(locked.state, 'submit');
    checkComplete(v, locked.form_data, materialsOf(locked));
    await submitLocked(tx, locked);
    return id;
  });
}

/** Withdraw before acceptance (撤回). */
export async function withdraw(ctx: Ctx, id: string, input: z.infer<typeof WithdrawBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  await assertApplicantOrClerk(ctx, c);
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'withdraw');
    await repo.updateCase(tx.db, id, { state: to, supplementRequest: null, decision: { kind: 'withdrawn', reasons: input.reason ? [input.reason] : [], notice: null, decidedAt: clockNow(ctx).toISOString() } });
    if (locked.state === 'supplementing') await repo.endPause(tx.db, id, 'supplement', clockNow(ctx), '申请人撤回');
    await record(tx, locked, 'withdraw', to, { opinion: input.reason ?? null });
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

// ---------- window decisions ----------

/** Accept (受理) or accept with a deficiency (容缺受理): start the clock and open the first stage's tasks. */
export async function accept(ctx: Ctx, id: string, input: z.infer<typeof AcceptBody> | z.infer<typeof AcceptWithDeficiencyBody>, withDeficiency: boolean): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  await assertWindowClerk(ctx, c);
  const v = await boundVersion(ctx, c.version_id);
  const action: CaseAction = withDeficiency ? 'accept_with_deficiency' : 'accept';
  // The state is checked again under the lock; checking it here first answers 409 before any 400 about materials.
  transition(c.state, action);
  const promises = 'promises' in input ? input.promises : [];
  const promised: Record<string, MaterialEntryT> = Object.fromEntries(promises.map((p) => [p.key, { via: 'promise', promise: p.promise } as const]));
  await checkMaterials(ctx, v, promised, true, id, holderOfCase(ctx, c), 'promises'); // promises carry no license: nothing to resolve
  const materials = { ...materialsOf(c), ...promised };
  const lacking = v.guide.materials.filter((m) => m.required === 'required' && !materials[m.key]);
  if (lacking.length > 0) {
    throw new AppError('CONFLICT', `材料不齐：${lacking.map((m) => m.name).join('、')}。请一次性告知补正，或在允许容缺的材料上收取书面承诺后容缺受理`, { missing: lacking.map((m) => m.key) });
  }
  const deficient = Object.entries(materials).filter(([, e]) => e.via === 'promise').map(([k]) => k);
  if (withDeficiency && deficient.length === 0) throw new AppError('CONFLICT', '材料齐全，无需容缺受理，请直接受理');
  if (!withDeficiency && deficient.length > 0) throw new AppError('CONFLICT', '有材料以书面承诺代替，须按容缺受理办理', { promised: deficient });

  const stages = processStages(v.guide);
  const departments = await resolveDepartments(ctx, v, stages.flatMap((s) => s.steps));
  const now = clockNow(ctx);
  const today = shanghaiDate(now);
  const limit = v.guide.promisedLimit;
  const clock = await computeClock(ctx, { acceptedOn: today, days: limit.days, unit: limit.unit, pauses: [], asOf: today });
  const deficiency = withDeficiency && 'dueDays' in input
    ? { keys: deficient, dueDate: (await computeClock(ctx, { acceptedOn: today, days: input.dueDays, unit: 'working_day', pauses: [], asOf: today })).due }
    : null;
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    // A guide with no step after acceptance (即办件) completes right after, through complete() below.
    const to = transition(locked.state, action, 'processing');
    const receiptNumber = `SL-${locked.case_number ?? id}`;
    await repo.updateCase(tx.db, id, {
      state: to, materials, acceptedAt: now, acceptedBy: me(tx), receiptNumber, limitDays: limit.days, limitUnit: limit.unit, dueDate: clock.due,
      currentStage: 0, round: 1, deficiency,
    });
    await record(tx, locked, action, to, { opinion: input.opinion ?? null, data: { receiptNumber, due: clock.due, limitDays: limit.days, ...(deficiency ? { deficiency } : {}) } });
    const after = await lock(tx, id);
    // Sent before a 即办件 completes below, so a department system sees accepted before completed.
    await onCaseEvent(tx, { event: 'case.accepted', caseId: id, departmentId: locked.department_id });
    if (stages.length > 0) await openStage(tx, after, stages, 0, 1, departments, null);
    else await complete(tx, after, v, null);
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

/** Do not accept (不予受理), with reasons and the notice. */
export async function notAccept(ctx: Ctx, id: string, input: z.infer<typeof NotAcceptBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  await assertWindowClerk(ctx, c);
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'not_accept');
    await repo.updateCase(tx.db, id, { state: to, decision: { kind: 'not_accepted', reasons: input.reasons, notice: input.notice, decidedAt: clockNow(ctx).toISOString() } });
    await record(tx, locked, 'not_accept', to, { opinion: input.reasons.join('；'), data: { notice: input.notice } });
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

/** Ask for supplements once, listing every missing or deficient material (一次性告知); the clock stops until the applicant supplements. */
export async function requestSupplement(ctx: Ctx, id: string, input: z.infer<typeof SupplementRequestBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  await assertWindowClerk(ctx, c);
  transition(c.state, 'request_supplement');
  const v = await boundVersion(ctx, c.version_id);
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.items.forEach((it, n) => {
    if (!v.guide.materials.some((m) => m.key === it.key)) issues.push({ path: `items.${n}.key`, message: `“${it.key}”不在该事项办事指南（第${v.version}版）公布的材料中，不能要求补正` });
    if (seen.has(it.key)) issues.push({ path: `items.${n}.key`, message: '同一材料只需列出一次' });
    seen.add(it.key);
  });
  if (issues.length > 0) throw validationError(issues);
  const now = clockNow(ctx);
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'request_supplement');
    const request = { items: input.items, notice: input.notice ?? null, requestedAt: now.toISOString(), requestedBy: me(tx) };
    await repo.updateCase(tx.db, id, { state: to, supplementRequest: request, supplementCount: locked.supplement_count + 1 });
    await repo.insertPause(tx.db, { caseId: id, kind: 'supplement', name: '补正', reason: input.items.map((i) => i.reason).join('；'), maxDays: null, at: now });
    await record(tx, locked, 'request_supplement', to, { opinion: input.notice ?? null, data: { items: input.items, count: locked.supplement_count + 1 } });
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

/** The applicant supplements every requested material; the application goes back to the window. */
export async function supplement(ctx: Ctx, id: string, input: z.infer<typeof SupplementBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  await assertApplicantOrClerk(ctx, c);
  transition(c.state, 'supplement');
  const v = await boundVersion(ctx, c.version_id);
  const atWindow = !isApplicantOf(ctx, c);
  const supplied = await checkMaterials(ctx, v, input.materials, atWindow, id, holderOfCase(ctx, c));
  const requested = c.supplement_request?.items ?? [];
  const missing = requested.filter((it) => !supplied[it.key]);
  if (missing.length > 0) throw validationError(missing.map((it) => ({ path: `materials.${it.key}`, message: `须补正：${it.reason}` })));
  const materials = { ...materialsOf(c), ...supplied };
  const formData = input.formData ?? c.form_data;
  checkComplete(v, formData, materials);
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'supplement');
    await repo.updateCase(tx.db, id, { state: to, materials, formData, supplementRequest: null });
    await attachUploads(tx, supplied, id);
    await repo.endPause(tx.db, id, 'supplement', clockNow(ctx), '已补正');
    await record(tx, locked, 'supplement', to, { data: { keys: Object.keys(supplied) } });
    await grantLicenses(tx, locked, supplied);
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

/** Supply materials promised at a 容缺受理 (补交); the deficiency closes when every promised material is in. */
export async function fulfilPromise(ctx: Ctx, id: string, input: z.infer<typeof FulfilPromiseBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  await assertApplicantOrClerk(ctx, c);
  transition(c.state, 'fulfil_promise', c.state);
  const promised = c.deficiency?.keys ?? [];
  if (promised.length === 0) throw new AppError('CONFLICT', '该办件没有待补交的容缺材料');
  const issues: FieldIssue[] = [];
  for (const [key, entry] of Object.entries(input.materials)) {
    if (!promised.includes(key)) issues.push({ path: `materials.${key}`, message: '只能补交容缺受理时承诺的材料' });
    else if (entry.via === 'promise') issues.push({ path: `materials.${key}`, message: '请提交材料本身，而不是再次承诺' });
  }
  if (Object.keys(input.materials).length === 0) issues.push({ path: 'materials', message: '请至少补交一份承诺的材料' });
  if (issues.length > 0) throw validationError(issues);
  const v = await boundVersion(ctx, c.version_id);
  const supplied = await checkMaterials(ctx, v, input.materials, !isApplicantOf(ctx, c), id, holderOfCase(ctx, c));
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'fulfil_promise', locked.state);
    const remaining = (locked.deficiency?.keys ?? []).filter((k) => !supplied[k]);
    await repo.updateCase(tx.db, id, {
      materials: { ...materialsOf(locked), ...supplied },
      deficiency: remaining.length > 0 && locked.deficiency ? { ...locked.deficiency, keys: remaining } : null,
    });
    await attachUploads(tx, supplied, id);
    await record(tx, locked, 'fulfil_promise', to, { data: { keys: Object.keys(supplied), remaining } });
    await grantLicenses(tx, locked, supplied);
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

// ---------- processing ----------

/** Open the tasks of a stage: one per step, bound to its role, department and the implementing region. */
async function openStage(tx: Ctx, c: repo.CaseRow, stages: Stage[], stage: number, round: number, departments: Map<string, string>, returnedFrom: string | null): Promise<void> {
  const s = stages[stage];
  if (!s) throw new Error(`stage ${stage} does not exist`);
  for (const step of s.steps) {
    const departmentId = departments.get(step.key);
    if (!departmentId) throw new Error(`no department resolved for step ${step.key}`);
    await repo.insertTask(tx.db, {
      caseId: c.id, round, stage, stepKey: step.key, stepName: step.name, role: step.role, departmentId, regionCode: c.region_code,
      parallelGroup: step.parallelGroup ?? null, returnedFrom,
    });
  }
  await repo.updateCase(tx.db, c.id, { currentStage: stage, round });
}

/** Complete the case (办结): record the result and tell the modules that listen (licenses). */
async function complete(tx: Ctx, c: repo.CaseRow, v: BoundVersion, decidedBy: repo.TaskRow | null, documentNumber?: string): Promise<void> {
  const to = transition(c.state, 'approve', 'completed');
  const now = clockNow(tx);
  const result: repo.StoredResult = {
    type: v.guide.result.type, name: v.guide.result.name, documentNumber: documentNumber ?? `JD-${c.case_number ?? c.id}`, issuedAt: now.toISOString(),
    licenseTypeCode: v.guide.result.licenseTypeCode ?? null,
  };
  await repo.updateCase(tx.db, c.id, { state: to, outcome: 'approved', result, completedAt: now, currentStage: null });
  await repo.insertEvent(tx.db, {
    caseId: c.id, actorAccountId: actorAccountId(tx), actorName: actorName(tx), action: 'complete', fromState: c.state, toState: to,
    taskId: decidedBy?.id ?? null, stepName: decidedBy?.step_name ?? null, data: { result: { type: result.type, name: result.name, documentNumber: result.documentNumber } },
  });
  await tellApplicant(tx, c, 'complete');
  await audit(tx, { action: 'cases.case.complete', entityType: 'case', entityId: c.id, subjectAccountId: c.applicant_account_id, regionCode: c.region_code, before: { state: c.state }, after: { state: to, result } });
  await onCaseCompleted(tx, {
    caseId: c.id, caseNumber: c.case_number ?? '', outcome: 'approved', result: { type: result.type, name: result.name, documentNumber: result.documentNumber, licenseTypeCode: result.licenseTypeCode },
    regionCode: c.region_code, departmentId: c.department_id, applicantAccountId: c.applicant_account_id, versionId: c.version_id,
    ...holderFacts(tx, c), completedAt: now.toISOString(),
  });
  await onCaseEvent(tx, { event: 'case.completed', caseId: c.id, departmentId: c.department_id });
}

/** What a listening module needs to know of the applicant as a holder (clear code: in-process only). */
function holderFacts(ctx: Ctx, c: repo.CaseRow): Pick<CaseCompleted, 'itemName' | 'applicant' | 'formData'> {
  const a = c.applicant;
  const code = a.kind === 'person' ? (c.applicant_id_number_enc ? identity.pii(ctx).decrypt(c.applicant_id_number_enc) : null) : a.creditCode;
  return { itemName: c.item_name, applicant: { kind: a.kind, name: a.name, code }, formData: c.form_data };
}

type TaskActionInput =
  | { action: 'claim' }
  | { action: 'approve'; body: z.infer<typeof ApproveBody> }
  | { action: 'deny'; body: z.infer<typeof DenyBody> }
  | { action: 'return'; body: z.infer<typeof ReturnBody> }
  | { action: 'delegate'; body: z.infer<typeof DelegateBody> };

/** Act on a task: claim (签收), approve, deny (不予许可), return to an earlier step (退回), delegate (转办). */
export async function taskAction(ctx: Ctx, id: string, taskId: string, input: TaskActionInput): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  const tasks = await repo.listTasks(ctx.db, id);
  const task = tasks.find((t) => t.id === taskId);
  if (!task) throw AppError.notFound('任务', taskId);
  assertTaskActor(ctx, task);
  transition(c.state, input.action);
  const v = await boundVersion(ctx, c.version_id);
  const stages = processStages(v.guide);
  let departments = new Map<string, string>();
  let target: number | null = null;
  if (input.action === 'return') {
    target = stages.findIndex((s) => s.steps.some((st) => st.key === input.body.toStep));
    if (target < 0 || target >= task.stage) {
      const earlier = stages.slice(0, task.stage).flatMap((s) => s.steps.map((st) => `${st.key}（${st.name}）`));
      throw AppError.field('toStep', earlier.length ? `只能退回到之前的环节：${earlier.join('、')}` : '这是第一个办理环节，没有可退回的环节');
    }
  }
  if (input.action === 'approve' || input.action === 'return') departments = await resolveDepartments(ctx, v, stages.flatMap((s) => s.steps));
  if (input.action === 'delegate') {
    const to = await identity.getAccountRow(ctx, input.body.toAccountId).catch(() => {
      throw AppError.field('toAccountId', '工作人员不存在');
    });
    if (to.id === me(ctx)) throw AppError.field('toAccountId', '不能转办给自己');
    if (to.kind !== 'staff' || to.status !== 'active' || to.scope_department_id !== task.department_id || !to.roles.includes(task.role)) {
      throw AppError.field('toAccountId', '只能转办给本部门具有该环节角色的在岗同事');
    }
  }
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, input.action, input.action === 'deny' ? 'denied' : 'processing');
    const current = (await repo.listTasks(tx.db, id)).find((t) => t.id === taskId);
    if (!current || (current.status !== 'open' && current.status !== 'claimed')) {
      throw new AppError('INVALID_STATE', `该任务已${current?.status === 'approved' ? '办理' : '结束'}，不能${CASE_ACTION_LABELS[input.action]}`, { taskStatus: current?.status, allowed: [] });
    }
    if (input.action === 'claim') {
      if (current.status === 'claimed') throw new AppError('CONFLICT', current.assignee_id === me(tx) ? '您已签收该任务' : '该任务已由其他人签收', { assigneeId: current.assignee_id });
      await repo.updateTask(tx.db, taskId, { status: 'claimed', assigneeId: me(tx), claimed: true });
      await record(tx, locked, 'claim', to, { task: current });
      return;
    }
    assertAssigneeOrOpen(tx, current);
    switch (input.action) {
      case 'delegate': {
        await repo.updateTask(tx.db, taskId, { status: 'claimed', assigneeId: input.body.toAccountId, claimed: true });
        await record(tx, locked, 'delegate', to, { task: current, opinion: input.body.reason ?? null, data: { toAccountId: input.body.toAccountId } });
        return;
      }
      case 'deny': {
        await repo.updateTask(tx.db, taskId, { status: 'rejected', assigneeId: me(tx), opinion: input.body.opinion, completed: true });
        await repo.cancelOpenTasks(tx.db, id);
        const now = clockNow(ctx);
        const result: repo.StoredResult = { type: 'denial_notice', name: '不予行政许可决定书', documentNumber: `BY-${locked.case_number ?? id}`, issuedAt: now.toISOString(), licenseTypeCode: null };
        await repo.updateCase(tx.db, id, { state: to, outcome: 'denied', result, completedAt: now, currentStage: null, decision: { kind: 'denied', reasons: input.body.reasons, notice: input.body.opinion, decidedAt: now.toISOString() } });
        await record(tx, locked, 'deny', to, { task: current, opinion: input.body.opinion, data: { reasons: input.body.reasons } });
        await onCaseCompleted(tx, {
          caseId: id, caseNumber: locked.case_number ?? '', outcome: 'denied', result: { type: result.type, name: result.name, documentNumber: result.documentNumber, licenseTypeCode: null },
          regionCode: locked.region_code, departmentId: locked.department_id, applicantAccountId: locked.applicant_account_id, versionId: locked.version_id,
          ...holderFacts(tx, locked), completedAt: now.toISOString(),
        });
        await onCaseEvent(tx, { event: 'case.completed', caseId: id, departmentId: locked.department_id });
        return;
      }
      case 'return': {
        const stage = target ?? 0;
        await repo.updateTask(tx.db, taskId, { status: 'returned', assigneeId: me(tx), opinion: input.body.reason, completed: true });
        await repo.cancelOpenTasks(tx.db, id);
        const stepNames = stages[stage]?.steps.map((s) => s.name).join('、') ?? '';
        await record(tx, locked, 'return', to, { task: current, opinion: input.body.reason, data: { toStep: input.body.toStep, toStepName: stepNames, round: locked.round + 1 } });
        await openStage(tx, locked, stages, stage, locked.round + 1, departments, taskId);
        return;
      }
      case 'approve': {
        await repo.updateTask(tx.db, taskId, { status: 'approved', assigneeId: me(tx), opinion: input.body.opinion, completed: true, ...(current.status === 'open' ? { claimed: true } : {}) });
        await record(tx, locked, 'approve', to, { task: current, opinion: input.body.opinion });
        // 会签: the case moves on only when every task of the stage in this round is approved.
        const siblings = (await repo.listTasks(tx.db, id)).filter((t) => t.round === current.round && t.stage === current.stage);
        if (siblings.some((t) => t.status !== 'approved')) return;
        const next = current.stage + 1;
        const after = await lock(tx, id);
        if (next < stages.length) await openStage(tx, after, stages, next, current.round, departments, null);
        else await complete(tx, after, v, current);
        return;
      }
    }
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

/** The approver's eligibility for a special procedure: they could act on a running task of the case. */
function assertHandlesCase(ctx: Ctx, tasks: repo.TaskRow[]): void {
  const running = tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
  let lastError: unknown = new AppError('FORBIDDEN', '只有正在办理该办件的审批人员可以启动或结束特别程序');
  for (const t of running) {
    try {
      assertTaskActor(ctx, t);
      return;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

/** Start a special procedure (特别程序: 专家评审, 听证, 现场核查…): the clock pauses. */
export async function startSpecialProcedure(ctx: Ctx, id: string, input: z.infer<typeof StartSpecialBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  transition(c.state, 'start_special_procedure');
  assertHandlesCase(ctx, await repo.listTasks(ctx.db, id));
  const v = await boundVersion(ctx, c.version_id);
  const sp = v.guide.specialProcedures.find((p) => p.name === input.name);
  if (!sp) {
    const names = v.guide.specialProcedures.map((p) => p.name);
    throw AppError.field('name', names.length ? `办事指南中的特别程序为：${names.join('、')}` : '该事项的办事指南未规定特别程序');
  }
  const now = clockNow(ctx);
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'start_special_procedure');
    await repo.updateCase(tx.db, id, { state: to, specialProcedure: { name: sp.name, reason: input.reason, maxDays: sp.maxDays, startedAt: now.toISOString() } });
    await repo.insertPause(tx.db, { caseId: id, kind: 'special_procedure', name: sp.name, reason: input.reason, maxDays: sp.maxDays, at: now });
    await record(tx, locked, 'start_special_procedure', to, { opinion: input.reason, data: { name: sp.name, maxDays: sp.maxDays } });
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

/** End the running special procedure: the clock runs again and the due date moves by the paused days. */
export async function endSpecialProcedure(ctx: Ctx, id: string, input: z.infer<typeof EndSpecialBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  transition(c.state, 'end_special_procedure');
  assertHandlesCase(ctx, await repo.listTasks(ctx.db, id));
  const now = clockNow(ctx);
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'end_special_procedure');
    await repo.endPause(tx.db, id, 'special_procedure', now, input.result);
    const clock = await clockOf(tx, { ...locked, state: to }, (await repo.pausesOf(tx.db, [id])).get(id) ?? []);
    await repo.updateCase(tx.db, id, { state: to, specialProcedure: null, ...(clock ? { dueDate: clock.due } : {}) });
    await record(tx, locked, 'end_special_procedure', to, { opinion: input.result, data: { name: locked.special_procedure?.name ?? null, due: clock?.due ?? null } });
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

/** Deliver the result (出件): window pick-up, courier (address, tracking number) or online. */
export async function deliver(ctx: Ctx, id: string, input: z.infer<typeof DeliverBody>): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  await assertWindowClerk(ctx, c);
  await withTransaction(ctx, async (tx) => {
    const locked = await lock(tx, id);
    const to = transition(locked.state, 'deliver');
    const now = clockNow(ctx);
    const delivery: repo.StoredDelivery = {
      method: input.method, recipient: input.recipient ?? null, address: input.address ?? null, trackingNumber: input.trackingNumber ?? null, note: input.note ?? null, deliveredAt: now.toISOString(),
    };
    await repo.updateCase(tx.db, id, { state: to, delivery, deliveredAt: now });
    await record(tx, locked, 'deliver', to, { data: { method: input.method, ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}) } });
  });
  return presentCase(ctx, await getCaseRow(ctx, id));
}

// ---------- department systems (部门自建系统) ----------

/** What a department system is sent about a case: identity numbers only masked, materials as metadata. */
export interface DepartmentCaseSnapshot {
  id: string;
  number: string | null;
  item: { name: string; implementationId: string };
  version: { id: string; number: number };
  state: CaseState;
  applicant: repo.CaseRow['applicant'];
  materials: { key: string; name: string; via: string; fileIds: string[] }[];
  form: Record<string, unknown>;
  acceptedAt: string | null;
  receiptNumber: string | null;
  dueDate: string | null;
}

/** The case as a department system receives it (the stored applicant snapshot holds masked numbers only). */
export async function departmentCaseSnapshot(ctx: Ctx, id: string): Promise<DepartmentCaseSnapshot> {
  const c = await getCaseRow(ctx, id);
  const v = await boundVersion(ctx, c.version_id);
  const entries = materialsOf(c);
  return {
    id: c.id, number: c.case_number, item: { name: c.item_name, implementationId: c.implementation_id }, version: { id: v.id, number: v.version }, state: c.state,
    applicant: c.applicant,
    materials: Object.entries(entries).map(([key, e]) => ({ key, name: v.guide.materials.find((m) => m.key === key)?.name ?? key, via: e.via, fileIds: e.via === 'upload' ? e.fileIds : e.via === 'trusted' ? (e.fileIds ?? []) : [] })),
    form: c.form_data, acceptedAt: iso(c.accepted_at), receiptNumber: c.receipt_number, dueDate: c.due_date === null ? null : String(c.due_date),
  };
}

/** The implementing department of a case, or undefined when there is no such case (inbound auth). */
export async function findCaseDepartment(ctx: Ctx, id: string): Promise<string | undefined> {
  return (await repo.findCase(ctx.db, id))?.department_id;
}

async function lastSeq(tx: Ctx, id: string): Promise<number> {
  return (await repo.listEvents(tx.db, id)).at(-1)?.seq ?? 0;
}

// A department reports on a case it is handling: after acceptance, before the decision.
const REPORTABLE: readonly CaseState[] = ['processing', 'suspended'];

/** Progress reported by a department system, on the timeline with source department_system (数据回流). */
export async function recordDepartmentProgress(ctx: Ctx, id: string, input: { status: string; step?: string | undefined; opinion?: string | undefined; at: string; eventId: string }): Promise<{ state: CaseState; seq: number }> {
  return withTransaction(ctx, async (tx) => {
    const c = await lock(tx, id);
    if (!REPORTABLE.includes(c.state)) {
      throw new AppError('INVALID_STATE', `办件当前状态为“${CASE_STATE_LABELS[c.state]}”，不能回传办理进度`, { state: c.state, action: 'department_progress', allowed: allowedActions(c.state) });
    }
    await repo.insertEvent(tx.db, {
      caseId: id, actorAccountId: null, actorName: actorName(tx), action: 'department_progress', fromState: c.state, toState: c.state, stepName: input.step ?? null,
      opinion: input.opinion ?? null, data: { source: 'department_system', status: input.status, at: input.at, eventId: input.eventId },
    });
    await audit(tx, { action: 'cases.case.department-progress', entityType: 'case', entityId: id, subjectAccountId: c.applicant_account_id, regionCode: c.region_code, after: { status: input.status, eventId: input.eventId } });
    return { state: c.state, seq: await lastSeq(tx, id) };
  });
}

/**
 * A result reported by a department system: approved completes the case (办结) with the department's
 * document number, denied ends it 不予许可 — each only where the state machine allows (else 409).
 */
export async function recordDepartmentResult(ctx: Ctx, id: string, input: { outcome: 'approved' | 'denied'; documentNumber: string; note?: string | undefined; eventId: string }): Promise<{ state: CaseState; seq: number }> {
  const c0 = await getCaseRow(ctx, id);
  const v = await boundVersion(ctx, c0.version_id);
  return withTransaction(ctx, async (tx) => {
    const c = await lock(tx, id);
    const to = input.outcome === 'approved' ? transition(c.state, 'approve', 'completed') : transition(c.state, 'deny', 'denied');
    await repo.insertEvent(tx.db, {
      caseId: id, actorAccountId: null, actorName: actorName(tx), action: 'department_result', fromState: c.state, toState: c.state, opinion: input.note ?? null,
      data: { source: 'department_system', outcome: input.outcome, documentNumber: input.documentNumber, eventId: input.eventId },
    });
    // The department decided in its own system: the platform's open tasks are superseded.
    await repo.cancelOpenTasks(tx.db, id);
    if (input.outcome === 'approved') {
      await complete(tx, c, v, null, input.documentNumber);
    } else {
      const now = new Date();
      const result: repo.StoredResult = { type: 'denial_notice', name: '不予行政许可决定书', documentNumber: input.documentNumber, issuedAt: now.toISOString(), licenseTypeCode: null };
      await repo.updateCase(tx.db, id, { state: to, outcome: 'denied', result, completedAt: now, currentStage: null, decision: { kind: 'denied', reasons: input.note ? [input.note] : [], notice: input.note ?? null, decidedAt: now.toISOString() } });
      await record(tx, c, 'deny', to, { opinion: input.note ?? null, data: { source: 'department_system', documentNumber: input.documentNumber } });
      await onCaseCompleted(tx, {
        caseId: id, caseNumber: c.case_number ?? '', outcome: 'denied', result: { type: result.type, name: result.name, documentNumber: result.documentNumber, licenseTypeCode: null },
        regionCode: c.region_code, departmentId: c.department_id, applicantAccountId: c.applicant_account_id, versionId: c.version_id,
        ...holderFacts(tx, c), completedAt: now.toISOString(),
      });
      await onCaseEvent(tx, { event: 'case.completed', caseId: id, departmentId: c.department_id });
    }
    return { state: to, seq: await lastSeq(tx, id) };
  });
}

// ---------- reads ----------

/** The clock of an accepted case: limit from acceptance, paused by special procedures, up to today or completion. */
async function clockOf(ctx: Ctx, c: repo.CaseRow, pauses: repo.PauseRow[]): Promise<z.infer<typeof ClockView> | null> {
  if (!c.accepted_at || c.limit_days === null || !c.limit_unit) return null;
  const acceptedAt = new Date(c.accepted_at);
  const counted = pauses.filter((p) => new Date(p.started_at) >= acceptedAt);
  const s = await computeClock(ctx, {
    acceptedOn: shanghaiDate(acceptedAt), days: c.limit_days, unit: c.limit_unit,
    pauses: counted.map((p) => ({ from: shanghaiDate(new Date(p.started_at)), to: p.ended_at ? shanghaiDate(new Date(p.ended_at)) : null })),
    asOf: shanghaiDate(c.completed_at ? new Date(c.completed_at) : clockNow(ctx)),
  });
  return { ...s, limitDays: c.limit_days, unit: c.limit_unit };
}

/** Present a case with its guide version, materials, tasks and clock. */
async function presentCase(ctx: Ctx, c: repo.CaseRow): Promise<CaseViewT> {
  const v = await boundVersion(ctx, c.version_id);
  const tasks = await repo.listTasks(ctx.db, c.id);
  const pauses = (await repo.pausesOf(ctx.db, [c.id])).get(c.id) ?? [];
  const region = await org.getRegion(ctx, c.region_code);
  const deptNames = new Map<string, string>();
  for (const d of new Set([c.department_id, ...tasks.map((t) => t.department_id)])) deptNames.set(d, (await org.findDepartment(ctx, d))?.name ?? '');
  const people = await identity.staffNames(ctx, tasks.flatMap((t) => (t.assignee_id ? [t.assignee_id] : [])));
  const entries = materialsOf(c);
  const requested = new Map((c.supplement_request?.items ?? []).map((i) => [i.key, i.reason]));
  const nameOf = (key: string) => v.guide.materials.find((m) => m.key === key)?.name ?? key;
  return {
    id: c.id, caseNumber: c.case_number, state: c.state, stateLabel: CASE_STATE_LABELS[c.state], allowedActions: allowedActions(c.state), channel: c.channel,
    implementationId: c.implementation_id, versionId: c.version_id, versionNumber: v.version, itemName: c.item_name, regionCode: c.region_code, regionName: region.name,
    departmentId: c.department_id, departmentName: deptNames.get(c.department_id) ?? '',
    applicant: { ...c.applicant, accountId: c.applicant_account_id },
    formData: c.form_data,
    materials: v.guide.materials.map((m) => ({ key: m.key, name: m.name, required: m.required, entry: entries[m.key] ?? null, supplementReason: requested.get(m.key) ?? null })),
    submittedAt: iso(c.submitted_at), acceptedAt: iso(c.accepted_at), receiptNumber: c.receipt_number, clock: await clockOf(ctx, c, pauses),
    supplementCount: c.supplement_count,
    supplementRequest: c.supplement_request ? { items: c.supplement_request.items.map((i) => ({ ...i, name: nameOf(i.key) })), notice: c.supplement_request.notice, requestedAt: c.supplement_request.requestedAt } : null,
    deficiency: c.deficiency ? { keys: c.deficiency.keys, dueDate: c.deficiency.dueDate, promise: c.deficiency.keys.map((k) => { const e = entries[k]; return e?.via === 'promise' ? e.promise : ''; }) } : null,
    decision: c.decision, specialProcedure: c.special_procedure, outcome: c.outcome,
    result: c.result ? { type: c.result.type, name: c.result.name, documentNumber: c.result.documentNumber, issuedAt: c.result.issuedAt } : null,
    completedAt: iso(c.completed_at), delivery: c.delivery,
    tasks: tasks.map((t) => ({
      id: t.id, round: t.round, stage: t.stage, stepKey: t.step_key, stepName: t.step_name, role: t.role, departmentId: t.department_id, departmentName: deptNames.get(t.department_id) ?? '',
      regionCode: t.region_code, parallelGroup: t.parallel_group, status: t.status, assigneeId: t.assignee_id, assigneeName: t.assignee_id ? (people.get(t.assignee_id) ?? null) : null,
      returnedFrom: t.returned_from, opinion: t.opinion, createdAt: new Date(t.created_at).toISOString(), completedAt: iso(t.completed_at),
    })),
    createdAt: new Date(c.created_at).toISOString(), updatedAt: new Date(c.updated_at).toISOString(),
  };
}

/** Why staff read a case, as the applicant sees it in 数据使用记录: the work their role does on it at this stage. */
function casePurpose(ctx: Ctx, c: repo.CaseRow): string {
  const atWindow = c.state === 'submitted' || c.state === 'supplementing';
  if (hasRole(ctx, 'window_clerk') && (atWindow || !hasRole(ctx, 'approver'))) return c.state === 'completed' ? '办件出件' : '办件受理';
  if (hasRole(ctx, 'approver')) return '办件审批';
  return hasRole(ctx, 'supervisor') ? '办件监督' : '系统运维';
}

/** Read a case: the applicant, or staff in scope (a staff read of personal data is audited for the applicant to see). */
export async function getCase(ctx: Ctx, id: string): Promise<CaseViewT> {
  const c = await getCaseRow(ctx, id);
  await assertCanRead(ctx, c, await repo.listTasks(ctx.db, id));
  if (!isApplicantOf(ctx, c) && ctx.actor.type === 'account') {
    await audit(ctx, { action: 'cases.case.read', entityType: 'case', entityId: id, subjectAccountId: c.applicant_account_id, regionCode: c.region_code, purpose: casePurpose(ctx, c), after: { caseNumber: c.case_number, itemName: c.item_name } });
  }
  return presentCase(ctx, c);
}

/** The timeline of a case, oldest first. */
export async function timeline(ctx: Ctx, id: string): Promise<z.infer<typeof TimelineEvent>[]> {
  const c = await getCaseRow(ctx, id);
  await assertCanRead(ctx, c, await repo.listTasks(ctx.db, id));
  const events = await repo.listEvents(ctx.db, id);
  const labels: Record<string, string> = { ...CASE_ACTION_LABELS, complete: '办结', department_progress: '部门系统回传进度', department_result: '部门系统回传结果' };
  return events.map((e) => ({
    seq: e.seq, occurredAt: new Date(e.occurred_at).toISOString(), actorName: e.actor_name, action: e.action, actionLabel: labels[e.action] ?? e.action,
    fromState: e.from_state, toState: e.to_state, toStateLabel: CASE_STATE_LABELS[e.to_state], stepName: e.step_name, opinion: e.opinion, data: e.data,
    source: e.data?.source === 'department_system' ? 'department_system' as const : 'platform' as const,
  }));
}

async function presentList(ctx: Ctx, list: repo.CaseListRow[]): Promise<z.infer<typeof CaseListItem>[]> {
  const pauses = await repo.pausesOf(ctx.db, list.map((c) => c.id));
  const out: z.infer<typeof CaseListItem>[] = [];
  for (const c of list) {
    out.push({
      id: c.id, caseNumber: c.case_number, state: c.state, stateLabel: CASE_STATE_LABELS[c.state], itemName: c.item_name, applicantName: c.applicant.name,
      regionCode: c.region_code, departmentId: c.department_id, submittedAt: iso(c.submitted_at), acceptedAt: iso(c.accepted_at),
      clock: await clockOf(ctx, c, pauses.get(c.id) ?? []), taskId: c.task_id, stepName: c.step_name, updatedAt: new Date(c.updated_at).toISOString(),
    });
  }
  return out;
}

// Within this many natural days of the due date a case is "near deadline" (临近超期).
const NEAR_DEADLINE_DAYS = 3;

/** A workbench queue: to accept, supplementing, my tasks, claimable, returned, near deadline, overdue, or all in scope. */
export async function listQueue(ctx: Ctx, q: z.infer<typeof CaseListQuery>) {
  const scope = requireScope(ctx);
  if (q.regionCode && !regionWithin(q.regionCode, scope.regionCode)) throw new AppError('OUT_OF_SCOPE', '该区划不在当前账号的管辖区域内', { regionCode: q.regionCode });
  const prefix = q.regionCode ? regionPrefix(q.regionCode) : scopePrefix(ctx);
  const dept = scopeDepartment(ctx);
  // Case queues follow the window (an integrated window serves every department); task queues follow the account's department.
  const caseDept = await caseDepartmentScope(ctx);
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  const roles = ctx.actor.type === 'account' ? ctx.actor.roles.filter((r) => r === 'window_clerk' || r === 'approver') : [];
  const today = shanghaiDate(clockNow(ctx));
  const near = shanghaiDate(new Date(clockNow(ctx).getTime() + NEAR_DEADLINE_DAYS * 86_400_000));
  let list: repo.CaseListRow[];
  switch (q.queue) {
    case 'to_accept':
      list = await repo.listCases(ctx.db, { regionPrefix: prefix, departmentId: caseDept, states: ['submitted'], ...page });
      break;
    case 'supplementing':
      list = await repo.listCases(ctx.db, { regionPrefix: prefix, departmentId: caseDept, states: ['supplementing'], ...page });
      break;
    case 'my_tasks':
      list = await repo.listTaskQueue(ctx.db, { regionPrefix: prefix, roles, departmentId: dept, status: 'claimed', assigneeId: me(ctx), ...page });
      break;
    case 'claimable':
      list = await repo.listTaskQueue(ctx.db, { regionPrefix: prefix, roles, departmentId: dept, status: 'open', ...page });
      break;
    case 'returned':
      list = await repo.listTaskQueue(ctx.db, { regionPrefix: prefix, roles, departmentId: dept, status: 'open', returnedOnly: true, ...page });
      break;
    case 'near_deadline':
      list = await repo.listCases(ctx.db, { regionPrefix: prefix, departmentId: caseDept, states: ['processing', 'suspended'], dueFrom: today, dueBefore: near, ...page });
      break;
    case 'overdue':
      list = await repo.listCases(ctx.db, { regionPrefix: prefix, departmentId: caseDept, states: ['processing', 'suspended'], dueBefore: today, ...page });
      break;
    case 'all':
      list = await repo.listCases(ctx.db, { regionPrefix: prefix, departmentId: caseDept, ...page });
      break;
  }
  return { items: await presentList(ctx, list), total: list[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The applicant's own cases ("我的办件"), newest first. */
export async function myCases(ctx: Ctx, q: { page: number; pageSize: number }) {
  const list = await repo.listCases(ctx.db, { regionPrefix: '', applicantAccountId: me(ctx), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await presentList(ctx, list), total: list[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The process definition of a catalog version, for the BPMN export. */
export async function processDefinition(ctx: Ctx, versionId: string): Promise<{ version: BoundVersion; stages: Stage[] }> {
  const v = await boundVersion(ctx, versionId);
  return { version: v, stages: processStages(v.guide) };
}

// Case materials are readable by the applicant and by the staff who may read the case (audited by files.ts).
registerFileReadPolicy(CASE_FILE_OWNER, async (ctx, file) => {
  const c = await repo.findCase(ctx.db, file.ownerId);
  if (!c) return false;
  if (isApplicantOf(ctx, c)) return { purpose: '申请人查看本人办件材料' };
  try {
    await assertCanRead(ctx, c, await repo.listTasks(ctx.db, c.id));
    return { purpose: '办件审查' };
  } catch {
    return false;
  }
});

/** What the licenses module needs of a case a caller works on: its parties and scope. */
export interface CaseForLicenses {
  id: string;
  caseNumber: string | null;
  itemName: string;
  state: CaseState;
  regionCode: string;
  departmentId: string;
  applicantAccountId: string | null;
  /** The applicant as a holder (clear code: in-process only). */
  holder: { kind: 'person' | 'legal_person'; name: string; code: string | null };
  /** True when the caller is the applicant; false for staff handling or supervising it. */
  callerIsApplicant: boolean;
  /** The materials as provided, with the guide's names. */
  materials: { key: string; name: string; via: string; fileIds: string[] }[];
}

/**
 * A case the caller may read (the applicant, or staff whose scope covers it), for license queries
 * within a case (用证 / 查证). Anyone else gets the same 404/403 as reading the case.
 */
export async function caseForLicenses(ctx: Ctx, id: string): Promise<CaseForLicenses> {
  const c = await getCaseRow(ctx, id);
  await assertCanRead(ctx, c, await repo.listTasks(ctx.db, id));
  const h = holderOfCase(ctx, c);
  const v = await boundVersion(ctx, c.version_id);
  const materials = Object.entries(materialsOf(c)).map(([key, e]) => ({
    key, name: v.guide.materials.find((m) => m.key === key)?.name ?? key, via: e.via, fileIds: e.via === 'upload' ? e.fileIds : e.via === 'trusted' ? (e.fileIds ?? []) : [],
  }));
  return {
    materials,
    id: c.id, caseNumber: c.case_number, itemName: c.item_name, state: c.state, regionCode: c.region_code, departmentId: c.department_id,
    applicantAccountId: c.applicant_account_id, holder: { ...h, name: c.applicant.name }, callerIsApplicant: isApplicantOf(ctx, c),
  };
}
