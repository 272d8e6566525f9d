import { describe, expect, it } from 'vitest';
import { GuideContent, ITEM_TYPES } from '../../src/common/schemas/catalog.ts';
import type { GuideContentT } from '../../src/common/schemas/catalog.ts';
import { validateCreditCode } from '../../src/common/identifiers.ts';
import { checkGuide } from '../../src/server/modules/catalog/checks.ts';
import { COUNTY_DEPARTMENTS } from '../departments.ts';
import { COUNTIES } from '../demo-people.ts';
import { BASE_ITEMS, LICENSE_TYPES, SHARED_RESOURCES, guideForCounty } from './items.ts';

const FULL_ONLINE = [1, 2, 3, 4, 5, 6];
const PREFILLS = new Set(['person.name', 'person.idNumber', 'person.phone', 'enterprise.name', 'enterprise.creditCode']);

/** Every guide a county publishes, parsed as the catalog service parses it. */
const published: { code: string; county: string; guide: GuideContentT }[] = BASE_ITEMS.flatMap((item) =>
  COUNTIES.map((c) => ({ code: item.basicCode, county: c.code, guide: GuideContent.parse(guideForCounty(item, c.code)) })),
);

const isFullOnline = (g: GuideContentT) => FULL_ONLINE.every((d) => g.onlineDepth.includes(d));

