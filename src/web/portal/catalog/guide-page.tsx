import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Select } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useCatalogVersion, useCatalogVersions, useCurrentGuide, useImplementationsOfBase, type VersionView } from '../../api/catalog.ts';
import { ApiError } from '../../api/client.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading, NotFoundResult } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import './catalog.css';
import { formatDate } from './format.ts';
import { GuideView } from './guide-view.tsx';

/** Print the page (the print stylesheet keeps only the guide, black on white). */
function PrintButton() {
  const t = useT();
  return (
    <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
      {t('guide.print')}
    </Button>
  );
}

/** Notices above a guide: an older version, or an item no longer handled. */
function VersionNotice({ shown, current }: { shown: VersionView; current: VersionView | undefined }) {
  const t = useT();
  if (shown.implementationStatus === 'cancelled') {
    const title = shown.endedBy === 'delegate' ? t('guide.endedDelegate') : shown.endedBy === 'merge' ? t('guide.endedMerge') : t('guide.cancelledNotice');
    const successor = shown.successorImplementationId;
    return (
      <Alert
        type="warning"
        showIcon
        className="guide-notice"
        title={title}
        description={successor ? <Link to={`/guide/${successor}`}>{t('guide.toSuccessor')}</Link> : undefined}
      />
    );
  }
  if (shown.isCurrent) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="guide-notice"
      title={
        current
          ? t('guide.historyNotice', { n: shown.version, m: current.version })
          : t('guide.historyNoticeNoCurrent', { n: shown.version })
      }
      description={
        current ? (
          <Link to={`/guide/${shown.implementationId}`}>{t('guide.toCurrent', { m: current.version })}</Link>
        ) : undefined
      }
    />
  );
}

/** The published versions of the item, newest first; the one shown is marked, the others are links. */
function VersionHistory({ shown }: { shown: VersionView }) {
  const t = useT();
  const { lang } = usePrefs();
  const versions = useCatalogVersions(shown.implementationId);
  const list = (versions.data?.items ?? []).filter((v) => v.publishedAt).sort((a, b) => b.version - a.version);
  if (list.length < 2) return null;
  return (
    <section className="guide-history no-print" aria-labelledby="guide-history">
      <h2 id="guide-history">{t('guide.history')}</h2>
      <ol reversed>
        {list.map((v) => {
          const text = `${t('guide.versionLine', { n: v.version })} · ${t('guide.publishedOn', { date: formatDate(v.publishedAt, lang) })} · ${t(`catalog.status.${v.status}`)}`;
          return (
            <li key={v.id}>
              {v.id === shown.id ? (
                <span aria-current="page">
                  {text}（{t('guide.historyShown')}）
                </span>
              ) : (
                <Link to={v.isCurrent ? `/guide/${v.implementationId}` : `/guide/version/${v.id}`}>{text}</Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** 选择办理地: the same item in the other counties (each county's body, conditions and limits may differ). */
function CountySwitch({ version }: { version: VersionView }) {
  const t = useT();
  const navigate = useNavigate();
  const where = useImplementationsOfBase(version.basicCode);
  const items = where.data?.items ?? [];
  if (items.length < 2 || !version.isCurrent) return null;
  return (
    <div className="county-picker guide-county no-print">
      <label htmlFor="guide-county">{t('guide.chooseCounty')}</label>
      <Select
        id="guide-county"
        value={version.implementationId}
        onChange={(id: string) => void navigate(`/guide/${id}`)}
        options={items.map((i) => ({ value: i.implementationId, label: `${i.regionName} · ${i.departmentName}` }))}
        className="county-select"
        popupMatchSelectWidth={false}
      />
    </div>
  );
}

/** Print, and apply online when the guide in force allows it. */
function GuideActions({ version }: { version: VersionView }) {
  const t = useT();
  const online = version.isCurrent && version.implementationStatus === 'published' && version.content.handlingForm !== 'window';
  return (
    <>
      {online ? (
        <Link to={`/apply/${version.implementationId}`} className="no-print">
          <Button type="primary">{t('case.apply')}</Button>
        </Link>
      ) : null}
      <PrintButton />
    </>
  );
}

function GuideLayout({ version, current }: { version: VersionView; current?: VersionView | undefined }) {
  const t = useT();
  return (
    <div className="gov-container page-body catalog-page guide-page">
      <PageTitle title={`${version.content.name}${version.isCurrent ? '' : ` ${t('guide.versionLine', { n: version.version })}`} - ${t('guide.title')}`} />
      <nav aria-label={t('guide.breadcrumb')} className="guide-crumbs no-print">
        <Link to="/">{t('nav.home')}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/search?region=${version.regionCode}`}>{version.regionName}</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{t('guide.title')}</span>
      </nav>
      <VersionNotice shown={version} current={current} />
      <CountySwitch version={version} />
      <GuideView version={version} actions={<GuideActions version={version} />} />
      <VersionHistory shown={version} />
    </div>
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** 办事指南 in force: /guide/:implementationId. */
export function GuidePage() {
  const { implementationId } = useParams();
  const guide = useCurrentGuide(implementationId);
  if (guide.isPending) return <Loading />;
  if (guide.isError) return isNotFound(guide.error) ? <NotFoundResult /> : <ErrorResult error={guide.error} onRetry={() => void guide.refetch()} />;
  return <GuideLayout version={guide.data} current={guide.data} />;
}

/** One exact version, also an older one: /guide/version/:versionId. */
export function GuideVersionPage() {
  const { versionId } = useParams();
  const version = useCatalogVersion(versionId);
  const current = useCurrentGuide(version.data && !version.data.isCurrent ? version.data.implementationId : undefined);
  if (version.isPending) return <Loading />;
  if (version.isError) return isNotFound(version.error) ? <NotFoundResult /> : <ErrorResult error={version.error} onRetry={() => void version.refetch()} />;
  return <GuideLayout version={version.data} current={version.data.isCurrent ? version.data : current.data} />;
}
