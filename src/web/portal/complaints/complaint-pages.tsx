import { Alert, App, Button, Card, Empty, Form, Input, List, Radio, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { COMPLAINT_CATEGORIES, COMPLAINT_CONTENT_MAX, COMPLAINT_CONTENT_MIN } from '../../../common/schemas/complaints.ts';
import { casesApi } from '../../api/cases.ts';
import { complaintsApi, useComplaintMutation, useMyComplaint, useMyComplaints, type ComplaintCategory, type ComplaintView } from '../../api/complaints.ts';
import { useWindows } from '../../api/queries.ts';
import { ComplaintFacts, ComplaintRecord, ComplaintStatusTag, SATISFACTION_LEVELS, categoryLabel, satisfactionLabel, targetText } from '../../complaints/complaint-parts.tsx';
import { useServerErrors } from '../../components/forms.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { CITY_CODE, formatDateTime } from '../../site.ts';
import { useCountyOptions } from '../county-picker.tsx';
import '../../complaints/complaints.css';

interface FormValues {
  target: 'case' | 'window';
  caseId?: string;
  regionCode?: string;
  windowId?: string;
  category?: ComplaintCategory;
  content?: string;
}

/** My cases that can be complained about (every submitted one), newest first. */
function useComplainableCases() {
  return useQuery({ queryKey: ['cases', 'mine', 'complainable'], queryFn: () => casesApi.mine(1, 100) });
}

/**
 * 我要投诉: about one of my cases (preselected from the case page with ?caseId=) or about a window of
 * a region; a category and what happened. Sent, it opens the new complaint.
 */
export function ComplaintFormPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const preselected = params.get('caseId') ?? undefined;
  const [form] = Form.useForm<FormValues>();
  const { formError, showError, clearError } = useServerErrors(form);
  const target = Form.useWatch('target', form) ?? 'case';
  const regionCode = Form.useWatch('regionCode', form) ?? CITY_CODE;
  const cases = useComplainableCases();
  const windows = useWindows({ regionCode }, target === 'window');
  const counties = useCountyOptions();
  const submit = useComplaintMutation(complaintsApi.submit);
  const caseOptions = (cases.data?.items ?? []).filter((c) => c.state !== 'draft').map((c) => ({ value: c.id, label: `${c.itemName}（${c.caseNumber ?? '—'}）` }));
  // The city's own hall when the city is chosen, not every county's again.
  const windowOptions = (windows.data?.items ?? []).filter((w) => regionCode !== CITY_CODE || w.regionCode === CITY_CODE).map((w) => ({ value: w.id, label: `${w.hall} ${w.number} ${w.name}` }));

  const onFinish = (v: FormValues) => {
    clearError();
    const body = {
      ...(v.target === 'case' ? { caseId: v.caseId } : { windowId: v.windowId }),
      category: v.category ?? 'other',
      content: v.content ?? '',
    };
    submit.mutate(body, {
      onSuccess: (c) => {
        void message.success(t('complaint.submitted', { number: c.number }));
        void navigate(`/account/complaints/${c.id}`);
      },
      onError: showError,
    });
  };

  return (
    <div className="gov-container page-body">
      <PageTitle title={t('complaint.new.title')} />
      <h1>{t('complaint.new.title')}</h1>
      <p className="page-lead">{t('complaint.new.lead')}</p>
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ target: 'case', caseId: preselected, regionCode: CITY_CODE }} className="complaint-form">
        <Form.Item name="target" label={t('complaint.target')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'case', label: t('complaint.target.case') },
              { value: 'window', label: t('complaint.target.window') },
            ]}
          />
        </Form.Item>
        {target === 'case' ? (
          <Form.Item name="caseId" label={t('complaint.chooseCase')} rules={[{ required: true, message: t('complaint.chooseCaseRequired') }]} extra={cases.data && caseOptions.length === 0 ? t('complaint.noCases') : undefined}>
            <Select options={caseOptions} loading={cases.isPending} showSearch={{ optionFilterProp: 'label' }} placeholder={t('complaint.chooseCase')} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="regionCode" label={t('portal.chooseCounty')}>
              <Select options={counties.options} loading={counties.loading} onChange={() => form.setFieldValue('windowId', undefined)} />
            </Form.Item>
            <Form.Item name="windowId" label={t('complaint.chooseWindow')} rules={[{ required: true, message: t('complaint.chooseWindowRequired') }]} extra={windows.data && windowOptions.length === 0 ? t('complaint.noWindows') : undefined}>
              <Select options={windowOptions} loading={windows.isFetching} showSearch={{ optionFilterProp: 'label' }} placeholder={t('complaint.chooseWindow')} />
            </Form.Item>
          </>
        )}
        <Form.Item name="category" label={t('complaint.category')} rules={[{ required: true, message: t('complaint.categoryRequired') }]}>
          <Radio.Group options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('complaint.content')}
          extra={t('complaint.contentHelp', { min: COMPLAINT_CONTENT_MIN, max: COMPLAINT_CONTENT_MAX })}
          rules={[
            { required: true, whitespace: true, message: t('complaint.contentRequired') },
            { min: COMPLAINT_CONTENT_MIN, message: t('complaint.contentShort', { min: COMPLAINT_CONTENT_MIN }) },
          ]}
        >
          <Input.TextArea rows={6} maxLength={COMPLAINT_CONTENT_MAX} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending}>
          {t('complaint.act.submit')}
        </Button>
      </Form>
    </div>
  );
}

