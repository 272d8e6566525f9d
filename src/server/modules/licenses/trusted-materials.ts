import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TrustedMaterialView, VerifyMaterialBody } from '../../../common/schemas/licenses.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, clockNow, withTransaction, type Ctx } from '../../platform/context.ts';
import { firstRow, rows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { shanghaiDate } from '../../platform/workdays.ts';
import { findFile, readVerified, registerFileReadPolicy, storeGenerated } from '../../platform/files.ts';
import { hasRole } from '../../platform/guard.ts';
import type { TrustedMaterialHandlers } from '../cases/hooks.ts';
import * as cases from '../cases/service.ts';
import { notify } from '../notify/service.ts';
import { day, holderHash, myHolderHash } from './service.ts';

/**
 * Trusted materials (可信电子材料): an uploaded material a window has checked against the original
 * once becomes reusable by the same holder in later cases — for any guide material of the same key
 * or name — instead of being uploaded and checked again.
 */

/** The owner type of the verified copies in the file store. */
export const TRUSTED_MATERIAL_OWNER = 'trusted_material';

interface Row {
  id: string;
  holder_kind: 'person' | 'legal_person';
  holder_name: string;
  holder_code_hash: string;
  name: string;
  material_key: string;
  file_ids: string[];
  source_case_id: string;
  verifier_name: string;
  verified_at: Date | string;
  valid_until: Date | string | null;
  revoked_at: Date | string | null;
  revoke_reason: string | null;
  uses?: number | string;
}

const SELECT = sql`select m.*, (select count(*) from trusted_material_uses u where u.trusted_material_id = m.id) as uses from trusted_materials m`;

// Limits and validity are civil dates in Asia/Shanghai.
const shanghaiDay = (at: Date): string => shanghaiDate(at);

const dayText = (d: Date | string | null): string | null => (d === null ? null : day(d));

/** Normalized for matching: names differ in brackets and spacing across guides. */
function norm(name: string): string {
  return name.replace(/[\s（）()【】[\]、，,。.]/g, '');
}

function usable(r: Row, today: string): boolean {
  return !r.revoked_at && (r.valid_until === null || (dayText(r.valid_until) ?? '') >= today);
}

function present(r: Row, today: string): z.infer<typeof TrustedMaterialView> {
  return {
    id: r.id, name: r.name, materialKey: r.material_key, fileIds: r.file_ids, sourceCaseId: r.source_case_id, verifierName: r.verifier_name,
    verifiedAt: new Date(r.verified_at).toISOString(), validUntil: dayText(r.valid_until), revoked: r.revoked_at !== null, revokeReason: r.revoke_reason,
    usable: usable(r, today), uses: Number(r.uses ?? 0),
  };
}

/**
 * A window clerk or approver handling a case marks one of its uploaded materials as checked against
 * the original (核验): the files are kept for the holder as a trusted material.
 */
export async function verifyMaterial(ctx: Ctx, input: z.infer<typeof VerifyMaterialBody>): Promise<z.infer<typeof TrustedMaterialView>> {
  if (!hasRole(ctx, 'window_clerk', 'approver')) throw new AppError('FORBIDDEN', '只有窗口或审批人员可以核验材料');
  const c = await cases.caseForLicenses(ctx, input.caseId);
  if (c.callerIsApplicant) throw new AppError('FORBIDDEN', '申请人不能核验自己的材料');
  if (['draft', 'withdrawn', 'not_accepted'].includes(c.state)) throw new AppError('INVALID_STATE', '只能核验已提交的办件中的材料', { state: c.state });
  const m = c.materials.find((x) => x.key === input.materialKey);
  if (!m) throw AppError.field('materialKey', '办件中没有该材料');
  if (m.via !== 'upload' || m.fileIds.length === 0) throw AppError.field('materialKey', '只有上传的材料可以核验为可信电子材料');
  if (!c.holder.code) throw new AppError('CONFLICT', '申请人没有身份证号码或统一社会信用代码，不能保存可信电子材料');
  if (input.validUntil && input.validUntil <= shanghaiDay(clockNow(ctx))) throw AppError.field('validUntil', '有效期应晚于今天');
  const existing = await firstRow<Row>(ctx.db, sql`${SELECT} where m.source_case_id = ${c.id} and m.material_key = ${m.key}`);
  if (existing) return present(existing, shanghaiDay(clockNow(ctx)));
  const id = randomUUID();
  // Copies owned by the trusted material: the same blobs (content-addressed), readable in later cases.
  const copies: string[] = [];
  for (const fileId of m.fileIds) {
    const f = await findFile(ctx, fileId);
    if (!f) throw AppError.field('materialKey', '材料文件不存在');
    const stored = await storeGenerated(ctx, { bytes: await readVerified(ctx, f), name: f.name, contentType: f.content_type, owner: { ownerType: TRUSTED_MATERIAL_OWNER, ownerId: id } });
    copies.push(stored.id);
  }
  const holderCodeHash = holderHash(ctx, c.holder.code);
  const verifier = ctx.actor.type === 'account' ? ctx.actor.displayName : '系统';
  await withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`insert into trusted_materials (id, holder_kind, holder_name, holder_code_hash, name, material_key, file_ids, source_case_id, verified_by, verifier_name, valid_until)
      values (${id}, ${c.holder.kind}, ${c.holder.name}, ${holderCodeHash}, ${m.name}, ${m.key}, ${JSON.stringify(copies)}::jsonb, ${c.id}, ${actorAccountId(tx)}, ${verifier}, ${input.validUntil ?? null}::date)`);
    await audit(tx, { action: 'licenses.trusted_material.verify', entityType: 'trusted_material', entityId: id, subjectAccountId: c.applicantAccountId, regionCode: c.regionCode, after: { caseId: c.id, materialKey: m.key, name: m.name, files: copies.length, validUntil: input.validUntil ?? null } });
    if (c.applicantAccountId) {
      await notify(tx, { accountId: c.applicantAccountId, kind: 'license.trusted_material', title: `“${m.name}”已核验`, body: `您在办件 ${c.caseNumber ?? ''} 中提交的“${m.name}”已由窗口核验，以后办理其他事项时可直接使用，无需再次提交。`, link: '/account/licenses', channels: [] });
    }
  });
  const row = await firstRow<Row>(ctx.db, sql`${SELECT} where m.id = ${id}`);
  if (!row) throw new Error('trusted material vanished');
  return present(row, shanghaiDay(clockNow(ctx)));
}

