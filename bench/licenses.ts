/**
 * Electronic-license benchmark: issuance and verification rates beside the raw SM2 rates measured
 * in the same run, on the same machine.
 *
 *   raw sign         sm2Sign over the canonical payload of each license (the floor of issuance)
 *   issue (signed)   import → pending row, serial, audit → SM2 sign → transparency-log append, per license
 *   issue + render   the same plus the OFD (seal-signed) and the PDF (subset CJK font) stored as files
 *   raw verify       sm2Verify over the same payloads (the floor of verification)
 *   verify (service) verifyIdentifier: registry lookup, holder decrypt, canonical JSON, SM2 verify, use-log insert
 *   verify (HTTP)    GET /api/v1/licenses/verify/:identifier through the app (routing, validation, serialization)
 *
 * Usage: tsx bench/licenses.ts (PGlite) · bash scripts/with-postgres.sh tsx bench/licenses.ts
 * Writes its section of bench/RESULTS.md.
 */
import { createTestApp } from '../test/support/app.ts';
import { buildCreditCode, buildDepartment } from '../test/support/factories.ts';
import { buildLicenseType, holdLicense } from '../test/support/license-factories.ts';
import { buildTemplate, testPostgresUrl } from '../test/support/template.ts';
import * as identity from '../src/server/modules/identity/service.ts';
import * as repo from '../src/server/modules/licenses/repo.ts';
import { canonicalPayload, finalizeLicense, importLicense, verifyIdentifier } from '../src/server/modules/licenses/service.ts';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../src/server/platform/sm2.ts';
import { writeResults } from './results.ts';

const ISSUE = Number(process.env.BENCH_LICENSES ?? 200);
const RENDER = Math.min(ISSUE, Number(process.env.BENCH_RENDERED ?? 10));
const VERIFY_ROUNDS = 3;

async function main(): Promise<void> {
  await buildTemplate();
  const t = await createTestApp({ LOG_LEVEL: 'silent' });
  const dept = (await buildDepartment(t.ctx, { regionCode: '350703000000', name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  const typeCode = await buildLicenseType(t.ctx);
  // Warm up: the first issue creates the issuer's and the log's keys.
  await holdLicense(t.ctx, { kind: 'legal_person', name: '预热企业', code: buildCreditCode() }, { typeCode, departmentId: dept });

  const ids: string[] = [];
  let s = process.hrtime.bigint();
  for (let i = 0; i < ISSUE; i++) {
    ids.push(await holdLicense(t.ctx, { kind: 'legal_person', name: `闽北测试企业${i}`, code: buildCreditCode() }, { typeCode, departmentId: dept, licenseNumber: `B${i}` }));
  }
  const issueS = Number(process.hrtime.bigint() - s) / 1e9;

  s = process.hrtime.bigint();
  for (let i = 0; i < RENDER; i++) {
    const d = await importLicense(t.ctx, {
      typeCode, licenseNumber: `R${i}`, holderKind: 'legal_person', holderName: `闽北出证企业${i}`, holderCode: buildCreditCode(), issuerDepartmentId: dept,
      data: { name: `闽北出证企业${i}`, scope: '餐饮服务；食品销售' }, validFrom: '2026-01-05', validUntil: null, issuedOn: '2026-01-05',
    });
    await finalizeLicense(t.ctx, d.id, { render: true });
  }
  const renderS = Number(process.hrtime.bigint() - s) / 1e9;

  // The same payloads, signed and verified raw, with a key of the same kind.
  const rows = await Promise.all(ids.map((id) => repo.findLicense(t.ctx.db, id)));
  const payloads = rows.map((l) => (l ? canonicalPayload(l, identity.pii(t.ctx).decrypt(l.holder_code_enc)) : ''));
  const key = generateSm2KeyPair();
  s = process.hrtime.bigint();
  const sigs = payloads.map((p) => sm2Sign(p, key));
  const rawSignS = Number(process.hrtime.bigint() - s) / 1e9;
  let ok = 0;
  s = process.hrtime.bigint();
  for (let r = 0; r < VERIFY_ROUNDS; r++) payloads.forEach((p, i) => (ok += sm2Verify(p, sigs[i] ?? '', key.publicKey) ? 1 : 0));
  const rawVerifyS = Number(process.hrtime.bigint() - s) / 1e9;
  if (ok !== payloads.length * VERIFY_ROUNDS) throw new Error('raw verification failed');

  const identifiers = rows.map((l) => l?.identifier ?? '');
  let valid = 0;
  s = process.hrtime.bigint();
  for (let r = 0; r < VERIFY_ROUNDS; r++) for (const id of identifiers) valid += (await verifyIdentifier(t.ctx, id, 'api', false)).verdict === 'valid' ? 1 : 0;
  const serviceS = Number(process.hrtime.bigint() - s) / 1e9;
  s = process.hrtime.bigint();
  for (let r = 0; r < VERIFY_ROUNDS; r++) {
    for (const id of identifiers) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/licenses/verify/${id}?channel=api`, remoteAddress: `10.0.${r}.${(valid++ % 250) + 1}` });
      if (res.statusCode !== 200) throw new Error(`verify → ${res.statusCode}: ${res.body}`);
    }
  }
  const httpS = Number(process.hrtime.bigint() - s) / 1e9;
  await t.close();

  const n = identifiers.length * VERIFY_ROUNDS;
  const rate = (count: number, secs: number) => count / secs;
  const engine = testPostgresUrl() ? 'PostgreSQL 15' : 'PGlite (embedded)';
  const rawSign = rate(ISSUE, rawSignS);
  const rawVerify = rate(n, rawVerifyS);
  const line = (name: string, perS: number, base: number, what: string) => `| ${name} | ${perS.toFixed(1)} | ${(perS / base).toFixed(2)}× | ${what} |`;
  writeResults(`### Licenses, ${engine}`, [
    `### Licenses, ${engine} — ${new Date().toISOString().slice(0, 10)}, sm-crypto-v2 SM2/SM3, ${ISSUE} licenses issued, ${n} verifications`,
    '',
    '| scenario | per second | ratio to its raw SM2 baseline | what it includes |',
    '| --- | ---: | ---: | --- |',
    line('raw SM2 sign', rawSign, rawSign, 'baseline for issuance'),
    line('issue (signed, logged)', rate(ISSUE, issueS), rawSign, 'import + serial + audit + sign + Merkle append + signed tree head'),
    line('issue + render OFD/PDF', rate(RENDER, renderS), rawSign, `the same plus both documents rendered and stored (${RENDER} licenses)`),
    line('raw SM2 verify', rawVerify, rawVerify, 'baseline for verification (precomputed public key)'),
    line('verify (service)', rate(n, serviceS), rawVerify, 'registry lookup, holder decrypt, canonical JSON, SM2 verify, use-log insert'),
    line('verify (HTTP)', rate(n, httpS), rawVerify, 'the same through Fastify (routing, validation, serialization)'),
  ].join('\n'));
  console.log(`issue ${rate(ISSUE, issueS).toFixed(1)}/s (raw sign ${rawSign.toFixed(1)}/s); render ${rate(RENDER, renderS).toFixed(2)}/s; verify service ${rate(n, serviceS).toFixed(1)}/s, http ${rate(n, httpS).toFixed(1)}/s (raw verify ${rawVerify.toFixed(1)}/s)`);
}

await main();
