import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { GuideContent, ITEM_TYPES, type ItemType } from './catalog.ts';
import { RegionCode } from './shared.ts';

/** A 12-digit basic code (基本编码). */
export const BasicCode = z.string().regex(/^\d{12}$/, '基本编码应为12位数字').describe('Basic code (基本编码, GB/T 39554.1)');

/** Add an item to a department's implementation list: creates draft version 1. */
export const CreateImplementationBody = z.object({
  basicCode: BasicCode,
  departmentId: z.uuid().describe('Implementing body (实施主体)'),
  /** The guide; validated in full (400 names each field under content.*). */
  content: z.unknown(),
  changeNote: z.string().trim().max(500).optional(),
});

/** Operations on an implementation in force, each reviewed by a second catalog admin. */
export const OPERATIONS = ['change', 'cancel', 'delegate', 'merge'] as const;

/** Open a change (变更), cancellation (取消), delegation (下放) or merge (整合) draft. */
export const StartOperationBody = z.object({
  operation: z.enum(OPERATIONS).describe('变更 / 取消 / 下放 / 整合'),
  changeNote: z.string().trim().min(1, '请说明原因').max(500),
  /** Delegation: the lower-level body that will implement the item (a department in the item's region subtree). */
  targetDepartmentId: z.uuid().optional(),
  /** Merge: other implementations in the same region that this one absorbs (they end when the merge is published). */
  mergedImplementationIds: z.array(z.uuid()).min(1).max(10).optional(),
});

/** Parameters of a delegation or merge, as shown to editors and reviewers. */
export const OperationDetail = z.object({
  targetDepartmentId: z.uuid().optional(),
  targetDepartmentName: z.string().optional(),
  mergedImplementations: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), departmentName: z.string() })).optional(),
});

/** Replace a draft's guide. */
export const UpdateDraftBody = z.object({ content: z.unknown(), changeNote: z.string().trim().max(500).optional() });

/** A review decision by a second catalog admin. */
export const ReviewBody = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(1000).optional().describe('Required when rejecting'),
});

/** A version of an implementation's guide. */
export const VersionView = z.object({
  id: z.uuid(),
  implementationId: z.uuid(),
  implementationCode: z.string(),
  basicCode: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  implementationStatus: z.enum(['draft', 'published', 'cancelled']),
  endedBy: z.enum(['cancel', 'delegate', 'merge']).nullable().describe('How the implementation ended, if it did'),
  successorImplementationId: z.uuid().nullable().describe('The implementation that took over after a delegation or merge'),
  version: z.number().int(),
  status: z.enum(['draft', 'in_review', 'published', 'superseded', 'cancelled']),
  operation: z.enum(['add', 'change', 'cancel', 'delegate', 'merge']),
  operationDetail: OperationDetail.nullable(),
  changeNote: z.string().nullable(),
  reviewComment: z.string().nullable(),
  authorId: z.uuid(),
  authorName: z.string(),
  reviewerId: z.uuid().nullable(),
  reviewerName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  isCurrent: z.boolean().describe('This is the version in force'),
  content: GuideContent,
});

/** Search the published catalog. */
export const CatalogSearchQuery = z.object({
  q: z.string().trim().max(50).optional().describe('Words, e.g. 营业执照 or 个体户'),
  regionCode: RegionCode.optional().describe('Region subtree (default 南平市)'),
  departmentId: z.uuid().optional(),
  servesTo: z.enum(['person', 'legal_person']).optional(),
  theme: z.string().trim().max(30).optional(),
  itemType: z.enum(Object.keys(ITEM_TYPES) as [ItemType, ...ItemType[]]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
  facets: z.enum(['true', 'false']).optional().describe('Also count hits per department and per theme'),
  distinct: z.enum(['base']).optional().describe('One hit per base item (its best-ranked implementation), e.g. across a whole city'),
});

/** A piece of highlighted text. */
const Highlight = z.array(z.object({ text: z.string(), hit: z.boolean() }));

/** One search hit. */
export const CatalogSearchHit = z.object({
  implementationId: z.uuid(),
  versionId: z.uuid(),
  version: z.number().int(),
  basicCode: z.string(),
  name: z.string(),
  nameHighlight: Highlight,
  itemType: z.string(),
  servesTo: z.array(z.string()),
  themes: z.array(z.string()),
  regionCode: RegionCode,
  regionName: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  promisedDays: z.number().int(),
  promisedUnit: z.enum(['working_day', 'natural_day']),
  statutoryDays: z.number().int(),
  statutoryUnit: z.enum(['working_day', 'natural_day']),
  visitsRequired: z.number().int(),
  onlineDepth: z.array(z.number().int()),
  resultName: z.string(),
  materialCount: z.number().int(),
  regionCount: z.number().int().describe('Regions implementing this base item within the search scope (1 unless distinct=base)'),
});

/** Where one base item is implemented (public). */
export const BaseImplementations = z.object({
  items: z.array(z.object({ implementationId: z.uuid(), regionCode: RegionCode, regionName: z.string(), departmentName: z.string() })),
});

/** Hit counts per department and per theme. */
export const SearchFacets = z.object({
  departments: z.array(z.object({ id: z.uuid(), name: z.string(), count: z.number().int() })),
  themes: z.array(z.object({ name: z.string(), count: z.number().int() })),
});

/** A page of search hits. */
export const CatalogSearchResponse = z.object({
  items: z.array(CatalogSearchHit),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: SearchFacets.optional().describe('Present when facets=true'),
});

/** The field-by-field diff of a version against the one in force before it. */
export const DiffResponse = z.object({
  against: z.number().int().nullable().describe('Version compared against (null: first version)'),
  changes: z.array(z.object({ path: z.string(), label: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: z.unknown(), after: z.unknown() })),
});

/** A version waiting for review. */
export const ReviewQueueItem = z.object({
  id: z.uuid(),
  implementationId: z.uuid(),
  version: z.number().int(),
  operation: z.string(),
  name: z.string(),
  regionName: z.string(),
  departmentName: z.string(),
  changeNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  mine: z.boolean().describe('Submitted by the caller (who may not review it)'),
});

/** List open drafts. */
export const DraftListQuery = z.object({ status: z.enum(['draft', 'in_review']).optional() });

/** An open draft (草稿 or 审核中) in the admin's region. */
export const DraftListItem = z.object({
  id: z.uuid(),
  implementationId: z.uuid(),
  implementationCode: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'in_review']),
  operation: z.enum(['add', 'change', 'cancel', 'delegate', 'merge']),
  name: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  departmentName: z.string(),
  changeNote: z.string().nullable(),
  reviewComment: z.string().nullable().describe('Why a reviewer sent it back, if so'),
  authorName: z.string(),
  updatedAt: z.string(),
});

/** One base item compared across regions. */
export const CompareResponse = z.object({
  basicCode: z.string(),
  name: z.string(),
  regions: z.array(
    z.object({
      implementationId: z.uuid(),
      regionCode: RegionCode,
      regionName: z.string(),
      departmentName: z.string(),
      version: z.number().int(),
      values: z.record(z.string(), z.unknown()),
      differences: z.array(z.string()).describe('Facets that differ from the most common value'),
    }),
  ),
});

/** Path parameter: a basic code. */
export const BasicCodeParams = z.object({ basicCode: BasicCode });
