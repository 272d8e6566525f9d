/**
 * Catalog xlsx export and import. Both move files, not JSON, so they call fetch themselves; errors
 * still come back as ApiError like every other call.
 */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CatalogExportQuery as CatalogExportQuerySchema, ImportJobView as ImportJobViewSchema } from '../../common/schemas/catalog-import.ts';
import { ApiError, request, type QueryParams } from './client.ts';

export type ImportJob = z.infer<typeof ImportJobViewSchema>;
export type ImportRowError = ImportJob['errors'][number];
export type ImportDraft = ImportJob['drafts'][number];
export type CatalogExportQuery = z.input<typeof CatalogExportQuerySchema>;

/** The MIME type of an xlsx file. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const V1 = '/api/v1/catalog';

/** Turn a failed file response into the ApiError the JSON calls would have thrown. */
async function failure(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.message) return new ApiError((body.error.code ?? 'BAD_REQUEST') as ApiError['code'], body.error.message, body.error.details, res.status);
  } catch {
    // Not our error body (a proxy page): fall through.
  }
  return new ApiError(res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', `HTTP ${res.status}`, undefined, res.status);
}

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
  return star ? decodeURIComponent(star) : fallback;
}

/** Download the export of the published items matching the filters and hand it to the browser as a file. */
export async function downloadCatalogExport(query: CatalogExportQuery): Promise<void> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as QueryParams)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  let res: Response;
  try {
    res = await fetch(`${V1}/export.xlsx?${params.toString()}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError('NETWORK_ERROR', '无法连接服务器，请检查网络后重试', undefined, 0);
  }
  if (!res.ok) throw await failure(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, 'catalog-export.xlsx');
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Upload a workbook; answers the import job's id (the job then runs on the server). */
export async function uploadCatalogImport(file: File): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${V1}/imports?fileName=${encodeURIComponent(file.name.slice(0, 200))}`, {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': XLSX_MIME, accept: 'application/json' }, body: file,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', '无法连接服务器，请检查网络后重试', undefined, 0);
  }
  if (!res.ok) throw await failure(res);
  return ((await res.json()) as { id: string }).id;
}

/** True once a job has finished (done or failed). */
export function isFinished(job: ImportJob | undefined): boolean {
  return job?.status === 'done' || job?.status === 'failed';
}

/** An import job, polled every half second until it has finished. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: ['catalog', 'import', id ?? ''],
    queryFn: ({ signal }) => request<ImportJob>('GET', `${V1}/imports/${id ?? ''}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 500),
  });
}
