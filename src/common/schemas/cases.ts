import { z } from 'zod';
import { CreditCode, IdNumber, Phone } from './identity.ts';
import { Name, PageQuery, RegionCode } from './shared.ts';

/** States of a case (办件状态). */
export const CASE_STATES = ['draft', 'submitted', 'supplementing', 'processing', 'suspended', 'not_accepted', 'withdrawn', 'denied', 'completed', 'delivered'] as const;
/** One case state. */
export type CaseState = (typeof CASE_STATES)[number];

/** Chinese labels of the states, for the timeline and the UI. */
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  draft: '草稿',
  submitted: '待受理',
  supplementing: '待补正',
  processing: '办理中',
  suspended: '特别程序中',
  not_accepted: '不予受理',
  withdrawn: '已撤回',
  denied: '不予许可',
  completed: '已办结',
  delivered: '已送达',
};

/** Actions on a case; the state machine says which are allowed in each state. */
export const CASE_ACTIONS = [
  'update_draft', 'submit', 'withdraw', 'accept', 'accept_with_deficiency', 'not_accept', 'request_supplement', 'supplement',
  'claim', 'approve', 'deny', 'return', 'delegate', 'start_special_procedure', 'end_special_procedure', 'fulfil_promise', 'deliver',
] as const;
/** One case action. */
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Chinese labels of the actions (timeline). */
export const CASE_ACTION_LABELS: Record<CaseAction | 'create', string> = {
  create: '创建草稿',
  update_draft: '保存草稿',
  submit: '提交申请',
  withdraw: '撤回申请',
  accept: '受理',
  accept_with_deficiency: '容缺受理',
  not_accept: '不予受理',
  request_supplement: '一次性告知补正',
  supplement: '补正材料',
  claim: '签收',
  approve: '审核通过',
  deny: '不予许可',
  return: '退回',
  delegate: '转办',
  start_special_procedure: '启动特别程序',
  end_special_procedure: '结束特别程序',
  fulfil_promise: '补交容缺材料',
  deliver: '送达',
};

/** How a material was provided. */
export const MaterialEntry = z.discriminatedUnion('via', [
  z.object({ via: z.literal('upload'), fileIds: z.array(z.uuid()).min(1, '至少上传一个文件').max(20).describe('Ids from POST /api/v1/files') }),
  z.object({
    via: z.literal('license'),
    /** The holder's license chosen in the wallet; omitted = their valid license of the material's type. Filled in by the platform. */
    licenseId: z.uuid().optional().describe('电子证照 id (from GET /api/v1/licenses/mine/usable)'),
    licenseNumber: z.string().trim().max(80).optional().describe('证照编号, filled in by the platform'),
    note: z.string().trim().max(200).optional(),
  }),
  z.object({ via: z.literal('shared_data'), resourceCode: z.string().trim().max(40).optional(), note: z.string().trim().max(200).optional() }),
  z.object({
    via: z.literal('trusted'),
    /** 可信电子材料: a material a window verified in an earlier case of the same holder (GET /api/v1/licenses/mine/materials). */
    trustedMaterialId: z.uuid(),
    /** The verified files, filled in by the platform. */
    fileIds: z.array(z.uuid()).max(20).optional(),
  }),
  z.object({ via: z.literal('paper'), copies: z.number().int().min(1).max(20).default(1), note: z.string().trim().max(200).optional() }),
  z.object({ via: z.literal('promise'), promise: z.string().trim().min(1, '请填写书面承诺').max(500).describe('容缺: the written promise to supply it later') }),
]);
/** A material entry. */
export type MaterialEntryT = z.infer<typeof MaterialEntry>;

/** Materials by the guide's material key. */
export const MaterialMap = z.record(z.string().max(40), MaterialEntry);

/** The applicant, when a window clerk applies on their behalf (online: taken from the account). */
export const ApplicantInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: Name, idNumber: IdNumber, phone: Phone.optional(), agentName: Name.optional().describe('代理人') }),
  z.object({ kind: z.literal('legal_person'), name: Name, creditCode: CreditCode, legalRepName: Name, phone: Phone.optional(), agentName: Name.optional() }),
]);

/** Apply: create a draft, or create and submit at once (then an Idempotency-Key header is required). */
export const CreateCaseBody = z.object({
  implementationId: z.uuid().describe('The item implementation; the case binds to its version in force'),
  formData: z.record(z.string(), z.unknown()).default({}).describe('Validated against the version’s form JSON Schema on submit'),
  materials: MaterialMap.default({}),
  applicant: ApplicantInput.optional().describe('Required when a window clerk applies on the applicant’s behalf'),
  submit: z.boolean().default(false),
});

