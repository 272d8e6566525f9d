import type { DepartmentView, WindowView } from '../api/types.ts';
import { useT } from '../i18n/index.ts';

/** One department of the public directory. */
export function DepartmentCard({ department: d }: { department: DepartmentView }) {
  const t = useT();
  return (
    <article className="dir-card">
      <h3>{d.name}</h3>
      <dl className="dir-facts">
        {d.shortName ? (
          <>
            <dt>{t('dept.shortName')}</dt>
            <dd>{d.shortName}</dd>
          </>
        ) : null}
        <dt>{t('dept.region')}</dt>
        <dd>{d.regionName}</dd>
        {d.phone ? (
          <>
            <dt>{t('dept.phone')}</dt>
            <dd>
              <a href={`tel:${d.phone}`}>{d.phone}</a>
            </dd>
          </>
        ) : null}
        {d.address ? (
          <>
            <dt>{t('dept.address')}</dt>
            <dd>{d.address}</dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}

/** A window line: number, name, kind, the department it serves. */
export function WindowLine({ window: w, showHall = false }: { window: WindowView; showHall?: boolean }) {
  const t = useT();
  return (
    <li className="window-line">
      <span className="window-number">{w.number}</span>
      <span className="window-name">
        {w.name}
        <span className="window-meta">
          {t(`windowKind.${w.kind}`)}
          {w.departmentName ? ` · ${w.departmentName}` : ''}
          {showHall ? ` · ${w.hall}（${w.regionName}）` : ''}
        </span>
      </span>
    </li>
  );
}

/** Group windows by service hall, halls and windows in a stable order. */
export function groupByHall(windows: WindowView[]): { hall: string; regionName: string; windows: WindowView[] }[] {
  const groups = new Map<string, { hall: string; regionName: string; windows: WindowView[] }>();
  for (const w of windows) {
    const key = `${w.regionCode}|${w.hall}`;
    const g = groups.get(key) ?? { hall: w.hall, regionName: w.regionName, windows: [] };
    g.windows.push(w);
    groups.set(key, g);
  }
  const byNumber = (a: WindowView, b: WindowView) => a.number.localeCompare(b.number, 'en', { numeric: true });
  return [...groups.values()].map((g) => ({ ...g, windows: g.windows.sort(byNumber) }));
}
