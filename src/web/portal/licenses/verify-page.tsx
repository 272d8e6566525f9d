import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  FileProtectOutlined,
  MinusCircleOutlined,
  QuestionCircleFilled,
  ScanOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, type DescriptionsProps, Form, Input, Upload } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { validateLicenseIdentifier } from '../../../common/identifiers.ts';
import { useVerify, type VerifyChannel, type VerifyResult, type VerifyVerdict, walletApi } from '../../api/license-wallet.ts';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { translateIssue, useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { formatDay, validityText } from './license-parts.tsx';

/** How each verdict looks: colour family and icon. Never colour alone: the icon and the words say it too. */
const VERDICT_TONE: Record<VerifyVerdict, { tone: 'ok' | 'warn' | 'bad' | 'none'; icon: ReactNode }> = {
  valid: { tone: 'ok', icon: <CheckCircleFilled /> },
  suspended: { tone: 'warn', icon: <ExclamationCircleFilled /> },
  expired: { tone: 'warn', icon: <ExclamationCircleFilled /> },
  superseded: { tone: 'warn', icon: <ExclamationCircleFilled /> },
  revoked: { tone: 'bad', icon: <CloseCircleFilled /> },
  tampered: { tone: 'bad', icon: <CloseCircleFilled /> },
  unknown_issuer: { tone: 'none', icon: <QuestionCircleFilled /> },
  not_found: { tone: 'none', icon: <QuestionCircleFilled /> },
};

/**
 * What a visitor typed or pasted, as an identifier: the address a QR code holds works too (a phone's
 * scanner app may hand over the whole link), and spaces or lower case from retyping are forgiven.
 */
export function normaliseIdentifier(raw: string): string {
  let v = raw.trim();
  const inLink = /\/verify\/([^/?#\s]+)/.exec(v);
  if (inLink?.[1]) {
    try {
      v = decodeURIComponent(inLink[1]);
    } catch {
      v = inLink[1];
    }
  }
  return v.replace(/\s+/g, '').toUpperCase();
}

function CheckMark({ value }: { value: boolean | null }) {
  const t = useT();
  if (value === null) {
    return (
      <span className="check-mark check-na">
        <MinusCircleOutlined aria-hidden /> {t('licenseVerify.na')}
      </span>
    );
  }
  return value ? (
    <span className="check-mark check-pass">
      <CheckCircleFilled aria-hidden /> {t('licenseVerify.pass')}
    </span>
  ) : (
    <span className="check-mark check-fail">
      <CloseCircleFilled aria-hidden /> {t('licenseVerify.fail')}
    </span>
  );
}

/** The inclusion proof of the license's log entry, for whoever wants to check it themselves. */
function TechnicalDetails({ r }: { r: VerifyResult }) {
  const t = useT();
  const { lang } = usePrefs();
  const p = r.proof;
  const items: DescriptionsProps['items'] = [
    { key: 'identifier', label: t('wallet.identifier'), children: <code className="hash">{r.identifier ?? '—'}</code> },
    { key: 'checkedAt', label: t('licenseVerify.checkedAt'), children: formatDateTime(r.checkedAt, lang) },
    ...(r.issuer ? [{ key: 'issuerCode', label: t('licenseVerify.issuerCode'), children: <code className="hash">{r.issuer.code}</code> }] : []),
    ...(p
      ? [
          { key: 'leafIndex', label: t('licenseVerify.leafIndex'), children: p.leafIndex },
          { key: 'treeSize', label: t('licenseVerify.treeSize'), children: p.treeSize },
          { key: 'leafHash', label: t('licenseVerify.leafHash'), children: <code className="hash">{p.leafHash}</code> },
          {
            key: 'path',
            label: t('licenseVerify.path'),
            children: (
              <ol className="hash-list">
                {p.path.map((h, i) => (
                  <li key={`${i}-${h}`}>
                    <code className="hash">{h}</code>
                  </li>
                ))}
              </ol>
            ),
          },
          { key: 'rootHash', label: t('licenseVerify.rootHash'), children: <code className="hash">{p.rootHash}</code> },
          { key: 'sig', label: t('licenseVerify.treeHeadSignature'), children: <code className="hash">{p.treeHeadSignature}</code> },
          { key: 'entry', label: t('licenseVerify.entry'), children: <pre className="hash">{p.entry}</pre> },
        ]
      : []),
  ];
  return (
    <Collapse
      className="block-gap verify-tech"
      items={[
        {
          key: 'tech',
          label: <h2 className="card-title">{t('licenseVerify.tech')}</h2>,
          children: (
            <>
              <p className="muted">{p ? t('licenseVerify.techLead') : t('licenseVerify.noProof')}</p>
              <Descriptions column={1} items={items} bordered size="small" className="verify-tech-table" />
            </>
          ),
        },
      ]}
    />
  );
}

/** A verification result, unmistakable at a glance: the verdict big, in colour with an icon, then the facts. */
export function VerifyResultView({ r, focus = false }: { r: VerifyResult; focus?: boolean }) {
  const t = useT();
  const { lang } = usePrefs();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // A result asked for on the form is announced: focus moves to the verdict. A page opened from a QR code is read from the top.
    if (focus) headingRef.current?.focus();
  }, [r, focus]);
  const tone = VERDICT_TONE[r.verdict];
  const l = r.license;
  const facts: DescriptionsProps['items'] = l
    ? [
        { key: 'type', label: t('licenseVerify.typeName'), children: l.typeName },
        { key: 'number', label: t('wallet.number'), children: l.licenseNumber },
        { key: 'holder', label: t('wallet.holder'), children: <strong>{l.holderName}</strong> },
        { key: 'holderCode', label: t('licenseVerify.holderCode'), children: l.holderCode },
        ...l.data.map((d, i) => ({ key: `d${i}`, label: d.label, children: d.value || '—' })),
        { key: 'issued', label: t('wallet.issuedAt'), children: formatDay(l.issuedAt, lang) },
        { key: 'validity', label: t('wallet.validity'), children: validityText(t, l.validFrom, l.validUntil) },
        { key: 'version', label: t('wallet.version'), children: t('wallet.versionN', { n: l.version }) },
        { key: 'stateAt', label: t('licenseVerify.stateChangedAt'), children: formatDateTime(l.stateChangedAt, lang) },
      ]
    : [];
  const checks: { key: keyof VerifyResult['checks']; label: string }[] = [
    { key: 'identifier', label: t('licenseVerify.check.identifier') },
    { key: 'signature', label: t('licenseVerify.check.signature') },
    { key: 'document', label: t('licenseVerify.check.document') },
    { key: 'issuerTrusted', label: t('licenseVerify.check.issuerTrusted') },
  ];
  return (
    <section className="verify-result" aria-labelledby="verify-verdict">
      <div className={`verdict verdict-${tone.tone}`} data-verdict={r.verdict}>
        <span className="verdict-icon" aria-hidden="true">
          {tone.icon}
        </span>
        <div className="verdict-text">
          <h2 id="verify-verdict" className="verdict-title" tabIndex={-1} ref={headingRef}>
            {t(`licenseVerify.verdict.${r.verdict}`)}
          </h2>
          <p className="verdict-message">{lang === 'zh' ? r.message : t(`licenseVerify.message.${r.verdict}`)}</p>
          {l ? (
            <p className="verdict-summary">
              {l.typeName} · {l.holderName}
            </p>
          ) : null}
        </div>
      </div>
      {l ? (
        <Card title={<h3 className="card-title">{t('licenseVerify.facts')}</h3>} className="block-gap">
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} items={facts} bordered size="small" />
          <p className="muted block-gap">{t('licenseVerify.privacy')}</p>
        </Card>
      ) : null}
      {r.issuer ? (
        <Card title={<h3 className="card-title">{t('licenseVerify.issuerTitle')}</h3>} className="block-gap">
          <p className="issuer-name">{r.issuer.name}</p>
          <p>
            {t('licenseVerify.keyOrigin')}：
            {r.issuer.keyOrigin === 'trusted' ? t('licenseVerify.keyTrusted', { source: r.issuer.trustSource ?? '—' }) : t('licenseVerify.keyLocal')}
          </p>
        </Card>
      ) : null}
      <Card title={<h3 className="card-title">{t('licenseVerify.checks')}</h3>} className="block-gap">
        <ul className="check-list">
          {checks.map((c) => (
            <li key={c.key}>
              <span className="check-label">{c.label}</span>
              <CheckMark value={r.checks[c.key]} />
            </li>
          ))}
        </ul>
      </Card>
      <TechnicalDetails r={r} />
    </section>
  );
}

