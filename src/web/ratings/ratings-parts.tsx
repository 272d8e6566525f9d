import { StarFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, type DescriptionsProps, Form, Input, Radio, Rate, Select, type TableColumnsType, Timeline } from 'antd';
import { useId } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { HALL_DIMENSIONS, ONLINE_DIMENSIONS, RATING_CAUSES, TICKET_STATUSES } from '../../common/schemas/ratings.ts';
import {
  ratingsApi,
  useRatingMutation,
  useTicket,
  useTickets,
  type MyCaseRating,
  type NewRating,
  type RatingCause,
  type RatingChannel,
  type RatingDimension,
  type RatingView,
  type TicketDetail,
  type TicketFilter,
  type TicketListItem,
  type TicketStatus,
  type TicketStep,
} from '../api/ratings.ts';
import { useErrorText } from '../components/error-text.ts';
import { useServerErrors } from '../components/forms.ts';
import { Filter, PagedTable } from '../components/list-page.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useT, type MessageKey, type Translate } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

/** 1 非常不满意 … 5 非常满意. */
export function levelLabel(t: Translate, n: number): string {
  return t(`rating.level.${n}` as MessageKey);
}

/** The label of a dimension (总体评价, 办事效率 …). */
export function dimensionLabel(t: Translate, d: RatingDimension): string {
  return t(`rating.dim.${d}` as MessageKey);
}

/** The label of a cause (办理超时, 要求清单外材料 …). */
export function causeLabel(t: Translate, c: RatingCause): string {
  return t(`rating.cause.${c}` as MessageKey);
}

/** The dimensions of a channel. */
export function dimensionsOf(channel: RatingChannel): readonly RatingDimension[] {
  return channel === 'online' ? ONLINE_DIMENSIONS : HALL_DIMENSIONS;
}

/**
 * Five stars with a name each (read out as 非常满意 …): antd's stars are radios without a name, so
 * each star carries its level in hidden text.
 */
export function LevelRate({ label, value, onChange, disabled }: { label: string; value?: number; onChange?: (v: number) => void; disabled?: boolean }) {
  const t = useT();
  return (
    <Rate
      aria-label={label}
      value={value ?? 0}
      {...(onChange ? { onChange } : {})}
      disabled={disabled ?? false}
      allowClear={false}
      tooltips={[1, 2, 3, 4, 5].map((n) => levelLabel(t, n))}
      character={({ index = 0 }: { index?: number }) => (
        <>
          <StarFilled aria-hidden />
          <span className="visually-hidden">{levelLabel(t, index + 1)}</span>
        </>
      )}
    />
  );
}

/** A stored rating: each dimension's stars and words, the causes and the comment. */
export function RatingSummary({ rating }: { rating: RatingView }) {
  const t = useT();
  const { lang } = usePrefs();
  const items: DescriptionsProps['items'] = [
    ...dimensionsOf(rating.channel).map((d) => {
      const v = rating[d] ?? 0;
      return { key: d, label: dimensionLabel(t, d), children: <span>{'★'.repeat(v)}{'☆'.repeat(5 - v)} {levelLabel(t, v)}</span> };
    }),
    ...(rating.causes.length > 0 ? [{ key: 'causes', label: t('rating.causes'), children: rating.causes.map((c) => causeLabel(t, c)).join('、') }] : []),
    ...(rating.comment ? [{ key: 'comment', label: t('rating.comment'), children: rating.comment }] : []),
    { key: 'at', label: t('rating.ratedAt'), children: `${formatDateTime(rating.createdAt, lang)}（${t(rating.channel === 'online' ? 'rating.channel.online' : 'rating.channel.hall')}）` },
  ];
  return <Descriptions column={1} items={items} bordered size="small" />;
}

interface RatingFormValues {
  overall?: number;
  efficiency?: number;
  guideAccuracy?: number;
  convenience?: number;
  usability?: number;
  standard?: number;
  attitude?: number;
  causes?: RatingCause[];
  comment?: string;
}

/**
 * The rating form: one row of stars per dimension of the channel (5 online, 4 in the hall), causes
 * and a comment. `atWindow`: a window clerk enters it for the applicant (评价器).
 */
