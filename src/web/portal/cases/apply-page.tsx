import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Switch, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCurrentGuide, type Material } from '../../api/catalog.ts';
import { casesApi, type MaterialEntry } from '../../api/cases.ts';
import { type TrustedMaterial, type UsableLicense, walletApi, walletKeys } from '../../api/license-wallet.ts';
import { realNameLevelTooLow } from '../../api/real-name.ts';
import { useMe } from '../../auth/session.ts';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDay } from '../licenses/license-parts.tsx';
import '../licenses/licenses.css';
import { RealNameLevelNotice } from './real-name-notice.tsx';

/** The part of a JSON Schema property the form renders. */
interface FieldSchema {
  type?: string;
  title?: string;
  description?: string;
  enum?: unknown[];
  items?: { enum?: unknown[] };
  /** Where the portal pre-fills the field from (一码管理), e.g. person.name. */
  'x-prefill'?: string;
}

/** The fields of a guide's form: its top-level properties, in order, with whether each is required. */
export function formFields(schema: Record<string, unknown>): { name: string; field: FieldSchema; required: boolean }[] {
  const props = (schema.properties ?? {}) as Record<string, FieldSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(props).map(([name, field]) => ({ name, field, required: required.has(name) }));
}

// A plain function, not a component: Form.Item hands value, onChange and id to its direct child.
function fieldControl(field: FieldSchema) {
  if (field.type === 'array' && field.items?.enum) return <Select mode="multiple" options={field.items.enum.map((v) => ({ value: String(v), label: String(v) }))} />;
  if (field.enum) return <Select options={field.enum.map((v) => ({ value: String(v), label: String(v) }))} />;
  if (field.type === 'number' || field.type === 'integer') return <InputNumber style={{ width: '100%' }} />;
  if (field.type === 'boolean') return <Switch />;
  return <Input />;
}

/** The license type a material is proved by, if it is. */
function licenseTypeOf(m: Material): string | undefined {
  return m.source.kind === 'license' ? m.source.licenseTypeCode : undefined;
}

/**
 * What the applicant's wallet offers for a license-sourced material: the valid licenses of its type,
 * nothing, or — when the lookup failed — unknown (then the platform resolves the license on submit).
 */
type LicenseOffer = { status: 'loading' } | { status: 'found'; licenses: UsableLicense[] } | { status: 'none' } | { status: 'unknown' };

/** The chosen way of a license material: one of the holder's licenses, the platform's pick, or an upload. */
type LicenseChoice = { use: 'license'; licenseId?: string } | { use: 'upload' };

/**
 * By default a required material uses the applicant's license (the first valid one); a conditional
 * one is not used unless ticked, since its condition may not apply (and a grant should not be given
 * for nothing).
 */
function defaultChoice(m: Material, offer: LicenseOffer): LicenseChoice {
  if (m.required !== 'required') return { use: 'upload' };
  if (offer.status === 'found') return { use: 'license', licenseId: offer.licenses[0]?.id };
  if (offer.status === 'unknown') return { use: 'license' };
  return { use: 'upload' };
}

/** One license-sourced material: "使用我的电子证照…" checked by default with what submitting authorises, or a note that none was found. */
function LicenseChoiceControl({ m, offer, choice, onChange }: { m: Material; offer: LicenseOffer; choice: LicenseChoice; onChange: (c: LicenseChoice) => void }) {
  const t = useT();
  const typeName = m.source.kind === 'license' ? m.source.licenseTypeName : m.name;
  if (offer.status === 'loading') return <p className="muted">{t('apply.license.loading')}</p>;
  if (offer.status === 'none') return <p className="license-missing">{t('apply.license.none', { type: typeName })}</p>;
  const checked = choice.use === 'license';
  if (offer.status === 'unknown') {
    return <Checkbox checked={checked} onChange={(e) => onChange(e.target.checked ? { use: 'license' } : { use: 'upload' })}>{t('case.useLicense')}</Checkbox>;
  }
  const [first] = offer.licenses;
  const describe = (l: UsableLicense) => t('apply.license.item', { type: l.typeName, number: l.licenseNumber, issuer: l.issuerName });
  const chosenId = choice.use === 'license' ? (choice.licenseId ?? first?.id) : first?.id;
  return (
    <div className={checked ? 'license-choice' : undefined}>
      <Checkbox checked={checked} onChange={(e) => onChange(e.target.checked ? { use: 'license', licenseId: chosenId } : { use: 'upload' })}>
        {offer.licenses.length === 1 && first ? t('apply.license.useOne', { license: describe(first) }) : t('apply.license.useMany', { type: typeName })}
      </Checkbox>
      {checked && offer.licenses.length > 1 ? (
        <Radio.Group
          aria-label={t('apply.license.choose')}
          value={chosenId}
          onChange={(e) => onChange({ use: 'license', licenseId: e.target.value as string })}
          options={offer.licenses.map((l) => ({ value: l.id, label: describe(l) }))}
          className="license-options"
        />
      ) : null}
      {checked ? <p className="license-choice-note">{t('apply.license.grant')}</p> : <p className="muted">{t('apply.license.uploadInstead')}</p>}
    </div>
  );
}

