import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  CaseLicenseView,
  ChangeLicenseBody,
  ConsistencyProof,
  ConsistencyQuery,
  IdentifierParams,
  ImportLicenseBody,
  IssuerKeyView,
  LicenseDetail,
  LicenseListQuery,
  LicensePage,
  LicenseStateBody,
  LicenseSummary,
  LicenseTypeBody,
  LicenseTypeParams,
  LicenseTypeView,
  RenewLicenseBody,
  RotateKeyBody,
  StaffLicenseQueryBody,
  TreeHead,
  TrustedKeyBody,
  TrustedMaterialQuery,
  TrustedMaterialView,
  UpdateLicenseTypeBody,
  UsableLicense,
  VerifyMaterialBody,
  VerifyQuery,
  VerifyResult,
} from '../../../common/schemas/licenses.ts';
import { LIMITS } from '../../../common/limits.ts';
import { IdParams } from '../../../common/schemas/shared.ts';
import { AppError } from '../../platform/errors.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { registerCaseCompletedHandler, registerLicenseMaterials, registerTrustedMaterials } from '../cases/hooks.ts';
import * as trusted from './trusted-materials.ts';
import { registerLicenseTypeLookup } from '../catalog/license-references.ts';
import * as keys from './keys.ts';
import { consistencyBetween, presentLatestHead } from './log.ts';
import { licensesPolicy as policy } from './policy.ts';
import * as service from './service.ts';

const CaseParams = z.object({ caseId: z.uuid() });
const DocParams = z.object({ id: z.uuid(), kind: z.enum(['ofd', 'pdf']) });

function sendDocument(reply: FastifyReply, d: { bytes: Buffer; name: string; contentType: string }): FastifyReply {
  return reply
    .header('content-type', d.contentType)
    .header('content-disposition', `attachment; filename="license.${d.name.split('.').pop() ?? 'bin'}"; filename*=UTF-8''${encodeURIComponent(d.name)}`)
    .header('cache-control', 'private, no-store')
    .send(d.bytes);
}

let hooked = false;

