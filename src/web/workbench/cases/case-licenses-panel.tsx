import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseView } from '../../api/cases.ts';
import { useCatalogVersion } from '../../api/catalog.ts';
import { type CaseLicenseView, type LicenseDetail, licensesStaffApi, useCaseIssuedLicense, useCaseLicenses, useLicenseMutation, useLicenseTypes } from '../../api/licenses-staff.ts';
import { useErrorText } from '../../components/error-text.ts';
import { useServerErrors } from '../../components/forms.ts';
import { DocumentButtons, LicenseDataList, LicenseStateTag, validityText, VerdictTag } from '../../console/licenses/license-parts.tsx';
import { useLicenseRole } from '../../console/permissions.ts';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';

/** The registry facts the window checks against the application: number, holder, issuer, validity, identifier. */
function LicenseLines({ license }: { license: Pick<LicenseDetail, 'licenseNumber' | 'holderName' | 'holderCode' | 'holderKind' | 'issuerName' | 'validFrom' | 'validUntil' | 'identifier' | 'version'> }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      bordered
      className="license-facts"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'number', label: t('licAdmin.licenseNumber'), children: license.licenseNumber },
        { key: 'holder', label: t('licAdmin.holder'), children: `${license.holderName}（${license.holderCode}）` },
        { key: 'issuer', label: t('licAdmin.issuer'), children: license.issuerName },
        { key: 'validity', label: t('licAdmin.validity'), children: validityText(license, t) },
        { key: 'identifier', label: t('licAdmin.identifier'), span: 'filled', children: <span className="mono-text">{license.identifier}</span> },
      ]}
    />
  );
}

/** One license the applicant granted for a material: the verdict of checking it now, the registry facts and 照面信息. */
function GrantedLicense({ view, materialName }: { view: CaseLicenseView; materialName: string }) {
  const t = useT();
  const { lang } = usePrefs();
  const l = view.license;
  return (
    <section className="case-license" aria-label={`${materialName} · ${l.typeName}`}>
      <div className="case-license-head">
        <h3>{materialName}</h3>
        <span className="muted">{t('licAdmin.case.provedBy', { name: l.typeName })}</span>
        <VerdictTag verdict={view.verdict} />
      </div>
      {view.verdict !== 'valid' ? <Alert type="error" showIcon title={t('licAdmin.case.notValid', { verdict: t(`licAdmin.verdict.${view.verdict}`) })} className="gap-below" /> : null}
      <LicenseLines license={l} />
      <LicenseDataList data={l.data} title={t('licAdmin.data')} />
      <p className="case-license-meta">{t('licAdmin.case.granted', { reason: view.reason, at: formatDateTime(view.grantedAt, lang) })}</p>
    </section>
  );
}

