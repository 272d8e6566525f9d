import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { orgApi } from '../api/endpoints.ts';
import { qk, useStaffList } from '../api/queries.ts';
import type { StaffView } from '../api/types.ts';
import { useErrorText } from '../components/error-text.ts';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useDebounced } from '../components/use-debounced.ts';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { CITY_CODE, formatDateTime } from '../site.ts';
import { StaffForm } from './staff-form.tsx';

const PAGE_SIZE = 20;

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
  const [q, setQ] = useState('');
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const query = useDebounced(q.trim());
  const staff = useStaffList({ q: query || undefined, regionCode, departmentId, page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<StaffView | null | undefined>(undefined);
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
          <Button type="link" onClick={() => setEditing(s)} aria-label={t('common.editNamed', { name: s.displayName })}>
            {t('common.edit')}
          </Button>
          {s.status === 'locked' ? (
            <Popconfirm title={t('staff.unlockConfirm', { name: s.displayName })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => unlock.mutate(s.id)}>
              <Button type="link">{t('staff.unlock')}</Button>
            </Popconfirm>
          ) : null}
          {s.status === 'disabled' ? (
            <Popconfirm title={t('staff.enableConfirm', { name: s.displayName })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => setStatus.mutate({ id: s.id, status: 'active' })}>
              <Button type="link">{t('staff.enable')}</Button>
            </Popconfirm>
          ) : s.status !== 'deregistered' ? (
            <Popconfirm title={t('staff.disableConfirm', { name: s.displayName })} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => setStatus.mutate({ id: s.id, status: 'disabled' })}>
              <Button type="link" danger>
                {t('staff.disable')}
              </Button>
            </Popconfirm>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <div className="staff-page">
      <PageTitle title={t('console.staff')} />
      <div className="page-head">
        <h1>{t('console.staff')}</h1>
        <Button type="primary" onClick={() => setEditing(null)}>
          {t('staff.create')}
        </Button>
      </div>
      <div className="filter-bar">
        <div className="filter">
          <label htmlFor="staff-filter-q">{t('staff.search')}</label>
          <Input
            id="staff-filter-q"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            allowClear
            maxLength={50}
          />
        </div>
        <div className="filter">
          <label htmlFor="staff-filter-region">{t('staff.scopeRegion')}</label>
          <RegionTreeSelect
            id="staff-filter-region"
            value={regionCode}
            onChange={(v) => {
              setRegionCode(v);
              setDepartmentId(undefined);
              setPage(1);
            }}
            allowClear
          />
        </div>
        <div className="filter">
          <label htmlFor="staff-filter-dept">{t('staff.department')}</label>
          <DepartmentSelect
            id="staff-filter-dept"
            regionCode={regionCode}
            value={departmentId}
            onChange={(v) => {
              setDepartmentId(v);
              setPage(1);
            }}
            allowClear
          />
        </div>
      </div>
      {staff.isError ? <ErrorResult error={staff.error} onRetry={() => void staff.refetch()} /> : null}
      <ScrollRegion label={t('console.staff')} wide>
        <Table
          rowKey="id"
          columns={columns}
          dataSource={staff.data?.items ?? []}
          loading={staff.isFetching}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: staff.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { n: total }),
            onChange: setPage,
          }}
        />
      </ScrollRegion>
      {editing !== undefined ? <StaffForm staff={editing} defaultRegion={regionCode ?? CITY_CODE} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}