/** Register the licenses routes and hook issuance and authorized use into case handling. */
export async function registerLicenses(app: FastifyInstance): Promise<void> {
  if (!hooked) {
    // Module-level registries: once per process, whatever the number of apps a test builds.
    registerCaseCompletedHandler(service.issueLicenseForCase);
    registerLicenseMaterials(service.resolveLicenseMaterial, service.recordGrants);
    registerTrustedMaterials(trusted.trustedMaterialHandlers);
    registerLicenseTypeLookup(service.lookupTypes);
    trusted.registerTrustedMaterialFiles();
    hooked = true;
  }
  registerRoutes(app, 'licenses', [
    // --- public verification ---
    route({
      method: 'GET', url: '/api/v1/licenses/verify/:identifier', summary: '按证照标识核验（扫码或输入标识，无需登录）', policy: policy.public,
      description: 'Answers valid / suspended / revoked / expired / superseded / tampered / not_found from the registry, checking the SM2 signature over the canonical license data. `proof=true` adds the transparency-log inclusion proof. Every call is logged in the holder\'s use record.',
      params: IdentifierParams, query: VerifyQuery, response: VerifyResult, rateLimitPerMinute: 120,
      handler: async ({ ctx, params, query }) => service.verifyIdentifier(ctx, params.identifier, query.channel, query.proof === 'true'),
    }),
    route({
      method: 'POST', url: '/api/v1/licenses/verify/document', summary: '上传 OFD 或 PDF 文件核验（无需登录）', policy: policy.public,
      description: 'multipart/form-data with the file in field "file". OFD: every signed digest and the seal signature are checked, for this platform\'s licenses and for other regions\' issuers on the trust list. PDF: the bytes must be those issued.',
      response: VerifyResult, bodyLimit: LIMITS.uploadMaxBytes + 64 * 1024, rateLimitPerMinute: 30,
      handler: async ({ ctx, req }) => {
        if (!req.isMultipart()) throw AppError.field('file', '请以 multipart/form-data 上传，文件字段名为 file');
        const part = await req.file();
        if (!part || part.fieldname !== 'file') throw AppError.field('file', '请选择要核验的文件（字段名 file）');
        const bytes = await part.toBuffer().catch((e: unknown) => {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', 'file: 文件过大', [{ path: 'file', message: '文件过大' }]);
          throw e;
        });
        return service.verifyDocument(ctx, bytes, part.filename);
      },
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/log/head', summary: '透明日志最新签名树头', policy: policy.public,
      response: TreeHead,
      handler: async ({ ctx }) => presentLatestHead(ctx),
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/log/consistency', summary: '透明日志两个树头之间的一致性证明', policy: policy.public,
      query: ConsistencyQuery, response: ConsistencyProof,
      handler: async ({ ctx, query }) => {
        const p = await consistencyBetween(ctx, query.from, query.to);
        if (!p) throw new AppError('NOT_FOUND', '没有该大小的树头，或 from 大于 to', [{ path: query.from > query.to ? 'from' : 'to', message: '树头不存在' }]);
        return p;
      },
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/trust-list', summary: '发证机构公钥（本平台与信任列表）', policy: policy.public,
      description: 'Every issuer public key this platform verifies with, including retired ones (they still verify what they signed). Other platforms import the local ones into their trust list.',
      response: z.array(IssuerKeyView),
      handler: async ({ ctx }) => keys.listKeys(ctx),
    }),
    // --- license catalog (证照目录) ---
    route({
      method: 'GET', url: '/api/v1/license-types', summary: '证照目录', policy: policy.public,
      response: z.array(LicenseTypeView),
      handler: async ({ ctx }) => service.listTypes(ctx),
    }),
    route({
      method: 'GET', url: '/api/v1/license-types/:code', summary: '证照类型', policy: policy.public,
      params: LicenseTypeParams, response: LicenseTypeView,
      handler: async ({ ctx, params }) => service.getType(ctx, params.code),
    }),
    route({
      method: 'POST', url: '/api/v1/license-types', summary: '新增证照类型', policy: policy.catalog, status: 201,
      body: LicenseTypeBody, response: LicenseTypeView,
      handler: async ({ ctx, body }) => service.createType(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/api/v1/license-types/:code', summary: '修改证照类型', policy: policy.catalog,
      params: LicenseTypeParams, body: UpdateLicenseTypeBody, response: LicenseTypeView,
      handler: async ({ ctx, params, body }) => service.updateType(ctx, params.code, body),
    }),
    // --- keys and the trust list ---
    route({
      method: 'POST', url: '/api/v1/licenses/keys/rotate', summary: '更换发证机构签章密钥（旧密钥仍可验证）', policy: policy.catalog,
      body: RotateKeyBody, response: IssuerKeyView,
      handler: async ({ ctx, body }) => keys.rotateKey(ctx, body.issuerCode),
    }),
    route({
      method: 'POST', url: '/api/v1/licenses/keys/trusted', summary: '加入信任列表（外地发证机构公钥）', policy: policy.catalog, status: 201,
      body: TrustedKeyBody, response: IssuerKeyView,
      handler: async ({ ctx, body }) => keys.addTrustedKey(ctx, body),
    }),
    // --- wallet (我的证照) ---
    route({
      method: 'GET', url: '/api/v1/licenses/mine', summary: '我的证照', policy: policy.holder,
      query: LicenseListQuery, response: LicensePage,
      handler: async ({ ctx, query }) => service.myLicenses(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/mine/usable', summary: '可用于申请的本人有效证照（用证）', policy: policy.holder,
      query: z.object({ typeCode: z.string().regex(/^[0-9A-Z]{21}$/, '证照类型代码应为21位') }), response: z.array(UsableLicense),
      handler: async ({ ctx, query }) => service.usableLicenses(ctx, query.typeCode),
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/mine/materials', summary: '我的可信电子材料（窗口核验过、可复用的材料）', policy: policy.holder,
      query: TrustedMaterialQuery, response: z.array(TrustedMaterialView),
      handler: async ({ ctx, query }) => trusted.myMaterials(ctx, query),
    }),
    route({
      method: 'POST', url: '/api/v1/licenses/mine/materials/:id/withdraw', summary: '撤回可信电子材料（不再复用）', policy: policy.holder,
      params: IdParams, response: TrustedMaterialView,
      handler: async ({ ctx, params }) => trusted.withdrawMaterial(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/licenses/trusted-materials', summary: '核验办件材料并保存为可信电子材料（以后可复用）', policy: policy.caseQuery, status: 201,
      body: VerifyMaterialBody, response: TrustedMaterialView,
      handler: async ({ ctx, body }) => trusted.verifyMaterial(ctx, body),
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/mine/:id', summary: '我的证照详情（含用证与核验记录）', policy: policy.holder,
      params: IdParams, response: LicenseDetail,
      handler: async ({ ctx, params }) => service.myLicense(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/:id/document/:kind', summary: '下载证照文件（OFD 或 PDF）', policy: policy.document,
      params: DocParams, response: z.string().describe('The document (binary)'),
      handler: async ({ ctx, params, reply }) => sendDocument(reply, await service.downloadDocument(ctx, params.id, params.kind)),
    }),
    // --- registry and lifecycle ---
    route({
      method: 'GET', url: '/api/v1/licenses', summary: '证照库（本辖区签发的证照）', policy: policy.registry,
      query: LicenseListQuery, response: LicensePage,
      handler: async ({ ctx, query }) => service.registry(ctx, query),
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/:id', summary: '证照详情（证照管理）', policy: policy.registry,
      params: IdParams, response: LicenseDetail,
      handler: async ({ ctx, params }) => service.registryLicense(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/v1/licenses/import', summary: '存量证照入库（签发电子证照）', policy: policy.manage, status: 201,
      body: ImportLicenseBody, response: LicenseDetail,
      handler: async ({ ctx, body }) => service.importLicense(ctx, body),
    }),
    ...(['suspend', 'resume', 'revoke'] as const).map((action) =>
      route({
        method: 'POST', url: `/api/v1/licenses/:id/${action}`, summary: { suspend: '暂停证照', resume: '恢复证照', revoke: '注销证照（核验方立即可见）' }[action], policy: policy.manage,
        params: IdParams, body: LicenseStateBody, response: LicenseDetail,
        handler: async ({ ctx, params, body }) => service.changeState(ctx, params.id, action, body.reason),
      }),
    ),
    route({
      method: 'POST', url: '/api/v1/licenses/:id/change', summary: '变更证照（生成新版本）', policy: policy.manage, status: 201,
      params: IdParams, body: ChangeLicenseBody, response: LicenseDetail,
      handler: async ({ ctx, params, body }) => service.newVersion(ctx, params.id, { kind: 'change', body }),
    }),
    route({
      method: 'POST', url: '/api/v1/licenses/:id/renew', summary: '延续证照（生成新版本）', policy: policy.manage, status: 201,
      params: IdParams, body: RenewLicenseBody, response: LicenseDetail,
      handler: async ({ ctx, params, body }) => service.newVersion(ctx, params.id, { kind: 'renew', body }),
    }),
    // --- use within a case ---
    route({
      method: 'POST', url: '/api/v1/licenses/query', summary: '办件中查询申请人证照（须说明事由，全程留痕）', policy: policy.caseQuery,
      body: StaffLicenseQueryBody, response: z.array(LicenseDetail),
      handler: async ({ ctx, body }) => service.staffQuery(ctx, body),
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/case/:caseId', summary: '办件使用的电子证照（经核验的照面信息）', policy: policy.caseUse,
      params: CaseParams, response: z.array(CaseLicenseView),
      handler: async ({ ctx, params }) => service.caseLicenses(ctx, params.caseId),
    }),
    route({
      method: 'GET', url: '/api/v1/licenses/case/:caseId/issued', summary: '办件签发的电子证照', policy: policy.caseUse,
      params: CaseParams, response: LicenseSummary.nullable(),
      handler: async ({ ctx, params }) => service.licenseOfCase(ctx, params.caseId),
    }),
  ]);
}
