export const statusOf = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404, // missing OR out of scope: never tell the two apart
  CONFLICT: 409, // a unique value taken, or a concurrent change won
  INVALID_STATE: 409, // the status does not allow this transition
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_VIOLATION: 422, // well-formed input that breaks a business rule
  LOCKED: 423, // account locked after failed logins
  RATE_LIMITED: 429,
} as const;
export type AppErrorCode = keyof typeof statusOf;
export const appErrorCodes = Object.keys(statusOf) as AppErrorCode[];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return statusOf[this.code];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Throws NOT_FOUND when a lookup came back empty; keeps use cases free of repeated ifs. */
export function found<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) {
    throw new AppError('NOT_FOUND', `${what} not found`);
  }
  return value;
}

/** Rejects a transition not in the table with INVALID_STATE. */
export function assertTransition<S extends string>(table: Record<S, readonly S[]>, from: S, to: S): void {
  if (!table[from]?.includes(to)) {
    throw new AppError('INVALID_STATE', `cannot go from ${from} to ${to}`, { from, to });
  }
}
