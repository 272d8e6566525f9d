import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { catalogApi, catalogKeys, type DraftListItem, useDrafts } from '../../api/catalog.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { operationLabel, VersionStatusTag } from './version-status.tsx';

type StatusFilter = DraftListItem['status'] | 'all';

/** 草稿箱: every open draft and version in review of the admin's region, with who is working on it; drafts can be discarded. */
export function DraftsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [status, setStatus] = useState<StatusFilter>('all');
  const drafts = useDrafts(status === 'all' ? undefined : status);
  const abandon = useMutation({
    mutationFn: (id: string) => catalogApi.abandon(id),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: catalogKeys.all });
      void message.success(t('catalogAdmin.abandoned'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const columns: TableColumnsType<DraftListItem> = [
    {
      title: t('catalogAdmin.itemName'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <>
          <Link to={`/console/catalog/items/${r.implementationId}`}>{t('catalogAdmin.nameVersion', { name, n: r.version })}</Link>
          {r.status === 'draft' && r.reviewComment ? <div className="field-error">{t('catalogDrafts.returned', { comment: r.reviewComment })}</div> : null}
        </>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', render: (s: DraftListItem['status']) => <VersionStatusTag status={s} /> },
    { title: t('catalogAdmin.operation'), dataIndex: 'operation', render: (op: string) => operationLabel(op, t) },
    { title: t('catalogAdmin.regionDept'), key: 'where', render: (_: unknown, r) => `${r.regionName} · ${r.departmentName}` },
    { title: t('catalogAdmin.author'), dataIndex: 'authorName' },
    { title: t('catalogDrafts.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v, lang) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r) =>
        r.status === 'in_review' ? (
          <Link to={`/console/catalog/versions/${r.id}`}>{t('catalogAdmin.openReview')}</Link>
        ) : (
          <ConfirmButton label={t('catalogAdmin.abandonDraft')} question={t('catalogAdmin.abandonConfirm', { n: r.version })} onConfirm={() => abandon.mutate(r.id)} danger />
        ),
    },
  ];
  return (
    <div className="staff-page">
      <PageTitle title={t('catalogDrafts.title')} />
      <div className="page-head">
        <h1>{t('catalogDrafts.title')}</h1>
        <Segmented<StatusFilter>
          aria-label={t('catalogDrafts.filter')}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('catalogDrafts.all') },
            { value: 'draft', label: t('catalog.status.draft') },
            { value: 'in_review', label: t('catalog.status.in_review') },
          ]}
        />
      </div>
      <p className="muted">{t('catalogDrafts.lead')}</p>
      {drafts.isError ? <ErrorResult error={drafts.error} onRetry={() => void drafts.refetch()} /> : null}
      <ScrollRegion label={t('catalogDrafts.title')}>
        <Table
          rowKey="id"
          columns={columns}
          dataSource={drafts.data?.items ?? []}
          loading={drafts.isFetching}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('catalogDrafts.empty') }}
        />
      </ScrollRegion>
    </div>
  );
}
