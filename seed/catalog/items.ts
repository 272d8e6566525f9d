/**
 * The demo service-item catalog (事项库) of 南平市: the base items every county implements, with
 * the standard guide (办事指南) of each and the few county differences the comparison view should
 * find.
 *
 * Legal bases name real laws, regulations and notices; article texts are short paraphrases, not
 * quotations. Where the article number was not certain it is left out rather than guessed.
 * Time limits are in the unit the law uses (working days unless a law says 日/月 for natural days);
 * items without a statutory limit say so in the explanation.
 *
 * The token `{county}` in any text is replaced by the county's name when the seed publishes the
 * county's implementation (see seed/catalog-seed.ts).
 */
import type { z } from 'zod';
import type { GuideContent } from '../../src/common/schemas/catalog.ts';
import { COUNTY_DEPARTMENTS } from '../departments.ts';
import { makeCreditCode } from '../demo-people.ts';

type Guide = z.input<typeof GuideContent>;
type MaterialIn = Guide['materials'][number];
type StepIn = Guide['processSteps'][number];
type SourceIn = MaterialIn['source'];

export interface BaseItemSeed {
  /** 12-char basic code: 2 digits who set it (00 central, 35 Fujian) + 2-digit item type + 5-digit main item + 3-digit sub item. */
  basicCode: string;
  /** Department key (seed/departments.ts) that implements it in each county. */
  department: string;
  /** The standard guide every county implements. */
  guide: z.input<typeof GuideContent>;
  /** County-level differences (keys: 6-digit county code, e.g. '350703' 建阳区), merged over the guide for that county. */
  countyOverrides?: Record<string, Partial<z.input<typeof GuideContent>>>;
}

/** The guide a county publishes: the county's overrides merged (shallowly, field by field) over the standard guide. */
export function guideForCounty(item: BaseItemSeed, countyCode: string): Guide {
  return { ...item.guide, ...(item.countyOverrides?.[countyCode] ?? {}) };
}

// ---------------------------------------------------------------------------------------------
// Reference data the materials and results point to
// ---------------------------------------------------------------------------------------------

/**
 * Credit codes of the bodies that define license types (证照定义机构). The codes of 国家市场监督管理总局
 * and 住房和城乡建设部 are the real ones used in license type codes (e.g. 营业执照 = …MB0143028R001);
 * the others are demo codes with valid check characters, to be replaced by the national license
 * catalog's codes when it is loaded.
 */
const DEFINING_BODIES = {
  samr: '11100000MB0143028R', // 国家市场监督管理总局
  mohurd: '11100000000013338W', // 住房和城乡建设部
  mps: makeCreditCode('11', '100000', 'GAB00001'), // 公安部 (demo)
  mca: makeCreditCode('11', '100000', 'MCA00001'), // 民政部 (demo)
  nhc: makeCreditCode('11', '100000', 'WJW00001'), // 国家卫生健康委员会 (demo)
  moe: makeCreditCode('11', '100000', 'JYB00001'), // 教育部 (demo)
  mot: makeCreditCode('11', '100000', 'JTB00001'), // 交通运输部 (demo)
  mnr: makeCreditCode('11', '100000', 'MNR00001'), // 自然资源部 (demo)
  nmpa: makeCreditCode('11', '100000', 'YJJ00001'), // 国家药品监督管理局 (demo)
  cdpf: makeCreditCode('11', '100000', 'CLW00001'), // 中国残疾人联合会 (demo)
} as const;

/** A license type the catalog refers to (证照类型): code = defining body's credit code + 3 digits. */
export interface LicenseTypeSeed {
  code: string;
  name: string;
  definingBody: string;
  holder: 'person' | 'legal_person' | 'both';
}

function licenseType(body: keyof typeof DEFINING_BODIES, serial: string, name: string, definingBody: string, holder: LicenseTypeSeed['holder']): LicenseTypeSeed {
  return { code: `${DEFINING_BODIES[body]}${serial}`, name, definingBody, holder };
}

/** Every license type used as a material source or an item result below. */
export const LICENSE_TYPES = {
  businessLicense: licenseType('samr', '001', '营业执照', '国家市场监督管理总局', 'both'),
  foodBusiness: licenseType('samr', '002', '食品经营许可证', '国家市场监督管理总局', 'both'),
  specialEquipment: licenseType('samr', '010', '特种设备使用登记证', '国家市场监督管理总局', 'legal_person'),
  drugBusiness: licenseType('nmpa', '001', '药品经营许可证', '国家药品监督管理局', 'legal_person'),
  pharmacist: licenseType('nmpa', '002', '执业药师注册证', '国家药品监督管理局', 'person'),
  idCard: licenseType('mps', '001', '居民身份证', '公安部', 'person'),
  residencePermit: licenseType('mps', '002', '居住证', '公安部', 'person'),
  vehicleLicense: licenseType('mps', '003', '机动车行驶证', '公安部', 'both'),
  drivingLicense: licenseType('mps', '004', '机动车驾驶证', '公安部', 'person'),
  marriage: licenseType('mca', '001', '结婚证', '民政部', 'person'),
  divorce: licenseType('mca', '002', '离婚证', '民政部', 'person'),
  disability: licenseType('cdpf', '001', '中华人民共和国残疾人证', '中国残疾人联合会', 'person'),
  birthCertificate: licenseType('nhc', '001', '出生医学证明', '国家卫生健康委员会', 'person'),
  physicianQualification: licenseType('nhc', '002', '医师资格证书', '国家卫生健康委员会', 'person'),
  physicianPractice: licenseType('nhc', '003', '医师执业证书', '国家卫生健康委员会', 'person'),
  nursePractice: licenseType('nhc', '004', '护士执业证书', '国家卫生健康委员会', 'person'),
  medicalInstitution: licenseType('nhc', '005', '医疗机构执业许可证', '国家卫生健康委员会', 'legal_person'),
  publicPlaceHygiene: licenseType('nhc', '006', '公共场所卫生许可证', '国家卫生健康委员会', 'both'),
  constructionPermit: licenseType('mohurd', '005', '建筑工程施工许可证', '住房和城乡建设部', 'legal_person'),
  presale: licenseType('mohurd', '006', '商品房预售许可证', '住房和城乡建设部', 'legal_person'),
  developerQualification: licenseType('mohurd', '007', '房地产开发企业资质证书', '住房和城乡建设部', 'legal_person'),
  realEstate: licenseType('mnr', '001', '不动产权证书', '自然资源部', 'both'),
  planningPermit: licenseType('mnr', '002', '建设工程规划许可证', '自然资源部', 'both'),
  ruralPlanningPermit: licenseType('mnr', '003', '乡村建设规划许可证', '自然资源部', 'both'),
  teacherQualification: licenseType('moe', '001', '教师资格证书', '教育部', 'person'),
  privateSchool: licenseType('moe', '002', '中华人民共和国民办学校办学许可证', '教育部', 'legal_person'),
  roadTransport: licenseType('mot', '001', '道路运输经营许可证', '交通运输部', 'both'),
  transportWorker: licenseType('mot', '002', '道路运输从业人员从业资格证', '交通运输部', 'person'),
  taxiDriver: licenseType('mot', '003', '出租汽车驾驶员从业资格证', '交通运输部', 'person'),
} as const satisfies Record<string, LicenseTypeSeed>;
type LicenseKey = keyof typeof LICENSE_TYPES;

/** A shared data resource (政务信息资源) a material can be proved by, with its providing body. */
export interface SharedResourceSeed {
  code: string;
  name: string;
  provider: string;
}

/** Every shared resource used as a material source below. */
export const SHARED_RESOURCES = {
  population: { code: 'RK-001', name: '人口基础信息', provider: '公安局' },
  marriage: { code: 'MZ-002', name: '婚姻登记信息', provider: '民政局' },
  assistance: { code: 'MZ-001', name: '社会救助对象信息', provider: '民政局' },
  realEstate: { code: 'BDC-001', name: '不动产登记信息', provider: '自然资源局' },
  housingContract: { code: 'ZJ-001', name: '房屋交易网签备案信息', provider: '住建局' },
  taxPaid: { code: 'SW-001', name: '不动产交易完税信息', provider: '税务局' },
  socialInsurance: { code: 'SB-001', name: '社会保险参保信息', provider: '人社局' },
  education: { code: 'JY-001', name: '学历学位信息', provider: '教育局' },
  teacherExam: { code: 'JY-002', name: '中小学教师资格考试合格信息', provider: '教育局' },
  mandarin: { code: 'JY-003', name: '普通话水平测试等级信息', provider: '教育局' },
  medicalSettlement: { code: 'YB-001', name: '医疗保障结算信息', provider: '医保局' },
} as const satisfies Record<string, SharedResourceSeed>;
type ResourceKey = keyof typeof SHARED_RESOURCES;

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

type DeptKey = 'scjg' | 'ga' | 'rs' | 'mz' | 'wjw' | 'zj' | 'zrzy' | 'jy' | 'jt' | 'yb' | 'xzfw';

/** Short name of a county department (市场监管局 …), as used in process steps. */
function short(key: DeptKey): string {
  const d = COUNTY_DEPARTMENTS.find((x) => x.key === key);
  if (!d) throw new Error(`unknown department ${key}`);
  return d.short;
}

const APPLICANT: SourceIn = { kind: 'applicant' };

function license(key: LicenseKey): SourceIn {
  const t = LICENSE_TYPES[key];
  return { kind: 'license', licenseTypeCode: t.code, licenseTypeName: t.name };
}

function shared(key: ResourceKey): SourceIn {
  const r = SHARED_RESOURCES[key];
  return { kind: 'shared_data', resourceCode: r.code, resourceName: r.name };
}

function atWindow(note: string): SourceIn {
  return { kind: 'window', note };
}

/** A material with the usual defaults: one original, paper or electronic, required, from the applicant. */
function material(key: string, name: string, o: Partial<MaterialIn> = {}): MaterialIn {
  return { key, name, form: 'original', medium: 'either', required: 'required', copies: 1, source: APPLICANT, ...o };
}

/** The application form the applicant fills (online it is generated from the form data). */
function applicationForm(name: string, o: Partial<MaterialIn> = {}): MaterialIn {
  return material('application', name, { blankForm: true, sample: true, acceptanceStandard: '填写完整，申请人签名或盖章', notes: '网上申请的，由系统根据填报内容自动生成', ...o });
}

/** A citizen ID card, proved by the electronic license library. */
function idCard(key = 'id-card', name = '申请人居民身份证', o: Partial<MaterialIn> = {}): MaterialIn {
  return material(key, name, { medium: 'electronic', source: license('idCard'), acceptanceStandard: '在有效期内', notes: '通过电子证照库核验，免交复印件', ...o });
}

/** A business license, proved by the electronic license library. */
function businessLicense(o: Partial<MaterialIn> = {}): MaterialIn {
  return material('business-license', '营业执照', { form: 'copy', medium: 'electronic', source: license('businessLicense'), acceptanceStandard: '在有效期内，经营范围与申请事项相符', notes: '通过电子营业执照核验，免交复印件', ...o });
}

/** The household register: the population database proves it, so it is never asked for on paper. */
function householdRegister(o: Partial<MaterialIn> = {}): MaterialIn {
  return material('household-register', '居民户口簿', { medium: 'electronic', source: shared('population'), notes: '通过人口基础信息共享核验，免交', ...o });
}

/** A license-sourced material. */
function licenseMaterial(key: string, licenseKey: LicenseKey, o: Partial<MaterialIn> = {}): MaterialIn {
  return material(key, LICENSE_TYPES[licenseKey].name, { medium: 'electronic', source: license(licenseKey), notes: '通过电子证照库核验，免交复印件', ...o });
}

/** A material proved by shared data. */
function sharedMaterial(key: string, name: string, resource: ResourceKey, o: Partial<MaterialIn> = {}): MaterialIn {
  return material(key, name, { medium: 'electronic', source: shared(resource), notes: `通过“${SHARED_RESOURCES[resource].name}”共享核验，免交`, ...o });
}

/** Power of attorney and the agent's ID, needed only when someone applies on the applicant's behalf. */
function proxy(): MaterialIn[] {
  return [
    material('power-of-attorney', '授权委托书', { required: 'conditional', condition: '委托他人代为办理的', blankForm: true }),
    idCard('agent-id-card', '受托人居民身份证', { required: 'conditional', condition: '委托他人代为办理的' }),
  ];
}

/** 受理 at the integrated window of the service centre (一窗受理). */
function accept(days = 1): StepIn {
  return { key: 'accept', name: '受理', role: 'window_clerk', department: short('xzfw'), days };
}

/** A step done by an approver of a department. */
function step(key: string, name: string, dept: DeptKey, days: number, parallelGroup?: string): StepIn {
  return parallelGroup ? { key, name, role: 'approver', department: short(dept), days, parallelGroup } : { key, name, role: 'approver', department: short(dept), days };
}

const HOURS = '工作日 8:30-12:00，14:30-17:30';

function hall(place: string, hours = HOURS): Guide['location'] {
  return { address: `{county}政务服务中心${place}`, hours };
}

const PLACES: Record<Exclude<DeptKey, 'xzfw'>, string> = {
  scjg: '二楼市场监管综合窗口',
  ga: '一楼公安户政窗口',
  rs: '一楼人社医保综合窗口',
  yb: '一楼人社医保综合窗口',
  mz: '三楼民政窗口',
  wjw: '三楼卫生健康窗口',
  zj: '四楼工程建设项目审批窗口',
  zrzy: '二楼不动产登记窗口',
  jy: '三楼教育窗口',
  jt: '四楼交通运输窗口',
};

function location(dept: Exclude<DeptKey, 'xzfw'>): Guide['location'] {
  return hall(PLACES[dept]);
}

/** Consultation, complaint, appeal (行政复议) and litigation channels of a county body. */
function channels(): Guide['channels'] {
  return {
    consultPhone: '0599-12345',
    complaintPhone: '12345',
    appeal: '自知道该行政行为之日起六十日内向{county}人民政府申请行政复议',
    litigation: '自知道或者应当知道作出行政行为之日起六个月内向{county}人民法院提起行政诉讼',
  };
}

/** 网上办理深度 1–6: 全程网办. */
const FULL_ONLINE = [1, 2, 3, 4, 5, 6];
/** 全程网办 with the electronic license returned (7). */
const FULL_ONLINE_LICENSE = [1, 2, 3, 4, 5, 6, 7];

const NO_STATUTORY = '法律、法规未规定办结时限，按本省政务服务事项标准化要求确定';

function workingDays(days: number, explanation?: string): Guide['statutoryLimit'] {
  return explanation ? { days, unit: 'working_day', explanation } : { days, unit: 'working_day' };
}

function naturalDays(days: number, explanation?: string): Guide['statutoryLimit'] {
  return explanation ? { days, unit: 'natural_day', explanation } : { days, unit: 'natural_day' };
}

