/** Stable error codes shared by server and web. The HTTP status of each lives in ERROR_STATUS. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'NOT_FOUND',
  'CONFLICT',
  'ALREADY_EXISTS',
  'INVALID_STATE',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL',
  'INTEGRITY_FAILED',
  'UNAVAILABLE',
  'REAL_NAME_LEVEL_TOO_LOW',
  'OTP_LOCKED',
  'ACTING_ENDED',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Exhaustive code → HTTP status table: adding a code without a status fails the type check. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  ACCOUNT_LOCKED: 423,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** Stored content no longer matches its hash: refused rather than served. */
  INTEGRITY_FAILED: 500,
  UNAVAILABLE: 503,
  /** The item needs a higher real-name level (实名等级) than the account has; details name both levels. */
  REAL_NAME_LEVEL_TOO_LOW: 403,
  /** A one-time code (验证码) was entered wrong too often: refused even when right, until a new one is requested. */
  OTP_LOCKED: 423,
  /** Acting for an enterprise ended by itself (authorisation revoked or expired): the session is the person again, the write was not done. */
  ACTING_ENDED: 409,
};

/** A field-level problem in a request; `path` names the field, e.g. "idNumber". */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The error body every API error has. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}
