import { Alert, App, Button, Card, Descriptions, type DescriptionsProps, Form, Input, Select, type TableColumnsType } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { COMPLAINT_CATEGORIES, COMPLAINT_CONTENT_MAX } from '../../common/schemas/complaints.ts';
import {
  complaintsApi,
  useComplaint,
  useComplaintList,
  useComplaintMutation,
  type ComplaintCategory,
  type ComplaintFilter,
  type ComplaintStatus,
  type ComplaintView,
} from '../api/complaints.ts';
import { useMe } from '../auth/session.ts';
import { useErrorText } from '../components/error-text.ts';
import { useServerErrors } from '../components/forms.ts';
import { Filter, PagedTable } from '../components/list-page.tsx';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { useT, type MessageKey, type Translate } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

/** The label of a category (办理超时, 要求清单外材料 …). */
export function categoryLabel(t: Translate, c: ComplaintCategory): string {
  return t(`complaint.category.${c}` as MessageKey);
}

/** The five satisfaction levels, best first (the rating form and the answer card). */
export const SATISFACTION_LEVELS = [5, 4, 3, 2, 1] as const;

/** 5 非常满意 … 1 非常不满意. */
export function satisfactionLabel(t: Translate, n: number): string {
  return t(`complaint.level.${n}` as MessageKey);
}

// Accessible colour pairs (styles.css); antd's preset tag colours fall below AA.
const STATUS_STYLE: Record<ComplaintStatus, string> = { submitted: 'status-warn', handling: 'status-warn', answered: 'status-ok', closed: 'status-off' };

/** A complaint status as a coloured tag, with a red 已超期 beside it when overdue. */
export function ComplaintStatusTag({ c }: { c: Pick<ComplaintView, 'status' | 'overdue'> }) {
  const t = useT();
  return (
    <span className="complaint-status">
      <span className={`status-tag ${STATUS_STYLE[c.status]}`}>{t(`complaint.status.${c.status}` as MessageKey)}</span>
      {c.overdue ? <span className="status-tag status-danger">{t('complaint.overdue')}</span> : null}
    </span>
  );
}

/** What the complaint is about: the case (number and item) or the window. */
export function targetText(t: Translate, c: ComplaintView): string {
  if (c.caseId) return `${t('complaint.target.case')}：${c.itemName ?? ''}（${c.caseNumber ?? '—'}）`;
  return `${t('complaint.target.window')}：${c.windowName ?? '—'}`;
}

/** The facts of a complaint: number, status, category, target, body, deadline, handler (and the complainant for staff). */
export function ComplaintFacts({ c }: { c: ComplaintView }) {
  const t = useT();
  const { lang } = usePrefs();
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: t('complaint.number'), children: c.number },
    { key: 'status', label: t('common.status'), children: <ComplaintStatusTag c={c} /> },
    { key: 'category', label: t('complaint.category'), children: categoryLabel(t, c.category) },
    { key: 'target', label: t('complaint.target'), children: targetText(t, c) },
    ...(c.complainantName !== null ? [{ key: 'complainant', label: t('complaint.complainant'), children: c.complainantName }] : []),
    { key: 'body', label: t('complaint.body'), children: `${c.regionName} ${c.departmentName ?? t('complaint.toSupervisors')}` },
    { key: 'submitted', label: t('complaint.submittedAt'), children: formatDateTime(c.createdAt, lang) },
    { key: 'due', label: t('complaint.dueDate'), children: c.dueDate },
    { key: 'handler', label: t('complaint.handler'), children: c.handlerName ?? '—' },
  ];
  return <Descriptions column={{ xs: 1, md: 2 }} items={items} bordered size="small" className="block-gap" />;
}

