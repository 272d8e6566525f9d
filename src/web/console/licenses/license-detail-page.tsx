import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Table, type TableColumnsType, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { VERIFY_VERDICTS } from '../../../common/schemas/licenses.ts';
import { type LicenseDetail, type LicenseEvent, type LicenseUse, useRegistryLicense, type VerifyVerdict } from '../../api/licenses-staff.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { type Translate, useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { useLicenseRole } from '../permissions.ts';
import { DocumentButtons, LicenseDataList, LicenseFacts, LicenseStateTag, VerdictTag } from './license-parts.tsx';
import { LifecycleActions } from './lifecycle-actions.tsx';

const EVENTS = ['record', 'issue', 'suspend', 'resume', 'revoke', 'change', 'renew'] as const;
const USE_CHANNELS = ['qr', 'identifier', 'api', 'ofd', 'pdf', 'query', 'case', 'application'] as const;
const STATES = ['pending', 'valid', 'suspended', 'revoked', 'superseded'] as const;

function eventLabel(e: string, t: Translate): string {
  return (EVENTS as readonly string[]).includes(e) ? t(`licAdmin.event.${e as (typeof EVENTS)[number]}`) : e;
}

function stateLabel(s: string | null, t: Translate): string {
  if (!s) return '—';
  return (STATES as readonly string[]).includes(s) ? t(`licAdmin.state.${s as (typeof STATES)[number]}`) : s;
}