/** The identifier form: shape and check character are checked here before anything is sent. */
function IdentifierForm({ onVerify, busy, initial }: { onVerify: (identifier: string) => void; busy: boolean; initial?: string }) {
  const t = useT();
  const { lang } = usePrefs();
  const [form] = Form.useForm<{ identifier: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      name="verify-identifier"
      initialValues={{ identifier: initial ?? '' }}
      onFinish={({ identifier }) => onVerify(normaliseIdentifier(identifier))}
      requiredMark={false}
    >
      <Form.Item
        name="identifier"
        label={t('wallet.identifier')}
        extra={t('licenseVerify.identifierHint')}
        validateTrigger="onSubmit"
        rules={[
          {
            validator: async (_r, value: unknown) => {
              const v = normaliseIdentifier(typeof value === 'string' ? value : '');
              if (!v) throw new Error(t('licenseVerify.identifierRequired'));
              const why = validateLicenseIdentifier(v);
              if (why) throw new Error(translateIssue(why, lang));
            },
          },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} spellCheck={false} autoCapitalize="characters" autoComplete="off" className="identifier-input" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" loading={busy} className="verify-submit">
        {t('licenseVerify.submit')}
      </Button>
    </Form>
  );
}

/** 证照核验: enter an identifier or upload the OFD/PDF; the result appears below. No login. */
export function VerifyPage() {
  const t = useT();
  const errorText = useErrorText();
  const [identifier, setIdentifier] = useState('');
  const byId = useVerify(identifier, 'identifier', Boolean(identifier));
  const byFile = useMutation({ mutationFn: (file: File) => walletApi.verifyDocument(file) });
  const [last, setLast] = useState<'identifier' | 'file' | null>(null);
  const result = last === 'identifier' ? byId.data : last === 'file' ? byFile.data : undefined;
  const error = last === 'identifier' ? (byId.isError ? byId.error : null) : last === 'file' ? (byFile.isError ? byFile.error : null) : null;
  const busy = (last === 'identifier' && byId.isFetching) || (last === 'file' && byFile.isPending);
  return (
    <div className="gov-container page-body verify-page">
      <PageTitle title={t('licenseVerify.title')} />
      <h1>{t('licenseVerify.title')}</h1>
      <p className="page-lead">{t('licenseVerify.lead')}</p>
      <div className="verify-ways">
        <Card title={<h2 className="card-title"><ScanOutlined aria-hidden /> {t('licenseVerify.byIdentifier')}</h2>} className="verify-way">
          <IdentifierForm
            busy={last === 'identifier' && byId.isFetching}
            onVerify={(v) => {
              setLast('identifier');
              if (v === identifier) void byId.refetch();
              else setIdentifier(v);
            }}
          />
        </Card>
        <Card title={<h2 className="card-title"><FileProtectOutlined aria-hidden /> {t('licenseVerify.byFile')}</h2>} className="verify-way">
          <p>{t('licenseVerify.fileHint')}</p>
          <Upload
            accept=".ofd,.pdf,application/pdf,application/ofd"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              setLast('file');
              byFile.mutate(f);
              // Sent to the verifier, never stored: no upload list.
              return false;
            }}
          >
            <Button size="large" loading={last === 'file' && byFile.isPending}>
              {t('licenseVerify.chooseFile')}
            </Button>
          </Upload>
          {last === 'file' && byFile.variables ? <p className="muted block-gap">{t('licenseVerify.fileChosen', { name: byFile.variables.name })}</p> : null}
        </Card>
      </div>
      <div aria-live="polite">
        {busy ? <Loading /> : null}
        {!busy && error ? <Alert type="error" showIcon className="block-gap" title={errorText(error)} /> : null}
        {!busy && result ? <VerifyResultView r={result} focus /> : null}
      </div>
    </div>
  );
}