export function RatingForm({ caseId, channel, atWindow, onDone }: { caseId: string; channel: RatingChannel; atWindow: boolean; onDone?: (r: MyCaseRating) => void }) {
  const t = useT();
  const [form] = Form.useForm<RatingFormValues>();
  const { formError, showError, clearError } = useServerErrors(form);
  const rate = useRatingMutation((body: NewRating) => (atWindow ? ratingsApi.rateAtWindow(body) : ratingsApi.rate(body)));
  const overall = Form.useWatch('overall', form);
  const submit = (v: RatingFormValues) => {
    clearError();
    const body: NewRating = { caseId, causes: v.causes ?? [], ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) };
    for (const d of dimensionsOf(channel)) body[d] = v[d];
    rate.mutate(body, { onSuccess: (r) => onDone?.(r), onError: showError });
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      {dimensionsOf(channel).map((d) => (
        <Form.Item key={d} name={d} label={dimensionLabel(t, d)} htmlFor={undefined} rules={[{ required: true, message: t('rating.required', { name: dimensionLabel(t, d) }) }]}>
          <LevelRate label={dimensionLabel(t, d)} />
        </Form.Item>
      ))}
      {overall !== undefined && overall <= 2 ? <Alert type="info" showIcon className="block-gap" title={t('rating.badNotice')} /> : null}
      <Form.Item name="causes" label={t('rating.causes')}>
        <Checkbox.Group options={RATING_CAUSES.map((c) => ({ value: c, label: causeLabel(t, c) }))} />
      </Form.Item>
      <Form.Item name="comment" label={t('rating.comment')}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={rate.isPending}>
        {t(atWindow ? 'rating.submitWindow' : 'rating.submit')}
      </Button>
    </Form>
  );
}

// Accessible colour pairs (styles.css); antd's preset tag colours fall below AA.
const STATUS_STYLE: Record<TicketStatus, string> = { verifying: 'status-warn', rectifying: 'status-warn', replying: 'status-warn', reviewing: 'status-warn', closed: 'status-ok' };

/** A ticket status as a coloured tag, with a red 已超期 beside it when overdue. */
export function TicketStatusTag({ status, overdue }: { status: TicketStatus; overdue: boolean }) {
  const t = useT();
  return (
    <span>
      <span className={`status-tag ${STATUS_STYLE[status]}`}>{t(`rating.status.${status}` as MessageKey)}</span>
      {overdue ? <> <span className="status-tag status-danger">{t('rating.overdue')}</span></> : null}
    </span>
  );
}

/** The steps a ticket went through, oldest first. */
export function TicketTimeline({ steps }: { steps: TicketStep[] }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <Timeline
      items={steps.map((s, i) => ({
        key: `${s.action}-${String(i)}`,
        content: (
          <div>
            <strong>{t(`rating.step.${s.action}` as MessageKey)}</strong>
            {s.substantiated !== null ? `（${t(s.substantiated ? 'rating.substantiated' : 'rating.unsubstantiated')}）` : ''} · {formatDateTime(s.at, lang)}
            {s.actorName ? ` · ${s.actorName}` : ''}
            {s.text ? <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.text}</p> : null}
          </div>
        ),
      }))}
    />
  );
}

/** The facts of a ticket: number, status, case, item, applicant (masked), department, due date. */
export function TicketFacts({ ticket, caseBase }: { ticket: TicketDetail; caseBase: '/workbench' | '/dashboards' }) {
  const t = useT();
  const { lang } = usePrefs();
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: t('rating.ticketNumber'), children: ticket.number },
    { key: 'status', label: t('common.status'), children: <TicketStatusTag status={ticket.status} overdue={ticket.overdue} /> },
    { key: 'case', label: t('rating.case'), children: caseBase === '/workbench' ? <Link to={`/workbench/cases/${ticket.caseId}`}>{ticket.caseNumber ?? '—'}</Link> : (ticket.caseNumber ?? '—') },
    { key: 'item', label: t('rating.item'), children: ticket.itemName },
    { key: 'applicant', label: t('rating.applicant'), children: ticket.applicantName },
    { key: 'department', label: t('rating.department'), children: ticket.departmentName },
    { key: 'opened', label: t('rating.openedAt'), children: formatDateTime(ticket.createdAt, lang) },
    { key: 'due', label: t('rating.dueDate'), children: ticket.dueDate },
  ];
  return <Descriptions column={{ xs: 1, md: 2 }} items={items} bordered size="small" className="block-gap" />;
}

