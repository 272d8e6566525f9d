import { z } from 'zod';
import { RegionCode } from './shared.ts';

/** 汇总统计: a region subtree, optionally one department. */
export const CatalogStatisticsQuery = z.object({
  region: RegionCode.optional().describe('Region subtree (default: the caller’s own region)'),
  department: z.uuid().optional().describe('Only this department’s implementations'),
});

/** Counts and shares of a set of implementations; shares are fractions 0–1 of the published ones (null when none is published). */
export const CatalogStats = z.object({
  implementations: z.number().int(),
  published: z.number().int(),
  /** Implementations with an open draft (a new item or a change not yet submitted). */
  draft: z.number().int(),
  /** Implementations with a version waiting for review. */
  inReview: z.number().int(),
  cancelled: z.number().int(),
  /** 全程网办: online depth 4 (网上受理) or more and no visit. */
  fullOnlineShare: z.number().nullable(),
  /** 即办件: promised limit 0 days. */
  immediateShare: z.number().nullable(),
  /** 一趟不用跑: no visit. */
  zeroVisitShare: z.number().nullable(),
  /** Mean of promised ÷ statutory limit (same unit, statutory > 0): how much the promise shortens the law's limit. */
  avgPromisedRatio: z.number().nullable(),
});

/** The statistics of a region subtree, by child region, department, item type and online depth, with the comparison summary. */
export const CatalogStatisticsResponse = z.object({
  region: z.object({ code: RegionCode, name: z.string(), level: z.number().int() }),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  totals: CatalogStats,
  byRegion: z.array(z.object({
    code: RegionCode,
    name: z.string(),
    /** The region's own bodies (本级), as opposed to a child region. */
    own: z.boolean(),
    /** A child region that has children of its own (can be drilled into). */
    hasChildren: z.boolean(),
    stats: CatalogStats,
  })),
  byDepartment: z.array(z.object({ name: z.string().describe('Department short name, e.g. 市场监管局: the same kind of body across regions'), departments: z.number().int(), stats: CatalogStats })),
  byItemType: z.array(z.object({ itemType: z.string(), label: z.string(), published: z.number().int() })),
  byOnlineDepth: z.array(z.object({ depth: z.number().int().describe('Highest online depth reached, 0 = none'), published: z.number().int() })),
  /** 比对分析: base items published in two regions or more, and how many regions differ from the most common value. */
  comparison: z.array(z.object({
    basicCode: z.string(),
    name: z.string(),
    regions: z.number().int(),
    differing: z.number().int(),
    byFacet: z.record(z.string(), z.number().int()),
  })),
});