/** /verify/:identifier — what the QR code on every license opens: verifies at once. */
export function VerifyIdentifierPage() {
  const t = useT();
  const { identifier: raw = '' } = useParams();
  const [search] = useSearchParams();
  const identifier = normaliseIdentifier(raw);
  const why = validateLicenseIdentifier(identifier);
  // The QR code carries no parameter; links inside the portal (the wallet) say how the visitor came.
  const channel: VerifyChannel = search.get('channel') === 'identifier' ? 'identifier' : 'qr';
  const verify = useVerify(identifier, channel, why === null);
  const { lang } = usePrefs();
  return (
    <div className="gov-container page-body verify-page">
      <PageTitle title={t('licenseVerify.title')} />
      <h1>{t('licenseVerify.title')}</h1>
      {why ? (
        <Alert type="error" showIcon className="block-gap" title={t('licenseVerify.invalidLink')} description={translateIssue(why, lang)} />
      ) : null}
      {!why && verify.isPending ? <Loading /> : null}
      {!why && verify.isError ? <ErrorResult error={verify.error} onRetry={() => void verify.refetch()} /> : null}
      {verify.data ? <VerifyResultView r={verify.data} /> : null}
      <p className="block-gap">
        <Link to="/verify">{t('licenseVerify.again')}</Link>
      </p>
    </div>
  );
}
