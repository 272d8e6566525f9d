import type { z } from 'zod';
import { GuideContent } from '../../../common/schemas/catalog.ts';
import type { CreateLifeEventBody, LifeEventDetail, LifeEventView, UpdateLifeEventBody } from '../../../common/schemas/life-events.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, withTransaction, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, hasRole, regionPrefix, requireScope } from '../../platform/guard.ts';
import * as org from '../org/service.ts';
import { mergeForms, mergeMaterials, type MergeInput } from './life-event-merge.ts';
import * as repo from './life-events-repo.ts';

type View = z.input<typeof LifeEventView>;
type Detail = z.input<typeof LifeEventDetail>;

/** The region and its ancestors (建阳区 → 福建省, 南平市, 建阳区): the bodies whose items a resident of the region can apply for. */
export function regionAndAncestors(code: string): string[] {
  const prefix = regionPrefix(code);
  return [2, 4, 6, 9, 12].filter((len) => len <= prefix.length).map((len) => code.slice(0, len).padEnd(12, '0'));
}

function present(e: repo.LifeEventRow, members: repo.LifeEventMemberRow[]): View {
  return {
    id: e.id, code: e.code, name: e.name, audience: e.audience, description: e.description, icon: e.icon as View['icon'],
    regionCode: e.region_code, regionName: e.region_name, status: e.status,
    publishedAt: e.published_at ? new Date(e.published_at).toISOString() : null, updatedAt: new Date(e.updated_at).toISOString(),
    members: members.filter((m) => m.life_event_id === e.id).map((m) => ({ position: m.position, basicCode: m.basic_code, name: m.name, itemType: m.item_type, note: m.note })),
  };
}

async function presentAll(ctx: Ctx, list: repo.LifeEventRow[]): Promise<View[]> {
  const members = await repo.listMembers(ctx.db, list.map((e) => e.id));
  return list.map((e) => present(e, members));
}

/** True when the actor is a catalog admin whose region covers the life event (they may see its drafts). */
function canAdminister(ctx: Ctx, e: repo.LifeEventRow): boolean {
  if (ctx.actor.type === 'system') return true;
  if (!hasRole(ctx, 'catalog_admin')) return false;
  try {
    assertInScope(ctx, e.region_code);
    return true;
  } catch {
    return false;
  }
}

/** Get a life event by code; a draft exists only for the catalog admins who keep it. */
async function getEvent(ctx: Ctx, code: string): Promise<repo.LifeEventRow> {
  const e = await repo.findLifeEvent(ctx.db, code);
  if (!e || (e.status !== 'published' && !canAdminister(ctx, e))) throw AppError.notFound('一件事', code);
  return e;
}

/** The published life events offered in a region (defined there or above it), for the portal. */
export async function listPublished(ctx: Ctx, q: { region?: string | undefined; audience?: 'person' | 'legal_person' | undefined }): Promise<View[]> {
  const region = q.region ?? org.HOME_CITY;
  const list = await repo.listLifeEvents(ctx.db, { regionCodes: regionAndAncestors(region), status: 'published', ...(q.audience ? { audience: q.audience } : {}) });
  return presentAll(ctx, list);
}

/** Every life event (drafts too) defined in the catalog admin's region, for the console. */
export async function listForAdmin(ctx: Ctx): Promise<View[]> {
  const prefix = ctx.actor.type === 'system' ? '' : regionPrefix(requireScope(ctx).regionCode);
  return presentAll(ctx, await repo.listLifeEvents(ctx.db, { regionPrefix: prefix }));
}

/**
 * A life event resolved in a region: each member's implementation in force there (the nearest body
 * — county before city — wins; null when no body there implements it), the merged form and
 * materials of the implemented members, and the totals a citizen plans with.
 */
export async function getResolved(ctx: Ctx, code: string, regionCode: string | undefined): Promise<Detail> {
  const e = await getEvent(ctx, code);
  const region = await org.getRegion(ctx, regionCode ?? org.HOME_CITY);
  const members = await repo.listMembers(ctx.db, [e.id]);
  const found = await repo.publishedInRegions(ctx.db, members.map((m) => m.base_item_id), regionAndAncestors(region.code));
  const resolved = members.map((m) => {
    // Rows come nearest region first, so the first match is the body the citizen applies to.
    const impl = found.find((r) => r.base_item_id === m.base_item_id);
    return { m, impl, guide: impl ? GuideContent.parse(impl.content) : null };
  });
  const inputs: MergeInput[] = resolved.flatMap(({ m, guide }) => (guide ? [{ basicCode: m.basic_code, itemName: guide.name, form: guide.form, materials: guide.materials }] : []));
  const guides = resolved.flatMap((r) => (r.guide ? [r.guide] : []));
  const promised = (unit: 'working_day' | 'natural_day') => guides.filter((g) => g.promisedLimit.unit === unit).reduce((s, g) => s + g.promisedLimit.days, 0);
  return {
    ...present(e, members),
    region: { code: region.code, name: region.name },
    members: resolved.map(({ m, impl, guide }) => ({
      position: m.position, basicCode: m.basic_code, name: m.name, itemType: m.item_type, note: m.note,
      implementation: impl && guide ? {
        implementationId: impl.implementation_id, versionId: impl.version_id, version: impl.version, name: guide.name, departmentName: impl.department_name,
        regionCode: impl.region_code, regionName: impl.region_name, promisedLimit: guide.promisedLimit, statutoryLimit: guide.statutoryLimit,
        visitsRequired: guide.visitsRequired, onlineDepth: guide.onlineDepth, resultName: guide.result.name,
      } : null,
    })),
    implementedCount: guides.length,
    totals: {
      promisedWorkingDays: promised('working_day'),
      promisedNaturalDays: promised('natural_day'),
      visitsRequired: Math.max(0, ...guides.map((g) => g.visitsRequired)),
      visitsIfSeparate: guides.reduce((s, g) => s + g.visitsRequired, 0),
    },
    mergedForm: mergeForms(inputs),
    mergedMaterials: mergeMaterials(inputs),
  };
}

