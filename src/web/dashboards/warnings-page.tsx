import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MONITORING_POINTS, type MonitoringPointCode, ResolveWarningBody, type WarningLevel } from '../../common/schemas/supervision.ts';
import { supervisionApi, useSupervisionMutation, useWarnings, type WarningFilter, type WarningView } from '../api/supervision.ts';
import { useMe } from '../auth/session.ts';
import { useErrorText } from '../components/error-text.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { Filter, PagedTable } from '../components/list-page.tsx';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';
import { IssueOrderButton } from './issue-order.tsx';
import { LevelTag, pointLabel, warningFacts } from './supervision-parts.tsx';
import './dashboards.css';

const STATUSES = ['open', 'resolved', 'all'] as const;
type Status = (typeof STATUSES)[number];
const PAGE_SIZE = 20;

/** 核实处理: a supervisor closes a warning after checking it, with a note (no new warning for that case and point). */
function ResolveButton({ warning }: { warning: WarningView }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const { parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const resolve = useSupervisionMutation(supervisionApi.resolve);
  const name = warning.caseNumber ?? warning.itemName;
  const close = () => {
    setOpen(false);
    clearError();
    form.resetFields();
  };
  const onFinish = (values: { note: string }) => {
    clearError();
    const body = parseForm(ResolveWarningBody, values, form);
    if (!body) return;
    resolve.mutate(
      { id: warning.id, note: body.note },
      {
        onSuccess: () => {
          close();
          void message.success(t('sup.resolve.done', { name }));
        },
        onError: showError,
      },
    );
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={t('sup.resolve.named', { name })}>
        {t('sup.resolve.button')}
      </Button>
      <Modal open={open} title={t('sup.resolve.title', { name })} onCancel={close} onOk={() => form.submit()} okText={t('sup.resolve.confirm')} confirmLoading={resolve.isPending} destroyOnHidden>
        <p className="muted">{t('sup.resolve.lead')}</p>
        {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="note" label={t('sup.resolve.note')} required>
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/**
 * 预警监控: the warnings (红灯 / 黄灯) of the supervisor's scope, filtered by level, monitoring point,
 * status, region and department; 立即扫描 runs the monitoring scan now. Filters live in the URL, so
 * the overview's counters and top problems link straight to a filtered list.
 */
export function WarningsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const scopeRegion = useMe().data?.account?.scope?.regionCode ?? undefined;
  const regionParam = params.get('region');
  const filter: WarningFilter = {
    level: oneOf<WarningLevel>(['red', 'yellow'], params.get('level')),
    point: oneOf<MonitoringPointCode>(MONITORING_POINTS, params.get('point')),
    status: oneOf<Status>(STATUSES, params.get('status')) ?? 'open',
    regionCode: regionParam && /^\d{12}$/.test(regionParam) ? regionParam : undefined,
    departmentId: params.get('department') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const warnings = useWarnings(filter);
  const scan = useSupervisionMutation(supervisionApi.scan);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    // Another region's departments do not belong to the new region.
    if (key === 'region') next.delete('department');
    setParams(next);
  };

  const runScan = () =>
    scan.mutate(undefined, {
      onSuccess: (r) => void message.success(t('sup.scan.done', { raised: r.raised, resolved: r.resolved, open: r.open })),
      onError: (e) => void message.error(errorText(e)),
    });

  const columns: TableColumnsType<WarningView> = [
    { title: t('sup.warn.level'), dataIndex: 'level', key: 'level', width: 80, render: (l: WarningLevel) => <LevelTag level={l} /> },
    { title: t('sup.point.name'), dataIndex: 'pointCode', key: 'point', render: (c: string) => pointLabel(t, c) },
    {
      title: t('sup.warn.case'), key: 'case',
      render: (_: unknown, w) => <Link to={`/dashboards/cases/${w.caseId}`}>{w.caseNumber ?? t('sup.warn.noNumber')}</Link>,
    },
    { title: t('sup.warn.item'), dataIndex: 'itemName', key: 'item' },
    { title: t('sup.warn.department'), key: 'department', render: (_: unknown, w) => `${w.departmentName}（${w.regionName}）` },
    { title: t('sup.warn.due'), dataIndex: 'dueDate', key: 'due', render: (d: string | null) => d ?? '—' },
    { title: t('sup.warn.facts'), key: 'days', render: (_: unknown, w) => warningFacts(t, w) },
    { title: t('sup.warn.raisedAt'), dataIndex: 'raisedAt', key: 'raisedAt', render: (at: string) => formatDateTime(at, lang) },
    {
      title: t('sup.warn.recipients'), key: 'recipients',
      render: (_: unknown, w) => (w.recipients.length > 0 ? w.recipients.map((r) => r.name).join('、') : '—'),
    },
    {
      title: t('common.status'), dataIndex: 'status', key: 'status',
      render: (s: 'open' | 'resolved', w) => (s === 'open' ? t('sup.warn.open') : t('sup.warn.resolvedAt', { at: formatDateTime(w.resolvedAt, lang) })),
    },
    {
      // 督办 on this warning (the order records which warning it follows up), the case, and 核实处理.
      title: t('sup.warn.order'), key: 'order',
      render: (_: unknown, w) => (
        <Space size="small" wrap>
          {w.status === 'open' ? <IssueOrderButton caseId={w.caseId} warningId={w.id} /> : null}
          <Link to={`/dashboards/cases/${w.caseId}`} aria-label={t('sup.warn.orderNamed', { name: w.caseNumber ?? w.itemName })}>
            {t('sup.warn.orderLink')}
          </Link>
          {w.status === 'open' ? <ResolveButton warning={w} /> : null}
        </Space>
      ),
    },
  ];

  const title = t('sup.warnings.title');
  const regionForDepartments = filter.regionCode ?? scopeRegion;
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <div className="page-head">
        <h1>{title}</h1>
        <Button type="primary" icon={<ThunderboltOutlined />} onClick={runScan} loading={scan.isPending}>
          {t('sup.scan.run')}
        </Button>
      </div>
      <p className="muted">{t('sup.warnings.lead')}</p>
      <div className="filter-bar">
        <Filter htmlFor="warn-level" label={t('sup.warn.level')}>
          <Select<WarningLevel | ''>
            id="warn-level"
            value={filter.level ?? ''}
            onChange={(v) => set('level', v || undefined)}
            options={[{ value: '', label: t('common.all') }, { value: 'red', label: t('sup.level.red') }, { value: 'yellow', label: t('sup.level.yellow') }]}
            style={{ width: 120 }}
          />
        </Filter>
        <Filter htmlFor="warn-point" label={t('sup.point.name')}>
          <Select<MonitoringPointCode | ''>
            id="warn-point"
            value={filter.point ?? ''}
            onChange={(v) => set('point', v || undefined)}
            options={[{ value: '', label: t('common.all') }, ...MONITORING_POINTS.map((p) => ({ value: p, label: pointLabel(t, p) }))]}
            style={{ width: 220 }}
          />
        </Filter>
        <Filter htmlFor="warn-status" label={t('common.status')}>
          <Select<Status>
            id="warn-status"
            value={filter.status}
            onChange={(v) => set('status', v === 'open' ? undefined : v)}
            options={STATUSES.map((s) => ({ value: s, label: t(`sup.status.${s}`) }))}
            style={{ width: 120 }}
          />
        </Filter>
        <Filter htmlFor="warn-region" label={t('sup.warn.region')}>
          <div style={{ width: 220 }}>
            <RegionTreeSelect id="warn-region" value={filter.regionCode} onChange={(v) => set('region', v)} allowClear placeholder={t('sup.warn.allRegions')} />
          </div>
        </Filter>
        <Filter htmlFor="warn-department" label={t('sup.warn.department')}>
          <div style={{ width: 240 }}>
            <DepartmentSelect id="warn-department" regionCode={regionForDepartments} value={filter.departmentId} onChange={(v) => set('department', v)} allowClear placeholder={t('sup.warn.allDepartments')} />
          </div>
        </Filter>
      </div>
      {warnings.isError ? <ErrorResult error={warnings.error} onRetry={() => void warnings.refetch()} /> : null}
      {scan.isError ? <Alert type="error" showIcon title={errorText(scan.error)} className="block-gap" /> : null}
      <PagedTable<WarningView> label={title} columns={columns} result={warnings} page={filter.page} pageSize={PAGE_SIZE} emptyText={t('sup.warnings.none')} onPage={(p) => set('page', p === 1 ? undefined : String(p))} />
    </div>
  );
}
