import { Alert, App, Button, Col, DatePicker, Form, type FormInstance, Input, Modal, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { ChangeLicenseBody, LicenseStateBody, RenewLicenseBody } from '../../../common/schemas/licenses.ts';
import { allowedLifecycleActions, type LicenseDetail, licensesStaffApi, type LifecycleAction, useLicenseMutation } from '../../api/licenses-staff.ts';
import { useServerErrors, useValidation } from '../../components/forms.ts';
import { useT } from '../../i18n/index.ts';
import { validityText } from './license-parts.tsx';

type StateAction = 'suspend' | 'resume' | 'revoke';

/** The modal every action shares: title, the form, the server's refusal on top, a confirm button named after the action. */
function ActionModal<V>({
  title, okText, danger = false, saving, form, formError, onCancel, children,
}: { title: string; okText: string; danger?: boolean; saving: boolean; form: FormInstance<V>; formError: string | null; onCancel: () => void; children: ReactNode }) {
  const t = useT();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger }}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={720}
    >
      {formError ? <Alert type="error" showIcon title={formError} className="gap-below" /> : null}
      {children}
    </Modal>
  );
}

/** 暂停 / 恢复 / 注销: a reason (required) and an explicit confirmation; verifiers see the new state at once. */
function StateActionModal({ license, action, onClose, onDone }: { license: LicenseDetail; action: StateAction; onClose: () => void; onDone: (l: LicenseDetail, label: string) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string }>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const run = useLicenseMutation((reason: string) => licensesStaffApi.changeState(license.id, action, reason));
  const label = t(`licAdmin.act.${action}`);
  const submit = (v: { reason?: string }) => {
    clearError();
    const body = parseForm(LicenseStateBody, { reason: v.reason ?? '' }, form);
    if (body) run.mutate(body.reason, { onSuccess: (l) => onDone(l, label), onError: showError });
  };
  return (
    <ActionModal title={t('licAdmin.act.title', { action: label, name: license.typeName })} okText={t('licAdmin.act.confirm', { action: label })} danger={action === 'revoke'} saving={run.isPending} form={form} formError={formError} onCancel={onClose}>
      <Alert type={action === 'revoke' ? 'warning' : 'info'} showIcon title={t(`licAdmin.act.${action}.note`)} className="gap-below" />
      <p>
        {license.licenseNumber} · {license.holderName} · {license.issuerName}
      </p>
      <Form form={form} layout="vertical" name={`license-${action}`} onFinish={submit}>
        <Form.Item name="reason" label={t('licAdmin.act.reason')} rules={[zodRule(LicenseStateBody.shape.reason)]} required>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

interface ChangeValues {
  holderName?: string;
  data?: Record<string, string | undefined>;
  reason?: string;
}

/** 变更: edit the data items (and the holder's name); a new version replaces the license. */
function ChangeModal({ license, onClose, onDone }: { license: LicenseDetail; onClose: () => void; onDone: (l: LicenseDetail, label: string) => void }) {
  const t = useT();
  const [form] = Form.useForm<ChangeValues>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const run = useLicenseMutation((body: z.output<typeof ChangeLicenseBody>) => licensesStaffApi.change(license.id, body));
  const label = t('licAdmin.act.change');
  const edited = Form.useWatch((v: ChangeValues) => v.data, form);
  const submit = (v: ChangeValues) => {
    clearError();
    // Only what was changed goes to the server: fields not named keep their value.
    const data = Object.fromEntries(license.data.filter((d) => (v.data?.[d.key] ?? '').trim() !== d.value).map((d) => [d.key, (v.data?.[d.key] ?? '').trim()]));
    const holderName = v.holderName?.trim() && v.holderName.trim() !== license.holderName ? v.holderName.trim() : undefined;
    const body = parseForm(ChangeLicenseBody, { reason: v.reason ?? '', data, ...(holderName ? { holderName } : {}) }, form);
    if (body) run.mutate(body, { onSuccess: (l) => onDone(l, label), onError: showError });
  };
  return (
    <ActionModal title={t('licAdmin.act.title', { action: label, name: license.typeName })} okText={t('licAdmin.act.confirm', { action: label })} saving={run.isPending} form={form} formError={formError} onCancel={onClose}>
      <Alert type="info" showIcon title={t('licAdmin.act.change.note', { n: license.version + 1 })} className="gap-below" />
      <Form<ChangeValues>
        form={form}
        layout="vertical"
        name="license-change"
        onFinish={submit}
        initialValues={{ holderName: license.holderName, data: Object.fromEntries(license.data.map((d) => [d.key, d.value])) }}
      >
        <Form.Item name="holderName" label={t('licAdmin.holderName')} rules={[zodRule(ChangeLicenseBody.shape.holderName.unwrap())]} required>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          {license.data.map((d) => {
            const now = edited?.[d.key];
            const changed = now !== undefined && now.trim() !== d.value;
            return (
              <Col key={d.key} xs={24} md={d.value.length > 24 ? 24 : 12}>
                <Form.Item name={['data', d.key]} label={d.label} extra={changed ? t('licAdmin.act.change.was', { value: d.value || '—' }) : undefined}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
        <Form.Item name="reason" label={t('licAdmin.act.reason')} rules={[zodRule(ChangeLicenseBody.shape.reason)]} required>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 延续: a new validity period (blank = by the catalog's rule from today); a new version replaces the license. */
function RenewModal({ license, onClose, onDone }: { license: LicenseDetail; onClose: () => void; onDone: (l: LicenseDetail, label: string) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ validUntil?: Dayjs | null; reason?: string }>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const run = useLicenseMutation((body: z.output<typeof RenewLicenseBody>) => licensesStaffApi.renew(license.id, body));
  const label = t('licAdmin.act.renew');
  const submit = (v: { validUntil?: Dayjs | null; reason?: string }) => {
    clearError();
    const body = parseForm(RenewLicenseBody, { reason: v.reason ?? '', ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}) }, form);
    if (body) run.mutate(body, { onSuccess: (l) => onDone(l, label), onError: showError });
  };
  return (
    <ActionModal title={t('licAdmin.act.title', { action: label, name: license.typeName })} okText={t('licAdmin.act.confirm', { action: label })} saving={run.isPending} form={form} formError={formError} onCancel={onClose}>
      <Alert type="info" showIcon title={t('licAdmin.act.renew.note', { n: license.version + 1 })} className="gap-below" />
      <p>
        {t('licAdmin.act.renew.current')}：{validityText(license, t)}
      </p>
      <Form form={form} layout="vertical" name="license-renew" onFinish={submit}>
        <Form.Item name="validUntil" label={t('licAdmin.act.renew.until')} extra={t('licAdmin.act.renew.untilHint')}>
          <DatePicker allowClear />
        </Form.Item>
        <Form.Item name="reason" label={t('licAdmin.act.reason')} rules={[zodRule(RenewLicenseBody.shape.reason)]} required>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/**
 * The lifecycle buttons the license's state allows (none for a revoked or superseded license), each
 * opening its dialog; `onDone` gets the answer (the same license, or its new version).
 */
export function LifecycleActions({ license, onDone }: { license: LicenseDetail; onDone: (l: LicenseDetail, label: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState<LifecycleAction | null>(null);
  const allowed = allowedLifecycleActions(license.state);
  if (allowed.length === 0) return <span className="muted">{t('licAdmin.act.none')}</span>;
  const done = (l: LicenseDetail, label: string) => {
    setOpen(null);
    void message.success(t('licAdmin.act.done', { action: label }));
    onDone(l, label);
  };
  return (
    <>
      {allowed.map((a) => (
        <Button key={a} type={a === 'resume' ? 'primary' : 'default'} danger={a === 'revoke'} onClick={() => setOpen(a)}>
          {t(`licAdmin.act.${a}`)}
        </Button>
      ))}
      {open === 'change' ? <ChangeModal license={license} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open === 'renew' ? <RenewModal license={license} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open === 'suspend' || open === 'resume' || open === 'revoke' ? <StateActionModal license={license} action={open} onClose={() => setOpen(null)} onDone={done} /> : null}
    </>
  );
}
