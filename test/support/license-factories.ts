import type { z } from 'zod';
import { LicenseTypeBody } from '../../src/common/schemas/licenses.ts';
import type { Ctx } from '../../src/server/platform/context.ts';
import * as licenses from '../../src/server/modules/licenses/service.ts';
import { buildDepartment } from './factories.ts';

/** The type codes buildGuide refers to: its 营业执照 material and its 食品经营许可证 result. */
export const BUSINESS_LICENSE_TYPE = '11100000MB0143028R001';
export const FOOD_LICENSE_TYPE = '11100000MB0143028R002';

const DEFAULTS: Record<string, z.input<typeof LicenseTypeBody>> = {
  [BUSINESS_LICENSE_TYPE]: {
    code: BUSINESS_LICENSE_TYPE, name: '营业执照', definingBody: '国家市场监督管理总局', holderKind: 'both', issuingDepartments: ['市场监管局'], validity: { kind: 'long_term' },
    fields: [{ key: 'name', label: '名称' }, { key: 'scope', label: '经营范围' }],
  },
  [FOOD_LICENSE_TYPE]: {
    code: FOOD_LICENSE_TYPE, name: '食品经营许可证', definingBody: '国家市场监督管理总局', holderKind: 'both', issuingDepartments: ['市场监管局'], validity: { kind: 'years', years: 5 }, numberPrefix: 'JY',
    fields: [{ key: 'shopName', label: '经营者名称', formKey: 'shopName' }, { key: 'area', label: '经营面积（平方米）', formKey: 'area', required: false }],
  },
};

/** Make sure a license type is in the catalog (defaults for the two types buildGuide names). */
export async function buildLicenseType(ctx: Ctx, code: string = BUSINESS_LICENSE_TYPE, o: Partial<z.input<typeof LicenseTypeBody>> = {}): Promise<string> {
  const existing = await licenses.getType(ctx, code).catch(() => undefined);
  if (existing) return code;
  const base = DEFAULTS[code] ?? { code, name: '测试证照', definingBody: '测试定义机构', holderKind: 'both', validity: { kind: 'long_term' } };
  await licenses.createType(ctx, LicenseTypeBody.parse({ ...base, ...o }));
  return code;
}

/** Give a holder a valid, signed license (an import of an existing one); returns its id. */
export async function holdLicense(
  ctx: Ctx,
  holder: { kind: 'person' | 'legal_person'; name: string; code: string },
  o: { typeCode?: string; departmentId?: string; data?: Record<string, string>; validUntil?: string | null; licenseNumber?: string } = {},
): Promise<string> {
  const typeCode = await buildLicenseType(ctx, o.typeCode ?? BUSINESS_LICENSE_TYPE);
  const departmentId = o.departmentId ?? (await buildDepartment(ctx, { name: `发证局${Math.random().toString(36).slice(2, 8)}` })).id;
  const d = await licenses.importLicense(ctx, {
    typeCode, licenseNumber: o.licenseNumber ?? `T${Date.now()}${Math.floor(Math.random() * 1e6)}`, holderKind: holder.kind, holderName: holder.name, holderCode: holder.code,
    issuerDepartmentId: departmentId, data: o.data ?? { name: holder.name, scope: '餐饮服务' }, validFrom: '2024-01-02', validUntil: o.validUntil === undefined ? null : o.validUntil, issuedOn: '2024-01-02',
  });
  await licenses.finalizeLicense(ctx, d.id, { render: false });
  return d.id;
}

/** Put the license types buildGuide names into the license catalog (the catalog checks every reference before publish). */
export async function buildGuideLicenseTypes(ctx: Ctx): Promise<void> {
  await buildLicenseType(ctx, BUSINESS_LICENSE_TYPE);
  await buildLicenseType(ctx, FOOD_LICENSE_TYPE);
}
