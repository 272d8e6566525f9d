import { Checkbox, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useDepartments } from '../api/queries.ts';
import type { DepartmentView } from '../api/types.ts';
import { Filter, ListPage, SearchFilter, useListEditing, useSearchText } from '../components/list-page.tsx';
import { RegionTreeSelect } from '../components/org-selects.tsx';
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
  const { q, search } = useSearchText();
  const [includeInactive, setIncludeInactive] = useState(false);
  const departments = useDepartments({ regionCode, q, includeInactive: includeInactive || undefined });
  const drawer = useListEditing<DepartmentView>({ canEdit: admin, createLabel: t('departments.create'), nameOf: (d) => d.name });

  const columns: TableColumnsType<DepartmentView> = [
    { title: t('dept.name'), dataIndex: 'name' },
    { title: t('dept.shortName'), dataIndex: 'shortName', render: (v: string | null) => v ?? '—' },
    { title: t('dept.level'), dataIndex: 'level', render: (l: DepartmentView['level']) => t(`deptLevel.${l}`) },
    { title: t('dept.region'), dataIndex: 'regionName' },
    { title: t('dept.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: t('dept.staffCount'), dataIndex: 'staffCount', align: 'right' },
    { title: t('orders.deptHead'), dataIndex: 'headName', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
    ...drawer.editColumns,
  ];

  return (
    <ListPage
      title={t('console.departments')}
      action={drawer.createButton}
      filters={
        <>
          <Filter htmlFor="dept-filter-region" label={t('dept.region')}>
            <RegionTreeSelect id="dept-filter-region" value={regionCode} onChange={setRegionCode} allowClear />
          </Filter>
          <SearchFilter id="dept-filter-q" label={t('common.keyword')} maxLength={30} {...search} />
          <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
            {t('departments.includeInactive')}
          </Checkbox>
        </>
      }
      result={departments}
      columns={columns}
    >
      {drawer.target !== undefined ? <DepartmentForm department={drawer.target} defaultRegion={regionCode ?? CITY_CODE} onClose={drawer.close} /> : null}
    </ListPage>
  );
}
