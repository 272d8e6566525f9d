/**
 * The catalog's spreadsheet layout (the shape staff already keep their 实施清单 in) and the mapping
 * between a guide (GuideContent) and its rows. Pure: no exceljs, no database. One implementation is
 * one row of 事项清单; its lists (materials, steps, fees, legal bases, special procedures) are rows of
 * their own sheets keyed by 实施编码. Cells carry Chinese labels ("工作日", "是"), never enum codes.
 */
import { ITEM_TYPES, type GuideContentT } from '../../../common/schemas/catalog.ts';

/** A cell as the codec sees it: exceljs values are normalized to text, a number or empty. */
export type Cell = string | number | null;

/** One column of a sheet. */
export interface ColumnDef {
  key: string;
  /** Header text in row 1; a hint in （…） may follow it and is ignored when reading. */
  header: string;
  hint?: string;
  width?: number;
  /** Written by the export for reference; ignored on import. */
  readOnly?: boolean;
  /** Number column (the others are written as text so Excel keeps leading zeros). */
  numeric?: boolean;
}

/** One problem in a workbook, located the way Excel shows it (header is row 1). */
export interface RowError {
  sheet: string;
  row: number | null;
  column: string | null;
  /** GuideContent path, e.g. "promisedLimit.days" or "materials.2.name". */
  field: string | null;
  message: string;
}

/** Sheet names. */
export const SHEETS = {
  items: '事项清单',
  materials: '申请材料',
  steps: '办理流程',
  fees: '收费',
  legalBases: '设定依据',
  specialProcedures: '特别程序',
  readme: '填写说明',
} as const;

/** The sheets an import must contain (the readme is optional). */
export type DataSheet = Exclude<keyof typeof SHEETS, 'readme'>;

const c = (key: string, header: string, extra: Omit<ColumnDef, 'key' | 'header'> = {}): ColumnDef => ({ key, header, ...extra });

