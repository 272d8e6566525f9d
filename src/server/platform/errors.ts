import { ERROR_STATUS, type ErrorCode, type FieldIssue } from '../../common/errors.ts';

/** The one application error: a stable code, a human message (zh-CN) and optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** HTTP status from the exhaustive table. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** A validation error naming one field. */
  static field(path: string, message: string): AppError {
    const details: FieldIssue[] = [{ path, message }];
    return new AppError('VALIDATION_FAILED', `${path}: ${message}`, details);
  }

  /** A not-found error for an entity. */
  static notFound(entity: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${entity} ${id} 不存在`, { entity, id });
  }
}
