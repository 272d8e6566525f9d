import { z } from 'zod';
import { Material, TimeLimit } from './catalog.ts';
import { BasicCode } from './catalog-api.ts';
import { Name, RegionCode } from './shared.ts';

/** Icons a life event can show (the portal maps each to a picture). */
export const LIFE_EVENT_ICONS = ['shop', 'baby', 'company', 'pharmacy', 'disability', 'house', 'assistance', 'retire', 'marriage', 'other'] as const;

/** The readable key of a life event, used in the portal's address. */
export const LifeEventCode = z.string().regex(/^[a-z0-9-]{2,40}$/, '代码为2-40位小写字母、数字、连字符').describe('e.g. open-restaurant');

/** A member item as entered: a base item and an optional note such as 如需. */
export const LifeEventMemberInput = z.object({
  basicCode: BasicCode,
  note: z.string().trim().max(60).optional().describe('e.g. 如需 / 经营场所使用特种设备的'),
});

/** The editable fields of a life event; members are listed in the order they are handled. */
export const LifeEventFields = z.object({
  name: Name.describe('e.g. 我要开餐馆'),
  audience: z.enum(['person', 'legal_person']).describe('个人 or 法人'),
  description: z.string().trim().max(500).default(''),
  icon: z.enum(LIFE_EVENT_ICONS).default('other'),
  members: z
    .array(LifeEventMemberInput)
    .min(2, '一件事至少包含两个事项')
    .max(20)
    .refine((m) => new Set(m.map((x) => x.basicCode)).size === m.length, '同一事项不能重复加入'),
});

/** Create a life event (a draft). */
export const CreateLifeEventBody = LifeEventFields.extend({
  code: LifeEventCode,
  regionCode: RegionCode.optional().describe('Region that defines it (default: the admin’s own region)'),
});

/** Replace a life event's fields and members (the code and region stay). */
export const UpdateLifeEventBody = LifeEventFields;

/** Path parameter: a life event code. */
export const LifeEventCodeParams = z.object({ code: LifeEventCode });

/** List the published life events offered in a region. */
export const LifeEventListQuery = z.object({
  region: RegionCode.optional().describe('County the citizen applies in (default 南平市)'),
  audience: z.enum(['person', 'legal_person']).optional(),
});

/** Resolve a life event in a county. */
export const LifeEventRegionQuery = z.object({ region: RegionCode.optional().describe('County the citizen applies in (default 南平市)') });

/** A member item of a life event. */
export const LifeEventMember = z.object({
  position: z.number().int(),
  basicCode: z.string(),
  name: z.string(),
  itemType: z.string(),
  note: z.string().nullable(),
});

/** A life event without the per-region resolution. */
export const LifeEventView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  audience: z.enum(['person', 'legal_person']),
  description: z.string(),
  icon: z.enum(LIFE_EVENT_ICONS),
  regionCode: RegionCode,
  regionName: z.string(),
  status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  members: z.array(LifeEventMember),
});

/** Which item uses a merged field or material, under its own name. */
const UsedBy = z.object({ basicCode: z.string(), itemName: z.string(), key: z.string().describe('Field or material key in that item'), title: z.string() });

/** One field of the merged form: asked once, used by every item in `usedBy`. */
export const MergedField = z.object({
  key: z.string(),
  title: z.string(),
  type: z.string(),
  /** Base data that pre-fills it (x-prefill), e.g. person.idNumber. */
  prefill: z.string().nullable(),
  required: z.boolean(),
  /** The field's JSON Schema (of the first item that asks it), for rendering. */
  schema: z.record(z.string(), z.unknown()),
  /** True when the field conflicts with a same-named field of another item and is therefore asked separately. */
  conflict: z.boolean(),
  usedBy: z.array(UsedBy),
});

/** Two items define a field of the same name (or base-data source) differently. */
export const FormConflict = z.object({
  field: z.string(),
  reason: z.enum(['type', 'enum', 'prefill']),
  message: z.string(),
  items: z.array(z.object({ basicCode: z.string(), itemName: z.string(), key: z.string(), type: z.string(), prefill: z.string().nullable() })),
});

/** The merged application form of a life event. */
export const MergedForm = z.object({
  fields: z.array(MergedField),
  conflicts: z.array(FormConflict),
  /** Fields the items ask in total, and after merging. */
  fieldsBefore: z.number().int(),
  fieldsAfter: z.number().int(),
});

/** One material of the merged list: provided once for every item in `usedBy`. */
export const MergedMaterial = z.object({
  key: z.string(),
  name: z.string(),
  required: z.enum(['required', 'conditional']),
  condition: z.string().nullable(),
  source: Material.shape.source,
  form: Material.shape.form,
  medium: Material.shape.medium,
  /** An electronic license or shared data proves it: the applicant provides nothing (免交). */
  provedByPlatform: z.boolean(),
  usedBy: z.array(UsedBy),
});

/** The merged materials of a life event. */
export const MergedMaterials = z.object({
  materials: z.array(MergedMaterial),
  before: z.number().int(),
  after: z.number().int(),
});

/** A member item resolved in the chosen region: its implementation in force there, or null when it is not implemented there. */
export const ResolvedMember = LifeEventMember.extend({
  implementation: z
    .object({
      implementationId: z.uuid(),
      versionId: z.uuid(),
      version: z.number().int(),
      name: z.string(),
      departmentName: z.string(),
      regionCode: RegionCode,
      regionName: z.string(),
      promisedLimit: TimeLimit,
      statutoryLimit: TimeLimit,
      visitsRequired: z.number().int(),
      onlineDepth: z.array(z.number().int()),
      resultName: z.string(),
    })
    .nullable(),
});

/** A life event resolved in a region: implementations, merged form and materials, totals. */
export const LifeEventDetail = LifeEventView.extend({
  region: z.object({ code: RegionCode, name: z.string() }),
  members: z.array(ResolvedMember),
  implementedCount: z.number().int(),
  totals: z.object({
    /** Promised limits added up per unit: the upper bound when the items are handled one after another. */
    promisedWorkingDays: z.number().int(),
    promisedNaturalDays: z.number().int(),
    /** Trips for the joint application: the most any member needs (they are handled together). */
    visitsRequired: z.number().int(),
    /** Trips if each item were applied for separately. */
    visitsIfSeparate: z.number().int(),
  }),
  mergedForm: MergedForm,
  mergedMaterials: MergedMaterials,
});
