import { Router } from 'express';
import { databaseAnswers } from '../db/open-database';
import { ApiError } from '../http/api-error';
import { methodNotAllowed } from '../http/error-middleware';
import type { ServiceDeps } from '../services/service-deps';

/** Liveness, readiness and the OpenAPI document: for load balancers and client authors (/metrics is on the operator listener). */
export function operationsRoutes(deps: ServiceDeps, openApiDocument: unknown): Router {
  const router = Router();
  router
    .route('/healthz')
    .get((_req, res) => {
      res.status(200).json({ status: 'ok' });
    })
    .all(methodNotAllowed(['GET']));
  router
    .route('/readyz')
    .get(async (_req, res) => {
      if (!(await databaseAnswers(deps.db))) throw new ApiError('SERVICE_UNAVAILABLE', 'the database does not answer');
      res.status(200).json({ status: 'ok' });
    })
    .all(methodNotAllowed(['GET']));
  router
    .route('/openapi.json')
    .get((_req, res) => {
      res.status(200).json(openApiDocument);
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
