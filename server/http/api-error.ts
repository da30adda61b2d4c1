import { ERROR_STATUS, type ErrorBody, type ErrorCode, type FieldError } from '../../protocol';

/** An error that is part of the contract: the error middleware sends it as API.md's error shape. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fields?: FieldError[]; matchedOn?: 'serial' | 'hardwareUuid'; retryAfterSeconds?: number; allow?: string[] } = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  /** The response body of API.md. */
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.extra.fields ? { fields: this.extra.fields } : {}),
        ...(this.extra.matchedOn ? { matchedOn: this.extra.matchedOn } : {}),
      },
    };
  }
}
