import type { GuideContentT } from '../../../common/schemas/catalog.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';

/** One readable difference between two versions of a guide. */
export interface GuideChange {
  /** Field path, e.g. "promisedLimit.days" or "materials[business-license]". */
  path: string;
  /** Chinese label of the field. */
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

const LABELS: Record<string, string> = {
  name: '事项名称', itemType: '事项类型', legalBases: '设定依据', powerSource: '权力来源', delegatedBody: '下放/委托机关',
  coHandlingBodies: '联办机构', servesTo: '服务对象', themes: '主题分类', statutoryLimit: '法定办结时限', promisedLimit: '承诺办结时限',
  specialProcedures: '特别程序', conditions: '受理条件', handlingForm: '办理形式', visitsRequired: '到现场次数', visitsReason: '到现场理由',
  processSteps: '办理流程', materials: '申请材料', fees: '收费', onlineDepth: '网上办理深度', appointment: '预约办理', onlinePayment: '网上缴费',
  courierDelivery: '物流快递', selfServiceTerminal: '自助终端', handlingScope: '通办范围', result: '办理结果', channels: '咨询投诉渠道',
  location: '办理地点', form: '申请表单', minRealNameLevel: '实名等级要求',
};

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Diff lists of keyed entries (materials, steps) entry by entry, so a changed material reads as one change. */
function diffKeyed(path: string, label: string, a: { key: string; name: string }[], b: { key: string; name: string }[], out: GuideChange[]): void {
  const before = new Map(a.map((x) => [x.key, x]));
  const after = new Map(b.map((x) => [x.key, x]));
  for (const [k, x] of before) {
    const y = after.get(k);
    if (!y) out.push({ path: `${path}[${k}]`, label: `${label}：${x.name}`, kind: 'removed', before: x, after: null });
    else if (!same(x, y)) out.push({ path: `${path}[${k}]`, label: `${label}：${y.name}`, kind: 'changed', before: x, after: y });
  }
  for (const [k, y] of after) if (!before.has(k)) out.push({ path: `${path}[${k}]`, label: `${label}：${y.name}`, kind: 'added', before: null, after: y });
}

/** Field-by-field differences from `a` to `b` (a null `a` means everything was added). */
export function diffGuides(a: GuideContentT | null, b: GuideContentT): GuideChange[] {
  const out: GuideChange[] = [];
  const keys = Object.keys(LABELS) as (keyof GuideContentT)[];
  for (const k of keys) {
    const x = a ? a[k] : undefined;
    const y = b[k];
    if (k === 'materials' || k === 'processSteps') {
      diffKeyed(k, LABELS[k] ?? k, (x ?? []) as { key: string; name: string }[], y as { key: string; name: string }[], out);
      continue;
    }
    if (same(x ?? null, y ?? null)) continue;
    out.push({ path: k, label: LABELS[k] ?? k, kind: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed', before: x ?? null, after: y ?? null });
  }
  return out;
}
