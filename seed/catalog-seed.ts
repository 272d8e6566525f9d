import type { z } from 'zod';
import type { GuideContent } from '../src/common/schemas/catalog.ts';
import * as catalog from '../src/server/modules/catalog/service.ts';
import * as identity from '../src/server/modules/identity/service.ts';
import type { Ctx } from '../src/server/platform/context.ts';
import * as lifeEvents from '../src/server/modules/catalog/life-events.ts';
import { CreateLifeEventBody } from '../src/common/schemas/life-events.ts';
import { BASE_ITEMS, guideForCounty } from './catalog/items.ts';
import { LIFE_EVENTS } from './catalog/life-events.ts';
import { COUNTIES } from './demo-people.ts';

type GuideInput = z.input<typeof GuideContent>;

/** Replace the {county} token in the texts of a guide with the county's name. */
function localize(guide: GuideInput, countyName: string): GuideInput {
  return JSON.parse(JSON.stringify(guide).replaceAll('{county}', countyName)) as GuideInput;
}

/** Act as a seeded staff account (the catalog's review rule needs two different people). */
async function asStaff(ctx: Ctx, username: string): Promise<Ctx> {
  const page = await identity.listAccounts(ctx, { kind: 'staff', q: username, page: 1, pageSize: 5 });
  const a = page.items.find((x) => x.username === username);
  if (!a || !a.scope_region_code) throw new Error(`seed: staff ${username} missing`);
  return {
    ...ctx,
    actor: { type: 'account', accountId: a.id, kind: 'staff', displayName: a.display_name, roles: a.roles, scope: { regionCode: a.scope_region_code, departmentId: a.scope_department_id }, sessionId: null },
  };
}

/**
 * Publish the demo catalog: every base item implemented by its department in each of the ten
 * counties, with the county differences the comparison view should find. 周审改 (catalog.np) edits,
 * 何复核 (catalog2.np) reviews, as the two-person rule requires.
 */
export async function seedCatalog(ctx: Ctx, deptIds: Map<string, string>): Promise<number> {
  const editor = await asStaff(ctx, 'catalog.np');
  const reviewer = await asStaff(ctx, 'catalog2.np');
  let n = 0;
  for (const item of BASE_ITEMS) {
    for (const c of COUNTIES) {
      const departmentId = deptIds.get(`${c.code}000000:${item.department}`);
      if (!departmentId) throw new Error(`seed: no department ${item.department} in ${c.name}`);
      const guide = localize(guideForCounty(item, c.code), c.name);
      const draft = await catalog.createImplementation(editor, { basicCode: item.basicCode, departmentId, content: guide, changeNote: '初始录入' });
      await catalog.submitForReview(editor, draft.id);
      await catalog.review(reviewer, draft.id, { decision: 'approve', comment: '符合标准，同意发布' });
      n++;
    }
  }
  return n;
}

/** Create and publish the demo life events (一件事) as the city's catalog admin; returns how many. */
export async function seedLifeEvents(ctx: Ctx): Promise<number> {
  const editor = await asStaff(ctx, 'catalog.np');
  for (const e of LIFE_EVENTS) {
    // Parse through the API schema so that the demo obeys the same rules as real input.
    await lifeEvents.create(editor, CreateLifeEventBody.parse(e));
    await lifeEvents.setPublished(editor, e.code, true);
  }
  return LIFE_EVENTS.length;
}
