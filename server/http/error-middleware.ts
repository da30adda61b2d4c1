import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from '../db/store-unavailable';
import { ApiError } from './api-error';

interface HttpErrorLike {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
}

/** Maps body-parser and router errors (bad JSON, too large, bad encoding, bad URI) onto contract codes. */
function fromHttpError(error: HttpErrorLike): ApiError | null {
  const status = typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : undefined;
  if (error.type === 'entity.too.large' || status === 413) return new ApiError('PAYLOAD_TOO_LARGE', 'the body is larger than 64 KiB');
  if (status === 415) return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'the body must be JSON in UTF-8');
  if (error.type === 'entity.parse.failed') return new ApiError('BAD_REQUEST', 'the body is not valid JSON');
  if (status !== undefined && status >= 400 && status < 500) {
    if (status === 404) return new ApiError('NOT_FOUND', 'no such resource');
    if (status === 405) return new ApiError('METHOD_NOT_ALLOWED', 'method not allowed');
    if (status === 429) return new ApiError('TOO_MANY_REQUESTS', 'too many requests');
    return new ApiError('BAD_REQUEST', 'the request could not be read');
  }
  return null;
}

/** The one error handler: every failure leaves as API.md's error shape; unknown ones as 500 without a stack. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const record: HttpErrorLike & { name?: unknown; code?: unknown } = typeof error === 'object' && error !== null ? error : {};
    let apiError = error instanceof ApiError ? error : fromHttpError(record);
    if (apiError === null) {
      // Only the error's class and code: driver messages can quote stored values.
      const name = typeof record.name === 'string' ? record.name : typeof error;
      const code = typeof record.code === 'string' || typeof record.code === 'number' ? String(record.code) : '';
      if (isStoreUnavailable(error)) {
        logger.warn({ err: { name, code } }, 'the database cannot answer');
        apiError = new ApiError('SERVICE_UNAVAILABLE', 'the registration store is unavailable; try again later', { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS });
      } else {
        logger.error({ err: { name, code } }, 'unhandled error');
        apiError = new ApiError('INTERNAL_ERROR', 'internal error');
      }
    }
    if (apiError.extra.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(apiError.extra.retryAfterSeconds));
    if (apiError.extra.allow) res.setHeader('Allow', apiError.extra.allow.join(', '));
    res.status(apiError.status).json(apiError.toBody());
  };
}

/** Final handler for paths no route knows. */
export const notFound: RequestHandler = () => {
  throw new ApiError('NOT_FOUND', 'no such resource');
};

/** Handler for a known path with another method. */
export function methodNotAllowed(allowed: string[]): RequestHandler {
  const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
  return () => {
    throw new ApiError('METHOD_NOT_ALLOWED', 'method not allowed on this resource', { allow });
  };
}
