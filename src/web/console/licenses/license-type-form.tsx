import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Switch, Table } from 'antd';
import { HOLDER_KINDS, LicenseField, LicenseTypeBody, UpdateLicenseTypeBody } from '../../../common/schemas/licenses.ts';
import { licenseKeys, licensesStaffApi, type LicenseTypeView } from '../../api/licenses-staff.ts';
import { EditDrawer, useEditForm } from '../../components/edit-form.tsx';
import { useT } from '../../i18n/index.ts';

interface FieldRow {
  key?: string;
  label?: string;
  required?: boolean;
  formKey?: string;
}

interface Values {
  code?: string;
  name?: string;
  definingBody?: string;
  holderKind?: (typeof HOLDER_KINDS)[number];
  category?: 'license' | 'certification';
  issuingDepartments?: string[];
  validity?: { kind?: 'years' | 'long_term'; years?: number | null };
  numberPrefix?: string;
  template?: { frameColor?: string; printedTitle?: string };
  active?: boolean;
  fields?: FieldRow[];
}

function templateOf(v: Values) {
  const printedTitle = v.template?.printedTitle?.trim();
  return { frameColor: v.template?.frameColor?.trim() || '#b22222', ...(printedTitle ? { printedTitle } : {}) };
}

function fieldsOf(v: Values) {
  return (v.fields ?? []).map((f) => ({ key: f.key?.trim() ?? '', label: f.label?.trim() ?? '', required: f.required ?? true, ...(f.formKey?.trim() ? { formKey: f.formKey.trim() } : {}) }));
}

function validityOf(v: Values) {
  return v.validity?.kind === 'years' ? { kind: 'years' as const, years: v.validity.years ?? undefined } : { kind: 'long_term' as const };
}

/**
 * Create or edit a license type (证照类型) of the catalog: code (fixed once created), names, holder
 * kind, issuing departments, validity, number prefix, and the data items (照面信息) as a table of rows.
 * Server refusals land under their fields, rows included (`fields.2.key`).
 */
