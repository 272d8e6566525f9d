import type { z } from 'zod';
import { GuideContent, ITEM_TYPES, type GuideContentT } from '../../../common/schemas/catalog.ts';
import type { CatalogStatisticsResponse, CatalogStats } from '../../../common/schemas/catalog-stats.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, regionPrefix, requireScope } from '../../platform/guard.ts';
import * as org from '../org/service.ts';
import { COMPARE_FACETS, compareGuides } from './compare.ts';
import * as repo from './statistics-repo.ts';

type Stats = z.infer<typeof CatalogStats>;
/** An implementation with its parsed guide in force (null when none is published). */
type Row = repo.StatRow & { g: GuideContentT | null };

const share = (n: number, of: number) => (of === 0 ? null : n / of);

/** Counts and shares of a set of implementations. */
export function summarize(list: Row[]): Stats {
  const published = list.filter((r): r is Row & { g: GuideContentT } => r.status === 'published' && r.g !== null);
  const guides = published.map((r) => r.g);
  const ratios = guides
    .filter((g) => g.statutoryLimit.days > 0 && g.statutoryLimit.unit === g.promisedLimit.unit)
    .map((g) => g.promisedLimit.days / g.statutoryLimit.days);
  return {
    implementations: list.length,
    published: published.length,
    draft: list.filter((r) => r.open_status === 'draft').length,
    inReview: list.filter((r) => r.open_status === 'in_review').length,
    cancelled: list.filter((r) => r.status === 'cancelled').length,
    fullOnlineShare: share(guides.filter((g) => Math.max(0, ...g.onlineDepth) >= 4 && g.visitsRequired === 0).length, guides.length),
    immediateShare: share(guides.filter((g) => g.promisedLimit.days === 0).length, guides.length),
    zeroVisitShare: share(guides.filter((g) => g.visitsRequired === 0).length, guides.length),
    avgPromisedRatio: ratios.length === 0 ? null : ratios.reduce((s, x) => s + x, 0) / ratios.length,
  };
}

function groupBy<K>(list: Row[], key: (r: Row) => K): Map<K, Row[]> {
  const m = new Map<K, Row[]>();
  for (const r of list) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

/**
 * 汇总统计 and 比对分析 of the catalog in a region subtree: totals, a row per child region (for the
 * drill-down city → county → town) and per kind of department, published items by type and online
 * depth, and per base item how many regions differ from the most common conditions, materials,
 * limits and fees. Supervisors and catalog admins see their own region and below.
 */
export async function statistics(ctx: Ctx, q: { region?: string | undefined; department?: string | undefined }): Promise<z.input<typeof CatalogStatisticsResponse>> {
  const regionCode = q.region ?? (ctx.actor.type === 'system' ? org.HOME_CITY : requireScope(ctx).regionCode);
  const region = await org.getRegion(ctx, regionCode);
  assertInScope(ctx, region.code);
  let department: { id: string; name: string } | null = null;
  if (q.department) {
    const d = await org.getDepartment(ctx, q.department).catch(() => {
      throw AppError.field('department', '部门不存在');
    });
    assertInScope(ctx, d.region_code);
    department = { id: d.id, name: d.name };
  }
  const prefix = regionPrefix(region.code);
  const raw = await repo.implementationsForStats(ctx.db, { regionPrefix: prefix, ...(department ? { departmentId: department.id } : {}) });
  const list: Row[] = raw.map((r) => ({ ...r, g: r.content ? GuideContent.parse(r.content) : null }));

  const children = await org.listRegions(ctx, { parent: region.code });
  const byRegion: z.input<typeof CatalogStatisticsResponse>['byRegion'] = [];
  const own = list.filter((r) => r.region_code === region.code);
  if (own.length > 0) byRegion.push({ code: region.code, name: region.name, own: true, hasChildren: false, stats: summarize(own) });
  for (const c of children) {
    const p = regionPrefix(c.code);
    const inChild = list.filter((r) => r.region_code.startsWith(p));
    if (inChild.length > 0) byRegion.push({ code: c.code, name: c.name, own: false, hasChildren: c.childCount > 0, stats: summarize(inChild) });
  }

  const byDepartment = [...groupBy(list, (r) => r.department_kind)]
    .map(([name, rows]) => ({ name, departments: new Set(rows.map((r) => r.department_id)).size, stats: summarize(rows) }))
    .sort((a, b) => b.stats.implementations - a.stats.implementations || a.name.localeCompare(b.name, 'zh-CN'));

  const published = list.filter((r): r is Row & { g: GuideContentT } => r.status === 'published' && r.g !== null);
  const byItemType = [...groupBy(published, (r) => r.g?.itemType ?? '')]
    .map(([itemType, rows]) => ({ itemType, label: ITEM_TYPES[itemType as keyof typeof ITEM_TYPES] ?? itemType, published: rows.length }))
    .sort((a, b) => a.itemType.localeCompare(b.itemType));
  const byOnlineDepth = [...groupBy(published, (r) => Math.max(0, ...(r.g?.onlineDepth ?? [])))]
    .map(([depth, rows]) => ({ depth, published: rows.length }))
    .sort((a, b) => a.depth - b.depth);

  const comparison = [...groupBy(published, (r) => r.basic_code)]
    .filter(([, rows]) => rows.length >= 2)
    .map(([basicCode, rows]) => {
      const compared = compareGuides(rows.map((r) => ({ g: r.g ?? GuideContent.parse(r.content), regionName: r.region_name })));
      const byFacet = Object.fromEntries(Object.keys(COMPARE_FACETS).map((f) => [f, compared.filter((c) => c.differences.includes(f)).length]));
      return { basicCode, name: rows[0]?.g?.name ?? rows[0]?.base_name ?? '', regions: rows.length, differing: compared.filter((c) => c.differences.length > 0).length, byFacet };
    })
    .sort((a, b) => b.differing - a.differing || a.basicCode.localeCompare(b.basicCode));

  return {
    region: { code: region.code, name: region.name, level: region.level },
    department,
    totals: summarize(list),
    byRegion,
    byDepartment,
    byItemType,
    byOnlineDepth,
    comparison,
  };
}
