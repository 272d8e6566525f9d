import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { TrustedKeyBody } from '../../../common/schemas/licenses.ts';
import { type ConsistencyProof, type IssuerKeyView, licenseKeys, licensesStaffApi, type TreeHead, useIssuerKeys, useLicenseMutation, useLogHead } from '../../api/licenses-staff.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { useErrorText } from '../../components/error-text.ts';
import { EditForm, useEditForm } from '../../components/edit-form.tsx';
import { Filter, SearchFilter, useSearchText } from '../../components/list-page.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { LicenseList } from './license-list.tsx';
import './licenses.css';

type Origin = IssuerKeyView['origin'];

const STATUS_CLASS: Record<IssuerKeyView['status'], string> = { active: 'status-tag status-ok', retired: 'status-tag status-off', revoked: 'status-tag status-danger' };

/** Issuers are keyed by their credit code; the log's own key is not an issuer and is not rotated here. */
const ISSUER_CODE = /^[0-9A-Z]{18}$/;

const short = (hex: string) => (hex.length > 20 ? `${hex.slice(0, 10)}…${hex.slice(-8)}` : hex);

interface TrustedValues {
  issuerCode?: string;
  issuerName?: string;
  publicKey?: string;
  trustSource?: string;
}

/** 加入信任列表: another region's issuer public key and where it came from. */
function TrustedKeyModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  // Trusted keys are only ever added (a key is never edited): the form always creates.
  const edit = useEditForm({
    id: null,
    create: { schema: TrustedKeyBody, toBody: (v: TrustedValues) => v, send: licensesStaffApi.addTrusted },
    update: { schema: TrustedKeyBody, toBody: (v: TrustedValues) => v, send: (_id: string, body) => licensesStaffApi.addTrusted(body) },
    invalidates: licenseKeys.keys,
    onClose,
  });
  const S = TrustedKeyBody.shape;
  return (
    <Modal open title={t('licAdmin.keys.addTrusted')} onCancel={onClose} onOk={() => edit.form.submit()} okText={t('licAdmin.keys.addTrustedOk')} cancelText={t('common.cancel')} confirmLoading={edit.saving} destroyOnHidden width={640}>
      <Alert type="warning" showIcon title={t('licAdmin.keys.trustedNote')} className="gap-below" />
      <EditForm edit={edit} name="trusted-key" initialValues={{}}>
        <Form.Item name="issuerName" label={t('licAdmin.keys.issuerName')} rules={[edit.zodRule(S.issuerName)]} required>
          <Input maxLength={100} placeholder={t('licAdmin.keys.issuerNamePlaceholder')} />
        </Form.Item>
        <Form.Item name="issuerCode" label={t('licAdmin.keys.issuerCode')} rules={[edit.zodRule(S.issuerCode)]} required>
          <Input maxLength={18} className="mono-text" />
        </Form.Item>
        <Form.Item name="publicKey" label={t('licAdmin.keys.publicKey')} rules={[edit.zodRule(S.publicKey)]} required extra={t('licAdmin.keys.publicKeyHint')}>
          <Input.TextArea rows={3} className="mono-text" />
        </Form.Item>
        <Form.Item name="trustSource" label={t('licAdmin.keys.trustSource')} rules={[edit.zodRule(S.trustSource)]} required>
          <Input maxLength={100} placeholder={t('licAdmin.keys.trustSourcePlaceholder')} />
        </Form.Item>
      </EditForm>
    </Modal>
  );
}

type Check = { kind: 'ok' | 'bad'; text: string; proof?: ConsistencyProof };