/** The caller's trusted materials; with a material key or name, only those usable for it. */
export async function myMaterials(ctx: Ctx, q: { materialKey?: string | undefined; name?: string | undefined }): Promise<z.infer<typeof TrustedMaterialView>[]> {
  const hash = await myHolderHash(ctx);
  const today = shanghaiDay(clockNow(ctx));
  const list = await rows<Row>(ctx.db, sql`${SELECT} where m.holder_code_hash = ${hash} order by m.verified_at desc limit 200`);
  const wanted = q.materialKey !== undefined || q.name !== undefined;
  return list.filter((r) => !wanted || (usable(r, today) && (r.material_key === q.materialKey || (q.name !== undefined && norm(r.name) === norm(q.name))))).map((r) => present(r, today));
}

/** The holder withdraws a trusted material (it can no longer be reused; cases that used it keep it). */
export async function withdrawMaterial(ctx: Ctx, id: string): Promise<z.infer<typeof TrustedMaterialView>> {
  const hash = await myHolderHash(ctx);
  const r = await firstRow<Row>(ctx.db, sql`${SELECT} where m.id = ${id}`);
  if (!r || r.holder_code_hash !== hash) throw AppError.notFound('可信电子材料', id);
  if (r.revoked_at) throw new AppError('INVALID_STATE', '该材料已撤回', { allowed: [] });
  await withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`update trusted_materials set revoked_at = now(), revoke_reason = '持有人撤回' where id = ${id}`);
    await audit(tx, { action: 'licenses.trusted_material.withdraw', entityType: 'trusted_material', entityId: id, subjectAccountId: actorAccountId(tx), before: { revoked: false }, after: { revoked: true } });
  });
  const after = await firstRow<Row>(ctx.db, sql`${SELECT} where m.id = ${id}`);
  if (!after) throw new Error('trusted material vanished');
  return present(after, shanghaiDay(clockNow(ctx)));
}

/** The hooks the case engine calls: resolve a trusted material for a guide material, record its reuse. */
export const trustedMaterialHandlers: TrustedMaterialHandlers = {
  async resolve(ctx, q) {
    if (!q.applicant.code) return { ok: false, message: '无法确认申请人身份，请上传材料' };
    const r = await firstRow<Row>(ctx.db, sql`${SELECT} where m.id = ${q.trustedMaterialId}`);
    if (!r || r.holder_code_hash !== holderHash(ctx, q.applicant.code)) return { ok: false, message: '所选可信电子材料不属于申请人' };
    if (!usable(r, shanghaiDay(clockNow(ctx)))) return { ok: false, message: `可信电子材料“${r.name}”已撤回或过期，请重新上传` };
    if (r.material_key !== q.materialKey && norm(r.name) !== norm(q.materialName)) return { ok: false, message: `可信电子材料“${r.name}”不能用作“${q.materialName}”` };
    return { ok: true, fileIds: r.file_ids };
  },
  async recordUse(tx, e) {
    for (const u of e.uses) {
      await tx.db.execute(sql`insert into trusted_material_uses (trusted_material_id, case_id, material_key) values (${u.trustedMaterialId}, ${e.caseId}, ${u.materialKey})
        on conflict (case_id, material_key) do update set trusted_material_id = excluded.trusted_material_id, used_at = now()`);
      await audit(tx, { action: 'licenses.trusted_material.use', entityType: 'trusted_material', entityId: u.trustedMaterialId, after: { caseId: e.caseId, materialKey: u.materialKey } });
    }
  },
};

let registered = false;

/** Who may read a trusted material's files: its holder, or staff who may read a case that used or verified it. */
export function registerTrustedMaterialFiles(): void {
  if (registered) return;
  registered = true;
  registerFileReadPolicy(TRUSTED_MATERIAL_OWNER, async (ctx, file) => {
    const r = await firstRow<Row>(ctx.db, sql`select * from trusted_materials where id = ${file.ownerId}`);
    if (!r) return false;
    if (ctx.actor.type === 'account' && ctx.actor.kind !== 'staff') {
      return (await myHolderHash(ctx).catch(() => '')) === r.holder_code_hash ? { purpose: '持有人查看' } : false;
    }
    const caseIds = [r.source_case_id, ...(await rows<{ case_id: string }>(ctx.db, sql`select case_id from trusted_material_uses where trusted_material_id = ${r.id}`)).map((u) => u.case_id)];
    for (const caseId of caseIds) {
      const ok = await cases.caseForLicenses(ctx, caseId).then(() => true, () => false);
      if (ok) return { purpose: '审查办件中复用的可信电子材料' };
    }
    return false;
  });
}
