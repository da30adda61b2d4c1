import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { ApiError } from './api-error';

/** express-rate-limit's validation errors (code + one-sentence message), as one pino line each instead of a stack trace. */
function oneLineLogger(logger: Logger): { warn: (...args: unknown[]) => void; error: (...args: unknown[]) => void } {
  const line = (level: 'warn' | 'error') => (...args: unknown[]) => {
    const found = args.find((arg): arg is Error => arg instanceof Error);
    const code = found && 'code' in found && typeof found.code === 'string' ? found.code : undefined;
    const message = found ? found.message : args.filter((arg) => typeof arg === 'string').join(' ');
    logger[level]({ code }, message.replace(/\s*\n\s*/g, ' '));
  };
  return { warn: line('warn'), error: line('error') };
}

/** Per-IP limit over a one-minute window (in memory, per process); 0 turns it off. Misconfigurations (such as X-Forwarded-For with no proxy trusted) are logged once. */
export function perIpRateLimit(perMinute: number, logger: Logger): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: true,
    logger: oneLineLogger(logger),
    handler: (_req, _res, next) => next(new ApiError('TOO_MANY_REQUESTS', 'too many requests from this address; try again later')),
  });
}