describe('demo catalog: base items', () => {
  it('has at least 42 items from at least 10 county departments', () => {
    expect(BASE_ITEMS.length).toBeGreaterThanOrEqual(42);
    const keys = new Set(COUNTY_DEPARTMENTS.map((d) => d.key));
    for (const item of BASE_ITEMS) expect(keys.has(item.department), `${item.basicCode} department ${item.department}`).toBe(true);
    expect(new Set(BASE_ITEMS.map((i) => i.department)).size).toBeGreaterThanOrEqual(10);
  });

  it('contains the items the pilot needs, by name', () => {
    const names = BASE_ITEMS.map((i) => i.guide.name);
    const wanted = [
      '食品经营许可（新办）', '个体工商户设立登记', '公司设立登记', '居民身份证换领', '生育登记', '城乡居民养老保险参保登记',
      '最低生活保障申请', '不动产登记', '建设工程规划许可', '道路运输经营许可', '医师执业注册', '教师资格认定', '残疾人证申领',
    ];
    for (const w of wanted) expect(names.some((n) => n.startsWith(w)), w).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses unique 12-digit basic codes whose type digits match the item type', () => {
    const codes = BASE_ITEMS.map((i) => i.basicCode);
    for (const item of BASE_ITEMS) {
      expect(item.basicCode).toMatch(/^\d{12}$/);
      expect(['00', '35']).toContain(item.basicCode.slice(0, 2));
      expect(item.basicCode.slice(2, 4), item.guide.name).toBe(item.guide.itemType);
      expect(Object.keys(ITEM_TYPES)).toContain(item.guide.itemType);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.some((c) => c.startsWith('35'))).toBe(true);
  });

  it('parses every standard guide with the schema', () => {
    for (const item of BASE_ITEMS) {
      const r = GuideContent.safeParse(item.guide);
      expect(r.success, `${item.guide.name}: ${r.success ? '' : JSON.stringify(r.error.issues)}`).toBe(true);
    }
  });

  it('has at least 3 items with a parallel review by two different departments', () => {
    const parallel = BASE_ITEMS.filter((item) => {
      const joint = item.guide.processSteps.filter((s) => s.parallelGroup === 'joint');
      return joint.length >= 2 && new Set(joint.map((s) => s.department)).size >= 2;
    });
    expect(parallel.length).toBeGreaterThanOrEqual(3);
    expect(parallel.map((i) => i.guide.name)).toContain('食品经营许可（新办）');
  });

  it('has 4 to 6 items with county overrides, keyed by real county codes, never renaming the item', () => {
    const withOverrides = BASE_ITEMS.filter((i) => i.countyOverrides && Object.keys(i.countyOverrides).length > 0);
    expect(withOverrides.length).toBeGreaterThanOrEqual(4);
    expect(withOverrides.length).toBeLessThanOrEqual(6);
    const counties = new Set<string>(COUNTIES.map((c) => c.code));
    for (const item of withOverrides) {
      const entries = Object.entries(item.countyOverrides ?? {});
      expect(entries.length).toBeLessThanOrEqual(2);
      for (const [code, o] of entries) {
        expect(counties.has(code), code).toBe(true);
        expect(o.name).toBeUndefined();
        expect(o.itemType).toBeUndefined();
      }
    }
  });

  it('keeps material and step keys stable and unique, with conditions on conditional materials', () => {
    let conditional = 0;
    for (const item of BASE_ITEMS) {
      const keys = item.guide.materials.map((m) => m.key);
      expect(new Set(keys).size, item.guide.name).toBe(keys.length);
      for (const m of item.guide.materials) {
        expect(m.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        if (m.required === 'conditional') {
          conditional++;
          expect(m.condition, `${item.guide.name} / ${m.name}`).toBeTruthy();
        }
      }
    }
    expect(conditional).toBeGreaterThan(0);
  });

  it('refers only to declared license types and shared resources, with valid defining-body credit codes', () => {
    const licenseCodes = new Map<string, string>(Object.values(LICENSE_TYPES).map((t) => [t.code, t.name]));
    const resources = new Map<string, string>(Object.values(SHARED_RESOURCES).map((r) => [r.code, r.name]));
    expect(licenseCodes.size).toBe(Object.keys(LICENSE_TYPES).length);
    for (const t of Object.values(LICENSE_TYPES)) {
      expect(t.code).toMatch(/^[0-9A-Z]{18}\d{3}$/);
      expect(validateCreditCode(t.code.slice(0, 18)), t.name).toBeNull();
    }
    expect(LICENSE_TYPES.businessLicense.code).toBe('11100000MB0143028R001');
    for (const { guide: g } of published) {
      for (const m of g.materials) {
        if (m.source.kind === 'license') expect(licenseCodes.get(m.source.licenseTypeCode), `${g.name} / ${m.name}`).toBe(m.source.licenseTypeName);
        if (m.source.kind === 'shared_data') expect(resources.get(m.source.resourceCode), `${g.name} / ${m.name}`).toBe(m.source.resourceName);
      }
      if (g.result.licenseTypeCode) expect(licenseCodes.has(g.result.licenseTypeCode), g.name).toBe(true);
    }
  });

  it('gives every item a 3–8 field application form with Chinese titles and known pre-fill sources', () => {
    let prefilled = 0;
    for (const item of BASE_ITEMS) {
      const schema = item.guide.form as { type: string; properties: Record<string, { title?: string; 'x-prefill'?: string }>; required?: string[] };
      expect(schema.type).toBe('object');
      const fields = Object.entries(schema.properties);
      expect(fields.length, item.guide.name).toBeGreaterThanOrEqual(3);
      expect(fields.length, item.guide.name).toBeLessThanOrEqual(8);
      for (const [key, field] of fields) {
        expect(field.title, `${item.guide.name}.${key}`).toMatch(/[\u4e00-\u9fff]/);
        if (field['x-prefill']) {
          expect(PREFILLS.has(field['x-prefill']), field['x-prefill']).toBe(true);
          prefilled++;
        }
      }
      for (const r of schema.required ?? []) expect(Object.keys(schema.properties)).toContain(r);
    }
    expect(prefilled).toBeGreaterThan(BASE_ITEMS.length);
  });
});

describe('demo catalog: every county implementation', () => {
  it('parses and passes the catalog automatic checks in all ten counties', () => {
    expect(published.length).toBe(BASE_ITEMS.length * COUNTIES.length);
    for (const p of published) expect(checkGuide(p.guide), `${p.guide.name} @ ${p.county}`).toEqual([]);
  });

  it('promises no more than the statutory limit, in the same unit, and steps fit in the promise', () => {
    for (const { guide: g, county } of published) {
      const where = `${g.name} @ ${county}`;
      expect(g.promisedLimit.unit, where).toBe(g.statutoryLimit.unit);
      expect(g.promisedLimit.days, where).toBeLessThanOrEqual(g.statutoryLimit.days);
      const groups = new Map<string, number>();
      let days = 0;
      for (const s of g.processSteps) {
        if (!s.parallelGroup) days += s.days;
        else groups.set(s.parallelGroup, Math.max(groups.get(s.parallelGroup) ?? 0, s.days));
      }
      for (const d of groups.values()) days += d;
      expect(days, where).toBeLessThanOrEqual(g.promisedLimit.days);
    }
  });

  it('has 全程网办 items that need no visit and can be handled online', () => {
    const full = published.filter((p) => isFullOnline(p.guide));
    expect(full.length).toBeGreaterThan(0);
    for (const { guide: g } of full) {
      expect(g.visitsRequired, g.name).toBe(0);
      expect(['online', 'both'], g.name).toContain(g.handlingForm);
    }
  });

  it('starts with window acceptance, and runs later steps by approvers of named departments', () => {
    const shorts = new Set(COUNTY_DEPARTMENTS.map((d) => d.short));
    for (const { guide: g } of published) {
      expect(g.processSteps[0]?.role, g.name).toBe('window_clerk');
      expect(g.processSteps[0]?.name).toBe('受理');
      for (const s of g.processSteps.slice(1)) {
        expect(s.role, `${g.name} / ${s.name}`).toBe('approver');
        expect(shorts.has(s.department ?? ''), `${g.name} / ${s.department}`).toBe(true);
      }
    }
  });

  it('keeps the {county} placeholder in the address and a channel for complaint, appeal and litigation', () => {
    for (const { guide: g } of published) {
      expect(g.location.address, g.name).toContain('{county}');
      expect(g.channels.complaintPhone).toBe('12345');
      expect(g.channels.appeal).toContain('行政复议');
      expect(g.channels.litigation).toContain('人民法院');
    }
  });

  it('charges the 不动产登记费 of 80 yuan for residential registration and keeps most items free', () => {
    const realEstate = BASE_ITEMS.filter((i) => i.guide.name.startsWith('不动产登记（'));
    expect(realEstate.length).toBeGreaterThan(0);
    for (const i of realEstate) expect(i.guide.fees?.some((f) => f.amountYuan === 80 && f.basis.includes('2559'))).toBe(true);
    const free = BASE_ITEMS.filter((i) => (i.guide.fees ?? []).length === 0);
    expect(free.length).toBeGreaterThan(BASE_ITEMS.length / 2);
  });

  it('shows real differences between counties for the comparison view', () => {
    const byCode = (code: string, county: string) => published.find((p) => p.code === code && p.county === county)?.guide;
    const food = BASE_ITEMS.find((i) => i.guide.name === '食品经营许可（新办）');
    expect(food).toBeDefined();
    const code = food?.basicCode ?? '';
    expect(byCode(code, '350703')?.promisedLimit.days).toBe(2);
    expect(byCode(code, '350702')?.promisedLimit.days).toBe(3);
    expect(byCode(code, '350782')?.materials.some((m) => m.key === 'scenic-area-consent' && m.required === 'conditional')).toBe(true);
    expect(byCode(code, '350702')?.materials.some((m) => m.key === 'scenic-area-consent')).toBe(false);
  });
});