/** Base item ids of the members, in order; an unknown basic code answers 400 naming the member. */
async function memberIds(ctx: Ctx, members: { basicCode: string; note?: string | undefined }[]): Promise<{ baseItemId: string; note: string | null }[]> {
  const found = new Map((await repo.findBaseItems(ctx.db, members.map((m) => m.basicCode))).map((b) => [b.basic_code, b.id]));
  return members.map((m, i) => {
    const id = found.get(m.basicCode);
    if (!id) throw AppError.field(`members.${i}.basicCode`, `基本目录中没有编码为 ${m.basicCode} 的事项`);
    return { baseItemId: id, note: m.note || null };
  });
}

async function viewOf(ctx: Ctx, code: string): Promise<View> {
  const [v] = await presentAll(ctx, [await getEvent(ctx, code)]);
  if (!v) throw AppError.notFound('一件事', code);
  return v;
}

/** Create a life event as a draft in the admin's region (or a region within it). */
export async function create(ctx: Ctx, input: z.infer<typeof CreateLifeEventBody>): Promise<View> {
  const regionCode = input.regionCode ?? requireScope(ctx).regionCode;
  await org.getRegion(ctx, regionCode).catch(() => {
    throw AppError.field('regionCode', '行政区划不存在');
  });
  assertInScope(ctx, regionCode);
  const members = await memberIds(ctx, input.members);
  await withTransaction(ctx, async (tx) => {
    if (await repo.findLifeEvent(tx.db, input.code)) throw new AppError('ALREADY_EXISTS', `代码 ${input.code} 已被使用`, [{ path: 'code', message: '代码已被使用' }]);
    const id = await repo.insertLifeEvent(tx.db, { ...input, regionCode, createdBy: actorAccountId(tx) });
    await repo.replaceMembers(tx.db, id, members);
    await audit(tx, { action: 'catalog.life_event.create', entityType: 'catalog_life_event', entityId: id, regionCode, after: { code: input.code, name: input.name, members: input.members } });
  });
  return viewOf(ctx, input.code);
}

async function forEdit(ctx: Ctx, code: string): Promise<repo.LifeEventRow> {
  const e = await getEvent(ctx, code);
  assertInScope(ctx, e.region_code);
  return e;
}

/** Replace a life event's fields and members; a published one changes for the public at once, so it is audited with the old members. */
export async function update(ctx: Ctx, code: string, input: z.infer<typeof UpdateLifeEventBody>): Promise<View> {
  const e = await forEdit(ctx, code);
  const before = await viewOf(ctx, code);
  const members = await memberIds(ctx, input.members);
  await withTransaction(ctx, async (tx) => {
    await repo.updateLifeEvent(tx.db, e.id, input);
    await repo.replaceMembers(tx.db, e.id, members);
    await audit(tx, {
      action: 'catalog.life_event.edit', entityType: 'catalog_life_event', entityId: e.id, regionCode: e.region_code,
      before: { name: before.name, audience: before.audience, members: before.members.map((m) => ({ basicCode: m.basicCode, note: m.note })) },
      after: { name: input.name, audience: input.audience, members: input.members },
    });
  });
  return viewOf(ctx, code);
}

/**
 * Publish (发布) a life event, or withdraw it (撤回) to a draft. Publishing needs every member to be
 * implemented and published somewhere in the defining region, so the portal never offers a bundle
 * nobody can handle.
 */
export async function setPublished(ctx: Ctx, code: string, publish: boolean): Promise<View> {
  const e = await forEdit(ctx, code);
  const target = publish ? 'published' : 'draft';
  if (e.status === target) throw new AppError('INVALID_STATE', publish ? '该一件事已发布' : '该一件事尚未发布', { status: e.status, allowed: [publish ? 'unpublish' : 'publish'] });
  if (publish) {
    const members = await repo.listMembers(ctx.db, [e.id]);
    const missing = await membersWithoutImplementation(ctx, e.region_code, members);
    if (missing.length > 0) {
      throw new AppError('VALIDATION_FAILED', `以下事项在本区域尚无已发布的实施清单：${missing.map((m) => m.name).join('、')}`,
        missing.map((m) => ({ path: `members.${m.position - 1}.basicCode`, message: `${m.name}尚未在本区域发布` })));
    }
  }
  await withTransaction(ctx, async (tx) => {
    await repo.setLifeEventStatus(tx.db, e.id, target);
    await audit(tx, { action: `catalog.life_event.${publish ? 'publish' : 'unpublish'}`, entityType: 'catalog_life_event', entityId: e.id, regionCode: e.region_code, before: { status: e.status }, after: { status: target } });
  });
  return viewOf(ctx, code);
}

async function membersWithoutImplementation(ctx: Ctx, regionCode: string, members: repo.LifeEventMemberRow[]): Promise<repo.LifeEventMemberRow[]> {
  const ids = new Set(await repo.publishedBaseItemsUnder(ctx.db, regionPrefix(regionCode), members.map((m) => m.base_item_id)));
  return members.filter((m) => !ids.has(m.base_item_id));
}
