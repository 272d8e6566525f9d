import { Alert, Empty, Tabs } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { type CatalogSearchHit, useCatalogAll } from '../../api/catalog.ts';
import { type LifeEventView, useLifeEvents } from '../../api/life-events.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { ErrorResult, Loading, NotFoundResult } from '../../components/results.tsx';
import { useT } from '../../i18n/index.ts';
import { CITY_CODE } from '../../site.ts';
import { CountyPicker } from '../county-picker.tsx';
import { SearchForm } from '../search-form.tsx';
import './catalog.css';
import { departmentKind, themesOf } from './format.ts';

/** One base item and where it is handled: at city level the same item exists in every county. */
interface ItemGroup {
  basicCode: string;
  name: string;
  hits: CatalogSearchHit[];
}

function byBasicCode(hits: CatalogSearchHit[]): ItemGroup[] {
  const groups = new Map<string, ItemGroup>();
  for (const h of hits) {
    const g = groups.get(h.basicCode) ?? { basicCode: h.basicCode, name: h.name, hits: [] };
    g.hits.push(h);
    groups.set(h.basicCode, g);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** A list of items; an item offered in several regions links to each region's guide. */
function ItemLinks({ hits }: { hits: CatalogSearchHit[] }) {
  const t = useT();
  return (
    <ul className="browse-items">
      {byBasicCode(hits).map((g) => {
        const only = g.hits.length === 1 ? g.hits[0] : undefined;
        return (
          <li key={g.basicCode}>
            {only ? (
              <Link to={`/guide/${only.implementationId}`} className="browse-item-name">
                {g.name}
              </Link>
            ) : (
              <>
                <span className="browse-item-name">{g.name}</span>
                <ul className="chip-list browse-regions" aria-label={t('browse.regionsOf', { name: g.name })}>
                  {g.hits.map((h) => (
                    <li key={h.implementationId}>
                      <Link to={`/guide/${h.implementationId}`} className="chip" aria-label={`${g.name} · ${h.regionName}`}>
                        {h.regionName}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Groups of items under headings (a theme, a department). */
function Groups({ groups, idPrefix }: { groups: { name: string; hits: CatalogSearchHit[] }[]; idPrefix: string }) {
  const t = useT();
  return (
    <div className="browse-groups">
      {groups.map((g, i) => (
        <section key={g.name} aria-labelledby={`${idPrefix}-${i}`} className="browse-group">
          <h3 id={`${idPrefix}-${i}`}>
            {g.name} <span className="browse-count">{t('browse.count', { n: byBasicCode(g.hits).length })}</span>
          </h3>
          <ItemLinks hits={g.hits} />
        </section>
      ))}
    </div>
  );
}

/** 一件事: bundles of items applied for together, each a link to its page in the chosen county. */
function LifeEventList({ events, region }: { events: LifeEventView[]; region: string }) {
  const t = useT();
  if (events.length === 0) return <Empty description={t('lifeEvents.none')} />;
  return (
    <>
      <p className="page-lead">{t('lifeEvents.lead')}</p>
      <ul className="browse-groups life-event-list">
        {events.map((e) => (
          <li key={e.code} className="browse-group">
            <h3>
              <Link to={`/services/life-events/${e.code}${region === CITY_CODE ? '' : `?region=${region}`}`}>{e.name}</Link>{' '}
              <span className="browse-count">{t('browse.count', { n: e.members.length })}</span>
            </h3>
            {e.description ? <p>{e.description}</p> : null}
            <p className="muted">{e.members.map((m) => m.name).join('、')}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** 个人办事 / 法人办事: the published items for one audience, by theme and by department. */
export function ServicesBrowsePage() {
  const t = useT();
  const { audience } = useParams();
  const [params, setParams] = useSearchParams();
  const regionParam = params.get('region');
  const region = regionParam && /^\d{12}$/.test(regionParam) ? regionParam : CITY_CODE;
  /** Change one parameter of the address, keeping the others (the county and the view). */
  const setParam = (key: 'region' | 'view', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const valid = audience === 'personal' || audience === 'enterprise';
  const servesTo = audience === 'enterprise' ? 'legal_person' : 'person';
  const all = useCatalogAll({ regionCode: region, servesTo }, valid);
  const events = useLifeEvents({ region, audience: servesTo }, valid);
  if (!valid) return <NotFoundResult />;

  const personal = audience === 'personal';
  const title = t(personal ? 'nav.personal' : 'nav.enterprise');
  const hits = all.data?.items ?? [];
  const byTheme = themesOf(hits)
    .map((name) => ({ name, hits: hits.filter((h) => h.themes.includes(name)) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const unthemed = hits.filter((h) => h.themes.length === 0);
  if (unthemed.length > 0) byTheme.push({ name: t('browse.otherTheme'), hits: unthemed });
  const departments = new Map<string, CatalogSearchHit[]>();
  for (const h of hits) departments.set(departmentKind(h), [...(departments.get(departmentKind(h)) ?? []), h]);
  const byDepartment = [...departments].map(([name, list]) => ({ name, hits: list })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const viewParam = params.get('view');
  const view = viewParam === 'department' || viewParam === 'life-events' ? viewParam : 'theme';

  return (
    <div className="gov-container page-body catalog-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="page-lead">{t(personal ? 'services.personal.lead' : 'services.enterprise.lead')}</p>
      <SearchForm id="services-search" />
      <div className="block-gap">
        <CountyPicker id="services-region" value={region} onChange={(code) => setParam('region', code === CITY_CODE ? undefined : code)} />
      </div>
      <section aria-labelledby="services-browse" aria-busy={all.isFetching} className="block-gap">
        <h2 id="services-browse">{t('browse.heading', { n: byBasicCode(hits).length })}</h2>
        {all.isPending ? <Loading /> : null}
        {all.isError ? <ErrorResult error={all.error} onRetry={() => void all.refetch()} /> : null}
        {all.data?.truncated ? <Alert type="info" showIcon title={t('browse.truncated', { n: all.data.items.length })} className="block-gap" /> : null}
        {all.data && hits.length === 0 ? <Empty description={t('browse.none')} /> : null}
        {hits.length > 0 ? (
          <Tabs
            activeKey={view}
            onChange={(k) => setParam('view', k === 'theme' ? undefined : k)}
            items={[
              { key: 'theme', label: t('browse.byTheme'), children: <Groups groups={byTheme} idPrefix="theme" /> },
              { key: 'department', label: t('browse.byDepartment'), children: <Groups groups={byDepartment} idPrefix="dept" /> },
              {
                key: 'life-events',
                label: t('lifeEvents.tab', { n: events.data?.items.length ?? 0 }),
                children: events.isError ? <ErrorResult error={events.error} onRetry={() => void events.refetch()} /> : <LifeEventList events={events.data?.items ?? []} region={region} />,
              },
            ]}
          />
        ) : null}
      </section>
      <section aria-labelledby="services-more" className="block-gap">
        <h2 id="services-more">{t('browse.more')}</h2>
        <ul className="step-list">
          <li>
            <Link to={personal ? '/register?tab=citizen' : '/register?tab=enterprise'}>{t(personal ? 'services.registerCitizen' : 'services.registerEnterprise')}</Link>
            <span>{t('services.registerWhy')}</span>
          </li>
          <li>
            <Link to="/halls">{t('services.findHall')}</Link>
            <span>{t('services.findHallWhy')}</span>
          </li>
        </ul>
      </section>
    </div>
  );
}
