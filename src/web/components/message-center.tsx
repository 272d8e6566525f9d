import { App, Button, List, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type NotificationView, useMarkAllRead, useMarkRead, useMyNotifications } from '../api/notify.ts';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';
import { useErrorText } from './error-text.ts';
import { PageTitle } from './page-title.tsx';
import { ErrorResult } from './results.tsx';

const PAGE_SIZE = 20;

/** One message: unread ones stand out; opening the link or pressing the button marks it read. */
function MessageItem({ n }: { n: NotificationView }) {
  const t = useT();
  const { lang } = usePrefs();
  const markRead = useMarkRead();
  const unread = n.readAt === null;
  const read = () => {
    if (unread) markRead.mutate(n.id);
  };
  return (
    <List.Item
      className={unread ? 'message-item message-unread' : 'message-item'}
      actions={unread ? [<Button key="read" size="small" onClick={read} loading={markRead.isPending}>{t('notify.markRead')}</Button>] : []}
    >
      <List.Item.Meta
        title={
          <span>
            {unread ? <Tag className="status-tag status-warn">{t('notify.unread')}</Tag> : null}
            {n.link ? (
              <Link to={n.link} onClick={read}>
                {n.title}
              </Link>
            ) : (
              n.title
            )}
          </span>
        }
        description={
          <>
            {n.body ? <p className="message-body">{n.body}</p> : null}
            <time dateTime={n.createdAt} className="muted">
              {formatDateTime(n.createdAt, lang)}
            </time>
          </>
        }
      />
    </List.Item>
  );
}

/** 消息中心: the caller's notifications, newest first; all or unread only; mark one or all read. */
export function MessageCenter() {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const q = useMyNotifications({ unreadOnly: filter === 'unread', page, pageSize: PAGE_SIZE });
  const markAll = useMarkAllRead();
  const unread = q.data?.unread ?? 0;
  return (
    <div className="staff-page message-center">
      <PageTitle title={t('notify.title')} />
      <div className="page-head">
        <h1>{t('notify.title')}</h1>
        <Button
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: (r) => void message.success(t('notify.markedAll', { n: r.updated })),
              onError: (e) => void message.error(errorText(e)),
            })
          }
        >
          {t('notify.markAllRead')}
        </Button>
      </div>
      <div className="filter-bar">
        <Segmented<'all' | 'unread'>
          aria-label={t('notify.filter')}
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'unread', label: `${t('notify.unread')} (${unread})` },
          ]}
        />
      </div>
      {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      <List<NotificationView>
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t(filter === 'unread' ? 'notify.emptyUnread' : 'notify.empty') }}
        renderItem={(n) => <MessageItem key={n.id} n={n} />}
        pagination={
          (q.data?.total ?? 0) > PAGE_SIZE
            ? { current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }
            : false
        }
      />
    </div>
  );
}
