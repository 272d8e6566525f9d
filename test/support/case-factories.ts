import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { GuideContent } from '../../src/common/schemas/catalog.ts';
import type { CaseViewT, MaterialEntryT } from '../../src/common/schemas/cases.ts';
import { json } from './app.ts';
import { buildBasicCode, buildGuide } from './catalog-factories.ts';
import { multipartBody, pdfBytes } from './files.ts';

/** A published catalog version, as the API returns it. */
export interface PublishedVersion {
  id: string;
  implementationId: string;
  version: number;
}

async function call<T>(app: FastifyInstance, cookie: string, method: 'POST' | 'PATCH', url: string, payload?: object): Promise<T> {
  const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body}`);
  return json<T>(res);
}

/** Add, submit and publish an implementation through the API (two catalog admins: editor and reviewer). */
export async function publishImplementation(
  app: FastifyInstance,
  admins: { editor: string; reviewer: string },
  departmentId: string,
  guide: z.input<typeof GuideContent> = buildGuide(),
): Promise<PublishedVersion> {
  const draft = await call<PublishedVersion>(app, admins.editor, 'POST', '/api/v1/catalog/implementations', { basicCode: buildBasicCode(), departmentId, content: guide });
  await call(app, admins.editor, 'POST', `/api/v1/catalog/versions/${draft.id}/submit`);
  return call<PublishedVersion>(app, admins.reviewer, 'POST', `/api/v1/catalog/versions/${draft.id}/review`, { decision: 'approve' });
}

/** Publish a changed guide as the implementation's next version. */
export async function changeImplementation(app: FastifyInstance, admins: { editor: string; reviewer: string }, implementationId: string, guide: z.input<typeof GuideContent>): Promise<PublishedVersion> {
  const draft = await call<PublishedVersion>(app, admins.editor, 'POST', `/api/v1/catalog/implementations/${implementationId}/operations`, { operation: 'change', changeNote: '测试变更' });
  await call(app, admins.editor, 'PATCH', `/api/v1/catalog/versions/${draft.id}`, { content: guide });
  await call(app, admins.editor, 'POST', `/api/v1/catalog/versions/${draft.id}/submit`);
  return call<PublishedVersion>(app, admins.reviewer, 'POST', `/api/v1/catalog/versions/${draft.id}/review`, { decision: 'approve' });
}

/** A form that buildGuide-like items can carry: the shop name is required. */
export const SHOP_FORM = {
  type: 'object',
  required: ['shopName'],
  properties: { shopName: { type: 'string', minLength: 1, title: '店铺名称' }, area: { type: 'number', minimum: 0, title: '经营面积' } },
} as const;

/** Upload a PDF through POST /api/v1/files as the caller; returns the file id. */
export async function uploadFile(app: FastifyInstance, cookie: string, name = '材料.pdf'): Promise<string> {
  const { payload, headers } = multipartBody({ name, bytes: pdfBytes(`${name} ${randomUUID()}`), contentType: 'application/pdf' });
  const res = await app.inject({ method: 'POST', url: '/api/v1/files', headers: { cookie, ...headers }, payload });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`upload → ${res.statusCode}: ${res.body}`);
  return json<{ id: string }>(res).id;
}

/** Materials that complete buildGuide's list: two uploads (made now, as the caller) and the business license from the license library. */
export async function buildMaterials(app: FastifyInstance, cookie: string): Promise<Record<string, MaterialEntryT>> {
  return {
    application: { via: 'upload', fileIds: [await uploadFile(app, cookie, '食品经营许可申请书.pdf')] },
    'business-license': { via: 'license', licenseNumber: '92350703MA00000001' },
    layout: { via: 'upload', fileIds: [await uploadFile(app, cookie, '经营场所布局图.pdf')] },
  };
}

/** Apply through the API (submitted by default, with a fresh idempotency key); returns the case. */
export async function buildCase(
  app: FastifyInstance,
  cookie: string,
  o: { implementationId: string; formData?: Record<string, unknown>; materials?: Record<string, MaterialEntryT>; submit?: boolean; applicant?: object },
): Promise<CaseViewT> {
  const submit = o.submit ?? true;
  const res = await app.inject({
    method: 'POST', url: '/api/v1/cases', headers: { cookie, 'idempotency-key': `test-${randomUUID()}` },
    payload: { implementationId: o.implementationId, formData: o.formData ?? { shopName: '闽北小吃店', area: 40 }, materials: o.materials ?? (await buildMaterials(app, cookie)), submit, ...(o.applicant ? { applicant: o.applicant } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`apply → ${res.statusCode}: ${res.body}`);
  return json<CaseViewT>(res);
}
