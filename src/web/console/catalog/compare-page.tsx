import { WarningOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Empty } from 'antd';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type CompareRegion, useCatalogSearch, useCompare } from '../../api/catalog.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useDebounced } from '../../components/use-debounced.ts';
import { type MessageKey, type Translate, useT } from '../../i18n/index.ts';
import '../../portal/catalog/catalog.css';

const CODE = /^\d{12}$/;

/** The server's facet names (Chinese) and their message keys. */
const FACET_KEYS: Record<string, MessageKey> = {
  受理条件: 'compare.facet.conditions',
  申请材料: 'compare.facet.materials',
  法定时限: 'compare.facet.statutory',
  承诺时限: 'compare.facet.promised',
  收费: 'compare.facet.fees',
  到现场次数: 'compare.facet.visits',
  预约: 'compare.facet.appointment',
};

function facetLabel(name: string, t: Translate): string {
  const key = FACET_KEYS[name];
  return key ? t(key) : name;
}

/** A facet value as text: lists as bullet lists, the appointment object in words. */
function FacetValue({ facet, value }: { facet: string; value: unknown }) {
  const t = useT();
  if (Array.isArray(value)) {
    if (value.length === 0) return <>{facet === '收费' ? t('catalog.noFee') : '—'}</>;
    return (
      <ul>
        {value.map((v, i) => (
          <li key={i}>{String(v)}</li>
        ))}
      </ul>
    );
  }
  if (value && typeof value === 'object' && 'enabled' in value) {
    const a = value as { enabled: boolean; dailyQuota?: number };
    return <>{a.enabled ? (a.dailyQuota ? t('guide.appointmentQuota', { n: a.dailyQuota }) : t('guide.yes')) : t('guide.no')}</>;
  }
  if (facet === '法定时限' || facet === '承诺时限') return <>{t('catalog.days.plain', { n: String(value) })}</>;
  return <>{value === null || value === undefined ? '—' : typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)}</>;
}

/** Choose a base item: type a name to pick from the catalog, or a 12-digit basic code. */
function CodePicker({ initial, onPick }: { initial: string; onPick: (code: string) => void }) {
  const t = useT();
  const [text, setText] = useState(initial);
  const [error, setError] = useState(false);
  const q = useDebounced(text.trim(), 300);
  const search = useCatalogSearch({ q: q && !CODE.test(q) ? q : undefined, page: 1, pageSize: 200 });
  const seen = new Map<string, string>();
  for (const h of search.data?.items ?? []) if (!seen.has(h.basicCode)) seen.set(h.basicCode, h.name);
  const options = [...seen].map(([code, name]) => ({ value: code, label: `${name}（${code}）` }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = text.trim();
    if (!CODE.test(code)) {
      setError(true);
      return;
    }
    setError(false);
    onPick(code);
  };
  return (
    <form className="compare-form" onSubmit={submit} role="search">
      <div className="filter">
        <label htmlFor="compare-code">{t('compare.codeLabel')}</label>
        <div className="compare-row">
          <AutoComplete
            id="compare-code"
            value={text}
            options={options}
            onChange={(v: string) => setText(v)}
            onSelect={(v: string) => {
              setText(v);
              setError(false);
              onPick(v);
            }}
            placeholder={t('compare.codePlaceholder')}
            aria-describedby="compare-code-hint"
            aria-invalid={error || undefined}
            status={error ? 'error' : undefined}
          />
          <Button type="primary" htmlType="submit">
            {t('compare.submit')}
          </Button>
        </div>
        <p id="compare-code-hint" className={error ? 'field-error' : 'muted'} role={error ? 'alert' : undefined}>
          {error ? t('compare.codeInvalid') : t('compare.codeHint')}
        </p>
      </div>
    </form>
  );
}

/** The region × facet table; a differing cell is marked by an icon and the word 差异, not by colour alone. */
function CompareTable({ regions, facets, linkTo }: { regions: CompareRegion[]; facets: string[]; linkTo: (r: CompareRegion) => string }) {
  const t = useT();
  return (
    <table className="compare-table">
      <caption className="visually-hidden">{t('compare.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('compare.region')}</th>
          {facets.map((f) => (
            <th key={f} scope="col">
              {facetLabel(f, t)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {regions.map((r) => (
          <tr key={r.implementationId}>
            <th scope="row">
              <Link to={linkTo(r)}>{r.regionName}</Link>
              <div className="muted">{r.departmentName}</div>
              <div className="muted">{t('guide.versionLine', { n: r.version })}</div>
            </th>
            {facets.map((f) => {
              const differs = r.differences.includes(f);
              return (
                <td key={f} className={differs ? 'compare-diff' : undefined}>
                  {differs ? (
                    <span className="compare-diff-mark">
                      <WarningOutlined aria-hidden />
                      {t('compare.differs')}
                    </span>
                  ) : null}
                  <div>
                    <FacetValue facet={f} value={r.values[f]} />
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 同一事项比对 ("同一事项、同一标准"): one base item in every region, cells that differ from the most
 * common value marked. Catalog admins open the implementation; supervisors the public guide.
 */
export function ComparePage({ linkTo }: { linkTo: (r: CompareRegion) => string }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const valid = CODE.test(code);
  const compare = useCompare(valid ? code : undefined);
  const data = compare.data;
  const facets = data ? [...new Set(data.regions.flatMap((r) => Object.keys(r.values)))] : [];
  const differing = data ? data.regions.filter((r) => r.differences.length > 0).length : 0;

  return (
    <div className="staff-page">
      <PageTitle title={t('console.catalogCompare')} />
      <div className="page-head">
        <h1>{t('console.catalogCompare')}</h1>
      </div>
      <p className="muted">{t('compare.lead')}</p>
      <CodePicker key={code} initial={code} onPick={(c) => setParams({ code: c })} />
      {!valid ? <Empty description={t('compare.pick')} /> : null}
      {valid && compare.isPending ? <Loading /> : null}
      {compare.isError ? <ErrorResult error={compare.error} onRetry={() => void compare.refetch()} /> : null}
      {data ? (
        <section aria-labelledby="compare-result">
          <h2 id="compare-result">
            {data.name} <span className="code-text muted">{data.basicCode}</span>
          </h2>
          <p aria-live="polite">{t('compare.summary', { n: data.regions.length, d: differing })}</p>
          <ScrollRegion label={t('compare.caption')}>
            <CompareTable regions={data.regions} facets={facets} linkTo={linkTo} />
          </ScrollRegion>
        </section>
      ) : null}
    </div>
  );
}

/** The console's comparison: a region opens its implementation. */
export function ConsoleComparePage() {
  return <ComparePage linkTo={(r) => `/console/catalog/items/${r.implementationId}`} />;
}

/** The supervisors' comparison: a region opens its public guide. */
export default function SupervisorComparePage() {
  return <ComparePage linkTo={(r) => `/guide/${r.implementationId}`} />;
}
