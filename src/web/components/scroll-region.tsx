import type { ReactNode } from 'react';

/**
 * A horizontally scrollable area that keyboard users can focus and scroll (axe:
 * scrollable-region-focusable) — antd's own table scroller cannot take a tabindex.
 */
export function ScrollRegion({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'scroll-region wide-table' : 'scroll-region'} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
