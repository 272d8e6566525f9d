import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useCaseAction } from '../api/cases.ts';
import { useErrorText } from '../components/error-text.ts';

/** One field of an action's form. */
export interface ActionField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select';
  options?: { value: string; label: string }[];
  required?: boolean;
}

/** A case action the dialog runs: where it posts and how the form becomes the request body. */
export interface ActionSpec {
  key: string;
  label: string;
  path: string;
  fields: ActionField[];
  toBody: (values: Record<string, string | undefined>) => unknown;
  danger?: boolean;
}

/**
 * A button that opens the action's form (or, with no fields, runs it at once) and posts it; the
 * server's refusal (a 409 listing the allowed actions, a 400 naming the field) is shown in the dialog.
 */
export function ActionButton({ caseId, spec, onDone }: { caseId: string; spec: ActionSpec; onDone: (label: string) => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const action = useCaseAction(caseId);
  const errorText = useErrorText();
  const run = async (values: Record<string, string | undefined>) => {
    await action.mutateAsync({ path: spec.path, body: spec.toBody(values) });
    setOpen(false);
    form.resetFields();
    onDone(spec.label);
  };
  if (spec.fields.length === 0) {
    return (
      <>
        <Button type="primary" danger={spec.danger ?? false} loading={action.isPending} onClick={() => void run({}).catch(() => undefined)}>
          {spec.label}
        </Button>
        {action.isError && !open ? <Alert type="error" showIcon title={errorText(action.error)} /> : null}
      </>
    );
  }
  return (
    <>
      <Button type={spec.danger ? 'default' : 'primary'} danger={spec.danger ?? false} onClick={() => setOpen(true)}>
        {spec.label}
      </Button>
      <Modal
        open={open}
        title={spec.label}
        okText={spec.label}
        confirmLoading={action.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then(run).catch(() => undefined)}
        destroyOnHidden
      >
        {action.isError ? <Alert type="error" showIcon title={errorText(action.error)} className="block-gap" /> : null}
        <Form form={form} layout="vertical" preserve={false}>
          {spec.fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
              {f.kind === 'textarea' ? <Input.TextArea rows={3} /> : f.kind === 'select' ? <Select options={f.options ?? []} /> : <Input />}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