/** 我的投诉: my complaints, newest first, each with its status and deadline. */
export function MyComplaintsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useMyComplaints(page);
  return (
    <div className="gov-container page-body">
      <PageTitle title={t('complaint.mine')} />
      <div className="page-head">
        <h1>{t('complaint.mine')}</h1>
        <Button type="primary" onClick={() => void navigate('/account/complaints/new')}>
          {t('complaint.new.title')}
        </Button>
      </div>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.total === 0 ? <Empty description={t('complaint.mineNone')} /> : null}
      <List<ComplaintView>
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={list.data && list.data.total > 20 ? { current: page, pageSize: 20, total: list.data.total, onChange: setPage } : false}
        renderItem={(c) => (
          <List.Item key={c.id}>
            <Card className="case-card" title={<Link to={`/account/complaints/${c.id}`}>{`${c.number} · ${categoryLabel(t, c.category)}`}</Link>} extra={<ComplaintStatusTag c={c} />}>
              <p>{targetText(t, c)}</p>
              <p>
                {t('complaint.submittedAt')}：{formatDateTime(c.createdAt, lang)} · {t('complaint.dueDate')}：{c.dueDate}
              </p>
            </Card>
          </List.Item>
        )}
      />
    </div>
  );
}

/** The rating of an answer: five levels (a comment is needed for 不满意 / 非常不满意). */
function RatingForm({ c }: { c: ComplaintView }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ satisfaction?: number; comment?: string }>();
  const { formError, showError, clearError } = useServerErrors(form);
  const rate = useComplaintMutation((v: { satisfaction: number; comment?: string | undefined }) => complaintsApi.rate(c.id, v));
  const onFinish = (v: { satisfaction?: number; comment?: string }) => {
    clearError();
    const comment = v.comment?.trim();
    rate.mutate({ satisfaction: v.satisfaction ?? 0, ...(comment ? { comment } : {}) }, { onSuccess: () => void message.success(t('complaint.rated')), onError: showError });
  };
  return (
    <Card title={<h2 className="card-title">{t('complaint.act.rate')}</h2>} className="block-gap">
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="satisfaction" label={t('complaint.satisfaction')} rules={[{ required: true, message: t('complaint.satisfactionRequired') }]}>
          <Radio.Group options={SATISFACTION_LEVELS.map((n) => ({ value: n, label: satisfactionLabel(t, n) }))} />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('complaint.comment')}
          extra={t('complaint.commentHelp')}
          dependencies={['satisfaction']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                const n = getFieldValue('satisfaction') as number | undefined;
                if (n !== undefined && n <= 2 && !(value ?? '').trim()) throw new Error(t('complaint.commentRequired'));
              },
            }),
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={rate.isPending}>
          {t('complaint.act.rate')}
        </Button>
      </Form>
    </Card>
  );
}

/** Reopening after a bad rating (once): why the answer did not settle it. */
function ReopenForm({ c }: { c: ComplaintView }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { formError, showError, clearError } = useServerErrors(form);
  const reopen = useComplaintMutation((reason: string) => complaintsApi.reopen(c.id, reason));
  return (
    <Card title={<h2 className="card-title">{t('complaint.act.reopen')}</h2>} className="block-gap">
      <p className="muted">{t('complaint.reopenHelp')}</p>
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          clearError();
          reopen.mutate(v.reason, { onSuccess: () => void message.success(t('complaint.reopened')), onError: showError });
        }}
      >
        <Form.Item name="reason" label={t('complaint.reopenReason')} rules={[{ required: true, whitespace: true, message: t('complaint.reopenReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Button htmlType="submit" loading={reopen.isPending}>
          {t('complaint.act.reopen')}
        </Button>
      </Form>
    </Card>
  );
}

/** One of my complaints: facts, what I wrote, the answer, and the rating (or reopening) form. */
export function MyComplaintPage() {
  const t = useT();
  const { id = '' } = useParams();
  const c = useMyComplaint(id);
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorResult error={c.error} onRetry={() => void c.refetch()} />;
  const view = c.data;
  const title = `${t('complaint.one')} ${view.number}`;
  return (
    <div className="gov-container page-body">
      <PageTitle title={title} />
      <nav aria-label={t('complaint.breadcrumb')} className="block-gap">
        <Link to="/account/complaints">{t('complaint.mine')}</Link> / <span aria-current="page">{view.number}</span>
      </nav>
      <h1>{title}</h1>
      {view.status === 'submitted' || view.status === 'handling' ? <Alert type="info" showIcon className="block-gap" title={t('complaint.waiting', { date: view.dueDate })} /> : null}
      <ComplaintFacts c={view} />
      {view.caseId ? (
        <p>
          <Link to={`/account/cases/${view.caseId}`}>{t('complaint.openMyCase')}</Link>
        </p>
      ) : null}
      <ComplaintRecord c={view} />
      {view.allowedActions.includes('rate') ? <RatingForm c={view} /> : null}
      {view.allowedActions.includes('reopen') ? <ReopenForm c={view} /> : null}
    </div>
  );
}
