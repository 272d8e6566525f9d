import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { FieldIssue } from '../../common/errors.ts';
import { SSO_GRANT_TYPES, SSO_SCOPE_NAMES, SSO_SCOPES, SsoClientBody, type SsoScope } from '../../common/schemas/sso.ts';
import { ApiError } from '../api/client.ts';
import { type CreateSsoClientInput, ssoApi, type SsoClientView, type SsoClientWithSecret, type UpdateSsoClientInput, useSsoClientMutation, useSsoClients } from '../api/sso.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { useErrorText } from '../components/error-text.ts';
import { useServerErrors } from '../components/forms.ts';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { CLIENT_PAGINATION } from '../components/list-page.tsx';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult } from '../components/results.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { claimLabel, scopeLabel } from '../components/sso-labels.ts';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { CITY_CODE, formatDateTime } from '../site.ts';

type AppType = 'web' | 'service';
type GrantType = (typeof SSO_GRANT_TYPES)[number];

/** Grant types each kind of application may use (the shared schema refuses the others). */
const GRANTS_OF: Record<AppType, GrantType[]> = { web: ['authorization_code', 'refresh_token'], service: ['client_credentials'] };
/** Minimal defaults: a web application gets the name only; a service application reads cases. */
const DEFAULTS: Record<AppType, { grantTypes: GrantType[]; scopes: SsoScope[]; claims: string[] }> = {
  web: { grantTypes: ['authorization_code'], scopes: ['openid', 'profile'], claims: ['name'] },
  service: { grantTypes: ['client_credentials'], scopes: ['cases:read'], claims: [] },
};
/** Fields entered one URL a line: an issue on `redirectUris.2` is shown under the field as line 3. */
const LINE_FIELDS = new Set(['redirectUris', 'postLogoutRedirectUris']);
/** Fields checked only by the shared schema on submit: their old message goes as soon as they change. */
const SCHEMA_CHECKED: readonly (keyof FormValues)[] = ['redirectUris', 'postLogoutRedirectUris', 'backchannelLogoutUri', 'description', 'claims'];

/** Scopes an application of this type may be given. */
function scopesFor(type: AppType): SsoScope[] {
  return type === 'service' ? SSO_SCOPE_NAMES.filter((s) => SSO_SCOPES[s].api) : SSO_SCOPE_NAMES;
}

