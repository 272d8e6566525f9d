import { z } from 'zod';
import { RegionCode } from './shared.ts';

/** Filters of the catalog xlsx export (the items page's filters). */
export const CatalogExportQuery = z.object({
  regionCode: RegionCode.optional().describe('Region subtree (default: the admin’s own region)'),
  departmentId: z.uuid().optional().describe('Only this implementing body'),
  q: z.string().trim().max(50).optional().describe('Only items matching these words'),
});

/** Query of an import upload. */
export const CatalogImportQuery = z.object({
  fileName: z.string().trim().max(200).optional().describe('Name of the uploaded file, kept for the record'),
});

/** One problem in an imported workbook, located as Excel shows it (header is row 1). */
export const ImportRowError = z.object({
  sheet: z.string().describe('Sheet name, e.g. 事项清单'),
  row: z.number().int().nullable().describe('Excel row number'),
  column: z.string().nullable().describe('Column header, e.g. 承诺时限'),
  field: z.string().nullable().describe('Guide field path, e.g. promisedLimit.days'),
  message: z.string(),
});

/** A change draft created by an import. */
export const ImportDraft = z.object({
  implementationId: z.uuid(),
  versionId: z.uuid(),
  version: z.number().int(),
  code: z.string().describe('实施编码'),
  name: z.string(),
  changedFields: z.array(z.object({ path: z.string(), label: z.string() })),
});

/** Import job statuses: parsing → validating → applying → done, or failed with nothing written. */
export const IMPORT_STATUSES = ['parsing', 'validating', 'applying', 'done', 'failed'] as const;

/** An import job and its outcome. */
export const ImportJobView = z.object({
  id: z.uuid(),
  status: z.enum(IMPORT_STATUSES),
  processed: z.number().int().describe('Implementations validated so far'),
  total: z.number().int().describe('Implementations in 事项清单'),
  fileName: z.string().nullable(),
  errors: z.array(ImportRowError),
  drafts: z.array(ImportDraft),
  unchanged: z.number().int().describe('Implementations whose rows equal the version in force'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** The answer to an upload: the job to poll. */
export const ImportAccepted = z.object({ id: z.uuid() });
