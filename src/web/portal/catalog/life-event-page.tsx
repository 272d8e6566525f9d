import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type LifeEventDetail, type MergedField, type MergedMaterial, useLifeEvent } from '../../api/life-events.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading, NotFoundResult } from '../../components/results.tsx';
import { type Translate, useT } from '../../i18n/index.ts';
import { CITY_CODE } from '../../site.ts';
import { CountyPicker } from '../county-picker.tsx';
import './catalog.css';
import { daysText, limitText, visitsText } from './format.ts';

/** The kind of answer a field expects, in words (文本, 单选：甲、乙 …). */
function fieldKind(f: MergedField, t: Translate): string {
  const s = f.schema;
  const items = typeof s.items === 'object' && s.items !== null ? (s.items as Record<string, unknown>) : {};
  const options = Array.isArray(s.enum) ? s.enum : Array.isArray(items.enum) ? items.enum : null;
  if (options) return `${t(f.type === 'array' ? 'lifeEvents.kind.multi' : 'lifeEvents.kind.choice')}：${options.map(String).join('、')}`;
  if (s.format === 'date') return t('lifeEvents.kind.date');
  if (f.type === 'number' || f.type === 'integer') return t('lifeEvents.kind.number');
  if (f.type === 'boolean') return t('lifeEvents.kind.boolean');
  return t('lifeEvents.kind.text');
}

/** Which base library pre-fills a field. */
function prefillText(prefill: string, t: Translate): string {
  return prefill.startsWith('enterprise.') ? t('lifeEvents.prefill.enterprise') : t('lifeEvents.prefill.person');
}

function usedByText(list: { itemName: string }[], t: Translate): string {
  return t('lifeEvents.usedBy', { items: [...new Set(list.map((u) => u.itemName))].join('、') });
}

