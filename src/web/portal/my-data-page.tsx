import { App, Button, Input, Pagination, Popconfirm, Radio, Tag } from 'antd';
import { useState } from 'react';
import { DATA_USAGE_CATEGORIES, type DataUsageCategory } from '../../common/data-usage.ts';
import { type DataUsageRecord, type MySession, useDataUsage, useEndSession, useMySessions } from '../api/data-usage.ts';
import { useErrorText } from '../components/error-text.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { type MessageKey, type Translate, useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';
import './my-data.css';

const PAGE_SIZE = 20;

const END_REASONS: Record<string, MessageKey> = {
  logout: 'myData.reason.logout',
  expired: 'myData.reason.expired',
  'ended by owner': 'myData.reason.endedByOwner',
  'password changed': 'myData.reason.passwordChanged',
  deregistered: 'myData.reason.deregistered',
  'permissions changed': 'myData.reason.permissionsChanged',
  'account inactive': 'myData.reason.accountInactive',
};

const CATEGORY_LABELS: Record<DataUsageCategory, MessageKey> = {
  login: 'myData.cat.login',
  sso: 'myData.cat.sso',
  read: 'myData.cat.read',
  account: 'myData.cat.account',
  license: 'myData.cat.license',
  other: 'myData.cat.other',
};

function reasonText(t: Translate, reason: string): string {
  const key = END_REASONS[reason];
  return key ? t(key) : reason;
}

function methodText(t: Translate, m: MySession['method']): string {
  return m ? t(`myData.method.${m}`) : '—';
}

/** One session: device, method, masked IP, times; 下线 for another active one. */
function SessionItem({ s }: { s: MySession }) {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const end = useEndSession();
  const device = s.device ?? t('myData.unknownDevice');
  return (
    <li className="session-item">
      <div className="session-head">
        <strong>{device}</strong>
        {s.current ? <Tag className="status-tag status-ok">{t('myData.current')}</Tag> : null}
        {!s.current && s.active ? <Tag className="status-tag status-warn">{t('myData.activeTag')}</Tag> : null}
        {!s.active ? <Tag className="status-tag status-off">{t('myData.endedTag')}</Tag> : null}
      </div>
      <dl className="usage-facts">
        <dt>{t('myData.method')}</dt>
        <dd>{methodText(t, s.method)}</dd>
        <dt>{t('myData.ip')}</dt>
        <dd>{s.ipMasked ?? '—'}</dd>
        <dt>{t('myData.loginAt')}</dt>
        <dd>{formatDateTime(s.createdAt, lang)}</dd>
        <dt>{t('myData.lastSeen')}</dt>
        <dd>{formatDateTime(s.lastSeenAt, lang)}</dd>
        {s.endedAt ? (
          <>
            <dt>{t('myData.endedAt')}</dt>
            <dd>{formatDateTime(s.endedAt, lang)}</dd>
          </>
        ) : null}
        {s.endReason ? (
          <>
            <dt>{t('myData.endReason')}</dt>
            <dd>{reasonText(t, s.endReason)}</dd>
          </>
        ) : null}
      </dl>
      {s.active && !s.current ? (
        <Popconfirm
          title={t('myData.endConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            end.mutate(s.id, {
              onSuccess: () => void message.success(t('myData.endDone')),
              onError: (e) => void message.error(errorText(e)),
            })
          }
        >
          <Button danger loading={end.isPending} aria-label={t('myData.endLabel', { device, time: formatDateTime(s.createdAt, lang) })}>
            {t('myData.end')}
          </Button>
        </Popconfirm>
      ) : null}
    </li>
  );
}

