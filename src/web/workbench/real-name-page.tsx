import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, type DescriptionsProps, Form, Input, Result, Select, Tag } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { type IdentityDocumentType, type InPersonVerification, type RealNameLookup, realNameApi } from '../api/real-name.ts';
import { useServerErrors } from '../components/forms.ts';
import { PageTitle } from '../components/page-title.tsx';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';
import { formatDateTime } from '../site.ts';

const DOCUMENT_TYPES: IdentityDocumentType[] = ['resident_id_card', 'temporary_id_card', 'residence_permit'];

interface ConfirmValues {
  documentType: IdentityDocumentType;
  note?: string;
  checked: boolean;
}

/** The found account and the confirmation form. */
function ConfirmCard({ found, idNumber, onDone }: { found: RealNameLookup; idNumber: string; onDone: (r: InPersonVerification) => void }) {
  const t = useT();
  const { lang } = usePrefs();
  const [form] = Form.useForm<ConfirmValues>();
  const { formError, showError, clearError } = useServerErrors(form);
  const verify = useMutation({
    mutationFn: (v: ConfirmValues) =>
      realNameApi.verify({ accountId: found.accountId, idNumber, documentType: v.documentType, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    onSuccess: onDone,
    onError: showError,
  });
  const last = found.lastVerification;
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('realName.name'), children: found.displayName },
    { key: 'id', label: t('realName.idNumber'), children: <span className="code-text">{found.idNumberMasked}</span> },
    { key: 'phone', label: t('realName.phone'), children: found.phoneMasked ?? '—' },
    { key: 'level', label: t('realName.level'), children: <><Tag>L{found.realNameLevel}</Tag> {t(found.realNameLevel >= 3 ? 'account.level3' : found.realNameLevel === 2 ? 'account.level2' : 'account.level1')}</> },
    {
      key: 'last',
      label: t('realName.lastVerification'),
      children: last ? t('realName.lastValue', { method: t(`realName.method.${last.method}`), level: last.level, date: formatDateTime(last.at, lang) }) : t('realName.never'),
    },
  ];
  return (
    <Card title={<h2 className="card-title">{t('realName.account')}</h2>} className="block-gap">
      <Descriptions column={{ xs: 1, md: 2 }} items={items} bordered size="small" className="block-gap" />
      {found.realNameLevel >= 3 ? <Alert type="info" showIcon title={t('realName.alreadyL3')} className="block-gap" /> : null}
      {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
      <Form<ConfirmValues>
        form={form}
        layout="vertical"
        initialValues={{ documentType: 'resident_id_card', checked: false }}
        onFinish={(v) => {
          clearError();
          verify.mutate(v);
        }}
      >
        <Form.Item name="documentType" label={t('realName.documentType')} rules={[{ required: true }]}>
          <Select options={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`realName.doc.${d}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('realName.note')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item
          name="checked"
          valuePropName="checked"
          rules={[{ validator: (_r, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('realName.checkedRequired')))) }]}
        >
          <Checkbox>{t('realName.checked')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={verify.isPending}>
          {t('realName.confirm')}
        </Button>
      </Form>
    </Card>
  );
}

/** 现场实名核验: a window clerk finds a citizen by the number on their ID card and, after checking it, raises the account to L3. */
export function RealNamePage() {
  const t = useT();
  const [form] = Form.useForm<{ idNumber: string }>();
  const { formError, showError, clearError } = useServerErrors(form);
  const [found, setFound] = useState<{ account: RealNameLookup; idNumber: string } | null>(null);
  const [done, setDone] = useState<InPersonVerification | null>(null);
  const lookup = useMutation({
    mutationFn: (idNumber: string) => realNameApi.lookup(idNumber).then((account) => ({ account, idNumber })),
    onSuccess: setFound,
    onError: (e) => {
      setFound(null);
      // "Not registered" names the field: show it there rather than as a page error.
      if (e instanceof ApiError && e.code === 'NOT_FOUND') form.setFields([{ name: 'idNumber', errors: [e.message] }]);
      else showError(e);
    },
  });
  const restart = () => {
    setDone(null);
    setFound(null);
    form.resetFields();
  };
  return (
    <>
      <PageTitle title={t('realName.title')} />
      <h1>{t('realName.title')}</h1>
      <p className="page-intro">{t('realName.intro')}</p>
      {done ? (
        <Card className="block-gap">
          <Result
            status="success"
            title={t('realName.done')}
            subTitle={
              <>
                <p>{t(done.raised ? 'realName.doneRaised' : 'realName.doneKept', { name: done.displayName, from: done.previousLevel, to: done.realNameLevel })}</p>
                <p>{t('realName.doneWhere', { window: done.windowName })}</p>
              </>
            }
            extra={<Button type="primary" onClick={restart}>{t('realName.next')}</Button>}
          />
        </Card>
      ) : (
        <>
          <Card className="block-gap">
            {formError ? <Alert type="error" showIcon title={formError} className="block-gap" /> : null}
            <Form
              form={form}
              layout="inline"
              onFinish={(v) => {
                clearError();
                lookup.mutate(v.idNumber.trim().toUpperCase());
              }}
            >
              <Form.Item name="idNumber" label={t('realName.idNumber')} extra={t('realName.idNumberHint')} rules={[{ required: true, whitespace: true, message: t('realName.idNumberRequired') }]}>
                <Input maxLength={18} autoComplete="off" spellCheck={false} style={{ width: '16em' }} className="code-text" onChange={() => setFound(null)} />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={lookup.isPending}>
                  {t('realName.lookup')}
                </Button>
              </Form.Item>
            </Form>
          </Card>
          {found ? <ConfirmCard key={found.account.accountId} found={found.account} idNumber={found.idNumber} onDone={setDone} /> : null}
        </>
      )}
    </>
  );
}
