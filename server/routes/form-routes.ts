import { Router } from 'express';
import { methodNotAllowed } from '../http/error-middleware';
import { formSettings } from '../services/form-service';
import type { ServiceDeps } from '../services/service-deps';

/** `GET /api/v1/form`: computed once, since configuration and keys do not change while running. */
export function formRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const body = formSettings(deps);
  router
    .route('/api/v1/form')
    .get((_req, res) => {
      res.status(200).json(body);
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