/** The complaint's text, the answer, its rating and the earlier rounds of a reopened complaint. */
export function ComplaintRecord({ c }: { c: ComplaintView }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <>
      <Card title={<h2 className="card-title">{t('complaint.content')}</h2>} className="block-gap">
        <p className="complaint-text">{c.content}</p>
      </Card>
      {c.history.map((h, i) => (
        <Card key={`round-${String(i)}`} title={<h2 className="card-title">{t('complaint.round', { n: i + 1 })}</h2>} className="block-gap">
          <p className="complaint-text">{h.answer ?? '—'}</p>
          <p className="muted">
            {t('complaint.answeredBy', { name: h.handlerName ?? '—', at: formatDateTime(h.answeredAt, lang) })}
            {h.satisfaction !== null ? ` · ${t('complaint.ratedAs', { level: satisfactionLabel(t, h.satisfaction) })}${h.satisfactionComment ? `：${h.satisfactionComment}` : ''}` : ''}
          </p>
        </Card>
      ))}
      {c.reopenReason ? <Alert type="warning" showIcon className="block-gap" title={t('complaint.reopenedWith', { reason: c.reopenReason })} /> : null}
      {c.answer ? (
        <Card title={<h2 className="card-title">{t('complaint.answer')}</h2>} className="block-gap">
          <p className="complaint-text">{c.answer}</p>
          <p className="muted">{t('complaint.answeredBy', { name: c.handlerName ?? '—', at: formatDateTime(c.answeredAt, lang) })}</p>
          {c.satisfaction !== null ? (
            <p>
              {t('complaint.ratedAs', { level: satisfactionLabel(t, c.satisfaction) })}
              {c.satisfactionComment ? `：${c.satisfactionComment}` : ''}
            </p>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}

/** The answer form of a complaint being handled (答复; the complainant is notified). */
function AnswerForm({ c }: { c: ComplaintView }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const { formError, showError, clearError } = useServerErrors(form);
  const answer = useComplaintMutation((text: string) => complaintsApi.answer(c.id, text));
  const submit = (v: { answer: string }) => {
    clearError();
    answer.mutate(v.answer, { onSuccess: () => void message.success(t('complaint.answered')), onError: showError });
  };
  return (
    <Card title={<h2 className="card-title">{t('complaint.act.answer')}</h2>} className="block-gap">
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="answer" label={t('complaint.answer')} extra={t('complaint.answerHelp')} rules={[{ required: true, whitespace: true, message: t('complaint.answerRequired') }]}>
          <Input.TextArea rows={5} maxLength={COMPLAINT_CONTENT_MAX} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={answer.isPending}>
          {t('complaint.act.answer')}
        </Button>
      </Form>
    </Card>
  );
}

/** The take button of a new complaint (受理: the caller becomes its handler). */
function TakeButton({ c }: { c: ComplaintView }) {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const take = useComplaintMutation(() => complaintsApi.take(c.id));
  return (
    <Button type="primary" loading={take.isPending} onClick={() => take.mutate(undefined, { onSuccess: () => void message.success(t('complaint.taken')), onError: (e) => void message.error(errorText(e)) })}>
      {t('complaint.act.take')}
    </Button>
  );
}

const STATUS_FILTERS = ['open', 'submitted', 'handling', 'answered', 'closed', 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];
const PAGE_SIZE = 20;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/**
 * 投诉处理 list of the handlers: department staff see their department's complaints, supervisors every
 * one in their scope (with region and department filters). Filters live in the URL.
 */
export function HandlerComplaintsPage({ base, supervisor }: { base: '/workbench' | '/dashboards'; supervisor: boolean }) {
  const t = useT();
  const { lang } = usePrefs();
  const [params, setParams] = useSearchParams();
  const scopeRegion = useMe().data?.account?.scope?.regionCode ?? undefined;
  const regionParam = params.get('region');
  const filter: ComplaintFilter = {
    status: oneOf<StatusFilter>(STATUS_FILTERS, params.get('status')) ?? 'open',
    category: oneOf<ComplaintCategory>(COMPLAINT_CATEGORIES, params.get('category')),
    overdue: params.get('overdue') === 'true' ? true : undefined,
    regionCode: supervisor && regionParam && /^\d{12}$/.test(regionParam) ? regionParam : undefined,
    departmentId: supervisor ? (params.get('department') ?? undefined) : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const list = useComplaintList(filter);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    if (key === 'region') next.delete('department');
    setParams(next);
  };
  const columns: TableColumnsType<ComplaintView> = [
    { title: t('complaint.number'), dataIndex: 'number', key: 'number', render: (n: string, c) => <Link to={`${base}/complaints/${c.id}`}>{n}</Link> },
    { title: t('common.status'), key: 'status', render: (_: unknown, c) => <ComplaintStatusTag c={c} /> },
    { title: t('complaint.category'), dataIndex: 'category', key: 'category', render: (c: ComplaintCategory) => categoryLabel(t, c) },
    { title: t('complaint.target'), key: 'target', render: (_: unknown, c) => targetText(t, c) },
    ...(supervisor ? [{ title: t('complaint.body'), key: 'body', render: (_: unknown, c: ComplaintView) => `${c.regionName} ${c.departmentName ?? t('complaint.toSupervisors')}` }] : []),
    { title: t('complaint.submittedAt'), dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(at, lang) },
    { title: t('complaint.dueDate'), dataIndex: 'dueDate', key: 'due' },
    { title: t('complaint.handler'), dataIndex: 'handlerName', key: 'handler', render: (n: string | null) => n ?? '—' },
  ];
  const title = t('complaint.handle.title');
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="muted">{t(supervisor ? 'complaint.handle.leadSupervisor' : 'complaint.handle.leadStaff')}</p>
      <div className="filter-bar">
        <Filter htmlFor="complaint-status" label={t('common.status')}>
          <Select<StatusFilter>
            id="complaint-status"
            value={filter.status}
            onChange={(v) => set('status', v === 'open' ? undefined : v)}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`complaint.filter.${s}` as MessageKey) }))}
            style={{ width: 140 }}
          />
        </Filter>
        <Filter htmlFor="complaint-category" label={t('complaint.category')}>
          <Select<ComplaintCategory | ''>
            id="complaint-category"
            value={filter.category ?? ''}
            onChange={(v) => set('category', v || undefined)}
            options={[{ value: '', label: t('common.all') }, ...COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))]}
            style={{ width: 180 }}
          />
        </Filter>
        <Filter htmlFor="complaint-overdue" label={t('complaint.overdueFilter')}>
          <Select<'' | 'true'>
            id="complaint-overdue"
            value={filter.overdue ? 'true' : ''}
            onChange={(v) => set('overdue', v || undefined)}
            options={[{ value: '', label: t('common.all') }, { value: 'true', label: t('complaint.overdueOnly') }]}
            style={{ width: 140 }}
          />
        </Filter>
        {supervisor ? (
          <>
            <Filter htmlFor="complaint-region" label={t('complaint.region')}>
              <div style={{ width: 220 }}>
                <RegionTreeSelect id="complaint-region" value={filter.regionCode} onChange={(v) => set('region', v)} allowClear placeholder={t('complaint.allRegions')} />
              </div>
            </Filter>
            <Filter htmlFor="complaint-department" label={t('complaint.body')}>
              <div style={{ width: 240 }}>
                <DepartmentSelect id="complaint-department" regionCode={filter.regionCode ?? scopeRegion} value={filter.departmentId} onChange={(v) => set('department', v)} allowClear placeholder={t('complaint.allDepartments')} />
              </div>
            </Filter>
          </>
        ) : null}
      </div>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <PagedTable<ComplaintView> label={title} columns={columns} result={list} page={filter.page} pageSize={PAGE_SIZE} emptyText={t('complaint.none')} onPage={(p) => set('page', p === 1 ? undefined : String(p))} />
    </div>
  );
}

/** One complaint for its handlers: the facts, the record, and 受理 / 答复 when the caller may. */
export function HandlerComplaintPage({ base }: { base: '/workbench' | '/dashboards' }) {
  const t = useT();
  const { id } = useParams();
  const c = useComplaint(id);
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorResult error={c.error} onRetry={() => void c.refetch()} />;
  const view = c.data;
  const title = `${t('complaint.one')} ${view.number}`;
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <nav aria-label={t('complaint.breadcrumb')} className="block-gap">
        <Link to={`${base}/complaints`}>{t('complaint.handle.title')}</Link> / <span aria-current="page">{view.number}</span>
      </nav>
      <div className="page-head">
        <h1>{title}</h1>
        {view.allowedActions.includes('take') ? <TakeButton c={view} /> : null}
      </div>
      <ComplaintFacts c={view} />
      {view.caseId ? (
        <p>
          <Link to={`${base}/cases/${view.caseId}`}>{t('complaint.openCase')}</Link>
        </p>
      ) : null}
      <ComplaintRecord c={view} />
      {view.allowedActions.includes('answer') ? <AnswerForm c={view} /> : null}
    </div>
  );
}
