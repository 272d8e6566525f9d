import { FileProtectOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, type DescriptionsProps, Empty, Radio, Timeline } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  fileUrl,
  type LicenseDetail,
  type LicenseSummary,
  type LicenseUse,
  type TrustedMaterial,
  useMyLicense,
  useMyLicenses,
  useTrustedMaterials,
  walletApi,
  walletKeys,
} from '../../api/license-wallet.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { useErrorText } from '../../components/error-text.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDateTime } from '../../site.ts';
import { DocumentButtons, formatDay, LicenseStateTag, labelOr, validityText } from './license-parts.tsx';

/** One license in the wallet: type, state, number, issuer, validity. */
function LicenseCard({ l }: { l: LicenseSummary }) {
  const t = useT();
  return (
    <article className="license-card" aria-labelledby={`license-${l.id}`}>
      <div className="license-card-head">
        <span className="license-card-icon" aria-hidden="true">
          <SafetyCertificateOutlined />
        </span>
        <h3 id={`license-${l.id}`} className="license-card-title">
          <Link to={`/account/licenses/${l.id}`}>{l.typeName}</Link>
        </h3>
        <LicenseStateTag state={l.state} expired={l.expired} />
      </div>
      <dl className="license-facts">
        <dt>{t('wallet.number')}</dt>
        <dd>{l.licenseNumber}</dd>
        <dt>{t('wallet.issuer')}</dt>
        <dd>{l.issuerName}</dd>
        <dt>{t('wallet.validity')}</dt>
        <dd>{validityText(t, l.validFrom, l.validUntil)}</dd>
      </dl>
      <Link to={`/account/licenses/${l.id}`} className="license-card-open" aria-label={`${t('wallet.open')}：${l.typeName} ${l.licenseNumber}`}>
        {t('wallet.open')}
      </Link>
    </article>
  );
}

/** The licenses grouped by type, in the order their types first appear (the newest first). */
function groupByType(items: LicenseSummary[]): { typeCode: string; typeName: string; items: LicenseSummary[] }[] {
  const groups = new Map<string, { typeCode: string; typeName: string; items: LicenseSummary[] }>();
  for (const l of items) {
    const g = groups.get(l.typeCode) ?? { typeCode: l.typeCode, typeName: l.typeName, items: [] };
    g.items.push(l);
    groups.set(l.typeCode, g);
  }
  return [...groups.values()];
}

/** 可复用 / 已撤回 / 已过期. */
function trustedState(m: TrustedMaterial): 'usable' | 'revoked' | 'expired' {
  if (m.revoked) return 'revoked';
  return m.usable ? 'usable' : 'expired';
}

const TRUSTED_STYLE = { usable: 'status-ok', revoked: 'status-off', expired: 'status-warn' } as const;

/** One trusted material: what it is, who checked it when, validity, reuse count, its files, and 撤回. */
function TrustedMaterialCard({ m, onWithdraw }: { m: TrustedMaterial; onWithdraw: (m: TrustedMaterial) => void }) {
  const t = useT();
  const { lang } = usePrefs();
  const state = trustedState(m);
  return (
    <article className="license-card" aria-labelledby={`trusted-${m.id}`}>
      <div className="license-card-head">
        <span className="license-card-icon" aria-hidden="true">
          <FileProtectOutlined />
        </span>
        <h3 id={`trusted-${m.id}`} className="license-card-title">
          {m.name}
        </h3>
        <span className={`status-tag ${TRUSTED_STYLE[state]}`}>{t(`wallet.trusted.state.${state}`)}</span>
      </div>
      <dl className="license-facts">
        <dt>{t('wallet.trusted.verified')}</dt>
        <dd>{t('wallet.trusted.verifiedBy', { verifier: m.verifierName, date: formatDateTime(m.verifiedAt, lang) })}</dd>
        <dt>{t('wallet.validity')}</dt>
        <dd>{m.validUntil ? t('wallet.trusted.validUntil', { date: m.validUntil }) : t('wallet.trusted.noEnd')}</dd>
        <dt>{t('wallet.trusted.uses')}</dt>
        <dd>{t('wallet.trusted.usesN', { n: m.uses })}</dd>
        <dt>{t('wallet.trusted.files')}</dt>
        <dd>
          {m.fileIds.map((f, i) => (
            <a key={f} href={fileUrl(f)} target="_blank" rel="noreferrer" className="trusted-file">
              {t('wallet.trusted.file', { n: i + 1 })}
            </a>
          ))}
        </dd>
        <dt>{t('wallet.trusted.source')}</dt>
        <dd>
          <Link to={`/account/cases/${m.sourceCaseId}`}>{t('wallet.useCaseLink')}</Link>
        </dd>
      </dl>
      {state === 'revoked' && m.revokeReason ? <p className="muted">{t('wallet.stateReason', { reason: m.revokeReason })}</p> : null}
      {state === 'usable' ? <ConfirmButton danger label={t('wallet.trusted.withdraw')} question={t('wallet.trusted.withdrawConfirm', { name: m.name })} onConfirm={() => onWithdraw(m)} /> : null}
    </article>
  );
}

