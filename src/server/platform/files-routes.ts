import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LIMITS } from '../../common/limits.ts';
import { FileView } from '../../common/schemas/files.ts';
import { IdParams } from '../../common/schemas/shared.ts';
import { AppError } from './errors.ts';
import { presentFile, readFileFor, storeUpload } from './files.ts';
import type { Policy } from './guard.ts';
import { registerRoutes, route } from './http.ts';

/** Who may upload and read files (the permission-matrix test checks the routes against this). */
export const filesPolicy = {
  /** Any logged-in account uploads its own materials. */
  upload: { authenticated: true },
  /** Any logged-in account may ask; the service admits the uploader and whom the owning module's policy allows. */
  read: { authenticated: true },
} as const satisfies Record<string, Policy>;

const MB = LIMITS.uploadMaxBytes / 1024 / 1024;

/** RFC 6266 Content-Disposition with a UTF-8 file name (Chinese names survive every browser). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Register the file routes and the multipart parser. */
export async function registerFiles(app: FastifyInstance): Promise<void> {
  // One file per request, size enforced while it streams in (nothing is buffered beyond the limit).
  await app.register(multipart, { limits: { fileSize: LIMITS.uploadMaxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
  registerRoutes(app, 'files', [
    route({
      method: 'POST', url: '/api/v1/files', summary: '上传文件（multipart/form-data，字段名 file）', policy: filesPolicy.upload,
      description: `One file in the multipart field "file", at most ${MB} MB, of type PDF, JPG, PNG, OFD, DOCX or XLSX by its content, with a matching extension. The same bytes uploaded again are stored once.`,
      response: FileView, status: 201,
      handler: async ({ ctx, req }) => {
        if (!req.isMultipart()) throw AppError.field('file', '请以 multipart/form-data 上传，文件字段名为 file');
        const part = await req.file();
        if (!part || part.fieldname !== 'file') throw AppError.field('file', '请选择要上传的文件（字段名 file）');
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('PAYLOAD_TOO_LARGE', `file: 文件超过 ${MB} MB`, [{ path: 'file', message: `文件超过 ${MB} MB` }]);
          }
          throw e;
        }
        return presentFile(await storeUpload(ctx, { bytes, name: part.filename }));
      },
    }),
    route({
      method: 'GET', url: '/api/v1/files/:id', summary: '下载文件（上传人或业务模块授权的人员）', policy: filesPolicy.read,
      description: 'The content is verified against its SM3 hash on every read; altered content is refused (INTEGRITY_FAILED), never served.',
      params: IdParams, response: z.string().describe('The file content (binary)'),
      handler: async ({ ctx, params, reply }) => {
        const { file, bytes } = await readFileFor(ctx, params.id);
        return reply
          .header('content-type', file.content_type)
          .header('content-disposition', contentDisposition(file.name))
          .header('cache-control', 'private, no-store')
          .header('etag', `"${file.hash}"`)
          .send(bytes);
      },
    }),
  ]);
}
