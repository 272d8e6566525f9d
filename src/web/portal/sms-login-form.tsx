import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Phone } from '../../common/schemas/identity.ts';
import { OtpCode, SmsLoginBody } from '../../common/schemas/otp.ts';
import { otpApi } from '../api/otp.ts';
import { homePathFor, safeNextPath } from '../auth/roles.ts';
import { useSetSession } from '../auth/session.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { SendCodeButton } from '../components/send-code-button.tsx';
import { useT } from '../i18n/index.ts';

interface SmsValues {
  phone: string;
  code: string;
}

/** 短信验证码登录: the bound phone, 获取验证码 (60 s countdown), the code. */
export function SmsLoginForm() {
  const t = useT();
  const [form] = Form.useForm<SmsValues>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const { message } = App.useApp();

  const login = useMutation({
    mutationFn: otpApi.smsLogin,
    onSuccess: (data) => {
      setSession(data);
      void message.success(t('auth.welcome', { name: data.account.displayName }));
      void navigate(safeNextPath(params.get('next')) ?? homePathFor(data.account), { replace: true });
    },
    onError: showError,
  });

  const send = async () => {
    clearError();
    try {
      await form.validateFields(['phone']);
    } catch {
      return null;
    }
    const phone = Phone.parse(form.getFieldValue('phone'));
    return otpApi.loginCode(phone);
  };

  const onFinish = (values: SmsValues) => {
    clearError();
    const body = parseForm(SmsLoginBody, values, form);
    if (body) login.mutate(body);
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} name="sms-login" className="auth-form">
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      {sentTo ? <Alert type="info" showIcon title={sentTo} className="block-gap" /> : null}
      <Form.Item name="phone" label={t('field.phone')} extra={t('login.smsPhoneHint')} rules={[zodRule(Phone)]} required>
        <Input autoComplete="tel" inputMode="tel" maxLength={11} />
      </Form.Item>
      <Form.Item label={t('otp.code')} htmlFor="sms-login_code" required>
        <Space.Compact block>
          <Form.Item name="code" noStyle rules={[zodRule(OtpCode)]}>
            <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
          </Form.Item>
          <SendCodeButton send={send} onSent={(r) => setSentTo(t('otp.sentTo', { to: r.sentTo, minutes: Math.round(r.expiresInSeconds / 60) }))} onError={showError} />
        </Space.Compact>
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
