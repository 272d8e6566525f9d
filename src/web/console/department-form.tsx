import { Form, Input, Select, Switch } from 'antd';
import { DEPARTMENT_LEVELS, type DepartmentLevel } from '../../common/enums.ts';
import { CreateDepartmentBody, UpdateDepartmentBody } from '../../common/schemas/org.ts';
import { orgApi } from '../api/endpoints.ts';
import { qk, useStaffList } from '../api/queries.ts';
import type { DepartmentView } from '../api/types.ts';
import { EditDrawer, useEditForm } from '../components/edit-form.tsx';
import { DepartmentSelect, RegionTreeSelect } from '../components/org-selects.tsx';
import { useT } from '../i18n/index.ts';

interface Values {
  name: string;
  shortName?: string;
  creditCode?: string;
  level?: DepartmentLevel;
  regionCode?: string;
  phone?: string;
  address?: string;
  active?: boolean;
  /** 部门负责人: a staff member of this department (none: cleared). */
  headAccountId?: string | null;
  /** When deactivating a department that still has staff: where they move (their data scope follows). */
  reassignStaffTo?: string;
}

/** Create a department, or edit one (its region and level are fixed once created). */
export function DepartmentForm({ department, defaultRegion, onClose }: { department: DepartmentView | null; defaultRegion: string; onClose: () => void }) {
  const t = useT();
  const edit = useEditForm({
    id: department?.id ?? null,
    create: { schema: CreateDepartmentBody, toBody: (v: Values) => v, send: orgApi.createDepartment },
    update: {
      schema: UpdateDepartmentBody,
      toBody: (v: Values) => ({
        name: v.name, shortName: v.shortName, creditCode: v.creditCode, phone: v.phone, address: v.address, active: v.active,
        headAccountId: v.headAccountId ?? null,
        ...(v.active === false && v.reassignStaffTo ? { reassignStaffTo: v.reassignStaffTo } : {}),
      }),
      send: orgApi.updateDepartment,
    },
    invalidates: qk.departments,
    onClose,
  });
  const { zodRule } = edit;
  const editing = department !== null;
  const S = CreateDepartmentBody.shape;

  const initialValues: Partial<Values> = department
    ? {
        name: department.name,
        shortName: department.shortName ?? '',
        creditCode: department.creditCode ?? '',
        phone: department.phone ?? '',
        address: department.address ?? '',
        active: department.active,
        headAccountId: department.headAccountId,
      }
    : { regionCode: defaultRegion };

  return (
    <EditDrawer edit={edit} title={editing ? t('departments.edit') : t('departments.create')} name="department" initialValues={initialValues}>
      <Form.Item name="name" label={t('dept.name')} rules={[zodRule(S.name)]} required>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label={t('dept.shortName')} rules={[zodRule(S.shortName, { optional: true })]}>
        <Input maxLength={30} />
      </Form.Item>
      {editing ? null : (
        <>
          <Form.Item name="regionCode" label={t('dept.region')} rules={[zodRule(S.regionCode)]} required>
            <RegionTreeSelect />
          </Form.Item>
          <Form.Item name="level" label={t('dept.level')} rules={[{ required: true, message: t('common.required') }]} required>
            <Select options={DEPARTMENT_LEVELS.map((l) => ({ value: l, label: t(`deptLevel.${l}`) }))} />
          </Form.Item>
        </>
      )}
      <Form.Item name="creditCode" label={t('field.creditCode')} rules={[zodRule(S.creditCode, { optional: true })]}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="phone" label={t('dept.phone')} rules={[zodRule(S.phone, { optional: true })]}>
        <Input maxLength={30} inputMode="tel" />
      </Form.Item>
      <Form.Item name="address" label={t('dept.address')} rules={[zodRule(S.address, { optional: true })]}>
        <Input maxLength={200} />
      </Form.Item>
      {department ? (
        <Form.Item name="headAccountId" label={t('orders.deptHead')} extra={t('orders.deptHeadHint')}>
          <HeadSelect departmentId={department.id} />
        </Form.Item>
      ) : null}
      {editing ? (
        <Form.Item name="active" label={t('common.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : null}
      {department && department.active && department.staffCount > 0 ? (
        <Form.Item noStyle dependencies={['active']}>
          {({ getFieldValue }) =>
            getFieldValue('active') === false ? (
              <Form.Item
                name="reassignStaffTo"
                label={t('departments.reassignStaffTo')}
                extra={t('departments.reassignHint', { n: department.staffCount })}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DepartmentSelect regionCode={department.regionCode} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
      ) : null}
    </EditDrawer>
  );
}

/** The staff of the department, to choose its head (负责人) from; clearing leaves it without one. */
function HeadSelect({ departmentId, id, value, onChange }: { departmentId: string; id?: string; value?: string | null; onChange?: (v: string | null) => void }) {
  const t = useT();
  const staff = useStaffList({ departmentId, page: 1, pageSize: 100 });
  const options = (staff.data?.items ?? [])
    .filter((s) => s.status === 'active' || s.status === 'locked' || s.id === value)
    .map((s) => ({ value: s.id, label: s.title ? `${s.displayName}（${s.title}）` : s.displayName }));
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      loading={staff.isFetching}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('orders.deptHeadNone')}
      className="full-width"
    />
  );
}
