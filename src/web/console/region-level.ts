import { REGION_LEVELS, type RegionLevel } from '../../common/enums.ts';
import type { Translate } from '../i18n/index.ts';

/** The name of a region level (1 省 … 5 村/社区). */
export function regionLevelLabel(t: Translate, level: number): string {
  return (REGION_LEVELS as readonly number[]).includes(level) ? t(`regionLevel.${level as RegionLevel}`) : String(level);
}
