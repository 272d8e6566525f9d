import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, type DescriptionsProps, Form, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ChangePasswordBody, DeregisterBody, UpdateProfileBody } from '../../common/schemas/identity.ts';
import { accountsApi } from '../api/endpoints.ts';
import { qk } from '../api/queries.ts';
import type { AccountView, ChangePasswordBody as ChangePasswordInput, DeregisterBody as DeregisterInput, UpdateProfileBody as UpdateProfileInput } from '../api/types.ts';
import { useMe, useSetSession } from '../auth/session.ts';
import { blankToUndefined, useServerErrors, useValidation } from '../components/forms.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ErrorResult, Loading } from '../components/results.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';
import { ContactChange, RealNameUpgradeCard } from './contact-change.tsx';
import { PasskeysCard } from './passkeys-card.tsx';
import { SsoGrantsCard } from './sso-grants-card.tsx';

/** The profile as the owner sees it: identifiers masked by the server, never in clear. */
function ProfileCard({ account: a }: { account: AccountView }) {
  const t = useT();
  const { lang } = usePrefs();
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('account.kind'), children: t(`accountKind.${a.kind}`) },
    { key: 'name', label: a.kind === 'enterprise' ? t('field.enterpriseName') : t('field.name'), children: a.displayName },
    ...(a.username ? [{ key: 'username', label: t('field.username'), children: a.username }] : []),
    ...(a.creditCode ? [{ key: 'credit', label: t('field.creditCode'), children: a.creditCode }] : []),
    ...(a.legalRepName ? [{ key: 'rep', label: t('field.legalRepName'), children: a.legalRepName }] : []),
    { key: 'id', label: a.kind === 'enterprise' ? t('field.legalRepIdNumber') : t('field.idNumber'), children: a.idNumberMasked ?? '—' },
    { key: 'phone', label: t('field.phone'), children: a.phoneMasked ?? '—' },
    { key: 'email', label: t('field.email'), children: a.email ?? '—' },
    {
      key: 'level',
      label: t('account.realNameLevel'),
      children: (
        <span>
          <Tag>L{a.realNameLevel}</Tag> {t(a.realNameLevel >= 3 ? 'account.level3' : a.realNameLevel === 2 ? 'account.level2' : 'account.level1')}
        </span>
      ),
    },
    { key: 'status', label: t('account.status'), children: <StatusTag status={a.status} /> },
    ...(a.roles.length > 0 && a.kind === 'staff' ? [{ key: 'roles', label: t('account.roles'), children: a.roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) }] : []),
    { key: 'created', label: t('account.createdAt'), children: formatDateTime(a.createdAt, lang) },
    { key: 'last', label: t('account.lastLoginAt'), children: formatDateTime(a.lastLoginAt, lang) },
  ];
  return (
    <Card title={<h2 className="card-title">{t('account.profile')}</h2>} className="block-gap">
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} items={items} bordered size="small" />
      <p className="muted block-gap">{t('account.maskNote')}</p>
    </Card>
  );
}

interface ContactValues {
  displayName?: string;
}

/**
 * 联系方式: the bound phone and e-mail, each changed by a code sent to the new address (ContactChange);
 * staff may also change their display name here.
 */
