import { Empty, Grid, Pagination, Radio, Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useCatalogSearch } from '../../api/catalog.ts';
import { useDepartments, useWindows } from '../../api/queries.ts';
import type { WindowView } from '../../api/types.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';
import { CITY_CODE } from '../../site.ts';
import { CountyPicker } from '../county-picker.tsx';
import { DepartmentCard, WindowLine } from '../directory-cards.tsx';
import { SearchForm } from '../search-form.tsx';
import './catalog.css';
import { ItemCard } from './item-card.tsx';

const PAGE_SIZE = 10;

function audienceOf(v: string | null): 'person' | 'legal_person' | undefined {
  return v === 'person' || v === 'legal_person' ? v : undefined;
}

/** The search's filters, kept in the address so that a result page can be shared and bookmarked. */
export function useCatalogFilters() {
  const [params, setParams] = useSearchParams();
  const region = params.get('region');
  const servesTo = params.get('servesTo');
  const page = Number(params.get('page') ?? '1');
  const filters = {
    q: (params.get('q') ?? '').trim(),
    regionCode: region && /^\d{12}$/.test(region) ? region : CITY_CODE,
    servesTo: audienceOf(servesTo),
    theme: params.get('theme') ?? undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
  /** Change filters; any change but the page number starts again at page 1. */
  const update = (patch: Partial<Record<'region' | 'servesTo' | 'theme' | 'page', string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'region' && v === CITY_CODE) || (k === 'page' && v === '1')) next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: !('page' in patch) });
  };
  return { filters, update };
}

// The windows API has no text filter; the city's windows are few (hundreds), so match them here.
function matchesWindow(w: WindowView, q: string): boolean {
  const needle = q.toLowerCase();
  return [w.name, w.hall, w.number, w.departmentName ?? '', w.regionName].some((s) => s.toLowerCase().includes(needle));
}

/** Departments and service windows whose names match: a secondary section under the items. */
function DirectoryMatches({ q }: { q: string }) {
  const t = useT();
  const departments = useDepartments({ regionCode: CITY_CODE, q }, q.length > 0);
  const windows = useWindows({ regionCode: CITY_CODE }, q.length > 0);
  const matchedWindows = (windows.data?.items ?? []).filter((w) => matchesWindow(w, q));
  const deptCount = departments.data?.items.length ?? 0;
  if (deptCount === 0 && matchedWindows.length === 0) return null;
  return (
    <section aria-labelledby="search-directory" className="block-gap search-directory">
      <h2 id="search-directory">{t('catalogSearch.directory')}</h2>
      {deptCount > 0 ? (
        <>
          <h3>{t('search.departments', { n: deptCount })}</h3>
          <div className="card-grid">
            {departments.data?.items.map((d) => <DepartmentCard key={d.id} department={d} />)}
          </div>
        </>
      ) : null}
      {matchedWindows.length > 0 ? (
        <>
          <h3 className="block-gap">{t('search.windows', { n: matchedWindows.length })}</h3>
          <ul className="window-list">
            {matchedWindows.map((w) => (
              <WindowLine key={w.id} window={w} showHall />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** 搜索: the published service items (full text, highlighted), then departments and windows. */
export function CatalogSearchPage() {
  const t = useT();
  const { filters, update } = useCatalogFilters();
  const narrow = !(Grid.useBreakpoint().sm ?? true);
  const { q, regionCode, servesTo, theme, page } = filters;
  // Across the whole city one card per item (with how many counties offer it), not one per county.
  const distinct = regionCode === CITY_CODE ? ('base' as const) : undefined;
  const results = useCatalogSearch({ q: q || undefined, regionCode, servesTo, theme, distinct, facets: 'true', page, pageSize: PAGE_SIZE });
  const data = results.data;
  const themeCounts = data?.facets?.themes ?? [];
  const themes = themeCounts.map((x) => x.name);
  if (theme && !themes.includes(theme)) themes.unshift(theme);
  const countOf = (name: string) => themeCounts.find((x) => x.name === name)?.count;
  const title = q ? t('catalogSearch.titleFor', { q }) : t('catalogSearch.title');

  return (
    <div className="gov-container page-body catalog-page">
      <PageTitle title={title} />
      <h1>{t('catalogSearch.title')}</h1>
      <SearchForm key={q} initial={q} id="search-page-input" />
      <section aria-labelledby="search-filters" className="catalog-filters block-gap">
        <h2 id="search-filters" className="visually-hidden">
          {t('catalogSearch.filters')}
        </h2>
        <CountyPicker id="search-region" value={regionCode} onChange={(code) => update({ region: code })} />
        <fieldset className="filter-fieldset">
          <legend>{t('catalog.servesTo')}</legend>
          <Radio.Group
            value={servesTo ?? ''}
            onChange={(e) => update({ servesTo: (e.target.value as string) || undefined })}
            options={[
              { value: '', label: t('common.all') },
              { value: 'person', label: t('catalog.servesTo.person') },
              { value: 'legal_person', label: t('catalog.servesTo.legal_person') },
            ]}
            optionType="button"
            buttonStyle="solid"
          />
        </fieldset>
        <div className="county-picker">
          <label htmlFor="search-theme">{t('catalog.theme')}</label>
          <Select
            id="search-theme"
            value={theme ?? ''}
            onChange={(v: string) => update({ theme: v || undefined })}
            options={[{ value: '', label: t('catalogSearch.allThemes') }, ...themes.map((th) => ({ value: th, label: countOf(th) === undefined ? th : `${th}（${countOf(th)}）` }))]}
            loading={results.isPending}
            className="county-select"
          />
        </div>
      </section>
      <section aria-labelledby="search-items" aria-busy={results.isFetching} className="block-gap">
        <h2 id="search-items">{t('catalogSearch.items', { n: data?.total ?? 0 })}</h2>
        <p className="visually-hidden" aria-live="polite">
          {data ? t('catalogSearch.announce', { n: data.total }) : ''}
        </p>
        {results.isPending ? <Loading /> : null}
        {results.isError ? <ErrorResult error={results.error} onRetry={() => void results.refetch()} /> : null}
        {data && data.items.length === 0 ? <Empty description={q ? t('catalogSearch.noneFor', { q }) : t('catalogSearch.none')} /> : null}
        <ol className="item-list">
          {data?.items.map((hit) => (
            <ItemCard key={hit.implementationId} hit={hit} />
          ))}
        </ol>
        {data && data.total > PAGE_SIZE ? (
          <nav aria-label={t('catalogSearch.pages')} className="block-gap">
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={data.total}
              showSizeChanger={false}
              simple={narrow ? { readOnly: true } : false}
              onChange={(p) => {
                update({ page: String(p) });
                window.scrollTo({ top: 0 });
              }}
            />
          </nav>
        ) : null}
      </section>
      {q ? <DirectoryMatches q={q} /> : null}
    </div>
  );
}
