import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Switch, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCurrentGuide, type Material } from '../../api/catalog.ts';
import { casesApi, type MaterialEntry } from '../../api/cases.ts';
import { useMe } from '../../auth/session.ts';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';

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

/** A material the applicant need not upload: the platform proves it from a license or shared data. */
function provedElsewhere(m: Material): boolean {
  return m.source.kind === 'license' || m.source.kind === 'shared_data';
}

/**
 * 在线申请: the item's form rendered from its JSON Schema and one upload per material; materials a
 * license or shared data proves are attached without an upload. Submitted with one idempotency key
 * per page, so a second click or a retry after a network error never files a second case.
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
  const [key] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
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
  const submit = async (formData: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const materials: Record<string, MaterialEntry> = {};
      for (const m of g.materials) {
        if (provedElsewhere(m) && (useSource[m.key] ?? true)) {
          materials[m.key] = m.source.kind === 'license' ? { via: 'license' } : { via: 'shared_data', resourceCode: m.source.kind === 'shared_data' ? m.source.resourceCode : undefined };
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
  return (
    <div className="gov-container page-body">
      <PageTitle title={t('case.applyTitle', { name: g.name })} />
      <h1>{t('case.applyTitle', { name: g.name })}</h1>
      {g.handlingForm === 'window' ? <Alert type="warning" showIcon title={t('case.applyWindowOnly')} className="block-gap" /> : null}
      {error ? (
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
          {g.materials.map((m) => (
            <Form.Item key={m.key} label={`${m.name}${m.required === 'required' ? '' : `（${m.condition ?? ''}）`}`} required={m.required === 'required'}>
              {provedElsewhere(m) ? (
                <Checkbox checked={useSource[m.key] ?? true} onChange={(e) => setUseSource((p) => ({ ...p, [m.key]: e.target.checked }))}>
                  {t(m.source.kind === 'license' ? 'case.useLicense' : 'case.useShared')}
                </Checkbox>
              ) : null}
              {!provedElsewhere(m) || useSource[m.key] === false ? (
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
          ))}
        </Card>
        <Button type="primary" htmlType="submit" loading={busy} disabled={g.handlingForm === 'window'}>
          {t('case.submit')}
        </Button>
      </Form>
    </div>
  );
}