/** Columns of every data sheet, in export order. */
export const COLUMNS: Record<DataSheet, ColumnDef[]> = {
  items: [
    c('code', '实施编码', { readOnly: true, width: 36 }),
    c('basicCode', '基本编码', { readOnly: true, width: 14 }),
    c('version', '版本', { hint: '导出时的现行版本，勿改', readOnly: true, numeric: true, width: 8 }),
    c('region', '行政区划', { readOnly: true, width: 12 }),
    c('department', '实施主体', { readOnly: true, width: 24 }),
    c('level', '层级', { readOnly: true, width: 8 }),
    c('name', '事项名称', { width: 30 }),
    c('itemType', '事项类型', { hint: '如 01 行政许可、20 公共服务', width: 14 }),
    c('powerSource', '权力来源', { hint: '法定本级行使 / 上级下放 / 受委托行使', width: 14 }),
    c('delegatedBody', '下放/委托机关', { width: 20 }),
    c('coHandlingBodies', '联办机构', { hint: '一行一个', width: 20 }),
    c('servesTo', '服务对象', { hint: '个人、法人', width: 12 }),
    c('themes', '主题分类', { hint: '一行一个', width: 14 }),
    c('statutoryDays', '法定时限', { numeric: true, width: 10 }),
    c('statutoryUnit', '法定时限单位', { hint: '工作日 / 自然日', width: 12 }),
    c('statutoryExplanation', '法定时限说明', { width: 20 }),
    c('promisedDays', '承诺时限', { numeric: true, width: 10 }),
    c('promisedUnit', '承诺时限单位', { hint: '工作日 / 自然日', width: 12 }),
    c('promisedExplanation', '承诺时限说明', { width: 20 }),
    c('conditions', '办理条件', { hint: '一行一条', width: 40 }),
    c('handlingForm', '办理形式', { hint: '窗口办理 / 网上办理 / 窗口或网上办理', width: 14 }),
    c('visitsRequired', '到现场次数', { numeric: true, width: 10 }),
    c('visitsReason', '到现场理由', { width: 20 }),
    c('onlineDepth', '网办深度', { hint: '1咨询 2申请 3预审 4受理 5办理 6反馈结果 7电子证照，用顿号分隔', width: 16 }),
    c('appointment', '预约办理', { hint: '是 / 否', width: 10 }),
    c('dailyQuota', '每日预约号数', { numeric: true, width: 12 }),
    c('onlinePayment', '网上支付', { hint: '是 / 否', width: 10 }),
    c('courierDelivery', '物流快递', { hint: '是 / 否', width: 10 }),
    c('selfServiceTerminal', '自助终端', { hint: '是 / 否', width: 10 }),
    c('handlingScope', '通办范围', { hint: '本地办理 / 全城通办 / 异地可办', width: 12 }),
    c('minRealNameLevel', '实名等级要求', { hint: 'L1 / L2 / L3，留空为 L1', width: 12 }),
    c('resultType', '办件结果类型', { hint: '证照 / 批文 / 证明 / 备案 / 其他', width: 12 }),
    c('resultName', '办件结果名称', { width: 20 }),
    c('resultLicenseType', '结果证照类型代码', { width: 24 }),
    c('consultPhone', '咨询电话', { width: 14 }),
    c('complaintPhone', '投诉电话', { width: 14 }),
    c('appeal', '行政复议', { width: 20 }),
    c('litigation', '行政诉讼', { width: 20 }),
    c('address', '办理地点', { width: 24 }),
    c('hours', '办理时间', { width: 24 }),
    c('form', '申请表单', { hint: 'JSON，一般不改', width: 20 }),
  ],
  materials: [
    c('code', '实施编码', { width: 36 }),
    c('key', '材料标识', { hint: '新增材料可留空', width: 16 }),
    c('name', '材料名称', { width: 30 }),
    c('required', '必要性', { hint: '必要 / 条件', width: 10 }),
    c('condition', '适用情形', { width: 24 }),
    c('copies', '份数', { numeric: true, width: 8 }),
    c('form', '材料形式', { hint: '原件 / 复印件 / 原件和复印件', width: 14 }),
    c('medium', '载体', { hint: '纸质 / 电子 / 纸质或电子', width: 12 }),
    c('sourceKind', '来源', { hint: '申请人提交 / 电子证照 / 共享数据 / 窗口现场办理', width: 14 }),
    c('sourceCode', '来源编码', { hint: '证照类型代码或资源代码', width: 24 }),
    c('sourceName', '来源名称', { hint: '证照或资源名称；窗口办理时为说明', width: 20 }),
    c('blankForm', '空白表格', { hint: '是 / 否', width: 10 }),
    c('sample', '示例样表', { hint: '是 / 否', width: 10 }),
    c('acceptanceStandard', '受理标准', { width: 24 }),
    c('legalBasis', '材料依据', { width: 20 }),
    c('notes', '备注', { width: 20 }),
  ],
  steps: [
    c('code', '实施编码', { width: 36 }),
    c('key', '环节标识', { hint: '新增环节可留空', width: 16 }),
    c('name', '环节名称', { width: 16 }),
    c('role', '办理人员', { hint: '窗口受理 / 审批', width: 12 }),
    c('department', '办理部门', { width: 16 }),
    c('days', '环节时限', { hint: '工作日', numeric: true, width: 10 }),
    c('parallelGroup', '并联组', { hint: '同组环节同时办理', width: 10 }),
  ],
  fees: [
    c('code', '实施编码', { width: 36 }),
    c('name', '收费项目', { width: 20 }),
    c('amountYuan', '金额', { hint: '元', numeric: true, width: 10 }),
    c('basis', '收费依据', { width: 30 }),
    c('waivable', '可减免', { hint: '是 / 否', width: 10 }),
  ],
  legalBases: [
    c('code', '实施编码', { width: 36 }),
    c('law', '法律法规名称', { width: 30 }),
    c('article', '条款', { width: 14 }),
    c('text', '条文内容', { width: 50 }),
  ],
  specialProcedures: [
    c('code', '实施编码', { width: 36 }),
    c('name', '特别程序名称', { width: 20 }),
    c('maxDays', '最长时限', { hint: '日', numeric: true, width: 10 }),
    c('explanation', '说明', { width: 30 }),
  ],
};

/** The header text of a column as written (with its hint). */
export function headerText(col: ColumnDef): string {
  return col.hint ? `${col.header}（${col.hint}）` : col.header;
}

