import type { AccountStatus } from '../../common/enums.ts';
import { useT } from '../i18n/index.ts';

// antd's preset tag colours (green, orange…) fall below 4.5:1; these pairs pass AA.
const STYLES: Record<AccountStatus | 'inactive', string> = {
  active: 'status-tag status-ok',
  locked: 'status-tag status-warn',
  disabled: 'status-tag status-off',
  deregistered: 'status-tag status-off',
  inactive: 'status-tag status-off',
};

/** An account status as an accessible coloured tag. */
export function StatusTag({ status }: { status: AccountStatus }) {
  const t = useT();
  return <span className={STYLES[status]}>{t(`status.${status}`)}</span>;
}

/** Active/inactive of a directory entry (department, window). */
export function ActiveTag({ active }: { active: boolean }) {
  const t = useT();
  return <span className={active ? STYLES.active : STYLES.inactive}>{t(active ? 'common.active' : 'common.inactive')}</span>;
}
