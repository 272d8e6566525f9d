import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { Link, useNavigate } from 'react-router';
import { AREA_PATHS, areasOf, type Area } from '../auth/roles.ts';
import { useLogout, useMe } from '../auth/session.ts';
import { type MessageKey, useT } from '../i18n/index.ts';
import { useActingMenu } from './acting-switch.tsx';
import { messageCentrePath } from './notification-bell.tsx';

const AREA_LABELS: Record<Area, MessageKey> = {
  workbench: 'area.workbench',
  console: 'area.console',
  dashboards: 'area.dashboards',
};

/** Login/register links for visitors; for a logged-in account its name and the places it may go. */
export function UserMenu() {
  const t = useT();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const acting = useActingMenu();

  if (me.isPending) return null;
  if (!me.data) {
    return (
      <span className="toolbar-links">
        <Link to="/login">{t('nav.login')}</Link>
        <Link to="/register">{t('nav.register')}</Link>
      </span>
    );
  }

  const account = me.data.account;
  // 经办人管理: the enterprise itself or its legal representative acting; a citizen sees the grants received.
  const agentsLink = account.kind === 'enterprise' || acting.items.length > 0;
  const items: MenuProps['items'] = [
    ...acting.items,
    { key: 'account', label: <Link to="/account">{t('nav.account')}</Link> },
    ...(agentsLink ? [{ key: 'agents', label: <Link to="/account/agents">{t(account.kind === 'enterprise' ? 'agents.link' : 'agents.received')}</Link> }] : []),
    ...(account.roles.includes('applicant')
      ? [
          { key: 'cases', label: <Link to="/account/cases">{t('case.mine')}</Link> },
          { key: 'licenses', label: <Link to="/account/licenses">{t('wallet.title')}</Link> },
          { key: 'complaints', label: <Link to="/account/complaints">{t('complaint.mine')}</Link> },
        ]
      : []),
    { key: 'messages', label: <Link to={messageCentrePath(account)}>{t('notify.title')}</Link> },
    ...(account.kind !== 'staff' ? [{ key: 'data-usage', label: <Link to="/account/data-usage">{t('myData.link')}</Link> }] : []),
    ...areasOf(account).map((a) => ({ key: a, label: <Link to={AREA_PATHS[a]}>{t(AREA_LABELS[a])}</Link> })),
    { type: 'divider' as const },
    { key: 'logout', label: t('nav.logout'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (acting.onSelect(key)) return;
    if (key !== 'logout') return;
    logout.mutate(undefined, {
      onSettled: () => {
        void message.success(t('auth.loggedOut'));
        void navigate('/');
      },
    });
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button type="text" className="toolbar-button" icon={<UserOutlined aria-hidden />}>
        <span className="user-name">{account.displayName}</span>
        <span className="visually-hidden">{t('nav.userMenu')}</span>
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
