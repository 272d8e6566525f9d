import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { Link } from 'react-router';
import { useUnreadCount } from '../api/notify.ts';
import type { AccountView } from '../api/types.ts';
import { hasAnyRole } from '../auth/roles.ts';
import { useMe } from '../auth/session.ts';
import { useT } from '../i18n/index.ts';

/** Where an account reads its messages: window staff in the workbench, everyone else in the portal account area. */
export function messageCentrePath(account: Pick<AccountView, 'roles'> | null | undefined): string {
  return hasAnyRole(account, ['window_clerk', 'approver']) ? '/workbench/messages' : '/account/messages';
}

/** The bell in the header: the unread count, a link to the message centre. Nothing for visitors. */
export function NotificationBell() {
  const t = useT();
  const me = useMe();
  const account = me.data?.account;
  const unread = useUnreadCount(Boolean(account));
  if (!account) return null;
  const n = unread.data ?? 0;
  const label = n > 0 ? t('notify.bellUnread', { n }) : t('notify.bell');
  return (
    <Link to={messageCentrePath(account)} className="toolbar-link notification-bell" aria-label={label} title={label}>
      <Badge count={n} size="small" overflowCount={99}>
        <BellOutlined aria-hidden className="notification-bell-icon" />
      </Badge>
    </Link>
  );
}
