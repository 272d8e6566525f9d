import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Timeline, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ORDER_STATUSES, ReturnOrderBody, type OrderStatus } from '../../common/schemas/supervision-orders.ts';
import { ordersApi, useOrder, useOrderCase, useOrderMutation, useOrders, type OrderDetail, type OrderFilter, type OrderStatusFilter, type OrderView } from '../api/orders.ts';
import { useErrorText } from '../components/error-text.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { Filter, PagedTable } from '../components/list-page.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';
import { IssueOrderButton } from './issue-order.tsx';
import './dashboards.css';

const FILTERS: readonly OrderStatusFilter[] = ['all', 'open', ...ORDER_STATUSES];
const PAGE_SIZE = 20;
const STATUS_STYLE: Record<OrderStatus, string> = {
  issued: 'status-tag status-warn',
  escalated: 'status-tag status-danger',
  replied: 'status-tag status-ok',
  closed: 'status-tag status-off',
};

/** An order's status as an accessible tag, with 已逾期 beside it when it is late. */
export function OrderStatusTag({ order }: { order: Pick<OrderView, 'status' | 'overdue' | 'escalationLevel'> }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <span className={STATUS_STYLE[order.status]}>{t(`orders.status.${order.status}`)}</span>
      {order.overdue ? <span className="status-tag status-danger">{t('orders.overdue')}</span> : null}
      {order.escalationLevel > 0 && order.status !== 'escalated' ? <span className="status-tag status-off">{t('orders.escalation', { n: order.escalationLevel })}</span> : null}
    </Space>
  );
}

/** The facts of an order, its case and its history (shared by the dashboards and the workbench). */
export function OrderFacts({ order, caseLink }: { order: OrderDetail; caseLink: string }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <>
      <Descriptions column={1} size="small" bordered className="block-gap">
        <Descriptions.Item label={t('orders.number')}>{order.number}</Descriptions.Item>
        <Descriptions.Item label={t('orders.status')}>
          <OrderStatusTag order={order} />
          {order.escalationLevel > 0 ? <span className="muted"> {t('orders.escalation', { n: order.escalationLevel })}</span> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.department')}>{`${order.departmentName}（${order.regionName}）`}</Descriptions.Item>
        <Descriptions.Item label={t('orders.reason')}>{order.reason}</Descriptions.Item>
        <Descriptions.Item label={t('orders.requirement')}>{order.requirement}</Descriptions.Item>
        <Descriptions.Item label={t('orders.deadline')}>{order.deadline}</Descriptions.Item>
        <Descriptions.Item label={t('orders.issuedBy')}>{`${order.issuedBy.name} · ${formatDateTime(order.createdAt, lang)}`}</Descriptions.Item>
        {order.notified.length > 0 ? <Descriptions.Item label={t('orders.notified')}>{order.notified.map((p) => p.name).join('、')}</Descriptions.Item> : null}
        {order.reply ? <Descriptions.Item label={t('orders.reply')}>{order.reply}</Descriptions.Item> : null}
        {order.repliedBy ? <Descriptions.Item label={t('orders.repliedBy')}>{`${order.repliedBy.name} · ${formatDateTime(order.repliedAt, lang)}`}</Descriptions.Item> : null}
        {order.reviewOpinion ? <Descriptions.Item label={t('orders.reviewOpinion')}>{order.reviewOpinion}</Descriptions.Item> : null}
      </Descriptions>
      <h3 className="block-gap">{t('orders.caseFacts')}</h3>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('orders.caseNumber')}>
          <Link to={caseLink}>{order.case.caseNumber ?? '—'}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.item')}>{order.case.itemName}</Descriptions.Item>
        <Descriptions.Item label={t('orders.caseState')}>{order.case.stateLabel}</Descriptions.Item>
        <Descriptions.Item label={t('orders.caseDue')}>{order.case.dueDate ?? '—'}</Descriptions.Item>
        {order.case.openTasks.length > 0 ? (
          <Descriptions.Item label={t('orders.openTasks')}>
            {order.case.openTasks.map((k) => (k.assigneeName ? `${k.stepName}（${k.assigneeName}）` : k.stepName)).join('、')}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <h3 className="block-gap">{t('orders.history')}</h3>
      <Timeline
        items={order.history.map((h) => ({
          key: `${h.action}-${h.at}`,
          content: (
            <>
              <strong>{h.label}</strong> <span className="muted">{`${h.actorName ?? ''} · ${formatDateTime(h.at, lang)}`}</span>
              {h.note ? <div>{h.note}</div> : null}
            </>
          ),
        }))}
      />
    </>
  );
}

interface ReturnValues {
  opinion?: string;
  deadline?: Dayjs | null;
}

/** 同意办结 or 退回重办 of a replied order. */
function ReviewActions({ order }: { order: OrderDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<ReturnValues>();
  const { zodRule } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const accept = useOrderMutation(ordersApi.accept);
  const back = useOrderMutation(ordersApi.return);
  if (!order.allowedActions.includes('accept')) return null;
  const sendBack = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    clearError();
    back.mutate(
      { id: order.id, body: { opinion: v.opinion ?? '', ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}) } },
      { onSuccess: () => { void message.success(t('orders.returnedOk')); form.resetFields(); }, onError: showError },
    );
  };
  return (
    <Card size="small" title={t('orders.review')} className="block-gap">
      {accept.isError ? <Alert type="error" showIcon title={errorText(accept.error)} className="block-gap" /> : null}
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate({ id: order.id, body: {} }, { onSuccess: () => void message.success(t('orders.acceptedOk')) })}>
        {t('orders.accept')}
      </Button>
      <Form form={form} layout="vertical" name="return-order" className="block-gap">
        <Form.Item name="opinion" label={t('orders.reviewOpinion')} rules={[zodRule(ReturnOrderBody.shape.opinion)]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="deadline" label={t('orders.returnDeadline')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Button danger loading={back.isPending} onClick={() => void sendBack()}>
          {t('orders.return')}
        </Button>
      </Form>
    </Card>
  );
}

