import { Button, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useWindows } from '../api/queries.ts';
import type { WindowView } from '../api/types.ts';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { ActiveTag } from '../components/status-tag.tsx';
import { useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';
import { useIsSystemAdmin } from './permissions.ts';
import { WindowForm } from './window-form.tsx';

/** 窗口管理: the service windows of a region (and department). */
export function WindowsPage() {
  const t = useT();
  const admin = useIsSystemAdmin();
  const [regionCode, setRegionCode] = useState<string | undefined>(CITY_CODE);
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const windows = useWindows({ regionCode, departmentId });
  const [editing, setEditing] = useState<WindowView | null | undefined>(undefined);

  const columns: TableColumnsType<WindowView> = [
    { title: t('window.number'), dataIndex: 'number', width: 90 },
    { title: t('window.name'), dataIndex: 'name' },
    { title: t('window.kind'), dataIndex: 'kind', render: (k: WindowView['kind']) => t(`windowKind.${k}`) },
    { title: t('window.hall'), dataIndex: 'hall' },
    { title: t('dept.region'), dataIndex: 'regionName' },
    { title: t('window.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
    ...(admin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, w: WindowView) => (
              <Button type="link" onClick={() => setEditing(w)} aria-label={t('common.editNamed', { name: `${w.number} ${w.name}` })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="staff-page">
      <PageTitle title={t('console.windows')} />
      <div className="page-head">
        <h1>{t('console.windows')}</h1>
        {admin ? (
          <Button type="primary" onClick={() => setEditing(null)}>
            {t('windows.create')}
          </Button>
        ) : null}
      </div>
      <div className="filter-bar">
        <div className="filter">
          <label htmlFor="win-filter-region">{t('dept.region')}</label>
          <RegionTreeSelect
            id="win-filter-region"
            value={regionCode}
            onChange={(v) => {
              setRegionCode(v);
              setDepartmentId(undefined);
            }}
            allowClear
          />
        </div>
        <div className="filter">
          <label htmlFor="win-filter-dept">{t('window.department')}</label>
          <DepartmentSelect id="win-filter-dept" regionCode={regionCode} value={departmentId} onChange={setDepartmentId} allowClear />
        </div>
      </div>
      {windows.isError ? <ErrorResult error={windows.error} onRetry={() => void windows.refetch()} /> : null}
      <ScrollRegion label={t('console.windows')} wide>
        <Table rowKey="id" columns={columns} dataSource={windows.data?.items ?? []} loading={windows.isFetching} pagination={{ pageSize: 20, showSizeChanger: false }} />
      </ScrollRegion>
      {editing !== undefined ? <WindowForm window={editing} defaultRegion={regionCode ?? CITY_CODE} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}