/** Claims the chosen scopes can release (the server refuses any other). */
function claimsOf(scopes: readonly SsoScope[]): string[] {
  return [...new Set(scopes.flatMap((s) => (SSO_SCOPES[s].claims as readonly string[]).filter((c) => c !== 'sub')))];
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function blankToNull(text: string | undefined): string | null {
  const v = (text ?? '').trim();
  return v === '' ? null : v;
}

interface FormValues {
  regionCode?: string;
  departmentId?: string;
  name: string;
  description?: string;
  applicationType?: AppType;
  redirectUris?: string;
  postLogoutRedirectUris?: string;
  backchannelLogoutUri?: string;
  grantTypes?: GrantType[];
  scopes?: SsoScope[];
  claims?: string[];
}

/** Register or edit one client; a registration answers with its secret (shown once by the page). */
function ClientForm({ editing, onClose, onSecret }: { editing: SsoClientView | null; onClose: () => void; onSecret: (s: SsoClientWithSecret) => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const { formError, showError, clearError } = useServerErrors(form);
  const regionCode = Form.useWatch('regionCode', form);
  const appType = Form.useWatch('applicationType', form) ?? editing?.applicationType ?? 'web';
  const scopes = Form.useWatch('scopes', form) ?? [];
  const claims = Form.useWatch('claims', form) ?? [];
  const create = useSsoClientMutation(ssoApi.create);
  const update = useSsoClientMutation(({ clientId, body }: { clientId: string; body: UpdateSsoClientInput }) => ssoApi.update(clientId, body));

  /** Field issues (from the shared schema here, or from the server) put under the fields they name. */
  const showIssues = (error: unknown) => {
    if (error instanceof ApiError && error.fieldIssues.length > 0) {
      const issues: FieldIssue[] = error.fieldIssues.map((i) => {
        const [field = '', index] = i.path.replace(/^body\./, '').split('.');
        if (index !== undefined && /^\d+$/.test(index)) {
          return { path: field, message: LINE_FIELDS.has(field) ? `${t('sso.admin.line', { n: Number(index) + 1 })}${i.message}` : i.message };
        }
        return i;
      });
      showError(new ApiError(error.code, error.message, issues, error.status));
      return;
    }
    showError(error);
  };

  const clearSchemaErrors = (names: readonly string[]) => form.setFields(SCHEMA_CHECKED.filter((n) => names.includes(n)).map((name) => ({ name, errors: [] })));

  const submit = async (v: FormValues) => {
    clearError();
    clearSchemaErrors(SCHEMA_CHECKED);
    const type = editing?.applicationType ?? v.applicationType ?? 'web';
    const chosenScopes = v.scopes ?? [];
    const allowedClaims = new Set(claimsOf(chosenScopes));
    const full: CreateSsoClientInput = {
      name: v.name,
      departmentId: editing ? editing.departmentId : (v.departmentId ?? null),
      description: blankToNull(v.description),
      applicationType: type,
      redirectUris: type === 'web' ? lines(v.redirectUris) : [],
      postLogoutRedirectUris: type === 'web' ? lines(v.postLogoutRedirectUris) : [],
      backchannelLogoutUri: type === 'web' ? blankToNull(v.backchannelLogoutUri) : null,
      grantTypes: v.grantTypes ?? [],
      scopes: chosenScopes,
      claims: (v.claims ?? []).filter((c) => allowedClaims.has(c)),
    };
    // The same check the server makes, so a wrong line is named before anything is sent.
    const checked = SsoClientBody.safeParse(full);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      showIssues(new ApiError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues, 400));
      return;
    }
    try {
      if (editing) {
        const { applicationType: _type, departmentId: _dept, ...patch } = full;
        await update.mutateAsync({ clientId: editing.clientId, body: patch });
      } else {
        onSecret(await create.mutateAsync(full));
      }
      onClose();
    } catch (e) {
      showIssues(e);
    }
  };

  /** Switching the type resets grant types, scopes and claims to that type's minimal defaults. */
  const changeType = (type: AppType) => form.setFieldsValue(DEFAULTS[type]);

  const initialValues: Partial<FormValues> = editing
    ? {
        name: editing.name,
        description: editing.description ?? '',
        applicationType: editing.applicationType,
        redirectUris: editing.redirectUris.join('\n'),
        postLogoutRedirectUris: editing.postLogoutRedirectUris.join('\n'),
        backchannelLogoutUri: editing.backchannelLogoutUri ?? '',
        grantTypes: editing.grantTypes.filter((g): g is GrantType => (SSO_GRANT_TYPES as readonly string[]).includes(g)),
        scopes: editing.scopes.filter((s): s is SsoScope => s in SSO_SCOPES),
        claims: editing.claims,
      }
    : { regionCode: CITY_CODE, applicationType: 'web', ...DEFAULTS.web };
  const claimOptions = claimsOf(scopes);
  const sensitive = claims.includes('id_number') || scopes.includes('id_card');

  return (
    <Modal
      open
      title={editing ? `${t('sso.admin.edit')} · ${editing.name}` : t('sso.admin.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit(form.getFieldsValue(true) as FormValues)} onValuesChange={(changed: Partial<FormValues>) => clearSchemaErrors(Object.keys(changed))} name="sso-client">
        {editing ? (
          <p>
            {t('sso.admin.department')}：<strong>{editing.departmentName ?? '—'}</strong>，{t('sso.admin.type')}：<strong>{t(`sso.admin.type.${editing.applicationType}`)}</strong>
          </p>
        ) : (
          <>
            <Form.Item name="applicationType" label={t('sso.admin.type')} extra={t(`sso.admin.typeHint.${appType}`)}>
              <Radio.Group onChange={(e) => changeType(e.target.value as AppType)} options={(['web', 'service'] as const).map((v) => ({ value: v, label: t(`sso.admin.type.${v}`) }))} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('dept.region')} htmlFor="sso-region">
              <RegionTreeSelect id="sso-region" />
            </Form.Item>
            <Form.Item name="departmentId" label={t('sso.admin.department')} htmlFor="sso-dept" extra={t('sso.admin.departmentHint')} rules={appType === 'service' ? [{ required: true, message: t('org.chooseDepartment') }] : []}>
              <DepartmentSelect id="sso-dept" regionCode={regionCode} allowClear />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('sso.admin.name')} htmlFor="sso-name" rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input id="sso-name" placeholder={t('sso.admin.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('sso.admin.description')} htmlFor="sso-desc" extra={t('sso.admin.descriptionHint')}>
          <Input.TextArea id="sso-desc" rows={2} maxLength={500} />
        </Form.Item>
        {appType === 'web' ? (
          <>
            <Form.Item name="redirectUris" label={t('sso.admin.redirectUris')} htmlFor="sso-redirect" extra={t('sso.admin.urisHint')} required>
              <Input.TextArea id="sso-redirect" rows={2} placeholder="https://sp.example.cn/oidc/callback" />
            </Form.Item>
            <Form.Item name="postLogoutRedirectUris" label={t('sso.admin.postLogoutRedirectUris')} htmlFor="sso-logout-redirect" extra={t('sso.admin.urisHint')}>
              <Input.TextArea id="sso-logout-redirect" rows={2} placeholder="https://sp.example.cn/" />
            </Form.Item>
            <Form.Item name="backchannelLogoutUri" label={t('sso.admin.backchannelLogoutUri')} htmlFor="sso-backchannel" extra={t('sso.admin.backchannelHint')}>
              <Input id="sso-backchannel" placeholder="https://sp.example.cn/oidc/backchannel-logout" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="grantTypes" label={t('sso.admin.grantTypes')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={GRANTS_OF[appType].map((g) => ({ value: g, label: `${t(`sso.admin.grant.${g}`)}（${g}）` }))} />
        </Form.Item>
        <Form.Item name="scopes" label={t('sso.admin.scopes')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={scopesFor(appType).map((s) => ({ value: s, label: scopeLabel(t, s) }))} />
        </Form.Item>
        {/* Hidden rather than left out when no chosen scope releases a claim, so the field keeps its value. */}
        <Form.Item name="claims" label={t('sso.admin.claims')} extra={t('sso.admin.claimsHint')} hidden={claimOptions.length === 0}>
          <Checkbox.Group options={claimOptions.map((c) => ({ value: c, label: claimLabel(t, c) }))} />
        </Form.Item>
        {sensitive ? <Alert type="warning" showIcon title={t('sso.admin.idNumberWarning')} className="block-gap" /> : null}
        {formError ? <Alert type="error" showIcon title={formError} /> : null}
      </Form>
    </Modal>
  );
}

/** The secret, once: after registration or after 重置密钥. */
function SecretModal({ result, onClose }: { result: SsoClientWithSecret; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open title={t('sso.admin.secretTitle')} onOk={onClose} onCancel={onClose} okText={t('sso.admin.secretSaved')} cancelButtonProps={{ style: { display: 'none' } }}>
      <Alert type="warning" showIcon title={t('sso.admin.secretOnce')} className="block-gap" />
      <p>
        {result.client.name}
        {result.client.departmentName ? `（${result.client.departmentName}）` : ''}
      </p>
      <p>{t('sso.admin.clientId')}</p>
      <Typography.Paragraph copyable={{ text: result.client.clientId }} code>
        {result.client.clientId}
      </Typography.Paragraph>
      <p>{t('sso.admin.secretTitle')}</p>
      <Typography.Paragraph copyable={{ text: result.clientSecret }} code>
        {result.clientSecret}
      </Typography.Paragraph>
    </Modal>
  );
}

/** Where applications find the provider: issuer and discovery document. */
function IssuerBox() {
  const t = useT();
  const issuer = `${window.location.origin}/oidc`;
  const discovery = `${issuer}/.well-known/openid-configuration`;
  return (
    <Alert
      type="info"
      showIcon
      className="block-gap"
      title={
        <>
          <div>
            {t('sso.admin.issuer')}：<Typography.Text code copyable>{issuer}</Typography.Text>
          </div>
          <div>
            {t('sso.admin.discovery')}：<Typography.Text code copyable>{discovery}</Typography.Text>
          </div>
        </>
      }
      description={t('sso.admin.discoveryHint')}
    />
  );
}

/** 单点登录应用: register department systems as OpenID Connect clients, reset secrets, disable them (system admins). */
export function SsoClientsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const errorText = useErrorText();
  const q = useSsoClients();
  const [editing, setEditing] = useState<SsoClientView | null | undefined>();
  const [secret, setSecret] = useState<SsoClientWithSecret | null>(null);
  const rotate = useSsoClientMutation(ssoApi.rotate);
  const setStatus = useSsoClientMutation(({ clientId, status }: { clientId: string; status: 'active' | 'disabled' }) => ssoApi.update(clientId, { status }));
  const failed = rotate.error ?? setStatus.error;
  const title = t('sso.admin.title');
  const columns: TableColumnsType<SsoClientView> = [
    { title: t('sso.admin.name'), dataIndex: 'name' },
    { title: t('sso.admin.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    { title: t('sso.admin.type'), dataIndex: 'applicationType', render: (v: AppType) => t(`sso.admin.type.${v}`) },
    {
      title: t('sso.admin.clientId'),
      dataIndex: 'clientId',
      render: (v: string) => (
        <Typography.Text code copyable>
          {v}
        </Typography.Text>
      ),
    },
    { title: t('sso.admin.scopes'), dataIndex: 'scopes', render: (v: string[]) => v.map((s) => <Tag key={s}>{scopeLabel(t, s)}</Tag>) },
    {
      title: t('sso.admin.claims'),
      dataIndex: 'claims',
      render: (v: string[]) =>
        v.length === 0
          ? '—'
          : v.map((c) => (
              <Tag key={c} className={c === 'id_number' ? 'status-tag status-warn' : undefined}>
                {claimLabel(t, c)}
              </Tag>
            )),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (v: 'active' | 'disabled') => <span className={v === 'active' ? 'status-tag status-ok' : 'status-tag status-off'}>{t(`status.${v}`)}</span>,
    },
    { title: t('sso.admin.secretRotatedAt'), dataIndex: 'secretRotatedAt', render: (v: string) => formatDateTime(v, lang), width: 170 },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, c) => (
        <>
          <Button type="link" onClick={() => setEditing(c)}>
            {t('sso.admin.edit')}
          </Button>
          <ConfirmButton label={t('sso.admin.rotate')} question={t('sso.admin.rotateQuestion')} danger onConfirm={() => void rotate.mutateAsync(c.clientId).then(setSecret, () => undefined)} />
          {c.status === 'active' ? (
            <ConfirmButton label={t('sso.admin.disable')} question={t('sso.admin.disableQuestion')} danger onConfirm={() => setStatus.mutate({ clientId: c.clientId, status: 'disabled' })} />
          ) : (
            <ConfirmButton label={t('sso.admin.enable')} question={t('sso.admin.enableQuestion')} onConfirm={() => setStatus.mutate({ clientId: c.clientId, status: 'active' })} />
          )}
        </>
      ),
    },
  ];
  return (
    <div className="staff-page">
      <PageTitle title={title} />
      <div className="page-head">
        <h1>{title}</h1>
        <Button type="primary" onClick={() => setEditing(null)}>
          {t('sso.admin.create')}
        </Button>
      </div>
      <IssuerBox />
      {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {failed ? <Alert type="error" showIcon title={errorText(failed)} className="block-gap" /> : null}
      <ScrollRegion label={title} wide>
        <Table<SsoClientView> rowKey="clientId" columns={columns} dataSource={q.data ?? []} loading={q.isFetching} pagination={CLIENT_PAGINATION} />
      </ScrollRegion>
      {editing !== undefined ? <ClientForm editing={editing} onClose={() => setEditing(undefined)} onSecret={setSecret} /> : null}
      {secret ? <SecretModal result={secret} onClose={() => setSecret(null)} /> : null}
    </div>
  );
}