/** The header without its hint, for matching what a person may have retyped. */
export function headerBase(text: string): string {
  return (text.split(/[（(]/)[0] ?? '').replace(/\s+/g, '');
}

// Label tables: value → Chinese label. Reading also accepts the code itself.
const POWER_SOURCE = { statutory: '法定本级行使', delegated: '上级下放', entrusted: '受委托行使' } as const;
const SERVES_TO = { person: '个人', legal_person: '法人' } as const;
const UNIT = { working_day: '工作日', natural_day: '自然日' } as const;
const HANDLING_FORM = { window: '窗口办理', online: '网上办理', both: '窗口或网上办理' } as const;
const HANDLING_SCOPE = { local: '本地办理', citywide: '全城通办', cross_region: '异地可办' } as const;
const RESULT_TYPE = { license: '证照', approval_document: '批文', certificate: '证明', record: '备案', other: '其他' } as const;
const MATERIAL_FORM = { original: '原件', copy: '复印件', original_and_copy: '原件和复印件' } as const;
const MEDIUM = { paper: '纸质', electronic: '电子', either: '纸质或电子' } as const;
const REQUIRED = { required: '必要', conditional: '条件' } as const;
const SOURCE_KIND = { applicant: '申请人提交', license: '电子证照', shared_data: '共享数据', window: '窗口现场办理' } as const;
const ROLE = { window_clerk: '窗口受理', approver: '审批' } as const;
const LEVEL: Record<number, string> = { 1: '国家级', 2: '省级', 3: '市级', 4: '县级', 5: '乡镇级', 6: '村级' };
// Synonyms people type that mean the same value.
const ALIASES: Record<string, string> = { 必需: '必要', 必须: '必要', 容缺: '条件', 条件性: '条件', 非必要: '条件', 受委托: '受委托行使', 批准文书: '批文', 自然人: '个人', 法人及其他组织: '法人', 窗口人员: '窗口受理', 审批人员: '审批', 窗口: '窗口受理' };

const yesNo = (b: boolean): string => (b ? '是' : '否');
const lines = (xs: readonly string[]): Cell => (xs.length > 0 ? xs.join('\n') : null);
const opt = (s: string | undefined): Cell => (s === undefined || s === '' ? null : s);

/** Where an implementation sits (shown for reference, read back only for the code and version). */
export interface ItemMeta {
  code: string;
  basicCode: string;
  version: number;
  regionName: string;
  departmentName: string;
  level: number;
}

/** Rows of one implementation, by sheet: records keyed by column key. */
export type ItemRecords = Record<DataSheet, Record<string, Cell>[]>;

/** The rows of one implementation's guide. */
export function encodeItem(meta: ItemMeta, g: GuideContentT): ItemRecords {
  const main: Record<string, Cell> = {
    code: meta.code, basicCode: meta.basicCode, version: meta.version, region: meta.regionName, department: meta.departmentName,
    level: LEVEL[meta.level] ?? String(meta.level), name: g.name, itemType: `${g.itemType} ${ITEM_TYPES[g.itemType]}`,
    powerSource: POWER_SOURCE[g.powerSource], delegatedBody: opt(g.delegatedBody), coHandlingBodies: lines(g.coHandlingBodies),
    servesTo: g.servesTo.map((s) => SERVES_TO[s]).join('、'), themes: lines(g.themes),
    statutoryDays: g.statutoryLimit.days, statutoryUnit: UNIT[g.statutoryLimit.unit], statutoryExplanation: opt(g.statutoryLimit.explanation),
    promisedDays: g.promisedLimit.days, promisedUnit: UNIT[g.promisedLimit.unit], promisedExplanation: opt(g.promisedLimit.explanation),
    conditions: lines(g.conditions), handlingForm: HANDLING_FORM[g.handlingForm], visitsRequired: g.visitsRequired, visitsReason: opt(g.visitsReason),
    onlineDepth: g.onlineDepth.length > 0 ? g.onlineDepth.join('、') : null,
    appointment: yesNo(g.appointment.enabled), dailyQuota: g.appointment.dailyQuota ?? null,
    onlinePayment: yesNo(g.onlinePayment), courierDelivery: yesNo(g.courierDelivery), selfServiceTerminal: yesNo(g.selfServiceTerminal),
    handlingScope: HANDLING_SCOPE[g.handlingScope], minRealNameLevel: `L${g.minRealNameLevel}`, resultType: RESULT_TYPE[g.result.type], resultName: g.result.name,
    resultLicenseType: opt(g.result.licenseTypeCode), consultPhone: g.channels.consultPhone, complaintPhone: g.channels.complaintPhone,
    appeal: g.channels.appeal, litigation: g.channels.litigation, address: g.location.address, hours: g.location.hours, form: JSON.stringify(g.form),
  };
  return {
    items: [main],
    materials: g.materials.map((m) => ({
      code: meta.code, key: m.key, name: m.name, required: REQUIRED[m.required], condition: opt(m.condition), copies: m.copies,
      form: MATERIAL_FORM[m.form], medium: MEDIUM[m.medium], sourceKind: SOURCE_KIND[m.source.kind],
      sourceCode: m.source.kind === 'license' ? m.source.licenseTypeCode : m.source.kind === 'shared_data' ? m.source.resourceCode : null,
      sourceName: m.source.kind === 'license' ? m.source.licenseTypeName : m.source.kind === 'shared_data' ? m.source.resourceName : m.source.kind === 'window' ? opt(m.source.note) : null,
      blankForm: yesNo(m.blankForm), sample: yesNo(m.sample), acceptanceStandard: opt(m.acceptanceStandard), legalBasis: opt(m.legalBasis), notes: opt(m.notes),
    })),
    steps: g.processSteps.map((s) => ({
      code: meta.code, key: s.key, name: s.name, role: ROLE[s.role], department: opt(s.department), days: s.days, parallelGroup: opt(s.parallelGroup),
    })),
    fees: g.fees.map((f) => ({ code: meta.code, name: f.name, amountYuan: f.amountYuan, basis: f.basis, waivable: yesNo(f.waivable) })),
    legalBases: g.legalBases.map((b) => ({ code: meta.code, law: b.law, article: opt(b.article), text: opt(b.text) })),
    specialProcedures: g.specialProcedures.map((p) => ({ code: meta.code, name: p.name, maxDays: p.maxDays, explanation: opt(p.explanation) })),
  };
}

/** A row as read: its Excel row number and its cells by column key. */
export interface SourceRow {
  row: number;
  cells: Record<string, Cell>;
}

/** One implementation's rows as read from a workbook. */
export type ItemRows = Record<DataSheet, SourceRow[]>;

/** Where a GuideContent path was read from. */
interface Location {
  sheet: string;
  row: number;
  column: string | null;
}

/** A guide read back from its rows: the raw object for zod, cell errors, and where each field came from. */
export interface DecodedItem {
  code: string;
  /** Row in 事项清单. */
  row: number;
  /** The version the rows were exported from (null when the cell is empty or not a number). */
  version: number | null;
  content: Record<string, unknown>;
  errors: RowError[];
  /** Locate a GuideContent path (zod or check issue) on the sheet. */
  locate(path: readonly (string | number)[], message: string): RowError;
}

const COLUMN_HEADER = new Map<string, string>(Object.entries(COLUMNS).flatMap(([sheet, cols]) => cols.map((col) => [`${sheet}.${col.key}`, col.header] as const)));

/** The header of a column, by sheet and key. */
export function columnHeader(sheet: DataSheet, key: string): string {
  return COLUMN_HEADER.get(`${sheet}.${key}`) ?? key;
}

function text(v: Cell): string {
  if (v === null) return '';
  return typeof v === 'number' ? String(v) : v.trim();
}

function split(v: Cell, sep: RegExp): string[] {
  return text(v).split(sep).map((s) => s.trim()).filter((s) => s !== '');
}

/** Read one implementation's rows into a guide object (validated afterwards by GuideContent). */
export function decodeItem(rows: ItemRows): DecodedItem {
  const mainRow = rows.items[0] ?? { row: 0, cells: {} };
  const errors: RowError[] = [];
  const locations = new Map<string, Location>();
  const at = (sheet: DataSheet, r: SourceRow, key: string | null, path: string) => {
    locations.set(path, { sheet: SHEETS[sheet], row: r.row, column: key ? columnHeader(sheet, key) : null });
  };
  const fail = (sheet: DataSheet, r: SourceRow, key: string, path: string, message: string) => {
    errors.push({ sheet: SHEETS[sheet], row: r.row, column: columnHeader(sheet, key), field: path, message });
  };

  /** Read a cell through a reader; a bad value is an error at that cell and reads as undefined. */
  const cell = <T>(sheet: DataSheet, r: SourceRow, key: string, path: string, read: (v: Cell) => T | Error): T | undefined => {
    at(sheet, r, key, path);
    const v = r.cells[key] ?? null;
    const out = read(v);
    if (out instanceof Error) {
      fail(sheet, r, key, path, out.message);
      return undefined;
    }
    return out;
  };
  const str = (v: Cell) => text(v);
  const optStr = (v: Cell) => text(v) || undefined;
  const int = (label: string, optional = false) => (v: Cell): number | undefined | Error => {
    const s = text(v);
    if (s === '') return optional ? undefined : new Error(`${label}不能为空`);
    if (!/^\d+$/.test(s)) return new Error(`${label}应为非负整数，填写的是“${s}”`);
    return Number(s);
  };
  const num = (label: string) => (v: Cell): number | Error => {
    const s = text(v);
    const n = typeof v === 'number' ? v : Number(s);
    if (s === '' || !Number.isFinite(n)) return new Error(`${label}应为数字，填写的是“${s}”`);
    return n;
  };
  const choice = <K extends string>(label: string, table: Record<K, string>, optional = false) => (v: Cell): K | undefined | Error => {
    const s = text(v);
    if (s === '') return optional ? undefined : new Error(`${label}不能为空`);
    const want = ALIASES[s] ?? s;
    for (const [k, l] of Object.entries(table) as [K, string][]) if (want === l || want === k) return k;
    return new Error(`${label}“${s}”无效，应为：${Object.values(table).join(' / ')}`);
  };
  const bool = (label: string) => (v: Cell): boolean | Error => {
    const s = text(v).toLowerCase();
    if (['是', 'y', 'yes', 'true', '1', '√'].includes(s)) return true;
    if (['否', '', 'n', 'no', 'false', '0', '×'].includes(s)) return false;
    return new Error(`${label}应填“是”或“否”，填写的是“${text(v)}”`);
  };

  const S = 'items';
  const m = mainRow;
  const versionCell = m.cells.version ?? null;
  const version = typeof versionCell === 'number' ? versionCell : /^\d+$/.test(text(versionCell)) ? Number(text(versionCell)) : null;
  const itemType = cell(S, m, 'itemType', 'itemType', (v) => {
    const s = text(v);
    if (s === '') return new Error('事项类型不能为空');
    const code = s.match(/^\d{2}/)?.[0];
    const byName = Object.entries(ITEM_TYPES).find(([, name]) => s === name)?.[0];
    const found = code && code in ITEM_TYPES ? code : byName;
    return found ?? new Error(`事项类型“${s}”无效，应为 01 行政许可 … 20 公共服务`);
  });
  const limit = (prefix: 'statutory' | 'promised', label: string) => ({
    days: cell(S, m, `${prefix}Days`, `${prefix}Limit.days`, int(label)),
    unit: cell(S, m, `${prefix}Unit`, `${prefix}Limit.unit`, choice(`${label}单位`, UNIT, true)),
    explanation: cell(S, m, `${prefix}Explanation`, `${prefix}Limit.explanation`, optStr),
  });
  const appointmentEnabled = cell(S, m, 'appointment', 'appointment.enabled', bool('预约办理'));
  const dailyQuota = cell(S, m, 'dailyQuota', 'appointment.dailyQuota', int('每日预约号数', true));
  at(S, m, 'appointment', 'appointment');
  const content: Record<string, unknown> = {
    name: cell(S, m, 'name', 'name', str),
    itemType,
    powerSource: cell(S, m, 'powerSource', 'powerSource', choice('权力来源', POWER_SOURCE, true)),
    delegatedBody: cell(S, m, 'delegatedBody', 'delegatedBody', optStr),
    coHandlingBodies: cell(S, m, 'coHandlingBodies', 'coHandlingBodies', (v) => split(v, /\r?\n/)),
    servesTo: cell(S, m, 'servesTo', 'servesTo', (v) => {
      const out: ('person' | 'legal_person')[] = [];
      for (const s of split(v, /[、,，;；/\s]+/)) {
        const k = choice('服务对象', SERVES_TO)(s);
        if (k instanceof Error || k === undefined) return new Error(`服务对象“${s}”无效，应为：个人、法人`);
        out.push(k);
      }
      return out;
    }),
    themes: cell(S, m, 'themes', 'themes', (v) => split(v, /\r?\n/)),
    statutoryLimit: limit('statutory', '法定时限'),
    promisedLimit: limit('promised', '承诺时限'),
    conditions: cell(S, m, 'conditions', 'conditions', (v) => split(v, /\r?\n/)),
    handlingForm: cell(S, m, 'handlingForm', 'handlingForm', choice('办理形式', HANDLING_FORM)),
    visitsRequired: cell(S, m, 'visitsRequired', 'visitsRequired', int('到现场次数')),
    visitsReason: cell(S, m, 'visitsReason', 'visitsReason', optStr),
    onlineDepth: cell(S, m, 'onlineDepth', 'onlineDepth', (v) => {
      const out: number[] = [];
      for (const s of split(v, /[、,，;；\s]+/)) {
        const n = /^[1-7]/.exec(s)?.[0];
        if (!n) return new Error(`网办深度“${s}”无效，应为 1 至 7 的数字`);
        out.push(Number(n));
      }
      return out;
    }),
    appointment: appointmentEnabled === undefined ? undefined : { enabled: appointmentEnabled, ...(dailyQuota !== undefined ? { dailyQuota } : {}) },
    onlinePayment: cell(S, m, 'onlinePayment', 'onlinePayment', bool('网上支付')),
    courierDelivery: cell(S, m, 'courierDelivery', 'courierDelivery', bool('物流快递')),
    selfServiceTerminal: cell(S, m, 'selfServiceTerminal', 'selfServiceTerminal', bool('自助终端')),
    handlingScope: cell(S, m, 'handlingScope', 'handlingScope', choice('通办范围', HANDLING_SCOPE, true)),
    minRealNameLevel: cell(S, m, 'minRealNameLevel', 'minRealNameLevel', (v) => {
      const s = text(v);
      if (s === '') return undefined;
      const n = /^(?:L|l)?\s*([1-3])(?:级)?$/.exec(s)?.[1];
      return n ? Number(n) : new Error(`实名等级要求“${s}”无效，应为 L1 / L2 / L3`);
    }),
    result: {
      type: cell(S, m, 'resultType', 'result.type', choice('办件结果类型', RESULT_TYPE)),
      name: cell(S, m, 'resultName', 'result.name', str),
      licenseTypeCode: cell(S, m, 'resultLicenseType', 'result.licenseTypeCode', optStr),
    },
    channels: {
      consultPhone: cell(S, m, 'consultPhone', 'channels.consultPhone', str),
      complaintPhone: cell(S, m, 'complaintPhone', 'channels.complaintPhone', str),
      appeal: cell(S, m, 'appeal', 'channels.appeal', str),
      litigation: cell(S, m, 'litigation', 'channels.litigation', str),
    },
    location: { address: cell(S, m, 'address', 'location.address', str), hours: cell(S, m, 'hours', 'location.hours', str) },
    form: cell(S, m, 'form', 'form', (v) => {
      const s = text(v);
      if (s === '') return undefined;
      try {
        const parsed: unknown = JSON.parse(s);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : new Error('申请表单应为 JSON 对象');
      } catch {
        return new Error('申请表单不是有效的 JSON');
      }
    }),
  };

  // Lists: the sheet's row order is the list order. A blank key gets the next free generated one.
  const withKeys = (sheet: 'materials' | 'steps', list: SourceRow[], prefix: string) => {
    const used = new Set(list.map((r) => text(r.cells.key ?? null)).filter((k) => k !== ''));
    let n = 0;
    return list.map((r) => {
      let key = text(r.cells.key ?? null);
      if (key === '') {
        do key = `${prefix}-${++n}`;
        while (used.has(key));
        used.add(key);
      }
      return { r, key, sheet };
    });
  };
  content.materials = withKeys('materials', rows.materials, 'm').map(({ r, key }, i) => {
    const p = `materials.${i}`;
    at('materials', r, null, p);
    at('materials', r, 'key', `${p}.key`);
    const kind = cell('materials', r, 'sourceKind', `${p}.source`, choice('来源', SOURCE_KIND));
    const sourceCode = cell('materials', r, 'sourceCode', `${p}.source.${kind === 'shared_data' ? 'resourceCode' : 'licenseTypeCode'}`, str);
    const sourceName = cell('materials', r, 'sourceName', `${p}.source.${kind === 'shared_data' ? 'resourceName' : kind === 'window' ? 'note' : 'licenseTypeName'}`, str);
    const source = kind === 'license' ? { kind, licenseTypeCode: sourceCode, licenseTypeName: sourceName }
      : kind === 'shared_data' ? { kind, resourceCode: sourceCode, resourceName: sourceName }
        : kind === 'window' ? { kind, ...(sourceName ? { note: sourceName } : {}) }
          : kind === 'applicant' ? { kind } : undefined;
    return {
      key,
      name: cell('materials', r, 'name', `${p}.name`, str),
      required: cell('materials', r, 'required', `${p}.required`, choice('必要性', REQUIRED)),
      condition: cell('materials', r, 'condition', `${p}.condition`, optStr),
      copies: cell('materials', r, 'copies', `${p}.copies`, int('份数', true)),
      form: cell('materials', r, 'form', `${p}.form`, choice('材料形式', MATERIAL_FORM)),
      medium: cell('materials', r, 'medium', `${p}.medium`, choice('载体', MEDIUM)),
      source,
      blankForm: cell('materials', r, 'blankForm', `${p}.blankForm`, bool('空白表格')),
      sample: cell('materials', r, 'sample', `${p}.sample`, bool('示例样表')),
      acceptanceStandard: cell('materials', r, 'acceptanceStandard', `${p}.acceptanceStandard`, optStr),
      legalBasis: cell('materials', r, 'legalBasis', `${p}.legalBasis`, optStr),
      notes: cell('materials', r, 'notes', `${p}.notes`, optStr),
    };
  });
  content.processSteps = withKeys('steps', rows.steps, 's').map(({ r, key }, i) => {
    const p = `processSteps.${i}`;
    at('steps', r, null, p);
    at('steps', r, 'key', `${p}.key`);
    return {
      key,
      name: cell('steps', r, 'name', `${p}.name`, str),
      role: cell('steps', r, 'role', `${p}.role`, choice('办理人员', ROLE)),
      department: cell('steps', r, 'department', `${p}.department`, optStr),
      days: cell('steps', r, 'days', `${p}.days`, int('环节时限')),
      parallelGroup: cell('steps', r, 'parallelGroup', `${p}.parallelGroup`, optStr),
    };
  });
  // Every step check about the list as a whole points at its first row.
  if (rows.steps[0]) at('steps', rows.steps[0], null, 'processSteps');
  content.fees = rows.fees.map((r, i) => {
    const p = `fees.${i}`;
    at('fees', r, null, p);
    return {
      name: cell('fees', r, 'name', `${p}.name`, str),
      amountYuan: cell('fees', r, 'amountYuan', `${p}.amountYuan`, num('金额')),
      basis: cell('fees', r, 'basis', `${p}.basis`, str),
      waivable: cell('fees', r, 'waivable', `${p}.waivable`, bool('可减免')),
    };
  });
  content.legalBases = rows.legalBases.map((r, i) => {
    const p = `legalBases.${i}`;
    at('legalBases', r, null, p);
    return {
      law: cell('legalBases', r, 'law', `${p}.law`, str),
      article: cell('legalBases', r, 'article', `${p}.article`, optStr),
      text: cell('legalBases', r, 'text', `${p}.text`, optStr),
    };
  });
  content.specialProcedures = rows.specialProcedures.map((r, i) => {
    const p = `specialProcedures.${i}`;
    at('specialProcedures', r, null, p);
    return {
      name: cell('specialProcedures', r, 'name', `${p}.name`, str),
      maxDays: cell('specialProcedures', r, 'maxDays', `${p}.maxDays`, int('最长时限')),
      explanation: cell('specialProcedures', r, 'explanation', `${p}.explanation`, optStr),
    };
  });

  const code = text(m.cells.code ?? null);
  return {
    code,
    row: m.row,
    version,
    content: dropUndefined(content) as Record<string, unknown>,
    errors,
    locate(path, message) {
      const parts = path.map(String);
      for (let n = parts.length; n > 0; n--) {
        const loc = locations.get(parts.slice(0, n).join('.'));
        if (loc) return { ...loc, field: parts.join('.'), message };
      }
      return { sheet: SHEETS.items, row: m.row, column: null, field: parts.join('.') || null, message };
    },
  };
}

/** Remove undefined properties (so zod applies defaults and optional fields stay absent). */
function dropUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropUndefined);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, dropUndefined(x)]));
  }
  return v;
}

/** Encoded records as rows (without row numbers), to read a guide back the way an upload would be. */
export function asRows(records: ItemRecords): ItemRows {
  const toRows = (list: Record<string, Cell>[]): SourceRow[] => list.map((cells) => ({ row: 0, cells }));
  return {
    items: toRows(records.items), materials: toRows(records.materials), steps: toRows(records.steps), fees: toRows(records.fees),
    legalBases: toRows(records.legalBases), specialProcedures: toRows(records.specialProcedures),
  };
}
