import { describe, expect, it } from 'vitest';
import { GuideContent } from '../../../common/schemas/catalog.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { compareGuides } from './compare.ts';

const guide = (conditions: string[], promised = 3) => GuideContent.parse(buildGuide({ conditions, promisedLimit: { days: promised, unit: 'working_day' } }));

describe('compareGuides', () => {
  it('reads each region’s own name as "here", so only real differences are found', () => {
    const rows = [
      { regionName: '建阳区', g: guide(['具有建阳区户籍']) },
      { regionName: '延平区', g: guide(['具有延平区户籍']) },
      { regionName: '邵武市', g: guide(['具有邵武市户籍'], 2) },
      { regionName: '顺昌县', g: guide(['具有顺昌县户籍', '已缴清物业费']) },
    ];
    const out = compareGuides(rows).map((r) => [r.item.regionName, r.differences]);
    expect(out).toEqual([
      ['建阳区', []],
      ['延平区', []],
      ['邵武市', ['承诺时限']],
      ['顺昌县', ['受理条件']],
    ]);
  });
});
