import { Card, Descriptions, type DescriptionsProps, Table, type TableColumnsType, Timeline } from 'antd';
import { Link } from 'react-router';
import type { CaseClock, CaseTask, CaseView, MaterialEntry, TimelineEvent } from '../api/cases.ts';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { TimeLimitStatus } from '../components/time-limit-status.tsx';
import { useT, type MessageKey } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

// Accessible colour pairs (styles.css); antd's preset tag colours fall below AA.
const STATE_STYLE: Record<CaseView['state'], string> = {
  draft: 'status-off', submitted: 'status-warn', supplementing: 'status-warn', processing: 'status-ok', suspended: 'status-warn',
  not_accepted: 'status-danger', withdrawn: 'status-off', denied: 'status-danger', completed: 'status-ok', delivered: 'status-ok',
};

/** A case state as a coloured tag. */
export function CaseStateTag({ state }: { state: CaseView['state'] }) {
  const t = useT();
  return <span className={`status-tag ${STATE_STYLE[state]}`}>{t(`case.state.${state}` as MessageKey)}</span>;
}

/** A case clock in the shared time-limit layout (or a dash before acceptance). */
export function CaseClockView({ clock }: { clock: CaseClock | null }) {
  return clock ? <TimeLimitStatus limit={clock} /> : <span>—</span>;
}

/** How a material was provided, in words. */
export function MaterialEntryText({ entry }: { entry: MaterialEntry | null }) {
  const t = useT();
  if (!entry) return <span className="status-tag status-warn">{t('case.notProvided')}</span>;
  if (entry.via === 'upload') return <span>{t('case.via.upload', { n: entry.fileIds.length })}</span>;
  if (entry.via === 'promise') return <span>{t('case.via.promise')}：{entry.promise}</span>;
  return <span>{t(`case.via.${entry.via}`)}</span>;
}

/** The facts of a case: number, item and guide version, applicant, department, times, clock. */
export function CaseFacts({ c, guideLink }: { c: CaseView; guideLink: string }) {
  const t = useT();
  const { lang } = usePrefs();
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: t('case.number'), children: c.caseNumber ?? '—' },
    { key: 'state', label: t('case.state'), children: <CaseStateTag state={c.state} /> },
    { key: 'item', label: t('case.item'), children: `${c.itemName}（${t(`case.channel.${c.channel}`)}）` },
    { key: 'version', label: t('case.version'), children: <Link to={guideLink}>{t('case.versionLink', { n: c.versionNumber })}</Link> },
    { key: 'applicant', label: t('case.applicant'), children: [c.applicant.name, c.applicant.idNumberMasked ?? c.applicant.creditCode].filter(Boolean).join(' ') },
    { key: 'department', label: t('case.department'), children: `${c.regionName}${c.departmentName.startsWith(c.regionName) ? c.departmentName.slice(c.regionName.length) : c.departmentName}` },
    { key: 'submitted', label: t('case.submittedAt'), children: formatDateTime(c.submittedAt, lang) },
    { key: 'accepted', label: t('case.acceptedAt'), children: formatDateTime(c.acceptedAt, lang) },
    { key: 'receipt', label: t('case.receipt'), children: c.receiptNumber ?? '—' },
    { key: 'clock', label: t('case.clock'), children: <CaseClockView clock={c.clock} /> },
  ];
  return <Descriptions column={{ xs: 1, md: 2 }} items={items} bordered size="small" className="block-gap" />;
}

/** The guide's materials beside what the case holds. */
export function CaseMaterials({ c }: { c: CaseView }) {
  const t = useT();
  const columns: TableColumnsType<CaseView['materials'][number]> = [
    { title: t('case.material'), dataIndex: 'name' },
    { title: t('case.provided'), key: 'entry', render: (_, m) => <MaterialEntryText entry={m.entry} /> },
    { title: t('case.field.reason'), dataIndex: 'supplementReason', render: (r: string | null) => r ?? '' },
  ];
  return (
    <Card title={<h2 className="card-title">{t('case.materials')}</h2>} className="block-gap">
      <ScrollRegion label={t('case.materials')}>
        <Table rowKey="key" columns={columns} dataSource={c.materials} pagination={false} size="small" />
      </ScrollRegion>
    </Card>
  );
}

/** The tasks of every round: step, department, status, who, opinion. */
export function CaseTasks({ tasks }: { tasks: CaseTask[] }) {
  const t = useT();
  const columns: TableColumnsType<CaseTask> = [
    { title: t('case.step'), key: 'step', render: (_, k) => `${k.stepName}（${t('case.task.round', { n: k.round })}）` },
    { title: t('case.department'), dataIndex: 'departmentName' },
    { title: t('case.state'), dataIndex: 'status', render: (s: CaseTask['status']) => t(`case.task.status.${s}`) },
    { title: t('case.assignee'), dataIndex: 'assigneeName', render: (n: string | null) => n ?? '—' },
    { title: t('case.opinion'), dataIndex: 'opinion', render: (o: string | null) => o ?? '' },
  ];
  if (tasks.length === 0) return null;
  return (
    <Card title={<h2 className="card-title">{t('case.tasks')}</h2>} className="block-gap">
      <ScrollRegion label={t('case.tasks')}>
        <Table rowKey="id" columns={columns} dataSource={tasks} pagination={false} size="small" />
      </ScrollRegion>
    </Card>
  );
}

/** The timeline: when, who, what (with the step), and the opinion. */
export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <Card title={<h2 className="card-title">{t('case.timeline')}</h2>} className="block-gap">
      <Timeline
        items={events.map((e) => ({
          key: e.seq,
          content: (
            <div>
              <strong>{e.actionLabel}</strong>
              {e.source === 'department_system' ? <span className="status-tag status-warn"> {t('case.sourceDepartmentSystem')}</span> : null}
              {e.stepName ? `·${e.stepName}` : ''} — {e.actorName}，{formatDateTime(e.occurredAt, lang)}
              {e.action === 'department_progress' && typeof e.data?.status === 'string' ? <div>{t('case.departmentStatus')}：{e.data.status}</div> : null}
              {e.opinion ? <div>{t('case.opinion')}：{e.opinion}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** Supplement request, decision, result and delivery, when there are any. */
export function CaseOutcome({ c }: { c: CaseView }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <>
      {c.supplementRequest ? (
        <Card title={<h2 className="card-title">{t('case.supplementNotice')}</h2>} className="block-gap">
          <ul>
            {c.supplementRequest.items.map((i) => (
              <li key={i.key}>
                <strong>{i.name}</strong>：{i.reason}
              </li>
            ))}
          </ul>
          {c.supplementRequest.notice ? <p>{c.supplementRequest.notice}</p> : null}
        </Card>
      ) : null}
      {c.decision ? (
        <Card title={<h2 className="card-title">{t('case.decision')}</h2>} className="block-gap">
          <ul>{c.decision.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          {c.decision.notice ? <p>{c.decision.notice}</p> : null}
        </Card>
      ) : null}
      {c.result ? (
        <Card title={<h2 className="card-title">{t('case.result')}</h2>} className="block-gap">
          <p>
            <strong>{c.result.name}</strong> · {t('case.resultNumber', { n: c.result.documentNumber })} · {formatDateTime(c.result.issuedAt, lang)}
          </p>
          {c.delivery ? (
            <p>
              {t('case.delivery')}：{t(`case.delivery.${c.delivery.method}`)}
              {c.delivery.trackingNumber ? `（${c.delivery.trackingNumber}）` : ''} {formatDateTime(c.delivery.deliveredAt, lang)}
            </p>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
