import { Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { NOTIFY_CHANNELS, OUTBOX_STATUSES } from '../../common/schemas/notify.ts';
import { type NotifyChannel, type OutboxStatus, type OutboxView, useOutbox } from '../api/notify.ts';
import { Filter, ListPage } from '../components/list-page.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

const PAGE_SIZE = 20;
const STATUS_CLASS: Record<OutboxStatus, string> = {
  pending: 'status-tag status-warn',
  sent: 'status-tag status-ok',
  failed: 'status-tag status-off',
};

/** 发件箱: every SMS and e-mail the platform sent or tried to, addresses masked (system admins). */
export function OutboxPage() {
  const t = useT();
  const { lang } = usePrefs();
  const [channel, setChannel] = useState<NotifyChannel | undefined>();
  const [status, setStatus] = useState<OutboxStatus | undefined>();
  const [page, setPage] = useState(1);
  const q = useOutbox({ channel, status, page, pageSize: PAGE_SIZE });
  const columns: TableColumnsType<OutboxView> = [
    { title: t('outbox.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang), width: 170 },
    { title: t('outbox.channel'), dataIndex: 'channel', render: (v: NotifyChannel) => t(`outbox.channel.${v}`), width: 80 },
    { title: t('outbox.recipient'), dataIndex: 'recipientMasked', width: 160 },
    {
      title: t('outbox.content'),
      key: 'content',
      render: (_: unknown, o) => (
        <span>
          {o.subject ? <strong>{o.subject}：</strong> : null}
          {o.body}
        </span>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', render: (v: OutboxStatus) => <span className={STATUS_CLASS[v]}>{t(`outbox.status.${v}`)}</span>, width: 90 },
    { title: t('outbox.attempts'), dataIndex: 'attempts', width: 80 },
    { title: t('outbox.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
    { title: t('outbox.sentAt'), dataIndex: 'sentAt', render: (v: string | null) => formatDateTime(v, lang), width: 170 },
  ];
  return (
    <ListPage<OutboxView>
      title={t('console.outbox')}
      result={q}
      columns={columns}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      filters={
        <>
          <Filter htmlFor="outbox-channel" label={t('outbox.channel')}>
            <Select<NotifyChannel>
              id="outbox-channel"
              allowClear
              placeholder={t('common.all')}
              value={channel}
              onChange={(v) => {
                setChannel(v);
                setPage(1);
              }}
              options={NOTIFY_CHANNELS.map((c) => ({ value: c, label: t(`outbox.channel.${c}`) }))}
              style={{ minWidth: 120 }}
            />
          </Filter>
          <Filter htmlFor="outbox-status" label={t('common.status')}>
            <Select<OutboxStatus>
              id="outbox-status"
              allowClear
              placeholder={t('common.all')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}`) }))}
              style={{ minWidth: 120 }}
            />
          </Filter>
        </>
      }
    >
      <p className="muted block-gap">{t('outbox.note')}</p>
    </ListPage>
  );
}
