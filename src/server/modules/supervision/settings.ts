import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { SUPERVISION_SETTINGS, type SupervisionSettings, type UpdateSupervisionSettingsBody } from '../../../common/schemas/supervision.ts';
import { audit } from '../../platform/audit.ts';
import { actorAccountId, type Ctx, withTransaction } from '../../platform/context.ts';
import { rows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { regionLevelOf, requireScope } from '../../platform/guard.ts';

type Key = (typeof SUPERVISION_SETTINGS)[number];
const FIELD: Record<Key, keyof SupervisionSettings> = {
  rectification_days: 'rectificationDays',
  complaint_days: 'complaintDays',
  order_days: 'orderDays',
  order_escalation_days: 'orderEscalationDays',
};

/** The module's deadlines in working days (整改, 投诉答复, 督办回复, 督办升级). */
export async function getSettings(ctx: Ctx): Promise<SupervisionSettings> {
  const found = await rows<{ key: Key; value: number }>(ctx.db, sql`select key, value from supervision_settings`);
  const out: SupervisionSettings = { rectificationDays: 5, complaintDays: 5, orderDays: 3, orderEscalationDays: 2 };
  for (const r of found) out[FIELD[r.key]] = r.value;
  return out;
}

/**
 * Configuration is city-wide: only a supervisor whose scope is the city (or wider) or a system
 * administrator changes it; a county supervisor reads it.
 */
export function assertCityLevel(ctx: Ctx): void {
  if (ctx.actor.type === 'system') return;
  if (ctx.actor.type === 'account' && ctx.actor.roles.includes('system_admin')) return;
  const scope = requireScope(ctx);
  if (regionLevelOf(scope.regionCode) > 2) throw new AppError('OUT_OF_SCOPE', '监察点与期限由市级监管人员统一配置，县级可查看', { scopeRegionCode: scope.regionCode });
}

/** Change deadlines (audited). */
export async function updateSettings(ctx: Ctx, body: z.infer<typeof UpdateSupervisionSettingsBody>): Promise<SupervisionSettings> {
  assertCityLevel(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await getSettings(tx);
    for (const key of SUPERVISION_SETTINGS) {
      const value = body[FIELD[key]];
      if (value === undefined) continue;
      await tx.db.execute(sql`update supervision_settings set value = ${value}, updated_by = ${actorAccountId(tx)}, updated_at = now() where key = ${key}`);
    }
    const after = await getSettings(tx);
    await audit(tx, { action: 'supervision.settings.update', entityType: 'supervision_settings', entityId: 'supervision', before, after });
    return after;
  });
}
