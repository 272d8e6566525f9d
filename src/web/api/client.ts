import { ERROR_CODES, type ErrorBody, type ErrorCode, type FieldIssue } from '../../common/errors.ts';

/** Error codes the client can see: the server's stable codes plus a failure to reach the server at all. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR';

/** An API call that did not succeed; `details` is whatever the server attached (field issues, lock time…). */
export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly details: unknown;
  readonly status: number;

  constructor(code: ClientErrorCode, message: string, details: unknown, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.status = status;
  }

  /** The field issues of a VALIDATION_FAILED answer (empty for every other error). */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.filter(isFieldIssue);
  }
}

function isFieldIssue(v: unknown): v is FieldIssue {
  return typeof v === 'object' && v !== null && typeof (v as FieldIssue).path === 'string' && typeof (v as FieldIssue).message === 'string';
}

function isErrorBody(v: unknown): v is ErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e: unknown = v.error;
  return typeof e === 'object' && e !== null && typeof (e as { code: unknown }).code === 'string';
}

function isErrorCode(v: string): v is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(v);
}

/** Query-string values; undefined, null and '' are left out so that "no filter" means no parameter. */
export type QueryParams = Record<string, string | number | boolean | undefined | null>;

function queryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Call the API. The session lives in an httpOnly cookie, so every call sends same-origin credentials. */
export async function request<T>(
  method: Method,
  path: string,
  options: { query?: QueryParams; body?: unknown; signal?: AbortSignal; headers?: Record<string, string>; form?: FormData } = {},
): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...options.headers }, signal: options.signal ?? null };
  // Fastify rejects an empty body declared as JSON, so the content type goes only with a body.
  if (options.body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json', ...options.headers };
    init.body = JSON.stringify(options.body);
  } else if (options.form) {
    // The browser sets the multipart content type with its boundary.
    init.body = options.form;
  }
  let res: Response;
  try {
    res = await fetch(path + queryString(options.query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('NETWORK_ERROR', '无法连接服务器，请检查网络后重试', undefined, 0);
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (isErrorBody(data)) {
      const { code, message, details } = data.error;
      throw new ApiError(isErrorCode(code) ? code : fallbackCode(res.status), message, details, res.status);
    }
    throw new ApiError(fallbackCode(res.status), `HTTP ${res.status}`, undefined, res.status);
  }
  return data as T;
}

// A proxy or gateway may answer without our error body; keep the status meaningful.
function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503 || status === 502 || status === 504) return 'UNAVAILABLE';
  return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}

/** The typed verbs. */
export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: (path: string) => request<undefined>('DELETE', path),
};
