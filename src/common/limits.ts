/** Limits shared by server and web. */
export const LIMITS = {
  passwordMinLength: 10,
  passwordMaxLength: 128,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  pageSizeMax: 200,
  nameMaxLength: 100,
} as const;
