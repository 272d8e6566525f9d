import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, type FormInstance, Input, InputNumber, Select, Tabs } from 'antd';
import { type ReactNode, useState } from 'react';
import type { FieldIssue } from '../../../common/errors.ts';
import { catalogApi, catalogKeys, type GuideContent, type Material, type VersionView } from '../../api/catalog.ts';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../components/error-text.ts';
import { type Translate, translateIssue, useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { fieldPathLabel } from './field-labels.ts';

/** The part of the guide the structured form edits; its field names mirror the guide's paths. */
type EditorValues = Pick<
  GuideContent,
  'name' | 'statutoryLimit' | 'promisedLimit' | 'visitsRequired' | 'visitsReason' | 'handlingForm' | 'minRealNameLevel' | 'conditions' | 'materials' | 'fees'
>;
const EDITED = ['name', 'statutoryLimit', 'promisedLimit', 'visitsRequired', 'visitsReason', 'handlingForm', 'minRealNameLevel', 'conditions', 'materials', 'fees'] as const;

type SourceFields = { kind: Material['source']['kind']; licenseTypeCode?: string; licenseTypeName?: string; resourceCode?: string; resourceName?: string; note?: string };

/** Keep only the fields of the chosen source kind (the form keeps what was typed for the others). */
function cleanSource(s: SourceFields): Material['source'] {
  switch (s.kind) {
    case 'license':
      return { kind: 'license', licenseTypeCode: (s.licenseTypeCode ?? '').trim(), licenseTypeName: (s.licenseTypeName ?? '').trim() };
    case 'shared_data':
      return { kind: 'shared_data', resourceCode: (s.resourceCode ?? '').trim(), resourceName: (s.resourceName ?? '').trim() };
    case 'window':
      return s.note?.trim() ? { kind: 'window', note: s.note.trim() } : { kind: 'window' };
    default:
      return { kind: 'applicant' };
  }
}

/** An emptied optional text is left out rather than sent as "". */
function optional(v: string | undefined | null): string | undefined {
  const s = v?.trim();
  return s ? s : undefined;
}

/** Merge the form's values into the guide being edited. */
function toContent(values: EditorValues, base: GuideContent): GuideContent {
  return {
    ...base,
    name: String(values.name ?? '').trim(),
    statutoryLimit: { ...base.statutoryLimit, ...values.statutoryLimit },
    promisedLimit: { ...base.promisedLimit, ...values.promisedLimit },
    visitsRequired: values.visitsRequired,
    visitsReason: optional(values.visitsReason),
    handlingForm: values.handlingForm,
    minRealNameLevel: values.minRealNameLevel,
    conditions: (values.conditions ?? []).map((c) => String(c ?? '').trim()).filter(Boolean),
    materials: (values.materials ?? []).map((m) => ({
      ...m,
      name: String(m.name ?? '').trim(),
      condition: m.required === 'conditional' ? optional(m.condition) : undefined,
      source: cleanSource((m.source ?? { kind: 'applicant' }) as SourceFields),
    })),
    fees: (values.fees ?? []).map((f) => ({ ...f, name: String(f.name ?? '').trim(), basis: String(f.basis ?? '').trim() })),
  };
}

function fromContent(c: GuideContent): EditorValues {
  return {
    name: c.name,
    statutoryLimit: c.statutoryLimit,
    promisedLimit: c.promisedLimit,
    visitsRequired: c.visitsRequired,
    visitsReason: c.visitsReason,
    handlingForm: c.handlingForm,
    minRealNameLevel: c.minRealNameLevel,
    conditions: c.conditions,
    materials: c.materials,
    fees: c.fees,
  };
}

/** A key for a new material, unique within the guide (lower-case letters, digits, hyphens). */
function newMaterialKey(existing: readonly { key: string }[]): string {
  const used = new Set(existing.map((m) => m.key));
  let n = existing.length + 1;
  while (used.has(`material-${n}`)) n++;
  return `material-${n}`;
}

/** Put the issues under the form's fields where the form has them (paths "content.materials.2.name"). */
function markIssues(form: FormInstance<EditorValues>, issues: FieldIssue[], translate: (m: string) => string): void {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const i of issues) {
    const name = i.path.replace(/^content\./, '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (!EDITED.includes(name[0] as (typeof EDITED)[number]) || (name.length === 1 && (name[0] === 'materials' || name[0] === 'conditions' || name[0] === 'fees'))) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(translate(i.message));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()] as Parameters<typeof form.setFields>[0]);
}

const UNIT_OPTIONS = (t: Translate) => [
  { value: 'working_day', label: t('catalog.unit.working_day') },
  { value: 'natural_day', label: t('catalog.unit.natural_day') },
];

/** One entry of a list in the form: a titled box with a remove button. */
function ListEntry({ title, removeLabel, onRemove, children }: { title: string; removeLabel: string; onRemove: () => void; children: ReactNode }) {
  const t = useT();
  const removeText = t('catalogEditor.remove');
  return (
    <div className="editor-list-item">
      <div className="editor-list-head">
        <h3>{title}</h3>
        <Button size="small" danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove} aria-label={removeLabel}>
          {removeText}
        </Button>
      </div>
      {children}
    </div>
  );
}

/** Materials: name, form, medium, required/conditional with its condition, copies, and where it comes from. */
function MaterialsFields({ form }: { form: FormInstance<EditorValues> }) {
  const t = useT();
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => {
            const name = (form.getFieldValue(['materials', field.name, 'name']) as string | undefined) || t('catalogEditor.newMaterial');
            return (
              <ListEntry
                key={field.key}
                title={t('catalogEditor.materialN', { n: index + 1, name })}
                removeLabel={t('catalogEditor.removeMaterial', { name })}
                onRemove={() => remove(field.name)}
              >
                <div className="editor-grid">
                  <Form.Item name={[field.name, 'name']} label={t('catalogField.name')} rules={[{ required: true, whitespace: true, message: t('catalogEditor.requiredField') }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'form']} label={t('catalogField.materialForm')}>
                    <Select
                      options={(['original', 'copy', 'original_and_copy'] as const).map((v) => ({ value: v, label: t(`catalog.form.${v}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'medium']} label={t('catalogField.medium')}>
                    <Select options={(['paper', 'electronic', 'either'] as const).map((v) => ({ value: v, label: t(`catalog.medium.${v}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'required']} label={t('catalogField.required')}>
                    <Select
                      options={[
                        { value: 'required', label: t('catalog.required') },
                        { value: 'conditional', label: t('catalog.conditional') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'copies']} label={t('catalogField.copies')}>
                    <InputNumber min={0} max={20} precision={0} className="full-width" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'source', 'kind']} label={t('catalogField.source')}>
                    <Select
                      options={(['applicant', 'license', 'shared_data', 'window'] as const).map((v) => ({ value: v, label: t(`catalogEditor.source.${v}`) }))}
                    />
                  </Form.Item>
                </div>
                <Form.Item noStyle dependencies={[['materials', field.name, 'required'], ['materials', field.name, 'source', 'kind']]}>
                  {() => {
                    const required = form.getFieldValue(['materials', field.name, 'required']) as Material['required'];
                    const kind = form.getFieldValue(['materials', field.name, 'source', 'kind']) as Material['source']['kind'];
                    return (
                      <>
                        {required === 'conditional' ? (
                          <Form.Item name={[field.name, 'condition']} label={t('catalogField.condition')} extra={t('catalogEditor.conditionHint')}>
                            <Input maxLength={200} />
                          </Form.Item>
                        ) : null}
                        {kind === 'license' ? (
                          <div className="editor-grid">
                            <Form.Item name={[field.name, 'source', 'licenseTypeName']} label={t('catalogField.licenseTypeName')}>
                              <Input maxLength={60} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'source', 'licenseTypeCode']} label={t('catalogField.licenseTypeCode')}>
                              <Input maxLength={40} />
                            </Form.Item>
                          </div>
                        ) : null}
                        {kind === 'shared_data' ? (
                          <div className="editor-grid">
                            <Form.Item name={[field.name, 'source', 'resourceName']} label={t('catalogField.resourceName')}>
                              <Input maxLength={60} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'source', 'resourceCode']} label={t('catalogField.resourceCode')}>
                              <Input maxLength={40} />
                            </Form.Item>
                          </div>
                        ) : null}
                        {kind === 'window' ? (
                          <Form.Item name={[field.name, 'source', 'note']} label={t('catalogField.note')}>
                            <Input maxLength={200} />
                          </Form.Item>
                        ) : null}
                      </>
                    );
                  }}
                </Form.Item>
              </ListEntry>
            );
          })}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() =>
              add({
                key: newMaterialKey((form.getFieldValue('materials') as Material[] | undefined) ?? []),
                name: '',
                form: 'original',
                medium: 'either',
                required: 'required',
                copies: 1,
                source: { kind: 'applicant' },
                blankForm: false,
                sample: false,
              } satisfies Material)
            }
          >
            {t('catalogEditor.addMaterial')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 受理条件: one text per condition. */
function ConditionsFields() {
  const t = useT();
  return (
    <Form.List name="conditions">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <ListEntry key={field.key} title={t('catalogEditor.conditionN', { n: index + 1 })} removeLabel={t('catalogEditor.removeCondition', { n: index + 1 })} onRemove={() => remove(field.name)}>
              <Form.Item name={field.name} label={t('catalogEditor.conditionText', { n: index + 1 })} rules={[{ required: true, whitespace: true, message: t('catalogEditor.requiredField') }]}>
                <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </ListEntry>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add('')}>
            {t('catalogEditor.addCondition')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 收费: name, amount, basis, waivable. */
function FeesFields() {
  const t = useT();
  return (
    <Form.List name="fees">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 ? <p className="muted">{t('catalog.noFee')}</p> : null}
          {fields.map((field, index) => (
            <ListEntry key={field.key} title={t('catalogEditor.feeN', { n: index + 1 })} removeLabel={t('catalogEditor.removeFee', { n: index + 1 })} onRemove={() => remove(field.name)}>
              <div className="editor-grid">
                <Form.Item name={[field.name, 'name']} label={t('catalogEditor.feeName')} rules={[{ required: true, whitespace: true, message: t('catalogEditor.requiredField') }]}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name={[field.name, 'amountYuan']} label={t('catalogField.amountYuan')}>
                  <InputNumber min={0} max={10_000_000} className="full-width" />
                </Form.Item>
                <Form.Item name={[field.name, 'basis']} label={t('catalogField.basis')}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[field.name, 'waivable']} valuePropName="checked" label={t('catalogField.waivable')}>
                  <Checkbox>{t('catalogEditor.waivable')}</Checkbox>
                </Form.Item>
              </div>
            </ListEntry>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', amountYuan: 0, basis: '', waivable: false })}>
            {t('catalogEditor.addFee')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The draft was saved but the automatic checks refused it: carries the saved guide for the labels. */
class SubmitError extends Error {
  constructor(
    readonly error: unknown,
    readonly content: GuideContent,
  ) {
    super('submit failed');
  }
}

/** The issues the server found, every one, in words. */
function IssueList({ title, issues, content }: { title: string; issues: FieldIssue[]; content: GuideContent | null }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <Alert
      type="error"
      showIcon
      className="block-gap"
      title={title}
      description={
        <ul className="check-issues">
          {issues.map((i, n) => (
            <li key={n}>
              <strong>{fieldPathLabel(i.path, t, content)}</strong>：{translateIssue(i.message, lang)}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * The draft editor: the common fields as a form, everything in a JSON tab, 保存草稿 (PATCH) and 提交审核
 * (save, then the automatic checks; a failed check lists every problem).
 */
export function DraftEditor({ draft }: { draft: VersionView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { lang } = usePrefs();
  const errorText = useErrorText();
  const [form] = Form.useForm<EditorValues>();
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [base, setBase] = useState<GuideContent>(draft.content);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [changeNote, setChangeNote] = useState(draft.changeNote ?? '');
  const [problem, setProblem] = useState<{ title: string; issues: FieldIssue[]; content: GuideContent | null } | { title: string; text: string } | null>(null);

  /** The guide as edited now, from whichever tab is open; null when the JSON does not parse. */
  const current = (): GuideContent | null => {
    if (tab === 'json') {
      try {
        return JSON.parse(json) as GuideContent;
      } catch {
        setJsonError(t('catalogEditor.jsonInvalid'));
        return null;
      }
    }
    return toContent(form.getFieldsValue(true) as EditorValues, base);
  };

  const switchTab = (next: string) => {
    if (next === 'json' && tab === 'form') {
      const content = toContent(form.getFieldsValue(true) as EditorValues, base);
      setBase(content);
      setJson(JSON.stringify(content, null, 2));
      setJsonError(null);
      setTab('json');
    } else if (next === 'form' && tab === 'json') {
      try {
        const parsed = JSON.parse(json) as GuideContent;
        setBase(parsed);
        form.setFieldsValue(fromContent(parsed));
        setJsonError(null);
        setTab('form');
      } catch {
        setJsonError(t('catalogEditor.jsonInvalid'));
      }
    }
  };

  const showFailure = (error: unknown, title: string, content: GuideContent | null) => {
    if (error instanceof ApiError && error.fieldIssues.length > 0) {
      setProblem({ title, issues: error.fieldIssues, content });
      if (tab === 'form') markIssues(form, error.fieldIssues, (m) => translateIssue(m, lang));
    } else {
      setProblem({ title, text: errorText(error) });
    }
  };

  const save = useMutation({
    mutationFn: async ({ content, submit }: { content: GuideContent; submit: boolean }) => {
      const saved = await catalogApi.updateDraft(draft.id, { content, ...(changeNote.trim() ? { changeNote: changeNote.trim() } : {}) });
      setBase(saved.content);
      if (tab === 'json') setJson(JSON.stringify(saved.content, null, 2));
      if (!submit) return { saved, submitted: false };
      try {
        await catalogApi.submit(draft.id);
      } catch (e) {
        throw new SubmitError(e, saved.content);
      }
      return { saved, submitted: true };
    },
    onMutate: () => setProblem(null),
    onSuccess: async ({ submitted }) => {
      await qc.invalidateQueries({ queryKey: catalogKeys.all });
      void message.success(submitted ? t('catalogEditor.submitted') : t('catalogEditor.saved'));
    },
    onError: (e, vars) => {
      if (e instanceof SubmitError) {
        void qc.invalidateQueries({ queryKey: catalogKeys.all });
        showFailure(e.error, t('catalogEditor.checksFailed'), e.content);
      } else {
        showFailure(e, t('catalogEditor.saveFailed'), vars.content);
      }
    },
  });

  const run = async (submit: boolean) => {
    setJsonError(null);
    if (tab === 'form') {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    const content = current();
    if (content) save.mutate({ content, submit });
  };

  return (
    <section aria-labelledby="draft-editor-title" className="block-gap">
      <h2 id="draft-editor-title">{t('catalogEditor.title', { n: draft.version })}</h2>
      {draft.reviewComment ? <Alert type="warning" showIcon className="block-gap" title={t('catalogEditor.returned')} description={draft.reviewComment} /> : null}
      <Tabs
        activeKey={tab}
        onChange={switchTab}
        items={[
          {
            key: 'form',
            label: t('catalogEditor.formTab'),
            children: (
              <Form form={form} layout="vertical" name="draft" initialValues={fromContent(draft.content)}>
                <Form.Item name="name" label={t('catalogField.name')} rules={[{ required: true, whitespace: true, message: t('catalogEditor.requiredField') }]}>
                  <Input maxLength={100} />
                </Form.Item>
                <fieldset className="filter-fieldset block-gap">
                  <legend>{t('guide.limits')}</legend>
                  <div className="editor-grid">
                    <Form.Item name={['statutoryLimit', 'days']} label={t('catalogEditor.statutoryDays')}>
                      <InputNumber min={0} max={3650} precision={0} className="full-width" />
                    </Form.Item>
                    <Form.Item name={['statutoryLimit', 'unit']} label={t('catalogEditor.statutoryUnit')}>
                      <Select options={UNIT_OPTIONS(t)} />
                    </Form.Item>
                    <Form.Item name={['promisedLimit', 'days']} label={t('catalogEditor.promisedDays')}>
                      <InputNumber min={0} max={3650} precision={0} className="full-width" />
                    </Form.Item>
                    <Form.Item name={['promisedLimit', 'unit']} label={t('catalogEditor.promisedUnit')}>
                      <Select options={UNIT_OPTIONS(t)} />
                    </Form.Item>
                  </div>
                </fieldset>
                <div className="editor-grid">
                  <Form.Item name="visitsRequired" label={t('catalogField.visitsRequired')}>
                    <InputNumber min={0} max={10} precision={0} className="full-width" />
                  </Form.Item>
                  <Form.Item name="handlingForm" label={t('catalogField.handlingForm')}>
                    <Select options={(['window', 'online', 'both'] as const).map((v) => ({ value: v, label: t(`catalog.handlingForm.${v}`) }))} />
                  </Form.Item>
                  <Form.Item name="minRealNameLevel" label={t('catalogField.minRealNameLevel')} extra={t('catalogEditor.minRealNameLevelHint')}>
                    <Select options={([1, 2, 3] as const).map((v) => ({ value: v, label: t(`realName.levelOption.${v}`) }))} />
                  </Form.Item>
                </div>
                <Form.Item name="visitsReason" label={t('catalogField.visitsReason')} extra={t('catalogEditor.visitsReasonHint')}>
                  <Input maxLength={200} />
                </Form.Item>
                <fieldset className="filter-fieldset block-gap">
                  <legend>{t('guide.conditions')}</legend>
                  <ConditionsFields />
                </fieldset>
                <fieldset className="filter-fieldset block-gap">
                  <legend>{t('catalogField.materials')}</legend>
                  <MaterialsFields form={form} />
                </fieldset>
                <fieldset className="filter-fieldset block-gap">
                  <legend>{t('guide.fees')}</legend>
                  <FeesFields />
                </fieldset>
              </Form>
            ),
          },
          {
            key: 'json',
            label: t('catalogEditor.jsonTab'),
            children: (
              <div>
                <p className="muted">{t('catalogEditor.jsonHint')}</p>
                <label htmlFor="draft-json" className="field-label">
                  {t('catalogEditor.jsonLabel')}
                </label>
                <Input.TextArea
                  id="draft-json"
                  className="json-editor"
                  value={json}
                  onChange={(e) => setJson(e.target.value)}
                  autoSize={{ minRows: 16, maxRows: 40 }}
                  spellCheck={false}
                  aria-invalid={jsonError ? true : undefined}
                  aria-describedby={jsonError ? 'draft-json-error' : undefined}
                />
              </div>
            ),
          },
        ]}
      />
      {jsonError ? (
        <p id="draft-json-error" className="field-error" role="alert">
          {jsonError}
        </p>
      ) : null}
      <div className="block-gap">
        <label htmlFor="draft-change-note" className="field-label">
          {t('catalogAdmin.changeNote')}
        </label>
        <Input.TextArea id="draft-change-note" value={changeNote} onChange={(e) => setChangeNote(e.target.value)} maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
      </div>
      <div aria-live="polite">
        {problem ? 'issues' in problem ? <IssueList title={problem.title} issues={problem.issues} content={problem.content} /> : <Alert type="error" showIcon className="block-gap" title={problem.title} description={problem.text} /> : null}
      </div>
      <div className="button-row start block-gap">
        <Button onClick={() => void run(false)} loading={save.isPending && !save.variables.submit}>
          {t('catalogEditor.save')}
        </Button>
        <Button type="primary" onClick={() => void run(true)} loading={save.isPending && save.variables.submit}>
          {t('catalogEditor.submit')}
        </Button>
      </div>
    </section>
  );
}

/** A cancellation draft has no content to edit: it is only submitted, with its reason. */
export function CancelDraftPanel({ draft }: { draft: VersionView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const submit = useMutation({
    mutationFn: () => catalogApi.submit(draft.id),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: catalogKeys.all });
      void message.success(t('catalogEditor.submitted'));
    },
  });
  return (
    <section aria-labelledby="cancel-draft-title" className="review-panel block-gap">
      <h2 id="cancel-draft-title">{t('catalogEditor.cancelTitle', { n: draft.version })}</h2>
      {draft.reviewComment ? <Alert type="warning" showIcon className="block-gap" title={t('catalogEditor.returned')} description={draft.reviewComment} /> : null}
      <p>{t('catalogEditor.cancelLead', { reason: draft.changeNote ?? '—' })}</p>
      {submit.isError ? <Alert type="error" showIcon title={errorText(submit.error)} className="block-gap" /> : null}
      <Button type="primary" danger loading={submit.isPending} onClick={() => submit.mutate()}>
        {t('catalogEditor.submitCancel')}
      </Button>
    </section>
  );
}
