import type { CatalogSearchHit } from '../../api/catalog.ts';

/**
 * An item name with the matched words in <mark>. The pieces come from the server as text and are
 * rendered as text: nothing is ever parsed as HTML.
 */
export function HighlightedName({ pieces, fallback }: { pieces: CatalogSearchHit['nameHighlight']; fallback: string }) {
  if (pieces.length === 0) return <>{fallback}</>;
  return (
    <>
      {pieces.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
