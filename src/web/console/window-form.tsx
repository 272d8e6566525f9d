import { Form, Input, Select, Switch } from 'antd';
import { WINDOW_KINDS, type WindowKind } from '../../common/enums.ts';
import { CreateWindowBody, UpdateWindowBody } from '../../common/schemas/org.ts';
import { orgApi } from '../api/endpoints.ts';
import { qk } from '../api/queries.ts';
import type { WindowView } from '../api/types.ts';
import { EditDrawer, useEditForm } from '../components/edit-form.tsx';
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
  // An emptied department select means "no department" (a window of the whole hall).
  const edit = useEditForm({
    id: w?.id ?? null,
    create: { schema: CreateWindowBody, toBody: (v: Values) => ({ ...v, departmentId: v.departmentId ?? null }), send: orgApi.createWindow },
    update: {
      schema: UpdateWindowBody,
      toBody: (v: Values) => ({ name: v.name, number: v.number, kind: v.kind, hall: v.hall, departmentId: v.departmentId ?? null, active: v.active }),
      send: orgApi.updateWindow,
    },
    invalidates: qk.windows,
    onClose,
  });
  const { form, zodRule } = edit;
  const regionCode = Form.useWatch('regionCode', form) ?? w?.regionCode;
  const S = CreateWindowBody.shape;

  const initialValues: Partial<Values> = w
    ? { name: w.name, number: w.number, kind: w.kind, hall: w.hall, departmentId: w.departmentId ?? undefined, active: w.active }
    : { regionCode: defaultRegion, kind: 'integrated' };

  return (
    <EditDrawer
      edit={edit}
      title={w ? t('windows.edit') : t('windows.create')}
      name="window"
      initialValues={initialValues}
      onValuesChange={(changed) => {
        // A department belongs to a region: changing the region drops the old choice.
        if ('regionCode' in changed) form.setFieldValue('departmentId', undefined);
      }}
    >
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
    </EditDrawer>
  );
}
