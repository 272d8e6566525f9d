import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, type DescriptionsProps, Empty, Table, type TableColumnsType, Tag } from 'antd';
import { orgApi } from '../api/endpoints.ts';
import { qk, useWindows } from '../api/queries.ts';
import type { StaffView, WindowView } from '../api/types.ts';
import { useMe } from '../auth/session.ts';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { ActiveTag } from '../components/status-tag.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

/** Who I am at work: roles, data scope, my window. */
function ProfileCard({ staff, myWindow }: { staff: StaffView; myWindow: WindowView | undefined }) {
  const t = useT();
  const { lang } = usePrefs();
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('field.name'), children: staff.displayName },
    { key: 'username', label: t('field.username'), children: staff.username ?? '—' },
    { key: 'title', label: t('staff.title'), children: staff.title ?? '—' },
    { key: 'roles', label: t('account.roles'), children: staff.roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
    {
      key: 'scope',
      label: t('workbench.scope'),
      children: staff.scope ? `${staff.regionName ?? staff.scope.regionCode} · ${staff.departmentName ?? t('workbench.allDepartments')}` : t('workbench.noScope'),
    },
    {
      key: 'window',
      label: t('workbench.myWindow'),
      children: myWindow ? `${myWindow.number} ${myWindow.name}（${myWindow.hall}）` : t('workbench.noWindow'),
    },
    { key: 'last', label: t('account.lastLoginAt'), children: formatDateTime(staff.lastLoginAt, lang) },
  ];
  return (
    <Card title={<h2 className="card-title">{t('workbench.profile')}</h2>} className="block-gap">
      <Descriptions column={{ xs: 1, md: 2 }} items={items} bordered size="small" />
    </Card>
  );
}

/** 本部门窗口: the windows of my department (or of my region when I serve all its departments). */
function DepartmentWindows({ windows, mine }: { windows: WindowView[]; mine: string | null }) {
  const t = useT();
  const columns: TableColumnsType<WindowView> = [
    { title: t('window.number'), dataIndex: 'number', width: 90 },
    { title: t('window.name'), dataIndex: 'name', render: (name: string, w) => (w.id === mine ? <strong>{name}（{t('workbench.mine')}）</strong> : name) },
    { title: t('window.kind'), dataIndex: 'kind', render: (k: WindowView['kind']) => t(`windowKind.${k}`) },
    { title: t('window.hall'), dataIndex: 'hall' },
    { title: t('window.department'), dataIndex: 'departmentName', render: (d: string | null) => d ?? '—' },
    { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
  ];
  return (
    <Card title={<h2 className="card-title">{t('workbench.departmentWindows')}</h2>} className="block-gap">
      {windows.length === 0 ? (
        <Empty description={t('workbench.noWindows')} />
      ) : (
        <ScrollRegion label={t('workbench.departmentWindows')}>
          <Table rowKey="id" columns={columns} dataSource={windows} pagination={false} size="middle" />
        </ScrollRegion>
      )}
    </Card>
  );
}

/** 工作台首页: only real information — the staff record and the windows. Case queues come later. */
export function WorkbenchHome() {
  const t = useT();
  const me = useMe();
  const account = me.data?.account;
  const id = account?.id ?? '';
  const staff = useQuery({ queryKey: qk.staffMember(id), queryFn: () => orgApi.staffMember(id), enabled: Boolean(id) });
  const scope = account?.scope ?? null;
  // One query for the whole scope region: it holds both my window and my department's windows.
  const windows = useWindows({ regionCode: scope?.regionCode }, Boolean(scope));
  const all = windows.data?.items ?? [];
  const mine = staff.data?.windowId ?? null;
  const departmentWindows = scope?.departmentId ? all.filter((w) => w.departmentId === scope.departmentId) : all;

  return (
    <div className="staff-page">
      <PageTitle title={t('area.workbench')} />
      <h1>{t('workbench.home')}</h1>
      <Alert type="info" showIcon className="block-gap" title={t('workbench.casesPending')} />
      {staff.isPending ? <Loading /> : null}
      {staff.isError ? <ErrorResult error={staff.error} onRetry={() => void staff.refetch()} /> : null}
      {staff.data ? <ProfileCard staff={staff.data} myWindow={all.find((w) => w.id === mine)} /> : null}
      {windows.isError ? <ErrorResult error={windows.error} onRetry={() => void windows.refetch()} /> : null}
      {windows.data ? <DepartmentWindows windows={departmentWindows} mine={mine} /> : null}
    </div>
  );
}
