import { Form, Input, Select } from 'antd';
import { STAFF_ROLES } from '../../common/enums.ts';
import { CreateStaffBody, UpdateStaffBody } from '../../common/schemas/identity.ts';
import { orgApi } from '../api/endpoints.ts';
import { qk } from '../api/queries.ts';
import type { StaffView } from '../api/types.ts';
import { EditDrawer, useEditForm } from '../components/edit-form.tsx';
import { DepartmentSelect, RegionTreeSelect, WindowSelect } from '../components/org-selects.tsx';
import { useT } from '../i18n/index.ts';

type StaffRole = (typeof STAFF_ROLES)[number];

interface Values {
  username?: string;
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  password?: string;
  roles: StaffRole[];
  regionCode: string;
  departmentId?: string;
  windowId?: string;
  title?: string;
}

/** Empty department: the whole region (null); empty window: none. */
const scopeOf = (v: Values) => ({ regionCode: v.regionCode, departmentId: v.departmentId ?? null, windowId: v.windowId ?? null });

/** Create a staff account (with its roles and data scope), or edit one. */
export function StaffForm({ staff, defaultRegion, onClose }: { staff: StaffView | null; defaultRegion: string; onClose: () => void }) {
  const t = useT();
  const edit = useEditForm({
    id: staff?.id ?? null,
    create: { schema: CreateStaffBody, toBody: (v: Values) => ({ ...v, ...scopeOf(v) }), send: orgApi.createStaff },
    update: {
      schema: UpdateStaffBody,
      toBody: (v: Values) => ({ name: v.name, phone: v.phone, roles: v.roles, ...scopeOf(v), title: v.title ?? null }),
      send: orgApi.updateStaff,
    },
    invalidates: qk.staff,
    onClose,
  });
  const { form, zodRule } = edit;
  const regionCode = Form.useWatch('regionCode', form);
  const departmentId = Form.useWatch('departmentId', form);
  const C = CreateStaffBody.shape;

  const initialValues: Partial<Values> = staff
    ? {
        name: staff.displayName,
        roles: staff.roles.filter((r): r is StaffRole => r !== 'applicant'),
        regionCode: staff.scope?.regionCode ?? defaultRegion,
        departmentId: staff.scope?.departmentId ?? undefined,
        windowId: staff.windowId ?? undefined,
        title: staff.title ?? '',
      }
    : { regionCode: defaultRegion, roles: ['window_clerk'] };

  return (
    <EditDrawer
      edit={edit}
      title={staff ? t('staff.edit', { name: staff.displayName }) : t('staff.create')}
      size={560}
      name="staff"
      initialValues={initialValues}
      onValuesChange={(changed) => {
        // Department and window hang off the region, the window off the department.
        if ('regionCode' in changed) form.setFieldsValue({ departmentId: undefined, windowId: undefined });
        if ('departmentId' in changed) form.setFieldValue('windowId', undefined);
      }}
    >
      {staff ? null : (
        <Form.Item name="username" label={t('field.username')} rules={[zodRule(C.username)]} required>
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('field.name')} rules={[zodRule(C.name)]} required>
        <Input autoComplete="off" />
      </Form.Item>
      {staff ? null : (
        <Form.Item name="idNumber" label={t('field.idNumber')} rules={[zodRule(C.idNumber)]} required>
          <Input autoComplete="off" maxLength={18} />
        </Form.Item>
      )}
      <Form.Item
        name="phone"
        label={staff ? t('account.newPhone') : t('field.phone')}
        extra={staff ? t('account.newPhoneHint', { masked: staff.phoneMasked ?? '—' }) : undefined}
        rules={[zodRule(C.phone, { optional: staff !== null })]}
        required={!staff}
      >
        <Input autoComplete="off" inputMode="tel" maxLength={11} />
      </Form.Item>
      {staff ? null : (
        <>
          <Form.Item name="email" label={t('field.emailOptional')} rules={[zodRule(C.email, { optional: true })]}>
            <Input autoComplete="off" inputMode="email" />
          </Form.Item>
          <Form.Item name="password" label={t('staff.initialPassword')} extra={t('field.passwordHint')} rules={[zodRule(C.password)]} required>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
      <Form.Item name="roles" label={t('account.roles')} rules={[zodRule(C.roles)]} required>
        <Select mode="multiple" options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('staff.scopeRegion')} extra={t('staff.scopeRegionHint')} rules={[zodRule(C.regionCode)]} required>
        <RegionTreeSelect />
      </Form.Item>
      <Form.Item name="departmentId" label={t('staff.department')} extra={t('staff.departmentHint')}>
        <DepartmentSelect regionCode={regionCode} allowClear />
      </Form.Item>
      <Form.Item name="windowId" label={t('staff.window')}>
        <WindowSelect regionCode={regionCode} departmentId={departmentId} allowClear />
      </Form.Item>
      <Form.Item name="title" label={t('staff.title')} rules={[zodRule(C.title, { optional: true })]}>
        <Input maxLength={50} />
      </Form.Item>
    </EditDrawer>
  );
}
