import { Alert, App, Button, Form, Input, Tabs } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoginBody } from '../../common/schemas/identity.ts';
import { ApiError } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { homePathFor, safeNextPath } from '../auth/roles.ts';
import { useMe, useSetSession } from '../auth/session.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { PageTitle } from '../components/page-title.tsx';
import { SmsLoginForm } from './sms-login-form.tsx';
import { PasskeyLoginButton } from './passkey-login-button.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

interface LoginValues {
  account: string;
  password: string;
}

function lockedUntilOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'ACCOUNT_LOCKED') return null;
  const d = error.details;
  return typeof d === 'object' && d !== null && typeof (d as { lockedUntil?: unknown }).lockedUntil === 'string' ? (d as { lockedUntil: string }).lockedUntil : null;
}

/** 登录: one form for citizens, enterprises and staff (ID number, credit code, phone or username). */
export function LoginPage() {
  const t = useT();
  const { lang } = usePrefs();
  const [form] = Form.useForm<LoginValues>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const me = useMe();
  const { message } = App.useApp();

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: (data) => {
      setSession(data);
      void message.success(t('auth.welcome', { name: data.account.displayName }));
      void navigate(safeNextPath(params.get('next')) ?? homePathFor(data.account), { replace: true });
    },
    onError: (error) => {
      const until = lockedUntilOf(error);
      if (until) {
        showError(new ApiError('ACCOUNT_LOCKED', t('auth.lockedUntil', { time: formatDateTime(until, lang) }), undefined, 423));
        return;
      }
      showError(error);
    },
  });

  const onFinish = (values: LoginValues) => {
    clearError();
    const body = parseForm(LoginBody, values, form);
    if (body) login.mutate(body);
  };

  return (
    <div className="gov-container page-body narrow">
      <PageTitle title={t('login.title')} />
      <h1>{t('login.title')}</h1>
      {me.data ? <Alert type="info" showIcon className="block-gap" title={t('login.alreadyAs', { name: me.data.account.displayName })} /> : null}
      <Tabs
        defaultActiveKey="password"
        items={[
          {
            key: 'password',
            label: t('login.tabPassword'),
            children: (
              <Form form={form} layout="vertical" onFinish={onFinish} className="auth-form">
                {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
                <Form.Item name="account" label={t('login.account')} extra={t('login.accountHint')} rules={[zodRule(LoginBody.shape.account)]} required>
                  <Input autoComplete="username" />
                </Form.Item>
                <Form.Item name="password" label={t('login.password')} rules={[zodRule(LoginBody.shape.password)]} required>
                  <Input.Password autoComplete="current-password" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
                  {t('login.submit')}
                </Button>
              </Form>
            ),
          },
          { key: 'sms', label: t('login.tabSms'), children: <SmsLoginForm /> },
        ]}
      />
      <PasskeyLoginButton />
      <p className="form-footer">
        {t('login.noAccount')} <Link to="/register">{t('login.toRegister')}</Link>
      </p>
    </div>
  );
}