/** Save a draft again (resume later). */
export const UpdateCaseDraftBody = z.object({
  formData: z.record(z.string(), z.unknown()).optional(),
  /** Replaces the materials of the draft. */
  materials: MaterialMap.optional(),
});

/** An opinion on a decision. */
const Opinion = z.string().trim().min(1, '请填写意见').max(2000);

/** Accept (受理). */
export const AcceptBody = z.object({ opinion: z.string().trim().max(2000).optional() });

/** Accept with a deficiency (容缺受理): the promised materials and how long the applicant has. */
export const AcceptWithDeficiencyBody = z.object({
  opinion: z.string().trim().max(2000).optional(),
  dueDays: z.number().int().min(1).max(60).default(10).describe('Working days to supply the promised materials'),
  /** Written promises taken at the window for materials the application lacks (each must allow 容缺). */
  promises: z.array(z.object({ key: z.string().max(40), promise: z.string().trim().min(1, '请填写书面承诺').max(500) })).max(60).default([]),
});

/** Do not accept (不予受理): reasons and the notice text. */
export const NotAcceptBody = z.object({
  reasons: z.array(z.string().trim().min(1).max(500)).min(1, '请列明不予受理的理由').max(20),
  notice: z.string().trim().min(1, '请填写不予受理通知书内容').max(4000),
});

/** Ask for supplements once, listing every missing or deficient material (一次性告知). */
export const SupplementRequestBody = z.object({
  items: z.array(z.object({ key: z.string().max(40), reason: z.string().trim().min(1, '请说明缺少或不符合要求之处').max(500) })).min(1, '请列出需要补正的全部材料').max(60),
  notice: z.string().trim().max(2000).optional(),
});

/** The applicant's supplement: the requested materials (and corrected form data). */
export const SupplementBody = z.object({
  materials: MaterialMap,
  formData: z.record(z.string(), z.unknown()).optional(),
});

/** Supply materials promised at a 容缺受理 (补交), while the case is being processed. */
export const FulfilPromiseBody = z.object({ materials: MaterialMap });

/** Withdraw before acceptance (撤回). */
export const WithdrawBody = z.object({ reason: z.string().trim().max(500).optional() });

/** Approve a task (审核通过). */
export const ApproveBody = z.object({ opinion: Opinion });
/** Deny (不予许可) from a task: the case ends denied. */
export const DenyBody = z.object({ opinion: Opinion, reasons: z.array(z.string().trim().min(1).max(500)).min(1, '请列明不予许可的理由').max(20) });
/** Return to an earlier step (退回). */
export const ReturnBody = z.object({ toStep: z.string().max(40).describe('Key of an earlier process step'), reason: z.string().trim().min(1, '请说明退回理由').max(2000) });
/** Delegate a task to a colleague of the same department (转办/代办). */
export const DelegateBody = z.object({ toAccountId: z.uuid(), reason: z.string().trim().max(500).optional() });
/** Start a special procedure (特别程序): one of the guide's, with a reason. */
export const StartSpecialBody = z.object({ name: Name, reason: z.string().trim().min(1, '请说明理由').max(2000) });
/** End the running special procedure with its result. */
export const EndSpecialBody = z.object({ result: z.string().trim().min(1, '请填写特别程序结果').max(2000) });

/** Deliver the result (出件/送达): window pick-up, courier (address and tracking number), or online. */
export const DeliverBody = z
  .object({
    method: z.enum(['window', 'courier', 'online']),
    recipient: Name.optional(),
    address: z.string().trim().max(300).optional(),
    trackingNumber: z.string().trim().max(60).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method !== 'courier') return;
    if (!v.address) ctx.addIssue({ code: 'custom', path: ['address'], message: '邮寄送达须填写地址' });
    if (!v.trackingNumber) ctx.addIssue({ code: 'custom', path: ['trackingNumber'], message: '邮寄送达须填写运单号' });
  });

/** Path parameters of a task action. */
export const TaskParams = z.object({ id: z.uuid(), taskId: z.uuid() });

/** Path parameter of a process definition export. */
export const VersionParams = z.object({ versionId: z.uuid() });

/** The queues of the workbench. */
export const CASE_QUEUES = ['to_accept', 'supplementing', 'my_tasks', 'claimable', 'returned', 'near_deadline', 'overdue', 'all'] as const;

/** List cases for the workbench. */
export const CaseListQuery = PageQuery.extend({
  queue: z.enum(CASE_QUEUES).default('all'),
  regionCode: RegionCode.optional().describe('Narrow to a region subtree within the caller’s scope'),
});

/** The applicant's own cases. */
export const MyCasesQuery = PageQuery;

