/**
 * Catalog search over 10,000 published items: latency of the public search (segmentation, synonym
 * expansion, tsquery over the GIN index, ranking, presenting a page) beside a baseline measured in
 * the same run: fetching one published guide by primary key.
 *
 * Usage: npx tsx bench/catalog-search.ts      (PGlite)
 *        bash scripts/with-postgres.sh npx tsx bench/catalog-search.ts
 * Appends its table to bench/RESULTS.md.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { GuideContent } from '../src/common/schemas/catalog.ts';
import * as repo from '../src/server/modules/catalog/repo.ts';
import { search, searchVector } from '../src/server/modules/catalog/service.ts';
import { firstRow } from '../src/server/platform/db.ts';
import { buildGuide } from '../test/support/catalog-factories.ts';
import { buildDepartment } from '../test/support/factories.ts';
import { createTestApp } from '../test/support/app.ts';
import { buildTemplate, testPostgresUrl } from '../test/support/template.ts';
import { writeResults } from './results.ts';

const ITEMS = 10_000;
const NAMES = [
  '食品经营许可', '个体工商户设立登记', '公司设立登记', '居民身份证换领', '生育登记', '城乡居民养老保险参保登记', '最低生活保障申请', '不动产首次登记',
  '建设工程规划许可', '道路运输经营许可', '医师执业注册', '教师资格认定', '残疾人证申领', '户口迁移', '结婚登记', '失业登记', '药品零售经营许可',
  '公共场所卫生许可', '建筑工程施工许可', '临时救助', '高龄津贴', '特种设备使用登记', '医疗机构执业登记', '出租汽车驾驶员从业资格',
];
const VARIANTS = ['（新办）', '（变更）', '（延续）', '（注销）', '（补办）'];
const QUERIES = ['营业执照', '个体户', '食品经营许可', '不动产登记', '低保', '医师 注册', '养老保险'];
const ROUNDS = 5;
const PER_ROUND = 60;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function main(): Promise<void> {
  await buildTemplate();
  const t = await createTestApp();
  const author = randomUUID();
  await t.database.db.execute(sql`insert into accounts (id, kind, display_name, username, password_hash, scope_region_code)
    values (${author}, 'staff', 'bench', 'bench', 'x', '350700000000')`);
  const depts = [];
  for (const region of ['350702000000', '350703000000', '350721000000', '350781000000', '350782000000']) depts.push(await buildDepartment(t.ctx, { regionCode: region }));
  const started = Date.now();
  let firstVersion = '';
  for (let i = 0; i < ITEMS; i++) {
    const dept = depts[i % depts.length];
    if (!dept) throw new Error('no department');
    const name = `${NAMES[i % NAMES.length] ?? ''}${VARIANTS[Math.floor(i / NAMES.length) % VARIANTS.length] ?? ''}${i >= NAMES.length * VARIANTS.length ? `·${Math.floor(i / (NAMES.length * VARIANTS.length))}` : ''}`;
    const g = GuideContent.parse(buildGuide({ name, result: { type: 'license', name: i % 3 === 0 ? '营业执照' : '许可证', licenseTypeCode: '11100000000013338W001' } }));
    const basicCode = `0001${String(i).padStart(8, '0')}`;
    await t.database.db.transaction(async (tx) => {
      const baseId = await repo.insertBaseItem(tx, { basicCode, name, itemType: '01' });
      const implId = await repo.insertImplementation(tx, { baseItemId: baseId, code: `${dept.creditCode ?? ''}4${basicCode}`, departmentId: dept.id, regionCode: dept.regionCode, level: 4 });
      const vId = await repo.insertVersion(tx, { implementationId: implId, operation: 'add', content: g, changeNote: null, authorId: author });
      await repo.markReviewed(tx, vId, { status: 'published', reviewerId: author, comment: null, search: searchVector({ department_name: dept.name }, g) });
      await repo.setCurrentVersion(tx, implId, vId, 'published');
      if (!firstVersion) firstVersion = vId;
    });
  }
  const loadSeconds = (Date.now() - started) / 1000;
  await t.database.db.execute(sql`analyze`);
  const count = await firstRow<{ n: number }>(t.database.db, sql`select count(*)::int as n from catalog_versions where status = 'published'`);

  const searchMs: number[] = [];
  const portalMs: number[] = [];
  const baseMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < PER_ROUND; i++) {
      const q = QUERIES[i % QUERIES.length] ?? '';
      let s = process.hrtime.bigint();
      await search(t.ctx, { q, page: 1, pageSize: 20 });
      searchMs.push(Number(process.hrtime.bigint() - s) / 1e6);
      s = process.hrtime.bigint();
      // What the portal's search page asks across the whole city: one card per item, theme counts.
      await search(t.ctx, { q, page: 1, pageSize: 10, distinct: 'base', facets: 'true' });
      portalMs.push(Number(process.hrtime.bigint() - s) / 1e6);
      s = process.hrtime.bigint();
      await repo.findVersion(t.database.db, firstVersion);
      baseMs.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  const engine = testPostgresUrl() ? 'PostgreSQL 15' : 'PGlite (embedded)';
  const rowsOut = [
    ['baseline: one guide by primary key', baseMs],
    ['catalog search (page of 20, ranked, highlighted)', searchMs],
    ['portal city-wide search (one hit per item, department and theme counts)', portalMs],
  ] as const;
  const b50 = percentile(baseMs, 50);
  const table = [
    `### Catalog search, ${engine} — ${new Date().toISOString().slice(0, 10)}, ${count?.n ?? 0} published items (loaded in ${loadSeconds.toFixed(0)} s), ${ROUNDS * PER_ROUND} queries over ${QUERIES.length} phrases, interleaved with the baseline`,
    '',
    '| scenario | p50 ms | p99 ms | p50 ratio to baseline |',
    '| --- | ---: | ---: | ---: |',
    ...rowsOut.map(([name, xs]) => `| ${name} | ${percentile(xs, 50).toFixed(2)} | ${percentile(xs, 99).toFixed(2)} | ${(percentile(xs, 50) / b50).toFixed(1)}× |`),
  ].join('\n');
  console.log(table);
  writeResults(`### Catalog search, ${engine}`, table);
  await t.close();
}

await main();
