import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useWindows } from '../api/queries.ts';
import type { WindowView } from '../api/types.ts';
import { Filter, ListPage, useListEditing } from '../components/list-page.tsx';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
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
  const drawer = useListEditing<WindowView>({ canEdit: admin, createLabel: t('windows.create'), nameOf: (w) => `${w.number} ${w.name}` });

  const columns: TableColumnsType<WindowView> = [
    { title: t('window.number'), dataIndex: 'number', width: 90 },
    { title: t('window.name'), dataIndex: 'name' },
    { title: t('window.kind'), dataIndex: 'kind', render: (k: WindowView['kind']) => t(`windowKind.${k}`) },
    { title: t('window.hall'), dataIndex: 'hall' },
    { title: t('dept.region'), dataIndex: 'regionName' },
    { title: t('window.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
    ...drawer.editColumns,
  ];

  return (
    <ListPage
      title={t('console.windows')}
      action={drawer.createButton}
      filters={
        <>
          <Filter htmlFor="win-filter-region" label={t('dept.region')}>
            <RegionTreeSelect
              id="win-filter-region"
              value={regionCode}
              onChange={(v) => {
                setRegionCode(v);
                setDepartmentId(undefined);
              }}
              allowClear
            />
          </Filter>
          <Filter htmlFor="win-filter-dept" label={t('window.department')}>
            <DepartmentSelect id="win-filter-dept" regionCode={regionCode} value={departmentId} onChange={setDepartmentId} allowClear />
          </Filter>
        </>
      }
      result={windows}
      columns={columns}
    >
      {drawer.target !== undefined ? <WindowForm window={drawer.target} defaultRegion={regionCode ?? CITY_CODE} onClose={drawer.close} /> : null}
    </ListPage>
  );
}