/** 查询证照: choose a type (the guide's license materials first), state why; the answer opens in a drawer. */
function QueryDialog({ c, onClose, onResult }: { c: CaseView; onClose: () => void; onResult: (r: { typeName: string; reason: string; licenses: LicenseDetail[] }) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ typeCode?: string; reason?: string }>();
  const { formError, showError, clearError } = useServerErrors(form);
  const guide = useCatalogVersion(c.versionId);
  const types = useLicenseTypes();
  const query = useLicenseMutation(licensesStaffApi.query);
  const fromGuide = (guide.data?.content.materials ?? []).flatMap((m) => (m.source.kind === 'license' ? [{ code: m.source.licenseTypeCode, name: m.source.licenseTypeName, material: m.name }] : []));
  const guideCodes = new Set(fromGuide.map((g) => g.code));
  const catalog = (types.data ?? []).filter((ty) => ty.active && !guideCodes.has(ty.code));
  const nameOf = (code: string) => types.data?.find((ty) => ty.code === code)?.name ?? fromGuide.find((g) => g.code === code)?.name ?? code;
  const options = [
    ...(fromGuide.length > 0 ? [{ label: t('licAdmin.case.query.fromGuide'), options: fromGuide.map((g) => ({ value: g.code, label: `${g.name}（${t('licAdmin.case.query.forMaterial', { name: g.material })}）` })) }] : []),
    { label: t('licAdmin.case.query.fromCatalog'), options: catalog.map((ty) => ({ value: ty.code, label: ty.name })) },
  ];
  // The guide's first license material is the usual question; it arrives after the dialog opens.
  const firstGuideCode = fromGuide[0]?.code;
  useEffect(() => {
    if (firstGuideCode && !form.getFieldValue('typeCode')) form.setFieldValue('typeCode', firstGuideCode);
  }, [firstGuideCode, form]);
  const submit = (v: { typeCode?: string; reason?: string }) => {
    clearError();
    const body = { caseId: c.id, typeCode: v.typeCode ?? '', reason: (v.reason ?? '').trim() };
    query.mutate(body, { onSuccess: (licenses) => onResult({ typeName: nameOf(body.typeCode), reason: body.reason, licenses }), onError: showError });
  };
  return (
    <Modal
      open
      title={t('licAdmin.case.query')}
      okText={t('licAdmin.case.query.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={query.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={600}
    >
      <Alert type="info" showIcon title={t('licAdmin.case.query.note')} className="gap-below" />
      {formError ? <Alert type="error" showIcon title={formError} className="gap-below" /> : null}
      <Form form={form} layout="vertical" name="license-query" onFinish={submit}>
        <Form.Item name="typeCode" label={t('licAdmin.typeName')} rules={[{ required: true, message: t('licAdmin.chooseType') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} loading={types.isPending || guide.isPending} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('licAdmin.case.query.reason')}
          extra={t('licAdmin.case.query.reasonHint')}
          rules={[
            { required: true, whitespace: true, message: t('licAdmin.case.query.reasonRequired') },
            { validator: async (_, v: string | undefined) => { if ((v ?? '').trim().length > 0 && (v ?? '').trim().length < 4) throw new Error(t('licAdmin.case.query.reasonRequired')); } },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The answer of a query: the holder's licenses of the type, with the note that the read is on record. */
function QueryResults({ result, onClose }: { result: { typeName: string; reason: string; licenses: LicenseDetail[] }; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer open onClose={onClose} title={t('licAdmin.case.results', { name: result.typeName })} size={760}>
      <Alert type="warning" showIcon title={t('licAdmin.case.results.recorded', { reason: result.reason })} className="gap-below" />
      {result.licenses.length === 0 ? (
        <Empty description={t('licAdmin.case.results.none', { name: result.typeName })} />
      ) : (
        result.licenses.map((l) => (
          <section key={l.id} className="case-license block-gap" aria-label={`${l.typeName} ${l.licenseNumber}`}>
            <div className="case-license-head">
              <h3>{l.typeName}</h3>
              <LicenseStateTag state={l.state} expired={l.expired} />
              <span className="muted">{t('licAdmin.versionN', { n: l.version })}</span>
            </div>
            <LicenseLines license={l} />
            <LicenseDataList data={l.data} title={t('licAdmin.data')} />
          </section>
        ))
      )}
    </Drawer>
  );
}

/**
 * 电子证照（用证） on a case: the licenses the applicant granted for its materials, verified now, so
 * that the window checks the license data instead of a scan; 查询证照 for a holder's license of a
 * type (with a reason, on record); and the license the case issued, with its documents.
 */
export function CaseLicensesPanel({ c }: { c: CaseView }) {
  const t = useT();
  const errorText = useErrorText();
  const canQuery = useLicenseRole('caseQuery');
  // The server lets only staff of the issuing department (the case's own) download the documents.
  const granted = useCaseLicenses(c.id);
  const done = c.state === 'completed' || c.state === 'delivered';
  const issued = useCaseIssuedLicense(c.id, done);
  const [querying, setQuerying] = useState(false);
  const [result, setResult] = useState<{ typeName: string; reason: string; licenses: LicenseDetail[] } | null>(null);
  const materialName = (key: string) => c.materials.find((m) => m.key === key)?.name ?? key;
  const title = t('licAdmin.case.title');
  return (
    <>
      <Card
        title={<h2 className="card-title">{title}</h2>}
        className="block-gap"
        extra={canQuery ? <Button icon={<SearchOutlined />} onClick={() => setQuerying(true)}>{t('licAdmin.case.query')}</Button> : null}
      >
        {granted.isError ? <Alert type="error" showIcon title={errorText(granted.error)} action={<Button size="small" onClick={() => void granted.refetch()}>{t('common.retry')}</Button>} /> : null}
        {granted.isPending ? <p className="muted">{t('common.loading')}</p> : null}
        {granted.data && granted.data.length === 0 ? <p className="muted">{t('licAdmin.case.none')}</p> : null}
        {granted.data && granted.data.length > 0 ? (
          <>
            <p className="muted">{t('licAdmin.case.lead')}</p>
            {granted.data.map((v) => (
              <GrantedLicense key={`${v.materialKey}-${v.license.id}`} view={v} materialName={materialName(v.materialKey)} />
            ))}
          </>
        ) : null}
      </Card>
      {issued.data ? (
        <Card title={<h2 className="card-title">{t('licAdmin.case.issued')}</h2>} className="block-gap" extra={<DocumentButtons license={issued.data} />}>
          <div className="case-license-head">
            <strong>{issued.data.typeName}</strong>
            <LicenseStateTag state={issued.data.state} expired={issued.data.expired} />
          </div>
          <LicenseLines license={issued.data} />
        </Card>
      ) : null}
      {querying ? (
        <QueryDialog
          c={c}
          onClose={() => setQuerying(false)}
          onResult={(r) => {
            setQuerying(false);
            setResult(r);
          }}
        />
      ) : null}
      {result ? <QueryResults result={result} onClose={() => setResult(null)} /> : null}
    </>
  );
}