function ContactForm({ account }: { account: AccountView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const update = useMutation({
    mutationFn: (body: UpdateProfileInput) => accountsApi.update(account.id, body),
    onSuccess: (updated) => {
      qc.setQueryData(qk.account(account.id), updated);
      void qc.invalidateQueries({ queryKey: qk.me });
      void message.success(t('account.saved'));
    },
    onError: showError,
  });
  const onFinish = (values: ContactValues) => {
    clearError();
    const v = blankToUndefined(values);
    if (v.displayName === undefined || v.displayName === account.displayName) {
      void message.info(t('account.nothingChanged'));
      return;
    }
    const body = parseForm(UpdateProfileBody, { displayName: v.displayName }, form);
    if (body) update.mutate(body);
  };
  return (
    <Card title={<h2 className="card-title">{t('account.contact')}</h2>} className="block-gap">
      <ContactChange account={account} />
      {account.kind === 'staff' ? (
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ displayName: account.displayName }} name="contact" className="auth-form">
          {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
          <Form.Item name="displayName" label={t('field.displayName')} rules={[zodRule(UpdateProfileBody.shape.displayName, { optional: true })]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change the password; the server ends the account's other sessions. */
function PasswordForm({ accountId }: { accountId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const change = useMutation({
    mutationFn: (body: ChangePasswordInput) => accountsApi.changePassword(accountId, body),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('account.passwordChanged'));
    },
    onError: showError,
  });
  const onFinish = ({ currentPassword, newPassword }: PasswordValues) => {
    clearError();
    const body = parseForm(ChangePasswordBody, { currentPassword, newPassword }, form);
    if (body) change.mutate(body);
  };
  return (
    <Card title={<h2 className="card-title">{t('account.changePassword')}</h2>} className="block-gap">
      <Form form={form} layout="vertical" onFinish={onFinish} name="password" className="auth-form">
        {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[zodRule(ChangePasswordBody.shape.currentPassword)]} required>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} extra={t('field.passwordHint')} rules={[zodRule(ChangePasswordBody.shape.newPassword)]} required>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('field.confirmPassword')}
          dependencies={['newPassword']}
          required
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, value: unknown) => {
                if (value !== getFieldValue('newPassword')) throw new Error(t('register.confirmMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

interface DeregisterValues {
  password: string;
  reason?: string;
}

/** 注销: irreversible, so a modal asks for the password and says what happens to the records. */
function DeregisterSection({ accountId }: { accountId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DeregisterValues>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const setSession = useSetSession();
  const navigate = useNavigate();
  const deregister = useMutation({
    mutationFn: (body: DeregisterInput) => accountsApi.deregister(accountId, body),
    onSuccess: () => {
      setOpen(false);
      setSession(null);
      void message.success(t('account.deregistered'));
      void navigate('/', { replace: true });
    },
    onError: showError,
  });
  const onFinish = (values: DeregisterValues) => {
    clearError();
    const body = parseForm(DeregisterBody, blankToUndefined({ ...values }), form);
    if (body) deregister.mutate(body);
  };
  return (
    <Card title={<h2 className="card-title">{t('account.deregister')}</h2>} className="block-gap danger-card">
      <p>{t('account.deregisterWarning')}</p>
      <Button danger onClick={() => setOpen(true)}>
        {t('account.deregister')}
      </Button>
      <Modal
        open={open}
        title={t('account.deregisterConfirmTitle')}
        onCancel={() => setOpen(false)}
        okText={t('account.deregisterConfirm')}
        okButtonProps={{ danger: true, loading: deregister.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <p>{t('account.deregisterWarning')}</p>
        <Form form={form} layout="vertical" onFinish={onFinish} name="deregister">
          {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
          <Form.Item name="password" label={t('account.currentPassword')} rules={[zodRule(DeregisterBody.shape.password)]} required>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="reason" label={t('account.deregisterReason')} rules={[zodRule(DeregisterBody.shape.reason, { optional: true })]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 我的账户. Reached only when logged in (the route guard sends visitors to the login page). */
export function AccountPage() {
  const t = useT();
  const me = useMe();
  const id = me.data?.account.id ?? '';
  const account = useQuery({ queryKey: qk.account(id), queryFn: () => accountsApi.get(id), enabled: Boolean(id) });

  return (
    <div className="gov-container page-body">
      <PageTitle title={t('nav.account')} />
      <h1>{t('nav.account')}</h1>
      {me.data && me.data.account.kind !== 'staff' ? (
        <p>
          <Link to="/account/data-usage">{t('myData.link')}</Link>
        </p>
      ) : null}
      {account.isPending ? <Loading /> : null}
      {account.isError ? <ErrorResult error={account.error} onRetry={() => void account.refetch()} /> : null}
      {account.data ? (
        <div className="account-grid">
          <ProfileCard account={account.data} />
          <RealNameUpgradeCard account={account.data} />
          <ContactForm account={account.data} />
          <PasswordForm accountId={account.data.id} />
          <PasskeysCard />
          <SsoGrantsCard />
          <DeregisterSection accountId={account.data.id} />
        </div>
      ) : null}
    </div>
  );
}
