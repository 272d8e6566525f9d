import type { GuideContentT } from '../../../common/schemas/catalog.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CheckIssue } from './checks.ts';

/** What the license catalog (证照目录) says of a type code: its name and whether it is in use. */
export type LicenseTypeLookup = (ctx: Ctx, codes: string[]) => Promise<Map<string, { name: string; active: boolean }>>;

let lookup: LicenseTypeLookup | null = null;

/** The licenses module registers how to look types up; the catalog then checks every reference before publish. */
export function registerLicenseTypeLookup(fn: LicenseTypeLookup): void {
  lookup = fn;
}

/**
 * The automatic check that every license type a guide names — its result, and each material proved
 * by a license — is in the license catalog, in use, and named as the catalog names it.
 */
export async function checkLicenseReferences(ctx: Ctx, g: GuideContentT): Promise<CheckIssue[]> {
  if (!lookup) return [];
  const refs: { path: string; code: string; name: string | null; namePath: string | null }[] = [];
  if (g.result.type === 'license' && g.result.licenseTypeCode) refs.push({ path: 'result.licenseTypeCode', code: g.result.licenseTypeCode, name: null, namePath: null });
  g.materials.forEach((m, i) => {
    if (m.source.kind === 'license') refs.push({ path: `materials.${i}.source.licenseTypeCode`, code: m.source.licenseTypeCode, name: m.source.licenseTypeName, namePath: `materials.${i}.source.licenseTypeName` });
  });
  if (refs.length === 0) return [];
  const known = await lookup(ctx, [...new Set(refs.map((r) => r.code))]);
  const issues: CheckIssue[] = [];
  for (const r of refs) {
    const t = known.get(r.code);
    if (!t) issues.push({ path: r.path, message: `证照目录中没有证照类型代码 ${r.code}，请先由数据管理员在证照目录中登记` });
    else if (!t.active) issues.push({ path: r.path, message: `证照类型“${t.name}”（${r.code}）已停用` });
    else if (r.name !== null && r.namePath && r.name !== t.name) issues.push({ path: r.namePath, message: `证照名称“${r.name}”与证照目录中的“${t.name}”不一致` });
  }
  return issues;
}
