import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCreditCode, validateIdNumber } from '../src/common/identifiers.ts';
import { firstRow, rows } from '../src/server/platform/db.ts';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import { createTestApp, json, type TestApp } from '../test/support/app.ts';
import { ROOT } from '../test/support/template.ts';
import { COUNTIES, DEMO_CITIZENS, DEMO_ENTERPRISES, DEMO_PASSWORD, makeCreditCode, makeIdNumber } from './demo-people.ts';
import { LIFE_EVENTS } from './catalog/life-events.ts';
import { seedDemo } from './index.ts';

type LifeEventDetail = {
  implementedCount: number;
  mergedForm: { fields: { key: string; prefill: string | null; usedBy: unknown[] }[]; conflicts: { field: string; reason: string }[]; fieldsBefore: number; fieldsAfter: number };
  mergedMaterials: { materials: { name: string; required: string; source: { licenseTypeName?: string }; provedByPlatform: boolean; usedBy: unknown[] }[]; before: number; after: number };
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo city', () => {
  it('has the regions of 南平 at every level', async () => {
    const counts = await rows<{ level: number; n: number }>(t.database.db, sql`select level, count(*)::int as n from regions group by level order by level`);
    expect(counts).toEqual([
      { level: 1, n: 1 },
      { level: 2, n: 1 },
      { level: 3, n: 10 },
      { level: 4, n: 142 },
      { level: 5, n: 1943 },
    ]);
  });

  it('gives every county its departments, a service hall and staff of each working role', async () => {
    for (const c of COUNTIES) {
      const code = `${c.code}000000`;
      const r = await firstRow<{ d: number; w: number; s: number }>(t.database.db, sql`select
        (select count(*)::int from departments where region_code = ${code}) as d,
        (select count(*)::int from service_windows where region_code = ${code}) as w,
        (select count(distinct r.role)::int from accounts a join account_roles r on r.account_id = a.id where a.scope_region_code = ${code}) as s`);
      expect(r, c.name).toEqual({ d: 12, w: 8, s: 3 });
    }
  });

  it('creates citizens and enterprises whose identifiers pass their check digits', () => {
    DEMO_CITIZENS.forEach((p, i) => expect(validateIdNumber(makeIdNumber(p.county, p.birth, 10 + i * 2 + (p.male ? 1 : 0)))).toBeNull());
    DEMO_ENTERPRISES.forEach((e, i) => expect(validateCreditCode(makeCreditCode(e.category, e.county, `MA${String(350 + i * 7).padStart(3, '0')}K${i}T`))).toBeNull());
  });

  it('lets every demo account listed in the README log in with the documented password', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Demo accounts'), readme.indexOf('## The `tongban` command'));
    const logins = [...table.matchAll(/^\|[^|]+\|([^|]+)\|/gm)].flatMap((m) => [...(m[1] ?? '').matchAll(/`([^`]+)`/g)].map((x) => x[1] ?? ''));
    expect(logins.length).toBeGreaterThan(10);
    expect(readme).toContain(DEMO_PASSWORD);
    for (const login of logins) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: login, password: DEMO_PASSWORD } });
      expect(res.statusCode, `${login}: ${res.body}`).toBe(200);
    }
  });

  it('publishes the demo catalog in all ten counties, and search finds 个体工商户设立登记 by everyday words', async () => {
    const n = await firstRow<{ n: number; regions: number }>(t.database.db, sql`select count(*)::int as n, count(distinct region_code)::int as regions
      from catalog_implementations where status = 'published'`);
    expect(n?.regions).toBe(10);
    expect(n?.n).toBeGreaterThanOrEqual(400);
    for (const q of ['营业执照', '个体户']) {
      const res = await t.app.inject(`/api/v1/catalog/items?q=${encodeURIComponent(q)}&regionCode=350703000000&pageSize=3`);
      expect(json<{ items: { name: string }[] }>(res).items.map((i) => i.name), q).toContain('个体工商户设立登记');
    }
  });

  it('publishes the demo life events, each offered in full in every county, asking shared facts and documents once', async () => {
    expect(LIFE_EVENTS.length).toBeGreaterThanOrEqual(5);
    const list = json<{ items: { code: string }[] }>(await t.app.inject('/api/v1/catalog/life-events?region=350703000000'));
    expect(list.items.map((e) => e.code).sort()).toEqual(LIFE_EVENTS.map((e) => e.code).sort());
    const conflicts: Record<string, string[]> = {};
    for (const e of LIFE_EVENTS) {
      for (const c of COUNTIES) {
        const d = json<LifeEventDetail>(await t.app.inject(`/api/v1/catalog/life-events/${e.code}?region=${c.code}000000`));
        expect(d.implementedCount, `${e.name} in ${c.name}`).toBe(e.members.length);
        expect(d.mergedForm.fieldsAfter, e.name).toBeLessThan(d.mergedForm.fieldsBefore);
        if (c.code === '350703') conflicts[e.code] = d.mergedForm.conflicts.map((x) => `${x.field}:${x.reason}`);
      }
    }
    // Same-named fields that mean different things are reported, not merged: 经营范围 is free text for a
    // company but a list of drug categories for a pharmacy; 转学原因 and 转移原因 offer different choices.
    expect(conflicts).toEqual({
      'open-restaurant': [], newborn: [], 'open-company': [], 'open-pharmacy': ['scope:type'],
      'disability-services': [], 'buy-second-hand-home': ['reason:enum'], 'social-assistance': [],
    });
    const restaurant = json<LifeEventDetail>(await t.app.inject('/api/v1/catalog/life-events/open-restaurant?region=350703000000'));
    // The three items each ask the applicant's name and phone: asked once, pre-filled from base data.
    for (const source of ['person.name', 'person.phone']) {
      expect(restaurant.mergedForm.fields.filter((f) => f.prefill === source).map((f) => f.usedBy.length), source).toEqual([3]);
    }
    // Each item asks for an ID card (proved by the electronic license library): the bundle asks once.
    const idCards = restaurant.mergedMaterials.materials.filter((m) => m.required === 'required' && m.source.licenseTypeName === '居民身份证');
    expect(idCards.map((m) => m.usedBy.length)).toEqual([2]);
    expect(idCards[0]?.provedByPlatform).toBe(true);
  });

  it('records the whole seed in an intact audit chain, and a second run changes nothing', async () => {
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    expect((await seedDemo(t.ctx)).seeded).toBe(false);
    const res = await t.app.inject('/api/v1/org/regions?parent=350700000000');
    expect(json<{ items: unknown[] }>(res).items).toHaveLength(10);
  });
});