/**
 * What the applicant's trusted materials (可信电子材料) offer for a material they supply themselves: the
 * ones a window verified before for this material, nothing, or — still asking — loading. A failed
 * lookup offers nothing: the upload is as before.
 */
type TrustedOffer = { status: 'loading' } | { status: 'found'; materials: TrustedMaterial[] } | { status: 'none' };

/** The chosen way of an applicant material: reuse one trusted material, or upload (null). */
type TrustedChoice = string | null;

/** "使用已核验的材料：…（核验人 于 日期 核验）" per trusted material, or upload instead; the first is the default. */
function TrustedChoiceControl({ m, offer, choice, onChange }: { m: Material; offer: TrustedOffer; choice: TrustedChoice; onChange: (c: TrustedChoice) => void }) {
  const t = useT();
  const { lang } = usePrefs();
  if (offer.status === 'loading') return <p className="muted">{t('apply.trusted.loading')}</p>;
  if (offer.status === 'none') return null;
  const describe = (tm: TrustedMaterial) => t('apply.trusted.use', { name: tm.name, verifier: tm.verifierName, date: formatDay(tm.verifiedAt, lang) });
  return (
    <div className={choice ? 'license-choice' : undefined}>
      <Radio.Group
        aria-label={t('apply.trusted.choose', { name: m.name })}
        value={choice ?? ''}
        onChange={(e) => onChange((e.target.value as string) || null)}
        options={[...offer.materials.map((tm) => ({ value: tm.id, label: describe(tm) })), { value: '', label: t('apply.trusted.upload') }]}
        className="license-options"
      />
      {choice ? <p className="license-choice-note">{t('apply.trusted.note')}</p> : null}
    </div>
  );
}

/**
 * 在线申请: the item's form rendered from its JSON Schema and one upload per material. A material a
 * license proves offers the applicant's own valid license of that type (用证: submitting authorises
 * its use for this application), or an upload when they hold none; shared data is attached without
 * an upload; a material the applicant supplies offers a trusted material a window verified before
 * (可信电子材料), reused instead of uploading again. Submitted with one idempotency key per page, so a second click or a retry after a
 * network error never files a second case.
 */