/** Time limit status of a case (days used / left from the working-day clock). */
export const ClockView = z.object({
  due: z.string().describe('YYYY-MM-DD (Asia/Shanghai)'),
  limitDays: z.number().int(),
  unit: z.enum(['working_day', 'natural_day']),
  used: z.number().int(),
  left: z.number().int(),
  overdue: z.boolean(),
  overdueDays: z.number().int().describe('Counted days past the due date'),
  paused: z.boolean(),
  provisional: z.boolean().describe('The due date lies in a year without a loaded holiday schedule'),
  unscheduledYears: z.array(z.number().int()).describe('Years assumed to be plain Monday–Friday'),
  extendedFrom: z.string().nullable().describe('Natural-day limits: the nominal end day when it was a rest day'),
});

/** A material of the case, beside the guide's requirement. */
export const CaseMaterialView = z.object({
  key: z.string(),
  name: z.string(),
  required: z.enum(['required', 'conditional']),
  entry: MaterialEntry.nullable(),
  /** What the window asked to supplement, while it is open. */
  supplementReason: z.string().nullable(),
});

/** A task (one step of one round). */
export const TaskView = z.object({
  id: z.uuid(),
  round: z.number().int(),
  stage: z.number().int(),
  stepKey: z.string(),
  stepName: z.string(),
  role: z.enum(['window_clerk', 'approver']),
  departmentId: z.uuid(),
  departmentName: z.string(),
  regionCode: z.string(),
  parallelGroup: z.string().nullable(),
  status: z.enum(['open', 'claimed', 'approved', 'rejected', 'returned', 'cancelled']),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  returnedFrom: z.uuid().nullable(),
  opinion: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

/** A case as its applicant and the staff in scope see it. */
export const CaseView = z.object({
  id: z.uuid(),
  caseNumber: z.string().nullable().describe('Region + date + daily sequence, e.g. 350703-20261123-00042'),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  allowedActions: z.array(z.enum(CASE_ACTIONS)).describe('What the state machine allows now (the caller may still lack the role)'),
  channel: z.enum(['online', 'window']),
  implementationId: z.uuid(),
  versionId: z.uuid().describe('The exact catalog version the case was applied under'),
  versionNumber: z.number().int(),
  itemName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  applicant: z.object({
    kind: z.enum(['person', 'legal_person']),
    name: z.string(),
    idNumberMasked: z.string().nullable(),
    creditCode: z.string().nullable(),
    legalRepName: z.string().nullable(),
    agentName: z.string().nullable(),
    accountId: z.uuid().nullable(),
  }),
  formData: z.record(z.string(), z.unknown()),
  materials: z.array(CaseMaterialView),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  clock: ClockView.nullable(),
  supplementCount: z.number().int().describe('Supplement requests so far (counted for supervision)'),
  supplementRequest: z.object({ items: z.array(z.object({ key: z.string(), name: z.string(), reason: z.string() })), notice: z.string().nullable(), requestedAt: z.string() }).nullable(),
  deficiency: z.object({ keys: z.array(z.string()), dueDate: z.string(), promise: z.array(z.string()) }).nullable(),
  decision: z.object({ kind: z.enum(['not_accepted', 'denied', 'withdrawn']), reasons: z.array(z.string()), notice: z.string().nullable(), decidedAt: z.string() }).nullable(),
  specialProcedure: z.object({ name: z.string(), reason: z.string(), maxDays: z.number().int().nullable(), startedAt: z.string() }).nullable(),
  outcome: z.enum(['approved', 'denied']).nullable(),
  result: z.object({ type: z.string(), name: z.string(), documentNumber: z.string(), issuedAt: z.string() }).nullable(),
  completedAt: z.string().nullable(),
  delivery: z.object({ method: z.enum(['window', 'courier', 'online']), recipient: z.string().nullable(), address: z.string().nullable(), trackingNumber: z.string().nullable(), note: z.string().nullable(), deliveredAt: z.string() }).nullable(),
  tasks: z.array(TaskView),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** The case view type. */
export type CaseViewT = z.infer<typeof CaseView>;

/** One row of a workbench queue or of "my cases". */
export const CaseListItem = z.object({
  id: z.uuid(),
  caseNumber: z.string().nullable(),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  itemName: z.string(),
  applicantName: z.string(),
  regionCode: z.string(),
  departmentId: z.uuid(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  clock: ClockView.nullable(),
  /** The task that put the case in the queue (task queues only). */
  taskId: z.uuid().nullable(),
  stepName: z.string().nullable(),
  updatedAt: z.string(),
});

/** One event of the timeline. */
export const TimelineEvent = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorName: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  fromState: z.enum(CASE_STATES).nullable(),
  toState: z.enum(CASE_STATES),
  toStateLabel: z.string(),
  stepName: z.string().nullable(),
  opinion: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  /** Who wrote the entry: the platform, or a department's own system (数据回流). */
  source: z.enum(['platform', 'department_system']),
});
