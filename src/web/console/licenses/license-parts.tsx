import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, type DescriptionsProps, Space, Typography } from 'antd';
import { useState } from 'react';
import { downloadLicenseDocument, type LicenseDetail, type LicenseState, type LicenseSummary, type VerifyVerdict } from '../../api/licenses-staff.ts';
import { useErrorText } from '../../components/error-text.ts';
import { type Translate, useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import './licenses.css';

// Accessible colour pairs from styles.css (antd's preset tag colours fall below AA).
const STATE_STYLE: Record<LicenseState, string> = {
  pending: 'status-warn',
  valid: 'status-ok',
  suspended: 'status-warn',
  revoked: 'status-danger',
  superseded: 'status-off',
};

const VERDICT_STYLE: Record<VerifyVerdict, string> = {
  valid: 'status-ok',
  suspended: 'status-warn',
  expired: 'status-warn',
  superseded: 'status-off',
  revoked: 'status-danger',
  tampered: 'status-danger',
  unknown_issuer: 'status-danger',
  not_found: 'status-danger',
};

/** A license state as a coloured tag; a valid license past its end date says so. */
export function LicenseStateTag({ state, expired = false }: { state: LicenseState; expired?: boolean }) {
  const t = useT();
  if (state === 'valid' && expired) return <span className="status-tag status-warn">{t('licAdmin.expired')}</span>;
  return <span className={`status-tag ${STATE_STYLE[state]}`}>{t(`licAdmin.state.${state}`)}</span>;
}

/** A verification verdict (核验结论) as a coloured tag. */
export function VerdictTag({ verdict }: { verdict: VerifyVerdict }) {
  const t = useT();
  return <span className={`status-tag ${VERDICT_STYLE[verdict]}`}>{t(`licAdmin.verdict.${verdict}`)}</span>;
}

/** 2024-03-01 至 2028-02-29, or 2019-03-18 起长期有效. */
export function validityText(l: Pick<LicenseSummary, 'validFrom' | 'validUntil'>, t: Translate): string {
  return l.validUntil ? t('licAdmin.validityRange', { from: l.validFrom, until: l.validUntil }) : t('licAdmin.validityLongTerm', { from: l.validFrom });
}

/**
 * The registry facts of a license: type, number, holder, issuer, validity, version (+ `extra`), then
 * the long, copyable ones (identifier + `long`) in a one-column table of their own, so that they do
 * not stretch the columns of the short facts.
 */
export function LicenseFacts({ license, extra = [], long = [] }: { license: LicenseSummary; extra?: DescriptionsProps['items']; long?: DescriptionsProps['items'] }) {
  const t = useT();
  const { lang } = usePrefs();
  const items: DescriptionsProps['items'] = [
    { key: 'type', label: t('licAdmin.typeName'), children: license.typeName },
    { key: 'number', label: t('licAdmin.licenseNumber'), children: license.licenseNumber },
    { key: 'holder', label: t('licAdmin.holder'), children: license.holderName },
    { key: 'holderCode', label: license.holderKind === 'person' ? t('licAdmin.holderIdNumber') : t('licAdmin.holderCreditCode'), children: license.holderCode },
    { key: 'issuer', label: t('licAdmin.issuer'), children: license.issuerName },
    { key: 'issuedAt', label: t('licAdmin.issuedAt'), children: formatDateTime(license.issuedAt, lang) },
    { key: 'validity', label: t('licAdmin.validity'), children: validityText(license, t) },
    { key: 'version', label: t('licAdmin.version'), children: t('licAdmin.versionN', { n: license.version }) },
    ...(extra ?? []),
  ];
  const longItems: DescriptionsProps['items'] = [
    {
      key: 'identifier',
      label: t('licAdmin.identifier'),
      children: (
        <Typography.Text copyable={{ text: license.identifier, tooltips: [t('licAdmin.copy'), t('licAdmin.copied')] }} className="mono-text">
          {license.identifier}
        </Typography.Text>
      ),
    },
    ...(long ?? []),
  ];
  return (
    <>
      <Descriptions column={{ xs: 1, md: 2 }} items={items} bordered size="small" className="license-facts" />
      <Descriptions column={1} items={longItems} bordered size="small" className="license-facts license-facts-long" />
    </>
  );
}

/** 照面信息: the data items as printed on the license, in their order. */
export function LicenseDataList({ data, title }: { data: LicenseDetail['data']; title?: string }) {
  const t = useT();
  if (data.length === 0) return <p className="muted">{t('licAdmin.noData')}</p>;
  return (
    <Descriptions
      title={title}
      column={{ xs: 1, md: 2 }}
      bordered
      size="small"
      className="license-data"
      items={data.map((d) => ({ key: d.key, label: d.label, children: d.value || '—' }))}
    />
  );
}

/** OFD and PDF download buttons (each download is recorded in the holder's use record). */
export function DocumentButtons({ license }: { license: Pick<LicenseSummary, 'id' | 'state'> }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'ofd' | 'pdf' | null>(null);
  if (license.state === 'pending') return <span className="muted">{t('licAdmin.documentsPending')}</span>;
  const get = (kind: 'ofd' | 'pdf') => {
    setBusy(kind);
    downloadLicenseDocument(license.id, kind)
      .catch((e: unknown) => void message.error(errorText(e)))
      .finally(() => setBusy(null));
  };
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} loading={busy === 'ofd'} onClick={() => get('ofd')}>
        {t('licAdmin.downloadOfd')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'pdf'} onClick={() => get('pdf')}>
        {t('licAdmin.downloadPdf')}
      </Button>
    </Space>
  );
}