/** One step's form (核实 / 整改 / 答复 / 复核), shown when the ticket's flow allows it to the caller. */
function StepForm({ ticket, step }: { ticket: TicketDetail; step: 'verify' | 'rectify' | 'reply' | 'review' }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ substantiated?: boolean; text?: string; decision?: 'approve' | 'return' }>();
  const { formError, showError, clearError } = useServerErrors(form);
  const run = useRatingMutation((v: { substantiated?: boolean; text?: string; decision?: 'approve' | 'return' }) => {
    const text = v.text?.trim() ?? '';
    switch (step) {
      case 'verify':
        return ratingsApi.verify(ticket.id, { substantiated: v.substantiated ?? false, verification: text });
      case 'rectify':
        return ratingsApi.rectify(ticket.id, text);
      case 'reply':
        return ratingsApi.reply(ticket.id, text);
      case 'review':
        return ratingsApi.review(ticket.id, { decision: v.decision ?? 'approve', ...(text ? { opinion: text } : {}) });
    }
  });
  const textField = { verify: 'verification', rectify: 'rectification', reply: 'reply', review: 'opinion' }[step];
  const submit = (v: { substantiated?: boolean; text?: string; decision?: 'approve' | 'return' }) => {
    clearError();
    run.mutate(v, { onSuccess: () => void message.success(t('rating.stepDone')), onError: showError });
  };
  return (
    <Card title={<h2 className="card-title">{t(`rating.act.${step}` as MessageKey)}</h2>} className="block-gap">
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={step === 'review' ? { decision: 'approve' } : {}}>
        {step === 'verify' ? (
          <Form.Item name="substantiated" label={t('rating.substantiatedQ')} rules={[{ required: true, message: t('rating.substantiatedRequired') }]}>
            <Radio.Group options={[{ value: true, label: t('rating.substantiated') }, { value: false, label: t('rating.unsubstantiated') }]} />
          </Form.Item>
        ) : null}
        {step === 'review' ? (
          <Form.Item name="decision" label={t('rating.decision')}>
            <Radio.Group options={[{ value: 'approve', label: t('rating.approve') }, { value: 'return', label: t('rating.return') }]} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="text"
          label={t(`rating.field.${textField}` as MessageKey)}
          {...(step === 'reply' ? { extra: t('rating.replyHelp') } : {})}
          dependencies={['decision']}
          // Read the decision from the form itself: a watched value lags one render behind the click.
          rules={[
            ({ getFieldValue }) => ({
              required: step !== 'review' || getFieldValue('decision') === 'return',
              validator: async (_rule, value: string | undefined) => {
                const needed = step !== 'review' || getFieldValue('decision') === 'return';
                if (needed && !(value ?? '').trim()) throw new Error(t('rating.textRequired'));
              },
            }),
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={run.isPending}>
          {t(`rating.act.${step}` as MessageKey)}
        </Button>
      </Form>
    </Card>
  );
}

/** The texts of a ticket so far: verification, rectification, reply, review opinion. */
function TicketRecord({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const items: DescriptionsProps['items'] = [
    ...(ticket.verification !== null ? [{ key: 'v', label: t('rating.field.verification'), children: `${ticket.substantiated ? t('rating.substantiated') : t('rating.unsubstantiated')}：${ticket.verification}` }] : []),
    ...(ticket.rectification !== null ? [{ key: 'r', label: t('rating.field.rectification'), children: ticket.rectification }] : []),
    ...(ticket.reply !== null ? [{ key: 'a', label: t('rating.field.reply'), children: ticket.reply }] : []),
    ...(ticket.reviewOpinion !== null ? [{ key: 'o', label: t('rating.field.opinion'), children: ticket.reviewOpinion }] : []),
  ];
  if (items.length === 0) return null;
  return <Descriptions column={1} items={items} bordered size="small" className="block-gap" />;
}

/** One ticket: facts, the rating, what was done, the step the caller may take, and the timeline. */
export function TicketPage({ base, supervisor }: { base: '/workbench' | '/dashboards'; supervisor: boolean }) {
  const t = useT();
  const { id } = useParams();
  const q = useTicket(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const ticket = q.data;
  const mine = ticket.allowedActions.filter((a) => (supervisor ? a === 'review' : a !== 'review'));
  const title = `${t('rating.ticket')} ${ticket.number}`;
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <nav aria-label={t('rating.breadcrumb')} className="block-gap">
        <Link to={`${base}/rectification`}>{t('rating.tickets.title')}</Link> / <span aria-current="page">{ticket.number}</span>
      </nav>
      <h1>{title}</h1>
      <TicketFacts ticket={ticket} caseBase={base} />
      <Card title={<h2 className="card-title">{t('rating.theRating')}</h2>} className="block-gap">
        <RatingSummary rating={ticket.rating} />
      </Card>
      <TicketRecord ticket={ticket} />
      {mine.map((a) => (
        <StepForm key={a} ticket={ticket} step={a} />
      ))}
      {!supervisor && ticket.status === 'reviewing' ? <Alert type="info" showIcon className="block-gap" title={t('rating.awaitingReview')} /> : null}
      <Card title={<h2 className="card-title">{t('rating.timeline')}</h2>} className="block-gap">
        <TicketTimeline steps={ticket.timeline} />
      </Card>
    </div>
  );
}

const STATUS_FILTERS = ['open', ...TICKET_STATUSES, 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];
const PAGE_SIZE = 20;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/** 差评整改 list: department staff see their department's tickets, supervisors those of their region. Filters live in the URL. */
export function TicketListPage({ base, supervisor }: { base: '/workbench' | '/dashboards'; supervisor: boolean }) {
  const t = useT();
  const { lang } = usePrefs();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const statusId = useId();
  const overdueId = useId();
  const filter: TicketFilter = {
    status: oneOf<StatusFilter>(STATUS_FILTERS, params.get('status')) ?? 'open',
    overdue: params.get('overdue') === 'true' ? true : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const list = useTickets(supervisor ? 'supervisor' : 'department', filter);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  };
  const columns: TableColumnsType<TicketListItem> = [
    { title: t('rating.ticketNumber'), dataIndex: 'number', key: 'number', render: (n: string, r) => <Link to={`${base}/rectification/${r.id}`}>{n}</Link> },
    { title: t('common.status'), key: 'status', render: (_: unknown, r) => <TicketStatusTag status={r.status} overdue={r.overdue} /> },
    { title: t('rating.item'), dataIndex: 'itemName', key: 'item' },
    { title: t('rating.case'), dataIndex: 'caseNumber', key: 'case', render: (n: string | null) => n ?? '—' },
    ...(supervisor ? [{ title: t('rating.department'), dataIndex: 'departmentName', key: 'department' }] : []),
    { title: t('rating.dim.overall'), dataIndex: 'overall', key: 'overall', render: (n: number) => levelLabel(t, n) },
    { title: t('rating.openedAt'), dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(at, lang) },
    { title: t('rating.dueDate'), dataIndex: 'dueDate', key: 'due' },
  ];
  const title = t('rating.tickets.title');
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="muted">{t(supervisor ? 'rating.tickets.leadSupervisor' : 'rating.tickets.leadStaff')}</p>
      <div className="filter-bar">
        <Filter htmlFor={statusId} label={t('common.status')}>
          <Select<StatusFilter>
            id={statusId}
            value={filter.status}
            onChange={(v) => set('status', v === 'open' ? undefined : v)}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`rating.filter.${s}` as MessageKey) }))}
            style={{ width: 140 }}
          />
        </Filter>
        <Filter htmlFor={overdueId} label={t('rating.overdueFilter')}>
          <Select<'' | 'true'>
            id={overdueId}
            value={filter.overdue ? 'true' : ''}
            onChange={(v) => set('overdue', v || undefined)}
            options={[{ value: '', label: t('common.all') }, { value: 'true', label: t('rating.overdueOnly') }]}
            style={{ width: 140 }}
          />
        </Filter>
      </div>
      {list.isError ? <Alert type="error" showIcon className="block-gap" title={errorText(list.error)} /> : null}
      <PagedTable<TicketListItem> label={title} columns={columns} result={list} page={filter.page} pageSize={PAGE_SIZE} emptyText={t('rating.tickets.none')} onPage={(p) => set('page', p === 1 ? undefined : String(p))} />
    </div>
  );
}
