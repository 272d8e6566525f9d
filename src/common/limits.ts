/** Limits shared by server and web. */
export const LIMITS = {
  passwordMinLength: 10,
  passwordMaxLength: 128,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  pageSizeMax: 200,
  nameMaxLength: 100,
  /** Largest catalog xlsx accepted for import (bytes). */
  catalogImportMaxBytes: 10 * 1024 * 1024,
  /** Most implementations (事项清单 rows) one import or export may hold. */
  catalogXlsxMaxItems: 5000,
} as const;
