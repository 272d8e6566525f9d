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

/**
 * The comparable form of a facet value: a region's own name stands for "here", so 具有建阳区户籍 and
 * 具有延平区户籍 are the same standard, while a condition only one county adds is still a difference.
 */
function comparable(value: unknown, regionName: string | undefined): string {
  const text = JSON.stringify(value);
  return regionName ? text.split(regionName).join('〔本地〕') : text;
}

/** Each guide's facet values and the facets where it differs from the most common value among the guides. */
export function compareGuides<T extends { g: GuideContentT; regionName?: string }>(guides: T[]): { item: T; values: Record<string, unknown>; differences: string[] }[] {
  const baseline: Record<string, string> = {};
  for (const [name, f] of Object.entries(COMPARE_FACETS)) {
    const counts = new Map<string, number>();
    for (const x of guides) {
      const k = comparable(f(x.g), x.regionName);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    baseline[name] = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }
  return guides.map((item) => ({
    item,
    values: Object.fromEntries(Object.entries(COMPARE_FACETS).map(([name, f]) => [name, f(item.g)])),
    differences: Object.entries(COMPARE_FACETS).filter(([name, f]) => comparable(f(item.g), item.regionName) !== baseline[name]).map(([name]) => name),
  }));
}