/** 合并后的申请表 (read-only preview): each question once, with what fills it and which items use it. */
function FormPreview({ form }: { form: LifeEventDetail['mergedForm'] }) {
  const t = useT();
  if (form.fields.length === 0) return <p>{t('lifeEvents.noForm')}</p>;
  return (
    <>
      <p>{t('lifeEvents.formSaved', { before: form.fieldsBefore, after: form.fieldsAfter })}</p>
      {form.conflicts.length > 0 ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={t('lifeEvents.conflictNote')}
          description={
            <ul className="plain-list">
              {form.conflicts.map((c) => (
                <li key={c.field}>{c.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <ol className="form-preview">
        {form.fields.map((f) => (
          <li key={f.key} className="form-preview-field">
            <p className="form-preview-title">
              <span>{f.title}</span>
              <span className={f.required ? 'need-tag need-required' : 'need-tag need-conditional'}>{f.required ? t('catalog.required') : t('lifeEvents.optional')}</span>
              {f.prefill ? <span className="source-badge source-shared">{prefillText(f.prefill, t)}</span> : null}
            </p>
            <p className="form-preview-kind">{fieldKind(f, t)}</p>
            <p className="muted">{usedByText(f.usedBy, t)}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

/** One merged material: asked once, with the items that need it. */
function MaterialCard({ m }: { m: MergedMaterial }) {
  const t = useT();
  return (
    <li className="material-card">
      <h4 className="material-name">{m.name}</h4>
      <p className="material-badges">
        <span className={m.required === 'required' ? 'need-tag need-required' : 'need-tag need-conditional'}>
          {m.required === 'required' ? t('catalog.required') : t('catalog.conditional')}
        </span>
        {m.source.kind === 'license' ? <span className="source-badge source-license">{t('guide.badge.license')}</span> : null}
        {m.source.kind === 'shared_data' ? <span className="source-badge source-shared">{t('guide.badge.shared')}</span> : null}
      </p>
      {m.condition ? <p>{t('guide.material.condition')}：{m.condition}</p> : null}
      <p className="muted">{usedByText(m.usedBy, t)}</p>
    </li>
  );
}

function MergedMaterials({ merged }: { merged: LifeEventDetail['mergedMaterials'] }) {
  const t = useT();
  if (merged.materials.length === 0) return <p>{t('guide.noMaterials')}</p>;
  const yours = merged.materials.filter((m) => !m.provedByPlatform);
  const proved = merged.materials.filter((m) => m.provedByPlatform);
  return (
    <>
      <p>{t('lifeEvents.materialsSaved', { before: merged.before, after: merged.after })}</p>
      <h3>{t('lifeEvents.youProvide', { n: yours.length })}</h3>
      <ol className="material-list">{yours.map((m) => <MaterialCard key={m.key} m={m} />)}</ol>
      {proved.length > 0 ? (
        <>
          <h3>{t('lifeEvents.provedByPlatform', { n: proved.length })}</h3>
          <ol className="material-list">{proved.map((m) => <MaterialCard key={m.key} m={m} />)}</ol>
        </>
      ) : null}
    </>
  );
}

/** The member items in the chosen county, in the order they are handled. */
function Members({ event }: { event: LifeEventDetail }) {
  const t = useT();
  return (
    <ol className="life-event-members">
      {event.members.map((m) => (
        <li key={m.basicCode} className="material-card">
          <h3 className="material-name">
            {m.implementation ? <Link to={`/guide/${m.implementation.implementationId}`}>{m.implementation.name}</Link> : m.name}
          </h3>
          {m.note ? <p className="material-badges"><span className="need-tag need-conditional">{m.note}</span></p> : null}
          {m.implementation ? (
            <dl className="material-facts">
              <div>
                <dt>{t('lifeEvents.handledBy')}</dt>
                <dd>{m.implementation.departmentName}</dd>
              </div>
              <div>
                <dt>{t('guide.promisedLimit')}</dt>
                <dd>{limitText(m.implementation.promisedLimit, t)}</dd>
              </div>
              <div>
                <dt>{t('guide.visits')}</dt>
                <dd>{visitsText(m.implementation.visitsRequired, t)}</dd>
              </div>
              <div>
                <dt>{t('guide.result')}</dt>
                <dd>{m.implementation.resultName}</dd>
              </div>
            </dl>
          ) : (
            <p className="field-error">{t('lifeEvents.notImplemented', { region: event.region.name })}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** 一件事 in a county: /services/life-events/:code?region=…; mobile-first and printable like the guide. */
export function LifeEventPage() {
  const t = useT();
  const { code } = useParams();
  const [params, setParams] = useSearchParams();
  const regionParam = params.get('region');
  const region = regionParam && /^\d{12}$/.test(regionParam) ? regionParam : CITY_CODE;
  const q = useLifeEvent(code, region);
  if (q.isPending) return <Loading />;
  if (q.isError) return q.error instanceof ApiError && q.error.status === 404 ? <NotFoundResult /> : <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const e = q.data;
  const audiencePath = e.audience === 'legal_person' ? 'enterprise' : 'personal';
  const { totals } = e;
  const limits = [totals.promisedWorkingDays > 0 || totals.promisedNaturalDays === 0 ? daysText(totals.promisedWorkingDays, 'working_day', t) : null, totals.promisedNaturalDays > 0 ? daysText(totals.promisedNaturalDays, 'natural_day', t) : null]
    .filter(Boolean)
    .join(' + ');
  return (
    <div className="gov-container page-body catalog-page guide-page">
      <PageTitle title={`${e.name} - ${t('lifeEvents.title')}`} />
      <nav aria-label={t('guide.breadcrumb')} className="guide-crumbs no-print">
        <Link to="/">{t('nav.home')}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/services/${audiencePath}?view=life-events${region === CITY_CODE ? '' : `&region=${region}`}`}>{t(e.audience === 'legal_person' ? 'nav.enterprise' : 'nav.personal')}</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{e.name}</span>
      </nav>
      <article className="guide">
        <header className="guide-head">
          <p className="guide-sub">{t('lifeEvents.title')}</p>
          <h1>{e.name}</h1>
          {e.description ? <p>{e.description}</p> : null}
          <p className="guide-sub">{t('lifeEvents.inRegion', { region: e.region.name })}</p>
        </header>
        <div className="no-print block-gap">
          <CountyPicker id="life-event-region" value={region} onChange={(c) => setParams(c === CITY_CODE ? {} : { region: c }, { replace: true })} />
        </div>
        {e.implementedCount === 0 ? <Alert type="info" showIcon className="guide-notice" title={t('lifeEvents.chooseCounty')} /> : null}
        {e.implementedCount > 0 ? (
          <section className="guide-section" aria-labelledby="le-facts">
            <h2 id="le-facts">{t('catalog.factsLabel')}</h2>
            <dl className="guide-facts">
              <div className="guide-fact">
                <dt>{t('lifeEvents.items')}</dt>
                <dd>{t('lifeEvents.implemented', { n: e.implementedCount, total: e.members.length })}</dd>
              </div>
              <div className="guide-fact">
                <dt>{t('lifeEvents.totalLimit')}</dt>
                <dd>{t('lifeEvents.totalLimitValue', { limits })}</dd>
              </div>
              <div className="guide-fact">
                <dt>{t('guide.visits')}</dt>
                <dd>
                  {visitsText(totals.visitsRequired, t)}
                  {totals.visitsIfSeparate > totals.visitsRequired ? `（${t('lifeEvents.visitsSeparate', { n: totals.visitsIfSeparate })}）` : ''}
                </dd>
              </div>
            </dl>
          </section>
        ) : null}
        <section className="guide-section" aria-labelledby="le-members">
          <h2 id="le-members">{t('lifeEvents.items')}</h2>
          <Members event={e} />
        </section>
        {e.implementedCount > 0 ? (
          <>
            <section className="guide-section" aria-labelledby="le-materials">
              <h2 id="le-materials">{t('lifeEvents.materials')}</h2>
              <MergedMaterials merged={e.mergedMaterials} />
            </section>
            <section className="guide-section" aria-labelledby="le-form">
              <h2 id="le-form">{t('lifeEvents.form')}</h2>
              <FormPreview form={e.mergedForm} />
            </section>
          </>
        ) : null}
        <p className="no-print block-gap">
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            {t('guide.print')}
          </Button>
        </p>
      </article>
    </div>
  );
}
