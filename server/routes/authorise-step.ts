import type { RequestHandler, Response } from 'express';
import { authoriseRegistration } from '../services/authorisation';
import type { ServiceDeps } from '../services/service-deps';

/** Judges token and path number before the body is even read (API.md: 401, then 403, then 422). */
export function authoriseStep(deps: ServiceDeps): RequestHandler {
  return async (req, res, next) => {
    res.locals.registrationNumber = await authoriseRegistration(deps, req.get('authorization'), String(req.params.registrationNumber ?? ''));
    next();
  };
}

/** The registration number the authorise step granted. */
export function authorisedNumber(res: Response): string {
  return String(res.locals.registrationNumber);
}