/** 登录设备: the active sessions, then those ended in the last 30 days (folded). */
function SessionsCard() {
  const t = useT();
  const q = useMySessions();
  const items = q.data?.items ?? [];
  const active = items.filter((s) => s.active);
  const ended = items.filter((s) => !s.active);
  return (
    <section className="my-data-card" aria-labelledby="my-sessions-title">
      <h2 id="my-sessions-title" className="card-title">
        {t('myData.sessions')}
      </h2>
      <p className="muted">{t('myData.sessionsLead')}</p>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      <ul className="session-list">
        {active.map((s) => (
          <SessionItem key={s.id} s={s} />
        ))}
      </ul>
      {q.data && active.every((s) => s.current) ? <p>{t('myData.noOtherSessions')}</p> : null}
      {ended.length > 0 ? (
        <details className="ended-sessions">
          <summary>{t('myData.endedSessions', { n: ended.length })}</summary>
          <ul className="session-list">
            {ended.map((s) => (
              <SessionItem key={s.id} s={s} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function whoText(t: Translate, a: DataUsageRecord['actor']): string {
  switch (a.kind) {
    case 'self':
      return t('myData.self');
    case 'platform':
      return t('myData.platform');
    case 'anonymous':
      return t('myData.anonymous');
    case 'system':
      return t('myData.system', { name: a.name ?? '—' });
    case 'staff': {
      const where = [a.department, a.region].filter(Boolean).join(' · ');
      return where ? `${a.name ?? '—'}（${where}）` : (a.name ?? '—');
    }
    case 'person':
      return a.name ?? '—';
  }
}

/** One record: when, what, who, why, which data, from where. */
function RecordItem({ r }: { r: DataUsageRecord }) {
  const t = useT();
  const { lang } = usePrefs();
  const description = lang === 'zh' ? r.description : r.descriptionEn;
  return (
    <li className={`usage-item usage-${r.category}`}>
      <article aria-label={`${formatDateTime(r.occurredAt, lang)} ${description}`}>
        <div className="usage-head">
          <time dateTime={r.occurredAt} className="usage-time">
            {formatDateTime(r.occurredAt, lang)}
          </time>
          <Tag className="status-tag usage-tag">{t(CATEGORY_LABELS[r.category])}</Tag>
        </div>
        <p className="usage-description">{description}</p>
        <dl className="usage-facts">
          <dt>{t('myData.who')}</dt>
          <dd>{whoText(t, r.actor)}</dd>
          {r.purpose ? (
            <>
              <dt>{t('myData.purpose')}</dt>
              <dd>{r.purpose}</dd>
            </>
          ) : null}
          {r.dataItems.length > 0 ? (
            <>
              <dt>{t('myData.data')}</dt>
              <dd>{r.dataItems.map((d) => (lang === 'zh' ? d.label : d.labelEn)).join(lang === 'zh' ? '、' : ', ')}</dd>
            </>
          ) : null}
          {r.ipMasked ? (
            <>
              <dt>{t('myData.ip')}</dt>
              <dd>{r.ipMasked}</dd>
            </>
          ) : null}
        </dl>
      </article>
    </li>
  );
}

type CategoryChoice = DataUsageCategory | 'all';

/** 使用记录: category and date filters, the records newest first, pages. */
function RecordsSection() {
  const t = useT();
  const [category, setCategory] = useState<CategoryChoice>('all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const q = useDataUsage({ category: category === 'all' ? undefined : category, from: from || undefined, to: to || undefined, page, pageSize: PAGE_SIZE });
  const items = q.data?.items ?? [];
  return (
    <section className="my-data-card" aria-labelledby="my-records-title">
      <h2 id="my-records-title" className="card-title">
        {t('myData.records')}
      </h2>
      <fieldset className="usage-filter">
        <legend>{t('myData.category')}</legend>
        <Radio.Group
          name="usage-category"
          optionType="button"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value as CategoryChoice);
            setPage(1);
          }}
          options={[{ value: 'all', label: t('common.all') }, ...DATA_USAGE_CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]) }))]}
        />
      </fieldset>
      <div className="usage-dates">
        <label htmlFor="usage-from">
          {t('myData.from')}
          <Input id="usage-from" type="date" value={from} max={to || undefined} onChange={(e) => { setFrom(e.target.value); setPage(1); }} />
        </label>
        <label htmlFor="usage-to">
          {t('myData.to')}
          <Input id="usage-to" type="date" value={to} min={from || undefined} onChange={(e) => { setTo(e.target.value); setPage(1); }} />
        </label>
        {from || to ? (
          <Button onClick={() => { setFrom(''); setTo(''); setPage(1); }}>{t('myData.clearDates')}</Button>
        ) : null}
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <p className="muted" aria-live="polite">
          {t('common.total', { n: q.data.total })}
        </p>
      ) : null}
      {q.data && items.length === 0 ? <p className="empty-text">{t('myData.empty')}</p> : null}
      <ol className="usage-list" aria-busy={q.isFetching}>
        {items.map((r) => (
          <RecordItem key={r.id} r={r} />
        ))}
      </ol>
      {(q.data?.total ?? 0) > PAGE_SIZE ? (
        <Pagination className="block-gap" simple current={page} pageSize={PAGE_SIZE} total={q.data?.total ?? 0} onChange={setPage} showSizeChanger={false} />
      ) : null}
    </section>
  );
}

/** 数据使用记录 (who used my data): my sessions and every record of my data's use. Reached only when logged in. */
export function MyDataPage() {
  const t = useT();
  return (
    <div className="gov-container page-body my-data-page">
      <PageTitle title={t('myData.title')} />
      <h1>{t('myData.title')}</h1>
      <p className="page-lead">{t('myData.lead')}</p>
      <SessionsCard />
      <RecordsSection />
      <section className="my-data-card" aria-labelledby="my-complain-title">
        <h2 id="my-complain-title" className="card-title">
          {t('myData.complainTitle')}
        </h2>
        <p>{t('myData.complain')}</p>
      </section>
    </div>
  );
}
