import { Button, Card, Empty, Table, type TableColumnsType, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { CaseListItem, CaseQueue } from '../../api/cases.ts';
import { useCaseQueue } from '../../api/cases.ts';
import { useMe } from '../../auth/session.ts';
import { CaseClockView, CaseStateTag } from '../../cases/case-parts.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';

/** The queues each role works from, first the one it opens on. */
function queuesFor(roles: readonly string[]): CaseQueue[] {
  const out: CaseQueue[] = [];
  if (roles.includes('window_clerk')) out.push('to_accept', 'supplementing');
  if (roles.includes('window_clerk') || roles.includes('approver')) out.push('claimable', 'my_tasks', 'returned');
  out.push('near_deadline', 'overdue', 'all');
  return out;
}

/** 办件队列: to accept, to claim, my tasks, returned, near deadline, overdue — one tab each. */
export function CaseQueuePage() {
  const t = useT();
  const { lang } = usePrefs();
  const me = useMe();
  const queues = queuesFor(me.data?.account.roles ?? []);
  const [params, setParams] = useSearchParams();
  const queue = (queues.find((q) => q === params.get('queue')) ?? queues[0] ?? 'all');
  const page = Number(params.get('page') ?? '1') || 1;
  const list = useCaseQueue(queue, page);
  const columns: TableColumnsType<CaseListItem> = [
    { title: t('case.number'), dataIndex: 'caseNumber', render: (n: string | null, r) => <Link to={`/workbench/cases/${r.id}`}>{n ?? '—'}</Link> },
    { title: t('case.item'), dataIndex: 'itemName' },
    { title: t('case.applicant'), dataIndex: 'applicantName' },
    { title: t('case.state'), dataIndex: 'state', render: (s: CaseListItem['state']) => <CaseStateTag state={s} /> },
    { title: t('case.step'), dataIndex: 'stepName', render: (s: string | null) => s ?? '—' },
    { title: t('case.submittedAt'), dataIndex: 'submittedAt', render: (d: string | null) => formatDateTime(d, lang) },
    { title: t('case.clock'), key: 'clock', render: (_, r) => <CaseClockView clock={r.clock} /> },
    { title: '', key: 'open', render: (_, r) => <Link to={`/workbench/cases/${r.id}`}><Button size="small">{t('case.open')}</Button></Link> },
  ];
  return (
    <div className="staff-page">
      <PageTitle title={t('workbench.cases')} />
      <h1>{t('workbench.cases')}</h1>
      <Tabs
        activeKey={queue}
        onChange={(k) => setParams({ queue: k })}
        items={queues.map((q) => ({ key: q, label: t(`case.queue.${q}`) }))}
      />
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card>
        {list.data && list.data.total === 0 ? (
          <Empty description={t('case.empty')} />
        ) : (
          <ScrollRegion label={t(`case.queue.${queue}`)}>
            <Table
              rowKey={(r) => `${r.id}:${r.taskId ?? ''}`}
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isPending}
              size="middle"
              pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => setParams({ queue, page: String(p) }) }}
            />
          </ScrollRegion>
        )}
      </Card>
    </div>
  );
}
