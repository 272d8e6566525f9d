import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Select, Switch } from 'antd';
import { WINDOW_KINDS, type WindowKind } from '../../common/enums.ts';
import { CreateWindowBody, UpdateWindowBody } from '../../common/schemas/org.ts';
import { orgApi } from '../api/endpoints.ts';
import { qk } from '../api/queries.ts';
import type { CreateWindowBody as CreateInput, UpdateWindowBody as UpdateInput, WindowView } from '../api/types.ts';
import { useServerErrors, useValidation } from '../components/forms.ts';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { useT } from '../i18n/index.ts';

interface Values {
  name: string;
  number: string;
  kind: WindowKind;
  hall: string;
  regionCode?: string;
  departmentId?: string;
  active?: boolean;
}

/** Create a window, or edit one (its region is fixed once created). */
export function WindowForm({ window: w, defaultRegion, onClose }: { window: WindowView | null; defaultRegion: string; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const regionCode = Form.useWatch('regionCode', form) ?? w?.regionCode;
  const S = CreateWindowBody.shape;

  const save = useMutation({
    mutationFn: (input: { id: string; body: UpdateInput } | { id: null; body: CreateInput }) =>
      input.id === null ? orgApi.createWindow(input.body) : orgApi.updateWindow(input.id, input.body),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: qk.windows });
      void message.success(t('common.saved'));
      onClose();
    },
    onError: showError,
  });

  const onFinish = (values: Values) => {
    clearError();
    // An emptied department select means "no department" (a window of the whole hall).
    const departmentId = values.departmentId ?? null;
    if (w) {
      const body = parseForm(UpdateWindowBody, { name: values.name, number: values.number, kind: values.kind, hall: values.hall, departmentId, active: values.active }, form);
      if (body) save.mutate({ id: w.id, body });
    } else {
      const body = parseForm(CreateWindowBody, { ...values, departmentId }, form);
      if (body) save.mutate({ id: null, body });
    }
  };

  const initialValues: Partial<Values> = w
    ? { name: w.name, number: w.number, kind: w.kind, hall: w.hall, departmentId: w.departmentId ?? undefined, active: w.active }
    : { regionCode: defaultRegion, kind: 'integrated' };

  return (
    <Drawer
      open
      onClose={onClose}
      title={w ? t('windows.edit') : t('windows.create')}
      size={520}
      destroyOnHidden
      footer={
        <div className="button-row">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </div>
      }
    >
      <Form
        form={form}
        layout="vertical"
        name="window"
        initialValues={initialValues}
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>) => {
          // A department belongs to a region: changing the region drops the old choice.
          if ('regionCode' in changed) form.setFieldValue('departmentId', undefined);
        }}
      >
        {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
        <Form.Item name="number" label={t('window.number')} extra={t('windows.numberHint')} rules={[zodRule(S.number)]} required>
          <Input maxLength={4} />
        </Form.Item>
        <Form.Item name="name" label={t('window.name')} rules={[zodRule(S.name)]} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('window.kind')} required>
          <Select options={WINDOW_KINDS.map((k) => ({ value: k, label: t(`windowKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="hall" label={t('window.hall')} rules={[zodRule(S.hall)]} required>
          <Input maxLength={100} />
        </Form.Item>
        {w ? null : (
          <Form.Item name="regionCode" label={t('dept.region')} rules={[zodRule(S.regionCode)]} required>
            <RegionTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="departmentId" label={t('window.department')}>
          <DepartmentSelect regionCode={regionCode} allowClear />
        </Form.Item>
        {w ? (
          <Form.Item name="active" label={t('common.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
