import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { orgApi } from '../api/endpoints.ts';
import { qk, useStaffList } from '../api/queries.ts';
import type { StaffView } from '../api/types.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { useErrorText } from '../components/error-text.ts';
import { EditButton, Filter, ListPage, SearchFilter, useListEditing, usePagedTable } from '../components/list-page.tsx';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { CITY_CODE, formatDateTime } from '../site.ts';
import { StaffForm } from './staff-form.tsx';

/** Disable/enable and unlock, each confirmed, each refreshing the list. */
function useStaffActions() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const done = async () => {
    await qc.invalidateQueries({ queryKey: qk.staff });
    void message.success(t('common.saved'));
  };
  const fail = (e: unknown) => void message.error(errorText(e));
  const setStatus = useMutation({ mutationFn: (v: { id: string; status: 'active' | 'disabled' }) => orgApi.updateStaff(v.id, { status: v.status }), onSuccess: done, onError: fail });
  const unlock = useMutation({ mutationFn: (id: string) => orgApi.unlockStaff(id), onSuccess: done, onError: fail });
  return { setStatus, unlock };
}

/** 人员管理: staff of a region/department, searchable and paged by the server. */
export function StaffPage() {
  const t = useT();
  const { lang } = usePrefs();
  const table = usePagedTable();
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const staff = useStaffList({ q: table.q, regionCode, departmentId, page: table.page, pageSize: table.pageSize });
  const drawer = useListEditing<StaffView>({ createLabel: t('staff.create') });
  const { setStatus, unlock } = useStaffActions();

  const columns: TableColumnsType<StaffView> = [
    { title: t('field.name'), dataIndex: 'displayName' },
    { title: t('field.username'), dataIndex: 'username' },
    { title: t('account.roles'), dataIndex: 'roles', render: (roles: StaffView['roles']) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
    { title: t('staff.scopeRegion'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
    { title: t('staff.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? t('workbench.allDepartments') },
    { title: t('staff.title'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'status', render: (s: StaffView['status']) => <StatusTag status={s} /> },
    { title: t('account.lastLoginAt'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v, lang) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, s: StaffView) => (
        <span className="table-actions">
          <EditButton name={s.displayName} onClick={() => drawer.edit(s)} />
          {s.status === 'locked' ? (
            <ConfirmButton label={t('staff.unlock')} question={t('staff.unlockConfirm', { name: s.displayName })} onConfirm={() => unlock.mutate(s.id)} />
          ) : null}
          {s.status === 'disabled' ? (
            <ConfirmButton label={t('staff.enable')} question={t('staff.enableConfirm', { name: s.displayName })} onConfirm={() => setStatus.mutate({ id: s.id, status: 'active' })} />
          ) : s.status !== 'deregistered' ? (
            <ConfirmButton label={t('staff.disable')} question={t('staff.disableConfirm', { name: s.displayName })} onConfirm={() => setStatus.mutate({ id: s.id, status: 'disabled' })} danger />
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <ListPage
      title={t('console.staff')}
      action={drawer.createButton}
      filters={
        <>
          <SearchFilter id="staff-filter-q" label={t('staff.search')} maxLength={50} {...table.search} />
          <Filter htmlFor="staff-filter-region" label={t('staff.scopeRegion')}>
            <RegionTreeSelect
              id="staff-filter-region"
              value={regionCode}
              onChange={table.firstPage((v: string | undefined) => {
                setRegionCode(v);
                setDepartmentId(undefined);
              })}
              allowClear
            />
          </Filter>
          <Filter htmlFor="staff-filter-dept" label={t('staff.department')}>
            <DepartmentSelect id="staff-filter-dept" regionCode={regionCode} value={departmentId} onChange={table.firstPage(setDepartmentId)} allowClear />
          </Filter>
        </>
      }
      result={staff}
      columns={columns}
      pagination={table.pagination(staff.data?.total)}
    >
      {drawer.target !== undefined ? <StaffForm staff={drawer.target} defaultRegion={regionCode ?? CITY_CODE} onClose={drawer.close} /> : null}
    </ListPage>
  );
}
