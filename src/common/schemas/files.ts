import { z } from 'zod';

/** A stored file as the API presents it (never where or how it is stored). */
export const FileView = z.object({
  /** Id to reference the file from other records (a case's materials…). */
  id: z.uuid(),
  /** SM3 hash (hex) of the content: the same bytes always have the same hash. */
  hash: z.string().describe('SM3 hash of the content, hex'),
  /** Size in bytes. */
  size: z.number().int(),
  /** Type detected from the content (not the one the browser claimed). */
  contentType: z.string(),
  /** Original file name. */
  name: z.string(),
});
