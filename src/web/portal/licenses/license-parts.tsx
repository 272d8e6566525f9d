import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link } from 'react-router';
import { documentUrl, type LicenseState, useIssuedLicense } from '../../api/license-wallet.ts';
import { type MessageKey, type Translate, useT } from '../../i18n/index.ts';
import { zh } from '../../i18n/zh.ts';
import type { Lang } from '../../prefs/prefs.tsx';
import './licenses.css';

// Accessible colour pairs (styles.css); antd's preset tag colours fall below AA.
const STATE_STYLE: Record<LicenseState | 'expired', string> = {
  valid: 'status-ok',
  expired: 'status-warn',
  suspended: 'status-warn',
  revoked: 'status-danger',
  superseded: 'status-off',
  pending: 'status-off',
};

/** A license state as a coloured tag; a valid license past its end date reads 已过期. */
export function LicenseStateTag({ state, expired }: { state: LicenseState; expired: boolean }) {
  const t = useT();
  const s = state === 'valid' && expired ? 'expired' : state;
  return <span className={`status-tag ${STATE_STYLE[s]}`}>{t(`wallet.state.${s}`)}</span>;
}

/** A day (YYYY-MM-DD) or a timestamp as a date in Beijing time. */
export function formatDay(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(d);
}

/** "2019-03-18 至 长期". */
export function validityText(t: Translate, validFrom: string, validUntil: string | null): string {
  return validUntil ? t('wallet.validRange', { from: validFrom, until: validUntil }) : t('wallet.validLongTerm', { from: validFrom });
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

/** A label for a known message key, or the raw value when the server sent something new. */
export function labelOr(t: Translate, key: string, raw: string): string {
  return isMessageKey(key) ? t(key) : raw;
}

/** 下载 OFD / 下载 PDF: plain links, so the browser downloads with the session cookie. */
export function DocumentButtons({ id, onDownload, size }: { id: string; onDownload?: () => void; size?: 'large' | 'middle' }) {
  const t = useT();
  return (
    <div className="license-downloads">
      <Button type="primary" size={size} icon={<DownloadOutlined aria-hidden />} href={documentUrl(id, 'ofd')} download onClick={onDownload}>
        {t('wallet.downloadOfd')}
      </Button>
      <Button size={size} icon={<DownloadOutlined aria-hidden />} href={documentUrl(id, 'pdf')} download onClick={onDownload}>
        {t('wallet.downloadPdf')}
      </Button>
    </div>
  );
}

/** On a completed case: the electronic license it issued (the portal's result download). */
export function IssuedLicenseCard({ caseId, completedAt, completed }: { caseId: string; completedAt: string | null; completed: boolean }) {
  const t = useT();
  const issued = useIssuedLicense(caseId, completedAt, completed);
  const l = issued.data;
  if (!completed || !l) return null;
  return (
    <Card className="block-gap issued-license" title={<h2 className="card-title"><SafetyCertificateOutlined aria-hidden /> {t('wallet.issued.title')}</h2>}>
      <p>{t('wallet.issued.lead', { name: l.typeName })}</p>
      <p className="issued-license-facts">
        <strong>{l.typeName}</strong>
        <span>
          {t('wallet.number')}：{l.licenseNumber}
        </span>
        <span>
          {t('wallet.issuer')}：{l.issuerName}
        </span>
        <LicenseStateTag state={l.state} expired={l.expired} />
      </p>
      <DocumentButtons id={l.id} />
      <p className="block-gap">
        <Link to={`/account/licenses/${l.id}`}>{t('wallet.issued.open')}</Link>
      </p>
    </Card>
  );
}
