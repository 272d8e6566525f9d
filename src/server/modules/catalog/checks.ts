import type { GuideContentT } from '../../../common/schemas/catalog.ts';

/** One problem found by the automatic checks before publish (自动检查校验). */
export interface CheckIssue {
  /** Field path in the guide, e.g. "promisedLimit.days" or "materials.2.source". */
  path: string;
  message: string;
}

const FULL_ONLINE = [1, 2, 3, 4, 5, 6];

/** Run the automatic checks on a guide; an empty list means it may be submitted and published. */
export function checkGuide(g: GuideContentT): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  if (g.statutoryLimit.unit === g.promisedLimit.unit && g.promisedLimit.days > g.statutoryLimit.days) {
    add('promisedLimit.days', `承诺时限（${g.promisedLimit.days}日）不得超过法定时限（${g.statutoryLimit.days}日）`);
  }
  if (g.legalBases.length === 0 && g.itemType !== '20') add('legalBases', '行政权力事项必须有设定依据');
  if (g.conditions.length === 0) add('conditions', '须列明受理条件');
  const fullOnline = FULL_ONLINE.every((d) => g.onlineDepth.includes(d));
  if (fullOnline && g.visitsRequired !== 0) add('visitsRequired', '全程网办事项到现场次数应为0');
  if (g.visitsRequired === 0 && g.handlingForm === 'window') add('handlingForm', '到现场次数为0的事项不能仅限窗口办理');
  if (g.visitsRequired > 1 && !g.visitsReason) add('visitsReason', '到现场超过1次须说明理由');
  if (g.result.type === 'license' && !g.result.licenseTypeCode) add('result.licenseTypeCode', '结果为证照的事项须指明证照类型');
  if (g.fees.length > 0 && g.onlinePayment === false && g.handlingForm === 'online') add('onlinePayment', '仅网上办理的收费事项须支持网上缴费');

  const materialKeys = new Set<string>();
  g.materials.forEach((m, i) => {
    if (materialKeys.has(m.key)) add(`materials.${i}.key`, `材料标识 ${m.key} 重复`);
    materialKeys.add(m.key);
    if (m.required === 'conditional' && !m.condition) add(`materials.${i}.condition`, `容缺/条件性材料“${m.name}”须说明适用情形`);
  });

  const stepKeys = new Set<string>();
  g.processSteps.forEach((s, i) => {
    if (stepKeys.has(s.key)) add(`processSteps.${i}.key`, `环节标识 ${s.key} 重复`);
    stepKeys.add(s.key);
  });
  if (g.processSteps[0] && g.processSteps[0].role !== 'window_clerk') add('processSteps.0.role', '第一个环节应为窗口受理');
  const groups = new Map<string, number>();
  for (const s of g.processSteps) if (s.parallelGroup) groups.set(s.parallelGroup, (groups.get(s.parallelGroup) ?? 0) + 1);
  for (const [name, n] of groups) if (n < 2) add('processSteps', `并联审批组“${name}”至少需要两个环节`);
  const stepDays = g.processSteps.reduce((sum, s, i, all) => {
    // Parallel steps count once: the longest of the group.
    if (s.parallelGroup && all.findIndex((x) => x.parallelGroup === s.parallelGroup) !== i) return sum;
    const group = s.parallelGroup ? all.filter((x) => x.parallelGroup === s.parallelGroup) : [s];
    return sum + Math.max(...group.map((x) => x.days));
  }, 0);
  if (g.promisedLimit.unit === 'working_day' && stepDays > g.promisedLimit.days) {
    add('processSteps', `各环节时限之和（${stepDays}日）超过承诺时限（${g.promisedLimit.days}日）`);
  }
  return issues;
}
