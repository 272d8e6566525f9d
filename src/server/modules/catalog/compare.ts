import type { GuideContentT } from '../../../common/schemas/catalog.ts';

/**
 * The facets "同一事项、同一标准" compares across regions (names are the Chinese labels the
 * console shows): an implementation differs when its value is not the most common one.
 */
export const COMPARE_FACETS: Record<string, (g: GuideContentT) => unknown> = {
  '受理条件': (g) => g.conditions,
  '申请材料': (g) => g.materials.map((m) => `${m.name}${m.required === 'conditional' ? '（条件）' : ''}`).sort(),
  '法定时限': (g) => `${g.statutoryLimit.days}`,
  '承诺时限': (g) => `${g.promisedLimit.days}`,
  '收费': (g) => g.fees.map((f) => `${f.name} ${f.amountYuan}元`),
  '到现场次数': (g) => g.visitsRequired,
  '预约': (g) => g.appointment,
};

const key = (x: unknown) => JSON.stringify(x);

/** Each guide's facet values and the facets where it differs from the most common value among the guides. */
export function compareGuides<T extends { g: GuideContentT }>(guides: T[]): { item: T; values: Record<string, unknown>; differences: string[] }[] {
  const baseline: Record<string, string> = {};
  for (const [name, f] of Object.entries(COMPARE_FACETS)) {
    const counts = new Map<string, number>();
    for (const x of guides) counts.set(key(f(x.g)), (counts.get(key(f(x.g))) ?? 0) + 1);
    baseline[name] = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }
  return guides.map((item) => ({
    item,
    values: Object.fromEntries(Object.entries(COMPARE_FACETS).map(([name, f]) => [name, f(item.g)])),
    differences: Object.entries(COMPARE_FACETS).filter(([name, f]) => key(f(item.g)) !== baseline[name]).map(([name]) => name),
  }));
}