export function ApplyPage() {
  const t = useT();
  const { implementationId = '' } = useParams();
  const navigate = useNavigate();
  const guide = useCurrentGuide(implementationId);
  const me = useMe();
  const errorText = useErrorText();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [useSource, setUseSource] = useState<Record<string, boolean>>({});
  const [licenseChoice, setLicenseChoice] = useState<Record<string, LicenseChoice>>({});
  const [trustedChoice, setTrustedChoice] = useState<Record<string, TrustedChoice>>({});
  const [key] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The applicant's valid licenses of every type the guide accepts, asked for once per type.
  const licenseTypes = [...new Set((guide.data?.content.materials ?? []).map(licenseTypeOf).filter((c): c is string => Boolean(c)))];
  const usable = useQueries({
    queries: licenseTypes.map((typeCode) => ({ queryKey: walletKeys.usable(typeCode), queryFn: () => walletApi.usable(typeCode), retry: false })),
  });
  // The applicant's trusted materials for every material they supply themselves, asked for once per material.
  const ownMaterials = (guide.data?.content.materials ?? []).filter((m) => m.source.kind === 'applicant');
  const trusted = useQueries({
    queries: ownMaterials.map((m) => ({
      queryKey: walletKeys.usableMaterials(m.key, m.name),
      queryFn: () => walletApi.usableMaterials(m.key, m.name),
      retry: false,
    })),
  });
  if (guide.isPending) return <Loading />;
  if (guide.isError) return <ErrorResult error={guide.error} onRetry={() => void guide.refetch()} />;
  const g = guide.data.content;
  const fields = formFields(g.form);
  // Pre-fill what the account already proves (the base-data lookup fills the rest when it lands).
  const account = me.data?.account;
  const known: Record<string, string | null | undefined> = {
    'person.name': account?.kind === 'citizen' ? account.displayName : undefined,
    'enterprise.name': account?.kind === 'enterprise' ? account.displayName : undefined,
    'enterprise.creditCode': account?.creditCode,
  };
  const initialValues = Object.fromEntries(fields.flatMap(({ name, field }) => {
    const v = field['x-prefill'] ? known[field['x-prefill']] : undefined;
    return v ? [[name, v]] : [];
  }));
  const offerOf = (m: Material): LicenseOffer => {
    const q = usable[licenseTypes.indexOf(licenseTypeOf(m) ?? '')];
    if (!q || q.isError) return { status: 'unknown' };
    if (q.isPending) return { status: 'loading' };
    return q.data.length > 0 ? { status: 'found', licenses: q.data } : { status: 'none' };
  };
  const choiceOf = (m: Material): LicenseChoice => licenseChoice[m.key] ?? defaultChoice(m, offerOf(m));
  const trustedOfferOf = (m: Material): TrustedOffer => {
    const q = trusted[ownMaterials.findIndex((o) => o.key === m.key)];
    if (!q || q.isError) return { status: 'none' };
    if (q.isPending) return { status: 'loading' };
    const usableOnes = q.data.filter((tm) => tm.usable);
    return usableOnes.length > 0 ? { status: 'found', materials: usableOnes } : { status: 'none' };
  };
  /** The trusted material chosen for a material: by default the first one offered. */
  const trustedOf = (m: Material): TrustedChoice => {
    const offer = trustedOfferOf(m);
    if (offer.status !== 'found') return null;
    const chosen = trustedChoice[m.key];
    if (chosen === undefined) return offer.materials[0]?.id ?? null;
    return chosen && offer.materials.some((tm) => tm.id === chosen) ? chosen : null;
  };
  /** Whether the material takes an upload: any material but shared data the applicant keeps, or a license they use. */
  const needsUpload = (m: Material): boolean => {
    if (m.source.kind === 'shared_data') return useSource[m.key] === false;
    if (m.source.kind === 'license') return choiceOf(m).use === 'upload';
    if (m.source.kind === 'applicant') return trustedOfferOf(m).status !== 'loading' && trustedOf(m) === null;
    return true;
  };
  const lookingUp = g.materials.some(
    (m) => (m.source.kind === 'license' && offerOf(m).status === 'loading') || (m.source.kind === 'applicant' && trustedOfferOf(m).status === 'loading'),
  );
  const submit = async (formData: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const materials: Record<string, MaterialEntry> = {};
      for (const m of g.materials) {
        if (m.source.kind === 'shared_data' && (useSource[m.key] ?? true)) {
          materials[m.key] = { via: 'shared_data', resourceCode: m.source.resourceCode };
          continue;
        }
        const choice = choiceOf(m);
        if (m.source.kind === 'license' && choice.use === 'license') {
          // Without an id (the lookup failed) the platform uses the applicant's valid license of the type.
          materials[m.key] = choice.licenseId ? { via: 'license', licenseId: choice.licenseId } : { via: 'license' };
          continue;
        }
        const trustedId = m.source.kind === 'applicant' ? trustedOf(m) : null;
        if (trustedId) {
          materials[m.key] = { via: 'trusted', trustedMaterialId: trustedId };
          continue;
        }
        const f = files[m.key];
        if (f) materials[m.key] = { via: 'upload', fileIds: [(await casesApi.upload(f)).id] };
      }
      const view = await casesApi.apply({ implementationId, formData, materials, submit: true }, key);
      void navigate(`/account/cases/${view.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const issues = error instanceof ApiError ? error.fieldIssues : [];
  // 实名等级要求: known up front from the account, or from the server's refusal (the level may have changed meanwhile).
  const refusedLevel = error instanceof ApiError && error.code === 'REAL_NAME_LEVEL_TOO_LOW' ? realNameLevelTooLow(error.details) : null;
  const levelGap = refusedLevel ?? (account && account.realNameLevel < g.minRealNameLevel ? { requiredLevel: g.minRealNameLevel, currentLevel: account.realNameLevel } : null);
  return (
    <div className="gov-container page-body">
      <PageTitle title={t('case.applyTitle', { name: g.name })} />
      <h1>{t('case.applyTitle', { name: g.name })}</h1>
      {g.handlingForm === 'window' ? <Alert type="warning" showIcon title={t('case.applyWindowOnly')} className="block-gap" /> : null}
      {levelGap ? <RealNameLevelNotice required={levelGap.requiredLevel} current={levelGap.currentLevel} /> : null}
      {error && !refusedLevel ? (
        <Alert
          type="error"
          showIcon
          className="block-gap"
          title={errorText(error)}
          description={issues.length > 0 ? <ul>{issues.map((i) => <li key={i.path}>{i.message}</li>)}</ul> : undefined}
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)}>
        <Card title={<h2 className="card-title">{t('case.form')}</h2>} className="block-gap">
          {fields.map(({ name, field, required }) => (
            <Form.Item
              key={name}
              name={name}
              label={field.title ?? name}
              extra={field.description}
              valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
              rules={required ? [{ required: true, message: t('case.required') }] : []}
            >
              {fieldControl(field)}
            </Form.Item>
          ))}
        </Card>
        <Card title={<h2 className="card-title">{t('case.materials')}</h2>} className="block-gap">
          {g.materials.map((m) => {
            // The server names a material it refuses (e.g. no valid license after all): say it under that material.
            const refused = issues.filter((i) => i.path === `materials.${m.key}`).map((i) => i.message);
            return (
              <Form.Item
                key={m.key}
                label={`${m.name}${m.required === 'required' ? '' : `（${m.condition ?? ''}）`}`}
                required={m.required === 'required'}
                validateStatus={refused.length > 0 ? 'error' : undefined}
                help={refused.length > 0 ? refused.join('；') : undefined}
              >
                {m.source.kind === 'shared_data' ? (
                  <Checkbox checked={useSource[m.key] ?? true} onChange={(e) => setUseSource((p) => ({ ...p, [m.key]: e.target.checked }))}>
                    {t('case.useShared')}
                  </Checkbox>
                ) : null}
                {m.source.kind === 'license' ? (
                  <LicenseChoiceControl m={m} offer={offerOf(m)} choice={choiceOf(m)} onChange={(c) => setLicenseChoice((p) => ({ ...p, [m.key]: c }))} />
                ) : null}
                {m.source.kind === 'applicant' ? (
                  <TrustedChoiceControl m={m} offer={trustedOfferOf(m)} choice={trustedOf(m)} onChange={(c) => setTrustedChoice((p) => ({ ...p, [m.key]: c }))} />
                ) : null}
                {needsUpload(m) ? (
                  <Upload
                    maxCount={1}
                    beforeUpload={(f) => {
                      setFiles((p) => ({ ...p, [m.key]: f }));
                      // Uploaded when the application is sent, not on choosing.
                      return false;
                    }}
                    onRemove={() => setFiles((p) => ({ ...p, [m.key]: undefined }))}
                  >
                    <Button>{t('case.chooseFile')}</Button>
                  </Upload>
                ) : null}
              </Form.Item>
            );
          })}
        </Card>
        <Button type="primary" htmlType="submit" loading={busy} disabled={g.handlingForm === 'window' || lookingUp || levelGap !== null}>
          {t('case.submit')}
        </Button>
      </Form>
    </div>
  );
}
