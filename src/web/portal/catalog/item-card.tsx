import { Link } from 'react-router';
import type { CatalogSearchHit } from '../../api/catalog.ts';
import { useT } from '../../i18n/index.ts';
import { hitLimitText, isFullOnline, onlineDepthTag, servesToLabel, visitsText } from './format.ts';
import { HighlightedName } from './highlighted-name.tsx';

/** One search hit: the highlighted name (a link to the guide), who handles it, and the four facts citizens ask first. */
export function ItemCard({ hit, headingLevel = 3 }: { hit: CatalogSearchHit; headingLevel?: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="item-card">
      <Heading className="item-name">
        <Link to={`/guide/${hit.implementationId}`}>
          <HighlightedName pieces={hit.nameHighlight} fallback={hit.name} />
        </Link>
      </Heading>
      <p className="item-meta">{hit.regionCount > 1 ? t('catalog.regionCount', { n: hit.regionCount }) : `${hit.departmentName} · ${hit.regionName}`}</p>
      <ul className="item-facts" aria-label={t('catalog.factsLabel')}>
        <li>{hitLimitText(hit, t)}</li>
        <li className={hit.visitsRequired === 0 ? 'fact-tag fact-good' : 'fact-tag'}>{visitsText(hit.visitsRequired, t)}</li>
        <li className={isFullOnline(hit.onlineDepth) ? 'fact-tag fact-good' : 'fact-tag'}>{onlineDepthTag(hit.onlineDepth, t)}</li>
        <li className="fact-plain">{hit.servesTo.map((s) => servesToLabel(s, t)).join(' / ')}</li>
      </ul>
    </li>
  );
}
