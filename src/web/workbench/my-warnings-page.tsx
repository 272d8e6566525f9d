import { Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { WarningLevel } from '../../common/schemas/supervision.ts';
import { useMyWarnings, type WarningStatus, type WarningView } from '../api/supervision.ts';
import { Filter } from '../components/list-page.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { LevelTag, pointLabel, warningFacts } from '../dashboards/supervision-parts.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';
import '../dashboards/dashboards.css';

/**
 * 我的预警: the warnings raised to me (as a case's handler or its department's head), newest first,
 * each with a link to the case so that I can act on it before it turns red.
 */
export function MyWarningsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<WarningStatus>('open');
  const warnings = useMyWarnings(page, status);
  const title = t('sup.mine.title');
  const columns: TableColumnsType<WarningView> = [
    { title: t('sup.warn.level'), dataIndex: 'level', key: 'level', width: 80, render: (l: WarningLevel) => <LevelTag level={l} /> },
    { title: t('sup.point.name'), dataIndex: 'pointCode', key: 'point', render: (c: string) => pointLabel(t, c) },
    { title: t('sup.warn.case'), key: 'case', render: (_: unknown, w) => <Link to={`/workbench/cases/${w.caseId}`}>{w.caseNumber ?? t('sup.warn.noNumber')}</Link> },
    { title: t('sup.warn.item'), dataIndex: 'itemName', key: 'item' },
    { title: t('sup.warn.due'), dataIndex: 'dueDate', key: 'due', render: (d: string | null) => d ?? '—' },
    { title: t('sup.warn.facts'), key: 'days', render: (_: unknown, w) => warningFacts(t, w) },
    { title: t('sup.warn.raisedAt'), dataIndex: 'raisedAt', key: 'raisedAt', render: (at: string) => formatDateTime(at, lang) },
    {
      title: t('common.status'), dataIndex: 'status', key: 'status',
      render: (s: 'open' | 'resolved', w) => (s === 'open' ? t('sup.warn.open') : t('sup.warn.resolvedAt', { at: formatDateTime(w.resolvedAt, lang) })),
    },
  ];
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="muted">{t('sup.mine.lead')}</p>
      <div className="filter-bar">
        <Filter htmlFor="my-warnings-status" label={t('common.status')}>
          <Select<WarningStatus>
            id="my-warnings-status"
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['open', 'resolved', 'all'] as const).map((s) => ({ value: s, label: t(`sup.status.${s}`) }))}
            style={{ width: 120 }}
          />
        </Filter>
      </div>
      {warnings.isError ? <ErrorResult error={warnings.error} onRetry={() => void warnings.refetch()} /> : null}
      <ScrollRegion label={title} wide>
        <Table<WarningView>
          rowKey="id"
          columns={columns}
          dataSource={warnings.data?.items ?? []}
          loading={warnings.isFetching}
          locale={{ emptyText: t('sup.mine.none') }}
          pagination={{
            current: page,
            pageSize: warnings.data?.pageSize ?? 20,
            total: warnings.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { n }),
            onChange: setPage,
          }}
        />
      </ScrollRegion>
    </div>
  );
}