/** 可信电子材料: materials a window clerk checked against the original once, reusable in later applications. */
export function TrustedMaterialsSection() {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const list = useTrustedMaterials();
  const withdraw = useMutation({
    mutationFn: (m: TrustedMaterial) => walletApi.withdrawMaterial(m.id),
    onSuccess: () => {
      void message.success(t('wallet.trusted.withdrawn'));
      void queryClient.invalidateQueries({ queryKey: walletKeys.materials });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <section className="wallet-group" aria-labelledby="trusted-materials">
      <h2 id="trusted-materials" className="wallet-group-title">
        {t('wallet.trusted.title')} {list.data ? <span className="wallet-group-count">{t('wallet.count', { n: list.data.length })}</span> : null}
      </h2>
      <p className="muted">{t('wallet.trusted.lead')}</p>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <p>{t('wallet.trusted.empty')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="license-grid">
          {list.data.map((m) => (
            <li key={m.id}>
              <TrustedMaterialCard m={m} onWithdraw={(x) => withdraw.mutate(x)} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** 我的证照: every license of the logged-in citizen or enterprise, by type. */
export function MyLicensesPage() {
  const t = useT();
  const list = useMyLicenses();
  const [type, setType] = useState('');
  const groups = groupByType(list.data?.items ?? []);
  const shown = groups.filter((g) => !type || g.typeCode === type);
  return (
    <div className="gov-container page-body">
      <PageTitle title={t('wallet.title')} />
      <h1>{t('wallet.title')}</h1>
      <p className="page-lead">{t('wallet.lead')}</p>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.total === 0 ? (
        <Card>
          <Empty description={<span className="empty-text">{t('wallet.empty')}</span>}>
            <p className="muted">{t('wallet.emptyHint')}</p>
          </Empty>
        </Card>
      ) : null}
      {groups.length > 1 ? (
        <fieldset className="wallet-filter">
          <legend>{t('wallet.filterType')}</legend>
          <Radio.Group value={type} onChange={(e) => setType(e.target.value as string)} optionType="button" buttonStyle="solid">
            <Radio.Button value="">{t('wallet.allTypes')}</Radio.Button>
            {groups.map((g) => (
              <Radio.Button key={g.typeCode} value={g.typeCode}>
                {g.typeName}（{g.items.length}）
              </Radio.Button>
            ))}
          </Radio.Group>
        </fieldset>
      ) : null}
      {shown.map((g) => (
        <section key={g.typeCode} className="wallet-group" aria-labelledby={`type-${g.typeCode}`}>
          <h2 id={`type-${g.typeCode}`} className="wallet-group-title">
            {g.typeName} <span className="wallet-group-count">{t('wallet.count', { n: g.items.length })}</span>
          </h2>
          <ul className="license-grid">
            {g.items.map((l) => (
              <li key={l.id}>
                <LicenseCard l={l} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <TrustedMaterialsSection />
    </div>
  );
}

/** 照面信息 with the holder, issuer, dates, identifier and state. */
function LicenseFace({ l }: { l: LicenseDetail }) {
  const t = useT();
  const { lang } = usePrefs();
  const items: DescriptionsProps['items'] = [
    { key: 'type', label: t('licenseVerify.typeName'), children: l.typeName },
    { key: 'number', label: t('wallet.number'), children: l.licenseNumber },
    { key: 'holder', label: t('wallet.holder'), children: l.holderName },
    { key: 'holderCode', label: t(`wallet.holderCode.${l.holderKind}`), children: l.holderCode },
    ...l.data.map((d) => ({ key: `data-${d.key}`, label: d.label, children: d.value || '—' })),
    { key: 'issuer', label: t('wallet.issuer'), children: l.issuerName },
    { key: 'issued', label: t('wallet.issuedAt'), children: formatDay(l.issuedAt, lang) },
    { key: 'validity', label: t('wallet.validity'), children: validityText(t, l.validFrom, l.validUntil) },
    { key: 'version', label: t('wallet.version'), children: t('wallet.versionN', { n: l.version }) },
    {
      key: 'state',
      label: t('wallet.state'),
      children: (
        <span>
          <LicenseStateTag state={l.state} expired={l.expired} />
          {l.stateReason ? <span className="state-reason">{t('wallet.stateReason', { reason: l.stateReason })}</span> : null}
        </span>
      ),
    },
    { key: 'identifier', label: t('wallet.identifier'), children: <code className="license-identifier">{l.identifier}</code> },
    {
      key: 'source',
      label: t('wallet.source'),
      children: l.caseId ? (
        <Link to={`/account/cases/${l.caseId}`}>{t('wallet.source.case')}</Link>
      ) : (
        t(`wallet.source.${l.source}`)
      ),
    },
  ];
  return (
    <Card title={<h2 className="card-title">{t('wallet.face')}</h2>} className="block-gap">
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} items={items} bordered size="small" className="license-face" />
    </Card>
  );
}

/** 证照生命周期: recorded, issued, suspended, resumed, changed… with who and why. */
function LicenseEvents({ l }: { l: LicenseDetail }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <Card title={<h2 className="card-title">{t('wallet.events')}</h2>} className="block-gap">
      <Timeline
        items={l.events.map((e, i) => ({
          key: `${e.at}-${i}`,
          content: (
            <div>
              <strong>{labelOr(t, `wallet.event.${e.event}`, e.event)}</strong>
              {e.toState ? <> → {labelOr(t, `wallet.state.${e.toState}`, e.toState)}</> : null} — {e.actorName}，{formatDateTime(e.at, lang)}
              {e.reason ? <div>{t('wallet.stateReason', { reason: e.reason })}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

const USE_STYLE: Record<LicenseUse['kind'], string> = {
  verify: 'use-verify',
  grant: 'use-grant',
  case_use: 'use-case',
  staff_read: 'use-staff',
  download: 'use-download',
};

// The use record grows with every verification: the latest first, the rest on request.
const USES_SHOWN = 10;

/** One fact of a use, as a term and its description. */
function UseFact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="use-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** 用证记录: every verification, grant, use in a case, staff lookup and download. */
function LicenseUses({ uses }: { uses: LicenseUse[] }) {
  const t = useT();
  const { lang } = usePrefs();
  const [all, setAll] = useState(false);
  const shown = all ? uses : uses.slice(0, USES_SHOWN);
  return (
    <Card title={<h2 className="card-title">{t('wallet.uses')}</h2>} extra={uses.length > 0 ? <span className="muted">{t('wallet.usesCount', { n: uses.length })}</span> : null} className="block-gap">
      <p className="muted">{t('wallet.usesLead')}</p>
      {uses.length === 0 ? <p>{t('wallet.usesEmpty')}</p> : null}
      <ol className="use-list">
        {shown.map((u, i) => (
          <li key={`${u.at}-${i}`} className="use-item">
            <div className="use-head">
              <span className={`use-kind ${USE_STYLE[u.kind]}`}>{t(`wallet.use.${u.kind}`)}</span>
              <time dateTime={u.at}>{formatDateTime(u.at, lang)}</time>
            </div>
            <dl className="use-facts">
              {u.channel ? <UseFact term={t('wallet.useChannel')}>{labelOr(t, `wallet.channel.${u.channel}`, u.channel)}</UseFact> : null}
              <UseFact term={t('wallet.useWho')}>{u.actorName ?? t('wallet.anonymous')}</UseFact>
              {u.purpose ? <UseFact term={t('wallet.usePurpose')}>{u.purpose}</UseFact> : null}
              {u.result && u.kind === 'verify' ? <UseFact term={t('wallet.useResult')}>{labelOr(t, `licenseVerify.verdict.${u.result}`, u.result)}</UseFact> : null}
              {u.caseId ? (
                <UseFact term={t('wallet.useCase')}>
                  <Link to={`/account/cases/${u.caseId}`}>{t('wallet.useCaseLink')}</Link>
                </UseFact>
              ) : null}
            </dl>
          </li>
        ))}
      </ol>
      {!all && uses.length > USES_SHOWN ? (
        <Button onClick={() => setAll(true)} className="block-gap">
          {t('wallet.usesAll', { n: uses.length })}
        </Button>
      ) : null}
    </Card>
  );
}

/** One license of the wallet: its face, documents, verification link, lifecycle and use record. */
export function MyLicensePage() {
  const t = useT();
  const { id = '' } = useParams();
  const license = useMyLicense(id);
  if (license.isPending) return <Loading />;
  if (license.isError) return <ErrorResult error={license.error} onRetry={() => void license.refetch()} />;
  const l = license.data;
  // The download is recorded as a use: show it once the browser has asked for the file.
  const refreshSoon = () => window.setTimeout(() => void license.refetch(), 1500);
  return (
    <div className="gov-container page-body license-page">
      <PageTitle title={`${l.typeName} - ${t('wallet.title')}`} />
      <nav className="guide-crumbs" aria-label={t('wallet.crumbs')}>
        <Link to="/account/licenses">{t('wallet.title')}</Link> / <span aria-current="page">{l.typeName}</span>
      </nav>
      <header className="license-hero">
        <span className="license-hero-icon" aria-hidden="true">
          <SafetyCertificateOutlined />
        </span>
        <div className="license-hero-text">
          <h1 className="license-hero-title">{l.typeName}</h1>
          <p className="license-hero-meta">
            <LicenseStateTag state={l.state} expired={l.expired} />
            <span>
              {t('wallet.number')}：{l.licenseNumber}
            </span>
            <span>{l.issuerName}</span>
          </p>
        </div>
      </header>
      {l.nextId ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('wallet.newer')}
          description={<Link to={`/account/licenses/${l.nextId}`}>{t('wallet.openNewer')}</Link>}
        />
      ) : null}
      {l.stateReason && l.state !== 'valid' ? <Alert type="warning" showIcon className="block-gap" title={t('wallet.stateReason', { reason: l.stateReason })} /> : null}
      <Card title={<h2 className="card-title">{t('wallet.download')}</h2>} className="block-gap">
        <DocumentButtons id={l.id} onDownload={refreshSoon} size="large" />
        <p className="muted block-gap">{t('wallet.downloadNote')}</p>
        <p>
          <Link to={`/verify/${encodeURIComponent(l.identifier)}?channel=identifier`}>{t('wallet.verifyLink')}</Link>
        </p>
        <p className="muted">{t('wallet.verifyNote')}</p>
      </Card>
      <LicenseFace l={l} />
      {l.previousId ? (
        <p className="block-gap">
          <Link to={`/account/licenses/${l.previousId}`}>{t('wallet.older')}</Link>
        </p>
      ) : null}
      <LicenseEvents l={l} />
      <LicenseUses uses={l.uses} />
    </div>
  );
}
