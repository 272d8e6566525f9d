import { Alert, App, Button, Card, Drawer, Form, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ORDER_STATUSES, ReplyOrderBody } from '../../common/schemas/supervision-orders.ts';
import { ordersApi, useMyOrder, useMyOrders, useOrderMutation, type OrderDetail, type OrderStatusFilter, type OrderView } from '../api/orders.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { Filter } from '../components/list-page.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { OrderFacts, OrderStatusTag } from '../dashboards/orders-page.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

const FILTERS: readonly OrderStatusFilter[] = ['open', 'all', ...ORDER_STATUSES];

/** The reply form of an order waiting for the department's answer. */
function ReplyForm({ order }: { order: OrderDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reply?: string }>();
  const { zodRule } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const reply = useOrderMutation(ordersApi.reply);
  if (!order.allowedActions.includes('reply')) return null;
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    clearError();
    reply.mutate({ id: order.id, body: { reply: v.reply ?? '' } }, { onSuccess: () => { void message.success(t('orders.repliedOk')); form.resetFields(); }, onError: showError });
  };
  return (
    <Card size="small" title={t('orders.submitReply')} className="block-gap">
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form form={form} layout="vertical" name="reply-order">
        <Form.Item name="reply" label={t('orders.reply')} extra={t('orders.replyHint')} rules={[zodRule(ReplyOrderBody.shape.reply)]} required>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" loading={reply.isPending} onClick={() => void submit()}>
          {t('orders.submitReply')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 督办件 (workbench): the orders supervisors issued to my department, open ones first by deadline;
 * opening one shows the case and the history, and the reply form while a reply is due.
 */
export function MyOrdersPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { id } = useParams();
  const navigate = useNavigate();
  const [status, setStatus] = useState<OrderStatusFilter>('open');
  const [page, setPage] = useState(1);
  const orders = useMyOrders(status, page);
  const detail = useMyOrder(id ?? null);
  const columns: TableColumnsType<OrderView> = [
    { title: t('orders.number'), dataIndex: 'number', key: 'number', render: (n: string, o) => <Link to={`/workbench/orders/${o.id}`}>{n}</Link> },
    { title: t('orders.caseNumber'), key: 'case', render: (_: unknown, o) => <Link to={`/workbench/cases/${o.caseId}`}>{o.caseNumber ?? '—'}</Link> },
    { title: t('orders.item'), dataIndex: 'itemName', key: 'item' },
    { title: t('orders.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('orders.deadline'), dataIndex: 'deadline', key: 'deadline' },
    { title: t('orders.status'), key: 'status', render: (_: unknown, o) => <OrderStatusTag order={o} /> },
    { title: t('orders.issuedAt'), dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(at, lang) },
  ];
  const title = t('orders.workbenchTitle');
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="muted">{t('orders.workbenchIntro')}</p>
      <div className="filter-bar">
        <Filter htmlFor="my-order-status" label={t('orders.filterStatus')}>
          <Select<OrderStatusFilter>
            id="my-order-status"
            value={status}
            onChange={(v) => { setStatus(v); setPage(1); }}
            options={FILTERS.map((s) => ({ value: s, label: s === 'all' ? t('orders.filterAll') : s === 'open' ? t('orders.filterOpen') : t(`orders.status.${s}`) }))}
            style={{ width: 160 }}
          />
        </Filter>
      </div>
      {orders.isError ? <ErrorResult error={orders.error} onRetry={() => void orders.refetch()} /> : null}
      <ScrollRegion label={title} wide>
        <Table<OrderView>
          rowKey="id"
          columns={columns}
          dataSource={orders.data?.items ?? []}
          loading={orders.isFetching}
          locale={{ emptyText: t('orders.empty') }}
          pagination={{ current: page, pageSize: 20, total: orders.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => t('common.total', { n }), onChange: setPage }}
        />
      </ScrollRegion>
      <Drawer open={id !== undefined} onClose={() => void navigate('/workbench/orders')} title={t('orders.detail')} size={640} destroyOnHidden>
        {detail.isError ? <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} /> : null}
        {detail.data ? (
          <>
            <OrderFacts order={detail.data} caseLink={`/workbench/cases/${detail.data.caseId}`} />
            <ReplyForm order={detail.data} />
          </>
        ) : null}
      </Drawer>
    </div>
  );
}