/** The lifecycle of a license, newest last: event, state change, reason, who and when. */
function EventsTimeline({ events }: { events: LicenseEvent[] }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <Timeline
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        content: (
          <div>
            <strong>{eventLabel(e.event, t)}</strong>
            {e.toState ? <span className="muted">（{stateLabel(e.fromState, t)} → {stateLabel(e.toState, t)}）</span> : null} — {e.actorName}，{formatDateTime(e.at, lang)}
            {e.reason ? (
              <div>
                {t('licAdmin.act.reason')}：{e.reason}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

/** 用证记录: every verification, grant, use in a case, staff query and download. */
function UsesTable({ uses, caseBase }: { uses: LicenseUse[]; caseBase?: string | undefined }) {
  const t = useT();
  const { lang } = usePrefs();
  const columns: TableColumnsType<LicenseUse> = [
    { title: t('licAdmin.use.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang), className: 'nowrap' },
    { title: t('licAdmin.use.kind'), dataIndex: 'kind', render: (k: LicenseUse['kind']) => t(`licAdmin.use.kind.${k}`), className: 'nowrap' },
    {
      title: t('licAdmin.use.channel'),
      dataIndex: 'channel',
      render: (c: string | null) => (c && (USE_CHANNELS as readonly string[]).includes(c) ? t(`licAdmin.use.channel.${c as (typeof USE_CHANNELS)[number]}`) : (c ?? '—')),
      className: 'nowrap',
    },
    { title: t('licAdmin.use.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('licAdmin.use.anonymous') },
    { title: t('licAdmin.use.purpose'), dataIndex: 'purpose', render: (v: string | null) => v ?? '—' },
    {
      title: t('licAdmin.use.result'),
      dataIndex: 'result',
      // A verification answers a verdict; a staff query records the state the license was in.
      render: (r: string | null, u) => (u.kind === 'verify' && r && (VERIFY_VERDICTS as readonly string[]).includes(r) ? <VerdictTag verdict={r as VerifyVerdict} /> : stateLabel(r, t)),
      className: 'nowrap',
    },
    {
      title: t('licAdmin.use.case'),
      dataIndex: 'caseId',
      className: 'nowrap',
      render: (id: string | null) => (id ? caseBase ? <Link to={`${caseBase}/${id}`}>{t('licAdmin.use.openCase')}</Link> : t('licAdmin.use.inCase') : '—'),
    },
  ];
  if (uses.length === 0) return <p className="muted">{t('licAdmin.use.none')}</p>;
  return (
    <ScrollRegion label={t('licAdmin.uses')}>
      <Table<LicenseUse> rowKey={(u) => `${u.at}-${u.kind}-${u.actorName ?? ''}`} columns={columns} dataSource={uses} size="small" pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }} />
    </ScrollRegion>
  );
}

/** Why the license is not (or no longer) valid, with the way to its other versions. */
function StateNotice({ license, basePath }: { license: LicenseDetail; basePath: string }) {
  const t = useT();
  if (license.state === 'superseded') {
    return (
      <Alert
        type="info"
        showIcon
        className="block-gap"
        title={t('licAdmin.notice.superseded')}
        description={
          <>
            {license.stateReason ? `${t('licAdmin.act.reason')}：${license.stateReason} ` : ''}
            {license.nextId ? <Link to={`${basePath}/${license.nextId}`}>{t('licAdmin.notice.openNext')}</Link> : null}
          </>
        }
      />
    );
  }
  if (license.state === 'suspended' || license.state === 'revoked') {
    return (
      <Alert
        type={license.state === 'revoked' ? 'error' : 'warning'}
        showIcon
        className="block-gap"
        title={t(`licAdmin.notice.${license.state}`)}
        description={license.stateReason ? `${t('licAdmin.act.reason')}：${license.stateReason}` : undefined}
      />
    );
  }
  if (license.state === 'pending') return <Alert type="info" showIcon className="block-gap" title={t('licAdmin.notice.pending')} />;
  if (license.expired) return <Alert type="warning" showIcon className="block-gap" title={t('licAdmin.notice.expired')} />;
  return null;
}

/**
 * 证照详情 in the registry: the facts and 照面信息, the lifecycle actions its state allows, the
 * documents, the lifecycle and the use record. `basePath` is the registry's path (console or workbench).
 */
export function LicenseDetailPage({ basePath, caseBase }: { basePath: string; caseBase?: string }) {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const canManage = useLicenseRole('manage');
  const q = useRegistryLicense(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const l = q.data;
  const title = `${l.typeName} · ${l.holderName}`;
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <p>
        <Link to={basePath}>
          <ArrowLeftOutlined /> {t('licAdmin.backToRegistry')}
        </Link>
      </p>
      <div className="license-head">
        <h1>{title}</h1>
        <LicenseStateTag state={l.state} expired={l.expired} />
      </div>
      <StateNotice license={l} basePath={basePath} />
      <Card className="block-gap" size="small">
        <div className="license-actions" role="group" aria-label={t('licAdmin.actions')}>
          {canManage ? <LifecycleActions license={l} onDone={(next) => next.id !== l.id && void navigate(`${basePath}/${next.id}`)} /> : null}
          <span className="spacer" />
          <DocumentButtons license={l} />
        </div>
      </Card>
      <Card title={<h2 className="card-title">{t('licAdmin.facts')}</h2>} className="block-gap">
        <LicenseFacts
          license={l}
          extra={[
            { key: 'source', label: t('licAdmin.source'), children: t(`licAdmin.source.${l.source}`) },
            ...(l.previousId ? [{ key: 'prev', label: t('licAdmin.previousVersion'), children: <Link to={`${basePath}/${l.previousId}`}>{t('licAdmin.versionN', { n: l.version - 1 })}</Link> }] : []),
          ]}
          long={[
            {
              key: 'verify',
              label: t('licAdmin.verifyUrl'),
              children: (
                <Typography.Text copyable={{ text: l.verifyUrl, tooltips: [t('licAdmin.copy'), t('licAdmin.copied')] }} className="mono-text">
                  {l.verifyUrl}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Card title={<h2 className="card-title">{t('licAdmin.data')}</h2>} className="block-gap">
        <LicenseDataList data={l.data} />
      </Card>
      <Card title={<h2 className="card-title">{t('licAdmin.events')}</h2>} className="block-gap">
        <EventsTimeline events={l.events} />
      </Card>
      <Card title={<h2 className="card-title">{t('licAdmin.uses')}</h2>} className="block-gap">
        <UsesTable uses={l.uses} caseBase={caseBase} />
      </Card>
    </div>
  );
}
