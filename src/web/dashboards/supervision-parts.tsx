import { Breadcrumb, Button, Tag } from 'antd';
import { MONITORING_POINTS, type MonitoringPointCode, type WarningLevel, type WarningView } from '../../common/schemas/supervision.ts';
import { useRegion } from '../api/queries.ts';
import { useMe } from '../auth/session.ts';
import { type MessageKey, type Translate, useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';

/** The name of a monitoring point (监察点). */
export function pointLabel(t: Translate, code: string): string {
  return (MONITORING_POINTS as readonly string[]).includes(code) ? t(`sup.point.${code as MonitoringPointCode}`) : code;
}

const LEVEL_KEYS: Record<WarningLevel, MessageKey> = { red: 'sup.level.red', yellow: 'sup.level.yellow' };

/**
 * 红灯 / 黄灯 as a tag. The tag's words carry the meaning (not only its colour); both colours reach
 * 4.5:1 against their tinted background.
 */
export function LevelTag({ level }: { level: WarningLevel }) {
  const t = useT();
  // Inline colours: the tag is also shown in the workbench, where the dashboards stylesheet is not loaded (AA on its tint).
  const tone = level === 'red' ? { color: '#991b1b', background: '#fee2e2', borderColor: '#fca5a5' } : { color: '#78350f', background: '#fef3c7', borderColor: '#fcd34d' };
  return <Tag style={tone} className={`level-tag level-${level}`}>{t(LEVEL_KEYS[level])}</Tag>;
}

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Calendar days from today to `due` (negative: past due). */
export function daysUntil(due: string, today = shanghaiToday()): number {
  return Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
}

/** "剩余 3 天" / "超期 2 天" / "今天到期" for a due date. */
export function dueText(t: Translate, due: string | null): string {
  if (!due) return '—';
  const d = daysUntil(due);
  if (d > 0) return t('sup.days.left', { n: d });
  if (d < 0) return t('sup.days.over', { n: -d });
  return t('sup.days.today');
}

/** The digits of a region code that matter (350703000000 → 350703), by the GB/T 2260 / NBS levels. */
export function regionPrefix(code: string): string {
  for (const len of [2, 4, 6, 9]) if (/^0*$/.test(code.slice(len))) return code.slice(0, len);
  return code;
}

/** True if `code` lies in the subtree of `root`. */
export function regionWithin(code: string, root: string): boolean {
  return code.startsWith(regionPrefix(root));
}

/**
 * 南平市 › 建阳区 › 童游街道: the ancestors within the viewer's scope (the city for administrators)
 * are buttons that go back up; the last crumb is where one is.
 */
export function RegionCrumbs({ code, name, onPick }: { code: string; name?: string | undefined; onPick: (code: string) => void }) {
  const detail = useRegion(code);
  const here = name ?? detail.data?.name ?? code;
  const root = useMe().data?.account?.scope?.regionCode ?? CITY_CODE;
  const ancestors = (detail.data?.path ?? []).filter((p) => p.code !== code && regionWithin(p.code, root));
  return (
    <Breadcrumb
        className="block-gap"
        items={[
          ...ancestors.map((p) => ({
            key: p.code,
            title: (
              <Button type="link" size="small" className="crumb-button" onClick={() => onPick(p.code)}>
                {p.name}
              </Button>
            ),
          })),
          { key: code, title: <span aria-current="location">{here}</span> },
        ]}
      />
  );
}

/**
 * A sentence naming every category and its value (the largest first), so that a screen reader hears
 * what the chart shows; long lists are cut after the first ten.
 */
export function describeSeries(t: Translate, title: string, pairs: { name: string; value: string; sortBy: number }[]): string {
  if (pairs.length === 0) return t('sup.chart.summaryEmpty', { name: title });
  const sorted = [...pairs].sort((a, b) => b.sortBy - a.sortBy);
  const shown = sorted.slice(0, 10).map((p) => `${p.name} ${p.value}`);
  const more = sorted.length > 10 ? t('sup.chart.summaryMore', { n: sorted.length - 10 }) : '';
  return `${title}：${shown.join('，')}${more}`;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The facts of a warning in words, from its `detail` (working days left or over, days waiting,
 * supplements, days suspended…); without them, calendar days to the due date.
 */
export function warningFacts(t: Translate, w: Pick<WarningView, 'detail' | 'dueDate' | 'status'>): string {
  const d = w.detail;
  const left = num(d.workingDaysLeft);
  const over = num(d.workingDaysOver);
  const waiting = num(d.workingDaysWaiting);
  const supplements = num(d.supplementCount);
  const suspended = num(d.days);
  const citations = num(d.citations);
  if (left !== undefined) return t('sup.facts.left', { n: left });
  if (over !== undefined) return t('sup.facts.over', { n: over });
  if (waiting !== undefined) return t('sup.facts.waiting', { n: waiting });
  if (supplements !== undefined) return t('sup.facts.supplements', { n: supplements });
  if (suspended !== undefined) return t('sup.facts.suspended', { n: suspended });
  if (citations !== undefined) return t('sup.facts.citations', { n: citations });
  if (num(d.reasonLength) !== undefined) return t('sup.facts.noReason');
  return w.status === 'open' ? dueText(t, w.dueDate) : '—';
}