// Application form fields (JSON Schema). `x-prefill` names the base data the portal fills in.
type Field = Record<string, unknown>;
const f = {
  personName: (title = '申请人姓名'): Field => ({ type: 'string', title, maxLength: 50, 'x-prefill': 'person.name' }),
  idNumber: (title = '公民身份号码'): Field => ({ type: 'string', title, pattern: '^\\d{17}[\\dX]$', 'x-prefill': 'person.idNumber' }),
  phone: (title = '联系电话'): Field => ({ type: 'string', title, pattern: '^1[3-9]\\d{9}$', 'x-prefill': 'person.phone' }),
  entName: (title = '单位名称'): Field => ({ type: 'string', title, maxLength: 100, 'x-prefill': 'enterprise.name' }),
  creditCode: (title = '统一社会信用代码'): Field => ({ type: 'string', title, pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', 'x-prefill': 'enterprise.creditCode' }),
  text: (title: string, maxLength = 100): Field => ({ type: 'string', title, maxLength }),
  longText: (title: string): Field => ({ type: 'string', title, maxLength: 500 }),
  choice: (title: string, options: string[]): Field => ({ type: 'string', title, enum: options }),
  multi: (title: string, options: string[]): Field => ({ type: 'array', title, items: { type: 'string', enum: options }, uniqueItems: true, minItems: 1 }),
  number: (title: string, minimum = 0): Field => ({ type: 'number', title, minimum }),
  integer: (title: string, minimum = 0, maximum?: number): Field => (maximum === undefined ? { type: 'integer', title, minimum } : { type: 'integer', title, minimum, maximum }),
  date: (title: string): Field => ({ type: 'string', title, format: 'date' }),
};

/** An application form schema; every field is required unless listed in `optional`. */
function form(properties: Record<string, Field>, optional: string[] = []): Record<string, unknown> {
  return { type: 'object', required: Object.keys(properties).filter((k) => !optional.includes(k)), properties };
}

const CHANNELS = channels();

// ---------------------------------------------------------------------------------------------
// 市场监管局
// ---------------------------------------------------------------------------------------------

const foodBusinessGuide: Guide = {
  name: '食品经营许可（新办）',
  itemType: '01',
  legalBases: [
    { law: '《中华人民共和国食品安全法》', article: '第三十五条', text: '国家对食品生产经营实行许可制度。从事食品销售、餐饮服务，应当依法取得许可；销售食用农产品和仅销售预包装食品的不需要取得许可，仅销售预包装食品的应当报县级以上食品安全监督管理部门备案。' },
    { law: '《中华人民共和国食品安全法》', article: '第三十三条', text: '食品生产经营应当具有相适应的场所、设备设施、食品安全管理人员和规章制度，设备布局和工艺流程合理。' },
    { law: '《食品经营许可和备案管理办法》', text: '县级以上地方市场监督管理部门应当自受理申请之日起十个工作日内作出是否准予行政许可的决定；因特殊原因需要延长期限的，经负责人批准可以延长五个工作日。' },
  ],
  coHandlingBodies: ['{county}卫生健康局'],
  servesTo: ['person', 'legal_person'],
  themes: ['准营准办', '开办企业'],
  statutoryLimit: workingDays(10, '因特殊原因需要延长的，经本行政机关负责人批准可延长五个工作日'),
  promisedLimit: workingDays(3),
  conditions: [
    '已取得营业执照等合法主体资格',
    '具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，保持场所环境整洁，并与有毒、有害场所以及其他污染源保持规定的距离',
    '具有与经营的食品品种、数量相适应的经营设备或者设施',
    '有专职或者兼职的食品安全管理人员和保证食品安全的规章制度',
    '具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染',
  ],
  handlingForm: 'both',
  visitsRequired: 0,
  processSteps: [
    accept(1),
    step('review-scjg', '材料审查', 'scjg', 1, 'joint'),
    step('review-wjw', '从业人员健康证明核查', 'wjw', 1, 'joint'),
    step('decide', '决定', 'scjg', 1),
    step('issue', '制证', 'scjg', 0),
  ],
  materials: [
    applicationForm('食品经营许可申请书'),
    businessLicense(),
    idCard('legal-rep-id', '法定代表人（负责人）身份证明'),
    material('layout-and-process', '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', { acceptanceStandard: '标明经营场所各功能区布局和主要设备位置' }),
    material('safety-rules', '食品安全管理制度文本', { notes: '包括从业人员健康管理、进货查验记录、食品安全自查、食品安全事故处置等制度' }),
    material('vending-machine', '自动售货设备的产品合格证明、具体放置地点及经营者名称、住所、联系方式、许可证公示方法等材料', { required: 'conditional', condition: '利用自动设备从事食品经营的' }),
    ...proxy(),
  ],
  onlineDepth: FULL_ONLINE_LICENSE,
  courierDelivery: true,
  handlingScope: 'citywide',
  result: { type: 'license', name: '食品经营许可证', licenseTypeCode: LICENSE_TYPES.foodBusiness.code },
  channels: CHANNELS,
  location: location('scjg'),
  form: form({
    operatorName: f.entName('经营者名称'),
    creditCode: f.creditCode(),
    legalRep: f.personName('法定代表人（负责人）'),
    phone: f.phone(),
    premises: f.text('经营场所', 200),
    operatorType: f.choice('主体业态', ['食品销售经营者', '餐饮服务经营者', '单位食堂']),
    businessItems: f.multi('经营项目', ['散装食品销售', '特殊食品销售', '热食类食品制售', '冷食类食品制售', '生食类食品制售', '半成品制售', '自制饮品制售']),
  }),
};

const soleTraderForm = form({
  traderName: f.text('个体工商户名称'),
  operator: f.personName('经营者姓名'),
  idNumber: f.idNumber('经营者公民身份号码'),
  phone: f.phone(),
  premises: f.text('经营场所', 200),
  scope: f.longText('经营范围'),
  organisation: f.choice('组成形式', ['个人经营', '家庭经营']),
  capital: f.number('资金数额（万元）'),
});

const MARKET_REGISTRATION_BASES: Guide['legalBases'] = [
  { law: '《中华人民共和国市场主体登记管理条例》', article: '第三条', text: '市场主体应当依照本条例办理登记。未经登记，不得以市场主体名义从事经营活动。' },
  { law: '《中华人民共和国市场主体登记管理条例》', article: '第十九条', text: '登记机关对申请材料进行形式审查，材料齐全、符合法定形式的当场登记；不能当场登记的，应当在3个工作日内予以登记，情形复杂的经负责人批准可以再延长3个工作日。' },
];

const SOLE_TRADER_BASES: Guide['legalBases'] = [
  ...MARKET_REGISTRATION_BASES,
  { law: '《促进个体工商户发展条例》', text: '国家持续深化商事制度改革，优化个体工商户登记服务；个体工商户可以自愿变更经营者或者转型为企业。' },
];

const scjgItems: BaseItemSeed[] = [
  {
    basicCode: '000120008001',
    department: 'scjg',
    guide: foodBusinessGuide,
    countyOverrides: {
      // 建阳区 promises two working days: acceptance and review on the same day.
      '350703': {
        promisedLimit: workingDays(2),
        processSteps: [
          accept(0),
          step('review-scjg', '材料审查', 'scjg', 1, 'joint'),
          step('review-wjw', '从业人员健康证明核查', 'wjw', 1, 'joint'),
          step('decide', '决定', 'scjg', 1),
          step('issue', '制证', 'scjg', 0),
        ],
      },
      // 武夷山市: premises inside the scenic area need the scenic-area administration's consent.
      '350782': {
        materials: [
          ...foodBusinessGuide.materials,
          material('scenic-area-consent', '武夷山风景名胜区管理机构出具的经营场所同意使用证明', { required: 'conditional', condition: '经营场所位于武夷山风景名胜区（含九曲溪沿线、天游峰景区）内的', legalBasis: '《武夷山风景名胜区管理条例》' }),
        ],
      },
    },
  },
  {
    basicCode: '000120010001',
    department: 'scjg',
    guide: {
      name: '个体工商户设立登记',
      itemType: '01',
      legalBases: SOLE_TRADER_BASES,
      servesTo: ['person'],
      themes: ['开办企业'],
      statutoryLimit: workingDays(3, '不能当场登记的3个工作日内登记；情形复杂的经负责人批准可再延长3个工作日'),
      promisedLimit: workingDays(1, '材料齐全、符合法定形式的当场登记'),
      conditions: ['有经营能力的自然人', '名称、经营场所、经营范围符合登记规定', '经营范围涉及许可项目的，在取得营业执照后依法办理相关许可'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('review', '审核登记', 'scjg', 1), step('issue', '核发营业执照', 'scjg', 0)],
      materials: [
        applicationForm('个体工商户登记（备案）申请书'),
        idCard('operator-id', '经营者居民身份证'),
        material('premises-declaration', '住所（经营场所）申报承诺书', { acceptanceStandard: '如实申报经营场所地址及使用情况', notes: '实行住所（经营场所）申报承诺制，免交产权证明' }),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      selfServiceTerminal: true,
      handlingScope: 'citywide',
      result: { type: 'license', name: '营业执照（个体工商户）', licenseTypeCode: LICENSE_TYPES.businessLicense.code },
      channels: CHANNELS,
      location: location('scjg'),
      form: soleTraderForm,
    },
  },
  {
    basicCode: '000120010002',
    department: 'scjg',
    guide: {
      name: '个体工商户变更登记',
      itemType: '01',
      legalBases: SOLE_TRADER_BASES,
      servesTo: ['person'],
      themes: ['开办企业'],
      statutoryLimit: workingDays(3),
      promisedLimit: workingDays(1),
      conditions: ['个体工商户登记事项（名称、经营者、经营场所、经营范围、组成形式、资金数额）发生变化', '已在变更事项发生之日起30日内申请'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('review', '审核登记', 'scjg', 1), step('issue', '换发营业执照', 'scjg', 0)],
      materials: [
        applicationForm('个体工商户变更登记申请书'),
        businessLicense(),
        idCard('operator-id', '经营者居民身份证'),
        idCard('new-operator-id', '新经营者居民身份证', { required: 'conditional', condition: '变更经营者的' }),
        material('transfer-agreement', '原经营者与新经营者签署的经营者变更协议', { required: 'conditional', condition: '变更经营者的' }),
        material('premises-declaration', '新住所（经营场所）申报承诺书', { required: 'conditional', condition: '变更经营场所的' }),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      handlingScope: 'citywide',
      result: { type: 'license', name: '营业执照（个体工商户）', licenseTypeCode: LICENSE_TYPES.businessLicense.code },
      channels: CHANNELS,
      location: location('scjg'),
      form: form({
        traderName: f.entName('个体工商户名称'),
        creditCode: f.creditCode(),
        operator: f.personName('经营者姓名'),
        phone: f.phone(),
        changeItems: f.multi('变更事项', ['名称', '经营者', '经营场所', '经营范围', '组成形式', '资金数额']),
        changeDetail: f.longText('变更后内容'),
      }),
    },
  },
  {
    basicCode: '000120010003',
    department: 'scjg',
    guide: {
      name: '个体工商户注销登记',
      itemType: '01',
      legalBases: SOLE_TRADER_BASES,
      servesTo: ['person'],
      themes: ['开办企业'],
      statutoryLimit: workingDays(3),
      promisedLimit: workingDays(1, '适用简易注销的，公示期满无异议后1个工作日内办结'),
      specialProcedures: [{ name: '简易注销公示', maxDays: 20, explanation: '适用简易注销程序的，通过国家企业信用信息公示系统公示20日，公示期不计入办理时限' }],
      conditions: ['个体工商户终止经营', '已结清债权债务，或未发生债权债务', '不存在被吊销营业执照、列入严重违法失信名单等不得注销的情形'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('review', '审核注销', 'scjg', 1)],
      materials: [applicationForm('个体工商户注销登记申请书'), businessLicense({ notes: '已领取纸质营业执照的，应当缴回正、副本' }), idCard('operator-id', '经营者居民身份证'), ...proxy()],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'citywide',
      result: { type: 'approval_document', name: '准予注销登记通知书' },
      channels: CHANNELS,
      location: location('scjg'),
      form: form({
        traderName: f.entName('个体工商户名称'),
        creditCode: f.creditCode(),
        operator: f.personName('经营者姓名'),
        phone: f.phone(),
        reason: f.choice('注销原因', ['决定停止经营', '经营者死亡', '转型为企业', '其他']),
        simplified: { type: 'boolean', title: '适用简易注销程序' },
      }),
    },
  },
  {
    basicCode: '000120011001',
    department: 'scjg',
    guide: {
      name: '公司设立登记',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国公司法》', article: '第二十九条', text: '设立公司，应当依法向公司登记机关申请设立登记；法律、行政法规规定须报经批准的，应当在登记前办理批准手续。' },
        { law: '《中华人民共和国公司法》', article: '第三十条', text: '申请设立公司，应当提交设立登记申请书、公司章程等文件，提交的材料应当真实、合法和有效。' },
        ...MARKET_REGISTRATION_BASES,
      ],
      servesTo: ['person', 'legal_person'],
      themes: ['开办企业'],
      statutoryLimit: workingDays(3, '不能当场登记的3个工作日内登记；情形复杂的经负责人批准可再延长3个工作日'),
      promisedLimit: workingDays(1, '开办企业“一网通办”，营业执照、公章刻制、发票申领、社保登记同步办理'),
      conditions: ['公司名称符合企业名称登记管理规定', '有符合公司章程规定的全体股东认缴的出资额', '股东共同制定公司章程', '有公司名称，建立符合有限责任公司要求的组织机构', '有公司住所'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('review', '审核登记', 'scjg', 1), step('issue', '核发营业执照', 'scjg', 0)],
      materials: [
        applicationForm('公司登记（备案）申请书'),
        material('articles', '公司章程', { acceptanceStandard: '有限责任公司由全体股东签署；股份有限公司由全体发起人签署' }),
        material('shareholder-identity', '股东、发起人的主体资格文件或自然人身份证明', { medium: 'electronic', notes: '自然人股东通过居民身份证电子证照核验，法人股东通过营业执照电子证照核验' }),
        material('officer-appointment', '法定代表人、董事、监事和高级管理人员的任职文件', { notes: '股东会决议、董事会决议或者其他相关材料' }),
        material('premises-declaration', '住所（经营场所）申报承诺书', { notes: '实行住所申报承诺制，免交产权证明' }),
        material('pre-approval', '前置审批文件或者许可证件', { required: 'conditional', condition: '法律、行政法规或者国务院决定规定设立公司须报经批准的' }),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      selfServiceTerminal: true,
      handlingScope: 'citywide',
      result: { type: 'license', name: '营业执照', licenseTypeCode: LICENSE_TYPES.businessLicense.code },
      channels: CHANNELS,
      location: location('scjg'),
      form: form({
        companyName: f.text('拟设立公司名称'),
        companyType: f.choice('公司类型', ['有限责任公司（自然人投资或控股）', '有限责任公司（自然人独资）', '股份有限公司']),
        legalRep: f.personName('法定代表人'),
        legalRepId: f.idNumber('法定代表人公民身份号码'),
        phone: f.phone(),
        capital: f.number('注册资本（万元）'),
        address: f.text('住所', 200),
        scope: f.longText('经营范围'),
      }),
    },
  },
  {
    basicCode: '002020015000',
    department: 'scjg',
    guide: {
      name: '营业执照遗失补领',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国市场主体登记管理条例实施细则》', text: '营业执照遗失或者毁坏的，市场主体应当通过国家企业信用信息公示系统声明作废，申请补领；登记机关依法予以补领。' },
      ],
      servesTo: ['person', 'legal_person'],
      themes: ['开办企业'],
      statutoryLimit: workingDays(3, NO_STATUTORY),
      promisedLimit: workingDays(0, '即办件，当场补领'),
      conditions: ['营业执照遗失或者毁坏', '已通过国家企业信用信息公示系统发布营业执照作废声明'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('issue', '补发营业执照', 'scjg', 0)],
      materials: [
        applicationForm('营业执照补领申请表'),
        idCard('legal-rep-id', '法定代表人（负责人、经营者）身份证明'),
        material('damaged-license', '毁损的营业执照正、副本', { required: 'conditional', condition: '营业执照毁损申请补领的' }),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      selfServiceTerminal: true,
      handlingScope: 'cross_region',
      result: { type: 'license', name: '营业执照（补领）', licenseTypeCode: LICENSE_TYPES.businessLicense.code },
      channels: CHANNELS,
      location: location('scjg'),
      form: form({
        entName: f.entName('市场主体名称'),
        creditCode: f.creditCode(),
        applicant: f.personName('法定代表人（负责人）'),
        phone: f.phone(),
        reason: f.choice('补领原因', ['遗失', '毁损']),
        copies: f.integer('补领副本数量', 0, 5),
      }),
    },
  },
  {
    basicCode: '000120012001',
    department: 'scjg',
    guide: {
      name: '药品零售经营许可（新办）',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国药品管理法》', article: '第五十一条', text: '从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证。' },
        { law: '《中华人民共和国药品管理法》', article: '第五十二条', text: '从事药品经营活动应当有依法经过资格认定的药师或者其他药学技术人员，有相适应的营业场所、设备、仓储设施和卫生环境，有质量管理机构或者人员，有保证药品质量的规章制度。' },
        { law: '《药品经营和使用质量监督管理办法》', text: '药品监督管理部门应当自受理申请之日起二十日内作出决定，并组织开展技术审查和现场检查。' },
      ],
      servesTo: ['legal_person', 'person'],
      themes: ['准营准办', '医疗卫生'],
      statutoryLimit: workingDays(20),
      promisedLimit: workingDays(8),
      conditions: [
        '已取得营业执照',
        '企业负责人、质量负责人具备规定资质，配备依法经过资格认定的执业药师',
        '有与所经营药品相适应的营业场所、设备、陈列和仓储设施及卫生环境',
        '有保证药品质量的规章制度，并符合药品经营质量管理规范（GSP）要求',
        '具有能够实现药品追溯的计算机管理系统',
      ],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [
        accept(1),
        step('review', '技术审查', 'scjg', 2),
        step('inspection', '现场检查', 'scjg', 3),
        step('decide', '决定', 'scjg', 1),
        step('issue', '制证', 'scjg', 1),
      ],
      materials: [
        applicationForm('药品经营许可证申请表'),
        businessLicense(),
        idCard('principal-id', '企业负责人、质量负责人身份证明'),
        licenseMaterial('pharmacist-certificate', 'pharmacist', { name: '执业药师注册证', acceptanceStandard: '注册执业单位为申请企业' }),
        material('premises-layout', '经营场所、仓库平面布局图及房屋产权或者使用权证明'),
        material('quality-manual', '药品质量管理制度文件及计算机系统说明'),
        material('chain-authorisation', '连锁总部出具的加盟或者直营证明', { required: 'conditional', condition: '申请连锁门店的' }),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      result: { type: 'license', name: '药品经营许可证', licenseTypeCode: LICENSE_TYPES.drugBusiness.code },
      channels: CHANNELS,
      location: location('scjg'),
      form: form({
        entName: f.entName('企业名称'),
        creditCode: f.creditCode(),
        principal: f.personName('企业负责人'),
        phone: f.phone(),
        premises: f.text('经营地址', 200),
        scope: f.multi('经营范围', ['中药饮片', '中成药', '化学药', '生物制品', '第二类精神药品']),
        pharmacist: f.text('执业药师姓名', 50),
      }),
    },
  },
  {
    basicCode: '000120013001',
    department: 'scjg',
    guide: {
      name: '特种设备使用登记',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国特种设备安全法》', article: '第三十三条', text: '特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内，向负责特种设备安全监督管理的部门办理使用登记，取得使用登记证书。' },
        { law: '《特种设备使用管理规则》（TSG 08-2017）', text: '登记机关自受理之日起十五个工作日内完成审查，发给使用登记证。' },
      ],
      servesTo: ['legal_person', 'person'],
      themes: ['准营准办'],
      statutoryLimit: workingDays(15),
      promisedLimit: workingDays(5),
      conditions: ['特种设备已经监督检验合格（按规定需要监督检验的）', '在特种设备投入使用前或者投入使用后30日内申请', '使用单位已配备与设备相适应的安全管理人员和作业人员'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '审查', 'scjg', 2), step('decide', '决定', 'scjg', 1), step('issue', '制证', 'scjg', 1)],
      materials: [
        applicationForm('特种设备使用登记表', { copies: 2 }),
        businessLicense({ name: '使用单位营业执照', required: 'conditional', condition: '使用单位为法人或者其他组织的' }),
        idCard('owner-id', '使用人居民身份证', { required: 'conditional', condition: '使用人为个人的' }),
        material('product-certificate', '特种设备产品合格证（含产品数据表）', { form: 'copy' }),
        material('supervision-report', '特种设备监督检验证明', { form: 'copy', required: 'conditional', condition: '按照规定需要监督检验的' }),
        material('periodic-report', '定期检验报告', { form: 'copy', required: 'conditional', condition: '设备已投入使用超过30日，或为移装后重新登记的' }),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      result: { type: 'license', name: '特种设备使用登记证', licenseTypeCode: LICENSE_TYPES.specialEquipment.code },
      channels: CHANNELS,
      location: location('scjg'),
      form: form({
        entName: f.entName('使用单位名称'),
        creditCode: f.creditCode(),
        contact: f.personName('安全管理负责人'),
        phone: f.phone(),
        category: f.choice('设备类别', ['电梯', '锅炉', '压力容器', '起重机械', '场（厂）内专用机动车辆', '客运索道', '大型游乐设施']),
        quantity: f.integer('设备数量（台）', 1),
        address: f.text('设备使用地点', 200),
      }),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 公安局
// ---------------------------------------------------------------------------------------------

const idCardRenewalGuide: Guide = {
  name: '居民身份证换领',
  itemType: '07',
  legalBases: [
    { law: '《中华人民共和国居民身份证法》', article: '第十一条', text: '居民身份证有效期满、公民姓名变更或者证件严重损坏不能辨认的，应当申请换领新证；领取新证时，必须交回原证。' },
    { law: '《中华人民共和国居民身份证法》', article: '第十条', text: '申请领取居民身份证，应当填写《中华人民共和国居民身份证申领登记表》，交验居民户口簿。' },
  ],
  servesTo: ['person'],
  themes: ['户籍办理'],
  statutoryLimit: naturalDays(60, '公安机关应当自受理之日起六十日内发放居民身份证；交通不便的地区可适当延长，但不得超过三十日'),
  promisedLimit: naturalDays(20),
  conditions: ['具有{county}常住户口的中国公民，或符合异地受理条件的中国公民', '居民身份证有效期满、有效期将满（3个月内）、姓名变更或者证件严重损坏不能辨认'],
  handlingForm: 'window',
  visitsRequired: 1,
  visitsReason: '须本人到场采集人像和指纹信息；可选择邮寄送达，无需再次到场领证',
  processSteps: [accept(0), step('review', '审核', 'ga', 2), step('produce', '制证', 'ga', 10), step('deliver', '送达', 'ga', 2)],
  materials: [
    material('old-id-card', '原居民身份证', { medium: 'paper', acceptanceStandard: '领取新证时交回原证' }),
    householdRegister(),
    material('photo-and-fingerprint', '本人近期免冠彩色人像及指纹信息', { medium: 'electronic', source: atWindow('窗口现场采集，或提交符合标准的数码照片回执') }),
    idCard('guardian-id', '监护人居民身份证', { required: 'conditional', condition: '未满十六周岁，由监护人代为申请的' }),
  ],
  fees: [{ name: '居民身份证工本费', amountYuan: 20, basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）', waivable: true }],
  onlineDepth: [1, 2, 6],
  appointment: { enabled: true },
  onlinePayment: true,
  courierDelivery: true,
  selfServiceTerminal: true,
  handlingScope: 'cross_region',
  result: { type: 'license', name: '居民身份证', licenseTypeCode: LICENSE_TYPES.idCard.code },
  channels: CHANNELS,
  location: location('ga'),
  form: form(
    {
      name: f.personName(),
      idNumber: f.idNumber(),
      phone: f.phone(),
      reason: f.choice('换领原因', ['有效期满', '有效期将满', '姓名变更', '证件严重损坏']),
      delivery: f.choice('领证方式', ['窗口领取', '邮寄送达']),
      mailAddress: f.text('邮寄地址', 200),
    },
    ['mailAddress'],
  ),
};

const gaItems: BaseItemSeed[] = [
  {
    basicCode: '000721001001',
    department: 'ga',
    guide: idCardRenewalGuide,
    countyOverrides: {
      // 邵武市: the police window takes a limited number of appointments a day.
      '350781': { appointment: { enabled: true, dailyQuota: 60 } },
    },
  },
  {
    basicCode: '000721002001',
    department: 'ga',
    guide: {
      name: '户口迁移（省内迁入）',
      itemType: '07',
      legalBases: [
        { law: '《中华人民共和国户口登记条例》', article: '第十三条', text: '公民迁移，从到达迁入地的时候起，城市在三日以内、农村在十日以内，由本人或者户主持迁移证件向户口登记机关申报迁入登记。' },
        { law: '《国务院关于进一步推进户籍制度改革的意见》', text: '全面放开建制镇和小城市落户限制，有合法稳定住所（含租赁）的人员本人及其共同居住生活的配偶、未成年子女、父母等，可以申请登记常住户口。' },
      ],
      servesTo: ['person'],
      themes: ['户籍办理'],
      statutoryLimit: workingDays(20, NO_STATUTORY),
      promisedLimit: workingDays(3, '省内户口迁移“一站式”办理，迁入地直接办结，无需回迁出地'),
      conditions: ['迁出地为福建省内', '符合本地落户政策：合法稳定住所落户、投靠亲属落户、就业落户等'],
      handlingForm: 'window',
      visitsRequired: 1,
      visitsReason: '须本人到场核验身份并签署申报材料',
      processSteps: [accept(1), step('review', '审核', 'ga', 1), step('approve', '审批', 'ga', 1)],
      materials: [
        applicationForm('户口迁移申请表'),
        idCard('id-card', '迁移人居民身份证'),
        householdRegister(),
        sharedMaterial('housing-proof', '合法稳定住所证明（不动产权证书或住房租赁登记备案证明）', 'realEstate', { required: 'conditional', condition: '以合法稳定住所落户的' }),
        material('kinship-proof', '亲属关系证明及被投靠人同意落户的书面意见', { required: 'conditional', condition: '投靠亲属落户的' }),
        material('employment-contract', '劳动合同', { form: 'copy', required: 'conditional', condition: '以就业落户的', notes: '已在本地参加社会保险的，通过社会保险参保信息核验' }),
      ],
      onlineDepth: [1, 2, 3],
      handlingScope: 'citywide',
      result: { type: 'certificate', name: '居民户口簿（迁入登记）' },
      channels: CHANNELS,
      location: location('ga'),
      form: form({
        name: f.personName('迁移人姓名'),
        idNumber: f.idNumber('迁移人公民身份号码'),
        phone: f.phone(),
        fromAddress: f.text('迁出地户籍地址', 200),
        toAddress: f.text('迁入地址', 200),
        basis: f.choice('落户类型', ['合法稳定住所落户', '投靠亲属落户', '就业落户', '其他']),
      }),
    },
  },
  {
    basicCode: '000721003001',
    department: 'ga',
    guide: {
      name: '出生登记（新生儿落户）',
      itemType: '07',
      legalBases: [
        { law: '《中华人民共和国户口登记条例》', article: '第七条', text: '婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。' },
      ],
      servesTo: ['person'],
      themes: ['生育收养', '户籍办理'],
      statutoryLimit: workingDays(5, NO_STATUTORY),
      promisedLimit: workingDays(0, '即办件；“出生一件事”联办'),
      conditions: ['新生儿在中华人民共和国境内出生', '随父或者随母在{county}申报常住户口'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('register', '审核登记', 'ga', 0)],
      materials: [
        licenseMaterial('birth-certificate', 'birthCertificate'),
        idCard('parent-id', '父亲或者母亲的居民身份证'),
        householdRegister({ name: '拟落户的居民户口簿' }),
      ],
      onlineDepth: FULL_ONLINE,
      courierDelivery: true,
      result: { type: 'certificate', name: '居民户口簿（新生儿户籍页）' },
      channels: CHANNELS,
      location: location('ga'),
      form: form({
        parentName: f.personName('申报人（父或母）姓名'),
        parentId: f.idNumber('申报人公民身份号码'),
        phone: f.phone(),
        babyName: f.text('新生儿姓名', 50),
        birthDate: f.date('出生日期'),
        followParent: f.choice('随父或随母落户', ['随父', '随母']),
      }),
    },
  },
  {
    basicCode: '002021004000',
    department: 'ga',
    guide: {
      name: '无犯罪记录证明',
      itemType: '20',
      legalBases: [
        { law: '《公安机关办理无犯罪记录证明工作规定》', text: '公安机关为个人出具在中国大陆居住期间有无犯罪记录的证明；申请人可以本人申请或者委托他人代为申请，公安机关应当在规定时限内出具。' },
      ],
      servesTo: ['person'],
      themes: ['户籍办理'],
      statutoryLimit: workingDays(3, '需要核查的，自受理之日起3个工作日内出具'),
      promisedLimit: workingDays(1),
      conditions: ['中国公民申请本人在中国大陆居住期间有无犯罪记录的证明', '具有{county}户籍或者在{county}居住'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('check', '查询核实', 'ga', 1), step('issue', '出具证明', 'ga', 0)],
      materials: [applicationForm('无犯罪记录证明申请表'), idCard(), ...proxy()],
      onlineDepth: FULL_ONLINE,
      selfServiceTerminal: true,
      handlingScope: 'cross_region',
      result: { type: 'certificate', name: '无犯罪记录证明（电子）' },
      channels: CHANNELS,
      location: location('ga'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        purpose: f.choice('用途', ['就业', '入学', '出国（境）', '资格认定', '其他']),
        receiver: f.text('证明使用单位', 100),
      }),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 人社局
// ---------------------------------------------------------------------------------------------

const rsItems: BaseItemSeed[] = [
  {
    basicCode: '002022001000',
    department: 'rs',
    guide: {
      name: '城乡居民养老保险参保登记',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国社会保险法》', article: '第二十条', text: '国家建立和完善新型农村社会养老保险制度，实行个人缴费、集体补助和政府补贴相结合。' },
        { law: '《国务院关于建立统一的城乡居民基本养老保险制度的意见》', text: '年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的城乡居民，可以在户籍地参加城乡居民养老保险。' },
      ],
      servesTo: ['person'],
      themes: ['社会保障'],
      statutoryLimit: workingDays(5, NO_STATUTORY),
      promisedLimit: workingDays(0, '即办件'),
      conditions: ['年满16周岁（不含在校学生）', '具有{county}户籍', '未参加职工基本养老保险，且非国家机关和事业单位工作人员'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('register', '核验登记', 'rs', 0)],
      materials: [applicationForm('城乡居民基本养老保险参保登记表'), idCard(), householdRegister()],
      onlineDepth: FULL_ONLINE,
      selfServiceTerminal: true,
      handlingScope: 'citywide',
      result: { type: 'record', name: '城乡居民养老保险参保登记信息' },
      channels: CHANNELS,
      location: location('rs'),
      form: form({
        name: f.personName('参保人姓名'),
        idNumber: f.idNumber(),
        phone: f.phone(),
        address: f.text('户籍地址', 200),
        contributionLevel: f.integer('年缴费档次（元）', 100),
      }),
    },
  },
  {
    basicCode: '002022002000',
    department: 'rs',
    guide: {
      name: '失业登记',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国社会保险法》', article: '第五十条', text: '失业人员应当持本单位为其出具的终止或者解除劳动关系的证明，及时到指定的公共就业服务机构办理失业登记。' },
        { law: '《就业服务与就业管理规定》', text: '公共就业服务机构为法定劳动年龄内、有劳动能力、有就业要求、处于无业状态的城镇常住人员办理失业登记。' },
      ],
      servesTo: ['person'],
      themes: ['社会保障'],
      statutoryLimit: workingDays(5, NO_STATUTORY),
      promisedLimit: workingDays(0, '即办件'),
      conditions: ['在法定劳动年龄内，有劳动能力和就业要求', '处于无业状态', '在{county}常住或者具有{county}户籍'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('register', '核验登记', 'rs', 0)],
      materials: [
        idCard(),
        material('termination-proof', '终止或者解除劳动关系证明', { form: 'copy', required: 'conditional', condition: '同时申领失业保险金的', notes: '用人单位已通过系统报送的免交' }),
      ],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'cross_region',
      result: { type: 'record', name: '失业登记信息' },
      channels: CHANNELS,
      location: location('rs'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        lastEmployer: f.text('原工作单位', 100),
        education: f.choice('文化程度', ['初中及以下', '高中/中专/技校', '大专', '本科', '研究生']),
        jobIntention: f.text('求职意向', 100),
      }),
    },
  },
  {
    basicCode: '002022003000',
    department: 'rs',
    guide: {
      name: '就业创业证申领',
      itemType: '20',
      legalBases: [
        { law: '《就业服务与就业管理规定》', text: '公共就业服务机构对登记的劳动者发放就业失业登记证明，记载就业、失业状况和享受扶持政策情况。' },
        { law: '《人力资源社会保障部关于进一步完善就业失业登记管理办法的通知》', text: '将《就业失业登记证》更名为《就业创业证》，劳动者可在常住地申领。' },
      ],
      servesTo: ['person'],
      themes: ['社会保障'],
      statutoryLimit: workingDays(5, NO_STATUTORY),
      promisedLimit: workingDays(0, '即办件'),
      conditions: ['在法定劳动年龄内的城乡劳动者', '已办理就业登记或者失业登记，或者有创业意愿'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('issue', '核发', 'rs', 0)],
      materials: [applicationForm('就业创业证申领表'), idCard()],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'cross_region',
      result: { type: 'certificate', name: '就业创业证（电子）' },
      channels: CHANNELS,
      location: location('rs'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        status: f.choice('就业状态', ['已就业', '失业', '自主创业']),
      }),
    },
  },
  {
    basicCode: '002022004000',
    department: 'rs',
    guide: {
      name: '社会保障卡申领',
      itemType: '20',
      // A social security card is also a financial card: online applications need a verified identity (L2).
      minRealNameLevel: 2,
      legalBases: [
        { law: '《中华人民共和国社会保险法》', article: '第五十八条', text: '国家建立全国统一的个人社会保障号码，个人社会保障号码为公民身份号码。' },
      ],
      servesTo: ['person'],
      themes: ['社会保障'],
      statutoryLimit: workingDays(20, NO_STATUTORY),
      promisedLimit: workingDays(0, '服务网点即时制卡、当场领取；网上申请的制卡后邮寄送达'),
      conditions: ['已在本地参加社会保险或者具有{county}户籍', '未持有有效的第三代社会保障卡'],
      handlingForm: 'both',
      visitsRequired: 1,
      visitsReason: '即时制卡须本人到服务网点采集照片、设置密码；选择邮寄的无需到场',
      processSteps: [accept(0), step('produce', '即时制卡', 'rs', 0)],
      materials: [
        idCard(),
        material('photo', '本人近期免冠彩色照片', { medium: 'electronic', source: atWindow('窗口现场拍照或上传数码照片') }),
        idCard('guardian-id', '监护人居民身份证', { required: 'conditional', condition: '未成年人或者无民事行为能力人申领的' }),
      ],
      onlineDepth: [1, 2, 3, 4, 6],
      courierDelivery: true,
      selfServiceTerminal: true,
      handlingScope: 'citywide',
      result: { type: 'certificate', name: '社会保障卡' },
      channels: CHANNELS,
      location: location('rs'),
      form: form(
        {
          name: f.personName(),
          idNumber: f.idNumber(),
          phone: f.phone(),
          bank: f.choice('金融服务银行', ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '中国邮政储蓄银行', '福建省农村信用社']),
          delivery: f.choice('领卡方式', ['网点即时领取', '邮寄送达']),
          mailAddress: f.text('邮寄地址', 200),
        },
        ['mailAddress'],
      ),
    },
  },
  {
    basicCode: '002022005000',
    department: 'rs',
    guide: {
      name: '单位社会保险参保登记',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国社会保险法》', article: '第五十七条', text: '用人单位应当自成立之日起三十日内凭营业执照、登记证书或者单位印章，向当地社会保险经办机构申请办理社会保险登记；经办机构应当自收到申请之日起十五日内予以审核。' },
      ],
      servesTo: ['legal_person'],
      themes: ['开办企业'],
      statutoryLimit: naturalDays(15),
      promisedLimit: naturalDays(0, '即办件；企业设立登记时同步办理的无需单独申请'),
      conditions: ['依法设立的用人单位', '自成立之日起三十日内申请'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('register', '核验登记', 'rs', 0)],
      materials: [applicationForm('社会保险单位参保登记表'), businessLicense()],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'citywide',
      result: { type: 'record', name: '社会保险登记信息' },
      channels: CHANNELS,
      location: location('rs'),
      form: form({
        entName: f.entName(),
        creditCode: f.creditCode(),
        contact: f.personName('经办人'),
        phone: f.phone(),
        insuranceTypes: f.multi('参保险种', ['企业职工基本养老保险', '失业保险', '工伤保险']),
        employees: f.integer('参保职工人数', 1),
      }),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 民政局
// ---------------------------------------------------------------------------------------------

const ASSISTANCE_BASES: Guide['legalBases'] = [
  { law: '《社会救助暂行办法》', article: '第九条', text: '国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障。' },
  { law: '《社会救助暂行办法》', article: '第十一条', text: '申请最低生活保障，由共同生活的家庭成员向户籍所在地的乡镇人民政府、街道办事处提出书面申请，经调查核实、公示后，由县级人民政府民政部门审批。' },
  { law: '《最低生活保障审核确认办法》', text: '审核确认工作原则上应当在受理之日起30个工作日内完成；特殊情况下可以延长至45个工作日。' },
];

const minimumLivingGuide: Guide = {
  name: '最低生活保障申请',
  itemType: '05',
  legalBases: ASSISTANCE_BASES,
  coHandlingBodies: ['各乡镇人民政府（街道办事处）'],
  servesTo: ['person'],
  themes: ['社会保障'],
  statutoryLimit: workingDays(30, '特殊情况下可以延长至45个工作日'),
  promisedLimit: workingDays(20),
  specialProcedures: [{ name: '审核确认结果公示', maxDays: 7, explanation: '在申请人所在村（社区）公示7天，公示期不计入办理时限' }],
  conditions: [
    '申请人具有{county}户籍',
    '共同生活的家庭成员人均收入低于当地最低生活保障标准',
    '家庭财产状况符合当地最低生活保障家庭财产规定',
  ],
  handlingForm: 'both',
  visitsRequired: 0,
  processSteps: [
    accept(1),
    step('economic-check', '家庭经济状况核对', 'mz', 5),
    step('home-visit', '入户调查', 'mz', 8),
    step('decide', '审核确认', 'mz', 5),
    step('pay', '发放', 'mz', 0),
  ],
  materials: [
    applicationForm('最低生活保障申请书'),
    idCard('family-id-cards', '申请人及共同生活家庭成员居民身份证'),
    householdRegister(),
    material('authorisation', '家庭经济状况核对授权书', { blankForm: true, acceptanceStandard: '共同生活家庭成员逐一签字' }),
    material('income-declaration', '家庭收入和财产状况申报表', { blankForm: true }),
    licenseMaterial('disability-certificate', 'disability', { required: 'conditional', condition: '家庭成员中有残疾人的' }),
    material('medical-records', '县级以上医疗机构出具的诊断证明或者病历', { form: 'copy', required: 'conditional', condition: '家庭成员患重病的' }),
  ],
  onlineDepth: [1, 2, 3, 4, 6],
  result: { type: 'approval_document', name: '最低生活保障审核确认通知书' },
  channels: CHANNELS,
  location: location('mz'),
  form: form({
    name: f.personName(),
    idNumber: f.idNumber(),
    phone: f.phone(),
    members: f.integer('共同生活家庭成员人数', 1, 20),
    monthlyIncome: f.number('家庭月总收入（元）'),
    reason: f.longText('申请理由'),
  }),
};

const marriageGuide: Guide = {
  name: '结婚登记',
  itemType: '07',
  legalBases: [
    { law: '《中华人民共和国民法典》', article: '第一千零四十九条', text: '要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记；符合规定的予以登记，发给结婚证。' },
    { law: '《中华人民共和国民法典》', article: '第一千零四十七条', text: '结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。' },
    { law: '《婚姻登记条例》', text: '婚姻登记机关对当事人出具的证件、证明材料进行审查并询问相关情况，符合结婚条件的当场予以登记，发给结婚证。' },
  ],
  servesTo: ['person'],
  themes: ['婚姻登记'],
  statutoryLimit: workingDays(0, '符合条件的当场予以登记'),
  promisedLimit: workingDays(0, '即办件'),
  conditions: [
    '男女双方完全自愿',
    '男方年满22周岁，女方年满20周岁',
    '双方均无配偶',
    '双方不属于直系血亲或者三代以内旁系血亲',
    '双方均为内地居民并亲自到场',
  ],
  handlingForm: 'window',
  visitsRequired: 1,
  visitsReason: '法律规定男女双方应当亲自到婚姻登记机关申请',
  processSteps: [accept(0), step('review', '审查询问', 'mz', 0), step('register', '登记颁证', 'mz', 0)],
  materials: [
    idCard('id-cards', '男女双方居民身份证', { medium: 'either', notes: '现场查验原件，并通过电子证照库核验' }),
    material('declaration', '本人无配偶以及与对方没有直系血亲和三代以内旁系血亲关系的签字声明', { source: atWindow('在婚姻登记员面前签署') }),
    material('photos', '双方近期半身免冠合影照片（2寸）', { copies: 3, acceptanceStandard: '红色背景，双方合影' }),
  ],
  onlineDepth: [1, 2],
  appointment: { enabled: true, dailyQuota: 40 },
  handlingScope: 'cross_region',
  result: { type: 'license', name: '结婚证', licenseTypeCode: LICENSE_TYPES.marriage.code },
  channels: CHANNELS,
  location: hall('一楼婚姻登记处'),
  form: form({
    name: f.personName('预约人姓名'),
    idNumber: f.idNumber('预约人公民身份号码'),
    phone: f.phone(),
    partnerName: f.text('对方姓名', 50),
    partnerId: { type: 'string', title: '对方公民身份号码', pattern: '^\\d{17}[\\dX]$' },
    appointmentDate: f.date('预约登记日期'),
  }),
};

const mzItems: BaseItemSeed[] = [
  {
    basicCode: '000523001000',
    department: 'mz',
    guide: minimumLivingGuide,
    countyOverrides: {
      // 延平区 is a pilot where 审核确认 is delegated to the towns and sub-districts.
      '350702': {
        powerSource: 'delegated',
        delegatedBody: '延平区各乡镇人民政府（街道办事处）',
        location: { address: '{county}各乡镇（街道）便民服务中心社会救助窗口', hours: HOURS },
      },
    },
  },
  {
    basicCode: '000523002000',
    department: 'mz',
    guide: {
      name: '临时救助',
      itemType: '05',
      legalBases: [
        { law: '《社会救助暂行办法》', article: '第四十七条', text: '国家对因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭，或者遭遇其他特殊困难的家庭，给予临时救助。' },
        { law: '《社会救助暂行办法》', article: '第四十八条', text: '申请临时救助的，向乡镇人民政府、街道办事处提出，经审核、公示后由县级人民政府民政部门审批；情况紧急的，可以按照规定简化审批手续。' },
        { law: '《国务院关于全面建立临时救助制度的通知》', text: '对情况紧急、需立即采取措施的，先行救助，紧急情况解除后补齐审核审批手续。' },
      ],
      servesTo: ['person'],
      themes: ['社会保障'],
      statutoryLimit: workingDays(15, NO_STATUTORY),
      promisedLimit: workingDays(10, '急难型临时救助先行救助，事后补办手续'),
      conditions: ['因意外事件、突发重大疾病等原因导致基本生活暂时出现严重困难', '具有{county}户籍或者在{county}遭遇急难情形'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('investigate', '调查核实', 'mz', 3), step('approve', '审批', 'mz', 3), step('pay', '发放', 'mz', 1)],
      materials: [
        applicationForm('临时救助申请审批表'),
        idCard(),
        householdRegister(),
        material('hardship-proof', '遭遇困难的相关证明材料', { form: 'copy', notes: '如火灾、交通事故等事故认定材料' }),
        material('medical-bills', '医疗费用票据及费用清单', { form: 'copy', required: 'conditional', condition: '因病申请临时救助的' }),
      ],
      onlineDepth: [1, 2, 3, 4, 6],
      result: { type: 'approval_document', name: '临时救助审批决定' },
      channels: CHANNELS,
      location: location('mz'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        hardship: f.choice('困难类型', ['火灾等意外事件', '交通事故', '突发重大疾病', '生活必需支出突增', '其他特殊困难']),
        amountRequested: f.number('申请救助金额（元）'),
        description: f.longText('困难情况说明'),
      }),
    },
  },
  {
    basicCode: '350523003000',
    department: 'mz',
    guide: {
      name: '高龄津贴申领',
      itemType: '05',
      legalBases: [
        { law: '《中华人民共和国老年人权益保障法》', article: '第三十三条', text: '国家建立和完善老年人福利制度；国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度。' },
      ],
      servesTo: ['person'],
      themes: ['社会保障'],
      statutoryLimit: workingDays(20, NO_STATUTORY),
      promisedLimit: workingDays(10, '年满80周岁的，通过人口信息比对主动提醒，次月起发放'),
      conditions: ['具有{county}户籍', '年满80周岁'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '资格审核', 'mz', 5), step('approve', '审批', 'mz', 2)],
      materials: [
        idCard(),
        householdRegister(),
        material('bank-account', '本人社会保障卡或者银行账户信息', { medium: 'electronic' }),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE,
      result: { type: 'approval_document', name: '高龄津贴发放确认' },
      channels: CHANNELS,
      location: location('mz'),
      form: form({
        name: f.personName('老年人姓名'),
        idNumber: f.idNumber(),
        phone: f.phone('联系电话（本人或家属）'),
        account: f.text('收款账户（社会保障卡号）', 30),
      }),
    },
  },
  {
    basicCode: '000723004000',
    department: 'mz',
    guide: marriageGuide,
    countyOverrides: {
      // 武夷山市: a tourist destination, it also registers on Saturdays and takes more appointments.
      '350782': {
        appointment: { enabled: true, dailyQuota: 60 },
        location: hall('一楼婚姻登记处', '周一至周六 8:30-12:00，14:30-17:30；5月20日、七夕等特殊日期延时服务'),
      },
    },
  },
  {
    basicCode: '000723005000',
    department: 'mz',
    guide: {
      name: '离婚登记',
      itemType: '07',
      legalBases: [
        { law: '《中华人民共和国民法典》', article: '第一千零七十六条', text: '夫妻双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记。' },
        { law: '《中华人民共和国民法典》', article: '第一千零七十七条', text: '自收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以撤回申请；期限届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证，未申请的视为撤回。' },
        { law: '《婚姻登记条例》', text: '婚姻登记机关对离婚登记当事人出具的证件、证明材料进行审查并询问相关情况。' },
      ],
      servesTo: ['person'],
      themes: ['婚姻登记'],
      statutoryLimit: workingDays(0, '离婚冷静期届满后双方申请发给离婚证，符合条件的当场登记'),
      promisedLimit: workingDays(0, '即办件（不含离婚冷静期）'),
      specialProcedures: [{ name: '离婚冷静期', maxDays: 30, explanation: '自婚姻登记机关收到离婚登记申请之日起30日，期间任何一方可以撤回申请' }],
      conditions: ['双方自愿离婚，并已签订书面离婚协议', '双方具有完全民事行为能力', '在中国内地登记结婚', '双方亲自到场'],
      handlingForm: 'window',
      visitsRequired: 2,
      visitsReason: '法律规定申请离婚登记和冷静期届满后申请发给离婚证，双方均须亲自到场',
      processSteps: [accept(0), step('review', '审查询问', 'mz', 0), step('register', '登记发证', 'mz', 0)],
      materials: [
        idCard('id-cards', '男女双方居民身份证', { medium: 'either', notes: '现场查验原件，并通过电子证照库核验' }),
        licenseMaterial('marriage-certificate', 'marriage', { medium: 'either', copies: 2, notes: '结婚证遗失的，通过婚姻登记档案核验' }),
        material('divorce-agreement', '离婚协议书', { copies: 3, acceptanceStandard: '载明双方自愿离婚的意思表示以及对子女抚养、财产及债务处理等事项协商一致的意见' }),
        material('photos', '双方各自近期半身免冠照片（2寸）', { copies: 2 }),
      ],
      onlineDepth: [1, 2],
      appointment: { enabled: true, dailyQuota: 20 },
      handlingScope: 'cross_region',
      result: { type: 'license', name: '离婚证', licenseTypeCode: LICENSE_TYPES.divorce.code },
      channels: CHANNELS,
      location: hall('一楼婚姻登记处'),
      form: form({
        name: f.personName('预约人姓名'),
        idNumber: f.idNumber('预约人公民身份号码'),
        phone: f.phone(),
        partnerName: f.text('对方姓名', 50),
        stage: f.choice('预约事项', ['申请离婚登记', '冷静期届满申请发给离婚证']),
        appointmentDate: f.date('预约日期'),
      }),
    },
  },
  {
    // 残疾人证 is issued by the county 残疾人联合会, which is not among the county departments of
    // the demo: the item is carried by 民政局, with 残联 named as co-handling body (and issuer).
    basicCode: '002023006000',
    department: 'mz',
    guide: {
      name: '残疾人证申领',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国残疾人保障法》', text: '国家保障残疾人享有平等的社会权利，残疾人的残疾类别和等级依照国家标准认定。' },
        { law: '《中华人民共和国残疾人证管理办法》', text: '残疾人证是认定残疾人及残疾类别、等级的合法凭证，由县级残疾人联合会受理申请、审核并发放，残疾评定由指定医疗机构进行。' },
      ],
      coHandlingBodies: ['{county}残疾人联合会（发证机关）', '{county}卫生健康局指定的残疾评定机构'],
      servesTo: ['person'],
      themes: ['残疾人'],
      statutoryLimit: workingDays(30, `${NO_STATUTORY}；含残疾评定时间`),
      promisedLimit: workingDays(20),
      conditions: ['视力、听力、言语、肢体、智力、精神或者多重残疾，符合《残疾人残疾分类和分级》国家标准', '具有{county}户籍，或者符合残疾人证新办“跨省通办”条件'],
      handlingForm: 'both',
      visitsRequired: 1,
      visitsReason: '须本人到指定医疗机构接受残疾评定；评定机构可提供上门评定',
      processSteps: [
        accept(1),
        step('assessment', '残疾评定', 'wjw', 10),
        step('review', '审核', 'mz', 3),
        step('produce', '制证', 'mz', 3),
      ],
      materials: [
        applicationForm('残疾人证申请表'),
        idCard(),
        householdRegister(),
        material('photo', '本人近期2寸免冠白底彩色照片', { copies: 2, medium: 'either' }),
        material('assessment-form', '残疾评定表', { source: atWindow('由指定评定机构评定后出具') }),
        idCard('guardian-id', '监护人居民身份证', { required: 'conditional', condition: '申请人为未成年人或者无民事行为能力、限制民事行为能力人的' }),
      ],
      onlineDepth: [1, 2, 3, 4, 6],
      courierDelivery: true,
      handlingScope: 'cross_region',
      result: { type: 'license', name: '中华人民共和国残疾人证', licenseTypeCode: LICENSE_TYPES.disability.code },
      channels: CHANNELS,
      location: location('mz'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        category: f.choice('残疾类别', ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾']),
        homeAssessment: { type: 'boolean', title: '申请上门评定' },
      }),
    },
  },
  {
    basicCode: '000523007000',
    department: 'mz',
    guide: {
      name: '困难残疾人生活补贴和重度残疾人护理补贴申请',
      itemType: '05',
      legalBases: [
        { law: '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》', text: '困难残疾人生活补贴对象为最低生活保障家庭中的残疾人；重度残疾人护理补贴对象为残疾等级被评定为一级、二级且需要长期照护的重度残疾人。' },
      ],
      coHandlingBodies: ['{county}残疾人联合会'],
      servesTo: ['person'],
      themes: ['残疾人', '社会保障'],
      statutoryLimit: workingDays(20, NO_STATUTORY),
      promisedLimit: workingDays(15),
      conditions: ['持有第二代或者第三代中华人民共和国残疾人证', '申请生活补贴的，为最低生活保障家庭成员', '申请护理补贴的，残疾等级为一级、二级且需要长期照护'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '审核', 'mz', 7), step('approve', '审定', 'mz', 5)],
      materials: [
        applicationForm('残疾人两项补贴申请审批表'),
        idCard(),
        licenseMaterial('disability-certificate', 'disability'),
        sharedMaterial('assistance-status', '最低生活保障对象证明', 'assistance', { required: 'conditional', condition: '申请困难残疾人生活补贴的' }),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'cross_region',
      result: { type: 'approval_document', name: '残疾人两项补贴审批结果' },
      channels: CHANNELS,
      location: location('mz'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        subsidies: f.multi('申请补贴', ['困难残疾人生活补贴', '重度残疾人护理补贴']),
        account: f.text('收款账户（社会保障卡号）', 30),
      }),
    },
  },
  {
    basicCode: '001023008000',
    department: 'mz',
    guide: {
      name: '养老机构备案',
      itemType: '10',
      legalBases: [
        { law: '《中华人民共和国老年人权益保障法》', article: '第四十三条', text: '设立公益性养老机构应当依法办理登记，设立经营性养老机构应当在市场监督管理部门办理登记；养老机构登记后即可开展服务活动，并向县级以上人民政府民政部门备案。' },
        { law: '《养老机构管理办法》', text: '养老机构应当在收住老年人后10个工作日以内向服务场所所在地的县级人民政府民政部门备案。' },
      ],
      servesTo: ['legal_person'],
      themes: ['准营准办'],
      statutoryLimit: workingDays(0, '材料齐全的当场备案'),
      promisedLimit: workingDays(0, '即办件'),
      conditions: ['已依法办理法人登记（事业单位、社会服务机构或者企业）', '服务场所在{county}行政区域内'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('record', '备案', 'mz', 0)],
      materials: [
        applicationForm('养老机构备案书'),
        businessLicense({ name: '营业执照或者法人登记证书' }),
        material('commitment', '养老机构备案承诺书', { blankForm: true, acceptanceStandard: '承诺符合消防、卫生与健康、环境保护、食品药品、建筑、设施设备标准' }),
        material('premises-proof', '服务场所权属证明或者租赁合同', { form: 'copy' }),
      ],
      onlineDepth: FULL_ONLINE,
      result: { type: 'record', name: '养老机构备案回执' },
      channels: CHANNELS,
      location: location('mz'),
      form: form({
        entName: f.entName('养老机构名称'),
        creditCode: f.creditCode(),
        principal: f.personName('法定代表人（主要负责人）'),
        phone: f.phone(),
        address: f.text('服务场所地址', 200),
        beds: f.integer('床位数', 1),
      }),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 卫健局
// ---------------------------------------------------------------------------------------------

const birthRegistrationGuide: Guide = {
  name: '生育登记',
  itemType: '20',
  legalBases: [
    { law: '《中华人民共和国人口与计划生育法》', article: '第十八条', text: '国家提倡适龄婚育、优生优育。一对夫妻可以生育三个子女。' },
    { law: '《福建省人口与计划生育条例》', text: '本省实行生育登记服务制度，生育子女的夫妻可以在一方户籍地或者现居住地办理生育登记。' },
  ],
  servesTo: ['person'],
  themes: ['生育收养'],
  statutoryLimit: workingDays(5, NO_STATUTORY),
  promisedLimit: workingDays(1, '网上申请信息核验通过的即时登记'),
  conditions: ['夫妻一方具有{county}户籍或者现居住在{county}', '符合法律法规规定的生育政策'],
  handlingForm: 'both',
  visitsRequired: 0,
  processSteps: [accept(0), step('review', '信息核验登记', 'wjw', 1)],
  materials: [
    idCard('spouse-id-cards', '夫妻双方居民身份证'),
    sharedMaterial('marriage-record', '夫妻双方婚姻状况信息', 'marriage'),
    householdRegister(),
  ],
  onlineDepth: FULL_ONLINE,
  handlingScope: 'cross_region',
  result: { type: 'record', name: '生育登记回执（电子）' },
  channels: CHANNELS,
  location: location('wjw'),
  form: form({
    name: f.personName('登记人姓名'),
    idNumber: f.idNumber('登记人公民身份号码'),
    phone: f.phone(),
    spouseName: f.text('配偶姓名', 50),
    spouseId: { type: 'string', title: '配偶公民身份号码', pattern: '^\\d{17}[\\dX]$' },
    childOrder: f.choice('本次登记为第几孩', ['第一孩', '第二孩', '第三孩']),
    expectedDate: f.date('预产期'),
  }),
};

const wjwItems: BaseItemSeed[] = [
  {
    basicCode: '352024001000',
    department: 'wjw',
    guide: birthRegistrationGuide,
    countyOverrides: {
      // 浦城县 settles every birth registration on the day it is received.
      '350722': {
        promisedLimit: workingDays(0, '即办件，当场登记'),
        processSteps: [accept(0), step('review', '信息核验登记', 'wjw', 0)],
      },
    },
  },
  {
    basicCode: '000124002000',
    department: 'wjw',
    guide: {
      name: '医师执业注册',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国医师法》', article: '第十三条', text: '国家实行医师执业注册制度；卫生健康主管部门应当自受理申请之日起二十个工作日内准予注册，并发给医师执业证书。' },
        { law: '《医师执业注册管理办法》', text: '拟在医疗、预防、保健机构中执业的人员，应当向批准该机构执业的卫生计生行政部门申请注册；注册内容包括执业地点、执业类别、执业范围。' },
      ],
      servesTo: ['person', 'legal_person'],
      themes: ['医疗卫生'],
      statutoryLimit: workingDays(20),
      promisedLimit: workingDays(5),
      conditions: ['取得医师资格', '拟执业机构为{county}卫生健康局批准或者备案的医疗、预防、保健机构', '不存在《中华人民共和国医师法》规定不予注册的情形'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '审查', 'wjw', 2), step('decide', '决定', 'wjw', 1), step('issue', '制证', 'wjw', 1)],
      materials: [
        applicationForm('医师执业注册申请审核表'),
        idCard(),
        material('photo', '近6个月2寸白底免冠正面半身照片', { medium: 'electronic' }),
        licenseMaterial('physician-qualification', 'physicianQualification'),
        material('employment-proof', '医疗、预防、保健机构的聘用证明'),
        material('training-certificate', '省级以上卫生健康行政部门指定机构出具的连续6个月以上培训考核合格证明', { required: 'conditional', condition: '获得医师资格后二年内未注册，或者中止医师执业活动二年以上的' }),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      handlingScope: 'citywide',
      result: { type: 'license', name: '医师执业证书', licenseTypeCode: LICENSE_TYPES.physicianPractice.code },
      channels: CHANNELS,
      location: location('wjw'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        institution: f.text('拟执业机构', 100),
        category: f.choice('执业类别', ['临床', '中医', '口腔', '公共卫生']),
        scope: f.text('执业范围', 100),
      }),
    },
  },
  {
    basicCode: '000124003000',
    department: 'wjw',
    guide: {
      name: '护士执业注册',
      itemType: '01',
      legalBases: [
        { law: '《护士条例》', article: '第八条', text: '申请护士执业注册的，应当向批准设立拟执业医疗机构或者为该医疗机构备案的卫生主管部门提出申请；卫生主管部门应当自收到申请之日起20个工作日内作出决定。' },
        { law: '《护士执业注册管理办法》', text: '申请护士执业注册，应当具有完全民事行为能力，完成规定的护理学历教育，通过护士执业资格考试，并符合健康标准。' },
      ],
      servesTo: ['person', 'legal_person'],
      themes: ['医疗卫生'],
      statutoryLimit: workingDays(20),
      promisedLimit: workingDays(5),
      conditions: ['具有完全民事行为能力', '完成规定的护理、助产专业学历教育', '通过国务院卫生主管部门组织的护士执业资格考试', '符合护士执业注册健康标准'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '审查', 'wjw', 2), step('decide', '决定', 'wjw', 1), step('issue', '制证', 'wjw', 1)],
      materials: [
        applicationForm('护士执业注册申请审核表'),
        idCard(),
        sharedMaterial('diploma', '学历证书及专业学习中的临床实习证明', 'education'),
        material('exam-result', '护士执业资格考试成绩合格证明', { medium: 'electronic' }),
        material('health-check', '申请前6个月内县级以上医疗机构出具的健康体检证明'),
        material('employment-proof', '医疗卫生机构拟聘用的相关材料'),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      handlingScope: 'citywide',
      result: { type: 'license', name: '护士执业证书', licenseTypeCode: LICENSE_TYPES.nursePractice.code },
      channels: CHANNELS,
      location: location('wjw'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        institution: f.text('拟执业机构', 100),
        graduation: f.date('毕业时间'),
      }),
    },
  },
  {
    basicCode: '000124004000',
    department: 'wjw',
    guide: {
      name: '医疗机构执业登记',
      itemType: '01',
      legalBases: [
        { law: '《医疗机构管理条例》', article: '第十五条', text: '医疗机构执业，必须进行登记，领取《医疗机构执业许可证》；诊所按照规定向所在地县级人民政府卫生行政部门备案后可以执业。' },
        { law: '《医疗机构管理条例》', text: '卫生行政部门自受理执业登记申请之日起45日内，根据条例和医疗机构基本标准进行审核，审核合格的予以登记，发给《医疗机构执业许可证》。' },
      ],
      servesTo: ['legal_person'],
      themes: ['医疗卫生', '准营准办'],
      statutoryLimit: naturalDays(45),
      promisedLimit: naturalDays(15),
      conditions: [
        '按照规定应当办理设置医疗机构批准书的，已取得设置医疗机构批准书',
        '符合医疗机构基本标准',
        '有适合的名称、组织机构和场所',
        '有与其开展的业务相适应的经费、设施、设备和专业卫生技术人员',
        '有相应的规章制度，能够独立承担民事责任',
      ],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [
        accept(1),
        step('review', '材料审查', 'wjw', 3),
        step('inspection', '现场核查', 'wjw', 5),
        step('decide', '决定', 'wjw', 2),
        step('issue', '制证', 'wjw', 1),
      ],
      materials: [
        applicationForm('医疗机构申请执业登记注册书'),
        material('setup-approval', '设置医疗机构批准书', { required: 'conditional', condition: '按照规定应当办理设置审批的' }),
        businessLicense({ name: '营业执照或者事业单位法人证书' }),
        material('premises-proof', '医疗机构用房产权证明或者使用证明', { form: 'copy' }),
        material('floor-plan', '医疗机构建筑设计平面图'),
        material('capital-proof', '验资证明或者资产评估报告'),
        material('staff-list', '法定代表人或者主要负责人及各科室负责人名录和有关资格证书、执业证书复印件', { form: 'copy' }),
        material('rules', '医疗机构规章制度'),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      result: { type: 'license', name: '医疗机构执业许可证', licenseTypeCode: LICENSE_TYPES.medicalInstitution.code },
      channels: CHANNELS,
      location: location('wjw'),
      form: form({
        entName: f.entName('医疗机构名称'),
        creditCode: f.creditCode(),
        legalRep: f.personName('法定代表人（主要负责人）'),
        phone: f.phone(),
        category: f.choice('医疗机构类别', ['综合医院', '中医医院', '专科医院', '门诊部', '卫生院', '护理院']),
        address: f.text('执业地址', 200),
        subjects: f.longText('诊疗科目'),
        beds: f.integer('床位数'),
      }),
    },
  },
  {
    basicCode: '000124005000',
    department: 'wjw',
    guide: {
      name: '公共场所卫生许可',
      itemType: '01',
      legalBases: [
        { law: '《公共场所卫生管理条例》', article: '第八条', text: '除公园、体育场（馆）、公共交通工具外的公共场所，经营单位应当及时向卫生行政部门申请办理卫生许可证。' },
        { law: '《公共场所卫生管理条例实施细则》', text: '公共场所经营者申请卫生许可证的，应当提交卫生检测或者评价报告等材料；使用集中空调通风系统的，还应当提交集中空调通风系统卫生检测或者评价报告。卫生行政部门应当自受理之日起20日内作出决定。' },
      ],
      servesTo: ['person', 'legal_person'],
      themes: ['准营准办'],
      statutoryLimit: workingDays(20),
      promisedLimit: workingDays(5),
      conditions: ['经营场所属于需要办理卫生许可的公共场所（住宿、沐浴、美容美发、游泳场所等）', '已取得营业执照', '场所布局、卫生设施、从业人员健康管理符合国家卫生标准和规范'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '材料审查', 'wjw', 1), step('inspection', '现场审查', 'wjw', 2), step('decide', '决定', 'wjw', 1)],
      materials: [
        applicationForm('公共场所卫生许可申请表'),
        businessLicense(),
        idCard('legal-rep-id', '法定代表人或者负责人身份证明'),
        material('site-plans', '公共场所地址方位示意图、平面图和卫生设施平面布局图'),
        material('hygiene-report', '公共场所卫生检测或者评价报告'),
        material('hygiene-rules', '公共场所卫生管理制度'),
        material('hvac-report', '集中空调通风系统卫生检测或者评价报告', { required: 'conditional', condition: '使用集中空调通风系统的' }),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      result: { type: 'license', name: '公共场所卫生许可证', licenseTypeCode: LICENSE_TYPES.publicPlaceHygiene.code },
      channels: CHANNELS,
      location: location('wjw'),
      form: form({
        entName: f.entName('经营单位名称'),
        creditCode: f.creditCode(),
        legalRep: f.personName('法定代表人（负责人）'),
        phone: f.phone(),
        placeType: f.choice('场所类别', ['宾馆、旅店', '公共浴室', '美容店、理发店', '游泳场（馆）']),
        address: f.text('经营地址', 200),
        area: f.number('营业面积（平方米）'),
      }),
    },
  },
  {
    basicCode: '000524006000',
    department: 'wjw',
    guide: {
      name: '计划生育家庭特别扶助金申请',
      itemType: '05',
      legalBases: [
        { law: '《中华人民共和国人口与计划生育法》', text: '独生子女发生意外伤残、死亡的，其父母按照规定获得扶助。' },
        { law: '《全国独生子女伤残死亡家庭扶助制度试点方案》', text: '对独生子女伤残或者死亡、未再生育或者收养子女的夫妻，由政府给予扶助金。' },
      ],
      servesTo: ['person'],
      themes: ['生育收养', '社会保障'],
      statutoryLimit: workingDays(30, NO_STATUTORY),
      promisedLimit: workingDays(20),
      specialProcedures: [{ name: '村（居）公示', maxDays: 7, explanation: '经村（居）初审后公示7天，公示期不计入办理时限' }],
      conditions: ['1933年1月1日以后出生', '女方年满49周岁', '只生育一个子女或者合法收养一个子女', '现无存活子女，或者独生子女被依法鉴定为残疾（伤病残达到三级以上）'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '资格审核', 'wjw', 10), step('approve', '审批', 'wjw', 5)],
      materials: [
        applicationForm('计划生育家庭特别扶助对象申报表'),
        idCard('spouse-id-cards', '夫妻双方居民身份证'),
        householdRegister(),
        material('child-death-proof', '独生子女死亡证明', { form: 'copy', required: 'conditional', condition: '独生子女死亡的', notes: '已在人口信息中登记死亡的免交' }),
        licenseMaterial('child-disability', 'disability', { name: '独生子女残疾人证', required: 'conditional', condition: '独生子女伤病残的' }),
      ],
      onlineDepth: [1, 2, 3, 4, 6],
      result: { type: 'approval_document', name: '计划生育家庭特别扶助对象确认通知' },
      channels: CHANNELS,
      location: location('wjw'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        category: f.choice('扶助类别', ['独生子女死亡', '独生子女伤病残']),
        account: f.text('收款账户（社会保障卡号）', 30),
      }),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 住建局
// ---------------------------------------------------------------------------------------------

const zjItems: BaseItemSeed[] = [
  {
    basicCode: '000125001000',
    department: 'zj',
    guide: {
      name: '建筑工程施工许可',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国建筑法》', article: '第七条', text: '建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。' },
        { law: '《中华人民共和国建筑法》', article: '第八条', text: '申请领取施工许可证应当已经办理用地批准手续，依法应当办理建设工程规划许可证的已经取得，已经确定施工企业，有满足施工需要的资金安排、施工图纸及技术资料和保证工程质量安全的具体措施；建设行政主管部门应当自收到申请之日起七日内对符合条件的颁发施工许可证。' },
        { law: '《建筑工程施工许可管理办法》', text: '工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证；省级住房城乡建设主管部门可以调整限额。' },
      ],
      coHandlingBodies: ['{county}自然资源局'],
      servesTo: ['legal_person'],
      themes: ['工程建设'],
      statutoryLimit: workingDays(7),
      promisedLimit: workingDays(3),
      conditions: [
        '已经办理该建筑工程用地批准手续',
        '依法应当办理建设工程规划许可证的，已经取得建设工程规划许可证',
        '需要征收房屋的，其进度符合施工要求',
        '已经确定施工企业',
        '有满足施工需要的资金安排、施工图纸及技术资料',
        '有保证工程质量和安全的具体措施',
      ],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [
        accept(1),
        step('review-zj', '施工许可审查', 'zj', 1, 'joint'),
        step('review-zrzy', '规划许可及用地手续核验', 'zrzy', 1, 'joint'),
        step('decide', '决定', 'zj', 1),
        step('issue', '制证', 'zj', 0),
      ],
      materials: [
        applicationForm('建筑工程施工许可证申请表'),
        licenseMaterial('land-right', 'realEstate', { name: '用地批准手续（不动产权证书或者用地批准文件）' }),
        licenseMaterial('planning-permit', 'planningPermit', { required: 'conditional', condition: '依法应当办理建设工程规划许可证的' }),
        material('contractor-contract', '中标通知书及施工合同', { form: 'copy' }),
        material('drawing-review', '施工图设计文件审查合格书或者告知承诺书'),
        material('funding-commitment', '建设资金已经落实承诺书', { blankForm: true }),
        material('quality-safety', '保证工程质量和安全的具体措施（质量安全监督手续）'),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      result: { type: 'license', name: '建筑工程施工许可证', licenseTypeCode: LICENSE_TYPES.constructionPermit.code },
      channels: CHANNELS,
      location: location('zj'),
      form: form({
        entName: f.entName('建设单位'),
        creditCode: f.creditCode(),
        contact: f.personName('项目负责人'),
        phone: f.phone(),
        projectName: f.text('工程名称', 100),
        projectCode: f.text('投资项目代码', 30),
        investment: f.number('合同价格（万元）'),
        floorArea: f.number('建筑面积（平方米）'),
      }),
    },
  },
  {
    basicCode: '000125002000',
    department: 'zj',
    guide: {
      name: '建设工程消防验收',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国消防法》', article: '第十三条', text: '国务院住房和城乡建设主管部门规定应当申请消防验收的建设工程竣工，建设单位应当向住房和城乡建设主管部门申请消防验收；依法应当进行消防验收的建设工程，未经消防验收或者验收不合格的，禁止投入使用。' },
        { law: '《建设工程消防设计审查验收管理暂行规定》', text: '消防验收主管部门应当自受理消防验收申请之日起十五日内出具消防验收意见，并组织现场评定。' },
      ],
      servesTo: ['legal_person'],
      themes: ['工程建设'],
      statutoryLimit: workingDays(15),
      promisedLimit: workingDays(10),
      conditions: ['属于应当申请消防验收的特殊建设工程', '已完成工程设计和合同约定的消防工程内容', '建设单位已组织竣工验收，消防查验合格'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '资料审查', 'zj', 2), step('site-assessment', '现场评定', 'zj', 4), step('decide', '出具验收意见', 'zj', 2)],
      materials: [
        applicationForm('特殊建设工程消防验收申请表'),
        material('completion-report', '工程竣工验收报告'),
        material('as-built-drawings', '涉及消防的建设工程竣工图纸'),
        material('fire-test-report', '消防设施检测报告', { required: 'conditional', condition: '设有建筑消防设施的' }),
      ],
      onlineDepth: FULL_ONLINE,
      result: { type: 'approval_document', name: '特殊建设工程消防验收意见书' },
      channels: CHANNELS,
      location: location('zj'),
      form: form({
        entName: f.entName('建设单位'),
        creditCode: f.creditCode(),
        contact: f.personName('联系人'),
        phone: f.phone(),
        projectName: f.text('工程名称', 100),
        floorArea: f.number('建筑面积（平方米）'),
      }),
    },
  },
  {
    basicCode: '000125003000',
    department: 'zj',
    guide: {
      name: '商品房预售许可',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国城市房地产管理法》', article: '第四十五条', text: '商品房预售应当已交付全部土地使用权出让金并取得土地使用权证书，持有建设工程规划许可证，投入开发建设的资金达到工程建设总投资的百分之二十五以上，并取得商品房预售许可证明。' },
        { law: '《城市商品房预售管理办法》', text: '房地产管理部门应当自受理之日起10日内，依法作出准予预售的行政许可书面决定。' },
      ],
      servesTo: ['legal_person'],
      themes: ['工程建设'],
      statutoryLimit: workingDays(10),
      promisedLimit: workingDays(5),
      conditions: ['已交付全部土地使用权出让金，取得土地使用权证书', '持有建设工程规划许可证和施工许可证', '投入开发建设的资金达到工程建设总投资的25%以上，并已确定施工进度和竣工交付日期', '已设立商品房预售资金监管账户'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '审查', 'zj', 2), step('site-check', '现场查勘', 'zj', 1), step('decide', '决定', 'zj', 1)],
      materials: [
        applicationForm('商品房预售许可申请表'),
        businessLicense(),
        licenseMaterial('developer-qualification', 'developerQualification'),
        licenseMaterial('land-right', 'realEstate', { name: '不动产权证书（土地）' }),
        licenseMaterial('planning-permit', 'planningPermit'),
        licenseMaterial('construction-permit', 'constructionPermit'),
        material('progress-statement', '工程施工合同及关于施工进度的说明'),
        material('presale-plan', '商品房预售方案', { notes: '说明商品房的位置、面积、竣工交付日期，并附预售商品房分层平面图' }),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      result: { type: 'license', name: '商品房预售许可证', licenseTypeCode: LICENSE_TYPES.presale.code },
      channels: CHANNELS,
      location: location('zj'),
      form: form({
        entName: f.entName('开发企业名称'),
        creditCode: f.creditCode(),
        contact: f.personName('联系人'),
        phone: f.phone(),
        projectName: f.text('项目名称', 100),
        buildings: f.text('预售楼栋', 100),
        presaleArea: f.number('预售面积（平方米）'),
      }),
    },
  },
  {
    basicCode: '350725004000',
    department: 'zj',
    guide: {
      name: '公共租赁住房资格申请',
      itemType: '07',
      legalBases: [
        { law: '《公共租赁住房管理办法》', text: '申请公共租赁住房，应当在本地无住房或者住房面积低于规定标准，收入、财产低于规定标准；市、县级人民政府住房保障主管部门会同有关部门审核，审核结果予以公示。' },
      ],
      coHandlingBodies: ['{county}民政局', '{county}自然资源局'],
      servesTo: ['person'],
      themes: ['住房保障'],
      statutoryLimit: workingDays(20, NO_STATUTORY),
      promisedLimit: workingDays(15),
      specialProcedures: [{ name: '审核结果公示', maxDays: 7, explanation: '审核合格的申请人名单公示，公示期不计入办理时限' }],
      conditions: ['在{county}无住房或者住房面积低于规定标准', '家庭收入、财产低于规定标准', '外来务工人员在{county}稳定就业达到规定年限'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '资格审核', 'zj', 8), step('approve', '审定', 'zj', 3)],
      materials: [
        applicationForm('公共租赁住房申请表'),
        idCard('family-id-cards', '申请人及共同申请家庭成员居民身份证'),
        householdRegister(),
        sharedMaterial('marriage-record', '婚姻状况信息', 'marriage', { required: 'conditional', condition: '申请人已婚、离异或者丧偶的' }),
        sharedMaterial('housing-record', '家庭住房情况', 'realEstate'),
        material('income-proof', '家庭收入情况申报及证明材料'),
        material('employment-contract', '劳动合同及社会保险缴纳证明', { required: 'conditional', condition: '外来务工人员申请的', notes: '社会保险缴纳情况通过共享核验' }),
      ],
      onlineDepth: [1, 2, 3, 4, 6],
      result: { type: 'approval_document', name: '公共租赁住房保障资格确认通知书' },
      channels: CHANNELS,
      location: location('zj'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        members: f.integer('共同申请家庭成员人数', 1, 20),
        annualIncome: f.number('家庭年收入（万元）'),
        housingStatus: f.choice('现住房情况', ['无自有住房', '自有住房人均面积低于标准', '租住']),
      }),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 自然资源局
// ---------------------------------------------------------------------------------------------

const REAL_ESTATE_BASES: Guide['legalBases'] = [
  { law: '《中华人民共和国民法典》', article: '第二百零九条', text: '不动产物权的设立、变更、转让和消灭，经依法登记，发生效力；未经登记，不发生效力，但是法律另有规定的除外。' },
  { law: '《中华人民共和国民法典》', article: '第二百一十条', text: '不动产登记，由不动产所在地的登记机构办理。' },
  { law: '《不动产登记暂行条例》', article: '第二十条', text: '不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续，法律另有规定的除外。' },
  { law: '《不动产登记暂行条例实施细则》', text: '规定首次登记、变更登记、转移登记等各类登记的申请材料和审核要求。' },
];

const REAL_ESTATE_FEE_BASIS = '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）';

const realEstateTransferGuide: Guide = {
  name: '不动产登记（国有建设用地使用权及房屋所有权转移登记）',
  itemType: '07',
  // Property changes hands: online applications need a verified identity (L2).
  minRealNameLevel: 2,
  legalBases: REAL_ESTATE_BASES,
  coHandlingBodies: ['{county}住房和城乡建设局', '国家税务总局{county}税务局'],
  servesTo: ['person', 'legal_person'],
  themes: ['住房保障'],
  statutoryLimit: workingDays(30),
  promisedLimit: workingDays(3, '交易、税务、登记“一窗受理、并行办理”'),
  conditions: ['不动产已办理首次登记', '买卖、赠与、继承等导致权利转移', '已依法缴纳相关税费', '不动产未被查封，已设立抵押的经抵押权人同意'],
  handlingForm: 'both',
  visitsRequired: 1,
  visitsReason: '买卖双方须到场或者通过人脸识别在线签署申请；证书可邮寄送达',
  processSteps: [
    accept(1),
    step('review-zrzy', '登记审核', 'zrzy', 1, 'joint'),
    step('review-zj', '交易备案核验', 'zj', 1, 'joint'),
    step('record', '登簿', 'zrzy', 1),
    step('issue', '缮证发证', 'zrzy', 0),
  ],
  materials: [
    applicationForm('不动产登记申请书'),
    idCard('parties-id', '买卖双方（转让方、受让方）身份证明'),
    licenseMaterial('title-certificate', 'realEstate', { name: '不动产权证书（原证）', medium: 'either', notes: '登记时收回原证' }),
    sharedMaterial('sale-contract', '存量房买卖合同（网签备案）', 'housingContract'),
    sharedMaterial('tax-receipt', '完税凭证', 'taxPaid'),
    licenseMaterial('marriage-certificate', 'marriage', { required: 'conditional', condition: '申请人已婚，需要确认共有情况的' }),
    ...proxy(),
  ],
  fees: [
    { name: '不动产登记费（住宅）', amountYuan: 80, basis: `${REAL_ESTATE_FEE_BASIS}：住宅类每件80元`, waivable: false },
    { name: '不动产权证书工本费（每增加一本）', amountYuan: 10, basis: `${REAL_ESTATE_FEE_BASIS}：核发一本证书免收工本费，每增加一本加收10元`, waivable: false },
  ],
  onlineDepth: [1, 2, 3, 4, 6, 7],
  onlinePayment: true,
  courierDelivery: true,
  selfServiceTerminal: true,
  handlingScope: 'citywide',
  result: { type: 'license', name: '不动产权证书', licenseTypeCode: LICENSE_TYPES.realEstate.code },
  channels: CHANNELS,
  location: location('zrzy'),
  form: form({
    name: f.personName('受让人姓名'),
    idNumber: f.idNumber('受让人公民身份号码'),
    phone: f.phone(),
    transferor: f.text('转让人姓名', 50),
    unitNumber: f.text('不动产单元号', 28),
    address: f.text('坐落', 200),
    reason: f.choice('转移原因', ['买卖', '赠与', '继承', '离婚析产', '其他']),
  }),
};

const zrzyItems: BaseItemSeed[] = [
  {
    basicCode: '000726001002',
    department: 'zrzy',
    guide: realEstateTransferGuide,
    countyOverrides: {
      // 建瓯市 promises transfer registration the next working day.
      '350783': {
        promisedLimit: workingDays(1, '交易、税务、登记“一窗受理、并行办理”，次日办结'),
        processSteps: [
          accept(0),
          step('review-zrzy', '登记审核', 'zrzy', 1, 'joint'),
          step('review-zj', '交易备案核验', 'zj', 1, 'joint'),
          step('record', '登簿', 'zrzy', 0),
          step('issue', '缮证发证', 'zrzy', 0),
        ],
      },
    },
  },
  {
    basicCode: '000726001001',
    department: 'zrzy',
    guide: {
      name: '不动产登记（国有建设用地使用权及房屋所有权首次登记）',
      itemType: '07',
      legalBases: REAL_ESTATE_BASES,
      servesTo: ['legal_person', 'person'],
      themes: ['工程建设'],
      statutoryLimit: workingDays(30),
      promisedLimit: workingDays(5),
      specialProcedures: [{ name: '首次登记公告', maxDays: 15, explanation: '依法需要公告的，公告期不计入办理时限' }],
      conditions: ['已取得国有建设用地使用权', '房屋已竣工并通过规划核实和竣工验收', '已完成房屋测绘'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '登记审核', 'zrzy', 2), step('record', '登簿', 'zrzy', 1), step('issue', '缮证发证', 'zrzy', 1)],
      materials: [
        applicationForm('不动产登记申请书'),
        businessLicense({ name: '申请人身份证明（营业执照）' }),
        licenseMaterial('land-right', 'realEstate', { name: '不动产权证书（国有建设用地使用权）' }),
        material('planning-verification', '建设工程符合规划的材料（规划条件核实意见）'),
        material('completion-record', '房屋已经竣工的材料（竣工验收备案表）'),
        material('survey-report', '房地产调查或者测绘报告'),
        material('tax-receipts', '相关税费缴纳凭证', { form: 'copy' }),
      ],
      fees: [
        { name: '不动产登记费（住宅）', amountYuan: 80, basis: `${REAL_ESTATE_FEE_BASIS}：住宅类每件80元`, waivable: false },
        { name: '不动产登记费（非住宅）', amountYuan: 550, basis: `${REAL_ESTATE_FEE_BASIS}：非住宅类每件550元`, waivable: true },
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      onlinePayment: true,
      courierDelivery: true,
      handlingScope: 'citywide',
      result: { type: 'license', name: '不动产权证书', licenseTypeCode: LICENSE_TYPES.realEstate.code },
      channels: CHANNELS,
      location: location('zrzy'),
      form: form({
        entName: f.entName('申请单位'),
        creditCode: f.creditCode(),
        contact: f.personName('经办人'),
        phone: f.phone(),
        projectName: f.text('项目名称', 100),
        address: f.text('坐落', 200),
        units: f.integer('申请登记单元数', 1),
      }),
    },
  },
  {
    basicCode: '000126002000',
    department: 'zrzy',
    guide: {
      name: '建设工程规划许可',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国城乡规划法》', article: '第四十条', text: '在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门申请办理建设工程规划许可证，提交使用土地的有关证明文件、建设工程设计方案等材料；需要编制修建性详细规划的，还应当提交修建性详细规划。' },
        { law: '《中华人民共和国行政许可法》', article: '第四十二条', text: '除当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。' },
        { law: '《中华人民共和国行政许可法》', article: '第四十五条', text: '依法需要听证、检验、检测、鉴定和专家评审的，所需时间不计算在规定的期限内。' },
      ],
      coHandlingBodies: ['{county}住房和城乡建设局'],
      servesTo: ['legal_person', 'person'],
      themes: ['工程建设'],
      statutoryLimit: workingDays(20),
      promisedLimit: workingDays(7),
      specialProcedures: [
        { name: '批前公示', maxDays: 10, explanation: '涉及利害关系人权益的，设计方案批前公示，公示期不计入办理时限' },
        { name: '听证', maxDays: 20, explanation: '利害关系人申请听证的，听证时间不计入办理时限' },
      ],
      conditions: ['已取得使用土地的有关证明文件', '建设工程设计方案符合控制性详细规划和规划条件', '需要编制修建性详细规划的，已经依法审定'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [
        accept(1),
        step('review-zrzy', '设计方案审查', 'zrzy', 3, 'joint'),
        step('review-zj', '人防及配套设施联合审查', 'zj', 3, 'joint'),
        step('decide', '决定', 'zrzy', 2),
        step('issue', '制证', 'zrzy', 1),
      ],
      materials: [
        applicationForm('建设工程规划许可证申请表'),
        licenseMaterial('land-right', 'realEstate', { name: '使用土地的有关证明文件（不动产权证书）' }),
        material('design-scheme', '建设工程设计方案', { notes: '含总平面图、各层平面图、立面图、剖面图及技术经济指标' }),
        material('detailed-plan', '修建性详细规划', { required: 'conditional', condition: '依法需要建设单位编制修建性详细规划的', legalBasis: '《中华人民共和国城乡规划法》第四十条' }),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      result: { type: 'license', name: '建设工程规划许可证', licenseTypeCode: LICENSE_TYPES.planningPermit.code },
      channels: CHANNELS,
      location: location('zrzy'),
      form: form({
        entName: f.entName('建设单位'),
        creditCode: f.creditCode(),
        contact: f.personName('联系人'),
        phone: f.phone(),
        projectName: f.text('项目名称', 100),
        projectCode: f.text('投资项目代码', 30),
        floorArea: f.number('总建筑面积（平方米）'),
      }),
    },
  },
  {
    basicCode: '000126003000',
    department: 'zrzy',
    guide: {
      name: '乡村建设规划许可（农村村民住宅）',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国城乡规划法》', article: '第四十一条', text: '在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设的，建设单位或者个人应当向乡、镇人民政府提出申请，由乡、镇人民政府报城市、县人民政府城乡规划主管部门核发乡村建设规划许可证。' },
        { law: '《中华人民共和国土地管理法》', article: '第六十二条', text: '农村村民一户只能拥有一处宅基地；农村村民住宅用地，由乡（镇）人民政府审核批准。' },
      ],
      coHandlingBodies: ['各乡镇人民政府'],
      servesTo: ['person'],
      themes: ['住房保障'],
      statutoryLimit: workingDays(20),
      promisedLimit: workingDays(10),
      conditions: ['申请人为本集体经济组织成员，符合“一户一宅”规定', '建房选址符合村庄规划或者国土空间规划', '不占用永久基本农田'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [
        accept(1),
        step('site-survey', '现场踏勘', 'zrzy', 3),
        step('review', '审查', 'zrzy', 3),
        step('decide', '决定', 'zrzy', 2),
        step('issue', '制证', 'zrzy', 1),
      ],
      materials: [
        applicationForm('农村宅基地和建房（规划许可）申请表'),
        material('one-house-commitment', '农村宅基地使用承诺书', { blankForm: true }),
        idCard(),
        householdRegister(),
        material('house-design', '建房设计图或者选用的通用图集'),
        material('village-opinion', '村民小组会议讨论通过及村级组织审查意见', { source: atWindow('由村级组织出具，乡镇汇总报送') }),
      ],
      onlineDepth: [1, 2, 3, 4, 6, 7],
      courierDelivery: true,
      result: { type: 'license', name: '乡村建设规划许可证', licenseTypeCode: LICENSE_TYPES.ruralPlanningPermit.code },
      channels: CHANNELS,
      location: location('zrzy'),
      form: form({
        name: f.personName('户主姓名'),
        idNumber: f.idNumber(),
        phone: f.phone(),
        village: f.text('所在村（组）', 100),
        siteArea: f.number('宅基地面积（平方米）'),
        floors: f.integer('建房层数', 1, 4),
        buildingType: f.choice('建房类型', ['新建', '翻建', '改建', '扩建']),
      }),
    },
  },
  {
    basicCode: '002026004000',
    department: 'zrzy',
    guide: {
      name: '不动产登记资料查询',
      itemType: '20',
      // The answer is someone's property record: online queries need a verified identity (L2).
      minRealNameLevel: 2,
      legalBases: [
        { law: '《不动产登记资料查询暂行办法》', text: '权利人可以查询、复制其不动产登记资料；利害关系人可以查询、复制不动产自然状况、权利人及其不动产查封、抵押等状况。符合条件的当场提供查询，不能当场提供的在5个工作日内提供。' },
      ],
      servesTo: ['person', 'legal_person'],
      themes: ['住房保障'],
      statutoryLimit: workingDays(5),
      promisedLimit: workingDays(0, '即办件'),
      conditions: ['查询人为不动产权利人、利害关系人或者其委托的人', '查询目的正当，查询结果不得用于其他目的'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('issue', '出具查询结果', 'zrzy', 0)],
      materials: [
        applicationForm('不动产登记资料查询申请书'),
        idCard('id-card', '查询人身份证明'),
        material('interest-proof', '存在利害关系的证明材料', { required: 'conditional', condition: '利害关系人查询的' }),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE,
      selfServiceTerminal: true,
      handlingScope: 'cross_region',
      result: { type: 'certificate', name: '不动产登记资料查询结果证明' },
      channels: CHANNELS,
      location: location('zrzy'),
      form: form(
        {
          name: f.personName('查询人姓名'),
          idNumber: f.idNumber('查询人公民身份号码'),
          phone: f.phone(),
          identity: f.choice('查询人类型', ['权利人', '利害关系人', '受托人']),
          target: f.text('查询的不动产坐落或者不动产单元号', 200),
          purpose: f.text('查询目的', 100),
        },
        ['target'],
      ),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 教育局
// ---------------------------------------------------------------------------------------------

const jyItems: BaseItemSeed[] = [
  {
    basicCode: '000127001000',
    department: 'jy',
    guide: {
      name: '教师资格认定（幼儿园、小学、初级中学）',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国教师法》', article: '第十三条', text: '中小学教师资格由县级以上地方人民政府教育行政部门认定。' },
        { law: '《教师资格条例》', article: '第十三条', text: '幼儿园、小学和初级中学教师资格，由申请人户籍所在地或者申请人任教学校所在地的县级人民政府教育行政部门认定。' },
        { law: '《〈教师资格条例〉实施办法》', text: '教师资格认定机构应当自受理期限终止之日起30个法定工作日内作出是否认定的结论，通知申请人。' },
      ],
      servesTo: ['person'],
      themes: ['教育科研'],
      statutoryLimit: workingDays(30, '自受理期限终止之日起计算；每年春、秋两季集中受理'),
      promisedLimit: workingDays(20),
      conditions: [
        '遵守宪法和法律，热爱教育事业，具有良好的思想品德',
        '具备《中华人民共和国教师法》规定的相应学历',
        '中小学教师资格考试合格（或者符合免考条件）',
        '普通话水平达到二级乙等以上标准',
        '具有{county}户籍、居住证，或者在{county}学校任教',
      ],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '资格审查', 'jy', 10), step('decide', '认定', 'jy', 4), step('issue', '制证', 'jy', 5)],
      materials: [
        idCard(),
        sharedMaterial('diploma', '学历证书', 'education', { acceptanceStandard: '通过学信网学历学位信息核验；无法核验的提交学历认证报告' }),
        sharedMaterial('mandarin', '普通话水平测试等级证书', 'mandarin'),
        sharedMaterial('exam-result', '中小学教师资格考试合格证明', 'teacherExam'),
        material('health-check', '教育部门指定的县级以上医院出具的体检合格证明', { acceptanceStandard: '体检日期在受理期6个月以内' }),
        material('commitment', '个人承诺书', { blankForm: true, notes: '无犯罪记录由认定机构通过公安机关核查' }),
        licenseMaterial('residence-permit', 'residencePermit', { required: 'conditional', condition: '以居住证在{county}申请认定的' }),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      result: { type: 'license', name: '教师资格证书', licenseTypeCode: LICENSE_TYPES.teacherQualification.code },
      channels: CHANNELS,
      location: location('jy'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        level: f.choice('资格种类', ['幼儿园教师资格', '小学教师资格', '初级中学教师资格']),
        subject: f.text('任教学科', 50),
        mandarin: f.choice('普通话等级', ['一级甲等', '一级乙等', '二级甲等', '二级乙等']),
      }),
    },
  },
  {
    basicCode: '000127002000',
    department: 'jy',
    guide: {
      name: '民办学校设立',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国民办教育促进法》', article: '第十二条', text: '举办实施学历教育、学前教育、自学考试助学及其他文化教育的民办学校，由县级以上人民政府教育行政部门按照国家规定的权限审批。' },
        { law: '《中华人民共和国民办教育促进法》', text: '申请正式设立民办学校的，审批机关应当自受理之日起三个月内以书面形式作出是否批准的决定。' },
        { law: '《中华人民共和国民办教育促进法实施条例》', text: '民办学校的设立应当符合当地教育发展的需求，具备相应的办学条件和标准。' },
      ],
      coHandlingBodies: ['{county}住房和城乡建设局'],
      servesTo: ['legal_person', 'person'],
      themes: ['准营准办'],
      statutoryLimit: naturalDays(90, '三个月'),
      promisedLimit: naturalDays(30),
      specialProcedures: [{ name: '专家评审', maxDays: 30, explanation: '组织专家对办学条件进行评议，所需时间不计入办理时限' }],
      conditions: [
        '举办者为具有法人资格的社会组织或者具有完全民事行为能力的个人',
        '有规范的学校名称、章程和组织机构',
        '有与办学规模相适应的校舍、场地、设施设备，校舍符合建筑和消防安全要求',
        '有合格的校长、教师和财会人员',
        '有必备的办学资金和稳定的经费来源',
      ],
      handlingForm: 'both',
      visitsRequired: 1,
      visitsReason: '审批机关到办学场所实地考察时，举办者或者拟任校长须在场',
      processSteps: [
        accept(1),
        step('review-jy', '办学条件审查', 'jy', 10, 'joint'),
        step('review-zj', '校舍建筑与消防安全审查', 'zj', 10, 'joint'),
        step('decide', '审批决定', 'jy', 5),
        step('issue', '制证', 'jy', 2),
      ],
      materials: [
        applicationForm('民办学校正式设立申请书', { notes: '载明举办者、培养目标、办学规模、办学层次、办学形式、办学条件、内部管理体制、经费筹措与管理使用等' }),
        material('founder-identity', '举办者身份证明或者法人登记证书', { medium: 'electronic', notes: '通过电子证照核验' }),
        material('setup-approval', '筹设批准书', { required: 'conditional', condition: '经批准筹设后申请正式设立的' }),
        material('articles', '学校章程及首届学校理事会（董事会）组成人员名单'),
        material('assets-proof', '学校资产的有效证明文件'),
        material('staff-qualifications', '校长、教师、财会人员的资格证明文件', { form: 'copy' }),
        material('premises-proof', '校舍产权证明或者租赁合同', { form: 'copy' }),
        material('fire-acceptance', '建设工程消防验收意见书或者备案凭证', { form: 'copy' }),
      ],
      onlineDepth: [1, 2, 3, 4, 6],
      courierDelivery: true,
      result: { type: 'license', name: '中华人民共和国民办学校办学许可证', licenseTypeCode: LICENSE_TYPES.privateSchool.code },
      channels: CHANNELS,
      location: location('jy'),
      form: form({
        schoolName: f.text('拟设立学校名称', 100),
        founder: f.personName('举办者（或其法定代表人）'),
        founderId: f.idNumber('举办者公民身份号码'),
        phone: f.phone(),
        schoolType: f.choice('办学层次', ['幼儿园', '小学', '初级中学', '高级中学']),
        capacity: f.integer('办学规模（人）', 1),
        address: f.text('办学地址', 200),
      }),
    },
  },
  {
    basicCode: '002027003000',
    department: 'jy',
    guide: {
      name: '义务教育阶段学生转学',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国义务教育法》', article: '第十二条', text: '适龄儿童、少年免试入学；父母在非户籍所在地工作或者居住的适龄儿童、少年，在其父母工作或者居住地接受义务教育的，当地人民政府应当为其提供平等接受义务教育的条件。' },
        { law: '《中小学生学籍管理办法》', text: '学生转学由转入学校和转出学校通过电子学籍系统办理学籍转接手续。' },
      ],
      servesTo: ['person'],
      themes: ['教育科研'],
      statutoryLimit: workingDays(10, NO_STATUTORY),
      promisedLimit: workingDays(5),
      conditions: ['学生在义务教育阶段学校就读并有电子学籍', '因户籍迁移、监护人工作或者居住地变动等原因需要转学', '转入学校有学位'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '转入学校及教育局审核', 'jy', 2), step('transfer', '学籍转接', 'jy', 2)],
      materials: [
        applicationForm('义务教育阶段学生转学申请表'),
        idCard('guardian-id', '监护人居民身份证'),
        householdRegister({ name: '学生居民户口簿' }),
        licenseMaterial('residence-permit', 'residencePermit', { required: 'conditional', condition: '随迁子女转入，以监护人居住证申请的' }),
        material('acceptance', '转入学校同意接收证明', { source: atWindow('转入学校在学籍系统中确认') }),
      ],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'cross_region',
      result: { type: 'record', name: '学生学籍转接确认' },
      channels: CHANNELS,
      location: location('jy'),
      form: form({
        guardian: f.personName('监护人姓名'),
        guardianId: f.idNumber('监护人公民身份号码'),
        phone: f.phone(),
        student: f.text('学生姓名', 50),
        fromSchool: f.text('转出学校', 100),
        toSchool: f.text('拟转入学校', 100),
        reason: f.choice('转学原因', ['户籍迁移', '监护人工作变动', '居住地变动', '其他']),
      }),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 交通运输局
// ---------------------------------------------------------------------------------------------

const jtItems: BaseItemSeed[] = [
  {
    basicCode: '000128001000',
    department: 'jt',
    guide: {
      name: '道路运输经营许可（道路普通货物运输）',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国道路运输条例》', article: '第二十一条', text: '申请从事货运经营的，应当有与其经营业务相适应并经检测合格的车辆，有符合规定条件的驾驶人员，有健全的安全生产管理制度。' },
        { law: '《中华人民共和国道路运输条例》', article: '第二十四条', text: '从事危险货物运输经营以外的货运经营的，在办理市场主体登记后向县级人民政府交通运输主管部门提出申请，主管部门应当自受理之日起20日内作出许可或者不予许可的决定；使用总质量4500千克及以下普通货运车辆的无需申请。' },
        { law: '《道路货物运输及站场管理规定》', text: '规定道路货物运输经营申请的材料、车辆技术要求和许可程序。' },
      ],
      servesTo: ['legal_person', 'person'],
      themes: ['交通运输'],
      statutoryLimit: workingDays(20),
      promisedLimit: workingDays(5),
      conditions: ['已办理市场主体登记', '有与经营业务相适应并经检测合格的车辆（总质量4500千克以上）', '驾驶人员取得相应的道路运输从业资格证', '有健全的安全生产管理制度'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '审查', 'jt', 2), step('decide', '决定', 'jt', 1), step('issue', '制证', 'jt', 1)],
      materials: [
        applicationForm('道路货物运输经营申请表'),
        businessLicense(),
        idCard('principal-id', '负责人身份证明'),
        material('vehicle-commitment', '拟投入车辆承诺书', { blankForm: true, notes: '包括车辆数量、类型、技术性能、外廓尺寸等' }),
        licenseMaterial('vehicle-license', 'vehicleLicense', { required: 'conditional', condition: '已购置车辆的' }),
        licenseMaterial('driver-qualification', 'transportWorker', { name: '驾驶人员道路运输从业资格证', notes: '通过交通运输电子证照核验' }),
        material('safety-rules', '安全生产管理制度文本'),
        ...proxy(),
      ],
      onlineDepth: FULL_ONLINE_LICENSE,
      courierDelivery: true,
      handlingScope: 'citywide',
      result: { type: 'license', name: '道路运输经营许可证', licenseTypeCode: LICENSE_TYPES.roadTransport.code },
      channels: CHANNELS,
      location: location('jt'),
      form: form({
        entName: f.entName('经营者名称'),
        creditCode: f.creditCode(),
        principal: f.personName('负责人'),
        phone: f.phone(),
        vehicles: f.integer('拟投入车辆数', 1),
        scope: f.multi('经营范围', ['道路普通货物运输', '货物专用运输（集装箱）', '货物专用运输（冷藏保鲜）', '大型物件运输']),
      }),
    },
  },
  {
    basicCode: '001028002000',
    department: 'jt',
    guide: {
      name: '出租汽车驾驶员从业资格注册',
      itemType: '10',
      legalBases: [
        { law: '《出租汽车驾驶员从业资格管理规定》', text: '取得从业资格证的出租汽车驾驶员，应当经出租汽车行政主管部门从业资格注册后，方可从事出租汽车客运服务。' },
        { law: '《巡游出租汽车经营服务管理规定》', text: '巡游出租汽车经营者应当聘用取得从业资格证并经注册的驾驶员。' },
      ],
      servesTo: ['person', 'legal_person'],
      themes: ['交通运输'],
      statutoryLimit: workingDays(5, NO_STATUTORY),
      promisedLimit: workingDays(2),
      conditions: ['已取得出租汽车驾驶员从业资格证', '与{county}出租汽车经营者签订劳动合同或者经营合同（巡游出租汽车）', '无暴力犯罪记录和吸毒记录'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('register', '审核注册', 'jt', 1)],
      materials: [
        applicationForm('出租汽车驾驶员从业资格注册登记表'),
        idCard(),
        licenseMaterial('taxi-qualification', 'taxiDriver'),
        licenseMaterial('driving-license', 'drivingLicense'),
        material('labour-contract', '与出租汽车经营者签订的劳动合同或者经营合同', { form: 'copy', required: 'conditional', condition: '注册为巡游出租汽车驾驶员的' }),
      ],
      onlineDepth: FULL_ONLINE,
      result: { type: 'record', name: '出租汽车驾驶员从业资格注册信息' },
      channels: CHANNELS,
      location: location('jt'),
      form: form({
        name: f.personName('驾驶员姓名'),
        idNumber: f.idNumber(),
        phone: f.phone(),
        kind: f.choice('注册类型', ['巡游出租汽车', '网络预约出租汽车']),
        company: f.text('服务所在出租汽车经营者', 100),
      }),
    },
  },
  {
    basicCode: '000128003000',
    department: 'jt',
    guide: {
      name: '占用、挖掘公路许可',
      itemType: '01',
      legalBases: [
        { law: '《中华人民共和国公路法》', article: '第四十四条', text: '任何单位和个人不得擅自占用、挖掘公路；因修建铁路、机场、电站、通信设施、水利工程和进行其他建设工程需要占用、挖掘公路或者使公路改线的，建设单位应当事先征得有关交通主管部门的同意。' },
        { law: '《公路安全保护条例》', article: '第二十七条', text: '因修建建设工程需要占用、挖掘公路、公路用地或者使公路改线等涉路施工活动的，建设单位应当向公路管理机构提出申请。' },
        { law: '《公路安全保护条例》', text: '公路管理机构应当自受理申请之日起20日内作出许可或者不予许可的决定。' },
      ],
      servesTo: ['legal_person', 'person'],
      themes: ['交通运输', '工程建设'],
      statutoryLimit: workingDays(20),
      promisedLimit: workingDays(10),
      conditions: ['因建设工程确需占用、挖掘公路、公路用地或者使公路改线', '施工方案符合有关技术标准和规范', '有保障公路质量、安全和交通畅通的措施'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '审查', 'jt', 3), step('site-survey', '现场勘查', 'jt', 3), step('decide', '决定', 'jt', 2), step('issue', '送达', 'jt', 1)],
      materials: [
        applicationForm('涉路施工许可申请书', { notes: '载明主要理由、地点（公路名称、桩号）、施工时间' }),
        material('construction-plan', '符合有关技术标准、规范要求的设计和施工方案'),
        material('safety-assessment', '保障公路、公路附属设施质量和安全的技术评价报告'),
        material('emergency-plan', '处置施工险情和意外事故的应急预案'),
        businessLicense({ name: '建设单位营业执照或者法人登记证书', required: 'conditional', condition: '申请人为法人或者其他组织的' }),
      ],
      onlineDepth: [1, 2, 3, 4, 6],
      courierDelivery: true,
      result: { type: 'approval_document', name: '涉路施工许可决定书' },
      channels: CHANNELS,
      location: location('jt'),
      form: form({
        entName: f.entName('建设单位'),
        creditCode: f.creditCode(),
        contact: f.personName('联系人'),
        phone: f.phone(),
        road: f.text('公路名称及桩号', 100),
        kind: f.choice('涉路施工类型', ['占用公路', '挖掘公路', '公路改线', '跨越、穿越公路']),
        period: f.text('施工期限', 50),
      }),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 医保局
// ---------------------------------------------------------------------------------------------

const ybItems: BaseItemSeed[] = [
  {
    basicCode: '002029001000',
    department: 'yb',
    guide: {
      name: '职工基本医疗保险参保登记',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国社会保险法》', article: '第二十三条', text: '职工应当参加职工基本医疗保险，由用人单位和职工按照国家规定共同缴纳基本医疗保险费。' },
        { law: '《中华人民共和国社会保险法》', article: '第五十七条', text: '用人单位应当自成立之日起三十日内申请办理社会保险登记，经办机构应当自收到申请之日起十五日内予以审核。' },
      ],
      servesTo: ['legal_person'],
      themes: ['医疗卫生', '开办企业'],
      statutoryLimit: naturalDays(15),
      promisedLimit: naturalDays(0, '即办件'),
      conditions: ['依法设立的用人单位为其职工申报参保', '职工自用工之日起三十日内申报'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('register', '核验登记', 'yb', 0)],
      materials: [applicationForm('职工基本医疗保险参保登记表'), businessLicense(), material('employee-list', '参保职工花名册', { medium: 'electronic' })],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'citywide',
      result: { type: 'record', name: '职工基本医疗保险参保信息' },
      channels: CHANNELS,
      location: location('yb'),
      form: form({
        entName: f.entName(),
        creditCode: f.creditCode(),
        contact: f.personName('经办人'),
        phone: f.phone(),
        employees: f.integer('本次申报参保人数', 1),
        startMonth: f.text('参保起始年月（YYYY-MM）', 7),
      }),
    },
  },
  {
    basicCode: '002029002000',
    department: 'yb',
    guide: {
      name: '城乡居民基本医疗保险参保登记',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国社会保险法》', article: '第二十五条', text: '国家建立和完善城镇居民基本医疗保险制度，实行个人缴费和政府补贴相结合。' },
        { law: '《国务院关于整合城乡居民基本医疗保险制度的意见》', text: '城乡居民医保制度覆盖除职工基本医疗保险应参保人员以外的其他所有城乡居民。' },
      ],
      servesTo: ['person'],
      themes: ['社会保障', '医疗卫生'],
      statutoryLimit: workingDays(5, NO_STATUTORY),
      promisedLimit: workingDays(0, '即办件'),
      conditions: ['未参加职工基本医疗保险的城乡居民', '具有{county}户籍，或者持有{county}居住证', '新生儿自出生之日起可参保'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('register', '核验登记', 'yb', 0)],
      materials: [
        idCard('id-card', '参保人居民身份证'),
        householdRegister(),
        licenseMaterial('birth-certificate', 'birthCertificate', { required: 'conditional', condition: '新生儿参保的' }),
        licenseMaterial('residence-permit', 'residencePermit', { required: 'conditional', condition: '非{county}户籍人员以居住证参保的' }),
      ],
      onlineDepth: FULL_ONLINE,
      selfServiceTerminal: true,
      handlingScope: 'citywide',
      result: { type: 'record', name: '城乡居民基本医疗保险参保信息' },
      channels: CHANNELS,
      location: location('yb'),
      form: form({
        name: f.personName('参保人姓名'),
        idNumber: f.idNumber('参保人公民身份号码'),
        phone: f.phone(),
        category: f.choice('参保人员类别', ['成年居民', '未成年人', '在校学生', '新生儿', '老年居民']),
      }),
    },
  },
  {
    basicCode: '002029003000',
    department: 'yb',
    guide: {
      name: '跨省异地就医备案',
      itemType: '20',
      legalBases: [
        { law: '《国家医疗保障局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》', text: '跨省长期在异地居住或者临时外出就医的参保人员办理异地就医备案后，可以享受跨省异地就医直接结算服务；异地长期居住人员可以通过承诺制办理备案。' },
      ],
      servesTo: ['person'],
      themes: ['医疗卫生', '社会保障'],
      statutoryLimit: workingDays(5, NO_STATUTORY),
      promisedLimit: workingDays(0, '即时备案'),
      conditions: ['在{county}参加基本医疗保险', '属于异地长期居住人员或者临时外出就医人员'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(0), step('record', '备案', 'yb', 0)],
      materials: [
        applicationForm('跨省异地就医登记备案表'),
        idCard('id-card', '参保人居民身份证或者社会保障卡'),
        material('residence-commitment', '异地居住个人承诺书', { required: 'conditional', condition: '异地长期居住人员备案的', blankForm: true }),
        material('referral', '转诊转院证明', { required: 'conditional', condition: '临时外出就医人员中转诊转院的' }),
      ],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'cross_region',
      result: { type: 'record', name: '异地就医备案信息' },
      channels: CHANNELS,
      location: location('yb'),
      form: form({
        name: f.personName('参保人姓名'),
        idNumber: f.idNumber(),
        phone: f.phone(),
        kind: f.choice('备案类型', ['异地长期居住', '临时外出就医']),
        province: f.text('就医地（省、市）', 50),
        startDate: f.date('备案开始日期'),
      }),
    },
  },
  {
    basicCode: '000529004000',
    department: 'yb',
    guide: {
      name: '医疗救助申请',
      itemType: '05',
      legalBases: [
        { law: '《社会救助暂行办法》', article: '第二十八条', text: '最低生活保障家庭成员、特困供养人员以及县级以上人民政府规定的其他特殊困难人员，可以申请相关医疗救助。' },
        { law: '《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》', text: '对低收入人口经基本医保、大病保险等支付后政策范围内个人自付费用给予救助，并建立防范和化解因病返贫致贫长效机制。' },
      ],
      coHandlingBodies: ['{county}民政局'],
      servesTo: ['person'],
      themes: ['医疗卫生', '社会保障'],
      statutoryLimit: workingDays(20, NO_STATUTORY),
      promisedLimit: workingDays(10, '救助对象在定点医疗机构“一站式”结算的，即时结算'),
      conditions: ['属于最低生活保障家庭成员、特困人员、低保边缘家庭成员或者因病致贫重病患者', '已参加{county}城乡居民或者职工基本医疗保险'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('review', '审核', 'yb', 3), step('approve', '审批', 'yb', 3), step('pay', '拨付', 'yb', 2)],
      materials: [
        applicationForm('医疗救助申请审批表'),
        idCard(),
        sharedMaterial('assistance-status', '救助对象身份信息', 'assistance'),
        sharedMaterial('settlement', '基本医保、大病保险结算信息', 'medicalSettlement'),
        material('bills', '医疗费用发票及费用清单', { form: 'copy', required: 'conditional', condition: '未在定点医疗机构直接结算的' }),
        material('diagnosis', '出院小结或者诊断证明', { form: 'copy' }),
      ],
      onlineDepth: [1, 2, 3, 4, 6],
      result: { type: 'approval_document', name: '医疗救助审批结果' },
      channels: CHANNELS,
      location: location('yb'),
      form: form({
        name: f.personName(),
        idNumber: f.idNumber(),
        phone: f.phone(),
        category: f.choice('救助对象类别', ['最低生活保障对象', '特困人员', '低保边缘家庭成员', '因病致贫重病患者']),
        hospital: f.text('就诊医疗机构', 100),
        selfPaid: f.number('个人自付费用（元）'),
      }),
    },
  },
  {
    basicCode: '002029005000',
    department: 'yb',
    guide: {
      name: '门诊慢特病待遇认定',
      itemType: '20',
      legalBases: [
        { law: '《中华人民共和国社会保险法》', article: '第二十八条', text: '符合基本医疗保险药品目录、诊疗项目、医疗服务设施标准以及急诊、抢救的医疗费用，按照国家规定从基本医疗保险基金中支付。' },
        { law: '《国务院办公厅关于建立健全职工基本医疗保险门诊共济保障机制的指导意见》', text: '对部分治疗周期长、对健康损害大、费用负担重的疾病，将门诊费用纳入统筹基金支付范围。' },
      ],
      servesTo: ['person'],
      themes: ['医疗卫生'],
      statutoryLimit: workingDays(15, NO_STATUTORY),
      promisedLimit: workingDays(10),
      conditions: ['在{county}参加基本医疗保险', '所患疾病属于本省门诊慢特病病种范围，并符合病种认定标准'],
      handlingForm: 'both',
      visitsRequired: 0,
      processSteps: [accept(1), step('assessment', '定点医疗机构鉴定', 'yb', 5), step('review', '审核认定', 'yb', 2)],
      materials: [
        applicationForm('门诊慢特病待遇认定申请表'),
        idCard('id-card', '参保人居民身份证或者社会保障卡'),
        material('medical-records', '近期病历资料及检查检验报告', { form: 'copy' }),
        material('diagnosis', '定点医疗机构出具的诊断证明', { notes: '在定点医疗机构直接申报的，由医疗机构线上传送' }),
      ],
      onlineDepth: FULL_ONLINE,
      handlingScope: 'citywide',
      result: { type: 'record', name: '门诊慢特病待遇认定结果' },
      channels: CHANNELS,
      location: location('yb'),
      form: form({
        name: f.personName('参保人姓名'),
        idNumber: f.idNumber(),
        phone: f.phone(),
        disease: f.choice('申请病种', ['高血压', '糖尿病', '恶性肿瘤门诊治疗', '慢性肾功能衰竭（透析）', '器官移植术后抗排异治疗', '重性精神病', '其他']),
        hospital: f.text('申报定点医疗机构', 100),
      }),
    },
  },
];

/** The base items of the demo catalog, each implemented by its department in all ten counties. */
export const BASE_ITEMS: BaseItemSeed[] = [...scjgItems, ...gaItems, ...rsItems, ...mzItems, ...wjwItems, ...zjItems, ...zrzyItems, ...jyItems, ...jtItems, ...ybItems];