/** Find a case by number and issue an order on it. */
function IssueFromCase() {
  const t = useT();
  const [number, setNumber] = useState('');
  const found = useOrderCase(number);
  const navigate = useNavigate();
  return (
    <Card size="small" title={t('orders.issue')} className="block-gap">
      <label htmlFor="order-case-number" className="visually-hidden">{t('orders.caseNumber')}</label>
      <Input.Search
        id="order-case-number"
        placeholder={t('orders.caseNumber')}
        enterButton={t('orders.caseSearch')}
        allowClear
        maxLength={40}
        onSearch={(v) => setNumber(v.trim())}
        style={{ maxWidth: 480 }}
      />
      {found.isError ? <Alert type="warning" showIcon title={t('orders.caseNotFound')} className="block-gap" /> : null}
      {found.data ? (
        <div className="block-gap">
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('orders.item')}>{found.data.itemName}</Descriptions.Item>
            <Descriptions.Item label={t('orders.department')}>{`${found.data.departmentName}（${found.data.regionName}）`}</Descriptions.Item>
            <Descriptions.Item label={t('orders.caseState')}>{found.data.stateLabel}</Descriptions.Item>
            <Descriptions.Item label={t('orders.caseDue')}>{found.data.dueDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('orders.openOrders')}>{found.data.openOrders}</Descriptions.Item>
          </Descriptions>
          <IssueOrderButton caseId={found.data.id} onIssued={(o) => void navigate(`/dashboards/orders/${o.id}`)} />
        </div>
      ) : null}
    </Card>
  );
}

/**
 * 督办管理 (dashboards): the orders of the supervisor's scope with filters (status, overdue,
 * escalated), issuing by case number, and an order's detail with 同意办结 / 退回重办.
 */
export function OrdersPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const filter: OrderFilter = {
    status: FILTERS.find((s) => s === statusParam) ?? 'all',
    overdue: params.get('overdue') === 'true' || undefined,
    escalated: params.get('escalated') === 'true' || undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const orders = useOrders(filter);
  const detail = useOrder(id ?? null);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  };
  const columns: TableColumnsType<OrderView> = [
    { title: t('orders.number'), dataIndex: 'number', key: 'number', render: (n: string, o) => <Link to={`/dashboards/orders/${o.id}?${params.toString()}`}>{n}</Link> },
    { title: t('orders.caseNumber'), key: 'case', render: (_: unknown, o) => <Link to={`/dashboards/cases/${o.caseId}`}>{o.caseNumber ?? '—'}</Link> },
    { title: t('orders.item'), dataIndex: 'itemName', key: 'item' },
    { title: t('orders.department'), key: 'department', render: (_: unknown, o) => `${o.departmentName}（${o.regionName}）` },
    { title: t('orders.deadline'), dataIndex: 'deadline', key: 'deadline' },
    { title: t('orders.status'), key: 'status', render: (_: unknown, o) => <OrderStatusTag order={o} /> },
    { title: t('orders.issuedAt'), dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(at, lang) },
  ];
  const title = t('orders.title');
  const close = () => void navigate(`/dashboards/orders${params.toString() ? `?${params.toString()}` : ''}`);
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="muted">{t('orders.intro')}</p>
      <IssueFromCase />
      <h2 className="block-gap">{t('orders.list')}</h2>
      <div className="filter-bar">
        <Filter htmlFor="order-status" label={t('orders.filterStatus')}>
          <Select<OrderStatusFilter>
            id="order-status"
            value={filter.status}
            onChange={(v) => set('status', v === 'all' ? undefined : v)}
            options={FILTERS.map((s) => ({ value: s, label: s === 'all' ? t('orders.filterAll') : s === 'open' ? t('orders.filterOpen') : t(`orders.status.${s}`) }))}
            style={{ width: 160 }}
          />
        </Filter>
        <Checkbox checked={filter.overdue === true} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)}>
          {t('orders.onlyOverdue')}
        </Checkbox>
        <Checkbox checked={filter.escalated === true} onChange={(e) => set('escalated', e.target.checked ? 'true' : undefined)}>
          {t('orders.onlyEscalated')}
        </Checkbox>
      </div>
      {orders.isError ? <ErrorResult error={orders.error} onRetry={() => void orders.refetch()} /> : null}
      <PagedTable<OrderView> label={t('orders.list')} columns={columns} result={orders} page={filter.page} pageSize={PAGE_SIZE} emptyText={t('orders.empty')} onPage={(p) => set('page', String(p))} />
      <Drawer open={id !== undefined} onClose={close} title={t('orders.detail')} size={640} destroyOnHidden>
        {detail.isError ? <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} /> : null}
        {detail.data ? (
          <>
            <OrderFacts order={detail.data} caseLink={`/dashboards/cases/${detail.data.caseId}`} />
            <ReviewActions order={detail.data} />
          </>
        ) : null}
      </Drawer>
    </div>
  );
}
