import { z } from 'zod';
import { LIMITS } from '../limits.ts';

/** A UUID path parameter. */
export const IdParams = z.object({ id: z.uuid().describe('Internal id (UUID)') });

/** Paging query: 1-based page and page size. */
export const PageQuery = z.object({
  /** 1-based page number. */
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  /** Rows per page. */
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20).describe('Rows per page'),
});

/** Build the schema of a page of items. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Total matching rows'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Generic OK answer. */
export const OkResponse = z.object({ ok: z.literal(true) });

/** The error body, for the OpenAPI document. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string().describe('Stable error code, e.g. VALIDATION_FAILED'),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});

/** A 12-digit statistical region code (GB/T 2260 + NBS). */
export const RegionCode = z.string().regex(/^\d{12}$/, '区划代码应为12位数字').describe('12-digit region code');

/** A trimmed, non-empty name. */
export const Name = z.string().trim().min(1, '不能为空').max(LIMITS.nameMaxLength);
