import { describe, expect, it } from 'vitest';
import { regionLevelOf, regionPrefix, regionWithin } from './guard.ts';

describe('region scope by code prefix', () => {
  it('computes level prefixes', () => {
    expect(regionPrefix('350000000000')).toBe('35');
    expect(regionPrefix('350700000000')).toBe('3507');
    expect(regionPrefix('350703000000')).toBe('350703');
    expect(regionPrefix('350703100000')).toBe('350703100');
    expect(regionPrefix('350703001000')).toBe('350703001');
    expect(regionPrefix('350703001201')).toBe('350703001201');
    expect(regionLevelOf('350703001201')).toBe(5);
    expect(regionLevelOf('350700000000')).toBe(2);
  });
  it('keeps a county clerk inside the county', () => {
    expect(regionWithin('350703001201', '350703000000')).toBe(true);
    expect(regionWithin('350702001201', '350703000000')).toBe(false);
    expect(regionWithin('350703000000', '350700000000')).toBe(true);
    expect(regionWithin('350700000000', '350703000000')).toBe(false);
  });
});
