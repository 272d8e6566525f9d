/**
 * The demo year (演示数据): a realistic year of cases for the demo city, written straight into the
 * tables in batches (thousands of cases a second) so that the dashboards and monitors show
 * something true on first start. It imitates what the cases service would have written — the
 * applicant snapshot with masked numbers, materials by how they were provided, tasks, the timeline,
 * clock pauses, case numbers drawn from the per-region daily counters — without running the service
 * per case (that would take minutes, and notify thousands of people who do not exist).
 *
 * Deterministic for a seed: the same seed over the same catalog and calendar gives the same cases
 * (numbers, dates, states, people, ratings); only the row ids are fresh. Nothing here is used by
 * real case handling.
 */
import { randomFillSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { creditCodeCheckChar, idNumberCheckChar, maskIdNumber, orgCodeCheckChar } from '../../../common/identifiers.ts';
import type { GuideContentT } from '../../../common/schemas/catalog.ts';
import { audit } from '../../platform/audit.ts';
import { clockNow, withTransaction, type Ctx } from '../../platform/context.ts';
import { firstRow, rows, type Db } from '../../platform/db.ts';
import { addNaturalDays, addWorkdays, computeTimeLimit, isWorkday, shanghaiDate, toDayNumber, workdaysBetween, type IsoDate, type WorkCalendar } from '../../platform/workdays.ts';
import { getWorkCalendar } from '../calendar/service.ts';
import { processStages } from '../cases/service.ts';
import { pii } from '../identity/service.ts';
import { getSettings } from './settings.ts';
import { refreshStats } from './stats.ts';

/** Options of a generation. */
export interface DemoYearOptions {
  /** How many cases (default 20,000). */
  cases?: number;
  /** Seed of the pseudo-random choices (default 2026). */
  seed?: number;
  /** Last day of the year generated (default: today in Asia/Shanghai). */
  endDate?: IsoDate;
}

/** What a generation wrote. */
export interface DemoYearResult {
  skipped: boolean;
  from: IsoDate;
  to: IsoDate;
  cases: number;
  events: number;
  tasks: number;
  pauses: number;
  ratings: number;
  tickets: number;
  complaints: number;
  orders: number;
  byState: Record<string, number>;
  ms: number;
}

/** Default size: big enough for every chart, small enough for a quick first start on PGlite. */
export const DEMO_YEAR_DEFAULT_CASES = 20_000;
const MARKER = 'demo-year';

// ---------- pseudo-random choices ----------

/** mulberry32: a small, fast 32-bit generator; good enough for demo data and fully reproducible. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Row ids: random v4 UUIDs drawn from a pooled buffer (crypto.randomUUID per row was a tenth of the time).
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL = Buffer.alloc(16 * 4096);
let poolAt = POOL.length;

/** A random (v4) UUID. */
function uuid(): string {
  if (poolAt >= POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const b = POOL.subarray(poolAt, poolAt + 16);
  poolAt += 16;
  const h = (i: number) => HEX[b[i] ?? 0] ?? '00';
  const v = HEX[((b[6] ?? 0) & 0x0f) | 0x40] ?? '40';
  const w = HEX[((b[8] ?? 0) & 0x3f) | 0x80] ?? '80';
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${v}${h(7)}-${w}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

class Rng {
  constructor(readonly next: () => number) {}
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    const v = list[Math.floor(this.next() * list.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }
  /** Pick by weight. */
  weighted<T>(list: readonly T[], weight: (x: T) => number): T {
    const total = list.reduce((s, x) => s + weight(x), 0);
    let r = this.next() * total;
    for (const x of list) {
      r -= weight(x);
      if (r < 0) return x;
    }
    const last = list.at(-1);
    if (last === undefined) throw new Error('pick from an empty list');
    return last;
  }
}

// ---------- people ----------

// Common surnames of 闽北 (林陈黄 lead across Fujian; 詹、游、饶、练、官、范 are typical of 南平).
const SURNAMES = ['林', '陈', '黄', '吴', '张', '刘', '郑', '王', '李', '杨', '蔡', '詹', '范', '游', '邱', '魏', '徐', '江', '饶', '叶', '谢', '朱', '周', '余', '罗', '翁', '傅', '廖', '官', '练', '钟', '卢'];
const MALE_GIVEN = ['志强', '建华', '国平', '明辉', '文斌', '永福', '德胜', '金水', '宏伟', '建平', '春生', '水根', '荣华', '家兴', '俊杰', '子豪', '宇航', '浩然', '立新', '振宇', '海峰', '伟', '斌', '勇', '翔'];
const FEMALE_GIVEN = ['秀英', '丽娟', '美玲', '春梅', '晓燕', '淑芳', '雅琴', '小红', '晓兰', '思雨', '桂英', '玉兰', '金凤', '丽华', '婷婷', '欣怡', '梓涵', '雨萱', '慧敏', '芳', '静', '敏', '琳', '颖'];
const TRADE_NAMES = ['闽源', '武夷', '建溪', '富屯', '茶韵', '竹乡', '丹桂', '岩韵', '山水', '恒通', '福康', '兴旺', '绿野', '金穗', '瑞丰', '鑫达', '八闽', '朱子', '建盏', '白茶', '竹韵', '溪源', '森泰', '嘉禾'];
const COMPANY_TRADES = ['茶业有限公司', '竹木制品有限公司', '农业发展有限公司', '食品有限公司', '物流有限公司', '建筑工程有限公司', '文化传播有限公司', '电子商务有限公司', '旅游发展有限公司', '生态农业专业合作社'];
const SHOP_TRADES = ['小吃店', '便利店', '茶叶店', '副食品店', '理发店', '五金店', '水果店', '农家乐', '餐馆', '建盏工作室'];
// Codes of counties elsewhere in 福建 for applicants born outside 南平 (福州鼓楼, 厦门思明, 三明三元, 宁德蕉城, 泉州鲤城).
const OTHER_BIRTHPLACES = ['350102', '350203', '350403', '350902', '350502'];

const CREDIT_ALPHABET_NO_CHECK = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function personName(r: Rng, male: boolean): string {
  return r.pick(SURNAMES) + r.pick(male ? MALE_GIVEN : FEMALE_GIVEN);
}

/** A GB 11643 ID number: birthplace, birth date, sequence (odd for men) and the check character. */
function idNumber(r: Rng, county6: string, endDate: IsoDate, male: boolean): string {
  const place = r.chance(0.85) ? county6 : r.pick(OTHER_BIRTHPLACES);
  const birth = addNaturalDays(endDate, -r.int(18 * 365 + 5, 78 * 365)).replaceAll('-', '');
  const seq = r.int(0, 49) * 20 + r.int(0, 9) * 2 + (male ? 1 : 0);
  const first17 = `${place}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A GB 32100 credit code of a company (91) or an individual business (92) registered in the county. */
function creditCode(r: Rng, category: '91' | '92', county6: string): string {
  let body = 'MA';
  for (let i = 0; i < 6; i++) body += r.pick([...CREDIT_ALPHABET_NO_CHECK]);
  const org = body + orgCodeCheckChar(body);
  const first17 = `${category}${county6}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

// ---------- texts ----------

const NOT_ACCEPTED_REASONS = [
  '申请事项不属于本机关职权范围，请向有管辖权的机关申请',
  '申请人不具备申请资格：经营场所不符合该事项的受理条件',
  '申请材料经一次性告知补正后仍不符合法定形式，申请人未按期补正',
  '同一事项已有在办申请，不能重复申请，请查看“我的办件”',
];
const DENY_REASONS = ['现场核查不符合许可条件：经营场所布局与申请材料不一致', '经审查，申请人不符合该事项规定的许可条件', '申请人隐瞒有关情况、提供虚假材料，依法不予许可'];
const SUPPLEMENT_REASONS = ['材料不清晰，请重新上传清晰的扫描件', '缺少签字或盖章，请补充后上传', '材料内容与申请表填写信息不一致，请核对更正', '复印件未注明“与原件一致”并签名'];
const BAD_COMMENTS: Record<string, string[]> = {
  overdue: ['承诺5个工作日办结，实际拖了两个多星期', '超过承诺时限也没人告知进度', '催了好几次才办好'],
  beyond_guide: ['窗口要求提供办事指南里没有的证明材料', '让我回去开一张村委会证明，指南上没写', '要求提交的材料比网上公布的多'],
  attitude: ['窗口人员态度不耐烦', '咨询时工作人员爱答不理', '电话一直没人接，接了也说不清楚'],
  repeated_visits: ['跑了三趟才办完', '网上申请后还要到现场交纸质材料', '第一次去说系统故障，又跑了一趟'],
  other: ['取号排队时间太长', '网上办事系统提交时多次报错', '办事大厅指引不清楚'],
};
const GOOD_COMMENTS = ['办理很快，工作人员很耐心', '网上提交，一次都没跑', '材料一次告知清楚，点赞', '当场就办好了', '服务热情，流程清楚', ''];
const COMPLAINT_TEXTS: Record<string, string> = {
  timeliness: '办件已超过承诺办结时限，多次电话询问都说在审批中，请尽快处理并说明原因。',
  beyond_guide: '窗口要求我补交办事指南以外的证明材料，否则不予受理，请核实是否合规。',
  attitude: '到窗口咨询时工作人员态度生硬，没有一次性告知需要的材料，导致我多跑了一趟。',
  standard: '窗口工作人员未按规定出具受理回执，也未告知办理时限。',
  other: '网上申请后进度一直没有更新，也无法联系到经办人员，请协调处理。',
};

// ---------- time ----------

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const OPEN = 8 * 60 + 30;
const CLOSE = 17 * 60 + 30;

/** The instant of a Shanghai wall-clock time (minutes after midnight) on a date. */
function at(date: IsoDate, minutes: number): number {
  return toDayNumber(date) * DAY_MS + minutes * MINUTE - 8 * 60 * MINUTE;
}

/** A submission time of day: office hours, busier mornings, quiet at lunch. */
function officeMinute(r: Rng): number {
  for (;;) {
    const m = r.int(OPEN, CLOSE - 1);
    const w = m < 12 * 60 ? 1 : m < 14 * 60 ? 0.35 : 0.8;
    if (r.chance(w)) return m;
  }
}

/** A time some minutes after t, kept (where it can be) before the hall closes that day. */
function laterSameDay(r: Rng, t: number, minGap: number, maxGap: number): number {
  const closing = at(dayOfInstant(t), CLOSE + 30);
  return Math.min(t + r.int(minGap, maxGap) * MINUTE, Math.max(t + minGap * MINUTE, closing));
}

const DOW_FACTOR = [0.7, 1.25, 1.1, 1.0, 1.0, 0.85, 0.7];
// Busier before Spring Festival and in March, at school start (Sep) and at the year's end; quiet in Feb and Oct.
const MONTH_FACTOR = [1.05, 0.8, 1.2, 1.05, 1.0, 1.0, 1.1, 0.95, 1.1, 0.85, 1.0, 1.15];
// Population weights (万人, rounded) of the ten counties: 延平 and 建瓯 lead, 松溪 and 光泽 are the smallest.
const COUNTY_WEIGHT: Record<string, number> = {
  '350702': 47, '350703': 34, '350721': 19, '350722': 30, '350723': 13, '350724': 12, '350725': 18, '350781': 27, '350782': 25, '350783': 44,
};

// ---------- the catalog and the people the cases point at ----------

interface Impl {
  implementationId: string;
  versionId: string;
  regionCode: string;
  departmentId: string;
  basicCode: string;
  guide: GuideContentT;
  weight: number;
}

interface Staff {
  id: string;
  name: string;
  region: string;
  department: string | null;
  role: string;
}

interface DemoAccount {
  id: string;
  name: string;
  idNumberEnc: string;
  idNumberHash: string;
}

interface World {
  impls: Impl[];
  regionNames: Map<string, string>;
  /** (region code, department short name) → department id. */
  departmentByShort: Map<string, string>;
  departmentNames: Map<string, string>;
  clerks: Map<string, Staff>;
  approvers: Map<string, Staff>;
  supervisors: Staff[];
  citizens: DemoAccount[];
}

async function loadWorld(db: Db, r: Rng): Promise<World> {
  const found = await rows<{ implementation_id: string; version_id: string; region_code: string; department_id: string; basic_code: string; content: unknown }>(db, sql`
    select i.id as implementation_id, v.id as version_id, i.region_code, i.department_id, b.basic_code, v.content
    from catalog_implementations i join catalog_versions v on v.id = i.current_version_id join catalog_base_items b on b.id = i.base_item_id
    where i.status = 'published' and v.status = 'published' order by b.basic_code, i.region_code`);
  // Popularity: a seeded Zipf-like weight per base item (a few items make most of the cases, as in a real hall).
  const codes = [...new Set(found.map((f) => f.basic_code))];
  for (let i = codes.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [codes[i], codes[j]] = [codes[j] ?? '', codes[i] ?? ''];
  }
  const popularity = new Map(codes.map((c, rank) => [c, 1 / Math.pow(rank + 1, 0.8)]));
  const impls: Impl[] = found.map((f) => ({
    implementationId: f.implementation_id, versionId: f.version_id, regionCode: f.region_code, departmentId: f.department_id, basicCode: f.basic_code,
    // Published content was validated by the catalog when it was stored.
    guide: f.content as GuideContentT, weight: (popularity.get(f.basic_code) ?? 0.01) * (COUNTY_WEIGHT[f.region_code.slice(0, 6)] ?? 15),
  }));
  const regions = await rows<{ code: string; name: string }>(db, sql`select code, name from regions where level <= 3`);
  const depts = await rows<{ id: string; name: string; short_name: string | null; region_code: string }>(db, sql`select id, name, short_name, region_code from departments where active`);
  const staff = await rows<{ id: string; display_name: string; scope_region_code: string; scope_department_id: string | null; role: string }>(db, sql`
    select a.id, a.display_name, a.scope_region_code, a.scope_department_id, r.role from accounts a join account_roles r on r.account_id = a.id
    where a.kind = 'staff' and a.status = 'active' and r.role in ('window_clerk', 'approver', 'supervisor') order by a.created_at, a.id`);
  const citizens = await rows<{ id: string; display_name: string; id_number_enc: string; id_number_hash: string }>(db, sql`
    select id, display_name, id_number_enc, id_number_hash from accounts where kind = 'citizen' and status = 'active' and id_number_enc is not null order by created_at, id limit 20`);
  const w: World = {
    impls, regionNames: new Map(regions.map((x) => [x.code, x.name])),
    departmentByShort: new Map(depts.filter((d) => d.short_name).map((d) => [`${d.region_code}:${d.short_name ?? ''}`, d.id])),
    departmentNames: new Map(depts.map((d) => [d.id, d.name])),
    clerks: new Map(), approvers: new Map(), supervisors: [],
    citizens: citizens.map((c) => ({ id: c.id, name: c.display_name, idNumberEnc: c.id_number_enc, idNumberHash: c.id_number_hash })),
  };
  for (const s of staff) {
    const v: Staff = { id: s.id, name: s.display_name, region: s.scope_region_code, department: s.scope_department_id, role: s.role };
    if (s.role === 'window_clerk' && !w.clerks.has(s.scope_region_code)) w.clerks.set(s.scope_region_code, v);
    if (s.role === 'approver' && s.scope_department_id && !w.approvers.has(s.scope_department_id)) w.approvers.set(s.scope_department_id, v);
    if (s.role === 'supervisor') w.supervisors.push(v);
  }
  return w;
}

// ---------- rows ----------

type Row = Record<string, unknown>;

/** What a slice of cases produced (the first five are written and emptied per slice). */
interface Out {
  cases: Row[];
  events: Row[];
  tasks: Row[];
  pauses: Row[];
  ratings: Row[];
  tickets: Row[];
  complaints: Row[];
  orders: Row[];
  /** Cases that ended (or stand) past their due date: candidates for 督办. */
  late: LateCase[];
  /** Cases of the demo citizens: candidates for 投诉. */
  demo: LateCase[];
}

/** What 督办 and 投诉 need of a case. */
interface LateCase {
  id: string;
  caseNumber: string;
  regionCode: string;
  departmentId: string;
  dueDate: string;
  submittedAt: number;
  open: boolean;
  applicantAccountId: string | null;
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** The Asia/Shanghai date of an instant: UTC+8 all year (no daylight saving since 1991); Intl is too slow for a million calls. */
function dayOfInstant(t: number): IsoDate {
  return new Date(t + 8 * 60 * MINUTE).toISOString().slice(0, 10);
}

/** The working days of [from, to]. */
function workdaysOf(cal: WorkCalendar, from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addNaturalDays(d, 1)) if (isWorkday(cal, d)) out.push(d);
  return out;
}

/** Spread n over days by weight (largest remainders), so the total is exactly n. */
function allocate(n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (n * w) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

/**
 * The platform's working-day calendar, remembered per date: a year of cases asks the same few
 * hundred questions a million times.
 */
class Days {
  private readonly work = new Map<IsoDate, boolean>();
  private readonly after = new Map<string, IsoDate>();
  constructor(readonly cal: WorkCalendar) {}
  isWorkday(d: IsoDate): boolean {
    let v = this.work.get(d);
    if (v === undefined) {
      v = isWorkday(this.cal, d);
      this.work.set(d, v);
    }
    return v;
  }
  /** The n-th working day after d (n = 0: d). */
  addWorkdays(d: IsoDate, n: number): IsoDate {
    const key = `${d}|${n}`;
    let v = this.after.get(key);
    if (v === undefined) {
      v = addWorkdays(this.cal, d, n).date;
      this.after.set(key, v);
    }
    return v;
  }
}

interface Sim {
  r: Rng;
  cal: WorkCalendar;
  days: Days;
  world: World;
  asOf: number;
  asOfDay: IsoDate;
  today0: number;
  rectificationDays: number;
  complaintDays: number;
  orderDays: number;
  cipher: ReturnType<typeof pii>;
  /** Applicants so far per county: their name, masked, encrypted and hashed ID number. */
  people: Map<string, { name: string; masked: string; enc: string; hash: string }[]>;
}

/** One case from submission to wherever it stands at `asOf`, with its rows. */
function simulateCase(s: Sim, o: Out, impl: Impl, submittedAt: number, caseNumber: string, demoApplicant: DemoAccount | null): void {
  const { r, cal, days, world } = s;
  const g = impl.guide;
  const id = uuid();
  const county6 = impl.regionCode.slice(0, 6);
  const countyName = world.regionNames.get(impl.regionCode) ?? '';
  const clerk = world.clerks.get(impl.regionCode) ?? [...world.clerks.values()][0];
  if (!clerk) throw new Error('demo year: no window clerk in the demo city');
  const online = demoApplicant !== null || (g.handlingForm === 'online' ? true : g.handlingForm === 'window' ? false : r.chance(0.7));
  const channel = online ? 'online' : 'window';

  // The applicant, as the service snapshots it: masked numbers, the clear ID number only encrypted.
  const asPerson = demoApplicant !== null || !g.servesTo.includes('legal_person') || (g.servesTo.includes('person') && r.chance(0.7));
  let applicant: Row;
  let enc: string | null = null;
  let hash: string | null = null;
  if (demoApplicant) {
    applicant = { kind: 'person', name: demoApplicant.name, idNumberMasked: maskIdNumber(s.cipher.decrypt(demoApplicant.idNumberEnc)), creditCode: null, legalRepName: null, agentName: null };
    enc = demoApplicant.idNumberEnc;
    hash = demoApplicant.idNumberHash;
  } else if (asPerson) {
    // People come back: about a third of applications are by someone who applied earlier in the year.
    const pool = s.people.get(county6) ?? [];
    let p = pool.length > 30 && r.chance(0.35) ? r.pick(pool) : undefined;
    if (!p) {
      const male = r.chance(0.5);
      const idn = idNumber(r, county6, s.asOfDay, male);
      p = { name: personName(r, male), masked: maskIdNumber(idn), enc: s.cipher.encrypt(idn), hash: s.cipher.lookupHash(idn) };
      pool.push(p);
      s.people.set(county6, pool);
    }
    applicant = { kind: 'person', name: p.name, idNumberMasked: p.masked, creditCode: null, legalRepName: null, agentName: !online && r.chance(0.06) ? personName(r, r.chance(0.5)) : null };
    enc = p.enc;
    hash = p.hash;
  } else {
    const shop = r.chance(0.45);
    const name = shop ? `${countyName}${r.pick(TRADE_NAMES)}${r.pick(SHOP_TRADES)}` : `南平${countyName.replace(/[区县市]$/, '')}${r.pick(TRADE_NAMES)}${r.pick(COMPANY_TRADES)}`;
    applicant = { kind: 'legal_person', name, idNumberMasked: null, creditCode: creditCode(r, shop ? '92' : '91', county6), legalRepName: personName(r, r.chance(0.6)), agentName: r.chance(0.5) ? personName(r, r.chance(0.5)) : null };
  }
  const applicantName = String(applicant.agentName ?? (applicant.kind === 'person' ? applicant.name : applicant.legalRepName));

  // Materials, by how each was provided (免提交: license, shared data, trusted material).
  const materials: Record<string, Row> = {};
  for (const m of g.materials) {
    if (m.required === 'conditional' && !r.chance(0.3)) continue;
    const src = m.source.kind;
    const own = (): Row => (online ? (r.chance(0.88) ? { via: 'upload', fileIds: [uuid()] } : { via: 'trusted', trustedMaterialId: uuid(), fileIds: [uuid()] }) : { via: 'paper', copies: Math.max(1, m.copies) });
    if (src === 'license' && r.chance(0.78)) materials[m.key] = { via: 'license', licenseNumber: `${county6}${String(r.int(1, 999_999)).padStart(8, '0')}` };
    else if (src === 'shared_data' && r.chance(0.85)) materials[m.key] = { via: 'shared_data', resourceCode: m.source.kind === 'shared_data' ? m.source.resourceCode : undefined };
    else if (src === 'window') materials[m.key] = { via: 'paper', copies: 1, note: '窗口现场填写' };
    else materials[m.key] = own();
  }

  const events: Row[] = [];
  const event = (t: number, actor: { id: string | null; name: string }, action: string, from: string | null, to: string, extra: Row = {}) => {
    events.push({ id: uuid(), case_id: id, seq: events.length + 1, occurred_at: iso(t), actor_account_id: actor.id, actor_name: actor.name, action, from_state: from, to_state: to, ...extra });
  };
  const applicantActor = { id: demoApplicant?.id ?? null, name: applicantName };
  const clerkActor = { id: clerk.id, name: clerk.name };
  const creator = online ? applicantActor : clerkActor;
  const createdAt = submittedAt - r.int(online ? 3 : 1, online ? 40 : 8) * MINUTE;
  event(createdAt, creator, 'create', null, 'draft', { data: { versionId: impl.versionId } });
  event(submittedAt, creator, 'submit', 'draft', 'submitted');

  const c: Row = {
    id, case_number: caseNumber, state: 'submitted', channel, implementation_id: impl.implementationId, version_id: impl.versionId, item_name: g.name,
    region_code: impl.regionCode, department_id: impl.departmentId, applicant_account_id: demoApplicant?.id ?? null, applicant,
    applicant_id_number_enc: enc, applicant_id_number_hash: hash, created_by: demoApplicant?.id ?? clerk.id, form_data: {}, materials,
    submitted_at: iso(submittedAt), supplement_count: 0, round: 0, created_at: iso(createdAt),
  };
  let state = 'submitted';
  let last = submittedAt;
  const finish = () => {
    c.state = state;
    c.updated_at = iso(last);
    o.cases.push(c);
    o.events.push(...events);
    const dueDate = typeof c.due_date === 'string' ? c.due_date : null;
    const doneDay = typeof c.completed_at === 'string' ? dayOfInstant(Date.parse(c.completed_at)) : null;
    const ref = (): LateCase => ({
      id, caseNumber, regionCode: impl.regionCode, departmentId: impl.departmentId, dueDate: dueDate ?? '', submittedAt, open: doneDay === null, applicantAccountId: demoApplicant?.id ?? null,
    });
    if (dueDate && ((doneDay && doneDay > dueDate) || (!doneDay && dueDate < s.asOfDay))) o.late.push(ref());
    if (demoApplicant) o.demo.push(ref());
  };

  // The window's decision: on the spot at the window, within 0–3 working days online (预审), in office hours.
  const decisionAfter = (t0: number): number => {
    const day0 = dayOfInstant(t0);
    const minutes = Math.round((t0 - at(day0, 0)) / MINUTE);
    const open = days.isWorkday(day0) && minutes < CLOSE;
    const t = open ? Math.max(t0, at(day0, OPEN)) : at(days.addWorkdays(day0, 1), OPEN + r.int(0, 90));
    const day = dayOfInstant(t);
    if (!online) return laterSameDay(r, t, 3, 25);
    const lag = r.weighted([0, 1, 2, 3], (x) => [0.45, 0.4, 0.12, 0.03][x] ?? 0);
    return lag === 0 ? laterSameDay(r, t, 20, 180) : at(days.addWorkdays(day, lag), officeMinute(r));
  };
  let decisionAt = decisionAfter(submittedAt);

  if (r.chance(0.02)) {
    const t = Math.min(decisionAt, submittedAt + r.int(10, 600) * MINUTE);
    if (t <= s.asOf) {
      state = 'withdrawn';
      last = t;
      c.decision = { kind: 'withdrawn', reasons: ['申请人主动撤回'], notice: null, decidedAt: iso(t) };
      event(t, applicantActor, 'withdraw', 'submitted', 'withdrawn', { opinion: '申请人主动撤回' });
      return finish();
    }
  }
  if (decisionAt > s.asOf) return finish();

  // 一次性告知补正 on about one case in ten (rarely twice): the clock has not started, the pause is on record.
  const supplementable = g.materials.filter((m) => materials[m.key] && m.source.kind !== 'window').map((m) => m.key);
  let rounds = supplementable.length > 0 && r.chance(0.1) ? (r.chance(0.12) ? 2 : 1) : 0;
  while (rounds > 0) {
    rounds--;
    const keys = [...new Set([r.pick(supplementable), ...(r.chance(0.3) ? [r.pick(supplementable)] : [])])];
    const items = keys.map((key) => ({ key, reason: r.pick(SUPPLEMENT_REASONS) }));
    const count = Number(c.supplement_count) + 1;
    c.supplement_count = count;
    event(decisionAt, clerkActor, 'request_supplement', 'submitted', 'supplementing', { opinion: '请按一次性告知书补正全部材料', data: { items, count } });
    const back = decisionAt + r.int(1, 6) * DAY_MS + r.int(-120, 240) * MINUTE;
    if (back > s.asOf) {
      state = 'supplementing';
      last = decisionAt;
      c.supplement_request = { items, notice: '请按一次性告知书补正全部材料', requestedAt: iso(decisionAt), requestedBy: clerk.id };
      o.pauses.push({ id: uuid(), case_id: id, kind: 'supplement', name: '补正', reason: items.map((i) => i.reason).join('；'), started_at: iso(decisionAt) });
      return finish();
    }
    o.pauses.push({ id: uuid(), case_id: id, kind: 'supplement', name: '补正', reason: items.map((i) => i.reason).join('；'), started_at: iso(decisionAt), ended_at: iso(back), result: '已补正' });
    event(back, applicantActor, 'supplement', 'supplementing', 'submitted', { data: { keys } });
    decisionAt = decisionAfter(back);
    if (decisionAt > s.asOf) {
      last = back;
      return finish();
    }
  }

  if (r.chance(0.03)) {
    const reason = r.pick(NOT_ACCEPTED_REASONS);
    const notice = `经审查，${reason}，决定不予受理。如不服，可依法申请行政复议或提起行政诉讼。`;
    state = 'not_accepted';
    last = decisionAt;
    c.decision = { kind: 'not_accepted', reasons: [reason], notice, decidedAt: iso(decisionAt) };
    event(decisionAt, clerkActor, 'not_accept', 'submitted', 'not_accepted', { opinion: reason, data: { notice } });
    return finish();
  }

  // 受理: the clock starts; the due date is counted on the working-day calendar from the acceptance day.
  const acceptedAt = decisionAt;
  const acceptedOn = dayOfInstant(acceptedAt);
  const limit = g.promisedLimit;
  let due = computeTimeLimit(cal, { acceptedOn, days: limit.days, unit: limit.unit, pauses: [], asOf: acceptedOn }).due;
  const receipt = `SL-${caseNumber}`;
  Object.assign(c, { accepted_at: iso(acceptedAt), accepted_by: clerk.id, receipt_number: receipt, limit_days: limit.days, limit_unit: limit.unit, round: 1, current_stage: 0 });
  state = 'processing';
  event(acceptedAt, clerkActor, 'accept', 'submitted', 'processing', { opinion: '材料齐全，符合法定形式，予以受理', data: { receiptNumber: receipt, due, limitDays: limit.days } });

  // 特别程序 on a few cases of items that have one: the clock stands still and the due date moves.
  let special: { name: string; from: number; to: number } | null = null;
  const sp = g.specialProcedures[0];
  if (sp && limit.days > 0 && r.chance(0.05)) {
    const from = at(days.addWorkdays(acceptedOn, 1), officeMinute(r));
    const to = from + r.int(3, Math.max(3, Math.min(sp.maxDays || 20, 25))) * DAY_MS;
    special = { name: sp.name, from, to };
    due = computeTimeLimit(cal, { acceptedOn, days: limit.days, unit: limit.unit, pauses: [{ from: dayOfInstant(from), to: dayOfInstant(to) }], asOf: acceptedOn }).due;
  }
  c.due_date = due;

  // When it is decided: 即办件 the same day (a guide with no step after acceptance at once);
  // otherwise ~40% early, ~4% late, the rest on the due day.
  const stages = processStages(g);
  let doneAt: number;
  const instant = limit.days === 0;
  if (stages.length === 0) doneAt = acceptedAt;
  else if (instant) doneAt = laterSameDay(r, acceptedAt, 5, 50);
  else {
    const x = r.next();
    let day: IsoDate = due;
    if (x < 0.04) day = days.addWorkdays(due, r.int(1, 6));
    else if (x < 0.44) {
      // A working day before the due one: the acceptance day or one of the working days in between.
      const k = r.int(0, Math.max(0, workdaysBetween(cal, acceptedOn, due).days - 1));
      day = k === 0 ? acceptedOn : days.addWorkdays(acceptedOn, k);
    }
    doneAt = day === acceptedOn ? laterSameDay(r, acceptedAt, 30, 240) : at(day, officeMinute(r));
    if (special && doneAt <= special.to) doneAt = special.to + r.int(60, 600) * MINUTE;
  }
  const denied = r.chance(0.03);

  // The tasks of the process, spread over the working time between acceptance and the decision
  // (none while a special procedure holds the case).
  const pausedMs = special ? special.to - special.from : 0;
  const active = Math.max(0, doneAt - acceptedAt - pausedMs);
  const timeAt = (f: number): number => {
    const t = acceptedAt + Math.round(active * f);
    return special && t >= special.from ? t + pausedMs : t;
  };
  let running = -1;
  let denyReason: string | null = null;
  stages.forEach((stage, i) => {
    const openedAt = timeAt(i / stages.length) + MINUTE;
    const endAt = i === stages.length - 1 ? doneAt : timeAt((i + 1) / stages.length);
    const finished = endAt <= s.asOf && running < 0;
    if (!finished && running < 0) running = i;
    if (running >= 0 && i > running) return;
    for (const step of stage.steps) {
      const deptId = step.department ? (world.departmentByShort.get(`${impl.regionCode}:${step.department}`) ?? impl.departmentId) : impl.departmentId;
      const who = step.role === 'window_clerk' ? clerk : (world.approvers.get(deptId) ?? null);
      const actor = { id: who?.id ?? null, name: who?.name ?? `${world.departmentNames.get(deptId) ?? ''}审批人员` };
      const last = i === stages.length - 1;
      const rejected = finished && denied && last && step === stage.steps[0];
      const status = finished ? (rejected ? 'rejected' : 'approved') : who && r.chance(0.6) ? 'claimed' : 'open';
      const taskId = uuid();
      const claimedAt = status === 'open' ? null : Math.min(openedAt + r.int(5, 90) * MINUTE, finished ? endAt : s.asOf);
      const opinion = rejected ? r.pick(DENY_REASONS) : finished ? (last ? '准予许可' : '审核通过，同意') : null;
      o.tasks.push({
        id: taskId, case_id: id, round: 1, stage: i, step_key: step.key, step_name: step.name, role: step.role, department_id: deptId, region_code: impl.regionCode,
        parallel_group: step.parallelGroup ?? null, status, assignee_id: status === 'open' ? null : (who?.id ?? null), opinion, created_at: iso(openedAt), claimed_at: iso(claimedAt), completed_at: finished ? iso(endAt) : null,
      });
      if (finished && !rejected) event(endAt, actor, 'approve', 'processing', 'processing', { task_id: taskId, step_name: step.name, opinion });
      if (rejected) {
        denyReason = opinion;
        event(endAt, actor, 'deny', 'processing', 'denied', { task_id: taskId, step_name: step.name, opinion, data: { reasons: [opinion] } });
      }
    }
  });
  if (special && special.from <= s.asOf) {
    const ended = special.to <= s.asOf;
    const ev = events.findIndex((e) => Date.parse(String(e.occurred_at)) > special.from);
    const startEv = { id: uuid(), case_id: id, seq: 0, occurred_at: iso(special.from), actor_account_id: null, actor_name: '审批人员', action: 'start_special_procedure', from_state: 'processing', to_state: 'suspended', opinion: '需组织现场核查', data: { name: special.name, maxDays: sp?.maxDays ?? null } };
    events.splice(ev < 0 ? events.length : ev, 0, startEv);
    if (ended) {
      const ev2 = events.findIndex((e) => Date.parse(String(e.occurred_at)) > special.to);
      events.splice(ev2 < 0 ? events.length : ev2, 0, { id: uuid(), case_id: id, seq: 0, occurred_at: iso(special.to), actor_account_id: null, actor_name: '审批人员', action: 'end_special_procedure', from_state: 'suspended', to_state: 'processing', opinion: '核查完毕，符合要求', data: { name: special.name, due } });
    }
    events.forEach((e, n) => (e.seq = n + 1));
    o.pauses.push({ id: uuid(), case_id: id, kind: 'special_procedure', name: special.name, reason: '需组织现场核查', max_days: sp?.maxDays ?? null, started_at: iso(special.from), ended_at: ended ? iso(special.to) : null, result: ended ? '核查完毕，符合要求' : null });
    if (!ended) {
      state = 'suspended';
      last = special.from;
      c.special_procedure = { name: special.name, reason: '需组织现场核查', maxDays: sp?.maxDays ?? null, startedAt: iso(special.from) };
      c.current_stage = Math.max(0, running);
      return finish();
    }
  }
  if (doneAt > s.asOf || running >= 0) {
    last = Math.max(acceptedAt, ...events.map((e) => Date.parse(String(e.occurred_at))));
    c.current_stage = Math.max(0, running);
    return finish();
  }

  // 办结 (or 不予许可), then 出件.
  c.current_stage = null;
  c.completed_at = iso(doneAt);
  if (denied) {
    const reason = denyReason ?? r.pick(DENY_REASONS);
    state = 'denied';
    c.outcome = 'denied';
    c.decision = { kind: 'denied', reasons: [reason], notice: reason, decidedAt: iso(doneAt) };
    c.result = { type: 'denial_notice', name: '不予行政许可决定书', documentNumber: `BY-${caseNumber}`, issuedAt: iso(doneAt), licenseTypeCode: null };
    if (stages.length === 0) event(doneAt, clerkActor, 'deny', 'processing', 'denied', { opinion: reason, data: { reasons: [reason] } });
  } else {
    state = 'completed';
    c.outcome = 'approved';
    c.result = { type: g.result.type, name: g.result.name, documentNumber: `JD-${caseNumber}`, issuedAt: iso(doneAt), licenseTypeCode: g.result.licenseTypeCode ?? null };
    event(doneAt, { id: null, name: '系统（办结）' }, 'complete', 'processing', 'completed', { data: { result: { type: g.result.type, name: g.result.name, documentNumber: `JD-${caseNumber}` } } });
  }
  last = doneAt;
  const doneDay = dayOfInstant(doneAt);
  const method = online && g.visitsRequired === 0
    ? (g.courierDelivery && r.chance(0.35) ? 'courier' : 'online')
    : g.courierDelivery && r.chance(online ? 0.4 : 0.25) ? 'courier' : online && r.chance(0.25) ? 'online' : 'window';
  const deliveredAt = method === 'online' ? doneAt + r.int(1, 30) * MINUTE
    : method === 'courier' ? doneAt + r.int(2, 30) * 60 * MINUTE
      : instant || r.chance(0.5) ? laterSameDay(r, doneAt, 2, 20) : at(days.addWorkdays(doneDay, r.int(1, 4)), officeMinute(r));
  if ((!denied || r.chance(0.5)) && deliveredAt <= s.asOf) {
    const fromState = state;
    state = 'delivered';
    last = deliveredAt;
    const courier = method === 'courier';
    c.delivery = { method, recipient: courier ? applicantName : null, address: courier ? `${countyName}${r.pick(['人民路', '解放路', '中山路', '滨江路', '府前路'])}${r.int(1, 300)}号` : null, trackingNumber: courier ? `EMS${String(r.int(10_000_000, 99_999_999))}CN` : null, note: null, deliveredAt: iso(deliveredAt) };
    c.delivered_at = iso(deliveredAt);
    event(deliveredAt, method === 'window' ? clerkActor : { id: null, name: '系统（出件）' }, 'deliver', fromState, 'delivered', { data: { method } });
  }
  finish();

  // 好差评 on ~70% of finished cases: mostly 4–5; late ones far more often bad.
  const ratedAt = (state === 'delivered' ? Math.max(doneAt, deliveredAt) : doneAt) + r.int(5, 3 * 24 * 60) * MINUTE;
  if (!r.chance(0.7) || ratedAt >= s.today0) return;
  const late = doneDay > due;
  const bad = r.chance(late ? 0.25 : denied ? 0.15 : 0.022);
  const overall = bad ? r.weighted([1, 2], (x) => (x === 1 ? 0.45 : 0.55)) : r.weighted([3, 4, 5], (x) => [0.06, 0.24, 0.7][x - 3] ?? 0);
  const near = () => Math.min(5, Math.max(1, overall + r.weighted([-1, 0, 1], (x) => (x === 0 ? 0.7 : 0.15))));
  const hall = channel === 'window';
  const causes = bad ? [late ? 'overdue' : r.weighted(['beyond_guide', 'attitude', 'repeated_visits', 'other'], (x) => ({ beyond_guide: 0.35, attitude: 0.25, repeated_visits: 0.25, other: 0.15 })[x] ?? 0)] : [];
  const ratingId = uuid();
  const ratingDept = impl.departmentId;
  o.ratings.push({
    id: ratingId, case_id: id, channel: hall ? 'hall' : 'online', rater_account_id: demoApplicant?.id ?? null, real_name: !hall || r.chance(0.4), region_code: impl.regionCode,
    department_id: ratingDept, implementation_id: impl.implementationId, overall, efficiency: late ? Math.min(overall, 2) : near(),
    guide_accuracy: hall ? null : near(), convenience: hall ? null : near(), usability: hall ? null : near(), standard: hall ? near() : null, attitude: hall ? near() : null,
    causes, comment: bad ? r.pick(BAD_COMMENTS[causes[0] ?? 'other'] ?? ['']) : r.pick(GOOD_COMMENTS) || null, created_at: iso(ratedAt),
  });
  if (bad) rectificationTicket(s, o, { caseId: id, ratingId, regionCode: impl.regionCode, departmentId: ratingDept, ratedAt });
}

/** The 整改工单 of a bad rating, as far along as its age makes plausible (a few left open past their due date). */
function rectificationTicket(s: Sim, o: Out, t: { caseId: string; ratingId: string; regionCode: string; departmentId: string; ratedAt: number }): void {
  const { r, days } = s;
  const day = dayOfInstant(t.ratedAt);
  const due = days.addWorkdays(day, s.rectificationDays);
  const age = Math.floor((s.asOf - t.ratedAt) / DAY_MS);
  const steps = ['verifying', 'rectifying', 'replying', 'reviewing', 'closed'] as const;
  // Older tickets are mostly closed; ~12% of those past due are left stuck (overdue on the dashboard).
  let reached = age > s.rectificationDays * 2 + 4 ? (r.chance(0.12) ? r.int(0, 3) : 4) : Math.min(4, Math.floor((age / (s.rectificationDays * 1.6 + 1)) * 4 + r.next()));
  if (reached < 0) reached = 0;
  const status = steps[reached] ?? 'verifying';
  const stepAt = (k: number) => Math.min(s.asOf - MINUTE, t.ratedAt + Math.round(((k + 1) * (Math.min(age, s.rectificationDays + 2) * DAY_MS)) / 5));
  const supervisor = s.world.supervisors.find((x) => x.region === t.regionCode) ?? s.world.supervisors[0];
  const substantiated = r.chance(0.7);
  o.tickets.push({
    id: uuid(), number: '', rating_id: t.ratingId, case_id: t.caseId, region_code: t.regionCode, department_id: t.departmentId, status, due_date: due,
    substantiated: reached >= 1 ? substantiated : null,
    verification: reached >= 1 ? (substantiated ? '经核实，反映情况属实，已约谈相关窗口人员' : '经核实，办理符合规定，已向申请人解释说明') : null,
    rectification: reached >= 2 ? (substantiated ? '已对窗口人员开展业务培训，优化一次性告知清单' : '无需整改，完善办事指南说明') : null,
    reply: reached >= 3 ? '您好，您反映的问题已核实处理，感谢您的监督。' : null, replied_at: reached >= 3 ? iso(stepAt(2)) : null,
    review_opinion: reached >= 4 ? '整改到位，同意办结' : null, reviewed_by: reached >= 4 ? (supervisor?.id ?? null) : null, closed_at: reached >= 4 ? iso(stepAt(3)) : null,
    created_at: iso(t.ratedAt), updated_at: iso(reached === 0 ? t.ratedAt : stepAt(Math.min(reached, 3))),
  });
}

/**
 * Number the rows of one kind per region and day (PREFIX-region6-yyyymmdd-NNNN), in time order,
 * after the numbers the table already holds (the modules draw the next one the same way).
 */
async function numberRows(db: Db, table: string, list: Row[], prefix: string, dayOf: (x: Row) => string): Promise<void> {
  const taken = await rows<{ p: string; n: number }>(db, sql`select substring(number from 4 for 15) as p, max(substring(number from 20)::int)::int as n
    from ${sql.raw(table)} where number like ${`${prefix}-%`} and length(number) = 23 group by 1`);
  const seq = new Map<string, number>(taken.map((t) => [t.p, t.n]));
  list.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  for (const x of list) {
    const key = `${String(x.region_code).slice(0, 6)}-${dayOf(x).replaceAll('-', '')}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    x.number = `${prefix}-${key}-${String(n).padStart(4, '0')}`;
  }
}

/** A few complaints (投诉) by the demo citizens about their own cases, and 督办 on late cases. */
function complaintsAndOrders(s: Sim, o: Out, total: number): void {
  const { r, days } = s;
  const categories = ['timeliness', 'beyond_guide', 'attitude', 'standard', 'other'] as const;
  for (const c of o.demo) {
    if (!c.applicantAccountId || !r.chance(0.5)) continue;
    const createdAt = c.submittedAt + r.int(1, 10) * DAY_MS + r.int(0, 480) * MINUTE;
    if (createdAt >= s.today0) continue;
    const category = r.pick(categories);
    const day = dayOfInstant(createdAt);
    const age = (s.asOf - createdAt) / DAY_MS;
    const status = age < 1 ? 'submitted' : age < 4 ? 'handling' : age < 9 ? 'answered' : 'closed';
    const answeredAt = status === 'answered' || status === 'closed' ? createdAt + r.int(2, 5) * DAY_MS : null;
    const handler = s.world.supervisors.find((x) => x.region === c.regionCode);
    o.complaints.push({
      id: uuid(), number: '', complainant_account_id: c.applicantAccountId, case_id: c.id, department_id: c.departmentId, region_code: c.regionCode, category,
      content: COMPLAINT_TEXTS[category] ?? '', status, handler_account_id: status === 'submitted' ? null : (handler?.id ?? null),
      answer: answeredAt ? '您好，您反映的问题已转承办部门核实处理，相关情况已当面向您说明，感谢您的监督。' : null, answered_at: iso(answeredAt),
      due_date: days.addWorkdays(day, s.complaintDays), satisfaction: status === 'closed' ? r.weighted([3, 4, 5], (x) => [0.2, 0.4, 0.4][x - 3] ?? 0) : null,
      satisfaction_comment: null, rated_at: status === 'closed' && answeredAt ? iso(answeredAt + DAY_MS) : null, created_at: iso(createdAt), updated_at: iso(answeredAt ?? createdAt),
    });
  }
  // 督办: on cases that were (or are) late, by the county's supervisor; older orders replied and closed, a few escalated.
  const chosen = o.late.filter(() => r.chance(0.25)).slice(-Math.max(3, Math.round(total / 600)));
  for (const c of chosen) {
    const issuedOn = days.addWorkdays(c.dueDate, 1);
    const issuedAt = at(issuedOn, officeMinute(r));
    if (issuedAt >= s.today0) continue;
    const supervisor = s.world.supervisors.find((x) => x.region === c.regionCode) ?? s.world.supervisors[0];
    if (!supervisor) return;
    const deadline = days.addWorkdays(issuedOn, s.orderDays);
    const age = (s.asOf - issuedAt) / DAY_MS;
    const status = c.open ? (deadline < s.asOfDay && r.chance(0.5) ? 'escalated' : 'issued') : age > 10 ? 'closed' : r.chance(0.5) ? 'replied' : 'closed';
    const repliedAt = status === 'replied' || status === 'closed' ? Math.min(issuedAt + r.int(1, 3) * DAY_MS, s.asOf - MINUTE) : null;
    o.orders.push({
      id: uuid(), number: '', case_id: c.id, department_id: c.departmentId, region_code: c.regionCode, issued_by: supervisor.id,
      reason: `办件 ${c.caseNumber} 已超过承诺办结时限（${c.dueDate}）`, requirement: '请立即办理并书面说明超期原因及整改措施', deadline, status,
      reply: repliedAt ? '已加快办理并办结，超期原因为现场核查排期延误，已完善排期制度。' : null, replied_at: iso(repliedAt),
      review_opinion: status === 'closed' ? '回复属实，同意办结' : null, escalation_level: status === 'escalated' ? 1 : 0,
      escalated_at: status === 'escalated' ? iso(Math.min(at(days.addWorkdays(deadline, 1), OPEN + 30), s.asOf - MINUTE)) : null,
      closed_at: status === 'closed' && repliedAt ? iso(Math.min(repliedAt + DAY_MS, s.asOf - MINUTE)) : null,
      created_at: iso(issuedAt), updated_at: iso(repliedAt ?? issuedAt),
    });
  }
}

// ---------- writing ----------

const CASE_COLUMNS: string[] = [
  'id', 'case_number', 'state', 'channel', 'implementation_id', 'version_id', 'item_name', 'region_code', 'department_id', 'applicant_account_id', 'applicant', 'applicant_id_number_enc', 'applicant_id_number_hash', 'created_by', 'form_data', 'materials', 'submitted_at', 'accepted_at', 'accepted_by', 'receipt_number', 'limit_days', 'limit_unit', 'due_date', 'current_stage', 'round', 'supplement_count', 'supplement_request', 'decision', 'special_procedure', 'outcome', 'result', 'completed_at', 'delivery', 'delivered_at', 'created_at', 'updated_at',
];
const EVENT_COLUMNS: string[] = [
  'id', 'case_id', 'seq', 'occurred_at', 'actor_account_id', 'actor_name', 'action', 'from_state', 'to_state', 'task_id', 'step_name', 'opinion', 'data',
];
const TASK_COLUMNS: string[] = [
  'id', 'case_id', 'round', 'stage', 'step_key', 'step_name', 'role', 'department_id', 'region_code', 'parallel_group', 'status', 'assignee_id', 'opinion', 'created_at', 'claimed_at', 'completed_at',
];
const PAUSE_COLUMNS: string[] = [
  'id', 'case_id', 'kind', 'name', 'reason', 'max_days', 'started_at', 'ended_at', 'result',
];
const RATING_COLUMNS: string[] = [
  'id', 'case_id', 'channel', 'rater_account_id', 'real_name', 'region_code', 'department_id', 'implementation_id', 'overall', 'efficiency', 'guide_accuracy', 'convenience', 'usability', 'standard', 'attitude', 'causes', 'comment', 'created_at',
];
const TICKET_COLUMNS: string[] = [
  'id', 'number', 'rating_id', 'case_id', 'region_code', 'department_id', 'status', 'due_date', 'substantiated', 'verification', 'rectification', 'reply', 'replied_at', 'review_opinion', 'reviewed_by', 'closed_at', 'created_at', 'updated_at',
];
const COMPLAINT_COLUMNS: string[] = [
  'id', 'number', 'complainant_account_id', 'case_id', 'department_id', 'region_code', 'category', 'content', 'status', 'handler_account_id', 'answer', 'answered_at', 'due_date', 'satisfaction', 'satisfaction_comment', 'rated_at', 'created_at', 'updated_at',
];
const ORDER_COLUMNS: string[] = [
  'id', 'number', 'case_id', 'department_id', 'region_code', 'issued_by', 'reason', 'requirement', 'deadline', 'status', 'reply', 'replied_at', 'review_opinion', 'escalation_level', 'escalated_at', 'closed_at', 'created_at', 'updated_at',
];

/**
 * Insert rows in batches: one statement per batch, the rows travel as one JSON parameter and take
 * the table's own column types (json_populate_recordset: several times faster than jsonb_to_recordset on PGlite).
 */
async function insertRows(db: Db, table: string, columns: string[], list: Row[], batch = 2000): Promise<void> {
  const names = sql.raw(columns.join(', '));
  for (let i = 0; i < list.length; i += batch) {
    const part = list.slice(i, i + batch);
    await db.execute(sql`insert into ${sql.raw(table)} (${names}) select ${names} from json_populate_recordset(null::${sql.raw(table)}, ${JSON.stringify(part)}::json)`);
  }
}

/** True once a demo year was generated in this database. */
export async function demoYearGenerated(ctx: Ctx): Promise<boolean> {
  return (await firstRow(ctx.db, sql`select 1 from supervision_state where key = ${MARKER}`)) !== undefined;
}

/**
 * Fill the demo city with a year of cases ending on `endDate` (see the file comment), then rebuild
 * the statistics. Needs the demo catalog (published implementations), a window clerk and a
 * supervisor. Every run adds cases; `seedDemoYearOnce` is the idempotent first-start variant.
 */
export async function generateDemoYear(ctx: Ctx, o: DemoYearOptions = {}): Promise<DemoYearResult> {
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  const n = Math.max(0, Math.floor(o.cases ?? DEMO_YEAR_DEFAULT_CASES));
  const seed = o.seed ?? 2026;
  const r = new Rng(generator(seed));
  const now = clockNow(ctx);
  const today = shanghaiDate(now);
  const endDate = o.endDate && o.endDate < today ? o.endDate : today;
  const asOf = endDate < today ? at(endDate, 23 * 60 + 59) : now.getTime();
  const from = addNaturalDays(endDate, -364);
  const world = await loadWorld(ctx.db, r);
  if (world.impls.length === 0) throw new Error('demo year: no published implementations (seed the demo city first)');
  if (world.clerks.size === 0 || world.supervisors.length === 0) throw new Error('demo year: the demo city needs window clerks and a supervisor');
  const cal = await getWorkCalendar(ctx);
  const settings = await getSettings(ctx);
  const todayStart = at(dayOfInstant(asOf), 0);

  // Working days and their share of the year's cases; today only up to now.
  const nowMinutes = Math.floor((asOf - todayStart) / MINUTE);
  const days = workdaysOf(cal, from, endDate).filter((d) => d < dayOfInstant(asOf) || nowMinutes > OPEN + 30);
  const weights = days.map((d) => {
    const dow = (((toDayNumber(d) + 4) % 7) + 7) % 7;
    return (DOW_FACTOR[dow] ?? 1) * (MONTH_FACTOR[Number(d.slice(5, 7)) - 1] ?? 1) * (0.85 + r.next() * 0.3);
  });
  const perDay = allocate(n, weights);

  // Every case's item and submission time first, numbered in time order per county and day.
  const skeleton: { impl: Impl; t: number }[] = [];
  const cumulative: number[] = [];
  let totalWeight = 0;
  for (const x of world.impls) cumulative.push((totalWeight += x.weight));
  const pickImpl = (): Impl => {
    const u = r.next() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    const found = world.impls[lo];
    if (!found) throw new Error('demo year: no implementation picked');
    return found;
  };
  days.forEach((d, i) => {
    const last = d === dayOfInstant(asOf) ? Math.min(CLOSE, nowMinutes - 5) : CLOSE;
    for (let k = 0; k < (perDay[i] ?? 0); k++) {
      let m = officeMinute(r);
      if (m >= last) m = OPEN + (m % Math.max(1, last - OPEN));
      skeleton.push({ impl: pickImpl(), t: at(d, m) + r.int(0, 59) * 1000 });
    }
  });
  skeleton.sort((a, b) => a.t - b.t);
  const existing = await rows<{ region6: string; day: string; last_seq: number }>(ctx.db, sql`select region6, day, last_seq from case_number_counters where day >= ${from.replaceAll('-', '')}`);
  const counters = new Map(existing.map((e) => [`${e.region6}-${e.day}`, e.last_seq]));

  const out: Out = { cases: [], events: [], tasks: [], pauses: [], ratings: [], tickets: [], complaints: [], orders: [], late: [], demo: [] };
  const sim: Sim = { r, cal, days: new Days(cal), world, asOf, asOfDay: dayOfInstant(asOf), today0: todayStart, rectificationDays: settings.rectificationDays, complaintDays: settings.complaintDays, orderDays: settings.orderDays, cipher: pii(ctx), people: new Map() };
  // A few cases (about one in 250) belong to the demo citizens, so that they have a history to rate and complain about.
  const demoEvery = world.citizens.length > 0 ? 250 : 0;
  const totals = { cases: 0, events: 0, tasks: 0, pauses: 0, ratings: 0 };
  const byState: Record<string, number> = {};
  let planMs = 0;

  await withTransaction(ctx, async (tx) => {
    // A bulk load of rows whose every reference was read from this database moments ago: where the
    // role may (PGlite, a superuser on PostgreSQL), skip the per-row foreign-key triggers for this
    // transaction only, as pg_restore --disable-triggers does. Elsewhere the checks simply run.
    if ((await firstRow<{ su: boolean }>(tx.db, sql`select rolsuper as su from pg_roles where rolname = current_user`))?.su) {
      await tx.db.execute(sql`set local session_replication_role = replica`);
    }
    // Simulated and written a slice at a time: the rows of a slice are garbage soon after, which
    // keeps the memory flat and the garbage collector cheap.
    const SLICE = 2000;
    for (let start = 0; start < skeleton.length; start += SLICE) {
      const t0 = Date.now();
      skeleton.slice(start, start + SLICE).forEach((x, k) => {
        const i = start + k;
        const key = `${x.impl.regionCode.slice(0, 6)}-${dayOfInstant(x.t).replaceAll('-', '')}`;
        const seq = (counters.get(key) ?? 0) + 1;
        counters.set(key, seq);
        const demo = demoEvery > 0 && i % demoEvery === demoEvery - 1 && x.impl.guide.servesTo.includes('person') && x.impl.guide.handlingForm !== 'window'
          ? (world.citizens[Math.floor(i / demoEvery) % world.citizens.length] ?? null) : null;
        simulateCase(sim, out, x.impl, x.t, `${key}-${String(seq).padStart(5, '0')}`, demo);
      });
      planMs += Date.now() - t0;
      for (const c of out.cases) byState[String(c.state)] = (byState[String(c.state)] ?? 0) + 1;
      await insertRows(tx.db, 'cases', CASE_COLUMNS, out.cases);
      await insertRows(tx.db, 'case_tasks', TASK_COLUMNS, out.tasks);
      await insertRows(tx.db, 'case_events', EVENT_COLUMNS, out.events, 4000);
      await insertRows(tx.db, 'case_pauses', PAUSE_COLUMNS, out.pauses);
      await insertRows(tx.db, 'ratings', RATING_COLUMNS, out.ratings);
      totals.cases += out.cases.length;
      totals.events += out.events.length;
      totals.tasks += out.tasks.length;
      totals.pauses += out.pauses.length;
      totals.ratings += out.ratings.length;
      out.cases = [];
      out.events = [];
      out.tasks = [];
      out.pauses = [];
      out.ratings = [];
    }
    complaintsAndOrders(sim, out, n);
    const dayOf = (x: Row) => dayOfInstant(Date.parse(String(x.created_at)));
    await numberRows(tx.db, 'rectification_tickets', out.tickets, 'ZG', dayOf);
    await numberRows(tx.db, 'complaints', out.complaints, 'TS', dayOf);
    await numberRows(tx.db, 'supervision_orders', out.orders, 'DB', dayOf);
    await insertRows(tx.db, 'rectification_tickets', TICKET_COLUMNS, out.tickets);
    await insertRows(tx.db, 'complaints', COMPLAINT_COLUMNS, out.complaints);
    await insertRows(tx.db, 'supervision_orders', ORDER_COLUMNS, out.orders);
    // New real cases continue after the generated numbers.
    const list = [...counters.entries()].map(([k, v]) => ({ region6: k.slice(0, 6), day: k.slice(7), last_seq: v }));
    for (let i = 0; i < list.length; i += 2500) {
      await tx.db.execute(sql`insert into case_number_counters (region6, day, last_seq)
        select region6, day, last_seq from jsonb_to_recordset(${JSON.stringify(list.slice(i, i + 2500))}::jsonb) as t(region6 text, day text, last_seq integer)
        on conflict (region6, day) do update set last_seq = greatest(case_number_counters.last_seq, excluded.last_seq)`);
    }
    // Complaint numbers continue likewise, where the complaints module keeps a counter.
    if ((await firstRow<{ t: string | null }>(tx.db, sql`select to_regclass('complaint_number_counters')::text as t`))?.t) {
      for (const c of out.complaints) {
        const [, region6 = '', day = '', seq = '0'] = String(c.number).split('-');
        await tx.db.execute(sql`insert into complaint_number_counters (region6, day, last_seq) values (${region6}, ${day}, ${Number(seq)})
          on conflict (region6, day) do update set last_seq = greatest(complaint_number_counters.last_seq, excluded.last_seq)`);
      }
    }
    await tx.db.execute(sql`insert into supervision_state (key, value, updated_at) values (${MARKER}, ${JSON.stringify({ seed, cases: n, from, to: endDate })}, now())
      on conflict (key) do update set value = excluded.value, updated_at = now()`);
    await audit(tx, { action: 'supervision.demo-year.generate', entityType: 'supervision_state', entityId: MARKER, after: { seed, cases: totals.cases, from, to: endDate } });
  });
  const written = Date.now();
  await refreshStats(ctx, { all: true });
  const statsMs = Date.now() - written;
  ctx.log.info({ cases: totals.cases, simulateMs: planMs, writeMs: written - started - planMs, statsMs, cpuMs: Math.round(process.cpuUsage(cpu0).user / 1000) }, 'demo year generated');
  return {
    skipped: false, from, to: endDate, ...totals,
    tickets: out.tickets.length, complaints: out.complaints.length, orders: out.orders.length, byState, ms: Date.now() - started,
  };
}

/** The first-start variant: generate the demo year unless one was generated in this database already. */
export async function seedDemoYearOnce(ctx: Ctx, o: DemoYearOptions = {}): Promise<DemoYearResult> {
  if (await demoYearGenerated(ctx)) {
    return { skipped: true, from: '', to: '', cases: 0, events: 0, tasks: 0, pauses: 0, ratings: 0, tickets: 0, complaints: 0, orders: 0, byState: {}, ms: 0 };
  }
  return generateDemoYear(ctx, o);
}