/** 透明日志: the current signed tree head (its signature checked here), and a consistency check between two sizes. */
function TransparencyLogCard() {
  const t = useT();
  const { lang } = usePrefs();
  const errorText = useErrorText();
  const head = useLogHead();
  const [headOk, setHeadOk] = useState<boolean | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);
  const h: TreeHead | undefined = head.data;
  const checkHead = async () => {
    if (!h) return;
    const { verifyTreeHead } = await import('./log-verify.ts');
    setHeadOk(verifyTreeHead(h));
  };
  const runCheck = async () => {
    const a = from ?? 1;
    const b = to ?? h?.treeSize ?? 1;
    setBusy(true);
    setCheck(null);
    try {
      const proof = await licensesStaffApi.consistency(a, b);
      const { verifyConsistency } = await import('./log-verify.ts');
      const ok = verifyConsistency(proof.from, proof.to, proof.fromRoot, proof.toRoot, proof.path);
      setCheck({ kind: ok ? 'ok' : 'bad', text: ok ? t('licAdmin.log.consistent', { from: a, to: b }) : t('licAdmin.log.inconsistent', { from: a, to: b }), proof });
    } catch (e) {
      setCheck({ kind: 'bad', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<h2 className="card-title">{t('licAdmin.log.title')}</h2>} className="block-gap" size="small" extra={<Button size="small" onClick={() => void head.refetch().then(() => setHeadOk(null))}>{t('licAdmin.log.refresh')}</Button>}>
      {head.isError ? <Alert type="error" showIcon title={errorText(head.error)} /> : null}
      {h ? (
        h.treeSize === 0 ? (
          <p className="muted">{t('licAdmin.log.empty')}</p>
        ) : (
          <dl className="log-facts">
            <dt>{t('licAdmin.log.treeSize')}</dt>
            <dd>{h.treeSize}</dd>
            <dt>{t('licAdmin.log.rootHash')}</dt>
            <dd>
              <Typography.Text copyable={{ text: h.rootHash, tooltips: [t('licAdmin.copy'), t('licAdmin.copied')] }} className="mono-text">
                {h.rootHash}
              </Typography.Text>
            </dd>
            <dt>{t('licAdmin.log.createdAt')}</dt>
            <dd>{formatDateTime(h.createdAt, lang)}</dd>
            <dt>{t('licAdmin.log.signature')}</dt>
            <dd>
              {headOk === null ? (
                <Button size="small" onClick={() => void checkHead()}>{t('licAdmin.log.checkSignature')}</Button>
              ) : headOk ? (
                <span className="status-tag status-ok"><CheckCircleOutlined /> {t('licAdmin.log.signatureOk')}</span>
              ) : (
                <span className="status-tag status-danger"><CloseCircleOutlined /> {t('licAdmin.log.signatureBad')}</span>
              )}
            </dd>
          </dl>
        )
      ) : null}
      <div className="log-check">
        <Filter htmlFor="log-from" label={t('licAdmin.log.from')}>
          <InputNumber id="log-from" min={1} max={h?.treeSize || undefined} precision={0} value={from} onChange={setFrom} placeholder="1" />
        </Filter>
        <Filter htmlFor="log-to" label={t('licAdmin.log.to')}>
          <InputNumber id="log-to" min={1} max={h?.treeSize || undefined} precision={0} value={to} onChange={setTo} placeholder={h ? String(h.treeSize) : ''} />
        </Filter>
        <Button onClick={() => void runCheck()} loading={busy} disabled={!h || h.treeSize === 0}>
          {t('licAdmin.log.check')}
        </Button>
      </div>
      {check ? (
        // Not an antd success Alert: its background derived from the theme's green is too dark for AA.
        <div className={`check-result ${check.kind === 'ok' ? 'check-ok' : 'check-bad'}`} role="status">
          <p className="check-title">
            {check.kind === 'ok' ? <CheckCircleOutlined /> : <CloseCircleOutlined />} {check.text}
          </p>
          {check.proof ? (
            <dl className="log-facts">
              <dt>{t('licAdmin.log.rootAt', { n: check.proof.from })}</dt>
              <dd className="mono-text">{check.proof.fromRoot}</dd>
              <dt>{t('licAdmin.log.rootAt', { n: check.proof.to })}</dt>
              <dd className="mono-text">{check.proof.toRoot}</dd>
              <dt>{t('licAdmin.log.proofLength')}</dt>
              <dd>{check.proof.path.length}</dd>
            </dl>
          ) : null}
        </div>
      ) : null}
      <p className="muted block-gap">{t('licAdmin.log.note')}</p>
    </Card>
  );
}

/** 签章密钥与信任列表: every key the platform verifies with; rotate a local issuer's key; add another region's. */
export function KeysPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const keys = useIssuerKeys();
  const [origin, setOrigin] = useState<Origin | undefined>();
  const { q, search } = useSearchText();
  const [adding, setAdding] = useState(false);
  const rotate = useLicenseMutation(licensesStaffApi.rotateKey);
  const rows = useMemo(() => {
    const needle = q?.toLowerCase();
    return (keys.data ?? []).filter((k) => (!origin || k.origin === origin) && (!needle || `${k.issuerName} ${k.issuerCode} ${k.trustSource ?? ''}`.toLowerCase().includes(needle)));
  }, [keys.data, origin, q]);

  const columns: TableColumnsType<IssuerKeyView> = [
    {
      title: t('licAdmin.keys.issuer'),
      key: 'issuer',
      render: (_, k) => (
        <span>
          {k.issuerName}
          <span className="cell-sub key-text">{k.issuerCode}</span>
        </span>
      ),
    },
    {
      title: t('licAdmin.keys.origin'),
      key: 'origin',
      render: (_, k) => (
        <span>
          <span className={k.origin === 'local' ? 'status-tag status-ok' : 'status-tag status-warn'}>{t(`licAdmin.keys.origin.${k.origin}`)}</span>
          {k.trustSource ? <span className="cell-sub">{t('licAdmin.keys.trustSource')}：{k.trustSource}</span> : null}
        </span>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, k) => (
        <span>
          <span className={STATUS_CLASS[k.status]}>{t(`licAdmin.keys.status.${k.status}`)}</span>
          {k.retiredAt ? <span className="cell-sub">{t('licAdmin.keys.retiredAt')}：{formatDateTime(k.retiredAt, lang)}</span> : null}
        </span>
      ),
    },
    { title: t('licAdmin.keys.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
    {
      title: t('licAdmin.keys.publicKey'),
      dataIndex: 'publicKey',
      render: (pk: string) => (
        <Typography.Text copyable={{ text: pk, tooltips: [t('licAdmin.keys.copyKey'), t('licAdmin.copied')] }} className="key-text">
          {short(pk)}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, k) =>
        k.origin === 'local' && k.status === 'active' && ISSUER_CODE.test(k.issuerCode) ? (
          <ConfirmButton
            label={t('licAdmin.keys.rotate')}
            question={t('licAdmin.keys.rotateQuestion', { name: k.issuerName })}
            onConfirm={() =>
              rotate.mutate(
                { issuerCode: k.issuerCode },
                { onSuccess: () => void message.success(t('licAdmin.keys.rotated', { name: k.issuerName })), onError: (e) => void message.error(errorText(e)) },
              )
            }
          />
        ) : null,
    },
  ];

  return (
    <LicenseList<IssuerKeyView>
      rowKey="id"
      title={t('licAdmin.nav.keys')}
      action={<Button type="primary" onClick={() => setAdding(true)}>{t('licAdmin.keys.addTrusted')}</Button>}
      filters={
        <>
          <Filter htmlFor="keys-origin" label={t('licAdmin.keys.origin')}>
            <Select<Origin>
              id="keys-origin"
              allowClear
              placeholder={t('common.all')}
              value={origin}
              onChange={setOrigin}
              options={(['local', 'trusted'] as const).map((o) => ({ value: o, label: t(`licAdmin.keys.origin.${o}`) }))}
              style={{ minWidth: 160 }}
            />
          </Filter>
          <SearchFilter id="keys-q" label={t('licAdmin.keys.search')} maxLength={60} {...search} />
        </>
      }
      result={{ ...keys, data: { items: rows } }}
      columns={columns}
    >
      <p className="muted block-gap">{t('licAdmin.keys.note')}</p>
      <TransparencyLogCard />
      {adding ? <TrustedKeyModal onClose={() => setAdding(false)} /> : null}
    </LicenseList>
  );
}
