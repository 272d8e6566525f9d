/**
 * Plain-language wording of catalog facts, shared by the portal and the console. The national code
 * tables (ITEM_TYPES, ONLINE_DEPTHS…) live in src/common/schemas/catalog.ts; their labels are repeated
 * in the dictionaries so that the browse pages need not load zod, and so that they can be translated.
 */
import type { CatalogSearchHit, GuideContent, Material, ProcessStep, TimeLimit } from '../../api/catalog.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';

/** Online depths 1–6 all present: 全程网办. */
const FULL_ONLINE = [1, 2, 3, 4, 5, 6];

/** Whether an item can be handled entirely online. */
export function isFullOnline(depth: readonly number[]): boolean {
  return FULL_ONLINE.every((d) => depth.includes(d));
}

/** The headline of an item's online depth: 全程网办, or the deepest online step it offers. */
export function onlineDepthTag(depth: readonly number[], t: Translate): string {
  if (isFullOnline(depth)) return t('catalog.fullOnline');
  if (depth.includes(2)) return t('catalog.onlineApply');
  if (depth.includes(1)) return t('catalog.onlineConsult');
  return t('catalog.windowOnly');
}

/** 跑动次数 in the words of 最多跑一次. */
export function visitsText(visits: number, t: Translate): string {
  if (visits === 0) return t('catalog.visits.zero');
  if (visits <= 1) return t('catalog.visits.one');
  return t('catalog.visits.many', { n: visits });
}

/** A number of days with its unit; a limit without a known unit says only "日". */
export function daysText(days: number, unit: TimeLimit['unit'] | undefined, t: Translate): string {
  if (unit === 'working_day') return t('catalog.days.working', { n: days });
  if (unit === 'natural_day') return t('catalog.days.natural', { n: days });
  return t('catalog.days.plain', { n: days });
}

/** A time limit, e.g. "5 个工作日". */
export function limitText(limit: TimeLimit, t: Translate): string {
  return daysText(limit.days, limit.unit, t);
}

/**
 * The promised and statutory limits of a search hit. The search answer carries the days without their
 * unit (see the report on API gaps), so the list says "日" rather than guess 工作日.
 */
export function hitLimitText(hit: Pick<CatalogSearchHit, 'promisedDays' | 'statutoryDays' | 'promisedUnit' | 'statutoryUnit'>, t: Translate): string {
  return t('catalog.hitLimit', { promised: daysText(hit.promisedDays, hit.promisedUnit, t), statutory: daysText(hit.statutoryDays, hit.statutoryUnit, t) });
}

/** Message key of a code-table value: item type, online depth, audience… */
export function itemTypeLabel(code: string, t: Translate): string {
  return t(`catalog.itemType.${code}` as MessageKey) ?? code;
}

/** 个人 / 法人. */
export function servesToLabel(v: string, t: Translate): string {
  return v === 'person' ? t('catalog.servesTo.person') : v === 'legal_person' ? t('catalog.servesTo.legal_person') : v;
}

/** The label of one online depth (1 网上咨询 … 7 电子证照反馈). */
export function onlineDepthLabel(d: number, t: Translate): string {
  return d >= 1 && d <= 7 ? t(`catalog.depth.${d}` as MessageKey) : String(d);
}

/** 原件 / 复印件 / 纸质 / 电子 of a material. */
export function materialFormText(m: Pick<Material, 'form' | 'medium'>, t: Translate): { form: string; medium: string } {
  return { form: t(`catalog.form.${m.form}`), medium: t(`catalog.medium.${m.medium}`) };
}

/** A material in one line, for diffs and compact lists. */
export function materialLine(m: Material, t: Translate): string {
  const { form, medium } = materialFormText(m, t);
  const parts = [form, medium, m.required === 'required' ? t('catalog.required') : `${t('catalog.conditional')}${m.condition ? `：${m.condition}` : ''}`, t('catalog.copiesN', { n: m.copies })];
  if (m.source.kind === 'license') parts.push(t('catalog.source.licenseShort', { name: m.source.licenseTypeName }));
  if (m.source.kind === 'shared_data') parts.push(t('catalog.source.sharedShort', { name: m.source.resourceName }));
  if (m.source.kind === 'window') parts.push(t('catalog.source.window'));
  return `${m.name}（${parts.join(' · ')}）`;
}

/** A process step in one line. */
export function stepLine(s: ProcessStep, t: Translate): string {
  const who = s.department ? `${t(`catalog.role.${s.role}`)} · ${s.department}` : t(`catalog.role.${s.role}`);
  const group = s.parallelGroup ? ` · ${t('catalog.parallel')}（${s.parallelGroup}）` : '';
  return `${s.name}（${who} · ${t('catalog.days.plain', { n: s.days })}${group}）`;
}

/** Steps in order, parallel groups collected at the place of their first step. */
export type StepBlock = { kind: 'single'; step: ProcessStep } | { kind: 'parallel'; group: string; steps: ProcessStep[] };

/** Group a process: consecutive or not, steps of one parallel group are shown together. */
export function stepBlocks(steps: readonly ProcessStep[]): StepBlock[] {
  const blocks: StepBlock[] = [];
  const groups = new Map<string, Extract<StepBlock, { kind: 'parallel' }>>();
  for (const s of steps) {
    if (!s.parallelGroup) {
      blocks.push({ kind: 'single', step: s });
      continue;
    }
    const g = groups.get(s.parallelGroup);
    if (g) g.steps.push(s);
    else {
      const block = { kind: 'parallel' as const, group: s.parallelGroup, steps: [s] };
      groups.set(s.parallelGroup, block);
      blocks.push(block);
    }
  }
  return blocks;
}

/** The whole fee list in words, or 不收费. */
export function feesText(fees: GuideContent['fees'], t: Translate): string {
  if (fees.length === 0) return t('catalog.noFee');
  return fees.map((f) => t('catalog.feeLine', { name: f.name, amount: f.amountYuan })).join('；');
}

/** Themes of hits, most used first, then by name. */
export function themesOf(hits: readonly Pick<CatalogSearchHit, 'themes'>[]): string[] {
  const counts = new Map<string, number>();
  for (const h of hits) for (const th of h.themes) counts.set(th, (counts.get(th) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([th]) => th);
}

/**
 * The department's name without its region, so that the same department of different counties groups
 * together at city level ("建阳区市场监督管理局" in 建阳区 → "市场监督管理局").
 */
export function departmentKind(hit: Pick<CatalogSearchHit, 'departmentName' | 'regionName'>): string {
  return hit.departmentName.startsWith(hit.regionName) && hit.departmentName.length > hit.regionName.length
    ? hit.departmentName.slice(hit.regionName.length)
    : hit.departmentName;
}

/** A date (no time) in the UI language, Beijing time. */
export function formatDate(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(d);
}
