import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, type FormInstance, type FormRule, Input, Tabs } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { RegisterCitizenBody, RegisterEnterpriseBody } from '../../common/schemas/identity.ts';
import { authApi } from '../api/endpoints.ts';
import type { MeResponse, RegisterBody } from '../api/types.ts';
import { useSetSession } from '../auth/session.ts';
import { blankToUndefined, useServerErrors, useValidation } from '../components/forms.ts';
import { PageTitle } from '../components/page-title.tsx';
import { useT } from '../i18n/index.ts';

type Kind = 'citizen' | 'enterprise';

/** The confirm-password field must repeat the password. */
function useConfirmRule(): FormRule {
  const t = useT();
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (!value) throw new Error(t('register.confirmRequired'));
      if (value !== getFieldValue('password')) throw new Error(t('register.confirmMismatch'));
    },
  });
}

/** Submit one registration form: shared-schema parse, then the API; server field errors go under fields. */
function useRegister(form: FormInstance, schema: typeof RegisterCitizenBody | typeof RegisterEnterpriseBody, kind: Kind) {
  const t = useT();
  const { parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const setSession = useSetSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const register = useMutation({
    mutationFn: (body: RegisterBody) => authApi.register(body),
    onSuccess: (me: MeResponse) => {
      setSession(me);
      void message.success(t('register.done'));
      void navigate('/account', { replace: true });
    },
    onError: showError,
  });
  const onFinish = (values: Record<string, unknown>) => {
    clearError();
    const { confirm: _confirm, ...rest } = values;
    const body = parseForm(schema, { ...blankToUndefined(rest), kind }, form);
    if (body) register.mutate(body);
  };
  return { onFinish, formError, pending: register.isPending };
}

/** Fields every registration has: phone, e-mail, password twice. */
function ContactAndPassword({ schema }: { schema: typeof RegisterCitizenBody | typeof RegisterEnterpriseBody }) {
  const t = useT();
  const { zodRule } = useValidation();
  const confirmRule = useConfirmRule();
  return (
    <>
      <Form.Item name="phone" label={t('field.phone')} rules={[zodRule(schema.shape.phone)]} required>
        <Input autoComplete="tel" inputMode="tel" maxLength={11} />
      </Form.Item>
      <Form.Item name="email" label={t('field.emailOptional')} rules={[zodRule(schema.shape.email, { optional: true })]}>
        <Input autoComplete="email" inputMode="email" />
      </Form.Item>
      <Form.Item name="password" label={t('field.password')} extra={t('field.passwordHint')} rules={[zodRule(schema.shape.password)]} required>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirm" label={t('field.confirmPassword')} dependencies={['password']} rules={[confirmRule]} required>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/** 个人注册 (自然人). */
function CitizenForm() {
  const t = useT();
  const [form] = Form.useForm();
  const { zodRule } = useValidation();
  const { onFinish, formError, pending } = useRegister(form, RegisterCitizenBody, 'citizen');
  const S = RegisterCitizenBody.shape;
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} className="auth-form" name="register-citizen">
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form.Item name="name" label={t('field.name')} rules={[zodRule(S.name)]} required>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="idNumber" label={t('field.idNumber')} extra={t('field.idNumberHint')} rules={[zodRule(S.idNumber)]} required>
        <Input autoComplete="off" maxLength={18} />
      </Form.Item>
      <ContactAndPassword schema={RegisterCitizenBody} />
      <Button type="primary" htmlType="submit" block size="large" loading={pending}>
        {t('register.submit')}
      </Button>
    </Form>
  );
}

/** 法人注册: the legal representative registers the enterprise. */
function EnterpriseForm() {
  const t = useT();
  const [form] = Form.useForm();
  const { zodRule } = useValidation();
  const { onFinish, formError, pending } = useRegister(form, RegisterEnterpriseBody, 'enterprise');
  const S = RegisterEnterpriseBody.shape;
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} className="auth-form" name="register-enterprise">
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form.Item name="name" label={t('field.enterpriseName')} rules={[zodRule(S.name)]} required>
        <Input autoComplete="organization" />
      </Form.Item>
      <Form.Item name="creditCode" label={t('field.creditCode')} extra={t('field.creditCodeHint')} rules={[zodRule(S.creditCode)]} required>
        <Input autoComplete="off" maxLength={18} />
      </Form.Item>
      <Form.Item name="legalRepName" label={t('field.legalRepName')} rules={[zodRule(S.legalRepName)]} required>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="legalRepIdNumber" label={t('field.legalRepIdNumber')} rules={[zodRule(S.legalRepIdNumber)]} required>
        <Input autoComplete="off" maxLength={18} />
      </Form.Item>
      <ContactAndPassword schema={RegisterEnterpriseBody} />
      <Button type="primary" htmlType="submit" block size="large" loading={pending}>
        {t('register.submit')}
      </Button>
    </Form>
  );
}

/** 注册: tabs for citizens and enterprises; `?tab=enterprise` opens the second. */
export function RegisterPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Kind = params.get('tab') === 'enterprise' ? 'enterprise' : 'citizen';
  return (
    <div className="gov-container page-body narrow">
      <PageTitle title={t('register.title')} />
      <h1>{t('register.title')}</h1>
      <p className="page-lead">{t('register.privacy')}</p>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'citizen', label: t('register.citizenTab'), children: <CitizenForm /> },
          { key: 'enterprise', label: t('register.enterpriseTab'), children: <EnterpriseForm /> },
        ]}
      />
      <p className="form-footer">
        {t('register.haveAccount')} <Link to="/login">{t('register.toLogin')}</Link>
      </p>
    </div>
  );
}
