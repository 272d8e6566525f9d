/** The region this deployment serves (南平市); the portal's county lists hang off it. */
export const CITY_CODE = '350700000000';

/** Format an ISO timestamp for people, in the UI language and Beijing time. */
export function formatDateTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(d);
}
