import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { Phone } from '../../common/schemas/identity.ts';
import { EmailAddress, EmailChangeBody, OtpCode, PhoneChangeBody, RealNameSmsBody } from '../../common/schemas/otp.ts';
import { otpApi } from '../api/otp.ts';
import { qk } from '../api/queries.ts';
import type { AccountView } from '../api/types.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { SendCodeButton } from '../components/send-code-button.tsx';
import { useT } from '../i18n/index.ts';

type Kind = 'phone' | 'email';

interface ChangeValues {
  phone?: string;
  email?: string;
  code: string;
  password: string;
}

/**
 * 更换手机号 / 更换邮箱: the new address, a code sent to it, the code and the current password. The
 * server binds the new address only when the code matches; the old one is told of the change.
 */
function ChangeAddressDialog({ kind, account, open, onClose }: { kind: Kind; account: AccountView; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeValues>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const formName = kind === 'phone' ? 'change-phone' : 'change-email';

  const change = useMutation({
    mutationFn: (v: ChangeValues) => {
      const body =
        kind === 'phone'
          ? parseForm(PhoneChangeBody, { phone: v.phone, code: v.code, password: v.password }, form)
          : parseForm(EmailChangeBody, { email: v.email, code: v.code, password: v.password }, form);
      if (!body) return Promise.resolve(null);
      return 'phone' in body ? otpApi.changePhone(account.id, body) : otpApi.changeEmail(account.id, body);
    },
    onSuccess: (updated) => {
      if (!updated) return;
      qc.setQueryData(qk.account(account.id), updated);
      void qc.invalidateQueries({ queryKey: qk.me });
      void message.success(t(kind === 'phone' ? 'otp.phoneChanged' : 'otp.emailChanged'));
      onClose();
    },
    onError: showError,
  });

  const send = async () => {
    clearError();
    try {
      await form.validateFields([kind]);
    } catch {
      return null;
    }
    const raw: unknown = form.getFieldValue(kind);
    return kind === 'phone' ? otpApi.phoneCode(account.id, Phone.parse(raw)) : otpApi.emailCode(account.id, EmailAddress.parse(raw));
  };

  const current = kind === 'phone' ? account.phoneMasked : account.email;
  return (
    <Modal
      open={open}
      title={t(kind === 'phone' ? 'otp.changePhone' : 'otp.changeEmail')}
      okText={t('otp.confirmChange')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: change.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="muted">{t(kind === 'phone' ? 'otp.changePhoneIntro' : 'otp.changeEmailIntro', { current: current ?? '—' })}</p>
      <Form form={form} layout="vertical" name={formName} onFinish={(v) => { clearError(); change.mutate(v); }}>
        {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
        {sentTo ? <Alert type="info" showIcon title={sentTo} className="block-gap" /> : null}
        <Form.Item name={kind} label={t(kind === 'phone' ? 'account.newPhone' : 'otp.newEmail')} rules={[zodRule(kind === 'phone' ? Phone : EmailAddress)]} required>
          <Input autoComplete={kind === 'phone' ? 'tel' : 'email'} inputMode={kind === 'phone' ? 'tel' : 'email'} maxLength={kind === 'phone' ? 11 : 254} />
        </Form.Item>
        <Form.Item label={t('otp.code')} htmlFor={`${formName}_code`} required>
          <Space.Compact block>
            <Form.Item name="code" noStyle rules={[zodRule(OtpCode)]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
            </Form.Item>
            <SendCodeButton send={send} onSent={(r) => setSentTo(t('otp.sentTo', { to: r.sentTo, minutes: Math.round(r.expiresInSeconds / 60) }))} onError={showError} />
          </Space.Compact>
        </Form.Item>
        <Form.Item name="password" label={t('account.currentPassword')} rules={[zodRule(PhoneChangeBody.shape.password)]} required>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The bound phone and e-mail with 更换手机号 / 更换邮箱 (each verified by a code to the new address). */
export function ContactChange({ account }: { account: AccountView }) {
  const t = useT();
  const [open, setOpen] = useState<Kind | null>(null);
  return (
    <div className="block-gap">
      <p>
        {t('field.phone')}：{account.phoneMasked ?? '—'}{' '}
        <Button onClick={() => setOpen('phone')}>{t('otp.changePhone')}</Button>
      </p>
      <p>
        {t('field.email')}：{account.email ?? '—'}{' '}
        <Button onClick={() => setOpen('email')}>{t('otp.changeEmail')}</Button>
      </p>
      <p className="muted">{t('otp.contactNote')}</p>
      {open ? <ChangeAddressDialog kind={open} account={account} open onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** 升级实名等级（L2）: a citizen at L1 confirms the bound phone with a code. Nothing for anyone else. */
export function RealNameUpgradeCard({ account }: { account: AccountView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const verify = useMutation({
    mutationFn: (code: string) => otpApi.realNameVerify(code),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: qk.account(account.id) });
      void qc.invalidateQueries({ queryKey: qk.me });
      void qc.invalidateQueries({ queryKey: ['real-name'] });
      void message.success(t('otp.realNameDone', { level: r.realNameLevel }));
      setOpen(false);
    },
    onError: showError,
  });
  if (account.kind !== 'citizen' || account.realNameLevel !== 1) return null;
  return (
    <Card title={<h2 className="card-title">{t('otp.realNameTitle')}</h2>} className="block-gap">
      <p>{t('otp.realNameIntro', { phone: account.phoneMasked ?? '—' })}</p>
      <Button type="primary" onClick={() => setOpen(true)} disabled={!account.phoneMasked}>
        {t('otp.realNameTitle')}
      </Button>
      <Modal
        open={open}
        title={t('otp.realNameTitle')}
        okText={t('otp.realNameConfirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: verify.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p className="muted">{t('otp.realNameIntro', { phone: account.phoneMasked ?? '—' })}</p>
        <Form
          form={form}
          layout="vertical"
          name="real-name-sms"
          onFinish={(v) => {
            clearError();
            const body = parseForm(RealNameSmsBody, v, form);
            if (body) verify.mutate(body.code);
          }}
        >
          {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
          {sentTo ? <Alert type="info" showIcon title={sentTo} className="block-gap" /> : null}
          <Form.Item label={t('otp.code')} htmlFor="real-name-sms_code" required>
            <Space.Compact block>
              <Form.Item name="code" noStyle rules={[zodRule(OtpCode)]}>
                <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
              </Form.Item>
              <SendCodeButton
                send={async () => {
                  clearError();
                  return otpApi.realNameCode();
                }}
                onSent={(r) => setSentTo(t('otp.sentTo', { to: r.sentTo, minutes: Math.round(r.expiresInSeconds / 60) }))}
                onError={showError}
              />
            </Space.Compact>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
