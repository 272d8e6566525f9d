import { Button, Checkbox, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useDepartments } from '../api/queries.ts';
import type { DepartmentView } from '../api/types.ts';
import { RegionTreeSelect } from '../components/org-selects.tsx';
import { useDebounced } from '../components/use-debounced.ts';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { ActiveTag } from '../components/status-tag.tsx';
import { useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';
import { DepartmentForm } from './department-form.tsx';
import { useIsSystemAdmin } from './permissions.ts';

/** 部门管理: departments of a region subtree; the system administrator creates and edits them. */
export function DepartmentsPage() {
  const t = useT();
  const admin = useIsSystemAdmin();
  const [regionCode, setRegionCode] = useState<string | undefined>(CITY_CODE);
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const query = useDebounced(q.trim());
  const departments = useDepartments({ regionCode, q: query || undefined, includeInactive: includeInactive || undefined });
  // null: creating; a department: editing it; undefined: drawer closed.
  const [editing, setEditing] = useState<DepartmentView | null | undefined>(undefined);

  const columns: TableColumnsType<DepartmentView> = [
    { title: t('dept.name'), dataIndex: 'name' },
    { title: t('dept.shortName'), dataIndex: 'shortName', render: (v: string | null) => v ?? '—' },
    { title: t('dept.level'), dataIndex: 'level', render: (l: DepartmentView['level']) => t(`deptLevel.${l}`) },
    { title: t('dept.region'), dataIndex: 'regionName' },
    { title: t('dept.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: t('dept.staffCount'), dataIndex: 'staffCount', align: 'right' },
    { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
    ...(admin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: DepartmentView) => (
              <Button type="link" onClick={() => setEditing(d)} aria-label={t('common.editNamed', { name: d.name })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="staff-page">
      <PageTitle title={t('console.departments')} />
      <div className="page-head">
        <h1>{t('console.departments')}</h1>
        {admin ? (
          <Button type="primary" onClick={() => setEditing(null)}>
            {t('departments.create')}
          </Button>
        ) : null}
      </div>
      <div className="filter-bar">
        <div className="filter">
          <label htmlFor="dept-filter-region">{t('dept.region')}</label>
          <RegionTreeSelect id="dept-filter-region" value={regionCode} onChange={setRegionCode} allowClear />
        </div>
        <div className="filter">
          <label htmlFor="dept-filter-q">{t('common.keyword')}</label>
          <Input id="dept-filter-q" value={q} onChange={(e) => setQ(e.target.value)} allowClear maxLength={30} />
        </div>
        <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
          {t('departments.includeInactive')}
        </Checkbox>
      </div>
      {departments.isError ? <ErrorResult error={departments.error} onRetry={() => void departments.refetch()} /> : null}
      <ScrollRegion label={t('console.departments')} wide>
        <Table
          rowKey="id"
          columns={columns}
          dataSource={departments.data?.items ?? []}
          loading={departments.isFetching}
          pagination={{ pageSize: 20, showSizeChanger: false }}
        />
      </ScrollRegion>
      {editing !== undefined ? <DepartmentForm department={editing} defaultRegion={regionCode ?? CITY_CODE} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}
