import { Alert, App, Button, Card, Form, InputNumber, Select, Switch, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { SupervisionSettings as SettingsSchema, UpdateMonitoringPointBody, type WarningLevel } from '../../common/schemas/supervision.ts';
import { type MonitoringPointView, type SupervisionSettings, supervisionApi, type UpdatePointInput, useMonitoringPoints, useSupervisionMutation, useSupervisionSettings } from '../api/supervision.ts';
import { hasAnyRole } from '../auth/roles.ts';
import { useMe } from '../auth/session.ts';
import { useErrorText } from '../components/error-text.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { type MessageKey, translateIssue, useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';
import { pointLabel, regionPrefix } from './supervision-parts.tsx';
import './dashboards.css';

const UNIT_KEYS: Record<MonitoringPointView['unit'], MessageKey> = {
  working_days: 'sup.unit.working_days',
  days: 'sup.unit.days',
  times: 'sup.unit.times',
  characters: 'sup.unit.characters',
};

/** Configuration is city-wide: city supervisors (scope 4 digits or wider) and administrators change it. */
export function useCanConfigure(): boolean {
  const account = useMe().data?.account;
  if (hasAnyRole(account, ['system_admin'])) return true;
  const scope = account?.scope?.regionCode;
  return Boolean(scope && regionPrefix(scope).length <= 4);
}

type Draft = Partial<Pick<MonitoringPointView, 'level' | 'threshold' | 'enabled'>>;

/** One point's editable controls; 保存 sends only what changed. */
function usePointDrafts() {
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const edit = (code: string, patch: Draft) => setDrafts((d) => ({ ...d, [code]: { ...d[code], ...patch } }));
  const clear = (code: string) => setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== code)));
  return { drafts, edit, clear };
}

