import { FlagOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { IssueOrderBody } from '../../common/schemas/supervision-orders.ts';
import { ordersApi, useOrderMutation, type OrderDetail } from '../api/orders.ts';
import { useSupervisionSettings } from '../api/supervision.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { useT } from '../i18n/index.ts';

interface Values {
  reason?: string;
  requirement?: string;
  deadline?: Dayjs | null;
}

/**
 * 发起督办 on a case (optionally following up one of its warnings): a button that opens the order
 * form — reason, requirement, reply deadline (empty: the configured number of working days). The
 * server's field errors show under their fields.
 */
export function IssueOrderButton({ caseId, warningId, label, onIssued }: { caseId: string; warningId?: string | undefined; label?: string; onIssued?: (order: OrderDetail) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { zodRule } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const settings = useSupervisionSettings();
  const issue = useOrderMutation(ordersApi.issue);
  const S = IssueOrderBody.shape;
  const text = label ?? t('orders.issue');

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    clearError();
    issue.mutate(
      { caseId, ...(warningId ? { warningId } : {}), reason: v.reason ?? '', requirement: v.requirement ?? '', ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}) },
      {
        onSuccess: (order) => {
          void message.success(t('orders.issuedOk', { number: order.number }));
          setOpen(false);
          form.resetFields();
          onIssued?.(order);
        },
        onError: showError,
      },
    );
  };

  return (
    <>
      <Button icon={<FlagOutlined />} onClick={() => setOpen(true)}>
        {text}
      </Button>
      <Modal open={open} title={text} okText={t('orders.issue')} confirmLoading={issue.isPending} onCancel={() => setOpen(false)} onOk={() => void submit()} destroyOnHidden>
        {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
        <Form form={form} layout="vertical" preserve={false} name="issue-order">
          <Form.Item name="reason" label={t('orders.reason')} rules={[zodRule(S.reason)]} required>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
          <Form.Item name="requirement" label={t('orders.requirement')} rules={[zodRule(S.requirement)]} required>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
          <Form.Item name="deadline" label={t('orders.deadline')} extra={settings.data ? t('orders.deadlineHint', { n: settings.data.orderDays }) : undefined}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} className="full-width" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
