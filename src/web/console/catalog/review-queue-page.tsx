import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { type ReviewQueueItem, useReviewQueue } from '../../api/catalog.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { operationLabel } from './version-status.tsx';

/** 待审核: versions submitted in the admin's region; one's own submissions wait for a colleague. */
export function ReviewQueuePage() {
  const t = useT();
  const { lang } = usePrefs();
  const queue = useReviewQueue();
  const columns: TableColumnsType<ReviewQueueItem> = [
    {
      title: t('catalogAdmin.itemName'),
      dataIndex: 'name',
      render: (name: string, r) => <Link to={`/console/catalog/versions/${r.id}`}>{t('catalogAdmin.nameVersion', { name, n: r.version })}</Link>,
    },
    { title: t('catalogAdmin.operation'), dataIndex: 'operation', render: (op: string) => operationLabel(op, t) },
    { title: t('catalogAdmin.regionDept'), key: 'where', render: (_: unknown, r) => `${r.regionName} · ${r.departmentName}` },
    { title: t('catalogAdmin.changeNote'), dataIndex: 'changeNote', render: (v: string | null) => v ?? '—' },
    { title: t('catalogAdmin.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => formatDateTime(v, lang) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r) =>
        r.mine ? (
          <span className="status-tag status-off">{t('catalogAdmin.needsOther')}</span>
        ) : (
          <Link to={`/console/catalog/versions/${r.id}`} aria-label={t('catalogAdmin.reviewNamed', { name: r.name, n: r.version })}>
            {t('catalogAdmin.review')}
          </Link>
        ),
    },
  ];
  return (
    <div className="staff-page">
      <PageTitle title={t('console.catalogReview')} />
      <div className="page-head">
        <h1>{t('console.catalogReview')}</h1>
      </div>
      <p className="muted">{t('catalogAdmin.reviewLead')}</p>
      {queue.isError ? <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      <ScrollRegion label={t('console.catalogReview')}>
        <Table
          rowKey="id"
          columns={columns}
          dataSource={queue.data?.items ?? []}
          loading={queue.isFetching}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('catalogAdmin.queueEmpty') }}
        />
      </ScrollRegion>
    </div>
  );
}