function PointsTable({ points, readOnly }: { points: MonitoringPointView[]; readOnly: boolean }) {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { drafts, edit, clear } = usePointDrafts();
  const save = useSupervisionMutation(({ code, body }: { code: MonitoringPointView['code']; body: UpdatePointInput }) => supervisionApi.updatePoint(code, body));
  const [rowError, setRowError] = useState<{ code: string; text: string } | null>(null);

  const submit = (p: MonitoringPointView) => {
    const d = drafts[p.code] ?? {};
    const body: UpdatePointInput = {
      ...(d.level !== undefined && d.level !== p.level ? { level: d.level } : {}),
      ...(d.threshold !== undefined && d.threshold !== p.threshold ? { threshold: d.threshold } : {}),
      ...(d.enabled !== undefined && d.enabled !== p.enabled ? { enabled: d.enabled } : {}),
    };
    // The same check the server makes (integer, 0–365, at least one change).
    const parsed = UpdateMonitoringPointBody.safeParse(body);
    if (!parsed.success) {
      setRowError({ code: p.code, text: translateIssue(parsed.error.issues[0]?.message ?? '', lang) });
      return;
    }
    setRowError(null);
    save.mutate(
      { code: p.code, body },
      {
        onSuccess: () => {
          clear(p.code);
          void message.success(t('sup.points.saved', { name: pointLabel(t, p.code) }));
        },
        onError: (e) => setRowError({ code: p.code, text: errorText(e) }),
      },
    );
  };

  const columns: TableColumnsType<MonitoringPointView> = [
    { title: t('sup.point.name'), dataIndex: 'code', key: 'name', render: (c: string) => <strong>{pointLabel(t, c)}</strong> },
    {
      title: t('sup.points.level'), key: 'level',
      render: (_: unknown, p) => (
        <Select<WarningLevel>
          aria-label={t('sup.points.levelOf', { name: pointLabel(t, p.code) })}
          value={drafts[p.code]?.level ?? p.level}
          onChange={(level) => edit(p.code, { level })}
          disabled={readOnly}
          options={[{ value: 'yellow', label: t('sup.level.yellow') }, { value: 'red', label: t('sup.level.red') }]}
          style={{ width: 100 }}
        />
      ),
    },
    {
      title: t('sup.points.threshold'), key: 'threshold',
      render: (_: unknown, p) => (
        <span className="nowrap">
          <InputNumber<number>
            aria-label={t('sup.points.thresholdOf', { name: pointLabel(t, p.code) })}
            value={drafts[p.code]?.threshold ?? p.threshold}
            onChange={(v) => edit(p.code, { threshold: v ?? undefined })}
            min={0}
            max={365}
            precision={0}
            disabled={readOnly}
            style={{ width: 96 }}
          />{' '}
          {t(UNIT_KEYS[p.unit])}
        </span>
      ),
    },
    {
      title: t('sup.points.enabled'), key: 'enabled',
      render: (_: unknown, p) => (
        <Switch
          aria-label={t('sup.points.enabledOf', { name: pointLabel(t, p.code) })}
          checked={drafts[p.code]?.enabled ?? p.enabled}
          onChange={(enabled) => edit(p.code, { enabled })}
          disabled={readOnly}
        />
      ),
    },
    { title: t('sup.points.open'), dataIndex: 'open', key: 'open', align: 'right' },
    { title: t('sup.points.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', render: (at: string) => formatDateTime(at, lang) },
    ...(readOnly
      ? []
      : [
          {
            title: t('common.actions'), key: 'save',
            render: (_: unknown, p: MonitoringPointView) => (
              <>
                <Button
                  onClick={() => submit(p)}
                  disabled={!drafts[p.code]}
                  loading={save.isPending && save.variables.code === p.code}
                  aria-label={t('sup.points.saveNamed', { name: pointLabel(t, p.code) })}
                >
                  {t('common.save')}
                </Button>
                {rowError?.code === p.code ? (
                  <div role="alert" className="field-error">
                    {rowError.text}
                  </div>
                ) : null}
              </>
            ),
          },
        ]),
  ];
  return (
    <ScrollRegion label={t('sup.points.table')} wide>
      <Table<MonitoringPointView> rowKey="code" columns={columns} dataSource={points} pagination={false} />
    </ScrollRegion>
  );
}

const SETTING_FIELDS = [
  { name: 'rectificationDays', label: 'sup.settings.rectificationDays', help: 'sup.settings.rectificationHelp' },
  { name: 'complaintDays', label: 'sup.settings.complaintDays', help: 'sup.settings.complaintHelp' },
  { name: 'orderDays', label: 'sup.settings.orderDays', help: 'sup.settings.orderHelp' },
  { name: 'orderEscalationDays', label: 'sup.settings.orderEscalationDays', help: 'sup.settings.orderEscalationHelp' },
] as const satisfies readonly { name: keyof SupervisionSettings; label: MessageKey; help: MessageKey }[];

/** 期限设置: the module's deadlines in working days. */
function SettingsForm({ settings, readOnly }: { settings: SupervisionSettings; readOnly: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SupervisionSettings>();
  const { parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const save = useSupervisionMutation(supervisionApi.updateSettings);
  useEffect(() => form.setFieldsValue(settings), [form, settings]);

  const onFinish = (values: SupervisionSettings) => {
    clearError();
    const body = parseForm(SettingsSchema, values, form);
    if (!body) return;
    save.mutate(body, { onSuccess: () => void message.success(t('sup.settings.saved')), onError: showError });
  };
  return (
    <Card title={<h2 className="card-title">{t('sup.settings.title')}</h2>} className="block-gap">
      <p className="muted">{t('sup.settings.lead')}</p>
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form<SupervisionSettings> form={form} layout="vertical" initialValues={settings} onFinish={onFinish} disabled={readOnly} className="block-gap">
        <div className="stat-grid">
          {SETTING_FIELDS.map((f) => (
            <Form.Item key={f.name} name={f.name} label={t(f.label)} extra={t(f.help)}>
              <InputNumber<number> min={1} max={60} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </div>
        {readOnly ? null : (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('sup.settings.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/**
 * 监察点设置: each monitoring point's level, threshold and on/off, and the deadlines (working days) of
 * rectification, complaints and 督办. County supervisors see the same page read-only.
 */
export function PointsPage() {
  const t = useT();
  const readOnly = !useCanConfigure();
  const points = useMonitoringPoints();
  const settings = useSupervisionSettings();
  const title = t('sup.points.title');
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="muted">{t('sup.points.lead')}</p>
      {readOnly ? <Alert type="info" showIcon title={t('sup.points.readOnly')} className="block-gap" /> : null}
      <Card title={<h2 className="card-title">{t('sup.points.table')}</h2>} className="block-gap">
        {points.isPending ? <Loading /> : points.isError ? <ErrorResult error={points.error} onRetry={() => void points.refetch()} /> : <PointsTable points={points.data.items} readOnly={readOnly} />}
      </Card>
      {settings.isPending ? <Loading /> : settings.isError ? <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} /> : <SettingsForm settings={settings.data} readOnly={readOnly} />}
    </div>
  );
}