export function LicenseTypeForm({ type, knownIssuers, onClose }: { type: LicenseTypeView | null; knownIssuers: string[]; onClose: () => void }) {
  const t = useT();
  const edit = useEditForm({
    id: type?.code ?? null,
    create: {
      schema: LicenseTypeBody,
      toBody: (v: Values) => ({
        code: v.code, name: v.name, definingBody: v.definingBody, holderKind: v.holderKind, category: v.category ?? 'license', issuingDepartments: v.issuingDepartments ?? [],
        fields: fieldsOf(v), validity: validityOf(v), numberPrefix: v.numberPrefix ?? '', template: templateOf(v), active: v.active ?? true,
      }),
      send: licensesStaffApi.createType,
    },
    update: {
      schema: UpdateLicenseTypeBody,
      toBody: (v: Values) => ({
        name: v.name, definingBody: v.definingBody, holderKind: v.holderKind, category: v.category ?? 'license', issuingDepartments: v.issuingDepartments ?? [],
        fields: fieldsOf(v), validity: validityOf(v), numberPrefix: v.numberPrefix ?? '', template: templateOf(v), active: v.active ?? true,
      }),
      send: licensesStaffApi.updateType,
    },
    invalidates: licenseKeys.types,
    onClose,
  });
  const { zodRule, form } = edit;
  const S = LicenseTypeBody.shape;
  const F = LicenseField.shape;
  const validityKind = Form.useWatch((v: Values) => v.validity?.kind, form);
  const editing = type !== null;
  const initialValues: Values = type
    ? {
        name: type.name, definingBody: type.definingBody, holderKind: type.holderKind, category: type.category, issuingDepartments: type.issuingDepartments,
        validity: type.validity.kind === 'years' ? { kind: 'years', years: type.validity.years } : { kind: 'long_term' },
        numberPrefix: type.numberPrefix, template: { ...type.template }, active: type.active, fields: type.fields.map((f) => ({ ...f })),
      }
    : { holderKind: 'legal_person', category: 'license', validity: { kind: 'long_term' }, numberPrefix: '', template: { frameColor: '#b22222' }, active: true, issuingDepartments: [], fields: [] };

  return (
    <EditDrawer edit={edit} title={editing ? t('licAdmin.types.edit', { name: type.name }) : t('licAdmin.types.create')} name="license-type" initialValues={initialValues} size={980}>
      {editing ? (
        <p>
          {t('licAdmin.types.code')}：<span className="mono-text">{type.code}</span> · {t('licAdmin.types.issuedCount')}：{type.issuedCount}
        </p>
      ) : (
        <Form.Item name="code" label={t('licAdmin.types.code')} rules={[zodRule(S.code)]} required extra={t('licAdmin.types.codeHint')}>
          <Input maxLength={21} className="mono-text" />
        </Form.Item>
      )}
      <Space wrap size="large" align="start">
        <Form.Item name="name" label={t('licAdmin.typeName')} rules={[zodRule(S.name)]} required>
          <Input maxLength={60} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="definingBody" label={t('licAdmin.types.definingBody')} rules={[zodRule(S.definingBody)]} required>
          <Input maxLength={60} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="holderKind" label={t('licAdmin.holderKind')} required>
          <Select style={{ width: 160 }} options={HOLDER_KINDS.map((k) => ({ value: k, label: t(`licAdmin.holderKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('licAdmin.types.category')} required>
          <Select style={{ width: 140 }} options={(['license', 'certification'] as const).map((c) => ({ value: c, label: t(`licAdmin.types.category.${c}`) }))} />
        </Form.Item>
      </Space>
      <Space wrap size="large" align="start">
        <Form.Item name={['validity', 'kind']} label={t('licAdmin.types.validity')} required>
          <Radio.Group options={[{ value: 'years', label: t('licAdmin.types.validityYears') }, { value: 'long_term', label: t('licAdmin.types.longTerm') }]} />
        </Form.Item>
        {validityKind === 'years' ? (
          <Form.Item name={['validity', 'years']} label={t('licAdmin.types.years')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={50} precision={0} suffix={t('licAdmin.types.yearUnit')} />
          </Form.Item>
        ) : null}
        <Form.Item name="numberPrefix" label={t('licAdmin.types.numberPrefix')} rules={[zodRule(S.numberPrefix, { optional: true })]} extra={t('licAdmin.types.numberPrefixHint')}>
          <Input maxLength={6} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name={['template', 'frameColor']} label={t('licAdmin.types.frameColor')} extra={t('licAdmin.types.frameColorHint')} rules={[{ pattern: /^#[0-9a-fA-F]{6}$/, message: t('licAdmin.types.frameColorHint') }]}>
          <Input maxLength={7} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name={['template', 'printedTitle']} label={t('licAdmin.types.printedTitle')} extra={t('licAdmin.types.printedTitleHint')}>
          <Input maxLength={40} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="active" label={t('common.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item name="issuingDepartments" label={t('licAdmin.types.issuingDepartments')} extra={t('licAdmin.types.issuingDepartmentsHint')}>
        <Select mode="tags" tokenSeparators={['，', ',', '、']} options={knownIssuers.map((n) => ({ value: n, label: n }))} />
      </Form.Item>
      <h2 className="card-title block-gap">{t('licAdmin.types.fields')}</h2>
      <p className="muted">{t('licAdmin.types.fieldsHint')}</p>
      <Form.List name="fields">
        {(rows, { add, remove, move }) => (
          <div className="fields-editor">
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={rows}
              locale={{ emptyText: t('licAdmin.types.noFields') }}
              columns={[
                { title: '#', key: 'n', width: 40, render: (_: unknown, _row, i) => i + 1 },
                {
                  title: t('licAdmin.types.fieldKey'),
                  key: 'key',
                  render: (_: unknown, row, i) => (
                    <Form.Item name={[row.name, 'key']} rules={[zodRule(F.key)]}>
                      <Input maxLength={40} className="mono-text" aria-label={t('licAdmin.types.cell', { col: t('licAdmin.types.fieldKey'), n: i + 1 })} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('licAdmin.types.fieldLabel'),
                  key: 'label',
                  render: (_: unknown, row, i) => (
                    <Form.Item name={[row.name, 'label']} rules={[zodRule(F.label)]}>
                      <Input maxLength={30} aria-label={t('licAdmin.types.cell', { col: t('licAdmin.types.fieldLabel'), n: i + 1 })} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('licAdmin.types.fieldRequired'),
                  key: 'required',
                  width: 70,
                  render: (_: unknown, row, i) => (
                    <Form.Item name={[row.name, 'required']} valuePropName="checked">
                      <Checkbox aria-label={t('licAdmin.types.cell', { col: t('licAdmin.types.fieldRequired'), n: i + 1 })} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('licAdmin.types.fieldFormKey'),
                  key: 'formKey',
                  render: (_: unknown, row, i) => (
                    <Form.Item name={[row.name, 'formKey']} rules={[zodRule(F.formKey.unwrap(), { optional: true })]}>
                      <Input maxLength={60} className="mono-text" aria-label={t('licAdmin.types.cell', { col: t('licAdmin.types.fieldFormKey'), n: i + 1 })} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 120,
                  render: (_: unknown, row, i) => (
                    <span className="table-actions">
                      <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('licAdmin.types.moveUp', { n: i + 1 })} />
                      <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1} onClick={() => move(i, i + 1)} aria-label={t('licAdmin.types.moveDown', { n: i + 1 })} />
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('licAdmin.types.removeField', { n: i + 1 })} />
                    </span>
                  ),
                },
              ]}
            />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ required: true })} className="block-gap">
              {t('licAdmin.types.addField')}
            </Button>
          </div>
        )}
      </Form.List>
    </EditDrawer>
  );
}
