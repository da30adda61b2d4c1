import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from './api-error';

/** Per-IP limit over a one-minute window (in memory, per process); 0 turns it off. */
export function perIpRateLimit(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ApiError('TOO_MANY_REQUESTS', 'too many requests from this address; try again later')),
  });
}
