import { z } from 'zod';
import { RealNameLevel } from './real-name.ts';
import { Name } from './shared.ts';

/** Item types (事项类型, GB/T 39554.1): 01 行政许可 … 20 公共服务. */
export const ITEM_TYPES = {
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const;
/** One item type code. */
export type ItemType = keyof typeof ITEM_TYPES;
const ItemTypeCode = z.enum(Object.keys(ITEM_TYPES) as [ItemType, ...ItemType[]]);

/** Levels of the implementing body: 1 national … 6 village. */
export const ITEM_LEVELS = { 1: '国家级', 2: '省级', 3: '市级', 4: '县级', 5: '乡镇级', 6: '村级' } as const;

/** Online depth (网上办理深度), multi-select: 1 enquiry … 7 e-license feedback. */
export const ONLINE_DEPTHS = { 1: '网上咨询', 2: '网上申请', 3: '网上预审', 4: '网上受理', 5: '网上办理', 6: '网上反馈结果', 7: '电子证照反馈' } as const;

/** Where a material comes from: the applicant, a license type (一证通办), shared data, or produced at the window. */
export const MaterialSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('applicant') }),
  z.object({ kind: z.literal('license'), licenseTypeCode: z.string().min(1).max(40).describe('License type code (证照类型代码)'), licenseTypeName: z.string().min(1).max(60) }),
  z.object({ kind: z.literal('shared_data'), resourceCode: z.string().min(1).max(40).describe('Resource catalog code'), resourceName: z.string().min(1).max(60) }),
  z.object({ kind: z.literal('window'), note: z.string().max(200).optional().describe('e.g. 窗口现场填写 / 窗口拍照') }),
]);

/** A material (申请材料) the item requires. */
export const Material = z.object({
  /** Stable key within the item, kept across versions so that changes diff per material. */
  key: z.string().regex(/^[a-z0-9-]{1,40}$/, 'key 为小写字母、数字、连字符'),
  name: Name,
  /** 原件 / 复印件 / 原件和复印件 */
  form: z.enum(['original', 'copy', 'original_and_copy']),
  /** 纸质 / 电子 / 纸质或电子 */
  medium: z.enum(['paper', 'electronic', 'either']),
  required: z.enum(['required', 'conditional']),
  condition: z.string().max(200).optional().describe('When a conditional material is needed'),
  copies: z.number().int().min(0).max(20).default(1),
  source: MaterialSource,
  blankForm: z.boolean().default(false).describe('A blank form is provided (空白表格)'),
  sample: z.boolean().default(false).describe('A filled sample is provided (示例样表)'),
  acceptanceStandard: z.string().max(300).optional().describe('受理标准'),
  legalBasis: z.string().max(200).optional(),
  notes: z.string().max(300).optional(),
  /** 容缺受理: the window may accept without it on the applicant's written promise to supply it later. */
  deficiencyAllowed: z.boolean().optional(),
});

/** A time limit in days. */
export const TimeLimit = z.object({
  days: z.number().int().min(0).max(3650),
  unit: z.enum(['working_day', 'natural_day']).default('working_day'),
  explanation: z.string().max(300).optional(),
});

/** A legal basis (设定依据). */
export const LegalBasis = z.object({
  law: z.string().min(1).max(120),
  article: z.string().max(60).optional(),
  text: z.string().max(2000).optional(),
});

/** A step of the process (办理流程). */
export const ProcessStep = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: Name,
  role: z.enum(['window_clerk', 'approver']).describe('Who performs the step'),
  /** Department short name at the implementing region (e.g. 市场监管局), or the implementing body when omitted. */
  department: z.string().max(60).optional(),
  days: z.number().int().min(0).max(365),
  /** Steps with the same parallel group run in parallel (会签). */
  parallelGroup: z.string().max(20).optional(),
});

/** A fee (收费). */
export const Fee = z.object({
  name: Name,
  amountYuan: z.number().min(0).max(10_000_000),
  basis: z.string().max(200),
  waivable: z.boolean().default(false),
});

/** The guide (办事指南) of an implementation: the national field set. */
export const GuideContent = z.object({
  name: Name.describe('事项名称'),
  itemType: ItemTypeCode,
  legalBases: z.array(LegalBasis).max(20),
  powerSource: z.enum(['statutory', 'delegated', 'entrusted']).default('statutory').describe('权力来源: 法定本级行使 / 上级下放 / 受委托'),
  delegatedBody: z.string().max(100).optional(),
  coHandlingBodies: z.array(z.string().max(100)).max(20).default([]),
  servesTo: z.array(z.enum(['person', 'legal_person'])).min(1),
  themes: z.array(z.string().max(30)).max(10).default([]).describe('主题分类, e.g. 生育收养, 开办企业'),
  statutoryLimit: TimeLimit.describe('法定办结时限'),
  promisedLimit: TimeLimit.describe('承诺办结时限'),
  specialProcedures: z.array(z.object({ name: Name, maxDays: z.number().int().min(0).max(3650), explanation: z.string().max(300).optional() })).max(10).default([]),
  conditions: z.array(z.string().min(1).max(500)).max(30).describe('受理条件'),
  handlingForm: z.enum(['window', 'online', 'both']),
  visitsRequired: z.number().int().min(0).max(10),
  visitsReason: z.string().max(200).optional(),
  processSteps: z.array(ProcessStep).min(1).max(30),
  materials: z.array(Material).max(60),
  fees: z.array(Fee).max(20).default([]),
  onlineDepth: z.array(z.number().int().min(1).max(7)).max(7),
  appointment: z.object({ enabled: z.boolean(), dailyQuota: z.number().int().min(0).max(10_000).optional() }).default({ enabled: false }),
  onlinePayment: z.boolean().default(false),
  courierDelivery: z.boolean().default(false),
  selfServiceTerminal: z.boolean().default(false),
  handlingScope: z.enum(['local', 'citywide', 'cross_region']).default('local').describe('通办范围: 本地 / 全城通办 / 异地可办'),
  /** 事项实名等级要求: the lowest real-name level an applicant's account needs to apply online (window applications are checked in person). */
  minRealNameLevel: RealNameLevel.default(1),
  result: z.object({
    type: z.enum(['license', 'approval_document', 'certificate', 'record', 'other']),
    name: Name,
    licenseTypeCode: z.string().max(40).optional(),
  }),
  channels: z.object({
    consultPhone: z.string().max(30),
    complaintPhone: z.string().max(30),
    appeal: z.string().max(200).describe('行政复议'),
    litigation: z.string().max(200).describe('行政诉讼'),
  }),
  location: z.object({ address: z.string().max(200), hours: z.string().max(100) }),
  /** JSON Schema of the application form the portal renders (fields may name a base-data source to pre-fill). */
  form: z.record(z.string(), z.unknown()).default({ type: 'object', properties: {} }),
});
/** The guide content type. */
export type GuideContentT = z.infer<typeof GuideContent>;
