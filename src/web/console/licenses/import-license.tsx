import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { validateCreditCode, validateIdNumber } from '../../../common/identifiers.ts';
import { ImportLicenseBody } from '../../../common/schemas/licenses.ts';
import { licenseKeys, licensesStaffApi, type LicenseTypeView, useLicenseTypes } from '../../api/licenses-staff.ts';
import { useDepartments } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { useServerErrors, useValidation } from '../../components/forms.ts';
import { RegionTreeSelect } from '../../components/org-selects.tsx';
import { translateIssue, useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { CITY_CODE } from '../../site.ts';

interface Values {
  typeCode?: string;
  holderKind?: 'person' | 'legal_person';
  holderName?: string;
  holderCode?: string;
  licenseNumber?: string;
  regionCode?: string;
  issuerDepartmentId?: string;
  /** The type's data items by key. */
  data?: Record<string, string | undefined>;
  /** For a type without defined items: free label/value rows. */
  extra?: { label?: string; value?: string }[];
  issuedOn?: Dayjs;
  validFrom?: Dayjs;
  validUntil?: Dayjs | null;
}

const day = (d: Dayjs | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);

/** Departments of the region that may issue the type (by short name, as the catalog names them) and have a credit code. */
function IssuerSelect({ id, value, onChange, regionCode, type }: { id?: string; value?: string; onChange?: (v: string | undefined) => void; regionCode: string | undefined; type: LicenseTypeView | undefined }) {
  const t = useT();
  const departments = useDepartments({ regionCode }, Boolean(regionCode));
  const names = type?.issuingDepartments ?? [];
  const options = (departments.data?.items ?? [])
    .filter((d) => names.length === 0 || names.includes(d.shortName ?? '') || names.some((n) => d.name.endsWith(n)))
    .map((d) => ({
      value: d.id,
      disabled: !d.creditCode,
      label: `${d.regionCode === regionCode ? d.name : `${d.name}（${d.regionName}）`}${d.creditCode ? '' : t('licAdmin.import.noCreditCode')}`,
    }));
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={departments.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={regionCode ? t('org.chooseDepartment') : t('org.chooseRegionFirst')}
      disabled={!regionCode}
      className="full-width"
    />
  );
}

/**
 * 存量证照入库: enter an existing paper license; it is signed and issued like a new one. The data
 * items follow the chosen type; the server checks the holder code's check digit and the required items.
 */
export function ImportLicenseDrawer({ onClose, basePath }: { onClose: () => void; basePath: string }) {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const scope = me.data?.account.scope ?? null;
  // An approver issues for their own department; an administrator chooses one.
  const ownDepartment = me.data?.account.roles.includes('approver') ? (scope?.departmentId ?? undefined) : undefined;
  const [form] = Form.useForm<Values>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);
  const types = useLicenseTypes();
  const typeCode = Form.useWatch('typeCode', form);
  const regionCode = Form.useWatch('regionCode', form);
  const holderKind = Form.useWatch('holderKind', form);
  const type = types.data?.find((x) => x.code === typeCode);
  const S = ImportLicenseBody.shape;

  const save = useMutation({
    mutationFn: licensesStaffApi.importLicense,
    onSuccess: async (detail) => {
      await qc.invalidateQueries({ queryKey: licenseKeys.all });
      void message.success(t('licAdmin.import.done', { number: detail.licenseNumber }));
      onClose();
      void navigate(`${basePath}/${detail.id}`);
    },
    onError: showError,
  });

  const submit = (v: Values) => {
    clearError();
    const data: Record<string, string> = {};
    if (type && type.fields.length > 0) {
      for (const f of type.fields) {
        const value = v.data?.[f.key]?.trim();
        if (value) data[f.key] = value;
      }
    } else {
      for (const row of v.extra ?? []) if (row.label?.trim() && row.value?.trim()) data[row.label.trim()] = row.value.trim();
    }
    const body = parseForm(
      ImportLicenseBody,
      {
        typeCode: v.typeCode, licenseNumber: v.licenseNumber, holderKind: v.holderKind, holderName: v.holderName, holderCode: v.holderCode,
        issuerDepartmentId: v.issuerDepartmentId, data, validFrom: day(v.validFrom), validUntil: day(v.validUntil) ?? null, issuedOn: day(v.issuedOn),
      },
      form,
    );
    if (body) save.mutate(body);
  };

  // A type for one kind of holder fixes the kind; a validity in years proposes the end date (until
  // the end date is chosen by hand); the start of validity defaults to the date of issue.
  const proposeUntil = (from: Dayjs | undefined, code: string | undefined) => {
    const ty = types.data?.find((x) => x.code === code);
    if (from && ty?.validity.kind === 'years' && !form.isFieldTouched('validUntil')) form.setFieldValue('validUntil', from.add(ty.validity.years, 'year').subtract(1, 'day'));
  };
  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    if (changed.typeCode) {
      const ty = types.data?.find((x) => x.code === changed.typeCode);
      if (ty && ty.holderKind !== 'both') form.setFieldValue('holderKind', ty.holderKind);
    }
    if ('regionCode' in changed) form.setFieldValue('issuerDepartmentId', undefined);
    let from = all.validFrom;
    if (changed.issuedOn && !from) {
      from = changed.issuedOn;
      form.setFieldValue('validFrom', from);
    }
    if (changed.validFrom !== undefined || changed.typeCode || changed.issuedOn) proposeUntil(from, all.typeCode);
  };

  const holderCodeRule = {
    validator: async (_: unknown, value: string | undefined) => {
      const v = (value ?? '').trim().toUpperCase();
      if (!v) throw new Error(t('common.required'));
      const why = holderKind === 'person' ? validateIdNumber(v) : validateCreditCode(v);
      if (why) throw new Error(translateIssue(why, lang));
    },
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('licAdmin.import')}
      size={720}
      destroyOnHidden
      footer={
        <div className="button-row">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('licAdmin.import.submit')}
          </Button>
        </div>
      }
    >
      <Alert type="info" showIcon title={t('licAdmin.import.note')} className="gap-below" />
      {formError ? <Alert type="error" showIcon title={formError} className="gap-below" /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        name="license-import"
        initialValues={{ regionCode: scope?.regionCode ?? CITY_CODE, issuerDepartmentId: ownDepartment, holderKind: 'legal_person', extra: [{}] }}
        onFinish={submit}
        onValuesChange={onValuesChange}
        className="block-gap"
      >
        <Form.Item name="typeCode" label={t('licAdmin.typeName')} rules={[{ required: true, message: t('licAdmin.chooseType') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={types.isPending}
            options={(types.data ?? []).filter((x) => x.active).map((x) => ({ value: x.code, label: `${x.name}（${x.definingBody}）` }))}
          />
        </Form.Item>
        <Form.Item name="holderKind" label={t('licAdmin.holderKind')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group
            disabled={type !== undefined && type.holderKind !== 'both'}
            options={[{ value: 'legal_person', label: t('licAdmin.holderKind.legal_person') }, { value: 'person', label: t('licAdmin.holderKind.person') }]}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="holderName" label={t('licAdmin.holderName')} rules={[zodRule(S.holderName)]} required>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="holderCode" label={holderKind === 'person' ? t('licAdmin.holderIdNumber') : t('licAdmin.holderCreditCode')} rules={[holderCodeRule]} required>
              <Input maxLength={18} className="mono-text" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="licenseNumber" label={t('licAdmin.licenseNumber')} rules={[zodRule(S.licenseNumber)]} required extra={t('licAdmin.import.numberHint')}>
          <Input maxLength={60} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="regionCode" label={t('licAdmin.import.region')}>
              <RegionTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="issuerDepartmentId" label={t('licAdmin.issuer')} rules={[{ required: true, message: t('org.chooseDepartment') }]}>
              <IssuerSelect regionCode={regionCode} type={type} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="issuedOn" label={t('licAdmin.import.issuedOn')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="validFrom" label={t('licAdmin.validFrom')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="validUntil" label={t('licAdmin.validUntil')}>
              <DatePicker allowClear className="full-width" />
            </Form.Item>
          </Col>
        </Row>
        <p className="muted field-note">{type?.validity.kind === 'years' ? t('licAdmin.import.validityYears', { n: type.validity.years }) : t('licAdmin.import.validityLongTerm')}</p>
        <h2 className="card-title block-gap">{t('licAdmin.data')}</h2>
        {!type ? (
          <p className="muted">{t('licAdmin.import.chooseTypeFirst')}</p>
        ) : type.fields.length > 0 ? (
          type.fields.map((f) => (
            <Form.Item key={f.key} name={['data', f.key]} label={f.label} rules={f.required ? [{ required: true, whitespace: true, message: t('licAdmin.import.fill', { label: f.label }) }] : []}>
              <Input maxLength={500} />
            </Form.Item>
          ))
        ) : (
          <>
            <p className="muted">{t('licAdmin.import.freeItems')}</p>
            <Form.List name="extra">
              {(rows, { add, remove }) => (
                <>
                  {rows.map((row, i) => (
                    <Space key={row.key} align="start" wrap>
                      <Form.Item name={[row.name, 'label']} label={t('licAdmin.import.itemLabel', { n: i + 1 })}>
                        <Input maxLength={40} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'value']} label={t('licAdmin.import.itemValue', { n: i + 1 })}>
                        <Input maxLength={500} style={{ minWidth: 260 }} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label={t('licAdmin.import.removeItem', { n: i + 1 })} className="form-inline-button" />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('licAdmin.import.addItem')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Drawer>
  );
}
