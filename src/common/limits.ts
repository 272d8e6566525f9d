/** Limits shared by server and web. */
export const LIMITS = {
  passwordMinLength: 10,
  passwordMaxLength: 128,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  pageSizeMax: 200,
  nameMaxLength: 100,
  /** Largest uploaded file (材料), checked while it streams in, before anything is stored. */
  uploadMaxBytes: 20 * 1024 * 1024,
  /** Longest original file name kept. */
  uploadNameMaxLength: 200,
} as const;

/** File extensions an applicant may upload; the content must be of the same type (checked by its magic bytes). */
export const UPLOAD_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'ofd', 'docx', 'xlsx'] as const;
