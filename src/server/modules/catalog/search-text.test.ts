import { describe, expect, it } from 'vitest';
import { highlight, queryTerms, segment, toTsQuery } from './search-text.ts';

describe('Chinese search text', () => {
  it('segments an item name into words', () => {
    expect(segment('个体工商户设立登记')).toEqual(['个体', '工商', '户', '设立', '登记']);
  });
  it('expands everyday words to the official ones', () => {
    const q = toTsQuery(queryTerms('个体户'));
    expect(q).toContain("'个体'");
    expect(q).toContain("'工商'");
    expect(toTsQuery(queryTerms('食品 经营许可'))).toMatch(/^'食品' & .+/);
    expect(toTsQuery(queryTerms('低保'))).toBe("(('低' & '保') | ('最低' & '生活' & '保障'))");
  });
  it('marks the matching pieces', () => {
    expect(highlight('个体工商户设立登记', ['个体', '登记'])).toEqual([
      { text: '个体', hit: true },
      { text: '工商户设立', hit: false },
      { text: '登记', hit: true },
    ]);
  });
});
